//! Bylines: the author line of an article, a post or a page.
//!
//! The phrase rule `byline-by` (see [`crate::phrases`]) takes the explicit forms ("By Jane
//! Doe", "Written by …", "Posted on (date) by …", "Thread starter …"). The rules here find
//! the bare ones by their place: a name line just before the author's bio
//! ([`Byline`]), and a name next to the headline or the date, or under an "Author:" label
//! ([`NearTitle`]).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::asides::{next_text, prev_text};
use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::text;
use crate::Category;

/// Bylines: a short name line ("Jane Doe, The Paper") just before a removed bio that
/// starts with the same name.
#[derive(Debug)]
pub(crate) struct Byline;

impl Rule for Byline {
    fn name(&self) -> &str {
        "byline-name"
    }
    fn category(&self) -> Category {
        Category::Byline
    }
    fn description(&self) -> &str {
        "a short name line just before the author's bio"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        for i in 0..doc.len() {
            if !doc.is_removed_as(i, Category::Bio) {
                continue;
            }
            let Some(first) = text::words(doc.line(i)).next() else {
                continue;
            };
            let Some(p) = prev_text(doc, i) else { continue };
            let cand = doc.line(p);
            if doc.is_open(p)
                && cand.len() <= 100
                && text::word_count(cand) <= 10
                && text::is_capitalised_run(cand)
                && text::words(cand).next() == Some(first)
            {
                doc.remove(p, id, Category::Byline);
            }
        }
    }
}

/// Bylines found by their place near the top of the article, among the lines just after the
/// headline (and its standfirst) or just before the first paragraph of prose: the name
/// under an author label ("Written by" / "Jane Doe"), a Markdown link to an author page, a
/// line with "by Jane Doe" in it, a short name line next to the date or over a job title,
/// a name and a date on one line ("Jane Doe · March 3, 2025"), or a forum handle over its
/// post (with its avatar initial, "wrote", or straight above the text). Markdown is read
/// as its plain text. Failing those, the name under a question's "asked <date>" stamp or a
/// thread's first post header.
#[derive(Debug)]
pub(crate) struct NearTitle;

/// How many non-blank lines after the headline (and before the first prose line) are
/// searched.
const ZONE: usize = 10;

/// How many non-blank lines just above the headline are searched for an explicit byline.
const ABOVE: usize = 3;

/// How many non-blank lines below the headline are searched for a repeat of it.
const REPEAT_WINDOW: usize = 300;

/// Longest name line, in bytes.
const NAME_MAX: usize = 80;

/// An author label alone on its line.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s\p{P}]*(?:(?:article |story |words |text |post )?(?:(?:written|posted|published|authored) )?by|authors?|writers?|reporters?|contributors?)[\s\p{P}]*$",
    )
    .expect("valid regex")
});

/// An author label alone on its line, or an "About the author" header.
static ABOUT_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s\p{P}]*(?:about the authors?|(?:article |story |post )(?:(?:written|posted|authored) )?by|(?:written|posted|authored) by|authors?)[\s\p{P}]*$")
        .expect("valid regex")
});

/// Whether the (plain) line is only an author label ("Written by:", "Author").
pub(crate) fn is_label(line: &str) -> bool {
    LABEL.is_match(&plain(line))
}

/// A date with its month in words ("March 4, 2025", "Mar. 4th 2025", "4 March 2025"), for
/// [`NAME_DATE`] and [`DATE_NAME`] (case-insensitive where used).
macro_rules! written_date {
    () => {
        concat!(
            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}",
            r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
        )
    };
}

/// A name (two to four capitalised words, or one user handle) followed by a date, after a
/// comma, a bar, a dash, a dot or the `*` that Markdown prints for a dot ("jdoe * 03/03/2026").
static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?:\p{Lu}[\p{L}'’.\-]*\s+){1,3}\p{Lu}[\p{L}'’.\-]*|[\p{L}\d_.\-]{2,30})",
        r"(?:\s*\([^)]{1,40}\))?\s*(?:[,|·•–—\-*]\s*)?(?i:(?:updated|published|posted)\s+)?(?i:on\s+)?",
        r"(?i:",
        written_date!(),
        // The last field has two digits or more: "10.10.2" is a version, not a date.
        r"|\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4})",
        r"(?:\W.{0,60})?$",
    ))
    .expect("valid regex")
});

/// A date, then up to three short fields (a reading time, a word count, a section), then a
/// name of two to four capitalised words, all separated by dots, bars or Markdown's `*` for
/// a dot ("December 15, 2025 · 30 min · Jane Doe", "Dec. 19, 2025 * Jane Doe on behalf of
/// the docs team").
static DATE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:",
        written_date!(),
        r"|\d{4}-\d{2}-\d{2})",
        r"(?:\s*[·•|*]\s*[^·•|*]{1,30}){0,3}\s*[·•|*]\s*(?i:by\s+)?",
        r"\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){1,3}",
        r"(?:\s+on behalf of .{1,60})?$",
    ))
    .expect("valid regex")
});

/// Words that start date lines, page controls and section labels, not names ("Last Updated
/// March 3, 2025", "Ask Question", "Show Sidebar", "Thread Tools", "Featured Replies").
static NOT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last|updated|published|posted|modified|created|released|date|edited|reviewed|originally|first|on|since|from|copyright|season|week|day|issue|volume|vol|posts?|joined|member|registered|ask|asked|answered|commented|viewed|started|opened|show|hide|get|thread|featured|original|display|related|popular|latest|recent|trending|top|view|sign|log|share|follow|sponsored)\b")
        .expect("valid regex")
});

/// A Markdown link to an author's page (`[Jane Doe](/author/jane-doe)`); group 1 is the
/// text.
pub(crate) static AUTHOR_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\[\s*([^\]\[]*?\p{L}[^\]\[]*?)\s*\]\(\s*(?:[^)\s]*/)?(?:author|authors|autor|autore|auteur|byline|contributors?|writers?|people|profiles?|staff|team|journalists?|redakteur|u|users?|members?|memberlist)(?:/|\.|-|\?|=|#)[^)]*\)",
    )
    .expect("valid regex")
});

/// The text of the first link to an author's page in the line (see [`AUTHOR_LINK`]) that
/// is more than an avatar's initial.
pub(crate) fn author_link(line: &str) -> Option<&str> {
    author_links(line).next()
}

/// The texts of the links to an author's page in the line (see [`author_link`]); an
/// image is no link, even one stored under an `authors/` folder.
fn author_links(line: &str) -> impl Iterator<Item = &str> {
    AUTHOR_LINK
        .captures_iter(line)
        .filter(|c| c.get(0).is_some_and(|m| !line[..m.start()].ends_with('!')))
        .filter_map(|c| c.get(1))
        .map(|m| &line[m.range()])
        .filter(|t| t.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
}

/// "by" and a capitalised name anywhere in a line ("March 4, 2025 by Jane Doe | News").
static BY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:^|[\s|•·,;:(–—\-])(?:(?i:written|posted|reported|published|authored)\s+)?(?:by|By|BY)\s*:?\s+",
        r"\p{Lu}[\p{L}'’.\-]*(?:\s+(?:(?:de|del|della|van|von|der|da|di|du|la|le|bin)\s+)?\p{Lu}[\p{L}'’.\-]*){1,4}",
    ))
    .expect("valid regex")
});

/// Words before "by" that make it a credit for something else ("Photo by …") or a control
/// ("Shop by Brand").
static CREDIT_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:photos?|image|images|illustrations?|video|graphics?|artwork|art|design|designed|powered|sponsored|presented|brought to you|reviewed|checked|edited|fact-checked|verified|translated|produced|hosted|supported|shop|sort|filter|browse|search|find)\s+by\b")
        .expect("valid regex")
});

/// A job title under an author's name ("Staff Writer", "VP - Technology", "Co-founder").
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:writer|editor|reporter|journalist|correspondent|columnists?|contributors?|author|producer|analyst|blogger|freelancer?|staff|desk|expert|specialist|founder|co-founder|ceo|cto|cmo|coo|vp|president|head|director|manager|lead|executive|consultant|strategist|marketer|engineer|developer|researcher|scientist|professor|attorney|lawyer|doctor|md|phd|team|partner|owner)\b",
    )
    .expect("valid regex")
});

/// A date ("March 4, 2025", "4 Mar 2025", "2025-03-04", "12.12.2025") or a reading time.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?|\d{4})\b",
        r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
        r"|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}\b|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b",
        r"|\d+\s*min(?:ute)?s?\s+read\b)",
    ))
    .expect("valid regex")
});

/// An `_` that opens or closes emphasis: at a word's start after a space, or at its end
/// before one.
static EMPHASIS_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|\s)_+([^\s_])|([^\s_])_+(\s|$)").expect("valid regex"));

