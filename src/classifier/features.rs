//! Per-line features for the statistical classifier: the line's own shape, its
//! neighbours, and where it sits relative to the page's main run of prose.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{LazyLock, OnceLock};

use crate::classifier::bits::{Bits, Runs};
use crate::classifier::terms::Terms;
use crate::doc::Doc;
use crate::phrases::stopwords::{self, Stopwords};
use crate::text;
use crate::text::hash::FxBuild;
use crate::text::swar::{self, LANES};

/// Number of features per line.
pub const N_FEATURES: usize = 80;

/// Declares the first-stage features once, each name beside the expression that computes
/// it, in slot order: expands to [`NAMES`] and to [`Page::row`], so that a name and its
/// slot cannot drift apart (issue 23; the model header's names are checked against
/// [`NAMES`] by `tests/models.rs`). A count other than [`N_FEATURES`] does not compile.
macro_rules! features {
    (
        $(#[$doc:meta])*
        fn $row:ident(&$this:ident, $k:ident) {
            $($prelude:tt)*
        }
        $($name:ident: $value:expr,)*
    ) => {
        /// Names of the features, in order (for the trainer and for explanations).
        pub const NAMES: [&str; N_FEATURES] = [$(stringify!($name)),*];

        impl Page<'_> {
            $(#[$doc])*
            pub(crate) fn $row(&$this, $k: usize) -> [f32; N_FEATURES] {
                $($prelude)*
                [$($value),*]
            }
        }
    };
}

/// The index of the feature called `name` in [`NAMES`], found at compile time (a name
/// that is not there stops the build), so that adding a feature never shifts a constant.
pub(crate) const fn index_of(name: &str) -> usize {
    name_index(&NAMES, name)
}

/// The position of `name` in `names`, at compile time (a name that is not there stops the
/// build); shared with the fast engine's feature lists.
pub(crate) const fn name_index(names: &[&str], name: &str) -> usize {
    let want = name.as_bytes();
    let mut k = 0;
    while k < names.len() {
        let have = names[k].as_bytes();
        if have.len() == want.len() {
            let mut i = 0;
            while i < have.len() && have[i] == want[i] {
                i += 1;
            }
            if i == have.len() {
                return k;
            }
        }
        k += 1;
    }
    panic!("no feature of that name")
}

/// Index of the `log_words` feature.
pub(crate) const LOG_WORDS: usize = index_of("log_words");
/// Index of the `log_periodic_run` feature.
pub(crate) const LOG_PERIODIC_RUN: usize = index_of("log_periodic_run");
/// Index of the `log_grid_items` feature.
pub(crate) const LOG_GRID_ITEMS: usize = index_of("log_grid_items");
/// Index of the `doc_grid_word_share` feature.
pub(crate) const DOC_GRID_WORD_SHARE: usize = index_of("doc_grid_word_share");
/// The features [`Page::kept`] gives, in its order.
pub(crate) const KEPT: [usize; 5] = [
    LOG_WORDS,
    LOG_GRID_ITEMS,
    LOG_PERIODIC_RUN,
    index_of("region_side"),
    index_of("in_region"),
];

/// What is measured once per line and reused by the context features.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineStats {
    pub words: u32,
    pub chars: u32,
    pub sentence: bool,
    pub prose: bool,
    pub stop: u32,
    pub caps: u32,
    pub digits: u32,
    pub punct: u32,
    pub link_chars: u32,
    pub bullet: bool,
    pub separators: u32,
    pub word_chars: u32,
    pub commas: u32,
    pub cjk: u32,
    pub heading: bool,
    pub quote: bool,
    pub upper: u32,
    pub letters: u32,
    pub starts_lower: bool,
    pub leading_caps: u32,
    pub image_only: bool,
    pub table_row: bool,
    pub glued: u32,
}

/// Every text line's [`LineStats`] in 32 bytes (68 unpacked; issue 24: the largest
/// per-line table of the classifier, on a page of short lines): the fifteen counts in 16
/// bits each and the eight flags in a byte. A line with a count too large for 16 bits (a
/// line of 64 KiB or more: a count is at most the line's bytes) is kept unpacked beside
/// the table, so every line reads back exactly as measured.
#[derive(Debug, Default)]
pub(crate) struct StatsTable {
    packed: Vec<PackedStats>,
    /// `(line, its counts)` of the lines marked [`WIDE`] in `packed`, in line order.
    wide: Vec<(usize, LineStats)>,
}

/// One line of a [`StatsTable`].
#[derive(Clone, Copy, Debug)]
struct PackedStats {
    /// Words (or [`WIDE`]), chars, stop, caps, digits, punct, link chars, separators, word
    /// chars, commas, CJK, upper, letters, leading caps, glued.
    counts: [u16; 15],
    /// Sentence, prose, bullet, heading, quote, image only, table row, starts lower.
    flags: u8,
}

/// A [`PackedStats`]' word count saying the line is in [`StatsTable::wide`].
const WIDE: u16 = u16::MAX;

impl StatsTable {
    fn with_capacity(n: usize) -> StatsTable {
        StatsTable {
            packed: Vec::with_capacity(n),
            wide: Vec::new(),
        }
    }

    /// Adds the next line's stats.
    fn push(&mut self, s: LineStats) {
        let counts = [
            s.words,
            s.chars,
            s.stop,
            s.caps,
            s.digits,
            s.punct,
            s.link_chars,
            s.separators,
            s.word_chars,
            s.commas,
            s.cjk,
            s.upper,
            s.letters,
            s.leading_caps,
            s.glued,
        ];
        let flags = [
            s.sentence,
            s.prose,
            s.bullet,
            s.heading,
            s.quote,
            s.image_only,
            s.table_row,
            s.starts_lower,
        ]
        .iter()
        .enumerate()
        .fold(0u8, |f, (b, &on)| f | u8::from(on) << b);
        let mut packed = PackedStats {
            counts: [0; 15],
            flags,
        };
        for (p, &c) in packed.counts.iter_mut().zip(&counts) {
            *p = match u16::try_from(c) {
                Ok(c) if c < WIDE => c,
                _ => {
                    self.wide.push((self.packed.len(), s));
                    packed.counts[0] = WIDE;
                    break;
                }
            };
        }
        self.packed.push(packed);
    }

    /// The number of lines.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.packed.len()
    }

    /// Line `k`'s stats, as measured.
    #[inline]
    pub(crate) fn get(&self, k: usize) -> LineStats {
        let p = self.packed[k];
        if p.counts[0] == WIDE {
            return self.wide[self.wide.partition_point(|&(j, _)| j < k)].1;
        }
        let c = |i: usize| u32::from(p.counts[i]);
        let f = |b: u32| p.flags >> b & 1 != 0;
        LineStats {
            words: c(0),
            chars: c(1),
            stop: c(2),
            caps: c(3),
            digits: c(4),
            punct: c(5),
            link_chars: c(6),
            separators: c(7),
            word_chars: c(8),
            commas: c(9),
            cjk: c(10),
            upper: c(11),
            letters: c(12),
            leading_caps: c(13),
            glued: c(14),
            sentence: f(0),
            prose: f(1),
            bullet: f(2),
            heading: f(3),
            quote: f(4),
            image_only: f(5),
            table_row: f(6),
            starts_lower: f(7),
        }
    }

    /// Every line's stats, in order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = LineStats> + '_ {
        (0..self.len()).map(|k| self.get(k))
    }

    /// Count `i` of line `k` (`wide`: the same count of an unpacked line): two bytes read,
    /// not the whole line unpacked as [`StatsTable::get`] does (the page's walks over the
    /// table each read one or two counts of every line).
    #[inline(always)]
    fn count(&self, k: usize, i: usize, wide: fn(&LineStats) -> u32) -> u32 {
        let p = &self.packed[k];
        if p.counts[0] == WIDE {
            wide(&self.get(k))
        } else {
            u32::from(p.counts[i])
        }
    }

    /// Flag `b` of line `k` (flags are packed for every line, wide or not).
    #[inline(always)]
    fn flag(&self, k: usize, b: u32) -> bool {
        self.packed[k].flags >> b & 1 != 0
    }

    /// Line `k`'s words.
    #[inline]
    pub(crate) fn words(&self, k: usize) -> u32 {
        self.count(k, 0, |s| s.words)
    }

    /// Whether line `k` ends a sentence.
    #[inline]
    pub(crate) fn sentence(&self, k: usize) -> bool {
        self.flag(k, 0)
    }

    /// Whether line `k` reads as prose.
    #[inline]
    pub(crate) fn prose(&self, k: usize) -> bool {
        self.flag(k, 1)
    }

    /// Whether line `k` starts with a lower-case letter.
    #[inline]
    pub(crate) fn starts_lower(&self, k: usize) -> bool {
        self.flag(k, 7)
    }

    /// [`shape`] of line `k`.
    #[inline]
    fn shape(&self, k: usize) -> u8 {
        let p = &self.packed[k];
        if p.counts[0] == WIDE {
            return shape(&self.get(k));
        }
        let f = |b: u32| p.flags >> b & 1 != 0;
        shape_of(
            u32::from(p.counts[0]),
            f(0),
            p.counts[6] > 0,
            p.counts[4] > 0,
            f(2) || f(3),
            f(5),
        )
    }
}

/// `(k as f32).ln_1p()` for `k` below 1,024.
fn ln1p_table() -> &'static [f32; 1024] {
    static TABLE: LazyLock<[f32; 1024]> =
        LazyLock::new(|| std::array::from_fn(|k| (k as f32).ln_1p()));
    &TABLE
}

/// `(n as f32).ln_1p()`, from `table` ([`ln1p_table`]) for small `n` (from
/// [`ln1p_wide`] for larger).
#[inline]
fn ln1p_in(table: &[f32; 1024], n: usize) -> f32 {
    match table.get(n) {
        Some(&v) => v,
        None => ln1p_wide(n),
    }
}

/// Values of [`ln1p_wide`]'s tables: one for each `n` below [`LN1P_WIDE`], built a chunk
/// of [`LN1P_CHUNK`] at a time when a value of the chunk is first asked for.
const LN1P_CHUNK: usize = 1024;
/// Where [`ln1p_wide`]'s tables end (256 KB of tables at most, for the process).
const LN1P_WIDE: usize = 1 << 16;

/// `(n as f32).ln_1p()` for `n` of 1,024 or more: from a table of the same values (built
/// a chunk at a time, bit for bit those values) below [`LN1P_WIDE`], computed above.
/// Issue 24: page-wide counts and distances of a long page (its line count, a run of
/// thousands of similar lines, the distance to its title) are 1,024 or more in every row,
/// and `ln_1p` took about 1,200 instructions a row there (973,393 calls on a half-MiB
/// page of short lines).
#[inline(never)]
fn ln1p_wide(n: usize) -> f32 {
    static CHUNKS: [OnceLock<[f32; LN1P_CHUNK]>; LN1P_WIDE / LN1P_CHUNK] =
        [const { OnceLock::new() }; LN1P_WIDE / LN1P_CHUNK];
    match CHUNKS.get(n / LN1P_CHUNK) {
        Some(chunk) => {
            let table = chunk.get_or_init(|| {
                let base = n / LN1P_CHUNK * LN1P_CHUNK;
                std::array::from_fn(|j| ((base + j) as f32).ln_1p())
            });
            table[n % LN1P_CHUNK]
        }
        None => (n as f32).ln_1p(),
    }
}

/// `(n as f32).ln_1p()`, from tables of the same values for `n` below [`LN1P_WIDE`].
#[inline]
pub(crate) fn ln1p(n: usize) -> f32 {
    ln1p_in(ln1p_table(), n)
}

/// `n` as a `u32` (saturating: only a line of more than 4 GiB has counts above it).
#[inline]
fn c32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether a line with these counts reads as prose (the main-region signal).
#[inline]
pub(crate) fn is_prose(words: usize, sentence: bool) -> bool {
    (words >= 10 && sentence) || words >= 25
}

/// Measures one line; `stop` is the page's stopword set.
#[cfg(test)]
pub(crate) fn line_stats(line: &str, stop: &Stopwords) -> LineStats {
    line_stats_with(line, stop, &mut Shared::default())
}

/// What the word loop of [`line_stats`] also gives on a plain ASCII line (see
/// [`Shared::plain`]), so that the content words and the title coverage do not walk the
/// line's words again: the same answers as [`Terms::push_line`] and [`title_coverage`]
/// (unit-tested), for a line where they read the same words.
#[derive(Default)]
pub(crate) struct Shared<'t> {
    /// In: the title's words, to count the line's words found there (up to 40 words).
    title: Option<&'t HashSet<&'t [u8], FxBuild>>,
    /// In: whether to gather the content words.
    want_terms: bool,
    /// Out: whether `terms` was filled (a line without a link mark, a URL or an `@`: its
    /// whitespace-separated tokens are all read as words by `Terms::push_line`).
    plain: bool,
    /// Out: whether the title counts were (given a title, on a line of at most
    /// [`TITLE_BYTES`]).
    titled: bool,
    /// Out: the hashed content words, unsorted, with repeats.
    terms: Vec<u64>,
    /// Out: the line's words found in the title, and all its words (counted up to 41).
    title_hits: usize,
    title_words: usize,
    /// A lower-cased word outside ASCII (reused across lines).
    lower: String,
    /// In: the [`filter_bit`]s of the title's words: an ASCII word whose bit is not set
    /// is not in the title, without hashing it.
    title_filter: u64,
    /// In: the title's words of 1 to 8 bytes ([`stopwords::pack`]ed, sorted): an ASCII
    /// word of at most 8 bytes (no NUL byte) is in the title exactly when its packed form
    /// is here.
    title_short: Vec<u64>,
}

