// Node smoke test of the built package (run by scripts/test.sh after build.sh):
// the ES-module build (initSync with the .wasm bytes) and the CommonJS build ("kechuang/node").
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const pkg = new URL("../pkg/", import.meta.url);
const web = await import(new URL("kechuang.js", pkg));
web.initSync({ module: readFileSync(new URL("kechuang_bg.wasm", pkg)) });
const node = createRequire(import.meta.url)("../pkg/node/kechuang.js");

for (const [name, k] of [["web", web], ["node", node]]) {
  const p = new k.Programme();
  assert.equal(p.addNode({ key: "r:ta", kind: "region", name: "泰安市", level: "city" }), 0);
  assert.equal(p.addNode({ key: "x:wang", kind: "expert", name: "王", titles: ["academician_cae"] }), 1);
  assert.equal(p.connect("located_in", "x:wang", "r:ta"), 0);
  assert.deepEqual(p.countByKind(), { expert: 1, region: 1 });
  const again = k.Programme.fromJson(p.toJson());
  assert.equal(again.toJson(), p.toJson());
  assert.throws(() => p.addNode({ key: "x:wang", kind: "expert" }),
    (e) => e instanceof Error && e.name === "KechuangError" && e.code === "duplicate_key");
  assert.throws(() => k.Programme.fromJson("{"), (e) => e.code === "parse_error" && e.location.row === 1);
  assert.ok(k.errorCodes().includes("duplicate_key"));
  // a JSON twin is the text of its ordinary result
  assert.deepEqual(JSON.parse(p.pagerankJson()), p.pagerank());
  assert.equal(p.pagerank().scores[1].key, "x:wang");
  // size limits refuse before loading, naming the limit
  assert.throws(() => k.Programme.fromJson(p.toJson(), { max_nodes: 1 }),
    (e) => e.code === "limit_exceeded" && e.field.includes("max_nodes"));
  assert.equal(k.graphLimits().max_nodes, 500000);
  console.log(`ok ${name}: version ${k.version()}`);
}
