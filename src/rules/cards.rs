//! Link cards: a listing page whose items are each printed as one link.
//!
//! Markdown printers write a card of a listing (a course, a product, a newsletter issue:
//! an image, a name and a summary, all inside one `<a>`) as one line that is one link,
//! `[ ![alt](src) Name A sentence or two of summary ](/item)`. One such line on its own
//! reads as a teaser, and the line classifier removes it; a run of them that holds more
//! words than all the rest of the page's prose is the page's content.

use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::text::{self, Images};
use crate::Category;

/// Keeps, after every other rule, the cards of a listing: a run of at least [`MIN_CARDS`]
/// whole lines (no piece of a long line) that are each one Markdown link (after a heading or list mark) holding at least
/// [`MIN_CARD_WORDS`] words of link text (images left out), each at most
/// [`MAX_BETWEEN`] text lines from the one before, whose longest card has at most
/// [`MAX_SPREAD`] times the words of the shortest (items of one listing), when the cards
/// hold at least as many words as the prose the rules kept elsewhere (lines of
/// [`PROSE_WORDS`] words or more): the cards are the page's content, not teasers after an
/// article. Card lines an earlier rule removed (the headline aside) are kept again. A page
/// whose rules kept no prose at all is left to the never-empty fallback (see
/// [`Doc::restore_if_empty`]), which keeps the page's best run of prose.
#[derive(Debug)]
pub(crate) struct LinkCards;

/// Fewest cards in a run.
const MIN_CARDS: usize = 4;

/// Fewest words of link text in a card (a name and a summary, not a headline).
const MIN_CARD_WORDS: usize = 20;

/// Most text lines from one card to the next (a card, then a line of its own such as a
/// price or a date).
const MAX_BETWEEN: usize = 2;

/// Most words of the run's longest card, as a multiple of its shortest.
const MAX_SPREAD: usize = 4;

/// Words from which a kept line outside the run is prose.
const PROSE_WORDS: usize = 10;

