//! Throughput of [`Extractor::extract`] on one thread, in bytes of text
//! a second, over generated texts (see `corpus.rs`):
//!
//! * `prose/news`: wire-style articles of a few KB each, extracted one
//!   by one (about 1 MB in all), as the command line does with files;
//! * `prose/dialogue`: fiction-like chapters, most paragraphs quotes;
//! * `prose/no-quotes`: the news articles without a quotation;
//! * `pathological/NAME/1MB` and `/2MB`: one text each of inputs that
//!   could make a scanner quadratic. Time is linear when the two sizes
//!   show the same throughput.
//!
//! Run with `cargo bench -p whosaid`; `cargo bench -p whosaid --
//! pathological` runs one group. `WHOSAID_BENCH_MB=0.1` scales every
//! text down (for a quick look at a slow build).

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use whosaid::Extractor;

/// Bytes in a megabyte, as the benchmark counts them.
const MB: usize = 1 << 20;

/// The size of the texts: `WHOSAID_BENCH_MB` megabytes, 1 by default.
fn size() -> usize {
    let mb = std::env::var("WHOSAID_BENCH_MB")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|mb| *mb > 0.0)
        .unwrap_or(1.0);
    (mb * MB as f64) as usize
}

fn prose(c: &mut Criterion) {
    let extractor = Extractor::new();
    let bytes = size();
    let mut group = c.benchmark_group("prose");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    let sets = [
        ("news", corpus::news(bytes, true)),
        ("dialogue", corpus::dialogue(bytes)),
        ("no-quotes", corpus::news(bytes, false)),
    ];
    for (name, texts) in &sets {
        let total: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(total as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                for text in texts {
                    black_box(extractor.extract(black_box(text)));
                }
            });
        });
    }
    group.finish();
}

fn pathological(c: &mut Criterion) {
    let extractor = Extractor::new();
    let bytes = size();
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10).measurement_time(Duration::from_secs(3));
    for (scale, label) in [(1, "1MB"), (2, "2MB")] {
        for (name, text) in corpus::pathological(bytes * scale) {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{name}/{label}"), |b| {
                b.iter(|| black_box(extractor.extract(black_box(&text))));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, prose, pathological);
criterion_main!(benches);
