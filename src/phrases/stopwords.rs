//! Very common function words of the languages deboil knows best, for the stopword
//! density of a line (prose has many, menus and labels few). One list per language; a
//! line's density counts words of the page's language (guessed), or of any list when the
//! language is unknown.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::text::hash::FixedBuild as FxBuild;

/// English.
const EN: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their",
    "our", "not", "no", "will", "would", "can", "could", "said", "which", "who", "what", "when",
    "there", "than", "then", "also", "about", "into", "after", "over", "more", "do", "does", "did",
    "if", "so", "up", "out", "all", "one", "just", "only", "some",
];
/// German.
const DE: &[&str] = &[
    "der", "die", "das", "und", "oder", "aber", "ein", "eine", "einen", "einem", "einer", "ist",
    "sind", "war", "wurde", "werden", "hat", "haben", "nicht", "mit", "von", "zu", "im", "in",
    "auf", "für", "den", "dem", "des", "sich", "auch", "es", "sie", "er", "wir", "ich", "als",
    "wie", "bei", "nach", "noch", "nur", "so", "dass", "aus", "um", "am",
];
/// French.
const FR: &[&str] = &[
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "mais", "est", "sont", "était",
    "a", "ont", "pas", "ne", "avec", "pour", "par", "sur", "dans", "au", "aux", "ce", "cette",
    "qui", "que", "il", "elle", "ils", "nous", "vous", "je", "se", "son", "sa", "ses", "leur",
    "plus", "comme", "été", "être",
];
/// Spanish.
const ES: &[&str] = &[
    "el", "la", "los", "las", "un", "una", "unos", "y", "o", "pero", "es", "son", "fue", "era",
    "ha", "han", "no", "con", "para", "por", "en", "del", "al", "de", "que", "se", "su", "sus",
    "lo", "como", "más", "este", "esta", "ese", "esa", "le", "les", "muy",
];
/// Italian.
const IT: &[&str] = &[
    "il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "e", "o", "ma", "è", "sono", "era",
    "ha", "hanno", "non", "con", "per", "da", "di", "del", "della", "dei", "delle", "nel", "nella",
    "che", "si", "come", "anche", "più", "questo", "questa", "al", "alla",
];
/// Portuguese.
const PT: &[&str] = &[
    "o", "a", "os", "as", "um", "uma", "e", "ou", "mas", "é", "são", "foi", "era", "tem", "não",
    "com", "para", "por", "em", "no", "na", "nos", "nas", "do", "da", "dos", "das", "de", "que",
    "se", "seu", "sua", "como", "mais", "ao", "à", "pelo", "pela", "este",
];
/// Indonesian.
const ID: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "adalah", "dalam",
    "tidak", "akan", "juga", "oleh", "atau", "karena", "sebagai", "telah", "sudah", "bisa", "ada",
    "mereka", "kami", "kita", "saya", "ia", "dia", "para", "bahwa", "lebih",
];
/// Russian.
const RU: &[&str] = &[
    "и",
    "в",
    "во",
    "не",
    "что",
    "он",
    "на",
    "я",
    "с",
    "со",
    "как",
    "а",
    "то",
    "все",
    "она",
    "так",
    "его",
    "но",
    "да",
    "ты",
    "к",
    "у",
    "же",
    "вы",
    "за",
    "бы",
    "по",
    "только",
    "ее",
    "мне",
    "было",
    "от",
    "меня",
    "еще",
    "нет",
    "о",
    "из",
    "ему",
    "это",
    "для",
    "при",
    "был",
    "были",
    "которые",
    "который",
    "также",
    "их",
    "после",
];

/// Every list: the fallback when the language is unknown.
const ALL: &[&[&str]] = &[EN, DE, FR, ES, IT, PT, ID, RU];

