//! Cleaning raw bytes: lossy UTF-8 decoding with every span mapped back to the original
//! bytes.

use std::borrow::Cow;

use crate::{Cleaned, Cleaner, Document, Removal, Span};

/// The result of [`clean_bytes`](crate::clean_bytes) /
/// [`Cleaner::clean_bytes`]: like [`Cleaned`], but every span is a byte range of the
/// **original bytes**, which need not be valid UTF-8.
///
/// Invalid UTF-8 sequences are decoded as U+FFFD (as [`String::from_utf8_lossy`] does)
/// before cleaning; the body, title and byline hold the decoded text. Kept and removed
/// spans still tile the original input exactly ([`CleanedBytes::segments`]), so nothing
/// is lost, not even the invalid bytes.
///
/// ```
/// let raw = b"Advertisement\nThe ferry resumes service on Monday after repairs to the \xffpier.\n";
/// let cleaned = deboil::clean_bytes(raw);
/// assert_eq!(cleaned.body(), "The ferry resumes service on Monday after repairs to the \u{fffd}pier.");
/// assert_eq!(cleaned.removed()[0].span, deboil::Span::new(0, 14));
/// assert_eq!(cleaned.replaced(), 1);
/// let rebuilt: Vec<u8> = cleaned.segments().flat_map(|s| s.bytes.iter().copied()).collect();
/// assert_eq!(rebuilt, raw);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CleanedBytes<'a> {
    input: &'a [u8],
    body: Cow<'a, str>,
    title: Option<Cow<'a, str>>,
    byline: Option<Cow<'a, str>>,
    removed: Vec<Removal>,
    replaced: usize,
}

impl<'a> CleanedBytes<'a> {
    /// The clean article body (decoded text).
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The body, owned or borrowed from the input (borrowed only when the input was
    /// valid UTF-8).
    pub fn into_body(self) -> Cow<'a, str> {
        self.body
    }

    /// The headline, as [`Cleaned::title`].
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The author line, as [`Cleaned::byline`].
    pub fn byline(&self) -> Option<&str> {
        self.byline.as_deref()
    }

    /// The original bytes this result describes.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// Every removed span, in input order, as byte ranges of the original input.
    pub fn removed(&self) -> &[Removal] {
        &self.removed
    }

    /// How many invalid UTF-8 sequences were replaced by U+FFFD (0 for valid UTF-8).
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// An owned copy of the result (title, byline, body and removed spans, offsets into
    /// the original bytes), free of the input's lifetime; see [`Cleaned::into_owned`].
    pub fn into_owned(self) -> Document {
        Document {
            title: self.title.map(Cow::into_owned),
            byline: self.byline.map(Cow::into_owned),
            body: self.body.into_owned(),
            removed: self.removed,
        }
    }

    /// Walks the original input as an ordered list of kept and removed segments that tile
    /// it exactly (sorted, no gaps, no overlaps).
    pub fn segments(&self) -> ByteSegments<'_, 'a> {
        ByteSegments {
            cleaned: self,
            pos: 0,
            next_removal: 0,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CleanedBytes<'_> {
    /// Serialises as the [`Document`] that [`CleanedBytes::into_owned`] would give (offsets
    /// into the original bytes).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Document", 4)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("byline", &self.byline)?;
        st.serialize_field("body", &self.body)?;
        st.serialize_field("removed", &self.removed)?;
        st.end()
    }
}

/// A piece of the original input of a [`CleanedBytes`]: kept (`removal` is `None`) or
/// removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ByteSegment<'r, 'a> {
    /// Where the segment is in the original bytes.
    pub span: Span,
    /// The segment's bytes (exactly `&input[span]`).
    pub bytes: &'a [u8],
    /// Why it was removed, or `None` when it is kept.
    pub removal: Option<&'r Removal>,
}

impl ByteSegment<'_, '_> {
    /// Whether the segment is kept.
    pub fn is_kept(&self) -> bool {
        self.removal.is_none()
    }
}

