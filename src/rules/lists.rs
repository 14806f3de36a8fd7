//! A list of other stories under a "Related" header, after the article.
//!
//! Printers that keep a page's lists (resiliparse's `  • item`, Markdown's `* item`) print a
//! box of links to other stories as a list under its header: "Related articles", "More from
//! the region", "Trending news". The phrase rules remove the header; the items are
//! headlines, which read as short sentences, and the line classifier keeps some of them,
//! more often when the list's bullets and indentation sit beside the article's text.

use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::text;
use crate::Category;

/// Removes, after every other rule, the lines it kept of a list directly under a header
/// that a phrase rule removed as related content ("Related articles", "More stories"): the
/// header has at most [`MAX_HEADER_WORDS`] words and does not end with a colon (a lead-in
/// to a list of the article's own, "More from the survey on gardening:"), the page keeps at
/// least [`MIN_PROSE_ABOVE`] words of prose above it (lines of [`PROSE_WORDS`] words or
/// more: an article, not a hub page of lists), and the first text line under it is a list
/// item (`•`, `*`, `-` or `+` then a space). The list is its items at that item's column
/// and the lines indented deeper (an item's further blocks), up to the first other line;
/// a list with a line of more than [`MAX_LINE_WORDS`] words (a paragraph) or whose items
/// are mostly `Key: value` pairs with a short value (a specification, "OS: Windows 10")
/// is left alone.
#[derive(Debug)]
pub(crate) struct RelatedList;

/// Most words of the header.
const MAX_HEADER_WORDS: usize = 5;

/// Fewest words of kept prose above the header.
const MIN_PROSE_ABOVE: usize = 50;

/// Words from which a kept line counts as prose.
const PROSE_WORDS: usize = 15;

/// Most words of any line of the list.
const MAX_LINE_WORDS: usize = 40;

/// Most words of a `Key: value` item's value for the item to count as a pair.
const MAX_VALUE_WORDS: usize = 6;

/// The column of the list mark of `raw` (the line with its leading whitespace) when it is
/// a bulleted list item, and the item's text.
fn bullet_item(raw: &str) -> Option<(usize, &str)> {
    let t = raw.trim_start();
    let rest = t.strip_prefix(['•', '*', '-', '+'])?;
    let body = rest.strip_prefix([' ', '\t', '\u{a0}'])?.trim();
    (!body.is_empty()).then_some((raw.len() - t.len(), body))
}

/// Whether an item's text is a `Key: value` pair with a short value: a key of one to three
/// words, then `: ` and at most [`MAX_VALUE_WORDS`] words.
fn is_pair(item: &str) -> bool {
    let Some((key, value)) = item.split_once(": ") else {
        return false;
    };
    let key_words = text::word_count(key);
    (1..=3).contains(&key_words) && text::word_count(value) <= MAX_VALUE_WORDS
}

/// Whether line `i` is a related-content header a phrase rule removed (see
/// [`RelatedList`]).
fn is_header(doc: &Doc<'_>, i: usize) -> bool {
    let Mark::Remove(rule, Category::Related) = doc.mark(i) else {
        return false;
    };
    if !doc.is_phrase_rule(rule) {
        return false;
    }
    let visible = text::strip_markup(doc.line(i))
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    !visible.ends_with(':') && text::word_count(visible) <= MAX_HEADER_WORDS
}

