// The class report's time inside real Pyodide (the npm package, under Node): the widgets wheel is
// installed, then the "analysis" widget's class_report action runs on the codes in the payload file,
// through the same JSON entry point the page's worker uses (widgets.runtime.dispatch).
// usage: node scripts/bench_report.mjs <wheel> <payload.json> [runs]   (prints one JSON line)
import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";

const [wheel, payloadFile, runsText = "5"] = process.argv.slice(2);
const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
pyodide.runPython("import widgets.runtime, widgets.quiz.report_actions");
const payload = readFileSync(payloadFile, "utf8");
const request = JSON.stringify({ id: 1, widget: "analysis", action: "class_report", payload: JSON.parse(payload) });
const dispatch = pyodide.globals.get("widgets").runtime.dispatch;
const times = [];
let reply;
for (let i = 0; i < Number(runsText); i++) {
  const started = performance.now();
  reply = JSON.parse(dispatch(request));
  times.push(performance.now() - started);
}
if (!reply.ok) { console.error(JSON.stringify(reply.error)); process.exit(1); }
// where the time goes: decoding and scoring the codes, then the analysis and its HTML
pyodide.globals.set("PAYLOAD", payload);
const phases = JSON.parse(pyodide.runPython(`
import json, time
from widgets.quiz.codes import as_modules
from widgets.quiz.item_analysis import analyse
from widgets.quiz.item_report import reports_html
from widgets.quiz.report_actions import scored_by_key
data = json.loads(PAYLOAD)
known = as_modules(data["modules"])
t0 = time.perf_counter()
groups, models, _ = scored_by_key(data["codes"], known)
t1 = time.perf_counter()
html = reports_html([analyse(models[k], groups[k], version=k[1]) for k in sorted(groups)])
t2 = time.perf_counter()
json.dumps({"decode_ms": 1000 * (t1 - t0), "analyse_ms": 1000 * (t2 - t1)})
`));
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({
  first_ms: times[0], median_ms: sorted[Math.floor(sorted.length / 2)], runs: times.length,
  ...phases, attempts: reply.result.attempts, html_chars: reply.result.html.length,
}));
