// Small helpers shared by the widget controllers (DOM only; all grading happens in Python).

/** Show a problem inside a widget without touching its form. */
export function showProblem(container, error) {
  container.innerHTML = "";
  const p = document.createElement("p");
  p.className = "aw-verdict-wrong";
  p.textContent = error?.message || String(error);
  container.append(p);
}

/** Insert HTML produced (and escaped) by the Python widgets package. */
export function setTrustedHtml(container, html) {
  container.innerHTML = html;
}

export function waitingNotice(container, py) {
  if (py.info) return;
  container.textContent = py.failure
    ? "Not checked yet: Python could not start (the message above the first exercise says why). Your answer is kept and checked once “Try again” there succeeds."
    : "Checking… (Python is still loading, this takes a few seconds the first time)";
}
