//! Context rules: a line judged by the decisions around it.

use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::Category;

/// A short open line enclosed by two removals of the same promotional category (a
/// subscribe box's pitch between "Subscribe to …" and "Subscribe & save") belongs to that
/// box.
#[derive(Debug)]
pub(crate) struct Enclosed;

/// Longest enclosed line, in words.
const ENCLOSED_MAX_WORDS: usize = 40;

/// Categories whose boxes swallow what they enclose.
fn is_box(c: Category) -> bool {
    matches!(
        c,
        Category::Subscribe
            | Category::Newsletter
            | Category::Cookie
            | Category::Share
            | Category::Advert
            | Category::Comments
    )
}

impl Rule for Enclosed {
    fn name(&self) -> &str {
        "enclosed-promo"
    }
    fn category(&self) -> Category {
        Category::Subscribe
    }
    fn description(&self) -> &str {
        "a short line between two removals of the same promotional category (subscribe, newsletter, cookie, share, advert, comments)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_line_list();
        for w in lines.windows(3) {
            let (a, i, b) = (w[0], w[1], w[2]);
            // Most lines fail the cheap tests (an open line between two removed ones):
            // only then are the marks decoded (issue 24: a page of tiny lines).
            if !doc.is_open(i) || !doc.is_removed(a) || !doc.is_removed(b) {
                continue;
            }
            let (Mark::Remove(_, ca), Mark::Remove(_, cb)) = (doc.mark(a), doc.mark(b)) else {
                continue;
            };
            if ca == cb && is_box(ca) && doc.is_open(i) && doc.words(i) <= ENCLOSED_MAX_WORDS {
                doc.remove(i, id, ca);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swallows_pitch_between_subscribe_lines() {
        let mut doc = Doc::new("Subscribe to The Paper\n\nAll the news, none of the noise.\n\nSubscribe & save\nNext line");
        doc.remove(0, 0, Category::Subscribe);
        doc.remove(4, 0, Category::Subscribe);
        Enclosed.apply(&mut doc, 1);
        assert_eq!(doc.mark(2), Mark::Remove(1, Category::Subscribe));
        assert!(doc.is_open(5));
    }

    #[test]
    fn different_categories_do_not_enclose() {
        let mut doc = Doc::new("Subscribe\nA line of text.\nShare");
        doc.remove(0, 0, Category::Subscribe);
        doc.remove(2, 0, Category::Share);
        Enclosed.apply(&mut doc, 1);
        assert!(doc.is_open(1));
    }
}
