//! The document as the rules see it: lines with per-line decisions.

use crate::rules::pattern::{PhraseHits, VisibleHits, WatchHits};
use crate::{Category, Span};

/// Index of a rule in the cleaner's ordered rule list.
pub(crate) type RuleId = u32;

/// One line of the input, in 8 bytes (a document of short lines holds millions): its
/// text starts at an offset whose low 32 bits are `low` (see [`Lines::start`]); it ends
/// `term` bytes (its terminator: `\n`, `\r\n`, a lone `\r`, or nothing at the end of the
/// input) before the next line starts (see [`Doc::end`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    low: u32,
    term: u8,
    /// Bytes of leading and trailing whitespace (both `u8::MAX` when either is too many to
    /// store; trim again on use), so that [`Doc::line`] does not re-trim on every call.
    lead: u8,
    trail: u8,
}

impl Line {
    #[inline(always)]
    fn new(text: &str, start: usize, end: usize, next: usize) -> Line {
        // Most lines start and end with a visible ASCII character (no whitespace there):
        // nothing to trim, told by two bytes, without slicing the text as `str` (issue 24:
        // a page of tiny lines).
        let bytes = &text.as_bytes()[start..end];
        let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
        let (lead, trail) = if visible(bytes.first()) && visible(bytes.last()) {
            (0, 0)
        } else {
            let raw = &text[start..end];
            let (lead, trail) = match raw.trim_start() {
                "" => (raw.len(), 0),
                rest => (raw.len() - rest.len(), rest.len() - rest.trim_end().len()),
            };
            // Too much whitespace on either side to store: both `u8::MAX`, so that
            // `Doc::bounds` tells it by one compare.
            match (u8::try_from(lead), u8::try_from(trail)) {
                (Ok(lead), Ok(trail)) if lead < u8::MAX && trail < u8::MAX => (lead, trail),
                _ => (u8::MAX, u8::MAX),
            }
        };
        Line {
            // The bits above are in `Lines::highs`.
            low: start as u32,
            // At most 2 (`\r\n`).
            term: (next - end) as u8,
            lead,
            trail,
        }
    }
}

/// The table of lines: a [`Line`] each, and for a document of 4 GiB or more the lines
/// from which the start offsets' bits above the low 32 change (none below 4 GiB, where a
/// line's start is its `low` alone).
#[derive(Debug, Default)]
pub(crate) struct Lines {
    table: Vec<Line>,
    /// `(first line, high)`: from line `first` on, the starts' bits above the low 32 are
    /// `high` (until the next entry).
    highs: Vec<(usize, u64)>,
}

impl Lines {
    fn with_capacity(n: usize) -> Lines {
        Lines {
            table: Vec::with_capacity(n),
            highs: Vec::new(),
        }
    }

    /// Adds the line of `text` whose text is `start..end` and whose terminator ends at
    /// `next` (see [`Line::new`]); lines come in order.
    #[inline]
    fn push(&mut self, text: &str, start: usize, end: usize, next: usize) {
        self.note_start(start);
        self.table.push(Line::new(text, start, end, next));
    }

    /// Notes the bits of `start` above the low 32 for the line about to be added.
    #[inline]
    fn note_start(&mut self, start: usize) {
        let high = start as u64 >> 32;
        if high != self.highs.last().map_or(0, |&(_, h)| h) {
            self.highs.push((self.table.len(), high));
        }
    }

    /// Number of lines.
    #[inline]
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Where line `i`'s text starts.
    #[inline]
    pub fn start(&self, i: usize) -> usize {
        if self.highs.is_empty() {
            self.table[i].low as usize
        } else {
            self.start_above_4g(i)
        }
    }

    /// [`Lines::start`] in a document of 4 GiB or more.
    #[cold]
    fn start_above_4g(&self, i: usize) -> usize {
        let k = self.highs.partition_point(|&(first, _)| first <= i);
        let high = k.checked_sub(1).map_or(0, |k| self.highs[k].1);
        (high << 32 | u64::from(self.table[i].low)) as usize
    }

    /// Where line `i`'s terminator ends: where the next line starts (the text's end after
    /// the last line).
    #[inline]
    fn next(&self, i: usize, text: &str) -> usize {
        if i + 1 < self.table.len() {
            self.start(i + 1)
        } else {
            text.len()
        }
    }
}

impl std::ops::Index<usize> for Lines {
    type Output = Line;
    #[inline]
    fn index(&self, i: usize) -> &Line {
        &self.table[i]
    }
}

/// What the rules decided about a line so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// No rule has decided: kept unless a later rule removes it.
    Open,
    /// Protected by a rule: kept, and later rules leave it alone.
    Keep(RuleId),
    /// Removed by a rule, with the category that rule gave it.
    Remove(RuleId, Category),
}

/// A [`Mark`] in 4 bytes: 0 is [`Mark::Open`]; else the top two bits say which mark
/// ([`KEPT`], [`REMOVED`], or [`SPILLED`]: the mark is in [`Doc`]'s `spilled` table), a
/// removal's category is bits 24 to 29 (its place in [`Category::ALL`]), and the rule
/// the low 24 bits (30 for [`Mark::Keep`]). A rule or category past those bits (more than
/// 16 million rules) spills.
type PackedMark = u32;
const KEPT: u32 = 1 << 30;
const REMOVED: u32 = 2 << 30;
const SPILLED: u32 = 3 << 30;
const TAG: u32 = 3 << 30;

/// `mark` packed (see [`PackedMark`]), or [`SPILLED`] when it does not fit.
#[inline]
fn pack(mark: Mark) -> PackedMark {
    match mark {
        Mark::Open => 0,
        Mark::Keep(rule) if rule < KEPT => KEPT | rule,
        Mark::Remove(rule, category) => {
            // Categories are declared without values: each is its place in `ALL`.
            let c = category as u32;
            if c < 64 && rule < 1 << 24 {
                REMOVED | c << 24 | rule
            } else {
                SPILLED
            }
        }
        Mark::Keep(_) => SPILLED,
    }
}

/// The input split into lines, with one [`Mark`] per line.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub lines: Lines,
    /// Each line's [`Mark`], packed.
    marks: Vec<PackedMark>,
    /// The marks that do not fit in [`PackedMark`], by line.
    spilled: std::collections::BTreeMap<usize, Mark>,
    /// The built-in phrase rules' shared literal scan, made by the first of them that runs
    /// and read by the others (their state, kept here for one document; see
    /// `rules::pattern::Group`).
    pub phrase_hits: PhraseHits,
    /// Markdown lines' visible text and its candidate phrase fragments, for the same rules.
    pub visible_hits: VisibleHits,
    /// The lines the same scan lists for the rules after the line classifier that look
    /// for phrases (kept when the scan is dropped).
    pub phrase_watch: WatchHits,
    /// The ids the built-in phrase rules run under in this cleaner, noted by each as it
    /// runs (custom rules before them, or built-in rules removed, shift the ids).
    phrase_rules: Vec<RuleId>,
    /// Every line's repetition key, computed on first use (see [`Doc::repeat_key`]).
    repeat_keys: std::cell::OnceCell<RepeatKeys>,
    /// Whether each line holds a Markdown link mark, computed on first use (see
    /// [`Doc::has_link`]).
    links: std::cell::OnceCell<Vec<bool>>,
    /// The non-blank lines, listed on first use (see [`Doc::text_line_list`]).
    text_lines: std::cell::OnceCell<std::sync::Arc<[usize]>>,
    /// Per line a bit, set for a line of [`LONG_LINE_BYTES`] bytes or more, on first use
    /// (see [`Doc::long_lines`]).
    long_lines: std::cell::OnceCell<Vec<u64>>,
    /// Per line, in one byte, measured when first asked (see [`Doc::word_entry`]; 0
    /// until then): its [`Doc::visible_words`] plus one (the low 7 bits; [`MANY_WORDS`]
    /// for a count too large for them, kept in `many_words`) and whether it has
    /// Markdown that [`crate::text::plain_text`] takes out ([`MARKED`]). A line without
    /// such Markdown shows its own text: its visible words are its
    /// [`words`](Doc::words).
    visible_words: std::cell::OnceCell<Vec<std::cell::Cell<u8>>>,
    /// The visible words of the lines whose count is too large for the table
    /// ([`MANY_WORDS`]), kept when they are counted (a few lines a page: the long lines
    /// left whole, and sub-lines of 126 words or more), so that a rule asking again reads
    /// them instead of counting the line again.
    many_words:
        std::cell::RefCell<std::collections::HashMap<usize, usize, crate::text::hash::FxBuild>>,
    /// Steps of the loops whose length the input decides, counted where they run.
    pub work: Work,
}

/// Steps of the loops whose length the input decides, beyond one pass over the lines,
/// counted where they run (a few additions a line: no table) for the tests of crafted
/// input (issue 24), which read them through `deboil::profiling::default_work`.
#[derive(Debug, Default)]
#[cfg_attr(not(feature = "internal"), allow(dead_code))] // read by `deboil::profiling`
pub(crate) struct Work {
    /// Repetition keys compared as bytes along their hash chains ([`Doc::repeat_key`]).
    pub key_compares: std::cell::Cell<usize>,
    /// Steps of the repeated-line rule's walks along passages printed twice.
    pub passage_steps: std::cell::Cell<usize>,
    /// Lines the built-in phrase rules read (each rule its candidates), and their bytes.
    pub phrase_lines: std::cell::Cell<usize>,
    /// The bytes of those lines.
    pub phrase_bytes: std::cell::Cell<usize>,
    /// Lines the near-title byline rule read beyond its zone of a few lines: the search
    /// for the headline printed again and for a name's bio.
    pub byline_lines: std::cell::Cell<usize>,
    /// Bytes of the lines the bio rule's opening pattern ran on.
    pub bio_bytes: std::cell::Cell<usize>,
    /// Rows the line classifier made (each line's first stage, and for those its head
    /// leaves unsure, the rest of it and the second stage's).
    pub classifier_rows: std::cell::Cell<usize>,
}

impl Work {
    /// Adds `n` to counter `c`.
    #[inline]
    pub fn add(c: &std::cell::Cell<usize>, n: usize) {
        c.set(c.get().saturating_add(n));
    }
}

/// The low bits of a line's entry in [`Doc`]'s table of visible words when the line has
/// 126 visible words or more: its count is taken again on use (lines of so many words
/// are rare after the long-line split, see [`SPLIT_WORDS`]).
const MANY_WORDS: u8 = 0x7f;

