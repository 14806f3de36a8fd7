//! The headline.
//!
//! Scraped text comes in two shapes. Text printed from the HTML (`htmltext`) starts with
//! the page's `title` element ("Headline | Site"), and the `h1` headline follows later
//! (sometimes after a thousand menu lines), without the site suffix or reworded. Markdown
//! output has no `title` element line but marks the headline with a heading. [`find_title`] handles both; the line it picks is removed
//! as [`Category::Title`], and the `title` element line, when the headline was found below it, is
//! removed too: marked [`Category::Metadata`] for the rules after this one (which read the
//! marks), reported as [`Category::Title`] in the result (see `Cleaned::title`), so that no
//! `metadata` span is left once the `metadata` rule is removed.

use std::sync::LazyLock;

use regex::Regex;

use super::asides::next_text;
use super::byline::is_label;
use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::text;
use crate::Category;

/// The headline rule (see the module docs).
#[derive(Debug)]
pub(crate) struct Title;

/// How many non-blank lines below the `title` element line are searched for its headline
/// (shop and news pages can print a thousand menu lines first).
const TITLE_WINDOW: usize = 2000;

/// How far below the `title` element (in non-blank lines) a plain repeat of it may be
/// taken as the headline.
const NEAR_WINDOW: usize = 80;

/// How many lines of prose may come before a reworded headline (a cookie notice, a
/// disclosure); below more, a similar line heads a teaser or a related story.
const PROSE_BEFORE_HEADLINE: usize = 2;

/// Longest headline line, in bytes.
const TITLE_MAX: usize = 300;

/// Most words in a `title` element line.
const PAGE_TITLE_MAX_WORDS: usize = 40;

/// Least share of a line's words that are the `title` element's for the line to be made of
/// the title's words (a part of it, or all of it).
const OF_TITLE: f32 = 0.9;

/// A heading that is only a link to a site's home page (`# [Site](/)`): the logo, not the
/// headline.
static HOME_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^#+\s*\[[^\]]*\]\(\s*(?:/|(?:https?:)?//[^/\s)]+/?|\.?/?index\.\w+)(?:\s+[^)]*)?\)\s*$",
    )
    .expect("valid regex")
});

/// Separators between a `title` element's parts ("Headline | Section | Site").
static TITLE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|\-–—·:»/:]\s+|\s*[|–—»·•]\s*").expect("valid regex"));

/// Whether a first line reads as a prose sentence rather than a title: it ends with a
/// full stop and is long (a page that starts with its first paragraph has no title line).
fn reads_as_sentence(line: &str, words: usize) -> bool {
    let end = line.trim_end_matches(['"', '\'', '”', '’', ')', '»']);
    (end.ends_with('.') || end.ends_with('。')) && !end.ends_with("...") && words >= 10
}

/// The text of the headline line `span` of `input` (see `Cleaned::title`): its first
/// non-blank line, trimmed (a leading byte order mark is not text), without the Markdown
/// around and inside it; `None` when nothing but markup is left.
pub(crate) fn headline_text(input: &str, span: crate::Span) -> Option<std::borrow::Cow<'_, str>> {
    let text = input
        .get(span.start..span.end)?
        .trim_start_matches('\u{feff}');
    let line = text.lines().find(|l| !l.trim().is_empty())?.trim();
    let plain = text::plain_text(
        text::lead_link_text(text::strip_markup(line)),
        text::Images::Drop,
    );
    Some(once(drop_emphasis(plain))).filter(|t| !t.is_empty())
}

/// A title printed twice on its line ("Wool Runner Wool Runner": the visible text and its
/// screen-reader copy glued together) once; two words or more, so "Bora Bora" stays.
fn once(title: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let half = title.len() / 2;
    let s = title.as_ref();
    if s.len() % 2 == 1
        && s.as_bytes().get(half) == Some(&b' ')
        && s[..half] == s[half + 1..]
        && s[..half].contains(' ')
    {
        return std::borrow::Cow::Owned(s[..half].to_string());
    }
    title
}

/// Whether a line is a breadcrumb trail ("Docs → Guides → Setup", "Shop › Chairs"): an
/// arrow with words on both sides. It names where a page sits, not the page.
fn is_trail(line: &str) -> bool {
    line.match_indices(['→', '›'])
        .chain(line.match_indices(" > "))
        .any(|(i, m)| {
            line[..i].chars().any(char::is_alphanumeric)
                && line[i + m.len()..].chars().any(char::is_alphanumeric)
        })
}

/// Markdown emphasis inside a line (`_word_`, `*a few words*`): a mark that opens after a
/// space or an opening bracket or quote (or at the start) and closes before one, a
/// punctuation mark or the end. Marks inside words (`snake_case`, `2*3`) are text.
static EMPHASIS: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let closed = r#"($|[\s)\].,;:!?"'”’])"#;
    ['_', '*'].map(|m| {
        let m = regex::escape(&m.to_string());
        Regex::new(&format!(
            r#"(^|[\s(\["'“‘])[{m}]([^\s{m}](?:[^{m}]*[^\s{m}])?)[{m}]{closed}"#
        ))
        .expect("valid regex")
    })
});

