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
//! assert_eq!(cleaned.title(), Some("Storm closes coast road"));
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
//! - **Linear time, also on crafted input.** Each rule makes a bounded number of passes
//!   over the lines; regular expressions run on the `regex` crate, which never
//!   backtracks, and custom patterns are compiled under a size limit. Every table keyed by
//!   the input's text (repeated lines, the fast engine's line copies, title and content
//!   words) hashes with a per-process random key, so lines crafted to collide cannot
//!   crowd one slot, and a title of many parts is looked up in a table, not compared
//!   part by part with every line. *Tested by* the work they cost, not by time:
//!   `classifier::features::tests::card_grids_cost_linear_work_on_any_repeat` (the card-grid
//!   search of the default engine, on pages that repeat a block or a thousand keys),
//!   `classifier::fast::tests::counting_copies_probes_a_bounded_number_of_slots_per_line`,
//!   `classifier::fast::tests::a_title_of_many_parts_is_searched_in_linear_work`,
//!   `classifier::fast::tests::hashes_sharing_their_slot_bits_spread_over_a_word_set` and
//!   `rules::repeated::tests::lines_crafted_to_collide_spread_over_the_table`, and on
//!   pages of tiny lines `rules::byline::tests::tiny_lines_leave_the_later_searches_nothing_to_read`
//!   (byline-near-title reads each line once, its later whole-page searches none) and
//!   `rules::runs::tests::tiny_lines_build_no_table` (teaser-run reads each line's
//!   length and builds no per-line table) (unit tests), the property tests `crafted_lines_cost_linear_work_and_keep_the_invariant`
//!   and `a_title_of_many_parts_costs_linear_work` (`tests/properties.rs`: shared
//!   prefixes and suffixes, repeats and near repeats, titles of up to 1,500 parts),
//!   `the_default_engine_costs_linear_work_on_the_crafted_shapes` (same file: lines
//!   printed three times, author bios, byline-like lines and CJK lines printed twice, the
//!   default engine's key comparisons, passage walks, phrase-rule reads, byline and bio
//!   searches and classifier rows bounded per line and growing with the input), and
//!   the fuzz target `fuzz/fuzz_targets/adversarial.rs`; the hostile-shape tests above
//!   check correctness. Time per MB of each crafted shape beside its benign control:
//!   `benches/adversarial.rs` (and the `adv-*` groups of `benches/clean.rs`).
//! - **Custom patterns match whole lines.** A pattern is parsed alone before it is
//!   anchored, so one that would break out of the anchoring (`Sponsored)|(.+`) is an
//!   [`Error::InvalidPattern`] quoting it, and inline flags or comments keep their meaning
//!   inside it. *Tested by* `tests/rule_errors.rs`
//!   (`patterns_escaping_their_anchoring_are_rejected`,
//!   `a_pattern_matches_whole_lines_whatever_its_flags`).
//! - **Bounded memory per document.** Per-line state is sized to the line count (8 bytes
//!   a line for the lines themselves, 4 for each line's decision and 4 for its repetition
//!   key; the rules' shared tables are dropped once they ran; the default engine's
//!   classifier packs a line's measures in 32 bytes, and both engines make their rows a
//!   block at a time; the result stores a removed span in 12 bytes and makes the list of
//!   [`Removal`]s when first asked for). Peak heap, the removals listed, is at most 20
//!   times the document on every crafted shape tested (one-byte and tiny lines, one-byte
//!   lines between blank lines, titles of many parts, repeats, shared prefixes, bios,
//!   bylines, CJK, long lines, a long first line followed by lines of 4 or 5 bytes that
//!   the classifier scores: 18.7 times at most, about 115 bytes a line). *Tested by*
//!   `the_default_engine_holds_a_bounded_multiple_of_the_document` and
//!   `the_fast_engine_holds_a_bounded_multiple_of_the_document` (`tests/properties.rs`,
//!   heap counted per shape); figures per shape in the repository's
//!   `docs/record/2026-12-09-shapes.md` (measured with `tools/src/bin/memory.rs`).
//! - **Lossless spans.** Kept and removed spans tile the input exactly, on `char`
//!   boundaries ([`Cleaned::segments`]); for raw bytes, [`CleanedBytes::segments`] tiles
//!   the *original* bytes, invalid sequences included. The body is the kept text with only
//!   whitespace normalised (a leading byte order mark counts as whitespace). *Tested by*
//!   the invariant checker (`tests/invariant.rs`) that every test and fuzz target runs.
//! - **Deterministic output.** Same input, same rules, same output, on any thread, in
//!   any run: the per-process hash key only decides where a key sits in a table, never
//!   which keys are equal (copies are decided on equal bytes), and no output depends on a
//!   table's order or on timing. *Tested by* property tests comparing results across
//!   threads and cleaners, and `scripts/same_output.sh` (both engines, two processes).
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
//! - `internal`: not for users; hooks into the engine for the repository's developer
//!   tools and benches, with no stable API.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The engine (docs/DESIGN.md draws the data's path through it, in order):
// `doc` makes the lines; `rules` runs the phrase rules (phrase lists in `phrases`), then
// the structural ones, then the `classifier` (features, stages, trees, generated models;
// also the fast engine), then the rules after it; `cleaned` and `bytes` are the results.
// `text` holds the text helpers and the keyed hasher the stages share.
mod classifier;
mod doc;
mod phrases;
mod rules;
mod text;

// The API: the cleaner and its builder, the results and their parts.
mod builder;
mod bytes;
mod category;
mod cleaned;
mod cleaner;
mod error;
#[cfg(feature = "serde")]
pub mod jsonl;
pub mod report;
mod span;

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

/// Hooks for the developer tools (`tools/`) and the benches: not a stable API, only with
/// the `internal` feature.
#[cfg(feature = "internal")]
mod internal;
#[cfg(feature = "internal")]
#[doc(hidden)]
pub use internal::{profiling, training};

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
