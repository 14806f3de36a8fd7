//! The headline.
//!
//! Scraped text comes in two shapes. Text printed from the HTML (`htmltext`) starts with
//! the page's `title` element ("Headline | Site"), and the `h1` headline follows later
//! (sometimes after a thousand menu lines), without the site suffix or reworded. Markdown
//! output has no `title` element line but marks the headline with a heading. [`find_title`] handles both; the line it picks is removed
//! as [`Category::Title`], and the `title` element line, when the headline was found below it, is
//! removed as [`Category::Metadata`] (it is page metadata, not body).

use std::sync::LazyLock;

use regex::Regex;

use super::meta::next_text;
use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::text;
use crate::Category;

/// The headline rule (see the module docs).
#[derive(Debug)]
pub(crate) struct Title;

/// How many non-blank lines below the `title` element line are searched for its headline
/// (shop and news pages can print a thousand menu lines first).
const TITLE_WINDOW: usize = 2000;

/// How far below the `title` element (in non-blank lines) a plain repeat of it may be
/// taken as the headline.
const NEAR_WINDOW: usize = 80;

/// How many lines of prose may come before a reworded headline (a cookie notice, a
/// disclosure); below more, a similar line heads a teaser or a related story.
const PROSE_BEFORE_HEADLINE: usize = 2;

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

/// A heading that is only a link to a site's home page (`# [Site](/)`): the logo, not the
/// headline.
static HOME_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^#+\s*\[[^\]]*\]\(\s*(?:/|(?:https?:)?//[^/\s)]+/?|\.?/?index\.\w+)(?:\s+[^)]*)?\)\s*$",
    )
    .expect("valid regex")
});

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
        "the headline: the line below the page title (first line) that matches or rewords it, else a Markdown heading, else the page title"
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

/// The level of a Markdown heading line (`# ` is 1, `## ` 2, `### ` 3), or 0.
fn heading_level(line: &str) -> usize {
    let rest = line.trim_start_matches('#');
    let level = line.len() - rest.len();
    if (1..=3).contains(&level) && rest.starts_with([' ', '\t']) {
        level
    } else {
        0
    }
}

/// Whether the line opens the article: one of the next three lines is a byline or a date
/// (removed by an earlier rule), one of the next two is prose, or the next repeats it.
fn leads_content(doc: &Doc<'_>, i: usize) -> bool {
    let line = doc.line(i);
    let mut j = i;
    for k in 0..3 {
        let Some(n) = next_text(doc, j) else { break };
        j = n;
        if matches!(
            doc.mark(n),
            Mark::Remove(_, Category::Byline | Category::Metadata)
        ) {
            return true;
        }
        let next = doc.line(n);
        if k == 0 && next == line || k < 2 && text::word_count(next) >= 15 {
            return true;
        }
    }
    false
}

/// Where `toks` sits among the parts of a `title` element ("Headline | Section | Site").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Not a run of whole parts.
    None,
    /// The leading parts ("Headline", "Headline | Section"), the whole title, or inner parts
    /// of two words or more ("tag - Question? - Site").
    Headline,
    /// The last part, or a one-word inner part: more likely the site or section name
    /// ("Site", "Blog").
    Label,
}

/// Classifies `toks` as a run of whole parts of the title (see [`Part`]).
fn part_of(parts: &[Vec<String>], toks: &[String]) -> Part {
    let n = parts.len();
    if n < 2 {
        return Part::None;
    }
    for a in 0..n {
        let mut run: Vec<&String> = Vec::new();
        for (b, part) in parts.iter().enumerate().skip(a) {
            run.extend(part);
            if run.len() > toks.len() {
                break;
            }
            if run.len() == toks.len() && run.iter().zip(toks).all(|(x, y)| *x == y) {
                return if a == 0 || b + 1 < n && toks.len() >= 2 {
                    Part::Headline
                } else {
                    Part::Label
                };
            }
        }
    }
    Part::None
}

/// Whether the line is shaped like a headline of its own: 3 to 30 words, no full stop at the
/// end, no URL, not a breadcrumb trail.
fn headline_shaped(line: &str) -> bool {
    let words = text::word_count(line);
    let end = line.trim_end_matches(['"', '\'', '”', '’', ')', '»']);
    (3..=30).contains(&words)
        && (!end.ends_with('.') || end.ends_with("..."))
        && !line.contains("://")
        && TITLE_SEP.find_iter(line).count() + line.matches(['>', '›']).count() < 2
}