/// Iterator over the [`ByteSegment`]s of a [`CleanedBytes`], in input order.
#[derive(Clone, Debug)]
pub struct ByteSegments<'r, 'a> {
    cleaned: &'r CleanedBytes<'a>,
    pos: usize,
    next_removal: usize,
}

impl<'r, 'a> Iterator for ByteSegments<'r, 'a> {
    type Item = ByteSegment<'r, 'a>;

    fn next(&mut self) -> Option<ByteSegment<'r, 'a>> {
        let input = self.cleaned.input;
        let (span, removal) = crate::cleaned::next_segment(
            &self.cleaned.removed,
            input.len(),
            &mut self.pos,
            &mut self.next_removal,
        )?;
        Some(ByteSegment {
            span,
            bytes: &input[span],
            removal,
        })
    }
}

impl std::iter::FusedIterator for ByteSegments<'_, '_> {}

/// Lossy UTF-8 decoding that remembers where each replacement happened.
struct Decoded {
    text: String,
    /// For each invalid sequence: (end in the decoded text, end in the original bytes).
    /// Between two entries the offsets differ by a constant.
    anchors: Vec<(usize, usize)>,
}

impl Decoded {
    fn new(bytes: &[u8]) -> Decoded {
        let mut text = String::with_capacity(bytes.len() + 16);
        let mut anchors = Vec::new();
        let mut orig = 0;
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            orig += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                text.push(char::REPLACEMENT_CHARACTER);
                orig += chunk.invalid().len();
                anchors.push((text.len(), orig));
            }
        }
        Decoded { text, anchors }
    }

    /// Maps a char-boundary offset of the decoded text to the original bytes. A boundary
    /// never falls inside a replacement character, so the map is exact.
    fn map(&self, at: usize) -> usize {
        let k = self.anchors.partition_point(|&(d, _)| d <= at);
        match k.checked_sub(1) {
            Some(k) => {
                let (d, o) = self.anchors[k];
                o + (at - d)
            }
            None => at,
        }
    }
}

impl Cleaner {
    /// Cleans raw bytes: invalid UTF-8 is decoded as U+FFFD, and every span of the result
    /// is mapped back to the original bytes. See [`CleanedBytes`].
    ///
    /// Valid UTF-8 is cleaned without copying, exactly as [`Cleaner::clean`] would.
    pub fn clean_bytes<'a>(&self, bytes: &'a [u8]) -> CleanedBytes<'a> {
        if let Ok(text) = std::str::from_utf8(bytes) {
            let cleaned = self.clean(text);
            let (title, byline) = cleaned.title_and_byline();
            let (body, removed) = cleaned.into_body_and_removed();
            return CleanedBytes {
                input: bytes,
                title,
                byline,
                removed,
                body,
                replaced: 0,
            };
        }
        let decoded = Decoded::new(bytes);
        let cleaned: Cleaned<'_> = self.clean(&decoded.text);
        let removed = cleaned
            .entries()
            .map(|(span, rule, category)| {
                let span = Span::new(decoded.map(span.start), decoded.map(span.end));
                Removal::new(span, rule.clone(), category)
            })
            .collect();
        CleanedBytes {
            input: bytes,
            title: cleaned.title().map(|t| Cow::Owned(t.to_owned())),
            byline: cleaned.byline().map(|t| Cow::Owned(t.to_owned())),
            body: Cow::Owned(cleaned.body().to_owned()),
            removed,
            replaced: decoded.anchors.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_is_exact_around_replacements() {
        // "a" + invalid 2 bytes + "b" + invalid 1 byte + "c"
        let d = Decoded::new(b"a\xe2\x82b\xffc");
        assert_eq!(d.text, "a\u{fffd}b\u{fffd}c");
        assert_eq!(d.map(0), 0);
        assert_eq!(d.map(1), 1);
        assert_eq!(d.map(4), 3); // after the first replacement
        assert_eq!(d.map(5), 4);
        assert_eq!(d.map(8), 5);
        assert_eq!(d.map(9), 6);
    }
}