/// A set of stopwords (lower-cased), with a fast hash (the words are short and fixed),
/// and the length of the longest, so that longer words skip the lookup.
#[derive(Debug)]
pub(crate) struct Stopwords {
    set: HashSet<&'static [u8], FxBuild>,
    longest: usize,
    /// The ASCII words of at most 8 bytes, each packed into a `u64` ([`pack`]), in an
    /// open-addressed table of [`PACKED_SLOTS`] slots (0 for an empty slot): a lower-cased
    /// ASCII word is looked up there with one multiply and a compare or two, instead of
    /// hashing its bytes for `set` (the stopword share reads every word of every line).
    packed: Box<[u64; PACKED_SLOTS]>,
}

/// Slots of [`Stopwords::packed`]: a power of two, more than twice the union's words.
const PACKED_SLOTS: usize = 1024;

/// The bytes of an ASCII word of at most 8 bytes as one `u64` (little-endian, zero
/// padded: never 0, as a word has no zero byte and at least one byte).
#[inline]
pub(crate) fn pack(word: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b[..word.len()].copy_from_slice(word);
    u64::from_le_bytes(b)
}

/// The slot of [`Stopwords::packed`] a packed word's probe starts at.
#[inline]
fn slot(p: u64) -> usize {
    (p.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PACKED_SLOTS.trailing_zeros())) as usize
}

