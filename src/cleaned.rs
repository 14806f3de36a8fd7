//! The result of cleaning: the body, the removed spans, and views over both.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::doc::{Doc, Mark};
use crate::{Category, Span};

/// One removed span of the input: where it is, which rule removed it and why.
///
/// With the `serde` feature it serialises flat, as the `deboil` command writes it:
/// `{"start": 0, "end": 14, "rule": "advert", "category": "advert"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(from = "FlatRemoval", into = "FlatRemoval")
)]
#[non_exhaustive]
pub struct Removal {
    /// The removed bytes of the input: whole lines with their line terminators, or part
    /// of a line of more than 150 words (such lines are decided sentence by sentence).
    pub span: Span,
    /// The name of the rule that removed it, as listed by [`Cleaner::rules`](crate::Cleaner::rules).
    pub rule: Arc<str>,
    /// What kind of boilerplate it is.
    pub category: Category,
}

impl Removal {
    /// A removal of `span` by rule `rule` as `category` (for building results by hand, e.g.
    /// in tests or when converting offsets).
    pub fn new(span: Span, rule: impl Into<Arc<str>>, category: Category) -> Removal {
        Removal {
            span,
            rule: rule.into(),
            category,
        }
    }
}

/// [`Removal`]'s serde form: the span's ends beside the rule and the category.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct FlatRemoval {
    start: usize,
    end: usize,
    rule: Arc<str>,
    category: Category,
}

#[cfg(feature = "serde")]
impl From<FlatRemoval> for Removal {
    fn from(r: FlatRemoval) -> Removal {
        Removal::new(Span::new(r.start, r.end), r.rule, r.category)
    }
}

#[cfg(feature = "serde")]
impl From<Removal> for FlatRemoval {
    fn from(r: Removal) -> FlatRemoval {
        FlatRemoval {
            start: r.span.start,
            end: r.span.end,
            rule: r.rule,
            category: r.category,
        }
    }
}

/// The cleaned document: the article body, and every removed span with its reason.
///
/// Kept and removed spans tile the input exactly: [`Cleaned::segments`] walks them in
/// order, and the removed ones are [`Cleaned::removed`]. The body is the kept text with
/// only whitespace normalised (trailing spaces trimmed, runs of blank lines collapsed to
/// one, no blank lines at either end).
///
/// ```
/// let text = "Big news today\n\nThe council approved the new bridge on Monday, after a long debate.\n\nSubscribe to our newsletter\n";
/// let cleaned = deboil::clean(text);
/// assert!(cleaned.body().contains("approved the new bridge"));
/// assert!(!cleaned.body().contains("Subscribe"));
/// for r in cleaned.removed() {
///     println!("{:?} removed by {} ({})", &text[r.span], r.rule, r.category);
/// }
/// ```
///
/// A `Cleaned` borrows the input; [`Cleaned::into_owned`] gives an owned [`Document`] to
/// keep, return or send to another thread. With the `serde` feature a `Cleaned`
/// serialises as that `Document` does: `{"title", "byline", "body", "removed"}`.
#[derive(Clone)]
pub struct Cleaned<'a> {
    input: &'a str,
    body: Cow<'a, str>,
    /// The removed spans as the pipeline stores them (see [`Store`]).
    store: Store,
    /// The rule names that [`Packed::rule`] indexes (the cleaner's, shared).
    names: Arc<[Arc<str>]>,
    /// The removed spans as [`Removal`]s, made from `store` when first asked for (see
    /// [`Cleaned::removed`]), or at once when `store` is [`Store::Whole`].
    removed: OnceLock<Vec<Removal>>,
    /// The headline's line (see [`Cleaned::title`]).
    headline: Option<Span>,
    /// The headline's text, decided once by the pipeline (see [`Cleaned::title`]).
    title: Option<Cow<'a, str>>,
    /// The author line's text, decided once by the pipeline (see [`Cleaned::byline`]).
    byline: Option<Cow<'a, str>>,
}