impl<'t> Shared<'t> {
    /// The state for a page whose title's words are `tokens` (their set: `title`, given
    /// to the lines after the first).
    fn for_title<T: AsRef<str>>(tokens: &[T]) -> Shared<'t> {
        let mut title_short: Vec<u64> = tokens
            .iter()
            .map(|t| t.as_ref().as_bytes())
            .filter(|t| (1..=8).contains(&t.len()) && !t.contains(&0))
            .map(stopwords::pack)
            .collect();
        title_short.sort_unstable();
        title_short.dedup();
        Shared {
            title_filter: tokens
                .iter()
                .fold(0, |f, t| f | filter_bit(t.as_ref().as_bytes())),
            title_short,
            ..Shared::default()
        }
    }
}

/// One of 64 bits for a lower-cased word, from its length and first and last bytes: a
/// word whose bit is not among a set's bits is not in the set.
#[inline]
fn filter_bit(w: &[u8]) -> u64 {
    let (a, z) = (
        w.first().copied().unwrap_or(0),
        w.last().copied().unwrap_or(0),
    );
    1u64 << ((u32::from(a) * 7 + u32::from(z) * 3 + w.len() as u32) & 63)
}

/// Most words a line may have for its title coverage to be asked for.
const TITLE_WORDS: usize = 40;

/// Longest line (in bytes) whose title hits the word walk counts: a longer line has more
/// than [`TITLE_WORDS`] words nearly always (a paragraph), so its words are not looked up
/// in the title for nothing; the few that do not are measured by [`title_coverage`]
/// when asked.
const TITLE_BYTES: usize = 320;

/// [`line_stats`], also filling `shared` when the line is plain.
fn line_stats_with(line: &str, stop: &Stopwords, shared: &mut Shared<'_>) -> LineStats {
    let b = line.as_bytes();
    let url =
        text::has_scheme(b) || memchr::memchr_iter(b'w', b).any(|i| b[i..].starts_with(b"www."));
    let link = text::has_link(line);
    shared.plain = !url && !link && memchr::memchr(b'@', b).is_none();
    shared.titled = shared.title.is_some() && line.len() <= TITLE_BYTES;
    shared.terms.clear();
    shared.title_hits = 0;
    shared.title_words = 0;
    let mut s = counts(line, stop, shared);
    s.link_chars = if url || link {
        c32(link_chars(line))
    } else {
        0
    };
    let t = line.trim_start();
    s.bullet = text::is_list_item(t);
    s.heading = t.starts_with('#');
    s.image_only = is_image_only(t);
    s.table_row = t.starts_with('|')
        || line.contains('\t')
        || (line.contains('|') && line.matches(" | ").count() >= 2);
    s.starts_lower = t.chars().next().is_some_and(char::is_lowercase);
    s.sentence = text::ends_sentence(line);
    s.prose = is_prose(s.words as usize, s.sentence);
    s
}

/// The word, character and glued-join counts of [`line_stats`] in one walk over the line,
/// filling `shared`'s content words and title hits on the way: the same answers as the
/// separate walks it replaced ([`text::words`] with the counts over `char`s,
/// [`glued_joins`], [`title_coverage`]; unit-tested against them). An ASCII line is read
/// a block of [`BLOCK`] bytes at a time ([`counts_ascii`]); on a line with other
/// characters, its runs of ASCII bytes (eight or more) are read so too and only the rest
/// byte by byte, decoding the other characters ([`Walk`]). On ASCII,
/// `char::is_alphanumeric`, `is_numeric`, `is_alphabetic`, `is_uppercase`,
/// `is_lowercase`, `is_whitespace` and `to_lowercase` agree with their `is_ascii_*` forms
/// (`is_whitespace` also takes vertical tab), and no character is CJK.
fn counts(line: &str, stop: &Stopwords, shared: &mut Shared<'_>) -> LineStats {
    if line.is_ascii() {
        return counts_ascii(line.as_bytes(), stop, shared);
    }
    let mut w = WordSink::new(stop, shared);
    let b = line.as_bytes();
    let mut walk = Walk {
        start: usize::MAX,
        ..Walk::default()
    };
    let mut pos = 0;
    while pos < b.len() {
        // The ASCII bytes ahead, in whole `u64`s but at the line's end, up to a block.
        let end = (pos + BLOCK).min(b.len());
        let ascii = swar::ascii_prefix(&b[pos..end]);
        let take = if pos + ascii == b.len() {
            ascii
        } else {
            ascii & !7
        };
        if take > 0 {
            walk.block(line, pos, pos + take, &mut w);
            pos += take;
        } else {
            pos = walk.bytes(line, pos, &mut w);
        }
    }
    if walk.start != usize::MAX {
        w.word(line, walk.start, walk.end, walk.cjk);
    }
    w.out.title_words = w.title_seen.min(TITLE_WORDS + 1);
    w.s.glued += c32(walk.joins);
    w.s
}

/// The state [`counts`] carries along a line that is not all ASCII, from one part to the
/// next (a part read a block at a time or byte by byte).
#[derive(Default)]
struct Walk {
    /// Glued joins counted byte by byte.
    joins: usize,
    /// `glued_joins`' state: lower-case letters just before (counted up to 3 when it comes
    /// from a block), whether the last character is a stop after a lower-case letter, and
    /// whether it is a lower-case letter.
    lower_run: usize,
    after_stop: bool,
    prev_lower: bool,
    /// The word being read (`usize::MAX`: none): from the first letter or digit of a run
    /// of word characters (letters, digits, `'`, `’`, `-`) to its last (`text::words`
    /// trims the others), and its CJK characters.
    start: usize,
    end: usize,
    cjk: usize,
}

impl Walk {
    /// Reads `line[from..to]` (ASCII, whole `u64`s unless `to` is the line's end) a block
    /// at a time, as [`counts_ascii`] does.
    fn block(&mut self, line: &str, from: usize, to: usize, w: &mut WordSink<'_, '_, '_>) {
        let b = line.as_bytes();
        // The glued-join state as the last bytes' masks (only the last three count).
        let run = [0u64, 1 << 63, 3 << 62, 7 << 61][self.lower_run.min(3)];
        let mut carry = Carry {
            lower: run | if self.after_stop { 1 << 62 } else { 0 },
            stop: if self.after_stop { 1 << 63 } else { 0 },
        };
        let mut word = (self.start != usize::MAX).then_some((self.start, self.end));
        let mut cjk = self.cjk;
        for (k, block) in b[from..to].chunks(BLOCK).enumerate() {
            let base = from + k * BLOCK;
            let (alnum, word_chars) = block_counts(block, &mut carry, &mut w.s);
            block_words(&mut word, base, block.len(), alnum, word_chars, |s, e| {
                if s >= from {
                    // Inside this part: ASCII, no CJK character.
                    w.ascii_word(b, s, e);
                } else {
                    w.word(line, s, e, cjk);
                }
                cjk = 0;
            });
        }
        w.s.chars += c32(to - from);
        let lower = |j: u32| carry.lower >> (63 - j) & 1 != 0;
        self.lower_run = if !lower(0) {
            0
        } else if !lower(1) {
            1
        } else if !lower(2) {
            2
        } else {
            3
        };
        self.prev_lower = lower(0);
        self.after_stop = carry.stop >> 63 != 0 && lower(1);
        (self.start, self.end) = word.unwrap_or((usize::MAX, 0));
        self.cjk = cjk;
    }

    /// Reads `line` byte by byte from `from` (a character's start), decoding the
    /// characters outside ASCII, up to where eight ASCII bytes follow (or the line's
    /// end); returns where it stopped (a character's start, past `from`).
    fn bytes(&mut self, line: &str, from: usize, w: &mut WordSink<'_, '_, '_>) -> usize {
        let b = line.as_bytes();
        let mut i = from;
        while i < b.len() {
            if i > from
                && b.get(i..i + 8).is_some_and(|a| {
                    u64::from_le_bytes(<[u8; 8]>::try_from(a).unwrap_or([0x80; 8])) & LANES == 0
                })
            {
                break;
            }
            let x = b[i];
            if x < 0x80 {
                i += 1;
                w.s.chars += 1;
                if x.is_ascii_alphanumeric() {
                    if self.start == usize::MAX {
                        self.start = i - 1;
                    }
                    self.end = i;
                    if x.is_ascii_digit() {
                        w.s.digits += 1;
                        (self.lower_run, self.after_stop, self.prev_lower) = (0, false, false);
                    } else {
                        w.s.letters += 1;
                        if x.is_ascii_uppercase() {
                            w.s.upper += 1;
                            self.joins += usize::from(self.lower_run >= 3 || self.after_stop);
                            (self.lower_run, self.after_stop, self.prev_lower) = (0, false, false);
                        } else {
                            (self.lower_run, self.after_stop, self.prev_lower) =
                                (self.lower_run + 1, false, true);
                        }
                    }
                    continue;
                }
                self.after_stop = self.prev_lower && matches!(x, b'.' | b'?' | b'!');
                (self.lower_run, self.prev_lower) = (0, false);
                if !matches!(x, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                    w.s.punct += 1;
                    match x {
                        b'|' | b'/' | b'>' => w.s.separators += 1,
                        b',' => w.s.commas += 1,
                        b'"' => w.s.quote = true,
                        _ => {}
                    }
                }
                if x == b'\'' || x == b'-' {
                    continue; // inside a word, or trimmed from its edge
                }
            } else {
                let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else {
                    return b.len(); // not reached: `i` is always at a character's start
                };
                let at = i;
                i += c.len_utf8();
                w.s.chars += 1;
                let (upper, lower) = case(c);
                if upper {
                    self.joins += usize::from(self.lower_run >= 3 || self.after_stop);
                    (self.lower_run, self.after_stop, self.prev_lower) = (0, false, false);
                } else if lower {
                    (self.lower_run, self.after_stop, self.prev_lower) =
                        (self.lower_run + 1, false, true);
                } else {
                    (self.lower_run, self.after_stop, self.prev_lower) = (0, false, false);
                }
                // Common typographic punctuation: neither numeric, alphabetic nor
                // whitespace (`tests::typographic_punctuation_is_punct`), so skip the
                // Unicode table lookups.
                let typographic = matches!(c, '’' | '‘' | '“' | '”' | '—' | '–' | '…' | '©');
                let alnum = if !typographic && text::is_numeric(c) {
                    w.s.digits += 1;
                    true
                } else if !typographic && text::is_alphabetic(c) {
                    w.s.letters += 1;
                    w.s.upper += u32::from(upper);
                    w.s.cjk += u32::from(text::is_cjk(c));
                    true
                } else {
                    if typographic || !c.is_whitespace() {
                        w.s.punct += 1;
                        match c {
                            '|' | '·' | '•' | '»' | '›' | '/' | '>' | '–' => {
                                w.s.separators += 1
                            }
                            ',' | '、' | '，' => w.s.commas += 1,
                            '"' | '“' | '”' | '«' | '„' | '「' => w.s.quote = true,
                            _ => {}
                        }
                    }
                    false
                };
                if alnum {
                    if self.start == usize::MAX {
                        self.start = at;
                    }
                    self.end = i;
                    self.cjk += usize::from(text::is_cjk(c));
                    continue;
                }
                if c == '’' {
                    continue; // inside a word, or trimmed from its edge
                }
            }
            if self.start != usize::MAX {
                w.word(line, self.start, self.end, self.cjk);
                (self.start, self.cjk) = (usize::MAX, 0);
            }
        }
        i
    }
}

/// `(c.is_uppercase(), c.is_lowercase())`, answered without the Unicode tables for the
/// letters of Latin-1 and of basic Cyrillic (U+00C0 to U+045F; a unit test checks every
/// character there against the standard library).
#[inline]
fn case(c: char) -> (bool, bool) {
    match c {
        '\u{d7}' | '\u{f7}' => (false, false),
        '\u{c0}'..='\u{de}' | '\u{400}'..='\u{42f}' => (true, false),
        '\u{df}'..='\u{ff}' | '\u{430}'..='\u{45f}' => (false, true),
        _ => (c.is_uppercase(), c.is_lowercase()),
    }
}