/// The visible text of a Markdown line: images left out, links replaced by their text,
/// emphasis marks, list bullets and heading marks dropped. Plain text comes back as is.
pub(crate) fn plain(line: &str) -> Cow<'_, str> {
    // By bytes (the marks are ASCII): `str::contains` with a set of characters decodes
    // every character of every line asked.
    let b = line.as_bytes();
    if memchr::memchr3(b'[', b'*', b'_', b).is_none() && memchr::memchr(b'#', b).is_none() {
        return Cow::Borrowed(line);
    }
    let s = text::IMAGE.replace_all(line, "");
    let s = text::LINK.replace_all(&s, "$1");
    let s = s.replace("**", "").replace("__", "");
    // `_emphasis_` inside the line ("Jane Doe _March 3, 2025_"); a handle's `_` stays.
    let s = EMPHASIS_MARK.replace_all(&s, "$1$2$3$4");
    let t = s.trim_start_matches(['#', '*', '-', '+', ' ', '\t']);
    let t = t.trim_matches(|c: char| c == '_' || c == '*' || c.is_whitespace());
    Cow::Owned(t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The name in a byline: the text of a link to the author's page when there is one
/// ("By [Jane Doe](/author/jane)" gives "Jane Doe"), else the line without the Markdown
/// around it (so all the names of a line that links to several authors' pages).
pub(crate) fn name_text(line: &str) -> &str {
    let mut links = author_links(line);
    let name = match (links.next(), links.next()) {
        (Some(one), None) => one,
        _ => text::strip_markup(line),
    };
    match name.trim_matches(['_', '*', ' ']) {
        "" => name,
        trimmed => trimmed,
    }
}

/// The author line's text (see `Cleaned::byline`): of the lines removed as
/// [`Category::Byline`] (`removed` in input order), the one nearest the headline line
/// starting at `headline` (the first one without a headline), passing over a thread's
/// summary when there is another; for a lone author label, the line after it (past an
/// image; none when no name follows); read as
/// shown, a link to an author's page as its text.
pub(crate) fn byline_text<'a>(
    input: &'a str,
    removed: impl Iterator<Item = (crate::Span, impl Sized, Category)>,
    headline: Option<usize>,
) -> Option<Cow<'a, str>> {
    // Every line of every byline span (adjacent ones merge), with its offset.
    let mut lines: Vec<(usize, &'a str)> = Vec::new();
    for (span, _, _) in removed.filter(|r| r.2 == Category::Byline) {
        let text = input.get(span.start..span.end)?;
        let mut at = span.start;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim().trim_start_matches('\u{feff}').trim();
            if !trimmed.is_empty() {
                lines.push((at, trimmed));
            }
            at += line.len();
        }
    }
    if lines.iter().any(|(_, l)| !is_thread_summary(l)) {
        lines.retain(|(_, l)| !is_thread_summary(l));
    }
    let (at, line) = match headline {
        Some(t) => lines.into_iter().min_by_key(|(at, _)| at.abs_diff(t)),
        None => lines.into_iter().next(),
    }?;
    let mut name = line;
    if is_label(line) {
        // A lone "Written by:": the name is on the next line (past the author's
        // picture); a label with no name after it names no one.
        let rest = input.get(at..)?.split_inclusive('\n').skip(1);
        let next = rest
            .map(str::trim)
            .find(|l| !l.is_empty() && !crate::classifier::features::is_image_only(l))?;
        if next.len() > 100 || is_label(next) {
            return None;
        }
        name = next;
    }
    let name = text::plain_text(name_text(name), text::Images::Alt);
    // `_emphasis_` marks inside the line ("Jane Doe _March 3, 2025_").
    let name = if name.contains('_') {
        Cow::Owned(
            EMPHASIS_MARK
                .replace_all(&name, "$1$2$3$4")
                .trim_matches('_')
                .to_string(),
        )
    } else {
        name
    };
    Some(unglue(name)).filter(|t| !t.is_empty())
}

/// The byline with words printed without the space between two elements ("Written byJane
/// Doe", "Jane DoeMarch 3, 2025") set apart (see [`GLUED`]).
fn unglue(name: Cow<'_, str>) -> Cow<'_, str> {
    match GLUED.is_match(&name) {
        true => Cow::Owned(GLUED.replace_all(&name, "$1$3 $2$4").into_owned()),
        false => name,
    }
}

/// Two words of a byline printed with no space between them: "by" glued to a capitalised
/// name ("byJane"), or a lower-case letter glued to a month and its day ("DoeMarch 3").
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(by)(\p{Lu})",
        r"|(\p{Ll})((?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}\b)",
    ))
    .expect("valid regex")
});

/// A thread's summary line ("23 replies · last post by jdoe"): it names the last poster,
/// not the author.
static THREAD_SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:last|latest|newest|recent)\s+(?:post|posts|reply|replies|replied|comment|activity|message)\b")
        .expect("valid regex")
});

/// Whether the line is a thread's summary that names its last poster (see
/// [`THREAD_SUMMARY`]).
pub(crate) fn is_thread_summary(line: &str) -> bool {
    THREAD_SUMMARY.is_match(line)
}

/// Whether the (plain) line is a short date or reading-time line.
///
/// A name followed by a date ("jdoe 2 May 2025 18:48") is a byline, not a date line.
fn is_date_line(line: &str) -> bool {
    let line = once(line);
    text::word_count(line) <= 10
        && DATE.is_match(line)
        && !text::ends_sentence(line)
        && (NOT_NAME.is_match(line) || !NAME_DATE.is_match(line))
}

/// The line's text printed once: its first half when the line is the same text twice with a
/// space between ("3 May 2025 / 10:00 GMT 3 May 2025 / 10:00 GMT": a visible date and its
/// copy for screen readers).
fn once(line: &str) -> &str {
    let t = line.trim();
    let h = t.len() / 2;
    match (t.get(..h), t.get(h..h + 1), t.get(h + 1..)) {
        (Some(a), Some(" "), Some(b)) if t.len() % 2 == 1 && a == b => a,
        _ => t,
    }
}

/// A question's or thread's header stamp ("asked Feb 4, 2014 at 13:02", "Started by"):
/// the poster's name follows it.
static ASKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:asked|question asked|posted|started)\b.{0,40}\d").expect("valid regex")
});

/// Whether `line` can start like an [`ASKED`] stamp, before the regex is asked: it is 7
/// bytes or more and starts with `a`, `q`, `p` or `s` (any case; as ever, a stamp spelt
/// with a non-ASCII first letter such as `ſ` is not looked at), then with one of the
/// stamp's words, ASCII case-insensitively, unless a byte outside ASCII (a case variant
/// `(?i)` allows: `ſ`, the Kelvin sign) comes among the first ones.
#[inline]
fn asked_lead(line: impl AsRef<[u8]>) -> bool {
    let b = line.as_ref();
    if b.len() < 7 || !matches!(b[0] | 0x20, b'a' | b'q' | b'p' | b's') {
        return false;
    }
    if !b[..b.len().min(14)].is_ascii() {
        return true;
    }
    [&b"asked"[..], b"question asked", b"posted", b"started"]
        .iter()
        .any(|w| b.len() >= w.len() && b[..w.len()].eq_ignore_ascii_case(w))
}

/// Whether `line` holds a `#`, "line" or "LINE" (a post number's mark, "Offline"): the
/// literal parts of a [`FIRST_POST`] header, searched before the regex.
#[inline]
fn has_post_mark(line: impl AsRef<[u8]>) -> bool {
    // By byte search (issue 24: a substring searcher built for each of a million short
    // lines was most of this rule's cost on them).
    let b = line.as_ref();
    if b.len() < 16 {
        // A few bytes: a plain loop costs less than setting up the vector searches (or
        // than `contains`, which calls one).
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'#' {
                return true;
            }
            k += 1;
        }
        return b.len() >= 4 && b.windows(4).any(|w| w == b"line" || w == b"LINE");
    }
    memchr::memchr(b'#', b).is_some()
        || memchr::memchr2_iter(b'l', b'L', b).any(|k| {
            let w = &b[k..];
            w.starts_with(b"line") || w.starts_with(b"LINE")
        })
}

/// Whether `line` holds "author" or "by" (any case): an [`ABOUT_AUTHOR`] label has one.
#[inline]
fn author_word(line: impl AsRef<[u8]>) -> bool {
    let b = line.as_ref();
    b.windows(2).any(|w| {
        let (x, y) = (w[0] | 0x20, w[1] | 0x20);
        x == b'b' && y == b'y' || x == b'o' && y == b'r'
    })
}

/// A thread's first post header, over its author's name: a date and the post number one
/// ("30th March 2025, 16:26 # 1 | Link", "11-29-2024, 09:03 AM #1"), or an avatar's
/// initial with the poster's presence ("J Offline").
static FIRST_POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:.{0,50}\d.{0,30}\s#\s?1(?:\s*\|\s*\w{1,12})?|\p{L}\s+(?:offline|online))$")
        .expect("valid regex")
});

/// Whether the line after `i` shows only the first letter of line `i`'s name (a forum's
/// avatar placeholder: "jdoe42" then "J").
fn avatar_initial_follows(doc: &Doc<'_>, i: usize, name: &str) -> bool {
    let Some(n) = next_text(doc, i) else {
        return false;
    };
    let next = plain(doc.line(n));
    let mut next = next.trim().chars();
    match (next.next(), next.next(), name.chars().next()) {
        (Some(a), None, Some(b)) => a.is_alphabetic() && a.to_lowercase().eq(b.to_lowercase()),
        _ => false,
    }
}

/// Whether a "wrote" line follows line `i` within two lines (a forum post's header).
fn wrote_follows(doc: &Doc<'_>, i: usize) -> bool {
    let mut j = i;
    for _ in 0..2 {
        let Some(n) = next_text(doc, j) else {
            return false;
        };
        let line = doc.line(n).to_lowercase();
        if line.starts_with("wrote") || line.starts_with("schrieb") || line.starts_with("a écrit")
        {
            return true;
        }
        j = n;
    }
    false
}

/// Whether the (plain) line is a short job title.
fn is_role(line: &str) -> bool {
    line.len() <= NAME_MAX && text::word_count(line) <= 8 && ROLE.is_match(line) && !is_prose(line)
}

/// Whether the (plain) line carries "by Jane Doe" that credits the text, not a photo.
fn has_by_name(line: &str) -> bool {
    text::word_count(line) <= 40
        && BY_NAME
            .find(line)
            .is_some_and(|m| !CREDIT_BY.is_match(&line[..m.end()]))
        || BY_HANDLE.is_match(line)
}

/// "by" and a user handle alone on a line ("by jdoe42", "By: ibby"), or a forum post's
/// header ("Post by jdoe42 » Tue Aug 27, 2019 1:47 am").
static BY_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:post\s+)?by)\s*:?\s+[\p{L}\d_.\-]{2,30}(?:\s*»(?:\s.{0,60})?)?$")
        .expect("valid regex")
});

/// Whether the line reads like a person's name or user handle: a short run of capitalised
/// words ("Jane Doe", "Jane Doe, Staff Writer"), or one handle-like token ("jdoe42",
/// "JaneD").
fn is_name_like(line: &str) -> bool {
    if line.is_empty()
        || line.len() > NAME_MAX
        || text::ends_sentence(line) && !ends_with_abbreviation(line)
    {
        return false;
    }
    // Words that open no name, a forum post's header. Asked last (the tests are pure):
    // most lines fail the cheaper shape tests below first, and the regexes are the cost.
    let not_name = || NOT_NAME.is_match(line) || FIRST_POST.is_match(line);
    if !line.contains(char::is_whitespace) {
        if is_initials(line) {
            return false;
        }
        // A handle: lower-case start, digits, or an inner capital ("ColdJ"); a lone
        // capitalised word is more often a section label.
        let mut chars = line.chars();
        let first = chars.next().is_some_and(|c| c.is_lowercase());
        let inner = chars.any(|c| c.is_uppercase() || c.is_ascii_digit() || c == '_');
        // A vote count or a score ("11", "-1") is no handle: it needs letters.
        return line.len() <= 30 && text::has_letters(line) && (first || inner) && !not_name();
    }
    if (2..=6).contains(&text::word_count(line)) && text::is_capitalised_run(line) {
        return !not_name();
    }
    // Several authors: "Ann Lee, Omar Reyes & Jo Kim", "Ann Lee and Omar Reyes | Guests".
    let names = NAME_JOIN.replace_all(line, ",");
    let list = names.len() < line.len() || line.contains(',');
    list && (3..=14).contains(&text::word_count(&names))
        && names.split([',', '|', '·', '/']).all(|n| {
            n.trim().is_empty()
                || text::is_capitalised_run(n) && (2..=4).contains(&text::word_count(n))
        })
        && !not_name()
}

