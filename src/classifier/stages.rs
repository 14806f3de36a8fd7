//! The statistical rule: a line classifier over per-line features (the line's shape, its
//! neighbours, its place relative to the main run of prose), trained on the dev corpus by
//! `tools/src/bin/train.rs` (gradient-boosted trees in [`super::model`]), in two stages: the
//! second also sees the first stage's scores around each line ([`crate::classifier::stack`]).

use std::sync::LazyLock;

use super::bits::Bits;
use super::gbdt::{Compiled, Model};
use super::model::{MODEL, STACKED};
use crate::classifier::features::{self, N_FEATURES};
use crate::classifier::stack::{self, N_STACKED};
use crate::doc::{Doc, RuleId};
use crate::rules::Rule;
use crate::Category;

/// First-stage trees that score every open line (the cascade's head, issue 19): a line
/// whose score after them is at least [`CASCADE_MARGIN`] from its bar ([`threshold`]) is
/// decided by it; the rest of the first stage and the second stage score only the others.
/// Chosen by cross-validation (`docs/record/2026-12-07d-curve.md`): 100 trees and a margin
/// of 2 log-odds decide about four lines in five of the dev pages early, with every pooled
/// figure within 0.002 of the whole model's.
const CASCADE_TREES: usize = 100;
/// How far (log-odds) from its bar the head's score must be to decide a line.
const CASCADE_MARGIN: f32 = 2.0;

/// The first [`CASCADE_TREES`] trees of [`MODEL`] (with its base score).
static HEAD_MODEL: LazyLock<Model> = LazyLock::new(|| Model {
    base: MODEL.base,
    roots: &MODEL.roots[..CASCADE_TREES.min(MODEL.roots.len())],
    nodes: MODEL.nodes,
});
/// The other trees of [`MODEL`] (base 0: added to the head's score).
static TAIL_MODEL: LazyLock<Model> = LazyLock::new(|| Model {
    base: 0.0,
    roots: &MODEL.roots[CASCADE_TREES.min(MODEL.roots.len())..],
    nodes: MODEL.nodes,
});
/// [`HEAD_MODEL`] laid out for fast scoring.
static HEAD: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(&HEAD_MODEL, N_FEATURES));
/// [`TAIL_MODEL`] laid out for fast scoring.
static TAIL: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(&TAIL_MODEL, N_FEATURES));
/// [`STACKED`] (the second stage, which also sees the first stage's scores around each
/// line) laid out for fast scoring.
static SECOND: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(&STACKED, N_STACKED));

/// The first stage's score of one row (for the training tools).
#[cfg_attr(not(feature = "internal"), allow(dead_code))] // for `deboil::training`
pub(crate) fn first_score(x: &[f32; N_FEATURES]) -> f32 {
    MODEL.score(x)
}

/// The second stage's score of one row (for the training tools).
#[cfg_attr(not(feature = "internal"), allow(dead_code))] // for `deboil::training`
pub(crate) fn second_score(x: &[f32; N_STACKED]) -> f32 {
    STACKED.score(x)
}

/// Removes the open lines the classifier's second stage scores below [`THRESHOLD`]; lines before the
/// main region are labelled navigation, lines after it related, lines inside it low
/// content. If that would leave no text at all, the main region is kept instead.
#[derive(Debug)]
pub(crate) struct Classifier;

/// Log-odds below which a line is removed: -0.7 (probability 0.33) leans towards keeping,
/// as a lost paragraph costs more than a kept menu line (chosen on the held-out half of
/// dev and wide, dev first). Whether a page is article-like is for the model to see, in
/// its page-level features (prose share, short lines, repeated shapes, link share).
pub(crate) const THRESHOLD: f32 = -0.7;

