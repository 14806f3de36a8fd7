//! Pictures' text that plain-text printers keep between the paragraphs: photo captions that
//! end with the photographer's credit, and images' file names printed as their alt text.
//!
//! A news photo's caption is a sentence (or two) describing the picture, then its credit:
//! "A ferry leaves the harbour at dawn, Monday, May 4. (Jane Roe/Coast Agency)",
//! "… on Friday. (AP Photo/Jane Roe, File)", "… in the old town. (Photo by Jane Roe)". Plain
//! text printed from the page (resiliparse's in particular, which also prints the captions of
//! the teasers after an article, and their images' descriptions) keeps them between the
//! paragraphs and among the teasers, where they read as prose and the line classifier keeps
//! them. The gold texts of news articles leave captions out.
//!
//! An image whose alt text is its file name ("harbour-ferry-at-dawn-01") gives a line that
//! is one hyphen-joined slug: no reader's text.

use std::sync::LazyLock;

use regex::Regex;

use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::text;
use crate::Category;

/// Removes, after the line classifier, the lines it kept that are a photo caption ending in
/// its credit ([`CREDITED`]): a line of at least [`MIN_WORDS`] words whose last sentence ends
/// (`.`, `?` or `!`, perhaps a closing quote) just before its credit, which closes the line:
/// - in parentheses, a capitalised name with a `/` and an agency ("(Jane Roe/Coast
///   Agency)", "(Harbour Police / Twitter)") or one starting with an agency or photo word
///   ("(AP Photo/…)", "(Photo by …)", "(Photo: …)", "(Getty Images)", "(Reuters)");
/// - after `©` ("… at dawn.© Jane Roe");
/// - after "Credit:", also glued to the caption's last word ("… at dawnCredit: Agency").
///
/// A page that keeps more than [`MAX_CAPTIONS`] such lines is a gallery or a hub of photos,
/// whose captions are its content: nothing is removed there.
#[derive(Debug)]
pub(crate) struct PhotoCaption;

/// Fewest words of a caption (a sentence, not a short label with a credit).
const MIN_WORDS: usize = 6;

/// Most credited captions left on a page that is not a gallery.
const MAX_CAPTIONS: usize = 8;

/// A sentence's end, then a photo credit closing the line (at most 60 characters): in
/// parentheses, a capitalised name then `/` and an agency (each part at most 40 characters,
/// no colon before the `/`: not a URL nor a Markdown link target, which follows `]`, not a
/// sentence's end), or an agency or photo word then the rest; or `©` and a name; or
/// "Credit:" and a name, after a sentence's end or glued to a lower-case word.
static CREDITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?:[.?!]["'”’]?\s+\((?:\p{Lu}[^()/:]{1,40}(?:/[^()/]{1,40})+|(?:AP|Photo|Getty|Reuters|AFP)\b[^()]{0,60})\)"#,
        r#"|[.?!]["'”’]?\s*©\s*[^.©()]{2,60}"#,
        r#"|(?:[.?!]["'”’]?\s*|\p{Ll})Credit:\s*[^()]{2,60})\s*$"#,
    ))
    .expect("valid regex")
});

/// Whether `line` (trimmed) is a photo caption ending in its credit.
fn is_credited_caption(line: &str) -> bool {
    // Nearly every line skips the regex: it ends with `)` or holds `©` or "Credit:".
    let b = line.as_bytes();
    (line.ends_with(')')
        || memchr::memmem::find(b, "©".as_bytes()).is_some()
        || memchr::memmem::find(b, b"Credit:").is_some())
        && line.len() <= 2000
        && CREDITED.is_match(line)
        && text::word_count(line) >= MIN_WORDS
}

impl Rule for PhotoCaption {
    fn name(&self) -> &str {
        "photo-caption"
    }
    fn category(&self) -> Category {
        Category::Caption
    }
    fn description(&self) -> &str {
        "photo captions ending in their credit (\"… on Monday. (Jane Roe/Agency)\", \"(AP Photo/…)\") that the classifier kept, unless the page keeps more than eight (a gallery)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        let captions: Vec<usize> = lines
            .iter()
            .copied()
            .filter(|&i| doc.is_open(i) && is_credited_caption(doc.line(i)))
            .collect();
        if captions.len() > MAX_CAPTIONS {
            return; // a gallery: the captions are the page
        }
        for i in captions {
            doc.remove(i, id, Category::Caption);
        }
    }
}

/// Removes, after the line classifier, the lines it kept that are one image file name
/// printed as the image's alt text: a single token of at least [`MIN_SLUG_PARTS`] parts of
/// ASCII letters and digits joined by hyphens, with a letter ("harbour-ferry-at-dawn-01").
/// Names joined by underscores are left alone: those are identifiers of code and settings
/// (`client_max_body_size`), which documentation lists one a line.
#[derive(Debug)]
pub(crate) struct ImageSlug;

/// Fewest hyphen-joined parts of an image's file name (a hyphenated word has two or three).
const MIN_SLUG_PARTS: usize = 4;

