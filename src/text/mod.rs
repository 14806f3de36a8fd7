//! Small text measures shared by the rules: words, tokens, prose shape; and the keyed
//! hasher ([`hash`]) for every table keyed by the input.

pub(crate) mod hash;
pub(crate) mod swar;

use std::sync::LazyLock;

use regex::Regex;

/// Iterates the words of `s`: maximal runs of alphanumeric characters (apostrophes and
/// hyphens inside a word are kept). Han, kana and Hangul syllables count one word per two
/// characters, so text without spaces is measured fairly.
pub(crate) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c == '\'' || c == '’' || c == '-' || is_alphanumeric(c)))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
}

/// [`words`] for ASCII text: runs of letters, digits, `'` and `-`, with `'` and
/// `-` trimmed from both ends, never empty.
pub(crate) fn ascii_words(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let inner = |b: &u8| b.is_ascii_alphanumeric() || *b == b'\'' || *b == b'-';
    bytes
        .split(move |b| !inner(b))
        .map(|w| {
            let edge = |b: &u8| *b == b'\'' || *b == b'-';
            let a = w.iter().position(|b| !edge(b)).unwrap_or(w.len());
            let z = w.iter().rposition(|b| !edge(b)).map_or(a, |z| z + 1);
            &w[a..z.max(a)]
        })
        .filter(|w| !w.is_empty())
}

/// Ranges of letters every one of which is alphabetic and not numeric (a unit test checks
/// it against the standard library): Cyrillic capitals and small letters, hiragana,
/// katakana, CJK unified ideographs, Hangul syllables.
#[inline]
fn plain_letter(c: char) -> bool {
    matches!(c, '\u{0410}'..='\u{044f}' | '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}'
        | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}')
}

/// `c.is_alphanumeric()`, with ASCII and the common scripts of [`plain_letter`] answered
/// without the Unicode tables.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if let Some(alnum) = low_alphanumeric(c) {
        return alnum;
    }
    plain_letter(c) || !plain_punctuation(c) && c.is_alphanumeric()
}

/// `c.is_alphabetic()`, as [`is_alphanumeric`].
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    plain_letter(c) || !plain_punctuation(c) && c.is_alphabetic()
}

/// The General Punctuation block (spaces, dashes, typographic quotes, bullets, the
/// ellipsis), none of it a letter or a digit (the same unit test checks it): the
/// commonest characters outside ASCII in English pages, answered without the tables.
#[inline]
fn plain_punctuation(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206f}')
}

/// `c.is_numeric()`, as [`is_alphanumeric`].
#[inline]
pub(crate) fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    !plain_letter(c) && c.is_numeric()
}

/// Whether `c` is written without spaces between words (CJK ideographs, kana).
#[inline]
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// A word count that treats every two CJK characters as a word.
pub(crate) fn word_count(s: &str) -> usize {
    if s.is_ascii() {
        return ascii_word_count(s.as_bytes());
    }
    // One pass over the runs `words` splits at: a run with a letter or digit is a word
    // (trimming `'`, `’` and `-` leaves it non-empty); CJK characters (all letters)
    // count by pairs instead. Blocks of 64 ASCII bytes are counted by [`word_starts`]
    // (a paragraph with one typographic quote is mostly such blocks), other bytes by a
    // table, decoding only non-ASCII characters.
    let b = s.as_bytes();
    let mut count = MixedCount::default();
    let mut i = 0;
    while i < b.len() {
        let stop = (i + 64).min(b.len());
        if count.run_cjk == 0 && b[i..stop].is_ascii() {
            if stop - i == 64 {
                count.block(&b[i..stop]);
            } else {
                // The text's last bytes: the words in them counted at their starts.
                count.block(padded(&b[i..stop], &mut [0u8; 64]));
            }
            i = stop;
            continue;
        }
        while i < stop {
            let x = b[i];
            let alnum = if x < 0x80 {
                i += 1;
                match WORD_BYTE[usize::from(x)] {
                    WordByte::Alnum => true,
                    WordByte::Glue => continue,
                    WordByte::Other => false,
                }
            } else {
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    break; // not reached: `i` is always at a character's start
                };
                i += c.len_utf8();
                if c == '’' {
                    continue;
                }
                // Below `LOW_END`, no character is CJK.
                match low_alphanumeric(c) {
                    Some(alnum) => alnum,
                    None => {
                        let alnum = is_alphanumeric(c);
                        if alnum {
                            count.run_cjk += usize::from(is_cjk(c));
                        }
                        alnum
                    }
                }
            };
            if alnum {
                count.word = true;
            } else {
                count.end_run();
            }
        }
    }
    count.end_run();
    count.words + count.cjk.div_ceil(2)
}

