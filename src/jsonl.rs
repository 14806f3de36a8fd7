//! JSON Lines cleaning, the engine of `deboil --input jsonl` and of the `jsonl` example
//! (feature `serde`).
//!
//! Each input line is a record `{"id": …, "text": "…", …}`; its output line is the same
//! record with `title`, `byline`, `body` and `removed` added (every other field passes
//! through, copied as written). A line that cannot be cleaned becomes an error record
//! `{"id": …, "line": N, "error": "…"}`, so **the output always has exactly one line per
//! input line, in input order**, whatever the input holds.
//!
//! The record contract:
//! - the `id` (see [`Options::id_field`]) is copied exactly as written (numbers beyond
//!   `f64`, spacing inside objects) onto the output record *and* onto its error record,
//!   whenever the line is a JSON object (also when it is not valid UTF-8);
//! - a lone UTF-16 surrogate escape in the text (`"\ud800"`, which Python writes for
//!   undecodable bytes) is decoded as U+FFFD and the record cleaned, as
//!   [`clean_bytes`](crate::clean_bytes) does with invalid bytes;
//! - a UTF-8 byte order mark at the start of the input is skipped;
//! - `line` in an error record counts lines from 1 in the input given to [`run`].
//!
//! ```
//! use deboil::jsonl::{run, Options};
//! let input = b"{\"id\": 1, \"text\": \"Advertisement\\nThe pool reopens on Saturday.\"}\nnot json\n";
//! let mut output = Vec::new();
//! let summary = run(&input[..], &mut output, &Options::default())?;
//! assert_eq!((summary.lines, summary.failed), (2, 1));
//! let out = String::from_utf8(output).unwrap();
//! assert_eq!(out.lines().count(), 2);
//! assert!(out.lines().nth(1).unwrap().contains("\"error\""));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::value::RawValue;
use serde_json::Value;

use crate::{Cleaned, Cleaner};

/// Longest line [`run`] cleans by default (64 MiB); longer lines get an error record.
pub const DEFAULT_MAX_LINE: usize = 64 << 20;

/// A batch also ends once it holds this many bytes, bounding memory with long lines.
const BATCH_BYTES: usize = 32 << 20;

/// Why one line could not be cleaned. Displays as the `error` field of its error record.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LineError {
    /// The line is longer than the limit; it was skipped without being read into memory.
    #[error("line too long: {len} bytes (limit {limit})")]
    TooLong {
        /// The line's length in bytes (without its terminator).
        len: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The line is not valid UTF-8 (JSON text must be).
    #[error("invalid UTF-8 at byte {at}")]
    InvalidUtf8 {
        /// Offset of the first invalid byte in the line.
        at: usize,
        /// The record's id as written (JSON text), when the line read with invalid bytes
        /// replaced is an object with one.
        id: Option<String>,
    },
    /// The line is not valid JSON.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// The line is JSON but not an object.
    #[error("record is not a JSON object")]
    NotAnObject,
    /// The record has no text field (`text` unless [`Options::text_field`] says otherwise).
    #[error("missing field `{field}`")]
    MissingText {
        /// The text field's name.
        field: String,
        /// The record's id as written (JSON text), if it had one.
        id: Option<String>,
    },
    /// The record's text field is not a string.
    #[error("field `{field}` is not a string")]
    TextNotString {
        /// The text field's name.
        field: String,
        /// The record's id as written (JSON text), if it had one.
        id: Option<String>,
    },
}

impl LineError {
    /// The failed record's id, as written in the input (JSON text: `123`, `"a-7"`), when
    /// the line was an object with one.
    pub fn id(&self) -> Option<&str> {
        match self {
            LineError::MissingText { id, .. }
            | LineError::TextNotString { id, .. }
            | LineError::InvalidUtf8 { id, .. } => id.as_deref(),
            _ => None,
        }
    }