/// The bit of a line's entry in [`Doc`]'s table of visible words set when the line has
/// Markdown that [`crate::text::plain_text`] takes out (see [`crate::text::has_markup`]).
const MARKED: u8 = 0x80;

/// Where the first `\n` or `\r` of `b` is: in the first eight bytes by one test of a
/// word (issue 24: on a page of tiny lines a `memchr2` call a line cost about 100
/// instructions), past them by `memchr2`.
#[inline]
fn find_break(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let Some(word) = b.first_chunk::<8>() else {
        return memchr::memchr2(b'\n', b'\r', b);
    };
    let x = u64::from_le_bytes(*word);
    // The high bit of each zero byte of `v`, and maybe of bytes after the first such
    // (a borrow): the lowest bit set is always a zero byte.
    let zeros = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let m = zeros(x ^ (ONES * u64::from(b'\n'))) | zeros(x ^ (ONES * u64::from(b'\r')));
    if m != 0 {
        return Some((m.trailing_zeros() / 8) as usize);
    }
    memchr::memchr2(b'\n', b'\r', &b[8..]).map(|k| k + 8)
}

/// The number of lines [`Doc::new`] makes of `bytes`: one per `\n` or lone `\r`, plus
/// one for text after the last.
fn count_lines(bytes: &[u8]) -> usize {
    let mut n = memchr::memchr_iter(b'\n', bytes).count();
    if memchr::memchr(b'\r', bytes).is_some() {
        n += memchr::memchr_iter(b'\r', bytes)
            .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
            .count();
    }
    n + usize::from(!bytes.ends_with(b"\n") && !bytes.ends_with(b"\r") && !bytes.is_empty())
}

/// The document's distinct non-empty [`crate::rules::repeated::normalise`]d line texts
/// (its repetition keys), each once, numbered in order of first use, and each line's
/// key number: 4 bytes a line, and a key's bytes once however often it is printed.
#[derive(Debug, Default)]
struct RepeatKeys {
    /// Key `g` is `arena[ends[g - 1]..ends[g]]` (from 0 for the first).
    arena: Vec<u8>,
    ends: Vec<usize>,
    /// Per key, how many lines have it.
    count: Vec<u32>,
    /// Per line, its key's number; [`NO_GROUP`] for an empty key. (A document of more
    /// than 4 billion distinct keys, 8 GiB or more, gives the last number to the rest.)
    group: Vec<u32>,
}

impl RepeatKeys {
    /// The bytes of key `g`.
    fn key(&self, g: u32) -> &[u8] {
        let g = g as usize;
        match self.ends.get(g) {
            Some(&b) => &self.arena[g.checked_sub(1).map_or(0, |f| self.ends[f])..b],
            None => &[],
        }
    }
}

/// [`Doc::repeat_group`] of a line without a key.
const NO_GROUP: u32 = u32::MAX;

/// The shortest line (in bytes, trimmed) listed by [`Doc::long_lines`]: prose has ten
/// words or more, so 19 bytes or more.
pub(crate) const LONG_LINE_BYTES: usize = 10;

/// The places of the set bits of a bit set (bit `k % 64` of word `k / 64`), in order: the
/// lines of [`Doc::long_lines`].
#[derive(Clone, Debug)]
pub(crate) struct SetBits<'b> {
    words: &'b [u64],
    /// The place of the word `word` was taken from.
    base: usize,
    /// What is left of that word.
    word: u64,
}

impl Iterator for SetBits<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.word == 0 {
            self.base += 1;
            self.word = *self.words.get(self.base)?;
        }
        let k = self.word.trailing_zeros() as usize;
        self.word &= self.word - 1;
        Some(self.base * 64 + k)
    }
}

/// The repetition groups of lines of at most seven bytes met so far, by their bytes, in a
/// small direct-mapped table (a later line of the same bytes has the same key: issue 24,
/// a page of tiny lines normalised and hashed each of them, about 250 instructions a
/// line). Lines that share a slot replace each other: a miss only costs the general way.
struct ShortLines {
    /// `(tag, group)` per slot; tag 0 for an empty slot.
    slots: [(u64, u32); ShortLines::SLOTS],
}

impl Default for ShortLines {
    fn default() -> ShortLines {
        ShortLines {
            slots: [(0, 0); ShortLines::SLOTS],
        }
    }
}

impl ShortLines {
    const SLOTS: usize = 256;

    /// The bytes of a line of at most seven bytes and its length in one word (never 0),
    /// `None` for a longer line.
    #[inline]
    fn tag(b: &[u8]) -> Option<u64> {
        let n = b.len();
        if n > 7 {
            return None;
        }
        let mut x = 0u64;
        let mut k = 0;
        if n & 4 != 0 {
            x = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            k = 4;
        }
        if n & 2 != 0 {
            x |= u64::from(u16::from_le_bytes([b[k], b[k + 1]])) << (8 * k);
            k += 2;
        }
        if n & 1 != 0 {
            x |= u64::from(b[k]) << (8 * k);
        }
        Some(x | (n as u64 + 1) << 56)
    }

    #[inline]
    fn slot(tag: u64) -> usize {
        (tag.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize % ShortLines::SLOTS
    }

    /// The group of the line of `tag`, when it is in the table.
    #[inline]
    fn get(&self, tag: u64) -> Option<u32> {
        let (t, g) = self.slots[ShortLines::slot(tag)];
        (t == tag).then_some(g)
    }

    #[inline]
    fn put(&mut self, tag: u64, group: u32) {
        self.slots[ShortLines::slot(tag)] = (tag, group);
    }
}

/// Lines of more words than this (by [`crate::text::word_count`]) are split into
/// sub-lines (see [`cut_points`]): html2text prints many articles' paragraphs, and pasted
/// text all its paragraphs, as one line, and one decision on a line of 1,500 words keeps
/// or removes the whole article with the stamp, caption or share prompt glued to it.
pub(crate) const SPLIT_WORDS: usize = 150;

/// A sentence end cuts a long line only once the piece before it has this many words (a
/// short sentence joins the next one), and a last piece shorter than this after a
/// sentence end joins the one before.
const MIN_PIECE_WORDS: usize = 5;

/// An input with at least this many words of prose (lines of ten words or more that end
/// like a sentence, or of 25 words or more; link targets not counted) never gets an empty
/// body (see [`Doc::restore_if_empty`]).
pub(crate) const NEVER_EMPTY_PROSE_WORDS: usize = 50;

/// The longest a Markdown link's text or target may be for [`cut_points`] to leave it
/// whole (a `[` in prose that never closes must not stop the cutting for the rest of a
/// line).
const MAX_LINK_BYTES: usize = 4000;

/// A long line whose sentences occur elsewhere on the page for at least this share of its
/// words is not split (see [`split_long_lines`]).
const MAX_COPIED_SHARE: f32 = 0.5;

/// Why a long line is cut at a place (see [`cut_points`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    /// After a sentence's end, before a capital, a digit or an opening mark.
    Sentence,
    /// At markup: a run of two or more spaces (html2text's trace of a block boundary),
    /// before an image, between two links.
    Markup,
}

/// Where `line` (one line without its terminator) is cut into sub-lines, as byte offsets
/// where each sub-line after the first starts (always at a non-whitespace character, the
/// whitespace before it ending the piece before). Empty unless the line has more than
/// [`SPLIT_WORDS`] words. Never inside a Markdown link's text or target.
#[cfg(test)]
pub(crate) fn cut_points(line: &str) -> Vec<usize> {
    counted_cut_points(line).0
}

/// [`cut_points`], and the line's [`crate::text::word_count`] when it was counted (a line
/// of [`SPLIT_WORDS`] words or fewer, or more words but no place to cut), so that the
/// table of words need not count it again (see [`Doc::with_lines`]).
fn counted_cut_points(line: &str) -> (Vec<usize>, Option<usize>) {
    // A line of n words has at least 2n - 1 bytes.
    if line.len() < 2 * SPLIT_WORDS {
        return (Vec::new(), None);
    }
    let words = crate::text::word_count(line);
    if words <= SPLIT_WORDS {
        return (Vec::new(), Some(words));
    }
    let cuts = cuts_of_long_line(line);
    let words = cuts.is_empty().then_some(words);
    (cuts, words)
}

/// [`cut_points`] of a line of more than [`SPLIT_WORDS`] words.
fn cuts_of_long_line(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut cuts: Vec<(usize, Cut)> = Vec::new();
    // Words of the piece so far: whitespace-separated tokens, CJK characters by pairs.
    let (mut tokens, mut cjk) = (0usize, 0usize);
    let mut in_space = true;
    // Markdown nesting: `[` depth (reset when one stays open too long to be a link) and
    // parenthesis depth inside a link's target; where the last link target closed.
    let (mut square, mut square_at) = (0u32, 0usize);
    let (mut target, mut target_at) = (0u32, 0usize);
    let mut target_closed = usize::MAX;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let at_top = square == 0 && target == 0;
        if c == b' ' || c == b'\t' {
            if !in_space && at_top {
                // A run of whitespace: is the next non-space character a piece's start?
                let ws = i;
                let mut j = i;
                while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                    j += 1;
                }
                if j < b.len() {
                    let words = tokens + cjk / 2;
                    let kind = if j - ws >= 2
                        || b[j..].starts_with(b"![")
                        || (target_closed == ws && (b[j] == b'[' || b[j] == b'!'))
                    {
                        Some(Cut::Markup).filter(|_| words >= 1)
                    } else if sentence_end(&line[..ws]) && opens_sentence(&line[j..]) {
                        Some(Cut::Sentence).filter(|_| words >= MIN_PIECE_WORDS)
                    } else {
                        None
                    };
                    if let Some(kind) = kind {
                        cuts.push((j, kind));
                        tokens = 0;
                        cjk = 0;
                    }
                }
                in_space = true;
                i = j;
                continue;
            }
            in_space = true;
            i += 1;
            continue;
        }
        if in_space {
            tokens += 1;
        }
        in_space = false;
        match c {
            b'[' => {
                if square == 0 {
                    square_at = i;
                }
                square += 1;
            }
            b']' if square > 0 => {
                square -= 1;
                if b.get(i + 1) == Some(&b'(') && target == 0 {
                    target = 1;
                    target_at = i;
                    i += 2;
                    continue;
                }
            }
            b'(' if target > 0 => target += 1,
            b')' if target > 0 => {
                target -= 1;
                if target == 0 {
                    target_closed = i + 1;
                    // An image or a link right after a link, without a space.
                    let next = b.get(i + 1).copied();
                    if square == 0 && matches!(next, Some(b'[' | b'!')) && tokens + cjk / 2 >= 1 {
                        cuts.push((i + 1, Cut::Markup));
                        tokens = 0;
                        cjk = 0;
                        in_space = true;
                    }
                }
            }
            0xE3..=0xEF => {
                // Three-byte characters: CJK text counts by pairs and ends sentences
                // with full-width marks, without spaces.
                let ch = line[i..].chars().next().unwrap_or(' ');
                if crate::text::is_cjk(ch) {
                    cjk += 1;
                } else if matches!(ch, '。' | '！' | '？')
                    && square == 0
                    && target == 0
                    && tokens + cjk / 2 >= MIN_PIECE_WORDS
                    && i + 3 < b.len()
                    && !matches!(b[i + 3], b' ' | b'\t')
                {
                    cuts.push((i + 3, Cut::Sentence));
                    tokens = 0;
                    cjk = 0;
                    in_space = true;
                }
                i += ch.len_utf8();
                continue;
            }
            _ => {}
        }
        // A `[` open for this long is not a link's text, a `(` this long not its target
        // (html2text's link around a whole teaser card can hold 300 words).
        if square > 0 && i - square_at > MAX_LINK_BYTES {
            square = 0;
        }
        if target > 0 && i - target_at > MAX_LINK_BYTES {
            target = 0;
        }
        i += 1;
    }
    if let Some(&(_, Cut::Sentence)) = cuts.last() {
        if tokens + cjk / 2 < MIN_PIECE_WORDS {
            cuts.pop();
        }
    }
    cuts.into_iter().map(|(at, _)| at).collect()
}