/// Picks the headline line, if any.
///
/// Text printed from the HTML starts with the `title` element ("Headline | Site"). Below
/// it, the line made of its words that covers most of it or is its leading part is the
/// headline (the site name alone is not); failing that, the first headline-shaped line
/// that shares much of its wording and opens the article (a byline, a date or prose
/// follows). Without such a line, the Markdown headline (see [`markdown_heading`]) is the
/// headline; failing that, the `title` element line itself.
pub(crate) fn find_title(doc: &Doc<'_>) -> Option<TitlePick> {
    let lines: Vec<usize> = doc.text_lines();
    let page = page_title(doc, &lines);
    if let Some((pick, true)) = page {
        return Some(pick);
    }
    markdown_heading(doc, &lines)
        .map(|line| TitlePick {
            line,
            page_line: None,
        })
        .or(page.map(|(pick, _)| pick))
}

/// The Markdown headline: of the level-1 headings (`# `), the first that opens the article
/// (a byline, a date or prose follows), else the first; without one, the first `## ` (else
/// `### `) heading before the first paragraph of prose (later ones head sections, "Like
/// this:", "Leave a Reply"). A heading that is only a logo image or a link to the home page
/// is not a headline.
fn markdown_heading(doc: &Doc<'_>, lines: &[usize]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let mut first_h1: Option<usize> = None;
    let mut prose_seen = false;
    for &i in lines.iter().take(TITLE_WINDOW) {
        let line = doc.line(i);
        let level = heading_level(line);
        if level == 0 && !prose_seen {
            prose_seen = text::word_count(line) >= 15 && text::ends_sentence(line);
        }
        if level == 0 || level > 1 && (prose_seen || best.is_some_and(|(l, _)| l <= level)) {
            continue;
        }
        if !doc.is_open(i) || line.len() > TITLE_MAX || HOME_LINK.is_match(line) {
            continue;
        }
        let toks = plain_tokens(line);
        if toks.is_empty() || toks.len() > PAGE_TITLE_MAX_WORDS {
            continue;
        }
        if level == 1 {
            // Of several level-1 headings (a pop-up's, a section's), the one that opens
            // the article.
            if leads_content(doc, i) {
                return Some(i);
            }
            first_h1.get_or_insert(i);
        } else {
            best = Some((level, i));
        }
    }
    first_h1.or(best.map(|(_, i)| i))
}