/// Appends `w` lower-cased character by character to `out` (cleared first): the same as
/// `out.extend(w.chars().flat_map(char::to_lowercase))`, with ASCII bytes pushed as bytes
/// (the generic `extend` costs hundreds of instructions a word) and the letters of Latin-1
/// and of basic Cyrillic lower-cased by an add (see [`case`]; a unit test checks it
/// against `char::to_lowercase`).
#[inline]
fn push_lower(w: &str, out: &mut String) {
    out.clear();
    for c in w.chars() {
        let lower = match c {
            _ if c.is_ascii() => c.to_ascii_lowercase(),
            '\u{c0}'..='\u{de}' if c != '\u{d7}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            '\u{410}'..='\u{42f}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            '\u{400}'..='\u{40f}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
            '\u{df}'..='\u{ff}' | '\u{430}'..='\u{45f}' => c,
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push(lower);
    }
}

/// Bytes of a block of [`counts_ascii`]: one bit of a `u64` mask a byte.
const BLOCK: usize = 64;

/// What [`counts_ascii`] carries from one block of [`BLOCK`] ASCII bytes to the next:
/// the last block's lower-case letters and sentence stops as bits, its last byte's at bit
/// 63, for the glued joins.
#[derive(Clone, Copy, Default)]
struct Carry {
    lower: u64,
    stop: u64,
}

/// Counts the classes of `b` (ASCII, 1 to [`BLOCK`] bytes) into `s` (letters, digits,
/// upper case, punctuation, separators, commas, quotes and glued joins, from the masks of
/// [`swar::classes`]), and returns its letters and digits and its word characters
/// (letters, digits, `'` and `-`) as masks, a bit a byte.
#[inline(always)]
fn block_counts(b: &[u8], carry: &mut Carry, s: &mut LineStats) -> (u64, u64) {
    let c = swar::classes(b);
    let valid = u64::MAX >> (BLOCK - b.len());
    let alnum = c.digit | c.upper | c.lower;
    let punct = !(alnum | c.space) & valid;
    s.letters += (c.upper | c.lower).count_ones();
    s.digits += c.digit.count_ones();
    s.upper += c.upper.count_ones();
    s.punct += punct.count_ones();
    s.separators += c.separator.count_ones();
    s.commas += c.comma.count_ones();
    s.quote |= c.quote != 0;
    // An upper-case letter after three lower-case ones, or after a lower-case letter and
    // a stop (bit `k` of `m << d` is bit `k - d` of `m`; the bits before the block come
    // from the carry's top bits).
    let l1 = (c.lower << 1) | (carry.lower >> 63);
    let l2 = (c.lower << 2) | (carry.lower >> 62);
    let l3 = (c.lower << 3) | (carry.lower >> 61);
    let s1 = (c.stop << 1) | (carry.stop >> 63);
    s.glued += (c.upper & ((l1 & l2 & l3) | (s1 & l2))).count_ones();
    let shift = BLOCK - b.len();
    *carry = Carry {
        lower: c.lower << shift,
        stop: c.stop << shift,
    };
    (alnum, alnum | c.glue)
}

/// [`counts`] for an ASCII line, a block of [`BLOCK`] bytes at a time: each byte's
/// classes as bits of masks ([`Masks`], eight bytes at a time in a `u64`), the counts as
/// bit counts, the words from the masks' runs (a word runs from a letter or digit through
/// word characters to its last letter or digit, as in [`counts`]' walk), the glued joins
/// as an upper-case letter after three lower-case ones or after a lower-case letter and
/// `.`, `?` or `!` ([`glued_joins`]). The same answers as [`counts`]' walk (unit-tested).
fn counts_ascii(b: &[u8], stop: &Stopwords, shared: &mut Shared<'_>) -> LineStats {
    let mut w = WordSink::new(stop, shared);
    let mut carry = Carry::default();
    // The word being read: its start, and one past its last letter or digit so far.
    let mut word: Option<(usize, usize)> = None;
    for (k, block) in b.chunks(BLOCK).enumerate() {
        let (alnum, word_chars) = block_counts(block, &mut carry, &mut w.s);
        block_words(
            &mut word,
            k * BLOCK,
            block.len(),
            alnum,
            word_chars,
            |s, e| {
                w.ascii_word(b, s, e);
            },
        );
    }
    if let Some((start, last)) = word {
        w.ascii_word(b, start, last);
    }
    w.s.chars = c32(b.len());
    w.out.title_words = w.title_seen.min(TITLE_WORDS + 1);
    w.s
}

/// The words of a block of `len` bytes at `base` (at most [`BLOCK`]) from its masks
/// ([`block_counts`]), each given to `word` (start, one past its last letter or digit)
/// once it ends; `at`: the word being read, carried from block to block. A word runs from
/// a letter or digit through word characters to its last letter or digit, as in
/// [`Walk::bytes`].
#[inline(always)]
fn block_words(
    at: &mut Option<(usize, usize)>,
    base: usize,
    len: usize,
    alnum: u64,
    word_chars: u64,
    mut word: impl FnMut(usize, usize),
) {
    // Word ends: bytes of the block that are not word characters.
    let ends = !word_chars & (u64::MAX >> (BLOCK - len));
    let mut pos = 0usize; // the next byte of the block to look at
    while pos < len {
        let from = u64::MAX << pos;
        match *at {
            Some((start, last)) => {
                let e = ends & from;
                if e == 0 {
                    // The word goes on past the block: its last letter or digit here.
                    let a = alnum & from;
                    if a != 0 {
                        *at = Some((start, base + 64 - a.leading_zeros() as usize));
                    }
                    break;
                }
                let end = e.trailing_zeros() as usize;
                let a = alnum & from & !(u64::MAX << end);
                let last = if a != 0 {
                    base + 64 - a.leading_zeros() as usize
                } else {
                    last
                };
                word(start, last);
                *at = None;
                pos = end + 1;
            }
            None => {
                let a = alnum & from;
                if a == 0 {
                    break;
                }
                let at_ = a.trailing_zeros() as usize;
                *at = Some((base + at_, base + at_ + 1));
                pos = at_ + 1;
            }
        }
    }
}

/// What [`counts`] does with each word.
struct WordSink<'a, 's, 't> {
    s: LineStats,
    stop: &'a Stopwords,
    /// Whether to gather the content words.
    terms: bool,
    title: Option<&'t HashSet<&'t [u8], FxBuild>>,
    out: &'s mut Shared<'t>,
    buf: [u8; 32],
    spill: Vec<u8>,
    /// The words seen for the title coverage (`text::words`' words: a CJK run is one).
    title_seen: usize,
}

impl<'a, 's, 't> WordSink<'a, 's, 't> {
    /// A sink for one line's words, gathering content words and title coverage as the
    /// page's `shared` state asks.
    fn new(stop: &'a Stopwords, shared: &'s mut Shared<'t>) -> Self {
        WordSink {
            s: LineStats::default(),
            stop,
            terms: shared.plain && shared.want_terms,
            title: shared.title.filter(|_| shared.titled),
            out: shared,
            buf: [0; 32],
            spill: Vec::new(),
            title_seen: 0,
        }
    }
}

impl WordSink<'_, '_, '_> {
    /// Counts the ASCII word `line[start..end]` (a [`text::words`] word, not empty; the
    /// rest of the line need not be ASCII).
    #[inline]
    fn ascii_word(&mut self, line: &[u8], start: usize, end: usize) {
        self.title_seen += 1;
        let title = self.title.filter(|_| self.title_seen <= TITLE_WORDS + 1);
        self.ascii_word_counted(line, start, end, title);
    }

    /// [`WordSink::ascii_word`] once the word is counted for the title (`title`: the title's
    /// words, if this word is to be looked up there); `line[start..end]` is ASCII, the rest
    /// of the line need not be.
    #[inline]
    fn ascii_word_counted(
        &mut self,
        line: &[u8],
        start: usize,
        end: usize,
        title: Option<&HashSet<&[u8], FxBuild>>,
    ) {
        let b = &line[start..end];
        self.s.words += 1;
        self.s.word_chars += c32(b.len());
        if b[0].is_ascii_uppercase() {
            self.s.caps += 1;
            if self.s.caps == self.s.words {
                self.s.leading_caps += 1;
            }
        }
        if b.len() > 8 {
            let lower = text::ascii_lower(b, &mut self.buf, &mut self.spill);
            if self.stop.contains_ascii(lower) {
                self.s.stop += 1;
            } else if self.terms && b.iter().any(u8::is_ascii_alphabetic) {
                self.out.terms.push(crate::classifier::terms::hash(lower));
            }
            if let Some(title) = title {
                if self.out.title_filter & filter_bit(lower) != 0 {
                    self.out.title_hits += usize::from(title.contains(lower));
                }
            }
            return;
        }
        // A word of at most 8 bytes lower-cased into one `u64` (read as eight bytes where
        // the line has them, the bytes past the word masked off), looked up in the
        // stopwords and hashed as it is.
        let p = match line.get(start..start + 8).map(<[u8; 8]>::try_from) {
            Some(Ok(a)) => u64::from_le_bytes(a) & (u64::MAX >> (64 - 8 * b.len())),
            _ => stopwords::pack(b),
        };
        let p = stopwords::lower_packed(p);
        if self.stop.contains_packed(p, b.len()) {
            self.s.stop += 1;
        } else if self.terms
            && b.len() >= crate::classifier::terms::MIN_CHARS
            && b.iter().any(u8::is_ascii_alphabetic)
        {
            self.out
                .terms
                .push(crate::classifier::terms::hash_packed(p));
        }
        if title.is_some() {
            let lower = p.to_le_bytes();
            let lower = &lower[..b.len()];
            if self.out.title_filter & filter_bit(lower) != 0 {
                let hit = self.out.title_short.binary_search(&p).is_ok();
                self.out.title_hits += usize::from(hit);
            }
        }
    }

    /// Counts the word `w` (a [`text::words`] word) holding `cjk` CJK characters.
    #[inline]
    fn word(&mut self, line: &str, start: usize, end: usize, cjk: usize) {
        let w = &line[start..end];
        self.title_seen += 1;
        let title = self.title.filter(|_| self.title_seen <= TITLE_WORDS + 1);
        if cjk > 0 {
            self.s.words += c32(cjk.div_ceil(2));
            if self.terms {
                // Text without spaces: every pair of adjacent CJK characters.
                let mut prev = None;
                for c in w.chars().filter(|&c| text::is_cjk(c)) {
                    if let Some(p) = prev {
                        self.out
                            .terms
                            .push(crate::classifier::terms::hash_pair(p, c));
                    }
                    prev = Some(c);
                }
            }
            if let Some(title) = title {
                self.out.title_hits += usize::from(title.contains(w.to_lowercase().as_bytes()));
            }
            return;
        }
        if w.is_ascii() {
            self.ascii_word_counted(line.as_bytes(), start, end, title);
            return;
        }
        self.s.words += 1;
        self.s.word_chars += c32(w.chars().count());
        if w.chars().next().is_some_and(|c| case(c).0) {
            self.s.caps += 1;
            if self.s.caps == self.s.words {
                self.s.leading_caps += 1;
            }
        }
        let mut lower = std::mem::take(&mut self.out.lower);
        push_lower(w, &mut lower);
        if self.stop.contains(&lower) {
            self.s.stop += 1;
        } else if self.terms
            && w.len() >= crate::classifier::terms::MIN_CHARS
            && w.chars().any(text::is_alphabetic)
            && lower.chars().count() >= crate::classifier::terms::MIN_CHARS
        {
            self.out
                .terms
                .push(crate::classifier::terms::hash(lower.as_bytes()));
        }
        if let Some(title) = title {
            // `str::to_lowercase`, as the title's words are: the same but for a final
            // sigma.
            let hit = if w.contains('Σ') {
                title.contains(w.to_lowercase().as_bytes())
            } else {
                title.contains(lower.as_bytes())
            };
            self.out.title_hits += usize::from(hit);
        }
        self.out.lower = lower;
    }
}

/// The word and character counts of [`line_stats`], for any text (the walks [`counts`]
/// replaces, kept to test it against).
#[cfg(test)]
fn unicode_counts(line: &str, stop: &Stopwords, shared: &mut Shared<'_>) -> LineStats {
    let mut s = LineStats::default();
    let mut lower = String::new();
    let terms = shared.plain && shared.want_terms;
    for w in text::words(line) {
        let cjk = w.chars().filter(|&c| text::is_cjk(c)).count();
        if cjk > 0 {
            s.words += c32(cjk.div_ceil(2));
            if terms {
                // Text without spaces: every pair of adjacent CJK characters.
                let mut prev = None;
                for c in w.chars().filter(|&c| text::is_cjk(c)) {
                    if let Some(p) = prev {
                        shared.terms.push(crate::classifier::terms::hash_pair(p, c));
                    }
                    prev = Some(c);
                }
            }
            continue;
        }
        s.words += 1;
        s.word_chars += c32(w.chars().count());
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            s.caps += 1;
            if s.caps == s.words {
                s.leading_caps += 1;
            }
        }
        lower.clear();
        if w.is_ascii() {
            lower.push_str(w);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(w.chars().flat_map(char::to_lowercase));
        }
        if stop.contains(&lower) {
            s.stop += 1;
        } else if terms
            && w.len() >= crate::classifier::terms::MIN_CHARS
            && w.chars().any(text::is_alphabetic)
            && lower.chars().count() >= crate::classifier::terms::MIN_CHARS
        {
            shared
                .terms
                .push(crate::classifier::terms::hash(lower.as_bytes()));
        }
    }
    for c in line.chars() {
        s.chars += 1;
        // Common typographic punctuation: neither numeric, alphabetic nor whitespace
        // (`tests::typographic_punctuation_is_punct`), so skip the Unicode table lookups.
        let typographic = matches!(c, '’' | '‘' | '“' | '”' | '—' | '–' | '…' | '©');
        if !typographic && text::is_numeric(c) {
            s.digits += 1;
        } else if !typographic && text::is_alphabetic(c) {
            s.letters += 1;
            if c.is_uppercase() {
                s.upper += 1;
            }
            if text::is_cjk(c) {
                s.cjk += 1;
            }
        } else if typographic || !c.is_whitespace() {
            s.punct += 1;
            match c {
                '|' | '·' | '•' | '»' | '›' | '/' | '>' | '–' => s.separators += 1,
                ',' | '、' | '，' => s.commas += 1,
                '"' | '“' | '”' | '«' | '„' | '「' => s.quote = true,
                _ => {}
            }
        }
    }
    s
}

