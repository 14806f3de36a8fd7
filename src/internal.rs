//! Hooks for the developer tools (`tools/`: the trainer) and the benches (the fast
//! engine's stages one by one), behind the `internal` feature. Not a stable API: they
//! expose the engine's internals (feature rows, stages) and change with them.

/// Hooks for `tools/src/bin/train.rs`, which fits the line classifiers.
pub mod training {
    pub use crate::classifier::features::{NAMES as FEATURE_NAMES, N_FEATURES};
    pub use crate::classifier::stack::{CONTEXT_NAMES, N_STACKED};

    /// One non-blank line of a page as the classifier meets it.
    #[derive(Clone, Debug)]
    pub struct Line {
        /// The line's bytes in the page.
        pub span: crate::Span,
        /// The line's index among all lines of the page (blank ones included).
        pub index: usize,
        /// Whether an earlier rule decided the line (then it is never scored).
        pub decided: bool,
        /// Whether an earlier rule removed it.
        pub removed: bool,
        /// The first-stage features.
        pub x: [f32; N_FEATURES],
        /// The line's content words (hashed; see the second stage's cohesion features).
        pub terms: Vec<u64>,
    }

    /// The classifier's features for every non-blank line of `text`, as the default rules
    /// leave it just before the classifier runs.
    pub fn features(text: &str) -> Vec<Line> {
        let mut doc = crate::doc::Doc::new(text);
        let rules = &*crate::cleaner::DEFAULT_RULES;
        for (id, rule) in rules.iter().enumerate() {
            if rule.name() == "line-classifier" {
                break;
            }
            rule.apply(&mut doc, id as u32);
        }
        let page = crate::classifier::features::extract(&doc);
        let (lines, rows, terms) = (&page.lines, page.rows(), &page.terms);
        lines
            .iter()
            .copied()
            .zip(rows)
            .enumerate()
            .map(|(k, (i, x))| Line {
                span: crate::Span::new(doc.start(i), doc.end(i)),
                index: i,
                decided: !doc.is_open(i),
                removed: doc.is_removed(i),
                x,
                terms: terms.of(k).to_vec(),
            })
            .collect()
    }

    /// The fast engine's rows for every non-blank line of `text` (see
    /// [`crate::Cleaner::fast`]).
    pub struct FastPage {
        /// Each non-blank line's bytes in the page.
        pub spans: Vec<crate::Span>,
        /// Each line's first-stage features.
        pub rows: Vec<[f32; FAST_N]>,
        page: crate::classifier::fast::Scored,
    }

    pub use crate::classifier::fast::{
        NAMES as FAST_NAMES, NAMES2 as FAST_NAMES2, N_FAST as FAST_N, N_FAST2 as FAST_N2,
    };

    /// Measures `text` as the fast engine does.
    pub fn fast_page(text: &str) -> FastPage {
        let doc = crate::doc::Doc::whole_lines(text);
        let page = crate::classifier::fast::score(&doc);
        FastPage {
            spans: page
                .lines()
                .iter()
                .map(|&i| crate::Span::new(doc.start(i), doc.end(i)))
                .collect(),
            rows: crate::classifier::fast::first_rows(&doc),
            page,
        }
    }

    /// The fast engine's second-stage rows of `page`, given first-stage `scores`.
    pub fn fast_stacked(page: &FastPage, scores: &[f32]) -> Vec<[f32; FAST_N2]> {
        page.page.restack(scores)
    }

    /// The classifier's two scores (log-odds of body; first stage, second stage) for every
    /// open non-blank line of `text`; `None` for lines an earlier rule decided.
    pub fn scores(text: &str) -> Vec<(crate::Span, Option<(f32, f32)>)> {
        let lines = features(text);
        let first: Vec<f32> = lines
            .iter()
            .map(|l| crate::classifier::stages::first_score(&l.x))
            .collect();
        let stacked = stacked(&lines, &first);
        lines
            .iter()
            .zip(first.iter().zip(&stacked))
            .map(|(l, (&s1, x2))| {
                let s = (!l.decided).then(|| (s1, crate::classifier::stages::second_score(x2)));
                (l.span, s)
            })
            .collect()
    }

    /// The second-stage rows of a page's `lines`, given the first stage's score of each
    /// (ignored for decided lines, which get the fixed scores the classifier gives them).
    pub fn stacked(lines: &[Line], first: &[f32]) -> Vec<[f32; N_STACKED]> {
        let index: Vec<usize> = lines.iter().map(|l| l.index).collect();
        let rows: Vec<[f32; N_FEATURES]> = lines.iter().map(|l| l.x).collect();
        let scores: Vec<f32> = lines
            .iter()
            .zip(first)
            .map(|(l, &s)| {
                crate::classifier::stack::decided_score(l.decided, l.removed).unwrap_or(s)
            })
            .collect();
        let mut terms = crate::classifier::terms::Terms::new();
        for l in lines {
            terms.push_ids(&l.terms);
        }
        crate::classifier::stack::rows(&index, &rows, &scores, &terms)
    }
}

