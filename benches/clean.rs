//! Throughput of `deboil::clean` (criterion, `Throughput::Bytes`).
//!
//! Every group measures `clean` (the default engine, `Cleaner::new`), `clean-fast` (the
//! fast engine, `Cleaner::fast`) and a `split-lines` baseline (only splitting the same
//! input into lines) in the same run, so each result is also a ratio to that ceiling.
//! Groups: `page-5k`, `page-50k`, `doc-10m`, `ru-50k`, `cjk-50k`, `dev-corpus` (the dev
//! corpus's htmltext pages, read at bench time; skipped when absent), `scale-*` (the same
//! page mix from 10 KB to 100 MB: time per MB should stay flat), the adversarial shapes
//! `adv-*`, `fast-stages` (the fast engine's stages one by one, on the dev corpus),
//! `batch` (`Cleaner::clean_batch`, with `--features rayon`) and `startup` (building the
//! default engine's rules and cleaning a first 5 KB page with them, as a short process
//! does; `tools/src/bin/timing.rs` prints a whole process's start-up).
//!
//! ```text
//! cargo bench --bench clean                 # everything (a few minutes)
//! cargo bench --bench clean -- dev-corpus   # one group
//! ```

#[path = "common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use common::Lang;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};

const MB: usize = 1 << 20;

fn split_lines(text: &str) -> usize {
    text.lines().count()
}

fn clean_len(cleaner: &deboil::Cleaner, text: &str) -> usize {
    cleaner.clean(text).body().len()
}

/// Criterion settings by input size: many samples for small inputs, few for huge ones.
fn configure(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, bytes: usize) {
    if bytes >= 8 * MB {
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_secs(4));
    } else {
        g.sample_size(20)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
    }
}

/// Benches both engines and the line-split baseline over one input.
fn pair(c: &mut Criterion, name: &str, text: &str) {
    let cleaner = deboil::Cleaner::new();
    let fast = deboil::Cleaner::fast();
    let mut g = c.benchmark_group(name);
    configure(&mut g, text.len());
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("split-lines", |b| b.iter(|| split_lines(black_box(text))));
    g.bench_function("clean", |b| b.iter(|| clean_len(&cleaner, black_box(text))));
    g.bench_function("clean-fast", |b| {
        b.iter(|| clean_len(&fast, black_box(text)))
    });
    g.finish();
}

fn pages(c: &mut Criterion) {
    pair(c, "page-5k", &common::document(1, Lang::En, 5_000, 5_000));
    pair(
        c,
        "page-50k",
        &common::document(2, Lang::En, 50_000, 50_000),
    );
    pair(
        c,
        "doc-10m",
        &common::document(3, Lang::En, 10 * MB, 20_000),
    );
    pair(c, "ru-50k", &common::document(4, Lang::Ru, 50_000, 50_000));
    pair(
        c,
        "cjk-50k",
        &common::document(5, Lang::Cjk, 50_000, 50_000),
    );
}

/// The dev corpus's htmltext pages and a group `name` measuring throughput over all of
/// them; `None` (with a message) when the corpus is absent.
fn dev_group<'c>(
    c: &'c mut Criterion,
    name: &str,
) -> Option<(
    Vec<String>,
    BenchmarkGroup<'c, criterion::measurement::WallTime>,
)> {
    let Some(pages) = common::dev_corpus() else {
        eprintln!("{name}: ../shared/corpus/dev not found, skipped");
        return None;
    };
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut g = c.benchmark_group(name);
    configure(&mut g, bytes);
    g.throughput(Throughput::Bytes(bytes as u64));
    Some((pages, g))
}

fn dev_corpus(c: &mut Criterion) {
    let Some((pages, mut g)) = dev_group(c, "dev-corpus") else {
        return;
    };
    let cleaner = deboil::Cleaner::new();
    let fast = deboil::Cleaner::fast();
    g.bench_function("split-lines", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| split_lines(black_box(p)))
                .sum::<usize>()
        })
    });
    g.bench_function("clean", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| clean_len(&cleaner, black_box(p)))
                .sum::<usize>()
        })
    });
    g.bench_function("clean-fast", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| clean_len(&fast, black_box(p)))
                .sum::<usize>()
        })
    });
    g.finish();
}

