//! The consent dialog's purposes: the standard list of what "we and our partners" do with
//! the reader's data, which consent platforms print in the same words on every site.
//!
//! A scraped page often holds the whole consent dialog after the article: a line per
//! purpose ("Store and/or access information on a device", "Measure content performance"),
//! its count of partners ("91 partners can use this purpose"), its switch ("Off") and a
//! sentence or two saying what the purpose means. The phrase rules catch the dialog's
//! header and buttons; the purposes and their explanations read like short paragraphs, and
//! the line classifier keeps many of them.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{pattern, Rule};
use crate::doc::{Doc, RuleId};
use crate::Category;

/// Removes, after every other rule, the lines of a consent dialog's list of purposes: a
/// line naming a standard purpose of the consent framework or its partner count
/// ([`PURPOSES`]), and, where [`MIN_PURPOSES`] such lines or more follow each other at
/// most [`MAX_GAP`] text lines apart, every open line between them (each purpose's switch
/// and explanation). Runs after the line classifier and removes only lines it kept.
#[derive(Debug)]
pub(crate) struct ConsentPurposes;

/// Purpose lines a block needs before the lines between them go too.
const MIN_PURPOSES: usize = 3;

/// Most text lines from one purpose line to the next within a block (a purpose, its
/// switch, its explanation, an illustrations link, the next purpose: 2 left the
/// explanations of a dialog that prints a "Switch Label" and a "View Illustrations" line
/// around each).
const MAX_GAP: usize = 4;

/// The consent framework's standard purpose and feature names, its partner counts, its
/// vendor-list links and the header sentences of its dialog (the phrase tables'
/// `consent_purposes`: English, and the first purpose in German, French, Spanish and
/// Italian), matched ASCII case-insensitively anywhere in a line.
static PURPOSES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(pattern::every_language(|p| p.consent_purposes))
        .expect("valid phrases")
});

/// Whether line `i` names a purpose.
fn is_purpose(doc: &Doc<'_>, i: usize) -> bool {
    // A line shorter than every phrase is not searched (issue 24: a page of tiny lines).
    doc.line_len(i) >= PURPOSES.min_pattern_len() && PURPOSES.is_match(doc.line(i))
}

impl Rule for ConsentPurposes {
    fn name(&self) -> &str {
        "consent-purposes"
    }
    fn category(&self) -> Category {
        Category::Cookie
    }
    fn description(&self) -> &str {
        "a consent dialog's list of purposes (\"Store and/or access information on a device\", \"91 partners can use this purpose\"), with the switches and explanations between three or more of them"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        // A consent dialog lists the framework's first purpose, "Store and/or access
        // information on a device" ("und/oder", "et/ou", "y/o", "e/o" in the others): a
        // page without "/o" anywhere has none, and skips the per-line scan.
        let text = doc.text.as_bytes();
        if memchr::memmem::find(text, b"/o").is_none()
            && memchr::memmem::find(text, b"/O").is_none()
        {
            return;
        }
        let lines = doc.text_lines();
        // Text lines (indices into `lines`) naming a purpose, whatever earlier rules
        // decided: a purpose an earlier rule removed still marks the block. The phrase
        // rules' scan lists the lines that may (issue 19: phrases once); without its list,
        // every line is checked.
        let hits: Vec<usize> = match doc.phrase_watch.lines(pattern::WATCH_CONSENT) {
            Some(listed) => listed
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| is_purpose(doc, i))
                .filter_map(|i| lines.binary_search(&i).ok())
                .collect(),
            None => (0..lines.len())
                .filter(|&k| is_purpose(doc, lines[k]))
                .collect(),
        };
        let mut remove: Vec<usize> = hits.iter().map(|&k| lines[k]).collect();
        let mut start = 0;
        while start < hits.len() {
            let mut end = start + 1;
            while end < hits.len() && hits[end] - hits[end - 1] <= MAX_GAP {
                end += 1;
            }
            if end - start >= MIN_PURPOSES {
                remove.extend(lines[hits[start]..=hits[end - 1]].iter().copied());
            }
            start = end;
        }
        for i in remove {
            if doc.is_open(i) {
                doc.remove(i, id, Category::Cookie);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};

    const PROSE: &str = "The ferry to the island now leaves an hour earlier on weekdays, so commuters can reach the mainland before the first trains.";

    fn run(text: &str) -> Doc<'_> {
        run_after_phrases(text, vec![Box::new(ConsentPurposes)])
    }

    #[test]
    fn a_block_of_purposes_goes_with_its_explanations() {
        let text = format!(
            "{PROSE}\n\nStore and/or access information on a device 91 partners can use this purpose\n\nStore and/or access information on a device Off\n\nCookies and similar identifiers may be stored on the reader's device and read again later.\n\nMeasure content performance 33 partners can use this purpose\n\nMeasure content performance Off\n\nWhat the reader reads and how long, counted to tell which pieces are read.\n\nDevelop and improve services 80 partners can use this purpose\n\n{PROSE}\n"
        );
        let doc = run(&text);
        let kept: Vec<&str> = (0..doc.len())
            .filter(|&i| !doc.is_blank(i) && !doc.is_removed(i))
            .map(|i| doc.line(i))
            .collect();
        assert_eq!(kept, [PROSE, PROSE]);
        assert_eq!(category(&doc, 2), Some(Category::Cookie));
        // The explanations between purposes, with no phrase of their own.
        assert_eq!(category(&doc, 6), Some(Category::Cookie));
        assert_eq!(category(&doc, 12), Some(Category::Cookie));
    }

