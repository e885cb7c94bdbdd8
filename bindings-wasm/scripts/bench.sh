#!/usr/bin/env bash
# Matching benchmark, WASM (Node and headless Chromium) against native Rust, in the same run, on
# the same programme and queries: load a JSON snapshot, build the matcher, then the ground
# truth's Chinese demands as free-text queries (experts, k = 10). Single-threaded on both sides.
#   bash bindings-wasm/scripts/bench.sh [scale ...]     (default: 1 = Tai'an; 25 ≈ 100,000 documents)
# Needs the package built (scripts/build.sh). Prints one JSON line per side and scale, then ratios.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
QUERIES=${QUERIES:-50}
SCALES=("$@"); [ ${#SCALES[@]} -eq 0 ] && SCALES=(1)
[ -f bindings-wasm/pkg/kechuang_bg.wasm ] || bash bindings-wasm/scripts/build.sh
cargo build -q --release -p kechuang-wasm --example bench_native
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$PORT" --bind 127.0.0.1 -d bindings-wasm >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
mkdir -p out
OUT=out/bench-wasm.jsonl
: > "$OUT"
for s in "${SCALES[@]}"; do
  "${CARGO_TARGET_DIR:-target}/release/examples/bench_native" "$s" "$QUERIES" | tee -a "$OUT"
  node bindings-wasm/bench/bench.mjs "$s" "$QUERIES" | tee -a "$OUT"
  BENCH_URL="http://127.0.0.1:$PORT/bench/bench.html?scale=$s&queries=$QUERIES" \
    node bindings-wasm/bench/browser.mjs | tee -a "$OUT"
done
python3 - "$OUT" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for s in sorted({r["scale"] for r in rows}):
    by = {r["side"]: r for r in rows if r["scale"] == s}
    nat = by["native"]
    print(f"scale {s}: {nat['nodes']} nodes, {nat['documents']} documents, snapshot {nat['snapshot_bytes']/1e6:.1f} MB")
    for side in ("wasm-node", "wasm-chromium"):
        w = by.get(side)
        if not w:
            continue
        same = "same answers" if w["checksum"] == nat["checksum"] else f"CHECKSUM DIFFERS {w['checksum']} vs {nat['checksum']}"
        print(f"  {side:14s} load {w['load_ms']:8.1f} ms ({w['load_ms']/nat['load_ms']:.2f}x)  "
              f"index {w['index_ms']:8.1f} ms ({w['index_ms']/nat['index_ms']:.2f}x)  "
              f"query {w['query_ms']:7.2f} ms ({w['query_ms']/nat['query_ms']:.2f}x)  {same}")
    print(f"  native         load {nat['load_ms']:8.1f} ms          index {nat['index_ms']:8.1f} ms          query {nat['query_ms']:7.2f} ms")
PY
