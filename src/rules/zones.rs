//! The comment zone after the article, decided as one block: from its header ("6 thoughts
//! on …", "2 comments") over every comment's signature line (a name, a date and a time),
//! its text and its buttons, to the end of the last comment.
//!
//! The line classifier judges each comment by itself, and a comment reads like a short
//! paragraph of the article: it keeps some. [`comments::CommentThread`] finds threads by
//! "jane says:" headers; this rule finds the others by their signatures, under a header.
//!
//! [`comments::CommentThread`]: super::comments::CommentThread

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::Rule;
use crate::classifier::features::is_prose;
use crate::doc::{Doc, Mark, RuleId};
use crate::text::{self, Images};
use crate::Category;

/// Removes, after the article, a comment zone: a comment header ([`COMMENT_HEADER`], or a
/// line an earlier rule removed as comments) followed within [`HEADER_REACH`] text lines by
/// a comment signature ([`is_signature`]: a short line with a date and a clock time, or
/// under a header that names comments, with the comment's age alone: [`is_aged`]) or,
/// under a header read from the text, a comment's "Reply" button (a line an earlier rule
/// removed as comments), and at least
/// [`MIN_SIGNATURES`] of them in all. The zone runs from the header to the end
/// of the last comment: the lines after the last signature up to the first line an earlier
/// rule removed as another kind of boilerplate (a share bar, a footer: not a date, a
/// byline, a repeated line such as a commenter's name, a bare URL a commenter pasted,
/// comments, or the classifier's low content, navigation and related), at most as
/// many lines as the longest comment before it. It goes only when
/// the article before it has [`MIN_PROSE_BEFORE`] prose words with a full paragraph, and
/// its own words are fewer than the article's (a forum thread, where the replies outweigh
/// the post, is the page's content) unless its header names the post ([`NAMED_HEADER`]:
/// a blog's comments). Runs after the line classifier and removes the lines
/// of the zone it kept; reads the lines it removed (low content, navigation, related) as
/// text.
#[derive(Debug)]
pub(crate) struct CommentZone;

/// Signatures a zone needs.
const MIN_SIGNATURES: usize = 2;

/// How many text lines after its header the first signature may come (12 took a
/// question-and-answer page's next answer, after an "Add a comment" prompt, as comments; 8
/// missed a first comment of eight lines signed below its text, "Posted by: Name at …").
const HEADER_REACH: usize = 10;

/// Most words of a signature line (a name, a date, a time, "Reply").
const SIGNATURE_WORDS: usize = 14;

/// Most words of a comment header line.
const HEADER_WORDS: usize = 12;

/// Prose words before the zone: the article it comments on.
const MIN_PROSE_BEFORE: usize = 50;

/// Words of the longest prose line before the zone: a full paragraph.
const MIN_PARAGRAPH_BEFORE: usize = 30;

/// Most text lines of the last comment, after its signature, when no comment before it
/// gives a length.
const LAST_COMMENT_LINES: usize = 6;

/// A comment header: a count of comments ("6 thoughts on “…”", "2 Comments", "12
/// responses to …"), a bare "Comments", or a prompt to write one ("Leave a reply").
static COMMENT_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\W*(?:
            (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:comments?|thoughts?|responses?|replies|reactions?)(?:\s+(?:on|to)\b.*)?
          | (?:reader\s+)?comments?
          | (?:leave|post|add|write)\s+an?\s+(?:comment|reply|response)\b.*
          | (?:join|start)\s+the\s+(?:discussion|conversation)\b.*
          | discussion\s+about\s+this\s+(?:post|article|story|entry)
        )\W*$",
    )
    .expect("valid regex")
});

/// Stems one of which every [`COMMENT_HEADER`] line holds, matched ASCII case-insensitively
/// before the header regex runs (most lines hold none). None contains `k` or `s`, the only
/// ASCII letters a non-ASCII character case-folds to (`K` Kelvin sign, `ſ` long s), so the
/// gate never rejects a line the case-insensitive regex would match.
static HEADER_STEMS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "comment", "thought", "pon", "repl", "reaction", "join", "tart", "about",
        ])
        .expect("valid stems")
});