/// A reported title without the Markdown emphasis inside it (see [`EMPHASIS`]).
fn drop_emphasis(title: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    if !title.contains(['_', '*']) {
        return title;
    }
    let mut out = title.into_owned();
    for re in EMPHASIS.iter() {
        // A match takes the space after it, which the next one may open with: twice.
        for _ in 0..2 {
            out = re.replace_all(&out, "$1$2$3").into_owned();
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The decision of [`find_title`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TitlePick {
    /// The headline line.
    pub line: usize,
    /// The `title` element line above it, when the headline was matched against one.
    pub page_line: Option<usize>,
}

impl Rule for Title {
    fn name(&self) -> &str {
        "title"
    }
    fn category(&self) -> Category {
        Category::Title
    }
    fn description(&self) -> &str {
        "the headline: the line below the page title (first line) that matches or rewords it, else a Markdown heading, else the page title"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let Some(pick) = find_title(doc) else { return };
        doc.remove(pick.line, id, Category::Title);
        if let Some(p) = pick.page_line {
            doc.remove(p, id, Category::Metadata);
        }
    }
}

/// The words of a line with Markdown images and link targets left out, lower-cased.
fn plain_tokens(line: &str) -> Vec<String> {
    if !text::has_link(line) {
        return text::tokens(line);
    }
    let no_images = text::IMAGE.replace_all(line, "");
    text::tokens(&text::LINK.replace_all(&no_images, "$1"))
}

/// The level of a Markdown heading line (`# ` is 1, `## ` 2, `### ` 3), or 0.
fn heading_level(line: &str) -> usize {
    let rest = line.trim_start_matches('#');
    let level = line.len() - rest.len();
    if (1..=3).contains(&level) && rest.starts_with([' ', '\t']) {
        level
    } else {
        0
    }
}

/// The heading level of line `i` (see [`heading_level`]), 0 for an indented line: a `#`
/// comment in a code block is not a heading.
fn md_level(doc: &Doc<'_>, i: usize) -> usize {
    let raw = doc.raw(i);
    let line = doc.line(i);
    if raw.starts_with("    ") || raw.starts_with('\t') {
        0
    } else if (1..=3).contains(&line.len()) && line.bytes().all(|b| b == b'#') {
        // An empty heading mark (`# `, trimmed): its text is on the next line.
        line.len()
    } else {
        heading_level(line)
    }
}

/// Whether the line opens the article: one of the next three lines is a byline or a date
/// (removed by an earlier rule), one of the next two is prose, or the next repeats it.
fn leads_content(doc: &Doc<'_>, i: usize) -> bool {
    let line = doc.line(i);
    let mut j = i;
    for k in 0..3 {
        let Some(n) = next_text(doc, j) else { break };
        j = n;
        if matches!(
            doc.mark(n),
            Mark::Remove(_, Category::Byline | Category::Metadata)
        ) {
            return true;
        }
        let next = doc.line(n);
        if k == 0 && next == line || k < 2 && doc.words(n) >= 15 {
            return true;
        }
    }
    false
}

/// Where `toks` sits among the parts of a `title` element ("Headline | Section | Site").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Not a run of whole parts.
    None,
    /// The leading parts ("Headline", "Headline | Section"), the whole title, or inner parts
    /// of two words or more ("tag - Question? - Site").
    Headline,
    /// The last part, or a one-word inner part: more likely the site or section name
    /// ("Site", "Blog").
    Label,
}

/// The `title` element's tokens, with a filter on their lengths and first letters that
/// most words of other lines fail at once (see [`head_hits`]).
struct Head<'h> {
    tokens: &'h [String],
    /// Bit `b & 31` of entry `min(len, 15)`: a token of that length in bytes starts with
    /// an ASCII byte `b` (lower case).
    starts: [u32; 16],
    /// The first characters of the tokens (for words outside ASCII).
    firsts: Vec<char>,
}

impl<'h> Head<'h> {
    fn new(tokens: &'h [String]) -> Head<'h> {
        let mut starts = [0u32; 16];
        for t in tokens {
            if let Some(&b) = t.as_bytes().first() {
                starts[t.len().min(15)] |= 1 << (b.to_ascii_lowercase() & 31);
            }
        }
        let mut firsts: Vec<char> = tokens.iter().filter_map(|t| t.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        Head {
            tokens,
            starts,
            firsts,
        }
    }

    /// Whether the word `w` (not ASCII) lower-cased is one of the tokens. `str::to_lowercase`
    /// maps a word's first character as `char::to_lowercase` does (its final-sigma rule
    /// never applies to a first character): a word whose first character lower-cased starts
    /// no token is not one, and no `String` is made for it.
    fn has_lowered(&self, w: &str) -> bool {
        let Some(first) = w.chars().next().and_then(|c| c.to_lowercase().next()) else {
            return false;
        };
        self.firsts.binary_search(&first).is_ok() && self.tokens.contains(&w.to_lowercase())
    }

    /// Whether the ASCII word `w` is one of the tokens (ASCII case-insensitively).
    #[inline]
    fn has_ascii(&self, w: &[u8]) -> bool {
        let Some(&b) = w.first() else { return false };
        self.starts[w.len().min(15)] & (1 << (b.to_ascii_lowercase() & 31)) != 0
            && self
                .tokens
                .iter()
                .any(|h| h.as_bytes().eq_ignore_ascii_case(w))
    }
}

/// Whether an ASCII byte may be inside a word of [`text::ascii_words`] (a letter, a digit,
/// `'` or `-`).
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'\'' || c == b'-';
        b += 1;
    }
    t
};

/// The words of an ASCII line as `text::ascii_words` gives them (which are `text::words`
/// of ASCII text), split by bytes: runs of [`WORD_BYTE`]s without their leading and
/// trailing `'` and `-`, the empty ones left out.
fn ascii_words(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    line.split(|&b| !WORD_BYTE[usize::from(b)])
        .map(|mut w| {
            while let [b'\'' | b'-', rest @ ..] = w {
                w = rest;
            }
            while let [rest @ .., b'\'' | b'-'] = w {
                w = rest;
            }
            w
        })
        .filter(|w| !w.is_empty())
}

/// How many [`text::tokens`] `line` has and how many of them are in `head`, without
/// building them (the same counts as `tokens(line).len()` and the hits of
/// `text::coverage(&tokens(line), head)`).
fn head_hits(line: &str, head: &Head<'_>) -> (usize, usize) {
    let (mut count, mut hits) = (0, 0);
    if line.is_ascii() {
        for w in ascii_words(line.as_bytes()) {
            count += 1;
            hits += usize::from(head.has_ascii(w));
        }
        return (count, hits);
    }
    for w in text::words(line) {
        count += 1;
        // The tokens are lower-cased: an ASCII word matches a token equal to it lower-cased.
        let hit = if w.is_ascii() {
            head.has_ascii(w.as_bytes())
        } else {
            head.has_lowered(w)
        };
        hits += usize::from(hit);
    }
    (count, hits)
}

/// The most of `count` words that may miss the title's tokens for a line still to be made
/// of them: the largest `m` with `(count - m) / count` not below [`OF_TITLE`], computed as
/// `page_title` compares (in `f32`), so that a walk stopped past it skips exactly the lines
/// the comparison would.
fn allowed_misses(count: usize) -> usize {
    let mut m = 0;
    while m < count && ((count - m - 1) as f32) / (count as f32) >= OF_TITLE {
        m += 1;
    }
    m
}

/// [`head_hits`] of an ASCII line, or `None` as soon as more than `misses` of its words are
/// not in `head`: a line only asked whether it is made of the title's words stops at the
/// word that tells it is not (most lines: their first).
fn ascii_hits_within(line: &[u8], head: &Head<'_>, misses: usize) -> Option<(usize, usize)> {
    let (mut hits, mut missed) = (0, 0);
    for w in ascii_words(line) {
        if head.has_ascii(w) {
            hits += 1;
        } else {
            missed += 1;
            if missed > misses {
                return None;
            }
        }
    }
    Some((hits + missed, hits))
}

/// Classifies `toks` as a run of whole parts of the title (see [`Part`]).
fn part_of(parts: &[Vec<String>], toks: &[String]) -> Part {
    let n = parts.len();
    if n < 2 {
        return Part::None;
    }
    for a in 0..n {
        // The parts from `a` on, joined, are compared with `toks` part by part: `k` of
        // its tokens matched so far (a part that differs ends the run: no longer run can match).
        let mut k = 0;
        for (b, part) in parts.iter().enumerate().skip(a) {
            k += part.len();
            if k > toks.len() || toks[k - part.len()..k] != part[..] {
                break;
            }
            if k == toks.len() {
                return if a == 0 || b + 1 < n && toks.len() >= 2 {
                    Part::Headline
                } else {
                    Part::Label
                };
            }
        }
    }
    Part::None
}

/// Least token F1 with the `title` element line for a reworded headline that a byline or
/// a date follows at once.
const REWORD_DATED: f32 = 0.3;

/// Least token F1 with the `title` element line for a reworded headline with nothing below
/// to confirm it (it must share [`REWORD_CLOSE_WORDS`] words too).
const REWORD_CLOSE: f32 = 0.55;

/// Least number of words of four letters or more that a reworded headline with nothing
/// below to confirm it shares with the `title` element line.
const REWORD_CLOSE_WORDS: usize = 4;

/// Most words in the last part of a `title` element that names the site ("| Site Name").
const SITE_MAX_WORDS: usize = 3;

/// Least words in a later part of the `title` element for it to beat the leading part
/// (it must also be twice as long).
const LATER_PART_MIN_WORDS: usize = 4;

/// Whether a line is one stray letter or digit ("A", an icon's initial). A lone symbol
/// ("×", a close button) is not: it marks a pop-up, whose lines come next.
fn is_stray(line: &str) -> bool {
    line.chars().filter(|c| c.is_alphanumeric()).count() == 1
}

/// Whether one of the next two lines is a byline or a date (removed by an earlier rule),
/// or an author label alone ("By", "Written by:", the name on the line below it).
fn dated(doc: &Doc<'_>, i: usize) -> bool {
    let mut j = i;
    for _ in 0..2 {
        let Some(n) = next_text(doc, j) else {
            return false;
        };
        j = n;
        if matches!(
            doc.mark(n),
            Mark::Remove(_, Category::Byline | Category::Metadata)
        ) || doc.is_open(n) && is_label(doc.line(n))
        {
            return true;
        }
    }
    false
}

/// Whether the line is shaped like a headline of its own: 3 to 30 words, no full stop at the
/// end, no URL, not a breadcrumb trail.
fn headline_shaped(line: &str) -> bool {
    let words = text::word_count(line);
    let end = line.trim_end_matches(['"', '\'', '”', '’', ')', '»']);
    (3..=30).contains(&words)
        && (!end.ends_with('.') || end.ends_with("..."))
        && !line.contains("://")
        && TITLE_SEP.find_iter(line).count() + line.matches(['>', '›']).count() < 2
        && !is_trail(line)
}

/// Picks the headline line, if any.
///
/// Text printed from the HTML starts with the `title` element ("Headline | Site"). Below
/// it, the line made of its words that covers most of it or is its leading part is the
/// headline (the site name alone is not; a later part only when it is much longer than the
/// leading one); failing that, the first headline-shaped line that shares much of its
/// wording and opens the article (a byline, a date, an author label or prose follows), or
/// that shares most of it. Without such a line, the Markdown headline (see
/// [`markdown_heading`]) is the headline; failing that, the `title` element line itself.
///
/// Markdown input (see [`is_markdown`]) has no `title` element: its headline is the
/// Markdown heading; where that is only a lower heading, a plain line with a byline or a
/// date just below it ([`dated_line`]) comes first when it comes earlier; without a
/// heading, a product's name above its picture ([`markdown_name_line`]).
pub(crate) fn find_title(doc: &Doc<'_>) -> Option<TitlePick> {
    let lines = doc.text_line_list();
    let markdown = is_markdown(doc, &lines);
    // Markdown output has no `title` element line: its first line is a menu or a logo.
    let page = if markdown {
        None
    } else {
        page_title(doc, &lines)
    };
    if let Some((pick, true)) = page {
        return Some(pick);
    }
    // Plain text with list bullets (resiliparse's, which starts with the menu, not with a
    // `title` element) whose first line no line below confirms as a title: a
    // headline-shaped line that a byline or a date follows at once is the headline.
    if !markdown && is_bulleted(doc, &lines) {
        if let Some(d) = dated_line(doc, &lines) {
            return Some(TitlePick {
                line: d,
                page_line: None,
            });
        }
    }
    let heading = markdown_heading(doc, &lines, markdown);
    let heading = match heading {
        // A heading found only after prose gives way to an earlier name line.
        Some((h, true)) if markdown => Some(
            markdown_name_line(doc, &lines)
                .filter(|&n| n < h)
                .unwrap_or(h),
        ),
        Some((h, _)) => Some(h),
        None if markdown => markdown_name_line(doc, &lines).or_else(|| deep_heading(doc, &lines)),
        None => None,
    };
    // In Markdown, a plain headline-shaped line that a byline or a date follows at once
    // beats a lower heading below it (a widget's, a section's).
    let heading = if markdown && heading.is_none_or(|h| md_level(doc, h) != 1) {
        match dated_line(doc, &lines) {
            Some(d) if heading.is_none_or(|h| d < h) => Some(d),
            _ => heading,
        }
    } else {
        heading
    };
    heading
        .map(|line| TitlePick {
            line,
            page_line: None,
        })
        .or(page.map(|(pick, _)| pick))
}

/// Markdown whose headings are all of level four or deeper (a template that starts its
/// headline at `####`): the first such heading that can be a headline (see
/// [`usable_heading`]) and opens the article (see [`leads_content`]).
fn deep_heading(doc: &Doc<'_>, lines: &[usize]) -> Option<usize> {
    lines.iter().take(TITLE_WINDOW).copied().find(|&i| {
        let line = doc.line(i);
        let rest = line.trim_start_matches('#');
        let level = line.len() - rest.len();
        (4..=6).contains(&level)
            && rest.starts_with([' ', '\t'])
            && !doc.raw(i).starts_with([' ', '\t'])
            && !plain_tokens(line).is_empty()
            && usable_heading(doc, i)
            && leads_content(doc, i)
    })
}

/// How many of the first lines of text are searched for a dated headline line.
const DATED_WINDOW: usize = 300;

/// The first plain headline-shaped line (see [`headline_shaped`]; not a link, a heading
/// or an interface phrase) that a byline or a date follows at once (see [`dated`]).
fn dated_line(doc: &Doc<'_>, lines: &[usize]) -> Option<usize> {
    lines.iter().take(DATED_WINDOW).copied().find(|&i| {
        let line = doc.line(i);
        doc.is_open(i)
            && md_level(doc, i) == 0
            && !doc.has_link(i)
            && !line.starts_with(['*', '-', '+', '|', '>', '!', '['])
            && !doc.raw(i).starts_with([' ', '\t'])
            && headline_shaped(line)
            // The interface regex last: most lines have no byline or date below them.
            && dated(doc, i)
            && !is_interface(line)
    })
}

/// How many lines starting with a list bullet ("•") among the first lines of text make the
/// input bulleted plain text (resiliparse prints lists so; text printed from the HTML does
/// not).
const BULLETED_LINES: usize = 3;

/// Whether the input is plain text with list bullets (see [`BULLETED_LINES`]).
fn is_bulleted(doc: &Doc<'_>, lines: &[usize]) -> bool {
    lines
        .iter()
        .take(MARKDOWN_WINDOW)
        .filter(|&&i| doc.line(i).starts_with('•'))
        .nth(BULLETED_LINES - 1)
        .is_some()
}

/// How many lines with a Markdown link or image among the first lines of text make the
/// input Markdown.
const MARKDOWN_LINKS: usize = 5;

/// How many of the first lines of text are looked at to tell Markdown (the links of its
/// menus come first; code further down may look like links).
const MARKDOWN_WINDOW: usize = 200;

/// A Markdown link or image whose `[` does not follow a word (`Model[int](x)` in code is
/// not one).
static MD_LINK_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w\]])\[[^\]]*\]\([^)\s]*").expect("valid regex"));

