#!/usr/bin/env bash
# Everything the WASM package promises, checked the same way locally and in CI (.ci/run calls
# this from the repo root). Idempotent; needs the tools of ../shared/TOOLCHAIN.md: the wasm32
# target, wasm-bindgen CLI 0.2.130, Node 20, /usr/bin/chromium. Downloads no browser.
#   1. npm ci (binaryen 132 for wasm-opt, playwright-core)
#   2. host tests of the crate (TypeScript unions vs core enums)
#   3. wasm-bindgen-test under Node (the JS API, shared fixtures, the bad-input corpus)
#   4. release build + wasm-bindgen (web, nodejs) + wasm-opt -Oz, sizes (scripts/build.sh)
#   5. generated .d.ts == committed reference bindings-wasm/kechuang.d.ts
#   6. Node smoke test of the built package
#   7. widget served on 127.0.0.1, browser test in headless Chromium (screenshot in out/)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"

echo "== npm"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

echo "== host tests"
cargo test -p kechuang-wasm

echo "== wasm-bindgen-test under Node"
# no -q: wasm-bindgen-test-runner rejects --quiet
cargo test -p kechuang-wasm --target wasm32-unknown-unknown
# the bad-input corpus once more, printing its tally (cases, passed, skipped as Rust-only)
cargo test -p kechuang-wasm --target wasm32-unknown-unknown --test bad_inputs -- --nocapture \
  | grep -E "bad-input corpus in WASM|skipped \(Rust-only\)"

echo "== build"
bash bindings-wasm/scripts/build.sh

echo "== .d.ts against the committed reference"
if ! diff -u bindings-wasm/kechuang.d.ts bindings-wasm/pkg/kechuang.d.ts; then
  echo "error: the generated .d.ts differs from bindings-wasm/kechuang.d.ts;" \
       "if the API change is intended run: bash bindings-wasm/scripts/build.sh --bless" >&2
  exit 1
fi

echo "== Node smoke test"
node bindings-wasm/tests/smoke.mjs

echo "== widget in headless Chromium"
if [ ! -d examples/widget/tests ]; then
  echo "no widget tests yet (examples/widget/tests)"; echo "== wasm: all passed"; exit 0
fi
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 -d examples/widget >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.1
done
mkdir -p out
WIDGET_URL="http://127.0.0.1:$PORT/" SCREENSHOT_DIR="$ROOT/out" node --test examples/widget/tests/
echo "== wasm: all passed"
