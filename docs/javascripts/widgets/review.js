// Review — the page side. Python (widgets.progress) picks the round's questions under the
// Leitner rule (documented on the page and in widgets/progress/leitner.py), grades each answer
// with the quiz's grader and moves the question between boxes; this file shows the questions the
// build rendered (hidden) and keeps the boxes in localStorage. Nothing leaves the device.
import { now, readRaw, update } from "../progress-store.js";
import { setTrustedHtml, showProblem } from "./common.js";
import { applyMarks, clearMarks } from "./quiz-marks.js";
import { moveOrderingItem, readResponse } from "./quiz-response.js";

const ROOT = new URL("../../", import.meta.url);

export function mount(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const course = JSON.parse(root.querySelector(".aw-course-data").dataset.json);
  const modules = JSON.parse(root.querySelector(".aw-review-modules").dataset.json);
  const status = root.querySelector(".aw-review-status");
  const list = root.querySelector(".aw-review-questions");
  const end = root.querySelector(".aw-review-end");
  const lessonBase = new URL("lessons/", ROOT).href;
  let round = [];
  let answered = 0;
  for (const button of root.querySelectorAll(".aw-hint")) button.hidden = true;   // a review is recall, without hints

  const opened = py.call("progress", "open_modules", { modules });

  async function start() {
    for (const item of list.children) item.hidden = true;
    end.replaceChildren();
    answered = 0;
    let stored = null;
    try { stored = readRaw(); } catch { /* unreadable: the My progress page says so; review from scratch */ }
    await opened;
    const reply = await py.call("progress", "session", {
      course, stored, now: now(), utc_offset_min: -new Date(now()).getTimezoneOffset(),
    });
    round = reply.questions.map((q) => q.id);
    if (!round.length) { status.textContent = reply.message; return; }
    round.forEach((qid, index) => {
      const item = list.querySelector(`.aw-question[data-question-id="${CSS.escape(qid)}"]`);
      reset(item);
      item.querySelector(".aw-qnum").textContent = `Question ${index + 1} of ${round.length}`;
      list.append(item);
      item.hidden = false;
    });
    status.textContent = `${round.length} question${round.length === 1 ? "" : "s"} from across the course. `
      + "Answer each one and press Check answer.";
  }

  function reset(item) {
    item.querySelector("fieldset").disabled = false;
    for (const input of item.querySelectorAll("input")) { input.checked = false; if (input.type === "text") input.value = ""; }
    for (const select of item.querySelectorAll("select")) select.value = "";
    delete item.dataset.moved;
    clearMarks(item);
    item.querySelector(".aw-feedback").innerHTML = "";
    item.querySelector(".aw-check").disabled = false;
  }

  async function check(item) {
    const qid = item.dataset.questionId;
    const box = item.querySelector(".aw-feedback");
    const button = item.querySelector(".aw-check");
    if (button.disabled) return;
    try {
      let card = null;
      try { card = readRaw()?.review?.[qid] ?? null; } catch { card = null; }
      const result = await py.call("progress", "answer", {
        module_id: item.dataset.moduleId, question_id: qid, response: readResponse(item),
        card, now: now(), lesson_base: lessonBase,
      });
      update((value) => { value.review[qid] = result.card; });
      applyMarks(item, result.marks);                          // the same in-place marks as a quiz
      setTrustedHtml(box, result.html);
      const note = Object.assign(document.createElement("p"), { className: "aw-review-box", textContent: result.box_note });
      box.append(note);
      button.disabled = true;
      item.querySelector("fieldset").disabled = true;
      answered += 1;
      if (answered === round.length) finish();
    } catch (error) {
      showProblem(box, error);
    }
  }

  function finish() {
    const again = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: "Start another round" });
    again.addEventListener("click", () => start().catch((error) => showProblem(end, error)));
    const link = Object.assign(document.createElement("a"), { href: new URL("progress/", ROOT).href, textContent: "See my progress" });
    const p = Object.assign(document.createElement("p"), { textContent: `Round done: ${answered} answered. ` });
    p.append(again, " ", link);
    end.replaceChildren(p);
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    const item = button?.closest(".aw-question");
    if (!item) return;
    if (button.classList.contains("aw-check")) check(item);
    else if (button.classList.contains("aw-move")) moveOrderingItem(item, button);
  }, { signal });

  root.addEventListener("keydown", (event) => {     // Enter in a short answer checks it, never submits
    if (event.key !== "Enter" || !event.target.matches(".aw-question input[type=text]")) return;
    event.preventDefault();
    check(event.target.closest(".aw-question"));
  }, { signal });
  root.querySelector(".aw-review-form").addEventListener("submit", (event) => event.preventDefault(), { signal });

  const ready = start().catch((error) => showProblem(status, error));
  return { unmount: () => controller.abort(), ready };
}