/// [`unicode_counts`] for ASCII text, byte by byte: on ASCII, `char::is_alphanumeric`,
/// `is_numeric`, `is_alphabetic`, `is_uppercase`, `is_whitespace` and `to_lowercase`
/// agree with their `is_ascii_*` forms (`is_whitespace` also takes vertical tab), and
/// no character is CJK.
#[cfg(test)]
fn ascii_counts(line: &str, stop: &Stopwords, shared: &mut Shared<'_>) -> LineStats {
    let mut s = LineStats::default();
    let bytes = line.as_bytes();
    let (mut buf, mut spill) = ([0u8; 32], Vec::new());
    let terms = shared.plain && shared.want_terms;
    let title = shared.title.filter(|_| shared.titled);
    for w in text::ascii_words(bytes) {
        s.words += 1;
        s.word_chars += c32(w.len());
        if w.first().is_some_and(u8::is_ascii_uppercase) {
            s.caps += 1;
            if s.caps == s.words {
                s.leading_caps += 1;
            }
        }
        // Lower-cased once for the stopwords, the content words and the title.
        let lower = text::ascii_lower(w, &mut buf, &mut spill);
        let is_stop = stop.contains_bytes(lower);
        if is_stop {
            s.stop += 1;
        } else if terms
            && w.len() >= crate::classifier::terms::MIN_CHARS
            && w.iter().any(u8::is_ascii_alphabetic)
        {
            shared.terms.push(crate::classifier::terms::hash(lower));
        }
        if let Some(title) = title {
            if s.words as usize <= TITLE_WORDS + 1 {
                shared.title_words = s.words as usize;
                shared.title_hits += usize::from(title.contains(lower));
            }
        }
    }
    s.chars = c32(bytes.len());
    for &b in bytes {
        if b.is_ascii_digit() {
            s.digits += 1;
        } else if b.is_ascii_alphabetic() {
            s.letters += 1;
            if b.is_ascii_uppercase() {
                s.upper += 1;
            }
        } else if !matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            s.punct += 1;
            match b {
                b'|' | b'/' | b'>' => s.separators += 1,
                b',' => s.commas += 1,
                b'"' => s.quote = true,
                _ => {}
            }
        }
    }
    s
}

/// Whether a (trimmed) line is only Markdown images (`![alt](src)`), possibly linked
/// (`[![alt](src)](href)`).
pub(crate) fn is_image_only(t: &str) -> bool {
    // Nearly every line: not an image's or a link's mark first.
    if !matches!(t.trim_start().as_bytes().first(), Some(b'!' | b'[')) {
        return false;
    }
    let mut rest = t.trim();
    let mut any = false;
    while !rest.is_empty() {
        let linked = rest.starts_with("[![");
        if linked {
            rest = &rest[1..];
        }
        if !rest.starts_with("![") {
            return false;
        }
        let Some(close) = rest.find("](") else {
            return false;
        };
        let after = &rest[close + 2..];
        let Some(end) = after.find(')') else {
            return false;
        };
        rest = &after[end + 1..];
        if linked {
            let Some(target) = rest.strip_prefix("](") else {
                return false;
            };
            let Some(e) = target.find(')') else {
                return false;
            };
            rest = &target[e + 1..];
        }
        rest = rest.trim_start();
        any = true;
    }
    any
}

/// A coarse shape of a line, for repeated-pattern detection (listing items, cards).
fn shape(s: &LineStats) -> u8 {
    shape_of(
        s.words,
        s.sentence,
        s.link_chars > 0,
        s.digits > 0,
        s.bullet || s.heading,
        s.image_only,
    )
}

/// [`shape`] from the measures it reads.
#[inline(always)]
fn shape_of(words: u32, sentence: bool, link: bool, digits: bool, mark: bool, image: bool) -> u8 {
    let len = match words {
        0..=1 => 0u8,
        2..=3 => 1,
        4..=7 => 2,
        8..=15 => 3,
        _ => 4,
    };
    len | u8::from(sentence) << 3
        | u8::from(link) << 4
        | u8::from(digits) << 5
        | u8::from(mark) << 6
        | u8::from(image) << 7
}

/// Characters inside URLs and Markdown link/image syntax (`[text](url)`, `http…`).
fn link_chars(line: &str) -> usize {
    // Both counts below need one of these in the line.
    let b = line.as_bytes();
    let url =
        text::has_scheme(b) || memchr::memchr_iter(b'w', b).any(|i| b[i..].starts_with(b"www."));
    if !url && !text::has_link(line) {
        return 0;
    }
    let mut n = 0;
    for tok in line.split_whitespace() {
        if tok.contains("://") || tok.starts_with("www.") || tok.contains("](") {
            n += tok.chars().count();
        }
    }
    if let Some(open) = line.find('[') {
        if line[open..].contains("](") {
            // Link text counts too: everything between '[' and ']' before a '('.
            let mut depth = 0usize;
            for c in line[open..].chars() {
                match c {
                    '[' => depth += 1,
                    ']' => depth = depth.saturating_sub(1),
                    _ if depth > 0 => n += 1,
                    _ => {}
                }
            }
        }
    }
    n
}

