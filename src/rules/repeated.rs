//! Repeated lines: the layout printing the same text twice (a teaser and its link, a
//! blurb in two places, a caption shown twice).

use std::collections::HashMap;

use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::text;
use crate::Category;

/// Removes lines whose normalised text occurs more than once in the document.
///
/// Policy (measured on the dev corpus): short or non-sentence lines that repeat are
/// layout (menus, labels, blurbs) and every copy goes; a repeated line that reads as
/// prose (at least [`PROSE_WORDS`] words, ending like a sentence) keeps its first copy,
/// since articles sometimes repeat a sentence as a pull quote.
#[derive(Debug)]
pub(crate) struct Repeated;

/// Words a repeated line needs to be treated as prose (first copy kept).
const PROSE_WORDS: usize = 12;

/// Case-folded text with runs of non-alphanumerics collapsed, so that copies that differ
/// only in case, spacing or punctuation match.
fn normalise(line: &str, out: &mut String) {
    out.clear();
    let mut gap = false;
    for c in line.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
}

impl Rule for Repeated {
    fn name(&self) -> &str {
        "repeated-line"
    }
    fn category(&self) -> Category {
        Category::Repeated
    }
    fn description(&self) -> &str {
        "a line whose text occurs more than once (prose keeps its first copy)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let mut seen: HashMap<String, (u32, usize)> = HashMap::new();
        let mut keys: Vec<Option<String>> = vec![None; doc.len()];
        let mut buf = String::new();
        for (i, key) in keys.iter_mut().enumerate() {
            if doc.is_blank(i) {
                continue;
            }
            normalise(doc.line(i), &mut buf);
            if buf.is_empty() {
                continue;
            }
            let entry = seen.entry(buf.clone()).or_insert((0, i));
            entry.0 += 1;
            *key = Some(buf.clone());
        }
        for (i, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            let (count, first) = seen[key];
            if count < 2 {
                continue;
            }
            let line = doc.line(i);
            let prose = text::word_count(line) >= PROSE_WORDS && text::ends_sentence(line);
            if prose && i == first {
                continue;
            }
            doc.remove(i, id, Category::Repeated);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(text: &str) -> Vec<bool> {
        let mut doc = Doc::new(text);
        Repeated.apply(&mut doc, 0);
        (0..doc.len()).map(|i| doc.is_removed(i)).collect()
    }

    #[test]
    fn short_repeats_all_go() {
        assert_eq!(
            removed("Top stories\nA\nTop Stories!\nB"),
            [true, false, true, false]
        );
    }

    #[test]
    fn prose_keeps_first_copy() {
        let p = "The committee voted on Tuesday to approve the budget for the coming year.";
        assert_eq!(removed(&format!("{p}\nother\n{p}")), [false, false, true]);
    }

    #[test]
    fn unique_lines_stay() {
        assert_eq!(removed("one\ntwo\nthree"), [false, false, false]);
    }
}