/// How a [`Cleaned`] stores its removed spans (issue 24: a [`Removal`] is 40 bytes, and a
/// document of one-byte lines between blank lines has one for every 3 bytes, 13 times
/// the document, held beside the engine's tables while the result is built).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Store {
    /// 12 bytes a span: its ends in 32 bits and its rule's place among the names with its
    /// category (a document below 4 GiB; rules numbered below 2^24).
    Packed(Vec<Packed>),
    /// Beyond those: the [`Removal`]s themselves, in [`Cleaned::removed`]'s cell.
    Whole,
}

/// One removed span in 12 bytes (see [`Store::Packed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Packed {
    start: u32,
    end: u32,
    /// The rule's place among the names in the low 24 bits, the category's place in
    /// [`Category::ALL`] above them.
    rule: u32,
}

impl Packed {
    /// The rule's place among the names.
    fn rule(self) -> usize {
        (self.rule & ((1 << 24) - 1)) as usize
    }

    /// The category.
    fn category(self) -> Category {
        Category::ALL[(self.rule >> 24) as usize]
    }
}

/// The removed spans of a [`Cleaned`] in order, read from its [`Store`] without making
/// [`Removal`]s: the span, the rule's name and the category.
pub(crate) enum Entries<'r> {
    Packed(std::slice::Iter<'r, Packed>, &'r [Arc<str>]),
    Whole(std::slice::Iter<'r, Removal>),
}

impl<'r> Iterator for Entries<'r> {
    type Item = (Span, &'r Arc<str>, Category);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Entries::Packed(it, names) => it.next().map(|p| {
                let span = Span::new(p.start as usize, p.end as usize);
                (span, &names[p.rule()], p.category())
            }),
            Entries::Whole(it) => it.next().map(|r| (r.span, &r.rule, r.category)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Entries::Packed(it, _) => it.size_hint(),
            Entries::Whole(it) => it.size_hint(),
        }
    }
}

impl PartialEq for Cleaned<'_> {
    /// Equal inputs, bodies, titles, bylines and headlines, and the same removals (spans,
    /// rule names and categories), however each result stores them.
    fn eq(&self, other: &Self) -> bool {
        self.input == other.input
            && self.body == other.body
            && self.headline == other.headline
            && self.title == other.title
            && self.byline == other.byline
            && self
                .entries()
                .map(|(s, r, c)| (s, &**r, c))
                .eq(other.entries().map(|(s, r, c)| (s, &**r, c)))
    }
}

impl Eq for Cleaned<'_> {}

impl fmt::Debug for Cleaned<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// The removals listed as [`Removal`]s would be, without making them.
        struct List<'r, 'a>(&'r Cleaned<'a>);
        impl fmt::Debug for List<'_, '_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list()
                    .entries(self.0.entries().map(|(span, rule, category)| Removal {
                        span,
                        rule: rule.clone(),
                        category,
                    }))
                    .finish()
            }
        }
        f.debug_struct("Cleaned")
            .field("input", &self.input)
            .field("body", &self.body)
            .field("removed", &List(self))
            .field("headline", &self.headline)
            .field("title", &self.title)
            .field("byline", &self.byline)
            .finish()
    }
}

