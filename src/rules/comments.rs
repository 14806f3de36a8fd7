//! Comment threads after the article: found by their headers ("jane says:", "Jane on
//! May 3, 2021 at 4:47 pm said:", "2 days ago at 07:50 am").
//!
//! A bare "jane said:" or "jane wrote:" is no header: forums print it above a quoted post
//! (the thread is the page's content), and articles above a quotation ("As Joel writes:").

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::Rule;
use crate::classifier::features::is_prose;
use crate::doc::{Doc, RuleId};
use crate::rules::pattern::{Prefilter, Whole};
use crate::{text, Category};

/// Removes everything from the first comment header to the end of the page, when the
/// page has at least [`MIN_HEADERS`] comment headers and the first one comes after some
/// article prose, with a full paragraph ([`MIN_PARAGRAPH_BEFORE`] words).
#[derive(Debug)]
pub(crate) struct CommentThread;

/// Headers needed before a run of lines counts as a comment thread.
const MIN_HEADERS: usize = 3;

/// Prose words that must come before the thread (the article it comments on).
const MIN_PROSE_BEFORE: usize = 40;

/// Fewest bytes of a line that [`is_prose`] can take: it needs 10 words, and `n` words
/// (each a byte or more, with a byte or more between two) take `2n - 1` bytes or more.
const PROSE_MIN_BYTES: usize = 19;

/// Words of the longest prose line before the thread: an article has at least one full
/// paragraph, while a listing's teasers (a headline, a one-sentence summary, "3 hrs
/// ago") are all short, and their timestamps are no comment headers.
const MIN_PARAGRAPH_BEFORE: usize = 30;

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            [\p{L}\p{N}_.\-'’\ ]{1,40}\s+(?:says|commented|replied|asks|answered)\s*:?
          | .{1,60}\s+(?:on|at)\s+.{4,40}\d{4}.{0,25}\s*(?:said|says|wrote|commented)\s*:?
          | (?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month|year)s?\s+ago(?:\s+at\s+.{1,14})?
          | (?:reply|replies|\d+\s+repl(?:y|ies)|report|flag|permalink|quote|upvote|downvote)
        )$",
    )
    .expect("valid regex")
});

/// The alternatives of [`HEADER`], one by one (same flags), for [`HEADER_PREFILTER`].
const HEADER_FRAGMENTS: [&str; 4] = [
    r"(?ix:[\p{L}\p{N}_.\-'’\ ]{1,40}\s+(?:says|commented|replied|asks|answered)\s*:?)",
    r"(?ix:.{1,60}\s+(?:on|at)\s+.{4,40}\d{4}.{0,25}\s*(?:said|says|wrote|commented)\s*:?)",
    r"(?ix:(?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month|year)s?\s+ago(?:\s+at\s+.{1,14})?)",
    r"(?ix:(?:reply|replies|\d+\s+repl(?:y|ies)|report|flag|permalink|quote|upvote|downvote))",
];

/// [`HEADER`] behind literal prefilters: most lines contain none of the words a header
/// needs ("says", "ago", "reply", …), so the regex rarely runs.
static HEADER_PREFILTER: LazyLock<Option<Prefilter>> =
    LazyLock::new(|| Prefilter::new(&HEADER_FRAGMENTS, "^(?:", ")$"));

/// [`HEADER`] as the prefilter's fallback.
static HEADER_WHOLE: LazyLock<Whole> = LazyLock::new(|| Whole::compiled(HEADER.clone()));

/// Action-only headers ("Reply", "Report", "3 replies"): buttons that also sit under
/// embedded posts inside articles, so they never start a thread on their own.
static ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:reply|replies|\d+\s+repl(?:y|ies)|report|flag|permalink|quote|upvote|downvote)$",
    )
    .expect("valid regex")
});

/// The text of a comment header as a reader sees it: a Markdown line (`1. **jo** says:`,
/// `* **Ann** on [May 3, 2021 at 4:47 pm](/c/7) said:`) without its list marker, emphasis
/// marks, link brackets and link targets; other lines as they are.
fn visible(line: &str) -> Cow<'_, str> {
    if !line.contains(['*', '[', '_']) && !line.starts_with(['-', '+']) {
        return Cow::Borrowed(line);
    }
    let text = text::without_link_targets(line);
    let text = text.trim_start();
    let text = text::after_list_marker(text).unwrap_or(text);
    let mut out = text.replace("**", "").replace("__", "");
    out.retain(|c| c != '[' && c != ']');
    Cow::Owned(out.trim().to_string())
}

