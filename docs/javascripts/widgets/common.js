// Small helpers shared by the widget controllers (DOM only; all grading happens in Python):
// building elements, live-region announcements, the clipboard, downloads, and the notices a
// widget shows while Python is not there yet or when something went wrong.

/** Properties set as attributes rather than as element properties. */
const isAttribute = (name) => name === "role" || name.startsWith("aria-") || name.startsWith("data-");

/** A new element: `props` are set as properties (className, textContent, type, …), except role,
 *  aria-* and data-* which are set as attributes; `children` (nodes or text; null is skipped) are
 *  appended. */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (isAttribute(name)) element.setAttribute(name, String(value));
    else element[name] = value;
  }
  for (const child of children) if (child !== null && child !== undefined) element.append(child);
  return element;
}

/** Set a live region's text so that it is announced again even when it is the same text. */
export function announce(status, text) {
  status.textContent = "";
  setTimeout(() => { status.textContent = text; }, 50);
}

/** Copy text to the clipboard; if the browser refuses, select `field` so Ctrl+C copies it.
 *  Says which in `status` (a live region). Resolves to whether the text was copied. */
export async function copyText(text, field, status) {
  let copied;
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    field.focus();
    field.select();
    try { copied = document.execCommand("copy"); } catch { copied = false; }
  }
  announce(status, copied ? "Copied." : "Selected: press Ctrl+C (or ⌘C on a Mac) to copy.");
  return copied;
}

/** Save a text as a file, in the browser only. `bom`: start it with a byte order mark (spreadsheets
 *  then read a UTF-8 CSV as UTF-8). */
export function download(text, filename, mime, { bom = false } = {}) {
  const url = URL.createObjectURL(new Blob(bom ? ["\ufeff", text] : [text], { type: mime }));
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Show a problem inside a widget without touching its form. */
export function showProblem(container, error) {
  container.replaceChildren(el("p", { className: "aw-verdict-wrong", textContent: error?.message || String(error) }));
}

/** Insert HTML produced (and escaped) by the Python widgets package. */
export function setTrustedHtml(container, html) {
  container.innerHTML = html;
}

/** While Python is not ready: say in `container` why the answer is not checked yet. */
export function waitingNotice(container, py) {
  if (py.info) return;
  container.textContent = py.failure
    ? "Not checked yet: Python could not start (the message above the first exercise says why). Your answer is kept and checked once “Try again” there succeeds."
    : "Checking… (Python is still loading, this takes a few seconds the first time)";
}
