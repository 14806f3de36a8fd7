//! Cleans one document (a file, or a generated synthetic one) and reports its size, the
//! time taken and, on Linux, the process's peak resident memory, to measure memory use
//! relative to the input.
//!
//! ```text
//! cargo run --release -p deboil-tools --bin memory -- 100       # a generated 100 MB page mix
//! cargo run --release -p deboil-tools --bin memory -- page.txt  # a file
//! /usr/bin/time -v target/release/memory 100                    # peak RSS from the kernel
//! target/release/memory --fast 100                              # the fast engine
//! ```

#[path = "../../../benches/common/mod.rs"]
mod common;

use std::time::Instant;

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `--fast` (anywhere): the fast engine (`Cleaner::fast`).
    let fast = std::env::args().skip(1).any(|a| a == "--fast");
    let arg = std::env::args()
        .skip(1)
        .find(|a| a != "--fast")
        .unwrap_or_else(|| "100".into());
    let text = match arg.parse::<usize>() {
        Ok(mb) => common::document(6, common::Lang::En, mb << 20, 20_000),
        Err(_) => match std::fs::read(&arg) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!("memory: {arg}: {e}");
                std::process::exit(2);
            }
        },
    };
    let before = peak_rss_kb().unwrap_or(0);
    let t = Instant::now();
    let cleaner = if fast {
        deboil::Cleaner::fast()
    } else {
        deboil::Cleaner::new()
    };
    let cleaned = cleaner.clean(&text);
    let secs = t.elapsed().as_secs_f64();
    let mb = text.len() as f64 / (1u64 << 20) as f64;
    println!(
        "input {:.1} MiB, body {:.1} MiB, {} removals, {:.3} s ({:.1} MiB/s)",
        mb,
        cleaned.body().len() as f64 / (1u64 << 20) as f64,
        cleaned.removed().len(),
        secs,
        mb / secs
    );
    if let Some(peak) = peak_rss_kb() {
        let peak_mb = peak as f64 / 1024.0;
        println!(
            "peak RSS {:.1} MiB ({:.2}x input); before cleaning {:.1} MiB; cleaning added {:.2}x input",
            peak_mb,
            peak_mb / mb,
            before as f64 / 1024.0,
            (peak - before) as f64 / 1024.0 / mb
        );
    }
}
