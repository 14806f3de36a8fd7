//! The statistical stage: what the rules before it left open is decided line by line by
//! gradient-boosted trees over each line's features.
//!
//! - [`stages`]: the `line-classifier` rule of the default engine, two stages: the first
//!   over each line's features ([`features`], with the content words of [`terms`]), the
//!   second also over the first stage's scores around the line ([`stack`]).
//! - [`gbdt`]: tree inference, shared by both engines; [`model`] and [`fast_model`] are the
//!   generated trees (`tools/src/bin/train.rs` writes them; see `docs/TRAINING.md`).
//! - [`bits`]: a bit a line with counts, for the context's kept lines.
//! - [`fast`]: the fast engine (`Cleaner::fast`), one rule that measures, scores and
//!   decides every line in a few passes, with its own smaller trees.

pub(crate) mod bits;
pub(crate) mod fast;
pub(crate) mod fast_model;
pub(crate) mod features;
pub(crate) mod gbdt;
pub(crate) mod model;
pub(crate) mod stack;
pub(crate) mod stages;
pub(crate) mod terms;

pub(crate) use stages::Classifier;