impl<'a> Cleaned<'a> {
    /// Builds the result from the final marks of `doc`.
    pub(crate) fn from_doc(doc: &Doc<'a>, names: &Arc<[Arc<str>]>) -> Cleaned<'a> {
        // Packed unless a span's end or a rule's number does not fit (see `Store`).
        let packs = u32::try_from(doc.text.len()).is_ok() && names.len() <= 1 << 24;
        Cleaned::stored(doc, names, packs)
    }

    /// [`Cleaned::from_doc`], the removals [`Store::Packed`] when `packs`.
    fn stored(doc: &Doc<'a>, names: &Arc<[Arc<str>]>, packs: bool) -> Cleaned<'a> {
        let (headline, page_title) = headline(doc);
        // The removals counted first, so that their list is allocated once, to size (issue
        // 24: grown by doubling, it held up to three times their 40 bytes each at once, on
        // a document of one-byte lines between blank lines 20 times the document).
        let removal = |i: usize| match doc.mark(i) {
            Mark::Remove(rule, _) if page_title == Some(i) => Some((rule, Category::Title)),
            Mark::Remove(rule, category) => Some((rule, category)),
            _ => None,
        };
        // The lines are read by runs of one mark (the page's title line a run of its
        // own): a run of removed lines is one span, joined to the one before as its first
        // line would be (issue 24: a page of tiny lines decoded every line's mark twice).
        let run_end = |i: usize| {
            let end = doc.mark_run_end(i);
            match page_title {
                Some(p) if p == i => i + 1,
                Some(p) if p > i && p < end => p,
                _ => end,
            }
        };
        let mut count = 0;
        let mut last: Option<(u32, Category)> = None;
        let mut i = 0;
        while i < doc.len() {
            let this = removal(i);
            if let Some((rule, category)) = this {
                let joins = last.is_some_and(|(r, c)| {
                    c == category && (r == rule || *names[r as usize] == *names[rule as usize])
                });
                count += usize::from(!joins);
            }
            last = this;
            i = run_end(i);
        }
        let mut packed: Vec<Packed> = Vec::with_capacity(if packs { count } else { 0 });
        let mut whole: Vec<Removal> = Vec::with_capacity(if packs { 0 } else { count });
        let mut body = String::with_capacity(doc.text.len() / 2);
        let mut blank_pending = false;
        // The last kept sub-line of the long line being read, and its kept length.
        let (mut same_line, mut prev_len): (Option<usize>, usize) = (None, 0);
        let mut i = 0;
        while i < doc.len() {
            match doc.mark(i) {
                Mark::Remove(rule, category) => {
                    let category = if page_title == Some(i) {
                        Category::Title
                    } else {
                        category
                    };
                    let end = run_end(i);
                    let span = Span::new(doc.full_span(i).start, doc.next(end - 1));
                    if packs {
                        // Below 4 GiB and 2^24 rules: the casts keep every bit.
                        let (start, end) = (span.start as u32, span.end as u32);
                        let mark = rule | (category as u32) << 24;
                        match packed.last_mut() {
                            Some(last)
                                if last.end == start
                                    && (last.rule == mark
                                        || last.category() == category
                                            && *names[last.rule()] == *names[rule as usize]) =>
                            {
                                last.end = end;
                            }
                            _ => packed.push(Packed {
                                start,
                                end,
                                rule: mark,
                            }),
                        }
                    } else {
                        match whole.last_mut() {
                            Some(last)
                                if last.span.end == span.start
                                    && last.category == category
                                    && *last.rule == *names[rule as usize] =>
                            {
                                last.span.end = span.end;
                            }
                            _ => whole.push(Removal {
                                span,
                                rule: names[rule as usize].clone(),
                                category,
                            }),
                        }
                    }
                    // A long line's kept sub-lines read as one paragraph (see
                    // `Doc::continues`): not across a removed line that ends a line.
                    if same_line.is_some() && (i..end).any(|k| !doc.continues(k)) {
                        same_line = None;
                    }
                    i = end;
                    continue;
                }
                Mark::Open | Mark::Keep(_) => {
                    let raw = doc.raw(i);
                    let line = raw.trim_end();
                    if line.trim_start().is_empty() {
                        blank_pending = !body.is_empty();
                    } else {
                        match same_line {
                            // The sub-line right after: the text between them as it is.
                            Some(p) if p + 1 == i => body.push_str(&doc.raw(p)[prev_len..]),
                            // A sub-line removed between: still one paragraph.
                            Some(_) => body.push(' '),
                            None if !body.is_empty() => {
                                body.push('\n');
                                if blank_pending {
                                    body.push('\n');
                                }
                            }
                            None => {}
                        }
                        blank_pending = false;
                        body.push_str(line);
                        same_line = Some(i);
                        prev_len = line.len();
                    }
                }
            }
            // A long line's kept sub-lines read as one paragraph (see `Doc::continues`).
            if !doc.continues(i) {
                same_line = None;
            }
            i += 1;
        }
        debug_assert_eq!(packed.len() + whole.len(), count, "removals counted ahead");
        let body = if body == doc.text {
            Cow::Borrowed(doc.text)
        } else {
            Cow::Owned(body)
        };
        let (store, removed) = if packs {
            (Store::Packed(packed), OnceLock::new())
        } else {
            (Store::Whole, OnceLock::from(whole))
        };
        Cleaned {
            input: doc.text,
            body,
            store,
            names: names.clone(),
            removed,
            headline: headline.map(|h| doc.full_span(h)),
            title: None,
            byline: None,
        }
    }

    /// The headline's line: the first non-blank line removed as [`Category::Title`], with
    /// its terminator.
    pub(crate) fn headline(&self) -> Option<Span> {
        self.headline
    }

    /// The result with the title and byline texts the pipeline decided (see
    /// [`Cleaned::title`] and [`Cleaned::byline`]).
    pub(crate) fn with_title_and_byline(
        mut self,
        title: Option<Cow<'a, str>>,
        byline: Option<Cow<'a, str>>,
    ) -> Cleaned<'a> {
        self.title = title;
        self.byline = byline;
        self
    }

    /// The clean article body.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The body, owned or borrowed from the input.
    pub fn into_body(self) -> Cow<'a, str> {
        self.body
    }

