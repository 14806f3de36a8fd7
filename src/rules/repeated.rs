//! Repeated lines: the layout printing the same text twice (a teaser and its link, a
//! blurb in two places, a caption shown twice).

use super::Rule;
use crate::doc::{Doc, RuleId};
use crate::text;
use crate::text::hash::FxBuild;
use crate::Category;

/// Removes lines whose normalised text occurs more than once in the document, except
/// code in Markdown code blocks ([`Doc::code_lines`], [`reads_as_code`]: code repeats
/// `}` and `try {` as content).
///
/// Policy: a line printed two or three times ([`MAX_OPEN_COPIES`]) of which one copy is
/// directly followed by a paragraph (a sentence of [`HEADS_WORDS`] words or more) keeps
/// that copy open for the classifier: it heads the paragraph (a heading listed in a table
/// of contents and again over its section, a product's name in a breadcrumb and over its
/// description). Otherwise short or non-sentence lines that repeat are layout (menus,
/// labels, blurbs) and every copy goes, except that a line that reads as prose (at least
/// [`PROSE_WORDS`] words, ending like a sentence) or has [`TITLE_WORDS`] words or more
/// keeps its first copy (a pull quote, a headline printed in a carousel and a list). The
/// classifier sees how many copies a line it judges has.
#[derive(Debug)]
pub(crate) struct Repeated;

/// Words a repeated line needs to be treated as prose (first copy kept).
const PROSE_WORDS: usize = 12;

/// Words a repeated line needs to keep its first copy open even when it is no sentence (a
/// headline printed twice on a listing: once in a carousel, once in the list).
const TITLE_WORDS: usize = 5;

/// Most copies of a line for one of them to stay open (see [`Repeated`]).
const MAX_OPEN_COPIES: u32 = 3;

/// Words of the sentence after a repeated line that make it the heading of a paragraph.
const HEADS_WORDS: usize = 8;

/// Case-folded text with runs of non-alphanumerics collapsed, so that copies that differ
/// only in case, spacing or punctuation match (UTF-8), written at the start of `scratch`
/// (grown when too short, never shrunk nor cleared: no allocation nor zeroing per line
/// when one buffer serves every line) and returned.
///
/// ASCII is taken eight bytes at a time ([`Block`]); a character outside ASCII on its own
/// ([`char_key`]). The key is never longer than the line (each space stands for one byte
/// or more of the line, each ASCII letter or digit for itself, a letter outside ASCII for
/// a lower case of its own length) except where a character's lower case is longer than
/// the character (`İ`), and `scratch` grows there; `scratch` has a block's room past the
/// key so far and the rest of the line.
pub(crate) fn normalise<'b>(line: &str, scratch: &'b mut Vec<u8>) -> &'b [u8] {
    let bytes = line.as_bytes();
    let len = bytes.len();
    if scratch.len() < len + 8 {
        scratch.resize(len + 8, 0);
    }
    let out = scratch;
    // The next byte of the key; whether the last byte seen was a gap (or none was seen
    // yet: a leading gap gives no space), as the high bit of a block's first byte.
    let (mut w, mut gap) = (0, 0x80u64);
    let mut p = 0;
    while let Some(&first) = bytes.get(p) {
        if first >= 0x80 {
            // The letters of Latin-1 and basic Cyrillic and the commonest gaps by their
            // bytes (a unit test checks them against the characters' classes and cases).
            match common_key(&bytes[p..]) {
                Common::Letter(key) => {
                    out[w..w + 2].copy_from_slice(&key);
                    (w, gap, p) = (w + 2, 0, p + 2);
                    continue;
                }
                Common::Gap(n) => {
                    if gap == 0 {
                        out[w] = b' ';
                        (w, gap) = (w + 1, 0x80);
                    }
                    p += n;
                    continue;
                }
                Common::Other => {}
            }
            let Some(c) = line.get(p..).and_then(|r| r.chars().next()) else {
                break;
            };
            p += c.len_utf8();
            w = char_key(c, out, w, &mut gap);
            continue;
        }
        // Eight bytes from `p`, or the last bytes of the line (the bytes before `p` shifted
        // out, zeros in their place).
        let (x, n) = match bytes.get(p..p + 8) {
            Some(chunk) => (u64::from_le_bytes(chunk.try_into().unwrap_or_default()), 8),
            None if len >= 8 => {
                let last: [u8; 8] = bytes[len - 8..].try_into().unwrap_or_default();
                let n = len - p;
                (u64::from_le_bytes(last) >> (8 * (8 - n)), n)
            }
            None => (
                bytes[p..]
                    .iter()
                    .rev()
                    .fold(0u64, |x, &b| (x << 8) | u64::from(b)),
                len - p,
            ),
        };
        let high = x & HIGH;
        // The ASCII bytes before the first byte of a character outside ASCII (at least
        // the first).
        let n = if high == 0 {
            n
        } else {
            n.min((high.trailing_zeros() / 8) as usize)
        };
        let block = Block::of(x);
        // The gaps that follow a gap are dropped (a run of gaps gives one space); the
        // bytes between them are stored a word at a time, each over the last one's
        // garbage tail.
        let mut dropped = block.gaps & ((block.gaps << 8) | gap) & (u64::MAX >> (64 - 8 * n));
        let (mut key, mut left) = (block.key, n);
        while dropped != 0 {
            let k = (dropped.trailing_zeros() / 8) as usize;
            out[w..w + 8].copy_from_slice(&key.to_le_bytes());
            w += k;
            key = (key >> (8 * k)) >> 8;
            dropped = (dropped >> (8 * k)) >> 8;
            left -= k + 1;
        }
        out[w..w + 8].copy_from_slice(&key.to_le_bytes());
        w += left;
        gap = (block.gaps >> (8 * (n - 1))) & 0x80;
        p += n;
    }
    if w > 0 && out[w - 1] == b' ' {
        w -= 1;
    }
    &out[..w]
}

