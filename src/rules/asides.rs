//! Rules for the text set beside an article: photo captions and author bios (bylines
//! are in `byline.rs`, the headline in `title.rs`). They look at a line's neighbours and
//! at what earlier rules decided.

use std::sync::LazyLock;

use regex::Regex;

use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::Category;

/// The previous non-blank line before `i`, if any.
pub(crate) fn prev_text(doc: &Doc<'_>, i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !doc.is_blank(j))
}

/// The next non-blank line after `i`, if any.
pub(crate) fn next_text(doc: &Doc<'_>, i: usize) -> Option<usize> {
    (i + 1..doc.len()).find(|&j| !doc.is_blank(j))
}

/// Whether an earlier rule removed line `i` as an image credit or image URL.
fn is_image(doc: &Doc<'_>, i: usize) -> bool {
    matches!(doc.mark(i), Mark::Remove(_, Category::Image))
}

/// Captions: the short line just before an image credit ("… / Getty Images"), or between
/// an image and its credit.
#[derive(Debug)]
pub(crate) struct Caption;

/// Longest caption, in bytes.
const CAPTION_MAX: usize = 400;

impl Rule for Caption {
    fn name(&self) -> &str {
        "caption"
    }
    fn category(&self) -> Category {
        Category::Caption
    }
    fn description(&self) -> &str {
        "the line just before a photo credit (not before a \"Source: …\" line or a Markdown image)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        for i in 0..doc.len() {
            if !is_image(doc, i) || !is_credit(doc.line(i)) {
                continue;
            }
            if let Some(p) = prev_text(doc, i) {
                let line = doc.line(p);
                if doc.is_open(p) && line.len() <= CAPTION_MAX && captions(line, doc.line(i)) {
                    doc.remove(p, id, Category::Caption);
                }
            }
        }
    }
}

/// Whether an image line is a photo credit (names a photographer or agency) rather than a
/// URL or a bare file name ("harbour-wall.jpg"), a Markdown image (`![alt](src)` anywhere
/// in the line, also in a list item or a link: the picture itself, a reaction icon or a
/// teaser's thumbnail, which the paragraph or product name above it does not caption), or a
/// "Source: …" line, which attributes a chart, a table or a quoted passage: the line before
/// it is content (a paragraph, a list item), not a caption.
fn is_credit(line: &str) -> bool {
    let t = line.trim();
    if t.contains("![") {
        return false;
    }
    let path_like = !t.contains(char::is_whitespace) && t.contains(['.', '/']);
    let words = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    let source = words
        .get(..6)
        .is_some_and(|w| w.eq_ignore_ascii_case("source"));
    !t.contains("://")
        && !t.starts_with("www.")
        && !path_like
        && !source
        && names_someone(t)
        && !LEAD_IMAGE.is_match(words)
}

/// Whether a credit line names a photographer or an agency: not a placeholder that only
/// counts or labels the picture ("Image", "Picture 1 of 4", "Gallery") nor a field label
/// without a value ("**Cost per Credit:**").
fn names_someone(credit: &str) -> bool {
    let t = credit.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    !t.ends_with(':')
        && crate::text::words(t).any(|w| {
            !w.chars().all(|c| c.is_ascii_digit())
                && !PLACEHOLDER_WORDS.iter().any(|p| p.eq_ignore_ascii_case(w))
        })
}

/// Words of an image placeholder, which names no one ("Image 1 of 9").
const PLACEHOLDER_WORDS: &[&str] = &[
    "image",
    "images",
    "photo",
    "photos",
    "picture",
    "pictures",
    "pic",
    "gallery",
    "slide",
    "slideshow",
    "of",
    "stock",
];

/// A credit for the page's lead image ("Main image credit: …", "Featured image: …"), which
/// sits wherever the page puts it: the line before it is no caption.
static LEAD_IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:main|featured|feature|top|header|cover|hero|lead|banner|title)\s+(?:image|photo|picture|pic)")
        .expect("valid regex")
});

