//! Throughput of `deboil::clean` (criterion, `Throughput::Bytes`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn sample() -> String {
    let page = include_str!("../examples/sample.txt");
    page.repeat(20)
}

fn bench(c: &mut Criterion) {
    let text = sample();
    let mut g = c.benchmark_group("clean");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("sample-x20", |b| {
        b.iter(|| deboil::clean(std::hint::black_box(&text)).body().len())
    });
    g.bench_function("split-lines-baseline", |b| {
        b.iter(|| std::hint::black_box(&text).lines().count())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