/// What [`common_key`] makes of a character outside ASCII.
enum Common {
    /// A letter of two bytes: its lower case's two bytes.
    Letter([u8; 2]),
    /// A gap of this many bytes (the no-break space; the dashes, quotes, bullets and
    /// dots of General Punctuation).
    Gap(usize),
    /// Any other character: classed by [`char_key`].
    Other,
}

/// The key of the character `b` starts with (outside ASCII), for the commonest: the
/// letters of Latin-1 (`À`-`ÿ` but `×` and `÷`) and of basic Cyrillic (`А`-`я`),
/// lower-cased as `char::to_lowercase` does, and U+00A0 and U+2010-U+2027 as gaps. A unit
/// test checks every character of two and three bytes against [`char_key`].
#[inline]
fn common_key(b: &[u8]) -> Common {
    match *b {
        [0xc3, b1, ..] if (0x80..=0x9e).contains(&b1) && b1 != 0x97 => {
            Common::Letter([0xc3, b1 + 0x20])
        }
        [0xc3, b1, ..] if (0x9f..=0xbf).contains(&b1) && b1 != 0xb7 => Common::Letter([0xc3, b1]),
        [0xd0, b1, ..] if (0x90..=0x9f).contains(&b1) => Common::Letter([0xd0, b1 + 0x20]),
        [0xd0, b1, ..] if (0xa0..=0xaf).contains(&b1) => Common::Letter([0xd1, b1 - 0x20]),
        [0xd0, b1, ..] if (0xb0..=0xbf).contains(&b1) => Common::Letter([0xd0, b1]),
        [0xd1, b1, ..] if (0x80..=0x8f).contains(&b1) => Common::Letter([0xd1, b1]),
        [0xc2, 0xa0, ..] => Common::Gap(2),
        [0xe2, 0x80, b2, ..] if (0x90..=0xa7).contains(&b2) => Common::Gap(3),
        _ => Common::Other,
    }
}