/// Whether `line`, just before the photo credit `credit`, reads as its caption. It does
/// not when the credit line carries a caption of its own (a dozen words or more that do not
/// repeat `line`: the line above is the text the picture sits in); when `line` is a field of
/// a list ("Memory: 8 GB RAM", "Details: 12 Main St."), a byline ("By Jane Doe"), or a
/// paragraph of two sentences or more and [`PARAGRAPH_WORDS`] words (a caption is one
/// sentence, or ends in a "… more" toggle that opens the rest): on a how-to or review page
/// the picture follows a paragraph and its credit comes after the picture.
fn captions(line: &str, credit: &str) -> bool {
    let line = super::byline::plain(line);
    let line = line.trim();
    let credit = super::byline::plain(credit);
    if crate::text::word_count(&credit) >= OWN_CAPTION_WORDS && !credit.contains(line) {
        return false;
    }
    let words = crate::text::word_count(line);
    if words <= FIELD_WORDS && FIELD.is_match(line) {
        return false;
    }
    if BY_NAME.is_match(line) {
        return false;
    }
    let truncated = line.ends_with("more") || line.ends_with('…') || line.ends_with("...");
    !(words >= PARAGRAPH_WORDS && SENTENCE_BREAK.is_match(line) && !truncated)
}

/// Words from which a credit line carries a caption of its own.
const OWN_CAPTION_WORDS: usize = 12;

/// Longest field line ("Label: value"), in words.
const FIELD_WORDS: usize = 12;

/// Words from which a line of several sentences is a paragraph, not a caption.
const PARAGRAPH_WORDS: usize = 30;

/// A field of a list: a label of one to three words and a colon.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{L}\p{N}&/\-]+(?:\s+[\p{L}\p{N}&/\-]+){0,2}\s*:\s").expect("valid regex")
});

/// A byline's opening: "By" and a capitalised name.
static BY_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:By|BY)\s+\p{Lu}").expect("valid regex"));

/// The end of a sentence followed by another: a lower-case word (two letters or more), a
/// number or a closing bracket, then `.`, `!` or `?`, a space and a capital. Abbreviations
/// ("Gov.", "U.S.") do not end sentences here.
static SENTENCE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:\b\p{Ll}{2,}|\d|\))[.!?]["”’)]?\s+["“‘(]?\p{Lu}"#).expect("valid regex")
});

/// Author bios after the article: "Jane Doe is a staff writer …", "Jane has worked as …".
/// The sentence's subject (group 1 of its opening pattern) is a name: not an impersonal or
/// first- or second-person pronoun ("This covers the basics", "It is the author's …"), and
/// a one-word subject (a first name, but also a product's: "Mode is an analytics platform
/// … data editor") needs its role word among the sentence's first [`BIO_ROLE_WORDS`] words
/// or a personal pronoun in the line ("Jo has written for the blog since 2018. She is a
/// writer …").
#[derive(Debug)]
pub(crate) struct Bio;

static BIO_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^((?:\p{Lu}[\p{L}'’.\-]*\s+){0,3}?\p{Lu}[\p{L}'’.\-]*)\s+(?:is|was|has|had|writes|covers|joined|reports|lives|leads|edits|holds|worked|spent|previously|currently|also)\b",
    )
    .expect("valid regex")
});

static BIO_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:writer|editor|reporter|journalist|correspondent|columnist|contributor|author|producer|photographer|critic|analyst|blogger|freelancer?|newsroom|desk|covers|covering|bureau|anchor|novelist|podcast)\b",
    )
    .expect("valid regex")
});

/// Every phrase starts with an `a` or an `m`: [`may_open_about_author`] asks that first.
static ABOUT_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s\p{P}]*(?:about the authors?|about (?:the )?writer|author bio(?:graphy)?|meet the author)[\s\p{P}]*$")
        .expect("valid regex")
});

/// Whether the line holds "author" or "writer" (ASCII case-insensitive; none of their
/// letters has a non-ASCII case variant): every [`ABOUT_AUTHOR`] match does, most lines do
/// not. Both words have a `t` at a fixed place, which `memchr` finds.
fn has_about_author_word(line: &str) -> bool {
    let b = line.as_bytes();
    // Shorter than either word: no vector search set up (issue 24, tiny lines).
    if b.len() < 6 {
        return false;
    }
    memchr::memchr2_iter(b't', b'T', b).any(|i| {
        let word = |from: usize, w: &[u8]| {
            i.checked_sub(from)
                .and_then(|s| b.get(s..s + w.len()))
                .is_some_and(|x| x.eq_ignore_ascii_case(w))
        };
        word(2, b"author") || word(3, b"writer")
    })
}