/// Hooks for the benches that time the fast engine's stages one by one.
pub mod profiling {
    pub use crate::classifier::fast::Stage as FastStage;

    /// Splits `text` into lines and runs the fast engine over it up to `stage` (see
    /// [`FastStage`]), returning a number that depends on the work done.
    pub fn fast_until(text: &str, stage: FastStage) -> usize {
        let doc = crate::doc::Doc::whole_lines(text);
        crate::classifier::fast::run_until(&doc, stage)
    }

    /// Builds the default engine's rules afresh, as the first `Cleaner::new()` of a
    /// process does, and cleans `text` with them (compiling the phrase regexes `text`
    /// needs on the way), returning the body's length: a short process's start-up. The
    /// tables a process shares between cleaners (built on first use) are not built again.
    pub fn startup(text: &str) -> usize {
        let rules = crate::rules::default_rules()
            .into_iter()
            .map(std::sync::Arc::from)
            .collect();
        crate::Cleaner::from_rules(rules).clean(text).body().len()
    }

    /// Only splits `text` into the engine's lines (the first step of every cleaning) and
    /// returns their number.
    pub fn lines(text: &str) -> usize {
        crate::doc::Doc::new(text).len()
    }

    /// The work the tables keyed by input text do on `text` (for the tests of crafted
    /// input, `tests/properties.rs`): see [`Work`].
    pub fn work(text: &str) -> Work {
        let doc = crate::doc::Doc::new(text);
        let (lines, copy_probes, title_steps, title_parts) = crate::classifier::fast::work(&doc);
        let (keys, key_crowding) = crate::rules::repeated::crowding(&doc);
        Work {
            lines,
            copy_probes,
            title_steps,
            title_parts,
            keys,
            key_crowding,
        }
    }

    /// The work the default engine (`Cleaner::new()`) does on `text` in the loops whose
    /// length the input decides (for the tests of crafted input, `tests/properties.rs`):
    /// see [`DefaultWork`].
    pub fn default_work(text: &str) -> DefaultWork {
        let doc = crate::Cleaner::new().decide(text);
        let w = &doc.work;
        DefaultWork {
            lines: doc.len(),
            text_lines: doc.text_line_list().len(),
            key_compares: w.key_compares.get(),
            passage_steps: w.passage_steps.get(),
            phrase_lines: w.phrase_lines.get(),
            phrase_bytes: w.phrase_bytes.get(),
            byline_lines: w.byline_lines.get(),
            bio_bytes: w.bio_bytes.get(),
            classifier_rows: w.classifier_rows.get(),
        }
    }

    /// What [`default_work`] counted.
    #[derive(Clone, Copy, Debug)]
    pub struct DefaultWork {
        /// The document's lines.
        pub lines: usize,
        /// Its non-blank lines.
        pub text_lines: usize,
        /// Repetition keys compared as bytes along their hash chains (one a line with a
        /// key when no two keys share a hash).
        pub key_compares: usize,
        /// Steps of the repeated-line rule's walks along passages printed twice.
        pub passage_steps: usize,
        /// Lines the built-in phrase rules read (each rule its candidate lines).
        pub phrase_lines: usize,
        /// The bytes of those lines.
        pub phrase_bytes: usize,
        /// Lines the near-title byline rule read beyond its zone of a few lines (the
        /// headline printed again, a name's bio).
        pub byline_lines: usize,
        /// Bytes of the lines the bio rule's opening pattern ran on.
        pub bio_bytes: usize,
        /// Rows the line classifier made (each a line's measures put together and scored
        /// by the trees): at most three a text line.
        pub classifier_rows: usize,
    }

    /// What [`work`] measured.
    #[derive(Clone, Copy, Debug)]
    pub struct Work {
        /// Lines the fast engine scores (a row and the trees each): the non-blank lines
        /// but tiny ones (under 3 bytes, under 12 on a page of 16,384 lines or more,
        /// or without a letter or a digit).
        pub lines: usize,
        /// Slots the fast engine's copy count probed beyond each line's first.
        pub copy_probes: usize,
        /// Comparisons or look-ups of the fast engine's search for the title among the
        /// first line's parts.
        pub title_steps: usize,
        /// Parts of the first line.
        pub title_parts: usize,
        /// Distinct non-empty repetition keys.
        pub keys: usize,
        /// For the repetition keys hashed into a table of twice their number of slots (by
        /// the hash's low bits, as the std `HashMap` places them), the sum over slots of
        /// the squared number of keys there: about the number of keys for a hash that
        /// spreads them, its square when they collide.
        pub key_crowding: usize,
    }
}
