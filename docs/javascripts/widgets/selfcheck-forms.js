// The self-check's two forms: show the one chosen, and on "See my result" have Python score the
// answers, show the result and, if the reader ticked the box, save it.
import { setTrustedHtml, showProblem, waitingNotice } from "./common.js";

const CRISIS = '<p class="aw-crisis"><strong>If you are in crisis</strong>, contact your local emergency services or a crisis line in your country now.</p>';

/** Only one form is shown at a time; without this script both stay visible and usable. */
export function showChosenForm(root, signal) {
  const chooser = root.querySelector(".aw-form-chooser");
  const showForm = () => {
    const chosen = chooser.querySelector("input:checked")?.value ?? "client";
    for (const section of root.querySelectorAll(".aw-selfcheck-form")) section.hidden = section.dataset.form !== chosen;
  };
  chooser.addEventListener("change", showForm, { signal });
  showForm();
}

/** {item id: chosen value or null} for every item of `form`. */
function answersOf(form) {
  const answers = {};
  for (const fieldset of form.querySelectorAll("fieldset[data-item-id]")) {
    answers[fieldset.dataset.itemId] = fieldset.querySelector("input:checked")?.value ?? null;
  }
  return answers;
}

/** Save the latest result; say plainly when it was not (the result stays shown either way). */
async function saveResult({ py, saved, notice, tools }) {
  const { status, history } = tools;
  try {
    const reply = await py.call("selfcheck", "save", {});
    const problem = saved.keep(reply);
    await py.call("selfcheck", "saved", { kept: !problem });
    if (problem) {
      notice.show(problem);
      status.textContent = "Your result was not saved (see the notice above the result); you can still download it.";
      return;
    }
    saved.keepUnsaved(null);
    history.count = reply.count;
    await history.draw();
    status.textContent = "Your result was saved on this device.";
  } catch (error) {
    status.textContent = error.message;
  }
}

async function showResult(form, env) {
  const { py, saved, resultBox } = env;
  const save = form.querySelector("input[name=aw-save]")?.checked;
  waitingNotice(resultBox, py);
  try {
    const date = new Date().toISOString().slice(0, 19);
    const result = await py.call("selfcheck", "score", { form: form.dataset.form, answers: answersOf(form), date });
    const chart = result.complete ? `<div class="aw-chart">${result.svg}</div>${result.table}` : "";
    setTrustedHtml(resultBox, `<h2 id="your-result">Your result</h2>${CRISIS}${result.html}${chart}`);
    const unsaved = result.complete && result.entry ? result.entry : null;   // Python keeps it too
    saved.keepUnsaved(unsaved);
    if (save && unsaved) await saveResult(env);
    resultBox.focus();
  } catch (error) {
    showProblem(resultBox, error);
  }
}

/** Score each form on submit; `env` is {py, saved, notice, tools, resultBox, signal}. */
export function handleForms(root, env) {
  for (const form of root.querySelectorAll("form[data-form]")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      showResult(form, env);
    }, { signal: env.signal });
  }
}
