//! The rules: each one looks at the document's lines, with what earlier rules decided, and
//! removes or protects lines.
//!
//! Built-in rules, in the order they run, are listed by [`default_rules`]; the crate docs
//! show the same table.

use std::fmt;

use crate::doc::{Doc, RuleId};
use crate::Category;

pub(crate) mod asides;
pub(crate) mod byline;
pub(crate) mod cards;
pub(crate) mod comments;
pub(crate) mod consent;
pub(crate) mod context;
pub(crate) mod head;
pub(crate) mod lists;
pub(crate) mod pattern;
pub(crate) mod pictures;
pub(crate) mod qa;
pub(crate) mod repeated;
pub(crate) mod runs;
pub(crate) mod standfirst;
pub(crate) mod title;
pub(crate) mod zones;

/// A rule of the engine. Rules run in order; each may decide only lines no earlier rule
/// decided (see [`Doc::remove`] and [`Doc::keep`]).
pub(crate) trait Rule: Send + Sync + fmt::Debug {
    /// Unique kebab-case name, shown in every removal.
    fn name(&self) -> &str;
    /// The category of (most of) its removals.
    fn category(&self) -> Category;
    /// One line saying what it removes.
    fn description(&self) -> &str;
    /// Runs the rule over the document.
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId);
    /// Whether the rule reads the phrase rules' shared scan of the document (the built-in
    /// phrase rules): before any other rule runs, the scan is dropped (see
    /// [`Doc::release_phrase_scan`]).
    fn reads_phrase_scan(&self) -> bool {
        false
    }
}

/// A description of one rule of a [`Cleaner`](crate::Cleaner), from
/// [`Cleaner::rules`](crate::Cleaner::rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RuleInfo<'a> {
    /// The rule's unique name, as it appears in [`Removal::rule`](crate::Removal::rule).
    pub name: &'a str,
    /// The category of its removals (statistical rules also use a few others).
    pub category: Category,
    /// What it removes, in one line.
    pub description: &'a str,
}

/// The built-in rules, in the order they run.
pub(crate) fn default_rules() -> Vec<Box<dyn Rule>> {
    let mut rules: Vec<Box<dyn Rule>> = Vec::new();
    rules.extend(pattern::builtin());
    rules.push(Box::new(context::Enclosed));
    rules.push(Box::new(title::Title));
    rules.push(Box::new(comments::CommentThread));
    rules.push(Box::new(asides::Caption));
    rules.push(Box::new(asides::Bio));
    rules.push(Box::new(byline::Byline));
    rules.push(Box::new(byline::NearTitle));
    rules.push(Box::new(repeated::Repeated));
    rules.push(Box::new(crate::classifier::Classifier));
    rules.push(Box::new(runs::TeaserRun));
    rules.push(Box::new(zones::CommentZone));
    rules.push(Box::new(standfirst::Standfirst));
    rules.push(Box::new(head::ArticleHead));
    rules.push(Box::new(cards::LinkCards));
    rules.push(Box::new(consent::ConsentPurposes));
    rules.push(Box::new(qa::QaCards));
    rules.push(Box::new(pictures::PhotoCaption));
    rules.push(Box::new(pictures::ImageSlug));
    rules.push(Box::new(lists::RelatedList));
    rules
}

/// Helpers for the rules' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{pattern, Rule};
    use crate::doc::{Doc, Mark, RuleId};
    use crate::Category;

    /// Runs the built-in phrase rules, then `rules` in order, over `text`.
    pub(crate) fn run_after_phrases(text: &str, rules: Vec<Box<dyn Rule>>) -> Doc<'_> {
        let mut doc = Doc::new(text);
        let all = pattern::builtin_cached().iter().chain(rules.iter());
        for (id, r) in all.enumerate() {
            r.apply(&mut doc, id as RuleId);
        }
        doc
    }

    /// The category line `i` was removed with, or `None` while it is kept.
    pub(crate) fn category(doc: &Doc<'_>, i: usize) -> Option<Category> {
        match doc.mark(i) {
            Mark::Remove(_, c) => Some(c),
            _ => None,
        }
    }
}