    #[test]
    fn explanations_framed_by_a_switch_and_a_link_go() {
        // Each purpose: its name, a switch, its explanation, a link (three text lines
        // between two purposes); then the dialog's header sentence far below is a hit too.
        let text = format!(
            "{PROSE}\n\nStore and/or access information on a device 91 partners can use this purpose\n\nToggle\n\nWhat the reader reads and how long, counted to tell which pieces are read.\n\nSee pictures\n\nDevelop and improve services 80 partners can use this purpose\n\nToggle\n\nHow readers use the site may help to mend its faults and plan new sections.\n\nSee pictures\n\nUse limited data to select content 13 partners can use this purpose\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nWe and our partners process data to provide:\n"
        );
        let doc = run(&text);
        for i in [2, 4, 6, 8, 10, 12, 14, 16, 18, 28] {
            assert_eq!(category(&doc, i), Some(Category::Cookie), "line {i}");
        }
        for i in [0, 20, 22, 24, 26] {
            assert!(!doc.is_removed(i), "line {i}");
        }
    }

    #[test]
    fn a_lone_purpose_line_goes_but_not_its_neighbours() {
        let text = format!(
            "{PROSE}\n\nMeasure advertising performance\n\nWe explain below how the timetable and/or the fares were chosen.\n\n{PROSE}\n"
        );
        let doc = run(&text);
        assert_eq!(category(&doc, 2), Some(Category::Cookie));
        assert_eq!(category(&doc, 4), None);
        assert!(!doc.is_removed(0) && !doc.is_removed(6));
    }

    #[test]
    fn purposes_far_apart_make_no_block() {
        let text = format!(
            "Store and/or access information on a device\n\nMeasure content performance\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nDevelop and improve services\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nUse precise geolocation data\n"
        );
        let doc = run(&text);
        for i in [0, 2, 12, 22] {
            assert_eq!(category(&doc, i), Some(Category::Cookie), "line {i}");
        }
        for i in [4, 6, 8, 10, 14, 16, 18, 20] {
            assert_eq!(category(&doc, i), None, "line {i}");
        }
    }

    #[test]
    fn ordinary_prose_is_untouched() {
        let text = format!("{PROSE}\n\nPartners of the ferry company store the timetables on a device at each pier.\n");
        let doc = run(&text);
        assert!((0..doc.len()).all(|i| !doc.is_removed(i)));
    }

    #[test]
    fn a_page_without_the_first_purpose_has_no_dialog() {
        let doc = run("Measure content performance\n");
        assert_eq!(category(&doc, 0), None);
    }

    #[test]
    fn other_languages_name_the_first_purpose() {
        let doc = run("Informationen auf einem Gerät speichern und/oder abrufen\n");
        assert_eq!(category(&doc, 0), Some(Category::Cookie));
    }

    #[test]
    fn the_phrase_scan_lists_every_purpose_line() {
        // Case and language variants, a purpose inside a line longer than the scan looks
        // at (listed as long), and prose (not listed).
        let long = format!("{PROSE} {PROSE} {PROSE} {PROSE} {PROSE} Measure Content Performance");
        let longest = format!("{long} {long} {long} {long}");
        let text = format!(
            "STORE AND/OR ACCESS INFORMATION ON A DEVICE\n\nInformationen auf einem Gerät speichern und/oder abrufen\n\n{PROSE}\n\n• 91 Partners can use this purpose •\n\n{long}\n\n{longest}\n\nThe harbour wall held through the storm, as it did last year.\n"
        );
        let doc = run(&text);
        let listed = doc
            .phrase_watch
            .lines(pattern::WATCH_CONSENT)
            .expect("a list");
        let purposes: Vec<u32> = (0..doc.len())
            .filter(|&i| is_purpose(&doc, i))
            .map(|i| i as u32)
            .collect();
        assert_eq!(purposes, [0, 2, 6, 8, 10]);
        assert!(purposes.iter().all(|i| listed.contains(i)), "{listed:?}");
        assert!(!listed.contains(&4) && !listed.contains(&12), "{listed:?}");
    }

    #[test]
    fn without_the_scan_every_line_is_checked() {
        // A line decided before the phrase rules: the scan lists nothing, and the rule
        // reads every line itself.
        let text = "Intro\n\nStore and/or access information on a device\n\nMeasure content performance\n\nDevelop and improve services\n";
        let mut doc = Doc::new(text);
        doc.remove(0, 0, Category::Navigation);
        let rules = crate::rules::pattern::builtin_cached();
        for (id, r) in rules.iter().enumerate() {
            r.apply(&mut doc, id as RuleId + 1);
        }
        assert!(doc.phrase_watch.lines(pattern::WATCH_CONSENT).is_none());
        ConsentPurposes.apply(&mut doc, rules.len() as RuleId + 1);
        for i in [2, 4, 6] {
            assert_eq!(category(&doc, i), Some(Category::Cookie), "line {i}");
        }
    }
}