/// A comment header that names the post it is under ("59 comments on “…”", "6 thoughts
/// on …", "12 responses to …"): a blog's comments, which may outweigh the post (a
/// forum's replies are counted without naming the thread).
static NAMED_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:comments?|thoughts?|responses?)\s+(?:on|to)\s+\S",
    )
    .expect("valid regex")
});

/// Whether a line of at most [`HEADER_WORDS`] words is a comment header.
fn is_header(plain: &str) -> bool {
    // Every stem has three bytes or more.
    plain.len() >= 3 && HEADER_STEMS.is_match(plain) && COMMENT_HEADER.is_match(plain)
}

/// A clock time: "5:57 am", "17:21", "2:19 p.m.".
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[0-2]?\d:[0-5]\d(?::[0-5]\d)?\b(?:\s*[ap]\.?m\b\.?)?").expect("valid regex")
});

/// A date: a month name and a day or year, a numeric date, or an age ("3 days ago").
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
            \b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s+\d{1,4}\b
          | \b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\b
          | \b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b
          | \b\d{1,3}\s*(?:min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago\b",
    )
    .expect("valid regex")
});

/// Most words of a signature that gives the comment's age alone ("Ann Lee 2 days ago").
const AGE_SIGNATURE_WORDS: usize = 5;

/// A comment's age: "3 days ago", "1 year ago".
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\d])\d{1,3}\s*(?:min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago\b")
        .expect("valid regex")
});

/// Whether a line is a comment's signature: at most [`SIGNATURE_WORDS`] words with a date
/// and a clock time ("Ann Lee August 22, 2018 at 5:57 am", "March 3, 2024 - 2:19 pm").
fn is_signature(plain: &str) -> bool {
    plain.contains(':')
        && text::word_count(plain) <= SIGNATURE_WORDS
        && CLOCK.is_match(plain)
        && DATE.is_match(plain)
}

/// Whether a line is a signature that gives the comment's age alone: at most
/// [`AGE_SIGNATURE_WORDS`] words with an age ("1 year ago", "Ann Lee 3 days ago": a
/// comment plugin that prints no time).
fn is_aged(plain: &str) -> bool {
    plain.contains("ago") && text::word_count(plain) <= AGE_SIGNATURE_WORDS && AGE.is_match(plain)
}

/// What a text line is to the zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// A comment header.
    Header,
    /// A comment's signature.
    Signature,
    /// A signature with the comment's age alone ([`is_aged`]): a signature only under a
    /// header that names comments ("36 Comments"); a forum prints the same ages under
    /// "2 replies", and its replies are the page's content.
    Aged,
    /// A line an earlier rule removed as comments that is no header by its text: a
    /// comment's "Reply" button. It may open a zone of dated signatures, and counts as a
    /// signature in a zone under a [`Part::Header`].
    Marker,
    /// Removed by an earlier rule as another kind of boilerplate than a date, a byline, a
    /// repeated line, a bare URL, comments, low content, navigation or related (a share
    /// bar, a footer): the end of a zone.
    Other,
    /// Any other line: a comment's text, or the article's.
    Text,
}

impl Rule for CommentZone {
    fn name(&self) -> &str {
        "comment-zone"
    }
    fn category(&self) -> Category {
        Category::Comments
    }
    fn description(&self) -> &str {
        "after the article, the lines the classifier kept of a comment zone: from a comment header (\"6 thoughts on …\", \"2 comments\") over comments signed with a date and a time or each followed by a \"Reply\" button, to the end of the last comment"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        let Some((start, end)) = zone(&Lines::new(doc, &lines)) else {
            return;
        };
        debug_assert!(start <= end && end < lines.len());
        for &i in &lines[start..=end] {
            if doc.is_open(i) {
                doc.remove(i, id, Category::Comments);
            }
        }
    }
}

