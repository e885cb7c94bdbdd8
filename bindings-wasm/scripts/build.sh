#!/usr/bin/env bash
# Builds the kechuang WASM package into bindings-wasm/pkg (run from anywhere):
#   pkg/            ES module for browsers and bundlers (wasm-bindgen --target web) + .d.ts + package.json
#   pkg/node/       CommonJS build for Node (wasm-bindgen --target nodejs), imported as "kechuang/node"
# and copies pkg/ to examples/widget/pkg for the widget. Prints the .wasm size raw and gzipped.
#
#   bash bindings-wasm/scripts/build.sh           # release build, wasm-opt -Oz
#   bash bindings-wasm/scripts/build.sh --bless   # ... and accept the generated .d.ts as the new reference
#
# Needs: the wasm32-unknown-unknown target, wasm-bindgen CLI $WASM_BINDGEN_VERSION (the `=` pin
# in Cargo.toml), and `npm ci` at the repo root for wasm-opt (npm binaryen 132; Debian's
# wasm-opt 108 silently breaks wasm-bindgen output, so it is never used).
set -euo pipefail
WASM_BINDGEN_VERSION=0.2.130
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BLESS=0
[ "${1:-}" = "--bless" ] && BLESS=1

have="$(wasm-bindgen --version 2>/dev/null || true)"
if [ "$have" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "error: need wasm-bindgen $WASM_BINDGEN_VERSION (found: ${have:-none});" \
       "run: cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION" >&2
  exit 1
fi
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
if [ ! -x "$WASM_OPT" ]; then
  echo "error: $WASM_OPT missing; run: npm ci   (at the repo root)" >&2
  exit 1
fi

# profile wasm-release (workspace Cargo.toml): release with opt-level "s", panic = "abort"
cargo build -p kechuang-wasm --target wasm32-unknown-unknown --profile wasm-release
RAW="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/kechuang_wasm.wasm"
PKG="bindings-wasm/pkg"
rm -rf "$PKG"
wasm-bindgen "$RAW" --target web --out-dir "$PKG" --out-name kechuang
wasm-bindgen "$RAW" --target nodejs --out-dir "$PKG/node" --out-name kechuang
for w in "$PKG/kechuang_bg.wasm" "$PKG/node/kechuang_bg.wasm"; do
  "$WASM_OPT" -Oz "$w" -o "$w"
done

VERSION="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
cat > "$PKG/package.json" <<JSON
{
  "name": "kechuang",
  "version": "$VERSION",
  "description": "Model, match, assign and score the collaboration graph of a regional innovation programme (WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./kechuang.js",
  "module": "./kechuang.js",
  "types": "./kechuang.d.ts",
  "exports": {
    ".": { "types": "./kechuang.d.ts", "default": "./kechuang.js" },
    "./node": { "types": "./node/kechuang.d.ts", "default": "./node/kechuang.js" },
    "./kechuang_bg.wasm": "./kechuang_bg.wasm"
  },
  "files": ["kechuang.js", "kechuang.d.ts", "kechuang_bg.wasm", "kechuang_bg.wasm.d.ts", "node/"],
  "sideEffects": ["./kechuang.js", "./node/kechuang.js"]
}
JSON
echo '{ "type": "commonjs" }' > "$PKG/node/package.json"
rm -f "$PKG/.gitignore" "$PKG/node/.gitignore"

if [ "$BLESS" = 1 ]; then
  cp "$PKG/kechuang.d.ts" bindings-wasm/kechuang.d.ts
  echo "blessed: bindings-wasm/kechuang.d.ts updated from the build"
fi

if [ -d examples/widget ]; then
  rm -rf examples/widget/pkg
  cp -r "$PKG" examples/widget/pkg
fi

raw=$(stat -c %s "$RAW")
opt=$(stat -c %s "$PKG/kechuang_bg.wasm")
gz=$(gzip -9 -c "$PKG/kechuang_bg.wasm" | wc -c)
js=$(stat -c %s "$PKG/kechuang.js")
echo "kechuang_bg.wasm: cargo ${raw} B, after wasm-opt -Oz ${opt} B, gzip -9 ${gz} B; JS glue (web) ${js} B"
