//! An HTML audit report of a cleaning result: the whole input with every removed span
//! highlighted by category and labelled with its rule, for checking decisions by eye.
//!
//! [`html`] turns a [`Cleaned`] into one self-contained HTML5 page (inline CSS, no
//! scripts, no external resources) that any browser opens from disk:
//!
//! - a header with the title and byline deboil found, and how many bytes were kept and
//!   removed;
//! - a legend: one colour per [`Category`], with the number of spans and bytes each
//!   category and each rule removed, and check boxes that hide a category, all removed
//!   text or the rule labels (pure CSS; without them the page still shows everything);
//! - the input, every byte of it in order: kept text as it is, each removed span on its
//!   category's background with the rule's name in the left margin, and the rule,
//!   category and byte range in its `title` (shown on hover).
//!
//! # Example
//!
//! ```
//! let page = "Storm closes coast road\n\
//!             Subscribe to The Coast Herald\n\
//!             \n\
//!             The coast road was closed on Friday after the storm washed part of it away.\n";
//! let cleaned = deboil::clean(page);
//! let report = deboil::report::html(&cleaned);
//! assert!(report.starts_with("<!DOCTYPE html>"));
//! assert!(report.contains(r#"data-category="subscribe""#));
//! // std::fs::write("report.html", report)?;  // then open it in a browser
//! ```
//!
//! # The page's structure
//!
//! Each removed span is one `<span class="rm c-CATEGORY" data-category="CATEGORY"
//! data-rule="RULE" data-start="START" data-end="END" title="…">` holding the span's text;
//! the kept text between them is plain text; both sit in one `<div class="doc">`. All
//! input text is HTML-escaped, so the text content of that `div` is the input exactly,
//! except that the HTML parser turns `\r\n` and a lone `\r` into `\n`, and that a NUL
//! character (which HTML cannot hold) is shown as `␀` (U+2400) in a `<span class="nul">`.
//! The category colours are fixed (light backgrounds under near-black text, contrast
//! above 10:1; labels and borders in a darker shade of the same hue, at least 7:1 on
//! white), and the rule labels are CSS-generated content, not text, so copying the
//! document copies the input only.
//!
//! Building the page takes time linear in the input and the number of removed spans.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::{Category, Cleaned};