/// Whether `line` (trimmed) is one image file name (see [`ImageSlug`]).
fn is_slug(line: &str) -> bool {
    line.bytes().any(|c| c.is_ascii_alphabetic())
        && line.split('-').count() >= MIN_SLUG_PARTS
        && line
            .split('-')
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric()))
}

impl Rule for ImageSlug {
    fn name(&self) -> &str {
        "image-slug"
    }
    fn category(&self) -> Category {
        Category::Image
    }
    fn description(&self) -> &str {
        "an image's file name printed as its alt text, alone on a line (\"harbour-ferry-at-dawn-01\"), that the classifier kept"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        for &i in lines.iter() {
            if doc.is_open(i) && is_slug(doc.line(i)) {
                doc.remove(i, id, Category::Image);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

    #[test]
    fn captions_with_credits() {
        for line in [
            "A ferry leaves the harbour at dawn, Monday, May 4, 2020. (Jane Roe/Coast Agency)",
            "  • The old mill burned for two days before the rain came. (Harbour Police / Twitter)",
            "Volunteers sort donated coats in the church hall on Friday. (AP Photo/Jane Roe, File)",
            "Is this the smallest lighthouse on the whole coast? (Photo: Stock Images)",
            "The keeper climbs the stairs, as he has every night since 1982. (Photo by Jane Roe/Agency)",
            "A fox crosses the frozen river near the northern bridge. \"Quiet,\" they said.\" (Getty Images)",
            "A fox crosses the frozen river near the northern bridge at dawn.© Jane Roe for Coast News",
            "A fox crosses the frozen river near the northern bridge at dawnCredit: Coast Agency - Contributor",
            "A fox crosses the frozen river near the northern bridge at dawn. Credit: Jane Roe",
        ] {
            assert!(is_credited_caption(line.trim()), "{line}");
        }
        for line in [
            // No sentence before the parenthesis: a product, a list item, a label.
            "Trail running shoes for the long weekend (Men's/Women's)",
            "Gather the campaign data to find what to improve (AI/ML)",
            // A short label with a credit.
            "The harbour. (Jane Roe/Agency)",
            // A Markdown link, a call in code, a lower-case aside.
            "Read the [harbour guide](https://example.org/guide/harbour)",
            "r = requests.get(url + '/comments')",
            "The ferry runs every hour in summer and twice a day in winter. (see the timetable/map)",
            "The ferry runs every hour in summer and twice a day in winter.",
            "© 2020 Coast News. All rights reserved. Do not copy this text.",
            "Credit: Jane Roe, who took every picture on this page",
        ] {
            assert!(!is_credited_caption(line.trim()), "{line}");
        }
    }

    /// A paragraph of prose, then `n` credited captions, each followed by another paragraph.
    fn page(n: usize) -> String {
        let mut text = String::from(
            "The harbour board met on Tuesday and agreed to keep the night ferry running through the winter months.\n\n",
        );
        for k in 0..n {
            text.push_str(&format!(
                "Boat number {k} waits at the quay in the early morning fog. (Jane Roe/Coast Agency)\n\n"
            ));
            text.push_str("The board will look at the timetable again in the spring, when the new boats arrive.\n\n");
        }
        text
    }

    #[test]
    fn captions_go_and_prose_stays() {
        let text = page(2);
        let doc = run_after_phrases(&text, vec![Box::new(PhotoCaption)]);
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 2), Some(Category::Caption));
        assert_eq!(category(&doc, 4), None);
        assert_eq!(category(&doc, 6), Some(Category::Caption));
        assert_eq!(category(&doc, 8), None);
    }

    #[test]
    fn a_gallery_keeps_its_captions() {
        let text = page(MAX_CAPTIONS + 1);
        let doc = run_after_phrases(&text, vec![Box::new(PhotoCaption)]);
        assert!((0..doc.len()).all(|i| !doc.is_removed(i)));
        let text = page(MAX_CAPTIONS);
        let doc = run_after_phrases(&text, vec![Box::new(PhotoCaption)]);
        assert_eq!(
            (0..doc.len()).filter(|&i| doc.is_removed(i)).count(),
            MAX_CAPTIONS
        );
    }

    #[test]
    fn slugs_are_file_names() {
        for line in ["harbour-ferry-at-dawn-01", "Harbour-Ferry-2020-Dawn"] {
            assert!(is_slug(line), "{line}");
        }
        for line in [
            "state-of-the art",
            "well-known",
            "north-east-coast",
            "2020-05-04",
            "2020-05-04-12",
            "client_max_body_size",
            "harbour--ferry-at-dawn",
            "-harbour-ferry-at-dawn",
            "harbour-ferry-at-dawn.",
        ] {
            assert!(!is_slug(line), "{line}");
        }
        let text = "The harbour board met on Tuesday and agreed to keep the night ferry running.\n\nharbour-ferry-at-dawn-01\n\nThe board will look at the timetable again in the spring.\n";
        let doc = run_after_phrases(text, vec![Box::new(ImageSlug)]);
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 2), Some(Category::Image));
        assert_eq!(category(&doc, 4), None);
    }
}