/// The high bit of each byte of a block.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// One of each byte of a block.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Eight ASCII bytes of a line (little-endian in a `u64`), classed at once: a byte at or
/// above 0x80 gives garbage in its own and the following bytes, never in those before it.
#[derive(Clone, Copy)]
struct Block {
    /// Each byte's key: a letter's lower case, a digit, or a space for a gap (anything
    /// else).
    key: u64,
    /// The high bit of each gap byte.
    gaps: u64,
}

impl Block {
    #[inline]
    fn of(x: u64) -> Block {
        // Whether each byte is in `lo..=hi`: its high bit after adding `0x80 - lo` and not
        // after adding `0x7f - hi` (no byte below 0x80 carries into the next).
        let within = |v: u64, lo: u8, hi: u8| {
            v.wrapping_add(ONES * u64::from(0x80 - lo))
                & !v.wrapping_add(ONES * u64::from(0x7f - hi))
                & HIGH
        };
        // An ASCII byte with 0x20 set is a lower-case letter exactly when it is a letter.
        let letters = within(x | (ONES * 0x20), b'a', b'z');
        let alnum = letters | within(x, b'0', b'9');
        let gaps = !alnum & HIGH;
        let keep = (alnum >> 7) * 0xff;
        Block {
            key: ((x | (letters >> 2)) & keep) | (gaps >> 2),
            gaps,
        }
    }
}

/// Writes the key of `c` (outside ASCII) at `out[w..]`, as [`normalise`] does: its lower
/// case when it is a letter or digit, else one space unless the byte before was a gap
/// (`gap`, kept up to date); returns the next byte's place. `out` has at least eight
/// bytes past `w` and the rest of the line's length; it grows when the lower case is
/// longer than `c`.
#[inline]
fn char_key(c: char, out: &mut Vec<u8>, w: usize, gap: &mut u64) -> usize {
    if !crate::text::is_alphanumeric(c) {
        if *gap != 0 {
            return w;
        }
        *gap = 0x80;
        out[w] = b' ';
        return w + 1;
    }
    *gap = 0;
    if let Some(l) = one_lower(c) {
        // As long as `c` (a unit test checks).
        return w + l.encode_utf8(&mut out[w..w + 4]).len();
    }
    let mut buf = [0u8; 12];
    let n = c
        .to_lowercase()
        .fold(0, |n, l| n + l.encode_utf8(&mut buf[n..]).len());
    if n > c.len_utf8() {
        out.resize(out.len() + n - c.len_utf8(), 0);
    }
    out[w..w + n].copy_from_slice(&buf[..n]);
    w + n
}

/// `c.to_lowercase()` for the letters of Latin-1, Cyrillic's basic block, kana, CJK and
/// Hangul (the commonest letters outside ASCII) without the case tables, `None` for
/// others (a unit test checks every character against the standard library).
#[inline]
fn one_lower(c: char) -> Option<char> {
    let u = u32::from(c);
    match c {
        '\u{00c0}'..='\u{00de}' | '\u{0410}'..='\u{042f}' if c != '\u{00d7}' => {
            char::from_u32(u + 0x20)
        }
        '\u{00df}'..='\u{00ff}' | '\u{0430}'..='\u{044f}' if c != '\u{00f7}' => Some(c),
        '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}' => Some(c),
        _ => None,
    }
}

/// The number of `doc`'s distinct non-empty repetition keys and their crowding under
/// [`FxBuild`]: the sum over a table of at least twice as many slots as keys (placed by
/// the hash's low bits, as the std `HashMap` does) of the squared number of keys in each
/// slot. About the number of keys when the hash spreads them, its square when crafted
/// lines collide: it bounds the comparisons of the tables keyed by them.
#[cfg_attr(not(feature = "internal"), allow(dead_code))] // for `deboil::profiling`
pub(crate) fn crowding(doc: &Doc<'_>) -> (usize, usize) {
    use std::hash::BuildHasher;
    let build = FxBuild::default();
    let mut keys: Vec<&[u8]> = (0..doc.len())
        .map(|i| doc.repeat_key(i))
        .filter(|k| !k.is_empty())
        .collect();
    // Copies share a slot by right: only distinct keys count.
    keys.sort_unstable();
    keys.dedup();
    let mask = (2 * keys.len()).next_power_of_two() - 1;
    let mut load = vec![0usize; mask + 1];
    for k in &keys {
        load[build.hash_one(k) as usize & mask] += 1;
    }
    (keys.len(), load.iter().map(|&l| l * l).sum())
}

