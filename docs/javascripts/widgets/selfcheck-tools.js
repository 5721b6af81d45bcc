// The self-check's tools below the forms: the saved results over time, download, bring back
// from a file, compare two points of view, delete everything. Python does the work on the
// results it holds; this module builds the controls and shows what Python returns.
import { download, el, setTrustedHtml, showProblem } from "./common.js";
import { SITE_PREFIX } from "../constants.js";   // every key this site writes starts with it

/** Every key this site writes: ours start with "alliance-"; Material's end in ".__palette" etc. */
const siteKey = (key) => key.startsWith(SITE_PREFIX) || /\.__\w+$/.test(key);

export function deleteAllSiteData() {
  for (const storage of [localStorage, sessionStorage]) {
    try {
      for (const key of Object.keys(storage)) if (siteKey(key)) storage.removeItem(key);
    } catch { /* storage blocked: nothing was kept */ }
  }
  globalThis.__alliance?.clearOffline?.();
}

/** The saved results as a chart, a table and the change flags; `count` is how many Python holds. */
function historyView(py) {
  const box = el("div", { className: "aw-history" });
  const view = {
    box,
    count: 0,
    async draw() {
      if (!view.count) {
        box.replaceChildren(el("p", { textContent: "Nothing is saved on this device." }));
        return;
      }
      const trend = await py.call("selfcheck", "trend", {});
      const flags = trend.flags.map((f) => f.html).join("");
      setTrustedHtml(box, `<div class="aw-chart">${trend.svg}</div>${trend.table}${flags}`);
    },
  };
  return view;
}

function toolParts(py, signal) {
  const status = el("p", { className: "aw-tools-status", role: "status" });
  status.setAttribute("aria-live", "polite");
  const button = (text, handler, cls = "md-button") => {
    const b = el("button", { type: "button", className: cls, textContent: text });
    b.addEventListener("click", handler, { signal });
    return b;
  };
  return {
    status,
    button,
    history: historyView(py),
    fileInput: el("input", { type: "file", id: "aw-sc-import", accept: ".json,.csv,application/json,text/csv" }),
    theirInput: el("input", { type: "file", id: "aw-sc-compare", accept: ".json,application/json" }),
    comparison: el("div", { className: "aw-comparison" }),
  };
}

function toolsLayout({ status, button, history, fileInput, theirInput, comparison }, { exportAs, deleteAll }) {
  return [
    el("h2", { id: "your-saved-results", textContent: "Your saved results" }),
    el("p", { textContent: "Results are saved only if you tick the box before pressing See my result. They stay in this browser on this device." }),
    history.box,
    el("div", { className: "aw-tool-row" },
      button("Download as JSON", () => exportAs("json")),
      button("Download as CSV", () => exportAs("csv"))),
    el("p", {}, el("label", { htmlFor: "aw-sc-import", textContent: "Bring back results from a file you downloaded (JSON or CSV): " }), fileInput),
    el("h2", { id: "compare-perspectives", textContent: "Compare two points of view" }),
    el("p", { textContent: "A client and a therapist can each download their result (JSON) and open the other's file here. Nothing is uploaded: the file is read in this browser." }),
    el("p", {}, el("label", { htmlFor: "aw-sc-compare", textContent: "Open the other person's file: " }), theirInput),
    comparison,
    el("h2", { id: "delete-my-data", textContent: "Delete my data" }),
    el("p", {}, button("Delete all my data", deleteAll, "md-button aw-danger")),
    status,
  ];
}

async function exportAs(py, status, kind) {
  try {
    const { text, filename, mime } = await py.call("selfcheck", "export", { kind });
    download(text, filename, mime);
    status.textContent = `Downloaded ${filename}.`;
  } catch (error) { showProblem(status, error); }
}

/** Bring back results from a file: Python adds them to what it holds; the page stores the new value. */
async function importFile({ py, saved, notice }, { fileInput, status, history }) {
  const file = fileInput.files[0];
  if (!file) return;
  try {
    const kind = file.name.toLowerCase().endsWith(".csv") ? "csv" : "json";
    const reply = await py.call("selfcheck", "import", { text: await file.text(), kind });
    const problem = saved.keep(reply);
    history.count = reply.count;                   // for this visit at least
    notice.show(problem);
    const kept = problem ? " They are shown for this visit only: this browser did not keep them." : "";
    status.textContent = `Added ${reply.added} result(s) from ${file.name}.${reply.notice ? ` ${reply.notice}` : ""}${kept}`;
    await history.draw();
  } catch (error) {
    status.textContent = `Nothing was changed: ${error.message}`;
  } finally { fileInput.value = ""; }
}

async function compareFile(py, { theirInput, comparison }) {
  const file = theirInput.files[0];
  if (!file) return;
  try {
    const reply = await py.call("selfcheck", "compare", { theirs: await file.text() });
    setTrustedHtml(comparison, reply.html);
  } catch (error) {
    showProblem(comparison, error);
  } finally { theirInput.value = ""; }
}

async function deleteAll({ py, saved, resultBox }, { status, history, comparison }) {
  if (!confirm("Delete every result and all quiz progress this site saved in this browser?")) return;
  deleteAllSiteData();
  saved.forget();
  const forgotten = py.call("selfcheck", "delete", {});   // Python forgets them too (sent before any later call)
  history.count = 0;
  resultBox.replaceChildren();
  comparison.replaceChildren();
  await history.draw();
  status.textContent = "All data this site saved in this browser has been deleted.";
  await forgotten.catch((error) => showProblem(status, error));
}

/** Build the tools into `box`; `env` is {py, saved, notice, resultBox, signal}. Returns {status, history}. */
export function mountTools(box, env) {
  const parts = toolParts(env.py, env.signal);
  box.replaceChildren(...toolsLayout(parts, {
    exportAs: (kind) => exportAs(env.py, parts.status, kind),
    deleteAll: () => deleteAll(env, parts),
  }));
  parts.fileInput.addEventListener("change", () => importFile(env, parts), { signal: env.signal });
  parts.theirInput.addEventListener("change", () => compareFile(env.py, parts), { signal: env.signal });
  return { status: parts.status, history: parts.history };
}
