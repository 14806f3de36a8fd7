//! The standfirst: the one- or two-sentence summary a news page prints between its
//! headline and its byline ("There are more ways to play than ever. Here is how to
//! choose."). It reads like the article's first paragraph, so the line classifier keeps
//! it; its place, framed by the headline above and the byline or date below, gives it
//! away.

use super::Rule;
use crate::doc::{Doc, Mark, RuleId};
use crate::text::Images;
use crate::Category;

/// Removes, after the line classifier, the standfirst: the first open text line within
/// [`REACH`] text lines under the headline (the last line the title rule removed), of
/// [`MIN_WORDS`] to [`MAX_WORDS`] words, when a line an earlier rule removed as a byline
/// or a date follows it within [`REACH`] text lines with no open line of
/// [`PARAGRAPH_WORDS`] words or more between them (the article has not begun). A line that
/// ends with a question mark stays: under a headline and above a stamp it is more often a
/// forum's question, the page's content, than a summary.
#[derive(Debug)]
pub(crate) struct Standfirst;

/// How many text lines the standfirst may sit under the headline, and the byline under
/// the standfirst.
const REACH: usize = 4;

/// Fewest words of a standfirst: a sentence, not a label.
const MIN_WORDS: usize = 8;

/// Most words of a standfirst: a summary, not a paragraph of the article.
const MAX_WORDS: usize = 45;

/// Words from which an open line between the standfirst and the byline is the article's.
const PARAGRAPH_WORDS: usize = 10;

/// Whether a line ends with a question mark (closing quotes, brackets and emphasis marks
/// aside).
fn asks(t: &str) -> bool {
    t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_')
    })
    .ends_with(['?', '？'])
}

impl Rule for Standfirst {
    fn name(&self) -> &str {
        "standfirst"
    }
    fn category(&self) -> Category {
        Category::Metadata
    }
    fn description(&self) -> &str {
        "the summary between the headline and the byline or date (8 to 45 words), which the classifier kept as a paragraph"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        let lines = doc.text_lines();
        let Some(headline) = lines
            .iter()
            .rposition(|&i| matches!(doc.mark(i), Mark::Remove(_, Category::Title)))
        else {
            return;
        };
        let words = |i: usize| doc.visible_words(i);
        let end = lines.len().min(headline + 1 + REACH);
        let Some(k) = (headline + 1..end).find(|&k| doc.is_open(lines[k])) else {
            return;
        };
        let w = words(lines[k]);
        if !(MIN_WORDS..=MAX_WORDS).contains(&w) || asks(&doc.plain(lines[k], Images::Alt)) {
            return;
        }
        for &j in lines.iter().skip(k + 1).take(REACH) {
            match doc.mark(j) {
                Mark::Remove(_, Category::Byline | Category::Metadata) => {
                    doc.remove(lines[k], id, Category::Metadata);
                    return;
                }
                Mark::Open if words(j) >= PARAGRAPH_WORDS => return,
                Mark::Keep(_) => return,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{category, run_after_phrases};
    use crate::rules::Rule;

    /// Runs the title and byline rules, then [`Standfirst`].
    fn run(text: &str) -> Doc<'_> {
        let rules: Vec<Box<dyn Rule>> = vec![
            Box::new(crate::rules::title::Title),
            Box::new(crate::rules::byline::Byline),
            Box::new(crate::rules::byline::NearTitle),
            Box::new(Standfirst),
        ];
        run_after_phrases(text, rules)
    }

    const SUMMARY: &str = "There are more ways to cross the harbour than ever before. Here is how to choose the one that suits your week.";
    const BODY: &str = "The ferry still leaves the north pier every hour, as it has since 1931, but it now shares the water with two water-bus lines and a bridge that opened in the spring after nine years of work and two changes of contractor.";

    fn line_of(doc: &Doc<'_>, needle: &str) -> usize {
        (0..doc.len())
            .find(|&i| doc.line(i) == needle)
            .expect("line present")
    }

    #[test]
    fn the_summary_between_headline_and_byline_goes() {
        let text = format!(
            "Harbour crossings compared\n\nHarbour crossings compared\n{SUMMARY}\nBy Ann Lee\nMarch 3, 2024\n\n{BODY}\n\n{BODY}\n"
        );
        let doc = run(&text);
        let s = line_of(&doc, SUMMARY);
        assert_eq!(
            category(&doc, s),
            Some(Category::Metadata),
            "{:?}",
            doc.mark(s)
        );
        assert!(doc.is_open(line_of(&doc, BODY)));
    }

    #[test]
    fn a_first_paragraph_without_a_byline_after_it_stays() {
        let text =
            format!("Harbour crossings compared\n\nHarbour crossings compared\n{SUMMARY}\n\n{BODY}\n\nBy Ann Lee\n");
        let doc = run(&text);
        assert!(doc.is_open(line_of(&doc, SUMMARY)));
    }

    #[test]
    fn a_question_under_the_headline_stays() {
        let question = "Has anyone here crossed the harbour on the new water bus with a bicycle, and did the crew let you keep it on deck?";
        let text = format!(
            "Harbour crossings compared\n\nHarbour crossings compared\n{question}\nBy Ann Lee\nMarch 3, 2024\n\n{BODY}\n\n{BODY}\n"
        );
        let doc = run(&text);
        assert!(doc.is_open(line_of(&doc, question)));
        // The same line as a statement goes (the frame is a standfirst's).
        let statement = question.replace('?', ".");
        let text = text.replace(question, &statement);
        let doc = run(&text);
        assert_eq!(
            category(&doc, line_of(&doc, &statement)),
            Some(Category::Metadata)
        );
    }

    #[test]
    fn a_byline_after_the_article_has_begun_does_not_count() {
        let text = format!(
            "Harbour crossings compared\n\nHarbour crossings compared\n{SUMMARY}\n{BODY}\nBy Ann Lee\n\n{BODY}\n"
        );
        let doc = run(&text);
        assert!(doc.is_open(line_of(&doc, SUMMARY)));
    }
}
