//! deboil strips boilerplate from scraped web text — menus, subscribe and paywall
//! prompts, newsletter blurbs, share buttons, cookie notices, image credits, related
//! links, author bios, footers — and returns the article body together with every
//! removed span: its byte range in the input, the rule that removed it and a
//! [`Category`].
//!
//! # Example
//!
//! ```
//! let page = "Storm closes coast road\n\
//!             Subscribe to The Coast Herald\n\
//!             \n\
//!             The coast road was closed on Friday after the storm washed part of it away.\n\
//!             \n\
//!             Crews expect to reopen one lane by Monday, the county said in a statement.\n\
//!             \n\
//!             Share this article\n";
//! let cleaned = deboil::clean(page);
//! assert_eq!(cleaned.title().as_deref(), Some("Storm closes coast road"));
//! assert!(cleaned.body().starts_with("The coast road was closed"));
//! assert!(!cleaned.body().contains("Subscribe"));
//! for r in cleaned.removed() {
//!     println!("{:>5}..{:<5} {:<14} {}", r.span.start, r.span.end, r.rule, r.category);
//! }
//! ```
//!
//! # How it works
//!
//! The input is split into lines (`\n`, `\r\n` or a lone `\r`). An ordered list of rules
//! runs over them; each rule sees what earlier rules decided and may remove a line (with
//! a category) or protect it from later rules. [`Cleaner::rules`] lists the rules in the
//! order they run: precise phrase rules first (subscribe, newsletter, cookie, share, …),
//! then structural ones (the headline, captions, bios, bylines, repeated lines), then the
//! statistical line classifier that decides what is left: boosted trees in two stages, the
//! first over each line's features (its shape, its neighbours, its place on the page), the
//! second also over the first stage's verdicts on the lines around it.
//!
//! # The invariant
//!
//! Kept and removed spans tile the input exactly: sorted, no gaps, no overlaps, on `char`
//! boundaries ([`Cleaned::segments`]). The body is the kept spans with only whitespace
//! normalised (trailing spaces trimmed, blank-line runs collapsed to one). Anyone can
//! rebuild the input from the segments and check every decision.
//!
//! # Custom rules
//!
//! [`Cleaner::builder`] starts from the defaults; add pattern rules, remove rules by
//! name or category, reorder them, then [`CleanerBuilder::build`], which validates
//! everything and returns an [`Error`] instead of panicking.
//!
//! # Guarantees
//!
//! deboil runs unattended over millions of scraped documents, so it promises:
//!
//! - **No panics.** [`clean`], [`clean_bytes`], [`Cleaner::clean`] and
//!   [`Cleaner::clean_bytes`] accept any input; [`CleanerBuilder::build`] turns every bad
//!   pattern or name into an [`Error`]. *Tested by* property tests over arbitrary strings,
//!   arbitrary bytes, randomly mutated pages and arbitrary custom rules
//!   (`tests/properties.rs`), one test per hostile input shape (`tests/bad_input.rs`:
//!   invalid UTF-8, BOM, CRLF / lone CR, NUL and control characters, zero-width and bidi
//!   marks, emoji and combining marks, RTL and CJK, empty and whitespace-only input, a
//!   multi-megabyte line, a million empty lines), builder error tests
//!   (`tests/rule_errors.rs`), and cargo-fuzz targets (`fuzz/`) whose crashes are kept in
//!   `tests/regressions/`.
//! - **Linear time.** Each rule makes a bounded number of passes over the lines; regular
//!   expressions run on the `regex` crate, which never backtracks, and custom patterns
//!   are compiled under a size limit. *Tested by* the hostile-shape tests above
//!   (correctness) and the criterion bench's `adv-*` groups (time per MB on a 50 MB line,
//!   a million tiny lines, a million repeats, only URLs, no whitespace); tests make no
//!   timing assertions.
//! - **Lossless spans.** Kept and removed spans tile the input exactly, on `char`
//!   boundaries ([`Cleaned::segments`]); for raw bytes, [`CleanedBytes::segments`] tiles
//!   the *original* bytes, invalid sequences included. The body is the kept text with only
//!   whitespace normalised (a leading byte order mark counts as whitespace). *Tested by*
//!   the invariant checker (`tests/invariant.rs`) that every test and fuzz target runs.
//! - **Deterministic output.** Same input, same rules, same output, on any thread, in
//!   any run: no randomness, no dependence on hash order or timing. *Tested by* property
//!   tests comparing results across threads and cleaners.
//! - **Nearly idempotent.** Cleaning a body again removes little (figures for the dev
//!   corpus in the repository's `docs/QUALITY.md`, measured by
//!   `tools/src/bin/idempotence.rs`).
//!
//! # Performance
//!
//! Time is linear in the input, also on hostile shapes (one huge line, a million tiny or
//! repeated lines, only URLs). [`Cleaner::fast`] is about ten times the default engine's
//! speed at a few points less quality; figures and how to measure them are in the
//! repository's `docs/PERFORMANCE.md` (criterion benches in `benches/`). The built-in
//! rules compile once per process; a [`Cleaner`] is `Send + Sync`, so clean documents on
//! as many threads as you have (the `jsonl` example's `--threads`, or
//! `Cleaner::clean_batch` with the `rayon` feature).
//!
//! # Crate features
//!
//! - `serde`: `Serialize` for [`Cleaned`] and [`CleanedBytes`], `Serialize` and
//!   `Deserialize` for [`Document`] (the owned result) and its parts ([`Removal`], [`Span`],
//!   [`Category`]), all in the flat shape the `deboil` command writes; and the `jsonl`
//!   module, the JSON Lines record logic of the command.
//! - `rayon`: `Cleaner::clean_batch`, parallel batch cleaning on rayon's thread pool.
//! - `cli` (default): the `deboil` command (`cargo install deboil`); turns on `serde`.
//!   Library users who want neither can set `default-features = false`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod builder;
mod bytes;
mod category;
mod cleaned;
mod cleaner;
mod doc;
mod error;
mod features;
mod hash;
#[cfg(feature = "serde")]
pub mod jsonl;
mod phrases;
pub mod report;
mod rules;
mod span;
mod stack;
mod terms;
mod text;

