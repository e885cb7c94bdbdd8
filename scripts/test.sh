#!/usr/bin/env bash
# Runs every test: Rust (unit, property, integration, doc), lints and docs, the core's wasm32
# build, the Python binding's suite, the WASM binding's Node and browser suites, and short smoke
# runs of the fuzzers and the peer benchmark harness. Installs what a fresh machine lacks first.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }
t0=$SECONDS

bash scripts/setup.sh

step "rustfmt"
cargo fmt --all -- --check

step "clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (workspace: unit, property, integration, doc tests)"
cargo test --workspace

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

step "core builds for wasm32-unknown-unknown"
cargo build -p kechuang --target wasm32-unknown-unknown

for suite in bindings-python/scripts/test.sh bindings-wasm/scripts/test.sh; do
  if [ -f "$suite" ]; then
    step "$suite"
    bash "$suite"
  fi
done

step "peer benchmark smoke (peers.py --quick: S only, answers must agree)"
.venv/bin/python bindings-python/bench/peers.py --quick > /dev/null

step "fuzz targets, ${FUZZ_SECONDS:-30}s each"
bash scripts/fuzz.sh

step "main job runs (taian_pilot --json)"
cargo run -q -p kechuang-examples --bin taian_pilot -- --json > /dev/null

printf '\nall tests passed in %ss\n' "$((SECONDS - t0))"