/// The characters from U+0080 below [`LOW_END`]: Latin, Greek, Cyrillic and the other
/// alphabets, General Punctuation; none of them [`is_cjk`].
const LOW_END: u32 = 0x3000;

/// `char::is_alphanumeric` of each character from U+0080 below [`LOW_END`], one bit a
/// character (1.5 KiB, filled on first use): [`is_alphanumeric`] reads these characters'
/// class by one look-up instead of the range tests and the standard library's tables.
static LOW_ALPHANUMERIC: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; LOW_END.div_ceil(64) as usize];
    for u in 0x80..LOW_END {
        if char::from_u32(u).is_some_and(char::is_alphanumeric) {
            bits[(u / 64) as usize] |= 1 << (u % 64);
        }
    }
    bits
});

/// `c.is_alphanumeric()` from [`LOW_ALPHANUMERIC`] (`c` is not ASCII), `None` from
/// [`LOW_END`] on.
#[inline]
fn low_alphanumeric(c: char) -> Option<bool> {
    let u = u32::from(c);
    (u < LOW_END).then(|| LOW_ALPHANUMERIC[(u / 64) as usize] >> (u % 64) & 1 != 0)
}

/// The state of [`word_count`] over text with characters outside ASCII.
#[derive(Default)]
struct MixedCount {
    /// Words counted (a run counted when it started, in a block, is here already).
    words: usize,
    /// CJK characters of the runs that ended with any.
    cjk: usize,
    /// Inside a run that has a letter or a digit (`'`, `-` and `’` do not end a run).
    word: bool,
    /// CJK characters of the current run.
    run_cjk: usize,
    /// Whether the current run is counted in `words` already (it started in a block).
    counted: bool,
}

impl MixedCount {
    /// Ends the current run, if any: a word, or its CJK characters (taking back the word
    /// counted when it started, if it was).
    #[inline]
    fn end_run(&mut self) {
        if self.word {
            if self.run_cjk > 0 {
                self.cjk += self.run_cjk;
                self.words -= usize::from(self.counted);
            } else {
                self.words += usize::from(!self.counted);
            }
        }
        (self.word, self.run_cjk, self.counted) = (false, 0, false);
    }

    /// Counts a block of 64 ASCII bytes (or the text's last ones, [`padded`]), the current
    /// run without CJK characters: its
    /// words by their starts ([`word_starts`]), the current run counted now if it goes on
    /// (it has no CJK character, so it is one word however it ends).
    #[inline]
    fn block(&mut self, block: &[u8]) {
        debug_assert_eq!(self.run_cjk, 0);
        if self.word && !self.counted {
            self.words += 1;
        }
        let mut inside = self.word;
        self.words += word_starts(block, &mut inside);
        (self.word, self.counted) = (inside, inside);
    }
}

/// What an ASCII byte is to [`word_count`].
#[derive(Clone, Copy)]
enum WordByte {
    /// A letter or a digit.
    Alnum,
    /// `'` or `-`: inside a word, or trimmed from its edge.
    Glue,
    /// Anything else: between words.
    Other,
}

/// [`WordByte`] of each ASCII byte.
static WORD_BYTE: [WordByte; 128] = {
    let mut t = [WordByte::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = WordByte::Alnum;
        } else if c == b'\'' || c == b'-' {
            t[b] = WordByte::Glue;
        }
        b += 1;
    }
    t
};

/// `ascii_words(bytes).count()` in one pass: a word is a maximal run of letters, digits,
/// `'` and `-` with at least one letter or digit (trimming `'` and `-` leaves it
/// non-empty). Reads 64 bytes at a time ([`word_starts`]); `bytes` must be ASCII (a byte
/// of `0x80` or more would be read as another byte).
fn ascii_word_count(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut counted = false;
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        n += word_starts(block, &mut counted);
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        n += word_starts(padded(rest, &mut [0u8; 64]), &mut counted);
    }
    n
}