/// The fast engine's stages one at a time over the dev corpus, each run from the start to
/// its end (so each result includes the ones before it): where its time goes.
fn fast_stages(c: &mut Criterion) {
    use deboil::profiling::{fast_until, lines, FastStage};
    let Some((pages, mut g)) = dev_group(c, "fast-stages") else {
        return;
    };
    let fast = deboil::Cleaner::fast();
    let mut each = |name: &str, f: &dyn Fn(&str) -> usize| {
        g.bench_function(name, |b| {
            b.iter(|| pages.iter().map(|p| f(black_box(p))).sum::<usize>())
        });
    };
    each("split-lines", &split_lines);
    each("0-lines", &lines);
    each("1-bytes", &|p| fast_until(p, FastStage::Bytes));
    each("2-phrases", &|p| fast_until(p, FastStage::Phrases));
    each("3-rows", &|p| fast_until(p, FastStage::Rows));
    each("4-first", &|p| fast_until(p, FastStage::First));
    each("5-second", &|p| fast_until(p, FastStage::Second));
    each("6-clean-fast", &|p| clean_len(&fast, p));
    g.finish();
}

fn scale(c: &mut Criterion) {
    for (name, size) in [
        ("scale-10k", 10_000),
        ("scale-1m", MB),
        ("scale-100m", 100 * MB),
    ] {
        pair(c, name, &common::document(6, Lang::En, size, 20_000));
    }
}

fn adversarial(c: &mut Criterion) {
    pair(c, "adv-one-line-50m", &common::one_line(50 * MB));
    pair(c, "adv-tiny-lines-1m", &common::tiny_lines(1_000_000));
    pair(c, "adv-repeats-1m", &common::repeats(1_000_000));
    pair(c, "adv-urls-20m", &common::urls(20 * MB));
    pair(c, "adv-huge-title", &common::huge_first_line(MB, 2 * MB));
    pair(
        c,
        "adv-no-space-1m-runs",
        &common::no_whitespace(20 * MB, MB),
    );
    pair(
        c,
        "adv-no-space-1k-runs",
        &common::no_whitespace(20 * MB, 1000),
    );
}

#[cfg(feature = "rayon")]
fn batch(c: &mut Criterion) {
    let pages = common::dev_corpus().unwrap_or_else(|| {
        let mut rng = common::Rng::new(9);
        (0..300)
            .map(|_| common::page(&mut rng, Lang::En, 10_000))
            .collect()
    });
    let texts: Vec<&str> = pages.iter().map(String::as_str).collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let cleaner = deboil::Cleaner::new();
    let mut g = c.benchmark_group("batch");
    configure(&mut g, bytes);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("sequential", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| cleaner.clean(black_box(t)).body().len())
                .sum::<usize>()
        })
    });
    g.bench_function("clean_batch", |b| {
        b.iter(|| {
            cleaner
                .clean_batch(black_box(&texts))
                .iter()
                .map(|c| c.body().len())
                .sum::<usize>()
        })
    });
    g.finish();
}

#[cfg(not(feature = "rayon"))]
fn batch(_: &mut Criterion) {
    eprintln!("batch: needs `--features rayon`, skipped");
}

/// Start-up: the default engine's rules built afresh and a first small page cleaned
/// with them (the phrase regexes it needs compiled on the way).
fn startup(c: &mut Criterion) {
    let page = common::document(1, Lang::En, 5_000, 5_000);
    let mut g = c.benchmark_group("startup");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    g.bench_function("rules-and-first-page", |b| {
        b.iter(|| deboil::profiling::startup(black_box(&page)))
    });
    g.finish();
}

criterion_group!(
    benches,
    startup,
    pages,
    dev_corpus,
    fast_stages,
    scale,
    adversarial,
    batch
);
criterion_main!(benches);