/// `text::coverage(&text::tokens(line), title)` without allocating per token: the share
/// of the line's lower-cased words that occur in `title` (0 when it has none).
fn title_coverage(line: &str, title: &HashSet<&[u8], FxBuild>, token: &mut String) -> f32 {
    let (mut hit, mut all) = (0usize, 0usize);
    if line.is_ascii() {
        let (mut buf, mut spill) = ([0u8; 32], Vec::new());
        for w in text::ascii_words(line.as_bytes()) {
            all += 1;
            if title.contains(text::ascii_lower(w, &mut buf, &mut spill)) {
                hit += 1;
            }
        }
        return if all == 0 {
            0.0
        } else {
            hit as f32 / all as f32
        };
    }
    for w in text::words(line) {
        token.clear();
        if w.is_ascii() {
            token.push_str(w);
            token.make_ascii_lowercase();
        } else {
            token.push_str(&w.to_lowercase());
        }
        all += 1;
        if title.contains(token.as_bytes()) {
            hit += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        hit as f32 / all as f32
    }
}

/// The main region: the maximum-sum run of text lines, where prose lines count their
/// words (half when they do not end a sentence) and other lines a penalty (`stats` and
/// `open` per text line). Returns indices of text lines (inclusive), if any.
pub(crate) fn main_region(stats: &StatsTable, open: &[bool]) -> Option<(usize, usize)> {
    best_run(open.iter().enumerate().map(|(k, &open)| {
        if !open {
            0.0 // decided lines neither extend nor break a run
        } else if stats.prose(k) && stats.sentence(k) {
            (stats.words(k) as f32).min(80.0)
        } else if stats.prose(k) {
            // A long line that ends without a full stop: a flattened menu, footer or
            // teaser strip as often as a paragraph.
            (stats.words(k) as f32).min(80.0) / 2.0
        } else if stats.sentence(k) && stats.words(k) >= 5 {
            1.0
        } else {
            -6.0
        }
    }))
}

/// The first and last index of the run of `values` with the largest positive sum
/// (Kadane), if any; the first such run on ties.
pub(crate) fn best_run<T>(values: impl Iterator<Item = T>) -> Option<(usize, usize)>
where
    T: Copy + Default + PartialOrd + std::ops::AddAssign,
{
    let zero = T::default();
    let (mut best, mut best_sum) = (None, zero);
    let (mut start, mut sum) = (0, zero);
    for (k, v) in values.enumerate() {
        if sum <= zero {
            start = k;
            sum = zero;
        }
        sum += v;
        if sum > best_sum {
            best_sum = sum;
            best = Some((start, k));
        }
    }
    best
}

/// Up to [`SAMPLE_BYTES`] of the page's longer lines (eight words or more), for guessing
/// its language.
fn language_sample(doc: &Doc<'_>, lines: &[usize]) -> String {
    let mut sample = String::new();
    for &i in lines {
        let line = doc.line(i);
        if line.split_whitespace().nth(7).is_some() {
            sample.push_str(line);
            sample.push('\n');
            if sample.len() >= SAMPLE_BYTES {
                break;
            }
        }
    }
    sample
}

/// How much text the language guess reads.
const SAMPLE_BYTES: usize = 2048;

/// Features of every non-blank line of `doc`, given what earlier rules decided: the line
/// indices, what each line's row is made from ([`Page::row`]) and the lines' content words
/// (none for removed lines); lines an earlier rule decided get a row of zeros (they only
/// serve as context for their neighbours).
pub(crate) fn extract<'d>(doc: &'d Doc<'d>) -> Page<'d> {
    let lines = doc.text_lines();
    let n = lines.len();
    let stop = stopwords::for_text(&language_sample(doc, &lines));
    // `text::tokens` of the first line, an ASCII word without upper case borrowed (its
    // own lower case: issue 24's first lines of many parts allocate no copy of each).
    let title_tokens: Vec<Cow<'_, str>> = text::words(doc.line(lines[0]))
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
        .collect();
    // A set, so that a huge first line does not make every later lookup slow (a fast
    // hash: every word of every line is looked up).
    let title: HashSet<&[u8], FxBuild> = title_tokens.iter().map(|t| t.as_bytes()).collect();
    // One walk over each line's words for its counts, content words and title coverage
    // (the last two walk it again only on lines that are not plain, see `Shared`).
    let mut terms = Terms::new();
    let mut stats = StatsTable::with_capacity(n);
    // NaN: not measured in the walk.
    let mut covered = vec![f32::NAN; n];
    let mut shared = Shared::for_title(&title_tokens);
    // Page sums, taken while each line's measures are at hand (not read back from the
    // packed table).
    let (mut total_words, mut prose_words, mut plain_prose_words) = (0usize, 0usize, 0usize);
    let (mut total_chars, mut total_link) = (0usize, 0usize);
    let (mut prose_n, mut short_n, mut bullet_n) = (0usize, 0usize, 0usize);
    for (k, &i) in lines.iter().enumerate() {
        let line = doc.line(i);
        let removed = doc.is_removed(i);
        shared.want_terms = !removed;
        shared.title = (k > 0).then_some(&title);
        let s = line_stats_with(line, stop, &mut shared);
        stats.push(s);
        total_words += s.words as usize;
        total_chars += s.chars as usize;
        total_link += s.link_chars as usize;
        short_n += usize::from(s.words <= 4);
        bullet_n += usize::from(s.bullet);
        if s.prose {
            prose_n += 1;
            prose_words += s.words as usize;
            // Prose words outside links on the whole page: near zero on a Markdown
            // listing, whose every teaser is a link, however prose-like its text.
            if u64::from(s.link_chars) * 10 < u64::from(s.chars) * 3 {
                plain_prose_words += s.words as usize;
            }
        }
        if removed {
            terms.push_empty();
        } else if shared.plain {
            terms.push_ids(&shared.terms);
        } else {
            terms.push_line(line, stop);
        }
        if shared.titled && s.words as usize <= TITLE_WORDS {
            covered[k] = if s.words == 0 {
                0.0
            } else {
                shared.title_hits as f32 / shared.title_words as f32
            };
        }
    }
    terms.shrink_to_fit();
    let removed: Vec<bool> = lines.iter().map(|&i| doc.is_removed(i)).collect();
    let open: Vec<bool> = removed.iter().map(|r| !r).collect();
    let region = main_region(&stats, &open);
    // Blank-separated blocks: each block's first text line, lines and words (a line's
    // block is found among the first lines by halves: issue 24, not a table of 4 bytes a
    // line).
    let mut block_starts = vec![0u32];
    let (mut block_lines, mut block_words) = (vec![0usize], vec![0usize]);
    for k in 0..n {
        if k > 0 && lines[k] != lines[k - 1] + 1 {
            block_starts.push(c32(k));
            block_lines.push(0);
            block_words.push(0);
        }
        *block_lines.last_mut().expect("one block at least") += 1;
        *block_words.last_mut().expect("one block at least") += stats.words(k) as usize;
    }
    block_starts.shrink_to_fit();
    block_lines.shrink_to_fit();
    block_words.shrink_to_fit();
    // The median line's words: the word count at rank n / 2 (selected, not sorted).
    let mut sorted: Vec<u32> = (0..n).map(|k| stats.words(k)).collect();
    let median = if n / 2 < sorted.len() {
        (*sorted.select_nth_unstable(n / 2).1).max(1)
    } else {
        1
    } as f32;
    // Prefix sums over text lines for windows (the sums of flags are counted in bits:
    // issue 24, three tables of 4 bytes a line before).
    let mut pre_logw = vec![0f32; n + 1];
    let mut pre_prose_words = vec![0f32; n + 1];
    for k in 0..n {
        let (words, prose) = (stats.words(k), stats.prose(k));
        pre_logw[k + 1] = pre_logw[k] + ln1p(words as usize);
        pre_prose_words[k + 1] = pre_prose_words[k] + if prose { words as f32 } else { 0.0 };
    }
    let prose_bits = Bits::new((0..n).map(|k| stats.prose(k)));
    // Author and date lines an earlier rule removed: one near the headline on an article,
    // one per item on a page of teaser cards, comments or forum posts.
    let bylines = Bits::new(lines.iter().map(|&i| {
        matches!(
            doc.mark(i),
            crate::doc::Mark::Remove(_, crate::Category::Byline | crate::Category::Metadata)
        )
    }));
    let doc_bytes = doc.text.len().max(1) as f32;
    // The headline line, if an earlier rule labelled one.
    let title_at = lines.iter().position(|&i| {
        matches!(
            doc.mark(i),
            crate::doc::Mark::Remove(_, crate::Category::Title)
        )
    });
    // The headline's content words, for the share of each line's that it names.
    let mut headline = Terms::new();
    if let Some(t) = title_at {
        headline.push_line(doc.line(lines[t]), stop);
    }
    // Runs of consecutive short lines of similar length (menus, lists, tables), each
    // line's the length of its run (held once a run: issue 24).
    let similar = |a: usize, b: usize| {
        let (x, y) = (stats.words(a), stats.words(b));
        !stats.prose(a) && !stats.prose(b) && x.abs_diff(y) <= 2 + x.max(y) / 3
    };
    // Lines in runs of 4 or more.
    let mut run_lines = 0;
    let run = Runs::new(
        Bits::new((0..n).map(|k| k == 0 || !similar(k - 1, k))),
        |a, b| {
            if b - a >= 4 {
                run_lines += b - a;
            }
            c32(b - a)
        },
    );
    // The prose lines, and the lines removed as related-content or comment headers, in
    // order: a line's distance to the nearest prose line above and below, and to the
    // nearest header above and their count, are found in them when its row is made
    // (issue 24: four tables of 4 bytes a line before).
    let prose_lines: Vec<u32> = (0..n).filter(|&k| stats.prose(k)).map(c32).collect();
    let header_lines: Vec<u32> = (0..n)
        .filter(|&k| {
            matches!(
                doc.mark(lines[k]),
                crate::doc::Mark::Remove(_, crate::Category::Related | crate::Category::Comments)
            )
        })
        .map(c32)
        .collect();
    // Page-level shape: how much of the page is prose, short lines, links, runs, bullets.
    let nf = n as f32;
    let doc_prose_line_share = prose_n as f32 / nf;
    let doc_short_share = short_n as f32 / nf;
    let doc_bullet_share = bullet_n as f32 / nf;
    let doc_link_share = total_link as f32 / total_chars.max(1) as f32;
    let doc_run_share = run_lines as f32 / nf;
    let region_words: usize =
        region.map_or(0, |(a, z)| (a..=z).map(|k| stats.words(k) as usize).sum());
    let region_word_share = region_words as f32 / total_words.max(1) as f32;
    // Periodic runs: lines whose shape repeats at a period of 1 to 4 lines (cards, items).
    let shapes: Vec<u8> = (0..n).map(|k| stats.shape(k)).collect();
    let mut periodic = vec![1u32; n];
    for p in 1..=4usize {
        let mut k = p;
        while k < n {
            if shapes[k] != shapes[k - p] {
                k += 1;
                continue;
            }
            let start = k - p;
            let mut end = k;
            while end + 1 < n && shapes[end + 1] == shapes[end + 1 - p] {
                end += 1;
            }
            let len = end + 1 - start;
            // Period-p runs need at least two full repeats to count as a pattern.
            if len >= 2 * p {
                for r in &mut periodic[start..=end] {
                    *r = (*r).max(c32(len));
                }
            }
            k = end + 1;
        }
    }
    let doc_periodic_share = periodic.iter().filter(|&&r| r >= 6).count() as f32 / nf;
    // Hard-wrapped paragraphs: a line continues into the next (adjacent) one when it does
    // not end a sentence and the next starts in lower case, or it ends with a comma or
    // hyphen. Each line gets its paragraph's word count and whether the paragraph ends a
    // sentence, so a wrapped paragraph is scored as the paragraph it is.
    // Held once a paragraph (issue 24: 5 bytes a line before).
    let continues = |k: usize| {
        if k + 1 >= n || lines[k + 1] != lines[k] + 1 {
            return false;
        }
        let line = doc.line(lines[k]);
        (!stats.sentence(k) && stats.starts_lower(k + 1)) || line.ends_with([',', '-'])
    };
    let mut para_sentence = Vec::new();
    let mut max_para_words = 0;
    let para = Runs::new(
        Bits::new((0..n).map(|k| k == 0 || !continues(k - 1))),
        |a, b| {
            let words = c32((a..b).map(|j| stats.words(j) as usize).sum());
            para_sentence.push(stats.sentence(b - 1));
            max_para_words = max_para_words.max(words);
            words
        },
    );
    let grid = grids(doc, &lines);
    let doc_grid_share = grid.items.iter().filter(|&&c| c > 0).count() as f32 / nf;
    let grid_words: usize = (0..n)
        .filter(|&k| grid.items[k] > 0)
        .map(|k| stats.words(k) as usize)
        .sum();
    let doc_grid_word_share = grid_words as f32 / total_words.max(1) as f32;
    let periodic_words: usize = (0..n)
        .filter(|&k| periodic[k] >= 6)
        .map(|k| stats.words(k) as usize)
        .sum();
    let doc_periodic_word_share = periodic_words as f32 / total_words.max(1) as f32;
    let para_sentence = Bits::new(para_sentence);
    let mut token = String::new();
    // The share of line `k`'s words found in the title (asked only of lines of at most
    // `TITLE_WORDS` words).
    let mut coverage = |k: usize| {
        if covered[k].is_nan() {
            title_coverage(doc.line(lines[k]), &title, &mut token)
        } else {
            covered[k]
        }
    };
    // The headline printed again over the article (the first line is often the page's
    // <title>, then come menus, then the headline, byline and text): the first later
    // line made of the title's words, with at least half as many words.
    let headline_at = (1..n).find(|&k| {
        let words = stats.words(k) as usize;
        (3..=TITLE_WORDS).contains(&words) && words * 2 >= title_tokens.len() && coverage(k) >= 0.8
    });
    // The share of each open line's words found in the title (asked only of lines of at
    // most `TITLE_WORDS` words, after the first).
    let title_overlap: Vec<f32> = (0..n)
        .map(|k| {
            let i = lines[k];
            if k > 0 && doc.is_open(i) && stats.words(k) as usize <= TITLE_WORDS {
                coverage(k)
            } else {
                0.0
            }
        })
        .collect();
    // What every row reads of the page, measured once (issue 24: `ln_1p` of these counts
    // was taken again in every row of every stage).
    let constants = Constants {
        log_n: ln1p(n),
        log_total_words: ln1p(total_words),
        doc_prose_share: prose_words as f32 / total_words.max(1) as f32,
        log_region_words: ln1p(region_words),
        log_plain_prose_words: ln1p(plain_prose_words),
        log_max_para_words: ln1p(max_para_words as usize),
    };
    Page {
        doc,
        n,
        constants,
        stats,
        removed: Bits::new(removed),
        region,
        block_starts,
        block_lines,
        block_words,
        prose_words,
        median,
        pre_logw,
        prose_bits,
        pre_prose_words,
        bylines,
        doc_bytes,
        title_at,
        headline,
        run,
        prose_lines,
        header_lines,
        doc_prose_line_share,
        doc_short_share,
        doc_bullet_share,
        doc_link_share,
        doc_run_share,
        region_word_share,
        periodic,
        doc_periodic_share,
        para,
        para_sentence,
        grid,
        doc_grid_share,
        doc_grid_word_share,
        doc_periodic_word_share,
        title_overlap,
        headline_at,
        lines,
        terms,
    }
}

/// The features of a page's text lines, measured once ([`extract`]); each line's row is
/// put together when it is asked for ([`Page::row`]), so that the classifier holds rows
/// for a block of lines at a time, not for the whole page (issue 24: 744 bytes a line
/// for both stages' rows, 84 times the input on a page of short distinct lines).
pub(crate) struct Page<'d> {
    doc: &'d Doc<'d>,
    n: usize,
    constants: Constants,
    stats: StatsTable,
    /// Whether each line was removed by an earlier rule.
    removed: Bits,
    region: Option<(usize, usize)>,
    /// Each blank-separated block's first text line, in order.
    block_starts: Vec<u32>,
    block_lines: Vec<usize>,
    block_words: Vec<usize>,
    prose_words: usize,
    median: f32,
    pre_logw: Vec<f32>,
    /// Whether each line reads as prose (counted for windows).
    prose_bits: Bits,
    pre_prose_words: Vec<f32>,
    /// Whether each line was removed as a byline or metadata.
    bylines: Bits,
    doc_bytes: f32,
    title_at: Option<usize>,
    headline: Terms,
    /// Each line's run of similar lines, its length.
    run: Runs<u32>,
    prose_lines: Vec<u32>,
    header_lines: Vec<u32>,
    doc_prose_line_share: f32,
    doc_short_share: f32,
    doc_bullet_share: f32,
    doc_link_share: f32,
    doc_run_share: f32,
    region_word_share: f32,
    periodic: Vec<u32>,
    doc_periodic_share: f32,
    /// Each line's paragraph, its words ([`Page::para_sentence`]: whether it ends a sentence).
    para: Runs<u32>,
    /// Whether each paragraph ends a sentence.
    para_sentence: Bits,
    grid: Grids,
    doc_grid_share: f32,
    doc_grid_word_share: f32,
    doc_periodic_word_share: f32,
    title_overlap: Vec<f32>,
    headline_at: Option<usize>,
    /// The document's non-blank lines (indices into its lines), in order.
    pub lines: std::sync::Arc<[usize]>,
    /// Each text line's content words (none for removed lines).
    pub terms: Terms,
}

/// Measures of the whole page that go into every row as they are, taken once
/// ([`extract`]).
#[derive(Clone, Copy, Debug)]
struct Constants {
    /// `ln_1p` of the page's text lines.
    log_n: f32,
    /// `ln_1p` of the page's words.
    log_total_words: f32,
    /// The share of the page's words in prose lines.
    doc_prose_share: f32,
    /// `ln_1p` of the words of the main region.
    log_region_words: f32,
    /// `ln_1p` of the page's plain prose words.
    log_plain_prose_words: f32,
    /// `ln_1p` of the words of the page's longest paragraph.
    log_max_para_words: f32,
}

impl Page<'_> {
    /// The number of text lines.
    pub(crate) fn len(&self) -> usize {
        self.n
    }

    /// The share of the page's words inside card grids (`doc_grid_word_share`, the same
    /// on every open line's row).
    pub(crate) fn doc_grid_word_share(&self) -> f32 {
        self.doc_grid_word_share
    }

    /// The features [`KEPT`] of line `k`'s row, read from the page's tables without
    /// making the row (zeros for a decided line, as in its row): what the classifier reads
    /// of a line after scoring it (issue 24: held per line, they took 16 bytes a line at
    /// its peak). `kept_features_are_the_rows` checks them against [`Page::row`].
    #[inline]
    pub(crate) fn kept(&self, k: usize) -> [f32; 5] {
        if !self.doc.is_open(self.lines[k]) {
            return [0.0; 5];
        }
        let (in_region, side) = match self.region {
            Some((a, _)) if k < a => (0.0, -1.0),
            Some((_, z)) if k > z => (0.0, 1.0),
            Some(_) => (1.0, 0.0),
            None => (0.0, 0.0),
        };
        [
            ln1p(self.stats.words(k) as usize),
            ln1p(self.grid.items[k] as usize),
            ln1p(self.periodic[k] as usize),
            side,
            in_region,
        ]
    }

    /// Every line's row, in order (for the training tools and tests).
    #[cfg_attr(not(any(test, feature = "internal")), allow(dead_code))]
    pub(crate) fn rows(&self) -> Vec<[f32; N_FEATURES]> {
        (0..self.n).map(|k| self.row(k)).collect()
    }
}