/// `rest` (fewer than 64 bytes) copied into `buf` and padded with NUL bytes to a multiple
/// of 8, for [`word_starts`]: NUL is neither a word character nor `'`/`-`, so no word
/// starts in the padding and the words before it end as they would at the end of the text.
/// A short line is read as the few 8-byte words it needs, not a whole block.
#[inline]
fn padded<'b>(rest: &[u8], buf: &'b mut [u8; 64]) -> &'b [u8] {
    buf[..rest.len()].copy_from_slice(rest);
    &buf[..rest.len().next_multiple_of(8)]
}

/// [`ascii_word_count`] of one block of 64 ASCII bytes or fewer (a multiple of 8: the
/// bytes after it count as NUL bytes, see [`padded`]), given whether the text before it
/// ended inside a word (`counted`: the last byte before that was not `'` or `-` was a
/// letter or a digit), which it updates. The bytes' classes are read as bit masks
/// ([`swar::alnum_glue`]), one bit a byte: `alnum` (letters and digits) and `glue` (`'` and
/// `-`, which neither start nor end a word). A byte is inside a word when it is a letter
/// or a digit, or glue whose run follows one; a word starts at a letter or digit whose
/// byte before is not inside a word.
#[inline]
fn word_starts(block: &[u8], counted: &mut bool) -> usize {
    let (alnum, glue) = swar::alnum_glue(block);
    let cin = u64::from(*counted);
    // Glue right after a letter or digit starts a run inside a word: the carry of the
    // addition runs through the whole run of glue bits, flipping each.
    let seeds = glue & ((alnum << 1) | cin);
    let inside = alnum | (((glue.wrapping_add(seeds)) ^ glue) & glue);
    let starts = alnum & !((inside << 1) | cin);
    *counted = inside >> 63 != 0;
    starts.count_ones() as usize
}

/// Whether a (trimmed) line is a list item: a bullet (`-`, `*`, `+`, `•`, `·`, `–`, `▪`,
/// `►`), or a number of up to three digits and `.` or `)`. Looks at the first bytes only.
pub(crate) fn is_list_item(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = b.iter().take(4).take_while(|b| b.is_ascii_digit()).count();
    matches!(b.first(), Some(b'-' | b'*' | b'+'))
        || t.starts_with(['•', '·', '–', '▪', '►'])
        || (1..=3).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')'))
}

/// Whether the line ends like a sentence (., !, ?, …, a closing quote after one, or the
/// CJK full stop).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '*' | '_'
            )
    });
    t.ends_with(['.', '!', '?', '…', '。', '！', '？', ':', ';'])
}

/// Lower-cased word tokens, for similarity between lines.
pub(crate) fn tokens(s: &str) -> Vec<String> {
    words(s).map(|w| w.to_lowercase()).collect()
}

/// The share of `a`'s tokens that occur in `b` (0 when `a` has none).
pub(crate) fn coverage(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() {
        return 0.0;
    }
    let hit = a.iter().filter(|t| b.contains(t)).count();
    hit as f32 / a.len() as f32
}

/// Whether every word of the line starts with an upper-case letter (name-like).
pub(crate) fn is_capitalised_run(s: &str) -> bool {
    let mut any = false;
    for w in words(s) {
        let Some(c) = w.chars().next() else { continue };
        if !c.is_uppercase() {
            return false;
        }
        any = true;
    }
    any
}

/// A leading Markdown image (`![alt](src)`) and the space after it; group 1 is the alt text.
static LEAD_IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^!\[([^\]]*)\]\([^)]*\)\s*").expect("valid regex"));

/// A Markdown link at the start of a line (`[text](target "title")`); group 1 is the text.
/// The match ends at the first `)` after `](`, so the line is one link exactly when the
/// match covers it.
static LEAD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[\s*([^\]]*?)\s*\]\([^)]*\)").expect("valid regex"));

/// Any Markdown link or image (`[text](target)`, `![alt](src)`).
static ANY_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[[^\]]*\]\([^)]*\)").expect("valid regex"));

/// The text of the link a heading starts with, when nothing but other links and markup
/// follows it (`[Headline](/story) [(source.com)](https://…) [139](/story#comments)` gives
/// `Headline`: a headline linked to itself, then its source and comment count); else the
/// line as it is.
pub(crate) fn lead_link_text(line: &str) -> &str {
    let Some(c) = LEAD_LINK.captures(line) else {
        return line;
    };
    let (Some(all), Some(text)) = (c.get(0), c.get(1)) else {
        return line;
    };
    let has_text = |t: &str| t.chars().any(char::is_alphanumeric);
    if has_text(text.as_str()) && !ANY_LINK.split(&line[all.end()..]).any(has_text) {
        text.as_str()
    } else {
        line
    }
}

