//! The fast engine ([`Cleaner::fast`](crate::Cleaner::fast)): one rule that does the whole
//! job in a few linear passes, for corpus pipelines where throughput matters more than the
//! last points of quality.
//!
//! 1. One pass over each line's bytes measures its shape (words, stopwords, capitals,
//!    digits, punctuation, link text, sentence end, list and heading marks).
//! 2. One literal automaton over the whole text finds boilerplate phrases ("subscribe",
//!    "cookies", "share this", "all rights reserved", …) in all the languages of
//!    [`crate::phrases`]; a hash table counts each line's copies.
//! 3. A linear pass over those measurements gives every line its context: its neighbours,
//!    its block, the page's main run of prose (the best-scoring stretch of lines, as in the
//!    maximum-subarray problem) and the page as a whole.
//! 4. A small tree ensemble ([`super::fast_model`], fitted by
//!    `cargo run --release -p deboil-tools --bin train -- --fast`) scores each line, then a
//!    second, smaller one scores it again with the first's scores around it. On a page
//!    with almost no plain prose (a list of items) only lines a phrase names, repeated
//!    lines and the headline go, whatever the trees say (see [`keep_items`]).
//!
//! No regular expression, no language guess and no per-line allocation: the cost is a
//! few dozen instructions per byte.

use std::hash::BuildHasher;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::fast_model::{FAST_FIRST, FAST_SECOND};
use super::gbdt::Compiled;
use crate::doc::{Doc, RuleId};
use crate::phrases::stopwords;
use crate::rules::Rule;
use crate::text;
use crate::text::hash::FxBuild;
use crate::text::hash::{scramble, scramble_key};
use crate::Category;

/// Features per line of the first stage.
pub const N_FAST: usize = 65;

/// Names of the first stage's features, in order (read by the trainer and the tests).
#[cfg(any(test, feature = "internal"))]
pub const NAMES: [&str; N_FAST] = [
    "log_chars",
    "log_words",
    "ends_sentence",
    "stop_share",
    "caps_share",
    "digit_share",
    "punct_share",
    "link_share",
    "bullet",
    "md_heading",
    "image_only",
    "table_row",
    "upper_share",
    "mean_word_len",
    "commas_per_word",
    "separators_per_word",
    "starts_lower",
    "log_phrase_hits",
    "phrase_share",
    "phrase_kind",
    "log_copies",
    "prose",
    "cjk_share",
    "prev_log_words",
    "prev_sentence",
    "next_log_words",
    "next_sentence",
    "window_prose_share",
    "window_mean_log_words",
    "blank_around",
    "log_block_lines",
    "log_block_words",
    "block_prose_share",
    "in_region",
    "log_region_distance",
    "region_side",
    "rel_line_pos",
    "prose_mass_before",
    "log_prose_above",
    "log_prose_below",
    "doc_log_words",
    "doc_prose_share",
    "log_doc_lines",
    "doc_link_share",
    "doc_short_share",
    "log_similar_run",
    "region_word_share",
    "window_phrase_share",
    "prev_phrase",
    "next_phrase",
    "starts_caps_run",
    "log_leading_caps",
    "title_overlap",
    "headline_side",
    "log_headline_distance",
    "log_comment_marks_above",
    "log_comment_mark_distance",
    "log_related_marks_above",
    "log_related_mark_distance",
    "log_lines_after_prose",
    "region_cohesion",
    "doc_copies_share",
    "doc_run_share",
    "log_label_above",
    "log_label_below",
];

/// Features per line of the second stage: the first stage's score of the line and around
/// it, with a few of the line's own features.
pub const N_FAST2: usize = 15;

/// Names of the second stage's features, in order.
#[cfg_attr(not(feature = "internal"), allow(dead_code))] // read by `deboil::training`
pub const NAMES2: [&str; N_FAST2] = [
    "score",
    "prev_score",
    "next_score",
    "window_mean_score",
    "window_min_score",
    "window_max_score",
    "block_mean_score",
    "region_mean_score",
    "doc_mean_score",
    "log_words",
    "ends_sentence",
    "in_region",
    "log_region_distance",
    "phrase_share",
    "region_cohesion",
];

/// Log-odds below which the second stage removes a line: even odds (chosen on the
/// held-out half of dev and wide; -0.5 gains wide 0.01 and loses dev 0.02).
const THRESHOLD: f32 = 0.0;

/// A boilerplate phrase family: the category its lines are removed with.
#[derive(Clone, Copy)]
struct Family {
    category: Category,
    phrases: &'static [&'static str],
}

/// The phrases the automaton looks for (ASCII case ignored), by family. Each is matched as
/// whole words. Short and common on purpose: the trees weigh a hit against the line's
/// length and context, so a phrase inside a paragraph does not remove it.
const FAMILIES: &[Family] = &[
    Family {
        category: Category::Subscribe,
        phrases: &[
            "subscribe",
            "subscriber",
            "subscribers",
            "subscription",
            "already a subscriber",
            "to continue reading",
            "continue reading",
            "unlimited access",
            "digital access",
            "log in",
            "login",
            "sign in",
            "sign up",
            "register",
            "create an account",
            "create a free account",
            "free trial",
            "premium",
            "paywall",
            "abonnieren",
            "abonnement",
            "abonnez-vous",
            "suscríbete",
            "suscribirse",
            "assine",
            "abbonati",
            "подписаться",
            "подписка",
            "berlangganan",
            "anmelden",
            "se connecter",
            "iniciar sesión",
            "entrar",
            "accedi",
            "войти",
            "masuk",
        ],
    },
    Family {
        category: Category::Newsletter,
        phrases: &[
            "newsletter",
            "newsletters",
            "your inbox",
            "email address",
            "e-mail address",
            "your email",
            "unsubscribe",
            "rundbrief",
            "boletín",
            "lettre d'information",
            "рассылка",
        ],
    },
    Family {
        category: Category::Cookie,
        phrases: &[
            "cookie",
            "cookies",
            "privacy policy",
            "privacy settings",
            "consent",
            "accept all",
            "reject all",
            "manage preferences",
            "datenschutz",
            "confidentialité",
            "privacidad",
            "privacy",
            "конфиденциальности",
        ],
    },
    Family {
        category: Category::Share,
        phrases: &[
            "share",
            "share this",
            "share on",
            "tweet",
            "facebook",
            "twitter",
            "linkedin",
            "whatsapp",
            "pinterest",
            "reddit",
            "telegram",
            "email this",
            "print",
            "copy link",
            "follow us",
            "teilen",
            "partager",
            "compartir",
            "condividi",
            "compartilhar",
            "поделиться",
            "bagikan",
        ],
    },
    Family {
        category: Category::Advert,
        phrases: &[
            "advertisement",
            "advertising",
            "sponsored",
            "promoted",
            "ad",
            "anzeige",
            "werbung",
            "publicité",
            "publicidad",
            "pubblicità",
            "publicidade",
            "реклама",
            "iklan",
        ],
    },
    Family {
        category: Category::Navigation,
        phrases: &[
            "home",
            "menu",
            "search",
            "skip to content",
            "skip to main content",
            "main menu",
            "navigation",
            "back to top",
            "next article",
            "previous article",
            "breadcrumb",
            "toggle",
            "close",
            "open",
            "loading",
            "startseite",
            "accueil",
            "inicio",
            "главная",
            "beranda",
        ],
    },
    Family {
        category: Category::Related,
        phrases: &[
            "related",
            "read more",
            "read next",
            "more from",
            "more stories",
            "most popular",
            "most read",
            "recommended",
            "you may also like",
            "you might also like",
            "trending",
            "see also",
            "top stories",
            "latest news",
            "more news",
            "mehr zum thema",
            "lesen sie auch",
            "à lire aussi",
            "lire aussi",
            "leer más",
            "lee también",
            "leia mais",
            "leggi anche",
            "читайте также",
            "baca juga",
        ],
    },
    Family {
        category: Category::Comments,
        phrases: &[
            "comment",
            "comments",
            "reply",
            "replies",
            "says:",
            "said:",
            "wrote:",
            "votes",
            "upvote",
            "report abuse",
            "log in to reply",
            "permalink",
            "leave a comment",
            "post a comment",
            "join the conversation",
            "kommentare",
            "commentaires",
            "comentarios",
            "commenti",
            "comentários",
            "комментарии",
            "komentar",
        ],
    },
    Family {
        category: Category::Footer,
        phrases: &[
            "all rights reserved",
            "copyright",
            "©",
            "terms of use",
            "terms of service",
            "terms and conditions",
            "contact us",
            "about us",
            "careers",
            "impressum",
            "mentions légales",
            "aviso legal",
            "все права защищены",
            "hak cipta",
        ],
    },
    Family {
        category: Category::Caption,
        phrases: &[
            "photo",
            "image",
            "getty images",
            "credit",
            "photograph",
            "illustration",
            "foto",
            "bild",
            "imagen",
            "фото",
            "file photo",
        ],
    },
    Family {
        category: Category::Metadata,
        phrases: &[
            "posted",
            "published",
            "updated",
            "min read",
            "minute read",
            "by",
            "written by",
            "views",
            "tags",
            "filed under",
            "veröffentlicht",
            "publié",
            "publicado",
            "pubblicato",
            "опубликовано",
            "diterbitkan",
        ],
    },
];

/// Lines of more words than this are not scanned for phrases: they are prose or a long
/// blurb, told apart by their other measures, and they hold most of a page's bytes.
const PHRASE_MAX_WORDS: u32 = 24;

/// The phrase automaton and, per pattern, the index of its family in [`FAMILIES`] and
/// whether it begins and ends with a letter or digit (then it must not touch another).
struct Phrases {
    automaton: AhoCorasick,
    family: Vec<u8>,
    edges: Vec<(bool, bool)>,
    /// A word or character of every phrase, for [`measure`] to flag the lines worth
    /// scanning.
    keys: PhraseKeys,
}

/// One word of every phrase (a word as [`measure`] splits them, complete in any whole-word
/// match; a content word where the phrase has one) and the first character of the phrases
/// without words ("©"). A line where the automaton finds a phrase has its key word or
/// character, so [`measure`] flags the lines to scan as it reads their words. `all`: no key
/// could be found for some phrase (it would start with a non-word ASCII character or have a
/// word [`word_hash`] may not hash as [`measure`] does), so every line is scanned.
#[derive(Default)]
struct PhraseKeys {
    /// Every stopword ([`STOP`]; of every language in [`crate::phrases::stopwords`]) and key
    /// word ([`KEY`]).
    words: WordFlags,
    chars: Vec<char>,
    all: bool,
}

impl PhraseKeys {
    fn new(phrases: &[&str]) -> PhraseKeys {
        let mut keys = PhraseKeys::default();
        let mut words: Vec<(u64, u8)> = stopwords::all_words()
            .map(|w| (word_hash(w), STOP))
            .collect();
        // Stopwords only, no keys: what `measure` needs to find content words.
        let none = PhraseKeys {
            words: WordFlags::new(&words),
            ..PhraseKeys::default()
        };
        // Not empty: `measure` only reads it.
        let title = || {
            let mut t = Title::default();
            t.set.insert(1);
            t
        };
        // A character `measure` reads as no word's (checked by measuring it alone).
        let not_a_word = |c: char| {
            let mut st = Stat::default();
            measure(
                c.encode_utf8(&mut [0; 4]),
                &mut title(),
                &mut Hashes::default(),
                &none,
                &mut st,
            );
            st.words == st.cjk.div_ceil(2)
        };
        let mut phrase_title = title();
        for p in phrases {
            let mut content = Hashes::default();
            measure(
                p,
                &mut phrase_title,
                &mut content,
                &none,
                &mut Stat::default(),
            );
            if let Some(&h) = content.as_slice().last() {
                words.push((h, KEY));
                continue;
            }
            // Only stopwords and one-letter words: the longest, where `word_hash` is sure
            // to agree with `measure` (ASCII letters and digits only).
            let word = p
                .split(|c: char| !c.is_ascii_alphanumeric())
                .max_by_key(|w| w.len())
                .filter(|w| !w.is_empty());
            match (word, p.chars().next()) {
                (Some(w), _) if p.is_ascii() => words.push((word_hash(w), KEY)),
                (None, Some(c)) if !c.is_ascii() && not_a_word(c) => keys.chars.push(c),
                _ => keys.all = true,
            }
        }
        keys.words = WordFlags::new(&words);
        keys
    }
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut family = Vec::new();
    let mut edges = Vec::new();
    for (k, f) in FAMILIES.iter().enumerate() {
        for p in f.phrases {
            patterns.push(*p);
            family.push(k as u8);
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            edges.push((alnum(p.chars().next()), alnum(p.chars().next_back())));
        }
    }
    // Leftmost-longest: "share this" over "share". A DFA: the scan runs over every byte.
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .or_else(|_| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
        })
        .expect("the built-in phrases are plain literals");
    Phrases {
        automaton,
        family,
        edges,
        keys: PhraseKeys::new(&patterns),
    }
});

static FIRST: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(&FAST_FIRST, N_FAST));
static SECOND: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(&FAST_SECOND, N_FAST2));

/// What is measured once per non-blank line (as [`measure`] fills it and the rows read it;
/// the page keeps it packed, see [`Packed`]).
#[derive(Clone, Copy, Debug, Default)]
struct Stat {
    /// Index of the line in the document.
    index: usize,
    chars: u32,
    words: u32,
    stop: u32,
    caps: u32,
    leading_caps: u32,
    digits: u32,
    punct: u32,
    upper: u32,
    letters: u32,
    word_chars: u32,
    commas: u32,
    separators: u32,
    link: u32,
    cjk: u32,
    phrase_hits: u32,
    phrase_bytes: u32,
    /// 1 + the family index of the line's first phrase (0: none).
    phrase_kind: u8,
    /// Whether the line has a key word or character of some phrase (see [`PhraseKeys`]):
    /// a line without one holds no phrase and is not scanned.
    phrase_key: bool,
    copies: u32,
    sentence: bool,
    bullet: bool,
    heading: bool,
    image_only: bool,
    table_row: bool,
    starts_lower: bool,
    prose: bool,
    /// Blank lines just before and after (0, 1 or 2).
    blank_around: u8,
    /// Whether a blank line is just before: the line starts a block (a run of non-blank
    /// lines; the page's first line starts the first).
    blank_before: bool,
    /// How many of the line's words are words of the page's first line (counted only on
    /// lines of 2 to [`TITLE_MAX_WORDS`] words, CJK aside; else 0).
    title_hits: u32,
    /// How many content words of the line [`measure`] kept (see [`Page::content`]).
    content: u32,
}

impl Stat {
    /// Share of the line's words that are words of the page's first line (its `title`
    /// element in text printed from HTML); 0 for long lines.
    #[inline]
    fn title_overlap(&self) -> f32 {
        if self.title_hits == 0 {
            0.0
        } else {
            // Over the words before the CJK characters were counted, as `measure` does.
            self.title_hits as f32 / (self.words - self.cjk.div_ceil(2)) as f32
        }
    }
}

/// A [`Stat`] as the page keeps it, in 32 bytes (a page of one-byte lines holds millions):
/// the counts in one byte each when they all fit, else the whole `Stat` in the page's
/// table of long lines and its place there in the first four of these bytes.
#[derive(Clone, Copy, Debug, Default)]
struct Packed {
    /// Index of the line in the document (a document of 2^31 lines or more is kept whole:
    /// see [`Fast`]).
    index: u32,
    copies: u32,
    /// The counts, in [`Packed::COUNTS`]'s order (or the place in the long lines' table).
    counts: [u8; 18],
    /// The flags ([`Packed::SENTENCE`], …) and `blank_around` (two bits).
    flags: u16,
    phrase_kind: u8,
    /// The line's coarse shape (see [`Packed::shape`]), for the runs of lines alike.
    shape: u8,
}

impl Packed {
    const SENTENCE: u16 = 1;
    const BULLET: u16 = 1 << 1;
    const HEADING: u16 = 1 << 2;
    const IMAGE_ONLY: u16 = 1 << 3;
    const TABLE_ROW: u16 = 1 << 4;
    const STARTS_LOWER: u16 = 1 << 5;
    const PROSE: u16 = 1 << 6;
    const PHRASE_KEY: u16 = 1 << 7;
    const BLANK_BEFORE: u16 = 1 << 8;
    /// The counts are in the page's table of long lines.
    const LONG: u16 = 1 << 9;
    /// `blank_around` is `flags >> AROUND`.
    const AROUND: u32 = 10;

    /// The counts of `s`, in the order of `counts`.
    #[inline]
    fn counts(s: &Stat) -> [u32; 18] {
        [
            s.chars,
            s.words,
            s.stop,
            s.caps,
            s.leading_caps,
            s.digits,
            s.punct,
            s.upper,
            s.letters,
            s.word_chars,
            s.commas,
            s.separators,
            s.link,
            s.cjk,
            s.phrase_hits,
            s.phrase_bytes,
            s.title_hits,
            s.content,
        ]
    }

    /// `s` packed; `long`: the page's table of long lines, which gets `s` when one of its
    /// counts needs more than a byte (`at`: its place there if it has one already).
    fn new(s: &Stat, long: &mut Vec<Stat>, at: Option<usize>) -> Packed {
        let flag = |b: bool, f: u16| if b { f } else { 0 };
        let mut flags = flag(s.sentence, Packed::SENTENCE)
            | flag(s.bullet, Packed::BULLET)
            | flag(s.heading, Packed::HEADING)
            | flag(s.image_only, Packed::IMAGE_ONLY)
            | flag(s.table_row, Packed::TABLE_ROW)
            | flag(s.starts_lower, Packed::STARTS_LOWER)
            | flag(s.prose, Packed::PROSE)
            | flag(s.phrase_key, Packed::PHRASE_KEY)
            | flag(s.blank_before, Packed::BLANK_BEFORE)
            | u16::from(s.blank_around) << Packed::AROUND;
        let mut counts = [0u8; 18];
        // Every count but the link text's is at most the line's bytes (a link's text may
        // be counted twice, see `measure`).
        if s.chars <= u32::from(u8::MAX) && s.link <= u32::from(u8::MAX) {
            debug_assert!(Packed::counts(s).iter().all(|&c| c <= s.chars.max(s.link)));
            // Field by field, in `Packed::counts`'s order (no array of the counts first).
            counts = [
                s.chars as u8,
                s.words as u8,
                s.stop as u8,
                s.caps as u8,
                s.leading_caps as u8,
                s.digits as u8,
                s.punct as u8,
                s.upper as u8,
                s.letters as u8,
                s.word_chars as u8,
                s.commas as u8,
                s.separators as u8,
                s.link as u8,
                s.cjk as u8,
                s.phrase_hits as u8,
                s.phrase_bytes as u8,
                s.title_hits as u8,
                s.content as u8,
            ];
        } else {
            let place = match at {
                Some(i) => {
                    long[i] = *s;
                    i
                }
                None => {
                    long.push(*s);
                    long.len() - 1
                }
            };
            counts[..4].copy_from_slice(&(place as u32).to_le_bytes());
            flags |= Packed::LONG;
        }
        // 0-1 words, 2-3, 4-7, 8-15, more (without branches).
        let len = (s.words | 1).ilog2().min(4) as u8;
        let shape = len
            | u8::from(s.sentence) << 3
            | u8::from(s.link > 0) << 4
            | u8::from(s.digits > 0) << 5;
        Packed {
            index: s.index as u32,
            copies: s.copies,
            counts,
            flags,
            phrase_kind: s.phrase_kind,
            shape,
        }
    }