impl Rule for Classifier {
    fn name(&self) -> &str {
        "line-classifier"
    }
    fn category(&self) -> Category {
        Category::LowContent
    }
    fn description(&self) -> &str {
        "lines the trained classifier finds un-article-like, in context (navigation before the main text, related after, low content inside; nothing on a page with under 50 words of plain prose)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        if !(0..doc.len()).any(|i| doc.is_open(i) && !doc.is_blank(i)) {
            return; // nothing left to decide
        }
        let page = features::extract(doc);
        let (lines, n) = (&*page.lines, page.len());
        let open = |k: usize| doc.is_open(lines[k]);
        if (0..n)
            .find(|&k| open(k))
            .is_some_and(|k| prose_free(&page.row(k)))
        {
            return; // a list of links, not an article: nothing to measure lines against
        }
        // Rows are made block by block for each stage (issue 24: a page's rows of both
        // stages took 744 bytes a line); what is read of them afterwards is read again
        // from the page's tables (`Page::kept`), not held per line.
        let kept = |k: usize| Kept::of(&page.kept(k));
        // Rows made, of both stages (for the tests of crafted input).
        let mut rows = 0;
        // The cascade's head on every open line; the lines it leaves unsure get the rest.
        let mut first = Vec::new();
        HEAD.score_rows(
            n,
            open,
            |k| {
                rows += 1;
                page.row(k)
            },
            &mut first,
        );
        let grid_word_share = page.doc_grid_word_share();
        // Each line's bar, read by the cascade's test and by the decision (made from the
        // kept columns each time, not held: issue 24).
        let bar = |k: usize| kept(k).threshold(grid_word_share);
        // A bit a line (issue 24).
        let sure =
            Bits::new((0..n).map(|k| open(k) && (first[k] - bar(k)).abs() >= CASCADE_MARGIN));
        let unsure = |k: usize| open(k) && !sure.get(k);
        let mut tail = Vec::new();
        TAIL.score_rows(
            n,
            unsure,
            |k| {
                rows += 1;
                page.row(k)
            },
            &mut tail,
        );
        for (k, s) in first.iter_mut().enumerate() {
            if unsure(k) {
                *s += tail[k];
            }
        }
        drop(tail); // not held through the second stage (issue 24)
        for (s, &i) in first.iter_mut().zip(lines) {
            if let Some(d) = stack::decided_score(!doc.is_open(i), doc.is_removed(i)) {
                *s = d;
            }
        }
        // The context takes the scores over (clipped to [-8, 8]: a line the head was sure
        // of is 2 or more from its bar, which is -0.7 or -2.2, and NaN is never sure, so
        // its clipped score decides it as its score would).
        let context = stack::Context::new(lines, |k| kept(k).columns, first, &page.terms, unsure);
        let mut scores = Vec::new();
        SECOND.score_rows(
            n,
            unsure,
            |k| {
                rows += 1;
                let mut x = [0f32; N_STACKED];
                x[..N_FEATURES].copy_from_slice(&page.row(k));
                x[N_FEATURES..].copy_from_slice(&context.row(k));
                x
            },
            &mut scores,
        );
        let decisions: Vec<Option<Category>> = lines
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                if !doc.is_open(i) {
                    return None;
                }
                // A line the head decided keeps its head score.
                let score = if sure.get(k) {
                    context.score(k)
                } else {
                    scores[k]
                };
                let x = kept(k);
                if score >= x.threshold(grid_word_share) {
                    return None;
                }
                Some(category_of(&x.row(grid_word_share)))
            })
            .collect();
        crate::doc::Work::add(&doc.work.classifier_rows, rows);
        // Never an empty body: the lines of the main region are kept instead.
        let fallback: Vec<bool> = if keeps_no_words(doc, lines, &decisions) {
            (0..n).map(|k| kept(k).in_region).collect()
        } else {
            Vec::new()
        };
        for (k, (&i, d)) in lines.iter().zip(&decisions).enumerate() {
            let Some(category) = d else { continue };
            if fallback.get(k) == Some(&true) {
                continue; // never an empty body: fall back to the main region
            }
            doc.remove(i, id, *category);
        }
    }
}

/// What the classifier reads of a line's first-stage row after scoring it: the columns of
/// its context features (of which the grid column of its bar, [`threshold`]), and those
/// of its category ([`category_of`]) and of the never-empty fallback, read from the page
/// when needed ([`features::Page::kept`]; issue 24: held, they took 16 bytes a line). The
/// bar's other column, the page's grid word share, is the page's
/// ([`features::Page::doc_grid_word_share`]).
#[derive(Clone, Copy, Debug, Default)]
struct Kept {
    columns: stack::Columns,
    /// `region_side`: -1, 0 or 1.
    region_side: i8,
    /// `in_region`: 0 or 1.
    in_region: bool,
}