/// Whether the line's first ASCII letter or digit can open an [`ABOUT_AUTHOR`] phrase: an
/// `a` or an `m` of either case (only spaces and punctuation, neither of which is an ASCII
/// letter or digit, come before the phrase; neither letter has a case variant outside
/// ASCII). Most lines start with another letter, and this costs a few bytes.
fn may_open_about_author(line: &str) -> bool {
    line.bytes()
        .find(u8::is_ascii_alphanumeric)
        .is_some_and(|b| matches!(b, b'a' | b'A' | b'm' | b'M'))
}

/// Whether the line is an "About the author" header.
fn is_about_author(line: &str) -> bool {
    may_open_about_author(line) && has_about_author_word(line) && ABOUT_AUTHOR.is_match(line)
}

/// The verbs that end a [`BIO_START`] match.
const BIO_START_VERBS: [&str; 17] = [
    "is",
    "was",
    "has",
    "had",
    "writes",
    "covers",
    "joined",
    "reports",
    "lives",
    "leads",
    "edits",
    "holds",
    "worked",
    "spent",
    "previously",
    "currently",
    "also",
];

/// A necessary condition for [`BIO_START`], read without the regex: its subject is one
/// to four words without spaces, so its verb starts the second, third, fourth or fifth
/// word (the regex's `\s` and `split_whitespace` split at the same characters).
fn may_open_bio(line: &str) -> bool {
    line.split_whitespace().skip(1).take(4).any(|w| {
        w.as_bytes()
            .first()
            .is_some_and(|&b| BIO_VERB_FIRST[usize::from(b)])
            && BIO_START_VERBS.iter().any(|v| w.starts_with(v))
    })
}

/// Per byte, whether a verb of [`BIO_START_VERBS`] starts with it (most words fail this
/// before the list is walked).
static BIO_VERB_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < BIO_START_VERBS.len() {
        t[BIO_START_VERBS[k].as_bytes()[0] as usize] = true;
        k += 1;
    }
    t
};

/// Subjects that are no one's name.
const NOT_NAMES: &[&str] = &[
    "It",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "Who",
    "What",
    "Which",
    "Nobody",
    "Everyone",
    "Everybody",
    "Everything",
    "Something",
    "Nothing",
    "You",
    "You’ll",
    "You'll",
    "We",
    "I",
];

/// How early a one-word subject's role word must come, in words from the line's start.
const BIO_ROLE_WORDS: usize = 8;

/// Whether the bio pattern's `subject` and the line's opening `head` read as a bio. The
/// role word counts after the opening (`head[..verb_end]`, the subject and its verb): a
/// subject that is itself a role or a product ("Analyst reports", "Movavi Video Editor is
/// …") and the verb "covers" alone ("Personal Insurance covers auto and home") make no bio.
fn bio_subject_fits(subject: &str, head: &str, verb_end: usize) -> bool {
    let rest = head.get(verb_end..).unwrap_or("");
    if subject.split_whitespace().nth(1).is_some() {
        return BIO_ROLE.is_match(rest);
    }
    if NOT_NAMES.contains(&subject) {
        return false;
    }
    BIO_ROLE.find(rest).is_some_and(|m| {
        head[..verb_end + m.start()].split_whitespace().count() < BIO_ROLE_WORDS
            || crate::text::words(head).any(|w| PERSONAL.contains(&w))
    })
}

/// Third-person personal pronouns: a line that has one is about a person.
const PERSONAL: &[&str] = &[
    "He", "he", "She", "she", "His", "his", "Her", "her", "Him", "him",
];

/// Longest bio paragraph, in bytes.
const BIO_MAX: usize = 900;