/// Whether the line is a name and the section it wrote in ("Jane Doe in Engineering", "Jane
/// Doe in seo"): a name of two words or more, " in ", then up to three words.
fn is_name_in_section(line: &str) -> bool {
    line.split_once(" in ").is_some_and(|(name, section)| {
        name.contains(char::is_whitespace)
            && is_name_like(name)
            && (1..=3).contains(&text::word_count(section))
            && !text::ends_sentence(section)
    })
}

/// The separators between the fields of a byline line ("Jane Doe / The Paper / Updated:
/// March 3, 2025").
static FIELD_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[/|·•]\s+").expect("valid regex"));

/// Whether the line is a name of two words or more, then up to four short fields (the
/// outlet, a section) one of which is a date, separated by slashes, bars or dots.
fn is_name_fields(line: &str) -> bool {
    let mut fields = FIELD_SEP.split(line);
    let Some(name) = fields.next() else {
        return false;
    };
    if !name.contains(char::is_whitespace) || !is_name_like(name) {
        return false;
    }
    let (mut n, mut date) = (0, false);
    for f in fields {
        n += 1;
        if n > 4 || f.len() > 50 {
            return false;
        }
        date |= DATE.is_match(f);
    }
    date
}

/// A degree, an initial or a suffix after a name ("Ph.D.", "M.D.", "Jr.", "C."): its full
/// stop ends no sentence.
static ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\p{Lu}\p{Ll}?\.)+|(?:Jr|Sr|Esq)\.)$").expect("valid regex")
});

/// Whether the line's last word is an [`ABBREVIATION`].
fn ends_with_abbreviation(line: &str) -> bool {
    line.split([' ', ','])
        .next_back()
        .is_some_and(|w| ABBREVIATION.is_match(w))
}

/// An image stored as an author's picture (`/authors/`, `/team/`, `/contributors/`, an
/// avatar service).
static AUTHOR_PICTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\]\([^)]*(?:/(?:authors?|team|people|profiles?|avatars?|staff|headshots?|contributors?)[/_.\-]|gravatar\.)").expect("valid regex")
});

/// The alt text of a line made of Markdown images (of the first one), when it has one.
fn picture_alt(line: &str) -> Option<&str> {
    // A picture alone on a (trimmed) line starts with one (`is_image_only`).
    if !(line.starts_with("![") || line.starts_with("[!["))
        || !crate::classifier::features::is_image_only(line)
    {
        return None;
    }
    let alt = text::IMAGE.captures(line)?.get(1)?.as_str().trim();
    (!alt.is_empty()).then_some(alt)
}

/// Whether the text reads as a person's name: [`is_name_like`] with two words or more, not
/// opening with an article nor holding a colon (a book's or a product's name).
fn is_person(name: &str) -> bool {
    name.contains(char::is_whitespace)
        && is_name_like(name)
        && !name.contains(':')
        && !text::words(name)
            .next()
            .is_some_and(|w| ["the", "a", "an"].iter().any(|a| w.eq_ignore_ascii_case(a)))
}

/// Whether the (plain) line is a bio of `name` (see [`has_bio`]): it starts with the name
/// or its first word and a verb of [`BIO_VERBS`], has [`BIO_MIN_WORDS`] words or more and
/// one of [`BIO_WORDS`].
fn is_bio_of(line: &str, name: &str) -> bool {
    let first = text::words(name).next().unwrap_or(name);
    [name, first].iter().any(|n| {
        line.len() > n.len()
            && line.starts_with(n)
            && BIO_VERBS.iter().any(|v| line[n.len()..].starts_with(v))
    }) && text::word_count(line) >= BIO_MIN_WORDS
        && text::words(line).any(|w| BIO_WORDS.iter().any(|b| w.eq_ignore_ascii_case(b)))
}

/// How a bio written in the first person opens ("I'm the founder of …", "I am a reporter …").
const FIRST_PERSON: [&str; 3] = ["I'm ", "I’m ", "I am "];

/// Whether the (plain) line is a bio in the first person, as an author's box prints it under
/// their name: it opens with [`FIRST_PERSON`], has [`BIO_MIN_WORDS`] words or more and one
/// of [`BIO_WORDS`] (a writer's trade: the pronouns are the third person's).
fn is_own_bio(line: &str) -> bool {
    FIRST_PERSON.iter().any(|p| line.starts_with(p))
        && text::word_count(line) >= BIO_MIN_WORDS
        && text::words(line).any(|w| BIO_WORDS.iter().any(|b| w.eq_ignore_ascii_case(b)))
}

/// A link to the author's page printed under their name in an author's box ("Author's
/// Profile", "View author profile", "Full bio"; a bare "View profile" is under every member
/// of a forum's list, "View all posts" under a section's name too).
static PROFILE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:view|see)\s+(?:(?:the\s+)?author[’']?s?\s+|full\s+)(?:profile|bio)|author[’']?s\s+profile|full\s+bio)[\s\p{P}]*$")
        .expect("valid regex")
});

/// A sentence that credits the text to its writer ("This post was written by Jane Doe, our
/// editor"), wherever it stands on the page.
static WRITTEN_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?i:this|the)\s+(?i:(?:blog\s+)?post|article|story|piece|guide|review)\s+",
        r"(?i:was\s+)?(?i:written|authored)\s+(?i:by)\s+\p{Lu}[\p{L}'’.\-]*\s+\p{Lu}",
    ))
    .expect("valid regex")
});

/// The fewest bytes a [`WRITTEN_BY`] match has: a shorter line (the plain text is never
/// longer than its line) is not searched (issue 24: a million short lines).
static WRITTEN_BY_MIN: LazyLock<usize> = LazyLock::new(|| {
    regex_syntax::parse(WRITTEN_BY.as_str())
        .ok()
        .and_then(|hir| hir.properties().minimum_len())
        .unwrap_or(0)
});

/// Whether the line is an avatar's initials and the name they stand for ("JD Jane Doe",
/// "FM Former Member"): two or three capital letters, the first letters of the two or three
/// capitalised words after them.
fn is_initials_and_name(line: &str) -> bool {
    let Some((initials, name)) = line.split_once(' ') else {
        return false;
    };
    is_initials(initials)
        && text::is_capitalised_run(name)
        && is_name_like(name)
        && text::words(name)
            .map(|w| w.chars().next())
            .eq(initials.chars().map(Some))
}

/// Whether the line is only an avatar's initials ("JD", "ABC"): two or three capital
/// letters, no name.
fn is_initials(line: &str) -> bool {
    let t = line.trim();
    (2..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_uppercase())
}

/// The first name of a name line: the text before a comma, a bar or a joining word
/// ("Jane Doe" in "Jane Doe, Staff Writer" and in "Jane Doe and Omar Reyes").
fn lead_name(line: &str) -> &str {
    let end = line.find([',', '|', '·', '/', '(']).unwrap_or(line.len());
    let name = &line[..end];
    let name = NAME_JOIN.find(name).map_or(name, |m| &name[..m.start()]);
    name.trim()
}

/// Verbs that open an author's bio after their name ("Jane Doe is a reporter …").
const BIO_VERBS: [&str; 11] = [
    " is ",
    " has ",
    " was ",
    " writes ",
    " covers ",
    " joined ",
    " holds ",
    " specializes ",
    " specialises ",
    " brings ",
    " leads ",
];

/// Least words in a bio sentence.
const BIO_MIN_WORDS: usize = 8;

/// Words that make a sentence about a person rather than a product or a firm ("Beard Oil
/// is a …", "MacBook Air has …" are not bios): a personal pronoun or a writer's trade.
const BIO_WORDS: [&str; 17] = [
    "he",
    "she",
    "his",
    "her",
    "writer",
    "editor",
    "journalist",
    "reporter",
    "author",
    "contributor",
    "freelance",
    "columnist",
    "correspondent",
    "researcher",
    "professor",
    "founder",
    "blogger",
];

/// Whether another line of the page is a bio of `name`: it starts with the name (two words
/// or more) and a verb of [`BIO_VERBS`], has [`BIO_MIN_WORDS`] words or more and one of
/// [`BIO_WORDS`].
fn has_bio(doc: &Doc<'_>, at: usize, name: &str) -> bool {
    if text::word_count(name) < 2 {
        return false;
    }
    let mut read = 0;
    let found = (0..doc.len()).any(|j| {
        read += 1;
        let line = doc.line(j);
        j != at
            && line.len() > name.len()
            && line.starts_with(name)
            && BIO_VERBS.iter().any(|v| line[name.len()..].starts_with(v))
            && text::word_count(line) >= BIO_MIN_WORDS
            && text::words(line).any(|w| BIO_WORDS.iter().any(|b| w.eq_ignore_ascii_case(b)))
    });
    crate::doc::Work::add(&doc.work.byline_lines, read);
    found
}

/// The words joining names in a list of authors.
static NAME_JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:and|&|und|y|et|e|и)\s+").expect("valid regex"));

/// Whether an earlier rule removed line `i` as a date or other page metadata.
fn is_metadata(doc: &Doc<'_>, i: usize) -> bool {
    matches!(doc.mark(i), Mark::Remove(_, Category::Metadata))
}

/// Whether the line is a paragraph of prose (where the article header ends): 15 words or
/// more (so 29 bytes or more: a word takes a byte, and a byte parts two words) that end
/// like a sentence.
fn is_prose(line: &str) -> bool {
    line.len() >= 29 && text::ends_sentence(line) && text::word_count(line) >= 15
}