impl Kept {
    /// From the features [`features::KEPT`] of a line's row ([`features::Page::kept`]).
    fn of(x: &[f32; 5]) -> Kept {
        // The order of `features::KEPT`.
        const _: () = assert!(
            features::KEPT[0] == features::LOG_WORDS
                && features::KEPT[1] == features::LOG_GRID_ITEMS
                && features::KEPT[2] == features::LOG_PERIODIC_RUN
                && features::KEPT[3] == REGION_SIDE
                && features::KEPT[4] == IN_REGION
        );
        Kept {
            columns: stack::Columns::new(x[0], x[1], x[2]),
            region_side: x[3] as i8,
            in_region: x[4] > 0.5,
        }
    }

    /// The line's bar ([`threshold`]) on a page whose grid word share is
    /// `grid_word_share`.
    fn threshold(&self, grid_word_share: f32) -> f32 {
        threshold(self.columns.log_grid_items(), grid_word_share)
    }

    /// A row holding what was kept (zeros elsewhere), for [`threshold`] and
    /// [`category_of`], on an open line of a page whose grid word share is
    /// `grid_word_share`.
    fn row(&self, grid_word_share: f32) -> [f32; N_FEATURES] {
        let mut x = [0f32; N_FEATURES];
        x[features::LOG_GRID_ITEMS] = self.columns.log_grid_items();
        x[features::DOC_GRID_WORD_SHARE] = grid_word_share;
        x[REGION_SIDE] = f32::from(self.region_side);
        x[IN_REGION] = f32::from(u8::from(self.in_region));
        x
    }
}

/// Whether removing the lines `decisions` marks would leave no word in the body: every
/// line with letters is removed, by an earlier rule or now (a page where only "* * *"
/// rules would survive counts as empty).
fn keeps_no_words(doc: &Doc<'_>, lines: &[usize], decisions: &[Option<Category>]) -> bool {
    !lines
        .iter()
        .zip(decisions)
        .any(|(&i, d)| d.is_none() && !doc.is_removed(i) && crate::text::has_letters(doc.line(i)))
}

/// How much lower the bar is for a line inside a card grid on a page that is mostly
/// grid (see [`threshold`]).
const GRID_LENIENCY: f32 = 1.5;

/// Share of the page's words inside card grids above which the page counts as a list
/// of items (a shop's category page, a list of courses or posts).
const GRID_PAGE_SHARE: f32 = 0.4;

/// The log-odds a line's second-stage score must reach to stay: [`THRESHOLD`], or lower
/// by [`GRID_LENIENCY`] for a line inside a card grid ([`crate::classifier::features::grids`]) on a
/// page whose words are mostly in grids. On such a page the items are the content, and
/// a classifier that learnt mostly from articles doubts them.
/// (`log_grid_items` and `doc_grid_word_share`: the line's features of those names).
fn threshold(log_grid_items: f32, doc_grid_word_share: f32) -> f32 {
    if log_grid_items > 0.0 && doc_grid_word_share > GRID_PAGE_SHARE {
        THRESHOLD - GRID_LENIENCY
    } else {
        THRESHOLD
    }
}

/// Index of the `in_region` feature.
/// Below this many words of plain prose on the whole page (prose lines less than a third
/// link text), the classifier removes nothing. Such a page is a list of links (a Markdown
/// listing or collection whose every teaser is a link, a link hub): the classifier learnt
/// what an article looks like and has no article here to measure lines against, so on
/// unseen listings it removed most of the items that are the content. The pattern and
/// structure rules before it still apply. No dev news page comes near the bar.
pub(crate) const MIN_PLAIN_PROSE_WORDS: u32 = 50;

/// Whether a page (given any open line's features: the page measure is on every row) has
/// too little plain prose for the classifier (see [`MIN_PLAIN_PROSE_WORDS`]).
fn prose_free(x: &[f32; N_FEATURES]) -> bool {
    x[LOG_DOC_PLAIN_PROSE_WORDS] < (MIN_PLAIN_PROSE_WORDS as f32).ln_1p()
}

const LOG_DOC_PLAIN_PROSE_WORDS: usize = features::index_of("log_doc_plain_prose_words");
const IN_REGION: usize = features::index_of("in_region");
/// Index of the `region_side` feature.
const REGION_SIDE: usize = features::index_of("region_side");

