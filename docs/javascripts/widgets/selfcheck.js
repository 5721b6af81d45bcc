// The alliance self-check — the page side. Python (widgets.selfcheck) scores, writes the
// result, draws the charts, validates files and holds the saved results; these modules read
// the form, show what Python returns, and store results in localStorage only when the reader
// opts in. Nothing is ever sent anywhere.
//   selfcheck-forms.js   the two forms: choose one, score it, save the result
//   selfcheck-tools.js   saved results over time, download, import, compare, delete
//   selfcheck-saved.js   the only self-check code that touches localStorage
//   selfcheck-notice.js  what this browser could not keep
import { showProblem } from "./common.js";
import { probeStorage } from "./storage.js";
import { handleForms, showChosenForm } from "./selfcheck-forms.js";
import { storageNotice } from "./selfcheck-notice.js";
import { STORAGE_KEY, savedResults } from "./selfcheck-saved.js";
import { mountTools } from "./selfcheck-tools.js";

export { deleteAllSiteData } from "./selfcheck-tools.js";

/** Show what Python's "open" said: the saved results, or why they could not be read. */
async function showOpened(reply, tools) {
  if (!reply.readable) {
    tools.status.textContent = `Your saved results could not be read (${reply.problem}). They were left as they are; you can delete them below.`;
    return;
  }
  tools.history.count = reply.count;
  await tools.history.draw();
}

/** Another tab saved or deleted results: show the same history here. */
function followOtherTabs(saved, tools, signal) {
  addEventListener("storage", async (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    try {
      await showOpened(await saved.reopen(), tools);
    } catch (error) { showProblem(tools.status, error); }
  }, { signal });
}

export function mount(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const resultBox = root.querySelector(".aw-selfcheck-result");
  showChosenForm(root, signal);
  const notice = storageNotice(resultBox, py);
  const onLoad = probeStorage();
  if (onLoad?.kind === "blocked") notice.show(onLoad);
  const saved = savedResults(py, JSON.parse(root.querySelector(".aw-selfcheck-data").dataset.json));
  const env = { py, saved, notice, resultBox, signal };
  env.tools = mountTools(root.querySelector(".aw-selfcheck-tools"), env);
  handleForms(root, env);
  followOtherTabs(saved, env.tools, signal);
  const ready = saved.opened.then((reply) => showOpened(reply, env.tools));
  ready.catch((error) => showProblem(env.tools.status, error));
  return { unmount: () => controller.abort(), ready };
}
