//! Content words per line, for topic cohesion: an article's paragraphs share names and
//! terms with each other; a teaser for another story, a comment policy or a footer shares
//! few with the article around it, however much it reads like prose.

use std::hash::Hasher;

use crate::phrases::stopwords::Stopwords;
use crate::text;
use crate::text::hash::FxHasher;

/// The content words of many lines in one buffer: line `k`'s words (hashed, sorted, each
/// once) are `ids[start[k]..start[k + 1]]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Terms {
    ids: Vec<u64>,
    start: Vec<u32>,
    /// A lower-cased word (reused across lines, so no line allocates).
    lower: String,
}

/// Shortest content word, in characters (shorter words are mostly function words or
/// abbreviations a stopword list misses).
pub(crate) const MIN_CHARS: usize = 3;

/// The hash of a lower-cased content word, as [`Terms`] stores it: a word of at most 8
/// bytes as [`hash_packed`] of its bytes (no two such words share a hash), a longer one
/// hashed byte by byte.
#[inline]
pub(crate) fn hash(lower: &[u8]) -> u64 {
    if (1..=8).contains(&lower.len()) {
        return hash_packed(crate::phrases::stopwords::pack(lower));
    }
    let mut h = FxHasher::default();
    h.write(lower);
    h.finish()
}

/// [`hash`] of a word of 1 to 8 bytes given as one `u64` (its bytes, little-endian, zero
/// padded: [`crate::phrases::stopwords::pack`]): an odd multiple, so that words of up to
/// 8 bytes (which hold no zero byte) never share a hash.
#[inline]
pub(crate) fn hash_packed(p: u64) -> u64 {
    p.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The hash of two adjacent characters of text without spaces, as [`Terms`] stores it.
#[inline]
pub(crate) fn hash_pair(a: char, b: char) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(a as u32);
    h.write_u32(b as u32);
    h.finish()
}

impl Terms {
    /// No lines yet.
    pub(crate) fn new() -> Terms {
        Terms {
            ids: Vec::new(),
            start: vec![0],
            lower: String::new(),
        }
    }

    /// Number of lines.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// The terms of line `k` (empty past the end).
    pub(crate) fn of(&self, k: usize) -> &[u64] {
        match (self.start.get(k), self.start.get(k + 1)) {
            (Some(&a), Some(&z)) => &self.ids[a as usize..z as usize],
            _ => &[],
        }
    }

    /// Gives back the room grown for more lines (once every line is in: up to half of
    /// each table, held through the classifier; issue 24).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.start.shrink_to_fit();
    }

    /// Appends a line with no terms (a line an earlier rule removed).
    pub(crate) fn push_empty(&mut self) {
        self.start.push(self.ids.len() as u32);
    }

    /// Appends a line given its hashed terms (sorted and deduplicated here).
    #[cfg_attr(not(feature = "internal"), allow(dead_code))] // for `deboil::training`
    pub(crate) fn push_ids(&mut self, ids: &[u64]) {
        let from = self.ids.len();
        self.ids.extend_from_slice(ids);
        self.close_line(from);
    }

    /// Ends the line whose terms are `ids[from..]`: sorts them and keeps each once.
    fn close_line(&mut self, from: usize) {
        self.ids[from..].sort_unstable();
        let mut w = from;
        for r in from..self.ids.len() {
            if w == from || self.ids[r] != self.ids[w - 1] {
                self.ids[w] = self.ids[r];
                w += 1;
            }
        }
        self.ids.truncate(w);
        self.start.push(self.ids.len() as u32);
    }

    /// Appends the content words of `line`: its visible words (not link targets, URLs or
    /// e-mail addresses), lower-cased, that are not in `stop`, have at least [`MIN_CHARS`]
    /// characters and a letter; in text without spaces (Han, kana, Hangul), every pair of
    /// adjacent characters.
    pub(crate) fn push_line(&mut self, line: &str, stop: &Stopwords) {
        let from = self.ids.len();
        let mut lower = std::mem::take(&mut self.lower);
        let visible = text::without_link_targets(line);
        let tokens = visible
            .split_whitespace()
            .filter(|t| !(text::is_url(t) || t.contains('@')));
        let (mut buf, mut spill) = ([0u8; 32], Vec::new());
        for token in tokens {
            if token.is_ascii() {
                // The common case, split and lower-cased by bytes (the same words as
                // `text::words`, without decoding characters).
                for w in text::ascii_words(token.as_bytes()) {
                    if w.len() < MIN_CHARS || !w.iter().any(u8::is_ascii_alphabetic) {
                        continue;
                    }
                    let word = text::ascii_lower(w, &mut buf, &mut spill);
                    if stop.contains_ascii(word) {
                        continue;
                    }
                    self.ids.push(hash(word));
                }
                continue;
            }
            for w in text::words(token) {
                if w.chars().any(text::is_cjk) {
                    let mut prev = None;
                    for c in w.chars().filter(|&c| text::is_cjk(c)) {
                        if let Some(p) = prev {
                            self.ids.push(hash_pair(p, c));
                        }
                        prev = Some(c);
                    }
                    continue;
                }
                if w.len() < MIN_CHARS || !w.chars().any(text::is_alphabetic) {
                    continue;
                }
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                if lower.chars().count() < MIN_CHARS || stop.contains(&lower) {
                    continue;
                }
                self.ids.push(hash(lower.as_bytes()));
            }
        }
        self.lower = lower;
        self.close_line(from);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::stopwords;

    #[test]
    fn content_words_are_case_folded_and_counted_once() {
        let stop = stopwords::for_text(
            "The council met on Monday and agreed to rebuild the bridge over the river.",
        );
        let mut t = Terms::new();
        t.push_line("The Bridge, the bridge and the BRIDGE", stop);
        t.push_line("A new bridge over the river", stop);
        t.push_empty();
        assert_eq!(t.len(), 3);
        assert_eq!(t.of(0).len(), 1, "one content word, 'bridge'");
        assert!(t.of(1).contains(&t.of(0)[0]));
        assert_eq!(t.of(1).len(), 3, "bridge, new, river");
        assert!(t.of(2).is_empty());
        assert!(t.of(7).is_empty());
    }

    #[test]
    fn ascii_tokens_give_the_words_of_the_general_path() {
        let stop = stopwords::for_text("The bridge over the river");
        let mut t = Terms::new();
        // An ASCII token (read by bytes) and the same words inside non-ASCII tokens.
        let long = "Pneumonoultramicroscopicsilicovolcanoconiosis";
        t.push_line(&format!("'Bridge-works' THE river {long}"), stop);
        t.push_line(
            &format!("«bridge-works» the River… {}", long.to_lowercase()),
            stop,
        );
        assert_eq!(t.of(0).len(), 3, "bridge-works, river, the long word");
        assert_eq!(t.of(0), t.of(1));
    }

    #[test]
    fn link_targets_and_urls_are_not_words() {
        let stop = stopwords::for_text("");
        let mut t = Terms::new();
        t.push_line(
            "[Harbour news](https://example.org/harbour-news-today) www.example.org/x",
            stop,
        );
        t.push_line("Harbour news", stop);
        assert_eq!(t.of(0), t.of(1));
        assert_eq!(
            text::without_link_targets("a [b](c) d ![e](f)"),
            "a [b] d ![e]"
        );
    }

    #[test]
    fn text_without_spaces_gives_character_pairs() {
        let stop = stopwords::for_text("");
        let mut t = Terms::new();
        t.push_line("東京都知事", stop);
        assert_eq!(t.of(0).len(), 4);
    }
}