impl Rule for Bio {
    fn name(&self) -> &str {
        "author-bio"
    }
    fn category(&self) -> Category {
        Category::Bio
    }
    fn description(&self) -> &str {
        "author biographies in the last part of the page (\"Jane Doe is a reporter …\")"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_line_list();
        let from = lines.len() * 2 / 5;
        for &i in &lines[from..] {
            // An "About the author" header has six letters of "author" or "writer", a
            // bio's opening a capital, a space and a verb of two letters or more: a line
            // of three bytes or fewer is neither, told before it is read (issue 24: a page
            // of tiny lines).
            if doc.line_len(i) < 4 || !doc.is_open(i) {
                continue;
            }
            let line = doc.line(i);
            if is_about_author(line) {
                doc.remove(i, id, Category::Bio);
                if let Some(n) = next_text(doc, i) {
                    if doc.line(n).len() <= BIO_MAX {
                        doc.remove(n, id, Category::Bio);
                    }
                }
                continue;
            }
            // `BIO_START` starts with `\p{Lu}`, which is upper case.
            if line.len() > BIO_MAX || !line.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if !may_open_bio(line) {
                continue;
            }
            crate::doc::Work::add(&doc.work.bio_bytes, line.len());
            let Some(opening) = BIO_START.captures(line) else {
                continue;
            };
            let (Some(subject), Some(whole)) = (opening.get(1), opening.get(0)) else {
                continue;
            };
            let head_end = line.char_indices().nth(200).map_or(line.len(), |(b, _)| b);
            let verb_end = whole.end().min(head_end);
            if bio_subject_fits(subject.as_str(), &line[..head_end], verb_end) {
                doc.remove(i, id, Category::Bio);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

    #[test]
    fn lines_under_four_bytes_match_neither_pattern() {
        // `Bio::apply` passes such lines unread.
        for re in [&*ABOUT_AUTHOR, &*BIO_START] {
            let min = regex_syntax::parse(re.as_str())
                .ok()
                .and_then(|hir| hir.properties().minimum_len());
            assert!(min.is_some_and(|m| m >= 4), "{min:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_bio_gate_passes_every_bio_opening(
            words in proptest::collection::vec(
                ("(?:[A-Z][a-z'.-]{0,6}|[a-z]{1,5}|is|was|has|also|Élodie|\\p{Lu}|writes|isn't|covers)", "\\s{1,2}"),
                1..9,
            )
        ) {
            let line: String = words.iter().flat_map(|(w, s)| [w.as_str(), s.as_str()]).collect();
            let line = line.trim();
            if BIO_START.is_match(line) {
                proptest::prop_assert!(may_open_bio(line), "{line:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_about_author_gate_passes_every_header(
            before in "[ \\t\\-*#:.!?¿¡«»“”—_]{0,4}",
            phrase in proptest::sample::select(vec![
                "about the author", "about the authors", "about writer", "about the writer",
                "author bio", "author biography", "meet the author",
            ]),
            upper in proptest::collection::vec(proptest::bool::ANY, 20),
            after in "[ \\t\\-*#:.!?»”—_]{0,4}",
        ) {
            let phrase: String = phrase
                .chars()
                .zip(&upper)
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            let line = format!("{before}{phrase}{after}");
            proptest::prop_assert!(ABOUT_AUTHOR.is_match(&line), "{line:?}");
            proptest::prop_assert!(may_open_about_author(&line), "{line:?}");
        }
    }

    #[test]
    fn the_about_author_gate_stops_other_lines() {
        assert!(may_open_about_author("— About the author —"));
        assert!(may_open_about_author("**Meet the author**"));
        assert!(!may_open_about_author("The author lives in Leeds."));
        assert!(!may_open_about_author("2 authors"));
    }

    proptest::proptest! {
        #[test]
        fn the_author_words_are_found_as_a_substring_search_finds_them(
            line in "(?:[a-zA-Z ]|tt|Au|thor|wri|TER|author|Writer|é){0,12}"
        ) {
            let lower = line.to_ascii_lowercase();
            let want = lower.contains("author") || lower.contains("writer");
            proptest::prop_assert_eq!(has_about_author_word(&line), want);
        }
    }

    #[test]
    fn the_bio_gate_on_known_lines() {
        for line in [
            "Jane Doe is a reporter",
            "Mary Ann De Luca\u{2003}writes about food",
            "J. R. R. Tolkien was",
            "Jo has",
        ] {
            assert!(BIO_START.is_match(line) && may_open_bio(line), "{line}");
        }
        assert!(!may_open_bio("Jane Doe, Staff Writer"));
        assert!(!may_open_bio("One Two Three Four Five is"));
    }

    #[test]
    fn about_author_words_have_only_ascii_case_variants() {
        // `is_about_author` searches ASCII case-insensitively: that is exact only if no
        // letter of "author" and "writer" matches a non-ASCII character under `(?i)`.
        let hir = regex_syntax::Parser::new()
            .parse("(?i)[authorwie]")
            .expect("valid class");
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            panic!("a Unicode class");
        };
        assert!(class.ranges().iter().all(|r| r.end().is_ascii()));
        assert!(is_about_author("About the Author"));
        assert!(has_about_author_word("WRITER") && has_about_author_word("tt author"));
        assert!(!has_about_author_word("auth or writ er t"));
        assert!(!is_about_author("About the company"));
    }

    fn run(text: &str) -> Doc<'_> {
        run_after_phrases(
            text,
            vec![
                Box::new(Caption),
                Box::new(Bio),
                Box::new(crate::rules::byline::Byline),
            ],
        )
    }

    #[test]
    fn a_source_line_makes_no_caption() {
        let doc = run("Best hiking apps\n\n2. Trailfinder\n\nSource: Trailfinder\n\nThe app maps more than 40,000 trails and works offline.");
        assert_eq!(category(&doc, 4), Some(Category::Image));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn caption_before_credit() {
        let doc = run("Storm hits coast\n\nA fisherman checks his boat in the harbour\n(Photo: Ann Lee/Getty Images)\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the coast.");
        assert_eq!(category(&doc, 2), Some(Category::Caption));
        assert_eq!(category(&doc, 3), Some(Category::Image));
        assert_eq!(category(&doc, 5), None);
    }

    #[test]
    fn an_image_file_name_is_no_credit() {
        let doc = run("Storm hits coast\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h.\n\nharbour-wall.jpg\n\nThe clean-up began on Saturday.");
        assert_eq!(category(&doc, 4), Some(Category::Image));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn a_markdown_image_is_no_credit() {
        let doc = run("Storm hits coast\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h.\n\n![Boats in the harbour](/img/harbour.jpg)\n\nThe clean-up began on Saturday.");
        assert_eq!(category(&doc, 4), Some(Category::Image));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn a_markdown_image_in_a_list_item_is_no_credit() {
        let doc = run("Forum thread\n\nI switched to the smaller tent last year and never looked back.\n  * __![Like](/icons/like.png)\n\nSame here, it packs down to nothing and takes a minute to pitch.");
        assert_eq!(category(&doc, 3), Some(Category::Image));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn a_credit_names_someone() {
        assert!(names_someone("(Photo: Ann Lee/Getty Images)"));
        assert!(names_someone("Harbour Studio / Shutterstock"));
        for placeholder in [
            "Image",
            "Picture 1 of 4",
            "## Picture 2 of 9",
            "Image  1 of  9",
        ] {
            assert!(!names_someone(placeholder), "{placeholder}");
        }
        assert!(!names_someone("**Cost per Credit:**  "));
    }

    /// A paragraph (line 2), a photo credit (line 4) and a paragraph after it.
    fn before_credit(line: &str, credit: &str) -> String {
        format!("Storm hits coast\n\n{line}\n\n{credit}\n\nThe clean-up began on Saturday, and the council said the harbour would reopen within the week.")
    }

    #[test]
    fn a_paragraph_before_a_credit_is_no_caption() {
        let paragraph = "The storm arrived on Friday night with winds stronger than any the town had seen. It tore roofs off two warehouses and sank three of the smaller boats moored inside the harbour wall.";
        let text = before_credit(paragraph, "(Photo: Ann Lee/Getty Images)");
        let doc = run(&text);
        assert_eq!(category(&doc, 4), Some(Category::Image));
        assert_eq!(category(&doc, 2), None);
        // One long sentence is a caption, and so is a caption cut short by a "more" toggle.
        for caption in [
            "A fisherman, left, checks the ropes of his boat in the harbour on Saturday, Nov. 2, 2024, as the wind picks up again over the bay and the sea wall.",
            "A fisherman checks his boat in the harbour on Saturday, Nov. 2, 2024. The storm sank three of the smaller boats moored inside the wall on... more",
        ] {
            let text = before_credit(caption, "(Photo: Ann Lee/Getty Images)");
            let doc = run(&text);
            assert_eq!(category(&doc, 2), Some(Category::Caption), "{caption}");
        }
    }

    #[test]
    fn a_credit_with_its_own_caption_has_none_above() {
        let line = "The clean-up began on Saturday.";
        let credit = "A fisherman checks the ropes of his boat in the harbour as the wind picks up. (Photo: Ann Lee/Getty Images)";
        let text = before_credit(line, credit);
        let doc = run(&text);
        assert_eq!(category(&doc, 4), Some(Category::Image));
        assert_eq!(category(&doc, 2), None);
        // The same caption above the credit that repeats it is a caption.
        let line = "A fisherman checks the ropes of his boat in the harbour as the wind picks up.";
        let text = before_credit(line, credit);
        let doc = run(&text);
        assert_eq!(category(&doc, 2), Some(Category::Caption));
    }

    #[test]
    fn fields_bylines_and_lead_image_credits_make_no_caption() {
        for (line, credit) in [
            (
                "Details: 12 Harbour Road, Portside",
                "(Photo: Ann Lee/Getty Images)",
            ),
            ("By Ann Lee", "(Photo: Omar Reyes/Getty Images)"),
            (
                "The council said the harbour would reopen within the week.",
                "Main image credit: Getty Images",
            ),
        ] {
            let text = before_credit(line, credit);
            let doc = run(&text);
            assert_ne!(category(&doc, 2), Some(Category::Caption), "{line}");
        }
    }

    #[test]
    fn no_caption_without_credit() {
        let doc = run("Storm hits coast\n\nA fisherman checks his boat in the harbour, as the wind picks up.\n\nThe storm arrived on Friday night.");
        assert_eq!(category(&doc, 2), None);
    }

    /// An article of four paragraphs and then `last` (line 10).
    fn with_last_line(last: &str) -> String {
        format!("Harbour reopens\n\nThe harbour reopened on Monday after a week of repairs to the sea wall.\n\nFishing boats were the first to return, followed by the ferry in the afternoon.\n\nThe council said the work came in under budget and on time.\n\nA second phase will begin in the spring.\n\n{last}")
    }

    #[test]
    fn a_bio_under_a_first_name_is_removed() {
        let text =
            with_last_line("Priya is a staff writer who has covered the coast for ten years.");
        assert_eq!(category(&run(&text), 10), Some(Category::Bio));
        // The role word comes late, but the line is about a person.
        let text = with_last_line("Priya has written for the Harbour Gazette since 2018. She is a writer with a background in local news.");
        assert_eq!(category(&run(&text), 10), Some(Category::Bio));
    }

    #[test]
    fn a_product_or_a_pronoun_is_no_bio_subject() {
        // One-word subject whose role word comes late: a product described, not a person.
        let text = with_last_line("Tidewatch is a free app that shows tide tables, harbour webcams and the harbour master's notices for every port, with a news desk.");
        assert_eq!(category(&run(&text), 10), None);
        let text = with_last_line(
            "This covers the basics of mooring, but the harbour office can tell you more.",
        );
        assert_eq!(category(&run(&text), 10), None);
        // A full name keeps the role word anywhere in the opening.
        let text = with_last_line("Jo Marsh is based in the north and has written about ports, fishing and the coast for many years as a reporter.");
        assert_eq!(category(&run(&text), 10), Some(Category::Bio));
    }

    #[test]
    fn a_role_in_the_subject_or_the_verb_covers_alone_is_no_bio() {
        for line in [
            "Harbour Video Editor is a free program that trims and joins the clips from a boat camera.",
            "Analyst reports on the fishing fleet are published every spring by the harbour office.",
            "Personal Insurance covers boats, sheds and moorings along the whole of the north coast.",
            "Tidewatch was the best host we found for the harbour's webcams and its tide tables.",
        ] {
            assert_eq!(category(&run(&with_last_line(line)), 10), None, "{line}");
        }
        // The role after the verb still makes a bio, also after "covers".
        let text = with_last_line(
            "Jo Marsh covers the coast and its harbours for the Gazette as a reporter.",
        );
        assert_eq!(category(&run(&text), 10), Some(Category::Bio));
    }

    #[test]
    fn prose_about_a_person_early_is_kept() {
        let text = "Election night\n\nMaria Lopez is a former reporter who now runs for mayor of the city.\n\nShe said on Monday that her campaign would focus on housing.\n\nVoters go to the polls next week.\n\nResults are expected late.";
        let doc = run(text);
        assert_eq!(category(&doc, 2), None);
    }
}
