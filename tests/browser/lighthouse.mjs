// Lighthouse (mobile preset, the default) on each URL given, in one Chromium: one JSON line per page with the four
// category scores, CLS, LCP, TBT and the ids of the audits that failed in accessibility, best practices and SEO.
// Run by tests/browser/test_lighthouse.py:  node tests/browser/lighthouse.mjs URL...  (CHROME_PATH=/usr/bin/chromium)
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH || "/usr/bin/chromium", chromeFlags: FLAGS});
try {
  for (const url of process.argv.slice(2)) {
    const {lhr} = await lighthouse(url, {port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES});
    const failed = {};
    for (const id of CATEGORIES.slice(1)) {
      failed[id] = lhr.categories[id].auditRefs
        .filter(ref => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
        .map(ref => ref.id);
    }
    const audit = id => lhr.audits[id].numericValue;
    console.log(JSON.stringify({
      url,
      scores: Object.fromEntries(CATEGORIES.map(id => [id, Math.round(lhr.categories[id].score * 100)])),
      cls: audit("cumulative-layout-shift"),
      lcp: audit("largest-contentful-paint"),
      tbt: audit("total-blocking-time"),
      fcp: audit("first-contentful-paint"),
      bytes: audit("total-byte-weight"),
      failed,
      error: lhr.runtimeError ? lhr.runtimeError.message : null,
    }));
  }
} finally {
  await chrome.kill();
}
