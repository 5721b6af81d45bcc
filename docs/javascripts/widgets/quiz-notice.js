// The quiz's notice (a polite live region): link notices, exam mode, unreadable progress, and
// what could not be saved with a download of the answers.
import { notSavedNotice, notSavedText } from "./storage.js";

/** Add one sentence to the notice: several can be shown at once. */
export function addNotice(notice, text) {
  notice.append(Object.assign(document.createElement("p"), { textContent: text }));
}

/** The answers of this visit as a file, for when the browser cannot keep them. */
function answersFile(moduleId, progress, link) {
  const text = JSON.stringify({
    quiz: moduleId, page: location.href, mode: link.mode, n: link.n, seed: link.seed,
    answers: progress.responses, checked: progress.checked, downloaded: new Date().toISOString(),
  }, null, 2);
  return { text, filename: `alliance-quiz-${moduleId}-answers.json`, mime: "application/json" };
}

/** Show (once per kind) what could not be saved, with a download of the answers. */
export function storageNotice(notice, moduleId, progress, link) {
  let shown = null;
  return (problem) => {
    if (!problem || shown?.kind === problem.kind) return;
    shown?.element.remove();
    const element = notSavedNotice(notSavedText(problem, "your answers"), "Download your answers",
      () => answersFile(moduleId, progress, link));
    notice.append(element);
    shown = { kind: problem.kind, element };
  };
}