/// Whether a line of a code block reads as code: it has a bracket, semicolon, `=` or
/// angle bracket and no Markdown link. Indented blocks also hold forum user panels (join
/// dates, post counts, "[Germany](/location)"), which repeat per post and are layout.
fn reads_as_code(line: &str) -> bool {
    !line.contains("](") && line.bytes().any(|b| b"{}();=<>".contains(&b))
}

/// Where a line sits in a passage printed twice (see [`passage_copies`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Passage {
    /// In no such passage.
    None,
    /// In the first copy: left to the classifier whole.
    First,
    /// In the second copy: removed.
    Second,
}

/// Passages printed twice: a run of lines (blank lines aside) that occurs again later in
/// the same order and contains a line of prose printed exactly twice (a page's article
/// in both its desktop and its mobile layout). Its short lines (headings, list items,
/// "Pros", "Price") are the article's as much as its prose is, so the first copy stays
/// whole and the second goes. Runs are grown outwards from each twice-printed prose line
/// and never cross each other, so the walk is linear.
///
/// Empty when no key is printed exactly twice (no passage can be: most pages of many
/// copies of a few lines), else a place per line.
fn passage_copies(doc: &Doc<'_>, ids: &[u32], groups: &mut [Group]) -> Vec<Passage> {
    if !groups.iter().any(|g| g.count == 2) {
        return Vec::new();
    }
    let mut copy = vec![Passage::None; doc.len()];
    let lines = doc.text_line_list();
    // Text-line position of each line, for jumping from a first copy to its second.
    for (k, &i) in lines.iter().enumerate() {
        if let Some(g) = groups.get_mut(ids[i] as usize) {
            if g.count == 2 && g.first != i {
                g.second = k;
            }
        }
    }
    let same = |a: usize, b: usize| ids[lines[a]] == ids[lines[b]];
    // The walks' steps, each a comparison (for the tests of crafted input).
    let mut steps = 0;
    for (k, &i) in lines.iter().enumerate() {
        let Some(g) = groups.get(ids[i] as usize) else {
            continue;
        };
        if copy[i] != Passage::None || g.count != 2 || g.first != i {
            continue;
        }
        let line = doc.line(i);
        if !text::ends_sentence(line) || doc.words(i) < PROSE_WORDS {
            continue;
        }
        let m = g.second;
        let mark = |a: usize, b: usize, copy: &mut Vec<Passage>| {
            if ids[lines[a]] != NO_KEY {
                copy[lines[a]] = Passage::First;
                copy[lines[b]] = Passage::Second;
            }
        };
        // Upwards from the anchor pair, then downwards, while the two copies agree and
        // neither runs into the other or into a passage already marked.
        let mut d = 0;
        while d <= k
            && m - d > k
            && same(k - d, m - d)
            && (d == 0 || copy[lines[k - d]] == Passage::None)
        {
            mark(k - d, m - d, &mut copy);
            d += 1;
        }
        steps += d + 1;
        d = 1;
        while k + d < m
            && m + d < lines.len()
            && same(k + d, m + d)
            && copy[lines[k + d]] == Passage::None
        {
            mark(k + d, m + d, &mut copy);
            d += 1;
        }
        steps += d;
    }
    crate::doc::Work::add(&doc.work.passage_steps, steps);
    copy
}

/// The id of a line without a key (see [`Repeated::apply`]).
const NO_KEY: u32 = u32::MAX;

/// The lines sharing one key.
#[derive(Clone, Copy, Debug)]
struct Group {
    /// How many lines have the key (saturating).
    count: u32,
    /// The first of them.
    first: usize,
    /// For a key with two or three copies, the copy followed by the most prose: (line,
    /// words of the sentence after it).
    best: (usize, usize),
    /// For a key with two copies, the second's position among the text lines.
    second: usize,
}