/// Whether the input is Markdown (html2text output): a few of its first lines hold a
/// Markdown link or image (`[text](target)`). Text printed from the HTML has none.
fn is_markdown(doc: &Doc<'_>, lines: &[usize]) -> bool {
    lines
        .iter()
        .take(MARKDOWN_WINDOW)
        .filter(|&&i| doc.has_link(i) && MD_LINK_START.is_match(doc.line(i)))
        .nth(MARKDOWN_LINKS - 1)
        .is_some()
}

/// Interface phrases that head a pop-up, a widget or a list of links rather than the page:
/// a search box's prompt, a table of contents, a language picker, an error or browser
/// notice. Matched against a heading's whole visible text, case-insensitively.
static INTERFACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s\p{P}\p{S}]*(?:what are you looking for|what can we help you find|how can we help|search(?: (?:all|the|our|this) .{1,40}| results| for)?|(?:in|on) this (?:article|page|post)|table of contents|contents|keyboard shortcuts|(?:provide|send|give|leave) (?:us )?feedback|saved searches|follow (?:the |this )?authors?|materials? (?:&|and) care|size (?:&|and) fit|navigation menu|(?:select|choose|change) (?:your |the )?(?:site |display )?(?:language|region|country|location)|something went wrong.{0,80}|(?:please )?(?:ensure|make sure|check) (?:that )?javascript is enabled.{0,120}|javascript is (?:required|disabled).{0,120}|(?:please )?(?:update|upgrade) your browser.{0,120}|your browser is (?:not supported|out of date).{0,120}|size (?:guide|chart)|shopping (?:cart|bag)|your (?:cart|bag|basket)(?: is empty)?|more (?:top )?(?:stories|news|headlines)|quick links|useful links|main menu|main content|footer|breadcrumbs?|filters?|sort by|(?:your )?cookie (?:settings|preferences)|your (?:choice|privacy) (?:regarding|choices).{0,60}|skip to.{0,40}|newsletter|subscribe.{0,40}|follow us|share(?: this)?(?: article| post| page)?|related(?: articles| posts| stories| questions)?|view (?:the )?(?:desktop|mobile|full|classic) (?:website|site|version)|access denied|page not found|here(?:'|’)s how you know|personal tools|about this (?:item|product)|product (?:description|details|information|overview)|technical (?:details|specifications)|additional information|specifications?|customer (?:reviews|questions)(?: (?:&|and) answers)?|reviews|description|details|customers (?:also|frequently) (?:viewed|bought).{0,40}|frequently bought together|warranty(?: (?:&|and) (?:support|returns))?|(?:shipping|delivery)(?: (?:&|and) returns| information| options)?|we (?:care about|value|respect) your privacy|(?:this (?:site|website) uses|we use) cookies.{0,80}|(?:cookie|privacy) (?:policy|notice|consent|settings|preferences|overview)|manage (?:cookies|consent|(?:your )?preferences)|(?:\w+ )?navigation|(?:return|back|go) to (?:the )?.{1,40}(?:website|site|home ?page)|search (?:code|docs|documentation|the site|products|articles|jobs|posts)\b.{0,80}|want (?:updates|news|more)\b.{0,40}(?:inbox|email)|support (?:us|our (?:work|journalism))|move to sidebar.{0,10})[\s\p{P}\p{S}]*$",
    )
    .expect("valid regex")
});

/// The visible text of a line: Markdown images and link targets left out, `#` marks and
/// emphasis around it too.
fn visible(line: &str) -> String {
    // Images and links all hold `](`: a line without one keeps its text.
    if !text::has_link(line) {
        return text::strip_markup(line).to_string();
    }
    let no_images = text::IMAGE.replace_all(line, "");
    let text = text::LINK.replace_all(&no_images, "$1");
    text::strip_markup(&text).to_string()
}

/// Whether line `i` is a notice about the page rather than its title: an interface phrase,
/// or a line a phrase rule removed as navigation or a cookie notice.
fn is_notice(doc: &Doc<'_>, i: usize) -> bool {
    is_interface(doc.line(i))
        || matches!(
            doc.mark(i),
            Mark::Remove(_, Category::Navigation | Category::Cookie)
        )
}

/// Whether the line names a piece of the interface (see [`INTERFACE`]), ends with a colon
/// (a label, "News:", or a lead-in to what follows, "A message from our editor:": no
/// headline ends so), or links to a script (`javascript:` in a button).
fn is_interface(line: &str) -> bool {
    let text = visible(line);
    INTERFACE.is_match(&text)
        || text.trim_end().ends_with([':', '：'])
        || line.contains("](javascript:")
}

