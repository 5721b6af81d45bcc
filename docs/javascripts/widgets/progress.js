// "My progress" — the page side. Python (widgets.progress) checks what is stored, computes
// lessons, scores, mastery and what is due, and validates files; this file reads and writes
// localStorage (through progress-store.js) and the file controls. Nothing leaves the device.
import { now, readRaw, STORAGE_KEY, write } from "../progress-store.js";
import { download, setTrustedHtml, showProblem } from "./common.js";

const ROOT = new URL("../../", import.meta.url);

/** The stored value, or throws with a message that says it cannot be read. */
function stored() {
  try { return readRaw(); } catch { throw new Error("Your saved progress is not valid JSON."); }
}

/** The page's controls and what every request to Python carries. */
function progressPage(root, py) {
  const course = JSON.parse(root.querySelector(".aw-course-data").dataset.json);
  return {
    py,
    summaryBox: root.querySelector(".aw-progress-summary"),
    status: root.querySelector(".aw-progress-status"),
    fileInput: root.querySelector("#aw-progress-import"),
    base: () => ({ course, now: now(), root: ROOT.href, utc_offset_min: -new Date(now()).getTimezoneOffset() }),
  };
}

async function render(page) {
  try {
    const { html } = await page.py.call("progress", "summary", { ...page.base(), stored: stored() });
    setTrustedHtml(page.summaryBox, html);
  } catch (error) {
    showProblem(page.summaryBox, new Error(`Your saved progress could not be read (${error.message}) `
      + "It was left as it is; you can delete it below, or download it first."));
  }
}

async function exportProgress(page) {
  try {
    const today = new Date(now()).toISOString().slice(0, 10);
    const { text, filename, mime } = await page.py.call("progress", "export", { ...page.base(), stored: stored(), today });
    download(text, filename, mime);
    page.status.textContent = `Downloaded ${filename}.`;
  } catch (error) {
    page.status.textContent = `Nothing was downloaded: ${error.message}`;
  }
}

async function importProgress(page) {
  const { fileInput, status } = page;
  const file = fileInput.files[0];
  if (!file) return;
  try {
    const reply = await page.py.call("progress", "import", { ...page.base(), stored: stored(), text: await file.text() });
    if (!write(reply.stored)) throw new Error("this browser did not let the page save it");
    status.textContent = `${file.name}: ${reply.message}`;
    await render(page);
  } catch (error) {
    status.textContent = `Nothing was added from ${file.name}: ${error.message}`;
  } finally { fileInput.value = ""; }
}

async function deleteProgress(page) {
  if (!confirm("Delete the lessons read, quiz scores and review boxes saved in this browser?")) return;
  try { localStorage.removeItem(STORAGE_KEY); } catch { /* storage blocked: nothing stored */ }
  page.status.textContent = "Your progress saved in this browser has been deleted.";
  await render(page);
}

export function mount(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const page = progressPage(root, py);
  root.querySelector(".aw-progress-export").addEventListener("click", () => exportProgress(page), { signal });
  page.fileInput.addEventListener("change", () => importProgress(page), { signal });
  root.querySelector(".aw-progress-delete").addEventListener("click", () => deleteProgress(page), { signal });
  addEventListener("storage", (event) => { if (event.key === STORAGE_KEY) render(page); }, { signal });
  const ready = render(page);
  return { unmount: () => controller.abort(), ready };
}
