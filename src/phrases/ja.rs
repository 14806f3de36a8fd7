//! Phrases of this language (to be filled).

use super::Phrases;

pub(crate) static PHRASES: Phrases = Phrases {
    image_url: &[],
    bare_url: &[],
    image_credit: &[],
    subscribe: &[],
    newsletter: &[],
    cookie: &[],
    share: &[],
    advert: &[],
    navigation: &[],
    related: &[],
    comments: &[],
    footer: &[],
    metadata: &[],
    byline: &[],
};