/// Common abbreviations that end with a full stop inside a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "lt", "col",
    "capt", "sgt", "vs", "no", "nr", "fig", "vol", "approx", "ca", "cf", "etc",
];

/// Whether `before` (the text before a space) ends a sentence: `.`, `!`, `?` or `…`,
/// perhaps followed by closing quotes, brackets or emphasis marks, and not an
/// abbreviation, an initial or a number ("Dr.", "J.", "U.S.", "3.").
fn sentence_end(before: &str) -> bool {
    let s = before.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_', '»']);
    let Some(last) = s.chars().next_back() else {
        return false;
    };
    if last == '!' || last == '?' || last == '…' {
        return true;
    }
    if last != '.' {
        return false;
    }
    let word = &s[..s.len() - 1];
    let from = word
        .char_indices()
        .rfind(|&(_, c)| matches!(c, ' ' | '\t' | '(' | '"' | '“'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let word = &word[from..];
    if word.is_empty() || word.contains('.') || word.bytes().all(|c| c.is_ascii_digit()) {
        return false; // "...", "U.S.", "3."
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return !c.is_uppercase(); // an initial: "J."
    }
    !ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

/// Whether `after` (the text after a space) can start a sentence: a capital letter, a
/// digit, an opening quote or bracket, emphasis or a heading mark.
fn opens_sentence(after: &str) -> bool {
    match after.chars().next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        Some('"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '*' | '_' | '#' | '¿' | '¡') => true,
        Some('!') => after.starts_with("!["),
        _ => false,
    }
}

/// Which lines each sentence of the page occurs in (by the hash of its
/// [`crate::rules::repeated::normalise`]d text), for the sentences of four words or more.
struct SentenceCopies {
    /// Sentence key -> the one line it occurs in, or `u32::MAX` for several.
    lines: std::collections::HashMap<u64, u32, crate::text::hash::FxBuild>,
    build: crate::text::hash::FxBuild,
}

impl SentenceCopies {
    fn new(text: &str, lines: &Lines, ends: &impl Fn(usize) -> (usize, usize)) -> Self {
        let mut copies = SentenceCopies {
            lines: std::collections::HashMap::default(),
            build: crate::text::hash::FxBuild::default(),
        };
        let mut buf = Vec::new();
        for k in 0..lines.len() {
            let (end, _) = ends(k);
            for sentence in sentences(&text[lines.start(k)..end]) {
                if let Some(key) = copies.key(sentence, &mut buf) {
                    copies
                        .lines
                        .entry(key)
                        .and_modify(|l| {
                            if *l != k as u32 {
                                *l = u32::MAX;
                            }
                        })
                        .or_insert(k as u32);
                }
            }
        }
        copies
    }

    /// The key of a sentence of four words or more.
    fn key(&self, sentence: &str, buf: &mut Vec<u8>) -> Option<u64> {
        use std::hash::BuildHasher;
        let key = crate::rules::repeated::normalise(sentence, buf);
        let words = key.split(|&b| b == b' ').filter(|w| !w.is_empty()).count();
        (words >= 4).then(|| self.build.hash_one(key))
    }

    /// The share of the words of `line` (line `k`) in sentences that occur in another line.
    fn share(&self, line: &str, k: usize) -> f32 {
        let (mut copied, mut all) = (0usize, 0usize);
        let mut buf = Vec::new();
        for sentence in sentences(line) {
            let words = sentence.split_whitespace().count();
            all += words;
            if let Some(key) = self.key(sentence, &mut buf) {
                if self.lines.get(&key).is_some_and(|&l| l != k as u32) {
                    copied += words;
                }
            }
        }
        copied as f32 / all.max(1) as f32
    }
}

/// The sentences of `line`: split after `.`, `!` or `?` (perhaps closed by a quote or a
/// bracket) followed by whitespace.
fn sentences(line: &str) -> impl Iterator<Item = &str> {
    let b = line.as_bytes();
    let mut from = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let at = i;
            i += 1;
            if matches!(b[at], b'.' | b'!' | b'?') {
                let mut j = at + 1;
                while j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                    j += 1;
                }
                if j < b.len() && matches!(b[j], b' ' | b'\t') {
                    let s = &line[from..j];
                    from = j;
                    i = j;
                    return Some(s);
                }
            }
        }
        (from < b.len()).then(|| {
            let s = &line[from..];
            from = b.len();
            s
        })
    })
}

/// Splits each line of more than [`SPLIT_WORDS`] words into sub-lines at its
/// [`cut_points`]: every sub-line but the last has no terminator (the next one continues
/// it; see [`Doc::continues`]), unless most of its sentences are copies of the page's other
/// lines ([`MAX_COPIED_SHARE`]). Returns `lines` itself when no line is split.
///
/// `long` lists the lines of `2 * SPLIT_WORDS` bytes or more, in order (the others have
/// too few words to split: a word and its space take two bytes).
fn split_long_lines(text: &str, lines: Lines, long: &[usize]) -> (Lines, Vec<(usize, usize)>) {
    let ends = |k: usize| {
        let next = lines.next(k, text);
        (next - usize::from(lines[k].term), next)
    };
    let mut cuts: Vec<(usize, Vec<usize>)> = Vec::new();
    // The long lines left whole, with their word counts: `(line, words)`.
    let mut counted: Vec<(usize, usize)> = Vec::new();
    for &k in long {
        let (end, _) = ends(k);
        if end - lines.start(k) >= 2 * SPLIT_WORDS {
            let (at, words) = counted_cut_points(&text[lines.start(k)..end]);
            if !at.is_empty() {
                cuts.push((k, at));
            } else if let Some(words) = words {
                counted.push((k, words));
            }
        }
    }
    if cuts.is_empty() {
        return (lines, counted);
    }
    // A long line that copies the page's text (an article body repeated in a metadata
    // block, a summary of the paragraphs above) is left whole: one decision on the copy,
    // as on the repeated line it is, instead of one per sentence that reads as article.
    let copies = SentenceCopies::new(text, &lines, &ends);
    cuts.retain(|(k, _)| {
        let (end, _) = ends(*k);
        copies.share(&text[lines.start(*k)..end], *k) < MAX_COPIED_SHARE
    });
    if cuts.is_empty() {
        return (lines, counted);
    }
    let extra: usize = cuts.iter().map(|(_, at)| at.len()).sum();
    let mut out = Lines::with_capacity(lines.len() + extra);
    let mut cuts = cuts.into_iter().peekable();
    // The counted lines' numbers among the new lines.
    let mut renumbered = Vec::with_capacity(counted.len());
    let mut counted = counted.into_iter().peekable();
    for k in 0..lines.len() {
        let (end, next) = ends(k);
        let start = lines.start(k);
        match cuts.next_if(|(j, _)| *j == k) {
            Some((_, at)) => {
                let mut from = start;
                for a in at {
                    out.push(text, from, start + a, start + a);
                    from = start + a;
                }
                out.push(text, from, end, next);
            }
            None => {
                if let Some((_, words)) = counted.next_if(|(j, _)| *j == k) {
                    renumbered.push((out.len(), words));
                }
                out.push(text, start, end, next)
            }
        }
    }
    (out, renumbered)
}

/// The entry of a line of `words` visible words in [`Doc`]'s table of visible words,
/// [`MARKED`] when the line has Markdown to take out (never 0: see [`Doc::word_entry`]).
fn words_entry(words: usize, marked: bool) -> u8 {
    let words = u8::try_from(words.saturating_add(1)).map_or(MANY_WORDS, |w| w.min(MANY_WORDS));
    words | if marked { MARKED } else { 0 }
}