/// The pick from the `title` element line (the first line of text printed from the HTML),
/// and whether a headline below it confirmed it.
fn page_title(doc: &Doc<'_>, lines: &[usize]) -> Option<(TitlePick, bool)> {
    let &first = lines.first()?;
    let page = doc.line(first);
    let words = text::word_count(page);
    // "Headline – Site – Our motto." is a title: only its leading part must not be a sentence.
    let lead = TITLE_SEP
        .split(page)
        .find(|p| !p.trim().is_empty())
        .unwrap_or(page);
    // A `title` element with "by" in it ("Top 25 Ranked by Market Share", "Essay - by Jane
    // Doe") may have been taken for a byline; it still names the headline to look for.
    let as_byline = matches!(doc.mark(first), Mark::Remove(_, Category::Byline));
    if !(doc.is_open(first) || as_byline)
        || !(2..=PAGE_TITLE_MAX_WORDS).contains(&words)
        || page.len() > TITLE_MAX
        || reads_as_sentence(lead, text::word_count(lead))
    {
        return None;
    }
    let head = text::tokens(page);
    let parts: Vec<Vec<String>> = TITLE_SEP
        .split(page)
        .map(text::tokens)
        .filter(|t| !t.is_empty())
        .collect();
    // (score, line, strong): the best line made of the title's words.
    let mut subset: Option<(f32, usize, bool)> = None;
    // The first headline-shaped line that rewords the title, before the article's text.
    let mut reworded: Option<usize> = None;
    let mut prose_seen = 0;
    for (n, &i) in lines.iter().enumerate().skip(1).take(TITLE_WINDOW) {
        if !doc.is_open(i) {
            continue;
        }
        let line = doc.line(i);
        if line.len() > TITLE_MAX {
            continue;
        }
        let toks = text::tokens(line);
        if toks.is_empty() {
            continue;
        }
        if toks.len() >= 30 && text::ends_sentence(line) {
            prose_seen += 1;
        }
        let part = part_of(&parts, &toks);
        let precision = text::coverage(&toks, &head);
        let recall = text::coverage(&head, &toks);
        // A far repeat of the whole title line is the site's name again (a footer, a
        // logo), not its headline.
        let repeat = toks == head && n > NEAR_WINDOW;
        if precision >= 0.9 && !repeat {
            let whole_part = part == Part::Headline;
            let fits = whole_part
                || part == Part::None
                    && toks.len() >= 2
                    && (recall >= 0.4 || recall >= 0.25 && leads_content(doc, i));
            if fits {
                let score = recall + if whole_part { 0.5 } else { 0.0 };
                if subset.is_none_or(|(s, _, _)| score > s + 1e-6) {
                    subset = Some((score, i, whole_part || recall >= 0.67));
                }
            }
        }
        if reworded.is_none() && prose_seen < PROSE_BEFORE_HEADLINE && headline_shaped(line) {
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            let shared = toks
                .iter()
                .filter(|t| t.chars().count() >= 4 && head.contains(t))
                .count();
            if f1 >= 0.5 && shared >= 2 && leads_content(doc, i) {
                reworded = Some(i);
            }
        }
    }
    let line = match (subset, reworded) {
        (Some((_, i, true)), _) | (_, Some(i)) => i,
        _ if as_byline => return None,
        _ => first,
    };
    // A Markdown line (a link, a heading) is not a `title` element.
    let markdown = page.contains("](") || page.starts_with('#');
    Some((
        TitlePick {
            line,
            page_line: (line != first).then_some(first),
        },
        line != first && !markdown,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

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

    const PROSE: &str = "The storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.";

    #[test]
    fn the_site_name_alone_is_not_the_headline() {
        let text = format!("Healthy eating tips • The Food Source\nThe Food Source\nRecipes\nHealthy eating tips\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 1), None);
        // Nor a one-word section between headline and site.
        let text = format!("Kitchen trends to watch | Blog | Oak Realty\nBlog\n{PROSE}");
        assert_eq!(category(&run(&text), 0), Some(Category::Title));
    }

    #[test]
    fn an_inner_part_can_be_the_headline() {
        let text = format!("boilers - Why does my boiler hiss? - Home Help\nboilers\nWhy does my boiler hiss?\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        assert_eq!(category(&doc, 0), Some(Category::Metadata));
    }

    #[test]
    fn a_reworded_headline_that_opens_the_article() {
        let text = format!("Storm hits coast | The Planet\nNews\nWeather\nHuge storm hits the coast overnight\nBy Omar Reyes\n{PROSE}");
        let doc = run_after_phrases(&text, vec![Box::new(Title)]);
        assert_eq!(category(&doc, 3), Some(Category::Title));
        assert_eq!(category(&doc, 0), Some(Category::Metadata));
        // Without anything opening an article below it, a similar line is not taken.
        let text =
            "Storm hits coast | The Planet\nNews\nHuge storm hits the coast overnight\nSport";
        assert_eq!(category(&run(text), 0), Some(Category::Title));
    }

    #[test]
    fn a_reworded_line_after_the_article_is_not_the_headline() {
        let long = "The storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast, and the council closed the harbour road until the sea wall could be checked by engineers.";
        let text = format!("Storm hits coast | The Planet\n{long}\n{long}\nMore: storm hits the coast road again\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 0), Some(Category::Title));
        assert_eq!(category(&doc, 3), None);
    }

    #[test]
    fn headline_below_a_long_menu() {
        let menu: String = (0..150).map(|k| format!("Menu entry {k}\n")).collect();
        let text = format!("Garden chairs | Garden Things Shop\n{menu}Garden chairs\n{PROSE}");
        let doc = run(&text);
        assert_eq!(category(&doc, 151), Some(Category::Title));
    }

    #[test]
    fn a_title_line_taken_for_a_byline_still_finds_the_headline() {
        let text = format!("Best boilers of 2025 - Top 25 Ranked by Heat Output\nMenu\nBest boilers of 2025\n{PROSE}");
        let doc = run_after_phrases(&text, vec![Box::new(Title)]);
        assert_eq!(category(&doc, 0), Some(Category::Byline));
        assert_eq!(category(&doc, 2), Some(Category::Title));
    }

    #[test]
    fn a_title_with_a_motto_is_not_a_sentence() {
        let text = format!(
            "Ten tips for online courses – Study Hub – Realize your potential.\nMenu\n{PROSE}"
        );
        assert_eq!(category(&run(&text), 0), Some(Category::Title));
    }

    #[test]
    fn markdown_home_link_and_lower_headings() {
        let text = format!("# [Garden Shop](/)\n\n## Garden chairs\n\n{PROSE}\n\n## Delivery");
        let doc = run(&text);
        assert_eq!(category(&doc, 0), None);
        assert_eq!(category(&doc, 2), Some(Category::Title));
        assert_eq!(heading_level("### Garden chairs"), 3);
        assert_eq!(heading_level("#### Garden chairs"), 0);
        assert_eq!(heading_level("#hashtag"), 0);
    }

    #[test]
    fn a_confirmed_headline_beats_a_hash_line() {
        let text = format!(
            "Storm hits coast | The Planet\nStorm hits coast\n# Company Year Rating\n{PROSE}"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 1), Some(Category::Title));
        assert_eq!(category(&doc, 2), None);
    }
}
