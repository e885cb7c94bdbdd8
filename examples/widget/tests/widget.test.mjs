// Browser test of the widget in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core; no browser is downloaded). Run by bindings-wasm/scripts/test.sh, which serves
// examples/widget on 127.0.0.1 and sets WIDGET_URL and SCREENSHOT_DIR.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const URL_ = process.env.WIDGET_URL ?? "http://127.0.0.1:8766/";
const SHOTS = process.env.SCREENSHOT_DIR ?? new URL("../../../out/", import.meta.url).pathname;
// the same package, under Node: the widget must show what the API answers
const k = createRequire(import.meta.url)("../pkg/node/kechuang.js");
const reference = k.Programme.taian(42);
const truth = reference.truth().find((t) => /[\u4e00-\u9fff]/.test(t.text_zh) && t.experts.length > 0);

let browser, page;
const errors = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(URL_);
  await page.waitForSelector("body[data-ready=true]", { timeout: 120_000 });
});

after(async () => { await browser?.close(); });

/** Result keys of a column, in order. */
const keys = (id) => page.$$eval(`#${id} li.result`, (els) => els.map((e) => e.dataset.key));

/** Waits until the answer to a query newer than `since` is on screen. */
async function settled(since) {
  await page.waitForFunction((s) => Number(document.body.dataset.query || 0) > s, since, { timeout: 30_000 });
  return Number(await page.evaluate(() => document.body.dataset.query));
}

test("a Chinese demand typed by the user shows the expected experts with explanations", async () => {
  assert.ok(truth, "the preset has ground truth with Chinese text");
  // the user's enterprise: the one that posted this demand (gives the connecting path)
  const poster = reference.neighbours(truth.demand, { relation: "posted", direction: "in" })[0].key;
  await page.locator("#enterprise").selectOption(poster);
  const before = Number(await page.evaluate(() => document.body.dataset.query || 0));
  await page.locator("#demand").fill("");
  await page.locator("#demand").pressSequentially(truth.text_zh, { delay: 5 });
  await settled(before);
  const shown = await keys("experts");
  assert.ok(shown.length > 0, "experts are listed");
  // the same ranking as the API gives under Node for the same query
  const api = reference.match({ text: truth.text_zh, enterprise: poster, target: "teams", k: 8, teams: 3, team_size: 3,
    filter: { academicians_only: false, society_levels: [] } });
  assert.deepEqual(shown, api.results.map((r) => r.key));
  // the planted best-fit expert is among the results
  assert.ok(shown.includes(truth.experts[0]), `${truth.experts[0]} in ${shown}`);
  // every expert comes with an explanation: signals, matched terms, a path or its absence
  const first = page.locator("#experts li.result").first();
  await first.locator("summary").click();
  assert.equal(await first.locator(".signals [role=cell]").count(), 14);
  assert.ok(await first.locator(".matched-terms li").count() > 0, "matched terms shown");
  assert.ok((await first.locator("details").innerText()).includes("Path"));
  const withPath = api.results.filter((r) => r.path.length > 0).length;
  assert.equal(await page.locator("#experts ol.path").count(), withPath, "a path list per result that has one");
  assert.ok((await keys("societies")).length > 0, "societies listed");
  await page.screenshot({ path: `${SHOTS}/widget.png`, fullPage: true });
});

test("the academicians-only filter changes the list to academicians", async () => {
  const before = await keys("experts");
  const q = Number(await page.evaluate(() => document.body.dataset.query));
  await page.locator("#academicians").check();
  await settled(q);
  const after = await keys("experts");
  assert.notDeepEqual(after, before);
  const badges = await page.$$eval("#experts li.result", (els) => els.map((e) => !!e.querySelector(".badge.gold")));
  assert.ok(badges.every(Boolean), "every listed expert is an academician");
  for (const key of after) {
    assert.ok((reference.node(key).titles || []).some((t) => t.startsWith("academician")), key);
  }
  await page.screenshot({ path: `${SHOTS}/widget-academicians.png`, fullPage: true });
  const q2 = Number(await page.evaluate(() => document.body.dataset.query));
  await page.locator("#academicians").uncheck();
  await settled(q2);
  assert.deepEqual(await keys("experts"), before);
});

test("keyboard: arrows move between results, Enter opens the explanation", async () => {
  const items = page.locator("#experts li.result");
  await items.nth(0).focus();
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), (await keys("experts"))[1]);
  await page.keyboard.press("Enter");
  assert.equal(await items.nth(1).locator("details").evaluate((d) => d.open), true);
});

test("introduce shows the path and the liaisons", async () => {
  await page.locator("#experts li.result").first().locator("button.introduce").click();
  const dialog = page.locator("#introduce");
  await dialog.waitFor({ state: "visible" });
  const text = await dialog.innerText();
  assert.ok(text.includes("Liaisons"), text);
  await dialog.locator("button").click();
});

test("no page errors", () => {
  assert.deepEqual(errors, []);
});
