//! What the line classifier kept of an article's head: the headline, the standfirst and
//! the author's handle or address printed around the byline, just above the first
//! paragraph. Plain text without a `title` element line (resiliparse's) gives the title
//! rule no headline to anchor on, so the lines above the byline stay; the byline itself,
//! with the article's first paragraph a few lines below, marks where the article begins.

use super::byline::is_label;
use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::Category;

/// Removes, after the line classifier, the open lines around the article's first byline
/// when no prose comes before it: the first line an earlier rule removed as a byline, or
/// an author label alone ("By"), with a kept line of [`PROSE_WORDS`] words or more (the
/// first paragraph) within [`REACH_BELOW`] text lines below it and none anywhere above it
/// (but a standfirst of at most [`STANDFIRST_WORDS`] words among the
/// [`STANDFIRST_REACH`] text lines just above the byline).
/// Then the open lines of fewer than [`BETWEEN_WORDS`] words from the byline down to the
/// paragraph (the name, a handle, an address) go, and so do the open lines of fewer than
/// [`ABOVE_WORDS`] words among the [`REACH_ABOVE`] text lines just above the byline (the
/// headline, the standfirst, a kicker).
#[derive(Debug)]
pub(crate) struct ArticleHead;

/// Words from which a kept line is a paragraph of prose.
const PROSE_WORDS: usize = 25;

/// How many text lines below the byline the first paragraph may start.
const REACH_BELOW: usize = 10;

/// How many text lines above the byline are the article's head.
const REACH_ABOVE: usize = 3;

/// Most words of a line between the byline and the first paragraph that goes.
const BETWEEN_WORDS: usize = 6;

/// Most words of a head line above the byline that goes (a standfirst, not a paragraph).
const ABOVE_WORDS: usize = 45;

/// How many text lines just above the byline may hold a standfirst of [`PROSE_WORDS`]
/// words or more without counting as prose before the byline.
const STANDFIRST_REACH: usize = 2;

/// Most words of such a standfirst (one or two sentences; an article's first paragraph is
/// longer).
const STANDFIRST_WORDS: usize = 30;

/// Most words of an author label ("Article written by:").
const LABEL_WORDS: usize = 6;

