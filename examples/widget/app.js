// The page: sends the demand to the worker (debounced), renders ranked, explained results.
const $ = (id) => document.getElementById(id);
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const DEBOUNCE_MS = 200;
const SIGNALS = [
  ["text", "文本相关 Text"], ["taxonomy", "产业学科 Taxonomy"], ["network", "网络关系 Network"],
  ["track_record", "过往成效 Track record"], ["availability", "可用 Availability"],
  ["seniority", "资历 Seniority"], ["locality", "本地 Locality"],
];
const KIND = { expert: "专家", society: "学会", liaison: "联络员", enterprise: "企业", institution: "机构",
  demand: "需求", document: "文献", workstation: "工作站", alliance: "联盟", service_team: "服务团",
  region: "区域", offer: "成果", forum: "论坛", agreement: "协议", project: "项目" };
const LEVEL = { national: "全国学会", provincial: "省级学会", municipal: "市级学会", enterprise: "企业科协", university: "高校科协" };

let lastId = 0;
let timer = null;
let readyAt = 0;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function status(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

function currentQuery() {
  return {
    text: $("demand").value.trim(),
    enterprise: $("enterprise").value,
    filter: { region: $("region").value, level: $("level").value, academicians: $("academicians").checked },
  };
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(run, DEBOUNCE_MS);
}

function run() {
  const q = currentQuery();
  if (!readyAt) return;
  if (!q.text) { render(null); status("请输入技术难题 Type a problem to start"); return; }
  lastId += 1;
  $("results").setAttribute("aria-busy", "true");
  worker.postMessage({ type: "match", id: lastId, ...q });
}

function scoreBar(score) {
  const pct = Math.round(score * 100);
  return el("div", { class: "score" }, el("span", {}, `匹配度 Score ${pct}`),
    el("div", { class: "bar", role: "presentation" }, el("span", { style: `width:${pct}%` })));
}

function explanation(r) {
  const signals = el("div", { class: "signals", role: "table", "aria-label": "信号 Signals" });
  for (const [k, label] of SIGNALS) {
    const v = r.signals[k] ?? 0;
    signals.append(el("span", { role: "cell" }, label),
      el("div", { class: "bar", role: "presentation" }, el("span", { style: `width:${Math.round(v * 100)}%` })),
      el("span", { role: "cell" }, v.toFixed(2)));
  }
  const terms = [...new Set(r.matched_terms.map((t) => t.term))].slice(0, 12);
  const path = r.pathInfo.length
    ? el("ol", { class: "path", "aria-label": "关系路径 Connecting path" },
      r.pathInfo.map((s) => el("li", {}, `${s.name}`, el("span", { class: "kind" }, ` ${KIND[s.kind] || s.kind}`))))
    : el("p", { class: "empty" }, "无已知关系路径 No known connecting path");
  return el("details", {},
    el("summary", {}, "为什么推荐 Why this match"),
    signals,
    el("p", {}, "匹配词 Matched terms:"),
    terms.length ? el("ul", { class: "terms matched-terms" }, terms.map((t) => el("li", {}, t)))
      : el("p", { class: "empty" }, "—"),
    el("p", {}, "关系路径 Path:"), path);
}

function resultItem(r, i) {
  const badges = [];
  if (r.info.academician) badges.push(el("span", { class: "badge gold" }, "院士 Academician"));
  if (r.info.level) badges.push(el("span", { class: "badge" }, LEVEL[r.info.level] || r.info.level));
  return el("li", { class: "result", tabindex: "0", "data-key": r.key, "aria-label": `${i + 1}. ${r.name}` },
    el("h3", {}, el("span", { class: "rank" }, `${i + 1}.`), r.name, ...badges),
    scoreBar(r.score),
    explanation(r),
    el("button", { type: "button", class: "introduce", onclick: () => introduce(r) }, "经联络员引荐 Introduce"));
}

function teamItem(t, i) {
  return el("li", { class: "result", tabindex: "0", "aria-label": `团队 Team ${i + 1}` },
    el("h3", {}, el("span", { class: "rank" }, `${i + 1}.`), `团队 Team · 覆盖 coverage ${Math.round(t.coverage * 100)}%`),
    scoreBar(t.score),
    el("ul", { class: "members" }, t.memberInfo.map((m) => el("li", {}, m.name,
      m.academician ? el("span", { class: "badge gold" }, " 院士") : null))));
}

function fill(id, items, make) {
  const list = $(id);
  list.replaceChildren(...(items.length ? items.map(make) : [el("li", { class: "empty" }, "无结果 No results")]));
  $(`n-${id}`).textContent = items.length ? `(${items.length})` : "";
}

function render(res) {
  fill("experts", res ? res.experts : [], resultItem);
  fill("societies", res ? res.societies : [], resultItem);
  fill("teams", res ? res.teams : [], teamItem);
}

function introduce(r) {
  worker.postMessage({ type: "introduce", id: 0, enterprise: $("enterprise").value, candidate: r.key, path: r.path });
}

function showIntroduction(m) {
  const body = $("intro-body");
  const steps = m.steps.length
    ? el("ol", {}, m.steps.map((s) => el("li", {}, `${s.name}（${KIND[s.kind] || s.kind}）`)))
    : el("p", { class: "empty" }, "没有已知的关系路径。No known path yet.");
  const liaisons = m.liaisons.length
    ? el("ul", {}, m.liaisons.map((l) => el("li", {}, `${l.name}${l.tier ? `（${l.tier}级联络员 tier ${l.tier}）` : ""}`)))
    : el("p", {}, m.enterprise ? "贵企业尚无联络员，请联系市科协。Your enterprise has no liaison yet; contact the city association."
      : "请先选择“我的企业”。Choose “My enterprise” first.");
  body.replaceChildren(
    el("p", {}, `联系 ${m.candidate.name}${m.enterprise ? `，来自 ${m.enterprise.name}` : ""}`),
    el("h3", {}, "关系路径 Path"), steps,
    el("h3", {}, "可引荐的联络员 Liaisons who can introduce you"), liaisons);
  $("introduce").showModal();
}

worker.onmessage = (e) => {
  const m = e.data;
  if (m.type === "ready") {
    readyAt = performance.now();
    for (const r of m.regions) $("region").append(el("option", { value: r.key }, r.name));
    for (const en of m.enterprises) $("enterprise").append(el("option", { value: en.key }, en.name));
    for (const ex of m.examples) {
      for (const [text, lang] of [[ex.zh, "zh-CN"], [ex.en, "en"]]) {
        $("examples").append(el("button", { type: "button", lang, onclick: () => {
          $("demand").value = text; $("enterprise").value = ex.enterprise; run();
        } }, text.length > 28 ? `${text.slice(0, 28)}…` : text));
      }
    }
    status(`已加载 ${m.nodes} 个实体、${m.edges} 条关系 · Loaded ${m.nodes} entities, ${m.edges} relations`);
    $("timing").textContent = `生成 generate ${m.generateMs.toFixed(0)} ms · 索引 index ${m.indexMs.toFixed(0)} ms`;
    document.body.dataset.ready = "true";
    run();
  } else if (m.type === "results") {
    if (m.id !== lastId) return; // a newer query is on its way
    render(m);
    $("results").setAttribute("aria-busy", "false");
    status(`找到 ${m.experts.length} 位专家、${m.societies.length} 个学会 · ${m.ms.toFixed(1)} ms`);
    $("timing").textContent = `查询 query ${m.ms.toFixed(1)} ms`;
    document.body.dataset.query = String(m.id);
  } else if (m.type === "introduction") {
    showIntroduction(m);
  } else if (m.type === "error") {
    status(`出错 Error${m.code ? ` [${m.code}]` : ""}: ${m.message}`, true);
    $("results").setAttribute("aria-busy", "false");
  }
};
worker.onerror = (e) => status(`Worker error: ${e.message}`, true);

// keyboard: ↑/↓ move between results of a column, Enter opens the explanation
document.addEventListener("keydown", (e) => {
  const item = document.activeElement?.closest?.(".result");
  if (!item || document.activeElement !== item) return;
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    const sib = e.key === "ArrowDown" ? item.nextElementSibling : item.previousElementSibling;
    if (sib?.classList.contains("result")) { sib.focus(); e.preventDefault(); }
  } else if (e.key === "Enter") {
    const d = item.querySelector("details");
    if (d) { d.open = !d.open; e.preventDefault(); }
  }
});

for (const id of ["demand"]) $(id).addEventListener("input", schedule);
for (const id of ["enterprise", "region", "level", "academicians"]) $(id).addEventListener("change", run);
worker.postMessage({ type: "init", seed: 42 });
