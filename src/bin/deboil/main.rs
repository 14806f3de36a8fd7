//! `deboil`: the command-line front end of the deboil crate.
//!
//! Cleans text files, folders, globs or stdin, or JSON Lines records, and writes text,
//! JSON, JSON Lines, an explanation of every removal or an HTML report. The reference,
//! with the output schema and the exit codes, is `docs/CLI.md`; `deboil --help` sums it up.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use deboil::jsonl::{self, Offsets, Options, Progress};
use deboil::{Cleaner, Document};

mod args;
mod inputs;
mod output;
mod rules;

use args::{Args, Format, Input, Parsed};
use inputs::Source;
use output::{Display, Out};

fn main() -> ExitCode {
    let args = match args::parse(std::env::args_os().skip(1)) {
        Ok(Parsed::Run(a)) => a,
        Ok(Parsed::Help) => {
            print!("{}", args::HELP);
            return ExitCode::SUCCESS;
        }
        Ok(Parsed::Version) => {
            println!("deboil {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error(&e),
    };
    match run(args) {
        Ok(code) => code,
        Err(Failure::Usage(e)) => usage_error(&e),
        Err(Failure::Io(e)) => {
            eprintln!("deboil: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage_error(e: &str) -> ExitCode {
    eprintln!("deboil: {e}\n(deboil --help lists the options)");
    ExitCode::from(2)
}

/// Why the command stopped early.
enum Failure {
    /// A bad command line or rules file: exit 2 with a hint.
    Usage(String),
    /// Unreadable rules or an output that cannot be written: exit 2.
    Io(String),
}

/// What the inputs gave.
#[derive(Default)]
struct Status {
    /// Records or documents written.
    records: u64,
    /// Records that became error records.
    failed: u64,
    /// Whether an input could not be read.
    io_error: bool,
}

fn run(args: Args) -> Result<ExitCode, Failure> {
    let sources = inputs::expand(&args.inputs).map_err(Failure::Usage)?;
    let input = args.input.unwrap_or(
        if !args.jsonl_flags.is_empty() || sources.iter().all(Source::is_jsonl) {
            Input::Jsonl
        } else {
            Input::Text
        },
    );
    if input == Input::Text {
        if let Some(flag) = args.jsonl_flags.first() {
            return Err(Failure::Usage(format!(
                "{flag} applies to JSON Lines input (--input jsonl)"
            )));
        }
    }
    let format = args.format.unwrap_or(match input {
        Input::Jsonl => Format::Jsonl,
        Input::Text => Format::Text,
    });
    if input == Input::Jsonl && format != Format::Jsonl {
        return Err(Failure::Usage(
            "JSON Lines input is written as JSON Lines only (--format jsonl)".into(),
        ));
    }
    if format == Format::Html && sources.len() != 1 {
        return Err(Failure::Usage(
            "--format html reports on one input at a time".into(),
        ));
    }
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Failure::Usage("stdin (-) can be read only once".into()));
    }
    output::stop_cleanly_on_signals();
    let cleaner = match (&args.rules, args.fast) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?;
            rules::parse(&path.display().to_string(), &text).map_err(Failure::Usage)?
        }
        (None, true) => Cleaner::fast(),
        (None, false) => Cleaner::new(),
    };
    let sink: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| Failure::Io(format!("{}: {e}", path.display())))?,
        ),
        None => Box::new(io::stdout()),
    };
    let mut out = Out::new(sink);
    let counts = Arc::new(Progress::new());
    let display = Display::wanted(args.progress).then(|| Display::start(counts.clone()));
    output::attach(&out, display.clone());

    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN)
    });
    let result = match input {
        Input::Jsonl => {
            let opts = Options::new(cleaner)
                .threads(threads)
                .max_line(args.max_line)
                .text_field(&args.text_field)
                .id_field(&args.id_field)
                .keep_text(args.keep_text)
                .offsets(args.offsets)
                .progress(counts.clone());
            run_jsonl(&sources, &mut out, &opts)
        }
        Input::Text => run_text(
            &sources,
            &mut out,
            &cleaner,
            &args,
            format,
            threads.get(),
            &counts,
        ),
    };
    let result = result.and_then(|s| out.flush().map(|()| s));
    if let Some(d) = &display {
        d.finish();
    }
    let status = match result {
        Ok(s) => s,
        // The reader went away (`| head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(Failure::Io(format!("writing the output: {e}"))),
    };
    if status.failed > 0 {
        eprintln!(
            "deboil: {} of {} records could not be cleaned (see their error records)",
            status.failed, status.records
        );
    }
    Ok(if status.io_error {
        ExitCode::from(2)
    } else if status.failed > 0 && !args.errors_ok {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Opens a source for reading.
fn open(source: &Source) -> io::Result<Box<dyn BufRead>> {
    Ok(match source {
        Source::Stdin => Box::new(io::stdin().lock()),
        Source::File(p) => Box::new(io::BufReader::with_capacity(
            1 << 16,
            std::fs::File::open(p)?,
        )),
    })
}

/// JSON Lines: every source in turn, records in order; an unreadable source is reported
/// and skipped. An `Err` is a write error.
fn run_jsonl(sources: &[Source], out: &mut Out, opts: &Options) -> io::Result<Status> {
    let mut status = Status::default();
    for source in sources {
        let mut output = Noting {
            inner: &mut *out,
            failed: false,
        };
        match open(source).and_then(|input| jsonl::run(input, &mut output, opts)) {
            Ok(s) => {
                status.records += s.lines;
                status.failed += s.failed;
            }
            Err(e) if output.failed => return Err(e),
            Err(e) => {
                eprintln!("deboil: {}: {e}", source.name());
                status.io_error = true;
            }
        }
    }
    Ok(status)
}

/// A writer that notes whether writing failed, to tell write errors from read errors.
struct Noting<'w, W> {
    inner: &'w mut W,
    failed: bool,
}

impl<W: Write> Write for Noting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.failed |= r.is_err();
        r
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let r = self.inner.write_all(buf);
        self.failed |= r.is_err();
        r
    }
    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.failed |= r.is_err();
        r
    }
}

