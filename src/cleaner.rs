//! The compiled, immutable rule set.

use std::fmt;
use std::sync::{Arc, LazyLock};

use crate::doc::{Doc, RuleId};
use crate::rules::{self, Rule, RuleInfo};
use crate::{Cleaned, CleanerBuilder};

/// The built-in rules, compiled once per process and shared by every default cleaner.
pub(crate) static DEFAULT_RULES: LazyLock<Vec<Arc<dyn Rule>>> =
    LazyLock::new(|| rules::default_rules().into_iter().map(Arc::from).collect());

/// A compiled rule set. Cheap to clone (the rules are shared), `Send + Sync`: build one
/// and use it from any number of threads.
///
/// ```
/// use deboil::Cleaner;
/// let cleaner = Cleaner::new();
/// let cleaned = cleaner.clean("Advertisement\nThe bakery on Main Street has closed after ninety years, its owners said on Friday.\n");
/// assert_eq!(cleaned.body(), "The bakery on Main Street has closed after ninety years, its owners said on Friday.");
/// ```
#[derive(Clone)]
pub struct Cleaner {
    rules: Arc<[Arc<dyn Rule>]>,
    names: Arc<[Arc<str>]>,
    /// Per rule, whether the user added it (its removals stand even when the body would
    /// be empty; see [`Cleaner::clean`]).
    custom: Arc<[bool]>,
    /// Whether lines of more than 150 words are split into sub-lines (all but the fast
    /// engine).
    sub_lines: bool,
}

impl Cleaner {
    /// The default rule set (the same one [`clean`](crate::clean) uses).
    pub fn new() -> Cleaner {
        static DEFAULT: LazyLock<Cleaner> =
            LazyLock::new(|| Cleaner::from_rules(DEFAULT_RULES.clone()));
        DEFAULT.clone()
    }

    /// The fast engine: one rule (`fast-classifier`) that measures every line in one pass
    /// over the bytes, finds boilerplate phrases with one literal automaton and scores each
    /// line, in context, with a small tree ensemble. Many times faster than
    /// [`Cleaner::new`], a little less accurate (see the README's quality and performance
    /// tables); the same output contract: every removed byte in one explained span.
    ///
    /// ```
    /// let cleaner = deboil::Cleaner::fast();
    /// let page = "Home | World | Sport\n\nThe river rose two metres overnight and flooded the lower town, the mayor said on Sunday.\nVolunteers filled sandbags until dawn while the fire brigade pumped out cellars along the quay.\n";
    /// let cleaned = cleaner.clean(page);
    /// assert!(cleaned.body().starts_with("The river rose"));
    /// assert!(cleaned.removed().iter().all(|r| &*r.rule == "fast-classifier"));
    /// assert_eq!(cleaner.rules().map(|r| r.name).collect::<Vec<_>>(), ["fast-classifier"]);
    /// ```
    pub fn fast() -> Cleaner {
        static FAST: LazyLock<Cleaner> = LazyLock::new(|| Cleaner {
            sub_lines: false,
            ..Cleaner::from_rules(vec![Arc::new(crate::classifier::fast::Fast)])
        });
        FAST.clone()
    }