/// Every line's key id (an index into the returned groups; [`NO_KEY`] for a line without
/// a key: no letters or digits, or code in a Markdown code block), with one hash per line.
fn group_lines(doc: &Doc<'_>, code: Option<&[bool]>) -> (Vec<u32>, Vec<Group>) {
    let Some(code) = code.filter(|c| c.contains(&true)) else {
        // No code: the document's numbers (in order of first use, `NO_KEY` for none) and
        // counts are these, copied as they are.
        const _: () = assert!(NO_KEY == u32::MAX);
        let ids = doc.repeat_group_table().to_vec();
        let mut groups: Vec<Group> = Vec::with_capacity(doc.repeat_groups());
        for (i, &g) in ids.iter().enumerate() {
            if g as usize == groups.len() {
                groups.push(Group {
                    count: doc.group_copies(g),
                    first: i,
                    best: (usize::MAX, 0),
                    second: 0,
                });
            }
        }
        return (ids, groups);
    };
    // The document numbered its keys once (one hash a line); here they are renumbered in
    // order of first use by a line outside code, so that code lines count for nothing.
    let mut local = vec![NO_KEY; doc.repeat_groups()];
    let mut groups: Vec<Group> = Vec::new();
    let ids = (0..doc.len())
        .map(|i| {
            let Some(g) = doc.repeat_group(i).filter(|_| !code[i]) else {
                return NO_KEY;
            };
            let Some(slot) = local.get_mut(g as usize) else {
                return NO_KEY;
            };
            if *slot == NO_KEY {
                groups.push(Group {
                    count: 0,
                    first: i,
                    best: (usize::MAX, 0),
                    second: 0,
                });
                // Fewer distinct keys than lines, and lines fit in memory: far below
                // `NO_KEY` (saturated on the impossible, never wrapped).
                *slot = u32::try_from(groups.len() - 1).unwrap_or(NO_KEY - 1);
            }
            let id = *slot;
            let g = &mut groups[id as usize];
            g.count = g.count.saturating_add(1);
            id
        })
        .collect();
    (ids, groups)
}

