//! Cleans one page of scraped text.
//!
//! ```text
//! cargo run --example clean < page.txt            # title, blank line, body
//! cargo run --example clean -- page.txt --explain # every removed span marked with its rule
//! cargo run --example clean -- --json page.txt    # {"title", "byline", "body", "removed": [...]}
//! ```
//! Reads any bytes through [`deboil::clean_bytes`]: invalid UTF-8 is shown as U+FFFD,
//! and `--json` offsets are byte offsets into the original input. The `deboil` command
//! (`src/bin/deboil/`) does all this and more: folders, JSON Lines, threads, custom rules.

use std::error::Error;
use std::io::{self, IsTerminal, Read, Write};

fn main() -> Result<(), Box<dyn Error>> {
    let mut explain = false;
    let mut json = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--explain" => explain = true,
            "--json" => json = true,
            "-h" | "--help" => {
                println!("usage: clean [--explain | --json] [FILE]   (reads stdin without FILE)");
                return Ok(());
            }
            _ if path.is_none() && !arg.starts_with("--") => path = Some(arg),
            _ => return Err(format!("unexpected argument `{arg}` (try --help)").into()),
        }
    }
    let mut bytes = Vec::new();
    match &path {
        Some(p) => bytes = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?,
        None => {
            io::stdin().read_to_end(&mut bytes)?;
        }
    }
    let cleaned = deboil::clean_bytes(&bytes);
    let stdout = io::stdout();
    let color = stdout.is_terminal();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = if json {
        write_json(&mut out, &cleaned)
    } else if explain {
        write_explain(&mut out, &cleaned, color)
    } else {
        if let Some(title) = cleaned.title() {
            writeln!(out, "{title}\n")?;
        }
        writeln!(out, "{}", cleaned.body())
    };
    match result.and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

/// The result as JSON: `{"title", "byline", "body", "removed": [{"start", "end", "rule",
/// "category"}]}` (the `serde` feature's `Serialize` for results).
fn write_json(out: &mut impl Write, cleaned: &deboil::CleanedBytes<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, cleaned)?;
    writeln!(out)
}

/// Prints every line; removed ones prefixed with `-` and followed by `[rule/category]`.
fn write_explain(
    out: &mut impl Write,
    cleaned: &deboil::CleanedBytes<'_>,
    color: bool,
) -> io::Result<()> {
    let (dim, reset) = if color {
        ("\x1b[2;31m", "\x1b[0m")
    } else {
        ("", "")
    };
    for seg in cleaned.segments() {
        match seg.removal {
            None => {
                for line in String::from_utf8_lossy(seg.bytes).lines() {
                    writeln!(out, "  {line}")?;
                }
            }
            Some(r) => {
                for line in String::from_utf8_lossy(seg.bytes).lines() {
                    writeln!(out, "{dim}- {line}  [{}/{}]{reset}", r.rule, r.category)?;
                }
            }
        }
    }
    Ok(())
}
