// Results code (exam mode; lecturer kit, issue 6). After an exam-mode submit, Python's "codes"
// widget (widgets/quiz/code_actions.py) turns the link's seed and count and the answers just
// graded into a short code the student hands in; the lecturers' page re-grades it. Shown at the
// end of the results, with a Copy button.
import { showProblem } from "./common.js";

let codeBoxes = 0;

/** Copy `code` (shown in `value`), or select it when the clipboard is not available; say which. */
async function copyCode(code, value, status) {
  let copied = false;
  try { await navigator.clipboard.writeText(code); copied = true; } catch {
    const range = document.createRange();
    range.selectNodeContents(value);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    try { copied = document.execCommand("copy"); } catch { copied = false; }
  }
  status.textContent = "";
  setTimeout(() => { status.textContent = copied ? "Copied." : "Selected: press Ctrl+C (or ⌘C) to copy."; }, 50);
}

/** The line with the code, its Copy button and the button's status. */
function codeLine(id, code) {
  const value = Object.assign(document.createElement("code"), { className: "aw-code-value", id: `${id}-value`, textContent: code });
  const copy = Object.assign(document.createElement("button"), { type: "button", className: "md-button aw-code-copy", textContent: "Copy code" });
  copy.setAttribute("aria-describedby", value.id);
  const status = Object.assign(document.createElement("span"), { className: "aw-code-status" });
  status.setAttribute("role", "status");
  const line = Object.assign(document.createElement("p"), { className: "aw-code-line" });
  line.append(value, " ", copy, " ", status);
  copy.addEventListener("click", () => copyCode(code, value, status));
  return line;
}

/** Append the attempt's results code (or why there is none) to the results area. */
export async function showResultsCode(results, py, payload) {
  const id = `aw-code-${++codeBoxes}`;
  const box = document.createElement("section");
  box.className = "aw-code";
  box.setAttribute("aria-labelledby", `${id}-title`);
  const title = Object.assign(document.createElement("h3"), { id: `${id}-title`, textContent: "Your results code" });
  const body = Object.assign(document.createElement("div"), { className: "aw-code-help", textContent: "Making your results code…" });
  box.append(title, body);
  results.append(box);
  try {
    const { code } = await py.call("codes", "make_code", payload);
    body.textContent = "Hand this code in as your lecturer asked (for example in your course's learning platform or "
      + "an email), with your name: it does not say who you are. It holds your answers, so your lecturer can "
      + "re-grade them; a code with a typo is rejected, so copy it rather than retype it.";
    box.insertBefore(codeLine(id, code), body);
  } catch (error) {
    showProblem(body, error);
  }
}
