//! Very common function words of the languages deboil knows best, for the stopword
//! density of a line (prose has many, menus and labels few). One list per language; a
//! line's density counts words of the page's language (guessed), or of any list when the
//! language is unknown.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::rules::repeated::FxBuild;

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
}

impl Stopwords {
    fn of(lists: &[&[&'static str]]) -> Stopwords {
        let set: HashSet<&'static [u8], FxBuild> = lists
            .iter()
            .flat_map(|l| l.iter().map(|w| w.as_bytes()))
            .collect();
        let longest = set.iter().map(|w| w.len()).max().unwrap_or(0);
        Stopwords { set, longest }
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
    static UNION: LazyLock<Stopwords> = LazyLock::new(|| Stopwords::of(ALL));
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
        None => &UNION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_the_language() {
        let de = for_text("Der Rat hat am Montag beschlossen, die alte Brücke über den Fluss neu zu bauen, und die Arbeiten sollen im Frühjahr beginnen.");
        assert!(de.contains("und") && !de.contains("the"));
        let unknown = for_text("12 34");
        assert!(unknown.contains("und") && unknown.contains("the"));
    }
}
