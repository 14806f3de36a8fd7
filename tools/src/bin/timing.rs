//! Times start-up (compiling the default rules) and per-document cleaning over the dev
//! corpus's pages (`../shared/corpus/dev`, one variant), for profiling.
//!
//! ```text
//! cargo build --release -p deboil-tools --bin timing
//! target/release/timing htmltext 5          # variant, passes over the corpus
//! target/release/timing urls 5              # or a hostile shape: urls, tiny-lines
//! target/release/timing cjk 5               # or a synthetic language mix: cjk, ru
//! target/release/timing doc-16m 2           # or one synthetic document (doc-10k, …)
//! perf record -g target/release/timing htmltext 20
//! target/release/timing --fast htmltext 20  # the fast engine (Cleaner::fast)
//! ```

use std::time::Instant;

#[path = "../../../benches/common/mod.rs"]
mod common;

/// This thread's CPU time in seconds (Linux; 0 elsewhere): steadier than wall time on a
/// shared machine.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() {
    // `--fast` (anywhere): time the fast engine (`Cleaner::fast`).
    let fast = std::env::args().skip(1).any(|a| a == "--fast");
    let mut args = std::env::args().skip(1).filter(|a| a != "--fast");
    let variant = args.next().unwrap_or_else(|| "htmltext".into());
    let passes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    // Synthetic hostile shapes from the benches (`urls`, `tiny-lines`), else a corpus
    // variant.
    let synthetic = match variant.as_str() {
        "urls" => Some(common::urls(20 << 20)),
        "tiny-lines" => Some(common::tiny_lines(1_000_000)),
        // Synthetic Chinese/Japanese and Cyrillic page mixes, as in the `cjk-50k` and
        // `ru-50k` benches (4 MB).
        "cjk" => Some(common::document(5, common::Lang::Cjk, 4 << 20, 50_000)),
        "ru" => Some(common::document(4, common::Lang::Ru, 4 << 20, 50_000)),
        // A synthetic English document as in the `scale-*` benches: `doc-10k`, `doc-16m`.
        v if v.starts_with("doc-") => {
            let (n, unit) = v[4..].split_at(v.len().saturating_sub(5));
            let unit = if unit == "m" { 1 << 20 } else { 1000 };
            n.parse::<usize>()
                .ok()
                .map(|n| common::document(6, common::Lang::En, n * unit, 20_000))
        }
        _ => None,
    };
    // `../shared` beside the repository (this crate sits in its `tools/`).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dev");
    let manifest = match (
        &synthetic,
        std::fs::read_to_string(dir.join("manifest.tsv")),
    ) {
        (Some(_), _) => String::new(),
        (None, Ok(m)) => m,
        (None, Err(_)) => {
            eprintln!("timing: {} not found", dir.display());
            std::process::exit(2);
        }
    };
    let pages: Vec<String> = manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter_map(|id| std::fs::read(dir.join(format!("{id}.{variant}.txt"))).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .chain(synthetic)
        .collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let t = Instant::now();
    let cleaner = if fast {
        deboil::Cleaner::fast()
    } else {
        deboil::Cleaner::new()
    };
    let _ = cleaner.clean("x");
    let startup = t.elapsed().as_secs_f64();
    // One pass first: the rules compile some regexes on first use.
    for p in &pages {
        let _ = cleaner.clean(p);
    }
    let t = Instant::now();
    let cpu = cpu_secs();
    let mut body = 0;
    for _ in 0..passes {
        for p in &pages {
            body += cleaner.clean(p).body().len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu;
    let mib = (bytes * passes) as f64 / (1u64 << 20) as f64;
    println!(
        "{} pages, {:.2} MB, start-up {:.1} ms, {passes} passes {:.3} s: {:.2} MiB/s, CPU {:.3} s: {:.2} MiB/s (body {body})",
        pages.len(),
        bytes as f64 / 1e6,
        startup * 1e3,
        secs,
        mib / secs,
        cpu,
        mib / cpu
    );
}
