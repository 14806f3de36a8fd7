//! The crafted shapes of issue 24, each beside its benign control (the same bytes or lines
//! in a shape that does not take the costly path: `common::crafted_control`) and beside the
//! generated page mix of the same size, both engines (criterion, `Throughput::Bytes`): a
//! shape's time per MB over its control's is the ratio the Guarantees section bounds, so a
//! regression shows as a ratio.
//!
//! ```text
//! cargo bench --bench adversarial                     # every shape (a few minutes)
//! cargo bench --bench adversarial -- shared-prefix    # one shape
//! ```
//!
//! Under load, compare instruction counts instead (`tools memory --shape NAME SIZE`,
//! `--control` for the control, `--shape control` for the page mix, under callgrind).

#[path = "common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const MB: usize = 1 << 20;

/// The shapes, each with the size it is measured at.
const SHAPES: [(&str, usize); 8] = [
    ("shared-prefix", 2 * MB),
    ("title-parts", MB),
    ("tiny-lines", 2 * MB),
    ("triple-lines", 2 * MB),
    ("bios", 2 * MB),
    ("long-first-line", 4 * MB),
    ("cjk-repeats", 2 * MB),
    ("bylines", 2 * MB),
];

fn shapes(c: &mut Criterion) {
    let default = deboil::Cleaner::new();
    let fast = deboil::Cleaner::fast();
    for (name, size) in SHAPES {
        let shape = common::crafted(name, size).expect("a known shape");
        let control = common::crafted_control(name, size).expect("a known shape");
        let mix = common::page_mix(shape.len());
        let mut g = c.benchmark_group(format!("adv-{name}"));
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_secs(3));
        for (input, text) in [("shape", &shape), ("control", &control), ("page-mix", &mix)] {
            g.throughput(Throughput::Bytes(text.len() as u64));
            for (engine, cleaner) in [("default", &default), ("fast", &fast)] {
                g.bench_function(format!("{engine}/{input}"), |b| {
                    b.iter(|| cleaner.clean(black_box(text)).body().len())
                });
            }
        }
        g.finish();
    }
}

criterion_group!(benches, shapes);
criterion_main!(benches);
