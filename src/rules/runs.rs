//! Runs of teasers after the article: the same shape of line repeated, decided as one
//! block rather than line by line.
//!
//! A news page often ends with lists of other stories: headlines each followed by its
//! byline and date, or any list of items under a "Related articles" or "More stories"
//! header. Each teaser on its own looks like a short line of the article (a heading, a
//! sentence); the repetition of one shape, after the article's prose, is what gives the
//! run away.

use std::sync::LazyLock;

use regex::Regex;

use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::text::{self, Images};
use crate::Category;

/// Removes, after the article's prose, runs of lines that repeat one shape at least
/// [`MIN_REPEATS`] times (a period of one to [`MAX_PERIOD`] lines): teasers whose every
/// item carries a date or byline (a line an earlier rule removed, a date alone, or a date
/// ending the headline: a dated headline list), teasers whose every item has an excerpt
/// cut short ("…", "[…]") under a headline or a date, and items right under a
/// related-content or comments header (removed by an earlier rule, or a short "More
/// stories" line, which goes with them): a list of headlines, or items separated by
/// removed lines. See
/// [`Shape`] for how a line is classed. It runs after the line classifier, whose
/// removals it reads as text, and removes the run's lines the classifier kept (the
/// classifier's training rows are the lines open before it, so this rule leaves them
/// as they were).
#[derive(Debug)]
pub(crate) struct TeaserRun;

/// Longest period of a run, in text lines.
const MAX_PERIOD: usize = 4;

/// Repeats a run of period two or more needs (period one needs one more).
const MIN_REPEATS: usize = 3;

/// Prose words (lines of ten words or more) that must come before a run: the article.
const MIN_PROSE_BEFORE: usize = 50;

/// Words of the longest prose line before a run: an article has a full paragraph.
const MIN_PARAGRAPH_BEFORE: usize = 30;

/// Most words of a headline line.
const HEADLINE_WORDS: usize = 20;

/// Words from which a line is a paragraph: a run never holds one.
const LONG_WORDS: usize = 60;

/// Most words of a sentence in a run found without a header (a teaser's summary is one
/// sentence; comments and forum posts are longer).
const SUMMARY_WORDS: usize = 40;

/// Without a header, the article's prose words before a run must be at least this share
/// of the run's own words (a listing of dated headlines after a short intro is the page).
const ARTICLE_SHARE: f32 = 0.5;

/// Words in all the page's runs (headlines and sentences), as a multiple of its article
/// prose, above which the page is a listing and no run goes.
const LISTING_RATIO: f32 = 2.0;

/// How many text lines before a run its header may sit.
const HEADER_REACH: usize = 2;

/// A gallery or list counter at the start of a line ("3/12", "3 of 12").
static COUNTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\W*\d{1,3}\s*(?:/|of)\s*\d{1,3}\b").expect("valid regex"));

/// Whether the first letter or digit of the line is a digit: the only lines
/// [`COUNTER`] can match, so most lines skip the regex.
fn starts_with_digit(line: &str) -> bool {
    line.chars()
        .find(|c| c.is_alphanumeric() || *c == '_')
        .is_some_and(char::is_numeric)
}

/// The shape of a text line, as far as runs go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Removed by an earlier rule as a byline or metadata (a date), a counter, or a date
    /// alone ([`TRAILING_DATE`] with fewer than [`DATED_HEADLINE_WORDS`] words before it).
    Meta,
    /// Removed by an earlier rule as a related-content or comments header, or a short
    /// related-content header read from the text ([`RELATED_HEADER`]).
    Header,
    /// Removed by an earlier rule for another reason (a share prompt, a repeated line),
    /// or without words.
    Decided,
    /// Open, at most [`HEADLINE_WORDS`] words, not ending like a sentence (a question
    /// mark aside): a headline.
    Headline,
    /// Open, a sentence or a longer line.
    Sentence,
    /// Open, more than [`LONG_WORDS`] words, or protected by an earlier rule.
    Long,
    /// Open, at most [`LONG_WORDS`] words, cut short with a truncation mark (`…`, `...`,
    /// `[…]`): a teaser's excerpt.
    Excerpt,
    /// Open, a headline that ends with its own date or age ("… 6 hours ago", "… March
    /// 3, 2024"): a dated teaser on one line.
    Dated,
}

/// Whether a line ends with a truncation mark (`…`, `...`, `[…]`, `[...]`, `(…)`): a text
/// cut short, as teasers cut their excerpt.
fn ends_truncated(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ']' | ')'));
    t.ends_with('…') || t.ends_with("...")
}

/// A date or an age at the end of a line ("6 hours ago", "~3 days ago", "March 3, 2024",
/// "3 Mar 2024", "03/03/2024"), a date perhaps followed by its time ("19 Nov 2019,
/// 9:25pm").
static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:
            \b\d{1,3}\s*(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago
          | \b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
          | \b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?,?\s+\d{4}
          | \b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}
        )
        (?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?
        \W*$",
    )
    .expect("valid regex")
});

