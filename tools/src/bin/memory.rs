//! Cleans one document (a file, or a generated synthetic one) and reports its size, the
//! time taken and, on Linux, the process's peak resident memory, to measure memory use
//! relative to the input.
//!
//! ```text
//! cargo run --release -p deboil-tools --bin memory -- 100       # a generated 100 MB page mix
//! cargo run --release -p deboil-tools --bin memory -- page.txt  # a file
//! /usr/bin/time -v target/release/memory 100                    # peak RSS from the kernel
//! target/release/memory --fast 100                              # the fast engine
//! target/release/memory --fast --shape tiny-lines 2              # a crafted shape, 2 MiB
//! target/release/memory --fast --shape tiny-lines --control 2    # its benign control
//! valgrind --tool=callgrind target/release/memory --shape title-parts 0.25
//! ```
//!
//! Shapes (`--shape NAME`, size in MiB, fractions allowed) are the benches' crafted inputs
//! (`benches/adversarial.rs`: `shared-prefix`, `title-parts`, `tiny-lines`, `triple-lines`,
//! `bios`, `long-first-line`, `cjk-repeats`, `bylines`; with `--control`, the shape's benign
//! control), and `control`, the generated page mix (every shape's common control). A file is read once and kept as it is when it is valid
//! UTF-8 (lossily decoded otherwise), so the process holds one copy of the input before
//! cleaning, as a caller would.

#[path = "../../../benches/common/mod.rs"]
mod common;

use std::time::Instant;

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `--fast` (anywhere): the fast engine (`Cleaner::fast`); `--shape NAME`: a crafted
    // shape of the benches (`--control`: its benign control).
    let mut fast = false;
    let mut shape = None;
    let mut control = false;
    let mut rest = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--fast" => fast = true,
            "--shape" => shape = args.next(),
            "--control" => control = true,
            _ => rest.push(a),
        }
    }
    let arg = rest.into_iter().next().unwrap_or_else(|| "100".into());
    let mib = arg
        .parse::<f64>()
        .ok()
        .map(|m| (m * (1u64 << 20) as f64) as usize);
    let text = match (shape.as_deref(), mib) {
        (Some("control"), Some(size)) => common::page_mix(size),
        (Some(name), Some(size)) => if control {
            common::crafted_control(name, size)
        } else {
            common::crafted(name, size)
        }
        .unwrap_or_else(|| {
            eprintln!("memory: unknown shape {name}");
            std::process::exit(2);
        }),
        (Some(_), None) => {
            eprintln!("memory: --shape NAME takes a size in MiB");
            std::process::exit(2);
        }
        (None, Some(size)) => common::document(6, common::Lang::En, size, 20_000),
        (None, None) => match std::fs::read(&arg) {
            Ok(b) => String::from_utf8(b)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
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