impl Rule for RelatedList {
    fn name(&self) -> &str {
        "related-list"
    }
    fn category(&self) -> Category {
        Category::Related
    }
    fn description(&self) -> &str {
        "the list of other stories directly under a removed \"Related\" or \"More stories\" header after an article, whose items the classifier kept"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        // A piece of a long line (see `Doc::continues`) has no indentation of its own.
        let piece = |doc: &Doc<'_>, i: usize| doc.continues(i) || (i > 0 && doc.continues(i - 1));
        let mut prose_above = 0usize;
        let mut doomed = Vec::new();
        for (k, &h) in lines.iter().enumerate() {
            let header = prose_above >= MIN_PROSE_ABOVE && is_header(doc, h);
            if !doc.is_removed(h) && doc.visible_words(h) >= PROSE_WORDS {
                prose_above += doc.visible_words(h);
            }
            if !header {
                continue;
            }
            let Some((col, _)) = lines
                .get(k + 1)
                .filter(|&&i| !piece(doc, i))
                .and_then(|&i| bullet_item(doc.raw(i)))
            else {
                continue;
            };
            let (mut items, mut pairs, mut list) = (0usize, 0usize, Vec::new());
            let mut paragraph = false;
            for &i in &lines[k + 1..] {
                let raw = doc.raw(i);
                if piece(doc, i) {
                    break;
                }
                match bullet_item(raw) {
                    Some((c, item)) if c == col => {
                        items += 1;
                        pairs += usize::from(is_pair(item));
                    }
                    _ if raw.len() - raw.trim_start().len() > col => {}
                    _ => break,
                }
                if doc.visible_words(i) > MAX_LINE_WORDS {
                    paragraph = true;
                    break;
                }
                list.push(i);
            }
            if paragraph || 2 * pairs > items {
                continue;
            }
            doomed.extend(list);
        }
        for i in doomed {
            doc.remove(i, id, Category::Related);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

    /// An article of two paragraphs, a header, then `list`, then a footer line.
    fn page(header: &str, list: &str) -> String {
        format!(
            "The harbour board met on Tuesday and agreed to keep the night ferry running through the winter months, whatever the cost to the town and its ratepayers.\n\nThe board will look at the timetable again in the spring, when the two new boats arrive from the yard up the coast and the crews have been trained on them.\n\n{header}\n\n{list}\nThe end of the page.\n"
        )
    }

    const LIST: &str = "  • Storm closes the coast road for a second day\n    Council to rebuild the harbour wall\n  • Lifeboat crew rescues two walkers\n";

    #[test]
    fn a_list_under_a_related_header_goes() {
        let text = page("Related articles", LIST);
        let doc = run_after_phrases(&text, vec![Box::new(RelatedList)]);
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 2), None);
        assert_eq!(category(&doc, 4), Some(Category::Related), "the header");
        for i in 6..=8 {
            assert_eq!(category(&doc, i), Some(Category::Related), "line {i}");
        }
        assert_eq!(category(&doc, 9), None, "the line after the list");
    }

    #[test]
    fn the_header_is_known_by_the_rule_that_removed_it_whatever_its_id() {
        // Custom rules run before the built-in ones and shift their ids: the header is
        // still the `related` phrase rule's removal, and the list still goes.
        let text = page("Related articles", LIST);
        let custom: Vec<Box<dyn Rule>> = (0..20)
            .map(|k| {
                let rule = crate::rules::pattern::PatternRule::custom(
                    &format!("custom-{k}"),
                    Category::Advert,
                    &format!("never a line {k}"),
                    crate::rules::pattern::Action::Remove,
                )
                .expect("a valid pattern");
                Box::new(rule) as Box<dyn Rule>
            })
            .collect();
        let related: Box<dyn Rule> = Box::new(RelatedList);
        let mut doc = Doc::new(&text);
        let rules = custom
            .iter()
            .chain(crate::rules::pattern::builtin_cached().iter())
            .chain(std::iter::once(&related));
        for (id, r) in rules.enumerate() {
            r.apply(&mut doc, id as RuleId);
        }
        assert_eq!(category(&doc, 4), Some(Category::Related), "the header");
        for i in 6..=8 {
            assert_eq!(category(&doc, i), Some(Category::Related), "line {i}");
        }
        // A line removed as related by a rule that is not a phrase rule is no header.
        let mut doc = Doc::new(&text);
        doc.remove(4, 0, Category::Related);
        RelatedList.apply(&mut doc, 1);
        assert_eq!(category(&doc, 6), None);
    }

    #[test]
    fn lists_it_leaves() {
        // A lead-in ending with a colon, a list that is a specification, no list under the
        // header, a paragraph in the list.
        for (header, list) in [
            ("More from the survey on gardening:", LIST),
            ("Related articles", "  • OS: Windows 10\n  • Memory: 4 GB RAM\n  • Storage: 2 GB\n"),
            ("Related articles", "Storm closes the coast road for a second day\n"),
            ("Related articles", "  • Storm closes the coast road for a second day, and the council says it will stay shut until the engineers have walked every metre of the cliff above it and signed off the new fence, the drains and the barriers along the whole stretch\n"),
        ] {
            let text = page(header, list);
            let doc = run_after_phrases(&text, vec![Box::new(RelatedList)]);
            assert_eq!(category(&doc, 6), None, "{header} / {list}");
        }
        // No article above.
        let text = format!("Related articles\n\n{LIST}");
        let doc = run_after_phrases(&text, vec![Box::new(RelatedList)]);
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn items_and_pairs() {
        assert_eq!(bullet_item("  • Storm closes"), Some((2, "Storm closes")));
        assert_eq!(bullet_item("* Storm"), Some((0, "Storm")));
        assert_eq!(bullet_item("*Storm*"), None);
        assert_eq!(bullet_item("  Storm"), None);
        assert!(is_pair("OS: Windows 10"));
        assert!(!is_pair(
            "Prince of the harbour: the old keeper leaves his post after forty years on the rock"
        ));
        assert!(!is_pair("Storm closes the coast road"));
    }
}
