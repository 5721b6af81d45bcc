// Review — the page side. Python (widgets.progress) picks the round's questions under the
// Leitner rule (documented on the page and in widgets/progress/leitner.py), grades each answer
// with the quiz's grader and moves the question between boxes; this file shows the questions the
// build rendered (hidden), marks each answer in place as a quiz does (quiz-marks.js) and keeps the
// boxes in localStorage. Nothing leaves the device.
import { now, readRaw, update } from "../progress-store.js";
import { setTrustedHtml, showProblem } from "./common.js";
import { applyMarks, clearMarks } from "./quiz-marks.js";
import { clearResponse, moveOrderingItem, readResponse } from "./quiz-response.js";

const ROOT = new URL("../../", import.meta.url);

/** One review round on the page. */
class ReviewRound {
  constructor(root, py) {
    this.py = py;
    this.course = JSON.parse(root.querySelector(".aw-course-data").dataset.json);
    this.status = root.querySelector(".aw-review-status");
    this.list = root.querySelector(".aw-review-questions");
    this.end = root.querySelector(".aw-review-end");
    this.lessonBase = new URL("lessons/", ROOT).href;
    this.round = [];
    this.answered = 0;
    for (const button of root.querySelectorAll(".aw-hint")) button.hidden = true;   // a review is recall, without hints
    const modules = JSON.parse(root.querySelector(".aw-review-modules").dataset.json);
    this.opened = py.call("progress", "open_modules", { modules });
  }

  async start() {
    for (const item of this.list.children) item.hidden = true;
    this.end.replaceChildren();
    this.answered = 0;
    let stored = null;
    try { stored = readRaw(); } catch { /* unreadable: the My progress page says so; review from scratch */ }
    await this.opened;
    const reply = await this.py.call("progress", "session", {
      course: this.course, stored, now: now(), utc_offset_min: -new Date(now()).getTimezoneOffset(),
    });
    this.round = reply.questions.map((q) => q.id);
    if (!this.round.length) { this.status.textContent = reply.message; return; }
    this.round.forEach((qid, index) => {
      const item = this.list.querySelector(`.aw-question[data-question-id="${CSS.escape(qid)}"]`);
      this.reset(item);
      item.querySelector(".aw-qnum").textContent = `Question ${index + 1} of ${this.round.length}`;
      this.list.append(item);
      item.hidden = false;
    });
    const n = this.round.length;
    this.status.textContent = `${n} question${n === 1 ? "" : "s"} from across the course. Answer each one and press Check answer.`;
  }

  reset(item) {
    item.querySelector("fieldset").disabled = false;
    clearResponse(item, null);
    clearMarks(item);
    item.querySelector(".aw-feedback").innerHTML = "";
    item.querySelector(".aw-check").disabled = false;
  }

  async check(item) {
    const qid = item.dataset.questionId;
    const box = item.querySelector(".aw-feedback");
    const button = item.querySelector(".aw-check");
    if (button.disabled) return;
    try {
      let card = null;
      try { card = readRaw()?.review?.[qid] ?? null; } catch { card = null; }
      const result = await this.py.call("progress", "answer", {
        module_id: item.dataset.moduleId, question_id: qid, response: readResponse(item),
        card, now: now(), lesson_base: this.lessonBase,
      });
      update((value) => { value.review[qid] = result.card; });
      applyMarks(item, result.marks);                          // the same in-place marks as a quiz
      setTrustedHtml(box, result.html);
      box.append(Object.assign(document.createElement("p"), { className: "aw-review-box", textContent: result.box_note }));
      button.disabled = true;
      item.querySelector("fieldset").disabled = true;
      this.answered += 1;
      if (this.answered === this.round.length) this.finish();
    } catch (error) {
      showProblem(box, error);
    }
  }

  finish() {
    const again = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: "Start another round" });
    again.addEventListener("click", () => this.start().catch((error) => showProblem(this.end, error)));
    const link = Object.assign(document.createElement("a"), { href: new URL("progress/", ROOT).href, textContent: "See my progress" });
    const p = Object.assign(document.createElement("p"), { textContent: `Round done: ${this.answered} answered. ` });
    p.append(again, " ", link);
    this.end.replaceChildren(p);
  }
}

export function mount(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const round = new ReviewRound(root, py);
  root.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    const item = button?.closest(".aw-question");
    if (!item) return;
    if (button.classList.contains("aw-check")) round.check(item);
    else if (button.classList.contains("aw-move")) moveOrderingItem(item, button);
  }, { signal });
  root.addEventListener("keydown", (event) => {     // Enter in a short answer checks it, never submits
    if (event.key !== "Enter" || !event.target.matches(".aw-question input[type=text]")) return;
    event.preventDefault();
    round.check(event.target.closest(".aw-question"));
  }, { signal });
  root.querySelector(".aw-review-form").addEventListener("submit", (event) => event.preventDefault(), { signal });
  const ready = round.start().catch((error) => showProblem(round.status, error));
  return { unmount: () => controller.abort(), ready };
}