/// Whether `line` holds a Markdown link or image (`](`): `line.contains("](")` without the
/// set-up of a general substring search, which the rules ask of every line.
#[inline]
pub(crate) fn has_link(line: &str) -> bool {
    let b = line.as_bytes();
    if b.len() < 16 {
        // A few bytes: a plain loop costs less than setting up the vector search (issue
        // 24: a page of tiny lines).
        return b.windows(2).any(|w| w == b"](");
    }
    memchr::memchr_iter(b']', b).any(|i| b.get(i + 1) == Some(&b'('))
}

/// Whether `b` holds a URL scheme's `://`: `contains("://")` by hand (the standard
/// search costs more set-up than a short token's scan).
#[inline]
pub(crate) fn has_scheme(b: &[u8]) -> bool {
    memchr::memchr_iter(b':', b).any(|i| b[i + 1..].starts_with(b"//"))
}

/// Whether a whitespace-separated token is a URL (`https://…`, `www.…`).
pub(crate) fn is_url(token: &str) -> bool {
    let b = token.as_bytes();
    b.starts_with(b"www.") || has_scheme(b)
}

/// The ASCII word `w` lower-cased: in `buf` when it fits (no allocation per word), else in
/// `spill`.
#[inline]
pub(crate) fn ascii_lower<'b>(w: &[u8], buf: &'b mut [u8; 32], spill: &'b mut Vec<u8>) -> &'b [u8] {
    match buf.get_mut(..w.len()) {
        Some(b) => {
            b.copy_from_slice(w);
            b.make_ascii_lowercase();
            b
        }
        None => {
            spill.clear();
            spill.extend(w.iter().map(u8::to_ascii_lowercase));
            spill
        }
    }
}

/// The length in bytes of [`without_link_targets`]`(line)`, without building it (the same
/// walk, counting: a unit test keeps the two in step; it runs per long Markdown line and
/// phrase rule, where an iterator shared with `without_link_targets` measured slower).
pub(crate) fn without_link_targets_len(line: &str) -> usize {
    let mut len = 0;
    let mut rest = line;
    while let Some(p) = rest.find("](") {
        len += p + 1;
        let after = &rest[p + 2..];
        rest = after.find(')').map_or("", |q| &after[q + 1..]);
    }
    len + rest.len()
}

/// `line` without the targets of its Markdown links and images (`[text](target)` keeps
/// `[text]`).
pub(crate) fn without_link_targets(line: &str) -> std::borrow::Cow<'_, str> {
    if !has_link(line) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(p) = rest.find("](") {
        out.push_str(&rest[..=p]);
        let after = &rest[p + 2..];
        rest = after.find(')').map_or("", |q| &after[q + 1..]);
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// `line` after a Markdown list marker (`*`, `-`, `+` or `1.` followed by a space), if it
/// starts with one.
pub(crate) fn after_list_marker(line: &str) -> Option<&str> {
    let (marker, rest) = line.split_once(' ')?;
    let numbered = marker.len() > 1
        && marker.ends_with('.')
        && marker[..marker.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit());
    (matches!(marker, "*" | "-" | "+") || numbered).then_some(rest)
}

/// The visible text of a heading or name line, as a slice of it: leading `#` heading marks,
/// list bullets (`* `, `- `, `+ `), leading images, a link that is the whole line (its text), wrapping emphasis (`**`, `__`,
/// `*`, `_`) and a trailing anchor mark (`¶`, ` #`) are left out. An image alone gives its
/// alt text; the trimmed line is returned when nothing would be left.
pub(crate) fn strip_markup(line: &str) -> &str {
    let whole = line.trim();
    let mut s = whole;
    loop {
        let before = s;
        let hashes = s.trim_start_matches('#');
        if hashes.len() < s.len() && hashes.starts_with(char::is_whitespace) {
            s = hashes.trim_start();
        }
        for bullet in ["* ", "- ", "+ "] {
            if let Some(rest) = s.strip_prefix(bullet) {
                s = rest.trim_start();
            }
        }
        // The two anchored patterns are asked only of a line that starts as they do (the
        // captures' search sets up a backtracker's state even for a line that fails at
        // its first byte).
        if let Some(c) = s
            .starts_with("![")
            .then(|| LEAD_IMAGE.captures(s))
            .flatten()
        {
            let (all, alt) = (c.get(0).map_or(0, |m| m.end()), c.get(1));
            s = if all == s.len() {
                alt.map_or("", |m| &s[m.range()]).trim()
            } else {
                &s[all..]
            };
        }
        if let Some(c) = s.starts_with('[').then(|| LEAD_LINK.captures(s)).flatten() {
            if let (Some(all), Some(text)) = (c.get(0), c.get(1)) {
                if all.end() == s.len() {
                    s = &s[text.range()];
                }
            }
        }
        for mark in ["**", "__", "*", "_"] {
            if let Some(inner) = s.strip_prefix(mark).and_then(|t| t.strip_suffix(mark)) {
                if !inner.trim().is_empty() {
                    s = inner.trim();
                    break;
                }
            }
        }
        s = s.trim_end_matches('¶').trim_end();
        if let Some(rest) = s.strip_suffix(" #") {
            s = rest.trim_end();
        }
        if s == before {
            break;
        }
    }
    if s.is_empty() {
        whole
    } else {
        s
    }
}

/// Whether the line has two letters or more (not only numbers and symbols: a vote count, a
/// table rule).
pub(crate) fn has_letters(line: &str) -> bool {
    line.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

/// What a Markdown image leaves in [`plain_text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Images {
    /// Nothing (a logo or an icon beside a headline).
    Drop,
    /// Its alt text (an author's picture beside a byline names them).
    Alt,
}

/// A Markdown image (`![alt](src)`); group 1 is the alt text.
pub(crate) static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[([^\]]*)\]\([^)]*\)").expect("valid regex"));

