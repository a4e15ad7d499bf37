#!/usr/bin/env bash
# The one front door.
#   ./build.sh          install what is missing, build the checker, CLI, WASM package and extension
#   ./build.sh test     build, then run every test (Rust, data hygiene, WASM, browser end-to-end)
#   ./build.sh bench    build, then run the benchmarks (figures go to BENCHMARKS.md by hand)
#   ./build.sh eval     build, then score the checker on ../shared/corpus/dev.jsonl
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\n== %s\n' "$*"; }

wasm_bindgen_version() {
  # The CLI must match the wasm-bindgen crate exactly; the lock file says which that is.
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock
}

install_rust_targets() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want; want=$(wasm_bindgen_version)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    say "installing wasm-bindgen-cli $want"
    # Not --locked: the registry copy of the CLI's lock file lags behind.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

install_npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

install_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Chromium (Debian package)"
    # One apt at a time: a concurrent apt leaves dpkg half-configured.
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
  fi
}

build_native() {
  say "building the checker and the bedside CLI"
  cargo build --release --locked
}

build_wasm() {
  say "building the WASM package"
  cargo build --locked -p bedside --lib --target wasm32-unknown-unknown --profile wasm
  rm -rf pkg && mkdir -p pkg
  # No name or producers sections: they are debugging aids and a sixth of the file.
  wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir pkg --out-name bedside \
    target/wasm32-unknown-unknown/wasm/bedside.wasm
  # Binaryen's -O1 (npm `binaryen`, pinned in package.json): ~4 KB gzip smaller with the same
  # speed; -Os/-Oz came out larger after gzip (BENCHMARKS.md, "Size, session 3").
  node_modules/.bin/wasm-opt -O1 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue pkg/bedside_bg.wasm -o pkg/bedside_bg.wasm
}

build_extension() {
  say "assembling the extension in dist/chromium"
  node extension/build.mjs
}

build_all() {
  install_rust_targets
  install_npm_packages
  build_native
  build_wasm
  build_extension
}

run_tests() {
  install_chromium
  # Every suite runs even when an earlier one fails; the exit status says whether any failed.
  local failed=()
  say "Rust tests"
  cargo test --release --locked --workspace --no-fail-fast || failed+=("Rust")
  say "TypeScript type check (esbuild bundles without checking; the checker's types come from the WASM .d.ts)"
  npx --no-install tsc -p extension/tsconfig.json || failed+=("TypeScript")
  say "JavaScript tests (WASM parity, extension units, browser end-to-end)"
  # Node 20's --test takes files or directories, not globs, so list the test files explicitly.
  local files; mapfile -t files < <(find tests -name '*.test.mjs' -not -path '*/node_modules/*' | sort)
  if [ ${#files[@]} -eq 0 ]; then
    echo "no JavaScript tests found under tests/" >&2; failed+=("JavaScript (none found)")
  else
    node --test --test-concurrency=1 "${files[@]}" || failed+=("JavaScript")
  fi
  if [ ${#failed[@]} -gt 0 ]; then
    say "FAILED: ${failed[*]}"; exit 1
  fi
  say "all tests passed"
}

case "${1:-build}" in
  build) build_all ;;
  test) build_all; run_tests ;;
  bench) build_all; bash tests/bench/run.sh ;;
  eval) build_all; ./target/release/bedside eval "${2:-../shared/corpus/dev.jsonl}" ;;
  *) echo "usage: ./build.sh [build|test|bench|eval]" >&2; exit 2 ;;
esac
