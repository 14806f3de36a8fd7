//! `--rules FILE`: custom rules, one directive per line.
//!
//! ```text
//! # Blank lines and lines starting with # are ignored.
//! add NAME CATEGORY PATTERN      remove lines matching PATTERN, as CATEGORY
//! keep NAME PATTERN              protect lines matching PATTERN from later rules
//! remove NAME                    drop the rule NAME
//! remove-category CATEGORY       drop every rule of CATEGORY
//! move NAME before|after ANCHOR  run rule NAME just before/after rule ANCHOR
//! ```
//!
//! PATTERN is the rest of the line (trimmed): a regular expression that must match the
//! whole trimmed line, ignoring case (see `CleanerBuilder::add_rule`). Added rules run before
//! the built-in ones, in file order. Every error names its line.

use deboil::{Category, Cleaner, CleanerBuilder};

/// Reads the rules in `text` (from the file `name`, for messages) into a cleaner.
pub fn parse(name: &str, text: &str) -> Result<Cleaner, String> {
    let mut builder = Cleaner::builder();
    // Every rule's name as the directives so far leave the rule set, for early errors.
    let mut names: Vec<String> = Cleaner::new().rules().map(|r| r.name.to_owned()).collect();
    for (k, line) in text.lines().enumerate() {
        let at = |msg: String| format!("{name}:{}: {msg}", k + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (directive, rest) = split(line);
        match directive {
            "add" | "keep" => {
                let (rule, rest) = split(rest);
                let (category, pattern) = if directive == "add" {
                    let (c, p) = split(rest);
                    let category = c
                        .parse::<Category>()
                        .map_err(|e| at(format!("{e} (known: {})", known_categories())))?;
                    (category, p)
                } else {
                    (Category::Other, rest)
                };
                if rule.is_empty() || pattern.is_empty() {
                    return Err(at(format!(
                        "`{directive}` needs {}",
                        if directive == "add" {
                            "a name, a category and a pattern"
                        } else {
                            "a name and a pattern"
                        }
                    )));
                }
                if names.iter().any(|n| n == rule) {
                    return Err(at(format!("a rule named `{rule}` already exists")));
                }
                // The pattern and the name alone, checked here to report the line.
                let mut one = CleanerBuilder::empty();
                if directive == "add" {
                    one.add_rule(rule, category, pattern);
                    builder.add_rule(rule, category, pattern);
                } else {
                    one.keep_rule(rule, pattern);
                    builder.keep_rule(rule, pattern);
                }
                one.build().map_err(|e| at(e.to_string()))?;
                names.push(rule.to_owned());
            }
            "remove" => {
                let (rule, extra) = split(rest);
                one_field(&at, directive, rule, extra)?;
                let Some(i) = names.iter().position(|n| n == rule) else {
                    return Err(at(format!("no rule named `{rule}`")));
                };
                names.remove(i);
                builder.remove_rule(rule);
            }
            "remove-category" => {
                let (c, extra) = split(rest);
                one_field(&at, directive, c, extra)?;
                let category = c
                    .parse::<Category>()
                    .map_err(|e| at(format!("{e} (known: {})", known_categories())))?;
                builder.remove_category(category);
                // Names are no longer tracked exactly; `build` checks the rest.
                let gone: Vec<String> = Cleaner::new()
                    .rules()
                    .filter(|r| r.category == category)
                    .map(|r| r.name.to_owned())
                    .collect();
                names.retain(|n| !gone.contains(n));
            }
            "move" => {
                let (rule, rest) = split(rest);
                let (side, rest) = split(rest);
                let (anchor, extra) = split(rest);
                if rule.is_empty() || anchor.is_empty() || !extra.is_empty() {
                    return Err(at("`move` needs NAME before|after ANCHOR".into()));
                }
                for n in [rule, anchor] {
                    if !names.iter().any(|m| m == n) {
                        return Err(at(format!("no rule named `{n}`")));
                    }
                }
                match side {
                    "before" => builder.move_before(rule, anchor),
                    "after" => builder.move_after(rule, anchor),
                    _ => return Err(at(format!("`move` needs before or after, not `{side}`"))),
                };
            }
            _ => {
                return Err(at(format!(
                    "unknown directive `{directive}` (expected add, keep, remove, remove-category or move)"
                )))
            }
        }
    }
    builder.build().map_err(|e| format!("{name}: {e}"))
}

/// The first whitespace-separated field of `s` and the rest, trimmed.
fn split(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    }
}

fn one_field(
    at: &dyn Fn(String) -> String,
    directive: &str,
    field: &str,
    extra: &str,
) -> Result<(), String> {
    if field.is_empty() || !extra.is_empty() {
        return Err(at(format!("`{directive}` needs exactly one name")));
    }
    Ok(())
}

fn known_categories() -> String {
    Category::ALL
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}
