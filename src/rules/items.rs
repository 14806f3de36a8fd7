//! Item cards: a list whose items are each printed as several blocks.
//!
//! A teaser box after an article is a list of cards, each an image (its caption or alt
//! text), a kicker and a headline. Printers that keep the list's structure in plain text
//! (resiliparse's: a bullet `•`, the item's further blocks indented under the item's text)
//! give each card a bullet line and one or more lines indented two columns deeper:
//!
//! ```text
//!   • A caption of the photo, with its credit. (Name / Agency)
//!     The headline of the other story
//!   • Another caption
//!     Another headline
//! ```
//!
//! The caption reads as a sentence, and beside it the headline reads as part of a passage:
//! the line classifier keeps such a run where the same page without the captions loses it.
//! An article's own lists rarely give most of their items a second block at exactly that
//! indentation.

use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::Category;

/// Removes, after the line classifier, a run of list items of which at least
/// [`MIN_CARDS`] (and at least half) are cards: a list-item line (`•`, `*`, `-`, `+` or
/// `1.` then a space) followed by one or more lines indented exactly two columns deeper
/// than its mark that are not list items themselves. The run is the items one after the
/// other, with no other text line between them; no line of it may hold more than
/// [`MAX_WORDS`] words (a paragraph of an article's list) or be a piece of a long line.
#[derive(Debug)]
pub(crate) struct ItemCards;

/// Fewest cards in a run.
const MIN_CARDS: usize = 3;

/// Most words of any line of the run.
const MAX_WORDS: usize = 60;

/// Where the text after a list mark starts, when `raw` (a line with its leading
/// whitespace) is a list item: its mark's column.
fn item_column(raw: &str) -> Option<usize> {
    let t = raw.trim_start();
    let indent = raw.len() - t.len();
    let rest = if let Some(r) = t.strip_prefix('•') {
        r
    } else if let Some(r) = t.strip_prefix(['*', '-', '+']) {
        r
    } else {
        let digits = t.bytes().take(3).take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&digits) {
            return None;
        }
        t[digits..].strip_prefix(['.', ')'])?
    };
    let body = rest.strip_prefix([' ', '\t', '\u{a0}'])?;
    (!body.trim().is_empty()).then_some(indent)
}

/// The leading whitespace of `raw`, in bytes.
fn indent(raw: &str) -> usize {
    raw.len() - raw.trim_start().len()
}

impl Rule for ItemCards {
    fn name(&self) -> &str {
        "item-cards"
    }
    fn category(&self) -> Category {
        Category::Related
    }
    fn description(&self) -> &str {
        "runs of three or more list items printed as cards: a bullet line (a caption, a kicker) with the headline indented under it"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        // A piece of a long line (see `Doc::continues`) has no indentation of its own.
        let piece = |i: usize| doc.continues(i) || (i > 0 && doc.continues(i - 1));
        // The runs: their text lines (as positions in `lines`), items and cards.
        let mut runs: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut run: Option<(usize, usize, usize)> = None;
        let mut k = 0;
        while k < lines.len() {
            let i = lines[k];
            let Some(col) = (!piece(i)).then(|| item_column(doc.raw(i))).flatten() else {
                if let Some((from, items, cards)) = run.take() {
                    runs.push((from, k, items, cards));
                }
                k += 1;
                continue;
            };
            // The item's further blocks: lines two columns deeper than its mark.
            let mut end = k + 1;
            while end < lines.len() {
                let j = lines[end];
                let raw = doc.raw(j);
                if piece(j) || indent(raw) != col + 2 || item_column(raw).is_some() {
                    break;
                }
                end += 1;
            }
            let card = usize::from(end > k + 1);
            match &mut run {
                Some((_, items, cards)) => {
                    *items += 1;
                    *cards += card;
                }
                None => run = Some((k, 1, card)),
            }
            k = end;
        }
        if let Some((from, items, cards)) = run {
            runs.push((from, lines.len(), items, cards));
        }
        runs.retain(|&(from, to, items, cards)| {
            cards >= MIN_CARDS
                && 2 * cards >= items
                && lines[from..to]
                    .iter()
                    .all(|&i| !piece(i) && doc.visible_words(i) <= MAX_WORDS)
        });
        for (from, to, ..) in runs {
            for &i in &lines[from..to] {
                doc.remove(i, id, Category::Related);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

    const PARAGRAPH: &str = "The ferry still leaves the north pier every hour, as it has since 1931, but it now shares the water with two water-bus lines and a bridge that opened in the spring after nine years of work.";

    fn run(text: &str) -> Doc<'_> {
        run_after_phrases(text, vec![Box::new(ItemCards)])
    }

    fn line_of(doc: &Doc<'_>, needle: &str) -> usize {
        (0..doc.len())
            .find(|&i| doc.line(i).trim() == needle)
            .expect("line present")
    }

    const CARDS: &str = "  • A keeper walks the new lion enclosure before it opens. (Ana Ruiz / City Zoo)\n\n    Zoo opens its largest enclosure yet\n\n  • Volunteers sort seeds at the bank in March. (Lee Park)\n\n    Seed bank doubles its collection\n\n  • Rain falls on the market square on Sunday.\n\n    Wettest autumn in forty years, office says\n\n  • Brass band\n\n    Town band marks its centenary with a parade\n";

    #[test]
    fn a_run_of_cards_goes() {
        let text = format!("{PARAGRAPH}\n\n{PARAGRAPH}\n\nMost read\n{CARDS}\nThe harbour board meets again in May.\n");
        let doc = run(&text);
        for gone in [
            "• Volunteers sort seeds at the bank in March. (Lee Park)",
            "Seed bank doubles its collection",
            "• Brass band",
            "Town band marks its centenary with a parade",
        ] {
            assert_eq!(
                category(&doc, line_of(&doc, gone)),
                Some(Category::Related),
                "{gone}"
            );
        }
        assert!(!doc.is_removed(line_of(&doc, PARAGRAPH)));
        assert!(!doc.is_removed(line_of(&doc, "The harbour board meets again in May.")));
    }

    #[test]
    fn items_of_one_block_or_other_depths_stay() {
        // One block per item: an ordinary list.
        let flat = "  • Bring a warm coat\n  • Check the timetable\n  • Buy the ticket before you board\n  • Keep the ticket until you leave\n";
        // Further lines at another depth: code or a nested text, not a card.
        let code = "  * Start the service:\n\n        service ferry start\n\n  * Check it runs:\n\n        service ferry status\n\n  * Stop it:\n\n        service ferry stop\n";
        for text in [flat, code] {
            let doc = run(text);
            assert!((0..doc.len()).all(|i| !doc.is_removed(i)), "{text}");
        }
    }

    #[test]
    fn two_cards_or_a_long_block_stay() {
        let two = "  • Rain falls on the square.\n    Wettest autumn in years\n  • Brass band\n    Band marks its centenary\n";
        let long = format!("  • Step one\n    {PARAGRAPH} {PARAGRAPH}\n  • Step two\n    Fold it.\n  • Step three\n    Seal it.\n");
        for text in [two, long.as_str()] {
            let doc = run(text);
            assert!((0..doc.len()).all(|i| !doc.is_removed(i)), "{text}");
        }
    }
}
