//! JSON Lines cleaning, the engine of the `jsonl` example (feature `serde`).
//!
//! Each input line is a record `{"id": …, "text": "…", …}`; its output line is the same
//! record with `title`, `byline`, `body` and `removed` added (every other field passes
//! through). A line that cannot be cleaned becomes an error record
//! `{"id": …, "line": N, "error": "…"}` (with `id` when the record had a readable one), so
//! **the output always has exactly one line per input line, in input order**, whatever
//! the input holds.
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

use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::Cleaner;

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
    },
    /// The line is not valid JSON.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// The line is JSON but not an object.
    #[error("record is not a JSON object")]
    NotAnObject,
    /// The record has no `text` field.
    #[error("missing field `text`")]
    MissingText {
        /// The record's `id`, if it had one.
        id: Option<Value>,
    },
    /// The record's `text` is not a string.
    #[error("field `text` is not a string")]
    TextNotString {
        /// The record's `id`, if it had one.
        id: Option<Value>,
    },
}

impl LineError {
    /// The failed record's `id`, when it could be read.
    pub fn id(&self) -> Option<&Value> {
        match self {
            LineError::MissingText { id } | LineError::TextNotString { id } => id.as_ref(),
            _ => None,
        }
    }

    /// The error record written in place of the line: `{"id"?, "line", "error"}`.
    /// `number` is the 1-based line number.
    pub fn record(&self, number: u64) -> Value {
        let mut err = Map::new();
        if let Some(id) = self.id() {
            err.insert("id".into(), id.clone());
        }
        err.insert("line".into(), json!(number));
        err.insert("error".into(), json!(self.to_string()));
        Value::Object(err)
    }
}

/// One record as read: each field's value as its JSON text, untouched (keys in order, the
/// last of a repeated key kept).
type Fields<'a> = BTreeMap<String, &'a RawValue>;

/// The fields `run` adds to each record, in key order.
const ADDED: [&str; 4] = ["body", "byline", "removed", "title"];

/// Reads one record: `line` is its JSON text (a trailing `\r` or `\n` is ignored).
fn read_record(line: &[u8]) -> Result<Fields<'_>, LineError> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if let Err(e) = std::str::from_utf8(line) {
        return Err(LineError::InvalidUtf8 {
            at: e.valid_up_to(),
        });
    }
    serde_json::from_slice(line).map_err(|_| {
        // Read again as any JSON value to say why: malformed, or not an object.
        match serde_json::from_slice::<Value>(line) {
            Ok(_) => LineError::NotAnObject,
            Err(e) => LineError::InvalidJson(e.to_string()),
        }
    })
}

/// The record's `id` as a JSON value, when it has one.
fn id_of(fields: &Fields<'_>) -> Option<Value> {
    fields
        .get("id")
        .and_then(|raw| serde_json::from_str(raw.get()).ok())
}

/// Writes `value` as JSON to `out`. Writing into a `Vec` cannot fail for a string, a number
/// or a null; the error is ignored.
fn put<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Cleans one record and writes it to `out` (without a line terminator): the record with
/// `title`, `byline`, `body` and `removed` added (replacing fields of those names), keys in
/// order, every other field's value copied as it was written. `line` is the record's JSON
/// text (a trailing `\r` or `\n` is ignored); `removed` spans are byte offsets into the
/// `text` string. On an error nothing is written.
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
    let fields = read_record(line)?;
    let text: String = match fields.get("text") {
        Some(raw) if raw.get().starts_with('"') => {
            serde_json::from_str(raw.get()).map_err(|e| LineError::InvalidJson(e.to_string()))?
        }
        Some(_) => return Err(LineError::TextNotString { id: id_of(&fields) }),
        None => return Err(LineError::MissingText { id: id_of(&fields) }),
    };
    let cleaned = cleaner.clean(&text);
    // The record's own fields and the added ones, merged in key order.
    let mut own = fields
        .iter()
        .filter(|(k, _)| !ADDED.contains(&k.as_str()))
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
            _ => {
                out.push(b'[');
                for (k, r) in cleaned.removed().iter().enumerate() {
                    if k > 0 {
                        out.push(b',');
                    }
                    // Keys in order, as in every object written.
                    out.extend_from_slice(b"{\"category\":");
                    put(out, r.category.name());
                    out.extend_from_slice(b",\"end\":");
                    put(out, &r.span.end);
                    out.extend_from_slice(b",\"rule\":");
                    put(out, &*r.rule);
                    out.extend_from_slice(b",\"start\":");
                    put(out, &r.span.start);
                    out.push(b'}');
                }
                out.push(b']');
            }
        }
    }
    out.push(b'}');
    Ok(())
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
        write_record(&opts.cleaner, &line.bytes, out)
    };
    let failed = match result {
        Ok(()) => false,
        Err(e) => {
            out.clear();
            put(out, &e.record(number));
            true
        }
    };
    out.push(b'\n');
    failed
}

/// Reads the next batch of lines: up to `opts.batch` lines or [`BATCH_BYTES`] bytes; empty
/// at the end of the input.
fn read_batch(input: &mut impl BufRead, opts: &Options) -> io::Result<Vec<Pending>> {
    let mut batch = Vec::new();
    let mut batch_bytes = 0usize;
    while batch.len() < opts.batch && batch_bytes < BATCH_BYTES {
        let mut bytes = Vec::new();
        match read_line(input, &mut bytes, opts.max_line)? {
            Some(len) => {
                batch_bytes += bytes.len();
                batch.push(Pending { len, bytes });
            }
            None => break,
        }
    }
    Ok(batch)
}

/// A cleaned batch: each line's output line, in order, and how many lines failed.
struct Done {
    outs: Vec<Vec<u8>>,
    failed: u64,
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
        return Done { outs, failed };
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
    Done { outs, failed }
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
pub fn run(mut input: impl BufRead, mut output: impl Write, opts: &Options) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut read = 0u64;
    std::thread::scope(|s| {
        let mut cleaning: Option<std::thread::ScopedJoinHandle<'_, Done>> = None;
        loop {
            let next = read_batch(&mut input, opts);
            let done = cleaning.take().map(join);
            let (more, read_error) = match next {
                Ok(batch) if !batch.is_empty() => {
                    let first = read + 1;
                    read += batch.len() as u64;
                    cleaning = Some(s.spawn(move || clean_batch(opts, first, &batch)));
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
