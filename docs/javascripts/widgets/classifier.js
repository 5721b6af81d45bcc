// "Which part of the alliance is this?" — the page side. Python (widgets.classifier) grades.
import { setTrustedHtml, showProblem, waitingNotice } from "./common.js";

/** The chosen answer of each statement: {statement id: value}. */
function chosenAnswers(form) {
  const answers = {};
  for (const fieldset of form.querySelectorAll("fieldset[data-statement-id]")) {
    const chosen = fieldset.querySelector("input:checked");
    if (chosen) answers[fieldset.dataset.statementId] = chosen.value;
  }
  return answers;
}

async function check(form, summary, py) {
  const answers = chosenAnswers(form);
  waitingNotice(summary, py);
  try {
    const result = await py.call("classifier", "check", { answers });
    for (const item of result.results) {
      const box = form.querySelector(`fieldset[data-statement-id="${item.id}"] .aw-feedback`);
      setTrustedHtml(box, item.html);
    }
    summary.textContent = result.summary;
  } catch (error) {
    showProblem(summary, error);
  }
}

export function mount(element, py) {
  const form = element.querySelector("form");
  const summary = element.querySelector(".aw-summary");
  const controller = new AbortController();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    check(form, summary, py);
  }, { signal: controller.signal });
  return { unmount: () => controller.abort() };
}