/// Whether the line's last letter or digit is an ASCII digit, or it ends "ago" or with a
/// time of day ("9:25pm", "9.25 a.m."): the lines
/// [`TRAILING_DATE`] is tried on, so most lines skip the regex (a date followed by a
/// number sign such as "²" is passed over).
fn may_end_with_date(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| !c.is_alphanumeric());
    let b = t.as_bytes();
    let ends = |s: &[u8]| b.len() >= s.len() && b[b.len() - s.len()..].eq_ignore_ascii_case(s);
    // A time of day after the date ("…, 9:25pm", "… 9.25 a.m.").
    let clock = (ends(b"am") || ends(b"pm") || ends(b"a.m") || ends(b"p.m"))
        && t[..t.len() - if ends(b".m") { 3 } else { 2 }]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit());
    t.ends_with(|c: char| c.is_ascii_digit()) || ends(b"ago") || clock
}

/// Words a line needs before its trailing date to be a dated headline rather than a
/// date alone.
const DATED_HEADLINE_WORDS: usize = 3;

/// A short header over a list of other stories ("More stories", "Next up in Science",
/// "You may also like"), read from the text when no earlier rule removed it.
static RELATED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:
            (?:more|other|latest|top|popular|trending|recommended|related|similar|recent)\b.{0,40}\b(?:stories|articles|news|posts|reads|videos|headlines)
          | next\s+up\b.*
          | most\s+(?:popular|read|viewed|shared|recent)\b.*
          | you\s+(?:may|might|will)\s+(?:also\s+)?(?:like|love|enjoy|be\s+interested\s+in)\b.*
          | (?:read|see)\s+(?:also|next)\b.*
          | also\s+read\b.*
          | what\s+to\s+read\s+next\b.*
          | don'?t\s+miss\b.*
        )\W*$",
    )
    .expect("valid regex")
});

/// Whether the line's first letter or digit can open a [`RELATED_HEADER`]: an ASCII
/// letter that one of its phrases starts with (any case), or a character outside ASCII
/// (`(?i)` lets `ſ` stand for `s`). Only `\W` characters come before the phrase, and no
/// ASCII letter or digit is one, so most lines skip the regex.
fn may_open_related_header(line: &str) -> bool {
    line.bytes()
        .find(|b| b.is_ascii_alphanumeric() || !b.is_ascii())
        .is_some_and(|b| !b.is_ascii() || b"adlmnoprstwy".contains(&(b | 0x20)))
}

/// Most words of a header read by [`RELATED_HEADER`].
const HEADER_WORDS: usize = 8;

/// Whether a line ends like a sentence (`.`, `!`, `?`, `…`, `;`, `。`, a closing quote or
/// bracket after one).
fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_')
    });
    t.ends_with(['.', '!', '?', '…', '。', ';'])
}

/// The shape of line `i` and its words (lines read by their text only, else 0). Lines
/// the rule just before this one (`previous`: the line classifier, in the default order)
/// removed are read by their text like open lines: that rule judged them one by one,
/// this one judges the run they make.
fn shape(doc: &Doc<'_>, i: usize, previous: Option<RuleId>) -> (Shape, usize) {
    match doc.mark(i) {
        Mark::Remove(r, _) if Some(r) == previous => {}
        Mark::Remove(_, Category::Byline | Category::Metadata) => return (Shape::Meta, 0),
        Mark::Remove(_, Category::Related | Category::Comments) => return (Shape::Header, 0),
        Mark::Remove(..) => return (Shape::Decided, 0),
        Mark::Keep(_) => return (Shape::Long, 0),
        Mark::Open => {}
    }
    let plain = doc.plain(i, Images::Alt);
    let words = doc.visible_words(i);
    let headline = words <= HEADLINE_WORDS && (!ends_sentence(&plain) || plain.ends_with('?'));
    let shape = if starts_with_digit(&plain) && COUNTER.is_match(&plain) {
        Shape::Meta
    } else if words == 0 {
        Shape::Decided
    } else if words > LONG_WORDS {
        Shape::Long
    } else if ends_truncated(&plain) {
        Shape::Excerpt
    } else if words <= HEADER_WORDS
        && headline
        && may_open_related_header(&plain)
        && RELATED_HEADER.is_match(&plain)
    {
        Shape::Header
    } else if words <= HEADLINE_WORDS + 6
        && may_end_with_date(&plain)
        && TRAILING_DATE.is_match(&plain)
    {
        let date = TRAILING_DATE.find(&plain).map_or(0, |m| m.start());
        if text::word_count(&plain[..date]) >= DATED_HEADLINE_WORDS {
            Shape::Dated
        } else {
            Shape::Meta
        }
    } else if headline {
        Shape::Headline
    } else {
        Shape::Sentence
    };
    (shape, words)
}