/// The author-line alternatives of [`HEADER`] alone, for the visible text of Markdown
/// lines ([`visible`]).
static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "^(?:{}|{})$",
        HEADER_FRAGMENTS[0], HEADER_FRAGMENTS[1]
    ))
    .expect("valid regex")
});

/// Whether the line is a comment header: an author line, a timestamp or an action. A
/// Markdown line also counts when its visible text ([`visible`]) is an author line
/// (`1. **jo** says:`); its buttons and timestamps do not (`* [Reply](/r/1)`, `[2 days
/// ago](/p/9)` also sit on forum posts, which are the page's content).
fn is_header(line: &str) -> bool {
    let raw = line.len() <= 120
        && may_be_header(line)
        && match HEADER_PREFILTER.as_ref() {
            Some(pre) => pre.is_match(line, &HEADER_WHOLE),
            None => HEADER.is_match(line),
        };
    // `visible` changes only lines with emphasis, links or a list marker.
    raw || (has_markup(line)
        && AUTHOR_WORDS.as_ref().is_none_or(|w| w.is_match(line))
        && match visible(line) {
            Cow::Owned(v) => v.len() <= 120 && AUTHOR.is_match(&v),
            Cow::Borrowed(_) => false,
        })
}

/// Whether [`visible`] may change the line (it returns every other line as it is).
fn has_markup(line: &str) -> bool {
    memchr::memchr3(b'*', b'[', b'_', line.as_bytes()).is_some() || line.starts_with(['-', '+'])
}

/// The words a [`HEADER`] match ends with (after `\s*:?`): the author lines' verbs (the
/// first seven, also [`AUTHOR_WORDS`]) and the actions, lower-cased.
const HEADER_ENDINGS: [&str; 15] = [
    "says",
    "said",
    "wrote",
    "commented",
    "replied",
    "asks",
    "answered",
    "reply",
    "replies",
    "report",
    "flag",
    "permalink",
    "quote",
    "upvote",
    "downvote",
];

/// The last letters of [`HEADER_ENDINGS`] (a test checks that every ending's is here).
const ENDING_LAST: [u8; 7] = *b"sdeytgk";

/// A necessary condition for [`HEADER`] (most lines fail it; the prefilter's literals
/// "on" and "at" are in most lines): the line ends with one of [`HEADER_ENDINGS`] (then
/// blanks and a colon) or holds "ago" (the timestamps), ASCII case-insensitively. Under
/// `(?i)` the only characters outside ASCII that match these words' letters are `ſ` (for
/// `s`) and the Kelvin sign (for `k`): they are read as those letters first.
fn may_be_header(line: &str) -> bool {
    let folded;
    let line = if line.is_ascii()
        || memchr::memmem::find(line.as_bytes(), "ſ".as_bytes()).is_none()
            && memchr::memmem::find(line.as_bytes(), "\u{212a}".as_bytes()).is_none()
    {
        line
    } else {
        folded = line.replace('ſ', "s").replace('\u{212a}', "k");
        &folded
    };
    let t = line.strip_suffix(':').unwrap_or(line).trim_end().as_bytes();
    let b = line.as_bytes();
    // Most lines end with none of the endings' last letters: the endings are not compared.
    let ends = t
        .last()
        .is_some_and(|c| ENDING_LAST.contains(&c.to_ascii_lowercase()));
    (ends
        && HEADER_ENDINGS.iter().any(|e| {
            t.len() >= e.len() && t[t.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        }))
        || memchr::memchr2_iter(b'g', b'G', b).any(|i| {
            i > 0
                && b[i - 1].eq_ignore_ascii_case(&b'a')
                && b.get(i + 1).is_some_and(|o| o.eq_ignore_ascii_case(&b'o'))
        })
}

/// The verbs an [`AUTHOR`] line ends with, searched ASCII case-insensitively before a
/// Markdown line's visible text is built (most lines have none). Spellings with non-ASCII
/// case variants of these letters (`ſ`, the Kelvin sign) are not headers in Markdown lines.
static AUTHOR_WORDS: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&HEADER_ENDINGS[..7])
        .ok()
});

