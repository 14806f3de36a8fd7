//! The headline.
//!
//! Scraped text comes in two shapes. Text printed from the HTML (`htmltext`) starts with
//! the page's `title` element ("Headline | Site"), and the `h1` headline follows a few lines
//! later without the site suffix. Markdown output has no `title` element line but marks the
//! headline with a `# ` heading. [`find_title`] handles both; the line it picks is removed
//! as [`Category::Title`], and the `title` element line, when the headline was found below it, is
//! removed as [`Category::Metadata`] (it is page metadata, not body).

use std::sync::LazyLock;

use regex::Regex;

use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::text;
use crate::Category;

/// The headline rule (see the module docs).
#[derive(Debug)]
pub(crate) struct Title;

/// How many non-blank lines below the `title` element line are searched for its headline.
const TITLE_WINDOW: usize = 80;

/// How many non-blank lines from the top are searched for a Markdown `# ` heading (menus
/// printed as Markdown lists can be long).
const HEADING_WINDOW: usize = 400;

/// Longest headline line, in bytes.
const TITLE_MAX: usize = 300;

/// Most words in a `title` element line.
const PAGE_TITLE_MAX_WORDS: usize = 40;

/// A Markdown image: `![alt](src)`.
static MD_IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").expect("valid regex"));

/// A Markdown link: `[text](target)`; group 1 is the text.
static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid regex"));

/// Separators between a `title` element's parts ("Headline | Section | Site").
static TITLE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|\-–—·:»/:]\s+|\s*[|–—»·•]\s*").expect("valid regex"));

/// Whether a first line reads as a prose sentence rather than a title: it ends with a
/// full stop and is long (a page that starts with its first paragraph has no title line).
fn reads_as_sentence(line: &str, words: usize) -> bool {
    let end = line.trim_end_matches(['"', '\'', '”', '’', ')', '»']);
    (end.ends_with('.') || end.ends_with('。')) && !end.ends_with("...") && words >= 10
}

/// The decision of [`find_title`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TitlePick {
    /// The headline line.
    pub line: usize,
    /// The `title` element line above it, when the headline was matched against one.
    pub page_line: Option<usize>,
}

impl Rule for Title {
    fn name(&self) -> &str {
        "title"
    }
    fn category(&self) -> Category {
        Category::Title
    }
    fn description(&self) -> &str {
        "the headline: a Markdown `# ` heading, else the early line that best matches the page title (first line)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let Some(pick) = find_title(doc) else { return };
        doc.remove(pick.line, id, Category::Title);
        if let Some(p) = pick.page_line {
            doc.remove(p, id, Category::Metadata);
        }
    }
}

/// The words of a line with Markdown images and link targets left out, lower-cased.
fn plain_tokens(line: &str) -> Vec<String> {
    let no_images = MD_IMAGE.replace_all(line, "");
    text::tokens(&MD_LINK.replace_all(&no_images, "$1"))
}

/// Whether the line is a level-1 Markdown heading (`# Headline`).
fn is_h1(line: &str) -> bool {
    line.strip_prefix('#')
        .is_some_and(|rest| rest.starts_with([' ', '\t']))
}