    /// The error record written in place of the line, as JSON text:
    /// `{"id":…,"line":N,"error":"…"}` (`id` only when the record had one, copied as
    /// written). `number` is the 1-based line number.
    ///
    /// ```
    /// let err = deboil::jsonl::process_line(
    ///     &deboil::Cleaner::new(),
    ///     br#"{"id": 123456789012345678901234567890, "text": 5}"#,
    /// )
    /// .unwrap_err();
    /// assert_eq!(
    ///     err.record(7),
    ///     r#"{"id":123456789012345678901234567890,"line":7,"error":"field `text` is not a string"}"#
    /// );
    /// ```
    pub fn record(&self, number: u64) -> String {
        let mut out = Vec::new();
        self.write_error(&mut out, "id", number);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the error record (see [`LineError::record`]) with the id under `id_key`.
    fn write_error(&self, out: &mut Vec<u8>, id_key: &str, number: u64) {
        out.push(b'{');
        if let Some(id) = self.id() {
            put(out, id_key);
            out.push(b':');
            out.extend_from_slice(id.as_bytes());
            out.push(b',');
        }
        out.extend_from_slice(b"\"line\":");
        put(out, &number);
        out.extend_from_slice(b",\"error\":");
        put(out, &self.to_string());
        out.push(b'}');
    }
}

/// One record as read: each field's value as its JSON text, untouched (keys in order, the
/// last of a repeated key kept).
type Fields<'a> = BTreeMap<String, &'a RawValue>;

/// The fields `run` adds to each record, in key order.
const ADDED: [&str; 4] = ["body", "byline", "removed", "title"];

/// Reads one record: `line` is its JSON text (a trailing `\r` or `\n` is ignored).
fn read_record<'l>(line: &'l [u8], id_field: &str) -> Result<Fields<'l>, LineError> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if let Err(e) = std::str::from_utf8(line) {
        // Still say which record it was, when the rest of the line reads.
        let lossy = String::from_utf8_lossy(line);
        let id = serde_json::from_str::<Fields<'_>>(&lossy)
            .ok()
            .and_then(|f| f.get(id_field).map(|raw| raw.get().to_owned()));
        return Err(LineError::InvalidUtf8 {
            at: e.valid_up_to(),
            id,
        });
    }
    serde_json::from_slice(line).map_err(|_| {
        // Read again as any JSON value to say why: malformed, or not an object.
        match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
            Ok(_) => LineError::NotAnObject,
            Err(e) => LineError::InvalidJson(e.to_string()),
        }
    })
}

/// Decodes the JSON string literal `raw` (quotes included, already checked by the JSON
/// reader): escapes resolved, a UTF-16 surrogate escape without its pair decoded as
/// U+FFFD, as Python's `errors="replace"` and [`String::from_utf8_lossy`] do.
fn decode_string(raw: &str) -> String {
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    if !inner.contains('\\') {
        return inner.to_owned();
    }
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let esc = &rest[at + 1..];
        let mut chars = esc.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        let plain = match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'u' => {
                let Some(unit) = hex4(rest) else {
                    out.push(char::REPLACEMENT_CHARACTER);
                    continue;
                };
                rest = &rest[4..];
                if (0xD800..0xDC00).contains(&unit) {
                    // A high surrogate: a pair only when a low one follows at once.
                    if let Some(low) = rest.strip_prefix("\\u").and_then(hex4) {
                        if (0xDC00..0xE000).contains(&low) {
                            rest = &rest[6..];
                            let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                            continue;
                        }
                    }
                }
                char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            // `"`, `\`, `/`: the character itself.
            c => c,
        };
        out.push(plain);
    }
    out.push_str(rest);
    out
}

/// The value of four hex digits at the start of `s`.
fn hex4(s: &str) -> Option<u32> {
    let digits = s.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// Writes `value` as JSON to `out`. Writing into a `Vec` cannot fail for a string, a number
/// or a null; the error is ignored.
fn put<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Cleans one record with the default record options (see [`Options::write_record`]) and
/// writes it to `out` (without a line terminator): the record with `title`, `byline`,
/// `body` and `removed` added (replacing fields of those names), keys in order, every other
/// field's value copied as it was written. `line` is the record's JSON text (a trailing
/// `\r` or `\n` is ignored); `removed` spans are byte offsets into the `text` string.
/// On an error nothing is written.
///
/// ```
/// let mut out = Vec::new();
/// let line = br#"{"text": "Advertisement\nThe pool reopens on Saturday.", "n": 1.50}"#;
/// deboil::jsonl::write_record(&deboil::Cleaner::new(), line, &mut out)?;
/// let out = String::from_utf8(out).unwrap();
/// assert!(out.starts_with(r#"{"body":"The pool reopens on Saturday.","byline":null,"n":1.50,"#));
/// # Ok::<(), deboil::jsonl::LineError>(())
/// ```
pub fn write_record(cleaner: &Cleaner, line: &[u8], out: &mut Vec<u8>) -> Result<(), LineError> {
    write_with(cleaner, &Record::default(), line, out)
}

/// How a record is read and written: see the fields of the same names on [`Options`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Record<'o> {
    text_field: &'o str,
    id_field: &'o str,
    keep_text: bool,
    offsets: Offsets,
}