/// Renders `cleaned` as a self-contained HTML5 audit page (see the [module
/// docs](self) for what it shows and how it is structured).
///
/// Works on any result (an empty input, nothing removed, `U+FFFD` from invalid bytes,
/// megabyte-long lines); never panics; time linear in the input.
///
/// ```
/// let text = "Share this article\n\
///             The river rose two metres overnight, and the main road was closed by noon.\n";
/// let cleaned = deboil::clean(text);
/// let page = deboil::report::html(&cleaned);
/// assert!(page.contains(r#"<span class="rm c-share""#));
/// assert!(page.contains("The river rose two metres overnight"));
/// assert!(page.ends_with("</html>\n"));
/// ```
pub fn html(cleaned: &Cleaned<'_>) -> String {
    let input = cleaned.input();
    let removed = cleaned.removed();
    let mut out =
        String::with_capacity(input.len() + input.len() / 16 + 220 * removed.len() + 12_000);

    // Counts per category (in `Category::ALL` order) and per (category, rule).
    let mut by_category = vec![(0usize, 0usize); Category::ALL.len()];
    let mut by_rule: BTreeMap<(usize, &str), (usize, usize)> = BTreeMap::new();
    for r in removed {
        let c = category_index(r.category);
        by_category[c].0 += 1;
        by_category[c].1 += r.span.len();
        let e = by_rule.entry((c, &*r.rule)).or_insert((0, 0));
        e.0 += 1;
        e.1 += r.span.len();
    }
    let removed_bytes: usize = by_category.iter().map(|c| c.1).sum();
    let kept_bytes = input.len().saturating_sub(removed_bytes);
    let title = cleaned.title();
    let byline = cleaned.byline();

    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"deboil ",
    );
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">\n<title>deboil report");
    if let Some(t) = &title {
        out.push_str(": ");
        escape_into(&mut out, t);
    }
    out.push_str("</title>\n<style>\n");
    style_into(&mut out);
    out.push_str(
        "</style>\n</head>\n<body>\n<header>\n<h1>deboil audit report</h1>\n<dl class=\"meta\">\n",
    );

    for (name, value) in [("Title", &title), ("Byline", &byline)] {
        let _ = write!(out, "<dt>{name}</dt>");
        match value {
            Some(v) => {
                out.push_str("<dd>");
                escape_into(&mut out, v);
                out.push_str("</dd>\n");
            }
            None => out.push_str("<dd class=\"none\">none found</dd>\n"),
        }
    }
    let rules = by_rule
        .keys()
        .map(|&(_, rule)| rule)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let _ = write!(
        out,
        "<dt>Input</dt><dd>{} bytes</dd>\n\
         <dt>Kept</dt><dd>{kept_bytes} bytes ({})</dd>\n\
         <dt>Removed</dt><dd>{removed_bytes} bytes ({}) in {} span{} by {rules} rule{}</dd>\n\
         </dl>\n</header>\n",
        input.len(),
        Percent(kept_bytes, input.len()),
        Percent(removed_bytes, input.len()),
        removed.len(),
        plural(removed.len()),
        plural(rules),
    );

    // The legend.
    out.push_str("<section class=\"legend\">\n<h2>Removed, by category and rule</h2>\n");
    if removed.is_empty() {
        out.push_str("<p class=\"none\">Nothing was removed.</p>\n");
    } else {
        out.push_str(
            "<p class=\"toggles\"><label><input type=\"checkbox\" id=\"hide-removed\"> hide removed text</label>\n\
             <label><input type=\"checkbox\" id=\"hide-labels\"> hide rule labels</label></p>\n\
             <table>\n<thead><tr><th>show</th><th>category</th><th class=\"n\">spans</th>\
             <th class=\"n\">bytes</th><th>by rule: spans, bytes</th></tr></thead>\n<tbody>\n",
        );
        let mut rules = by_rule.iter().peekable();
        for (c, &(spans, bytes)) in by_category.iter().enumerate() {
            if spans == 0 {
                continue;
            }
            let name = Category::ALL[c].name();
            let _ = write!(
                out,
                "<tr><td><input type=\"checkbox\" id=\"show-{name}\" checked \
                 aria-label=\"show {name}\"></td><th scope=\"row\"><span class=\"sw c-{name}\"></span>\
                 {name}</th><td class=\"n\">{spans}</td><td class=\"n\">{bytes}</td><td class=\"rules\">"
            );
            let mut first = true;
            while let Some(((_, rule), &(spans, bytes))) = rules.next_if(|((rc, _), _)| *rc == c) {
                if !first {
                    out.push_str(" · ");
                }
                first = false;
                out.push_str("<span class=\"rule\"><code>");
                escape_into(&mut out, rule);
                let _ = write!(out, "</code> {spans}, {bytes}</span>");
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");

    // The document.
    out.push_str("<main>\n<h2>The input</h2>\n<div class=\"doc\">");
    for segment in cleaned.segments() {
        match segment.removal {
            None => escape_into(&mut out, segment.text),
            Some(r) => {
                let name = r.category.name();
                let _ = write!(
                    out,
                    "<span class=\"rm c-{name}\" data-category=\"{name}\" data-rule=\""
                );
                escape_into(&mut out, &r.rule);
                let _ = write!(
                    out,
                    "\" data-start=\"{}\" data-end=\"{}\" title=\"",
                    r.span.start, r.span.end
                );
                escape_into(&mut out, &r.rule);
                let _ = write!(out, " · {name} · bytes {}..{}\">", r.span.start, r.span.end);
                escape_into(&mut out, segment.text);
                out.push_str("</span>");
            }
        }
    }
    out.push_str("</div>\n</main>\n</body>\n</html>\n");
    out
}

/// The page's style sheet: layout, then one colour pair per category and the toggles.
fn style_into(out: &mut String) {
    out.push_str(
        "body{margin:0 auto;max-width:72rem;padding:1rem 1.5rem;font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;background:#fff}\n\
         h1{font-size:1.4rem;margin:.2rem 0 .6rem}\n\
         h2{font-size:1.1rem;margin:1.2rem 0 .5rem}\n\
         dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}\n\
         dl.meta dt{font-weight:600}\n\
         dl.meta dd{margin:0;overflow-wrap:anywhere}\n\
         .none{color:#595959;font-style:italic}\n\
         .legend table{border-collapse:collapse}\n\
         .legend th,.legend td{padding:.1rem .6rem;text-align:left;vertical-align:middle}\n\
         .legend thead th{border-bottom:1px solid #999}\n\
         .legend .rules{overflow-wrap:anywhere}\n\
         .legend .rule{white-space:nowrap}\n\
         .legend code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\n\
         .legend .n{text-align:right;font-variant-numeric:tabular-nums}\n\
         .sw{display:inline-block;width:1.1em;height:1.1em;margin-right:.5em;vertical-align:-.2em;\
         background:var(--bg);border:2px solid var(--fg);box-sizing:border-box}\n\
         .doc{position:relative;padding:.5rem .5rem .5rem 13rem;border:1px solid #999;white-space:pre-wrap;\
         overflow-wrap:anywhere;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\n\
         .rm{display:block;position:relative;background:var(--bg);border-left:4px solid var(--fg);\
         margin-left:-4px}\n\
         .rm+.rm{box-shadow:inset 0 1px 0 #fff}\n\
         .rm::before{content:attr(data-rule);position:absolute;left:-12.6rem;width:12rem;text-align:right;\
         color:var(--fg);font:600 11px/1.85 system-ui,sans-serif;white-space:nowrap;overflow:hidden;\
         text-overflow:ellipsis}\n\
         .nul{color:#ae1313;font-weight:700}\n\
         body:has(#hide-removed:checked) .doc .rm{display:none}\n\
         body:has(#hide-labels:checked) .doc{padding-left:.5rem}\n\
         body:has(#hide-labels:checked) .rm::before{display:none}\n",
    );
    for &c in Category::ALL {
        let (bg, fg) = colours(c);
        let name = c.name();
        let _ = writeln!(out, ".c-{name}{{--bg:{bg};--fg:{fg}}}");
        let _ = writeln!(
            out,
            "body:has(#show-{name}:not(:checked)) .doc .c-{name}{{display:none}}"
        );
    }
}

/// A category's background (under near-black text) and its darker shade (borders,
/// labels on white). Spread over the hue circle so that neighbouring categories on a page
/// (title, byline, metadata; navigation, related, footer) differ; `low-content` is grey.
fn colours(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Title => ("#fac2c2", "#ae1313"),
        Category::Byline => ("#c2fadc", "#0b6535"),
        Category::Metadata => ("#f7c2fa", "#9812a1"),
        Category::Caption => ("#e3fac2", "#3d600b"),
        Category::Image => ("#c2c8fa", "#1428b8"),
        Category::Subscribe => ("#fad6c2", "#933e10"),
        Category::Newsletter => ("#c2faf0", "#0b6051"),
        Category::Share => ("#fac2e9", "#a5127a"),
        Category::Cookie => ("#cffac2", "#20650b"),
        Category::Advert => ("#cfc2fa", "#3b14b8"),
        Category::Navigation => ("#fae9c2", "#6e510c"),
        Category::Related => ("#c2f0fa", "#0d6173"),
        Category::Comments => ("#fac2d6", "#ae134a"),
        Category::Bio => ("#c2fac8", "#0b6516"),
        Category::Footer => ("#e3c2fa", "#7414b8"),
        Category::Repeated => ("#f7fac2", "#575c0a"),
        Category::Url => ("#c2dcfa", "#1257a5"),
        Category::LowContent => ("#dedede", "#595959"),
        Category::Other => ("#e6e2d6", "#605639"),
    }
}

/// The position of `c` in [`Category::ALL`].
fn category_index(c: Category) -> usize {
    Category::ALL.iter().position(|&x| x == c).unwrap_or(0)
}

/// Appends `text` HTML-escaped (safe in text and in double- or single-quoted attributes);
/// NUL, which HTML cannot carry, becomes a visible `␀`.
fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            0 => "<span class=\"nul\" title=\"NUL (U+0000)\">\u{2400}</span>",
            _ => continue,
        };
        // `i` is an ASCII byte, so a char boundary.
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// `part` as a percentage of `whole`, one decimal (`0.0%` of nothing).
struct Percent(usize, usize);

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tenths of a percent, rounded, in integers (exact for any size).
        let tenths = if self.1 == 0 {
            0
        } else {
            (self.0 as u128 * 2000 / self.1 as u128).div_ceil(2)
        };
        write!(f, "{}.{}%", tenths / 10, tenths % 10)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with several categories (navigation, title, byline, share, subscribe,
    /// footer) and text that needs escaping.
    const PAGE: &str = "* [Home](/)\n\
        * [News](/news)\n\
        * [Sport](/sport)\n\
        * [Weather](/weather)\n\
        \n\
        # Storm closes \"coast\" road & <b>bridge</b>\n\
        \n\
        By Omar Reyes\n\
        \n\
        The coast road was closed on Friday after the storm washed part of it away, the county said.\n\
        \n\
        Crews expect to reopen one lane by Monday; drivers should use the inland route <script>alert('x')</script> until then.\n\
        \n\
        Share this article\n\
        Subscribe to The Coast Herald\n\
        \n\
        © 2024 The Coast Herald. All rights reserved. Privacy policy | Terms of use\n";

    /// The text content of the report's document: tags dropped, entities decoded, as a
    /// browser's `textContent` (without the HTML parser's newline normalising).
    fn doc_text(page: &str) -> String {
        let start = page.find("<div class=\"doc\">").expect("doc") + "<div class=\"doc\">".len();
        let end = page[start..].find("</div>").expect("end of doc") + start;
        let mut text = String::new();
        let mut rest = &page[start..end];
        while let Some(i) = rest.find(['<', '&']) {
            text.push_str(&rest[..i]);
            rest = &rest[i..];
            if rest.starts_with('<') {
                rest = &rest[rest.find('>').expect("tag end") + 1..];
            } else {
                let semi = rest.find(';').expect("entity end");
                text.push_str(match &rest[..=semi] {
                    "&amp;" => "&",
                    "&lt;" => "<",
                    "&gt;" => ">",
                    "&quot;" => "\"",
                    "&#39;" => "'",
                    e => panic!("unexpected entity {e}"),
                });
                rest = &rest[semi + 1..];
            }
        }
        text.push_str(rest);
        text
    }

    #[test]
    fn every_removed_span_once_with_its_category_and_the_input_in_order() {
        let cleaned = crate::clean(PAGE);
        let page = html(&cleaned);
        let categories: std::collections::HashSet<_> =
            cleaned.removed().iter().map(|r| r.category).collect();
        assert!(
            categories.len() >= 3,
            "fixture should hit several categories: {categories:?}"
        );
        for r in cleaned.removed() {
            let opening = format!(
                "<span class=\"rm c-{0}\" data-category=\"{0}\" data-rule=\"{1}\" data-start=\"{2}\" data-end=\"{3}\"",
                r.category, r.rule, r.span.start, r.span.end
            );
            assert_eq!(page.matches(&opening).count(), 1, "{opening}");
        }
        assert_eq!(
            page.matches("<span class=\"rm ").count(),
            cleaned.removed().len()
        );
        // Every byte of the input, in order, kept and removed.
        assert_eq!(doc_text(&page), PAGE);
        // The body's lines are all there.
        for line in cleaned.body().lines().filter(|l| !l.is_empty()) {
            let mut escaped = String::new();
            escape_into(&mut escaped, line);
            assert!(page.contains(&escaped), "{line}");
        }
    }

    #[test]
    fn input_text_is_escaped() {
        let cleaned = crate::clean(PAGE);
        let page = html(&cleaned);
        assert!(!page.contains("<script>"));
        assert!(!page.contains("<b>"));
        assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(
            page.contains("Storm closes &quot;coast&quot; road &amp; &lt;b&gt;bridge&lt;/b&gt;")
        );
        // The title in <title> and the header is escaped too.
        let title = cleaned.title().expect("the fixture's headline");
        assert!(title.contains("<b>"), "{title}");
        assert!(page.contains(
            "<title>deboil report: Storm closes &quot;coast&quot; road &amp; &lt;b&gt;bridge&lt;/b&gt;</title>"
        ));
        assert!(page.contains("<dd>By Omar Reyes</dd>"));
    }

    #[test]
    fn escaping_covers_the_special_characters() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c'\0d\u{fffd}é");
        assert_eq!(
            out,
            "a&lt;b&gt;&amp;&quot;c&#39;<span class=\"nul\" title=\"NUL (U+0000)\">\u{2400}</span>d\u{fffd}é"
        );
    }

    #[test]
    fn custom_rules_appear_in_the_legend_and_the_document() {
        // Rule names are restricted to `[A-Za-z0-9._-]` by the builder; they are escaped
        // all the same.
        let cleaner = crate::Cleaner::builder()
            .add_rule("shop.buy-now", Category::Other, r"buy now .*")
            .build()
            .expect("valid rule");
        let text = "The council approved the new bridge on Monday, after a long and heated debate.\nBuy now at <shop> & save!\n";
        let cleaned = cleaner.clean(text);
        assert!(cleaned.removed().iter().any(|r| &*r.rule == "shop.buy-now"));
        let page = html(&cleaned);
        let (start, end) = (text.find("Buy").expect("fixture"), text.len());
        assert!(page.contains(&format!(
            "<span class=\"rm c-other\" data-category=\"other\" data-rule=\"shop.buy-now\" data-start=\"{start}\" data-end=\"{end}\" title=\"shop.buy-now · other · bytes {start}..{end}\">Buy now at &lt;shop&gt; &amp; save!\n</span>"
        )));
        assert!(page.contains(&format!(
            "<td class=\"rules\"><span class=\"rule\"><code>shop.buy-now</code> 1, {}</span></td>",
            end - start
        )));
        assert_eq!(doc_text(&page), text);
    }

    #[test]
    fn tags_balance() {
        for text in [
            PAGE,
            "",
            "\n",
            "x",
            "Share this article\n",
            "\0<\r\n\r&\u{fffd}",
        ] {
            let page = html(&crate::clean(text));
            for tag in [
                "span", "tr", "td", "th", "div", "dd", "dt", "table", "section", "p", "label",
            ] {
                let open = page.matches(&format!("<{tag}>")).count()
                    + page.matches(&format!("<{tag} ")).count();
                let close = page.matches(&format!("</{tag}>")).count();
                assert_eq!(open, close, "<{tag}> in a report of {text:?}");
            }
            assert_eq!(page.matches("<html").count(), 1);
            assert!(page.ends_with("</body>\n</html>\n"));
        }
    }

    #[test]
    fn random_pages_give_the_input_back_with_balanced_spans() {
        // Random pages from pieces that need escaping, break lines or trip rules.
        const PIECES: &[&str] = &[
            "Share this article\n",
            "Subscribe to The Coast Herald\n",
            "* [Home](/)\n",
            "# Storm closes <b>coast</b> road\n",
            "By Omar Reyes\n",
            "The council approved the new bridge on Monday, after a long and heated debate.\n",
            "\n",
            "\r\n",
            "\r",
            "\0",
            "<script>alert('x')</script>",
            "&amp; \"quoted\" it's",
            "\u{fffd}\u{feff}é😀\u{202e}",
            "  \t",
            "https://example.org/a?b=1&c=2\n",
        ];
        let mut next = crate::testing::xorshift(0x5eed_c0de_d00d_f00du64);
        for _ in 0..300 {
            let n = (next() % 40) as usize;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let cleaned = crate::clean(&text);
            let page = html(&cleaned);
            assert_eq!(doc_text(&page), text.replace('\0', "\u{2400}"), "{text:?}");
            assert_eq!(
                page.matches("<span").count(),
                page.matches("</span>").count(),
                "{text:?}"
            );
            assert_eq!(
                page.matches("<span class=\"rm ").count(),
                cleaned.removed().len()
            );
            assert!(!page.contains("<script"), "{text:?}");
        }
    }

    #[test]
    fn empty_input_and_nothing_removed() {
        let page = html(&crate::clean(""));
        assert!(page.contains("<div class=\"doc\"></div>"));
        assert!(page.contains("Nothing was removed."));
        assert!(page.contains("<dt>Kept</dt><dd>0 bytes (0.0%)</dd>"));
        let text =
            "The council approved the new bridge on Monday, after a long and heated debate.\n";
        let cleaned = crate::clean(text);
        if cleaned.removed().is_empty() {
            let page = html(&cleaned);
            assert!(page.contains("Nothing was removed."));
            assert_eq!(doc_text(&page), text);
            assert!(page.contains(&format!(
                "<dt>Kept</dt><dd>{} bytes (100.0%)</dd>",
                text.len()
            )));
        }
    }

    #[test]
    fn counts_per_category_and_rule() {
        let cleaned = crate::clean(PAGE);
        let page = html(&cleaned);
        let removed: usize = cleaned.removed().iter().map(|r| r.span.len()).sum();
        assert!(page.contains(&format!(
            "<dt>Removed</dt><dd>{removed} bytes ({}) in {} spans",
            Percent(removed, PAGE.len()),
            cleaned.removed().len()
        )));
        for &c in Category::ALL {
            let (spans, bytes) = cleaned
                .removed()
                .iter()
                .filter(|r| r.category == c)
                .fold((0, 0), |(n, b), r| (n + 1, b + r.span.len()));
            let row = format!("{c}</th><td class=\"n\">{spans}</td><td class=\"n\">{bytes}</td>");
            assert_eq!(page.contains(&row), spans > 0, "{row}");
        }
    }

    #[test]
    fn percentages() {
        assert_eq!(Percent(0, 0).to_string(), "0.0%");
        assert_eq!(Percent(1, 3).to_string(), "33.3%");
        assert_eq!(Percent(2, 3).to_string(), "66.7%");
        assert_eq!(Percent(3, 3).to_string(), "100.0%");
        assert_eq!(Percent(usize::MAX, usize::MAX).to_string(), "100.0%");
    }

    #[test]
    fn every_category_has_its_own_colours() {
        let mut seen = std::collections::HashSet::new();
        for &c in Category::ALL {
            let (bg, fg) = colours(c);
            assert!(seen.insert(bg) && seen.insert(fg), "{c}");
        }
    }

    /// WCAG contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let luminance = |hex: &str| {
            let v = u32::from_str_radix(&hex[1..], 16).expect("#rrggbb");
            let [r, g, b] = [v >> 16, (v >> 8) & 0xff, v & 0xff].map(|c| {
                let c = f64::from(c) / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            });
            0.2126 * r + 0.7152 * g + 0.0722 * b
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn colours_are_readable_and_documented() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/REPORT.md"))
            .expect("docs/REPORT.md");
        for &c in Category::ALL {
            let (bg, fg) = colours(c);
            // Text (#1b1b1b) on the background; label and border on white and on the
            // background.
            assert!(contrast("#1b1b1b", bg) > 10.0, "{c}");
            assert!(contrast(fg, "#ffffff") >= 7.0, "{c}");
            assert!(contrast(fg, bg) >= 4.5, "{c}");
            let row = format!("| `{c}` | `{bg}` | `{fg}` |");
            assert!(doc.contains(&row), "docs/REPORT.md lacks {row}");
        }
    }

    #[test]
    fn huge_line_and_invalid_bytes() {
        let mut bytes = b"Share this article\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', 1 << 20));
        bytes.extend(b"\xff\xfe<\n");
        // Invalid bytes decoded lossily, as the command does.
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains('\u{fffd}'));
        let page = html(&crate::clean(&text));
        assert_eq!(doc_text(&page), text);
    }
}
