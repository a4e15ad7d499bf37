#!/usr/bin/env bash
# Runs the benchmarks (./build.sh bench builds first). Figures go into BENCHMARKS.md by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== native (release)"
cargo run --release --locked -q -p bedside --example bench
echo
echo "== WASM in Node $(node --version)"
node tests/bench/wasm.bench.mjs