/// The category of a classifier removal, from where the line sits.
fn category_of(x: &[f32; N_FEATURES]) -> Category {
    match x[REGION_SIDE] {
        s if s < -0.5 => Category::Navigation,
        s if s > 0.5 => Category::Related,
        _ => Category::LowContent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classifier::features::NAMES;

    #[test]
    fn the_cascade_head_and_tail_add_up_to_the_first_stage() {
        assert_eq!(
            HEAD_MODEL.roots.len() + TAIL_MODEL.roots.len(),
            MODEL.roots.len()
        );
        assert!(HEAD_MODEL.roots.len() < MODEL.roots.len());
        let text = "Home | News | Sport\n\nThe city council met on Monday night and agreed to rebuild the old bridge over the river.\n\nShare this article";
        let doc = Doc::new(text);
        let page = features::extract(&doc);
        for k in 0..page.len() {
            let x = page.row(k);
            let whole = MODEL.score(&x);
            let split = HEAD_MODEL.score(&x) + TAIL_MODEL.score(&x);
            assert!((whole - split).abs() < 1e-3, "{whole} vs {split}");
        }
    }

    #[test]
    fn feature_indices_match_names() {
        assert_eq!(NAMES[IN_REGION], "in_region");
        assert_eq!(NAMES[REGION_SIDE], "region_side");
    }

    #[test]
    fn a_page_of_links_keeps_its_items() {
        let topics = [
            "Seven quiet places to read on a rainy afternoon",
            "How the old ferry route got its second boat",
            "A beginner's map of the northern hiking trails",
            "Why the bakery on Elm Street opens at five",
            "The long history of the town's clock tower",
            "What to plant in a shady garden this spring",
            "Ten soups that freeze well for busy weeks",
            "Inside the volunteer crew that fixes bicycles",
            "Notes from the harbour's winter market",
            "The library's plan for a larger children's room",
        ];
        // A Markdown listing: every item a link, the one byline per item repeated.
        let mut page = String::from(
            "open search\n\nGO\n\n## quick links\n\n  * [Help](/help)\n\n# Town reading lists\n\n",
        );
        for (k, t) in topics.iter().enumerate() {
            let n = k + 1;
            page.push_str(&format!("[{n}] [{t}](/p/{k}) [[pdf](/pdf/{k})]\n\n"));
            page.push_str("[Ana Ruiz](/a/ruiz), [Tom Berg](/a/berg)\n\n");
        }
        page.push_str("Subscribe to our newsletter\n");
        let cleaned = crate::clean(&page);
        for t in topics {
            assert!(cleaned.body().contains(t), "lost the item {t:?}");
        }
        assert!(!cleaned.body().contains("Subscribe"));
        assert!(cleaned
            .removed()
            .iter()
            .all(|r| &*r.rule != "line-classifier"));
    }

    #[test]
    fn prose_free_counts_plain_prose_words() {
        let mut x = [0f32; N_FEATURES];
        x[LOG_DOC_PLAIN_PROSE_WORDS] = 49f32.ln_1p();
        assert!(prose_free(&x));
        x[LOG_DOC_PLAIN_PROSE_WORDS] = 50f32.ln_1p();
        assert!(!prose_free(&x));
    }

    #[test]
    fn grid_lines_on_a_grid_page_get_a_lower_bar() {
        assert_eq!(threshold(0.0, 0.0), THRESHOLD);
        assert_eq!(threshold(0.0, 0.7), THRESHOLD, "not in a grid");
        assert_eq!(threshold(2.0, 0.2), THRESHOLD, "a small grid on an article");
        assert_eq!(threshold(2.0, 0.7), THRESHOLD - GRID_LENIENCY);
    }

    #[test]
    fn rules_without_words_are_no_body() {
        let text = "Home\n\n* * *\n\nThe city council met on Monday night and agreed to rebuild the old bridge.\n\n---\n\nContact";
        let mut doc = Doc::new(text);
        let lines = doc.text_lines();
        let nav = Some(Category::Navigation);
        // Only the rules would stay: nothing to read.
        let decisions = [nav, None, Some(Category::LowContent), None, nav];
        assert!(keeps_no_words(&doc, &lines, &decisions));
        // The paragraph stays.
        let decisions = [nav, None, None, None, nav];
        assert!(!keeps_no_words(&doc, &lines, &decisions));
        // A paragraph an earlier rule removed is gone too.
        doc.remove(lines[2], 0, Category::Caption);
        assert!(keeps_no_words(&doc, &lines, &decisions));
    }

    #[test]
    fn never_empties_a_page_with_prose() {
        let text = "Home\nNews\n\nThe city council met on Monday night and agreed to rebuild the old bridge over the river.\n\nContact";
        let mut doc = Doc::new(text);
        Classifier.apply(&mut doc, 0);
        assert!(!doc.is_removed(3));
    }
}
