// Matching runs here, off the main thread, so typing stays smooth.
// Protocol (main → worker): {type: "init", seed} then {type: "match", id, text, enterprise, filter}
// and {type: "introduce", id, enterprise, candidate, path}.
// Replies: {type: "ready", ...}, {type: "results", id, ...}, {type: "introduction", id, ...},
// {type: "error", id?, message, code?}.
import init, { Programme } from "./pkg/kechuang.js";

let programme = null;

/** Key → {key, name, kind, ...} for display. */
function describe(key) {
  const n = programme.node(key);
  if (!n) return { key, name: key, kind: "unknown" };
  return {
    key, name: n.name || key, name_en: n.name_en, kind: n.kind,
    academician: (n.titles || []).some((t) => t.startsWith("academician")),
    level: n.level, tier: n.tier,
  };
}

function load(seed) {
  const t0 = performance.now();
  programme = Programme.taian(seed);
  const t1 = performance.now();
  programme.prepareMatcher();
  const t2 = performance.now();
  const regions = programme.nodes("region")
    .map((r) => ({ key: r.key, name: r.name, level: r.level }));
  // example demands from the preset's ground truth: one per topic, Chinese and English
  const seen = new Set();
  const examples = [];
  for (const t of programme.truth()) {
    const domain = t.topic.split("-")[0];
    if (seen.has(domain)) continue;
    seen.add(domain);
    const poster = programme.neighbours(t.demand, { relation: "posted", direction: "in" })[0];
    examples.push({ demand: t.demand, zh: t.text_zh, en: t.text_en, enterprise: poster ? poster.key : "" ,
      experts: t.experts });
    if (examples.length >= 6) break;
  }
  const enterprises = [...new Map(examples.filter((e) => e.enterprise)
    .map((e) => [e.enterprise, describe(e.enterprise)])).values()];
  return {
    nodes: programme.nodeCount, edges: programme.edgeCount,
    generateMs: t1 - t0, indexMs: t2 - t1, regions, examples, enterprises,
  };
}

function match(msg) {
  const filter = {
    region: msg.filter.region || undefined,
    academicians_only: !!msg.filter.academicians,
    society_levels: msg.filter.level ? [msg.filter.level] : [],
  };
  const base = { text: msg.text, enterprise: msg.enterprise || undefined, filter };
  const t0 = performance.now();
  const experts = programme.match({ ...base, target: "teams", k: 8, teams: 3, team_size: 3 });
  const societies = programme.match({ ...base, target: "societies", k: 5 });
  const ms = performance.now() - t0;
  const decorate = (r) => ({ ...r, info: describe(r.key), pathInfo: r.path.map(describe) });
  return {
    ms,
    queryTerms: experts.query_terms,
    experts: experts.results.map(decorate),
    societies: societies.results.map(decorate),
    teams: experts.teams.map((t) => ({ ...t, memberInfo: t.members.map(describe) })),
  };
}

/** The introduction path: the connecting path, and the liaisons who can make the contact. */
function introduce(msg) {
  const steps = (msg.path || []).map(describe);
  const onPath = steps.filter((s) => s.kind === "liaison");
  const ofEnterprise = msg.enterprise
    ? programme.neighbours(msg.enterprise, { relation: "works_for", direction: "in" }).map((n) => describe(n.key))
    : [];
  const liaisons = [...new Map([...onPath, ...ofEnterprise].map((l) => [l.key, l])).values()]
    .sort((a, b) => (b.tier ?? 0) - (a.tier ?? 0) || a.key.localeCompare(b.key));
  return { candidate: describe(msg.candidate), enterprise: msg.enterprise ? describe(msg.enterprise) : null,
    steps, liaisons };
}

const ready = init();
self.onmessage = async (e) => {
  const msg = e.data;
  try {
    await ready;
    if (msg.type === "init") self.postMessage({ type: "ready", ...load(msg.seed ?? 42) });
    else if (msg.type === "match") self.postMessage({ type: "results", id: msg.id, ...match(msg) });
    else if (msg.type === "introduce") self.postMessage({ type: "introduction", id: msg.id, ...introduce(msg) });
  } catch (err) {
    self.postMessage({ type: "error", id: msg.id, message: String(err && err.message || err), code: err && err.code });
  }
};