    /// The place of a long line's `Stat` in the page's table of long lines.
    #[inline]
    fn long(&self) -> Option<usize> {
        (self.flags & Packed::LONG != 0).then(|| {
            let c = &self.counts;
            u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize
        })
    }

    /// The whole [`Stat`] (`long`: the page's table of long lines).
    #[inline]
    fn stat(&self, long: &[Stat]) -> Stat {
        let has = |f: u16| self.flags & f != 0;
        let mut s = match self.long() {
            Some(i) => long[i],
            None => {
                let c = self.counts.map(u32::from);
                Stat {
                    chars: c[0],
                    words: c[1],
                    stop: c[2],
                    caps: c[3],
                    leading_caps: c[4],
                    digits: c[5],
                    punct: c[6],
                    upper: c[7],
                    letters: c[8],
                    word_chars: c[9],
                    commas: c[10],
                    separators: c[11],
                    link: c[12],
                    cjk: c[13],
                    phrase_hits: c[14],
                    phrase_bytes: c[15],
                    title_hits: c[16],
                    content: c[17],
                    ..Stat::default()
                }
            }
        };
        s.index = self.index as usize;
        s.copies = self.copies;
        s.phrase_kind = self.phrase_kind;
        s.sentence = has(Packed::SENTENCE);
        s.bullet = has(Packed::BULLET);
        s.heading = has(Packed::HEADING);
        s.image_only = has(Packed::IMAGE_ONLY);
        s.table_row = has(Packed::TABLE_ROW);
        s.starts_lower = has(Packed::STARTS_LOWER);
        s.prose = has(Packed::PROSE);
        s.phrase_key = has(Packed::PHRASE_KEY);
        s.blank_before = has(Packed::BLANK_BEFORE);
        s.blank_around = (self.flags >> Packed::AROUND) as u8 & 3;
        s
    }

    /// The count at `i` of [`Packed::counts`] (`long`: the page's table of long lines).
    #[inline]
    fn count(&self, i: usize, long: &[Stat]) -> u32 {
        let Some(j) = self.long() else {
            return u32::from(self.counts[i]);
        };
        let s = &long[j];
        match i {
            0 => s.chars,
            1 => s.words,
            5 => s.digits,
            12 => s.link,
            14 => s.phrase_hits,
            15 => s.phrase_bytes,
            16 => s.title_hits,
            17 => s.content,
            _ => Packed::counts(s)[i],
        }
    }

    #[inline]
    fn words(&self, long: &[Stat]) -> u32 {
        self.count(1, long)
    }

    #[inline]
    fn prose(&self) -> bool {
        self.flags & Packed::PROSE != 0
    }

    #[inline]
    fn sentence(&self) -> bool {
        self.flags & Packed::SENTENCE != 0
    }

    #[inline]
    fn blank_before(&self) -> bool {
        self.flags & Packed::BLANK_BEFORE != 0
    }
}

/// Lines of more words than this are never measured against the title.
const TITLE_MAX_WORDS: u32 = 30;

/// `ln(1 + k)` for small `k`.
static LN1P: LazyLock<[f32; 1024]> = LazyLock::new(|| std::array::from_fn(|k| (k as f32).ln_1p()));

/// `ln(1 + n)`, from `table` (the [`LN1P`] table, fetched once by the caller) for small `n`.
#[inline]
fn ln1p_in(table: &[f32; 1024], n: u32) -> f32 {
    match table.get(n as usize) {
        Some(&v) => v,
        None => (n as f32).ln_1p(),
    }
}

/// Whether `b` continues a word (ASCII letters, digits, and any byte of a multi-byte
/// character, so that a phrase never matches inside a non-ASCII word either).
#[inline]
fn wordish(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The per-process key of the word hash (FxHash's steps from a secret start, by a secret
/// multiplier): the words are the input's, and two words with equal hashes are one word
/// to every table of words (stopwords, phrase keys, the title's, the main text's). Unkeyed,
/// a page could carry words crafted to hash as stopwords or as the title's words and make
/// wrong features; keyed, which words collide cannot be foreseen from outside the process.
#[derive(Clone, Copy, Debug)]
struct WordKey {
    seed: u64,
    /// Odd, with 24 to 40 of its 64 bits set (a multiplier that mixes).
    mul: u64,
}

impl WordKey {
    /// The key drawn from `draw(0)`, `draw(1)`, … (the first fit multiplier).
    fn new(mut draw: impl FnMut(u64) -> u64) -> WordKey {
        let seed = draw(0);
        let mul = (1..)
            .map(|i| draw(i) | 1)
            .find(|m| (24..=40).contains(&m.count_ones()))
            .unwrap_or(0x517c_c1b7_2722_0a95);
        WordKey { seed, mul }
    }
}

/// This process's [`WordKey`], from the keyed hasher of [`crate::text::hash`] (seeded by the
/// operating system's randomness).
static WORD_KEY: LazyLock<WordKey> = LazyLock::new(|| {
    let keyed = crate::text::hash::Keyed::default();
    WordKey::new(|i| keyed.hash_one(i))
});

/// One step of the word hash under the multiplier `mul` (see [`WordKey`]): the hash of a
/// lower-cased word is the fold of `mix` over its characters' code points from the key's
/// seed, whether it is read byte by byte (ASCII) or char by char.
#[inline]
fn mix(h: u64, c: u32, mul: u64) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(mul)
}

/// The hash [`measure`] gives the word `w` (lower-cased first) under `key`.
fn word_hash_with(w: &str, key: WordKey) -> u64 {
    w.chars()
        .flat_map(char::to_lowercase)
        .fold(key.seed, |h, c| mix(h, c as u32, key.mul))
}

/// The hash [`measure`] gives the word `w` (lower-cased first) in this process.
fn word_hash(w: &str) -> u64 {
    word_hash_with(w, *WORD_KEY)
}

/// A set of word hashes: open addressing over a power-of-two table at most half full,
/// probed linearly from the high bits of the hash [`scramble`]d under the per-process key
/// (the input chooses the words, and with them the unkeyed hashes: unscrambled, words
/// whose hashes share their high bits would pile into one run of slots). An empty slot
/// holds 0, so the hash 0 is stored as 1.
#[derive(Clone, Debug)]
struct WordSet {
    slots: Vec<u64>,
    len: usize,
    /// The key of [`scramble`] (see [`crate::text::hash`]).
    key: (u64, u64),
    /// The greatest distance of a stored hash from its first slot (see
    /// [`WordSet::contains_near`]).
    reach: usize,
}

impl Default for WordSet {
    fn default() -> WordSet {
        WordSet::with_capacity(0)
    }
}

impl WordSet {
    /// An empty set that takes `n` hashes without growing.
    fn with_capacity(n: usize) -> WordSet {
        WordSet {
            slots: vec![0; (2 * n + 2).next_power_of_two().max(16)],
            len: 0,
            reach: 0,
            key: scramble_key(),
        }
    }

    #[inline]
    fn slot(&self, h: u64) -> (u64, usize) {
        let key = h.max(1);
        (
            key,
            (scramble(key, self.key) >> 32) as usize & (self.slots.len() - 1),
        )
    }

    /// The slot holding `h`, if it is in the set.
    #[inline]
    fn find(&self, h: u64) -> Option<usize> {
        let (key, mut i) = self.slot(h);
        let mask = self.slots.len() - 1;
        loop {
            match self.slots[i] {
                0 => return None,
                k if k == key => return Some(i),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Whether `h` is in the set.
    #[inline]
    fn contains(&self, h: u64) -> bool {
        let (key, mut i) = self.slot(h);
        let mask = self.slots.len() - 1;
        loop {
            match self.slots[i] {
                0 => return false,
                k if k == key => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// [`WordSet::contains`] without a branch on the outcome: the slots within
    /// [`WordSet::reach`] of `h`'s first slot are all compared (the same for every word
    /// of a page, so the loop's end is foreseen).
    #[inline]
    fn contains_near(&self, h: u64) -> bool {
        let (key, i) = self.slot(h);
        let mask = self.slots.len() - 1;
        let mut found = false;
        for d in 0..=self.reach {
            found |= self.slots[(i + d) & mask] == key;
        }
        found
    }

    /// Doubles the table, its hashes added again.
    #[cold]
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.len = 0;
        self.reach = 0;
        for k in old.into_iter().filter(|&k| k != 0) {
            self.insert(k);
        }
    }

    /// Adds `h`.
    #[inline]
    fn insert(&mut self, h: u64) {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let (key, start) = self.slot(h);
        let mask = self.slots.len() - 1;
        let mut i = start;
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = key;
                    self.len += 1;
                    self.reach = self.reach.max(i.wrapping_sub(start) & mask);
                    return;
                }
                k if k == key => return,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A set of word hashes, each (as [`WordSet`] stores it) in one of its two slots (cuckoo
/// hashing, at most a quarter full): a look-up compares both, without a branch on the
/// outcome. The slots are chosen from the hash [`scramble`]d under the per-process key
/// (the words are the input's: unkeyed, crafted words could share both slots and make
/// every insertion walk a long eviction chain).
struct TwoChoices {
    keys: Vec<u64>,
    /// The key of [`scramble`].
    key: (u64, u64),
}

impl TwoChoices {
    /// The set of `hashes` (`n` of them at most, repeats allowed), if they fit in a table
    /// of 4 `n` slots or, failing that (a chance the per-process key decides: small
    /// tables fail now and then), of 8, 16 or 32 `n`.
    fn new<'h>(hashes: impl Iterator<Item = &'h u64> + Clone, n: usize) -> Option<TwoChoices> {
        (0..4)
            .find_map(|k| TwoChoices::with_slots(hashes.clone(), (4 * n).next_power_of_two() << k))
    }

    /// The set of `hashes` in a table of at least `size` slots (a power of two), if they
    /// fit (a quarter full or less, they almost always do; half full, seldom).
    fn with_slots<'h>(hashes: impl Iterator<Item = &'h u64>, size: usize) -> Option<TwoChoices> {
        let size = size.max(16);
        let mut keys = vec![0u64; size];
        let mut units = vec![(); size];
        let sk = scramble_key();
        let choices = |key: u64, mask: usize| TwoChoices::choices(scramble(key, sk), mask);
        for &h in hashes {
            let key = h.max(1);
            let (a, b) = choices(key, size - 1);
            if keys[a] == key || keys[b] == key {
                continue;
            }
            if !place(&mut keys, &mut units, key, (), choices) {
                return None;
            }
        }
        Some(TwoChoices { keys, key: sk })
    }

    /// The two slots of the (mixed) stored hash `key` in a table of `mask + 1` slots.
    #[inline]
    fn choices(key: u64, mask: usize) -> (usize, usize) {
        ((key >> 32) as usize & mask, (key >> 11) as usize & mask)
    }

    /// Whether `h` is in the set.
    #[inline]
    fn contains(&self, h: u64) -> bool {
        let key = h.max(1);
        let (a, b) = TwoChoices::choices(scramble(key, self.key), self.keys.len() - 1);
        (self.keys[a] == key) | (self.keys[b] == key)
    }
}

/// Puts the stored hash `key` with its `value` in a table of two choices (`keys` a power of
/// two long, 0 an empty slot; `values` beside it; `choices` a key's two slots): in its
/// first slot, the hash it evicts moving to its other slot, and so on (cuckoo hashing);
/// false when [`MAX_EVICTIONS`] moves leave a hash without a slot.
fn place<V>(
    keys: &mut [u64],
    values: &mut [V],
    mut key: u64,
    mut value: V,
    choices: impl Fn(u64, usize) -> (usize, usize),
) -> bool {
    let mask = keys.len() - 1;
    let mut i = choices(key, mask).0;
    for _ in 0..MAX_EVICTIONS {
        std::mem::swap(&mut key, &mut keys[i]);
        std::mem::swap(&mut value, &mut values[i]);
        if key == 0 {
            return true;
        }
        let (a, b) = choices(key, mask);
        i = if i == a { b } else { a };
    }
    false
}

/// Word hashes with flags ([`STOP`], [`KEY`]), built once: one probe answers both.
#[derive(Clone, Debug, Default)]
struct WordFlags {
    set: WordSet,
    /// The flags of the word in each slot of `set`.
    flags: Vec<u8>,
    /// The same words in a table of two choices, unless they did not fit (`set` then
    /// answers).
    pairs: Option<Box<Pairs>>,
}

/// Slots of a [`Pairs`] table (the words fit while they are fewer than about half).
const PAIRS: usize = 2048;

/// Word hashes (as [`WordSet`] stores them) with their flags, each in one of its two
/// slots ([`TwoChoices::choices`]): a look-up compares both without a branch on the outcome
/// (whether a word is a stopword is the text's, and mispredicted).
#[derive(Clone, Debug)]
struct Pairs {
    keys: [u64; PAIRS],
    flags: [u8; PAIRS],
    /// The rotation of a hash whose bits choose its slots: the first of
    /// [`Pairs::ROTATIONS`] under which every word found a slot.
    rotation: u32,
}

impl Pairs {
    /// Rotations tried in turn (with keyed hashes, placement fails for about one key in
    /// a few hundred; a second try almost never does).
    const ROTATIONS: [u32; 6] = [0, 7, 17, 23, 41, 53];

    /// The two slots of the stored hash `key`.
    #[inline]
    fn choices(&self, key: u64) -> (usize, usize) {
        TwoChoices::choices(key.rotate_left(self.rotation), PAIRS - 1)
    }
}

/// A stopword (of some language).
const STOP: u8 = 1;
/// A phrase's key word (see [`PhraseKeys`]).
const KEY: u8 = 2;

/// Evictions [`place`] tries before it gives up (and its table of two choices with it).
const MAX_EVICTIONS: usize = 1000;

impl WordFlags {
    fn new(words: &[(u64, u8)]) -> WordFlags {
        let mut set = WordSet::with_capacity(words.len());
        for &(h, _) in words {
            set.insert(h);
        }
        let mut flags = vec![0; set.slots.len()];
        for &(h, f) in words {
            if let Some(i) = set.find(h) {
                flags[i] |= f;
            }
        }
        let pairs = WordFlags::pairs(&set, &flags);
        WordFlags { set, flags, pairs }
    }

    /// The words of `set` (with their `flags`) in a [`Pairs`] table (cuckoo hashing), if
    /// they fit.
    fn pairs(set: &WordSet, flags: &[u8]) -> Option<Box<Pairs>> {
        if 2 * set.len > PAIRS {
            return None;
        }
        let fits = |rotation: u32| {
            let mut pairs = Box::new(Pairs {
                keys: [0; PAIRS],
                flags: [0; PAIRS],
                rotation,
            });
            for (&key, &f) in set.slots.iter().zip(flags) {
                if key == 0 {
                    continue;
                }
                // Placed by the hash's own bits: the words are the fixed stopwords and
                // phrase keys, never the input's (and their hashes are keyed per process).
                let choices = |key: u64, mask| TwoChoices::choices(key.rotate_left(rotation), mask);
                if !place(&mut pairs.keys, &mut pairs.flags, key, f, choices) {
                    return None;
                }
            }
            Some(pairs)
        };
        Pairs::ROTATIONS.into_iter().find_map(fits)
    }

    /// The flags of `h` (0 for a word not in the table).
    #[inline]
    fn get(&self, h: u64) -> u8 {
        let Some(pairs) = &self.pairs else {
            return self.set.find(h).map_or(0, |i| self.flags[i]);
        };
        // As `WordSet` stores it.
        let key = h.max(1);
        let (a, b) = pairs.choices(key);
        let flag = |i: usize| pairs.flags[i] & 0u8.wrapping_sub(u8::from(pairs.keys[i] == key));
        flag(a) | flag(b)
    }
}

/// Classes of ASCII bytes for [`measure`]'s loop.
const LOWER: u8 = 0;
const UPPER: u8 = 1;
const DIGIT: u8 = 2;
const SPACE: u8 = 3;
const MARK: u8 = 4;
const PUNCT: u8 = 5;
const WIDE: u8 = 6;

/// The class of every byte: letters, digits, space and tab, the punctuation the loop
/// looks at (`:`, `[`, `]`, `|`, `/`, `>`, `,`), other punctuation, and the bytes of
/// non-ASCII characters.
static CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b' ' || c == b'\t' {
            SPACE
        } else if matches!(c, b':' | b'[' | b']' | b'|' | b'/' | b'>' | b',') {
            MARK
        } else if c >= 0x80 {
            WIDE
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// Whether `c` is a letter of the Latin-1 supplement or the basic Cyrillic block (most
/// non-ASCII letters of European text) or a Hangul syllable (no case), with its case and
/// lower-case code point, without the Unicode tables; `None` for any other character.
#[inline]
fn letter_case(c: char) -> Option<(bool, u32)> {
    let u = c as u32;
    match u {
        0xC0..=0xDE if u != 0xD7 => Some((true, u + 0x20)),
        0xDF..=0xFF if u != 0xF7 => Some((false, u)),
        0x400..=0x40F => Some((true, u + 0x50)),
        0x410..=0x42F => Some((true, u + 0x20)),
        0x430..=0x45F => Some((false, u)),
        0xAC00..=0xD7A3 => Some((false, u)),
        _ => None,
    }
}

/// Per byte, what it adds to [`measure`]'s packed count: 1 for a capital letter, 1 << 32
/// for a digit, 0 for a lower-case letter; [`NOT_ALNUM`] for any byte that is no ASCII
/// letter or digit (one load tells both).
static PACK: [u64; 256] = {
    let mut t = [NOT_ALNUM; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            t[b] = 1;
        } else if c.is_ascii_digit() {
            t[b] = 1 << 32;
        } else if c.is_ascii_lowercase() {
            t[b] = 0;
        }
        b += 1;
    }
    t
};

/// [`PACK`] of a byte that ends an ASCII run of letters and digits.
const NOT_ALNUM: u64 = 1 << 63;

/// The word being read by [`measure`].
#[derive(Clone, Copy)]
struct Word {
    hash: u64,
    len: u32,
    capital: bool,
}

/// The words of the page's first line (its first with words): filled from that line, then
/// only read, from a table of two choices once it is filled (two slots compared, not the
/// set's reach) if they fit.
#[derive(Default)]
struct Title {
    set: WordSet,
    pairs: Option<TwoChoices>,
    /// Once sealed, bit `b` of these 256 is set when a title word's stored hash has `b` in
    /// its top 8 bits: a word whose bit is clear is no title word, told without the table
    /// (most words of a page; a title has at most 40 words, at most 40 of the bits).
    filter: [u64; 4],
    sealed: bool,
}

impl Title {
    /// Builds the table of two choices and the filter once the set is filled.
    fn seal(&mut self) {
        if !self.sealed && !self.set.is_empty() {
            let words = self.set.slots.iter().filter(|&&k| k != 0);
            self.pairs = TwoChoices::new(words, self.set.len());
            for &k in self.set.slots.iter().filter(|&&k| k != 0) {
                let b = Title::bit(k);
                self.filter[b >> 6] |= 1 << (b & 63);
            }
            self.sealed = true;
        }
    }

    /// The filter's bit of the stored hash `key` (as `WordSet` stores it): its top 8 bits
    /// (the high bits of the keyed hash's last product, the best mixed).
    #[inline]
    fn bit(key: u64) -> usize {
        (key >> 56) as usize
    }

    /// Whether `h` is one of the title's words (a word the filter rules out told with a
    /// branch, foreseen most of the time; the table's look-up without one).
    #[inline]
    fn contains(&self, h: u64) -> bool {
        match &self.pairs {
            Some(pairs) => {
                let b = Title::bit(h.max(1));
                self.filter[b >> 6] >> (b & 63) & 1 != 0 && pairs.contains(h)
            }
            None => self.set.contains_near(h),
        }
    }
}

/// Word hashes in order, each written whether it is kept or not (the next overwrites one
/// not kept): no branch on whether a word is kept, which the text decides (mispredicted).
#[derive(Clone, Debug, Default)]
struct Hashes {
    /// The hashes kept, then room for more (zeros or hashes not kept).
    slots: Vec<u64>,
    len: usize,
}

impl Hashes {
    /// Room for `n` more hashes.
    #[inline]
    fn reserve(&mut self, n: usize) {
        let need = self.len + n;
        if self.slots.len() < need {
            self.slots.resize(need.max(2 * self.slots.len()), 0);
        }
    }

    /// Adds `h` if `keep` (room for it reserved).
    #[inline]
    fn push_if(&mut self, h: u64, keep: bool) {
        self.slots[self.len] = h;
        self.len += usize::from(keep);
    }

    /// The hashes kept.
    fn as_slice(&self) -> &[u64] {
        &self.slots[..self.len]
    }

    /// The hashes kept.
    fn into_vec(mut self) -> Vec<u64> {
        self.slots.truncate(self.len);
        self.slots
    }
}

/// What [`measure`] does with each word it has read: counts it, looks it up among the
/// stopwords and phrase keys, keeps it as a content word, and matches it against the
/// title (or adds it to the title when the title is empty).
struct Words<'a> {
    title: &'a mut Title,
    content: &'a mut Hashes,
    keys: &'a PhraseKeys,
    /// Whether the title is being filled (the page's first line).
    fill_title: bool,
    /// The line's words found in the title.
    title_hits: u32,
}

impl Words<'_> {
    /// Ends the word `w` of the line measured in `s`. Not inlined: inlined, its look-ups
    /// are hoisted into `measure`'s loop over every byte (a third more instructions).
    #[inline(never)]
    fn end(&mut self, w: Word, s: &mut Stat) {
        // Capitals counted without a branch (the text decides: mispredicted).
        s.words += 1;
        s.word_chars += w.len;
        s.caps += u32::from(w.capital);
        s.leading_caps += u32::from(w.capital && s.caps == s.words);
        let flags = self.keys.words.get(w.hash);
        // Stopwords counted and content words kept without a branch (the text decides).
        s.stop += u32::from(flags & STOP);
        self.content
            .push_if(w.hash, (flags & STOP == 0) & (w.len > 1));
        s.phrase_key |= flags & KEY != 0;
        if self.fill_title {
            if self.title.set.len() < 40 {
                self.title.set.insert(w.hash);
            }
        } else if s.words <= TITLE_MAX_WORDS {
            // Longer lines are never measured against the title.
            self.title_hits += u32::from(self.title.contains(w.hash));
        }
    }
}

/// Measures the words, characters and link text of `line` (already trimmed), in one pass
/// over its bytes (a non-ASCII character is decoded where it starts). Each word's hash,
/// computed on the way, answers whether it is a stopword and whether it is in `title`
/// (the page's first line), which gets the hashes of its own words when it is empty.
fn measure(line: &str, title: &mut Title, content: &mut Hashes, keys: &PhraseKeys, s: &mut Stat) {
    let bytes = line.as_bytes();
    s.chars = bytes.len() as u32;
    let key: WordKey = *WORD_KEY;
    // Room for every word of the line (a byte and a separator at least).
    content.reserve(bytes.len() / 2 + 1);
    let mut words = Words {
        fill_title: title.set.is_empty(),
        title,
        content,
        keys,
        title_hits: 0,
    };
    let mut word: Option<Word> = None;
    let mut token_start = 0usize;
    let mut token_link = false;
    let mut last_open: Option<usize> = None;
    // Capitals in the low half, digits in the high half (see `PACK`).
    let mut packed = 0u64;
    let mut alnum = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = CLASS[usize::from(b)];
        if class <= DIGIT {
            let w = word.get_or_insert(Word {
                hash: key.seed,
                len: 0,
                capital: class == UPPER,
            });
            // The rest of the ASCII run in a tight loop (`| 0x20` lower-cases a letter
            // and leaves a digit as it is).
            let (start, mut hash) = (i, w.hash);
            while let Some(&b) = bytes.get(i) {
                let add = PACK[usize::from(b)];
                if add >= NOT_ALNUM {
                    break;
                }
                hash = mix(hash, u32::from(b) | 0x20, key.mul);
                packed += add;
                i += 1;
            }
            w.hash = hash;
            w.len += (i - start) as u32;
            alnum += (i - start) as u32;
            continue;
        }
        if class == WIDE {
            let c = line[i..].chars().next().unwrap_or(' ');
            let len = c.len_utf8();
            let typographic = matches!(
                c,
                '’' | '‘'
                    | '“'
                    | '”'
                    | '—'
                    | '–'
                    | '…'
                    | '«'
                    | '»'
                    | '„'
                    | '©'
                    | '·'
                    | '•'
                    | '›'
            );
            let letter = letter_case(c);
            if letter.is_some() || !typographic && !text::is_cjk(c) && c.is_alphanumeric() {
                let upper = letter.map_or_else(|| c.is_uppercase(), |(up, _)| up);
                let w = word.get_or_insert(Word {
                    hash: key.seed,
                    len: 0,
                    capital: upper,
                });
                match letter {
                    Some((_, l)) => w.hash = mix(w.hash, l, key.mul),
                    None => {
                        for l in c.to_lowercase() {
                            w.hash = mix(w.hash, l as u32, key.mul);
                        }
                    }
                }
                w.len += 1;
                if letter.is_none() && c.is_numeric() {
                    s.digits += 1;
                } else {
                    s.letters += 1;
                    s.upper += u32::from(upper);
                }
                i += len;
                continue;
            }
            if let Some(w) = word.take() {
                words.end(w, s);
            }
            if keys.chars.contains(&c) {
                s.phrase_key = true;
            }
            if text::is_cjk(c) {
                s.cjk += 1;
                s.letters += 1;
            } else if c.is_whitespace() {
                if token_link {
                    s.link += (i - token_start) as u32;
                }
                token_start = i + len;
                token_link = false;
            } else {
                s.punct += 1;
                match c {
                    '·' | '•' | '»' | '›' | '–' => s.separators += 1,
                    '、' | '，' => s.commas += 1,
                    _ => {}
                }
            }
            i += len;
            continue;
        }
        if let Some(w) = word.take() {
            words.end(w, s);
        }
        i += 1;
        if class == SPACE {
            s.table_row |= b == b'\t';
            if token_link {
                s.link += (i - 1 - token_start) as u32;
            }
            token_start = i;
            token_link = false;
            continue;
        }
        s.punct += 1;
        if class == MARK {
            match b {
                b':' if bytes[i..].starts_with(b"//") => token_link = true,
                b'[' => last_open = Some(i - 1),
                b']' if bytes.get(i) == Some(&b'(') => {
                    token_link = true;
                    if let Some(o) = last_open.take() {
                        // The link's text, when it began in an earlier token.
                        if o < token_start {
                            s.link += (token_start - o) as u32;
                        }
                    }
                }
                b',' => s.commas += 1,
                b'|' | b'/' | b'>' => s.separators += 1,
                _ => {}
            }
        }
    }
    if let Some(w) = word {
        words.end(w, s);
    }
    let (upper, digits) = (packed as u32, (packed >> 32) as u32);
    s.letters += alnum - digits;
    s.upper += upper;
    s.digits += digits;
    if token_link {
        s.link += (bytes.len() - token_start) as u32;
    }
    if !words.fill_title && (2..=TITLE_MAX_WORDS).contains(&s.words) {
        // The share is `Stat::title_overlap`.
        s.title_hits = words.title_hits;
    }
    // Every two CJK characters count as a word.
    s.words += s.cjk.div_ceil(2);
}

/// For each of `n` lines (`line(k)`), how many of them have the same bytes, and the slots
/// probed beyond each line's first (a measure of the work done, for the tests). See
/// [`Copies`].
fn line_copies<'t>(n: usize, line: impl Fn(usize) -> &'t str) -> (Vec<u32>, usize) {
    let mut counts = vec![0u32; n];
    let mut copies = Copies::new(n);
    for k in 0..n {
        counts[k] = match copies.add(k, line(k), &line) {
            None => 1,
            Some(first) => {
                counts[first] += 1;
                COPY_OF | first as u32
            }
        };
    }
    Copies::resolve(&mut counts, |c| c);
    (counts, copies.probes)
}

/// A line's copy count that is the index of its first copy (while [`Copies`] counts).
const COPY_OF: u32 = 1 << 31;

/// The lines of a page placed one at a time, in order, to count their copies: an
/// open-addressing table at most half full, probed linearly from the line's keyed hash
/// ([`crate::text::hash::Keyed`]: crafted lines cannot share a run of slots); a slot holds
/// only the index of a line's first copy (4 bytes, 8 to 16 a line), whose bytes are
/// compared with the line's: two lines are copies only when their bytes are equal, never
/// on equal hashes alone. The count grows on the first copy while each later copy holds
/// the first's index (marked [`COPY_OF`]), read once all are counted ([`Copies::resolve`]).
struct Copies {
    build: FxBuild,
    mask: usize,
    /// Per slot: 1 + the index of the line's first copy (0: empty).
    slots: Vec<u32>,
    /// Slots probed beyond each line's first.
    probes: usize,
}

impl Copies {
    /// Room for `n` lines (`n` under 2^31).
    fn new(n: usize) -> Copies {
        let size = (2 * n + 2).next_power_of_two();
        Copies {
            build: FxBuild::default(),
            mask: size - 1,
            slots: vec![0u32; size],
            probes: 0,
        }
    }

    /// Places line `k` (`text`; `line(j)` is line `j`'s, for the lines placed before):
    /// `None` if it is the first with these bytes, else the index of the first.
    #[inline]
    fn add<'t>(&mut self, k: usize, text: &str, line: impl Fn(usize) -> &'t str) -> Option<usize> {
        let mut i = self.build.hash_one(text.as_bytes()) as usize & self.mask;
        // Never more lines than half the slots: an empty slot is always found.
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = k as u32 + 1;
                    return None;
                }
                s if line(s as usize - 1) == text => return Some(s as usize - 1),
                _ => {
                    i = (i + 1) & self.mask;
                    self.probes += 1;
                }
            }
        }
    }

    /// Every later copy's count (the first's index, marked [`COPY_OF`]) made the first's,
    /// over the `items` in order (`count`: an item's count).
    fn resolve<T>(items: &mut [T], count: impl Fn(&mut T) -> &mut u32) {
        for k in 0..items.len() {
            let c = *count(&mut items[k]);
            if c & COPY_OF != 0 {
                *count(&mut items[k]) = *count(&mut items[(c & !COPY_OF) as usize]);
            }
        }
    }
}