impl Rule for ArticleHead {
    fn name(&self) -> &str {
        "article-head"
    }
    fn category(&self) -> Category {
        Category::Metadata
    }
    fn description(&self) -> &str {
        "the headline, standfirst and author lines the classifier kept just above the first byline, when the first paragraph follows the byline within 10 lines and no prose comes before it"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        let kept_words = |i: usize| {
            if doc.is_removed(i) {
                0
            } else {
                doc.visible_words(i)
            }
        };
        // The first byline, as long as no paragraph came before it: a kept line of
        // [`PROSE_WORDS`] words or more is a standfirst, not a paragraph, when it has at
        // most [`STANDFIRST_WORDS`] and is among the [`STANDFIRST_REACH`] text lines just
        // above the byline.
        let mut byline = None;
        let mut first_long: Option<usize> = None;
        for (k, &i) in lines.iter().enumerate() {
            if first_long.is_some_and(|f| k > f + STANDFIRST_REACH) {
                return;
            }
            let is_byline = match doc.mark(i) {
                Mark::Remove(_, Category::Byline) => true,
                Mark::Remove(..) => false,
                // An author label has a few words at most ("Written by:"): the word
                // count (kept for every rule) spares most lines the label's regex.
                _ => doc.visible_words(i) <= LABEL_WORDS && is_label(doc.line(i)),
            };
            if is_byline {
                byline = Some(k);
                break;
            }
            let words = kept_words(i);
            if words > STANDFIRST_WORDS {
                return;
            }
            if words >= PROSE_WORDS && first_long.is_none() {
                first_long = Some(k);
            }
        }
        let Some(b) = byline else {
            return;
        };
        let end = lines.len().min(b + 1 + REACH_BELOW);
        let Some(p) = (b + 1..end).find(|&k| kept_words(lines[k]) >= PROSE_WORDS) else {
            return;
        };
        for &i in &lines[b..p] {
            if doc.is_open(i) && doc.visible_words(i) < BETWEEN_WORDS {
                doc.remove(i, id, Category::Metadata);
            }
        }
        for &i in &lines[b.saturating_sub(REACH_ABOVE)..b] {
            if doc.is_open(i) && doc.visible_words(i) < ABOVE_WORDS {
                doc.remove(i, id, Category::Metadata);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

    const PARAGRAPH: &str = "The ferry still leaves the north pier every hour, as it has since 1931, but it now shares the water with two water-bus lines and a bridge that opened in the spring after nine years of work.";
    const STANDFIRST: &str =
        "There are more ways to cross the harbour than ever. Here is how to choose.";

    fn run(text: &str) -> Doc<'_> {
        run_after_phrases(text, vec![Box::new(ArticleHead)])
    }

    fn line_of(doc: &Doc<'_>, needle: &str) -> usize {
        (0..doc.len())
            .find(|&i| doc.line(i).trim() == needle)
            .expect("line present")
    }

    #[test]
    fn the_head_above_a_byline_label_goes() {
        let text = format!(
            "  • Home\n  • Travel\n    Crossing the harbour\n    {STANDFIRST}\n    By\n    Omar Reyes\n    @oreyes\n    {PARAGRAPH}\n    {PARAGRAPH}\n"
        );
        let doc = run(&text);
        for gone in [
            "Crossing the harbour",
            STANDFIRST,
            "By",
            "Omar Reyes",
            "@oreyes",
        ] {
            assert_eq!(
                category(&doc, line_of(&doc, gone)),
                Some(Category::Metadata),
                "{gone}"
            );
        }
        assert_ne!(
            category(&doc, line_of(&doc, "• Home")),
            Some(Category::Metadata)
        );
        assert!(!doc.is_removed(line_of(&doc, PARAGRAPH)));
    }

    const LONG_STANDFIRST: &str = "There are more ways to cross the harbour than ever, from the hourly ferry to the new bridge. Here is how to choose the one for your week.";

    #[test]
    fn a_long_standfirst_just_above_the_byline_goes_too() {
        let text = format!(
            "  • Home\n    Crossing the harbour\n    {LONG_STANDFIRST}\n    By\n    Omar Reyes\n    {PARAGRAPH}\n    {PARAGRAPH}\n"
        );
        let doc = run(&text);
        for gone in ["Crossing the harbour", LONG_STANDFIRST, "By", "Omar Reyes"] {
            assert_eq!(
                category(&doc, line_of(&doc, gone)),
                Some(Category::Metadata),
                "{gone}"
            );
        }
        assert!(!doc.is_removed(line_of(&doc, PARAGRAPH)));
    }

    #[test]
    fn a_long_line_further_above_the_byline_is_prose() {
        let text = format!(
            "{LONG_STANDFIRST}\nCrossing the harbour\nTravel desk\nBy\nOmar Reyes\n{PARAGRAPH}\n"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, line_of(&doc, "Crossing the harbour")), None);
        assert_eq!(category(&doc, line_of(&doc, "Omar Reyes")), None);
    }

    #[test]
    fn a_byline_after_the_first_paragraph_changes_nothing() {
        let text = format!("Crossing the harbour\n{PARAGRAPH}\nBy\nOmar Reyes\n{PARAGRAPH}\n");
        let doc = run(&text);
        assert_eq!(category(&doc, line_of(&doc, "Crossing the harbour")), None);
        assert_eq!(category(&doc, line_of(&doc, "Omar Reyes")), None);
    }

    #[test]
    fn a_byline_far_above_the_prose_changes_nothing() {
        let filler: String = (0..12).map(|n| format!("Timetable {n}\n")).collect();
        let text = format!("Crossing the harbour\nBy\nOmar Reyes\n{filler}{PARAGRAPH}\n");
        let doc = run(&text);
        assert_eq!(category(&doc, line_of(&doc, "Crossing the harbour")), None);
    }
}