/// Whether a run of `pattern` repeated, `header` when a header sits just above it, is a
/// run of teasers.
fn is_teaser_pattern(pattern: &[Shape], header: bool) -> bool {
    let has = |s: Shape| pattern.contains(&s);
    if has(Shape::Long) || has(Shape::Header) {
        return false;
    }
    if !has(Shape::Headline) && !has(Shape::Sentence) && !has(Shape::Excerpt) && !has(Shape::Dated)
    {
        return false;
    }
    // Each item dated or signed: a dated headline list.
    let dated =
        has(Shape::Dated) || has(Shape::Meta) && (has(Shape::Headline) || has(Shape::Excerpt));
    // Each item's text cut short: excerpts, with their headlines or dates.
    let excerpted = has(Shape::Excerpt) && (has(Shape::Headline) || has(Shape::Meta));
    // Under a header: a list of headlines, or items separated by removed lines.
    let listed = header && (has(Shape::Decided) || pattern.iter().all(|&s| s == Shape::Headline));
    dated || excerpted || listed
}

impl Rule for TeaserRun {
    fn name(&self) -> &str {
        "teaser-run"
    }
    fn category(&self) -> Category {
        Category::Related
    }
    fn description(&self) -> &str {
        "after the article, the lines the classifier kept of a run of teasers repeating one shape three times or more: headlines each with a date or byline, headlines each with an excerpt cut short (\"…\"), or items under a \"Related\", \"More stories\" or comments header"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        if !may_have_prose(doc) {
            return;
        }
        let n = lines.len();
        // Words as `u32` and sums saturating (issue 24: a document of one-byte lines held
        // 27 bytes a line here; only a document of 4 billion words could saturate).
        let w32 = |w: usize| u32::try_from(w).unwrap_or(u32::MAX);
        let (shapes, words): (Vec<Shape>, Vec<u32>) = lines
            .iter()
            .map(|&i| {
                let (s, w) = shape(doc, i, id.checked_sub(1));
                (s, w32(w))
            })
            .unzip();
        let runs = periodic_runs(&shapes);
        // The article's prose: lines of ten words or more outside every run (a teaser's
        // summary is no article prose for the runs after it).
        let mut in_run = vec![false; n];
        for r in &runs {
            in_run[r.start..=r.end].fill(true);
        }
        let article = |k: usize| {
            let prose = !in_run[k] && matches!(shapes[k], Shape::Sentence | Shape::Long);
            if prose && words[k] >= 10 {
                words[k]
            } else {
                0
            }
        };
        // For each text line, the text line where its section ends: the next header an
        // earlier rule removed as related content or comments, or the end.
        let previous = id.checked_sub(1);
        let mut section_end = vec![c32(n); n];
        for k in (0..n.saturating_sub(1)).rev() {
            section_end[k] = if removed_header(doc, lines[k + 1], previous) {
                c32(k + 1)
            } else {
                section_end[k + 1]
            };
        }
        // Prose words and the longest prose line before the text lines where runs start,
        // where they end (one past), where their sections end and at the end, in one
        // sweep (issue 24: not two tables of 4 bytes a line).
        let mut at: Vec<usize> = runs
            .iter()
            .flat_map(|r| [r.start, r.end + 1, section_end[r.end] as usize])
            .collect();
        at.push(n);
        at.sort_unstable();
        at.dedup();
        let mut sums = Vec::with_capacity(at.len());
        let (mut words_before, mut longest_before, mut q) = (0u32, 0u32, 0);
        for k in 0..=n {
            while at.get(q) == Some(&k) {
                sums.push((words_before, longest_before));
                q += 1;
            }
            if k < n {
                let a = article(k);
                words_before = words_before.saturating_add(a);
                longest_before = longest_before.max(a);
            }
        }
        // (Prose words, longest prose line) before text line `k`, one of `at`.
        let before_line = |k: usize| at.binary_search(&k).map_or((0, 0), |q| sums[q]);
        let prose = |k: usize| before_line(k).0;
        let longest = |k: usize| before_line(k).1;
        // A page whose runs outweigh its article is a listing or a collection of
        // teasers: the runs are its content.
        let run_words: usize = (0..n)
            .filter(|&k| in_run[k] && is_text(shapes[k]))
            .map(|k| words[k] as usize)
            .sum();
        if run_words as f32 > LISTING_RATIO * prose(n) as f32 {
            return;
        }
        let mut remove = vec![false; n];
        for r in &runs {
            let (start, end) = (r.start, r.end);
            let before = prose(start) as usize;
            if before < MIN_PROSE_BEFORE || (longest(start) as usize) < MIN_PARAGRAPH_BEFORE {
                continue;
            }
            // More article prose after the run than before it: the run is inside the
            // article (a list of the books it cites, each with its author). Prose past
            // the next header an earlier rule removed as related content or comments is
            // another section's (captions of a "Most read" block), not the article's.
            if (prose(section_end[end] as usize) - prose(end + 1)) as usize > before {
                continue;
            }
            if !r.header {
                let run = start..=end;
                let open_words: usize = run
                    .clone()
                    .filter(|&j| is_text(shapes[j]))
                    .map(|j| words[j] as usize)
                    .sum();
                let longest_sentence = run
                    .filter(|&j| shapes[j] == Shape::Sentence)
                    .map(|j| words[j] as usize)
                    .max()
                    .unwrap_or(0);
                if (before as f32) < ARTICLE_SHARE * open_words as f32
                    || longest_sentence > SUMMARY_WORDS
                {
                    continue;
                }
            }
            remove[start..=end].fill(true);
            // A header read from the text goes with its run.
            for h in start.saturating_sub(HEADER_REACH)..start {
                if shapes[h] == Shape::Header {
                    remove[h] = true;
                }
            }
        }
        for (k, &i) in lines.iter().enumerate() {
            if remove[k] && doc.is_open(i) {
                doc.remove(i, id, Category::Related);
            }
        }
        after_section(doc, &lines, id, previous);
    }
}