/// The words of the headline: of the line removed as [`Category::Title`] and of the first
/// part of the first line of text (the `title` element of text printed from the HTML,
/// "Headline - by Jane Doe | Site": the other parts may name the author).
/// `title`: the headline line's place among the text lines `lines` ([`Firsts::title`]).
fn headline_words(doc: &Doc<'_>, lines: &[usize], title: Option<usize>) -> Vec<String> {
    let mut words = Vec::new();
    if let Some(t) = title {
        words.extend(text::tokens(&plain(doc.line(lines[t]))));
    }
    // A Markdown link or image (a logo, often named after the site's author) is no
    // `title` element.
    if let Some(&first) = lines.first().filter(|&&f| !doc.line(f).contains("](")) {
        let line = doc.line(first);
        let cut = [" | ", " - ", " – ", " — ", " · ", " :: "]
            .iter()
            .filter_map(|sep| line.find(sep))
            .min()
            .unwrap_or(line.len());
        words.extend(text::tokens(&line[..cut]));
    }
    words
}

/// Whether the (plain) line's words with letters, two or more, are all the headline's.
fn of_headline(line: &str, headline: &[String]) -> bool {
    let mut n = 0;
    for w in text::words(line).filter(|w| text::has_letters(w)) {
        let w = w.to_lowercase();
        if !headline.contains(&w) {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Whether `text::tokens(line) == toks` (lower-cased tokens), without building the line's
/// tokens: most lines differ at their first word.
fn same_tokens(line: &str, toks: &[String]) -> bool {
    let mut words = text::words(line);
    toks.iter().all(|t| {
        words.next().is_some_and(|w| match w.is_ascii() {
            // `t` is lower-cased: no ASCII capital is left in it.
            true => w.eq_ignore_ascii_case(t),
            false => w.to_lowercase() == *t,
        })
    }) && words.next().is_none()
}

/// The lines searched: up to [`ZONE`] non-blank lines after the headline, then up to
/// [`ZONE`] before the first prose line; each run stops at prose (both among the text
/// lines `lines`, from `firsts`).
fn zone(doc: &Doc<'_>, lines: &[usize], firsts: &Firsts) -> Vec<usize> {
    let mut out = Vec::new();
    let title = firsts.title;
    let mut heads: Vec<usize> = title.into_iter().collect();
    // Where the title rule kept the `title` element line (the first), the headline may be
    // printed again lower down, the byline under it.
    if let Some(t) = title.filter(|&t| t == 0) {
        let words = text::tokens(doc.line(lines[t]));
        if !words.is_empty() {
            let found = lines[t + 1..]
                .iter()
                .take(REPEAT_WINDOW)
                .position(|&i| doc.line(i).len() <= 300 && same_tokens(doc.line(i), &words));
            let read = found
                .map_or(lines.len() - t - 1, |r| r + 1)
                .min(REPEAT_WINDOW);
            crate::doc::Work::add(&doc.work.byline_lines, read);
            if let Some(r) = found {
                heads.push(t + 1 + r);
            }
        }
    }
    for t in heads {
        let head = text::tokens(&plain(doc.line(lines[t])));
        // The lines under the headline before its standfirst: the headline printed again
        // (as a heading, as plain text), a rule ("* * *"), a picture.
        let mut lead = 0;
        for (k, &i) in lines[t + 1..].iter().take(ZONE).enumerate() {
            let line = doc.line(i);
            if is_prose(line) {
                // A standfirst may sit between the headline and the byline.
                if k == lead {
                    continue;
                }
                break;
            }
            if k == lead
                && (!line.chars().any(char::is_alphanumeric)
                    || crate::classifier::features::is_image_only(line)
                    || text::tokens(&plain(line)) == head)
            {
                lead += 1;
            }
            if !out.contains(&i) {
                out.push(i);
            }
        }
    }
    if let Some(p) = firsts.prose {
        for &i in &lines[p.saturating_sub(ZONE)..p] {
            if !out.contains(&i) {
                out.push(i);
            }
        }
    }
    out
}

/// Where [`NearTitle`]'s whole-page searches start, found in one pass over the text lines
/// (issue 24: nine passes, each reading every line, cost a page of tiny lines about 480
/// instructions a line). Places among the text lines: `title`, the line removed as
/// [`Category::Title`]; `prose`, the first open prose line. Line numbers (the page's
/// length when none): the first line each later search can stop at, by the test it makes
/// first (a picture's `![` or `[![`, a short line with a space, a line of a credit's
/// length, a stamp's literal parts).
struct Firsts {
    title: Option<usize>,
    prose: Option<usize>,
    picture: usize,
    spaced: usize,
    credit: usize,
    stamp: usize,
}

impl Firsts {
    fn new(doc: &Doc<'_>, lines: &[usize]) -> Firsts {
        let n = doc.len();
        let mut f = Firsts {
            title: None,
            prose: None,
            picture: n,
            spaced: n,
            credit: n,
            stamp: n,
        };
        let (credit_min, credit_max) = (*WRITTEN_BY_MIN, 3 * NAME_MAX);
        for (k, &i) in lines.iter().enumerate() {
            // Bytes: no line is sliced as text but a long one read for prose.
            let b = doc.line_bytes(i);
            if f.title.is_none() && doc.is_removed_as(i, Category::Title) {
                f.title = Some(k);
            }
            if b.len() < 3 {
                // One or two bytes: no prose, no space inside; a picture by its first
                // byte, a credit by its length, a stamp by `stamp_lead`'s tests that such
                // a line can meet (a `#`, "by"), without the calls (issue 24: a page of
                // tiny lines).
                if f.picture == n && matches!(b.first(), Some(b'!' | b'[')) {
                    f.picture = i;
                }
                if f.credit == n && b.len() >= credit_min && b.len() <= credit_max {
                    f.credit = i;
                }
                if f.stamp == n && (b.contains(&b'#') || author_word(b)) {
                    f.stamp = i;
                }
                continue;
            }
            if f.prose.is_none() && b.len() >= 29 && !doc.is_removed(i) && is_prose(doc.line(i)) {
                f.prose = Some(k);
            }
            if f.picture == n && matches!(b.first(), Some(b'!' | b'[')) {
                f.picture = i;
            }
            // A trimmed line's space is inside it: none in a line under three bytes.
            if f.spaced == n
                && b.len() <= NAME_MAX
                && b.get(1..b.len().saturating_sub(1))
                    .is_some_and(|m| m.contains(&b' '))
            {
                f.spaced = i;
            }
            if f.credit == n && b.len() >= credit_min && b.len() <= credit_max {
                f.credit = i;
            }
            if f.stamp == n && stamp_lead(b) {
                f.stamp = i;
            }
            if f.title.is_some()
                && f.prose.is_some()
                && f.picture.max(f.spaced).max(f.credit).max(f.stamp) < n
            {
                break;
            }
        }
        f
    }
}

/// The tests of a stamp (see [`NearTitle`]'s last search) made before its regexes: every
/// stamp meets one.
fn stamp_lead(l: &[u8]) -> bool {
    asked_lead(l) || l.len() <= 40 && author_word(l) || l.len() <= 400 && has_post_mark(l)
}

impl Rule for NearTitle {
    fn name(&self) -> &str {
        "byline-near-title"
    }
    fn category(&self) -> Category {
        Category::Byline
    }
    fn description(&self) -> &str {
        "an author name near the headline: under an \"Author\" label, linked to an author page, after \"by\", next to the date or a job title, over a forum post, or a bare name that the page's author bio starts with"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_line_list();
        let firsts = Firsts::new(doc, &lines);
        let zone = zone(doc, &lines, &firsts);
        if zone.iter().any(|&i| {
            matches!(doc.mark(i), Mark::Remove(_, Category::Byline))
                && !is_thread_summary(doc.line(i))
        }) {
            return;
        }
        let text_of = |j: usize| plain(doc.line(j));
        let headline = headline_words(doc, &lines, firsts.title);
        let title_at = firsts.title;
        // The headline line, or the same text printed again (over the article, when the
        // rule kept the `title` element line).
        let title_text = title_at.map(|t| doc.line(lines[t]));
        let is_headline = |j: usize| {
            matches!(doc.mark(j), Mark::Remove(_, Category::Title))
                || title_text.is_some_and(|t| doc.line(j) == t)
        };
        // The neighbouring lines with words ("•" between a name and a date is not one, nor
        // an author's picture).
        let worded = |j: usize| {
            let line = doc.line(j);
            line.chars().any(char::is_alphanumeric)
                && !crate::classifier::features::is_image_only(line)
        };
        let next_of = |mut j: usize| loop {
            match next_text(doc, j) {
                Some(n) if !worded(n) => j = n,
                other => break other,
            }
        };
        let prev_of = |mut j: usize| loop {
            match prev_text(doc, j) {
                Some(p) if !worded(p) => j = p,
                other => break other,
            }
        };
        let dated = |j: Option<usize>| {
            j.is_some_and(|j| {
                is_metadata(doc, j)
                    || !matches!(doc.mark(j), Mark::Remove(_, Category::Title))
                        && is_date_line(&text_of(j))
            })
        };
        for &i in &zone {
            if !doc.is_open(i) {
                continue;
            }
            let raw = doc.line(i);
            if is_thread_summary(raw) {
                continue;
            }
            let line = text_of(i);
            let line = line.as_ref();
            if LABEL.is_match(line) {
                // An avatar's initials may sit between the label and the name.
                let n = next_text(doc, i).and_then(|n| match is_initials(&text_of(n)) {
                    true => next_text(doc, n),
                    false => Some(n),
                });
                if let Some(n) = n {
                    if doc.is_open(n)
                        && (is_name_like(&text_of(n)) || author_link(doc.line(n)).is_some())
                    {
                        doc.remove(i, id, Category::Metadata);
                        doc.remove(n, id, Category::Byline);
                        return;
                    }
                }
                continue;
            }
            // A line made of the headline's words is the headline again or its section
            // ("Vibe Coding" over its date), not a name.
            if of_headline(line, &headline) {
                continue;
            }
            let short = line.len() <= 2 * NAME_MAX;
            if author_link(raw).is_some() && text::word_count(line) <= 30
                || short && NAME_DATE.is_match(line) && !NOT_NAME.is_match(line)
                || short && DATE_NAME.is_match(line)
                || short && is_name_fields(line)
                || has_by_name(line) && !is_prose(line)
            {
                doc.remove(i, id, Category::Byline);
                return;
            }
            // Under the headline, or under the standfirst just below it.
            let after_title = prev_of(i).is_some_and(|p| {
                is_headline(p) || is_prose(&text_of(p)) && prev_of(p).is_some_and(is_headline)
            });
            let handle = is_name_like(line) && !line.contains(char::is_whitespace);
            let one_word = line.len() <= 30
                && !line.contains(char::is_whitespace)
                && line.chars().next().is_some_and(char::is_uppercase)
                && !NOT_NAME.is_match(line);
            let post_follows = || next_of(i).is_some_and(|n| is_prose(&text_of(n)));
            if (is_name_like(line) || one_word)
                && (avatar_initial_follows(doc, i, line) || wrote_follows(doc, i))
                || is_initials_and_name(line) && post_follows()
                || handle && after_title && next_text(doc, i).is_some_and(|n| is_prose(doc.line(n)))
            {
                doc.remove(i, id, Category::Byline);
                return;
            }
            if is_name_like(line) || is_name_in_section(line) {
                let next = next_of(i);
                // A short line (a job title, "reviewed by …", categories) may sit between
                // the name and the date.
                let short_then_date = next.is_some_and(|n| {
                    let t = text_of(n);
                    (after_title || is_role(&t))
                        && text::word_count(&t) <= 8
                        && !is_prose(&t)
                        && dated(next_of(n))
                });
                let role_first = after_title && next.is_some_and(|n| is_role(&text_of(n)));
                // A desk or team byline under the headline ("Podium Staff").
                let desk = after_title && ROLE.is_match(line);
                if dated(next) || dated(prev_of(i)) || short_then_date || role_first || desk {
                    doc.remove(i, id, Category::Byline);
                    return;
                }
            }
            // A name that the page's author bio starts with ("Jane Doe" here, "Jane Doe is
            // a reporter who …" further down).
            if is_name_like(line) && has_bio(doc, i, lead_name(line)) {
                doc.remove(i, id, Category::Byline);
                return;
            }
            // A lone first name under the headline, over a bare date ("Gabo" / "Jan 23").
            if one_word
                && after_title
                && next_of(i).is_some_and(|n| {
                    let t = text_of(n);
                    is_date_line(&t) && !NOT_NAME.is_match(&t)
                })
            {
                doc.remove(i, id, Category::Byline);
                return;
            }
        }
        // Failing those, an explicit byline just above the headline ("Posted on March 4,
        // 2025 by Jane Doe - 5 Comments on <the headline>?").
        if let Some(t) = title_at {
            for &i in lines[t.saturating_sub(ABOVE)..t].iter().rev() {
                if doc.is_open(i) && !is_thread_summary(doc.line(i)) && has_by_name(&text_of(i)) {
                    doc.remove(i, id, Category::Byline);
                    return;
                }
            }
        }
        // Failing those, an author's box: their picture (its alt text a name) over the line
        // that names them, with a job title after the name, a bio under it, or the picture
        // stored as an author's; or over a line that credits them ("This post was written
        // by Jane Doe"). Pictures of several people over their names are a team or
        // testimonials, not an author's box.
        let mut boxes = (firsts.picture..doc.len()).filter_map(|p| {
            let alt = picture_alt(doc.line(p))?;
            let n = next_of(p)?;
            let t = text_of(n);
            let starts = t
                .get(..alt.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(alt));
            (starts || has_by_name(&t) && t.contains(alt)).then_some((p, n, alt, starts))
        });
        let first = boxes.next();
        if let Some((p, n, alt, starts)) = first {
            let t = text_of(n);
            let same = |b: &(usize, usize, &str, bool)| b.2.eq_ignore_ascii_case(alt);
            if boxes.all(|b| same(&b))
                && doc.is_open(n)
                && is_person(alt)
                && t.len() <= 2 * NAME_MAX
                && !is_prose(&t)
                && (!starts
                    || is_role(t[alt.len()..].trim_start_matches([',', '|', ' ', '-']))
                    || AUTHOR_PICTURE.is_match(doc.line(p))
                    || next_of(n).is_some_and(|b| is_bio_of(&text_of(b), alt)))
            {
                doc.remove(n, id, Category::Byline);
                return;
            }
        }
        // Failing those, a person's name over their bio ("Jane Doe" / "Jane is a reporter
        // who …", "I'm the founder of …") or over a link to their page ("View profile"),
        // the author's box printed without its picture.
        for i in firsts.spaced..doc.len() {
            let line = doc.line(i);
            if line.len() > NAME_MAX || !line.contains(' ') || !doc.is_open(i) {
                continue;
            }
            let name = text_of(i);
            if is_person(&name)
                && next_of(i).is_some_and(|b| {
                    let b = text_of(b);
                    is_bio_of(&b, &name) || is_own_bio(&b) || PROFILE_LINK.is_match(&b)
                })
            {
                doc.remove(i, id, Category::Byline);
                return;
            }
        }
        // Failing those, a sentence that credits the text ("This post was written by Jane
        // Doe").
        if let Some(i) = (firsts.credit..doc.len()).find(|&i| {
            let line = doc.line(i);
            (*WRITTEN_BY_MIN..=3 * NAME_MAX).contains(&line.len())
                && doc.is_open(i)
                && WRITTEN_BY.is_match(&text_of(i))
        }) {
            doc.remove(i, id, Category::Byline);
            return;
        }
        // Failing those, the name under the first stamp that has one below it: a question's
        // "asked <date>" (its header's "Asked 3 years ago" / "Modified …" has none), a
        // thread's first post header (see [`FIRST_POST`]), an author label anywhere
        // ("Written by", "About the author").
        let is_stamp = |i: usize| {
            let l = doc.line(i);
            // The regexes only where their words can be: most lines fail these tests.
            asked_lead(l) && ASKED.is_match(l)
                || l.len() <= 40 && author_word(l) && ABOUT_AUTHOR.is_match(&text_of(i))
                || {
                    // The header's literal parts first: a post number's `#`, "Offline".
                    l.len() <= 400 && has_post_mark(l) && {
                        let t = text_of(i);
                        t.len() <= 90 && FIRST_POST.is_match(&t)
                    }
                }
        };
        for a in (firsts.stamp..doc.len()).filter(|&i| is_stamp(i)) {
            // An avatar image or a table's rule ("---|---") may sit between the stamp and the
            // name.
            let mut n = next_text(doc, a);
            if n.is_some_and(|n| !text_of(n).chars().any(char::is_alphanumeric)) {
                n = n.and_then(|n| next_text(doc, n));
            }
            let Some(n) = n else { return };
            // A stamp printed twice ("J Offline" / "J Offline"): the name is under the second.
            if is_stamp(n) {
                continue;
            }
            let name = text_of(n);
            let single =
                !name.contains(char::is_whitespace) && name.len() <= 30 && text::has_letters(&name);
            // A rank or a badge may follow the name after a bar ("jdoe42 | Premium").
            let lead = name.split_once(" | ").map_or(name.as_ref(), |(l, _)| l);
            let single = single
                || lead.len() < name.len()
                    && !lead.contains(char::is_whitespace)
                    && lead.len() <= 30
                    && text::has_letters(lead);
            if doc.is_open(n)
                && (is_name_like(&name)
                    || single && !NOT_NAME.is_match(lead)
                    || author_link(doc.line(n)).is_some())
            {
                doc.remove(a, id, Category::Metadata);
                doc.remove(n, id, Category::Byline);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_lead_of_one_or_two_bytes_is_a_hash_or_an_author_word() {
        // `Firsts::new` tests lines under three bytes this way.
        let bytes: Vec<u8> = (0x20..0x7f).chain([0xc3, 0xa9]).collect();
        for &a in &bytes {
            let one = [a];
            assert_eq!(stamp_lead(&one), one.contains(&b'#') || author_word(one));
            for &b in &bytes {
                let two = [a, b];
                assert_eq!(
                    stamp_lead(&two),
                    two.contains(&b'#') || author_word(two),
                    "{two:?}"
                );
            }
        }
    }

    #[test]
    fn the_asked_gate_passes_every_stamp() {
        let words = [
            "asked",
            "Asked",
            "ASKED",
            "aſked",
            "as\u{212a}ed",
            "question asked",
            "Question",
            "posted",
            "Posted",
            "started",
            "ſtarted",
            "on",
            "Feb 4, 2014",
            "13:02",
            "by",
            "2",
        ];
        let mut seen = 0;
        for a in words {
            for b in words {
                for c in words {
                    for line in [format!("{a} {b} {c}"), format!("{a}{b}"), a.to_string()] {
                        // A non-ASCII first letter was never looked at.
                        if ASKED.is_match(&line) && line.is_char_boundary(1) {
                            seen += 1;
                            assert!(asked_lead(&line), "{line:?}");
                        }
                    }
                }
            }
        }
        assert!(seen > 500, "{seen}");
        assert!(!asked_lead("Space news today 2"));
    }

    proptest::proptest! {
        #[test]
        fn same_tokens_is_tokens_equality(
            a in "(?:[a-zA-Z' -]{1,4}|É|é|ΣΟΦΙΑΣ|σοφιας|İ|ß|’){0,6}",
            b in "(?:[a-zA-Z' -]{1,4}|É|é|ΣΟΦΙΑΣ|σοφιας|İ|ß|’){0,6}",
        ) {
            let toks = text::tokens(&a);
            proptest::prop_assert_eq!(same_tokens(&b, &toks), text::tokens(&b) == toks);
            proptest::prop_assert!(same_tokens(&a, &toks));
        }
    }

    proptest::proptest! {
        #[test]
        fn post_marks_are_found_as_contains_finds_them(
            line in "(?:[a-zA-Z #]|line|LINE|Line|lin|é|#1){0,12}"
        ) {
            let want = line.contains('#') || line.contains("line") || line.contains("LINE");
            proptest::prop_assert_eq!(has_post_mark(&line), want);
        }
    }
    use crate::rules::testing::{category, run_after_phrases};
    use crate::rules::{asides, title};

    fn run(text: &str) -> Doc<'_> {
        run_after_phrases(
            text,
            vec![
                Box::new(title::Title),
                Box::new(asides::Bio),
                Box::new(Byline),
                Box::new(NearTitle),
            ],
        )
    }

    const PROSE: &str = "The storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.";

    #[test]
    fn bio_and_byline_at_the_end() {
        let text = "Market rally\n\nShares rose for a third day as investors bet on lower rates.\n\nAnalysts expect the gains to continue into the new year, citing strong earnings.\n\nDana Fox, The Ledger\n\nDana has worked as a markets reporter at The Ledger since 2015. She covers stocks and bonds.";
        let doc = run(text);
        assert_eq!(category(&doc, 6), Some(Category::Byline));
        assert_eq!(category(&doc, 8), Some(Category::Bio));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn name_next_to_date_after_headline() {
        let text = format!(
            "Storm hits coast | The Planet\nStorm hits coast\nOmar Reyes\nMarch 4, 2025\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 1), Some(Category::Title));
        assert_eq!(category(&doc, 2), Some(Category::Byline));
        assert_eq!(category(&doc, 4), None);
    }

    #[test]
    fn a_bare_name_whose_bio_is_further_down() {
        let page = |bio: &str| {
            format!("Storm hits coast\nOmar Reyes\n{PROSE}\n\nMore news\nShare this\n{bio}\n")
        };
        let text =
            page("Omar Reyes is a freelance reporter who has covered the coast for ten years.");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
        // A sentence about a product or a firm that starts with the line is no bio.
        let product = format!("Storm hits coast\nHarbour Lamp\n{PROSE}\n\nHarbour Lamp is a sturdy light that shines through the worst winter storms.\n");
        assert_eq!(category(&run(&product), 1), None);
    }

    #[test]
    fn a_question_pages_asker_under_the_asked_stamp() {
        let text = "How do I reverse a list?\nAsk Question\nAsked 3 years ago\nModified 1 year ago\nViewed 2k times\n11\nI have a list of numbers and want it reversed: what is the usual way to do that here?\nlists\nasked Feb 11, 2011 at 23:49\nriverfan42\n159 1 1 silver badge\n";
        let doc = run(text);
        assert_eq!(category(&doc, 9), Some(Category::Byline));
        // The button and the vote count are no names.
        assert_ne!(category(&doc, 1), Some(Category::Byline));
        assert_ne!(category(&doc, 5), Some(Category::Byline));
    }

    #[test]
    fn a_threads_first_poster_under_the_first_post_header() {
        let reply = "I have a boiler that hisses every night around two, and I cannot find the cause at all.";
        let numbered = format!("Boiler hisses at night\nForums\nSearch\n2nd April 2025, 13:59 # 1 | Link\nkettlefan\nRegistered User\n{reply}\n");
        assert_eq!(category(&run(&numbered), 4), Some(Category::Byline));
        // An avatar's initial and presence, printed twice, over the name.
        let avatar = format!("Boiler hisses at night\nForums\nK Offline\nK Offline\nkettlefan\nwrote on last edited by\n{reply}\n");
        let doc = run(&avatar);
        assert_eq!(category(&doc, 4), Some(Category::Byline));
        assert_ne!(category(&doc, 3), Some(Category::Byline));
    }

    #[test]
    fn a_name_under_a_standfirst_below_a_repeated_headline() {
        let standfirst = "The harbour wall failed in three places overnight, and the town council met at dawn to plan repairs.";
        let text = format!(
            "Storm hits coast | The Planet\nStorm hits coast\nStorm hits coast\n{standfirst}\nOmar Reyes\nMarch 4, 2025\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 4), Some(Category::Byline));
        assert_eq!(category(&doc, 3), None);
    }

    #[test]
    fn a_name_under_the_headline_printed_again_far_below() {
        // The title rule keeps the `title` element line (its repeat comes far down, after
        // paragraphs of other text); the author's line sits under the repeat.
        let menu: String = (0..100).map(|k| format!("Menu entry {k}\n")).collect();
        let notice = "The town of Westhaven sits on a narrow bay where fishing boats have moored for three hundred years, and its harbour wall, first built of timber and later of stone, has been rebuilt twice.";
        let text = format!(
            "Storm hits coast\n{menu}{notice}\n{notice}\nStorm hits coast\nOmar Reyes\n8 min\nMarch 4, 2025\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 0), Some(Category::Title));
        assert_eq!(category(&doc, 103), None);
        assert_eq!(category(&doc, 104), Some(Category::Byline));
    }

    #[test]
    fn an_article_by_label_over_the_name() {
        let text =
            format!("Storm hits coast\n{PROSE}\n{PROSE}\nArticle by\nOmar Reyes\nSubscribe\n");
        let doc = run(&text);
        assert_eq!(category(&doc, 4), Some(Category::Byline));
        assert!(is_label("Article by"));
        assert!(is_label("Post written by:"));
    }

    #[test]
    fn a_line_of_the_headlines_words_is_no_name() {
        // A section named with the headline's words over the date, the author below.
        let text = format!(
            "Coast Repairs Begin | The Planet\nHome\nCoast Repairs\nMarch 4, 2025\nCoast repairs begin\nOmar Reyes\nMarch 4, 2025\n{PROSE}"
        );
        let doc = run(&text);
        assert_ne!(category(&doc, 2), Some(Category::Byline));
        assert_eq!(category(&doc, 5), Some(Category::Byline));
        assert!(of_headline(
            "Coast Repairs",
            &text::tokens("Coast repairs begin")
        ));
        assert!(!of_headline(
            "Omar Reyes",
            &text::tokens("Coast repairs begin")
        ));
        // One word is not enough to tell ("Coast" may be a name).
        assert!(!of_headline("Coast", &text::tokens("Coast repairs begin")));
    }

    #[test]
    fn every_author_of_a_line_linking_several() {
        let line = "By [Ann Lee](/author/ann-lee) and [Omar Reyes](/author/omar-reyes)";
        assert_eq!(
            name_text(line),
            "By [Ann Lee](/author/ann-lee) and [Omar Reyes](/author/omar-reyes)"
        );
        assert_eq!(name_text("By [Ann Lee](/author/ann-lee) | News"), "Ann Lee");
    }

    #[test]
    fn an_image_under_an_authors_folder_is_no_author_link() {
        let line = "[ ![Default avatar](/img/authors/none.webp) By Omar Reyes ](/bio/omar)";
        assert_eq!(author_link(line), None);
        assert_eq!(
            author_link("[Omar Reyes](/authors/omar)"),
            Some("Omar Reyes")
        );
    }

    #[test]
    fn an_authors_picture_between_the_headline_and_the_name() {
        let text = format!(
            "[Home](/)\n[News](/news)\n[Sport](/sport)\n[Weather](/weather)\n[About](/about)\n# Storm hits coast\n![Omar Reyes](/img/omar.jpg)\nOmar Reyes\nStaff Writer\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 5), Some(Category::Title));
        assert_eq!(category(&doc, 7), Some(Category::Byline));
    }

    #[test]
    fn emphasis_marks_around_a_date_are_not_text() {
        assert_eq!(
            plain("**Omar Reyes** _March 4, 2025_"),
            "Omar Reyes March 4, 2025"
        );
        assert!(NAME_DATE.is_match(&plain("**Omar Reyes** _March 4, 2025_")));
        // A handle keeps its inner underscore.
        assert_eq!(plain("**omar_reyes** wrote"), "omar_reyes wrote");
    }

    #[test]
    fn a_posted_by_line_just_above_the_headline() {
        let text = format!(
            "Will the harbour wall hold this winter? | Harbour News\nHome\nPosted on March 4, 2025 by Omar Reyes - 5 Comments on Will the harbour wall hold this winter?\nWill the harbour wall hold this winter?\n{PROSE}\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 2), Some(Category::Byline));
    }

    #[test]
    fn by_and_a_handle_alone() {
        let text = format!("Storm hits coast\nby omar_r\n{PROSE}");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
        assert!(!has_by_name("by the harbour wall"));
        // A shop's control is no byline.
        assert!(!has_by_name("Shop by Product Type"));
        assert!(has_by_name("Story by Omar Reyes"));
    }

    #[test]
    fn a_month_and_year_is_a_date() {
        let text = format!("Storm hits coast\nOmar Reyes\nMarch 2025\n{PROSE}");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
        assert!(is_date_line("March 2025 edited March 2025"));
    }

    #[test]
    fn a_version_number_is_no_date() {
        assert!(NAME_DATE.is_match("Omar Reyes 12.03.2025"));
        assert!(!NAME_DATE.is_match("Budgie 10.10.2 brings a new panel"));
    }

    #[test]
    fn dated_lines_with_the_name_first_or_last() {
        for line in [
            "Omar Reyes • Updated on Jul 4, 2024 • 8 min read",
            "December 15, 2025 · 30 min · 6279 words · Omar Reyes",
            "Dec. 19, 2025 · Omar Reyes on behalf of the harbour board",
        ] {
            let text = format!("Storm hits coast\n{line}\n{PROSE}");
            assert_eq!(category(&run(&text), 1), Some(Category::Byline), "{line}");
        }
    }

    #[test]
    fn name_under_a_label() {
        let text = format!("Storm hits coast\nWritten by\nOmar Reyes\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 1), Some(Category::Metadata));
        assert_eq!(category(&doc, 2), Some(Category::Byline));
    }

    #[test]
    fn page_controls_over_a_date_are_no_name() {
        for label in [
            "Show Sidebar",
            "Thread Tools",
            "Featured Replies",
            "Top Harbour Stories",
        ] {
            let text = format!("Storm hits coast\n{label}\nMarch 4, 2025\n{PROSE}");
            assert_ne!(category(&run(&text), 1), Some(Category::Byline), "{label}");
        }
        let text = format!("Storm hits coast\nOmar Reyes\nMarch 4, 2025\n{PROSE}");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
    }

    #[test]
    fn avatar_initials_are_no_name() {
        let text = format!("Storm hits coast\nAuthor\nOR\nOmar Reyes\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 2), None);
        assert_eq!(category(&doc, 3), Some(Category::Byline));
        assert!(!is_name_like("OR"));
        assert!(is_name_like("ORey"));
    }

    #[test]
    fn name_and_date_on_one_line() {
        let text = format!("Storm hits coast\nOmar Reyes · March 4, 2025\n{PROSE}");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
        let forum = format!("Help with my boiler\nboilerfan42 12/03/2024 19:44\n{PROSE}");
        assert_eq!(category(&run(&forum), 1), Some(Category::Byline));
    }

    #[test]
    fn date_stamps_and_section_labels_are_not_names() {
        let text = format!("Storm hits coast\nWeather\nLast Updated March 4, 2025\n{PROSE}");
        let doc = run(&text);
        assert_ne!(category(&doc, 1), Some(Category::Byline));
        assert_ne!(category(&doc, 2), Some(Category::Byline));
        assert!(!is_name_like("Weather"));
        assert!(!is_name_like("The storm arrived on Friday."));
        assert!(is_name_like("Jane Doe, Staff Writer"));
        assert!(is_name_like("janed_99"));
    }

    #[test]
    fn explicit_by_line_wins() {
        let text = format!("Storm hits coast\nBy Omar Reyes\nAnn Lee\nMarch 4, 2025\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 1), Some(Category::Byline));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn markdown_author_link_after_headline() {
        let text = format!("# Storm hits coast\nBy [Omar Reyes](/author/omar-reyes)\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 1), Some(Category::Byline));
        assert_eq!(name_text(doc.line(1)), "Omar Reyes");
        let bare = format!("# Storm hits coast\n* [Omar Reyes](https://x.example/authors/omar)\n* 4 min read\n{PROSE}");
        assert_eq!(category(&run(&bare), 1), Some(Category::Byline));
    }

    #[test]
    fn by_a_name_inside_a_line() {
        let text = format!("Storm hits coast\nMarch 4, 2025 by Omar Reyes | Weather\n{PROSE}");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
        assert!(has_by_name("Updated March 4 · By Omar Reyes"));
        assert!(!has_by_name("Photo by Omar Reyes"));
        assert!(!has_by_name("Sort by Price"));
    }

    #[test]
    fn name_over_a_job_title_and_date() {
        let text =
            format!("Storm hits coast\nOmar Reyes\nSenior Weather Editor\nMarch 4, 2025\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 1), Some(Category::Byline));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn more_name_lines() {
        // A separator line between name and date; a short line between them.
        let dot = format!(
            "Storm hits coast\nOmar Reyes, Weather Expert\n•\nFriday, March 4, 2025\n{PROSE}"
        );
        assert_eq!(category(&run(&dot), 1), Some(Category::Byline));
        let cats = format!("Storm hits coast\nOmar Reyes\non Weather News\nMar 4, 2025\n{PROSE}");
        assert_eq!(category(&run(&cats), 1), Some(Category::Byline));
        // Several authors.
        let list = format!("Storm hits coast\nAnn Lee, Omar Reyes & Jo Kim\nMar 4, 2025\n{PROSE}");
        assert_eq!(category(&run(&list), 1), Some(Category::Byline));
        assert!(is_name_like("Ann Lee and Omar Reyes | Guest Columnists"));
        assert!(!is_name_like("Sun, sea and sand"));
        assert!(!is_name_like("Introductions, Help and Recommendations"));
        // A desk under the headline; a lone first name over a bare date.
        let desk = format!("Storm hits coast\nCoast Courier Staff\n{PROSE}");
        assert_eq!(category(&run(&desk), 1), Some(Category::Byline));
        let first = format!("Storm hits coast\nGabo\nJan 23\n{PROSE}");
        assert_eq!(category(&run(&first), 1), Some(Category::Byline));
    }

    #[test]
    fn name_after_a_standfirst() {
        let text = format!("Storm hits coast\n{PROSE}\nOmar Reyes\nMarch 4, 2025\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 2), Some(Category::Byline));
        assert_eq!(category(&doc, 1), None);
    }

    #[test]
    fn forum_post_headers() {
        // A handle, then its avatar initial.
        let initial = format!("Help with my boiler\nboilerfan42\nB\n{PROSE}");
        assert_eq!(category(&run(&initial), 1), Some(Category::Byline));
        // A handle, then "wrote".
        let wrote = format!("Help with my boiler\nJaneD\nwrote on last edited by\n{PROSE}");
        assert_eq!(category(&run(&wrote), 1), Some(Category::Byline));
        // A tag line before "handle date": the handle line is the byline.
        let tagged = format!(
            "Help with my boiler\nheating\nboilerfan42 November 8, 2024, 7:33pm 1\n{PROSE}"
        );
        let doc = run(&tagged);
        assert_eq!(category(&doc, 2), Some(Category::Byline));
        assert_eq!(category(&doc, 1), None);
        // A question page: the name under "asked <date>".
        let asked = format!("Why does my boiler hiss?\n{PROSE}\n{PROSE}\nShare Follow\nasked Feb 4, 2014 at 13:02\nVader\n1,204 3 gold badges");
        assert_eq!(category(&run(&asked), 5), Some(Category::Byline));
        // In Markdown, with the avatar image between the stamp and the linked name.
        // An author label far down the page.
        let about = format!("Why does my boiler hiss?\n{PROSE}\n{PROSE}\n{PROSE}\nWritten by\nOmar Reyes\nMore questions");
        let doc = run(&about);
        assert_eq!(category(&doc, 5), Some(Category::Byline));
        assert_eq!(category(&doc, 4), Some(Category::Metadata));
        let asked = format!("# Why does my boiler hiss?\n{PROSE}\n{PROSE}\nasked Feb 4, 2014 at 13:02\n[![Vader's avatar](/a.png)](/users/7/vader)\n[Vader](/users/7/vader)\n1,204 3 gold badges");
        let doc = run(&asked);
        assert_eq!(category(&doc, 5), Some(Category::Byline));
        assert_eq!(name_text(doc.line(5)), "Vader");
    }

    #[test]
    fn markdown_forum_post_header() {
        // Category links under the headline are not a name next to a date; the linked
        // handle with the post's date is the byline.
        let text = format!("# Help with my boiler\n\n[Heating](/c/heating/19) [Boilers](/c/heating/boilers/23)\n[boilerfan](https://forum.example/u/boilerfan) September 5, 2024, 11:15pm 1\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 2), None);
        assert_eq!(category(&doc, 3), Some(Category::Byline));
        assert_eq!(name_text(doc.line(3)), "boilerfan");
        assert_eq!(name_text("* __Omar Reyes"), "Omar Reyes");
        assert!(author_link("[omar](members/omar.1378/)").is_some());
        assert_eq!(author_link("[ J ](/members/jdoe.42/)"), None);
        assert_eq!(
            author_link("[**omar**](member.php?u=805995)"),
            Some("**omar**")
        );
        assert_eq!(author_link("[Weather](/news/weather)"), None);
    }

    #[test]
    fn a_name_and_a_date_apart_by_markdowns_dot() {
        // Markdown prints a separator dot as `*`: "name * date" and "date * name".
        for (line, want) in [
            ("kettlefan * 03/03/2026 19:44", true),
            (
                "Dec. 19, 2025 * Omar Reyes on behalf of the harbour team",
                true,
            ),
            ("Dec. 19, 2025 * 4 min read * Omar Reyes", true),
            // A date and a plain phrase: no name.
            ("Dec. 19, 2025 * read the full story", false),
        ] {
            let text = format!("Storm hits coast | The Planet\nStorm hits coast\n{line}\n{PROSE}");
            let doc = run(&text);
            assert_eq!(category(&doc, 2) == Some(Category::Byline), want, "{line}");
        }
    }

    #[test]
    fn a_name_in_its_section_over_the_date() {
        let text = format!("Storm hits coast\nOmar Reyes in weather\nDec 10\n{PROSE}");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
        assert!(is_name_in_section("Omar Reyes in Coastal News"));
        // A sentence, one word before " in ", or a long tail is not one.
        assert!(!is_name_in_section(
            "Storms in the north of the country again."
        ));
        assert!(!is_name_in_section("Omar in weather"));
        assert!(!is_name_in_section(
            "Omar Reyes in a long and winding story"
        ));
    }

    #[test]
    fn a_name_and_its_outlet_and_date_as_fields() {
        let text = format!("Storm hits coast\nOmar Reyes / coastnews.example / Updated: Mar 4, 2025, 10:07 GMT\nShare\n{PROSE}");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
        assert!(is_name_fields("Ann Lee | The Planet | March 4, 2025"));
        // Without a date, or with a one-word first field (a breadcrumb), no byline.
        assert!(!is_name_fields("Ann Lee | The Planet | Weather"));
        assert!(!is_name_fields("Home / News / March 4, 2025"));
    }

    #[test]
    fn a_desk_or_a_handle_under_the_standfirst() {
        let standfirst = "The harbour wall failed in three places overnight, and the town council met at dawn to plan repairs.";
        let desk = format!("Storm hits coast | The Planet\nStorm hits coast\n{standfirst}\nAnn Lee and Omar Reyes | Guest Columnists\nShow Caption\n{PROSE}");
        let doc = run(&desk);
        assert_eq!(category(&doc, 3), Some(Category::Byline));
        assert_eq!(category(&doc, 2), None);
        // Under a second paragraph, a name line with a job title is not the byline.
        let later = format!("Storm hits coast | The Planet\nStorm hits coast\n{standfirst}\n{PROSE}\nAnn Lee and Omar Reyes | Guest Columnists\nShow Caption\n{PROSE}");
        assert_eq!(category(&run(&later), 4), None);
    }

    #[test]
    fn a_forum_posts_by_line_and_a_rule_under_the_post_header() {
        let reply = "I have a boiler that hisses every night around two, and I cannot find the cause at all.";
        let by = format!(
            "Boiler hisses at night\nPost by kettlefan » Tue Aug 27, 2019 1:47 am\n{reply}\n"
        );
        assert_eq!(category(&run(&by), 1), Some(Category::Byline));
        // A table's rule between the first post's header and the poster's name.
        let ruled = format!("Boiler hisses at night\nForums\nSearch\n2nd April 2025, 13:59 | # 1 | Link\n---|---\nkettlefan\nRegistered User\n{reply}\n");
        assert_eq!(category(&run(&ruled), 5), Some(Category::Byline));
    }

    #[test]
    fn a_date_printed_twice_is_a_date_line() {
        assert!(is_date_line(
            "30 January 2025 / 23:07 GMT 30 January 2025 / 23:07 GMT"
        ));
        assert_eq!(once(" March 4, 2025 March 4, 2025 "), "March 4, 2025");
        assert_eq!(once("Ann Lee Ann"), "Ann Lee Ann");
        let text = format!("Storm hits coast\nOmar Reyes\n4 March 2025 / 10:07 GMT 4 March 2025 / 10:07 GMT\n{PROSE}");
        assert_eq!(category(&run(&text), 1), Some(Category::Byline));
    }

    #[test]
    fn glued_words_of_a_byline_are_set_apart() {
        for (glued, apart) in [
            ("Written byOmar Reyes", "Written by Omar Reyes"),
            (
                "Team KettleworksSeptember 4, 2025",
                "Team Kettleworks September 4, 2025",
            ),
            ("Omar ReyesDec. 10 2025", "Omar Reyes Dec. 10 2025"),
            // Nothing glued: "Standby", a name that starts with a month's letters.
            ("Standby Omar", "Standby Omar"),
            ("Omar Junebug 4", "Omar Junebug 4"),
        ] {
            assert_eq!(unglue(Cow::Borrowed(glued)), apart);
        }
        let text = format!("# Storm hits coast\n\nWritten byOmar Reyes\n\n{PROSE}\n\n{PROSE}\n");
        assert_eq!(
            crate::Cleaner::new().clean(&text).byline(),
            Some("Written by Omar Reyes")
        );
    }

    #[test]
    fn a_name_ending_in_a_degree_is_a_name() {
        let text = format!("Storm hits coast\nBy\nAnn Lee, Ph.D.\n{PROSE}");
        assert_eq!(category(&run(&text), 2), Some(Category::Byline));
        assert!(is_name_like("Omar Reyes Jr."));
        assert!(!is_name_like("Storms Hit The Coast."));
    }

    #[test]
    fn an_authors_box_after_the_article() {
        let page = |bottom: &str| format!("# Storm hits coast\n\n{PROSE}\n\n{PROSE}\n\n{bottom}\n");
        let bio = "Omar Reyes is a reporter who has covered the coast for ten years, and he lives in Westhaven.";
        for (bottom, at) in [
            // A picture stored as an author's.
            ("![Omar Reyes](/img/team/omar.jpg)\n\nOmar Reyes", 8),
            // A job title after the name.
            ("![Omar Reyes](https://cdn.example/x1.png)\n\n**Omar Reyes** _Senior Weather Writer_", 8),
            // A bio under the name.
            (&format!("![Omar Reyes](https://cdn.example/x1.png)\n\nOmar Reyes\n\n{bio}"), 8),
            // A credit that names them.
            ("![Omar Reyes](https://cdn.example/x1.png)\n\nThis post was written by Omar Reyes, Editor", 8),
        ] {
            let text = page(bottom);
            assert_eq!(category(&run(&text), at), Some(Category::Byline), "{bottom}");
        }
        for bottom in [
            // A product's picture over its name, a book over its title.
            "![Harbour Lamp Chair](/img/products/lamp.jpg)\n\nHarbour Lamp Chair",
            "![The Correspondent: A Novel](/authors/x.jpg)\n\nThe Correspondent: A Novel",
            // Nothing confirms a person.
            "![Omar Reyes](https://cdn.example/x1.png)\n\nOmar Reyes",
            // Several people: a team, testimonials.
            "![Omar Reyes](/img/team/omar.jpg)\n\nOmar Reyes, Editor\n\n![Ann Lee](/img/team/ann.jpg)\n\nAnn Lee, Writer",
        ] {
            let text = page(bottom);
            let doc = run(&text);
            assert!(
                (0..doc.len()).all(|i| category(&doc, i) != Some(Category::Byline)),
                "{bottom}"
            );
        }
    }

    #[test]
    fn a_name_over_its_bio_when_nothing_else_names_the_author() {
        let page =
            |bottom: &str| format!("Storm hits coast\n{PROSE}\n{PROSE}\nShare this\n{bottom}\n");
        let bio = "Omar is a reporter who has covered the coast for ten years, and he lives in Westhaven.";
        // Without the bio rule (so `byline-name`, which follows a removed bio, cannot fire).
        let no_bio = |text: &str| -> Option<Category> {
            let doc = run_after_phrases(
                text,
                vec![
                    Box::new(title::Title),
                    Box::new(Byline),
                    Box::new(NearTitle),
                ],
            );
            category(&doc, 4)
        };
        let text = page(&format!("Omar Reyes\n{bio}"));
        assert_eq!(no_bio(&text), Some(Category::Byline));
        assert_eq!(category(&run(&text), 4), Some(Category::Byline));
        // A product over its description, a name over a sentence that is no bio.
        let product = "Harbour Lamp is a sturdy light that shines through the worst winter storms.";
        let other = "Omar said the wall had failed in three places and the harbour was closed.";
        for bottom in [
            format!("Harbour Lamp\n{product}"),
            format!("Omar Reyes\n{other}"),
        ] {
            let text = page(&bottom);
            assert_eq!(no_bio(&text), None, "{bottom}");
        }
    }

    #[test]
    fn a_name_over_its_own_bio_or_its_profile_link() {
        let page =
            |bottom: &str| format!("Storm hits coast\n{PROSE}\n{PROSE}\nShare this\n{bottom}\n");
        for bottom in [
            "Omar Reyes\nI'm the founder of Coast Watch and a freelance reporter on the harbour beat.",
            "Omar Reyes\nI am a writer who has covered the coast and its storms for ten years.",
            "Omar Reyes\nAuthor’s Profile",
            "Omar Reyes\nView author profile",
            "Omar Reyes\nFull bio",
        ] {
            let text = page(bottom);
            assert_eq!(category(&run(&text), 4), Some(Category::Byline), "{bottom}");
        }
        // A first-person sentence that names no trade, a forum member's "View Profile", a
        // section's "View all stories" are no author's box.
        for bottom in [
            "Omar Reyes\nI'm glad the harbour wall held through the storm, and so is everyone here.",
            "Omar Reyes\nView Profile",
            "Faster Boats\nView All Stories",
        ] {
            let text = page(bottom);
            let doc = run(&text);
            assert!(
                (0..doc.len()).all(|i| category(&doc, i) != Some(Category::Byline)),
                "{bottom}"
            );
        }
    }

    #[test]
    fn an_avatars_initials_before_the_posters_name() {
        let text = format!("Harbour wall questions\n\nOR Omar Reyes\n{PROSE}\n");
        assert_eq!(category(&run(&text), 2), Some(Category::Byline));
        // An abbreviation and what it stands for in a menu, initials that are not the
        // name's.
        for line in [
            "SEO Search Engine Optimization\nContent Writing",
            "JD Omar Reyes",
        ] {
            let text = format!("Harbour wall questions\n\n{line}\n{PROSE}\n");
            let doc = run(&text);
            assert_eq!(category(&doc, 2), None, "{line}");
        }
    }

    #[test]
    fn tiny_lines_leave_the_later_searches_nothing_to_read() {
        // A page of lines of a byte or two (issue 24): one pass reads each line once, and
        // every later whole-page search starts at the page's end, so reads no line.
        let text: String = (0..20_000)
            .map(|k| ["a\n", "b.\n", "\n", "-\n", "1\n", "|\n"][k % 6])
            .collect();
        let doc = Doc::new(&text);
        let lines = doc.text_line_list();
        let f = Firsts::new(&doc, &lines);
        let n = doc.len();
        assert!(n >= 20_000 && lines.len() > 16_000);
        assert_eq!((f.title, f.prose), (None, None));
        assert_eq!([f.picture, f.spaced, f.credit, f.stamp], [n; 4]);
    }

    #[test]
    fn each_search_starts_at_the_first_line_its_first_test_passes() {
        let page = "Harbour wall to be rebuilt\n\nbox\n![Jane Doe](/jane.jpg)\nJane Doe\n\
                    #1\nThis post was written by Jane Doe\nThe council said the wall will be \
                    rebuilt over two years, and the work starts in May.\n";
        let doc = Doc::new(page);
        let lines = doc.text_line_list();
        let f = Firsts::new(&doc, &lines);
        let first = |test: &dyn Fn(&str) -> bool| {
            (0..doc.len())
                .find(|&i| test(doc.line(i)))
                .unwrap_or(doc.len())
        };
        assert_eq!(f.picture, first(&|l| picture_alt(l).is_some()));
        assert_eq!(f.picture, 3);
        assert_eq!(f.spaced, first(&|l| l.len() <= NAME_MAX && l.contains(' ')));
        assert_eq!(f.spaced, 0);
        let credit = |l: &str| (*WRITTEN_BY_MIN..=3 * NAME_MAX).contains(&l.len());
        assert_eq!(f.credit, first(&credit));
        assert_eq!(f.stamp, first(&|l| stamp_lead(l.as_bytes())));
        assert_eq!(f.stamp, 5);
        assert_eq!(f.prose.map(|k| lines[k]), Some(7));
        assert_eq!(f.title, None);
    }

    #[test]
    fn every_stamp_passes_the_stamp_lead() {
        for line in [
            "asked Feb 4, 2014 at 13:02",
            "Started by jdoe, 3 replies, 2019",
            "Written by",
            "Author",
            "About the author",
            "30th March 2025, 16:26 # 1 | Link",
            "11-29-2024, 09:03 AM #1",
            "J Offline",
            "K online",
        ] {
            let stamp =
                ASKED.is_match(line) || ABOUT_AUTHOR.is_match(line) || FIRST_POST.is_match(line);
            assert!(stamp && stamp_lead(line.as_bytes()), "{line}");
        }
        for line in ["a", "-", "1", "b.", "ok"] {
            assert!(!stamp_lead(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn a_credit_is_searched_only_in_lines_long_enough_to_hold_one() {
        // "the post written by A B": 23 bytes, the least a credit has.
        assert_eq!(*WRITTEN_BY_MIN, 23);
        assert!(WRITTEN_BY.is_match("the post written by A B"));
    }

    #[test]
    fn a_sentence_that_credits_the_writer() {
        let text = format!(
            "Storm hits coast\n{PROSE}\n{PROSE}\nShare this\nThis post was written by Omar Reyes, our harbour editor\nPosted in News\n"
        );
        assert_eq!(category(&run(&text), 4), Some(Category::Byline));
        // A sentence about who wrote something else is no credit for the page.
        let text = format!(
            "Storm hits coast\n{PROSE}\n{PROSE}\nShare this\nThe song was written by Omar Reyes in 1990\nPosted in News\n"
        );
        let doc = run(&text);
        assert!((0..doc.len()).all(|i| category(&doc, i) != Some(Category::Byline)));
    }

    #[test]
    fn a_posters_handle_with_a_badge_under_the_first_post_header() {
        let text = format!("Harbour wall questions\n\nJ Offline\njdoe42 | Premium\n{PROSE}\n");
        assert_eq!(category(&run(&text), 3), Some(Category::Byline));
        // A long run of letters before the bar is no handle.
        let long = "x".repeat(40);
        let text = format!("Harbour wall questions\n\nJ Offline\n{long} | Premium\n{PROSE}\n");
        assert_eq!(category(&run(&text), 3), None);
    }
}