/// Whether a text is a bare host name in lower case ("example.org", "www.example.co.uk"):
/// a site's logo printed as a heading, not the page's headline ("Node.js" is a name).
fn is_host_name(text: &str) -> bool {
    let text = text.trim();
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let Some((name, tld)) = text.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && (2..=6).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && name
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// The share of a line's visible characters that sit inside Markdown link texts (a line
/// of images and empty links counts as all link).
fn link_share(line: &str) -> f32 {
    // Without `](`, nothing is linked.
    if !text::has_link(line) {
        return 0.0;
    }
    let no_images = text::IMAGE.replace_all(line, "");
    let linked: usize = text::LINK
        .captures_iter(&no_images)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().trim().chars().count())
        .sum();
    let total = visible(line).chars().count();
    if total == 0 {
        if line.contains("](") {
            1.0
        } else {
            0.0
        }
    } else {
        (linked as f32 / total as f32).min(1.0)
    }
}

/// Most words in a product or page name line taken without a heading mark.
const NAME_MAX_WORDS: usize = 15;

/// How many of the first lines of Markdown are searched for a name line.
const NAME_WINDOW: usize = 400;

/// Markdown without a usable heading: the first short line of plain text (not a link, an
/// image, a list item or a sentence, not an interface phrase) that the image below it has
/// as alt text (a product's name above its picture). A line that only opens prose is too
/// often a pop-up's or a widget's.
fn markdown_name_line(doc: &Doc<'_>, lines: &[usize]) -> Option<usize> {
    for &i in lines.iter().take(NAME_WINDOW) {
        let line = doc.line(i);
        if !doc.is_open(i) || line.len() > TITLE_MAX || md_level(doc, i) > 0 {
            continue;
        }
        // An indented line is code or a quoted detail ("Posts: 12" under a user's name).
        if doc.raw(i).starts_with([' ', '\t']) {
            continue;
        }
        if doc.has_link(i) || line.starts_with(['*', '-', '+', '|', '>', '!', '[']) {
            continue;
        }
        let words = doc.words(i);
        let end = line.trim_end_matches(['"', '\'', '”', '’', ')', '»']);
        if !(1..=NAME_MAX_WORDS).contains(&words) || end.ends_with(['.', ':', ',', ';']) {
            continue;
        }
        if !text::has_letters(line) {
            continue;
        }
        // The interface regex last: most lines have no picture below them.
        if named_by_image(doc, i) && !is_interface(line) {
            return Some(i);
        }
    }
    None
}

/// Whether the next line is an image whose alt text is the line (a product's picture
/// below its name).
fn named_by_image(doc: &Doc<'_>, i: usize) -> bool {
    let Some(n) = next_text(doc, i) else {
        return false;
    };
    let next = doc.line(n);
    next.starts_with("![")
        && plain_alt(next).is_some_and(|alt| text::tokens(alt) == text::tokens(doc.line(i)))
}

/// The alt text of a line's leading Markdown image.
fn plain_alt(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("![")?;
    rest.find(']').map(|e| &rest[..e])
}

/// Whether heading line `i` can be a headline: open, not too long (without its link
/// targets), with letters unless one word (not a number and a date), not a logo or home
/// link (nor a bare host name), not an interface phrase.
fn usable_heading(doc: &Doc<'_>, i: usize) -> bool {
    let line = doc.line(i);
    doc.is_open(i)
        && text::without_link_targets(line).len() <= TITLE_MAX
        && (plain_tokens(line).len() <= 1 || text::has_letters(&visible(line)))
        && !HOME_LINK.is_match(line)
        && !is_interface(line)
        && !is_host_name(&visible(line))
}

/// Whether a heading links to another page: it is one link (see [`is_link_heading`])
/// whose target does not spell out its own words (a permalink, `[Boiler
/// hisses](/t/boiler-hisses/12)`, names the page itself).
fn links_away(line: &str) -> bool {
    if !is_link_heading(line) {
        return false;
    }
    let Some(target) = line.rfind("](").map(|p| &line[p + 2..]) else {
        return false;
    };
    let target = target.to_lowercase();
    let slug: Vec<&str> = target
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> = plain_tokens(line)
        .into_iter()
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let hits = words.iter().filter(|w| slug.contains(&w.as_str())).count();
    words.is_empty() || hits * 2 < words.len()
}

/// Whether a heading is one Markdown link and nothing else (`## [Teaser](/story)`).
fn is_link_heading(line: &str) -> bool {
    let rest = line.trim_start_matches('#').trim();
    let rest = rest.trim_matches(['*', '_']).trim();
    rest.starts_with('[') && rest.ends_with(')') && link_share(line) >= 0.99
}

/// The text line a heading names: the heading itself, or, for an empty heading mark (`# `
/// alone, its text printed on the next line), that next line when it is short and plain
/// (a question may be long).
fn heading_text_line(doc: &Doc<'_>, i: usize) -> Option<usize> {
    if !plain_tokens(doc.line(i)).is_empty() {
        return Some(i);
    }
    let n = next_text(doc, i)?;
    let next = doc.line(n);
    let words = doc.words(n);
    (heading_level(next) == 0
        && text::has_letters(next)
        && !doc.has_link(n)
        && !next.starts_with(['*', '-', '+', '|', '!'])
        && (1..=PAGE_TITLE_MAX_WORDS).contains(&words)
        && !(words >= 10 && text::ends_sentence(next) && !next.ends_with('?')))
    .then_some(n)
}

/// A short heading (three words or fewer) just above a longer heading of the same level
/// is a section label or kicker ("Blog", "Perspectives"): the heading below, within two
/// lines, is the headline. (A lower heading below is more often a subtitle.)
fn below_kicker(doc: &Doc<'_>, i: usize) -> Option<usize> {
    let level = md_level(doc, i);
    let words = text::word_count(&visible(doc.line(i)));
    if words > 3 {
        return None;
    }
    let mut j = i;
    for _ in 0..2 {
        j = next_text(doc, j)?;
        let line = doc.line(j);
        if md_level(doc, j) > 0 {
            let w = text::word_count(&visible(line));
            return (md_level(doc, j) == level
                && w > words
                && w >= 3
                && usable_heading(doc, j)
                && !is_link_heading(line))
            .then_some(j);
        }
    }
    None
}

/// The Markdown headline: of the level-1 headings (`# `), the first that opens the article
/// (a byline, a date or prose follows), else the first; without one, the first `## ` (else
/// `### `) heading before the first paragraph of prose (later ones head sections, "Like
/// this:", "Leave a Reply"). A heading that is only a logo image or a link to the home page
/// is not a headline, nor an interface phrase ([`INTERFACE`]). Where several headings of
/// a level are each a single link (the teasers of a listing, or the sections of an API
/// reference), they come last: a plain heading heads the list; without one, the first
/// of them. An
/// empty heading mark names the line below it; a short kicker heading gives way to the
/// longer heading just below it.
fn markdown_heading(doc: &Doc<'_>, lines: &[usize], markdown: bool) -> Option<(usize, bool)> {
    let mut teasers = [0usize; 4];
    for &i in lines.iter().take(TITLE_WINDOW) {
        let line = doc.line(i);
        let level = md_level(doc, i);
        if level > 0 && is_link_heading(line) {
            teasers[level] += 1;
        }
    }
    let mut best: Option<(usize, usize)> = None;
    let mut first_h1: Option<usize> = None;
    let mut first_teaser: Option<usize> = None;
    let mut late: Option<usize> = None;
    let mut prose_seen = false;
    for &i in lines.iter().take(TITLE_WINDOW) {
        let line = doc.line(i);
        let level = md_level(doc, i);
        if level == 0 && !prose_seen {
            prose_seen = doc.words(i) >= 15 && text::ends_sentence(line) && link_share(line) < 0.4;
        }
        if level == 0 || level > 1 && best.is_some_and(|(l, _)| l <= level) {
            continue;
        }
        if level > 1 && prose_seen {
            // A lower heading after prose heads a section; the first one that opens
            // content is kept for a page with no other heading (a forum topic below its
            // board's notice).
            if markdown
                && late.is_none()
                && usable_heading(doc, i)
                && text::has_letters(&plain_tokens(line).concat())
                && leads_content(doc, i)
            {
                late = Some(i);
            }
            continue;
        }
        if !usable_heading(doc, i) {
            continue;
        }
        if teasers[level] >= 2 && is_link_heading(line) {
            first_teaser.get_or_insert(i);
            continue;
        }
        // An empty heading mark names the next line in Markdown only ("###" in text
        // printed from the HTML is a separator).
        let Some(t) = heading_text_line(doc, i).filter(|&t| t == i || markdown) else {
            continue;
        };
        if t != i && (!doc.is_open(t) || is_interface(doc.line(t))) {
            continue;
        }
        let toks = plain_tokens(doc.line(t));
        if toks.is_empty() || toks.len() > PAGE_TITLE_MAX_WORDS {
            continue;
        }
        let pick = below_kicker(doc, t).unwrap_or(t);
        if level == 1 && prose_seen && first_h1.is_some_and(|f| !links_away(doc.line(f))) {
            // A level-1 heading inside or below the article (a section's, a promotion's)
            // does not replace the one found above it.
            break;
        }
        if level == 1 {
            // Of several level-1 headings (a pop-up's, a section's), the one that opens
            // the article.
            if leads_content(doc, pick) {
                return Some((pick, false));
            }
            // A plain one before one that links elsewhere (a site name, a logo).
            if first_h1.is_none_or(|f| links_away(doc.line(f)) && !links_away(line)) {
                first_h1 = Some(pick);
            }
        } else {
            best = Some((level, pick));
        }
    }
    first_h1
        .or(best.map(|(_, i)| i))
        .or(first_teaser)
        .map(|i| (i, false))
        .or(late.map(|i| (i, true)))
}

