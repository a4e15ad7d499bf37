//! Native benchmark of `Checker::check` (run with `cargo run --release -p bedside --example bench`, or
//! `./build.sh bench`). Not a test: it prints figures for BENCHMARKS.md and asserts nothing.
//!
//! Drafts are built from `tests/bench/pool.txt` (mixed clinician posts in six languages, some with
//! findings): its lines joined with newlines, repeated and cut to exactly N characters. The WASM
//! benchmark (`tests/bench/wasm.bench.mjs`) builds the same drafts.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bedside::{Checker, Settings};

pub const SIZES: [usize; 5] = [280, 3_000, 10_000, 30_000, 63_206];

fn draft(pool: &str, n: usize) -> String {
    let lines: Vec<&str> = pool.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = String::new();
    let mut count = 0;
    'outer: loop {
        for line in &lines {
            for c in line.chars().chain(Some('\n')) {
                if count == n {
                    break 'outer;
                }
                out.push(c);
                count += 1;
            }
        }
    }
    out
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let median = samples[samples.len() / 2];
    let p99 = samples[((samples.len() as f64 * 0.99).ceil() as usize).min(samples.len()) - 1];
    (median, p99)
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

fn main() {
    let pool = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/bench/pool.txt")).expect("tests/bench/pool.txt");

    let mut builds = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        black_box(Checker::new(Settings::default()).expect("rules load"));
        builds.push(t.elapsed());
    }
    let (m, p) = stats(builds);
    println!("native: checker construction: median {}, p99 {} (20 runs)", fmt(m), fmt(p));

    let checker = Checker::new(Settings::default()).unwrap();
    println!("native: check(), no language hint");
    println!("| chars | findings | median | p99 | runs | median per 1,000 chars |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in SIZES {
        let text = draft(&pool, n);
        let findings = checker.check(&text).len();
        // About half a second per size, at least 50 runs.
        let warm = Instant::now();
        while warm.elapsed() < Duration::from_millis(100) {
            black_box(checker.check(black_box(&text)));
        }
        let mut samples = Vec::new();
        let start = Instant::now();
        while samples.len() < 50 || (start.elapsed() < Duration::from_millis(500) && samples.len() < 100_000) {
            let t = Instant::now();
            black_box(checker.check(black_box(&text)));
            samples.push(t.elapsed());
        }
        let runs = samples.len();
        let (m, p) = stats(samples);
        println!("| {n} | {findings} | {} | {} | {runs} | {} |", fmt(m), fmt(p), fmt(m * 1000 / n as u32));
    }
}
