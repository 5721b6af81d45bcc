// The alliance self-check — the page side. Python (widgets.selfcheck) scores, writes the
// result, draws the charts and validates files; this file reads the form and stores entries
// in localStorage only when the reader opts in. Nothing is ever sent anywhere.
import { setTrustedHtml, showProblem, waitingNotice } from "./common.js";
import { download, notSavedNotice, notSavedText, probeStorage, readItem, writeItem } from "./storage.js";

const STORAGE_KEY = "alliance-selfcheck:v1";
const SITE_PREFIX = "alliance-";                      // every key this site writes starts with it

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

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

export function mount(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const resultBox = root.querySelector(".aw-selfcheck-result");
  const tools = root.querySelector(".aw-selfcheck-tools");
  let entries = [];
  let unsaved = null;          // the latest result when it was not saved: still yours to download or compare
  let storedUnreadable = false;
  const yours = () => (unsaved ? [...entries, unsaved] : entries);

  // Only one form is shown at a time; without this script both stay visible and usable.
  const chooser = root.querySelector(".aw-form-chooser");
  const showForm = () => {
    const chosen = chooser.querySelector("input:checked")?.value ?? "client";
    for (const section of root.querySelectorAll(".aw-selfcheck-form")) section.hidden = section.dataset.form !== chosen;
  };
  chooser.addEventListener("change", showForm, { signal });
  showForm();

  // ---- tools: history, export/import, compare, delete ----
  const status = el("p", { className: "aw-tools-status", role: "status" });
  status.setAttribute("aria-live", "polite");
  const history = el("div", { className: "aw-history" });
  const fileInput = el("input", { type: "file", id: "aw-sc-import", accept: ".json,.csv,application/json,text/csv" });
  const theirInput = el("input", { type: "file", id: "aw-sc-compare", accept: ".json,application/json" });
  const comparison = el("div", { className: "aw-comparison" });
  const button = (text, handler, cls = "md-button") => {
    const b = el("button", { type: "button", className: cls, textContent: text });
    b.addEventListener("click", handler, { signal });
    return b;
  };
  // What this browser could not keep, with a download of the results (storage full or blocked).
  const storageNote = el("div", { className: "aw-storage-note", role: "status" });
  resultBox.before(storageNote);
  let storageShown = null;
  const showStorageProblem = (problem) => {
    if (!problem || storageShown === problem.kind) return;
    storageShown = problem.kind;
    storageNote.replaceChildren(notSavedNotice(notSavedText(problem, "your results"), "Download your results (JSON)",
      async () => py.call("selfcheck", "export", { entries: yours(), kind: "json" })));
  };
  const onLoad = probeStorage();
  if (onLoad?.kind === "blocked") showStorageProblem(onLoad);

  tools.replaceChildren(
    el("h2", { id: "your-saved-results", textContent: "Your saved results" }),
    el("p", { textContent: "Results are saved only if you tick the box before pressing See my result. They stay in this browser on this device." }),
    history,
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
  );

  async function storedEntries() {
    const { value: raw } = readItem(STORAGE_KEY);
    if (raw === null) return [];
    try {
      return (await py.call("selfcheck", "import", { text: raw, kind: "json", existing: [] })).entries;
    } catch (error) {
      status.textContent = `Your saved results could not be read (${error.message}). They were left as they are; you can delete them below.`;
      return null;
    }
  }

  /** Save one entry on top of what is stored now (another tab may have saved since). True when
   *  saved; false when the browser would not keep it (the storage notice says so). Python refuses
   *  (ImportProblem) when the most results it keeps are saved already. */
  async function store(entry) {
    const { value } = readItem(STORAGE_KEY);
    const reply = await py.call("selfcheck", "save", { existing: entries, stored: value, entry });
    const problem = writeItem(reply.storage_key, reply.stored);
    if (problem) { showStorageProblem(problem); return false; }
    entries = reply.entries;
    return true;
  }

  async function drawHistory() {
    if (!entries.length) {
      history.replaceChildren(el("p", { textContent: "Nothing is saved on this device." }));
      return;
    }
    const trend = await py.call("selfcheck", "trend", { entries });
    const flags = trend.flags.map((f) => f.html).join("");
    setTrustedHtml(history, `<div class="aw-chart">${trend.svg}</div>${trend.table}${flags}`);
  }

  async function exportAs(kind) {
    try {
      const { text, filename, mime } = await py.call("selfcheck", "export", { entries: yours(), kind });
      download(text, filename, mime);
      status.textContent = `Downloaded ${filename}.`;
    } catch (error) { showProblem(status, error); }
  }

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    if (!file) return;
    try {
      const kind = file.name.toLowerCase().endsWith(".csv") ? "csv" : "json";
      const reply = await py.call("selfcheck", "import", { text: await file.text(), kind, existing: entries });
      const problem = writeItem(reply.storage_key, reply.stored);
      entries = reply.entries;                      // for this visit at least
      showStorageProblem(problem);
      const kept = problem ? " They are shown for this visit only: this browser did not keep them." : "";
      status.textContent = `Added ${reply.added} result(s) from ${file.name}.${reply.notice ? ` ${reply.notice}` : ""}${kept}`;
      await drawHistory();
    } catch (error) {
      status.textContent = `Nothing was changed: ${error.message}`;
    } finally { fileInput.value = ""; }
  }, { signal });

  theirInput.addEventListener("change", async () => {
    const file = theirInput.files[0];
    if (!file) return;
    try {
      const mine = (await py.call("selfcheck", "export", { entries: yours(), kind: "json" })).text;
      const reply = await py.call("selfcheck", "compare", { mine, theirs: await file.text() });
      setTrustedHtml(comparison, reply.html);
    } catch (error) {
      showProblem(comparison, error);
    } finally { theirInput.value = ""; }
  }, { signal });

  /** Save the latest result; say plainly when it was not (the result stays shown either way). */
  async function saveResult() {
    try {
      if (!await store(unsaved)) {
        status.textContent = "Your result was not saved (see the notice above the result); you can still download it.";
        return;
      }
      unsaved = null;
      await drawHistory();
      status.textContent = "Your result was saved on this device.";
    } catch (error) {
      status.textContent = error.message;
    }
  }

  // Another tab saved or deleted results: show the same history here.
  addEventListener("storage", async (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    const saved = await storedEntries();
    if (saved === null) return;
    entries = saved;
    storedUnreadable = false;
    await drawHistory();
  }, { signal });

  async function deleteAll() {
    if (!confirm("Delete every result and all quiz progress this site saved in this browser?")) return;
    deleteAllSiteData();
    entries = [];
    unsaved = null;
    storedUnreadable = false;
    resultBox.replaceChildren();
    comparison.replaceChildren();
    await drawHistory();
    status.textContent = "All data this site saved in this browser has been deleted.";
  }

  for (const form of root.querySelectorAll("form[data-form]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const answers = {};
      for (const fieldset of form.querySelectorAll("fieldset[data-item-id]")) {
        answers[fieldset.dataset.itemId] = fieldset.querySelector("input:checked")?.value ?? null;
      }
      const save = form.querySelector("input[name=aw-save]")?.checked;
      waitingNotice(resultBox, py);
      try {
        const date = new Date().toISOString().slice(0, 19);
        const result = await py.call("selfcheck", "score", { form: form.dataset.form, answers, date });
        const chart = result.complete ? `<div class="aw-chart">${result.svg}</div>${result.table}` : "";
        const crisis = '<p class="aw-crisis"><strong>If you are in crisis</strong>, contact your local emergency services or a crisis line in your country now.</p>';
        setTrustedHtml(resultBox, `<h2 id="your-result">Your result</h2>${crisis}${result.html}${chart}`);
        unsaved = result.complete && result.entry ? result.entry : null;
        if (save && unsaved && storedUnreadable) {
          status.textContent = "Not saved: the results already saved here cannot be read. Delete them below first, then save again.";
        } else if (save && unsaved) {
          await saveResult();
        }
        resultBox.focus();
      } catch (error) {
        showProblem(resultBox, error);
      }
    }, { signal });
  }

  const ready = (async () => {
    const saved = await storedEntries();
    entries = saved ?? [];
    storedUnreadable = saved === null;
    if (saved !== null) await drawHistory();
  })();
  ready.catch((error) => showProblem(status, error));
  return { unmount: () => controller.abort(), ready };
}
