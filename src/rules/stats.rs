//! Statistical rules: how article-like each line is, in context.

use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::text;
use crate::Category;

/// Finds the main region (the densest run of prose lines) and removes the open lines
/// outside it: before it as navigation, after it as related/footer material.
#[derive(Debug)]
pub(crate) struct MainRegion;

/// A line's contribution to the region score: positive for prose, negative otherwise.
fn line_score(line: &str) -> f32 {
    let words = text::word_count(line) as f32;
    let sentence = text::ends_sentence(line);
    if words >= 10.0 && sentence || words >= 25.0 {
        words.min(80.0)
    } else if sentence && words >= 5.0 {
        1.0
    } else {
        -6.0
    }
}

impl Rule for MainRegion {
    fn name(&self) -> &str {
        "main-region"
    }
    fn category(&self) -> Category {
        Category::LowContent
    }
    fn description(&self) -> &str {
        "lines outside the densest run of prose (navigation before it, related links after)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines: Vec<usize> = (0..doc.len()).filter(|&i| doc.is_kept_text(i)).collect();
        if lines.is_empty() {
            return;
        }
        // Maximum-sum run (Kadane) over the kept lines' scores.
        let (mut best, mut best_range) = (f32::MIN, (0, 0));
        let (mut sum, mut start) = (0.0f32, 0);
        for (k, &i) in lines.iter().enumerate() {
            if sum <= 0.0 {
                sum = 0.0;
                start = k;
            }
            sum += line_score(doc.line(i));
            if sum > best {
                best = sum;
                best_range = (start, k);
            }
        }
        if best <= 0.0 {
            return; // no prose at all: leave the page as it is
        }
        let (a, b) = (lines[best_range.0], lines[best_range.1]);
        for &i in &lines {
            if i < a {
                doc.remove(i, id, Category::Navigation);
            } else if i > b {
                doc.remove(i, id, Category::Related);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_prose_run_and_cuts_menus_around_it() {
        let text = "Home\nNews\nSport\n\nThe city council met on Monday night and agreed to rebuild the old bridge over the river.\n\nWork will start in spring and last about two years, the mayor said after the vote.\n\nMore stories\nWeather\nContact";
        let mut doc = Doc::new(text);
        MainRegion.apply(&mut doc, 0);
        let removed: Vec<bool> = (0..doc.len()).map(|i| doc.is_removed(i)).collect();
        assert_eq!(
            removed,
            [true, true, true, false, false, false, false, false, true, true, true]
        );
    }

    #[test]
    fn leaves_pages_without_prose() {
        let mut doc = Doc::new("Home\nNews\nSport");
        MainRegion.apply(&mut doc, 0);
        assert!((0..doc.len()).all(|i| !doc.is_removed(i)));
    }
}