    /// A builder starting from the default rules; see [`CleanerBuilder`].
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder::new()
    }

    pub(crate) fn from_rules(rules: Vec<Arc<dyn Rule>>) -> Cleaner {
        let custom = vec![false; rules.len()];
        Cleaner::with_custom(rules, custom)
    }

    /// The cleaner running `rules`, of which those marked in `custom` were added by the
    /// user.
    pub(crate) fn with_custom(rules: Vec<Arc<dyn Rule>>, custom: Vec<bool>) -> Cleaner {
        let names = rules.iter().map(|r| Arc::from(r.name())).collect();
        Cleaner {
            rules: rules.into(),
            names,
            custom: custom.into(),
            sub_lines: true,
        }
    }

    /// Cleans `text`: runs every rule in order and returns the body and the removals.
    /// Never fails and never panics; linear in the size of `text`. Never an empty body
    /// when `text` has 50 words of prose or more: if the rules removed every word, the
    /// best run of prose lines (the headline and lines removed by rules added with
    /// [`CleanerBuilder`] aside) is kept instead.
    pub fn clean<'a>(&self, text: &'a str) -> Cleaned<'a> {
        let mut doc = self.decide(text);
        // The result is built from the marks and the lines alone (issue 24: the rules'
        // shared tables are not held beside its removals).
        doc.release_rule_tables();
        let cleaned = Cleaned::from_doc(&doc, &self.names);
        // The title and byline are decided here, once, from the removals.
        let headline = cleaned.headline();
        let title = headline.and_then(|h| rules::title::headline_text(text, h));
        let byline = rules::byline::byline_text(text, cleaned.entries(), headline.map(|h| h.start));
        cleaned.with_title_and_byline(title, byline)
    }

    /// The document of `text` with every line decided: every rule applied in order, the
    /// never-empty fallback after them.
    pub(crate) fn decide<'a>(&self, text: &'a str) -> Doc<'a> {
        let mut doc = if self.sub_lines {
            Doc::new(text)
        } else {
            Doc::whole_lines(text)
        };
        for (id, rule) in self.rules.iter().enumerate() {
            if !rule.reads_phrase_scan() {
                doc.release_phrase_scan();
            }
            rule.apply(&mut doc, id as RuleId);
        }
        doc.restore_if_empty(|rule| !self.custom.get(rule as usize).copied().unwrap_or(false));
        doc
    }

    /// Cleans many documents in parallel on rayon's global thread pool (all cores unless
    /// configured otherwise); results are in the order of `texts`. Each result is exactly
    /// what [`Cleaner::clean`] returns for that text. `texts` may hold `&str`, `String`,
    /// `Cow<str>`, `Box<str>` or anything else that is `AsRef<str> + Sync`. Needs the `rayon`
    /// feature.
    ///
    /// ```
    /// let cleaner = deboil::Cleaner::new();
    /// let pages = [
    ///     "Advertisement\nThe ferry service resumes on Monday after a month of repairs, the operator said.\n",
    ///     "Share this article\nThe museum will open a new wing for local artists next spring, its director said.\n",
    /// ];
    /// let cleaned = cleaner.clean_batch(&pages);
    /// assert_eq!(cleaned.len(), 2);
    /// assert!(cleaned[0].body().starts_with("The ferry service"));
    /// assert!(cleaned[1].body().starts_with("The museum"));
    ///
    /// // Owned strings, and owned results to keep after the texts are gone.
    /// let texts: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
    /// let docs: Vec<deboil::Document> =
    ///     cleaner.clean_batch(&texts).into_iter().map(|c| c.into_owned()).collect();
    /// drop(texts);
    /// assert!(docs[1].body.starts_with("The museum"));
    /// ```
    #[cfg(feature = "rayon")]
    pub fn clean_batch<'a, T: AsRef<str> + Sync>(&self, texts: &'a [T]) -> Vec<Cleaned<'a>> {
        use rayon::prelude::*;
        texts.par_iter().map(|t| self.clean(t.as_ref())).collect()
    }

    /// The rules, in the order they run.
    ///
    /// ```
    /// let cleaner = deboil::Cleaner::new();
    /// let names: Vec<&str> = cleaner.rules().map(|r| r.name).collect();
    /// assert!(names.contains(&"subscribe"));
    /// ```
    pub fn rules(&self) -> impl ExactSizeIterator<Item = RuleInfo<'_>> + '_ {
        self.rules.iter().map(|r| RuleInfo {
            name: r.name(),
            category: r.category(),
            description: r.description(),
        })
    }
}

impl Default for Cleaner {
    fn default() -> Cleaner {
        Cleaner::new()
    }
}

impl fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cleaner")
            .field("rules", &self.names)
            .finish()
    }
}
