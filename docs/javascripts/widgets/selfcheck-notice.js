// The self-check's notice of what this browser could not keep (storage full or blocked), with a
// download of the results, shown once per kind of problem just above the result.
import { notSavedNotice, notSavedText } from "./storage.js";

/** {show(problem)}: show the notice for `problem` ({kind}); null or a kind already shown does nothing. */
export function storageNotice(resultBox, py) {
  const note = Object.assign(document.createElement("div"), { className: "aw-storage-note", role: "status" });
  resultBox.before(note);
  let shown = null;
  return {
    show(problem) {
      if (!problem || shown === problem.kind) return;
      shown = problem.kind;
      note.replaceChildren(notSavedNotice(notSavedText(problem, "your results"), "Download your results (JSON)",
        async () => py.call("selfcheck", "export", { kind: "json" })));
    },
  };
}
