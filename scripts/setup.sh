#!/usr/bin/env bash
# Installs what the tests need that a fresh machine lacks. Idempotent: every step checks first,
# so on a machine that already has the tools this takes seconds. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the "=0.2.130" pin in bindings-wasm/Cargo.toml
MATURIN_VERSION=1.16.0
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n== setup: %s\n' "$*"; }

# Headless Chromium + chromedriver for the browser tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  step "chromium"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Rust target for the WebAssembly build (RUSTUP_AUTO_INSTALL may be off: add it explicitly).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI at exactly the pinned version (not --locked: the mirror lacks some locked deps).
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# JS tools (npm binaryen for wasm-opt, playwright-core) from the lock file.
if [ -f package.json ]; then
  step "npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
fi

# Python venv at the repository root (maturin develop finds .venv by itself).
if [ ! -x .venv/bin/python ]; then
  step "python venv"
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check "maturin==$MATURIN_VERSION" pytest

# Benchmark peers (networkx, igraph, rustworkx, scikit-learn, rapidfuzz, OR-Tools; pinned) for the
# --quick smoke of bindings-python/bench/peers.py; never dependencies of the kechuang package.
bash scripts/setup-bench.sh
# Dask for the scale-out tests and benchmark (the optional extra kechuang[dask]).
if ! .venv/bin/python -c 'import dask.dataframe, distributed' 2>/dev/null; then
  step "dask + distributed (kechuang[dask])"
  .venv/bin/python -m pip install -q --disable-pip-version-check "dask[dataframe]>=2024.1" "distributed>=2024.1"
fi
