// WASM linear memory per entity and relation (how the size limits in src/limits.rs were chosen).
//   node bindings-wasm/bench/memory.mjs write <out.json> '<SynthConfig JSON>'   → snapshot file + counts
//   node bindings-wasm/bench/memory.mjs load  <snapshot.json>                   → memory after load, after the matcher
// Run each step in its own process: a WASM memory only grows, so its size is the peak so far.
// Needs the package built (scripts/build.sh). Prints one JSON line.
import { readFileSync, writeFileSync } from "node:fs";

const pkg = new URL("../pkg/", import.meta.url);
const k = await import(new URL("kechuang.js", pkg));
const wasm = k.initSync({ module: readFileSync(new URL("kechuang_bg.wasm", pkg)) });
const mem = () => wasm.memory.buffer.byteLength;
const [mode, path, config] = process.argv.slice(2);
if (mode === "write") {
  const p = k.Programme.generate(JSON.parse(config));
  const text = p.toJson();
  writeFileSync(path, text);
  console.log(JSON.stringify({ mode, nodes: p.nodeCount, edges: p.edgeCount, bytes: Buffer.byteLength(text), memory: mem() }));
} else {
  const text = readFileSync(path, "utf8");
  const base = mem();
  const p = k.Programme.fromJson(text);
  const loaded = mem();
  p.prepareMatcher();
  const matcher = mem();
  console.log(JSON.stringify({ mode, nodes: p.nodeCount, edges: p.edgeCount, bytes: Buffer.byteLength(text),
    base, loaded, matcher }));
}