/// Whether a line with `words` words reads as prose.
#[inline]
fn is_prose(words: u32, sentence: bool) -> bool {
    (words >= 10 && sentence) || words >= 25
}

/// The page as the fast engine measures it: one [`Stat`] per non-blank line, packed (32
/// bytes a line; the lines' other per-line state is a score or two, see [`run`]).
struct Page {
    /// Per non-blank line, in order.
    lines: Vec<Packed>,
    /// The `Stat` of every line whose counts do not fit a [`Packed`]'s bytes.
    long: Vec<Stat>,
    /// The hashes of every line's content words (not stopwords, not one letter), in
    /// order: line `k` has `Stat::content` of them.
    content: Vec<u64>,
}

/// `ln(1 + n)` of a value that often stays the same from one line to the next (a block's
/// size, a count of lines above): computed again only when it changes.
#[derive(Clone, Copy)]
struct Memo {
    n: u32,
    v: f32,
}

impl Memo {
    fn new() -> Memo {
        Memo { n: 0, v: 0.0 }
    }

    #[inline]
    fn ln1p(&mut self, table: &[f32; 1024], n: u32) -> f32 {
        if n != self.n {
            self.n = n;
            self.v = ln1p_in(table, n);
        }
        self.v
    }
}

/// Values over the 8 lines around the one being read (`[k - 3, k + 4]`), of running sums
/// over the lines in order (a prefix sum at each index): the windows of the rows without
/// a table of the whole page.
struct Ring<T> {
    at: [T; 8],
    /// The last index summed to.
    filled: usize,
}

impl<T: Copy + std::ops::Add<Output = T>> Ring<T> {
    /// Sums from `zero` at index 0.
    fn new(zero: T) -> Ring<T> {
        Ring {
            at: [zero; 8],
            filled: 0,
        }
    }

    /// Sums up to index `upto`, `value(j)` being line `j`'s value.
    #[inline]
    fn fill(&mut self, upto: usize, value: impl Fn(usize) -> T) {
        while self.filled < upto {
            let next = self.at[self.filled & 7] + value(self.filled);
            self.filled += 1;
            self.at[self.filled & 7] = next;
        }
    }

    /// The running sum at index `j` (within 7 of the last index summed to).
    #[inline]
    fn get(&self, j: usize) -> T {
        self.at[j & 7]
    }
}

/// The main region's side of line `k` of `n` and its distance to the region (see
/// `region_side`): -1 before, 0 inside, 1 after, 2 (and distance `n`) without a region.
#[inline]
fn side(k: usize, n: usize, (r0, r1): (usize, usize)) -> (f32, usize) {
    if r0 >= n {
        (2.0, n)
    } else if k < r0 {
        (-1.0, r0 - k)
    } else if k > r1 {
        (1.0, k - r1)
    } else {
        (0.0, 0)
    }
}

/// Lines of a page from which [`Page::lines`] counts the non-blank lines before it makes
/// room for them (below, it makes room for every line: at most 32 bytes × this).
const COUNT_FROM: usize = 1 << 14;

/// Bytes under which a (trimmed) line is too short for the trees ("1", "TV", "»").
const TINY_BYTES: usize = 3;

/// Bytes under which a (trimmed) line is too short for the trees on a page of
/// [`COUNT_FROM`] lines or more ("w123", "Item 1234", "Read more"). A row and its trees
/// cost about 4,000 to 5,000 instructions whatever the line's length: 1,000 a byte of a
/// line of three bytes and its break, 7 times the dev pages' mean (137 a byte, issue 24).
/// A line of 12 bytes and its break pays its row at most about 2.9 times that mean (3.2
/// times at 10 bytes of short words), so a long page of short lines (a list, a log, a
/// crafted page) costs under 3 times a normal page per byte. Below [`COUNT_FROM`] lines
/// (every page of the dev and wide corpora: 7,444 at most) the gate stays at
/// [`TINY_BYTES`]: lines of 3 to 11 bytes ("Home", "Reply") are scored there, and leaving
/// out those under 5 bytes lost about 0.01 of cross-validated dev BoW F1 (`scripts/cv.sh
/// --fast`, docs/record/2026-12-08-fastshape.md).
///
/// The gate makes the cost a step, not a slope, in the line count (issue 24): a page of
/// 16,383 lines of 3 to 11 bytes scores every line (about 4,500 instructions each: some
/// 74 M in all, about 500 a byte on lines of 8 bytes), one of 16,384 such lines scores
/// none, so the smaller page costs more. The step is bounded: below
/// [`COUNT_FROM`] lines a page costs at most that of 16,383 scored lines (about 0.1 s),
/// and past it short lines cost no row. Smoothing it (scoring the first [`COUNT_FROM`]
/// short lines of a long page and gating only the rest: cost monotone in the line count,
/// the same output on every page under [`COUNT_FROM`] lines, so on every corpus page)
/// would change the output of long pages and add those 74 M to every long page of short
/// lines: not done.
const LONG_TINY_BYTES: usize = 12;

/// Whether a non-blank line (trimmed) is a tiny one, which the trees do not score: under
/// `under` bytes ([`TINY_BYTES`]; [`LONG_TINY_BYTES`] on a long page), or without a letter
/// or a digit ("•", "* * *", "|---|---|"). Under [`TINY_BYTES`], such a line holds at most
/// a word of two letters, and a page of a million of them (issue 24) should not cost a row
/// and the trees each: it goes with the scored lines around it (see [`Fast`]).
#[inline]
fn is_tiny(line: &str, under: usize) -> bool {
    let bytes = line.as_bytes();
    if bytes.len() < under {
        return true;
    }
    if bytes.iter().any(u8::is_ascii_alphanumeric) {
        return false;
    }
    bytes.is_ascii() || !line.chars().any(char::is_alphanumeric)
}

impl Page {
    /// One [`Stat`] per non-blank line of `doc` that is not tiny (see [`is_tiny`], and
    /// [`LONG_TINY_BYTES`] on a page of [`COUNT_FROM`] lines or more: those are left out
    /// as if they were not there), from the pass over its bytes, and each line's copies
    /// (phrases not yet counted).
    #[inline(never)]
    fn lines(doc: &Doc<'_>) -> Page {
        let keys = &PHRASES.keys;
        let mut title = Title::default();
        // Room for every content word (about one in ten bytes; `measure` makes room for a
        // line's words as it needs).
        let mut content = Hashes::default();
        content.reserve(doc.text.len() / 10 + 16);
        // Sized to the non-blank lines, counted first on a long page (never grown: growing
        // holds the old table and the new at once); on a page of fewer lines than
        // `COUNT_FROM`, room for every line costs less than counting.
        let gate = if doc.len() < COUNT_FROM {
            TINY_BYTES
        } else {
            LONG_TINY_BYTES
        };
        let n = if doc.len() < COUNT_FROM {
            doc.len()
        } else {
            (0..doc.len())
                .filter(|&i| {
                    let line = doc.line(i);
                    !line.is_empty() && !is_tiny(line, gate)
                })
                .count()
        };
        let mut lines: Vec<Packed> = Vec::with_capacity(n);
        let mut long: Vec<Stat> = Vec::new();
        // Each line's copies counted as it comes (its text at hand).
        let mut copies = Copies::new(n);
        let mut blank_before = true;
        for i in 0..doc.len() {
            // A blank line is an empty one once trimmed, as `Doc::is_blank` tells.
            let line = doc.line(i);
            if line.is_empty() {
                blank_before = true;
                if let Some(last) = lines.last_mut() {
                    let last: &mut Packed = last;
                    if last.index as usize + 1 == i {
                        // One more blank line around it (its `blank_around`).
                        last.flags += 1 << Packed::AROUND;
                        if let Some(j) = last.long() {
                            long[j].blank_around += 1;
                        }
                    }
                }
                continue;
            }
            if is_tiny(line, gate) {
                continue;
            }
            let t = line;
            let mut s = Stat {
                index: i,
                blank_before,
                blank_around: u8::from(blank_before),
                ..Stat::default()
            };
            blank_before = false;
            let before = content.len;
            measure(line, &mut title, &mut content, keys, &mut s);
            title.seal();
            s.content = (content.len - before) as u32;
            s.bullet = text::is_list_item(t);
            s.heading = t.starts_with('#');
            s.image_only = t.starts_with("![") || t.starts_with("[![");
            s.table_row |= t.starts_with('|');
            s.starts_lower = t.chars().next().is_some_and(char::is_lowercase);
            s.sentence = text::ends_sentence(line);
            s.prose = is_prose(s.words, s.sentence);
            s.copies = match copies.add(lines.len(), line, |j| doc.line(lines[j].index as usize)) {
                None => 1,
                Some(first) => {
                    lines[first].copies += 1;
                    COPY_OF | first as u32
                }
            };
            lines.push(Packed::new(&s, &mut long, None));
        }
        drop(copies);
        Copies::resolve(&mut lines, |p| &mut p.copies);
        Page {
            lines,
            long,
            content: content.into_vec(),
        }
    }