    /// The input this result describes.
    pub fn input(&self) -> &'a str {
        self.input
    }

    /// Every removed span, in input order, non-overlapping. Adjacent lines removed by the
    /// same rule with the same category form one span.
    ///
    /// The result stores its spans in 12 bytes each and makes this list (40 bytes a
    /// span) when it is first asked for; [`Cleaned::segments`] makes it too.
    pub fn removed(&self) -> &[Removal] {
        self.removed.get_or_init(|| self.removals())
    }

    /// The removed spans in order (span, rule name, category), read from the stored form
    /// without making [`Removal`]s.
    pub(crate) fn entries(&self) -> Entries<'_> {
        match &self.store {
            Store::Packed(list) => Entries::Packed(list.iter(), &self.names),
            Store::Whole => Entries::Whole(self.removed.get().map_or(&[][..], |r| r).iter()),
        }
    }

    /// The removed spans as a new list of [`Removal`]s.
    fn removals(&self) -> Vec<Removal> {
        let mut list = Vec::with_capacity(self.entries().size_hint().0);
        list.extend(self.entries().map(|(span, rule, category)| Removal {
            span,
            rule: rule.clone(),
            category,
        }));
        list
    }

    /// The body and the removed spans, owned (the list made only if it was not yet).
    pub(crate) fn into_body_and_removed(mut self) -> (Cow<'a, str>, Vec<Removal>) {
        let removed = match self.removed.take() {
            Some(list) => list,
            None => self.removals(),
        };
        (self.body, removed)
    }

    /// The headline, when a rule recognised one: the text of the first span of category
    /// [`Category::Title`], trimmed, without Markdown heading marks, a link or emphasis
    /// wrapping the whole line, or a trailing anchor mark (`# [Headline](/url)` gives
    /// `Headline`); a link that starts the line and is followed only by other links (its
    /// source, its comment count) gives its text too. Markdown inside the line is read as
    /// shown: links give their text, images and strong-emphasis and code marks go
    /// (`Hire the [Top 3%](/top) of **Designers**` gives `Hire the Top 3% of Designers`).
    /// Decided once by the pipeline and stored in the result (borrowed from the input
    /// unless markup had to be taken out); `None` when nothing but markup is left. The
    /// title is never part of the body.
    ///
    /// A page printed from HTML often starts with its `title` element ("Headline | Site")
    /// and has the headline below it: that first line is removed as [`Category::Title`]
    /// too, but the headline is the line below.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The author line, when a rule recognised one: the text of the span of category
    /// [`Category::Byline`] nearest the title (the first one when there is no title; a
    /// thread's "last post by" summary is passed over when there is another; for a lone
    /// "Written by:" label, the line after it), trimmed and without the Markdown
    /// around it (as for [`Cleaned::title`]); when it links to an author's page (`By [Jane
    /// Doe](/author/jane)`), the link's text. Other Markdown in it is read as shown, as for
    /// the title, except that an image gives its alt text (an author's picture names them).
    /// Never part of the body.
    pub fn byline(&self) -> Option<&str> {
        self.byline.as_deref()
    }

    /// The stored title and byline, borrowing the input where they can (for
    /// [`CleanedBytes`](crate::CleanedBytes), which keeps them past this result).
    pub(crate) fn title_and_byline(&self) -> (Option<Cow<'a, str>>, Option<Cow<'a, str>>) {
        (self.title.clone(), self.byline.clone())
    }

    /// Every removed span with its ends counted in `char`s (Unicode scalar values)
    /// instead of bytes: the offsets Python's `str`, JavaScript's code points and other
    /// languages that index text by character expect. Same order and rules as
    /// [`Cleaned::removed`]; linear in the input.
    ///
    /// ```
    /// let text = "Publicité\nLa piscine rouvre samedi après deux ans de travaux, a annoncé la mairie.\n";
    /// let cleaned = deboil::clean(text);
    /// let r = &cleaned.removed_chars()[0];
    /// assert_eq!((r.span.start, r.span.end), (0, 10)); // 11 bytes, 10 chars
    /// assert_eq!(cleaned.removed()[0].span.end, 11);
    /// ```
    pub fn removed_chars(&self) -> Vec<Removal> {
        let mut bytes = 0;
        let mut chars = 0;
        let mut at = |to: usize| {
            chars += self.input[bytes..to].chars().count();
            bytes = to;
            chars
        };
        self.entries()
            .map(|(span, rule, category)| {
                let start = at(span.start);
                let end = at(span.end);
                Removal::new(Span::new(start, end), rule.clone(), category)
            })
            .collect()
    }

    /// An owned copy of the result (title, byline, body and removed spans), free of the
    /// input's lifetime: return it from a function, keep it, send it to another thread.
    ///
    /// ```
    /// fn clean_file(text: String) -> deboil::Document {
    ///     deboil::clean(&text).into_owned()
    /// }
    /// let doc = clean_file("Share this article\nThe ferry resumes service on Monday after repairs to the pier.\n".to_owned());
    /// assert_eq!(doc.body, "The ferry resumes service on Monday after repairs to the pier.");
    /// assert_eq!(doc.removed[0].category, deboil::Category::Share);
    /// ```
    pub fn into_owned(mut self) -> Document {
        let removed = match self.removed.take() {
            Some(list) => list,
            None => self.removals(),
        };
        Document {
            title: self.title.map(Cow::into_owned),
            byline: self.byline.map(Cow::into_owned),
            removed,
            body: self.body.into_owned(),
        }
    }

    /// Walks the whole input as an ordered list of kept and removed segments that tile it
    /// exactly (sorted, no gaps, no overlaps).
    ///
    /// ```
    /// let text = "Share this article\nThe river rose two metres overnight, and the town's main road was closed by noon.\n";
    /// let cleaned = deboil::clean(text);
    /// let rebuilt: String = cleaned.segments().map(|s| s.text).collect();
    /// assert_eq!(rebuilt, text);
    /// ```
    pub fn segments(&self) -> Segments<'_, 'a> {
        Segments {
            cleaned: self,
            pos: 0,
            next_removal: 0,
        }
    }
}