/// A Markdown link (`[text](target)`); group 1 is the text.
pub(crate) static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("valid regex"));

/// Whether [`plain_text`] has anything to take out of `b`: a link mark (`](`), `**`,
/// `__`, a code mark or a backslash, or two spaces in a row. The same as `contains` of
/// each (a unit test checks it), in one pass over the bytes, sixteen at a time (SSE2
/// through `wide`; each byte compared with its mark and the byte after it with the
/// mark's second byte): this is asked of every text line (see
/// [`crate::doc::Doc::plain`]), and five searches, each with its set-up, cost more than
/// the pass on a short line.
#[inline]
pub(crate) fn has_markup(b: &[u8]) -> bool {
    use wide::u8x16;
    let is = |v: u8x16, c: u8| v.cmp_eq(u8x16::splat(c));
    // Whether a mark starts at any of the sixteen bytes `v` (the bytes after them: `next`).
    let marks = |v: u8x16, next: u8x16| {
        let twice = v.cmp_eq(next) & (is(v, b'*') | is(v, b'_') | is(v, b' '));
        let link = is(v, b']') & is(next, b'(');
        (twice | link | is(v, b'`') | is(v, b'\\')).any()
    };
    let load = |s: &[u8]| u8x16::new(s.try_into().unwrap_or_default());
    let mut i = 0;
    while let Some(window) = b.get(i..i + 17) {
        if marks(load(&window[..16]), load(&window[1..])) {
            return true;
        }
        i += 16;
    }
    if i == 0 {
        // Sixteen bytes or fewer, followed by NUL bytes (no mark has a NUL byte).
        let mut padded = [0u8; 17];
        padded[..b.len()].copy_from_slice(b);
        return marks(load(&padded[..16]), load(&padded[1..]));
    }
    // The last seventeen bytes (those before `i` have no mark: read again, harmless); the
    // last byte, which has none after it, on its own.
    let window = &b[b.len() - 17..];
    marks(load(&window[..16]), load(&window[1..])) || matches!(b.last(), Some(b'`' | b'\\'))
}