    /// Non-blank lines.
    #[inline]
    fn len(&self) -> usize {
        self.lines.len()
    }

    /// Line `k`'s measures.
    #[inline]
    fn stat(&self, k: usize) -> Stat {
        self.lines[k].stat(&self.long)
    }

    /// Every line's measures, in order.
    #[cfg(test)]
    fn stats(&self) -> impl Iterator<Item = Stat> + '_ {
        self.lines.iter().map(|p| p.stat(&self.long))
    }

    /// Line `k`'s index in the document.
    #[inline]
    fn index(&self, k: usize) -> usize {
        self.lines[k].index as usize
    }

    /// Line `k`'s words.
    #[inline]
    fn words(&self, k: usize) -> u32 {
        self.lines[k].words(&self.long)
    }

    /// Stores `s` as line `k`'s measures.
    fn set(&mut self, k: usize, s: &Stat) {
        let at = self.lines[k].long();
        self.lines[k] = Packed::new(s, &mut self.long, at);
    }

    /// Words in the page's lines of plain prose: prose lines (see [`is_prose`]) under a
    /// third link text.
    fn plain_prose_words(&self) -> u32 {
        let long = &self.long;
        self.lines
            .iter()
            .filter(|p| p.prose() && 3 * p.count(12, long) < p.count(0, long))
            .map(|p| p.words(long))
            .sum()
    }

    /// Counts the phrase hits of every line, in one scan of the whole text.
    fn phrases(&mut self, doc: &Doc<'_>) {
        let phrases = &*PHRASES;
        for k in 0..self.len() {
            let p = self.lines[k];
            if self.words(k) > PHRASE_MAX_WORDS
                || !(p.flags & Packed::PHRASE_KEY != 0 || phrases.keys.all)
            {
                continue;
            }
            let mut s = self.stat(k);
            let line = doc.line(s.index);
            let bytes = line.as_bytes();
            for m in phrases.automaton.find_iter(line) {
                let (start, end) = (m.start(), m.end());
                let (head, tail) = phrases.edges[m.pattern().as_usize()];
                if head && start > 0 && wordish(bytes[start - 1])
                    || tail && end < bytes.len() && wordish(bytes[end])
                {
                    continue; // inside a longer word
                }
                s.phrase_hits += 1;
                s.phrase_bytes += (end - start) as u32;
                if s.phrase_kind == 0 {
                    s.phrase_kind = 1 + phrases.family[m.pattern().as_usize()];
                }
            }
            if s.phrase_hits > 0 {
                self.set(k, &s);
            }
        }
    }

    /// The main run of prose: the stretch of lines (by index in `stats`) with the largest
    /// sum of line values, a prose line worth its words, any other line a fixed cost.
    fn region(&self) -> Option<(usize, usize)> {
        crate::classifier::features::best_run((0..self.len()).map(|k| {
            if self.lines[k].prose() {
                self.words(k) as f32
            } else {
                -8.0
            }
        }))
    }

    /// The headline: the first line after the first (in the first three fifths of the
    /// page) of three words or more that is mostly the first line's words.
    fn headline(&self) -> Option<usize> {
        let n = self.len();
        (1..self.len().min(n * 3 / 5 + 2)).find(|&k| {
            // Words of the title counted first: most lines have none.
            self.lines[k].count(16, &self.long) > 0 && {
                let s = self.stat(k);
                s.words >= 3 && s.title_overlap() >= 0.6
            }
        })
    }

    /// The headline as the title: a headline that holds at least half of the first line's
    /// words (not a breadcrumb or a section name that shares a few of them).
    fn full_headline(&self) -> Option<usize> {
        let title_words = self.lines.first()?.words(&self.long);
        self.headline()
            .filter(|&k| 2 * self.stat(k).title_hits >= title_words)
    }

    /// Per line, the share of its content words that the main region's prose lines also
    /// use (-1 for a line without content words): a teaser of another story shares few.
    #[inline(never)]
    fn cohesion(&self, region: Option<(usize, usize)>) -> Vec<f32> {
        // Where each line's content words start in `content`, for the lines of the region.
        let content_of = |k: usize| self.lines[k].count(17, &self.long) as usize;
        // The prose lines' words of the region, in a table of two choices (a look-up
        // without a branch on the outcome), else (if they do not fit) in a `WordSet`.
        let (a, b) = region.unwrap_or((1, 0));
        let start: usize = (0..a.min(self.len())).map(content_of).sum();
        let mut prose = Vec::new();
        let mut at = start;
        for k in a..=b {
            let end = at + content_of(k);
            if self.lines[k].prose() {
                prose.extend_from_slice(&self.content[at..end]);
            }
            at = end;
        }
        // Two slots a word: the region's prose repeats its words (on the dev pages about
        // half are repeats), so the table is about a quarter full, and half the table
        // that `TwoChoices::new` sizes for distinct words is half the zeroing. A page
        // whose words do not fit falls back to the `WordSet`: the same answers.
        let slots = (2 * prose.len()).next_power_of_two();
        match TwoChoices::with_slots(prose.iter(), slots) {
            Some(pairs) => self.shares(|h| pairs.contains(h)),
            None => {
                let mut set = WordSet::with_capacity(prose.len());
                for &h in &prose {
                    set.insert(h);
                }
                self.shares(|h| set.contains(h))
            }
        }
    }

    /// Per line, the share of its content words that are `found` (-1 for a line without
    /// content words; see [`Page::cohesion`]).
    fn shares(&self, found: impl Fn(u64) -> bool) -> Vec<f32> {
        let long = &self.long;
        let mut shares = Vec::with_capacity(self.len());
        let mut at = 0;
        for p in &self.lines {
            let words = &self.content[at..at + p.count(17, long) as usize];
            at += words.len();
            shares.push(if words.is_empty() {
                -1.0
            } else {
                let hits = words.iter().map(|&h| u32::from(found(h))).sum::<u32>();
                hits as f32 / words.len() as f32
            });
        }
        shares
    }

    /// The first-stage feature rows, one per non-blank line, and the main region (for
    /// the tests: the engine scores them a block at a time, see [`run`]).
    #[cfg(test)]
    fn rows(&self, doc_lines: usize) -> (Vec<[f32; N_FAST]>, Option<(usize, usize)>) {
        let region = self.region();
        let cohesion = self.cohesion(region);
        let mut rows = Vec::with_capacity(self.len());
        self.rows_each(doc_lines, region, &cohesion, &mut rows);
        (rows, region)
    }

    /// The first-stage feature rows, one per non-blank line, each written to `out` in
    /// order (not kept: a page of millions of short lines need not hold them all), given
    /// the main `region` and each line's `cohesion`. Every value is computed as it would be
    /// from tables of the whole page (prefix sums, runs, blocks), from a few running
    /// values and the lines around the one being read: no per-line table but the packed
    /// lines, and a value that stays the same over many lines (a block's, a run's, a count
    /// above) is not recomputed on each.
    #[inline(never)]
    fn rows_each(
        &self,
        doc_lines: usize,
        region: Option<(usize, usize)>,
        cohesion: &[f32],
        out: &mut impl Rows<N_FAST>,
    ) {
        let n = self.len();
        let long = &self.long;
        let lines = &self.lines;
        let table = &*LN1P;
        let ln1p = |n: u32| ln1p_in(table, n);
        let bounds = region.unwrap_or((n, n));
        // Runs of lines of the same coarse shape (cards of a listing).
        let shape = |k: usize| lines[k].shape;
        // The end of the run of equal shapes that starts at `k`.
        let run_end = |k: usize| {
            let sk = shape(k);
            (k + 1..n).find(|&j| shape(j) != sk).unwrap_or(n) - 1
        };
        // Page-wide values, the same on every row: one pass.
        let (mut words, mut doc_chars, mut link, mut short, mut copies) = (0u32, 0u32, 0u32, 0, 0);
        let (mut prose_total, mut prose_words_total) = (0u32, 0u32);
        for p in lines {
            let w = p.words(long);
            words += w;
            doc_chars += p.count(0, long);
            link += p.count(12, long);
            short += usize::from(w <= 3);
            copies += usize::from(p.copies >= 2);
            prose_total += u32::from(p.prose());
            prose_words_total += if p.prose() { w } else { 0 };
        }
        let doc_chars = doc_chars.max(1);
        let region_words: u32 = region.map_or(0, |(a, b)| (a..=b).map(|k| self.words(k)).sum());
        let mut in_runs = 0;
        let mut k = 0;
        while k < n {
            let end = run_end(k);
            if end + 1 - k >= 3 {
                in_runs += end + 1 - k;
            }
            k = end + 1;
        }
        let doc_run_share = in_runs as f32 / n.max(1) as f32;
        let doc_copies_share = copies as f32 / n.max(1) as f32;
        // Labels printed once per card of a grid ("Add to cart", "Read more"): short lines
        // with four copies or more. Each line's distance to the nearest one above and below.
        let label = |k: usize| lines[k].copies >= 4 && lines[k].words(long) <= 6;
        // The headline: the first line after the first that is mostly the title's words.
        let headline = self.headline();
        // Short lines naming the comments or a related list, and the last prose line.
        let family_of = |s: &Stat| {
            (s.phrase_kind > 0 && s.words <= 6)
                .then(|| FAMILIES[usize::from(s.phrase_kind) - 1].category)
        };
        let far = |d: Option<usize>| d.map_or(-1.0, |d| ln1p(d as u32));
        let total_prose = prose_words_total.max(1) as f32;
        let (log_doc_words, log_doc_lines) = (ln1p(words), ln1p(doc_lines as u32));
        let doc_prose_share = prose_words_total as f32 / words.max(1) as f32;
        // Running sums over the lines (prose lines, phrase lines, log words) around the
        // line being read, and before it (prose lines and words, marks).
        let mut prose_lines = Ring::new(0u32);
        let mut phrase_lines = Ring::new(0u32);
        let mut log_words = Ring::new(0f32);
        let (mut prose_above, mut prose_words_above) = (0u32, 0u32);
        let (mut comment_marks, mut related_marks) = (0u32, 0u32);
        let (mut last_comment, mut last_related, mut last_prose, mut last_label) =
            (None, None, None, None);
        let mut next_label = 0usize;
        // The current block (first and last line, words, prose lines) and run (first and
        // last line).
        let (mut b0, mut b1, mut block_words, mut block_prose) = (0usize, 0usize, 0u32, 0u32);
        let (mut run_from, mut run_to) = (0usize, 0usize);
        let mut memo = [Memo::new(); 8];
        for (k, &cohesion) in cohesion.iter().enumerate().take(n) {
            let s = self.stat(k);
            // The lines just above and below, read where they are kept (not unpacked).
            let (prev, next) = (k.checked_sub(1).map(|j| &lines[j]), lines.get(k + 1));
            let (a, b) = (k.saturating_sub(3), (k + 4).min(n));
            prose_lines.fill(b, |j| u32::from(lines[j].prose()));
            phrase_lines.fill(b, |j| u32::from(lines[j].count(14, long) > 0));
            log_words.fill(b, |j| ln1p(lines[j].words(long)));
            let window = (b - a) as f32;
            if k == 0 || s.blank_before {
                b0 = k;
                b1 = (k + 1..n).find(|&j| lines[j].blank_before()).unwrap_or(n) - 1;
                block_words = (b0..=b1).map(|j| self.words(j)).sum();
                block_prose = (b0..=b1).map(|j| u32::from(lines[j].prose())).sum();
            }
            if k == 0 || k > run_to {
                (run_from, run_to) = (k, run_end(k));
            }
            if next_label <= k {
                next_label = (k + 1..n).find(|&j| label(j)).unwrap_or(n);
            }
            let w = s.words.max(1) as f32;
            let chars = s.chars.max(1) as f32;
            let (side, dist) = side(k, n, bounds);
            let f = family_of(&s);
            let lines_in_block = (b1 - b0 + 1) as u32;
            // Written where the row is kept (not built aside and copied there).
            let row = out.row();
            *row = [
                ln1p(s.chars),
                ln1p(s.words),
                f32::from(u8::from(s.sentence)),
                s.stop as f32 / w,
                s.caps as f32 / w,
                s.digits as f32 / chars,
                s.punct as f32 / chars,
                s.link as f32 / chars,
                f32::from(u8::from(s.bullet)),
                f32::from(u8::from(s.heading)),
                f32::from(u8::from(s.image_only)),
                f32::from(u8::from(s.table_row)),
                s.upper as f32 / s.letters.max(1) as f32,
                s.word_chars as f32 / w,
                s.commas as f32 / w,
                s.separators as f32 / w,
                f32::from(u8::from(s.starts_lower)),
                ln1p(s.phrase_hits),
                s.phrase_bytes as f32 / chars,
                f32::from(s.phrase_kind),
                memo[0].ln1p(table, s.copies.saturating_sub(1)),
                f32::from(u8::from(s.prose)),
                s.cjk as f32 / chars,
                prev.map_or(-1.0, |p| ln1p(p.words(long))),
                prev.map_or(-1.0, |p| f32::from(u8::from(p.sentence()))),
                next.map_or(-1.0, |p| ln1p(p.words(long))),
                next.map_or(-1.0, |p| f32::from(u8::from(p.sentence()))),
                (prose_lines.get(b) - prose_lines.get(a)) as f32 / window,
                (log_words.get(b) - log_words.get(a)) / window,
                f32::from(s.blank_around),
                memo[1].ln1p(table, lines_in_block),
                memo[2].ln1p(table, block_words),
                block_prose as f32 / lines_in_block as f32,
                f32::from(u8::from(side == 0.0)),
                memo[3].ln1p(table, dist as u32),
                side,
                k as f32 / n as f32,
                prose_words_above as f32 / total_prose,
                memo[4].ln1p(table, prose_above),
                memo[5].ln1p(table, prose_total - prose_above - u32::from(s.prose)),
                log_doc_words,
                doc_prose_share,
                log_doc_lines,
                link as f32 / doc_chars as f32,
                short as f32 / n as f32,
                memo[6].ln1p(table, (run_to + 1 - run_from) as u32),
                region_words as f32 / words.max(1) as f32,
                (phrase_lines.get(b) - phrase_lines.get(a)) as f32 / window,
                prev.map_or(-1.0, |p| f32::from(u8::from(p.count(14, long) > 0))),
                next.map_or(-1.0, |p| f32::from(u8::from(p.count(14, long) > 0))),
                f32::from(u8::from(s.caps == s.words && s.words > 0)),
                ln1p(s.leading_caps),
                s.title_overlap(),
                headline.map_or(2.0, |h| (k as f32 - h as f32).signum()),
                headline.map_or(-1.0, |h| ln1p(k.abs_diff(h) as u32)),
                memo[7].ln1p(table, comment_marks),
                far(last_comment.map(|j| k - j)),
                ln1p(related_marks),
                far(last_related.map(|j| k - j)),
                ln1p(last_prose.map_or(0, |j| k - j) as u32),
                cohesion,
                doc_copies_share,
                doc_run_share,
                far(last_label.map(|j| k - j)),
                far((next_label < n).then(|| next_label - k)),
            ];
            // What the lines below see of this one.
            prose_above += u32::from(s.prose);
            prose_words_above += if s.prose { s.words } else { 0 };
            comment_marks += u32::from(f == Some(Category::Comments));
            related_marks += u32::from(f == Some(Category::Related));
            if f == Some(Category::Comments) {
                last_comment = Some(k);
            }
            if f == Some(Category::Related) {
                last_related = Some(k);
            }
            if s.prose {
                last_prose = Some(k);
            }
            if label(k) {
                last_label = Some(k);
            }
        }
    }
}

/// The second-stage rows, from the first stage's `scores` (one per line of `page`), each
/// written to `out` in order; `cohesion` and `region` as the first stage had them. As
/// [`Page::rows_each`], from running sums and the lines around the one being read.
#[inline(never)]
fn stacked(
    page: &Page,
    scores: &[f32],
    cohesion: &[f32],
    region: Option<(usize, usize)>,
    out: &mut impl Rows<N_FAST2>,
) {
    let n = scores.len().min(page.len());
    let table = &*LN1P;
    // The running sum of the scores at `a`, `b` and `n` (one pass, in order: the sums are
    // those of a prefix table).
    let (ra, rb) = region.map_or((0, 0), |(a, b)| (a, b + 1));
    let (mut sum, mut at_a, mut at_b) = (0f32, 0f32, 0f32);
    for (k, &s) in scores[..n].iter().enumerate() {
        if k == ra {
            at_a = sum;
        }
        if k == rb {
            at_b = sum;
        }
        sum += s;
    }
    if rb == n {
        at_b = sum;
    }
    let mean = |sum: f32, len: usize| if len > 0 { sum / len as f32 } else { 0.0 };
    let region_mean = region.map_or(0.0, |(a, b)| mean(at_b - at_a, b + 1 - a));
    let doc_mean = mean(sum, n);
    let bounds = region.unwrap_or((n, n));
    let mut prefix = Ring::new(0f32);
    let (mut block_mean, mut block_end) = (0f32, 0usize);
    let mut memo = Memo::new();
    for (k, &score) in scores[..n].iter().enumerate() {
        let (a, b) = (k.saturating_sub(3), (k + 4).min(n));
        prefix.fill(b, |j| scores[j]);
        let p = &page.lines[k];
        if k == 0 || p.blank_before() {
            // The block's mean, from its running sums at its ends (summed in order from
            // the one at its start).
            let end = (k + 1..n)
                .find(|&j| page.lines[j].blank_before())
                .unwrap_or(n);
            let mut at_end = prefix.get(k);
            for &s in &scores[k..end] {
                at_end += s;
            }
            (block_mean, block_end) = (mean(at_end - prefix.get(k), end - k), end);
        }
        debug_assert!(k < block_end);
        // The window's least and greatest scores (never NaN: sums of finite leaves), in
        // one pass of plain comparisons (`f32::min` and `max` also handle NaN).
        let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
        for &x in &scores[a..b] {
            lo = if x < lo { x } else { lo };
            hi = if x > hi { x } else { hi };
        }
        let (side, dist) = side(k, n, bounds);
        let row = out.row();
        *row = [
            score,
            k.checked_sub(1).map_or(-5.0, |j| scores[j]),
            scores.get(k + 1).copied().unwrap_or(-5.0),
            mean(prefix.get(b) - prefix.get(a), b - a),
            lo,
            hi,
            block_mean,
            region_mean,
            doc_mean,
            ln1p_in(table, p.words(&page.long)),
            f32::from(u8::from(p.sentence())),
            f32::from(u8::from(side == 0.0)),
            memo.ln1p(table, dist as u32),
            p.count(15, &page.long) as f32 / p.count(0, &page.long).max(1) as f32,
            cohesion[k],
        ];
    }
}

