//! A question-and-answer site's user cards: the reputation and badge counts under each
//! post's author ("23.8k 14 14 gold badges 88 88 silver badges 124 124 bronze badges"), and
//! the "Show 12 more comments" button under a post's comments.
//!
//! Each such line is a handful of numbers and three words, which the line classifier reads
//! as a short line of a listing or a table, and often keeps between the answers.

use std::sync::LazyLock;

use regex::Regex;

use super::pattern::{self, QA_MAX_LEN};
use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::Category;

/// Removes, after the line classifier, the lines it kept that are a user's reputation and
/// badge counts ([`BADGES`]) or a "Show N more comments" button ([`MORE_COMMENTS`]).
#[derive(Debug)]
pub(crate) struct QaCards;

/// A reputation followed by badge counts (the phrase tables' `qa_badges`): "1,992 2 2 gold
/// badges 14 14 silver badges 18 18 bronze badges".
static BADGES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&pattern::whole_regexes(|p| p.qa_badges)).expect("valid regex"));

/// The button that unfolds a post's hidden comments (the phrase tables'
/// `qa_more_comments`): "Show 12 more comments".
static MORE_COMMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&pattern::whole_regexes(|p| p.qa_more_comments)).expect("valid regex")
});

/// The category a line of this rule goes with, or `None` when it is no user card.
fn card_category(line: &str) -> Option<Category> {
    // Both patterns need one of these words ("badge", "comment", in lower case after
    // their first letter): most lines skip the regexes.
    let lower = line.len() <= QA_MAX_LEN && {
        let b = line.as_bytes();
        memchr::memmem::find(b, b"adge").is_some() || memchr::memmem::find(b, b"omment").is_some()
    };
    if !lower {
        None
    } else if BADGES.is_match(line) {
        Some(Category::Metadata)
    } else if MORE_COMMENTS.is_match(line) {
        Some(Category::Comments)
    } else {
        None
    }
}

impl Rule for QaCards {
    fn name(&self) -> &str {
        "qa-cards"
    }
    fn category(&self) -> Category {
        Category::Metadata
    }
    fn description(&self) -> &str {
        "a question-and-answer site's reputation and badge lines (\"23.8k 14 14 gold badges …\") and \"Show 12 more comments\" buttons the classifier kept"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        // The lines the phrase rules' scan lists as possible cards (issue 19: phrases
        // once), or without its list every text line.
        let lines: Vec<usize> = match doc.phrase_watch.lines(pattern::WATCH_QA) {
            Some(listed) => listed.iter().map(|&i| i as usize).collect(),
            None => doc.text_lines().to_vec(),
        };
        for i in lines {
            if !doc.is_open(i) {
                continue;
            }
            if let Some(c) = card_category(doc.line(i).trim()) {
                doc.remove(i, id, c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

    #[test]
    fn badge_lines_are_user_cards() {
        for line in [
            "1,992 2 2 gold badges 14 14 silver badges 18 18 bronze badges",
            "23.8k 14 14 gold badges 88 88 silver badges 124 124 bronze badges",
            "438 4 4 silver badges 7 7 bronze badges",
            "11 1 1 bronze badge",
            "135k44 gold badges175175 silver badges322322 bronze badges",
        ] {
            assert_eq!(card_category(line), Some(Category::Metadata), "{line}");
        }
        assert_eq!(
            card_category("Show 12 more comments"),
            Some(Category::Comments)
        );
        for line in [
            "The scouts earned 14 gold badges and 3 silver badges this summer.",
            "Badges",
            "12 comments",
            "Show more comments",
        ] {
            assert_eq!(card_category(line), None, "{line}");
        }
    }

    #[test]
    fn only_the_cards_go() {
        let text = "Open the folder first, then press the space bar to move into the file list.\n\n23.8k 14 14 gold badges 88 88 silver badges 124 124 bronze badges\n\n| Show 3 more comments\n\nThe scouts earned 14 gold badges and 3 silver badges this summer.\n";
        let doc = run_after_phrases(text, vec![Box::new(QaCards)]);
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 2), Some(Category::Metadata));
        assert!(doc.is_removed(4));
        assert_eq!(category(&doc, 6), None);
    }

    #[test]
    fn the_phrase_scan_lists_every_card() {
        let lines = [
            "1,992 2 2 gold badges 14 14 silver badges 18 18 bronze badges",
            "23.8K 14 14 GOLD BADGES 88 88 SILVER BADGES",
            "• 11 1 1 bronze badge",
            "135k44 gold badges175175 silver badges322322 bronze badges",
            "| Show 3 more comments",
            "SHOW 12 MORE COMMENTS",
            "The ferry to the island now leaves an hour earlier on weekdays.",
            "Badges",
        ];
        let text = lines.join("\n\n");
        let doc = run_after_phrases(&text, Vec::new());
        let listed = doc.phrase_watch.lines(pattern::WATCH_QA).expect("a list");
        let cards: Vec<u32> = (0..doc.len())
            .filter(|&i| card_category(doc.line(i).trim()).is_some())
            .map(|i| i as u32)
            .collect();
        // Upper case lines hold neither "adge" nor "omment": no cards.
        assert_eq!(cards, [0, 4, 6, 8]);
        assert!(cards.iter().all(|i| listed.contains(i)), "{listed:?}");
        assert!(!listed.contains(&12) && !listed.contains(&14), "{listed:?}");
    }
}