/// The text a reader sees in a short line of Markdown (a headline, a byline): a link gives
/// its text, an image nothing or its alt text (see [`Images`]); strong emphasis (`**`,
/// `__`) and code marks go, a backslash escape gives the character, and runs of whitespace
/// become one space. A link or an image that touches a word on either side is set apart
/// from it by a space (`By[Jane Doe](/a/jane)` reads "By Jane Doe"). Borrowed when there is
/// nothing to take out.
pub(crate) fn plain_text(line: &str, images: Images) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let line = line.trim();
    if !has_markup(line.as_bytes()) {
        return Cow::Borrowed(line);
    }
    // Replaces each match by its group 1 (or nothing), spaced from a word it touches.
    fn spaced(re: &Regex, s: &str, keep: bool) -> String {
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for c in re.captures_iter(s) {
            let (Some(all), Some(inner)) = (c.get(0), c.get(1)) else {
                continue;
            };
            out.push_str(&s[last..all.start()]);
            if keep {
                let touches_before = s[..all.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                let touches_after = s[all.end()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if touches_before {
                    out.push(' ');
                }
                out.push_str(inner.as_str());
                if touches_after {
                    out.push(' ');
                }
            }
            last = all.end();
        }
        out.push_str(&s[last..]);
        out
    }
    let s = spaced(&IMAGE, line, images == Images::Alt);
    let s = spaced(&LINK, &s, true);
    let s = s.replace("**", "").replace("__", "").replace('`', "");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    Cow::Owned(words.join(" "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn has_link_is_contains_of_the_link_mark() {
        for line in [
            "",
            "]",
            "](",
            "a ] ( b",
            "[x](y)",
            "[x] (y) ]]( ",
            "« [Ссылка](/ru) »",
            "no link at all",
            "ends with ]",
        ] {
            assert_eq!(has_link(line), line.contains("]("), "{line:?}");
        }
    }

    #[test]
    fn plain_text_reads_markdown_as_shown() {
        use super::{plain_text, Images};
        use std::borrow::Cow;
        assert!(matches!(
            plain_text("Harbour wall rebuilt", Images::Drop),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            plain_text("Hire the [Top 3%](/top) of **Designers**", Images::Drop),
            "Hire the Top 3% of Designers"
        );
        assert_eq!(
            plain_text("By[Jane Doe](/author/jane) ![logo](/l.png)", Images::Drop),
            "By Jane Doe"
        );
        assert_eq!(
            plain_text("[![Jane Doe](/j.jpg)Jane DoeMarch 3](/post)", Images::Alt),
            "Jane Doe Jane DoeMarch 3"
        );
        assert_eq!(
            plain_text("`json` — encoder", Images::Drop),
            "json — encoder"
        );
        assert_eq!(plain_text("1\\. Overview", Images::Drop), "1. Overview");
        assert_eq!(plain_text("  two   spaces  ", Images::Drop), "two spaces");
    }

    #[test]
    fn list_items() {
        use super::is_list_item;
        for l in ["- a", "* b", "+ c", "• d", "– e", "1. f", "12) g", "123. h"] {
            assert!(is_list_item(l), "{l}");
        }
        for l in ["1234. x", "x. y", ".5 z", "", "a-b"] {
            assert!(!is_list_item(l), "{l}");
        }
        // Only the first bytes are read: a decimal number passes for a numbered item.
        assert!(is_list_item("12.5 percent rose"));
    }

    #[test]
    fn list_markers() {
        assert_eq!(after_list_marker("* item"), Some("item"));
        assert_eq!(after_list_marker("12. item"), Some("item"));
        assert_eq!(after_list_marker("- a b"), Some("a b"));
        for l in ["*bold* text", "12.5 percent", ". x", "item", "#1 x"] {
            assert_eq!(after_list_marker(l), None, "{l}");
        }
    }

    #[test]
    fn link_target_free_length_matches_the_text() {
        for l in [
            "",
            "plain text",
            "[a](b) and [c](d e) then ![img](x.png)",
            "unclosed [a](b and more",
            "](",
            "[x]() [y](()) tail",
            "é [ü](ö) ß",
        ] {
            assert_eq!(
                without_link_targets_len(l),
                without_link_targets(l).len(),
                "{l}"
            );
        }
    }

    use super::*;

    #[test]
    fn urls_are_found_like_contains() {
        let tokens = [
            "",
            ":",
            "://",
            "a://b",
            "https://x.org",
            "http:/x",
            "x:/",
            "x:",
            ":/",
            "ab::/",
            "a:b://c",
            "www.x.org",
            "WWW.x",
            "www",
            "mailto:x@y",
            "é://",
            "日本://x",
        ];
        for t in tokens {
            let want = t.contains("://") || t.starts_with("www.");
            assert_eq!(is_url(t), want, "{t:?}");
        }
    }

    #[test]
    fn char_classes_agree_with_the_standard_library() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }

    proptest::proptest! {
        /// `has_markup` is the `contains` of each mark it replaced (a mark at either end,
        /// overlapping marks, marks split by another byte).
        #[test]
        fn markup_marks_are_found_like_contains(s in "[a \\]\\[()*_`\\\\’]{0,24}|(?:[a-z]{1,7}[ .,’]){0,12}[\\]\\[()*_`\\\\ ]{0,2}(?:[a-z]{1,7}[ .,’]){0,12}") {
            let by_contains = s.contains("](")
                || s.contains("**")
                || s.contains("__")
                || s.contains(['`', '\\'])
                || s.contains("  ");
            proptest::prop_assert_eq!(has_markup(s.as_bytes()), by_contains);
        }
    }

    #[test]
    fn markup_marks_are_found_at_every_place_of_lines_up_to_fifty_bytes() {
        // Each mark (and each half of a two-byte mark, which is none) at every place of a
        // line of letters: across the sixteen-byte windows and the last bytes.
        for len in 0..=50 {
            for mark in [
                "](", "**", "__", "`", "\\", "  ", "]", "(", "*", "_", " ", "’",
            ] {
                for at in 0..=len {
                    let line = format!("{}{mark}{}", "a".repeat(at), "b".repeat(len - at));
                    assert_eq!(
                        has_markup(line.as_bytes()),
                        line.contains("](")
                            || line.contains("**")
                            || line.contains("__")
                            || line.contains(['`', '\\'])
                            || line.contains("  "),
                        "{line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn low_characters_are_classed_as_is_alphanumeric_does() {
        for u in 0x80..LOW_END {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(low_alphanumeric(c), Some(c.is_alphanumeric()), "U+{u:04X}");
                assert!(!is_cjk(c), "U+{u:04X}");
            }
        }
        assert_eq!(low_alphanumeric('\u{3000}'), None);
        assert_eq!(low_alphanumeric('東'), None);
    }

    #[test]
    fn counts_words() {
        assert_eq!(word_count("The cat's toy, re-used."), 4);
        assert_eq!(word_count("東京都の人口"), 3);
        assert_eq!(word_count(""), 0);
    }

    /// `word_count` as first written, over [`words`].
    fn word_count_by_words(s: &str) -> usize {
        let mut n = 0;
        let mut cjk = 0;
        for w in words(s) {
            let c = w.chars().filter(|&c| is_cjk(c)).count();
            if c > 0 {
                cjk += c;
            } else {
                n += 1;
            }
        }
        n + cjk.div_ceil(2)
    }

    proptest::proptest! {
        #[test]
        fn word_count_matches_words_on_mixed_text(
            s in "(?:[a-zA-Z0-9 '\\-.,]|’|“|—|é|É|ß|東|京|カ|한|Ж|ж|٣|\\u{2028}|\\u{20000}){0,40}"
        ) {
            proptest::prop_assert_eq!(word_count(&s), word_count_by_words(&s));
        }
    }

    proptest::proptest! {
        /// Mixed text across the 64-byte blocks read by `word_starts`: long ASCII runs
        /// (words, glue, spaces) between non-ASCII characters, so that blocks begin and
        /// end inside words, glue runs and CJK runs.
        #[test]
        fn word_count_matches_words_across_blocks(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-zA-Z0-9 '\\-.,]{0,90}").unwrap(),
                    proptest::string::string_regex("[a-z'\\-]{0,140}").unwrap(),
                    proptest::string::string_regex("(?:’|“|é|東|京|カ|한|Ж|٣|\\u{20000}|—){1,3}").unwrap(),
                ],
                0..8,
            )
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(word_count(&s), word_count_by_words(&s));
        }
    }

    #[test]
    fn word_count_matches_words() {
        for s in [
            "The cat’s toy, re-used — “quoted” ’tis",
            "東京都の人口は1400万人です。 Tokyo’s 人口",
            "ー・゠ 日本-語 'ab’ -’- ’",
            "Ça été très « bien » : 12,5 % – oui",
            "Москва — столица России, 2024 год",
            "한국어 문장 입니다",
            "",
            "’",
        ] {
            assert_eq!(word_count(s), word_count_by_words(s), "{s}");
        }
    }

    /// The byte-by-byte count [`ascii_word_count`] replaced.
    fn ascii_word_count_by_bytes(bytes: &[u8]) -> usize {
        let mut n = 0;
        let mut counted = false;
        for &b in bytes {
            if b.is_ascii_alphanumeric() {
                n += usize::from(!counted);
                counted = true;
            } else if b != b'\'' && b != b'-' {
                counted = false;
            }
        }
        n
    }

    proptest::proptest! {
        #[test]
        fn ascii_word_count_by_blocks(
            // Every ASCII byte, and runs of word characters and glue across block edges.
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[\\x00-\\x7f]{0,70}").unwrap(),
                    proptest::string::string_regex("[a-zA-Z0-9'-]{0,140}").unwrap(),
                    proptest::string::string_regex("['\\- ]{0,70}").unwrap(),
                ],
                0..6,
            )
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(
                ascii_word_count(s.as_bytes()),
                ascii_word_count_by_bytes(s.as_bytes())
            );
        }
    }

    #[test]
    fn ascii_word_count_on_every_byte_and_block_edge() {
        // Each ASCII byte between letters, at every offset around the 64-byte edges.
        for b in 0u8..0x80 {
            for at in [0, 1, 7, 8, 62, 63, 64, 65, 127, 128] {
                let mut s = [b'x'; 130];
                s[at] = b;
                for cut in [at, at + 1, 64, 65, 129, 130] {
                    let t = &s[..cut.min(s.len())];
                    assert_eq!(
                        ascii_word_count(t),
                        ascii_word_count_by_bytes(t),
                        "{b} {at} {cut}"
                    );
                }
                let mut g = [b'-'; 130];
                g[at] = b;
                assert_eq!(
                    ascii_word_count(&g),
                    ascii_word_count_by_bytes(&g),
                    "{b} {at}"
                );
            }
        }
    }

    #[test]
    fn ascii_words_match_words() {
        for s in [
            "The cat's toy, re-used.",
            "--a-- 'b' -'- x''y 12-3 ",
            "",
            "-",
            "a|b/c>d",
        ] {
            let a: Vec<&[u8]> = ascii_words(s.as_bytes()).collect();
            let b: Vec<&[u8]> = words(s).map(str::as_bytes).collect();
            assert_eq!(a, b, "{s}");
            assert_eq!(ascii_word_count(s.as_bytes()), a.len(), "{s}");
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("It rained."));
        assert!(ends_sentence("He said “no.”"));
        assert!(!ends_sentence("Most Popular"));
    }

    #[test]
    fn token_coverage() {
        let a = tokens("Big News Today");
        let b = tokens("Big news today | The Paper");
        assert_eq!(coverage(&a, &b), 1.0);
        assert!(coverage(&b, &a) < 1.0);
        assert!(is_capitalised_run("Jane Doe, The Paper"));
        assert!(!is_capitalised_run("Jane went home"));
    }

    #[test]
    fn strips_markup_around_a_heading() {
        assert_eq!(strip_markup("# Storm hits coast"), "Storm hits coast");
        assert_eq!(
            strip_markup("#  [Storm hits coast](/news/storm-hits-coast)"),
            "Storm hits coast"
        );
        assert_eq!(
            strip_markup("# ![](/img/icon.png) Storm hits coast"),
            "Storm hits coast"
        );
        assert_eq!(strip_markup("## **Storm hits coast**"), "Storm hits coast");
        assert_eq!(strip_markup("Storm hits coast ¶"), "Storm hits coast");
        assert_eq!(
            strip_markup("[ Jane Doe ](/author/jane \"Jane\")"),
            "Jane Doe"
        );
        assert_eq!(strip_markup("# ![Garden Shop](/logo.svg)"), "Garden Shop");
        assert_eq!(strip_markup("* [Omar Reyes](/u/omar)"), "Omar Reyes");
        // Inner markup, hashtags and language names stay.
        assert_eq!(strip_markup("Free **SEO** tools"), "Free **SEO** tools");
        assert_eq!(strip_markup("#1 in C#"), "#1 in C#");
        assert_eq!(
            lead_link_text("[Storm hits coast](/s/1) [ (planet.com) ](https://planet.com/s) [139](/s/1#c) ____"),
            "Storm hits coast"
        );
        assert_eq!(
            lead_link_text("[Planet](/p) Storm hits coast"),
            "[Planet](/p) Storm hits coast"
        );
        assert_eq!(lead_link_text("Storm hits coast"), "Storm hits coast");
        assert_eq!(strip_markup("**"), "**");
        assert_eq!(strip_markup("  "), "");
    }
}
