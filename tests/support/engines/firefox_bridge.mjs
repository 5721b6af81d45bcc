// Firefox for the Python tests: drives Debian's firefox-esr over WebDriver BiDi with puppeteer-core
// (which never downloads a browser). One JSON request per line on stdin, one JSON reply per line on
// stdout: {"op": "goto", "url": …} → {"ok": null} or {"error": "…"}. The ops are those of the
// Python `Driver` in drivers.py; `errors` hands over (and forgets) the console errors seen so far.
// Usage: node firefox_bridge.mjs /usr/bin/firefox-esr
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.argv[2],
  headless: true,
  extraPrefsFirefox: { "browser.shell.checkDefaultBrowser": false },
});
const page = (await browser.pages())[0] ?? (await browser.newPage());
await page.setViewport({ width: 1280, height: 900 });

let errors = [];
page.on("console", (message) => { if (message.type() === "error") errors.push(`console: ${message.text()}`); });
page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));

async function press(combo) {
  const keys = combo.split("+");
  for (const key of keys.slice(0, -1)) await page.keyboard.down(key);
  await page.keyboard.press(keys.at(-1));
  for (const key of keys.slice(0, -1).reverse()) await page.keyboard.up(key);
}

const ops = {
  goto: async ({ url }) => { await page.goto(url, { waitUntil: "load" }); },
  eval: ({ fn, args }) => page.evaluate(`(${fn})(...${JSON.stringify(args)})`),
  click: ({ selector }) => page.click(selector),
  press: ({ key }) => press(key),
  type: ({ text }) => page.keyboard.type(text),
  fill: ({ selector, text }) => page.locator(selector).fill(text),
  errors: () => errors.splice(0),
  offline: ({ on }) => page.setOfflineMode(on),
  quit: async () => { await browser.close(); process.exit(0); },
};

process.stdout.write(JSON.stringify({ ok: await browser.version() }) + "\n");
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  let reply;
  try {
    const value = await ops[request.op](request);
    reply = { ok: value === undefined ? null : value };
  } catch (error) {
    reply = { error: String(error?.message ?? error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
await browser.close();
