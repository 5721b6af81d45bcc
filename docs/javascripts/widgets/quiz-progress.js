// The live "n of N answered" line and its bar: a question counts once it has an answer.
import { hasAnswer, readResponse } from "./quiz-response.js";

/** An updater for the form's count (a no-op when the form has none, e.g. one embedded question). */
export function answeredCounter(form, items) {
  const box = form.querySelector(".aw-answered");
  if (!box) return () => {};
  const text = box.querySelector(".aw-answered-text");
  const bar = box.querySelector("progress");
  return () => {
    const shown = items();
    const answered = shown.filter((li) => hasAnswer(readResponse(li))).length;
    text.textContent = `${answered} of ${shown.length} answered`;
    bar.max = Math.max(1, shown.length);
    bar.value = answered;
    box.classList.toggle("aw-answered--all", shown.length > 0 && answered === shown.length);
  };
}