/// Article prose words (kept lines of ten words or more) a page needs before a
/// related-content header for [`after_section`] to read what follows as the page's tail.
const TAIL_PROSE_BEFORE: u32 = 200;

/// Most article prose after the header, as a share of the prose before it.
const TAIL_PROSE_SHARE: f32 = 0.2;

/// Most words of any kept line after the header: a longer line is a paragraph, so the
/// article (or a section of it) goes on, and nothing is removed.
const TAIL_LINE_WORDS: usize = 40;

/// The section after the article as one block: past the first header removed as related
/// content ("Don't miss", "More from the section", a run of teasers this rule removed)
/// that has at least [`TAIL_PROSE_BEFORE`] words of article prose above it and at most
/// [`TAIL_PROSE_SHARE`] of that below it, when no kept line below holds more than
/// [`TAIL_LINE_WORDS`] words, every open line below goes (teasers in shapes the runs do
/// not catch: a caption and a headline, a kicker and a headline, a list of headlines
/// with no header of its own). The line classifier's own removals (`previous`) are no
/// header: it removes by score, not by a header's words.
fn after_section(doc: &mut Doc<'_>, lines: &[usize], id: RuleId, previous: Option<RuleId>) {
    let kept_words = |i: usize| {
        if doc.is_removed(i) {
            0
        } else {
            doc.visible_words(i)
        }
    };
    let prose_of = |i: usize| {
        let w = kept_words(i);
        if w >= 10 {
            u32::try_from(w).unwrap_or(u32::MAX)
        } else {
            0
        }
    };
    let total = lines
        .iter()
        .fold(0u32, |a, &i| a.saturating_add(prose_of(i)));
    let mut before = 0u32;
    let mut header = None;
    for (k, &i) in lines.iter().enumerate() {
        if removed_header(doc, i, previous)
            && matches!(doc.mark(i), Mark::Remove(_, Category::Related))
            && before >= TAIL_PROSE_BEFORE
            && (total - before) as f32 <= TAIL_PROSE_SHARE * before as f32
        {
            header = Some(k);
            break;
        }
        before = before.saturating_add(prose_of(i));
    }
    let Some(k) = header else {
        return;
    };
    let tail = &lines[k + 1..];
    if tail.iter().any(|&i| kept_words(i) > TAIL_LINE_WORDS) {
        return;
    }
    for &i in tail {
        if doc.is_open(i) && doc.visible_words(i) > 0 {
            doc.remove(i, id, Category::Related);
        }
    }
}

/// Whether the document may hold the article prose that [`TeaserRun`] needs
/// before it removes anything: [`MIN_PROSE_BEFORE`] words before a run, and
/// [`TAIL_PROSE_BEFORE`] (more) before a header for [`after_section`]. Prose is counted in
/// lines of ten words or more, and a word takes a byte or more of its line, so a page
/// whose lines of ten bytes or more hold fewer than [`MIN_PROSE_BEFORE`] bytes in all has
/// none to count (issue 24: a page of tiny lines paid about 300 instructions a line for
/// the rule's tables).
fn may_have_prose(doc: &Doc<'_>) -> bool {
    const _: () = assert!(MIN_PROSE_BEFORE as u32 <= TAIL_PROSE_BEFORE);
    // The lines of ten bytes or more are the document's long lines (non-blank).
    const _: () = assert!(crate::doc::LONG_LINE_BYTES == 10);
    let mut bytes = 0;
    doc.long_lines().any(|i| {
        bytes += doc.line_len(i);
        bytes >= MIN_PROSE_BEFORE
    })
}

/// Whether an earlier rule than `previous` removed line `i` as a related-content or
/// comments header.
fn removed_header(doc: &Doc<'_>, i: usize, previous: Option<RuleId>) -> bool {
    match doc.mark(i) {
        Mark::Remove(r, Category::Related | Category::Comments) => Some(r) != previous,
        _ => false,
    }
}

/// `n` as a `u32` (saturating: a document of 4 G text lines is 8 GiB or more).
fn c32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether lines of this shape are read by their words (teaser text).
fn is_text(s: Shape) -> bool {
    matches!(
        s,
        Shape::Headline | Shape::Sentence | Shape::Excerpt | Shape::Dated
    )
}