features! {
    /// The features of text line `k`: zeros for a line an earlier rule decided (such
    /// lines are context only: their rows are never scored, nor trained on).
    fn row(&self, k) {
        let Page {
            doc,
            stats,
            removed,
            block_starts,
            block_lines,
            block_words,
            pre_logw,
            prose_bits,
            pre_prose_words,
            bylines,
            headline,
            run,
            prose_lines,
            header_lines,
            periodic,
            para,
            para_sentence,
            grid,
            title_overlap,
            lines,
            terms,
            ..
        } = self;
        let (n, region, prose_words, median, doc_bytes) = (
            self.n,
            self.region,
            self.prose_words,
            self.median,
            self.doc_bytes,
        );
        let (title_at, headline_at, region_word_share) =
            (self.title_at, self.headline_at, self.region_word_share);
        let c = self.constants;
        let (doc_prose_line_share, doc_short_share, doc_bullet_share, doc_link_share) = (
            self.doc_prose_line_share,
            self.doc_short_share,
            self.doc_bullet_share,
            self.doc_link_share,
        );
        let (doc_run_share, doc_periodic_share, doc_grid_share, doc_grid_word_share) = (
            self.doc_run_share,
            self.doc_periodic_share,
            self.doc_grid_share,
            self.doc_grid_word_share,
        );
        let doc_periodic_word_share = self.doc_periodic_word_share;
        let i = lines[k];
        if !doc.is_open(i) {
            return [0.0; N_FEATURES];
        }
        // The table looked up once a row, not once a feature.
        let table = ln1p_table();
        let ln1p = |n: usize| ln1p_in(table, n);
        let window = |pre: &[f32], k: usize, r: usize| {
            let lo = k.saturating_sub(r);
            let hi = (k + r + 1).min(n);
            (pre[hi] - pre[lo]) / (hi - lo) as f32
        };
        // `window` of the flags `bits` (their prefix sums in `f32`), and the same share
        // of the lines `lo..hi` (-1 for none).
        let window_bits = |bits: &Bits, k: usize, r: usize| {
            let lo = k.saturating_sub(r);
            let hi = (k + r + 1).min(n);
            bits.count_f32(lo, hi) / (hi - lo) as f32
        };
        let share_bits = |bits: &Bits, lo: usize, hi: usize| {
            if hi > lo {
                bits.count_f32(lo, hi) / (hi - lo) as f32
            } else {
                -1.0
            }
        };
        let block = block_starts.partition_point(|&s| s as usize <= k) - 1;
        let headline_terms = headline.of(0);
        let s = stats.get(k);
        let words = s.words.max(1) as f32;
        let chars = s.chars.max(1) as f32;
        let letters = s.letters.max(1) as f32;
        let prev = (k > 0).then(|| k - 1);
        let next = (k + 1 < n).then_some(k + 1);
        // The neighbours' words and sentence ends (read alone from the packed table).
        let nb = |o: Option<usize>| o.map(|j| (stats.words(j), stats.sentence(j)));
        let (p, q) = (nb(prev), nb(next));
        let (in_region, dist, side) = match region {
            Some((a, _)) if k < a => (0.0, ln1p(a - k), -1.0),
            Some((_, z)) if k > z => (0.0, ln1p(k - z), 1.0),
            Some(_) => (1.0, 0.0, 0.0),
            None => (0.0, c.log_n, 0.0),
        };
        let title_overlap = title_overlap[k];
        // The nearest prose lines above and below (the page's line count when none), the
        // nearest header above (-1 when none) and the headers above.
        let at = prose_lines.partition_point(|&j| (j as usize) < k);
        let log_prose_above = at
            .checked_sub(1)
            .map_or(c.log_n, |a| ln1p(k - prose_lines[a] as usize));
        let below = at + usize::from(prose_lines.get(at).is_some_and(|&j| j as usize == k));
        let log_prose_below = prose_lines
            .get(below)
            .map_or(c.log_n, |&j| ln1p(j as usize - k));
        let headers_above = header_lines.partition_point(|&j| (j as usize) < k);
        let header_dist = headers_above
            .checked_sub(1)
            .map_or(-1.0, |h| ln1p(k - header_lines[h] as usize));
        let blank_around = f32::from(u8::from(i > 0 && doc.is_blank(i - 1)))
            + f32::from(u8::from(i + 1 < doc.len() && doc.is_blank(i + 1)));
    }
    log_chars: ln1p(s.chars as usize),
    log_words: ln1p(s.words as usize),
    ends_sentence: f32::from(u8::from(s.sentence)),
    stopword_share: s.stop as f32 / words,
    capitalised_share: s.caps as f32 / words,
    digit_share: s.digits as f32 / chars,
    punct_share: s.punct as f32 / chars,
    link_share: s.link_chars as f32 / chars,
    bullet: f32::from(u8::from(s.bullet)),
    separators_per_word: s.separators as f32 / words,
    mean_word_len: s.word_chars as f32 / words,
    commas_per_word: s.commas as f32 / words,
    cjk_share: s.cjk as f32 / letters,
    md_heading: f32::from(u8::from(s.heading)),
    has_quote: f32::from(u8::from(s.quote)),
    upper_share: s.upper as f32 / letters,
    prev_log_words: p.map_or(-1.0, |(w, _)| ln1p(w as usize)),
    prev_sentence: p.map_or(-1.0, |(_, e)| f32::from(u8::from(e))),
    prev_removed: prev.map_or(-1.0, |j| f32::from(u8::from(removed.get(j)))),
    next_log_words: q.map_or(-1.0, |(w, _)| ln1p(w as usize)),
    next_sentence: q.map_or(-1.0, |(_, e)| f32::from(u8::from(e))),
    next_removed: next.map_or(-1.0, |j| f32::from(u8::from(removed.get(j)))),
    window_mean_log_words: window(pre_logw, k, 3),
    window_prose_share: window_bits(prose_bits, k, 5),
    rel_line_pos: k as f32 / n as f32,
    rel_byte_pos: doc.start(i) as f32 / doc_bytes,
    in_region: in_region,
    log_region_distance: dist,
    region_side: side,
    log_block_lines: ln1p(block_lines[block]),
    log_block_words: ln1p(block_words[block]),
    title_overlap: title_overlap,
    doc_log_words: c.log_total_words,
    doc_prose_share: c.doc_prose_share,
    words_vs_median: (s.words as f32 / median).min(50.0),
    window_removed_share: window_bits(removed, k, 3),
    prose_mass_before: pre_prose_words[k] / prose_words.max(1) as f32,
    blank_around: blank_around,
    starts_lower: f32::from(u8::from(s.starts_lower)),
    prose: f32::from(u8::from(s.prose)),
    title_side: match title_at {
        Some(t) if k < t => -1.0,
        Some(t) if k > t => 1.0,
        _ => 0.0,
    },
    log_title_distance: title_at.map_or(-1.0, |t| ln1p(k.abs_diff(t))),
    log_similar_run: ln1p(run.get(k) as usize),
    log_doc_lines: c.log_n,
    removed_share_before: share_bits(removed, k.saturating_sub(10), k),
    removed_share_after: share_bits(removed, k + 1, (k + 11).min(n)),
    log_prose_above: log_prose_above,
    log_prose_below: log_prose_below,
    log_leading_caps: ln1p(s.leading_caps as usize),
    log_related_header_distance: header_dist,
    log_related_headers_above: ln1p(headers_above),
    doc_prose_line_share: doc_prose_line_share,
    doc_short_share: doc_short_share,
    doc_link_share: doc_link_share,
    doc_run_share: doc_run_share,
    doc_bullet_share: doc_bullet_share,
    region_word_share: region_word_share,
    log_region_words: c.log_region_words,
    log_periodic_run: ln1p(periodic[k] as usize),
    doc_periodic_share: doc_periodic_share,
    image_only: f32::from(u8::from(s.image_only)),
    table_row: f32::from(u8::from(s.table_row)),
    log_indent: ln1p(doc.raw(i).len() - doc.raw(i).trim_start().len()),
    log_paragraph_words: ln1p(para.get(k) as usize),
    paragraph_sentence: f32::from(u8::from(para_sentence.get(para.index(k)))),
    ends_ellipsis: f32::from(u8::from(ends_with_ellipsis(doc.line(i)))),
    headline_side: match headline_at {
        Some(h) if k < h => -1.0,
        Some(h) if k > h => 1.0,
        _ => 0.0,
    },
    log_headline_distance: headline_at.map_or(-1.0, |h| ln1p(k.abs_diff(h))),
    log_doc_plain_prose_words: c.log_plain_prose_words,
    log_glued_joins: ln1p(s.glued as usize),
    log_bylines_above: ln1p(bylines.rank(k)),
    log_bylines_below: ln1p(bylines.rank(n) - bylines.rank(k + 1)),
    headline_cohesion: match terms.of(k) {
        _ if headline_terms.is_empty() => -1.0,
        [] => -1.0,
        own => shared_sorted(own, headline_terms) as f32 / own.len() as f32,
    },
    log_grid_items: ln1p(grid.items[k] as usize),
    grid_label: f32::from(u8::from(grid.label[k])),
    doc_grid_share: doc_grid_share,
    doc_grid_word_share: doc_grid_word_share,
    doc_periodic_word_share: doc_periodic_word_share,
    log_doc_max_paragraph_words: c.log_max_para_words,
    // How many times the line's text occurs on the page (the repeated-line rule
    // leaves some copies open).
    log_copies: ln1p(doc.copies(i).saturating_sub(1) as usize),
}

/// How many words `a` and `b` (each sorted, each word once) share: one walk along both.
fn shared_sorted(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How many times a capital letter follows, inside one token, three lower-case letters
/// or a sentence's end ("Council Backs BridgeThe council met", "on Monday.Next story"):
/// a teaser's headline glued to its summary, as text printed from adjacent page elements
/// reads. (Brand names in camel case count too; the classifier weighs it with the rest.)
/// [`counts`] counts them in its walk; this is the reference it is tested against.
#[cfg(test)]
fn glued_joins(line: &str) -> usize {
    if line.is_ascii() {
        // The same walk over bytes: an ASCII `char` is upper (lower) case exactly when
        // `is_ascii_uppercase` (`is_ascii_lowercase`).
        return glued_joins_with(line.bytes().map(|b| {
            (
                b.is_ascii_uppercase(),
                b.is_ascii_lowercase(),
                char::from(b),
            )
        }));
    }
    glued_joins_with(
        line.chars()
            .map(|c| (c.is_uppercase(), c.is_lowercase(), c)),
    )
}

/// [`glued_joins`] over `(is upper case, is lower case, char)` for each character.
#[cfg(test)]
fn glued_joins_with(chars: impl Iterator<Item = (bool, bool, char)>) -> usize {
    let (mut joins, mut lower_run, mut after_stop) = (0, 0usize, false);
    let mut prev_lower = false;
    for (upper, lower, c) in chars {
        if upper {
            if lower_run >= 3 || after_stop {
                joins += 1;
            }
            lower_run = 0;
            after_stop = false;
            prev_lower = false;
        } else if lower {
            lower_run += 1;
            after_stop = false;
            prev_lower = true;
        } else {
            after_stop = prev_lower && matches!(c, '.' | '?' | '!');
            lower_run = 0;
            prev_lower = false;
        }
    }
    joins
}

/// Card grids: a label that recurs in every item of a list of products, posts or
/// courses ("Add to cart", "Read more", "Free delivery"), with other, different lines
/// between its copies. Unlike a menu printed twice, whose copies come with the same
/// neighbours, a label's copies are each surrounded by their own item.
pub(crate) struct Grids {
    /// Per text line: the copies of the largest grid label whose span (first to last
    /// copy) covers the line, 0 outside every grid.
    pub items: Vec<u32>,
    /// Per text line: whether it is itself a grid label.
    pub label: Vec<bool>,
}

/// Copies a label needs to make a grid.
const GRID_MIN_COPIES: usize = 4;

/// Longest run of aligned lines [`mostly_aligned`] walks out from a pair of copies, each
/// way. Without a bound the walk costs the lines times the repeat's period on a document
/// that repeats one long block (a page printed many times over: quadratic); an item of a
/// card grid is a few lines, far under it, so no grid's decision changes.
const GRID_ALIGN_MAX: usize = 64;

/// The widest gap between two copies that [`mostly_aligned`] can find filled: its walks
/// count at most `1 + 2 * GRID_ALIGN_MAX` aligned lines, which fill more than half of a
/// gap below this. Copies further apart are each in their own item without a walk.
const GRID_ALIGN_GAP: usize = 2 * (1 + 2 * GRID_ALIGN_MAX);

/// Whether the lines aligned with copies `a < b` of one key (the same key at the same
/// offset from each, `key(i)` giving line `i`'s key, `n` lines in all) fill more than half
/// the gap between them: the copies then sit in repeated blocks, not each in its own
/// item. Stops as soon as that is known, and after [`GRID_ALIGN_MAX`] lines each way;
/// `steps` counts the keys compared.
fn mostly_aligned<K: PartialEq>(
    key: &impl Fn(usize) -> K,
    a: usize,
    b: usize,
    n: usize,
    steps: &mut usize,
) -> bool {
    let gap = b - a;
    if gap >= GRID_ALIGN_GAP {
        return false;
    }
    let mut aligned = 1;
    let mut d = 1;
    while a + d < b && b + d < n && d <= GRID_ALIGN_MAX && {
        *steps += 1;
        key(a + d) == key(b + d)
    } {
        aligned += 1;
        if aligned * 2 > gap {
            return true;
        }
        d += 1;
    }
    d = 1;
    while d <= a && b - d > a && d <= GRID_ALIGN_MAX && {
        *steps += 1;
        key(a - d) == key(b - d)
    } {
        aligned += 1;
        if aligned * 2 > gap {
            return true;
        }
        d += 1;
    }
    aligned * 2 > gap
}

/// Finds the card grids of the text lines `lines` of `doc` (see [`Grids`]).
pub(crate) fn grids(doc: &Doc<'_>, lines: &[usize]) -> Grids {
    grids_counted(doc, lines, &mut 0)
}

/// [`grids`], adding to `steps` the work it does beyond one pass over the lines: keys
/// compared by the alignment walks, copies looked at, grid spans entered and left. At most
/// a constant times the lines on any input (issue 24: before, every label's span was
/// written line by line, the labels times the lines on a page that repeats a block of a
/// thousand lines).
fn grids_counted(doc: &Doc<'_>, lines: &[usize], steps: &mut usize) -> Grids {
    let n = lines.len();
    let mut g = Grids {
        items: vec![0; n],
        label: vec![false; n],
    };
    // Two lines have the same key exactly when they have the same key number (`None`
    // for an empty key): compared as numbers, not bytes.
    let key = |k: usize| doc.repeat_group(lines[k]);
    // The lines that can be labels (a key with fewer copies in the whole document cannot
    // make a grid), by key, each key's in order: a counting sort by key number, one entry
    // per such line and one per key, not a table of every line's copies.
    let candidate = |&line: &usize| doc.copies(line) as usize >= GRID_MIN_COPIES;
    let mut starts = vec![0usize; doc.repeat_groups() + 1];
    for &line in lines.iter().filter(|l| candidate(l)) {
        if let Some(g) = doc.repeat_group(line) {
            starts[g as usize + 1] += 1;
        }
    }
    for g in 1..starts.len() {
        starts[g] += starts[g - 1];
    }
    let mut at_key = vec![0usize; starts[starts.len() - 1]];
    let mut fill = starts.clone();
    for (k, line) in lines.iter().enumerate().filter(|(_, l)| candidate(l)) {
        if let Some(g) = doc.repeat_group(*line) {
            at_key[fill[g as usize]] = k;
            fill[g as usize] += 1;
        }
    }
    drop(fill);
    *steps += at_key.len();
    // (first, last, copies) of every grid label.
    let mut spans: Vec<(usize, usize, u32)> = Vec::new();
    for same in starts.windows(2).map(|w| &at_key[w[0]..w[1]]) {
        if same.len() < GRID_MIN_COPIES {
            continue;
        }
        let at = |j: usize| same[j];
        // Items of one grid have similar sizes: the copies come at a steady pace; and
        // copies are never adjacent.
        let gaps = same.windows(2).map(|w| w[1] - w[0]);
        let (lo, hi) = gaps.fold((usize::MAX, 0), |(lo, hi), g| (lo.min(g), hi.max(g)));
        if hi > 2 * lo + 2 || lo < 2 {
            continue;
        }
        // Copies mostly each in their own item: the lines aligned with the next copy
        // (same text at the same offset) fill at most half the gap, for two pairs of
        // copies in three (counted until the answer is known).
        let pairs = same.len() - 1;
        let (mut own, mut shared) = (0, 0);
        for j in 0..pairs {
            if own * 3 >= pairs * 2 || (pairs - shared) * 3 < pairs * 2 {
                break;
            }
            if mostly_aligned(&key, at(j), at(j + 1), n, steps) {
                shared += 1;
            } else {
                own += 1;
            }
        }
        if own * 3 < pairs * 2 {
            continue;
        }
        for j in 0..same.len() {
            g.label[at(j)] = true;
        }
        spans.push((same[0], same[same.len() - 1], c32(same.len())));
    }
    // Every line gets the copies of the largest label whose span covers it: one sweep,
    // the spans entered in order of their first line and left when the largest open one
    // has ended.
    spans.sort_unstable();
    *steps += 2 * spans.len();
    let mut open: std::collections::BinaryHeap<(u32, usize)> = std::collections::BinaryHeap::new();
    let mut next = spans.iter().peekable();
    for (k, c) in g.items.iter_mut().enumerate() {
        while let Some(&(_, last, size)) = next.next_if(|s| s.0 == k) {
            open.push((size, last));
        }
        while open.peek().is_some_and(|&(_, last)| last < k) {
            open.pop();
        }
        match open.peek() {
            Some(&(size, _)) => *c = size,
            None if next.peek().is_none() => break,
            None => {}
        }
    }
    g
}

/// Whether a line ends in an ellipsis ("…", "...", "[…]"): a truncated teaser, as
/// listings print the first words of another page.
fn ends_with_ellipsis(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ')' | ']' | '"' | '”' | '*' | '_')
    });
    t.ends_with('…') || t.ends_with("...")
}

