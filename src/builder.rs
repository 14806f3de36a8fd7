//! Building a custom rule set.

use std::collections::HashSet;
use std::sync::Arc;

use crate::cleaner::DEFAULT_RULES;
use crate::rules::pattern::{Action, PatternRule};
use crate::rules::Rule;
use crate::{Category, Cleaner, Error};

/// One recorded builder call, replayed by [`CleanerBuilder::build`].
#[derive(Clone, Debug)]
enum Op {
    Add {
        name: String,
        category: Category,
        pattern: String,
        action: Action,
    },
    Remove(String),
    RemoveCategory(Category),
    Move {
        name: String,
        anchor: String,
        after: bool,
    },
}

/// Builds a [`Cleaner`] with a custom rule set: add pattern rules, drop built-in ones,
/// change the order. Nothing is checked until [`build`](CleanerBuilder::build), which
/// reports every problem as an [`Error`].
///
/// ```
/// use deboil::{Category, Cleaner};
/// let cleaner = Cleaner::builder()
///     .add_rule("promo-code", Category::Advert, r"use code \w+ for \d+% off.*")
///     .remove_rule("share")
///     .build()?;
/// let cleaned = cleaner.clean("Use code SPRING for 20% off today\nThe orchard opens its gates to visitors on Saturday morning, weather permitting.");
/// assert_eq!(cleaned.removed()[0].rule.as_ref(), "promo-code");
/// # Ok::<(), deboil::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CleanerBuilder {
    defaults: bool,
    ops: Vec<Op>,
}

impl Default for CleanerBuilder {
    fn default() -> CleanerBuilder {
        CleanerBuilder::new()
    }
}

impl CleanerBuilder {
    /// A builder starting from the default rules.
    pub fn new() -> CleanerBuilder {
        CleanerBuilder {
            defaults: true,
            ops: Vec::new(),
        }
    }

    /// A builder starting from no rules at all: a cleaner built from it keeps everything
    /// except what the rules you add remove.
    pub fn empty() -> CleanerBuilder {
        CleanerBuilder {
            defaults: false,
            ops: Vec::new(),
        }
    }

    /// Adds a rule that removes every line whose trimmed text matches `pattern` from start
    /// to end (the pattern is anchored for you; matching ignores case). Added rules run
    /// before every built-in rule, in the order they were added; use
    /// [`move_after`](Self::move_after) to place one elsewhere.
    ///
    /// `build` fails with [`Error::InvalidPattern`] for a bad or too large pattern,
    /// [`Error::EmptyMatch`] for one that matches the empty string, and
    /// [`Error::DuplicateRule`] / [`Error::InvalidName`] for a bad name.
    pub fn add_rule(&mut self, name: &str, category: Category, pattern: &str) -> &mut Self {
        self.ops.push(Op::Add {
            name: name.to_owned(),
            category,
            pattern: pattern.to_owned(),
            action: Action::Remove,
        });
        self
    }

    /// Adds a rule that protects every line matching `pattern` (as in
    /// [`add_rule`](Self::add_rule)) from the rules after it: those lines are always kept.
    pub fn keep_rule(&mut self, name: &str, pattern: &str) -> &mut Self {
        self.ops.push(Op::Add {
            name: name.to_owned(),
            category: Category::Other,
            pattern: pattern.to_owned(),
            action: Action::Keep,
        });
        self
    }

    /// Drops the rule named `name` ([`Error::UnknownRule`] if there is none).
    pub fn remove_rule(&mut self, name: &str) -> &mut Self {
        self.ops.push(Op::Remove(name.to_owned()));
        self
    }

    /// Drops every rule whose category is `category` (no error if there is none).
    pub fn remove_category(&mut self, category: Category) -> &mut Self {
        self.ops.push(Op::RemoveCategory(category));
        self
    }

    /// Moves rule `name` to run just before rule `anchor`.
    pub fn move_before(&mut self, name: &str, anchor: &str) -> &mut Self {
        self.ops.push(Op::Move {
            name: name.to_owned(),
            anchor: anchor.to_owned(),
            after: false,
        });
        self
    }

    /// Moves rule `name` to run just after rule `anchor`.
    pub fn move_after(&mut self, name: &str, anchor: &str) -> &mut Self {
        self.ops.push(Op::Move {
            name: name.to_owned(),
            anchor: anchor.to_owned(),
            after: true,
        });
        self
    }