/// Helpers shared by the unit tests.
#[cfg(test)]
mod testing {
    /// A xorshift generator of pseudo-random `u64`s from `seed` (not 0): the same
    /// sequence on every run, no dependency.
    pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }
}

pub use builder::CleanerBuilder;
pub use bytes::{ByteSegment, ByteSegments, CleanedBytes};
pub use category::{Category, UnknownCategory};
pub use cleaned::{Cleaned, Document, Removal, Segment, Segments};
pub use cleaner::Cleaner;
pub use error::Error;
pub use rules::RuleInfo;
pub use span::Span;

/// Hooks for `tools/src/bin/train.rs`, which fits the line classifier. Not a stable API.
#[doc(hidden)]
pub mod training {
    pub use crate::features::{NAMES as FEATURE_NAMES, N_FEATURES};
    pub use crate::stack::{CONTEXT_NAMES, N_STACKED};

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
        let (lines, rows, terms) = crate::features::extract(&doc);
        lines
            .into_iter()
            .zip(rows)
            .enumerate()
            .map(|(k, (i, x))| {
                let l = doc.lines[i];
                Line {
                    span: crate::Span::new(l.start, l.end),
                    index: i,
                    decided: !doc.is_open(i),
                    removed: doc.is_removed(i),
                    x,
                    terms: terms.of(k).to_vec(),
                }
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
        page: crate::rules::fast::Scored,
    }

    pub use crate::rules::fast::{
        NAMES as FAST_NAMES, NAMES2 as FAST_NAMES2, N_FAST as FAST_N, N_FAST2 as FAST_N2,
    };

    /// Measures `text` as the fast engine does.
    pub fn fast_page(text: &str) -> FastPage {
        let doc = crate::doc::Doc::new(text);
        let page = crate::rules::fast::score(&doc);
        FastPage {
            spans: page
                .lines
                .iter()
                .map(|&i| crate::Span::new(doc.lines[i].start, doc.lines[i].end))
                .collect(),
            rows: page.rows.clone(),
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
            .map(|l| crate::rules::stats::first_score(&l.x))
            .collect();
        let stacked = stacked(&lines, &first);
        lines
            .iter()
            .zip(first.iter().zip(&stacked))
            .map(|(l, (&s1, x2))| {
                let s = (!l.decided).then(|| (s1, crate::rules::stats::second_score(x2)));
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
            .map(|(l, &s)| crate::stack::decided_score(l.decided, l.removed).unwrap_or(s))
            .collect();
        let mut terms = crate::terms::Terms::new();
        for l in lines {
            terms.push_ids(&l.terms);
        }
        crate::stack::rows(&index, &rows, &scores, &terms)
    }
}

/// Hooks for the benches that time the fast engine's stages one by one. Not a stable API.
#[doc(hidden)]
pub mod profiling {
    pub use crate::rules::fast::Stage as FastStage;

    /// Splits `text` into lines and runs the fast engine over it up to `stage` (see
    /// [`FastStage`]), returning a number that depends on the work done.
    pub fn fast_until(text: &str, stage: FastStage) -> usize {
        let doc = crate::doc::Doc::new(text);
        crate::rules::fast::run_until(&doc, stage)
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
        let (lines, copy_probes, title_steps, title_parts) = crate::rules::fast::work(&doc);
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

    /// What [`work`] measured.
    #[derive(Clone, Copy, Debug)]
    pub struct Work {
        /// Non-blank lines.
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

/// Cleans `text` with the default rule set (compiled once, shared by all threads).
///
/// ```
/// let cleaned = deboil::clean("Advertisement\nThe library reopens on Monday after a two-year renovation, the city said.\n");
/// assert_eq!(cleaned.body(), "The library reopens on Monday after a two-year renovation, the city said.");
/// assert_eq!(cleaned.removed()[0].category, deboil::Category::Advert);
/// ```
pub fn clean(text: &str) -> Cleaned<'_> {
    Cleaner::new().clean(text)
}

/// Cleans raw bytes with the default rule set: invalid UTF-8 is decoded as U+FFFD and
/// every span is mapped back to the original bytes (see [`CleanedBytes`]).
///
/// ```
/// let cleaned = deboil::clean_bytes(b"Share this article\r\nThe dam held through the night, \xc3engineers said on Tuesday morning.\r\n");
/// assert!(cleaned.body().starts_with("The dam held"));
/// assert_eq!(&cleaned.input()[cleaned.removed()[0].span], b"Share this article\r\n");
/// ```
pub fn clean_bytes(bytes: &[u8]) -> CleanedBytes<'_> {
    Cleaner::new().clean_bytes(bytes)
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