impl Default for Record<'_> {
    fn default() -> Self {
        Record {
            text_field: "text",
            id_field: "id",
            keep_text: true,
            offsets: Offsets::Bytes,
        }
    }
}

/// What the `start` and `end` of each removed span count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Offsets {
    /// Bytes of the text's UTF-8 encoding (Rust `str` indices).
    #[default]
    Bytes,
    /// Characters (Unicode scalar values: Python `str` indices; see
    /// [`Cleaned::removed_chars`]).
    Chars,
}

impl std::str::FromStr for Offsets {
    type Err = String;
    fn from_str(s: &str) -> Result<Offsets, String> {
        match s {
            "bytes" => Ok(Offsets::Bytes),
            "chars" => Ok(Offsets::Chars),
            _ => Err(format!("unknown offsets `{s}` (expected bytes or chars)")),
        }
    }
}

fn write_with(
    cleaner: &Cleaner,
    how: &Record<'_>,
    line: &[u8],
    out: &mut Vec<u8>,
) -> Result<(), LineError> {
    let fields = read_record(line, how.id_field)?;
    let id = || fields.get(how.id_field).map(|raw| raw.get().to_owned());
    let text: String = match fields.get(how.text_field) {
        Some(raw) if raw.get().starts_with('"') => decode_string(raw.get()),
        Some(_) => {
            return Err(LineError::TextNotString {
                field: how.text_field.to_owned(),
                id: id(),
            })
        }
        None => {
            return Err(LineError::MissingText {
                field: how.text_field.to_owned(),
                id: id(),
            })
        }
    };
    let cleaned = cleaner.clean(&text);
    // The record's own fields and the added ones, merged in key order.
    let mut own = fields
        .iter()
        .filter(|(k, _)| !ADDED.contains(&k.as_str()))
        .filter(|(k, _)| how.keep_text || k.as_str() != how.text_field)
        .peekable();
    let mut added = ADDED.iter().peekable();
    out.push(b'{');
    let mut first = true;
    loop {
        let own_first = match (own.peek(), added.peek()) {
            (Some((k, _)), Some(a)) => k.as_str() < **a,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
        if own_first {
            let Some((key, raw)) = own.next() else { break };
            put(out, key.as_str());
            out.push(b':');
            out.extend_from_slice(raw.get().as_bytes());
            continue;
        }
        let Some(&key) = added.next() else { break };
        put(out, key);
        out.push(b':');
        match key {
            "body" => put(out, cleaned.body()),
            "byline" => put(out, &cleaned.byline()),
            "title" => put(out, &cleaned.title()),
            _ => write_removed(out, &cleaned, how.offsets),
        }
    }
    out.push(b'}');
    Ok(())
}

/// Writes the removed spans of `cleaned` as a JSON array, offsets counted as `offsets` says.
fn write_removed(out: &mut Vec<u8>, cleaned: &Cleaned<'_>, offsets: Offsets) {
    // Read from the result's stored form (no list of `Removal`s made), each end counted
    // in chars from the last when asked (as `Cleaned::removed_chars` counts them).
    let input = cleaned.input();
    let (mut bytes, mut chars) = (0, 0);
    let mut at = |to: usize| match offsets {
        Offsets::Bytes => to,
        Offsets::Chars => {
            chars += input[bytes..to].chars().count();
            bytes = to;
            chars
        }
    };
    out.push(b'[');
    for (k, (span, rule, category)) in cleaned.entries().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let (start, end) = (at(span.start), at(span.end));
        // Keys in order, as in every object written.
        out.extend_from_slice(b"{\"category\":");
        put(out, category.name());
        out.extend_from_slice(b",\"end\":");
        put(out, &end);
        out.extend_from_slice(b",\"rule\":");
        put(out, &**rule);
        out.extend_from_slice(b",\"start\":");
        put(out, &start);
        out.push(b'}');
    }
    out.push(b']');
}

