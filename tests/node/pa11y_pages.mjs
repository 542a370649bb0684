// Run pa11y (HTML_CodeSniffer, WCAG2AA) on the URLs given as JSON on stdin, in one Debian
// Chromium, and print {url: [errors]} as JSON. CHROMIUM names the browser binary.
import pa11y from "pa11y";
import puppeteer from "puppeteer";

let text = "";
for await (const chunk of process.stdin) text += chunk;
const urls = JSON.parse(text);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  headless: true,
});
const out = {};
// A few pages at a time: most of a page's time is waiting for the server and the browser.
const concurrency = Number(process.env.PA11Y_CONCURRENCY || 4);
const queue = [...urls];
async function checkNext() {
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const page = await browser.newPage();
    try {
      const result = await pa11y(url, {
        browser,
        page,
        standard: "WCAG2AA",
        runners: ["htmlcs"],
        includeWarnings: false,
        includeNotices: false,
        timeout: 60000,
      });
      out[url] = result.issues
        .filter((issue) => issue.type === "error")
        .map(({ code, message, selector, context }) => ({ code, message, selector, context }));
    } finally {
      await page.close();
    }
  }
}
try {
  await Promise.all(Array.from({ length: concurrency }, checkNext));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
