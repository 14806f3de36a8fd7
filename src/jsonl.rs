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

use serde_json::{json, Map, Value};

use crate::Cleaner;

/// Longest line [`run`] cleans by default (64 MiB); longer lines get an error record.
pub const DEFAULT_MAX_LINE: usize = 64 << 20;

/// A batch also ends once it holds this many bytes, bounding memory with long lines.
const BATCH_BYTES: usize = 64 << 20;

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

/// Cleans one record: `line` is its JSON text (a trailing `\r` or `\n` is ignored).
/// Returns the record with `title`, `byline`, `body` and `removed` added, or why it
/// could not be cleaned. `removed` spans are byte offsets into the `text` string.
pub fn process_line(cleaner: &Cleaner, line: &[u8]) -> Result<Value, LineError> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if let Err(e) = std::str::from_utf8(line) {
        return Err(LineError::InvalidUtf8 {
            at: e.valid_up_to(),
        });
    }
    let value: Value =
        serde_json::from_slice(line).map_err(|e| LineError::InvalidJson(e.to_string()))?;
    let Value::Object(mut record) = value else {
        return Err(LineError::NotAnObject);
    };
    let text = match record.get("text") {
        Some(Value::String(s)) => s,
        Some(_) => {
            let id = record.get("id").cloned();
            return Err(LineError::TextNotString { id });
        }
        None => {
            let id = record.get("id").cloned();
            return Err(LineError::MissingText { id });
        }
    };
    let cleaned = cleaner.clean(text);
    let removed: Vec<Value> = cleaned
        .removed()
        .iter()
        .map(|r| {
            json!({"start": r.span.start, "end": r.span.end, "rule": &*r.rule, "category": r.category.name()})
        })
        .collect();
    let title = json!(cleaned.title());
    let byline = json!(cleaned.byline());
    let body = json!(cleaned.body());
    record.insert("title".into(), title);
    record.insert("byline".into(), byline);
    record.insert("body".into(), body);
    record.insert("removed".into(), Value::Array(removed));
    Ok(Value::Object(record))
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
    /// Lines read, cleaned in parallel and written per batch (default 2048; a batch also
    /// ends at 64 MiB): memory stays bounded whatever the input's size.
    pub batch: usize,
    /// The rule set (default: [`Cleaner::new`]).
    pub cleaner: Cleaner,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            threads: std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN),
            max_line: DEFAULT_MAX_LINE,
            batch: 2048,
            cleaner: Cleaner::new(),
        }
    }
}

impl Options {
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
    let result = if line.len > opts.max_line {
        Err(LineError::TooLong {
            len: line.len,
            limit: opts.max_line,
        })
    } else {
        process_line(&opts.cleaner, &line.bytes)
    };
    let (value, failed) = match result {
        Ok(v) => (v, false),
        Err(e) => (e.record(number), true),
    };
    out.clear();
    // Serialising a `Value` into a `Vec` cannot fail (string keys, finite numbers).
    if serde_json::to_writer(&mut *out, &value).is_err() {
        out.clear();
        out.extend_from_slice(br#"{"error":"could not serialise record"}"#);
    }
    out.push(b'\n');
    failed
}

/// Streams JSON Lines from `input` to `output`: one output line per input line, in
/// order, cleaned on `opts.threads` threads in batches of `opts.batch` lines. Returns how
/// many lines were read and how many failed; an `Err` is an I/O error (reading input or
/// writing output, e.g. a closed pipe), after which nothing more is written.
pub fn run(mut input: impl BufRead, mut output: impl Write, opts: &Options) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut batch: Vec<Pending> = Vec::with_capacity(opts.batch);
    let mut outs: Vec<Vec<u8>> = Vec::new();
    loop {
        batch.clear();
        let mut batch_bytes = 0usize;
        while batch.len() < opts.batch && batch_bytes < BATCH_BYTES {
            let mut bytes = Vec::new();
            match read_line(&mut input, &mut bytes, opts.max_line)? {
                Some(len) => {
                    batch_bytes += bytes.len();
                    batch.push(Pending { len, bytes });
                }
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        outs.resize_with(batch.len(), Vec::new);
        let first = summary.lines + 1;
        let threads = opts.threads.get().min(batch.len());
        let failed: u64 = if threads <= 1 {
            batch
                .iter()
                .zip(outs.iter_mut())
                .enumerate()
                .map(|(k, (line, out))| u64::from(output_line(opts, first + k as u64, line, out)))
                .sum()
        } else {
            // Each thread takes the next record not yet taken (records differ in cost, so
            // fixed shares would leave a thread idle); the outputs go back in place.
            let next = AtomicUsize::new(0);
            let (batch, next) = (&batch, &next);
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
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            });
            let mut failed = 0;
            for (k, out, f) in done.into_iter().flatten() {
                outs[k] = out;
                failed += u64::from(f);
            }
            failed
        };
        for out in &outs[..batch.len()] {
            output.write_all(out)?;
        }
        // Not kept for the next batch: slot `k` would keep the largest record it ever
        // held, and over a long stream every slot ends up as large as the largest one.
        outs.clear();
        summary.lines += batch.len() as u64;
        summary.failed += failed;
    }
    output.flush()?;
    Ok(summary)
}
