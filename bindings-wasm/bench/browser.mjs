// Runs bench.html in headless Chromium (/usr/bin/chromium via playwright-core) and prints its
// JSON line. `BENCH_URL=http://127.0.0.1:PORT/bench/bench.html?scale=1 node bench/browser.mjs`
import { chromium } from "playwright-core";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.goto(process.env.BENCH_URL);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 600_000, polling: 500 });
  const r = await page.evaluate(() => window.benchResult);
  if (r.error) throw new Error(r.error);
  console.log(JSON.stringify(r));
} finally {
  await browser.close();
}
