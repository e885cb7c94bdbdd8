// WASM side of the matching benchmark, the same steps and queries as examples/bench_native.rs.
// Under Node: `node bindings-wasm/bench/bench.mjs [scale] [queries] [seed]` (ES-module package).
// In the browser, bench.html runs `run()` from this file in a page (see scripts/bench.sh).
export function run(k, scale = 1, queries = 50, seed = 42) {
  const now = () => performance.now();
  let t = now();
  const p = k.Programme.generate({ seed, scale });
  const generate_ms = now() - t;
  t = now();
  const json = p.toJson();
  const to_json_ms = now() - t;
  t = now();
  const g = k.Programme.fromJson(json);
  const load_ms = now() - t;
  t = now();
  g.prepareMatcher();
  const index_ms = now() - t;
  const texts = p.truth().slice(0, queries).map((x) => x.text_zh);
  // FNV-1a over every result key, in order (keys are ASCII): as in bench_native.rs
  let checksum = 0x811c9dc5;
  const fnv = (key) => {
    for (const c of key + "\n") checksum = Math.imul(checksum ^ c.charCodeAt(0), 0x01000193) >>> 0;
  };
  // one warm-up pass (which also computes the checksum), then 5 timed passes; the fastest counts
  let query_ms = Infinity;
  for (let pass = 0; pass <= 5; pass++) {
    t = now();
    for (const text of texts) {
      const res = g.match({ text }).results;
      if (pass === 0) for (const r of res) fnv(r.key);
    }
    if (pass > 0) query_ms = Math.min(query_ms, (now() - t) / Math.max(1, texts.length));
  }
  const counts = g.countByKind();
  const out = {
    scale, nodes: g.nodeCount, edges: g.edgeCount, documents: counts.document ?? 0,
    snapshot_bytes: new TextEncoder().encode(json).length, generate_ms, to_json_ms, load_ms, index_ms,
    queries: texts.length, query_ms, checksum,
  };
  p.free(); g.free();
  return out;
}

if (typeof process !== "undefined" && import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import("node:fs");
  const pkg = new URL("../pkg/", import.meta.url);
  const k = await import(new URL("kechuang.js", pkg));
  const t = performance.now();
  k.initSync({ module: readFileSync(new URL("kechuang_bg.wasm", pkg)) });
  const init_ms = performance.now() - t;
  const [scale, queries, seed] = process.argv.slice(2).map(Number);
  console.log(JSON.stringify({ side: "wasm-node", init_ms, ...run(k, scale || 1, queries || 50, seed || 42) }));
}