/// The link text of `line` when the whole line is one Markdown link (after `#` heading
/// marks or a list marker): `[text](target)` or `[text](target "title")`, the text
/// perhaps holding images and brackets of its own; `None` otherwise.
fn whole_link_text(line: &str) -> Option<&str> {
    let mut s = line.trim();
    let hashes = s.trim_start_matches('#');
    if hashes.len() < s.len() && hashes.starts_with(char::is_whitespace) {
        s = hashes.trim_start();
    }
    if let Some(rest) = text::after_list_marker(s) {
        s = rest.trim_start();
    }
    let body = s.strip_prefix('[')?;
    // The `]` that closes the first `[`.
    let mut depth = 1usize;
    let mut close = None;
    for (k, b) in body.bytes().enumerate() {
        match b {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(k);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let target = body[close + 1..].strip_prefix('(')?.strip_suffix(')')?;
    let (url, title) = match target.split_once(char::is_whitespace) {
        Some((url, title)) => (url, Some(title.trim())),
        None => (target, None),
    };
    let url_ok = !url.is_empty() && !url.contains(['(', ')', '[', ']']);
    let title_ok = title.is_none_or(|t| t.len() >= 2 && t.starts_with('"') && t.ends_with('"'));
    (url_ok && title_ok).then(|| &body[..close])
}

/// Words of a card's link text as a reader sees it (images left out), or `None` when
/// `line` is no card.
fn card_words(line: &str) -> Option<usize> {
    let inner = whole_link_text(line)?;
    let words = text::word_count(&text::plain_text(inner, Images::Drop));
    (words >= MIN_CARD_WORDS).then_some(words)
}

impl Rule for LinkCards {
    fn name(&self) -> &str {
        "link-cards"
    }
    fn category(&self) -> Category {
        Category::Related
    }
    fn description(&self) -> &str {
        "removes nothing: keeps a listing's cards (four or more lines that are each one link of 20 words or more, holding more words than the page's other prose) that the classifier removed as teasers"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        // Only Markdown has link lines: most pages have no card, and cost one scan.
        let cards: Vec<(usize, usize)> = lines
            .iter()
            .enumerate()
            // A whole line: a piece of a long line cut before its images (see
            // `Doc::continues`) is no card (a row of teasers printed on one line is cut
            // into pieces that each look like one).
            .filter(|&(_, &i)| {
                !doc.continues(i) && (i == 0 || !doc.continues(i - 1)) && doc.has_link(i)
            })
            .filter_map(|(k, &i)| card_words(doc.line(i)).map(|w| (k, w)))
            .collect();
        if cards.len() < MIN_CARDS {
            return;
        }
        let prose = |i: usize| {
            let w = doc.visible_words(i);
            if !doc.is_removed(i) && w >= PROSE_WORDS {
                w
            } else {
                0
            }
        };
        let all_prose: usize = lines.iter().map(|&i| prose(i)).sum();
        let mut restore = Vec::new();
        let mut start = 0;
        while start < cards.len() {
            let mut end = start + 1;
            while end < cards.len() && cards[end].0 - cards[end - 1].0 <= MAX_BETWEEN {
                end += 1;
            }
            let run = &cards[start..end];
            start = end;
            if run.len() < MIN_CARDS {
                continue;
            }
            let (least, most) = run
                .iter()
                .fold((usize::MAX, 0), |(l, m), &(_, w)| (l.min(w), m.max(w)));
            if most > MAX_SPREAD.saturating_mul(least) {
                continue;
            }
            let card_words: usize = run.iter().map(|&(_, w)| w).sum();
            let inside: usize = run.iter().map(|&(k, _)| prose(lines[k])).sum();
            let outside = all_prose - inside;
            if outside == 0 || card_words < outside {
                continue;
            }
            restore.extend(run.iter().map(|&(k, _)| lines[k]));
        }
        for i in restore {
            if !matches!(doc.mark(i), Mark::Remove(_, Category::Title)) {
                doc.restore(i, id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_after_phrases;

    #[test]
    fn whole_link_lines_give_their_text() {
        assert_eq!(
            whole_link_text("[ ![Harbour](/h.jpg) Harbour walks Three routes ](/walks)"),
            Some(" ![Harbour](/h.jpg) Harbour walks Three routes ")
        );
        assert_eq!(
            whole_link_text("### [Ferry pass, adult $12](https://example.org/p/1 \"Pass\")"),
            Some("Ferry pass, adult $12")
        );
        assert_eq!(whole_link_text("  * [Timetable](/t)"), Some("Timetable"));
        assert_eq!(whole_link_text("See the [timetable](/t) first"), None);
        assert_eq!(whole_link_text("[Timetable](/t) and [map](/m)"), None);
        assert_eq!(whole_link_text("[Timetable] (no target)"), None);
        assert_eq!(whole_link_text("[Timetable](/t) more"), None);
    }

    /// A card of about thirty words: an image, a name and a summary inside one link.
    fn card(n: usize) -> String {
        format!(
            "[ ![Course {n}](/img/{n}.jpg) Harbour course {n} Learn to read the tides, plan a crossing and bring a small boat home through the narrow channel by the old lighthouse in any weather the season brings ](/courses/{n})"
        )
    }

    const PROSE: &str = "The harbour school has taught sailing on the estuary since the war, and its instructors still take every class out on the water before they let anyone near a chart or an engine.";

    /// Marks every line removed by a stand-in for the classifier, then runs [`LinkCards`].
    fn run(text: &str) -> Doc<'_> {
        #[derive(Debug)]
        struct RemoveAll;
        impl Rule for RemoveAll {
            fn name(&self) -> &str {
                "remove-all-links"
            }
            fn category(&self) -> Category {
                Category::Related
            }
            fn description(&self) -> &str {
                "removes every line with a link"
            }
            fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
                for i in 0..doc.len() {
                    if text::has_link(doc.line(i)) {
                        doc.remove(i, id, Category::Related);
                    }
                }
            }
        }
        run_after_phrases(text, vec![Box::new(RemoveAll), Box::new(LinkCards)])
    }

    fn kept_cards(doc: &Doc<'_>) -> usize {
        (0..doc.len())
            .filter(|&i| doc.line(i).starts_with("[ ![Course") && !doc.is_removed(i))
            .count()
    }

    #[test]
    fn a_listing_of_cards_is_kept() {
        let cards: Vec<String> = (1..=5).map(card).collect();
        let text = format!("Courses\n\n{PROSE}\n\n{}\n", cards.join("\n\n"));
        assert_eq!(kept_cards(&run(&text)), 5);
    }

    #[test]
    fn cards_after_an_article_stay_removed() {
        let cards: Vec<String> = (1..=5).map(card).collect();
        let article = [PROSE; 6].join("\n\n");
        let text = format!("{article}\n\n{}\n", cards.join("\n\n"));
        assert_eq!(kept_cards(&run(&text)), 0);
    }

    #[test]
    fn cards_on_a_page_with_no_kept_prose_stay_removed() {
        let cards: Vec<String> = (1..=5).map(card).collect();
        let text = format!("Courses\n\n{}\n", cards.join("\n\n"));
        assert_eq!(kept_cards(&run(&text)), 0);
    }

    #[test]
    fn pieces_of_one_long_line_are_no_cards() {
        // Five cards printed on one line of more than 150 words: the line is cut into
        // pieces before its images, and each piece is one link.
        let cards: Vec<String> = (1..=5).map(card).collect();
        let text = format!("Courses\n\n{PROSE}\n\n{}\n", cards.join(""));
        let doc = run(&text);
        assert!((0..doc.len()).any(|i| doc.continues(i)), "the line is cut");
        assert!((0..doc.len()).all(|i| !doc.line(i).starts_with("[ ![Course") || doc.is_removed(i)));
    }

    #[test]
    fn three_cards_are_no_listing() {
        let cards: Vec<String> = (1..=3).map(card).collect();
        let text = format!("{}\n", cards.join("\n\n"));
        assert_eq!(kept_cards(&run(&text)), 0);
    }

    #[test]
    fn cards_far_apart_are_no_run() {
        let cards: Vec<String> = (1..=5).map(card).collect();
        let text = format!("{}\n", cards.join("\nPrice\nIn stock\nFree delivery\n"));
        assert_eq!(kept_cards(&run(&text)), 0);
    }

    #[test]
    fn a_card_many_times_longer_than_the_others_breaks_the_listing() {
        let mut cards: Vec<String> = (1..=4).map(card).collect();
        let long = format!(
            "[ {} ](/thread)",
            "Every reply of a long thread printed inside one link. ".repeat(20)
        );
        cards.insert(2, long);
        let text = format!("{}\n", cards.join("\n"));
        assert_eq!(kept_cards(&run(&text)), 0);
    }
}