/// Rows scored at a time by each stage: the memory of one block of rows, however many
/// lines the page has.
const ROW_BLOCK: usize = 4096;

/// The whole page through both stages: every non-blank line's measures and both scores.
pub(crate) struct Scored {
    /// The second stage's score of each non-blank line.
    pub second: Vec<f32>,
    page: Page,
    region: Option<(usize, usize)>,
    #[cfg_attr(not(feature = "internal"), allow(dead_code))] // read by `deboil::training`
    cohesion: Vec<f32>,
    /// Which line is the title, and whether it is the page's first line.
    title: Option<(usize, bool)>,
}

/// How far `deboil::profiling::fast_until` takes the fast engine: its stages in order, for
/// the benches that time each one (`cargo bench --bench clean -- fast-stages`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Only the pass over every line's bytes (words, stopwords, capitals, digits,
    /// punctuation, link text, content words) and the count of each line's copies.
    Bytes,
    /// Then the phrase scan.
    Phrases,
    /// Then the first stage's rows (each line in its context).
    Rows,
    /// Then the first stage's trees.
    First,
    /// Then the second stage's rows and trees.
    Second,
}

/// The fast engine's work on a page up to a [`Stage`]; what later stages fill is left
/// empty.
struct Stages {
    page: Page,
    /// The first-stage rows, only up to [`Stage::Rows`] (later stages score them a block
    /// at a time).
    rows: Vec<[f32; N_FAST]>,
    region: Option<(usize, usize)>,
    cohesion: Vec<f32>,
    first: Vec<f32>,
    second: Vec<f32>,
}

/// Where rows of `N` values go, one at a time, in order.
trait Rows<const N: usize> {
    /// The place of the next row, to be written in full before the next call.
    fn row(&mut self) -> &mut [f32; N];
}

/// Every row kept.
impl<const N: usize> Rows<N> for Vec<[f32; N]> {
    #[inline]
    fn row(&mut self) -> &mut [f32; N] {
        self.push([0.0; N]);
        let last = self.len() - 1;
        &mut self[last]
    }
}

/// Scores rows with `model` a block of [`ROW_BLOCK`] rows at a time, the scores added
/// to `out`.
struct Blocks<'m, 'o, const N: usize> {
    model: &'m Compiled,
    /// The block's rows (at most [`ROW_BLOCK`], allocated once), the first `filled` of
    /// them written.
    rows: Vec<[f32; N]>,
    filled: usize,
    scores: Vec<f32>,
    out: &'o mut Vec<f32>,
}

impl<'m, 'o, const N: usize> Blocks<'m, 'o, N> {
    fn new(model: &'m Compiled, n: usize, out: &'o mut Vec<f32>) -> Blocks<'m, 'o, N> {
        Blocks {
            model,
            rows: Vec::with_capacity(ROW_BLOCK.min(n)),
            filled: 0,
            scores: Vec::new(),
            out,
        }
    }

    /// Scores the rows written so far.
    fn flush(&mut self) {
        let rows = &self.rows[..self.filled];
        self.model.score_all(rows, |_| true, &mut self.scores);
        self.out.extend_from_slice(&self.scores);
        self.filled = 0;
    }
}

impl<const N: usize> Rows<N> for Blocks<'_, '_, N> {
    #[inline]
    fn row(&mut self) -> &mut [f32; N] {
        if self.filled == ROW_BLOCK {
            self.flush();
        }
        if self.filled == self.rows.len() {
            // The first block: its rows made as they come (zeroing a block's table at
            // once costs a short page more).
            self.rows.push([0.0; N]);
        }
        self.filled += 1;
        &mut self.rows[self.filled - 1]
    }
}

/// Runs the fast engine's stages over `doc`, up to `until`.
fn run(doc: &Doc<'_>, until: Stage) -> Stages {
    let mut done = Stages {
        page: Page::lines(doc),
        rows: Vec::new(),
        region: None,
        cohesion: Vec::new(),
        first: Vec::new(),
        second: Vec::new(),
    };
    if until == Stage::Bytes {
        return done;
    }
    done.page.phrases(doc);
    if until == Stage::Phrases {
        return done;
    }
    let n = done.page.len();
    done.region = done.page.region();
    done.cohesion = done.page.cohesion(done.region);
    if until == Stage::Rows {
        done.rows.reserve_exact(n);
        done.page
            .rows_each(doc.len(), done.region, &done.cohesion, &mut done.rows);
        return done;
    }
    // Each stage's rows scored a block at a time, only the scores kept.
    done.first.reserve_exact(n);
    let mut blocks = Blocks::new(&FIRST, n, &mut done.first);
    done.page
        .rows_each(doc.len(), done.region, &done.cohesion, &mut blocks);
    blocks.flush();
    if until == Stage::First {
        return done;
    }
    done.second.reserve_exact(n);
    let mut blocks = Blocks::new(&SECOND, n, &mut done.second);
    stacked(
        &done.page,
        &done.first,
        &done.cohesion,
        done.region,
        &mut blocks,
    );
    blocks.flush();
    done
}

/// Every non-blank line's first-stage row (for the trainer).
#[cfg_attr(not(feature = "internal"), allow(dead_code))]
pub(crate) fn first_rows(doc: &Doc<'_>) -> Vec<[f32; N_FAST]> {
    run(doc, Stage::Rows).rows
}

/// Runs the fast engine over `doc` up to `stage` and returns a number that depends on the
/// work (so that none of it can be optimised away).
#[cfg_attr(not(feature = "internal"), allow(dead_code))] // for `deboil::profiling`
pub(crate) fn run_until(doc: &Doc<'_>, stage: Stage) -> usize {
    let done = run(doc, stage);
    let below = |scores: &[f32]| scores.iter().filter(|&&f| f < THRESHOLD).count();
    match stage {
        Stage::Bytes => done.page.len() + done.page.content.len(),
        Stage::Phrases => done.page.lines.iter().map(|p| p.copies as usize).sum(),
        Stage::Rows => done.rows.len() + done.region.map_or(0, |(a, _)| a),
        Stage::First => below(&done.first),
        Stage::Second => below(&done.second),
    }
}

/// Measures and scores every non-blank line of `doc`.
pub(crate) fn score(doc: &Doc<'_>) -> Scored {
    let Stages {
        page,
        region,
        cohesion,
        second,
        ..
    } = run(doc, Stage::Second);
    let title = title_line(&page, doc);
    Scored {
        title,
        second,
        page,
        region,
        cohesion,
    }
}

impl Scored {
    /// Each non-blank line's index in the document (for the trainer's hooks).
    #[cfg(feature = "internal")]
    pub(crate) fn lines(&self) -> Vec<usize> {
        (0..self.page.len()).map(|k| self.page.index(k)).collect()
    }

    /// The second-stage rows for other first-stage `scores` (the trainer's out-of-fold ones).
    #[cfg_attr(not(feature = "internal"), allow(dead_code))] // for `deboil::training`
    pub(crate) fn restack(&self, scores: &[f32]) -> Vec<[f32; N_FAST2]> {
        let mut rows = Vec::with_capacity(scores.len());
        stacked(&self.page, scores, &self.cohesion, self.region, &mut rows);
        rows
    }

    /// Line `k`'s phrase family (1 + its index in [`FAMILIES`], when the phrase is much
    /// of the line; else 0), its copies, and its side of the main region (see [`side`]).
    fn kind(&self, k: usize) -> (u8, u32, f32) {
        self.kind_of(k, &self.page.stat(k))
    }

    /// [`Scored::kind`] of line `k`, whose measures are `s`.
    #[inline]
    fn kind_of(&self, k: usize, s: &Stat) -> (u8, u32, f32) {
        // The phrase names the line's category when it is much of the line.
        let named = s.words <= 6 || 3 * s.phrase_bytes >= s.chars;
        let n = self.page.len();
        let (side, _) = side(k, n, self.region.unwrap_or((n, n)));
        (if named { s.phrase_kind } else { 0 }, s.copies, side)
    }
}

/// The page's title line (by index among the non-blank lines), and whether it is the
/// page's first line: the first level-one Markdown heading in the first three fifths of the
/// page, else the headline (a line below mostly made of the first line's words), else a
/// first line of two words or more that is no link (text printed from HTML starts with the
/// `title` element). Never a line of prose, nor on a page of one line.
fn title_line(page: &Page, doc: &Doc<'_>) -> Option<(usize, bool)> {
    let n = page.len();
    if n < 2 {
        return None; // a page of one line is all text
    }
    let level_one = |k: &usize| {
        let p = &page.lines[*k];
        p.flags & Packed::HEADING != 0
            && doc.line(p.index as usize).starts_with("# ")
            && p.words(&page.long) >= 1
    };
    let title = (0..n.min(n * 3 / 5 + 1))
        .find(level_one)
        .map(|k| (k, k == 0))
        .or_else(|| part_headline(page, doc).map(|k| (k, false)))
        .or_else(|| page.full_headline().map(|k| (k, false)))
        // Below a long menu or sidebar, a level-one heading further down.
        .or_else(|| (0..n).find(level_one).map(|k| (k, k == 0)))
        .or_else(|| {
            let s = page.stat(0);
            (s.words >= 2 && s.link == 0).then_some((0, true))
        });
    // A title is a line, not a paragraph; a question may be long ("Do forums still have a
    // role in the age of social media?").
    title.filter(|&(k, _)| {
        let s = &page.stat(k);
        let question = doc.line(s.index).trim_end().ends_with('?');
        (!s.prose || question) && s.words <= TITLE_MAX_WORDS
    })
}

/// Separators between the parts of a `title` element ("Headline | Site", "Post - Forum -
/// Site", "Page — Project documentation").
const TITLE_SEPARATORS: [&str; 6] = [" | ", " - ", " — ", " – ", " :: ", " · "];

/// A searcher for each of [`TITLE_SEPARATORS`], built once.
static SEPARATOR_FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    TITLE_SEPARATORS
        .iter()
        .map(memchr::memmem::Finder::new)
        .collect()
});

/// Text compared and hashed with its ASCII letters lower-cased, without a lower-cased
/// copy (the title search's key: a part, or a line looked up among the parts).
#[derive(Clone, Copy)]
struct Folded<'t>(&'t [u8]);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Folded<'_> {}

impl std::hash::Hash for Folded<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_usize(self.0.len());
        let mut chunks = self.0.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            for (to, from) in b.iter_mut().zip(c) {
                *to = from.to_ascii_lowercase();
            }
            h.write_u64(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            h.write_u8(b.to_ascii_lowercase());
        }
    }
}

/// A line's text without the Markdown around it (heading marks, emphasis, spaces) and
/// without a heading's anchor mark at its end ("Advanced usage¶").
fn bare(line: &str) -> &str {
    line.trim_start_matches(['#', '*', '_', ' '])
        .trim_end_matches(['*', '_', ' ', '¶', '#', '§'])
}

/// The headline as a part of the `title` element: the first line below the first (in the
/// first three fifths of the page, not prose) whose text is, letter case aside, one of the
/// first line's parts other than the last (which names the site), split at
/// [`TITLE_SEPARATORS`]; the leading part's line first (the others are more often a section
/// or a forum's name).
fn part_headline(page: &Page, doc: &Doc<'_>) -> Option<usize> {
    let (parts, lines) = title_parts(page, doc)?;
    find_part(&parts, lines).0
}