impl<'a> Doc<'a> {
    /// Splits `text` into lines in one pass (after counting them, so that the table of
    /// lines is allocated once, to size), and each line of more than [`SPLIT_WORDS`]
    /// words into sub-lines (see [`split_long_lines`]): the default engine's lines.
    pub fn new(text: &'a str) -> Doc<'a> {
        Doc::with_lines(text, true)
    }

    /// Splits `text` into lines at line ends only, however long (the fast engine's lines:
    /// its small model, measured by cross-validation, lost recall on sub-lines).
    pub fn whole_lines(text: &'a str) -> Doc<'a> {
        Doc::with_lines(text, false)
    }

    /// The lines of `text`, long ones split into sub-lines when `sub_lines` is set.
    fn with_lines(text: &'a str, sub_lines: bool) -> Doc<'a> {
        let bytes = text.as_bytes();
        let mut lines = Lines::with_capacity(count_lines(bytes));
        // A leading byte order mark is an encoding artifact, not text: the first line's
        // text starts after it, but its span (see `full_span`) still covers it.
        let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        // The lines long enough to be split (see `split_long_lines`), noted here rather
        // than by a second walk over every line (issue 24: a page of tiny lines).
        let mut long = Vec::new();
        while start < bytes.len() {
            let (end, next) = match find_break(&bytes[start..]) {
                Some(off) => {
                    let end = start + off;
                    let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                        end + 2
                    } else {
                        end + 1
                    };
                    (end, next)
                }
                None => (bytes.len(), bytes.len()),
            };
            if end - start >= 2 * SPLIT_WORDS {
                long.push(lines.len());
            }
            lines.push(text, start, end, next);
            start = next;
        }
        let (lines, counted) = if sub_lines && !long.is_empty() {
            split_long_lines(text, lines, &long)
        } else {
            (lines, Vec::new())
        };
        let marks = vec![0; lines.len()];
        let doc = Doc {
            text,
            lines,
            marks,
            spilled: std::collections::BTreeMap::new(),
            phrase_hits: PhraseHits::default(),
            visible_hits: VisibleHits::default(),
            phrase_watch: WatchHits::default(),
            phrase_rules: Vec::new(),
            repeat_keys: std::cell::OnceCell::new(),
            links: std::cell::OnceCell::new(),
            text_lines: std::cell::OnceCell::new(),
            long_lines: std::cell::OnceCell::new(),
            visible_words: std::cell::OnceCell::new(),
            many_words: std::cell::RefCell::default(),
            work: Work::default(),
        };
        // The long lines left whole were counted to decide it: their entries in the table
        // of words are filled from those counts (a line without Markdown to take out shows
        // its own text), not counted again when first asked.
        if !counted.is_empty() {
            let table = doc
                .visible_words
                .get_or_init(|| vec![std::cell::Cell::new(0); doc.len()]);
            for (i, words) in counted {
                if !crate::text::has_markup(doc.line(i).as_bytes()) {
                    table[i].set(words_entry(words, false));
                    doc.keep_many_words(i, words);
                }
            }
        }
        doc
    }

    /// The words a reader sees on line `i`: [`crate::text::word_count`] of its
    /// [`Doc::plain`] text (images by their alt text). Counted once per line, when first
    /// asked (see [`Doc::word_entry`]).
    pub fn visible_words(&self, i: usize) -> usize {
        match self.word_entry(i) & MANY_WORDS {
            MANY_WORDS => {
                if let Some(&words) = self.many_words.borrow().get(&i) {
                    return words;
                }
                let words = crate::text::word_count(&self.plain(i, crate::text::Images::Alt));
                self.keep_many_words(i, words);
                words
            }
            e => usize::from(e) - 1,
        }
    }

    /// Keeps `words`, line `i`'s visible words, when the table cannot hold them (see the
    /// `many_words` field).
    #[inline]
    fn keep_many_words(&self, i: usize, words: usize) {
        if words_entry(words, false) == MANY_WORDS && i < self.len() {
            self.many_words.borrow_mut().insert(i, words);
        }
    }

    /// [`crate::text::word_count`] of line `i` ([`Doc::line`]): read from the table of
    /// visible words for a line without Markdown to take out (its visible text is the
    /// line), counted again for the others.
    pub fn words(&self, i: usize) -> usize {
        let e = self.word_entry(i);
        if e & MARKED == 0 && e & MANY_WORDS != MANY_WORDS {
            usize::from(e) - 1
        } else {
            crate::text::word_count(self.line(i))
        }
    }

    /// The text a reader sees on line `i`: [`crate::text::plain_text`] of the line, read
    /// from the table of visible words for a line without Markdown to take out (most
    /// lines: the line itself, trimmed as `plain_text` trims).
    pub fn plain(&self, i: usize, images: crate::text::Images) -> std::borrow::Cow<'a, str> {
        if self.word_entry(i) & MARKED == 0 {
            std::borrow::Cow::Borrowed(self.line(i))
        } else {
            crate::text::plain_text(self.line(i), images)
        }
    }

    /// Line `i`'s entry in the table of visible words (one byte a line, see [`MARKED`]
    /// and [`MANY_WORDS`]; the table is allocated on first use), measured when first asked
    /// and kept: a line no rule asks about is never measured, one that several rules read
    /// is measured once. [`MARKED`] for a line past the end.
    #[inline]
    fn word_entry(&self, i: usize) -> u8 {
        let table = self
            .visible_words
            .get_or_init(|| vec![std::cell::Cell::new(0); self.len()]);
        let Some(cell) = table.get(i) else {
            return MARKED | MANY_WORDS;
        };
        match cell.get() {
            0 => {
                let e = self.measure_words(i);
                cell.set(e);
                e
            }
            e => e,
        }
    }

    /// Line `i`'s entry in the table of visible words (never 0).
    #[inline(never)]
    fn measure_words(&self, i: usize) -> u8 {
        let line = self.line(i);
        if line.is_empty() {
            return 1;
        }
        let marked = crate::text::has_markup(line.as_bytes());
        let words = match marked {
            true => {
                crate::text::word_count(&crate::text::plain_text(line, crate::text::Images::Alt))
            }
            false => crate::text::word_count(line),
        };
        self.keep_many_words(i, words);
        words_entry(words, marked)
    }

    /// Whether line `i` holds a Markdown link or image (`](`, see [`crate::text::has_link`]):
    /// asked by every phrase rule of every line, answered from one scan per document.
    pub fn has_link(&self, i: usize) -> bool {
        let links = self.links.get_or_init(|| {
            // No line holds the mark when the text does not (a line is a piece of it):
            // one search of the text instead of a test a line (issue 24: a page of tiny
            // lines), and an empty table.
            if memchr::memmem::find(self.text.as_bytes(), b"](").is_none() {
                return Vec::new();
            }
            (0..self.len())
                .map(|i| crate::text::has_link(self.line(i)))
                .collect()
        });
        links.get(i).copied().unwrap_or(false)
    }

    /// The key that groups line `i` with its repeats: its text lower-cased, with only
    /// letters and digits, runs of anything else one space (see
    /// [`crate::rules::repeated::normalise`]); empty for a line without letters or
    /// digits. Computed for every line on first use: the repeated-line rule and the
    /// classifier's grid features share them.
    pub fn repeat_key(&self, i: usize) -> &[u8] {
        let keys = self.repeat_keys();
        match keys.group.get(i) {
            Some(&g) if g != NO_GROUP => keys.key(g),
            _ => &[],
        }
    }

    /// How many lines of the document have line `i`'s [`repeat_key`](Doc::repeat_key)
    /// (line `i` included); 0 when the key is empty. Counted once per document, with the
    /// keys.
    pub fn copies(&self, i: usize) -> u32 {
        let keys = self.repeat_keys();
        match keys.group.get(i) {
            Some(&g) => keys.count.get(g as usize).copied().unwrap_or(0),
            None => 0,
        }
    }

    /// Line `i`'s key's number among the document's distinct non-empty
    /// [`repeat_key`](Doc::repeat_key)s (two lines have the same number exactly when they
    /// have the same key), below [`Doc::repeat_groups`]; `None` for an empty key.
    pub fn repeat_group(&self, i: usize) -> Option<u32> {
        self.repeat_keys()
            .group
            .get(i)
            .copied()
            .filter(|&g| g != NO_GROUP)
    }

    /// Every line's [`Doc::repeat_group`] in one table, `u32::MAX` for a line without a
    /// key (the rules that read every line's group: no look-up a line).
    pub fn repeat_group_table(&self) -> &[u32] {
        &self.repeat_keys().group
    }

    /// How many lines have key number `g` ([`Doc::repeat_group`]); 0 past the last.
    pub fn group_copies(&self, g: u32) -> u32 {
        self.repeat_keys()
            .count
            .get(g as usize)
            .copied()
            .unwrap_or(0)
    }

    /// How many distinct non-empty repetition keys the document has.
    pub fn repeat_groups(&self) -> usize {
        self.repeat_keys().count.len()
    }

    /// Every line's repetition key and its number of copies, computed on first use.
    fn repeat_keys(&self) -> &RepeatKeys {
        self.repeat_keys.get_or_init(|| {
            use crate::text::hash::FxBuild;
            use std::collections::HashMap;
            use std::hash::BuildHasher;
            let mut keys = RepeatKeys {
                group: Vec::with_capacity(self.len()),
                ..RepeatKeys::default()
            };
            // Each key hashed once (keyed: crafted lines cannot share a hash on purpose);
            // the first key of each hash in a table, keys of the same hash chained.
            let build = FxBuild::default();
            let mut first: HashMap<u64, u32, FxBuild> = HashMap::default();
            let mut chain: Vec<u32> = Vec::new();
            let mut buf = Vec::new();
            let mut compares = 0;
            // Lines of a few bytes by their bytes (see `ShortLines`): a line seen before
            // has its group without normalising, hashing or comparing it again.
            let mut short = ShortLines::default();
            for i in 0..self.len() {
                let tag = ShortLines::tag(self.line_bytes(i));
                if let Some(g) = tag.and_then(|t| short.get(t)) {
                    if let Some(c) = keys.count.get_mut(g as usize) {
                        *c += 1;
                    }
                    keys.group.push(g);
                    continue;
                }
                let key = crate::rules::repeated::normalise(self.line(i), &mut buf);
                if key.is_empty() {
                    if let Some(t) = tag {
                        short.put(t, NO_GROUP);
                    }
                    keys.group.push(NO_GROUP);
                    continue;
                }
                let hash = build.hash_one(key);
                let mut g = first.get(&hash).copied().unwrap_or(NO_GROUP);
                while g != NO_GROUP {
                    compares += 1;
                    if keys.key(g) == key {
                        break;
                    }
                    g = chain[g as usize];
                }
                if g == NO_GROUP {
                    g = u32::try_from(keys.count.len()).unwrap_or(NO_GROUP - 1);
                    if g != NO_GROUP - 1 || keys.count.len() == g as usize {
                        chain.push(first.insert(hash, g).unwrap_or(NO_GROUP));
                        keys.arena.extend_from_slice(key);
                        keys.ends.push(keys.arena.len());
                        keys.count.push(0);
                    }
                }
                keys.count[g as usize] += 1;
                keys.group.push(g);
                if let Some(t) = tag {
                    short.put(t, g);
                }
            }
            // Held until the rules are done: without the room grown for more keys (up to
            // half of each table, issue 24).
            drop((first, chain, buf));
            Work::add(&self.work.key_compares, compares);
            keys.arena.shrink_to_fit();
            keys.ends.shrink_to_fit();
            keys.count.shrink_to_fit();
            keys
        })
    }

    /// Number of lines.
    #[inline]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether line `i` is a sub-line of a long line that line `i + 1` continues (it has
    /// no terminator of its own; see [`SPLIT_WORDS`]).
    #[inline]
    pub fn continues(&self, i: usize) -> bool {
        i + 1 < self.lines.len() && self.lines[i].term == 0
    }

    /// Where line `i` starts (its [`raw`](Doc::raw) text, before any leading whitespace).
    #[inline]
    pub fn start(&self, i: usize) -> usize {
        self.lines.start(i)
    }

    /// Where line `i`'s terminator ends: where the next line starts.
    #[inline]
    pub fn next(&self, i: usize) -> usize {
        self.lines.next(i, self.text)
    }

    /// Where line `i`'s text ends (its terminator starts).
    #[inline]
    pub fn end(&self, i: usize) -> usize {
        self.next(i) - usize::from(self.lines[i].term)
    }

    /// The text of line `i` without its terminator.
    #[inline(always)]
    pub fn raw(&self, i: usize) -> &'a str {
        match self.bounds(i) {
            Some((start, _, _, end)) => &self.text[start..end],
            None => &self.text[self.lines.start(i)..self.end(i)],
        }
    }