    /// Compiles the rule set. Validates every pattern and name; never panics.
    pub fn build(&self) -> Result<Cleaner, Error> {
        let mut rules: Vec<Arc<dyn Rule>> = if self.defaults {
            DEFAULT_RULES.clone()
        } else {
            Vec::new()
        };
        let mut added = 0;
        for op in &self.ops {
            match op {
                Op::Add {
                    name,
                    category,
                    pattern,
                    action,
                } => {
                    check_name(name)?;
                    if rules.iter().any(|r| r.name() == name) {
                        return Err(Error::DuplicateRule { name: name.clone() });
                    }
                    let rule = PatternRule::custom(name, *category, pattern, *action)?;
                    rules.insert(added.min(rules.len()), Arc::new(rule));
                    added += 1;
                }
                Op::Remove(name) => {
                    let at = position(&rules, name)?;
                    rules.remove(at);
                    added = added.min(rules.len());
                }
                Op::RemoveCategory(category) => {
                    rules.retain(|r| r.category() != *category);
                    added = added.min(rules.len());
                }
                Op::Move {
                    name,
                    anchor,
                    after,
                } => {
                    let from = position(&rules, name)?;
                    position(&rules, anchor)?;
                    if name == anchor {
                        // Moving a rule next to itself changes nothing.
                        continue;
                    }
                    let rule = rules.remove(from);
                    let to = position(&rules, anchor).unwrap_or(rules.len()) + usize::from(*after);
                    rules.insert(to, rule);
                }
            }
        }
        let mut seen = HashSet::new();
        for r in &rules {
            if !seen.insert(r.name()) {
                return Err(Error::DuplicateRule {
                    name: r.name().to_owned(),
                });
            }
        }
        let custom = rules
            .iter()
            .map(|r| {
                let ptr = Arc::as_ptr(r) as *const ();
                !DEFAULT_RULES
                    .iter()
                    .any(|d| Arc::as_ptr(d) as *const () == ptr)
            })
            .collect();
        Ok(Cleaner::with_custom(rules, custom))
    }
}

fn position(rules: &[Arc<dyn Rule>], name: &str) -> Result<usize, Error> {
    rules
        .iter()
        .position(|r| r.name() == name)
        .ok_or_else(|| Error::UnknownRule {
            name: name.to_owned(),
        })
}

fn check_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidName {
            name: name.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(c: &Cleaner) -> Vec<String> {
        c.rules().map(|r| r.name.to_owned()).collect()
    }

    #[test]
    fn added_rules_run_first_in_order() {
        let c = Cleaner::builder()
            .add_rule("a", Category::Other, "x+")
            .add_rule("b", Category::Other, "y+")
            .build()
            .unwrap();
        assert_eq!(&names(&c)[..2], ["a", "b"]);
    }

    #[test]
    fn move_and_remove() {
        let c = Cleaner::builder()
            .add_rule("a", Category::Other, "x+")
            .move_after("a", "share")
            .remove_rule("cookie")
            .build()
            .unwrap();
        let n = names(&c);
        let share = n.iter().position(|x| x == "share").unwrap();
        assert_eq!(n[share + 1], "a");
        assert!(!n.iter().any(|x| x == "cookie"));
    }

    #[test]
    fn errors() {
        let e = Cleaner::builder().remove_rule("nope").build().unwrap_err();
        assert!(matches!(e, Error::UnknownRule { .. }));
        let e = Cleaner::builder()
            .add_rule("share", Category::Other, "x")
            .build()
            .unwrap_err();
        assert!(matches!(e, Error::DuplicateRule { .. }));
        let e = Cleaner::builder()
            .add_rule("bad name", Category::Other, "x")
            .build()
            .unwrap_err();
        assert!(matches!(e, Error::InvalidName { .. }));
        let e = Cleaner::builder()
            .move_before("share", "nope")
            .build()
            .unwrap_err();
        assert!(matches!(e, Error::UnknownRule { .. }));
    }

    #[test]
    fn empty_builder_keeps_everything() {
        let c = CleanerBuilder::empty().build().unwrap();
        assert_eq!(c.rules().len(), 0);
        assert_eq!(c.clean("Subscribe now\nText").body(), "Subscribe now\nText");
    }
}
