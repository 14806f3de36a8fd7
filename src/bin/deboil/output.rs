//! The output stream, a clean stop on SIGTERM/SIGINT, and the progress line.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use deboil::jsonl::Progress;

type Sink = io::BufWriter<Box<dyn Write + Send>>;

/// The output, shared with the signal watcher: every `write_all` holds the lock for the
/// whole call, and callers write one line (or one document) per call, so the output is
/// only ever stopped between lines.
#[derive(Clone)]
pub struct Out(Arc<Shared>);

struct Shared {
    sink: Mutex<Sink>,
    /// The exit status asked for by a signal (0: none yet).
    stop: AtomicI32,
    /// The progress line to finish on the way out.
    progress: OnceLock<Display>,
}

impl Out {
    pub fn new(inner: Box<dyn Write + Send>) -> Out {
        Out(Arc::new(Shared {
            sink: Mutex::new(io::BufWriter::with_capacity(1 << 16, inner)),
            stop: AtomicI32::new(0),
            progress: OnceLock::new(),
        }))
    }

    /// Locks the output; when a signal asked to stop, flushes what was written (whole
    /// lines) and exits instead.
    fn lock(&self) -> MutexGuard<'_, Sink> {
        let mut sink = self.0.sink.lock().unwrap_or_else(|e| e.into_inner());
        let code = self.0.stop.load(Ordering::SeqCst);
        if code != 0 {
            let _ = sink.flush();
            if let Some(p) = self.0.progress.get() {
                p.finish();
            }
            std::process::exit(code);
        }
        sink
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.lock().write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.lock().write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.lock().flush()
    }
}

/// The output the signal watcher stops, once there is one.
static OUTPUT: OnceLock<Out> = OnceLock::new();

/// On SIGTERM or SIGINT: finish the line being written, flush, exit 143 or 130 (on Unix;
/// elsewhere the default handling stays). Call it first; [`attach`] the output once it
/// exists (before that, a signal exits at once: nothing was written). The writer stops at
/// its next line; the watcher thread stops a command that is not writing (waiting for
/// input, compiling rules).
pub fn stop_cleanly_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let term = Arc::new(AtomicBool::new(false));
        let int = Arc::new(AtomicBool::new(false));
        let ok = signal_hook::flag::register(SIGTERM, term.clone()).is_ok()
            && signal_hook::flag::register(SIGINT, int.clone()).is_ok();
        if !ok {
            return;
        }
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(20));
            let code = if term.load(Ordering::Relaxed) {
                143
            } else if int.load(Ordering::Relaxed) {
                130
            } else {
                continue;
            };
            let Some(out) = OUTPUT.get() else {
                std::process::exit(code)
            };
            out.0.stop.store(code, Ordering::SeqCst);
            // Exits at once unless a line is being written; then the writer exits first.
            drop(out.lock());
        });
    }
}

/// Hands the output (and the progress line to finish) to the signal watcher.
pub fn attach(out: &Out, progress: Option<Display>) {
    if let Some(p) = progress {
        let _ = out.0.progress.set(p);
    }
    let _ = OUTPUT.set(out.clone());
}

/// The progress line on stderr: records, MB read, MB/s, errors.
#[derive(Clone)]
pub struct Display {
    counts: Arc<Progress>,
    start: Instant,
    done: Arc<AtomicBool>,
    /// Redraw in place (a terminal), or write a line every few seconds (a log file).
    tty: bool,
}

impl Display {
    /// Whether to show progress: `--progress`/`--no-progress`, else when stderr is a
    /// terminal.
    pub fn wanted(flag: Option<bool>) -> bool {
        flag.unwrap_or_else(|| io::stderr().is_terminal())
    }

    /// Starts a thread that redraws the line twice a second.
    pub fn start(counts: Arc<Progress>) -> Display {
        let d = Display {
            counts,
            start: Instant::now(),
            done: Arc::new(AtomicBool::new(false)),
            tty: io::stderr().is_terminal(),
        };
        let t = d.clone();
        let every = Duration::from_millis(if d.tty { 500 } else { 5000 });
        std::thread::spawn(move || {
            while !t.done.load(Ordering::Relaxed) {
                std::thread::sleep(every);
                if !t.done.load(Ordering::Relaxed) {
                    t.draw(false);
                }
            }
        });
        d
    }

    fn draw(&self, last: bool) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let mb = self.counts.bytes() as f64 / 1e6;
        let line = format!(
            "{} records, {:.1} MB, {:.1} MB/s, {} errors",
            self.counts.lines(),
            mb,
            mb / secs,
            self.counts.failed()
        );
        let line = if !self.tty {
            format!("deboil: {line}\n")
        } else if last {
            format!("\r{line:<60}\n")
        } else {
            format!("\r{line:<60}")
        };
        let mut err = io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }

    /// Stops the redraws and prints the final line.
    pub fn finish(&self) {
        if !self.done.swap(true, Ordering::Relaxed) {
            self.draw(true);
        }
    }
}
