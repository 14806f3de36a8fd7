//! The command line: flags and their values.

use std::ffi::OsString;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use deboil::jsonl::{Offsets, DEFAULT_MAX_LINE};

/// `--help`.
pub const HELP: &str = "\
deboil: strip boilerplate from scraped web text, explaining every removal

usage: deboil [OPTIONS] [INPUT]...

INPUT is a file, a folder (every file below it, in name order), a glob ('pages/*.txt',
quoted so that deboil expands it) or - for stdin; stdin when none is given.

output:
  -o, --output FILE         write to FILE instead of stdout
  -f, --format FORMAT       text (title, blank line, body; the default for text input),
                            json, jsonl (the default for JSON Lines input), explain (every
                            line, removed ones marked with their rule and category), html
                            (a self-contained page for auditing by eye; one input)
      --offsets UNIT        bytes (default) or chars: what removed spans' start/end count

JSON Lines input (one {\"id\": ..., \"text\": \"...\"} record per line):
      --input KIND          text or jsonl (default: jsonl when every input file ends in
                            .jsonl or .ndjson or an option below is given, else text)
      --text-field NAME     the field to clean (default text)
      --id-field NAME       the id copied onto error records (default id)
      --keep-text           keep the text field in output records (the default)
      --drop-text           leave it out (output about half the size)
      --max-line-bytes N    longer lines become error records (default 64 MiB)

cleaning:
      --fast                the fast engine (Cleaner::fast): several times faster, a
                            little less accurate
      --rules FILE          custom rules (see docs/CLI.md): add/keep/remove/move lines
  -j, --threads N           worker threads (default: all cores)

reporting:
      --progress            a progress line on stderr (default when stderr is a terminal)
      --no-progress         never show it
      --errors-ok           exit 0 when records became error records
  -h, --help                this help
  -V, --version             the version

exit status: 0 ok; 1 some JSON Lines records became error records (unless --errors-ok);
2 usage or I/O error; 130/143 stopped by SIGINT/SIGTERM after finishing the line being
written.
";

/// What is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Each input is one document.
    Text,
    /// Each input line is a JSON record.
    Jsonl,
}

/// What is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Explain,
    Html,
}

/// The parsed command line.
#[derive(Debug)]
pub struct Args {
    pub inputs: Vec<OsString>,
    pub output: Option<PathBuf>,
    pub format: Option<Format>,
    pub input: Option<Input>,
    pub offsets: Offsets,
    pub text_field: String,
    pub id_field: String,
    pub keep_text: bool,
    pub max_line: usize,
    pub fast: bool,
    pub rules: Option<PathBuf>,
    pub threads: Option<NonZeroUsize>,
    pub progress: Option<bool>,
    pub errors_ok: bool,
    /// The JSON Lines options given (`--text-field`, …), for messages and to infer
    /// `--input jsonl`.
    pub jsonl_flags: Vec<&'static str>,
}

/// What the command line asks for.
pub enum Parsed {
    Run(Args),
    Help,
    Version,
}

/// Parses the command line (without the program name).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Parsed, String> {
    use lexopt::prelude::*;
    let mut a = Args {
        inputs: Vec::new(),
        output: None,
        format: None,
        input: None,
        offsets: Offsets::Bytes,
        text_field: "text".into(),
        id_field: "id".into(),
        keep_text: true,
        max_line: DEFAULT_MAX_LINE,
        fast: false,
        rules: None,
        threads: None,
        progress: None,
        errors_ok: false,
        jsonl_flags: Vec::new(),
    };
    let mut p = lexopt::Parser::from_args(args);
    let text = |v: OsString, flag: &str| -> Result<String, String> {
        v.into_string()
            .map_err(|v| format!("{flag}: not valid UTF-8: {}", v.to_string_lossy()))
    };
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Parsed::Help),
            Short('V') | Long("version") => return Ok(Parsed::Version),
            Short('o') | Long("output") => a.output = Some(p.value().map_err(str_err)?.into()),
            Short('f') | Long("format") => {
                let v = text(p.value().map_err(str_err)?, "--format")?;
                a.format = Some(match v.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    "explain" => Format::Explain,
                    "html" => Format::Html,
                    _ => {
                        return Err(format!(
                            "--format: unknown format `{v}` (expected text, json, jsonl, explain or html)"
                        ))
                    }
                });
            }
            Long("input") => {
                let v = text(p.value().map_err(str_err)?, "--input")?;
                a.input = Some(match v.as_str() {
                    "text" => Input::Text,
                    "jsonl" => Input::Jsonl,
                    _ => {
                        return Err(format!(
                            "--input: unknown kind `{v}` (expected text or jsonl)"
                        ))
                    }
                });
            }
            Long("offsets") => {
                let v = text(p.value().map_err(str_err)?, "--offsets")?;
                a.offsets = v.parse().map_err(|e| format!("--offsets: {e}"))?;
            }
            Long("text-field") => {
                a.text_field = text(p.value().map_err(str_err)?, "--text-field")?;
                a.jsonl_flags.push("--text-field");
            }
            Long("id-field") => {
                a.id_field = text(p.value().map_err(str_err)?, "--id-field")?;
                a.jsonl_flags.push("--id-field");
            }
            Long("keep-text") => {
                a.keep_text = true;
                a.jsonl_flags.push("--keep-text");
            }
            Long("drop-text") => {
                a.keep_text = false;
                a.jsonl_flags.push("--drop-text");
            }
            Long("max-line-bytes") => {
                a.max_line = number(p.value().map_err(str_err)?, "--max-line-bytes")?;
                a.jsonl_flags.push("--max-line-bytes");
            }
            Long("fast") => a.fast = true,
            Long("rules") => a.rules = Some(p.value().map_err(str_err)?.into()),
            Short('j') | Long("threads") => {
                let n = number(p.value().map_err(str_err)?, "--threads")?;
                a.threads =
                    Some(NonZeroUsize::new(n).ok_or("--threads: must be at least 1".to_owned())?);
            }
            Long("progress") => a.progress = Some(true),
            Long("no-progress") => a.progress = Some(false),
            Long("errors-ok") => a.errors_ok = true,
            Value(v) => a.inputs.push(v),
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    if a.fast && a.rules.is_some() {
        return Err(
            "--fast and --rules cannot be combined (custom rules extend the default engine)".into(),
        );
    }
    Ok(Parsed::Run(a))
}

fn str_err(e: lexopt::Error) -> String {
    e.to_string()
}

fn number(v: OsString, flag: &str) -> Result<usize, String> {
    let s = v.to_string_lossy();
    s.parse()
        .map_err(|_| format!("{flag}: not a number: `{s}`"))
}
