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

/// Median of `check(text)` over about 200 ms.
fn median_of(checker: &Checker, text: &str) -> Duration {
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < 20 || start.elapsed() < Duration::from_millis(200) {
        let t = Instant::now();
        black_box(checker.check(black_box(text)));
        samples.push(t.elapsed());
    }
    stats(samples).0
}

/// `BENCH_RULES=3000`: what each rule costs on a draft of that many characters, measured by
/// switching it off. For finding hot spots; the figures are noisy on a shared machine.
fn rule_costs(pool: &str, n: usize) {
    let text = draft(pool, n);
    let all = Checker::new(Settings::default()).unwrap();
    let base = median_of(&all, &text);
    println!("native: {n} chars, all rules: median {}", fmt(base));
    let ids: Vec<String> = all.rule_ids().map(str::to_string).collect();
    let mut costs = Vec::new();
    for id in &ids {
        let settings = Settings { disabled_rules: vec![id.clone()], ..Settings::default() };
        let without = median_of(&Checker::new(settings).unwrap(), &text);
        costs.push((base.as_secs_f64() - without.as_secs_f64(), id));
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (cost, id) in costs.iter().take(25) {
        println!("  {:>9.1} µs  {id}", cost * 1e6);
    }
    let none = Settings { disabled_rules: ids.clone(), ..Settings::default() };
    println!("  all rules off: median {} (fixed cost: folding, words, term scan, custom rules)", fmt(median_of(&Checker::new(none).unwrap(), &text)));
}

fn main() {
    let pool = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/bench/pool.txt")).expect("tests/bench/pool.txt");

    // The first checker compiles the rule book, which every later checker shares (a settings
    // change only rebuilds what depends on settings).
    let t = Instant::now();
    black_box(Checker::new(Settings::default()).expect("rules load"));
    println!("native: first checker construction (compiles the shared rule book): {}", fmt(t.elapsed()));
    let mut builds = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        black_box(Checker::new(Settings::default()).expect("rules load"));
        builds.push(t.elapsed());
    }
    let (m, p) = stats(builds);
    println!("native: later checker construction (a settings change): median {}, p99 {} (20 runs)", fmt(m), fmt(p));

    if let Ok(n) = std::env::var("BENCH_RULES") {
        rule_costs(&pool, n.parse().unwrap_or(3_000));
        return;
    }

    let checker = Checker::new(Settings::default()).unwrap();
    // The draft language's term automaton is built by the first check in that language, or
    // earlier by `prepare` (the worker calls it when idle).
    let text = draft(&pool, 3_000);
    let lang = checker.language_of(&text);
    let t = Instant::now();
    checker.prepare(lang);
    println!("native: prepare({}) (builds that language's automaton): {}", lang.code(), fmt(t.elapsed()));
    let t = Instant::now();
    black_box(checker.check(&text));
    println!("native: first check after construction and prepare (3,000 chars): {}", fmt(t.elapsed()));
    println!("native: check(), no language hint");
    println!("| chars | findings | median | p99 | runs | median per 1,000 chars |");
    println!("|---:|---:|---:|---:|---:|---:|");
    // `BENCH_SIZES=3000` (comma-separated): only those sizes, e.g. for a profiler.
    let sizes: Vec<usize> = match std::env::var("BENCH_SIZES") {
        Ok(v) => v.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
        Err(_) => SIZES.to_vec(),
    };
    for n in sizes {
        let text = draft(&pool, n);
        let findings = checker.check(&text).len();
        // About half a second per size, at least 50 runs.
        let warm = Instant::now();
        while warm.elapsed() < Duration::from_millis(100) {
            black_box(checker.check(black_box(&text)));
        }
        let mut samples = Vec::new();
        let start = Instant::now();
        // `BENCH_SECONDS=5`: sample for longer (default half a second per size).
        let budget = Duration::from_secs_f64(std::env::var("BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(0.5));
        while samples.len() < 50 || (start.elapsed() < budget && samples.len() < 1_000_000) {
            let t = Instant::now();
            black_box(checker.check(black_box(&text)));
            samples.push(t.elapsed());
        }
        let runs = samples.len();
        let (m, p) = stats(samples);
        println!("| {n} | {findings} | {} | {} | {runs} | {} |", fmt(m), fmt(p), fmt(m * 1000 / n as u32));
    }
}