/// A run of text lines repeating one shape (see [`periodic_runs`]).
#[derive(Clone, Copy, Debug)]
struct Run {
    /// Its first and last text line (indices into the text lines).
    start: usize,
    end: usize,
    /// Whether a related-content or comments header sits just above it.
    header: bool,
}

/// The runs of `shapes` whose pattern (one to [`MAX_PERIOD`] lines) repeats
/// [`MIN_REPEATS`] times or more and reads as teasers ([`is_teaser_pattern`]). One pass
/// a period: linear.
fn periodic_runs(shapes: &[Shape]) -> Vec<Run> {
    let n = shapes.len();
    let mut runs = Vec::new();
    for p in 1..=MAX_PERIOD {
        let mut k = p;
        while k < n {
            if shapes[k] != shapes[k - p] || shapes[k] == Shape::Header {
                k += 1;
                continue;
            }
            let start = k - p;
            let mut end = k;
            while end + 1 < n
                && shapes[end + 1] == shapes[end + 1 - p]
                && shapes[end + 1] != Shape::Header
            {
                end += 1;
            }
            k = end + 1;
            let pattern = &shapes[start..start + p];
            // A period made of one shape is the period-one run.
            if p > 1 && pattern.iter().all(|&s| s == pattern[0]) {
                continue;
            }
            let repeats = (end + 1 - start) / p;
            if repeats < MIN_REPEATS + usize::from(p == 1) {
                continue;
            }
            let header = shapes[start.saturating_sub(HEADER_REACH)..start].contains(&Shape::Header);
            if is_teaser_pattern(pattern, header) {
                runs.push(Run { start, end, header });
            }
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};
    use crate::rules::Rule;

    /// Stands in for the line classifier, the rule before [`TeaserRun`]: removes, as low
    /// content, the lines that start with `~` (none unless a test writes them).
    #[derive(Debug)]
    struct StandIn;

    impl Rule for StandIn {
        fn name(&self) -> &str {
            "stand-in"
        }
        fn category(&self) -> Category {
            Category::LowContent
        }
        fn description(&self) -> &str {
            "removes lines starting with ~"
        }
        fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
            for i in 0..doc.len() {
                if doc.line(i).starts_with('~') {
                    doc.remove(i, id, Category::LowContent);
                }
            }
        }
    }

    fn run(text: &str) -> Doc<'_> {
        let rules: Vec<Box<dyn Rule>> = vec![Box::new(StandIn), Box::new(TeaserRun)];
        run_after_phrases(text, rules)
    }

    #[test]
    fn tiny_lines_build_no_table() {
        // A page of lines of a byte or two (issue 24) has no prose: the rule reads each
        // line's length once and builds none of its per-line tables.
        let text: String = (0..20_000)
            .map(|k| ["a\n", "b.\n", "\n", "-\n", "~1\n"][k % 5])
            .collect();
        let doc = Doc::new(&text);
        assert!(!may_have_prose(&doc));
        assert_eq!(doc.long_lines().count(), 0);
        // Nor do a few longer lines, under the prose a run needs before it.
        let text = format!("{text}Nine words are not yet one line of prose.\n");
        assert!(!may_have_prose(&Doc::new(&text)));
        // Five lines of ten one-letter words are prose enough to be counted.
        let prose = "a b c d e f g h i j\n".repeat(5);
        let doc = Doc::new(&prose);
        assert!(may_have_prose(&doc));
    }

    #[test]
    fn lines_the_rule_before_removed_count_by_their_text() {
        // The classifier removed two teasers of the three: the run is still seen, and
        // the one it kept goes.
        let mut text = String::from(ARTICLE);
        for (h, d) in [
            ("~Ferry timetable changes for the winter", "March 3, 2024"),
            ("New lifeboat crew members sworn in", "March 2, 2024"),
            ("~Fish market reopens after the floods", "March 1, 2024"),
        ] {
            text.push_str(&format!("\n{h}\n{d}\n"));
        }
        let doc = run(&text);
        let i = line_of(&doc, "New lifeboat crew members sworn in");
        assert_eq!(category(&doc, i), Some(Category::Related));
        // The stand-in's removals keep their rule and category.
        let j = line_of(&doc, "~Fish market reopens after the floods");
        assert_eq!(category(&doc, j), Some(Category::LowContent));
    }

    /// An article of two full paragraphs.
    const ARTICLE: &str = "The harbour board met on Tuesday evening to settle the question of the old sea wall, which has been cracking along its northern stretch since the storms of last winter and now worries every fisherman in town.\n\nAfter two hours of debate the members agreed to repair the wall in stages, starting with the worst section next spring, and to ask the county for help with the cost of the later work on the southern end.\n";

    fn line_of(doc: &Doc<'_>, needle: &str) -> usize {
        (0..doc.len())
            .find(|&i| doc.line(i) == needle)
            .expect("line present")
    }

    #[test]
    fn dated_headline_list_after_the_article_goes() {
        let mut text = String::from(ARTICLE);
        for (h, d) in [
            ("Ferry timetable changes for the winter", "March 3, 2024"),
            ("New lifeboat crew members sworn in", "March 2, 2024"),
            ("Fish market reopens after the floods", "March 1, 2024"),
        ] {
            text.push_str(&format!("\n{h}\n{d}\n"));
        }
        let doc = run(&text);
        for h in [
            "Ferry timetable changes for the winter",
            "New lifeboat crew members sworn in",
            "Fish market reopens after the floods",
        ] {
            assert_eq!(
                category(&doc, line_of(&doc, h)),
                Some(Category::Related),
                "{h}"
            );
        }
        // The article stays.
        assert!(doc.is_open(0));
    }

    #[test]
    fn headlines_under_a_related_header_go() {
        let mut text = String::from(ARTICLE);
        text.push_str("\nRelated Articles\n");
        for h in [
            "Ferry timetable changes for the winter",
            "New lifeboat crew members sworn in",
            "Fish market reopens after the floods",
            "Sea wall repairs begin in the spring",
        ] {
            text.push_str(&format!("{h}\n"));
        }
        let doc = run(&text);
        let i = line_of(&doc, "Sea wall repairs begin in the spring");
        assert_eq!(category(&doc, i), Some(Category::Related));
        assert_eq!(
            category(
                &doc,
                line_of(&doc, "Ferry timetable changes for the winter")
            ),
            Some(Category::Related)
        );
    }

    #[test]
    fn headlines_each_under_a_date_and_time_go() {
        let mut text = String::from(ARTICLE);
        for (d, h) in [
            (
                "1. 20 Nov 2019, 9:42am",
                "Ferry timetable changes for the winter",
            ),
            (
                "2. 19 Nov 2019, 9:25pm",
                "New lifeboat crew members sworn in",
            ),
            (
                "3. 18 Nov 2019, 4:33 p.m.",
                "Fish market reopens after the floods",
            ),
        ] {
            text.push_str(&format!("\n{d}\n{h}\n"));
        }
        let doc = run(&text);
        for h in [
            "Ferry timetable changes for the winter",
            "Fish market reopens after the floods",
        ] {
            assert_eq!(
                category(&doc, line_of(&doc, h)),
                Some(Category::Related),
                "{h}"
            );
        }
        assert!(doc.is_open(0));
    }

    #[test]
    fn a_time_of_day_alone_is_no_date() {
        assert!(may_end_with_date("Doors open at 9:25pm"));
        assert!(!TRAILING_DATE.is_match("Doors open at 9:25pm"));
        assert!(TRAILING_DATE.is_match("Posted 19 Nov 2019, 9:25pm"));
        assert!(!may_end_with_date("Meet me at the dam"));
    }

    /// An article of eight full paragraphs (over 300 words of prose).
    fn long_article() -> String {
        [ARTICLE, ARTICLE, ARTICLE, ARTICLE].concat()
    }

    /// Teasers in a shape no run catches: a photo caption over each headline.
    const KICKERS: [&str; 6] = [
        "A crew member checks the ropes on the north pier before the evening sailing.",
        "Ferry timetable changes for the winter",
        "Clouds gather over the bay as the first of the autumn storms comes in from the west.",
        "A wet week ahead for the whole coast",
        "The club's eight crosses the line a length clear of the visitors from the south.",
        "The rowing club wins its first regatta",
    ];

    #[test]
    fn what_follows_a_related_header_after_the_article_goes() {
        let mut text = long_article();
        text.push_str("\nMore stories\n");
        for k in KICKERS {
            text.push_str(&format!("{k}\n"));
        }
        let doc = run(&text);
        for k in KICKERS {
            assert_eq!(
                category(&doc, line_of(&doc, k)),
                Some(Category::Related),
                "{k}"
            );
        }
        assert!(doc.is_open(0));
    }

    #[test]
    fn a_paragraph_after_the_related_header_keeps_the_tail() {
        // A related link inside the article: a full paragraph follows it, so the
        // article goes on and nothing below the header goes.
        let mut text = long_article();
        text.push_str("\nMore stories\n");
        for k in KICKERS {
            text.push_str(&format!("{k}\n"));
        }
        text.push_str("The board will meet again in the new year to look at the bids from the three firms that have asked to do the work, and it has promised to publish every one of them, with their prices, before it makes its choice, so that the town can see how the money will be spent.\n");
        let doc = run(&text);
        for k in KICKERS {
            assert!(doc.is_open(line_of(&doc, k)), "{k}");
        }
    }

    #[test]
    fn a_related_header_above_most_of_the_article_cuts_nothing() {
        // A short intro, the header, then the article: the prose after outweighs it.
        let mut text = String::from(ARTICLE);
        text.push_str("\nMore stories\n");
        for k in KICKERS {
            text.push_str(&format!("{k}\n"));
        }
        text.push_str(&long_article());
        let doc = run(&text);
        for k in KICKERS {
            assert!(doc.is_open(line_of(&doc, k)), "{k}");
        }
    }

    #[test]
    fn three_headlines_without_header_or_dates_stay() {
        // Sub-headings, each over a sentence: the article's own sections.
        let mut text = String::from(ARTICLE);
        for h in ["The north wall", "The south wall", "The cost"] {
            text.push_str(&format!(
                "\n{h}\nThe members looked at the figures for this part of the wall with care.\n"
            ));
        }
        let doc = run(&text);
        for i in 0..doc.len() {
            assert!(!doc.is_removed(i), "line {i} removed: {}", doc.line(i));
        }
    }

    #[test]
    fn no_article_before_means_no_run() {
        // A listing of dated headlines is the page itself.
        let mut text = String::new();
        for (h, d) in [
            ("Ferry timetable changes for the winter", "March 3, 2024"),
            ("New lifeboat crew members sworn in", "March 2, 2024"),
            ("Fish market reopens after the floods", "March 1, 2024"),
            ("Sea wall repairs begin in the spring", "February 28, 2024"),
        ] {
            text.push_str(&format!("{h}\n{d}\n\n"));
        }
        let doc = run(&text);
        let i = line_of(&doc, "Ferry timetable changes for the winter");
        assert!(doc.is_open(i));
    }

    #[test]
    fn a_long_dated_list_after_a_short_intro_stays() {
        // The run outweighs the prose before it: a listing with an intro, not a tail.
        let mut text = String::from(ARTICLE);
        for k in 0..20 {
            text.push_str(&format!(
                "\nNotice number {k} about the works on the harbour front today\nMarch {}, 2024\n",
                k + 1
            ));
        }
        let doc = run(&text);
        let i = line_of(
            &doc,
            "Notice number 3 about the works on the harbour front today",
        );
        assert!(doc.is_open(i));
    }

    #[test]
    fn a_dated_list_inside_the_article_stays() {
        // The books the article cites, each with its author, then more of the article.
        let mut text = String::from(ARTICLE);
        for (h, d) in [
            ("A History of the Northern Coast", "By Ann Lee"),
            ("Walls Against the Sea", "By Omar Reyes"),
            ("The Harbour Towns of the North", "By Lena Morrow"),
        ] {
            text.push_str(&format!("\n{h}\n{d}\n"));
        }
        text.push('\n');
        text.push_str(ARTICLE);
        text.push('\n');
        text.push_str(ARTICLE);
        let doc = run(&text);
        let i = line_of(&doc, "Walls Against the Sea");
        assert!(doc.is_open(i));
    }

    #[test]
    fn excerpts_cut_short_under_headlines_go() {
        let mut text = String::from(ARTICLE);
        text.push_str("\nFrom the blog\n");
        for (h, e) in [
            (
                "Winter hours at the museum",
                "From December the museum opens an hour later on […]",
            ),
            (
                "A new guide to the coast path",
                "Our walkers spent the summer mapping every stile and…",
            ),
            (
                "Volunteers wanted for the dig",
                "The society needs help with the trenches on the...",
            ),
        ] {
            text.push_str(&format!("{h}\n{e}\n"));
        }
        let doc = run(&text);
        for l in [
            "A new guide to the coast path",
            "The society needs help with the trenches on the...",
        ] {
            assert_eq!(
                category(&doc, line_of(&doc, l)),
                Some(Category::Related),
                "{l}"
            );
        }
        assert!(doc.is_open(0));
    }

    #[test]
    fn sections_with_full_sentences_stay() {
        // The same headline-and-line shape, but each paragraph ends its sentence: the
        // article's own sections, once with a trailing ellipsis in a quote.
        let mut text = String::from(ARTICLE);
        for (h, p) in [
            (
                "The north wall",
                "The members looked at the figures for this part of the wall.",
            ),
            (
                "The south wall",
                "One member said the wall was fine and that was that.",
            ),
            (
                "The cost",
                "Nobody at the table could say where the money would come from...",
            ),
        ] {
            text.push_str(&format!("\n{h}\n{p}\n"));
        }
        let doc = run(&text);
        for i in 0..doc.len() {
            assert!(!doc.is_removed(i), "line {i} removed: {}", doc.line(i));
        }
    }

    #[test]
    fn headlines_ending_with_their_age_go() {
        let mut text = String::from(ARTICLE);
        for h in [
            "Ferry timetable changes for the winter ~2 hours ago",
            "New lifeboat crew members sworn in 5 hours ago",
            "Fish market reopens after the floods 1 day ago",
            "Sea wall repairs begin in the spring 3 days ago",
        ] {
            text.push_str(&format!("\n{h}"));
        }
        let doc = run(&text);
        let i = line_of(&doc, "Fish market reopens after the floods 1 day ago");
        assert_eq!(category(&doc, i), Some(Category::Related));
        // Dated lines inside the article, between its paragraphs, are no run.
        let mut text = String::from(ARTICLE);
        for d in [
            "Monday, March 3, 2024",
            "Tuesday, March 4, 2024",
            "Wednesday, March 5, 2024",
        ] {
            text.push_str(&format!(
                "\nThe board met again on this day: {d}\n{ARTICLE}"
            ));
        }
        let doc = run(&text);
        for i in 0..doc.len() {
            assert!(!doc.is_removed(i), "line {i} removed: {}", doc.line(i));
        }
    }

    #[test]
    fn a_more_stories_line_heads_a_list() {
        let mut text = String::from(ARTICLE);
        text.push_str("\nMore Great Harbour Stories\n");
        for h in [
            "Ferry timetable changes for the winter",
            "New lifeboat crew members sworn in",
            "Fish market reopens after the floods",
            "Sea wall repairs begin in the spring",
        ] {
            text.push_str(&format!("{h}\n"));
        }
        let doc = run(&text);
        for l in [
            "More Great Harbour Stories",
            "Sea wall repairs begin in the spring",
        ] {
            assert_eq!(
                category(&doc, line_of(&doc, l)),
                Some(Category::Related),
                "{l}"
            );
        }
        // The same list under a heading of the article's own stays.
        let text = text.replace("More Great Harbour Stories", "What the board decided");
        let doc = run(&text);
        for i in 0..doc.len() {
            assert!(!doc.is_removed(i), "line {i} removed: {}", doc.line(i));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_related_header_gate_passes_every_header(
            before in "[ \\-*#:.!?«»“”—|>•]{0,3}",
            phrase in proptest::sample::select(vec![
                "more stories", "other news", "latest posts", "top headlines", "popular reads",
                "trending videos", "recommended articles", "related stories", "similar posts",
                "recent news", "next up", "most read", "you may also like", "read next",
                "see also", "also read", "what to read next", "don't miss", "dont miss",
            ]),
            upper in proptest::collection::vec(proptest::bool::ANY, 20),
            after in "[ :»—.!]{0,2}",
        ) {
            let phrase: String = phrase
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            let line = format!("{before}{phrase}{after}");
            proptest::prop_assert!(RELATED_HEADER.is_match(&line), "{line:?}");
            proptest::prop_assert!(may_open_related_header(&line), "{line:?}");
        }
    }

    #[test]
    fn shapes_of_dates_headers_and_excerpts() {
        for l in [
            "Harbour news ~6 hours ago",
            "Harbour news March 3, 2024",
            "Harbour news 3 Mar 2024",
            "Harbour news 03/03/2024",
            "Harbour news 12 min ago",
        ] {
            assert!(TRAILING_DATE.is_match(l), "{l}");
        }
        assert!(!TRAILING_DATE.is_match("In March 2024 the board met"));
        // The gate lets every line the regex matches through.
        for l in [
            "News 3 hrs AGO",
            "News 3 days ago.",
            "News March 3, 2024)",
            "News 3/3/24 —",
            "News ago",
        ] {
            assert!(!TRAILING_DATE.is_match(l) || may_end_with_date(l), "{l}");
            assert!(may_end_with_date(l), "{l}");
        }
        assert!(!may_end_with_date("News of the day"));
        assert!(!TRAILING_DATE.is_match("The 3 days ago rule"));
        for l in [
            "More stories",
            "Most Read",
            "You may also like",
            "Next Up In Science",
            "Read next:",
            "Related Articles",
        ] {
            assert!(RELATED_HEADER.is_match(l), "{l}");
        }
        for l in [
            "More stories",
            "Most Read",
            "You may also like",
            "Next Up In Science",
            "Read next:",
            "Related Articles",
            "— ſimilar stories —",
            "Don't miss",
            "What to read next",
            "Also read",
            "See also",
        ] {
            assert!(may_open_related_header(l), "{l}");
        }
        assert!(!may_open_related_header("Harbour news"));
        assert!(!may_open_related_header("12 more stories"));
        for l in ["More about the wall", "Top of the page", "Next steps"] {
            assert!(!RELATED_HEADER.is_match(l), "{l}");
        }
        for l in [
            "cut short […]",
            "cut short…",
            "cut short...",
            "cut short [...]",
            "cut (…)",
        ] {
            assert!(ends_truncated(l), "{l}");
        }
        assert!(!ends_truncated("a full stop."));
    }

    #[test]
    fn counters_count_as_item_metadata() {
        assert!(COUNTER.is_match("1/50 The harbour at dawn"));
        assert!(COUNTER.is_match("3 of 12"));
        assert!(!COUNTER.is_match("2024 was a good year"));
        // The gate lets every line the regex matches through.
        for line in [
            "1/50 The harbour",
            "(3 of 12)",
            "² 3/5",
            "— 7/9",
            "_1/5",
            "a 1/5",
        ] {
            assert!(!COUNTER.is_match(line) || starts_with_digit(line), "{line}");
        }
        assert!(!starts_with_digit("The harbour at dawn"));
    }
}