/// The headline's line, the first non-blank line removed as [`Category::Title`]; and the
/// page's `title` element line above it, when the rule that found the headline removed
/// the page's first line (as [`Category::Metadata`] in the rules' own marks, which later
/// rules read) and the result reports it as [`Category::Title`].
fn headline(doc: &Doc<'_>) -> (Option<usize>, Option<usize>) {
    let blank = |i: usize| doc.raw(i).trim().is_empty();
    let Some(h) = (0..doc.len()).find(|&i| doc.is_removed_as(i, Category::Title) && !blank(i))
    else {
        return (None, None);
    };
    let Mark::Remove(rule, _) = doc.mark(h) else {
        return (Some(h), None);
    };
    let first = (0..h).find(|&i| !blank(i));
    let page = first.filter(|&f| doc.mark(f) == Mark::Remove(rule, Category::Metadata));
    (Some(h), page)
}

impl fmt::Display for Cleaned<'_> {
    /// Prints the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.body)
    }
}

/// An owned cleaning result: what [`Cleaned::into_owned`] and
/// [`CleanedBytes::into_owned`](crate::CleanedBytes::into_owned) return, free of the
/// input's lifetime.
///
/// With the `serde` feature it serialises (and deserialises) as the `deboil` command's
/// JSON: `{"title": …, "byline": …, "body": "…", "removed": [{"start", "end", "rule",
/// "category"}, …]}`, where `title` and `byline` may be `null`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Document {
    /// The headline, as [`Cleaned::title`].
    pub title: Option<String>,
    /// The author line, as [`Cleaned::byline`].
    pub byline: Option<String>,
    /// The clean article body, as [`Cleaned::body`].
    pub body: String,
    /// Every removed span, as [`Cleaned::removed`].
    pub removed: Vec<Removal>,
}