impl Stopwords {
    fn of(lists: &[&[&'static str]]) -> Stopwords {
        let set: HashSet<&'static [u8], FxBuild> = lists
            .iter()
            .flat_map(|l| l.iter().map(|w| w.as_bytes()))
            .collect();
        let longest = set.iter().map(|w| w.len()).max().unwrap_or(0);
        let mut packed = Box::new([0u64; PACKED_SLOTS]);
        for w in set
            .iter()
            .filter(|w| w.is_ascii() && !w.is_empty() && w.len() <= 8)
        {
            let p = pack(w);
            let mut k = slot(p);
            while packed[k] != 0 {
                k = (k + 1) % PACKED_SLOTS;
            }
            packed[k] = p;
        }
        Stopwords {
            set,
            longest,
            packed,
        }
    }

    /// Whether `word` (already lower-cased) is in the set.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    /// [`Stopwords::contains`] for the bytes of a word.
    #[inline]
    pub(crate) fn contains_bytes(&self, word: &[u8]) -> bool {
        word.len() <= self.longest && self.set.contains(word)
    }

    /// [`Stopwords::contains_bytes`] for a word known to be ASCII (lower-cased, not
    /// empty): the same answer, from the packed table when the word fits in 8 bytes.
    #[inline]
    pub(crate) fn contains_ascii(&self, word: &[u8]) -> bool {
        if word.len() > self.longest {
            return false;
        }
        if word.is_empty() || word.len() > 8 {
            return self.set.contains(word);
        }
        self.contains_packed(pack(word), word.len())
    }

    /// [`Stopwords::contains_ascii`] for a word of `len` bytes (1 to 8) given packed
    /// ([`pack`]: its bytes, little-endian, zero padded).
    #[inline]
    pub(crate) fn contains_packed(&self, p: u64, len: usize) -> bool {
        if len > self.longest {
            return false;
        }
        let mut k = slot(p);
        loop {
            match self.packed[k] {
                0 => return false,
                q if q == p => return true,
                _ => k = (k + 1) % PACKED_SLOTS,
            }
        }
    }
}

/// Fewest words for [`plainly_english`] to decide.
const PLAIN_MIN_WORDS: usize = 40;

/// Share of English stopwords above which text in ASCII letters is English without asking
/// `whatlang`: English prose has 35-50 % of its words in the list, other languages written
/// in ASCII letters (Indonesian, unaccented Spanish) well under 10 %.
const PLAIN_MIN_SHARE: f32 = 0.25;

/// Most letters outside ASCII, per [`PLAIN_FOREIGN_PER`] letters and digits, that text
/// may hold and still be plainly English: names and borrowed words ("café", "Zürich") in
/// English prose. On the dev and wide corpora the English samples the guess was asked
/// about held up to 3 % such letters, and no sample the guess found to be another
/// language (or could not tell) held under 1.1 % with English's share of stopwords; half
/// a percent keeps a margin of two.
const PLAIN_FOREIGN: usize = 1;
/// See [`PLAIN_FOREIGN`].
const PLAIN_FOREIGN_PER: usize = 200;

/// Whether `sample` is plainly English: at most one letter in 200 outside ASCII
/// ([`PLAIN_FOREIGN`]; typographic quotes and dashes are not letters), at least
/// [`PLAIN_MIN_WORDS`] words (runs of ASCII letters and digits), of which a
/// [`PLAIN_MIN_SHARE`] are English stopwords. Most pages are, and the language guess (a
/// tenth of the cleaning time of an English page) is then skipped.
fn plainly_english(sample: &str, en: &Stopwords) -> bool {
    let b = sample.as_bytes();
    // Fewer bytes than the fewest words need (one byte each and a separator between).
    if b.len() < 2 * PLAIN_MIN_WORDS - 1 {
        return false;
    }
    // Words: runs of ASCII letters and digits, found from their bits, 64 bytes at a time.
    let (mut words, mut stop, mut alnum, mut foreign) = (0usize, 0usize, 0usize, 0usize);
    let packed_most = en.longest.min(8);
    let mut word = |s: usize, e: usize| {
        words += 1;
        let len = e - s;
        if len <= packed_most {
            // The word's bytes packed straight from the sample's next eight bytes when
            // there are eight (the bytes after the word masked off), as `pack` gives them.
            let p = match b.get(s..s + 8) {
                Some(eight) => {
                    let mut a = [0u8; 8];
                    a.copy_from_slice(eight);
                    u64::from_le_bytes(a) & (u64::MAX >> (64 - 8 * len))
                }
                None => pack(&b[s..e]),
            };
            stop += usize::from(en.contains_packed(lower_packed(p), len));
        } else if len <= en.longest.min(16) {
            let mut lower = [0u8; 16];
            let lower = &mut lower[..len];
            lower.copy_from_slice(&b[s..e]);
            lower.make_ascii_lowercase();
            stop += usize::from(en.contains_ascii(lower));
        }
    };
    let ascii = sample.is_ascii();
    let mut start: Option<usize> = None;
    for (k, block) in b.chunks(64).enumerate() {
        let base = k * 64;
        let bits = crate::text::swar::ascii_alnum_bits(block);
        alnum += bits.count_ones() as usize;
        if !ascii {
            // Letters and digits outside ASCII (`char::is_alphanumeric`): only the
            // characters that start at a byte from 0xC0 (a multi-byte character's first
            // byte) decoded.
            let mut leads = lead_bits(block);
            while leads != 0 {
                let at = base + leads.trailing_zeros() as usize;
                leads &= leads - 1;
                let c = sample.get(at..).and_then(|r| r.chars().next());
                foreign += usize::from(c.is_some_and(is_alphanumeric));
            }
        }
        // Bytes of the block that end a word (not letters or digits).
        let ends = !bits & (u64::MAX >> (64 - block.len()));
        let mut pos = 0;
        while pos < block.len() {
            let from = u64::MAX << pos;
            match start {
                Some(s) => {
                    let e = ends & from;
                    if e == 0 {
                        break;
                    }
                    let end = e.trailing_zeros() as usize;
                    word(s, base + end);
                    start = None;
                    pos = end + 1;
                }
                None => {
                    let a = bits & from;
                    if a == 0 {
                        break;
                    }
                    let at = a.trailing_zeros() as usize;
                    start = Some(base + at);
                    pos = at + 1;
                }
            }
        }
    }
    if let Some(s) = start {
        word(s, b.len());
    }
    alnum += foreign;
    if foreign * PLAIN_FOREIGN_PER > alnum * PLAIN_FOREIGN {
        return false;
    }
    words >= PLAIN_MIN_WORDS && stop as f32 >= PLAIN_MIN_SHARE * words as f32
}

/// [`char::is_alphanumeric`], answered without the Unicode tables for the characters
/// outside ASCII that web text holds most: the letters of the Latin supplements and
/// extensions (all but `×` and `÷`), of Greek and Cyrillic, kana, CJK ideographs and
/// Hangul syllables, and the general punctuation (typographic quotes, dashes, spaces:
/// none a letter or digit). The tables' binary search costs a few hundred
/// instructions a character.
#[inline]
fn is_alphanumeric(c: char) -> bool {
    match u32::from(c) {
        0xD7 | 0xF7 => false,
        0xC0..=0x24F => true,
        // Greek and Cyrillic letters.
        0x3A3..=0x3F5 | 0x400..=0x481 | 0x48A..=0x52F => true,
        0x2000..=0x206F => false,
        // Kana, CJK ideographs and Hangul syllables.
        0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => true,
        _ => c.is_alphanumeric(),
    }
}

/// The bytes of `block` (at most 64) from 0xC0 as bits (byte `j`'s is bit `j`): in UTF-8
/// text, the first bytes of the characters outside ASCII.
#[inline]
fn lead_bits(block: &[u8]) -> u64 {
    let mut bits = 0u64;
    if block.is_ascii() {
        return bits;
    }
    for (j, chunk) in block.chunks(8).enumerate() {
        let x = crate::text::swar::load(chunk);
        // A byte's top two bits both set (bit 6 moved up to bit 7; the bit a byte gets
        // from the one below lands on bit 0, masked off).
        let m = x & (x << 1) & crate::text::swar::LANES;
        bits |= ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * j);
    }
    bits
}

/// [`plainly_english`] as it was first written (a byte at a time), to test it against.
#[cfg(test)]
fn plainly_english_bytes(sample: &str, en: &Stopwords) -> bool {
    let b = sample.as_bytes();
    if !sample.is_ascii() {
        // Letters and digits (`char::is_alphanumeric`), and those outside ASCII: ASCII
        // bytes read as bytes, only the other characters decoded.
        let (mut alnum, mut foreign) = (0usize, 0usize);
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                alnum += usize::from(x.is_ascii_alphanumeric());
                i += 1;
                continue;
            }
            let Some(c) = sample.get(i..).and_then(|r| r.chars().next()) else {
                break; // not reached: `i` is always at a character's start
            };
            i += c.len_utf8();
            let a = usize::from(c.is_alphanumeric());
            (alnum, foreign) = (alnum + a, foreign + a);
        }
        if foreign * PLAIN_FOREIGN_PER > alnum * PLAIN_FOREIGN {
            return false;
        }
    }
    // Words: runs of ASCII letters and digits.
    let (mut words, mut stop) = (0usize, 0usize);
    let mut start = None;
    for (i, &x) in b.iter().chain(std::iter::once(&b' ')).enumerate() {
        if x.is_ascii_alphanumeric() {
            start = start.or(Some(i));
            continue;
        }
        let Some(from) = start.take() else { continue };
        words += 1;
        let w = &b[from..i];
        if w.len() <= en.longest.min(8) {
            stop += usize::from(en.contains_packed(lower_packed(pack(w)), w.len()));
        } else if w.len() <= en.longest.min(16) {
            stop += usize::from(en.contains_ascii(&w.to_ascii_lowercase()));
        }
    }
    words >= PLAIN_MIN_WORDS && stop as f32 >= PLAIN_MIN_SHARE * words as f32
}

