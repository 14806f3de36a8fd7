//! Cleans JSON Lines for data pipelines (Spark `pipe`, Hadoop streaming, datatrove, …).
//!
//! Reads `{"id": …, "text": "…", …}` per line on stdin and writes the same record with
//! `title`, `byline`, `body` and `removed` added (other fields pass through), one output
//! line per input line, in order. A bad line (malformed JSON, no string `text`, invalid
//! UTF-8, longer than `--max-line-bytes`) becomes `{"line": N, "error": "…"}` (with its
//! `id` when it had one), the stream goes on, and the exit status is 1 when any line
//! failed (2 on an I/O error). A closed stdout (`| head`) ends the program quietly.
//!
//! ```text
//! cargo run --release --example jsonl < pages.jsonl > cleaned.jsonl
//! cargo run --release --example jsonl -- --threads 4 < pages.jsonl > cleaned.jsonl
//! cargo run --release --example jsonl -- --fast < pages.jsonl > cleaned.jsonl  # Cleaner::fast
//! ```
//!
//! The record logic is [`deboil::jsonl`] (feature `serde`).

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::process::ExitCode;

use deboil::jsonl::{run, Options};

const USAGE: &str =
    "usage: jsonl [--fast] [--threads N] [--max-line-bytes N] < in.jsonl > out.jsonl";

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("jsonl: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let stdin = io::stdin();
    let stdout = io::stdout();
    let out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match run(stdin.lock(), out, &opts) {
        Ok(s) if s.failed == 0 => ExitCode::SUCCESS,
        Ok(s) => {
            let _ = writeln!(
                io::stderr(),
                "jsonl: {} of {} line(s) could not be cleaned (see their error records)",
                s.failed,
                s.lines
            );
            ExitCode::from(1)
        }
        // The reader went away (e.g. `| head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "jsonl: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse_args() -> Result<Option<Options>, String> {
    // The rule set is chosen first, so `--fast` never compiles the default rules.
    let fast = std::env::args().skip(1).any(|a| a == "--fast");
    let cleaner = if fast {
        deboil::Cleaner::fast()
    } else {
        deboil::Cleaner::new()
    };
    let mut opts = Options::new(cleaner);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> Result<usize, String> {
            let v = args.next().ok_or(format!("{name} needs a value"))?;
            v.parse().map_err(|_| format!("{name}: not a number: {v}"))
        };
        match arg.as_str() {
            "--threads" => {
                let n =
                    NonZeroUsize::new(value("--threads")?).ok_or("--threads must be at least 1")?;
                opts = opts.threads(n);
            }
            "--max-line-bytes" => opts = opts.max_line(value("--max-line-bytes")?),
            "--fast" => {}
            "-h" | "--help" => return Ok(None),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    Ok(Some(opts))
}
