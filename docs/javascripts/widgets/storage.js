// The one place the widgets touch localStorage. Every call says what happened instead of
// throwing: storage can be full (QuotaExceededError), or refuse every write (Safari's private
// mode, a browser setting, a sandboxed iframe). The widgets keep working for the visit either way,
// say what was not saved, and offer it as a download.
import { download, el } from "./common.js";
import { STORAGE_PROBE_KEY } from "../constants.js";

/** Why a write failed: "full" (this site's storage is full) or "blocked" (nothing can be kept). */
function problemOf(error) {
  const quota = error?.name === "QuotaExceededError" || error?.code === 22 || error?.code === 1014;
  let used = 0;
  try { used = localStorage.length; } catch { /* blocked entirely */ }
  return { kind: quota && used > 0 ? "full" : "blocked", detail: String(error?.message ?? error) };
}

/** {value} (null when there is none), or {problem} when storage cannot be read at all. */
export function readItem(key) {
  try {
    return { value: localStorage.getItem(key) };
  } catch (error) {
    return { value: null, problem: problemOf(error) };
  }
}

/** null when the value was stored, else the problem ({kind: "full" | "blocked"}). */
export function writeItem(key, value) {
  try {
    localStorage.setItem(key, value);
    return null;
  } catch (error) {
    return problemOf(error);
  }
}

export function removeItem(key) {
  try { localStorage.removeItem(key); } catch { /* nothing stored, nothing to remove */ }
}

/** On load: null if this browser lets the site keep data, else the problem (a tiny write, undone). */
export function probeStorage() {
  const problem = writeItem(STORAGE_PROBE_KEY, "1");
  removeItem(STORAGE_PROBE_KEY);
  return problem;
}

/** A plain sentence: what was not saved (`what`, e.g. "your answers") and what that means. */
export function notSavedText(problem, what) {
  const What = what[0].toUpperCase() + what.slice(1);
  if (problem.kind === "full") {
    return `${What} could not be saved: this browser's storage for this site is full. ${What} stay on this page `
      + "until you leave or reload it; download them to keep a copy. (The self-check's “Delete all my data” frees this site's space.)";
  }
  return "This browser does not let this site keep anything (as in private browsing), so nothing will be kept "
    + `after you leave this page. Download ${what} to keep a copy.`;
}

/** A paragraph with `text` and a button that downloads what `makeFile()` returns ({text, filename, mime},
 *  or a promise of it): the "what was not saved" notice of a widget. */
export function notSavedNotice(text, buttonLabel, makeFile) {
  const button = el("button", { type: "button", className: "md-button aw-not-saved-download", textContent: buttonLabel });
  button.addEventListener("click", async () => {
    const file = await makeFile();
    download(file.text, file.filename, file.mime);
  });
  // data-storage-notice: what the cross-engine tests look for
  return el("p", { className: "aw-not-saved", "data-storage-notice": "" }, `${text} `, button);
}
