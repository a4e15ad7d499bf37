// WASM benchmark in Node (./build.sh bench, or `node tests/bench/wasm.bench.mjs` after ./build.sh).
// Not a test: prints figures for BENCHMARKS.md. Same drafts as the native bench
// (tests/bench/native.rs): the lines of pool.txt, repeated and cut to exactly N characters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { Checker, memory, root } from '../wasm/load.mjs';

const SIZES = [280, 3000, 10000, 30000, 63206];
const pool = readFileSync(join(root, 'tests', 'bench', 'pool.txt'), 'utf8');

function draft(n) {
  const lines = pool.split('\n').filter((l) => l.trim());
  const out = [];
  let count = 0;
  for (;;) {
    for (const line of lines) {
      for (const c of line + '\n') {
        if (count === n) return out.join('');
        out.push(c);
        count++;
      }
    }
  }
}

function stats(samples) {
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p99: samples[Math.min(samples.length, Math.ceil(samples.length * 0.99)) - 1] };
}

const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`);

const wasm = readFileSync(join(root, 'pkg', 'bedside_bg.wasm'));
console.log(`wasm: size ${(wasm.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KiB gzip -9 (pkg/bedside_bg.wasm)`);

// The first checker compiles the rule book, which every later checker shares (a settings change
// only rebuilds what depends on settings).
{
  const t = performance.now();
  new Checker({}).free();
  console.log(`wasm: first checker construction (compiles the shared rule book): ${fmt(performance.now() - t)}`);
}
const builds = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  new Checker({}).free();
  builds.push(performance.now() - t);
}
const b = stats(builds);
console.log(`wasm: later checker construction (a settings change): median ${fmt(b.median)}, p99 ${fmt(b.p99)} (20 runs)`);

// The draft language's term automaton is built by the first check in that language.
const mib = () => `${(memory.buffer.byteLength / 1048576).toFixed(1)} MiB`;
const before = mib();
const checker = new Checker({});
const tp = performance.now();
checker.prepare('en');
console.log(`wasm: prepare('en') (builds that language's automaton; the worker calls it when idle): ${fmt(performance.now() - tp)}`);
const t0 = performance.now();
checker.check(draft(3000));
console.log(`wasm: first check after construction (3,000 chars, its languages prepared or not): ${fmt(performance.now() - t0)}; linear memory ${before} before it, ${mib()} after`);
// V8 compiles WebAssembly twice: Liftoff at once, then TurboFan for functions that turn out hot,
// in the background. A check measured before that has settled measures the baseline compiler
// (one size per run used to come out up to 2x slower than the next). The service worker runs
// ~35 prepared checks per keystroke, so it is in the settled state after the first few
// keystrokes: warm every size up for 2 s before measuring any.
{
  const texts = SIZES.map(draft);
  const until = performance.now() + 2000;
  while (performance.now() < until) for (const t of texts) checker.check(t);
}
console.log('wasm: check(), no language hint, findings converted to JS objects (after 2 s of warm-up on all sizes)');
console.log('| chars | findings | median | p99 | runs | median per 1,000 chars |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const n of SIZES) {
  const text = draft(n);
  const findings = checker.check(text).length;
  const warm = performance.now();
  while (performance.now() - warm < 100) checker.check(text);
  const samples = [];
  const start = performance.now();
  while (samples.length < 50 || (performance.now() - start < 500 && samples.length < 100000)) {
    const t = performance.now();
    checker.check(text);
    samples.push(performance.now() - t);
  }
  const s = stats(samples);
  console.log(`| ${n} | ${findings} | ${fmt(s.median)} | ${fmt(s.p99)} | ${samples.length} | ${fmt((s.median * 1000) / n)} |`);
}
