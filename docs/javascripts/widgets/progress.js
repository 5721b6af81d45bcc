// "My progress" — the page side. Python (widgets.progress) checks what is stored, computes
// lessons, scores, mastery and what is due, and validates files; this file reads and writes
// localStorage (through progress-store.js) and the file controls. Nothing leaves the device.
import { now, readRaw, STORAGE_KEY, write } from "../progress-store.js";
import { download, setTrustedHtml, showProblem } from "./common.js";

const ROOT = new URL("../../", import.meta.url);

export function mount(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const course = JSON.parse(root.querySelector(".aw-course-data").dataset.json);
  const summaryBox = root.querySelector(".aw-progress-summary");
  const status = root.querySelector(".aw-progress-status");
  const fileInput = root.querySelector("#aw-progress-import");
  const base = () => ({ course, now: now(), root: ROOT.href, utc_offset_min: -new Date(now()).getTimezoneOffset() });

  /** The stored value, or throws with a message that says it cannot be read. */
  const stored = () => {
    try { return readRaw(); } catch { throw new Error("Your saved progress is not valid JSON."); }
  };

  async function render() {
    try {
      const { html } = await py.call("progress", "summary", { ...base(), stored: stored() });
      setTrustedHtml(summaryBox, html);
    } catch (error) {
      showProblem(summaryBox, new Error(`Your saved progress could not be read (${error.message}) `
        + "It was left as it is; you can delete it below, or download it first."));
    }
  }

  root.querySelector(".aw-progress-export").addEventListener("click", async () => {
    try {
      const today = new Date(now()).toISOString().slice(0, 10);
      const { text, filename, mime } = await py.call("progress", "export", { ...base(), stored: stored(), today });
      download(text, filename, mime);
      status.textContent = `Downloaded ${filename}.`;
    } catch (error) {
      status.textContent = `Nothing was downloaded: ${error.message}`;
    }
  }, { signal });

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    if (!file) return;
    try {
      const reply = await py.call("progress", "import", { ...base(), stored: stored(), text: await file.text() });
      if (!write(reply.stored)) throw new Error("this browser did not let the page save it");
      status.textContent = `${file.name}: ${reply.message}`;
      await render();
    } catch (error) {
      status.textContent = `Nothing was added from ${file.name}: ${error.message}`;
    } finally { fileInput.value = ""; }
  }, { signal });

  root.querySelector(".aw-progress-delete").addEventListener("click", async () => {
    if (!confirm("Delete the lessons read, quiz scores and review boxes saved in this browser?")) return;
    try { localStorage.removeItem(STORAGE_KEY); } catch { /* storage blocked: nothing stored */ }
    status.textContent = "Your progress saved in this browser has been deleted.";
    await render();
  }, { signal });

  addEventListener("storage", (event) => { if (event.key === STORAGE_KEY) render(); }, { signal });
  const ready = render();
  return { unmount: () => controller.abort(), ready };
}