/// The document's text lines as the zone reads them, each measured when first asked
/// (issue 24: a page of a million one-byte lines has no article before any of them, and
/// only the lines from the first possible header on are read as headers and signatures).
struct Lines<'d, 'a> {
    doc: &'d Doc<'a>,
    /// The text lines ([`Doc::text_lines`]).
    lines: &'d [usize],
    /// [`Lines::part`] of text lines `first..first + parts.len()`, once asked.
    parts: std::cell::RefCell<(usize, Vec<Part>)>,
    /// How many times a line was measured ([`Lines::measure`]): the work the tests bound.
    measured: std::cell::Cell<usize>,
}

impl<'d, 'a> Lines<'d, 'a> {
    fn new(doc: &'d Doc<'a>, lines: &'d [usize]) -> Self {
        Lines {
            doc,
            lines,
            parts: std::cell::RefCell::new((0, Vec::new())),
            measured: std::cell::Cell::new(0),
        }
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether text line `k` reads as text (open or kept, or removed as low content,
    /// navigation or related: the classifier's categories, which judged the comments one
    /// by one), and whether it is open or kept (the article's).
    fn readable(&self, k: usize) -> (bool, bool) {
        match self.doc.mark(self.lines[k]) {
            Mark::Open | Mark::Keep(_) => (true, true),
            Mark::Remove(_, Category::LowContent | Category::Navigation | Category::Related) => {
                (true, false)
            }
            Mark::Remove(..) => (false, false),
        }
    }

    /// The words of text line `k` when it reads as text, else 0.
    fn words(&self, k: usize) -> usize {
        match self.readable(k).0 {
            true => self.doc.visible_words(self.lines[k]),
            false => 0,
        }
    }

    /// The prose words of text line `k` when it is the article's (open or kept), else 0.
    fn prose(&self, k: usize) -> usize {
        self.prose_of(self.lines[k])
    }

    /// [`Lines::prose`] of line `i` of the document (a text line).
    fn prose_of(&self, i: usize) -> usize {
        // Open or kept: not removed.
        if self.doc.is_removed(i) {
            return 0;
        }
        let w = self.doc.visible_words(i);
        // Prose has ten words or more (`is_prose`): a shorter line's text is not read.
        let prose = w >= 10 && is_prose(w, text::ends_sentence(&self.doc.plain(i, Images::Alt)));
        if prose {
            w
        } else {
            0
        }
    }

    /// Whether text line `k` says "comment" (a blog's "36 Comments", not a forum's "2
    /// replies").
    fn names_comments(&self, k: usize) -> bool {
        let plain = self.doc.plain(self.lines[k], Images::Alt);
        plain.to_ascii_lowercase().contains("comment")
    }

    /// Whether text line `k` is a header naming the post ([`NAMED_HEADER`]).
    fn named(&self, k: usize) -> bool {
        let i = self.lines[k];
        let plain = self.doc.plain(i, Images::Alt);
        self.doc.visible_words(i) <= HEADER_WORDS
            && is_header(&plain)
            && NAMED_HEADER.is_match(&plain)
    }

    /// What text line `k` is to the zone, measured once (the lines asked are those from
    /// the first one asked on).
    fn part(&self, k: usize) -> Part {
        let mut memo = self.parts.borrow_mut();
        let (first, parts) = &mut *memo;
        if parts.is_empty() {
            *first = k;
        }
        if k < *first {
            // Not asked in this order by `zone`; measured again.
            return self.measure(k);
        }
        while *first + parts.len() <= k {
            parts.push(self.measure(*first + parts.len()));
        }
        parts[k - *first]
    }

    /// [`Lines::part`], measured.
    fn measure(&self, k: usize) -> Part {
        self.measured.set(self.measured.get() + 1);
        let i = self.lines[k];
        let mark = self.doc.mark(i);
        let plain = self.doc.plain(i, Images::Alt);
        let header = || self.doc.visible_words(i) <= HEADER_WORDS && is_header(&plain);
        match mark {
            _ if is_signature(&plain) => Part::Signature,
            _ if header() => Part::Header,
            _ if is_aged(&plain) => Part::Aged,
            Mark::Remove(_, Category::Comments) => Part::Marker,
            // A link a commenter pasted on a line of its own (removed as a bare URL) and a
            // commenter's avatar (removed as an image) are part of the comment, not the
            // end of the zone.
            Mark::Remove(
                _,
                Category::Byline
                | Category::Metadata
                | Category::Repeated
                | Category::Url
                | Category::Image,
            ) => Part::Text,
            _ if !self.readable(k).0 => Part::Other,
            _ => Part::Text,
        }
    }
}

/// The zone's first and last text lines (indices into `lines`), if the page has one that
/// may go (see [`CommentZone`]).
fn zone(lines: &Lines<'_, '_>) -> Option<(usize, usize)> {
    let n = lines.len();
    let mut before = 0;
    let mut longest = 0;
    // Until the article's prose is complete only prose counts, and prose (ten words or
    // more) is on long lines (`Doc::long_lines`): the short ones are not read (issue 24:
    // a page of tiny lines). From the text line after the one that completes it on, each
    // line is read as before.
    const _: () = assert!(MIN_PROSE_BEFORE > 0 && crate::doc::LONG_LINE_BYTES <= 10);
    let mut from = n;
    for i in lines.doc.long_lines() {
        let prose = lines.prose_of(i);
        before += prose;
        longest = longest.max(prose);
        if before >= MIN_PROSE_BEFORE && longest >= MIN_PARAGRAPH_BEFORE {
            from = lines.lines.partition_point(|&j| j <= i);
            break;
        }
    }
    for h in from..n {
        let article = before >= MIN_PROSE_BEFORE && longest >= MIN_PARAGRAPH_BEFORE;
        if article && matches!(lines.part(h), Part::Header | Part::Marker) {
            if let Some(span) = zone_at(lines, h) {
                let (start, end) = span;
                let own: usize = (start..=end).map(|k| lines.words(k)).sum();
                let after: usize = (end + 1..n).map(|k| lines.prose(k)).sum();
                // A header naming the post ("59 comments on “…”") is a blog's: its
                // comments may outweigh the post.
                if (own < before || lines.named(h)) && after <= before {
                    return Some(span);
                }
                return None;
            }
        }
        let prose = lines.prose(h);
        before += prose;
        longest = longest.max(prose);
    }
    None
}

/// The zone that header `h` opens, if a signature follows it closely and enough others
/// follow: from `h` to the end of the last comment.
fn zone_at(lines: &Lines<'_, '_>, h: usize) -> Option<(usize, usize)> {
    let n = lines.len();
    let reach = (h + 1 + HEADER_REACH).min(n);
    // Under a header read from the text, "Reply" markers count as signatures; a zone a
    // marker opens needs dated signatures ("Like" and "Reply" also sit under embedded
    // posts inside an article).
    let markers = lines.part(h) == Part::Header;
    // Under a header that names comments, a comment's age alone signs it.
    let aged = markers && lines.names_comments(h);
    let signed = |k: usize| match lines.part(k) {
        Part::Signature => true,
        Part::Marker => markers,
        Part::Aged => aged,
        _ => false,
    };
    let first = (h + 1..reach).find(|&k| signed(k))?;
    // Signatures (and "Reply" markers) from the first on, while the zone goes on (no line
    // of another kind of boilerplate between two comments): their count, the last, and
    // the most lines from one to the next.
    let (mut count, mut last, mut longest_comment) = (1, first, 0);
    let mut k = first + 1;
    while k < n && lines.part(k) != Part::Other {
        if signed(k) {
            count += 1;
            longest_comment = longest_comment.max(k - last);
            last = k;
        }
        k += 1;
    }
    if count < MIN_SIGNATURES {
        return None;
    }
    if count == 1 {
        longest_comment = LAST_COMMENT_LINES;
    }
    let mut end = last;
    while end + 1 < n && end + 1 - last < longest_comment && lines.part(end + 1) != Part::Other {
        end += 1;
    }
    Some((h, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_after_phrases;

    /// An article of two full paragraphs.
    const ARTICLE: &str = "The harbour board met on Tuesday evening to settle the question of the old sea wall, which has been cracking along its northern stretch since the storms of last winter and now worries every fisherman in town.\n\nAfter two hours of debate the members agreed to repair the wall in stages, starting with the worst section next spring, and to ask the county for help with the cost of the later work on the southern end.\n";

    fn run(text: &str) -> Doc<'_> {
        run_after_phrases(text, vec![Box::new(CommentZone)])
    }

    /// Whether [`CommentZone`] (the rule after the phrase rules in [`run`]) removed line `i`.
    fn by_zone(doc: &Doc<'_>, i: usize) -> bool {
        by_zone_at(doc, i, 0)
    }

    /// Whether [`CommentZone`], run as the rule `k` after the phrase rules, removed line `i`.
    fn by_zone_at(doc: &Doc<'_>, i: usize, k: usize) -> bool {
        let id = (crate::rules::pattern::builtin_cached().len() + k) as RuleId;
        matches!(doc.mark(i), Mark::Remove(r, Category::Comments) if r == id)
    }

    fn line_of(doc: &Doc<'_>, needle: &str) -> usize {
        (0..doc.len())
            .find(|&i| doc.line(i) == needle)
            .expect("line present")
    }

    #[test]
    fn short_lines_before_and_inside_the_article_leave_the_zone_as_it_was() {
        // The article's prose counted on its long lines only: short lines before it and
        // between its paragraphs change nothing; the header right after it opens the zone.
        let short = "a\n-\nb\n".repeat(40);
        let (first, second) = ARTICLE.split_once("\n\n").unwrap();
        let text = format!("{short}{first}\n{short}{second}")
            + &page("3 thoughts on “Sea wall”")[ARTICLE.len()..];
        let doc = run(&text);
        let header = line_of(&doc, "3 thoughts on “Sea wall”");
        assert!(by_zone(&doc, header));
        assert!(by_zone(
            &doc,
            line_of(&doc, "Who pays for the southern end?")
        ));
        assert!((0..header).all(|i| !by_zone(&doc, i)));
    }

    /// Three signed comments under a "3 thoughts on" header, then a footer line.
    fn page(header: &str) -> String {
        let mut text = format!("{ARTICLE}\n{header}\n");
        for (name, when, said) in [
            (
                "Ann Lee",
                "May 3, 2021 at 4:47 pm",
                "I walk that wall every morning and the cracks are getting worse.",
            ),
            (
                "Omar",
                "May 3, 2021 at 6:02 pm",
                "Good news at last, though spring is a long way off.",
            ),
            (
                "Lena Morrow",
                "May 4, 2021 at 9:15 am",
                "Who pays for the southern end?",
            ),
        ] {
            text.push_str(&format!("{name}\n{when}\n{said}\n\n"));
        }
        text
    }

    /// The lines [`zone`] measured as headers and signatures on `text` (after the phrase
    /// rules), and the text lines.
    fn measured(text: &str) -> (usize, usize) {
        let doc = run_after_phrases(text, Vec::new());
        let lines = doc.text_lines();
        let view = Lines::new(&doc, &lines);
        zone(&view);
        (view.measured.get(), lines.len())
    }

    #[test]
    fn tiny_lines_cost_no_measure_and_every_line_at_most_one() {
        // Issue 24: a million one-byte lines made the rule read every line's text as a
        // header and a signature. Without an article before them, none is read.
        let tiny = "a\n".repeat(20_000);
        assert_eq!(measured(&tiny).0, 0);
        let mixed = "a\nComments\n1\n\u{bb}\n".repeat(5_000);
        assert_eq!(measured(&mixed).0, 0);
        // After an article, each line is measured once, however many headers ask for the
        // lines after them (each header looks up to `HEADER_REACH` lines ahead).
        for tail in [
            "Comments\n".repeat(5_000),
            "Comments\na\nMay 3, 2021 at 4:47 pm\n".repeat(2_000),
            "2 Comments\nReply\n".repeat(3_000),
        ] {
            let (work, lines) = measured(&format!("{ARTICLE}\n{tail}"));
            assert!(work > 0, "{work}");
            assert!(work <= lines, "{work} measures for {lines} lines");
        }
    }

    #[test]
    fn a_signed_thread_under_a_header_goes() {
        let text = page("3 thoughts on “The sea wall”");
        let doc = run(&text);
        for l in [
            "3 thoughts on “The sea wall”",
            "Ann Lee",
            "I walk that wall every morning and the cracks are getting worse.",
            "Who pays for the southern end?",
        ] {
            assert!(by_zone(&doc, line_of(&doc, l)), "{l}");
        }
        // The signatures' dates went earlier (metadata); the article stays.
        assert!(doc.is_removed(line_of(&doc, "May 4, 2021 at 9:15 am")));
        assert!(doc.is_open(0));
    }

    #[test]
    fn a_name_removed_as_repeated_stays_in_the_zone() {
        // The author answers twice: the name repeats, and the repeated-line rule takes it.
        let mut text = format!("{ARTICLE}\n4 Comments\n");
        for (name, when, said) in [
            (
                "Ann Lee",
                "May 3, 2021 at 4:47 pm",
                "I walk that wall every morning.",
            ),
            (
                "Sam Board",
                "May 3, 2021 at 6:02 pm",
                "Thank you, Ann, we will look at it.",
            ),
            ("Omar", "May 4, 2021 at 8:00 am", "Good news at last."),
            ("Sam Board", "May 4, 2021 at 9:15 am", "Thanks, Omar."),
        ] {
            text.push_str(&format!("{name}\n{when}\n{said}\n\n"));
        }
        let rules: Vec<Box<dyn Rule>> = vec![
            Box::new(crate::rules::repeated::Repeated),
            Box::new(CommentZone),
        ];
        let doc = run_after_phrases(&text, rules);
        let name = line_of(&doc, "Sam Board");
        assert!(matches!(
            doc.mark(name),
            Mark::Remove(_, Category::Repeated)
        ));
        let i = line_of(&doc, "Thanks, Omar.");
        assert!(by_zone_at(&doc, i, 1), "{:?}", doc.mark(i));
    }

    #[test]
    fn a_link_pasted_in_a_comment_leaves_the_zone_open() {
        // The second comment ends with a link alone on its line (the phrase rules remove it
        // as a bare URL): the comments after it still go.
        let mut text = format!("{ARTICLE}\n3 Comments\n");
        for (name, when, said) in [
            (
                "Ann Lee",
                "May 3, 2021 at 4:47 pm",
                "I walk that wall every morning.",
            ),
            (
                "Omar",
                "May 3, 2021 at 6:02 pm",
                "The county printed a plan for it years ago:\nhttps://example.org/plans/sea-wall.pdf",
            ),
            ("Lena Morrow", "May 4, 2021 at 9:15 am", "Who pays for the southern end?"),
        ] {
            text.push_str(&format!("{name}\n{when}\n{said}\n\n"));
        }
        let doc = run(&text);
        let url = line_of(&doc, "https://example.org/plans/sea-wall.pdf");
        assert!(matches!(doc.mark(url), Mark::Remove(_, Category::Url)));
        for l in ["Lena Morrow", "Who pays for the southern end?"] {
            assert!(by_zone(&doc, line_of(&doc, l)), "{l}");
        }
        assert!(doc.is_open(0));
    }

    /// An article, then `header` over three comments each signed with its age alone.
    fn aged_page(header: &str) -> String {
        let mut text = format!("{ARTICLE}\n{header}\n");
        for (name, when, said) in [
            ("Ann Lee", "2 years ago", "I walk that wall every morning."),
            ("Omar", "2 years ago", "Good news at last."),
            (
                "Lena Morrow",
                "1 year ago",
                "Who pays for the southern end?",
            ),
        ] {
            text.push_str(&format!("{name}\n{when}\n{said}\n\n"));
        }
        text
    }

    #[test]
    fn comments_signed_with_their_age_go_under_a_comments_header() {
        let text = aged_page("3 Comments");
        let doc = run(&text);
        for l in [
            "Omar",
            "Good news at last.",
            "Who pays for the southern end?",
        ] {
            assert!(by_zone(&doc, line_of(&doc, l)), "{l}");
        }
        assert!(doc.is_open(0));
        // A forum's replies carry the same ages under "3 replies": they stay.
        let text = aged_page("3 replies");
        let doc = run(&text);
        for i in 0..doc.len() {
            assert!(!by_zone(&doc, i), "line {i} removed: {}", doc.line(i));
        }
    }

    #[test]
    fn signatures_under_their_comments_reach_the_header() {
        // Each comment is signed below its text; the first comment has eight short lines,
        // so its signature is the ninth text line under the header.
        let text = format!(
            "{ARTICLE}\nComments\nWalls\nfall\nslowly\nthen\nall\nat\nonce\nfolks\nPosted by: Ann at May 3, 2021 04:47 PM\nGood news at last.\nPosted by: Omar at May 3, 2021 06:02 PM\n"
        );
        let doc = run(&text);
        for l in ["Walls", "folks", "Good news at last."] {
            assert!(by_zone(&doc, line_of(&doc, l)), "{l}");
        }
        assert!(doc.is_open(0));
    }

    #[test]
    fn signatures_without_a_header_stay() {
        // A live report: timed entries of the article itself, no comment header.
        let text = page("The day in brief");
        let doc = run(&text);
        for i in 0..doc.len() {
            assert!(!by_zone(&doc, i), "line {i} removed: {}", doc.line(i));
        }
    }

    #[test]
    fn a_thread_that_outweighs_the_post_stays() {
        // A forum: a short post, then its replies under "3 replies".
        let mut text = String::from("Has anyone walked the north wall since the storm? I heard the cracks got worse and the board is meeting about it on Tuesday, with a vote on the repairs planned for the spring and a request for money to the county. Does anyone know whether the path along the top will stay open?\n\n3 replies\n");
        for k in 0..3 {
            text.push_str(&format!("walker{k}\nMay {}, 2021 at 4:47 pm\nI was there yesterday. The cracks are wide enough to put a hand in, and the railing on the top has come loose in two places near the steps.\n\n", k + 3));
        }
        let doc = run(&text);
        for i in 0..doc.len() {
            assert!(!by_zone(&doc, i), "line {i} removed: {}", doc.line(i));
        }
    }

    /// Comments each followed by a "Reply" button, no dates, under `header`; then `tail`.
    fn replied(header: &str, tail: &str) -> String {
        let mut text = format!("{ARTICLE}\n{header}\n");
        for (name, said) in [
            (
                "Ann Lee",
                "I walk that wall every morning and the cracks are getting worse.",
            ),
            (
                "Omar",
                "Good news at last, though spring is a long way off.",
            ),
            ("Lena Morrow", "Who pays for the southern end?"),
        ] {
            text.push_str(&format!("{name}\n{said}\nReply\n"));
        }
        text.push_str(tail);
        text
    }

    #[test]
    fn comments_with_reply_buttons_under_a_header_go() {
        for header in ["Join the conversation", "Discussion about this post"] {
            let text = replied(header, "");
            let doc = run(&text);
            assert!(doc.is_removed(line_of(&doc, "Reply")));
            for l in [
                "I walk that wall every morning and the cracks are getting worse.",
                "Who pays for the southern end?",
                "Lena Morrow",
            ] {
                assert!(by_zone(&doc, line_of(&doc, l)), "{header}: {l}");
            }
            assert!(doc.is_open(0));
        }
    }

    #[test]
    fn reply_buttons_alone_open_no_zone() {
        // No header: "Reply" under quoted posts may sit inside an article.
        let text = replied("What the neighbours said", "");
        let doc = run(&text);
        for i in 0..doc.len() {
            assert!(!by_zone(&doc, i), "line {i} removed: {}", doc.line(i));
        }
    }

    #[test]
    fn a_blog_thread_naming_the_post_goes_even_when_it_outweighs_it() {
        // Long comments under "3 comments on “…”": more words than the post, still a blog's.
        let long = "I was there yesterday. The cracks are wide enough to put a hand in, and the railing on the top has come loose in two places near the steps, which the board did not mention.";
        for (header, goes) in [
            ("3 comments on “The sea wall”", true),
            ("3 comments", false),
        ] {
            let mut text = format!("{ARTICLE}\n{header}\n");
            for k in 0..3 {
                text.push_str(&format!(
                    "walker{k}\nMay {}, 2021 at 4:47 pm\n{long}\n{long}\n\n",
                    k + 3
                ));
            }
            let doc = run(&text);
            let i = (0..doc.len())
                .find(|&i| doc.line(i) == long)
                .expect("line present");
            assert_eq!(by_zone(&doc, i), goes, "{header}");
        }
    }

    #[test]
    fn shapes_of_headers_and_signatures() {
        for l in [
            "6 thoughts on “A title”",
            "2 Comments",
            "Comments",
            "12 responses to “A title”",
            "Leave a Reply",
            "Join the discussion",
            "Discussion about this post",
        ] {
            assert!(COMMENT_HEADER.is_match(l), "{l}");
        }
        assert!(NAMED_HEADER.is_match("59 Comments on “A title”"));
        assert!(!NAMED_HEADER.is_match("12 replies to this topic"));
        for l in [
            "Comments on the plan were due in May",
            "2 comments from the mayor surprised us",
        ] {
            assert!(!COMMENT_HEADER.is_match(l), "{l}");
        }
        for l in [
            "August 22, 2018 at 5:57 am",
            "Ann Lee August 17, 2019 - 2:19 pm",
            "03/05/2021 17:21",
            "Ann 3 days ago at 07:50",
        ] {
            assert!(is_signature(l), "{l}");
        }
        for l in ["1 year ago", "Ann Lee 3 days ago", "__1 year ago"] {
            assert!(is_aged(l), "{l}");
        }
        assert!(!is_aged("The wall cracked 2 years ago, in the storm."));
        for l in ["The vote is at 5:30 pm.", "May 3, 2021", "Doors open at 7:30 on May 3, after the mayor's speech, and the hall will stay open late for the vote on the wall."] {
            assert!(!is_signature(l), "{l}");
        }
    }

    #[test]
    fn the_stem_gate_passes_every_header_the_regex_takes() {
        for line in [
            "6 thoughts on “The sea wall”",
            "2 Comments",
            "One Response to the harbour plan",
            "12 replies",
            "3 reactions",
            "Reader comments",
            "COMMENTS",
            "Leave a Reply",
            "Post a comment",
            "Join the discussion",
            "Start the conversation",
        ] {
            assert!(COMMENT_HEADER.is_match(line), "{line}");
            assert!(is_header(line), "{line}");
        }
        assert!(!is_header("The harbour board met on Tuesday"));
    }
}
