//! The error type of [`CleanerBuilder::build`](crate::CleanerBuilder::build).

/// Why a [`Cleaner`](crate::Cleaner) could not be built.
///
/// Every variant names the rule at fault. Cleaning itself never fails: only building a
/// custom rule set does.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A custom rule's pattern is not a valid regular expression on its own (it is checked
    /// alone, before the engine anchors it to whole lines), or compiles to more than the
    /// size limit. Fix the pattern (see the `regex` crate's syntax) or simplify it.
    #[error("rule `{name}`: invalid pattern `{pattern}`")]
    InvalidPattern {
        /// The rule's name.
        name: String,
        /// The pattern as it was given.
        pattern: String,
        /// The regex crate's explanation (a syntax error points into `pattern` itself).
        #[source]
        source: regex::Error,
    },
    /// A custom rule's pattern is empty or matches the empty string (e.g. `a*`), so it
    /// would match every blank line. Make the pattern require at least one character.
    #[error("rule `{name}`: pattern matches the empty string")]
    EmptyMatch {
        /// The rule's name.
        name: String,
    },
    /// Two rules share a name. Rule names identify removals, so they must be unique:
    /// rename one of them.
    #[error("duplicate rule name `{name}`")]
    DuplicateRule {
        /// The repeated name.
        name: String,
    },
    /// A rule name given to `remove`, `move_before` or `move_after` is not in the rule
    /// set. `Cleaner::rules()` lists the names that exist.
    #[error("unknown rule `{name}`")]
    UnknownRule {
        /// The name that was not found.
        name: String,
    },
    /// A rule name is empty or has characters other than ASCII letters, digits, `-`, `_`
    /// and `.`. Use a short kebab-case name such as `my-site-footer`.
    #[error("invalid rule name `{name}`")]
    InvalidName {
        /// The rejected name.
        name: String,
    },
}