impl fmt::Display for Document {
    /// Prints the body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.body)
    }
}

impl From<Cleaned<'_>> for Document {
    fn from(cleaned: Cleaned<'_>) -> Document {
        cleaned.into_owned()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Cleaned<'_> {
    /// Serialises as the [`Document`] that [`Cleaned::into_owned`] would give.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Document", 4)?;
        st.serialize_field("title", &self.title())?;
        st.serialize_field("byline", &self.byline())?;
        st.serialize_field("body", self.body())?;
        st.serialize_field("removed", &SerialRemovals(self))?;
        st.end()
    }
}

/// The removed spans of a [`Cleaned`] serialised as its [`Cleaned::removed`] list would
/// be, without making the list.
#[cfg(feature = "serde")]
struct SerialRemovals<'r, 'a>(&'r Cleaned<'a>);

#[cfg(feature = "serde")]
impl serde::Serialize for SerialRemovals<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.entries().map(|(span, rule, category)| FlatRemoval {
            start: span.start,
            end: span.end,
            rule: rule.clone(),
            category,
        }))
    }
}

/// A piece of the input: kept (`removal` is `None`) or removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Segment<'r, 'a> {
    /// Where the segment is in the input.
    pub span: Span,
    /// The segment's text (exactly `&input[span]`).
    pub text: &'a str,
    /// Why it was removed, or `None` when it is kept.
    pub removal: Option<&'r Removal>,
}

impl Segment<'_, '_> {
    /// Whether the segment is kept (part of the body, before whitespace normalisation).
    pub fn is_kept(&self) -> bool {
        self.removal.is_none()
    }
}

/// Iterator over the kept and removed [`Segment`]s of a [`Cleaned`], in input order.
#[derive(Clone, Debug)]
pub struct Segments<'r, 'a> {
    cleaned: &'r Cleaned<'a>,
    pos: usize,
    next_removal: usize,
}

impl<'r, 'a> Iterator for Segments<'r, 'a> {
    type Item = Segment<'r, 'a>;

    fn next(&mut self) -> Option<Segment<'r, 'a>> {
        let input = self.cleaned.input;
        let (span, removal) = next_segment(
            self.cleaned.removed(),
            input.len(),
            &mut self.pos,
            &mut self.next_removal,
        )?;
        Some(Segment {
            span,
            text: &input[span],
            removal,
        })
    }
}

impl std::iter::FusedIterator for Segments<'_, '_> {}

