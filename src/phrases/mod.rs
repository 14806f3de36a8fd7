//! Phrase tables, one file per language. Each entry is a regex fragment that must match a
//! whole trimmed line, case-insensitively (surrounding punctuation, bullets and symbols are
//! allowed around it; see [`wrap`]). A new language is one more file and one more line in
//! [`ALL`].

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
