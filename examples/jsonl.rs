//! Cleans JSON Lines for data pipelines (Spark `pipe`, Hadoop streaming, datatrove, …).
//!
//! Reads `{"id": …, "text": "…", …}` per line on stdin and writes the same record with
//! `title`, `byline`, `body` and `removed` added (other fields pass through), one output
//! line per input line, in order. A bad line becomes `{"line": N, "error": "…"}` (with
//! its `id` when it had one), the stream goes on, and the exit status is 1 when any line
//! failed.
//!
//! ```text
//! cargo run --release --example jsonl < pages.jsonl > cleaned.jsonl
//! ```

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use serde_json::{json, Map, Value};

fn main() -> ExitCode {
    match run() {
        Ok(0) => ExitCode::SUCCESS,
        Ok(failed) => {
            eprintln!("jsonl: {failed} line(s) could not be cleaned (see their error records)");
            ExitCode::from(1)
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jsonl: {e}");
            ExitCode::from(2)
        }
    }
}

/// Streams stdin to stdout; returns how many lines failed.
fn run() -> io::Result<u64> {
    let cleaner = deboil::Cleaner::new();
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut buf = Vec::new();
    let mut failed = 0;
    let mut number = 0u64;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        number += 1;
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let record = match process(&cleaner, line) {
            Ok(record) => record,
            Err((id, reason)) => {
                failed += 1;
                let mut err = Map::new();
                if let Some(id) = id {
                    err.insert("id".into(), id);
                }
                err.insert("line".into(), json!(number));
                err.insert("error".into(), json!(reason));
                Value::Object(err)
            }
        };
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(failed)
}

/// Cleans one record; on failure returns its id (if readable) and the reason.
fn process(cleaner: &deboil::Cleaner, line: &[u8]) -> Result<Value, (Option<Value>, String)> {
    let value: Value =
        serde_json::from_slice(line).map_err(|e| (None, format!("invalid JSON: {e}")))?;
    let Value::Object(mut record) = value else {
        return Err((None, "record is not a JSON object".into()));
    };
    let id = record.get("id").cloned();
    let text = match record.get("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err((id, "field `text` is not a string".into())),
        None => return Err((id, "missing field `text`".into())),
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
