//! Repeated lines: the layout printing the same text twice (a teaser and its link, a
//! blurb in two places, a caption shown twice).

use std::collections::HashMap;

use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::text;
use crate::Category;

/// Removes lines whose normalised text occurs more than once in the document, except
/// code in Markdown code blocks ([`Doc::code_lines`], [`reads_as_code`]: code repeats
/// `}` and `try {` as content).
///
/// Policy (measured on the dev corpus): short or non-sentence lines that repeat are
/// layout (menus, labels, blurbs) and every copy goes; a repeated line that reads as
/// prose (at least [`PROSE_WORDS`] words, ending like a sentence) keeps its first copy,
/// since articles sometimes repeat a sentence as a pull quote, and so does a line of
/// [`TITLE_WORDS`] words or more (a headline printed twice on a listing); the classifier
/// then judges that copy.
#[derive(Debug)]
pub(crate) struct Repeated;

/// Words a repeated line needs to be treated as prose (first copy kept).
const PROSE_WORDS: usize = 12;

/// Words a repeated line needs to keep its first copy open even when it is no sentence (a
/// headline printed twice on a listing: once in a carousel, once in the list).
const TITLE_WORDS: usize = 5;

/// Case-folded text with runs of non-alphanumerics collapsed, so that copies that differ
/// only in case, spacing or punctuation match. Appended to `out` (UTF-8).
pub(crate) fn normalise(line: &str, out: &mut Vec<u8>) {
    let base = out.len();
    let mut gap = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // ASCII fast path: same as `char::is_alphanumeric` / `to_lowercase` here.
            i += 1;
            if b.is_ascii_alphanumeric() {
                if gap && out.len() > base {
                    out.push(b' ');
                }
                gap = false;
                out.push(b.to_ascii_lowercase());
            } else {
                gap = true;
            }
            continue;
        }
        let c = line[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if c.is_alphanumeric() {
            if gap && out.len() > base {
                out.push(b' ');
            }
            gap = false;
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        } else {
            gap = true;
        }
    }
}

/// FxHash-style hasher: the keys are short normalised lines from one document, hashed
/// once each; SipHash's flood resistance is not needed for counting them (a collision
/// only costs a string comparison).
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `BuildHasher` for [`FxHasher`].
pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Whether a line of a code block reads as code: it has a bracket, semicolon, `=` or
/// angle bracket and no Markdown link. Indented blocks also hold forum user panels (join
/// dates, post counts, "[Germany](/location)"), which repeat per post and are layout.
fn reads_as_code(line: &str) -> bool {
    !line.contains("](") && line.bytes().any(|b| b"{}();=<>".contains(&b))
}

impl Rule for Repeated {
    fn name(&self) -> &str {
        "repeated-line"
    }
    fn category(&self) -> Category {
        Category::Repeated
    }
    fn description(&self) -> &str {
        "a line whose text occurs more than once (prose and lines of five words or more keep their first copy; code in Markdown code blocks stays)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        // Every line's key (computed once per document, in one buffer; none for code
        // in a Markdown code block), counted by borrowed key.
        let code = doc.code_lines();
        let keys: Vec<&[u8]> = (0..doc.len())
            .map(|i| match code.get(i) {
                Some(true) if reads_as_code(doc.line(i)) => &[][..],
                _ => doc.repeat_key(i),
            })
            .collect();
        let mut seen: HashMap<&[u8], (u32, usize), FxBuild> =
            HashMap::with_capacity_and_hasher(doc.len(), FxBuild::default());
        for (i, &key) in keys.iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            let entry = seen.entry(key).or_insert((0, i));
            entry.0 = entry.0.saturating_add(1);
        }
        let mut remove = Vec::new();
        for (i, &key) in keys.iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            let (count, first) = seen[key];
            if count < 2 {
                continue;
            }
            let line = doc.line(i);
            let words = text::word_count(line);
            let prose = words >= PROSE_WORDS && text::ends_sentence(line);
            if (prose || words >= TITLE_WORDS) && i == first {
                continue;
            }
            remove.push(i);
        }
        for i in remove {
            doc.remove(i, id, Category::Repeated);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(text: &str) -> Vec<bool> {
        let mut doc = Doc::new(text);
        Repeated.apply(&mut doc, 0);
        (0..doc.len()).map(|i| doc.is_removed(i)).collect()
    }

    #[test]
    fn short_repeats_all_go() {
        assert_eq!(
            removed("Top stories\nA\nTop Stories!\nB"),
            [true, false, true, false]
        );
    }

    #[test]
    fn prose_keeps_first_copy() {
        let p = "The committee voted on Tuesday to approve the budget for the coming year.";
        assert_eq!(removed(&format!("{p}\nother\n{p}")), [false, false, true]);
    }

    #[test]
    fn repeated_headline_keeps_first_copy() {
        let h = "Harbour wall to be rebuilt after storms";
        assert_eq!(
            removed(&format!("{h}\nNews\n{h}\nNews")),
            [false, true, true, true]
        );
    }

    #[test]
    fn code_repeats_stay() {
        let code = "    try {\n        run();\n    }\n";
        let page = format!("Intro\n\n{code}\nThen\n\n{code}");
        assert!(removed(&page).iter().all(|&r| !r));
    }

    #[test]
    fn indented_user_panels_still_go() {
        let panel = "\n    Mar 3, 2019\n    1,204\n\n";
        let page = format!("First reply.\n{panel}Second reply.\n{panel}");
        assert_eq!(
            removed(&page),
            [false, false, true, true, false, false, false, true, true, false]
        );
    }

    #[test]
    fn unique_lines_stay() {
        assert_eq!(removed("one\ntwo\nthree"), [false, false, false]);
    }
}