/// The next segment of an input of `len` bytes whose sorted removals are `removed`: the
/// removal starting at `*pos`, or the kept gap up to the next removal (or the end).
/// Advances `*pos` and `*next`; `None` at the end.
pub(crate) fn next_segment<'r>(
    removed: &'r [Removal],
    len: usize,
    pos: &mut usize,
    next: &mut usize,
) -> Option<(Span, Option<&'r Removal>)> {
    if *pos >= len {
        return None;
    }
    let (span, removal) = match removed.get(*next) {
        Some(r) if r.span.start == *pos => {
            *next += 1;
            (r.span, Some(r))
        }
        Some(r) => (Span::new(*pos, r.span.start), None),
        None => (Span::new(*pos, len), None),
    };
    *pos = span.end;
    Some((span, removal))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both stores give the same removals, body, segments and owned copy (the packed one
    /// is what every document below 4 GiB gets; the other is built here by hand): lines
    /// removed by hand, two rules of the same name that merge, a kept line between.
    #[test]
    fn packed_and_whole_removals_agree() {
        let names: Arc<[Arc<str>]> = ["menu", "share", "menu", "advert"]
            .into_iter()
            .map(Arc::from)
            .collect();
        let text = "Home\nNews\nSport\nShare this\n\u{e9}t\u{e9}\nThe river rose two metres overnight.\nAd\n\nAd\n";
        let marks: [Option<(u32, Category)>; 9] = [
            Some((0, Category::Navigation)),
            Some((2, Category::Navigation)),
            Some((0, Category::Navigation)),
            Some((1, Category::Share)),
            Some((1, Category::Advert)),
            None,
            Some((3, Category::Advert)),
            None,
            Some((3, Category::Advert)),
        ];
        let doc = || {
            let mut doc = Doc::new(text);
            assert_eq!(doc.len(), marks.len());
            for (i, m) in marks.iter().enumerate() {
                if let Some((rule, category)) = *m {
                    doc.remove(i, rule, category);
                }
            }
            doc
        };
        let (d1, d2) = (doc(), doc());
        let packed = Cleaned::stored(&d1, &names, true);
        let whole = Cleaned::stored(&d2, &names, false);
        assert!(matches!(packed.store, Store::Packed(_)));
        assert!(matches!(whole.store, Store::Whole));
        assert!(packed.removed.get().is_none(), "made only when asked for");
        assert_eq!(packed, whole);
        assert_eq!(format!("{packed:?}"), format!("{whole:?}"));
        assert_eq!(packed.removed_chars(), whole.removed_chars());
        assert!(packed.segments().eq(whole.segments()));
        assert_eq!(packed.clone().into_owned(), whole.clone().into_owned());
        let spans: Vec<(&str, &str, Category)> = packed
            .removed()
            .iter()
            .map(|r| (&text[r.span], &*r.rule, r.category))
            .collect();
        assert_eq!(
            spans,
            [
                ("Home\nNews\nSport\n", "menu", Category::Navigation),
                ("Share this\n", "share", Category::Share),
                ("\u{e9}t\u{e9}\n", "share", Category::Advert),
                ("Ad\n", "advert", Category::Advert),
                ("Ad\n", "advert", Category::Advert),
            ]
        );
        assert!(packed.removed.get().is_some());
        assert_eq!(packed.removed(), whole.removed());
        let rebuilt: String = packed.segments().map(|s| s.text).collect();
        assert_eq!(rebuilt, text);
        assert_eq!(packed.body(), "The river rose two metres overnight.");
    }

    #[test]
    fn title_and_byline_without_markdown() {
        let text = "* [Home](/)\n\n# [Storm hits coast](/news/storm)\n\nBy [Omar Reyes](/author/omar-reyes)\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.\n";
        let cleaned = crate::clean(text);
        assert_eq!(cleaned.title(), Some("Storm hits coast"));
        assert_eq!(cleaned.byline(), Some("Omar Reyes"));
        // A headline linked to itself, then its source and its comments.
        let text = "* [Home](/)\n* [News](/news)\n* [Sport](/sport)\n* [Weather](/weather)\n* [About](/about)\n\n# [Storm hits coast](/news/storm) [(planet.com)](https://planet.com/s) [139](/news/storm#comments)\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.\n";
        assert_eq!(crate::clean(text).title(), Some("Storm hits coast"));
    }

    #[test]
    fn markdown_inside_the_title_and_byline_reads_as_shown() {
        let text = "* [Home](/)\n\n# Storm hits the [north coast](/places/north) **again**\n\nBy[Omar Reyes](/people/omar) ![The Planet](/logo.png)\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.\n";
        let cleaned = crate::clean(text);
        assert_eq!(cleaned.title(), Some("Storm hits the north coast again"));
        let byline = cleaned.byline().expect("a byline");
        assert!(!byline.contains("]("), "{byline}");
        assert!(byline.contains("Omar Reyes"), "{byline}");
    }

    #[test]
    fn a_last_post_summary_is_not_the_author() {
        let text = "Help with my boiler | Home Forum\nHelp with my boiler\n12 replies · last post by Ann Lee\nBy Omar Reyes\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.\n";
        let cleaned = crate::clean(text);
        assert_eq!(cleaned.byline(), Some("By Omar Reyes"));
    }

    #[test]
    fn a_lone_author_label_gives_the_next_line() {
        let text = "Storm hits coast\nPosted by:\nomar_r\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.\n";
        let cleaned = crate::clean(text);
        assert_eq!(cleaned.byline(), Some("omar_r"));
    }

    #[test]
    fn a_markdown_author_label_skips_the_picture() {
        let text = "# Storm hits coast\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.\n\n## Article written by:\n\n![Portrait of the reporter in a blue coat by the harbour wall](https://example.com/authors/omar.jpg)\n\n### Omar Reyes\n";
        let cleaned = crate::clean(text);
        let byline = cleaned.byline();
        assert_ne!(byline, Some("Article written by:"));
        if let Some(b) = byline {
            assert!(b.contains("Omar Reyes"), "{b}");
        }
    }

    #[test]
    fn a_long_line_keeps_its_article_and_loses_the_prompt_glued_to_it() {
        let para = |who: &str, n: usize| {
            (0..n)
                .map(|k| format!("The {who} met on day {k} to weigh the new plans."))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (a, b) = (para("harbour board", 12), para("ferry crew", 10));
        // html2text's one-line article: two paragraphs and a share prompt between them.
        let text = format!("Harbour plans\n\n{a}  Share this article  {b}\n");
        let cleaned = crate::clean(&text);
        assert_eq!(cleaned.body(), format!("{a} {b}"));
        let share = cleaned
            .removed()
            .iter()
            .find(|r| r.category == crate::Category::Share)
            .expect("the prompt is removed");
        assert_eq!(text[share.span].trim(), "Share this article");
        // The fast engine decides whole lines.
        let fast = crate::Cleaner::fast().clean(&text);
        assert!(fast
            .removed()
            .iter()
            .all(|r| text[..r.span.end].ends_with('\n')));
        assert!(fast
            .body()
            .contains(&format!("{a}  Share this article  {b}")));
        // All kept: the line as it is, spaces and all.
        let text = format!("Harbour plans\n\n{a}  {b}\n");
        assert!(crate::clean(&text).body().contains(&format!("{a}  {b}")));
    }

    #[test]
    fn byline_nearest_the_title() {
        // A menu entry shaped like a byline comes first; the author's line is by the title.
        let text = "Storm hits coast | The Planet\nSolutions\nBy Role\nBy Industry\nPricing\n\nStorm hits coast\nBy Omar Reyes\n\nThe storm arrived on Friday night, bringing winds of more than 100 km/h to the whole coast.\n";
        let cleaned = crate::clean(text);
        assert_eq!(cleaned.title(), Some("Storm hits coast"));
        assert_eq!(cleaned.byline(), Some("By Omar Reyes"));
    }
}