/// `p` (eight ASCII bytes, as [`pack`] gives them) with its upper-case letters
/// lower-cased, eight bytes at once: each gets its 0x20 bit.
#[inline]
pub(crate) fn lower_packed(p: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // A byte's high bit is set where it is at least `A`, and where it is past `Z` (no
    // byte carries into the next: every byte is below 0x80).
    let ge_a = p.wrapping_add((0x80 - u64::from(b'A')) * ONES);
    let past_z = p.wrapping_add((0x80 - u64::from(b'Z') - 1) * ONES);
    let upper = ge_a & !past_z & (0x80 * ONES);
    p | (upper >> 2)
}

/// Every stopword of every known language (lower-cased).
pub(crate) fn all_words() -> impl Iterator<Item = &'static str> {
    ALL.iter().flat_map(|l| l.iter().copied())
}

/// The stopwords of every known language: for callers that do not guess the language.
pub(crate) fn union() -> &'static Stopwords {
    static UNION: LazyLock<Stopwords> = LazyLock::new(|| Stopwords::of(ALL));
    &UNION
}

/// The stopwords of the language guessed from `sample` (with `whatlang`), or of every
/// known language when the guess is unreliable or the language has no list here.
pub(crate) fn for_text(sample: &str) -> &'static Stopwords {
    static SETS: LazyLock<Vec<Stopwords>> = LazyLock::new(|| {
        [EN, DE, FR, ES, IT, PT, ID, RU]
            .iter()
            .map(|l| Stopwords::of(&[l]))
            .collect()
    });
    if plainly_english(sample, &SETS[0]) {
        return &SETS[0];
    }
    let index = whatlang::detect(sample)
        .filter(whatlang::Info::is_reliable)
        .and_then(|info| {
            use whatlang::Lang;
            Some(match info.lang() {
                Lang::Eng => 0,
                Lang::Deu => 1,
                Lang::Fra => 2,
                Lang::Spa => 3,
                Lang::Ita => 4,
                Lang::Por => 5,
                Lang::Ind => 6,
                Lang::Rus => 7,
                _ => return None,
            })
        });
    match index {
        Some(k) => &SETS[k],
        None => union(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plainly_english_reads_words_as_the_byte_walk_does() {
        let en = Stopwords::of(&[EN]);
        let pieces = [
            "the",
            "The",
            "and",
            "of",
            "council",
            "x7",
            "42",
            " ",
            "  ",
            ".",
            ",",
            "-",
            "'",
            "é",
            "Ü",
            "straße",
            "Москва",
            "東京",
            "’",
            "“",
            "—",
            "\u{a0}",
            "😀",
            "𝐀", // a letter of four bytes
            "½",
            "×",
            "internationally",
            "THROUGHOUT",
            "a",
            "is",
            "to",
        ];
        let mut next = crate::testing::xorshift(0xe27);
        let mut seen = [[0usize; 2]; 2];
        for round in 0..4000 {
            let mut sample = String::new();
            let most = if round % 4 == 0 { 60 } else { 700 };
            for _ in 0..(next() % most) {
                let p = pieces[(next() % pieces.len() as u64) as usize];
                // Mostly English words and spaces, now and then another script.
                if p.is_ascii() || next() % [8, 400][round % 2] == 0 {
                    sample.push_str(p);
                }
                if next() % 2 == 0 {
                    sample.push(' ');
                }
            }
            let plain = plainly_english(&sample, &en);
            assert_eq!(plain, plainly_english_bytes(&sample, &en), "{sample:?}");
            seen[usize::from(plain)][usize::from(sample.is_ascii())] += 1;
        }
        // Both answers, on ASCII samples and on others.
        assert!(seen.iter().flatten().all(|&n| n > 50), "{seen:?}");
    }

    #[test]
    fn alphanumeric_shortcuts_agree_with_the_tables() {
        for c in (0x80..=0xFFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
        for c in ['a', 'Z', '7', ' ', '.', 'ж', 'Ж', '東', '٣', '\u{ff10}'] {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn packed_lookup_agrees_with_the_set() {
        let sets = [union(), for_text("")];
        // Every stopword, and near misses: prefixes, extensions, other cases.
        let mut words: Vec<Vec<u8>> = Vec::new();
        for w in all_words().filter(|w| w.is_ascii()) {
            let b = w.as_bytes().to_vec();
            for k in 1..=b.len() {
                words.push(b[..k].to_vec());
            }
            words.push([&b[..], b"s"].concat());
            words.push([b"x", &b[..]].concat());
            words.push(b.to_ascii_uppercase());
        }
        for w in ["", "aaaaaaaaa", "zzzzzzzz", "yang", "sebagai", "seorang"] {
            words.push(w.as_bytes().to_vec());
        }
        let mut next = crate::testing::xorshift(0x5709);
        for _ in 0..20_000 {
            let n = 1 + (next() % 9) as usize;
            words.push((0..n).map(|_| b'a' + (next() % 26) as u8).collect());
        }
        for set in sets {
            for w in &words {
                assert_eq!(set.contains_ascii(w), set.contains_bytes(w), "{w:?}");
                if (1..=8).contains(&w.len()) {
                    let p = pack(w);
                    assert_eq!(set.contains_packed(p, w.len()), set.contains_bytes(w));
                }
            }
        }
        for l in [EN, DE, FR, ES, IT, PT, ID, RU] {
            let set = Stopwords::of(&[l]);
            for w in &words {
                assert_eq!(set.contains_ascii(w), set.contains_bytes(w), "{w:?}");
            }
        }
    }

    #[test]
    fn lower_packed_is_pack_of_the_lower_case() {
        let mut next = crate::testing::xorshift(0x10_0e5);
        for _ in 0..20_000 {
            let n = 1 + (next() % 8) as usize;
            // Any ASCII byte but 0 (a word holds none).
            let w: Vec<u8> = (0..n).map(|_| 1 + (next() % 127) as u8).collect();
            assert_eq!(
                lower_packed(pack(&w)),
                pack(&w.to_ascii_lowercase()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn guesses_the_language() {
        let de = for_text("Der Rat hat am Montag beschlossen, die alte Brücke über den Fluss neu zu bauen, und die Arbeiten sollen im Frühjahr beginnen.");
        assert!(de.contains("und") && !de.contains("the"));
        let unknown = for_text("12 34");
        assert!(unknown.contains("und") && unknown.contains("the"));
    }

    #[test]
    fn plain_english_skips_the_guess_and_nothing_else_does() {
        let en = Stopwords::of(&[EN]);
        let english = "The council said on Monday that the old bridge over the river would be \
            rebuilt, and that the work should begin in the spring. It’s the third time in ten \
            years that the town has asked for money to repair it, and the cost has grown each time.";
        assert!(plainly_english(english, &en));
        assert!(for_text(english).contains("the") && !for_text(english).contains("und"));
        // Too short to tell: left to the guess.
        assert!(!plainly_english("The bridge is closed.", &en));
        // A few letters outside ASCII (names, borrowed words) are still English; text
        // with more of them than one letter in 200 is left to the guess.
        let named = format!("{} {english}", english.replace("spring", "sprîng"));
        let alnum = named.chars().filter(|c| c.is_alphanumeric()).count();
        assert!((200..400).contains(&alnum), "{alnum}"); // one in 376
        assert!(plainly_english(&named, &en));
        assert!(!plainly_english(&named.replace("rebuilt", "rébuîlt"), &en));
        let accents = english.replace('a', "á");
        assert!(!plainly_english(&accents, &en));
        // Indonesian in ASCII letters shares few English stopwords.
        let indonesian = "Dewan kota mengatakan pada hari Senin bahwa jembatan tua di atas sungai \
            akan dibangun kembali, dan pekerjaan itu akan dimulai pada musim semi. Ini adalah \
            ketiga kalinya dalam sepuluh tahun kota itu meminta dana untuk memperbaikinya, dan \
            biayanya naik setiap kali.";
        assert!(indonesian.split_whitespace().count() >= PLAIN_MIN_WORDS);
        assert!(!plainly_english(indonesian, &en));
        let id = for_text(indonesian);
        assert!(id.contains("yang") && !id.contains("the"));
    }
}
