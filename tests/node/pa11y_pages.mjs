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
try {
  for (const url of urls) {
    const page = await browser.newPage();
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
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