/// Cleans one record as [`write_record`] does and returns it as a JSON value (the record
/// with `title`, `byline`, `body` and `removed` added), or why it could not be cleaned.
pub fn process_line(cleaner: &Cleaner, line: &[u8]) -> Result<Value, LineError> {
    let mut out = Vec::new();
    write_record(cleaner, line, &mut out)?;
    // Fails only where a copied field nests deeper than serde_json reads.
    serde_json::from_slice(&out).map_err(|e| LineError::InvalidJson(e.to_string()))
}

/// Reads one line into `buf` (without its `\n`), keeping at most `max` bytes of it; the
/// rest of a longer line is read and dropped, so memory stays bounded. Returns the
/// line's full length, or `None` at the end of the input. A last line without a
/// terminator is still a line.
pub fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0;
    let mut any = false;
    loop {
        let avail = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (len, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i, true),
            None => (avail.len(), false),
        };
        let room = max.saturating_sub(buf.len());
        buf.extend_from_slice(&avail[..len.min(room)]);
        total += len;
        input.consume(len + usize::from(done));
        if done {
            return Ok(Some(total));
        }
    }
}

/// Options of [`run`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// Worker threads (default: all available cores).
    pub threads: NonZeroUsize,
    /// Longest line cleaned (default [`DEFAULT_MAX_LINE`]); longer ones get an error record.
    pub max_line: usize,
    /// Lines read, cleaned in parallel and written per batch (default 1024; a batch also
    /// ends at 32 MiB): memory stays bounded whatever the input's size (two batches at
    /// most: one cleaned while the next is read and the one before written).
    pub batch: usize,
    /// The rule set (default: [`Cleaner::new`]).
    pub cleaner: Cleaner,
    /// The field holding the text to clean (default `text`).
    pub text_field: String,
    /// The field holding the record's id (default `id`): copied as written onto the
    /// record's error record, if it gets one, under the same name.
    pub id_field: String,
    /// Whether the output record keeps the text field (default `true`; `false` halves the
    /// output of a pipeline that keeps the body only).
    pub keep_text: bool,
    /// What the offsets of `removed` count (default [`Offsets::Bytes`]).
    pub offsets: Offsets,
    /// Counters that [`run`] updates as it writes (default none): for a progress display
    /// on another thread.
    pub progress: Option<Arc<Progress>>,
}

/// Running totals of a [`run`], updated after each batch is written; read them from any
/// thread (see [`Options::progress`]).
#[derive(Debug, Default)]
pub struct Progress {
    lines: AtomicU64,
    failed: AtomicU64,
    bytes: AtomicU64,
}

impl Progress {
    /// New counters, all zero.
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Lines written so far.
    pub fn lines(&self) -> u64 {
        self.lines.load(Ordering::Relaxed)
    }

    /// Lines written as error records so far.
    pub fn failed(&self) -> u64 {
        self.failed.load(Ordering::Relaxed)
    }

    /// Input bytes of the lines written so far (terminators included).
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Adds one finished input of `bytes` bytes (`failed` if it became an error record)
    /// to the totals: for callers that count other work on the same display.
    pub fn add(&self, lines: u64, failed: u64, bytes: u64) {
        self.lines.fetch_add(lines, Ordering::Relaxed);
        self.failed.fetch_add(failed, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }
}

impl Default for Options {
    fn default() -> Options {
        Options::new(Cleaner::new())
    }
}

impl Options {
    /// The default options with the rule set `cleaner`: unlike
    /// `Options::default().cleaner(…)`, the default rules are never compiled (start-up of
    /// `Cleaner::fast` pipelines).
    ///
    /// ```
    /// let opts = deboil::jsonl::Options::new(deboil::Cleaner::fast());
    /// assert_eq!(opts.max_line, deboil::jsonl::DEFAULT_MAX_LINE);
    /// ```
    pub fn new(cleaner: Cleaner) -> Options {
        Options {
            threads: std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN),
            max_line: DEFAULT_MAX_LINE,
            batch: 1024,
            cleaner,
            text_field: "text".into(),
            id_field: "id".into(),
            keep_text: true,
            offsets: Offsets::Bytes,
            progress: None,
        }
    }