/// The pick from the `title` element line (the first line of text printed from the HTML),
/// and whether a headline below it confirmed it.
fn page_title(doc: &Doc<'_>, lines: &[usize]) -> Option<(TitlePick, bool)> {
    // A notice printed above the `title` element (a script or browser warning) is passed
    // when the line below it has the parts of one ("Headline | Site"); so is a stray
    // letter ("A") above a headline-shaped line.
    let skip = usize::from(
        lines.len() > 1
            && (is_notice(doc, lines[0]) && TITLE_SEP.is_match(doc.line(lines[1]))
                || is_stray(doc.line(lines[0])) && headline_shaped(doc.line(lines[1]))),
    );
    let lines = &lines[skip..];
    let &first = lines.first()?;
    let page = doc.line(first);
    // A line this long is no `title` element: told before its words are counted and its
    // parts split (a first line of thousands of parts, issue 24).
    if page.len() > TITLE_MAX {
        return None;
    }
    let words = text::word_count(page);
    // "Headline – Site – Our motto." is a title: only its leading part must not be a sentence,
    // and even that may be one when a short last part names the site ("Mice grow hair. : science").
    let texts: Vec<&str> = TITLE_SEP
        .split(page)
        .filter(|p| text::word_count(p) > 0)
        .collect();
    let lead = texts.first().copied().unwrap_or(page);
    let site_named = texts.len() >= 2
        && texts.last().is_some_and(|p| {
            text::word_count(p) <= SITE_MAX_WORDS && !text::ends_sentence(p.trim())
        });
    // A `title` element with "by" in it ("Top 25 Ranked by Market Share", "Essay - by Jane
    // Doe") may have been taken for a byline; it still names the headline to look for.
    let as_byline = matches!(doc.mark(first), Mark::Remove(_, Category::Byline));
    if !(doc.is_open(first) || as_byline)
        || !(1..=PAGE_TITLE_MAX_WORDS).contains(&words)
        // One word is a title ("Pricing", "SELECT") unless it is a letter or a label.
        || words == 1 && page.chars().filter(|c| c.is_alphanumeric()).count() < 3
        || is_interface(page)
        || reads_as_sentence(lead, text::word_count(lead)) && !site_named
    {
        return None;
    }
    let head = text::tokens(page);
    let head_set = Head::new(&head);
    let parts: Vec<Vec<String>> = TITLE_SEP
        .split(page)
        .map(text::tokens)
        .filter(|t| !t.is_empty())
        .collect();
    // (score, line, strong, later): the best line made of the title's words; `later` is
    // its length in words when it is a whole part other than the leading one.
    let mut subset: Option<(f32, usize, bool, Option<usize>)> = None;
    // (line, words): the first line that is the title's leading part alone.
    let mut lead_part: Option<(usize, usize)> = None;
    // The first headline-shaped line that rewords the title, before the article's text.
    let mut reworded: Option<usize> = None;
    let mut prose_seen = 0;
    for (n, &i) in lines.iter().enumerate().skip(1).take(TITLE_WINDOW) {
        if !doc.is_open(i) {
            continue;
        }
        let line = doc.line(i);
        if line.len() > TITLE_MAX {
            continue;
        }
        // Most lines are neither made of the title's words nor a candidate rewording: tell
        // them without building their tokens. An ASCII line that can be neither prose nor
        // a rewording (one was taken, prose came, or it is too short for either: at most
        // `(len + 1) / 2` words) is only asked whether it is made of the title's words,
        // and its walk stops at the word that says no (most lines: their first).
        let (count, hits) = if line.is_ascii() {
            let most = line.len().div_ceil(2);
            let prose = most >= 30 && text::ends_sentence(line);
            let rewording = reworded.is_none() && prose_seen < PROSE_BEFORE_HEADLINE && most >= 3;
            let misses = if prose || rewording {
                usize::MAX
            } else {
                allowed_misses(most)
            };
            let Some((count, hits)) = ascii_hits_within(line.as_bytes(), &head_set, misses) else {
                continue;
            };
            if count == 0 {
                continue;
            }
            if count >= 30 && prose {
                prose_seen += 1;
            }
            (count, hits)
        } else {
            let (count, hits) = head_hits(line, &head_set);
            if count == 0 {
                continue;
            }
            if count >= 30 && text::ends_sentence(line) {
                prose_seen += 1;
            }
            (count, hits)
        };
        // A rewording shares two words or more with the title (`shared >= 2` below, of
        // words that are among the `hits`): the shape is asked only of such lines.
        let may_reword = hits >= 2
            && reworded.is_none()
            && prose_seen < PROSE_BEFORE_HEADLINE
            && headline_shaped(line);
        if (hits as f32) / (count as f32) < OF_TITLE && !may_reword {
            continue;
        }
        let toks = text::tokens(line);
        let part = part_of(&parts, &toks);
        let precision = text::coverage(&toks, &head);
        let recall = text::coverage(&head, &toks);
        // A far repeat of the whole title line is the site's name again (a footer, a
        // logo), not its headline.
        let repeat = toks == head && n > NEAR_WINDOW;
        // A breadcrumb trail made of the title's words names the page's place in the site.
        if precision >= OF_TITLE && !repeat && !is_trail(line) {
            // The last part is usually the site's name, but not when it is long (most of
            // the title) and opens the article ("Blog Name - How I Built My Own Boat").
            let whole_part = part == Part::Headline
                || part == Part::Label
                    && toks.len() >= 6
                    && toks.len() * 2 > head.len()
                    && leads_content(doc, i);
            let fits = whole_part
                || part == Part::None
                    && toks.len() >= 2
                    && (recall >= 0.4 || recall >= 0.25 && leads_content(doc, i));
            if fits {
                // Of two whole parts, the leading one is the headline more often.
                let lead = whole_part && head.starts_with(&toks);
                if lead && part == Part::Headline && toks.len() < head.len() {
                    lead_part.get_or_insert((i, toks.len()));
                }
                let score =
                    recall + if whole_part { 0.5 } else { 0.0 } + if lead { 0.1 } else { 0.0 };
                if subset.is_none_or(|(s, _, _, _)| score > s + 1e-6) {
                    let later = (whole_part && !lead).then_some(toks.len());
                    subset = Some((score, i, whole_part || recall >= 0.67, later));
                }
            }
        }
        if may_reword {
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            let shared = toks
                .iter()
                .filter(|t| t.chars().count() >= 4 && head.contains(t))
                .count();
            // Less shared wording will do when a byline or a date follows at once; much
            // shared wording needs nothing below it (a product's full name, a reworded
            // headline over a standfirst), but a line made only of the title's words must
            // be its beginning (else it is more often a section's or the site's name).
            if shared >= 2
                && (f1 >= 0.5 && leads_content(doc, i) || f1 >= REWORD_DATED && dated(doc, i))
                || shared >= REWORD_CLOSE_WORDS
                    && f1 >= REWORD_CLOSE
                    && (precision < OF_TITLE || head.starts_with(&toks))
            {
                reworded = Some(i);
            }
        }
    }
    // A later part beats the leading one only when it is much longer (a question after
    // its tag, a headline after the site's name), not for a section's or a site's name
    // that happens to have more words ("Flexbox - Learn web development | MDN").
    if let (Some((s, _, _, Some(n))), Some((l, m))) = (subset, lead_part) {
        if n < LATER_PART_MIN_WORDS || n < 2 * m {
            subset = Some((s, l, true, None));
        }
    }
    let line = match (subset, reworded) {
        (Some((_, i, true, _)), _) | (_, Some(i)) => i,
        _ if as_byline => return None,
        _ => first,
    };
    // A Markdown line (a link, a heading) is not a `title` element.
    let markdown = doc.has_link(first) || page.starts_with('#');
    Some((
        TitlePick {
            line,
            page_line: (line != first).then_some(first),
        },
        line != first && !markdown,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

    #[test]
    fn head_hits_counts_as_tokens_and_coverage_do() {
        let head = text::tokens("Größte Brücke der Stadt – Harbour News: O'Neil's ΣΟΦΙΑ report");
        for line in [
            "Größte BRÜCKE der Stadt",
            "HARBOUR news, o'neil's report; report!",
            "ΣΟΦΙΑΣ Σοφια stadt 12 -- ' ’",
            "",
            "nothing here at all",
        ] {
            let toks = text::tokens(line);
            let (count, hits) = head_hits(line, &Head::new(&head));
            assert_eq!(count, toks.len(), "{line}");
            assert_eq!(
                hits,
                toks.iter().filter(|t| head.contains(t)).count(),
                "{line}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn head_hits_are_the_token_counts(
            page in "(?:[a-zA-Z0-9'|-]{1,4}| |Brücke|é|-'|ΣΟΦΙΑ|σοφιας|İst|Ärger){0,12}",
            line in "(?:[a-zA-Z0-9'.,-]{1,4}| |--|'|Brücke|BRÜCKE|ä|ΣΟΦΙΑΣ|Σοφια|İST|ärger|\\PC){0,16}",
        ) {
            let head = text::tokens(&page);
            let toks = text::tokens(&line);
            let want = (toks.len(), toks.iter().filter(|t| head.contains(t)).count());
            proptest::prop_assert_eq!(head_hits(&line, &Head::new(&head)), want);
        }
    }

    proptest::proptest! {
        #[test]
        fn bounded_hits_stop_only_on_lines_not_made_of_the_title(
            page in "(?:[a-zA-Z0-9'|-]{1,4}| ){0,12}",
            line in "(?:[a-zA-Z0-9'.,-]{1,4}| |--|'){0,40}",
        ) {
            let head = text::tokens(&page);
            let head_set = Head::new(&head);
            let (count, hits) = head_hits(&line, &head_set);
            // Unbounded, the counts are the tokens'; bounded by the misses a line of at
            // most `(len + 1) / 2` words may have, `None` only for lines whose share of
            // hits is below `OF_TITLE`, and for every line of fewer than ten words.
            proptest::prop_assert_eq!(
                ascii_hits_within(line.as_bytes(), &head_set, usize::MAX),
                Some((count, hits))
            );
            let most = line.len().div_ceil(2);
            proptest::prop_assert!(count <= most);
            let bounded = ascii_hits_within(line.as_bytes(), &head_set, allowed_misses(most));
            if bounded.is_none() {
                proptest::prop_assert!((hits as f32) / (count as f32) < OF_TITLE);
            } else {
                proptest::prop_assert_eq!(bounded, Some((count, hits)));
            }
            if count < 10 && hits < count {
                proptest::prop_assert_eq!(
                    ascii_hits_within(line.as_bytes(), &head_set, allowed_misses(count)),
                    None
                );
            }
        }
    }

    #[test]
    fn allowed_misses_are_a_tenth() {
        for (count, misses) in [(1, 0), (9, 0), (10, 1), (19, 1), (20, 2), (150, 15)] {
            assert_eq!(allowed_misses(count), misses, "{count}");
        }
    }

    /// [`part_of`] as it was written first: the parts from each place joined in a vector.
    fn part_of_by_joining(parts: &[Vec<String>], toks: &[String]) -> Part {
        let n = parts.len();
        if n < 2 {
            return Part::None;
        }
        for a in 0..n {
            let mut run: Vec<&String> = Vec::new();
            for (b, part) in parts.iter().enumerate().skip(a) {
                run.extend(part);
                if run.len() > toks.len() {
                    break;
                }
                if run.len() == toks.len() && run.iter().zip(toks).all(|(x, y)| *x == y) {
                    return if a == 0 || b + 1 < n && toks.len() >= 2 {
                        Part::Headline
                    } else {
                        Part::Label
                    };
                }
            }
        }
        Part::None
    }

    proptest::proptest! {
        #[test]
        fn parts_are_found_as_by_joining(
            parts in proptest::collection::vec(proptest::collection::vec("[ab]", 1..3), 0..5),
            toks in proptest::collection::vec("[ab]", 0..6),
        ) {
            proptest::prop_assert_eq!(part_of(&parts, &toks), part_of_by_joining(&parts, &toks));
        }
    }

    #[test]
    fn a_first_paragraph_is_not_a_title() {
        let doc = Doc::new("The committee met on Tuesday and agreed to delay the vote until spring.\n\nMembers said they needed more time to read the report before deciding.");
        assert_eq!(find_title(&doc), None);
        assert!(reads_as_sentence(
            "The committee met on Tuesday and agreed to delay the vote until spring.",
            13
        ));
        assert!(!reads_as_sentence("Committee delays vote until spring", 5));
    }

    fn run(text: &str) -> Doc<'_> {
        let mut doc = Doc::new(text);
        Title.apply(&mut doc, 0);
        doc
    }

    #[test]
    fn bulleted_plain_text_takes_the_dated_headline() {
        // Text with list bullets starts with its menu, not a `title` element: the
        // headline-shaped line over the author's line is the headline.
        let text = "Our Town Gazette\n  • Home\n  • News\n  • Sport\n  • Weather\nHarbour wall to be rebuilt after storms\nBy Omar Reyes\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.";
        let doc = run_after_phrases(text, vec![Box::new(Title)]);
        assert_eq!(category(&doc, 5), Some(Category::Title));
        assert_eq!(category(&doc, 0), None);
        // Without bullets, the first line is the `title` element.
        let plain = text.replace("  • ", "");
        let doc = run_after_phrases(&plain, vec![Box::new(Title)]);
        assert_eq!(category(&doc, 0), Some(Category::Title));
    }

    #[test]
    fn prefers_headline_matching_title_line() {
        let text = "Storm hits coast | The Daily Planet\nMenu\nSearch\nStorm hits coast\n\nThe storm arrived on Friday night, bringing strong winds.";
        let doc = run(text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 0), Some(Category::Metadata));
    }

    #[test]
    fn one_word_headline_that_is_a_title_part() {
        let text = "Gazebos — Garden Things Shop\nHome\nGazebos\n\nOur gazebos are made of cedar and come in three sizes.";
        let doc = run(text);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        assert_eq!(category(&doc, 1), None);
    }

    #[test]
    fn unrelated_lines_are_not_the_headline() {
        let text = "Storm hits coast | The Daily Planet\nSport\nCoast guard news\n\nThe storm arrived on Friday night, bringing strong winds.";
        let doc = run(text);
        assert_eq!(category(&doc, 0), Some(Category::Title));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn falls_back_to_first_line() {
        let doc =
            run("Storm hits coast\n\nThe storm arrived on Friday night, bringing strong winds.");
        assert_eq!(category(&doc, 0), Some(Category::Title));
    }

    #[test]
    fn markdown_heading_wins() {
        let text = "* [Home](/)\n* [News](/news)\n\n![logo](/logo.png)\n\n# Storm hits coast\n\nThe storm arrived on Friday night.\n\n# Second heading";
        let doc = run(text);
        assert_eq!(category(&doc, 5), Some(Category::Title));
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 9), None);
    }

    #[test]
    fn markdown_logo_heading_is_skipped() {
        let text = "# ![Shop](/logo.svg)\n\n# Garden chairs\n\nSturdy chairs for every garden.";
        let doc = run(text);
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 2), Some(Category::Title));
    }

    #[test]
    fn a_deep_heading_when_there_is_no_other() {
        let text = format!("* [Home](/)\n* [News](/news)\n* [Sport](/sport)\n* [Farming](/farming)\n* [About](/about)\n\n#### Harbour wall to be rebuilt after storms\n\n{PROSE}\n\n##### [Other news](/news)\n");
        let doc = run(&text);
        assert_eq!(category(&doc, 6), Some(Category::Title));
    }

    #[test]
    fn nothing_on_empty_input() {
        assert_eq!(find_title(&Doc::new("")), None);
        assert_eq!(find_title(&Doc::new("\n\n")), None);
    }

    const PROSE: &str = "The storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.";

    #[test]
    fn the_site_name_alone_is_not_the_headline() {
        let text = format!("Healthy eating tips • The Food Source\nThe Food Source\nRecipes\nHealthy eating tips\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 1), None);
        // Nor a one-word section between headline and site.
        let text = format!("Kitchen trends to watch | Blog | Oak Realty\nBlog\n{PROSE}");
        assert_eq!(category(&run(&text), 0), Some(Category::Title));
    }

    #[test]
    fn an_inner_part_can_be_the_headline() {
        let text = format!("boilers - Why does my boiler hiss? - Home Help\nboilers\nWhy does my boiler hiss?\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        assert_eq!(category(&doc, 0), Some(Category::Metadata));
    }

    #[test]
    fn a_reworded_headline_that_opens_the_article() {
        let text = format!("Storm hits coast | The Planet\nNews\nWeather\nHuge storm hits the coast overnight\nBy Omar Reyes\n{PROSE}");
        let doc = run_after_phrases(&text, vec![Box::new(Title)]);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 0), Some(Category::Metadata));
        // Without anything opening an article below it, a similar line is not taken.
        let text =
            "Storm hits coast | The Planet\nNews\nHuge storm hits the coast overnight\nSport";
        assert_eq!(category(&run(text), 0), Some(Category::Title));
    }

    #[test]
    fn a_reworded_line_after_the_article_is_not_the_headline() {
        let long = "The storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast, and the council closed the harbour road until the sea wall could be checked by engineers.";
        let text = format!("Storm hits coast | The Planet\n{long}\n{long}\nMore: storm hits the coast road again\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 0), Some(Category::Title));
        assert_eq!(category(&doc, 3), None);
    }

    #[test]
    fn headline_below_a_long_menu() {
        let menu: String = (0..150).map(|k| format!("Menu entry {k}\n")).collect();
        let text = format!("Garden chairs | Garden Things Shop\n{menu}Garden chairs\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 151), Some(Category::Title));
    }

    #[test]
    fn a_title_line_taken_for_a_byline_still_finds_the_headline() {
        let text = format!("Best boilers of 2025 - Top 25 Ranked by Heat Output\nMenu\nBest boilers of 2025\n{PROSE}");
        let doc = run_after_phrases(&text, vec![Box::new(Title)]);
        assert_eq!(category(&doc, 0), Some(Category::Byline));
        assert_eq!(category(&doc, 2), Some(Category::Title));
    }

    #[test]
    fn a_title_with_a_motto_is_not_a_sentence() {
        let text = format!(
            "Ten tips for online courses – Study Hub – Realize your potential.\nMenu\n{PROSE}"
        );
        assert_eq!(category(&run(&text), 0), Some(Category::Title));
    }

    #[test]
    fn markdown_home_link_and_lower_headings() {
        let text = format!("# [Garden Shop](/)\n\n## Garden chairs\n\n{PROSE}\n\n## Delivery");
        let doc = run(&text);
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        assert_eq!(heading_level("### Garden chairs"), 3);
        assert_eq!(heading_level("#### Garden chairs"), 0);
        assert_eq!(heading_level("#hashtag"), 0);
    }

    #[test]
    fn a_confirmed_headline_beats_a_hash_line() {
        let text = format!(
            "Storm hits coast | The Planet\nStorm hits coast\n# Company Year Rating\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 1), Some(Category::Title));
        assert_eq!(category(&doc, 2), None);
    }

    /// A Markdown menu: five lines of links make the input Markdown.
    const MENU: &str = "* [Home](/)\n* [News](/news)\n* [Sport](/sport)\n* [Weather](/weather)\n* [About](/about)\n";

    #[test]
    fn markdown_is_told_by_its_links_not_by_code() {
        let doc = Doc::new(MENU);
        assert!(is_markdown(&doc, &doc.text_lines()));
        let code = "class Box[T](Base): pass\nx = Box[int](1)\ny = Box[str](2)\nz = Box[int](3)\nw = Box[int](4)\n";
        let doc = Doc::new(code);
        assert!(!is_markdown(&doc, &doc.text_lines()));
    }

    #[test]
    fn an_interface_heading_is_not_the_headline() {
        let text = format!("{MENU}## What are you looking for?\n\n## Storm hits coast\n\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 5), None);
        assert_eq!(category(&doc, 7), Some(Category::Title));
        assert!(is_interface("### In this article"));
        assert!(is_interface("# Select Site Language"));
        assert!(!is_interface("# Storm hits coast"));
    }

    #[test]
    fn markdown_menu_line_is_not_a_title() {
        // No heading and no name line: the first line (a menu link) is not taken.
        let text = format!("{MENU}\nWelcome!");
        assert_eq!(find_title(&Doc::new(&text)), None);
    }

    #[test]
    fn teaser_link_headings_come_after_a_plain_heading() {
        let text = format!(
            "{MENU}# [Storm hits coast](/a)\n{PROSE}\n# Latest news\n# [Rain returns](/b)\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 7), Some(Category::Title));
        // Without a plain one, the first of them (an API reference's sections).
        let text = format!("{MENU}# [Charges](/charges)\n{PROSE}\n# [Refunds](/refunds)\n{PROSE}");
        assert_eq!(category(&run(&text), 5), Some(Category::Title));
    }

    #[test]
    fn an_empty_heading_mark_names_the_next_line() {
        let text = format!("{MENU}# \nStorm hits coast\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 6), Some(Category::Title));
        // A long question is a title too.
        let text =
            format!("{MENU}# \nHow do I stop my old boiler from hissing all night long?\n{PROSE}");
        assert_eq!(category(&run(&text), 6), Some(Category::Title));
        // Not in text printed from the HTML, where "###" separates parts.
        let text = format!("Storm hits coast | The Planet\n###\nBy the sea\n{PROSE}");
        assert_eq!(category(&run(&text), 2), None);
    }

    #[test]
    fn a_kicker_gives_way_to_the_headline_below() {
        let text = format!("{MENU}# Opinion\n# Why the storm hit the coast so hard\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 5), None);
        assert_eq!(category(&doc, 6), Some(Category::Title));
        // A lower heading below is a subtitle.
        let text = format!("{MENU}# Storm watch\n## Why it hit the coast so hard\n{PROSE}");
        assert_eq!(category(&run(&text), 5), Some(Category::Title));
    }

    #[test]
    fn a_comment_in_a_code_block_is_not_a_heading() {
        let text = format!("{MENU}# Install guide\nRun this:\n\n    # install the tool first\n    tool install\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 5), Some(Category::Title));
        assert_eq!(category(&doc, 8), None);
    }

    #[test]
    fn a_topic_heading_after_a_notice() {
        let notice = "Please read the board rules before posting, and search for older topics before you open a new one.";
        let text = format!("{MENU}{notice}\n### Boiler hisses at night\n{PROSE}\n### Re: Boiler hisses at night\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 6), Some(Category::Title));
        // Not in text printed from the HTML.
        let text = format!("{notice}\n### Boiler hisses at night\n{PROSE}");
        assert_eq!(category(&run(&text), 1), None);
    }

    #[test]
    fn a_product_name_above_its_picture() {
        let text = format!(
            "{MENU}Free delivery\nGarden chair deluxe\n![Garden chair deluxe](/chair.jpg)\n$120"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 6), Some(Category::Title));
        assert_eq!(category(&doc, 5), None);
        // An indented detail or a number is no name.
        let text = format!("{MENU}    Posts: 12\n{PROSE}\n0  0\n![0 0](/x.png)");
        assert_eq!(find_title(&Doc::new(&text)), None);
    }

    #[test]
    fn section_labels_and_script_links_are_interface() {
        assert!(is_interface("# About this item"));
        assert!(is_interface("## Warranty & Support"));
        assert!(is_interface("## News:"));
        assert!(is_interface("View desktop website"));
        assert!(is_interface("## We care about your privacy"));
        assert!(is_interface("Search code, repositories, users..."));
        assert!(is_interface("# Return to the Example Shop website"));
        assert!(is_interface("# [Show details](javascript:void(0))"));
        assert!(!is_interface("# Garden chair deluxe"));
        let text = format!("{MENU}# Garden chair deluxe\n$120\n# About this item\n{PROSE}");
        assert_eq!(category(&run(&text), 5), Some(Category::Title));
    }

    #[test]
    fn lead_ins_and_host_names_are_not_headlines() {
        // A heading that ends with a colon introduces what follows, whatever its length.
        assert!(is_interface(
            "# A word from the editor of the Harbour Gazette:"
        ));
        assert!(is_interface("## Provide feedback"));
        assert!(is_interface("# Saved searches"));
        assert!(is_interface("# Follow the author"));
        assert!(is_interface("## Material & care"));
        assert!(is_interface("## Size & fit"));
        assert!(!is_interface("# Storm hits coast: what we know"));
        assert!(is_host_name("harbourgazette.org"));
        assert!(is_host_name("www.harbour-gazette.co.uk"));
        assert!(!is_host_name("Node.js"));
        assert!(!is_host_name("ASP.NET"));
        assert!(!is_host_name("Storm hits coast."));
        assert!(!is_host_name("v2.0"));
        // A site's host name printed as the level-1 heading gives way to the topic below.
        let text = format!(
            "{MENU}# harbourgazette.org\n\n## Harbour wall to be rebuilt after storms\n\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 5), None);
        assert_eq!(category(&doc, 7), Some(Category::Title));
        let text = format!("{MENU}# A word from the editor of the Harbour Gazette:\n\n{PROSE}\n\n### Harbour wall to be rebuilt after storms\n\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 5), None);
    }

    #[test]
    fn the_reported_title_has_no_emphasis_marks() {
        let text = format!("{MENU}# What people _love_ about *slow* trains\n\n{PROSE}");
        assert_eq!(
            crate::clean(&text).title(),
            Some("What people love about slow trains")
        );
        let shown = |t: &str| drop_emphasis(t.into()).into_owned();
        assert_eq!(
            shown("_A Treatise on Coffee_ (1792)"),
            "A Treatise on Coffee (1792)"
        );
        assert_eq!(
            shown("Tips: _5 mistakes to avoid_"),
            "Tips: 5 mistakes to avoid"
        );
        assert_eq!(
            shown("Module ngx_http_core_module"),
            "Module ngx_http_core_module"
        );
        assert_eq!(
            shown("2*3 and 4*5 are products"),
            "2*3 and 4*5 are products"
        );
        assert_eq!(shown("_one_ _two_ _three_"), "one two three");
        assert_eq!(shown("a lone_ mark *"), "a lone_ mark *");
    }

    #[test]
    fn a_breadcrumb_trail_is_not_the_headline() {
        assert!(is_trail("Docs → Harbour Guide 2"));
        assert!(is_trail("Shop › Garden chairs"));
        assert!(is_trail("Home > Garden"));
        assert!(!is_trail("→ Garden chairs"));
        assert!(!is_trail("Garden chairs ›"));
        assert!(!is_trail("Garden chairs"));
        // The trail is made of the title's words; the title line itself is kept.
        let text = format!("Harbour Guide: Docs: 2: Moorings\nDocs → Harbour Guide 2\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 0), Some(Category::Title));
        assert_eq!(category(&doc, 1), None);
    }

    #[test]
    fn a_title_printed_twice_on_its_line_is_reported_once() {
        let shown = |t: &str| once(t.into()).into_owned();
        assert_eq!(shown("Wool Runner Wool Runner"), "Wool Runner");
        assert_eq!(shown("Bora Bora"), "Bora Bora");
        assert_eq!(
            shown("Wool Runner Wool Runners"),
            "Wool Runner Wool Runners"
        );
        assert_eq!(shown("Ä b Ä b"), "Ä b");
    }

    #[test]
    fn a_plain_level_one_heading_before_a_link_away() {
        // Neither opens the article: the plain one (or a permalink) names the page.
        let text = format!("{MENU}# [Garden Talk Online](https://boards.example/groups/gardeners/?sid=1)\nBoards\n# Boiler hisses at night\nTopic options");
        assert_eq!(category(&run(&text), 7), Some(Category::Title));
        assert!(links_away(
            "# [Garden Talk Online](https://boards.example/groups/gardeners/?sid=1)"
        ));
        assert!(!links_away(
            "# [Boiler hisses at night](/t/boiler-hisses-at-night/12)"
        ));
        let text = format!("{MENU}# [Boiler hisses at night](/t/boiler-hisses-at-night/12)\nBoards\n# Garden Forum\nFooter");
        assert_eq!(category(&run(&text), 5), Some(Category::Title));
    }

    #[test]
    fn a_one_word_title_line() {
        let text = format!("Pricing\nHome\nPlans\n{PROSE}");
        assert_eq!(category(&run(&text), 0), Some(Category::Title));
        // Not a letter, nor an interface label.
        assert_eq!(find_title(&Doc::new(&format!("A\nHome\n{PROSE}"))), None);
        assert_eq!(
            find_title(&Doc::new(&format!("Filters\nHome\n{PROSE}"))),
            None
        );
    }

    #[test]
    fn a_long_last_part_that_opens_the_article() {
        let text = format!("Slow Boat Notes - How I built my own wooden sailing boat at home\nSlow Boat Notes\nMenu\nHow I built my own wooden sailing boat at home\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 1), None);
    }

    #[test]
    fn the_leading_part_before_an_inner_one() {
        let text = format!(
            "Boiler hisses - Heating Talk - Home Forum\nHeating Talk\nMenu\nBoiler hisses\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 1), None);
    }

    #[test]
    fn a_notice_above_the_title_line_is_passed() {
        let text = format!("Please ensure JavaScript is enabled for this site\nStorm hits coast | The Planet\nMenu\nStorm hits coast\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 1), Some(Category::Metadata));
        assert_eq!(category(&doc, 0), None);
        // An interface line is no title line.
        assert_eq!(
            find_title(&Doc::new(&format!("Main content\nMenu\n{PROSE}"))),
            None
        );
    }

    #[test]
    fn a_loosely_reworded_headline_with_a_date_below() {
        let text = format!("Ten garden chairs to buy in 2025 | The Planet\nMenu\nThe best garden chairs for every budget\nPublished: March 3, 2025\n{PROSE}");
        let doc = run_after_phrases(&text, vec![Box::new(Title)]);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        // Without the date, so little shared wording is not enough.
        let text = format!("Ten garden chairs to buy in 2025 | The Planet\nMenu\nThe best garden chairs for every budget\n{PROSE}");
        assert_eq!(category(&run(&text), 0), Some(Category::Title));
    }

    #[test]
    fn a_level_one_heading_below_the_article_start() {
        // The first one opens nothing (tags follow), but a later one after prose is a
        // section's or a promotion's.
        let text = format!("{MENU}# Storm hits coast\ngardens\nweather\n{PROSE}\n# Plant the storm-proof way\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 5), Some(Category::Title));
        assert_eq!(category(&doc, 9), None);
    }

    #[test]
    fn a_plain_headline_with_a_date_below_beats_a_widget_heading() {
        let text = format!("{MENU}Storm hits the coast overnight\nPublished: March 3, 2025\n{PROSE}\n## More podcasts\n{PROSE}");
        let doc = run_after_phrases(&text, vec![Box::new(Title)]);
        assert_eq!(category(&doc, 5), Some(Category::Title));
        assert_eq!(category(&doc, 8), None);
    }

    #[test]
    fn a_linked_banner_is_not_the_article_prose() {
        let banner = "Two tools, one name. [Watch our webinar about the change to the product and what it means for you](/webinar).";
        let text = format!("{MENU}{banner}\n## Beginner guide\n* Starting\n* Stopping");
        assert_eq!(category(&run(&text), 6), Some(Category::Title));
    }

    #[test]
    fn a_post_number_and_date_is_not_a_headline() {
        let text = format!(
            "{MENU}## #1 [2025-11-01 15:14:37](topic?p=1)\n### Boiler hisses at night\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 5), None);
        assert_eq!(category(&doc, 6), Some(Category::Title));
        // One number alone may be a title.
        assert!(usable_heading(&Doc::new("# 001"), 0));
    }

    #[test]
    fn a_stray_first_line_is_passed() {
        let text = format!("A\nChoosing pipes: what differs?\nMenu\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 1), Some(Category::Title));
        assert_eq!(category(&doc, 0), None);
        assert!(is_stray("• A"));
        assert!(!is_stray("Pricing"));
        // A close button's cross opens a pop-up, not the page.
        let text = format!("×\nContinue to the Planet Skip ad\n{PROSE}");
        assert_eq!(find_title(&Doc::new(&text)), None);
    }

    #[test]
    fn a_sentence_title_with_a_short_site_part() {
        let text = format!("Hair was grown in the lab for the very first time. Mice show the way. : science\nMenu\n{PROSE}");
        assert_eq!(category(&run(&text), 0), Some(Category::Title));
        // Without the site's name it reads as the first paragraph.
        let text = format!(
            "Hair was grown in the lab for the very first time. Mice show the way.\nMenu\n{PROSE}"
        );
        assert_eq!(find_title(&Doc::new(&text)), None);
    }

    #[test]
    fn the_leading_part_beats_a_short_later_part() {
        let text = format!(
            "Flexbox - Learn web design | Web Docs\nLearn web design\nMenu\nFlexbox\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 1), None);
        // Parts of the same length: the leading one.
        let text = format!(
            "New look 2024 - General Talk - Notes Forum\nGeneral Talk\nNew look 2024\n{PROSE}"
        );
        assert_eq!(category(&run(&text), 2), Some(Category::Title));
    }

    #[test]
    fn a_close_rewording_needs_nothing_below() {
        let text = "Garden chair deluxe oak wood 120cm | Shop\nMenu\nGarden chair deluxe in solid oak wood, 120cm\n$120";
        let doc = run(text);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        assert_eq!(category(&doc, 0), Some(Category::Metadata));
        // Only the title's words, but not its beginning: a section's name.
        let text = "Oak chair deluxe wooden seats. Shop.com\nMenu\nChair deluxe wooden seats\n$120";
        assert_eq!(category(&run(text), 0), Some(Category::Title));
    }

    #[test]
    fn an_author_label_below_confirms_a_reworded_headline() {
        let text = format!("Best Tax Prep Software | Money Site\nMenu\nThe Best Tax Prep Software of 2025\nBy\nJane Doe\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        let text = format!("Best Tax Prep Software | Money Site\nMenu\nThe Best Tax Prep Software of 2025\nJane Doe\nMenu\n{PROSE}");
        assert_eq!(category(&run(&text), 0), Some(Category::Title));
    }
}