impl Rule for Repeated {
    fn name(&self) -> &str {
        "repeated-line"
    }
    fn category(&self) -> Category {
        Category::Repeated
    }
    fn description(&self) -> &str {
        "a line whose text occurs more than once (a passage printed twice keeps its first copy whole; a copy heading a paragraph, prose and lines of five words or more keep one copy; code in Markdown code blocks stays)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        // Every line's key (computed once per document, in one buffer; none for code
        // in a Markdown code block), counted by borrowed key.
        let code = doc.code_lines_if_any().map(|mut code| {
            for (i, c) in code.iter_mut().enumerate() {
                *c = *c && reads_as_code(doc.line(i));
            }
            code
        });
        let (ids, mut groups) = group_lines(doc, code.as_deref());
        drop(code);
        // For lines with few copies, the copy followed by the most prose (no walk when no
        // key has so few: issue 24, a page of the same tiny line).
        let few = |g: &Group| (2..=MAX_OPEN_COPIES).contains(&g.count);
        let mut next_text = doc.len();
        let walk = if groups.iter().any(few) { doc.len() } else { 0 };
        for i in (0..walk).rev() {
            if let Some(g) = groups.get_mut(ids[i] as usize) {
                if (2..=MAX_OPEN_COPIES).contains(&g.count) {
                    let next = (next_text < doc.len()).then(|| doc.line(next_text));
                    let after = next
                        .filter(|l| text::ends_sentence(l))
                        .map_or(0, text::word_count);
                    // Walking backwards, `>=` makes the earliest copy win ties.
                    if g.best.0 == usize::MAX || after >= g.best.1 {
                        g.best = (i, after);
                    }
                }
            }
            // A line with a key has a letter or a digit: it is not blank.
            if ids[i] != NO_KEY || !doc.is_blank(i) {
                next_text = i;
            }
        }
        let copy = passage_copies(doc, &ids, &mut groups);
        // Each line decided and removed in one walk (the decision reads no mark).
        const _: () = assert!(PROSE_WORDS >= TITLE_WORDS);
        for (i, &key) in ids.iter().enumerate() {
            let Some(&g) = groups.get(key as usize) else {
                continue;
            };
            let (count, first) = (g.count, g.first);
            if count < 2 {
                continue;
            }
            let remove = match copy.get(i).copied().unwrap_or(Passage::None) {
                Passage::First => false,
                Passage::Second => true,
                Passage::None if count <= MAX_OPEN_COPIES && g.best.1 >= HEADS_WORDS => {
                    g.best.0 != i
                }
                // Prose (`PROSE_WORDS` words or more, ending like a sentence) has
                // `TITLE_WORDS` words or more: the word count alone decides, and only for
                // the first copy.
                Passage::None => i != first || doc.words(i) < TITLE_WORDS,
            };
            if remove {
                doc.remove(i, id, Category::Repeated);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::hash::FxHasher;

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
    fn a_passage_printed_twice_keeps_its_first_copy_whole() {
        let passage = "Pricing\n\nFrom ten dollars a month, billed once a year, with no setup fee at all.\n\nPros\nQuick support\n";
        let page = format!("Menu\n{passage}\nFooter\n{passage}");
        let r = removed(&page);
        let lines: Vec<&str> = page.lines().collect();
        // The first copy (lines 1..=6) is untouched, every text line of the second goes.
        assert!(r[1..=6].iter().all(|&x| !x), "{r:?}");
        for (k, line) in lines.iter().enumerate().skip(9) {
            assert_eq!(r[k], !line.is_empty(), "line {k} {line:?}");
        }
    }

    #[test]
    fn a_menu_printed_twice_still_goes_whole() {
        let menu = "Home\nNews\nSport\n";
        let page = format!("{menu}Harbour wall to be rebuilt\nThe council met on Monday and agreed to rebuild the harbour wall.\n\n{menu}");
        let r = removed(&page);
        assert_eq!(&r[..3], &[true, true, true]);
        assert_eq!(&r[6..9], &[true, true, true]);
        assert!(!r[3] && !r[4]);
    }

    #[test]
    fn the_copy_heading_a_paragraph_stays() {
        let page = "Contents\nWhy it matters\nWhat to do\n\nWhy it matters\nThe harbour wall protects two hundred homes from the winter storms.\n\nWhat to do\nShort.\n";
        let r = removed(page);
        // In the table of contents both go; over its paragraph "Why it matters" stays,
        // "What to do" (over a line too short to be a paragraph) goes everywhere.
        assert_eq!(&r[..3], &[false, true, true]);
        assert_eq!(&r[4..6], &[false, false]);
        assert_eq!(&r[7..9], &[true, false]);
    }

    /// The sum over a table of `2^bits` slots of the squared number of keys whose hash
    /// picks each slot (from the hash's low bits, as the std `HashMap` does): about the
    /// keys' number for a good hash, their number squared when they all collide. It bounds
    /// the comparisons a table makes.
    fn crowding(keys: &[Vec<u8>], bits: u32, hash: impl Fn(&[u8]) -> u64) -> usize {
        let mut load = vec![0usize; 1 << bits];
        for k in keys {
            load[hash(k) as usize & ((1 << bits) - 1)] += 1;
        }
        load.iter().map(|&l| l * l).sum()
    }

    #[test]
    fn one_lower_is_to_lowercase() {
        let mut known = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if let Some(l) = one_lower(c) {
                assert_eq!(c.to_lowercase().collect::<Vec<_>>(), [l], "{c:?}");
                assert_eq!(l.len_utf8(), c.len_utf8(), "{c:?}");
                known += 1;
            }
        }
        assert!(known > 30_000, "{known}");
    }

    /// The keys as the standard library's case mapping and classes give them.
    fn reference_key(line: &str) -> String {
        let mut out = String::new();
        let mut gap = false;
        for c in line.chars() {
            if c.is_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.extend(c.to_lowercase());
            } else {
                gap = true;
            }
        }
        out
    }

    #[test]
    fn keys_longer_than_their_line_and_blocks_cut_by_letters_outside_ascii() {
        for line in [
            "İİİİİİİİİİİİİİİİİİİİ",
            "İstanbul, İzmir -- İİ",
            "Ünter den  Linden: Straße, 12 ÄÖÜ und… mehr!",
            "  , Hello,   World!! 42  ",
            "abcdefgh12345678ABCDEFGH",
            "a’b’c’d’e’f’g’h’i’j",
            "........................ x",
            "À×Þß÷ÿ АПРЯапря – — … «ok» a\u{a0}b ÀÀÀÀÀÀÀÀÀ",
        ] {
            // A buffer that served a longer line before: its old bytes do not show.
            let mut buf = b"a buffer that served a longer line before".to_vec();
            let key = normalise(line, &mut buf);
            assert_eq!(key, reference_key(line).as_bytes(), "{line:?}");
        }
    }

    #[test]
    fn common_keys_are_the_keys_by_characters() {
        let mut known = 0;
        for c in ('\u{80}'..='\u{ffff}').filter(|c| c.len_utf8() <= 3) {
            let mut bytes = [0u8; 4];
            let enc = c.encode_utf8(&mut bytes).as_bytes();
            let (mut out, mut gap) = (vec![0u8; 16], 0);
            let w = char_key(c, &mut out, 0, &mut gap);
            match common_key(enc) {
                Common::Letter(key) => {
                    assert_eq!((&out[..w], gap), (&key[..], 0), "{c:?}");
                    known += 1;
                }
                Common::Gap(n) => {
                    assert_eq!((&out[..w], gap, n), (&b" "[..], 0x80, enc.len()), "{c:?}");
                    known += 1;
                }
                Common::Other => {}
            }
        }
        assert_eq!(known, 62 + 64 + 1 + 24);
    }

    proptest::proptest! {
        #[test]
        fn keys_are_the_reference_keys(line in "(?:[ -~\\t]|é|É|×|ß|Ж|ж|İ|Σ|’|“|日|한|\\PC){0,40}") {
            let mut buf = b"a buffer that served a longer line before".to_vec();
            let key = normalise(&line, &mut buf);
            let want = reference_key(&line);
            proptest::prop_assert_eq!(key, want.as_bytes());
        }

        #[test]
        fn long_ascii_keys_are_the_reference_keys(line in "(?:[ -~\t]|  |, |[a-z]{1,9}){0,60}") {
            let mut buf = b"a buffer that served a longer line before".to_vec();
            let key = normalise(&line, &mut buf);
            let want = reference_key(&line);
            proptest::prop_assert_eq!(key, want.as_bytes());
        }
    }

    #[test]
    fn lines_crafted_to_collide_spread_over_the_table() {
        use std::hash::{BuildHasher, Hasher};
        // Issue 24's shape: 24-byte lines sharing their first 19 bytes.
        let keys: Vec<Vec<u8>> = (0..50_000u64)
            .map(|i| {
                let mut buf = Vec::new();
                normalise(
                    &format!("{}{:05}", "a".repeat(19), i * 7919 % 100_000),
                    &mut buf,
                )
                .to_vec()
            })
            .collect();
        let n = keys.len();
        let keyed = FxBuild::default();
        let spread = crowding(&keys, 17, |k| keyed.hash_one(k));
        assert!(spread <= 3 * n, "{spread} for {n} keys");
        // The unkeyed hash this table used before piles them up: the shape is a real attack.
        let unkeyed = crowding(&keys, 17, |k| {
            let mut h = FxHasher::default();
            h.write(k);
            h.finish()
        });
        assert!(unkeyed > 100 * n, "{unkeyed}");
    }

    #[test]
    fn unique_lines_stay() {
        assert_eq!(removed("one\ntwo\nthree"), [false, false, false]);
    }
}