    /// Sets the field holding the text.
    pub fn text_field(mut self, name: &str) -> Options {
        self.text_field = name.to_owned();
        self
    }

    /// Sets the field holding the id.
    pub fn id_field(mut self, name: &str) -> Options {
        self.id_field = name.to_owned();
        self
    }

    /// Sets whether output records keep the text field.
    pub fn keep_text(mut self, keep: bool) -> Options {
        self.keep_text = keep;
        self
    }

    /// Sets what the offsets of `removed` count.
    pub fn offsets(mut self, offsets: Offsets) -> Options {
        self.offsets = offsets;
        self
    }

    /// Sets the counters [`run`] updates.
    pub fn progress(mut self, progress: Arc<Progress>) -> Options {
        self.progress = Some(progress);
        self
    }

    /// Cleans one record under these options (text and id fields, `keep_text`, `offsets`)
    /// and writes it to `out`, as [`write_record`] does with the defaults.
    ///
    /// ```
    /// use deboil::jsonl::{Offsets, Options};
    /// let opts = Options::default().text_field("content").keep_text(false).offsets(Offsets::Chars);
    /// let mut out = Vec::new();
    /// let line = r#"{"content": "Publicité\nLa piscine rouvre samedi après deux ans de travaux."}"#;
    /// opts.write_record(line.as_bytes(), &mut out)?;
    /// let out = String::from_utf8(out).unwrap();
    /// assert!(!out.contains("content"));
    /// assert!(out.contains(r#""end":10"#)); // 10 chars, 11 bytes
    /// # Ok::<(), deboil::jsonl::LineError>(())
    /// ```
    pub fn write_record(&self, line: &[u8], out: &mut Vec<u8>) -> Result<(), LineError> {
        write_with(&self.cleaner, &self.record(), line, out)
    }

    fn record(&self) -> Record<'_> {
        Record {
            text_field: &self.text_field,
            id_field: &self.id_field,
            keep_text: self.keep_text,
            offsets: self.offsets,
        }
    }

    /// Sets the number of worker threads.
    pub fn threads(mut self, threads: NonZeroUsize) -> Options {
        self.threads = threads;
        self
    }

    /// Sets the longest line cleaned.
    pub fn max_line(mut self, max_line: usize) -> Options {
        self.max_line = max_line;
        self
    }

    /// Sets the batch size (at least 1).
    pub fn batch(mut self, batch: usize) -> Options {
        self.batch = batch.max(1);
        self
    }

    /// Sets the rule set.
    pub fn cleaner(mut self, cleaner: Cleaner) -> Options {
        self.cleaner = cleaner;
        self
    }
}

/// What [`run`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// Lines read (= lines written).
    pub lines: u64,
    /// Lines that became error records.
    pub failed: u64,
}

/// One line read from the input: its full length and its (possibly capped) bytes.
struct Pending {
    len: usize,
    bytes: Vec<u8>,
}

/// Cleans one line into its output line (with `\n`); returns whether it failed.
fn output_line(opts: &Options, number: u64, line: &Pending, out: &mut Vec<u8>) -> bool {
    out.clear();
    let result = if line.len > opts.max_line {
        Err(LineError::TooLong {
            len: line.len,
            limit: opts.max_line,
        })
    } else {
        opts.write_record(&line.bytes, out)
    };
    let failed = match result {
        Ok(()) => false,
        Err(e) => {
            out.clear();
            e.write_error(out, &opts.id_field, number);
            true
        }
    };
    out.push(b'\n');
    failed
}

/// Reads the next batch of lines: up to `opts.batch` lines or [`BATCH_BYTES`] bytes; empty
/// at the end of the input. Also returns the input bytes the batch's lines took.
fn read_batch(input: &mut impl BufRead, opts: &Options) -> io::Result<(Vec<Pending>, u64)> {
    let mut batch = Vec::new();
    let mut batch_bytes = 0usize;
    let mut read = 0u64;
    while batch.len() < opts.batch && batch_bytes < BATCH_BYTES {
        let mut bytes = Vec::new();
        match read_line(input, &mut bytes, opts.max_line)? {
            Some(len) => {
                batch_bytes += bytes.len();
                read += len as u64 + 1;
                batch.push(Pending { len, bytes });
            }
            None => break,
        }
    }
    Ok((batch, read))
}