#[cfg(test)]
mod tests {
    use super::{mostly_aligned, GRID_ALIGN_MAX};

    /// [`mostly_aligned`] without its bound or early exit: the walk it replaces.
    fn aligned_naive<'k>(key: &impl Fn(usize) -> &'k [u8], a: usize, b: usize, n: usize) -> bool {
        let mut aligned = 1;
        let mut d = 1;
        while a + d < b && b + d < n && key(a + d) == key(b + d) {
            aligned += 1;
            d += 1;
        }
        d = 1;
        while d <= a && b - d > a && key(a - d) == key(b - d) {
            aligned += 1;
            d += 1;
        }
        aligned * 2 > b - a
    }

    /// [`aligned_naive`] with the bound of [`GRID_ALIGN_MAX`] lines each way but no
    /// shortcut for wide gaps.
    fn aligned_bounded<'k>(key: &impl Fn(usize) -> &'k [u8], a: usize, b: usize, n: usize) -> bool {
        let mut aligned = 1;
        let mut d = 1;
        while a + d < b && b + d < n && d <= GRID_ALIGN_MAX && key(a + d) == key(b + d) {
            aligned += 1;
            d += 1;
        }
        d = 1;
        while d <= a && b - d > a && d <= GRID_ALIGN_MAX && key(a - d) == key(b - d) {
            aligned += 1;
            d += 1;
        }
        aligned * 2 > b - a
    }

    #[test]
    fn alignment_agrees_with_the_unbounded_walk_on_short_gaps() {
        // Keys from a small alphabet, so runs of aligned lines are common.
        let mut next = crate::testing::xorshift(0x9e37);
        let alphabet: [&[u8]; 3] = [b"a", b"b", b"c"];
        for round in 0..300 {
            // Every fifth document one key, where every line is aligned.
            let kinds = if round % 5 == 0 { 1 } else { 3 };
            let n = 2 + (next() % 700) as usize;
            let keys: Vec<&[u8]> = (0..n)
                .map(|_| alphabet[(next() % kinds) as usize])
                .collect();
            let key = |i: usize| keys[i];
            for _ in 0..20 {
                let a = (next() % (n as u64 - 1)) as usize;
                let b =
                    a + 1 + (next() % ((n - a - 1) as u64).min(5 * GRID_ALIGN_MAX as u64)) as usize;
                let bounded = aligned_bounded(&key, a, b, n);
                assert_eq!(
                    mostly_aligned(&key, a, b, n, &mut 0),
                    bounded,
                    "{a} {b} {n}"
                );
                if b - a <= 2 * GRID_ALIGN_MAX {
                    assert_eq!(bounded, aligned_naive(&key, a, b, n), "{a} {b} {n}");
                }
            }
        }
    }

    #[test]
    fn alignment_walk_is_bounded_on_a_repeated_block() {
        // One block of 5,000 distinct lines printed three times: every pair of copies is
        // aligned over the whole block. The walk must stop after a bounded number of
        // look-ups, not walk the block for each of its 10,000 pairs of copies.
        for block in [5_000, 200, 100] {
            let names: Vec<String> = (0..block).map(|i| format!("line {i}")).collect();
            let n = 3 * block;
            let mut steps = 0;
            let key = |i: usize| names[i % block].as_bytes();
            for a in 0..2 * block {
                mostly_aligned(&key, a, a + block, n, &mut steps);
            }
            assert!(
                steps <= 2 * block * (2 * GRID_ALIGN_MAX),
                "{block}: {steps}"
            );
        }
    }

    /// A document of `n` lines, line `i` reading `line(i)`.
    fn page(n: usize, line: impl Fn(usize) -> String) -> String {
        (0..n).map(|i| line(i) + "\n").collect()
    }

    #[test]
    fn card_grids_cost_linear_work_on_any_repeat() {
        // Shapes that defeated the grid search: a thousand keys printed in turn (each
        // key's span covers the page), blocks repeated with periods at and around the
        // walk's reach, labels every few lines, every line a label of two items.
        let n = 20_000;
        let shapes: Vec<(&str, String)> = vec![
            ("period 1000", page(n, |i| format!("w{}", i % 1000))),
            ("period 200", page(n, |i| format!("w{}", i % 200))),
            ("period 129", page(n, |i| format!("w{}", i % 129))),
            ("period 7", page(n, |i| format!("w{}", i % 7))),
            (
                "labels",
                page(n, |i| {
                    if i % 4 == 0 {
                        "Add to cart".into()
                    } else {
                        format!("item {i}")
                    }
                }),
            ),
            ("pairs", page(n, |i| format!("w{}", i / 2 % 500))),
        ];
        for (name, text) in shapes {
            let doc = crate::doc::Doc::new(&text);
            let lines = doc.text_lines();
            let mut steps = 0;
            let g = super::grids_counted(&doc, &lines, &mut steps);
            assert!(
                steps <= (2 * GRID_ALIGN_MAX + 4) * lines.len(),
                "{name}: {steps} steps for {} lines",
                lines.len()
            );
            // The cheap search finds what the spans written line by line found.
            let mut items = vec![0u32; lines.len()];
            let mut by_key: std::collections::HashMap<&[u8], Vec<usize>> = Default::default();
            for (k, &l) in lines.iter().enumerate() {
                if g.label[k] {
                    by_key.entry(doc.repeat_key(l)).or_default().push(k);
                }
            }
            for at in by_key.values() {
                for c in &mut items[at[0]..=at[at.len() - 1]] {
                    *c = (*c).max(at.len() as u32);
                }
            }
            assert_eq!(g.items, items, "{name}");
        }
    }

    proptest::proptest! {
        #[test]
        fn shared_sorted_counts_the_common_words(
            a in proptest::collection::btree_set(0u64..40, 0..20),
            b in proptest::collection::btree_set(0u64..40, 0..20),
        ) {
            let (a, b): (Vec<u64>, Vec<u64>) = (a.into_iter().collect(), b.into_iter().collect());
            let want = a.iter().filter(|t| b.binary_search(t).is_ok()).count();
            proptest::prop_assert_eq!(super::shared_sorted(&a, &b), want);
        }
    }

    #[test]
    fn ellipsis_endings() {
        for line in [
            "The mayor said the plan would…",
            "More on this story [...]",
            "Read on ...  ",
            "*The ferry was late…*",
        ] {
            assert!(super::ends_with_ellipsis(line), "{line}");
        }
        for line in ["The ferry was late.", "Wait", "..x"] {
            assert!(!super::ends_with_ellipsis(line), "{line}");
        }
    }

    #[test]
    fn shared_word_loop_gives_the_content_words_and_title_coverage() {
        use super::{line_stats_with, title_coverage, Shared, Terms};
        let stop = super::stopwords::for_text("The council met on Monday and agreed to rebuild.");
        let title_line = "Council Backs Bridge Repairs | The Harbour Times";
        let tokens = crate::text::tokens(title_line);
        let title: std::collections::HashSet<&[u8], crate::text::hash::FxBuild> =
            tokens.iter().map(String::as_bytes).collect();
        let long = "Pneumonoultramicroscopicsilicovolcanoconiosis-Bridge";
        let lines = [
            "The council backs the BRIDGE repairs, again and again.",
            "'Harbour-works' re-open: 12 of 40 berths (Bridge Street) -- it's done",
            &format!("A {long} word, and the bridge"),
            "- - ' ''",
            "",
            "Mail the council@example.org today",
            "Read [the bridge story](/bridge) now",
            "See https://example.org/bridge or www.example.org",
            "Pont du Harbour: réparations du pont",
            "«Bridge-works» the River… ΟΔΥΣΣΕΥΣ Straße’s 東京都知事 and 会議",
            "Ünïcödé Wörds and the BRÜCKE’S ‘quoted’ — dashes",
        ];
        for line in lines {
            let mut shared = Shared {
                title: Some(&title),
                want_terms: true,
                ..Shared::for_title(&tokens)
            };
            let s = line_stats_with(line, stop, &mut shared);
            assert_eq!(s.words, super::line_stats(line, stop).words, "{line}");
            let plain = !line.contains("](")
                && !line.contains("://")
                && !line.contains("www.")
                && !line.contains('@');
            assert_eq!(shared.plain, plain, "{line}");
            assert!(shared.titled, "{line}");
            let want = title_coverage(line, &title, &mut String::new());
            let got = if s.words == 0 {
                0.0
            } else {
                shared.title_hits as f32 / shared.title_words as f32
            };
            assert_eq!(got, want, "{line}");
            if !plain {
                continue;
            }
            let (mut a, mut b) = (Terms::new(), Terms::new());
            a.push_line(line, stop);
            b.push_ids(&shared.terms);
            assert_eq!(a.of(0), b.of(0), "{line}");
        }
    }

    #[test]
    fn one_walk_counts_like_the_separate_walks() {
        use super::{
            ascii_counts, glued_joins, line_stats_with, title_coverage, unicode_counts, Shared,
        };
        // Pieces that meet every branch: ASCII letters, digits, word edges, sentence ends,
        // typographic punctuation, other scripts (with and without case), CJK (letters and
        // the kana middle dot, which is not one), a final sigma, separators and spaces.
        let pieces = [
            "a",
            "B",
            "the",
            "The",
            "AND",
            "x7",
            "42",
            "'",
            "-",
            "’",
            "‘",
            " ",
            "  ",
            "\t",
            "\u{b}",
            ".",
            "?",
            "!",
            ",",
            "|",
            "/",
            ">",
            "\"",
            "“",
            "”",
            "—",
            "–",
            "…",
            "©",
            "·",
            "•",
            "»",
            "›",
            "、",
            "，",
            "«",
            "„",
            "「",
            "é",
            "Ü",
            "straße",
            "ΟΔΥΣΣΕΥΣ",
            "Σ",
            "σ",
            "и",
            "Москва",
            "東京",
            "都",
            "・",
            "ー",
            "かな",
            "\u{3099}",
            "٣",
            "Ⅻ",
            "ǅ",
            "\u{a0}",
            "\u{2003}",
            "İ",
            "ﬁ",
            "ß",
            "Bridge",
            "council",
        ];
        let stop = super::stopwords::for_text("");
        let title_line = "The Council и Москва ΟΔΥΣΣΕΥΣ 東京 straße Bridge";
        let tokens = crate::text::tokens(title_line);
        let title: std::collections::HashSet<&[u8], crate::text::hash::FxBuild> =
            tokens.iter().map(String::as_bytes).collect();
        let mut next = crate::testing::xorshift(0x51ce_11ed);
        // A line in three of ASCII pieces only, long enough to cross the blocks of
        // `counts_ascii` (64 bytes), and one in three of ASCII pieces with one of another
        // script or typographic punctuation now and then, so that runs of ASCII read a
        // block at a time meet characters read one by one at every offset.
        let ascii: Vec<&str> = pieces.iter().copied().filter(|p| p.is_ascii()).collect();
        for round in 0..30_000 {
            let mut line = String::new();
            let (pieces, most) = match round % 3 {
                0 => (&pieces[..], 24),
                1 => (&ascii[..], 120),
                _ => (&pieces[..], 120),
            };
            for _ in 0..(next() % most) {
                let mut piece = pieces[(next() % pieces.len() as u64) as usize];
                if round % 3 == 2 && !piece.is_ascii() && next() % 6 != 0 {
                    piece = ascii[(next() % ascii.len() as u64) as usize];
                }
                line.push_str(piece);
                if next() % 3 == 0 {
                    line.push(' ');
                }
            }
            let mut shared = Shared {
                title: Some(&title),
                want_terms: true,
                plain: true,
                ..Shared::for_title(&tokens)
            };
            shared.titled = true;
            let got = super::counts(&line, stop, &mut shared);
            let mut old = Shared {
                want_terms: true,
                plain: true,
                ..Shared::default()
            };
            let mut want = if line.is_ascii() {
                ascii_counts(&line, stop, &mut old)
            } else {
                unicode_counts(&line, stop, &mut old)
            };
            want.glued = super::c32(glued_joins(&line));
            assert_eq!(format!("{got:?}"), format!("{want:?}"), "{round}: {line:?}");
            assert_eq!(shared.terms, old.terms, "{line:?}");
            if got.words as usize <= super::TITLE_WORDS {
                let cover = if got.words == 0 {
                    0.0
                } else {
                    shared.title_hits as f32 / shared.title_words as f32
                };
                let want = title_coverage(&line, &title, &mut String::new());
                assert_eq!(cover, want, "{line:?}");
            }
            // The whole line's measure, as before.
            let mut again = Shared::default();
            let s = line_stats_with(&line, stop, &mut again);
            assert_eq!(s.glued as usize, glued_joins(&line), "{line:?}");
        }
    }

    /// `line_stats` with the stopwords of every language.
    fn line_stats_any(line: &str) -> super::LineStats {
        super::line_stats(line, super::stopwords::for_text(""))
    }

    /// The packed table gives back every line's stats as measured: counts up to 65,534 in
    /// 16 bits, a line with a larger count (65,535 characters, 100,000 bytes of words,
    /// 70,000 accented letters) whole beside the table.
    #[test]
    fn the_stats_table_gives_back_every_line_as_measured() {
        let lines = [
            String::new(),
            "The council voted on Tuesday to keep the old library open, officials said.".into(),
            "| Size | 12 cm | 300 g |".into(),
            "# A HEADING, in Part".into(),
            "word ".repeat(20_000),
            "a".repeat(65_534),
            "x".into(),
            "a".repeat(65_535),
            "é".repeat(70_000),
            "> “Quoted,” she said, 12:30 — 中文 text".into(),
        ];
        let all: Vec<super::LineStats> = lines.iter().map(|l| line_stats_any(l)).collect();
        let mut table = super::StatsTable::with_capacity(0);
        for &s in &all {
            table.push(s);
        }
        assert_eq!(table.len(), all.len());
        for (k, s) in all.iter().enumerate() {
            assert_eq!(table.get(k), *s, "line {k}");
        }
        assert!(table.iter().eq(all.iter().copied()));
        let wide: Vec<usize> = table.wide.iter().map(|&(k, _)| k).collect();
        assert_eq!(wide, [4, 7, 8]);
        assert!(all.iter().any(|s| s.quote) && all.iter().any(|s| s.table_row));
    }

    #[test]
    fn glued_headlines_are_counted() {
        assert_eq!(
            super::glued_joins("Council Backs BridgeThe council met on Monday."),
            1
        );
        assert_eq!(
            super::glued_joins("Rain Returns?Forecasters expect a wet week.Next"),
            2
        );
        assert_eq!(
            super::glued_joins("The council met on Monday. It agreed."),
            0
        );
        assert_eq!(
            super::glued_joins("McDonald and iPhone, U.S. and e.g. GmbH"),
            0
        );
        // The ASCII walk counts like the one over `char`s.
        let mut line = String::new();
        for k in 0..2000u32 {
            let b = (k.wrapping_mul(2_654_435_761) >> 13) % 128;
            line.push(char::from_u32(b).unwrap_or(' '));
            let chars = line
                .chars()
                .map(|c| (c.is_uppercase(), c.is_lowercase(), c));
            assert_eq!(super::glued_joins(&line), super::glued_joins_with(chars));
        }
    }

    #[test]
    fn hard_wrapped_paragraph_is_measured_whole() {
        let text = "Menu\n\nThe council met on Monday night and agreed,\nafter a long debate, to rebuild the bridge\nover the river next spring.\n\n  Indented line";
        let doc = crate::doc::Doc::new(text);
        let page = super::extract(&doc);
        let (lines, rows) = (&page.lines, page.rows());
        let col = |name: &str| super::NAMES.iter().position(|n| *n == name).unwrap();
        let (words, sentence, indent) = (
            col("log_paragraph_words"),
            col("paragraph_sentence"),
            col("log_indent"),
        );
        // The three wrapped lines share one paragraph of 21 words that ends a sentence.
        for k in 1..=3 {
            assert_eq!(rows[k][words], super::ln1p(21), "line {}", lines[k]);
            assert_eq!(rows[k][sentence], 1.0);
        }
        assert_eq!(rows[0][words], super::ln1p(1));
        assert_eq!(rows[4][indent], super::ln1p(2));
    }

    #[test]
    fn headline_copy_is_located() {
        let text = "Bridge to reopen in spring | City News\nHome\nSport\nBridge to reopen in spring\nThe council met on Monday night and agreed to rebuild the bridge.";
        let doc = crate::doc::Doc::new(text);
        let rows = super::extract(&doc).rows();
        let col = |name: &str| super::NAMES.iter().position(|n| *n == name).unwrap();
        let (side, dist) = (col("headline_side"), col("log_headline_distance"));
        assert_eq!(rows[1][side], -1.0);
        assert_eq!(rows[3][side], 0.0);
        assert_eq!(rows[4][side], 1.0);
        assert_eq!(rows[4][dist], super::ln1p(1));
        assert_eq!(rows[2][dist], super::ln1p(1));
    }

    #[test]
    fn markdown_image_lines_and_table_rows() {
        assert!(super::is_image_only(
            "![A red kite](https://example.org/kite.jpg)"
        ));
        assert!(super::is_image_only(
            "[![Logo](/logo.png)](https://example.org/) ![x](y.png)"
        ));
        assert!(!super::is_image_only(
            "![A kite](k.jpg) flies over the hill"
        ));
        assert!(!super::is_image_only("[Home](https://example.org/)"));
        assert!(line_stats_any("| Size | Weight |").table_row);
        assert!(line_stats_any("Size | 12 cm | 300 g").table_row);
        assert!(!line_stats_any("News | Sport").table_row);
    }

    #[test]
    fn feature_indices_match_names() {
        assert_eq!(super::NAMES[super::LOG_WORDS], "log_words");
        assert_eq!(super::NAMES[super::LOG_PERIODIC_RUN], "log_periodic_run");
        assert_eq!(super::NAMES[super::LOG_GRID_ITEMS], "log_grid_items");
        assert_eq!(
            super::NAMES[super::DOC_GRID_WORD_SHARE],
            "doc_grid_word_share"
        );
    }

    /// [`super::Page::kept`] gives what each line's row holds in those columns, bit for
    /// bit: on lines before, inside and after the main region, in a card grid, in a
    /// periodic run, and on a line an earlier rule removed (zeros).
    #[test]
    fn kept_features_are_the_rows() {
        let mut text = String::from("Home\nShop\nAbout\n\n");
        let prose = "The council met on Monday night and agreed to rebuild the old bridge over the river next spring.";
        for _ in 0..3 {
            text.push_str(prose);
            text.push('\n');
        }
        for (name, price) in [
            ("Oak chair", "$40"),
            ("Pine table", "$120"),
            ("Teak bench", "$95"),
            ("Ash stool", "$30"),
        ] {
            text.push_str(&format!("{name}\n{price}\nAdd to cart\n"));
        }
        text.push_str("Contact us\nPrivacy");
        let mut doc = crate::doc::Doc::new(&text);
        doc.remove(1, 0, crate::Category::Navigation);
        let page = super::extract(&doc);
        let mut seen = [false; 5];
        for k in 0..page.len() {
            let (row, kept) = (page.row(k), page.kept(k));
            for (j, &f) in super::KEPT.iter().enumerate() {
                assert_eq!(
                    kept[j].to_bits(),
                    row[f].to_bits(),
                    "line {k}, {}",
                    super::NAMES[f]
                );
                seen[j] |= kept[j] != 0.0;
            }
        }
        assert_eq!(
            seen, [true; 5],
            "every column takes a value other than 0 somewhere"
        );
        assert_eq!(page.kept(1), [0.0; 5], "a removed line's row is zeros");
    }

    #[test]
    fn card_labels_make_a_grid_but_a_repeated_menu_does_not() {
        let mut text = String::from("Home\nShop\nAbout\n");
        for (name, price) in [
            ("Oak chair", "$40"),
            ("Pine table", "$120"),
            ("Teak bench", "$95"),
            ("Ash stool", "$30"),
        ] {
            text.push_str(&format!("{name}\n{price}\nAdd to cart\n"));
        }
        text.push_str("Home\nShop\nAbout\nHome\nShop\nAbout");
        let doc = crate::doc::Doc::new(&text);
        let lines = doc.text_lines();
        let g = super::grids(&doc, &lines);
        // "Add to cart" at lines 5, 8, 11, 14: a grid of four items over lines 5..=14.
        assert!(g.label[5] && g.label[14] && !g.label[3]);
        assert_eq!(g.items[5..=14], [4; 10]);
        assert_eq!(g.items[..5], [0; 5]);
        // The menu's three copies come with the same neighbours: no grid.
        assert!(!g.label[0] && !g.label[15] && g.items[16] == 0);
    }

    #[test]
    fn latin_1_and_cyrillic_cases_agree_with_the_tables() {
        for c in ('\u{0}'..='\u{4ff}').chain(['Σ', 'ς', 'İ', 'ẞ', '東', '’']) {
            assert_eq!(
                super::case(c),
                (c.is_uppercase(), c.is_lowercase()),
                "{c:?}"
            );
            let mut got = String::new();
            super::push_lower(&format!("a{c}B"), &mut got);
            let want: String = format!("a{c}B")
                .chars()
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(got, want, "{c:?}");
        }
    }

    #[test]
    fn ln1p_gives_ln_1p_bit_for_bit() {
        // Every value of the small table and of every chunk of the wide tables, in an
        // order that builds chunks out of turn, and values past the tables.
        let check = |n: usize| {
            assert_eq!(
                super::ln1p(n).to_bits(),
                (n as f32).ln_1p().to_bits(),
                "ln1p({n})"
            );
        };
        for n in (0..super::LN1P_WIDE).rev().step_by(7) {
            check(n);
        }
        for n in 0..super::LN1P_WIDE / 16 {
            check(n * 16 + 3);
        }
        for n in [super::LN1P_WIDE, super::LN1P_WIDE + 1, 1 << 24, usize::MAX] {
            check(n);
        }
    }

    #[test]
    fn typographic_punctuation_is_punct() {
        for c in ['’', '‘', '“', '”', '—', '–', '…', '©'] {
            assert!(!c.is_numeric() && !c.is_alphabetic() && !c.is_whitespace());
        }
    }
}