/// Text: each source is one document, cleaned on `threads` threads in batches, written in
/// order. An unreadable source is reported and skipped. An `Err` is a write error.
fn run_text(
    sources: &[Source],
    out: &mut Out,
    cleaner: &Cleaner,
    args: &Args,
    format: Format,
    threads: usize,
    counts: &Progress,
) -> io::Result<Status> {
    let mut status = Status::default();
    let several = sources.len() > 1;
    let batch = (threads * 4).max(16);
    let mut written = 0usize;
    if format == Format::Json && several {
        out.write_all(b"[")?;
    }
    for (b, chunk) in sources.chunks(batch).enumerate() {
        let next = AtomicUsize::new(0);
        let mut results: Vec<(usize, io::Result<Rendered>)> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads.min(chunk.len()))
                .map(|_| {
                    let next = &next;
                    s.spawn(move || {
                        let mut done = Vec::new();
                        loop {
                            let k = next.fetch_add(1, Ordering::Relaxed);
                            let Some(source) = chunk.get(k) else { break };
                            let index = b * batch + k;
                            let result = read_all(source).map(|bytes| {
                                let rendered =
                                    render(&bytes, source, index, several, cleaner, args, format);
                                (rendered, bytes.len() as u64)
                            });
                            done.push((k, result));
                        }
                        done
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        results.sort_by_key(|(k, _)| *k);
        for (k, result) in results {
            match result {
                Ok((rendered, bytes)) => {
                    if format == Format::Json && several && written > 0 {
                        out.write_all(b",\n")?;
                    }
                    out.write_all(&rendered)?;
                    written += 1;
                    status.records += 1;
                    counts.add(1, 0, bytes);
                }
                Err(e) => {
                    eprintln!("deboil: {}: {e}", chunk[k].name());
                    status.io_error = true;
                }
            }
        }
    }
    if format == Format::Json && several {
        out.write_all(b"]\n")?;
    }
    Ok(status)
}

/// A document's output and the input bytes it came from.
type Rendered = (Vec<u8>, u64);

fn read_all(source: &Source) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    match source {
        Source::Stdin => {
            io::stdin().lock().read_to_end(&mut bytes)?;
        }
        Source::File(p) => bytes = std::fs::read(p)?,
    }
    Ok(bytes)
}

/// One document's output in `format`. `index` is its place among the inputs, `several`
/// whether there are others (then text and explain output get a `==> name <==` header).
fn render(
    bytes: &[u8],
    source: &Source,
    index: usize,
    several: bool,
    cleaner: &Cleaner,
    args: &Args,
    format: Format,
) -> Vec<u8> {
    let mut out = Vec::new();
    let header = |out: &mut Vec<u8>| {
        if several {
            if index > 0 {
                out.push(b'\n');
            }
            let _ = writeln!(out, "==> {} <==", source.name());
        }
    };
    match format {
        Format::Text => {
            header(&mut out);
            let cleaned = cleaner.clean_bytes(bytes);
            if let Some(title) = cleaned.title() {
                let _ = writeln!(out, "{title}\n");
            }
            let _ = writeln!(out, "{}", cleaned.body());
        }
        Format::Explain => {
            header(&mut out);
            let cleaned = cleaner.clean_bytes(bytes);
            for seg in cleaned.segments() {
                let text = String::from_utf8_lossy(seg.bytes);
                for line in text.lines() {
                    let _ = match seg.removal {
                        None => writeln!(out, "  {line}"),
                        Some(r) => writeln!(out, "- {line}  [{}/{}]", r.rule, r.category),
                    };
                }
            }
        }
        Format::Json | Format::Jsonl => {
            let doc = document(bytes, cleaner, args.offsets);
            if several || format == Format::Jsonl {
                out.extend_from_slice(b"{\"path\":");
                let _ = serde_json::to_writer(&mut out, &source.name());
                out.push(b',');
                let json = serde_json::to_vec(&doc).unwrap_or_default();
                out.extend_from_slice(json.get(1..).unwrap_or_default());
            } else {
                let _ = serde_json::to_writer(&mut out, &doc);
            }
            if format == Format::Jsonl || !several {
                out.push(b'\n');
            }
        }
        Format::Html => {
            let text = String::from_utf8_lossy(bytes);
            out = deboil::report::html(&cleaner.clean(&text)).into_bytes();
        }
    }
    out
}

/// The owned result for `bytes`, its offsets counted as `offsets` says: bytes of the
/// original input, or chars of its (lossily decoded) text.
fn document(bytes: &[u8], cleaner: &Cleaner, offsets: Offsets) -> Document {
    match offsets {
        Offsets::Chars => {
            let text = String::from_utf8_lossy(bytes);
            let cleaned = cleaner.clean(&text);
            let chars = cleaned.removed_chars();
            let mut doc = cleaned.into_owned();
            doc.removed = chars;
            doc
        }
        _ => cleaner.clean_bytes(bytes).into_owned(),
    }
}