/// The parts of the page's first line for [`part_headline`] (at least one, the last left
/// out) and the lines to look for them in: (index, bare text) of the lines below the first
/// in the first three fifths of the page, not prose.
#[allow(clippy::type_complexity)]
fn title_parts<'d>(
    page: &'d Page,
    doc: &'d Doc<'_>,
) -> Option<(
    Vec<&'d str>,
    impl Iterator<Item = (usize, &'d str)> + Clone + 'd,
)> {
    let first = bare(doc.line(page.lines.first()?.index as usize));
    let mut parts = split_parts(first);
    if parts.len() < 2 {
        return None;
    }

    parts.pop();
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    let window = page.len() * 3 / 5 + 1;
    let lines = page
        .lines
        .iter()
        .enumerate()
        .take(window)
        .skip(1)
        .filter(|(_, p)| !p.prose())
        .map(|(k, p)| (k, bare(doc.line(p.index as usize))));
    Some((parts, lines))
}

/// `first` split at each of [`TITLE_SEPARATORS`] in turn, as `str::split` would part by
/// part, with one searcher per separator (not one per part: a line of 65,536 parts built
/// 393,216) and none for a separator the line does not hold.
fn split_parts(first: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = vec![first];
    for finder in SEPARATOR_FINDERS.iter() {
        if finder.find(first.as_bytes()).is_none() {
            continue;
        }
        let len = finder.needle().len();
        let mut split = Vec::with_capacity(parts.len());
        for p in parts {
            let mut from = 0;
            // Separators start and end with a space: their ends are `char` boundaries.
            for at in finder.find_iter(p.as_bytes()) {
                split.push(&p[from..at]);
                from = at + len;
            }
            split.push(&p[from..]);
        }
        parts = split;
    }
    parts
}

/// For the tests of crafted input: `doc`'s lines that the trees score (non-blank, not
/// tiny: see [`is_tiny`]), the slots its copy count probed beyond each line's first, and
/// the steps and parts of its title-part search.
#[cfg_attr(not(feature = "internal"), allow(dead_code))] // for `deboil::profiling`
pub(crate) fn work(doc: &Doc<'_>) -> (usize, usize, usize, usize) {
    let page = Page::lines(doc);
    let lines = &page.lines;
    let (_, probes) = line_copies(lines.len(), |k| doc.line(lines[k].index as usize));
    let (parts, steps) = title_parts(&page, doc).map_or((0, 0), |(parts, lines)| {
        (parts.len(), find_part(&parts, lines).1)
    });
    (page.len(), probes, steps, parts)
}

/// Parts of a title up to which each part is compared with every line (a title of two to
/// four parts, the usual: no table to build); a title of more parts is put in a table
/// once and each line looked up in it, so the work stays linear in parts plus lines.
const FEW_PARTS: usize = 8;

/// Of `lines` (index, bare text), the first whose text is, ASCII letter case aside, the
/// earliest of `parts` that any line is; and the comparisons or look-ups made (the work,
/// for the tests: at most [`FEW_PARTS`] per line plus one per part).
fn find_part<'t>(
    parts: &[&str],
    lines: impl Iterator<Item = (usize, &'t str)> + Clone,
) -> (Option<usize>, usize) {
    let mut work = 0;
    if parts.len() <= FEW_PARTS {
        // Part by part, each scan stopping at the first match: the leading part's line
        // (the usual case) is found without reading the rest of the window.
        let found = parts.iter().find_map(|p| {
            lines.clone().find_map(|(k, line)| {
                work += 1;
                (p.len() == line.len() && p.eq_ignore_ascii_case(line)).then_some(k)
            })
        });
        return (found, work);
    }
    // Each part's text (letter case aside) with the position of its first occurrence.
    let mut index: std::collections::HashMap<Folded<'_>, usize, FxBuild> =
        std::collections::HashMap::with_capacity_and_hasher(parts.len(), FxBuild::default());
    for (j, p) in parts.iter().enumerate() {
        work += 1;
        index.entry(Folded(p.as_bytes())).or_insert(j);
    }
    // The earliest part found, with its first line (lines come in order).
    let mut best: Option<(usize, usize)> = None;
    for (k, line) in lines {
        work += 1;
        if let Some(&j) = index.get(&Folded(line.as_bytes())) {
            if best.is_none_or(|(b, _)| j < b) {
                best = Some((j, k));
            }
        }
    }
    (best.map(|(_, k)| k), work)
}

/// Words that introduce an author's name at the start of a line (letter case aside), before
/// a space or a colon: "By Jane Doe", "Written by: Jane Doe", "Von Max Muster".
const BYLINE_LEADS: [&str; 13] = [
    "written by",
    "posted by",
    "post by",
    "text by",
    "words by",
    "story by",
    "reported by",
    "authors",
    "author",
    "by",
    "von",
    "por",
    "par",
];

/// Bit `c - b'a'` set for each first letter `c` of [`BYLINE_LEADS`].
const LEAD_LETTERS: u32 = {
    let mut bits = 0;
    let mut i = 0;
    while i < BYLINE_LEADS.len() {
        bits |= 1 << (BYLINE_LEADS[i].as_bytes()[0] - b'a');
        i += 1;
    }
    bits
};

/// Separators between an author's name and a date on one line ("Jane Doe | May 2, 2025").
const NAME_DATE_SEPARATORS: [&str; 6] = [" | ", " • ", " · ", " — ", " – ", " on "];

/// English month names, lower-cased (their first three letters are the abbreviations).
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `w` starts with an upper-case letter (a name's word).
fn capitalised(w: &str) -> bool {
    w.trim_start_matches(['[', '(', '@'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Whether `text` holds a date: a year from 1900 to 2099 or an English month's name (or
/// its first three letters).
fn has_date(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let b = w.as_bytes();
        match b.len() {
            4 if (b.starts_with(b"19") || b.starts_with(b"20"))
                && b.iter().all(u8::is_ascii_digit) =>
            {
                true
            }
            3..=9 if b[0].is_ascii_uppercase() => {
                let head = [
                    b[0].to_ascii_lowercase(),
                    b[1].to_ascii_lowercase(),
                    b[2].to_ascii_lowercase(),
                ];
                MONTHS.iter().any(|m| {
                    m.as_bytes()[..3] == head
                        && (b.len() == 3
                            || w.eq_ignore_ascii_case(m)
                            || w.eq_ignore_ascii_case("sept"))
                })
            }
            _ => false,
        }
    })
}

/// Whether a line of these measures has the words of a byline (see [`is_byline`]): one
/// word without a link is none, nor are more than 30 words; most menu lines stop here.
#[inline]
fn byline_words(s: &Stat) -> bool {
    let words = s.words;
    !(words == 0 || words < 2 && s.link == 0 || words > 30)
}

/// Whether a line reads as an author line (`Cleaned::byline`), at most twelve words after
/// its lead: a name (capitalised) after a byline word ([`BYLINE_LEADS`]: "By Jane Doe",
/// "Posted by Jane Doe on May 2"), or a name of two to four capitalised words, then a
/// separator and a date ("Jane Doe | May 2, 2025"), or a short line linking to an author's
/// page ("[Jane Doe](/authors/jane-doe)"). `s`: the line's measures.
fn is_byline(line: &str, s: &Stat) -> bool {
    let words = s.words;
    if !byline_words(s) {
        return false;
    }
    // Markdown around it: emphasis, a heading or quote mark, a link's bracket.
    let t = line.trim_start_matches(['*', '_', '#', '>', '[', ' ']);
    let Some(first) = t.bytes().next() else {
        return false;
    };
    // A short line linking to an author's page (Markdown): "[Jane Doe](/author/jane-doe)"
    // (the words of its link targets count).
    let bytes = t.as_bytes();
    if s.link > 0
        && memchr::memchr_iter(b']', bytes).any(|i| {
            let Some(target) = t.get(i + 1..).and_then(|r| r.strip_prefix('(')) else {
                return false;
            };
            let target = &target[..target.find(')').unwrap_or(target.len())];
            target.contains("/author") || target.contains("/contributor")
        })
    {
        return true;
    }
    if words > 14 {
        return false;
    }
    let first_lower = first.to_ascii_lowercase();
    // Most lines start with no lead's letter: told by one bit before any lead is read.
    let may_lead =
        first_lower.is_ascii_lowercase() && LEAD_LETTERS >> (first_lower - b'a') & 1 != 0;
    let lead = BYLINE_LEADS
        .iter()
        .filter(|lead| may_lead && lead.as_bytes()[0] == first_lower)
        .find_map(|lead| {
            let head = t.get(..lead.len())?;
            let rest = t[lead.len()..].strip_prefix([' ', ':'])?;
            head.eq_ignore_ascii_case(lead)
                .then(|| rest.trim_start_matches([':', ' ', '*', '_']))
        });
    if let Some(rest) = lead {
        return capitalised(rest) && (1..=12).contains(&rest.split_whitespace().count());
    }
    // A name (two words or more, capitalised), a separator, a date with a number in it.
    if !(3..=12).contains(&words) || s.digits == 0 || !first.is_ascii_uppercase() && first < 0x80 {
        return false;
    }
    // Every separator starts with a space: try them at each space.
    memchr::memchr_iter(b' ', bytes).any(|i| {
        NAME_DATE_SEPARATORS.iter().any(|sep| {
            t[i..].starts_with(sep) && {
                let (name, date) = (&t[..i], &t[i + sep.len()..]);
                let n = name.split_whitespace().count();
                (2..=4).contains(&n)
                    && name
                        .split_whitespace()
                        .all(|w| capitalised(w) && !w.bytes().any(|b| b.is_ascii_digit()))
                    && !has_date(name)
                    && has_date(date)
            }
        })
    })
}

/// Whether a line is a bare name: two or three capitalised words of letters (and `.`, `-`,
/// `'`), no link, no date (see [`name_above_date`]).
fn is_name(line: &str, s: &Stat) -> bool {
    (2..=3).contains(&s.words)
        && s.link == 0
        && s.digits == 0
        && line.len() <= 40
        && line.split_whitespace().count() == s.words as usize
        && line.split_whitespace().all(|w| {
            capitalised(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && !has_date(line)
}

/// Whether line `k` (among the non-blank lines) is an author's bare name (see [`is_name`]) in the
/// page's first half, just above a short line with a date ("Jane Doe", then "May 2, 2025").
fn name_above_date(scored: &Scored, doc: &Doc<'_>, k: usize) -> bool {
    let page = &scored.page;
    k <= page.len() / 2
        && k + 1 < page.len()
        && {
            let next = page.stat(k + 1);
            next.words <= 8 && next.digits > 0
        }
        && is_name(doc.line(page.index(k)), &page.stat(k))
        && has_date(doc.line(page.index(k + 1)))
}

/// Whether line `k` (among the non-blank lines) is the asker's name under a question's "asked
/// <date>" stamp ("asked Feb 11, 2011 at 23:49", then "jdoe42" or `[jdoe42](/users/7)`, an
/// avatar's image line between them or not): one to three words of 30 bytes or fewer with two
/// letters or more, no date.
fn name_below_stamp(scored: &Scored, doc: &Doc<'_>, k: usize) -> bool {
    let Some(mut p) = k.checked_sub(1) else {
        return false;
    };
    // The user's avatar may sit between the stamp and the name.
    if scored.page.lines[p].flags & Packed::IMAGE_ONLY != 0 {
        let Some(q) = p.checked_sub(1) else {
            return false;
        };
        p = q;
    }
    // The stamp first: it is cheap to rule out.
    let stamp = doc.line(scored.page.index(p));
    if stamp.len() > 60
        || !stamp
            .get(..6)
            .is_some_and(|a| a.eq_ignore_ascii_case("asked "))
        || !has_date(stamp)
    {
        return false;
    }
    let line = doc.line(scored.page.index(k));
    // In Markdown the name links to the user's page: its text is read.
    let name = if scored.page.stat(k).link > 0 {
        text::lead_link_text(line)
    } else {
        line
    };
    (1..=3).contains(&name.split_whitespace().count())
        && name.len() <= 30
        && !name.contains("](")
        && text::has_letters(name)
        && !has_date(name)
}

/// On a page with almost no plain prose (under [`super::stages::MIN_PLAIN_PROSE_WORDS`]
/// words), a list of items (a listing, a shop's category, a Markdown hub of links), keeps
/// every line the trees would remove but the headline and the `title` element above it,
/// lines a phrase names and repeated lines: the trees learnt what an article looks like
/// and have none here to measure lines against, so they doubt the items that are the
/// content. The default engine's classifier stands back on such pages the same way.
/// `kind`: line `k`'s phrase family, copies and side (see [`Scored::kind`]).
fn keep_items(remove: &mut [bool], kind: impl Fn(usize) -> (u8, u32, f32), title: Option<usize>) {
    for (k, r) in remove.iter_mut().enumerate() {
        let (family, copies, _) = kind(k);
        let title_line = title == Some(k) || k == 0 && title.is_some();
        *r &= title_line || family > 0 || copies > 1;
    }
}

/// The fast engine as one rule: removes the lines its trees score as boilerplate.
#[derive(Debug)]
pub(crate) struct Fast;

impl Rule for Fast {
    fn name(&self) -> &str {
        "fast-classifier"
    }
    fn category(&self) -> Category {
        Category::LowContent
    }
    fn description(&self) -> &str {
        "the fast engine: lines a small tree ensemble over cheap line and context measures scores as boilerplate (the headline as title, \"By …\" lines as byline, else the category of the phrase that fills the line, repeated, navigation before the main text, related after it, low content inside; on a page with under 50 words of plain prose only phrase and repeated lines)"
    }
    fn apply(&self, doc: &mut Doc<'_>, id: RuleId) {
        if doc.len() >= COPY_OF as usize {
            // 2^31 lines or more (2 GiB of line breaks): a line's index would not fit the
            // packed measures and the copy count. Such a document is kept whole.
            return;
        }
        let scored = score(doc);
        let title = scored.title.map(|(t, _)| t);
        let page = &scored.page;
        let mut remove: Vec<bool> = (0..page.len())
            .zip(&scored.second)
            .map(|(k, &s)| doc.is_open(page.index(k)) && (s < THRESHOLD || title == Some(k)))
            .collect();
        // A page where every line would go keeps them all but its title: nothing reads as
        // the article, and an empty result helps no one.
        if remove.iter().all(|&r| r) {
            for (k, r) in remove.iter_mut().enumerate() {
                *r = title == Some(k);
            }
        }
        if page.plain_prose_words() < super::stages::MIN_PLAIN_PROSE_WORDS {
            keep_items(&mut remove, |k| scored.kind(k), title);
        }
        // The category of the scored line above when it is removed, and the first line
        // after it: the tiny lines between two scored lines (see `is_tiny`) go when both
        // go (at the page's edges, when the one scored line beside them goes), with the
        // category of the one above (below, at the top), as low content when that is a
        // title or a byline.
        let mut above: Option<Category> = None;
        let mut gap = 0;
        for (k, &r) in remove.iter().enumerate() {
            let i = page.index(k);
            let category = r.then(|| {
                let s = page.stat(k);
                let (kind, copies, side) = scored.kind_of(k, &s);
                match kind {
                    // The headline (`Cleaned::title`), and the `title` element above it.
                    _ if title == Some(k) => Category::Title,
                    _ if k == 0 && title.is_some() => Category::Metadata,
                    // The line's text read only when its words allow a byline.
                    _ if byline_words(&s) && is_byline(doc.line(i), &s) => Category::Byline,
                    _ if name_above_date(&scored, doc, k) => Category::Byline,
                    _ if name_below_stamp(&scored, doc, k) => Category::Byline,
                    k @ 1.. => FAMILIES[usize::from(k) - 1].category,
                    0 if copies > 1 => Category::Repeated,
                    _ if side < 0.0 => Category::Navigation,
                    _ if side == 1.0 => Category::Related,
                    _ => Category::LowContent,
                }
            });
            let tiny = match (k, above, category) {
                (0, _, Some(below)) => Some(below),
                (1.., Some(above), Some(_)) => Some(above),
                _ => None,
            };
            if let Some(c) = tiny {
                remove_tiny(doc, gap..i, id, c);
            }
            if let Some(c) = category {
                doc.remove(i, id, c);
            }
            (above, gap) = (category, i + 1);
        }
        if let Some(c) = above {
            remove_tiny(doc, gap..doc.len(), id, c);
        }
    }
}

/// Removes the tiny lines (the non-blank ones) of `lines`, lines between scored lines
/// (see [`is_tiny`]), as `category` (a title's or a byline's as low content).
fn remove_tiny(doc: &mut Doc<'_>, lines: std::ops::Range<usize>, id: RuleId, category: Category) {
    let category = match category {
        Category::Title | Category::Metadata | Category::Byline => Category::LowContent,
        c => c,
    };
    for i in lines {
        if !doc.line(i).is_empty() {
            doc.remove(i, id, category);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(line: &str) -> Stat {
        let mut s = Stat::default();
        let mut title = Title::default();
        title.set.insert(word_hash("nothing"));
        measure(
            line,
            &mut title,
            &mut Hashes::default(),
            &PHRASES.keys,
            &mut s,
        );
        s
    }

    fn page(text: &str) -> Page {
        run(&Doc::new(text), Stage::Phrases).page
    }

    /// A shop's category page: a heading over items of a name, a price and a rating, no
    /// prose at all.
    fn listing() -> String {
        let mut text = String::from("Garden Tools | Fernleaf Supply\n\n");
        for menu in [
            "Shop", "Garden", "Kitchen", "Lighting", "Outdoor", "Gifts", "Sale",
        ] {
            text.push_str(&format!("[{menu}](/{})\n", menu.to_lowercase()));
        }
        text.push_str("\n# Garden Tools\n\n");
        for (name, price) in [
            ("Steel Hand Trowel", "12.50"),
            ("Bypass Pruning Shears", "24.00"),
            ("Ash Handle Rake", "31.75"),
            ("Folding Kneeler Pad", "18.20"),
            ("Brass Hose Nozzle", "9.90"),
            ("Oak Seed Tray", "15.00"),
            ("Wide Leaf Scoop", "11.40"),
            ("Copper Plant Labels", "7.25"),
        ] {
            let slug = name.to_lowercase().replace(' ', "-");
            text.push_str(&format!(
                "* [{name}](/tools/{slug})\n  ${price} · Rated 4 of 5\n"
            ));
        }
        text.push_str("\n[About us](/about) [Careers](/careers) [Contact](/contact)\n");
        text.push_str("Sign up for our newsletter\n© 2026 Fernleaf Supply. All rights reserved.\n");
        text
    }

    #[test]
    fn a_page_without_prose_keeps_its_items() {
        let text = listing();
        assert!(page(&text).plain_prose_words() < crate::classifier::stages::MIN_PLAIN_PROSE_WORDS);
        // Lines: the `title` element, a menu link, the headline, an item, a phrase's
        // line, a repeated line; the trees would remove all of them.
        let kind = [
            (0, 1, -1.0),
            (0, 1, -1.0),
            (0, 1, 0.0),
            (0, 1, 0.0),
            (3, 1, 1.0),
            (0, 4, 1.0),
        ];
        let mut remove = [true; 6];
        keep_items(&mut remove, |k| kind[k], Some(2));
        assert_eq!(remove, [true, false, true, false, true, true]);
        // Without a headline the first line is an ordinary line.
        let mut remove = [true; 6];
        keep_items(&mut remove, |k| kind[k], None);
        assert_eq!(remove, [false, false, false, false, true, true]);
        // What the trees keep stays kept.
        let mut remove = [false; 6];
        keep_items(&mut remove, |k| kind[k], Some(2));
        assert_eq!(remove, [false; 6]);
        let cleaned = crate::Cleaner::fast().clean(&text);
        for item in [
            "Steel Hand Trowel",
            "Ash Handle Rake",
            "Copper Plant Labels",
        ] {
            assert!(
                cleaned.body().contains(item),
                "{item} kept:\n{}",
                cleaned.body()
            );
        }
    }

    #[test]
    fn tiny_lines_are_not_scored_and_go_with_the_lines_around_them() {
        for (line, tiny) in [
            ("a", true),
            ("TV", true),
            ("»", true),
            ("• • •", true),
            ("|---|---|", true),
            ("* * *", true),
            ("Top", false),
            ("« 1 »", false),
            ("東京", false),
            ("→ é", false),
        ] {
            assert_eq!(is_tiny(line, TINY_BYTES), tiny, "{line:?}");
        }
        // On a long page, lines under 12 bytes too.
        for (line, tiny) in [
            ("Home", true),
            ("Item 1234", true),
            ("東京都", true),
            ("Read more >", true),
            ("Read more »", false),
            ("東京都庁", false),
            ("—————————", true),
        ] {
            assert_eq!(is_tiny(line, LONG_TINY_BYTES), tiny, "{line:?}");
        }
        // A page of nothing but tiny lines scores none and keeps them all.
        let text = "a\n•\n\nTV\n".repeat(500);
        assert_eq!(page(&text).len(), 0);
        assert!(crate::Cleaner::fast().clean(&text).removed().is_empty());
        // Tiny lines among scored ones: a tiny line goes when the scored lines above and
        // below it go (the one beside it at the page's edges), and only then.
        let mut text = String::from("»\n");
        for (k, line) in listing()
            .lines()
            .chain(include_str!("../../examples/sample.txt").lines())
            .enumerate()
        {
            text.push_str(line);
            text.push('\n');
            text.push_str(["•", "1", "", "* * *"][k % 4]);
            text.push('\n');
        }
        let doc = Doc::whole_lines(&text);
        let cleaned = crate::Cleaner::fast().clean(&text);
        let removed = |i: usize| {
            let at = doc.start(i);
            cleaned
                .removed()
                .iter()
                .any(|r| r.span.start <= at && at < r.span.end)
        };
        let scored: Vec<usize> = (0..doc.len())
            .filter(|&i| !doc.line(i).is_empty() && !is_tiny(doc.line(i), TINY_BYTES))
            .collect();
        assert_eq!(page(&text).len(), scored.len());
        let (mut tiny, mut gone) = (0, 0);
        for i in
            (0..doc.len()).filter(|&i| !doc.line(i).is_empty() && is_tiny(doc.line(i), TINY_BYTES))
        {
            let above = scored.iter().rev().find(|&&j| j < i).map(|&j| removed(j));
            let below = scored.iter().find(|&&j| j > i).map(|&j| removed(j));
            let expected = match (above, below) {
                (Some(a), Some(b)) => a && b,
                (Some(x), None) | (None, Some(x)) => x,
                (None, None) => false,
            };
            assert_eq!(removed(i), expected, "line {i} {:?}", doc.line(i));
            tiny += 1;
            gone += usize::from(expected);
        }
        assert!(
            gone > 0 && gone < tiny,
            "{gone} of {tiny} tiny lines removed"
        );
    }

    #[test]
    fn title_parts_split_as_str_split_does() {
        fn reference(first: &str) -> Vec<&str> {
            let mut parts: Vec<&str> = vec![first];
            for sep in TITLE_SEPARATORS {
                parts = parts.iter().flat_map(|p| p.split(sep)).collect();
            }
            parts
        }
        for first in [
            "Headline | Site",
            "a - | b",
            "a | - b - c",
            " | a |  | b | ",
            "Post - Forum - Site :: Board · Home — Docs – x",
            "no separator here",
            "a -  - b — – c",
            "",
            " - ",
        ] {
            assert_eq!(split_parts(first), reference(first), "{first:?}");
        }
    }

    #[test]
    fn plain_prose_words_leave_out_link_lines() {
        let prose = "The council met on Tuesday and agreed to rebuild the harbour wall before the winter storms arrive.";
        let linked = "[The council met on Tuesday and agreed to rebuild the harbour wall before winter](/news/harbour-wall-rebuild)";
        let p = page(&format!("{prose}\n\n{linked}\n"));
        assert_eq!(p.plain_prose_words(), 17);
    }

    #[test]
    fn measures_words_stopwords_and_capitals() {
        let s = stat("The Mayor said the bridge would reopen in May, 2027.");
        assert_eq!(s.words, 10);
        assert_eq!(s.stop, 5, "The, said, the, would, in");
        assert_eq!(s.caps, 3, "The, Mayor, May");
        assert_eq!(s.leading_caps, 2);
        assert_eq!(s.digits, 4);
        assert_eq!(s.commas, 1);
    }

    #[test]
    fn typographic_punctuation_is_not_a_letter() {
        let plain = stat("It's \"the\" end - of it");
        let curly = stat("It’s “the” end – of it");
        assert_eq!(curly.words, plain.words);
        assert_eq!(curly.stop, plain.stop);
        assert_eq!(curly.letters, plain.letters);
        assert_eq!(curly.punct, plain.punct);
    }

    #[test]
    fn non_ascii_words_are_lower_cased_for_stopwords() {
        let s = stat("Über die Brücke und über den Fluss");
        assert_eq!(s.words, 7);
        assert_eq!(s.stop, 3, "die, und, den");
        assert_eq!(s.caps, 3);
        let ru = stat("ОН сказал, что это было");
        assert_eq!(ru.stop, stat("он сказал, что это было").stop);
        assert!(ru.stop >= 2, "что, это");
    }

    #[test]
    fn latin_and_cyrillic_letters_agree_with_the_unicode_tables() {
        let hangul = 0xAC00..0xD7B0u32;
        for c in (0x80..0x500u32).chain(hangul).filter_map(char::from_u32) {
            if let Some((upper, lower)) = letter_case(c) {
                assert!(
                    c.is_alphabetic() && !c.is_numeric() && !text::is_cjk(c),
                    "{c}"
                );
                assert_eq!(upper, c.is_uppercase(), "{c}");
                let l: Vec<char> = c.to_lowercase().collect();
                assert_eq!(l, [char::from_u32(lower).unwrap()], "{c}");
            }
        }
    }

    #[test]
    fn hashes_sharing_their_slot_bits_spread_over_a_word_set() {
        // Unkeyed, these 20,000 hashes (equal in bits 32..48) would share one run of
        // slots; scrambled, the longest probe stays short.
        let mut set = WordSet::default();
        for i in 0..20_000u64 {
            set.insert(0x1234_5678_0000_0000 | (i << 48) | i);
        }
        assert_eq!(set.len(), 20_000);
        assert!(set.reach < 64, "reach {}", set.reach);
        let pairs = TwoChoices::new(set.slots.iter().filter(|&&k| k != 0), set.len());
        assert!(pairs.is_some());
    }

    #[test]
    fn a_table_of_two_choices_holds_what_a_word_set_holds() {
        let mut next = crate::testing::xorshift(0x9e37_79b9_7f4a_7c15u64);
        let hashes: Vec<u64> = (0..3000).map(|_| next()).collect();
        // Repeats, and the hash 0 (stored as 1, as `WordSet` stores it).
        let kept: Vec<u64> = hashes[..1500]
            .iter()
            .chain(&hashes[..9])
            .chain(&[0])
            .copied()
            .collect();
        let pairs = TwoChoices::new(kept.iter(), kept.len()).unwrap();
        let mut set = WordSet::default();
        for &h in &kept {
            set.insert(h);
        }
        for &h in hashes.iter().chain(&[0, 1, 2]) {
            assert_eq!(pairs.contains(h), set.contains(h), "{h}");
        }
    }

    #[test]
    fn stopwords_and_keys_fit_a_table_of_two_choices() {
        let words = &PHRASES.keys.words;
        assert!(words.pairs.is_some());
        for (&h, &f) in words.set.slots.iter().zip(&words.flags) {
            if h != 0 {
                assert_eq!(words.get(h), f);
            }
        }
        for w in ["the", "und", "subscribe", "zebra", "boilerplate"] {
            let h = word_hash(w);
            assert_eq!(
                words.get(h),
                words.set.find(h).map_or(0, |i| words.flags[i]),
                "{w}"
            );
        }
    }

    #[test]
    fn stopwords_fit_a_table_of_two_choices_under_every_key() {
        let mut next = crate::testing::xorshift(0x77);
        // The stopwords and every word of the phrases (more than the phrase keys).
        let phrase_words = FAMILIES
            .iter()
            .flat_map(|f| f.phrases.iter())
            .flat_map(|p| {
                p.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
            });
        let mut words: Vec<&str> = stopwords::all_words().chain(phrase_words).collect();
        words.sort_unstable();
        words.dedup();
        let mut misses = 0;
        for _ in 0..400 {
            let key = WordKey::new(|_| next());
            let hashed: Vec<(u64, u8)> = words
                .iter()
                .map(|w| (word_hash_with(w, key), STOP))
                .collect();
            misses += usize::from(WordFlags::new(&hashed).pairs.is_none());
        }
        assert!(words.len() > 400 && 2 * words.len() < PAIRS);
        assert_eq!(misses, 0, "{} words", words.len());
    }

    #[test]
    fn word_hashes_are_keyed_and_agree_with_measure() {
        let mut next = crate::testing::xorshift(0x1234);
        let (a, b) = (WordKey::new(|_| next()), WordKey::new(|_| next()));
        for w in ["harbour", "Über", "the", "x"] {
            assert_ne!(word_hash_with(w, a), word_hash_with(w, b), "{w}");
        }
        for k in [a, b, *WORD_KEY] {
            assert_eq!(k.mul & 1, 1);
            assert!((24..=40).contains(&k.mul.count_ones()));
        }
        // `measure` keeps a line's content words with the hashes `word_hash` gives them.
        let mut content = Hashes::default();
        let mut title = Title::default();
        title.set.insert(1);
        let line = "Harbour WALL Über брücke 2027";
        measure(
            line,
            &mut title,
            &mut content,
            &PHRASES.keys,
            &mut Stat::default(),
        );
        let want: Vec<u64> = ["harbour", "wall", "über", "брücke", "2027"]
            .iter()
            .map(|w| word_hash(w))
            .collect();
        assert_eq!(content.as_slice(), &want[..]);
    }

    #[test]
    fn cjk_characters_count_two_to_a_word() {
        let s = stat("東京都は月曜日に発表した");
        assert_eq!(s.cjk, 12);
        assert_eq!(s.words, 6);
    }

    #[test]
    fn link_text_and_targets_count_as_link() {
        assert_eq!(stat("no links here at all").link, 0);
        let s = stat("see https://example.com/a now");
        assert_eq!(s.link, "https://example.com/a".len() as u32);
        let md = stat("[Read the report](https://example.com/r) today");
        assert_eq!(
            md.link,
            "[Read the report](https://example.com/r)".len() as u32
        );
    }

    #[test]
    fn every_line_holding_a_phrase_is_flagged_for_the_scan() {
        let keys = &PHRASES.keys;
        assert!(!keys.all, "every built-in phrase has a key");
        for f in FAMILIES {
            for p in f.phrases {
                let upper = p.to_ascii_uppercase();
                for line in [
                    p.to_string(),
                    format!("Please {p} now"),
                    format!("({upper})"),
                    format!("x {p}."),
                ] {
                    if is_tiny(&line, TINY_BYTES) {
                        continue; // not scored ("ad", "©" alone)
                    }
                    let page = page(&line);
                    let s = &page.stat(0);
                    assert!(s.phrase_key, "{line:?} not flagged");
                    assert!(s.phrase_hits > 0, "{line:?} not found");
                }
            }
        }
        // A line without any phrase's key word is not scanned.
        let plain = page("The river rose two metres overnight");
        assert!(!plain.stat(0).phrase_key);
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let p = page("Subscribe to our newsletter\nShareholders met on Friday\nShare this\n©2025 The Daily\n");
        let hits: Vec<(u32, u8)> = p.stats().map(|s| (s.phrase_hits, s.phrase_kind)).collect();
        assert_eq!(hits[0].0, 2);
        assert_eq!(
            FAMILIES[usize::from(hits[0].1) - 1].category,
            Category::Subscribe
        );
        assert_eq!(hits[1].0, 0, "share inside shareholders is no hit");
        assert_eq!(
            FAMILIES[usize::from(hits[2].1) - 1].category,
            Category::Share
        );
        assert_eq!(
            FAMILIES[usize::from(hits[3].1) - 1].category,
            Category::Footer
        );
    }

    /// Lines of 24 bytes sharing their first 19 (issue 24's flood: an unkeyed hash of
    /// them varies in bits a table does not use).
    fn shared_prefix_lines(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("{}{:05}", "a".repeat(19), i * 7919 % 100_000))
            .collect()
    }

    #[test]
    fn counting_copies_probes_a_bounded_number_of_slots_per_line() {
        for lines in [
            shared_prefix_lines(50_000),
            // Shared suffix, and each line three times.
            (0..60_000)
                .map(|i| format!("{:05}{}", i / 3, "b".repeat(19)))
                .collect(),
        ] {
            let n = lines.len();
            let (copies, probes) = line_copies(n, |k| &lines[k]);
            assert!(probes <= 3 * n, "{probes} probes for {n} lines");
            let mut want = std::collections::HashMap::new();
            for l in &lines {
                *want.entry(l).or_insert(0u32) += 1;
            }
            for (l, c) in lines.iter().zip(&copies) {
                assert_eq!(*c, want[l], "{l}");
            }
        }
    }

    #[test]
    fn copies_are_decided_on_equal_bytes() {
        // Distinct lines are never copies, whatever their hashes; equal ones always are.
        let lines = ["Menu", "menu", "Menu ", "Menu", "Men", "Menu"];
        let (copies, _) = line_copies(lines.len(), |k| lines[k]);
        assert_eq!(copies, [3, 1, 1, 3, 1, 3]);
    }

    #[test]
    fn a_title_of_many_parts_is_searched_in_linear_work() {
        for n in [3usize, 8, 9, 2_000] {
            let parts: Vec<String> = (0..n).map(|i| format!("Part {i}")).collect();
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            // Lines that match no part, then the last part and the second (upper case).
            let mut lines: Vec<String> = (0..n).map(|i| format!("Line {i}")).collect();
            lines.push(parts[n - 1].to_owned());
            lines.push(parts[1].to_uppercase());
            lines.push(parts[n - 1].to_owned());
            let numbered = lines.iter().enumerate().map(|(k, l)| (k + 1, l.as_str()));
            let (found, work) = find_part(&parts, numbered.clone());
            // The earliest part any line is (the second), at its first line.
            assert_eq!(found, Some(n + 2), "{n} parts");
            let naive = parts.iter().find_map(|p| {
                numbered
                    .clone()
                    .find(|(_, l)| l.eq_ignore_ascii_case(p))
                    .map(|(k, _)| k)
            });
            assert_eq!(found, naive);
            assert!(
                work <= FEW_PARTS * lines.len() + parts.len(),
                "{work} for {n} parts"
            );
        }
    }

    #[test]
    fn copies_and_blocks() {
        let p = page("Menu\n\nMenu\nA line\n\n\nMenu\n");
        let copies: Vec<u32> = p.stats().map(|s| s.copies).collect();
        assert_eq!(copies, [3, 3, 1, 3]);
        let starts: Vec<bool> = p.stats().map(|s| s.blank_before).collect();
        assert_eq!(starts, [true, true, false, true]);
        let around: Vec<u8> = p.stats().map(|s| s.blank_around).collect();
        assert_eq!(around, [2, 1, 1, 1]);
    }

    #[test]
    fn region_is_the_run_of_prose() {
        let prose =
            "The council voted on Tuesday to keep the old library open for another ten years.";
        let text = format!(
            "Home\nNews\nSport\n{prose}\n{prose}\nPhoto\n{prose}\nMore stories\nContact\nJobs\n"
        );
        let p = page(&text);
        assert_eq!(p.region(), Some((3, 6)));
        assert_eq!(page("Home\nNews\n").region(), None);
    }

    #[test]
    fn title_is_the_first_heading_or_the_first_line() {
        let fast = crate::Cleaner::fast();
        let prose = "The river rose two metres overnight and flooded the lower town, the mayor said on Sunday.";
        let md = format!("[Home](/) [World](/world)\n\n# River floods lower town\n\n{prose}\n");
        assert_eq!(fast.clean(&md).title(), Some("River floods lower town"));
        let text = format!("River floods lower town - The Courier\nHome\n\n{prose}\n");
        let cleaned = fast.clean(&text);
        assert_eq!(
            cleaned.title(),
            Some("River floods lower town - The Courier")
        );
        assert!(!cleaned.body().contains("The Courier"));
        // A headline holding the first line's words is the title; the first line (the
        // `title` element) is reported as a title span too.
        let both = format!(
            "River floods lower town - The Courier\nHome\n\nRiver floods lower town\n\n{prose}\n"
        );
        let cleaned = fast.clean(&both);
        assert_eq!(cleaned.title(), Some("River floods lower town"));
        assert_eq!(cleaned.removed()[0].category, Category::Title);
        // A short headline equal to a part of the first line (not the last, the site's);
        // the leading part's line comes first, even below another part's.
        let short = format!(
            "Tents | Camping | Outdoor Shop\nOutdoor Shop\nCamping\n\n## Tents\n\n{prose}\n"
        );
        assert_eq!(fast.clean(&short).title(), Some("Tents"));
        assert_eq!(part_headline(&page(&short), &Doc::new(&short)), Some(3));
        // A long question is a title, a long sentence is not.
        let question = format!("Do small towns still need a printed newspaper in the age of phones?\nHome\n\n{prose}\n");
        assert_eq!(
            fast.clean(&question).title(),
            Some("Do small towns still need a printed newspaper in the age of phones?")
        );
        let sentence = format!("Small towns still need a printed newspaper in the age of phones, the mayor said.\nHome\n\n{prose}\n");
        assert_eq!(fast.clean(&sentence).title(), None);
        // A heading's anchor mark is not part of its text.
        let anchored = format!("Flood maps — Town Docs\nHome\nFlood maps¶\n\n{prose}\n");
        assert_eq!(
            part_headline(&page(&anchored), &Doc::new(&anchored)),
            Some(2)
        );
        // Below a menu longer than the page's first three fifths, a level-one heading.
        let menu: String = (0..12)
            .map(|k| format!("* [Section {k}](/s/{k})\n"))
            .collect();
        let long_menu = format!("{menu}\n# River floods lower town\n\n{prose}\n");
        assert_eq!(
            fast.clean(&long_menu).title(),
            Some("River floods lower town")
        );
        let site_only = format!("Tents | Outdoor Shop\nOutdoor Shop\n\n{prose}\n");
        assert_eq!(
            part_headline(&page(&site_only), &Doc::new(&site_only)),
            None
        );
    }

    #[test]
    fn a_bare_name_above_a_date_is_the_byline() {
        let prose = "The river rose two metres overnight and flooded the lower town, the mayor said on Sunday. Volunteers filled sandbags until dawn while the fire brigade pumped out cellars along the quay.";
        let text = format!(
            "River floods lower town | The Courier\nHome\nNews\n\nRiver floods lower town\nJane Doe\nMay 2, 2025\n\n{prose}\n\n{prose}\n"
        );
        let cleaned = crate::Cleaner::fast().clean(&text);
        assert_eq!(cleaned.byline(), Some("Jane Doe"));
        assert!(is_name("Jane Doe", &stat("Jane Doe")));
        for l in [
            "Contact us",
            "Jane Doe 2025",
            "[Jane Doe](/a)",
            "Jane",
            "May Day",
        ] {
            assert!(!is_name(l, &stat(l)), "{l}");
        }
    }

    #[test]
    fn the_asker_under_the_asked_stamp_is_a_byline() {
        let prose = "The river rose two metres overnight and flooded the lower town, the mayor said on Sunday.";
        let at = |text: &str, line: &str| {
            let doc = Doc::new(text);
            let scored = score(&doc);
            let k = (0..scored.page.len())
                .find(|&k| doc.line(scored.page.index(k)) == line)
                .expect("the line");
            name_below_stamp(&scored, &doc, k)
        };
        for name in ["riverfan42", "[riverfan42](/users/7/riverfan42)"] {
            let text = format!("How high will the river rise?\n{prose}\nasked Feb 11, 2011 at 23:49\n![avatar](/a.png)\n{name}\n159 1 1 silver badge\n");
            assert!(at(&text, name), "{name}");
        }
        // Not under a stamp, and a date is no name.
        let text = format!("How high will the river rise?\n{prose}\nriverfan42\nasked Feb 11, 2011 at 23:49\nFeb 12, 2011\n");
        assert!(!at(&text, "riverfan42"));
        assert!(!at(&text, "Feb 12, 2011"));
    }

    #[test]
    fn bylines() {
        for l in [
            "By Jane Doe",
            "by Jane Doe and John Roe",
            "**By [Jane Doe](/a/jd)**",
            "Written by J. Doe",
            "Written By: Jane Doe, Senior Editor",
            "Posted by Jane Doe on May 2, 2025",
            "By Jane Doe. Last updated on 11 December 2025",
            "Jane Doe | May 2, 2025",
            "Jane Q. Doe • 2 hours ago, 2025",
            "[Jane Doe](https://news.example/authors/jane-doe) 5 min read",
        ] {
            assert!(is_byline(l, &stat(l)), "{l}");
        }
        for l in [
            "By the river the town waited for the water to fall again",
            "Bye now",
            "By",
            "Posted by",
            "Updated May 2, 2025 | News",
            "Home | May 2025",
            "Sports | Local News | 2025",
        ] {
            assert!(!is_byline(l, &stat(l)), "{l}");
        }
    }

    #[test]
    fn runs_are_the_lengths_of_runs_of_equal_shapes() {
        // Every sequence of up to 8 items over 3 shapes, against a plain count.
        for len in 0..=8u32 {
            for code in 0..3u32.pow(len) {
                let shapes: Vec<u8> = (0..len).map(|k| (code / 3u32.pow(k) % 3) as u8).collect();
                let plain: Vec<u32> = (0..shapes.len())
                    .map(|k| {
                        let before = shapes[..k].iter().rev().take_while(|&&s| s == shapes[k]);
                        let after = shapes[k..].iter().take_while(|&&s| s == shapes[k]);
                        (before.count() + after.count()) as u32
                    })
                    .collect();
                assert_eq!(runs(&shapes), plain, "{shapes:?}");
            }
        }
    }

    #[test]
    fn a_sealed_title_holds_what_its_set_holds() {
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1du64);
        for n in [0usize, 1, 5, 40] {
            let mut title = Title::default();
            // The hashes 0 and 1 among them (both stored as 1).
            let randoms = (0..n.saturating_sub(2)).map(|_| next());
            let words: Vec<u64> = randoms.chain([0, 1]).take(n).collect();
            for &h in &words {
                title.set.insert(h);
            }
            let unsealed: Vec<bool> = words.iter().map(|&h| title.contains(h)).collect();
            title.seal();
            assert_eq!(title.pairs.is_some(), n > 0, "{n} words");
            for &h in words.iter().chain(&[2, 3, next(), next()]) {
                assert_eq!(title.contains(h), title.set.contains(h), "{h}");
            }
            assert!(unsealed.iter().all(|&c| c));
        }
    }

    #[test]
    fn hashes_keep_only_what_is_kept() {
        let mut h = Hashes::default();
        let mut kept = Vec::new();
        for k in 0..1000u64 {
            if k % 50 == 0 {
                h.reserve(50);
            }
            let keep = k % 3 != 0;
            h.push_if(k, keep);
            if keep {
                kept.push(k);
            }
            assert_eq!(h.as_slice(), &kept[..]);
        }
        assert_eq!(h.into_vec(), kept);
    }

    #[test]
    fn cohesion_is_the_share_of_a_line_s_words_in_the_main_text() {
        let p = page(
            "Menu Home News\n\
             The river rose two metres overnight after the storm, flooding the old town.\n\
             Residents of the old town were moved to the school as the river kept rising.\n\
             Stock prices fell\n\
             of the and",
        );
        let region = p.region();
        let c = p.cohesion(region);
        // Every line against a plain count of its content words found in the prose lines.
        let (a, b) = region.unwrap();
        let end: Vec<usize> = p
            .stats()
            .scan(0, |end, s| {
                *end += s.content as usize;
                Some(*end)
            })
            .collect();
        let words = |k: usize| &p.content[k.checked_sub(1).map_or(0, |j| end[j])..end[k]];
        let prose: Vec<u64> = (a..=b)
            .filter(|&k| p.stat(k).prose)
            .flat_map(|k| words(k).to_vec())
            .collect();
        assert_eq!(c.len(), p.len());
        for (k, &got) in c.iter().enumerate() {
            let w = words(k);
            let want = if w.is_empty() {
                -1.0
            } else {
                w.iter().filter(|h| prose.contains(h)).count() as f32 / w.len() as f32
            };
            assert_eq!(got, want, "line {k}");
        }
        assert_eq!(c[4], -1.0, "stopwords only");
        assert!(c[1] == 1.0 && c[0] < 1.0);
    }

    #[test]
    fn the_stages_compute_what_the_engine_does() {
        let text = "Home\nNews\nSport\nWeather\n\n# Library stays open\n\n\
            The council voted on Tuesday to keep the old library open for at least another \
            five years, after a petition signed by more than four thousand residents.\n\n\
            Officials said the building needs a new roof and that the repairs would be paid \
            for out of the reserve fund rather than by raising local taxes this year.\n\n\
            The head librarian told reporters that visits had doubled since the reading room \
            began opening in the evenings, and that the children's section was always full.\n\n\
            Share this article\nSign up for our newsletter\nHome\nNews\nSport\nWeather\n\
            Privacy policy\nTerms of use\n";
        let doc = Doc::new(text);
        let scored = score(&doc);
        let removed = scored.second.iter().filter(|&&s| s < THRESHOLD).count();
        assert!(removed > 0 && removed < scored.page.len());
        assert_eq!(run_until(&doc, Stage::Second), removed);
        let mut first = Vec::new();
        FIRST.score_all(&run(&doc, Stage::Rows).rows, |_| true, &mut first);
        let first = first.iter().filter(|&&f| f < THRESHOLD).count();
        assert_eq!(run_until(&doc, Stage::First), first);
        let content = scored.page.len() + scored.page.content.len();
        assert_eq!(run_until(&doc, Stage::Bytes), content);
    }

    #[test]
    fn scoring_by_blocks_gives_what_scoring_every_row_at_once_gives() {
        let mut next = crate::testing::xorshift(0x5eed_1234_abcd_9876u64);
        let words = [
            "council", "library", "the", "voted", "Home", "News", "share", "a",
        ];
        let mut text = String::new();
        for _ in 0..(2 * ROW_BLOCK + 123) {
            let n = 1 + (next() % 20) as usize;
            for w in 0..n {
                text.push_str(words[(next() % 8) as usize]);
                text.push(if w + 1 == n { '.' } else { ' ' });
            }
            text.push('\n');
        }
        let doc = Doc::new(&text);
        let done = run(&doc, Stage::Second);
        let rows = run(&doc, Stage::Rows).rows;
        assert!(rows.len() > 2 * ROW_BLOCK);
        let mut first = Vec::new();
        FIRST.score_all(&rows, |_| true, &mut first);
        assert_eq!(done.first, first);
        let stacked = reference_stacked(&done.page, &rows, &first, done.region);
        let mut second = Vec::new();
        SECOND.score_all(&stacked, |_| true, &mut second);
        assert_eq!(done.second, second);
    }

    /// The first-stage rows as the engine computed them from tables of the whole page
    /// (prefix sums, runs, blocks) before it read them from running values.
    fn reference_rows(page: &Page, doc_lines: usize) -> Vec<[f32; N_FAST]> {
        let mut rows = Vec::new();
        let mut emit = |row| rows.push(row);
        let st: &Vec<Stat> = &page.stats().collect();
        let mut block_of = Vec::new();
        for (k, s) in st.iter().enumerate() {
            let last = block_of.last().copied().unwrap_or(0);
            block_of.push(if k > 0 && s.blank_before {
                last + 1
            } else {
                last
            });
        }
        let n = st.len();
        let table = &*LN1P;
        let ln1p = |n: u32| ln1p_in(table, n);
        let region = page.region();
        let (r0, r1) = region.unwrap_or((n, n));
        // Prefix sums over the lines: prose lines, prose words, phrase lines.
        let mut prose_lines = vec![0u32; n + 1];
        let mut prose_words = vec![0u32; n + 1];
        let mut phrase_lines = vec![0u32; n + 1];
        let mut log_words = vec![0f32; n + 1];
        for (k, s) in st.iter().enumerate() {
            prose_lines[k + 1] = prose_lines[k] + u32::from(s.prose);
            prose_words[k + 1] = prose_words[k] + if s.prose { s.words } else { 0 };
            phrase_lines[k + 1] = phrase_lines[k] + u32::from(s.phrase_hits > 0);
            log_words[k + 1] = log_words[k] + ln1p(s.words);
        }
        let words: u32 = st.iter().map(|s| s.words).sum();
        let doc_chars: u32 = st.iter().map(|s| s.chars).sum::<u32>().max(1);
        let link: u32 = st.iter().map(|s| s.link).sum();
        let short = st.iter().filter(|s| s.words <= 3).count();
        let region_words: u32 = region.map_or(0, |(a, b)| st[a..=b].iter().map(|s| s.words).sum());
        // Blocks: first and last line of each.
        let blocks = block_of.last().map_or(0, |&b| b as usize + 1);
        let mut block_span = vec![(usize::MAX, 0usize); blocks];
        let mut block_words = vec![0u32; blocks];
        for (k, s) in st.iter().enumerate() {
            let b = &mut block_span[block_of[k] as usize];
            b.0 = b.0.min(k);
            b.1 = k;
            block_words[block_of[k] as usize] += s.words;
        }
        // Runs of lines of the same coarse shape (cards of a listing).
        let shape = |s: &Stat| {
            // 0-1 words, 2-3, 4-7, 8-15, more (without branches).
            let len = (s.words | 1).ilog2().min(4) as u8;
            len | u8::from(s.sentence) << 3
                | u8::from(s.link > 0) << 4
                | u8::from(s.digits > 0) << 5
        };
        // Without a branch on whether neighbours match (the page decides: mispredicted).
        let shapes: Vec<u8> = st.iter().map(shape).collect();
        let run = runs(&shapes);
        let doc_run_share = run.iter().filter(|&&r| r >= 3).count() as f32 / n.max(1) as f32;
        let doc_copies_share = st.iter().filter(|s| s.copies >= 2).count() as f32 / n.max(1) as f32;
        // Labels printed once per card of a grid ("Add to cart", "Read more"): short lines
        // with four copies or more. Each line's distance to the nearest one above and below.
        let label = |s: &Stat| s.copies >= 4 && s.words <= 6;
        let mut label_above = vec![u32::MAX; n];
        let mut label_below = vec![u32::MAX; n];
        let mut last = None;
        for (k, s) in st.iter().enumerate() {
            if let Some(j) = last {
                label_above[k] = (k - j) as u32;
            }
            if label(s) {
                last = Some(k);
            }
        }
        last = None;
        for (k, s) in st.iter().enumerate().rev() {
            if let Some(j) = last {
                label_below[k] = (j - k) as u32;
            }
            if label(s) {
                last = Some(k);
            }
        }
        // The headline: the first line after the first that is mostly the title's words.
        let headline = page.headline();
        // Short lines naming the comments or a related list, and the last prose line.
        let family_of = |s: &Stat| {
            (s.phrase_kind > 0 && s.words <= 6)
                .then(|| FAMILIES[usize::from(s.phrase_kind) - 1].category)
        };
        let mut comment_marks = vec![0u32; n + 1];
        let mut related_marks = vec![0u32; n + 1];
        let mut last_comment = vec![u32::MAX; n];
        let mut last_related = vec![u32::MAX; n];
        let mut after_prose = vec![0u32; n];
        let (mut lc, mut lr, mut lp) = (None, None, None);
        for (k, s) in st.iter().enumerate() {
            let f = family_of(s);
            comment_marks[k + 1] = comment_marks[k] + u32::from(f == Some(Category::Comments));
            related_marks[k + 1] = related_marks[k] + u32::from(f == Some(Category::Related));
            if let Some(j) = lc {
                last_comment[k] = (k - j) as u32;
            }
            if let Some(j) = lr {
                last_related[k] = (k - j) as u32;
            }
            if let Some(j) = lp {
                after_prose[k] = (k - j) as u32;
            }
            if f == Some(Category::Comments) {
                lc = Some(k);
            }
            if f == Some(Category::Related) {
                lr = Some(k);
            }
            if s.prose {
                lp = Some(k);
            }
        }
        let far = |d: u32| if d == u32::MAX { -1.0 } else { ln1p(d) };
        let cohesion = page.cohesion(region);
        let total_prose = prose_words[n].max(1) as f32;
        // Page-wide values, the same on every row.
        let (log_doc_words, log_doc_lines) = (ln1p(words), ln1p(doc_lines as u32));
        let doc_prose_share = prose_words[n] as f32 / words.max(1) as f32;
        for (k, s) in st.iter().enumerate() {
            let w = s.words.max(1) as f32;
            let chars = s.chars.max(1) as f32;
            let prev = k.checked_sub(1).map(|j| &st[j]);
            let next = st.get(k + 1);
            let (a, b) = (k.saturating_sub(3), (k + 4).min(n));
            let window = (b - a) as f32;
            let (b0, b1) = block_span[block_of[k] as usize];
            let block_words = block_words[block_of[k] as usize];
            let block_prose = prose_lines[b1 + 1] - prose_lines[b0];
            let (side, dist) = if k < r0 {
                (-1.0, r0 - k)
            } else if k > r1 {
                (1.0, k - r1)
            } else {
                (0.0, 0)
            };
            let (side, dist) = if r0 >= n { (2.0, n) } else { (side, dist) };
            emit([
                ln1p(s.chars),
                ln1p(s.words),
                f32::from(u8::from(s.sentence)),
                s.stop as f32 / w,
                s.caps as f32 / w,
                s.digits as f32 / chars,
                s.punct as f32 / chars,
                s.link as f32 / chars,
                f32::from(u8::from(s.bullet)),
                f32::from(u8::from(s.heading)),
                f32::from(u8::from(s.image_only)),
                f32::from(u8::from(s.table_row)),
                s.upper as f32 / s.letters.max(1) as f32,
                s.word_chars as f32 / w,
                s.commas as f32 / w,
                s.separators as f32 / w,
                f32::from(u8::from(s.starts_lower)),
                ln1p(s.phrase_hits),
                s.phrase_bytes as f32 / chars,
                f32::from(s.phrase_kind),
                ln1p(s.copies.saturating_sub(1)),
                f32::from(u8::from(s.prose)),
                s.cjk as f32 / chars,
                prev.map_or(-1.0, |p| ln1p(p.words)),
                prev.map_or(-1.0, |p| f32::from(u8::from(p.sentence))),
                next.map_or(-1.0, |p| ln1p(p.words)),
                next.map_or(-1.0, |p| f32::from(u8::from(p.sentence))),
                (prose_lines[b] - prose_lines[a]) as f32 / window,
                (log_words[b] - log_words[a]) / window,
                f32::from(s.blank_around),
                ln1p((b1 - b0 + 1) as u32),
                ln1p(block_words),
                block_prose as f32 / (b1 - b0 + 1) as f32,
                f32::from(u8::from(side == 0.0)),
                ln1p(dist as u32),
                side,
                k as f32 / n as f32,
                prose_words[k] as f32 / total_prose,
                ln1p(prose_lines[k]),
                ln1p(prose_lines[n] - prose_lines[k + 1]),
                log_doc_words,
                doc_prose_share,
                log_doc_lines,
                link as f32 / doc_chars as f32,
                short as f32 / n as f32,
                ln1p(run[k]),
                region_words as f32 / words.max(1) as f32,
                (phrase_lines[b] - phrase_lines[a]) as f32 / window,
                prev.map_or(-1.0, |p| f32::from(u8::from(p.phrase_hits > 0))),
                next.map_or(-1.0, |p| f32::from(u8::from(p.phrase_hits > 0))),
                f32::from(u8::from(s.caps == s.words && s.words > 0)),
                ln1p(s.leading_caps),
                s.title_overlap(),
                headline.map_or(2.0, |h| (k as f32 - h as f32).signum()),
                headline.map_or(-1.0, |h| ln1p(k.abs_diff(h) as u32)),
                ln1p(comment_marks[k]),
                far(last_comment[k]),
                ln1p(related_marks[k]),
                far(last_related[k]),
                ln1p(after_prose[k]),
                cohesion[k],
                doc_copies_share,
                doc_run_share,
                far(label_above[k]),
                far(label_below[k]),
            ]);
        }
        rows
    }

    fn runs(shapes: &[u8]) -> Vec<u32> {
        let n = shapes.len();
        let mut run = vec![1u32; n];
        for k in 1..n {
            run[k] = 1 + u32::from(shapes[k] == shapes[k - 1]) * run[k - 1];
        }
        let mut after = 1u32;
        for k in (0..n.saturating_sub(1)).rev() {
            after = 1 + u32::from(shapes[k] == shapes[k + 1]) * after;
            run[k] += after - 1;
        }
        run
    }

    /// The second-stage rows as the engine computed them from tables of the whole page, from
    /// the first-stage `rows`.
    fn reference_stacked(
        page: &Page,
        rows: &[[f32; N_FAST]],
        scores: &[f32],
        region: Option<(usize, usize)>,
    ) -> Vec<[f32; N_FAST2]> {
        let stats: Vec<Stat> = page.stats().collect();
        let mut block_of = Vec::new();
        for (k, s) in stats.iter().enumerate() {
            let last = block_of.last().copied().unwrap_or(0);
            block_of.push(if k > 0 && s.blank_before {
                last + 1
            } else {
                last
            });
        }
        let n = scores.len();
        let mut prefix = vec![0f32; n + 1];
        for (k, &s) in scores.iter().enumerate() {
            prefix[k + 1] = prefix[k] + s;
        }
        let mean = |a: usize, b: usize| {
            if b > a {
                (prefix[b] - prefix[a]) / (b - a) as f32
            } else {
                0.0
            }
        };
        let region_mean = region.map_or(0.0, |(a, b)| mean(a, b + 1));
        let doc_mean = mean(0, n);
        let blocks = block_of.last().map_or(0, |&b| b as usize + 1);
        let mut block_span = vec![(usize::MAX, 0usize); blocks];
        for k in 0..stats.len() {
            let b = &mut block_span[block_of[k] as usize];
            b.0 = b.0.min(k);
            b.1 = k;
        }
        let block_mean: Vec<f32> = block_span
            .iter()
            .map(|&(b0, b1)| mean(b0, b1 + 1))
            .collect();
        // The least and greatest of every four scores in a row: a window of four to seven is
        // two of them (overlapping). Scores are finite sums and a zero's sign is nothing to a
        // tree, so the result is the fold's over the window.
        let fours = |f: fn(f32, f32) -> f32| -> Vec<f32> {
            let pairs: Vec<f32> = scores.windows(2).map(|w| f(w[0], w[1])).collect();
            pairs.windows(3).map(|w| f(w[0], w[2])).collect()
        };
        let (low4, high4) = (fours(f32::min), fours(f32::max));
        let mut out = Vec::with_capacity(n);
        let feature = |name| crate::classifier::features::name_index(&NAMES, name);
        let kept = [
            "log_words",
            "ends_sentence",
            "in_region",
            "log_region_distance",
            "phrase_share",
            "region_cohesion",
        ]
        .map(feature);
        for (k, (row, _)) in rows.iter().zip(&stats).enumerate().take(n) {
            let x = kept.map(|i| row[i]);
            let (a, b) = (k.saturating_sub(3), (k + 4).min(n));
            let (low, high) = if b - a >= 4 {
                (low4[a].min(low4[b - 4]), high4[a].max(high4[b - 4]))
            } else {
                let window = &scores[a..b];
                (
                    window.iter().copied().fold(f32::INFINITY, f32::min),
                    window.iter().copied().fold(f32::NEG_INFINITY, f32::max),
                )
            };
            out.push([
                scores[k],
                k.checked_sub(1).map_or(-5.0, |j| scores[j]),
                scores.get(k + 1).copied().unwrap_or(-5.0),
                mean(a, b),
                low,
                high,
                block_mean[block_of[k] as usize],
                region_mean,
                doc_mean,
                x[0],
                x[1],
                x[2],
                x[3],
                x[4],
                x[5],
            ]);
        }
        out
    }

    /// A page of `lines` lines drawn from menus, labels, phrase lines, prose (some over
    /// 255 bytes: packed as long lines), links, digits and CJK, blank lines between.
    fn mixed_page(seed: u64, lines: usize) -> String {
        let mut next = crate::testing::xorshift(seed);
        let prose = "The council voted on Tuesday to keep the old library open for another ten years, officials said.";
        let kinds: [&dyn Fn(u64) -> String; 12] = [
            &|_| "Home".into(),
            &|_| "Read more".into(),
            &|_| "Comments".into(),
            &|_| "Related stories".into(),
            &|_| prose.into(),
            &|i| format!("{prose} {prose} {prose} Item {i}."),
            &|i| format!("[Story {i}](/news/{i}) 12 May 2025"),
            &|i| format!("* Item {} · 4 of 5", i % 7),
            &|_| "東京都は月曜日に発表した".into(),
            &|_| "Library stays open".into(),
            &|i| format!("By Jane Doe | May {}, 2025", i % 28 + 1),
            &|_| "Share this article on Facebook".into(),
        ];
        let mut text = String::from("Library stays open | The Courier\n");
        for _ in 0..lines {
            let r = next();
            text.push_str(&kinds[(r % 12) as usize](r >> 40));
            text.push('\n');
            if r >> 8 & 7 == 0 {
                text.push('\n');
            }
        }
        text
    }

    #[test]
    fn rows_from_running_values_are_the_rows_from_whole_page_tables() {
        for (seed, lines) in [(1, 0), (2, 1), (3, 2), (4, 7), (5, 40), (6, 300), (7, 2500)] {
            let text = mixed_page(seed, lines);
            let doc = Doc::new(&text);
            let done = run(&doc, Stage::Phrases);
            let page = done.page;
            let want = reference_rows(&page, doc.len());
            let got = run(&doc, Stage::Rows).rows;
            assert_eq!(got.len(), want.len());
            for (k, (g, w)) in got.iter().zip(&want).enumerate() {
                for (i, (a, b)) in g.iter().zip(w).enumerate() {
                    assert_eq!(
                        a.to_bits(),
                        b.to_bits(),
                        "seed {seed}, line {k}, {}",
                        NAMES[i]
                    );
                }
            }
            // The second stage's rows, from the first stage's scores (the least and
            // greatest of a window may differ in a zero's sign only: equal as numbers).
            let mut first = Vec::new();
            FIRST.score_all(&want, |_| true, &mut first);
            let scored = score(&doc);
            let want2 = reference_stacked(&page, &want, &first, page.region());
            let got2 = scored.restack(&first);
            assert_eq!(got2, want2, "seed {seed}");
            let mut second = Vec::new();
            SECOND.score_all(&want2, |_| true, &mut second);
            assert_eq!(scored.second, second, "seed {seed}");
        }
        // Long lines (counts over a byte) are packed in the table of long lines.
        assert!(!run(&Doc::new(&mixed_page(6, 300)), Stage::Bytes)
            .page
            .long
            .is_empty());
    }

    #[test]
    fn a_packed_line_keeps_every_measure() {
        for line in [
            "a",
            "The Mayor said the bridge would reopen in May, 2027.",
            "[Read the report](https://example.com/r) today · 5 min read",
            &"word ".repeat(80),
            &"東京".repeat(200),
        ] {
            let mut s = stat(line);
            s.index = 7;
            s.copies = 3;
            s.phrase_kind = 2;
            s.blank_before = true;
            s.blank_around = 2;
            let mut long = Vec::new();
            let p = Packed::new(&s, &mut long, None);
            assert_eq!(format!("{:?}", p.stat(&long)), format!("{s:?}"), "{line}");
            assert_eq!(long.len(), usize::from(line.len() > 255), "{line}");
        }
        assert!(std::mem::size_of::<Packed>() <= 32);
    }

    #[test]
    fn rows_are_finite() {
        let text = "Home\n\n# A headline\n\nThe council voted on Tuesday to keep the old library open, officials said.\n\n![x](https://e.com/x.jpg)\n| a | b |\n";
        let doc = Doc::new(text);
        let p = run(&doc, Stage::Phrases).page;
        let (rows, _) = p.rows(doc.len());
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().flatten().all(|v| v.is_finite()));
    }
}
