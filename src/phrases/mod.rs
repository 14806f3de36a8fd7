//! Phrase tables, one file per language. Each entry is a regex fragment that must match a
//! whole trimmed line, case-insensitively (surrounding punctuation, bullets and symbols are
//! allowed around it; see [`wrap`]). A new language is one more file and one more line in
//! [`ALL`].

/// A personal name for byline fragments: two to five words, each starting with an
/// upper-case letter (matched case-sensitively), with the usual lower-case particles
/// ("de", "van", "von", "da", "di", "dos", …) allowed between them. Two words at least, so
/// that a sentence opening with a preposition and one capitalised noun is not a byline.
macro_rules! name2 {
    () => {
        r"(?-i:[A-ZÀ-ÖØ-ÞĀ-žА-ЯЁ])[^\s,;:|/()\[\]]*(?:\s+(?:(?:de|del|della|van|von|der|da|das|do|dos|di|du|des|la|le|y|bin|binti)\s+)?(?-i:[A-ZÀ-ÖØ-ÞĀ-žА-ЯЁ])[^\s,;:|/()\[\]]*){1,4}"
    };
}

/// What may follow a name in a byline: a separator, then capitalised words, numbers (dates,
/// times) and short particles only, so that a sentence never passes for a byline's tail.
macro_rules! byline_tail {
    () => {
        r"(?:\s*[,|/·–—\-]\s*(?:(?:à|a|en|in|im|aus|de|da|di|em|no|na)\s+)?(?:(?-i:[A-ZÀ-ÖØ-ÞĀ-žА-ЯЁ])|\d)[^\s,;|/()\[\]]*(?:\s+(?:(?:(?-i:[A-ZÀ-ÖØ-ÞĀ-žА-ЯЁ])|\d)[^\s;|/()\[\]]*|de|da|do|di|du|del|des|la|le|à|a|en|in|im|aus|und|y|e|et|dan|и|в|·|\||/|–|—|-)){0,5})?"
    };
}

pub(crate) mod conds;
mod de;
mod en;
mod es;
mod fr;
mod id;
mod it;
mod ja;
mod ko;
mod pt;
mod ru;
pub(crate) mod stopwords;

/// The phrase fragments of one language, one list per built-in phrase rule.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    /// Bare image URLs (language-independent; English table only).
    pub image_url: &'static [&'static str],
    /// Bare URLs (language-independent; English table only).
    pub bare_url: &'static [&'static str],
    /// Image credits.
    pub image_credit: &'static [&'static str],
    /// Subscription and paywall prompts.
    pub subscribe: &'static [&'static str],
    /// Newsletter sign-up blurbs.
    pub newsletter: &'static [&'static str],
    /// Cookie and consent notices.
    pub cookie: &'static [&'static str],
    /// Share and follow prompts.
    pub share: &'static [&'static str],
    /// Advertisement markers.
    pub advert: &'static [&'static str],
    /// Site navigation labels.
    pub navigation: &'static [&'static str],
    /// Related-content headers.
    pub related: &'static [&'static str],
    /// Comment-section prompts.
    pub comments: &'static [&'static str],
    /// Copyright and legal lines.
    pub footer: &'static [&'static str],
    /// Dates, reading times, update stamps.
    pub metadata: &'static [&'static str],
    /// Author lines ("By …").
    pub byline: &'static [&'static str],
    /// The consent framework's standard purpose and feature names, its partner counts and
    /// its vendor-list links (the `consent-purposes` rule): plain text, not regexes, found
    /// anywhere in a line, ASCII case-insensitively.
    pub consent_purposes: &'static [&'static str],
    /// A question-and-answer site's reputation and badge counts under a post's author (the
    /// `qa-cards` rule): whole regexes (not fragments), each matched against the trimmed
    /// line as it stands.
    pub qa_badges: &'static [&'static str],
    /// A question-and-answer site's button that unfolds a post's hidden comments (the
    /// `qa-cards` rule): whole regexes, as [`Phrases::qa_badges`].
    pub qa_more_comments: &'static [&'static str],
}

/// Every language's table.
pub(crate) static ALL: &[&Phrases] = &[
    &en::PHRASES,
    &de::PHRASES,
    &es::PHRASES,
    &fr::PHRASES,
    &id::PHRASES,
    &it::PHRASES,
    &ja::PHRASES,
    &ko::PHRASES,
    &pt::PHRASES,
    &ru::PHRASES,
];

/// Punctuation, symbols, bullets and spaces allowed before and after a phrase.
pub(crate) const EDGE: &str = r"[\s\p{P}\p{S}]*";

/// Test support shared by the language tables: every built-in phrase rule, compiled once.
#[cfg(test)]
pub(crate) mod testing {
    use crate::doc::Doc;
    use crate::rules::pattern;

    /// The names of the built-in phrase rules that would remove `line` on its own.
    pub(crate) fn removed_by(line: &str) -> Vec<&'static str> {
        pattern::builtin_cached()
            .iter()
            .enumerate()
            .filter(|(id, r)| {
                let mut doc = Doc::new(line);
                r.apply(&mut doc, *id as u32);
                doc.is_removed(0)
            })
            .map(|(_, r)| r.name())
            .collect()
    }

    /// Asserts that rule `rule` removes every line of `yes`.
    pub(crate) fn assert_removed(rule: &str, yes: &[&str]) {
        for l in yes {
            let by = removed_by(l);
            assert!(
                by.contains(&rule),
                "{rule} should remove {l:?} (removed by {by:?})"
            );
        }
    }

    /// Asserts that no phrase rule removes any line of `no`.
    pub(crate) fn assert_kept(no: &[&str]) {
        for l in no {
            let by = removed_by(l);
            assert!(by.is_empty(), "{l:?} should be kept, removed by {by:?}");
        }
    }
}