/// Words of `line` outside Markdown link targets (`](…)`) and bare URLs, whose path
/// segments would otherwise count as words.
fn words_outside_links(line: &str) -> usize {
    text::without_link_targets(line)
        .split_whitespace()
        .filter(|t| !text::is_url(t))
        .map(text::word_count)
        .sum()
}

impl Rule for CommentThread {
    fn name(&self) -> &str {
        "comment-thread"
    }
    fn category(&self) -> Category {
        Category::Comments
    }
    fn description(&self) -> &str {
        "a reader-comment thread: from the first of several comment headers (\"jane says:\", \"2 days ago\") to the end"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_line_list();
        // Headers count only once some article prose has gone by, with a full paragraph:
        // from the text line after the one that completes it (`from`). Only whether the
        // prose reached the minimum matters: it is counted up to there, and only on
        // lines of `PROSE_MIN_BYTES` bytes or more (a shorter line has too few words for
        // prose), which are long lines: the short ones are not read (issue 24).
        const _: () = assert!(PROSE_MIN_BYTES >= crate::doc::LONG_LINE_BYTES);
        const _: () = assert!(MIN_PROSE_BEFORE > 0);
        let mut prose_before = 0;
        let mut longest = 0;
        let mut from = lines.len();
        for i in doc.long_lines() {
            let line = doc.line(i);
            if line.len() >= PROSE_MIN_BYTES {
                // Without a sentence end, prose needs 25 words: 49 bytes or more.
                let sentence = text::ends_sentence(line);
                if sentence || line.len() >= 2 * 25 - 1 {
                    let w = doc.words(i);
                    if is_prose(w, sentence) {
                        prose_before += w;
                        longest = longest.max(words_outside_links(line));
                    }
                }
            }
            if prose_before >= MIN_PROSE_BEFORE && longest >= MIN_PARAGRAPH_BEFORE {
                from = lines.partition_point(|&j| j <= i);
                break;
            }
        }
        let mut headers = Vec::new();
        for (k, &i) in lines.iter().enumerate().skip(from) {
            if is_header(doc.line(i)) {
                headers.push(k);
            }
        }
        // The thread starts at the first header that begins a run of at least
        // MIN_HEADERS headers, one of them naming an author or a time (not only buttons).
        let action: Vec<bool> = headers
            .iter()
            .map(|&k| ACTION.is_match(doc.line(lines[k])))
            .collect();
        let Some(h) = (0..headers.len()).find(|&h| {
            headers.len() - h >= MIN_HEADERS && action[h..].iter().take(MIN_HEADERS).any(|a| !a)
        }) else {
            return;
        };
        let k = headers[h];
        let first = lines[k];
        // A short line just before a timestamp header is the commenter's name.
        let start = match k.checked_sub(1).map(|j| lines[j]) {
            Some(p) if doc.words(p) <= 3 && !text::ends_sentence(doc.line(p)) => p,
            _ => first,
        };
        for &i in &lines[lines.partition_point(|&i| i < start)..] {
            doc.remove(i, id, Category::Comments);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "The team lost again on Monday night, and its playoff hopes are now slim after a run of five defeats.\n\nThe coach said the players would keep fighting until the last game of the season, whatever the table says and whatever the fans think, and the owner backed him in a short statement on Tuesday.\n\n";

    #[test]
    fn headers_count_from_the_line_after_the_article_is_complete() {
        // Short lines before and inside the article (not read for prose), a header on
        // the line that completes the article's prose (read before it counts: not a
        // header) and the thread from the next line on.
        let first = "The team lost again on Monday night, and its playoff hopes are now slim after a run of five defeats.";
        let second = "The coach said the players would keep fighting until the last game of the season, whatever the table says and whatever the fans think, and the owner backed him in a short statement on Tuesday.";
        let short = "a\nb\n".repeat(100);
        let text = format!("{short}{first}\n{short}{second}\njo says:\nWhat a season.\nsam_22 says:\nTime for a new coach.\nkit says:\nAgreed.\n");
        let mut doc = Doc::new(&text);
        CommentThread.apply(&mut doc, 0);
        let at = |l: &str| (0..doc.len()).find(|&i| doc.line(i) == l).unwrap();
        assert!(!doc.is_removed(at(second)));
        assert!((at("jo says:")..doc.len()).all(|i| doc.is_blank(i) || doc.is_removed(i)));
        assert!((0..at("jo says:")).all(|i| !doc.is_removed(i)));
    }

    #[test]
    fn cuts_thread_after_article() {
        let text = format!("{ARTICLE}jo says:\nWhat a season.\nsam_22 says:\nTime for a new coach.\nkit says:\nAgreed.");
        let mut doc = Doc::new(&text);
        CommentThread.apply(&mut doc, 0);
        assert!(!doc.is_removed(0) && !doc.is_removed(2));
        assert!((4..doc.len()).all(|i| doc.is_removed(i)));
    }

    #[test]
    fn markdown_headers_are_read_as_shown() {
        for l in [
            "  1. **jo_22** says:",
            "* **[sam](https://example.org/sam)** says:",
            "  * **Ann Lee** on [May 3, 2021 at 4:47 pm](https://example.org/post#comment-7) said:",
        ] {
            assert!(is_header(l), "{l}");
        }
        assert!(!is_header("* [Reply](https://example.org/reply?to=7)"));
        assert!(!is_header("[2 days ago](https://example.org/post#c9)"));
        assert_eq!(visible("plain says:"), "plain says:");
    }

    #[test]
    fn forum_quote_attributions_are_no_thread() {
        let text = format!(
            "{ARTICLE}jo said:\nWhat a season.\nI agree with jo.\nsam_22 wrote:\nTime for a new coach.\nNo, keep him.\nkit said:\nAgreed.\nMe too."
        );
        let mut doc = Doc::new(&text);
        CommentThread.apply(&mut doc, 0);
        assert!((0..doc.len()).all(|i| !doc.is_removed(i)));
    }

    #[test]
    fn timestamps_of_a_listing_are_no_thread() {
        let mut text = String::new();
        for (title, summary) in [
            (
                "Harbour wall to be rebuilt",
                "The council agreed to rebuild the wall after two storms.",
            ),
            (
                "Ferry fares rise again",
                "Operators blame fuel costs for the third rise this year.",
            ),
            (
                "School roof repaired",
                "Pupils return on Monday after a summer of building work.",
            ),
            (
                "New bus route opens",
                "The route links the station with the hospital every hour.",
            ),
            (
                "Library hours extended",
                "The library will now open on Sundays from the start of May.",
            ),
            (
                "Market moves indoors",
                "Traders will use the old corn exchange while the square is paved.",
            ),
            (
                "Pier reopens to walkers",
                "Engineers say the repaired deck is safe for the summer crowds.",
            ),
        ] {
            text.push_str(&format!("{title}\n{summary}\n3 hrs ago\n\n"));
        }
        let mut doc = Doc::new(&text);
        CommentThread.apply(&mut doc, 0);
        assert!((0..doc.len()).all(|i| !doc.is_removed(i)));
    }

    #[test]
    fn link_targets_are_no_words() {
        assert_eq!(
            words_outside_links(
                "Read [the full report](https://example.org/a/long/path/to/the-report-page) today"
            ),
            5
        );
        assert_eq!(
            words_outside_links("see https://example.org/a/b/c and more"),
            3
        );
        assert_eq!(words_outside_links("[broken](link without end"), 1);
    }

    #[test]
    fn buttons_alone_are_no_thread() {
        let text = format!("{ARTICLE}Report\nA quoted post from the club.\nReport\nAnother post.\nReply\nThe article goes on here with more words.");
        let mut doc = Doc::new(&text);
        CommentThread.apply(&mut doc, 0);
        assert!((0..doc.len()).all(|i| !doc.is_removed(i)));
        // With an author header among them, the thread starts at the first of the run.
        let text = format!(
            "{ARTICLE}Report\nA quoted post.\njo says:\nWhat a season.\nReply\nkit says:\nAgreed."
        );
        let mut doc = Doc::new(&text);
        CommentThread.apply(&mut doc, 0);
        assert!(!doc.is_removed(2) && doc.is_removed(4) && doc.is_removed(10));
    }

    #[test]
    fn needs_several_headers() {
        let text = format!("{ARTICLE}jo says:\nWhat a season.");
        let mut doc = Doc::new(&text);
        CommentThread.apply(&mut doc, 0);
        assert!((0..doc.len()).all(|i| !doc.is_removed(i)));
    }

    #[test]
    fn prefilter_agrees_with_header_regex() {
        let pre = HEADER_PREFILTER.as_ref().expect("literals found");
        for line in [
            "Milan Griffes on September 12, 2018 at 4:47 pm said:",
            "2 days ago at 07:50 am",
            "an hour ago",
            "ONE WEEK AGO",
            "jo says:",
            "JO SAYS",
            "jo ſays:",
            "Ann wrote",
            "12 replies",
            "Reply",
            "Permalink",
            "Downvote",
            "The minister says the plan will cost more than expected.",
            "",
            "says",
            "5 min read",
        ] {
            assert_eq!(
                pre.is_match(line, &HEADER_WHOLE),
                HEADER.is_match(line),
                "{line}"
            );
        }
    }

    proptest::proptest! {
        /// The byte bounds of the prose count: `n` words take `2n - 1` bytes or more.
        #[test]
        fn words_take_two_bytes_but_one(line in "(?:[a-z]|'|-| |日本|é|’|\\PC){0,60}") {
            proptest::prop_assert!(2 * text::word_count(&line) <= line.len() + 1, "{line:?}");
        }
    }

    #[test]
    fn the_header_gate_passes_every_short_header() {
        // Every line of up to three units, each a word of a header and a separator.
        let words = [
            "jo",
            "2",
            "days",
            "an",
            "hour",
            "ago",
            "AGO",
            "at",
            "07:50",
            "on",
            "May 3, 2018",
            "said",
            "Says",
            "Reply",
            "replies",
            "flag",
            "ſays",
            "permalin\u{212a}",
            "Ä",
            "\u{a0}",
        ];
        let units: Vec<String> = words
            .iter()
            .flat_map(|w| [" ", ":", "\t", ""].map(|sep| format!("{w}{sep}")))
            .collect();
        let mut seen = 0;
        for a in &units {
            for b in &units {
                for c in &units {
                    for line in [a.clone(), format!("{a}{b}"), format!("{a}{b}{c}")] {
                        let line = line.trim();
                        if HEADER.is_match(line) {
                            seen += 1;
                            assert!(may_be_header(line), "{line:?}");
                        }
                    }
                }
            }
        }
        assert!(seen > 1000, "{seen}");
    }

    #[test]
    fn every_header_ending_ends_in_a_gate_letter() {
        for e in HEADER_ENDINGS {
            assert!(ENDING_LAST.contains(&e.as_bytes()[e.len() - 1]), "{e}");
        }
    }

    #[test]
    fn the_header_gate_on_known_lines() {
        for line in [
            "Milan Griffes on September 12, 2018 at 4:47 pm said :",
            "2 days ago at 07:50 am",
            "jo SAYS:",
            "12 Replies",
            "Downvote",
            "Ann on May 3, 2021 wrote \t:",
        ] {
            assert!(HEADER.is_match(line) && may_be_header(line), "{line}");
        }
        assert!(!may_be_header(
            "The minister says the plan will cost more than expected."
        ));
        assert!(!may_be_header("Posted on May 3, 2021 at 4:47 pm"));
        assert!(may_be_header("jo ſays:") && may_be_header("Jö says\u{a0}:"));
        assert!(!may_be_header("Jö lives here"));
    }

    #[test]
    fn header_shapes() {
        assert!(is_header(
            "Milan Griffes on September 12, 2018 at 4:47 pm said:"
        ));
        assert!(is_header("2 days ago at 07:50 am"));
        assert!(is_header("jo says:"));
        assert!(!is_header(
            "The minister says the plan will cost more than expected."
        ));
    }
}