    /// Line `i`'s raw start, trimmed start, trimmed end and raw end (its terminator's
    /// start) when the table holds them directly (a document below 4 GiB, and at most 254
    /// bytes of whitespace around the line's text: nearly every line); `None` otherwise
    /// ([`Doc::line`] and [`Doc::raw`] then take the general way). One look-up of the line
    /// and of the next line's start, without the general way's branches, so that the
    /// accessors every rule calls for every line stay small enough to inline.
    #[inline(always)]
    fn bounds(&self, i: usize) -> Option<(usize, usize, usize, usize)> {
        let table = &self.lines.table;
        let l = table[i];
        // `lead` is `u8::MAX` exactly when `trail` is (see `Line::new`).
        if !self.lines.highs.is_empty() || l.lead == u8::MAX {
            return None;
        }
        let next = table.get(i + 1).map_or(self.text.len(), |n| n.low as usize);
        let start = l.low as usize;
        let end = next - usize::from(l.term);
        Some((
            start,
            start + usize::from(l.lead),
            end - usize::from(l.trail),
            end,
        ))
    }

    /// The text of line `i`, trimmed of surrounding whitespace.
    #[inline(always)]
    pub fn line(&self, i: usize) -> &'a str {
        match self.bounds(i) {
            Some((_, from, to, _)) => &self.text[from..to],
            None => self.line_slow(i),
        }
    }

    /// [`Doc::line`] of a line whose bounds the table does not hold directly.
    #[cold]
    #[inline(never)]
    fn line_slow(&self, i: usize) -> &'a str {
        self.text[self.lines.start(i)..self.end(i)].trim()
    }

    /// The bytes of line `i`, trimmed as [`Doc::line`] trims, taken without checking
    /// character boundaries (the per-line byte tests of the rules).
    #[inline(always)]
    pub fn line_bytes(&self, i: usize) -> &'a [u8] {
        match self.bounds(i) {
            Some((_, from, to, _)) => &self.text.as_bytes()[from..to],
            None => self.line_slow(i).as_bytes(),
        }
    }

    /// The length in bytes of line `i` ([`Doc::line`]).
    #[inline(always)]
    pub fn line_len(&self, i: usize) -> usize {
        match self.bounds(i) {
            Some((_, from, to, _)) => to - from,
            None => self.line_slow(i).len(),
        }
    }

    /// Whether line `i` holds nothing but whitespace.
    #[inline(always)]
    pub fn is_blank(&self, i: usize) -> bool {
        match self.bounds(i) {
            Some((_, from, _, end)) => from == end,
            None => self.line_slow(i).is_empty(),
        }
    }

    /// Notes that rule `id` is a built-in phrase rule (see [`Doc::is_phrase_rule`]).
    pub fn note_phrase_rule(&mut self, id: RuleId) {
        self.phrase_rules.push(id);
    }

    /// Whether rule `id` is a built-in phrase rule that has run on this document.
    pub fn is_phrase_rule(&self, id: RuleId) -> bool {
        self.phrase_rules.contains(&id)
    }

    /// The decision on line `i` so far.
    #[inline]
    pub fn mark(&self, i: usize) -> Mark {
        let m = self.marks[i];
        match m & TAG {
            0 => Mark::Open,
            KEPT => Mark::Keep(m & !TAG),
            REMOVED => Mark::Remove(m & ((1 << 24) - 1), Category::ALL[(m >> 24 & 63) as usize]),
            _ => self.spilled.get(&i).copied().unwrap_or(Mark::Open),
        }
    }

    /// Whether line `i` is removed with category `category` (`matches!(doc.mark(i),
    /// Mark::Remove(_, category))`, by one masked compare of the packed mark).
    #[inline]
    pub fn is_removed_as(&self, i: usize, category: Category) -> bool {
        const CATEGORY: u32 = 63 << 24;
        let m = self.marks[i];
        let c = category as u32;
        if c < 64 && m & TAG != SPILLED {
            m & (TAG | CATEGORY) == REMOVED | c << 24
        } else {
            matches!(self.mark(i), Mark::Remove(_, k) if k == category)
        }
    }

    /// The end of the run of lines from line `i` (below [`Doc::len`]) that have the same
    /// mark as line `i`: the first line after it with another mark, or [`Doc::len`]
    /// (`i + 1` for a mark kept outside the packed table), found by comparing packed
    /// marks (issue 24: the result's assembly decoded every line's mark).
    #[inline]
    pub fn mark_run_end(&self, i: usize) -> usize {
        let m = self.marks[i];
        if m & TAG == SPILLED {
            return i + 1;
        }
        let rest = &self.marks[i + 1..];
        i + 1 + rest.iter().position(|&x| x != m).unwrap_or(rest.len())
    }

    /// Whether no rule has decided line `i` yet.
    #[inline]
    pub fn is_open(&self, i: usize) -> bool {
        self.marks[i] == 0
    }

    /// Whether line `i` is removed.
    #[inline]
    pub fn is_removed(&self, i: usize) -> bool {
        match self.marks[i] & TAG {
            REMOVED => true,
            SPILLED => matches!(self.mark(i), Mark::Remove(..)),
            _ => false,
        }
    }

    /// Removes line `i` if no rule decided it yet. Returns whether it did.
    #[inline]
    pub fn remove(&mut self, i: usize, rule: RuleId, category: Category) -> bool {
        if self.marks[i] == 0 {
            self.set_mark(i, Mark::Remove(rule, category));
            true
        } else {
            false
        }
    }

    /// Protects line `i` from later rules if no rule decided it yet.
    #[inline]
    pub fn keep(&mut self, i: usize, rule: RuleId) -> bool {
        if self.marks[i] == 0 {
            self.set_mark(i, Mark::Keep(rule));
            true
        } else {
            false
        }
    }

    /// Keeps line `i` again if a rule removed it (a later rule that reads a block
    /// earlier rules judged line by line, see `rules::cards`). Returns whether it did.
    pub fn restore(&mut self, i: usize, rule: RuleId) -> bool {
        if self.is_removed(i) {
            self.set_mark(i, Mark::Keep(rule));
            true
        } else {
            false
        }
    }

    /// Sets line `i`'s mark, whatever it was.
    #[inline]
    fn set_mark(&mut self, i: usize, mark: Mark) {
        let packed = pack(mark);
        if packed == SPILLED {
            self.spilled.insert(i, mark);
        } else if self.marks[i] == SPILLED {
            self.spilled.remove(&i);
        }
        self.marks[i] = packed;
    }

    /// The span of line `i` including its terminator.
    #[inline]
    pub fn full_span(&self, i: usize) -> Span {
        // Line 0 owns the leading byte order mark, if any (see `Doc::new`).
        let start = if i == 0 { 0 } else { self.lines.start(i) };
        Span::new(start, self.next(i))
    }

    /// Never an empty body: when no kept line has a word but the input has at least
    /// [`NEVER_EMPTY_PROSE_WORDS`] words of prose, keeps the best run of prose instead
    /// (the run of non-blank lines with the most prose words, less a few words for each
    /// line that is not prose), except the headline and lines removed by a rule for which
    /// `may_undo` is false. Runs after every rule; a page whose rules leave some text is
    /// not touched. Returns whether it restored anything.
    pub fn restore_if_empty(&mut self, may_undo: impl Fn(RuleId) -> bool) -> bool {
        let visible = |i: usize| {
            crate::text::word_count(&crate::text::plain_text(
                self.line(i),
                crate::text::Images::Drop,
            ))
        };
        let kept_words = (0..self.len()).any(|i| {
            !self.is_removed(i) && self.line(i).chars().any(char::is_alphanumeric) && visible(i) > 0
        });
        if kept_words {
            return false;
        }
        let lines = self.text_lines();
        // Line `i`'s words when it is prose (ten or more), else `None`. Prose has ten
        // words or more, each with a letter or a digit of the line (the visible text only
        // leaves out or spaces apart): a shorter line is not prose, told without its
        // visible text (a document of short lines).
        let prose = |i: usize| {
            if self.line(i).len() < 10 {
                return None;
            }
            let words = visible(i);
            crate::classifier::features::is_prose(words, crate::text::ends_sentence(self.line(i)))
                .then_some(words)
        };
        let title = |i: usize| matches!(self.mark(i), Mark::Remove(_, Category::Title));
        // The prose words (the positive scores below), counted first: most pages without
        // a kept word have too few (issue 24: a document of a million short lines, all
        // removed, needs no table of scores).
        // Prose lines are long lines (`LONG_LINE_BYTES`): the short ones are not read.
        const _: () = assert!(LONG_LINE_BYTES <= 10);
        let prose_words = self
            .long_lines()
            .filter(|&i| !title(i))
            .filter_map(prose)
            .map(|w| i32::try_from(w).unwrap_or(i32::MAX) as usize)
            .sum::<usize>();
        if prose_words < NEVER_EMPTY_PROSE_WORDS {
            return false;
        }
        // Each line's score: its words when it is prose, else a negative weight. 4 bytes a
        // line (issue 24: a table of every line's words and score took 16, the peak of a
        // document of one-byte lines).
        let score: Vec<i32> = lines
            .iter()
            .map(|&i| {
                if title(i) {
                    -(NEVER_EMPTY_PROSE_WORDS as i32)
                } else if let Some(words) = prose(i) {
                    i32::try_from(words).unwrap_or(i32::MAX)
                } else {
                    -5
                }
            })
            .collect();
        // The maximum-sum run of lines.
        let Some((first, last)) =
            crate::classifier::features::best_run(score.iter().map(|&v| i64::from(v)))
        else {
            return false;
        };
        let mut restored = false;
        for &i in &lines[first..=last] {
            if let Mark::Remove(rule, category) = self.mark(i) {
                if category != Category::Title && may_undo(rule) {
                    self.set_mark(i, Mark::Open);
                    restored = true;
                }
            }
        }
        restored
    }

    /// Drops the phrase rules' shared scan ([`Doc::phrase_hits`], [`Doc::visible_hits`]):
    /// called before each rule that does not read it (see `Rule::reads_phrase_scan`), so
    /// that it is not held through the rules after the phrase rules (issue 24: 4 bytes a
    /// line and more). A phrase rule that runs later scans again.
    pub fn release_phrase_scan(&mut self) {
        if self.phrase_hits.group.is_some() {
            self.phrase_hits = PhraseHits::default();
        }
        if self.visible_hits.group.is_some() {
            self.visible_hits = VisibleHits::default();
        }
    }

    /// Drops every table the rules share (the phrase scan, repetition keys, links, visible
    /// words, the list of text lines), once every rule has run: the result is built from
    /// the marks and the line table alone (issue 24: on a document of short lines these
    /// tables are about 20 bytes a line, held beside the result's removals otherwise). A
    /// table asked for again is computed again.
    pub fn release_rule_tables(&mut self) {
        self.release_phrase_scan();
        self.phrase_watch = WatchHits::default();
        self.repeat_keys = std::cell::OnceCell::new();
        self.links = std::cell::OnceCell::new();
        self.text_lines = std::cell::OnceCell::new();
        self.long_lines = std::cell::OnceCell::new();
        self.visible_words = std::cell::OnceCell::new();
    }

    /// Indices of the non-blank lines, in order: [`Doc::text_line_list`] (listed once, not
    /// copied for each caller: 8 bytes a line).
    pub fn text_lines(&self) -> std::sync::Arc<[usize]> {
        self.text_line_list()
    }

    /// [`Doc::text_lines`], listed once per document (blank lines stay blank) and shared:
    /// the rules that walk the text lines while they decide lines hold this handle, not a
    /// borrow of the document.
    pub fn text_line_list(&self) -> std::sync::Arc<[usize]> {
        self.text_lines
            .get_or_init(|| {
                // Listed to size (issue 24: collected from a filter, the list grew by
                // doubling, a copy each time, on a page of tiny lines).
                let mut list = Vec::with_capacity(self.len());
                for i in 0..self.len() {
                    if !self.is_blank(i) {
                        list.push(i);
                    }
                }
                list.into()
            })
            .clone()
    }

    /// The lines of [`LONG_LINE_BYTES`] bytes or more ([`Doc::line`]), in order: marked
    /// once per document, a bit a line, so that the rules that look only for such lines
    /// (prose: ten words or more) pass a page's short lines 64 at a time (issue 24: on a
    /// page of tiny lines each of them read every line).
    pub fn long_lines(&self) -> SetBits<'_> {
        let bits = self.long_lines.get_or_init(|| {
            let mut bits = vec![0u64; self.len().div_ceil(64)];
            for i in 0..self.len() {
                if self.line_len(i) >= LONG_LINE_BYTES {
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
            bits
        });
        SetBits {
            words: bits,
            base: 0,
            word: bits.first().copied().unwrap_or(0),
        }
    }

    /// Whether some line may be code (see [`Doc::code_lines`]): the text has a fence
    /// (```` ``` ```` or `~~~`), or a line starts with four spaces or a tab (lines start
    /// the text, or follow a `\n` or a `\r`).
    fn may_have_code(&self) -> bool {
        let t = self.text.as_bytes();
        let t = t.strip_prefix("\u{feff}".as_bytes()).unwrap_or(t);
        let indented = |b: &[u8]| b.starts_with(b"    ") || b.starts_with(b"\t");
        // Whole-text searches, not a test at every line break (issue 24: a page of tiny
        // lines paid about 75 instructions a line for that).
        let has = |needle: &[u8]| memchr::memmem::find(t, needle).is_some();
        indented(t)
            || has(b"```")
            || has(b"~~~")
            || [&b"\n    "[..], b"\n\t", b"\r    ", b"\r\t"]
                .iter()
                .any(|n| has(n))
    }

    /// Which lines are inside a Markdown code block: between ```` ``` ```` or `~~~` fences
    /// (the fences included), or indented by four spaces or a tab (not a list item) after a
    /// blank line or another such line. Code repeats lines (`}`, `try {`, `</tr>`) that are
    /// content, not layout.
    #[cfg_attr(not(test), allow(dead_code))] // the rules ask `code_lines_if_any`
    pub fn code_lines(&self) -> Vec<bool> {
        if !self.may_have_code() {
            return vec![false; self.len()];
        }
        self.code_lines_walk()
    }

    /// [`Doc::code_lines`], `None` when the text cannot hold code (no table a line).
    pub fn code_lines_if_any(&self) -> Option<Vec<bool>> {
        self.may_have_code().then(|| self.code_lines_walk())
    }

    /// [`Doc::code_lines`], line by line.
    fn code_lines_walk(&self) -> Vec<bool> {
        let mut code = vec![false; self.len()];
        let mut fenced = false;
        let mut prev_blank = true;
        for i in 0..self.len() {
            let raw = self.raw(i);
            let line = self.line(i);
            if line.starts_with("```") || line.starts_with("~~~") {
                code[i] = true;
                fenced = !fenced;
            } else if fenced {
                code[i] = true;
            } else if !self.is_blank(i) {
                let indented = raw.starts_with("    ") || raw.starts_with('\t');
                code[i] = indented
                    && crate::text::after_list_marker(line).is_none()
                    && (prev_blank || (i > 0 && code[i - 1]));
            }
            prev_blank = self.is_blank(i);
        }
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_the_lines_of_ten_bytes_or_more() {
        // Lines on both sides of the threshold, runs of short lines longer than a word
        // of the bit set, blank lines and lines padded with whitespace.
        let mut text = String::new();
        for k in 0..700usize {
            let line = match k % 11 {
                0 => "  nine byte  ".to_owned(),
                1 => "ten bytes!".to_owned(),
                2 | 3 => String::new(),
                _ if k % 150 < 90 => "a".to_owned(),
                _ => format!("line {k} of the page"),
            };
            text.push_str(&line);
            text.push_str(if k % 2 == 0 { "\n" } else { "\r\n" });
        }
        let doc = Doc::new(&text);
        let want: Vec<usize> = (0..doc.len())
            .filter(|&i| doc.line(i).len() >= LONG_LINE_BYTES)
            .collect();
        assert!(want.len() > 100 && want.len() < doc.len() / 2);
        assert_eq!(doc.long_lines().collect::<Vec<_>>(), want);
        assert_eq!(Doc::new("").long_lines().count(), 0);
        assert_eq!(Doc::new("a\n".repeat(64).as_str()).long_lines().count(), 0);
    }

    #[test]
    fn short_lines_take_the_groups_their_keys_give() {
        // Lines of up to seven bytes (the table of `ShortLines`) mixed with longer ones,
        // more distinct short lines than the table has slots, each printed several times:
        // two lines share a group exactly when their normalised keys are equal, and each
        // group counts its lines.
        let mut text = String::new();
        for round in 0..3 {
            for k in 0..400u32 {
                let short = match k % 5 {
                    0 => format!("{}", (b'a' + (k % 26) as u8) as char),
                    1 => format!("{}{}", (b'A' + (k % 26) as u8) as char, k % 7),
                    2 => format!(" x{k}!"),
                    3 => "--".to_owned(),
                    _ => format!("é{}", k % 3),
                };
                text.push_str(&short);
                text.push('\n');
                if k % 9 == round {
                    text.push_str(&format!("A longer line number {}\n\n", k % 4));
                }
            }
        }
        let doc = Doc::new(&text);
        let mut buf = Vec::new();
        let keys: Vec<Vec<u8>> = (0..doc.len())
            .map(|i| crate::rules::repeated::normalise(doc.line(i), &mut buf).to_vec())
            .collect();
        for i in 0..doc.len() {
            assert_eq!(doc.repeat_key(i), &keys[i][..], "line {i}");
            assert_eq!(
                doc.repeat_group(i).is_none(),
                keys[i].is_empty(),
                "line {i}"
            );
            let same = keys
                .iter()
                .filter(|k| !k.is_empty() && **k == keys[i])
                .count();
            assert_eq!(doc.copies(i) as usize, same, "line {i}");
        }
        for i in (0..doc.len()).step_by(7) {
            for j in (0..doc.len()).step_by(5) {
                let same_group =
                    doc.repeat_group(i).is_some() && doc.repeat_group(i) == doc.repeat_group(j);
                assert_eq!(
                    same_group,
                    !keys[i].is_empty() && keys[i] == keys[j],
                    "{i} {j}"
                );
            }
        }
    }

    #[test]
    fn splits_every_line_ending() {
        let doc = Doc::new("a\nb\r\nc\rd");
        let got: Vec<&str> = (0..doc.len()).map(|i| doc.raw(i)).collect();
        assert_eq!(got, ["a", "b", "c", "d"]);
        assert_eq!(doc.next(3), 8);
        assert_eq!((doc.end(1), doc.next(1)), (3, 5));
    }

    #[test]
    fn copies_count_lines_with_the_same_key() {
        let doc = Doc::new("Top Stories\nnews\n\n--\ntop stories!\nNews\nTOP  STORIES");
        let got: Vec<u32> = (0..doc.len()).map(|i| doc.copies(i)).collect();
        // Blank lines and lines without letters or digits have no key and no copies.
        assert_eq!(got, [3, 2, 0, 0, 3, 2, 3]);
        assert_eq!(doc.copies(99), 0);
        // Lines share a group number exactly when they share a key; numbers count up
        // from 0 in order of first use.
        let groups: Vec<Option<u32>> = (0..doc.len()).map(|i| doc.repeat_group(i)).collect();
        let (a, b) = (Some(0), Some(1));
        assert_eq!(groups, [a, b, None, None, a, b, a]);
        assert_eq!(doc.repeat_groups(), 2);
    }

    #[test]
    fn lines_are_counted_before_they_are_split() {
        for text in [
            "",
            "a",
            "a\n",
            "\n",
            "\r",
            "\r\n",
            "a\r\nb\rc\n\nd",
            "\r\r\n\n\r",
            "x\ry",
        ] {
            let doc = Doc::new(text);
            assert_eq!(count_lines(text.as_bytes()), doc.len(), "{text:?}");
            assert_eq!(doc.lines.table.capacity(), doc.len(), "{text:?}");
        }
        assert_eq!(std::mem::size_of::<Line>(), 8);
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn starts_past_4_gib_keep_their_high_bits() {
        const G4: usize = 1 << 32;
        let starts = [
            0,
            7,
            G4 - 1,
            G4,
            G4 + 5,
            2 * G4 + 3,
            5 * G4,
            5 * G4 + 1,
            5 * G4 + G4 - 2,
        ];
        let mut lines = Lines::default();
        for &s in &starts {
            lines.note_start(s);
            lines.table.push(Line {
                low: s as u32,
                term: 1,
                lead: 0,
                trail: 0,
            });
        }
        for (i, &s) in starts.iter().enumerate() {
            assert_eq!(lines.start(i), s, "line {i}");
        }
        assert_eq!(lines.highs.len(), 3);
        // Below 4 GiB no entry: a start is its low bits.
        let mut small = Lines::default();
        small.note_start(G4 - 1);
        assert!(small.highs.is_empty());
    }

    proptest::proptest! {
        /// The accessors' fast way (the bounds read from the table) against the text: the
        /// raw line between its start and its terminator, trimmed as `str::trim` trims.
        #[test]
        fn line_accessors_read_the_text(
            text in "(?:[ a\\t\\r\\n]|\u{a0}|\u{2003}|é|\u{feff}){0,60}"
        ) {
            for doc in [Doc::whole_lines(&text), Doc::new(&text)] {
                for i in 0..doc.len() {
                    let raw = &text[doc.start(i)..doc.end(i)];
                    proptest::prop_assert_eq!(doc.raw(i), raw);
                    proptest::prop_assert_eq!(doc.line(i), raw.trim());
                    proptest::prop_assert_eq!(doc.is_blank(i), raw.trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn long_runs_of_spaces_are_trimmed() {
        let pad = " ".repeat(300);
        let text = format!("{pad}a b{pad}\n{pad}\nc");
        let doc = Doc::new(&text);
        assert_eq!((doc.line(0), doc.line(1), doc.line(2)), ("a b", "", "c"));
        assert!(!doc.is_blank(0) && doc.is_blank(1) && !doc.is_blank(2));
        // Too much whitespace on one side only, beside lines with a little.
        let text = format!("{pad}x\n y{pad}\n  z \n{pad}\t");
        let doc = Doc::new(&text);
        let lines: Vec<&str> = (0..doc.len()).map(|i| doc.line(i)).collect();
        assert_eq!(lines, ["x", "y", "z", ""]);
        let raws: Vec<&str> = (0..doc.len()).map(|i| doc.raw(i)).collect();
        assert_eq!(raws.concat().len() + 3, text.len());
        assert!((0..3).all(|i| !doc.is_blank(i)) && doc.is_blank(3));
        assert_eq!((doc.line_len(0), doc.line_bytes(1)), (1, &b"y"[..]));
    }

    #[test]
    fn visible_words_are_the_plain_texts_word_counts() {
        // A line of more words than a table entry holds (whole lines: not split), links,
        // an image with alt text, emphasis, a blank line, CJK text.
        let long = "word ".repeat(300);
        let text = format!(
            "{long}\n[Jane Doe](/a/jane) wrote ![the harbour](/h.jpg)\n\n  **Bold** and __more__  \n東京都の人口\nBy[Ann Lee](/ann)"
        );
        let doc = Doc::whole_lines(&text);
        assert_eq!(doc.len(), 6);
        for i in 0..doc.len() {
            for images in [crate::text::Images::Alt, crate::text::Images::Drop] {
                let plain = crate::text::plain_text(doc.line(i), images);
                assert_eq!(doc.plain(i, images), plain, "line {i}");
            }
            let plain = crate::text::plain_text(doc.line(i), crate::text::Images::Alt);
            assert_eq!(
                doc.visible_words(i),
                crate::text::word_count(&plain),
                "line {i}"
            );
        }
        assert_eq!(doc.visible_words(0), 300);
        assert!(matches!(
            doc.plain(0, crate::text::Images::Alt),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(doc.visible_words(1), 5);
        assert_eq!(doc.visible_words(2), 0);
        assert_eq!(doc.visible_words(5), 3);
    }

    #[test]
    fn counts_too_large_for_the_table_are_kept_once_counted() {
        // 130 and 140 words: too many for the table's byte, too few to split; the second
        // with a link whose target is not visible.
        let plain = "word ".repeat(130);
        let marked = format!("{}[two words](/a/b/c/d)", "word ".repeat(138));
        let text = format!("{plain}\n{marked}\nshort line");
        let doc = Doc::new(&text);
        assert_eq!(doc.len(), 3);
        for _ in 0..2 {
            assert_eq!(doc.visible_words(0), 130);
            assert_eq!(doc.visible_words(1), 140);
            assert_eq!(doc.visible_words(2), 2);
            assert_eq!(doc.words(1), crate::text::word_count(doc.line(1)));
        }
        let kept = doc.many_words.borrow();
        assert_eq!(kept.get(&0), Some(&130));
        assert_eq!(kept.get(&1), Some(&140));
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn long_lines_left_whole_keep_the_count_that_decided_it() {
        // Lines of 300 bytes or more: few long words (not split), 200 words without a
        // place to cut, indented by two spaces (Markdown's two spaces only before the
        // trimmed text), with a link and emphasis, and a line that is split.
        let few = format!("{}end", "abcdefghijklmnopqrstuvwxyz0123456789 ".repeat(10));
        let many = "word ".repeat(200);
        let text = format!(
            "\u{feff}{few}\n  {few}  \n{many}\n[{few}](/a) **b** ’tis\n{}\nshort\n",
            "One sentence here ends now. ".repeat(60)
        );
        let doc = Doc::new(&text);
        assert!(doc.len() > 7, "the last long line is split");
        let table = doc.visible_words.get().expect("filled by the split");
        assert_ne!(table[0].get(), 0, "a long line left whole has its entry");
        assert_eq!(
            table[doc.len() - 2].get(),
            0,
            "a short line is measured when asked"
        );
        for i in 0..doc.len() {
            let line = doc.line(i);
            let visible = crate::text::plain_text(line, crate::text::Images::Alt);
            assert_eq!(
                doc.visible_words(i),
                crate::text::word_count(&visible),
                "line {i}"
            );
            assert_eq!(doc.words(i), crate::text::word_count(line), "line {i}");
            assert_eq!(doc.plain(i, crate::text::Images::Alt), visible, "line {i}");
        }
        assert_eq!((doc.words(0), doc.words(1), doc.words(2)), (11, 11, 200));
    }

    #[test]
    fn words_are_the_lines_word_counts_in_any_order_of_asking() {
        // Lines of 124 to 127 words (the table's last counts and past them), Markdown
        // (its raw text counted, not the visible one), blank lines, CJK text; asked in
        // both orders, through each accessor first, twice.
        let mut text = String::new();
        for n in 124..=127 {
            text.push_str(&"word ".repeat(n));
            text.push('\n');
        }
        text.push_str(
            "[Jane Doe](/a/jane) wrote ![the harbour](/h.jpg)\n\n  **Bold** it\n東京都の人口\nx\n",
        );
        let n = Doc::whole_lines(&text).len();
        for order in 0..4 {
            let doc = Doc::whole_lines(&text);
            for k in 0..2 * n {
                let i = if order % 2 == 0 { k % n } else { n - 1 - k % n };
                let line = doc.line(i);
                let visible = crate::text::plain_text(line, crate::text::Images::Alt);
                if order < 2 {
                    assert_eq!(doc.words(i), crate::text::word_count(line), "line {i}");
                }
                assert_eq!(
                    doc.visible_words(i),
                    crate::text::word_count(&visible),
                    "line {i}"
                );
                assert_eq!(doc.words(i), crate::text::word_count(line), "line {i}");
            }
        }
        let doc = Doc::whole_lines(&text);
        assert_eq!(
            (doc.words(3), doc.words(4), doc.visible_words(4)),
            (127, 9, 5)
        );
    }

    #[test]
    fn trailing_newline_makes_no_empty_line() {
        assert_eq!(Doc::new("a\n").len(), 1);
        assert_eq!(Doc::new("").len(), 0);
        assert_eq!(Doc::new("\n\n").len(), 2);
    }

    #[test]
    fn byte_order_mark_is_not_text() {
        let doc = Doc::new("\u{feff}Title\nBody");
        assert_eq!(doc.raw(0), "Title");
        assert_eq!(doc.full_span(0), Span::new(0, 9));
        assert_eq!(Doc::new("\u{feff}").len(), 0);
    }

    proptest::proptest! {
        #[test]
        fn code_needs_a_fence_or_an_indent(
            text in "(?:    x|\t|```|~~|~~~|``|a|   b|  \\* item|\u{feff}|\n|\r|\r\n|\n\n){0,12}"
        ) {
            let doc = Doc::new(&text);
            let walked = doc.code_lines_walk();
            proptest::prop_assert_eq!(doc.code_lines(), walked.clone());
            if walked.contains(&true) {
                proptest::prop_assert!(doc.may_have_code());
            }
        }
    }

    #[test]
    fn code_lines_in_fences_and_indented_blocks() {
        let doc = Doc::new(
            "Intro:\n\n    fn main() {\n    }\n\nText\n  * item\n    * nested\n```\nx = 1\n```\nEnd",
        );
        let got: Vec<bool> = doc.code_lines();
        let want = [
            false, false, true, true, false, false, false, false, true, true, true, false,
        ];
        assert_eq!(got, want);
        // An indented line right after text continues the paragraph: not code.
        assert_eq!(Doc::new("Text\n    more").code_lines(), [false, false]);
    }

    /// A paragraph of `n` sentences of nine words each, made up here.
    fn sentences(n: usize) -> String {
        (0..n)
            .map(|k| format!("The committee met on day {k} to review plans."))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn long_lines_are_split_into_sub_lines_that_tile_them() {
        let long = sentences(30); // 270 words
        let text = format!("Title\n{long}\r\nEnd\n");
        let doc = Doc::new(&text);
        assert!(doc.len() > 3, "{}", doc.len());
        // The sub-lines cover the long line exactly, and only the last has a terminator.
        let pieces: Vec<usize> = (1..doc.len() - 1).collect();
        let rebuilt: String = pieces.iter().map(|&i| doc.raw(i)).collect();
        assert_eq!(rebuilt, long);
        for &i in &pieces[..pieces.len() - 1] {
            assert!(doc.continues(i) && doc.next(i) == doc.end(i));
            assert!(
                doc.line(i).starts_with("The committee"),
                "{:?}",
                doc.line(i)
            );
            assert!(doc.line(i).ends_with("plans."));
        }
        assert!(!doc.continues(0) && !doc.continues(*pieces.last().unwrap()));
        assert_eq!(
            doc.next(*pieces.last().unwrap()) - doc.end(*pieces.last().unwrap()),
            2
        );
        assert!(!doc.continues(doc.len() - 1));
        // A line at the bar stays whole.
        let short = sentences(16); // 144 words
        assert_eq!(Doc::new(&short).len(), 1);
    }

    #[test]
    fn cut_points_respect_abbreviations_and_links() {
        let filler = sentences(20);
        for (glue, cut) in [
            ("Dr. Smith said so.", false),
            ("It was in the U.S. Later it moved.", false),
            ("The vote passed on a Tuesday. Then it failed.", true),
            (
                "See [the report. It says](https://example.org/a. B) more.",
                false,
            ),
            ("He left. then came back.", false),
            ("It rose 3. Then it fell.", false),
        ] {
            let line = format!("{filler} {glue} {filler}");
            let at = cut_points(&line);
            let pieces: Vec<&str> = std::iter::once(0)
                .chain(at.iter().copied())
                .zip(at.iter().copied().chain([line.len()]))
                .map(|(a, z)| line[a..z].trim())
                .collect();
            let inside = pieces.iter().any(|p| p.contains(glue));
            assert_eq!(!inside, cut, "{glue}: {pieces:?}");
        }
        // Images and runs of spaces cut; a cut leaves the sentence whole.
        let line = format!("{filler}  Photo: a harbour at dawn ![boats](/b.jpg) {filler}");
        let at = cut_points(&line);
        assert!(at.iter().any(|&a| line[a..].starts_with("Photo:")));
        assert!(at.iter().any(|&a| line[a..].starts_with("![boats]")));
    }

    #[test]
    fn cut_points_on_characters_of_several_bytes() {
        // Opening and closing marks of two and three bytes around every sentence end.
        let line = (0..60)
            .map(|k| format!("«Él dijo “sí” {k} veces.» Dijo “Hola.” Y “Ünd dann” ging’s los… ¿Qué pasó? 東京。"))
            .collect::<Vec<_>>()
            .join(" ");
        let at = cut_points(&line);
        assert!(!at.is_empty());
        for a in at {
            assert!(line.is_char_boundary(a) && !line[a..].starts_with(' '));
        }
    }

    #[test]
    fn a_long_line_copying_the_page_stays_whole() {
        // The article as paragraphs, then all of it again on one line (a metadata block).
        let paras: Vec<String> = (0..6)
            .map(|k| sentences(5).replace("plans", &format!("plans {k}")))
            .collect();
        let text = format!("{}\n{}\n", paras.join("\n"), paras.join(" "));
        let doc = Doc::new(&text);
        assert_eq!(doc.len(), 7);
        // The same line with other words is split.
        let other = sentences(30).replace("committee", "board");
        let text = format!("{}\n{other}\n", paras.join("\n"));
        assert!(Doc::new(&text).len() > 7);
    }

    #[test]
    fn a_long_link_is_not_cut() {
        // html2text's link around a whole teaser card: 200 words of link text.
        let card = format!("### [{}](/news/1)", sentences(22));
        assert!(cut_points(&card).is_empty());
        let line = format!("{} {card} {}", sentences(10), sentences(10));
        let at = cut_points(&line);
        assert!(at.iter().any(|&a| line[a..].starts_with("###")));
        let (open, close) = (
            line.find("### [").unwrap(),
            line.find("](/news/1)").unwrap(),
        );
        assert!(at.iter().all(|&a| a <= open || a > close));
    }

    #[test]
    fn text_without_spaces_between_sentences_is_split_too() {
        let line = "委員会は計画を検討するために会合を開いた。".repeat(40);
        let at = cut_points(&line);
        assert!(!at.is_empty());
        assert!(at.iter().all(|&a| line[..a].ends_with('。')));
    }

    /// A page of a headline, a menu line and `n` lines of prose (made up here), every line
    /// removed as `rule` would.
    fn all_removed(n: usize) -> (String, Vec<Mark>) {
        let mut text = String::from("Harbour plans\n\n* * *\n\nHome | News\n");
        for k in 0..n {
            text.push_str(&format!(
                "The harbour board met on day {k} and agreed to weigh the new plans.\n"
            ));
        }
        let doc = Doc::new(&text);
        let marks = (0..doc.len())
            .map(|i| match i {
                0 => Mark::Remove(0, Category::Title),
                2 => Mark::Open, // "* * *" is kept: no words
                4 => Mark::Remove(1, Category::Navigation),
                _ => Mark::Remove(2, Category::LowContent),
            })
            .collect();
        (text, marks)
    }

    impl Doc<'_> {
        /// Sets every line's mark.
        fn set_marks(&mut self, marks: &[Mark]) {
            for (i, &m) in marks.iter().enumerate() {
                self.set_mark(i, m);
            }
        }
    }

    #[test]
    fn marks_fit_in_four_bytes_and_spill_when_they_do_not() {
        let text = "a\nb\nc\nd\ne\nf";
        let mut doc = Doc::new(text);
        let marks = [
            Mark::Open,
            Mark::Keep(7),
            Mark::Remove((1 << 24) - 1, Category::ALL[Category::ALL.len() - 1]),
            Mark::Remove(1 << 24, Category::Title),
            Mark::Keep(u32::MAX),
            Mark::Remove(0, Category::Navigation),
        ];
        doc.set_marks(&marks);
        for (i, &m) in marks.iter().enumerate() {
            assert_eq!(doc.mark(i), m, "line {i}");
            assert_eq!(doc.is_open(i), m == Mark::Open, "line {i}");
            assert_eq!(doc.is_removed(i), matches!(m, Mark::Remove(..)), "line {i}");
        }
        assert_eq!(doc.spilled.len(), 2);
        // Every category packs as its place in `Category::ALL`.
        for (k, &c) in Category::ALL.iter().enumerate() {
            assert_eq!(c as usize, k);
            doc.set_mark(5, Mark::Remove(3, c));
            assert_eq!(doc.mark(5), Mark::Remove(3, c));
        }
        // A spilled mark undone leaves no entry behind.
        doc.set_mark(3, Mark::Open);
        assert!(doc.is_open(3) && doc.spilled.len() == 1);
        assert!(doc.remove(3, 1 << 25, Category::Advert));
        assert_eq!(doc.mark(3), Mark::Remove(1 << 25, Category::Advert));
        assert!(!doc.keep(3, 1));
    }

    #[test]
    fn never_an_empty_body_with_enough_prose() {
        // Five lines of 13 words: 65 words of prose, all removed.
        let (text, marks) = all_removed(5);
        let mut doc = Doc::new(&text);
        doc.set_marks(&marks);
        assert!(doc.restore_if_empty(|_| true));
        let kept: Vec<&str> = (0..doc.len())
            .filter(|&i| !doc.is_removed(i) && !doc.is_blank(i))
            .map(|i| doc.line(i))
            .collect();
        assert_eq!(kept.len(), 6, "{kept:?}");
        assert_eq!(kept[0], "* * *");
        assert!(kept[1..].iter().all(|l| l.starts_with("The harbour board")));
        // The headline and the menu stay removed.
        assert!(doc.is_removed(0) && doc.is_removed(4));
        // Rules whose removals must stand (added by the user) are not undone.
        let mut doc = Doc::new(&text);
        doc.set_marks(&marks);
        assert!(!doc.restore_if_empty(|rule| rule != 2));
        assert!((5..doc.len()).all(|i| doc.is_removed(i)));
        // Under 50 words of prose (three lines: 39 words): an empty body may be right.
        let (text, marks) = all_removed(3);
        let mut doc = Doc::new(&text);
        doc.set_marks(&marks);
        assert!(!doc.restore_if_empty(|_| true));
        // A page that keeps a line with words is not touched.
        let (text, mut marks) = all_removed(5);
        marks[5] = Mark::Open;
        let mut doc = Doc::new(&text);
        doc.set_marks(&marks);
        assert!(!doc.restore_if_empty(|_| true));
        assert!((6..doc.len()).all(|i| doc.is_removed(i)));
    }

    #[test]
    fn never_an_empty_body_through_the_cleaner() {
        let para =
            "The harbour board met on Monday and agreed to weigh the new plans for the quay.";
        let text = format!("Harbour plans\n\n{para}\n{para} Again.\n{para} Once more.\n");
        // A user rule that removes every line: its removals stand.
        let mut b = crate::Cleaner::builder();
        b.add_rule("drop-all", Category::Other, ".+");
        let cleaned = b.build().unwrap().clean(&text);
        assert_eq!(cleaned.body(), "");
        // The same removals by a built-in rule: the prose comes back, the short line not.
        let mut doc = Doc::new(&text);
        for i in 0..doc.len() {
            doc.remove(i, 0, Category::LowContent);
        }
        assert!(doc.restore_if_empty(|_| true));
        let removed: Vec<usize> = (0..doc.len()).filter(|&i| doc.is_removed(i)).collect();
        assert_eq!(removed, [0, 1]);
    }

    #[test]
    fn first_decision_wins() {
        let mut doc = Doc::new("x\ny");
        assert!(doc.keep(0, 0));
        assert!(!doc.remove(0, 1, Category::Other));
        assert!(doc.remove(1, 1, Category::Other));
        assert!(!doc.keep(1, 0));
        assert_eq!(doc.mark(1), Mark::Remove(1, Category::Other));
    }
}