/// Skips a UTF-8 byte order mark at the start of `input` (some Windows tools write one).
/// A mark split across the first two reads of a pipe is not seen (and line 1 fails).
fn skip_bom(input: &mut impl BufRead) -> io::Result<()> {
    let avail = loop {
        match input.fill_buf() {
            Ok(b) => break b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    if avail.starts_with(b"\xef\xbb\xbf") {
        input.consume(3);
    }
    Ok(())
}

/// A cleaned batch: each line's output line, in order, how many lines failed and the input
/// bytes they took.
struct Done {
    outs: Vec<Vec<u8>>,
    failed: u64,
    bytes: u64,
}

/// Cleans `batch`, whose first line is line number `first`, on up to `opts.threads`
/// threads.
fn clean_batch(opts: &Options, first: u64, batch: &[Pending]) -> Done {
    let mut outs: Vec<Vec<u8>> = Vec::new();
    outs.resize_with(batch.len(), Vec::new);
    let threads = opts.threads.get().min(batch.len());
    if threads <= 1 {
        let failed = batch
            .iter()
            .zip(outs.iter_mut())
            .enumerate()
            .map(|(k, (line, out))| u64::from(output_line(opts, first + k as u64, line, out)))
            .sum();
        return Done {
            outs,
            failed,
            bytes: 0,
        };
    }
    // Each thread takes the next record not yet taken (records differ in cost, so fixed
    // shares would leave a thread idle); the outputs go back in place.
    let next = AtomicUsize::new(0);
    let next = &next;
    let done: Vec<Vec<(usize, Vec<u8>, bool)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(line) = batch.get(k) else { break };
                        let mut out = Vec::new();
                        let failed = output_line(opts, first + k as u64, line, &mut out);
                        done.push((k, out, failed));
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().map(join).collect()
    });
    let mut failed = 0;
    for (k, out, f) in done.into_iter().flatten() {
        outs[k] = out;
        failed += u64::from(f);
    }
    Done {
        outs,
        failed,
        bytes: 0,
    }
}

/// Waits for a thread, passing its panic on.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// Streams JSON Lines from `input` to `output`: one output line per input line, in
/// order, cleaned on `opts.threads` threads in batches of `opts.batch` lines. While a
/// batch is cleaned, the calling thread reads the next one and writes the one before, so
/// reading and writing do not hold the cleaning up (at most two batches are in memory).
/// Returns how many lines were read and how many failed; an `Err` is an I/O error
/// (reading input or writing output, e.g. a closed pipe): the batches read whole before a
/// read error are written, and nothing more is written after a write error.
///
/// Each output line is given to `output` in one `write_all` call: a writer that holds a
/// lock for the call (as the `deboil` command's does on SIGTERM) never sees half a line.
pub fn run(mut input: impl BufRead, mut output: impl Write, opts: &Options) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut read = 0u64;
    skip_bom(&mut input)?;
    std::thread::scope(|s| {
        let mut cleaning: Option<std::thread::ScopedJoinHandle<'_, Done>> = None;
        loop {
            let next = read_batch(&mut input, opts);
            let done = cleaning.take().map(join);
            let (more, read_error) = match next {
                Ok((batch, bytes)) if !batch.is_empty() => {
                    let first = read + 1;
                    read += batch.len() as u64;
                    cleaning = Some(s.spawn(move || {
                        let mut done = clean_batch(opts, first, &batch);
                        done.bytes = bytes;
                        done
                    }));
                    (true, None)
                }
                Ok(_) => (false, None),
                Err(e) => (false, Some(e)),
            };
            if let Some(done) = done {
                for out in &done.outs {
                    output.write_all(out)?;
                }
                summary.lines += done.outs.len() as u64;
                summary.failed += done.failed;
                if let Some(p) = &opts.progress {
                    p.add(done.outs.len() as u64, done.failed, done.bytes);
                }
            }
            if let Some(e) = read_error {
                return Err(e);
            }
            if !more {
                return Ok(());
            }
        }
    })?;
    output.flush()?;
    Ok(summary)
}
