// Parse GIFT with the pinned npm gift-pegjs and print the parse as JSON.
//   node parse_gift.mjs          < file.gift   -> the parse (a JSON array of questions)
//   node parse_gift.mjs --many   < docs.json   -> stdin is a JSON array of GIFT texts; prints an
//                                                 array of {"ok": parse} or {"error": message, "location"}
// A syntax error in the single-document mode prints {"error", "location"} and exits 1.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(root, "package.json"));
const { parse } = require("gift-pegjs");

function attempt(text) {
  try {
    return { ok: parse(text) };
  } catch (err) {
    return { error: String(err.message), location: err.location ?? null };
  }
}

const input = readFileSync(0, "utf8");
if (process.argv.includes("--many")) {
  process.stdout.write(JSON.stringify(JSON.parse(input).map(attempt)));
} else {
  const result = attempt(input);
  process.stdout.write(JSON.stringify(result.ok ?? result));
  if (result.error) process.exitCode = 1;
}