/// Picks the headline line, if any.
pub(crate) fn find_title(doc: &Doc<'_>) -> Option<TitlePick> {
    let lines: Vec<usize> = doc.text_lines().into_iter().take(HEADING_WINDOW).collect();
    // Markdown: the first level-1 heading with words of its own (not a logo image).
    for &i in &lines {
        let line = doc.line(i);
        if is_h1(line) && doc.is_open(i) && line.len() <= TITLE_MAX {
            let toks = plain_tokens(line);
            if !toks.is_empty() && toks.len() <= PAGE_TITLE_MAX_WORDS {
                return Some(TitlePick {
                    line: i,
                    page_line: None,
                });
            }
        }
    }
    let &first = lines.first()?;
    let page = doc.line(first);
    let words = text::word_count(page);
    if !doc.is_open(first)
        || !(2..=PAGE_TITLE_MAX_WORDS).contains(&words)
        || page.len() > TITLE_MAX
        || reads_as_sentence(page, words)
    {
        return None;
    }
    let head = text::tokens(page);
    let parts: Vec<Vec<String>> = TITLE_SEP
        .split(page)
        .map(text::tokens)
        .filter(|t| !t.is_empty())
        .collect();
    let mut best: Option<(f32, usize)> = None;
    for &i in lines.iter().skip(1).take(TITLE_WINDOW) {
        if !doc.is_open(i) {
            continue;
        }
        let line = doc.line(i);
        if line.len() > TITLE_MAX {
            continue;
        }
        let toks = text::tokens(line);
        // A whole part of the title ("Headline" of "Headline | Site") may be one word.
        let whole_part = parts.len() > 1 && parts.contains(&toks);
        if toks.is_empty() || toks.len() < 2 && !whole_part {
            continue;
        }
        // The headline's words all come from the title line, and it covers much of it.
        let precision = text::coverage(&toks, &head);
        let recall = text::coverage(&head, &toks);
        if precision < 0.9 || recall < 0.4 && !whole_part {
            continue;
        }
        let score = recall + if whole_part { 0.5 } else { 0.0 };
        if best.is_none_or(|(s, _)| score > s + 1e-6) {
            best = Some((score, i));
        }
    }
    Some(match best {
        Some((_, i)) => TitlePick {
            line: i,
            page_line: Some(first),
        },
        None => TitlePick {
            line: first,
            page_line: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::category;

    #[test]
    fn a_first_paragraph_is_not_a_title() {
        let doc = Doc::new("The committee met on Tuesday and agreed to delay the vote until spring.\n\nMembers said they needed more time to read the report before deciding.");
        assert_eq!(find_title(&doc), None);
        assert!(reads_as_sentence(
            "The committee met on Tuesday and agreed to delay the vote until spring.",
            13
        ));
        assert!(!reads_as_sentence("Committee delays vote until spring", 5));
    }

    fn run(text: &str) -> Doc<'_> {
        let mut doc = Doc::new(text);
        Title.apply(&mut doc, 0);
        doc
    }

    #[test]
    fn prefers_headline_matching_title_line() {
        let text = "Storm hits coast | The Daily Planet\nMenu\nSearch\nStorm hits coast\n\nThe storm arrived on Friday night, bringing strong winds.";
        let doc = run(text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 0), Some(Category::Metadata));
    }

    #[test]
    fn one_word_headline_that_is_a_title_part() {
        let text = "Gazebos — Garden Things Shop\nHome\nGazebos\n\nOur gazebos are made of cedar and come in three sizes.";
        let doc = run(text);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        assert_eq!(category(&doc, 1), None);
    }

    #[test]
    fn unrelated_lines_are_not_the_headline() {
        let text = "Storm hits coast | The Daily Planet\nSport\nCoast guard news\n\nThe storm arrived on Friday night, bringing strong winds.";
        let doc = run(text);
        assert_eq!(category(&doc, 0), Some(Category::Title));
        assert_eq!(category(&doc, 2), None);
    }

    #[test]
    fn falls_back_to_first_line() {
        let doc =
            run("Storm hits coast\n\nThe storm arrived on Friday night, bringing strong winds.");
        assert_eq!(category(&doc, 0), Some(Category::Title));
    }

    #[test]
    fn markdown_heading_wins() {
        let text = "* [Home](/)\n* [News](/news)\n\n![logo](/logo.png)\n\n# Storm hits coast\n\nThe storm arrived on Friday night.\n\n# Second heading";
        let doc = run(text);
        assert_eq!(category(&doc, 5), Some(Category::Title));
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 9), None);
    }

    #[test]
    fn markdown_logo_heading_is_skipped() {
        let text = "# ![Shop](/logo.svg)\n\n# Garden chairs\n\nSturdy chairs for every garden.";
        let doc = run(text);
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 2), Some(Category::Title));
    }

    #[test]
    fn nothing_on_empty_input() {
        assert_eq!(find_title(&Doc::new("")), None);
        assert_eq!(find_title(&Doc::new("\n\n")), None);
    }
}
