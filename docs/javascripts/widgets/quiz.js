// A quiz module or single question — the page side. Python (widgets.quiz) lays out, grades and
// writes all feedback and marks; this file wires the form to it: it reads answers, shows what
// Python returns (quiz-marks.js places the marks), keeps the "n of N answered" count
// (quiz-progress.js) and keeps progress in localStorage (quiz-store.js).
import { setTrustedHtml, showProblem, waitingNotice } from "./common.js";
import { readQuizLink } from "./link-params.js";
import { probeStorage } from "./storage.js";
import { recordCheck, recordQuizScore } from "../progress-store.js";
import { applyLayout, readerSeed } from "./quiz-layout.js";
import { applyMarks, clearMarks } from "./quiz-marks.js";
import { addNotice, storageNotice } from "./quiz-notice.js";
import { answeredCounter } from "./quiz-progress.js";
import { clearResponse, moveOrderingItem, orderingRows, readResponse, writeResponse } from "./quiz-response.js";
import {
  forgetProgress, loadProgress, newProgress, parseProgress, questionsChangedElsewhere, saveProgress, storeKey,
} from "./quiz-store.js";
import { showResultsCode } from "./quiz-results-code.js";

export { moveOrderingItem, readResponse };                   // review.js and tests import them from here

const ROOT = new URL("../../", import.meta.url);

/** One quiz form on the page; `ready` settles once the layout and any saved answers are shown. */
class QuizPage {
  constructor(form, py) {
    this.form = form;
    this.py = py;
    this.moduleJson = JSON.parse(form.querySelector(".aw-quiz-data").dataset.json);
    this.moduleId = form.dataset.moduleId;
    this.notice = form.querySelector(".aw-quiz-notice");
    this.results = form.querySelector(".aw-results");
    this.lessonBase = new URL("lessons/", ROOT).href;
    this.link = readQuizLink(location.search, this.moduleJson.questions.length);
    for (const text of this.link.notices) addNotice(this.notice, text);
    this.layoutKey = `${this.link.mode}|${this.link.n ?? ""}|${this.link.seed ?? ""}`;
    this.progress = this.loadSaved();
    this.lastResult = null;                                  // the last "submit" reply, for "Retry the ones I missed"
    this.updateCount = answeredCounter(form, () => this.items());
    const { mode, n, seed } = this.link;
    this.showStorageProblem = storageNotice(this.notice, this.moduleId, this.progress, { mode, n, seed });
    const onLoad = probeStorage();
    if (onLoad?.kind === "blocked") this.showStorageProblem(onLoad);   // "full" is said when a save fails
    this.startExamMode();
    this.opened = py.setup("quiz", "open", { module: this.moduleJson });
    this.startOrders = orderingRows(form);                   // ordering rows as first shown, for "Try again"
    this.ready = this.start();
    this.ready.catch((error) => showProblem(this.results, error));
  }

  loadSaved() {
    const { saved, cleared } = loadProgress(this.moduleId);
    if (cleared) addNotice(this.notice, "Your saved progress for this quiz could not be read, so it was cleared. You can start again.");
    return saved && saved.layoutKey === this.layoutKey ? saved : newProgress(this.layoutKey);   // another link: fresh
  }

  startExamMode() {
    const exam = this.link.mode === "exam";
    this.form.classList.toggle("aw-mode-exam", exam);
    if (!exam) return;
    for (const el of this.form.querySelectorAll(".aw-check, .aw-hint")) el.hidden = true;
    addNotice(this.notice, "Exam mode: you will see feedback after you submit all your answers.");
  }

  async start() {
    await this.opened;
    const { n, seed } = this.link;
    const layout = await this.py.call("quiz", "layout", { module_id: this.moduleId, n, seed, reader_seed: seed ? null : readerSeed() });
    applyLayout(this.form, layout);
    this.startOrders = orderingRows(this.form);
    for (const item of this.form.querySelectorAll(".aw-question")) writeResponse(item, this.progress.responses[item.dataset.questionId]);
    for (const [qid, count] of Object.entries(this.progress.hints)) for (let i = 0; i < count; i++) this.revealHint(qid, false);
    this.updateCount();
    if (this.link.mode === "practice") for (const qid of this.progress.checked) await this.check(qid, false);
    if (this.progress.submitted) await this.submit(false);
  }

  items() { return [...this.form.querySelectorAll(".aw-question")].filter((item) => !item.hidden); }
  item(qid) { return this.form.querySelector(`.aw-question[data-question-id="${CSS.escape(qid)}"]`); }
  save(qids) { this.showStorageProblem(saveProgress(this.moduleId, this.progress, qids)); }

  async check(qid, record = true) {
    const item = this.item(qid);
    const box = item.querySelector(".aw-feedback");
    waitingNotice(box, this.py);
    try {
      await this.opened;
      const response = readResponse(item);
      this.progress.responses[qid] = response;
      const result = await this.py.call("quiz", "check", {
        module_id: this.moduleId, question_id: qid, response, lesson_base: this.lessonBase,
      });
      applyMarks(item, result.marks);
      setTrustedHtml(box, result.html);                      // the verdict, announced once (a polite live region)
      if (record && !this.progress.checked.includes(qid)) this.progress.checked.push(qid);
      if (record && result.answered) recordCheck(qid, result.score);   // counts towards mastery on My progress
      this.save([qid]);
    } catch (error) {
      showProblem(box, error);
    }
  }

  revealHint(qid, record = true) {
    const item = this.item(qid);
    const list = item.querySelector(".aw-hints");
    const button = item.querySelector(".aw-hint");
    const hints = this.moduleJson.questions.find((q) => q.id === qid)?.hints_html ?? [];
    const shown = list.children.length;
    if (shown >= hints.length) return;
    const entry = document.createElement("li");
    setTrustedHtml(entry, hints[shown]);
    list.append(entry);
    list.hidden = false;
    if (record) { this.progress.hints[qid] = shown + 1; this.save([qid]); }
    if (!button) return;
    const left = hints.length - shown - 1;
    button.textContent = left ? `Show another hint (${left} left)` : "No more hints";
    if (left === 0 && record && document.activeElement === button) {
      entry.tabIndex = -1;                                   // the button is disabled next: keep focus here
      entry.focus();
    }
    button.disabled = left === 0;
  }

  async submit(record = true) {
    waitingNotice(this.results, this.py);
    try {
      await this.opened;
      const visible = this.items();
      const questionIds = visible.map((item) => item.dataset.questionId);
      const responses = Object.fromEntries(visible.map((item) => [item.dataset.questionId, readResponse(item)]));
      Object.assign(this.progress.responses, responses);
      const result = await this.py.call("quiz", "submit", {
        module_id: this.moduleId, responses, question_ids: questionIds,
        seconds: Math.round((Date.now() - this.progress.started) / 1000),
        hints_used: Object.values(this.progress.hints).reduce((a, b) => a + b, 0), lesson_base: this.lessonBase,
      });
      this.showResults(result, { responses, question_ids: questionIds });
      this.progress.submitted = true;
      if (record) { this.save(questionIds); this.results.focus(); }
      if (record && this.form.dataset.scope === "module") recordQuizScore(this.moduleId, result);   // for My progress
    } catch (error) {
      showProblem(this.results, error);
    }
  }

  showResults(result, attempt) {
    this.lastResult = result;
    for (const [qid, graded] of Object.entries(result.questions)) {
      const item = this.item(qid);
      applyMarks(item, graded.marks);
      setTrustedHtml(item.querySelector(".aw-feedback"), graded.html);
    }
    setTrustedHtml(this.results, result.html);              // with "Try again" and "Retry the ones I missed"
    const { mode, n, seed } = this.link;
    if (mode === "exam" && this.form.dataset.scope === "module") {
      showResultsCode(this.results, this.py, { module_id: this.moduleId, seed, n, ...attempt });
    }
  }

  /** Forget one question's answer and feedback (the ordering rows go back to their first order). */
  clearQuestion(item) {
    clearResponse(item, this.startOrders.get(item.querySelector(".aw-ordering")));
    clearMarks(item);
    item.querySelector(".aw-feedback").innerHTML = "";
  }

  reset() {
    forgetProgress(this.moduleId);
    this.form.reset();
    for (const item of this.form.querySelectorAll(".aw-question")) this.clearQuestion(item);
    for (const list of this.form.querySelectorAll(".aw-hints")) { list.innerHTML = ""; list.hidden = true; }
    for (const button of this.form.querySelectorAll(".aw-hint")) { button.disabled = false; button.textContent = "Show a hint"; }
    this.results.innerHTML = "";
    this.lastResult = null;
    Object.assign(this.progress, { responses: {}, checked: [], hints: {}, started: Date.now(), submitted: false });
    this.updateCount();
    this.items()[0]?.querySelector("input, select, button")?.focus();
  }

  /** Clear and re-open only the questions not fully right in the last results; keep the right ones. */
  retryMissed() {
    const missed = Object.entries(this.lastResult?.questions ?? {}).filter(([, q]) => !q.correct).map(([qid]) => qid);
    for (const qid of missed) {
      this.clearQuestion(this.item(qid));
      this.progress.responses[qid] = null;
    }
    this.progress.checked = this.progress.checked.filter((qid) => !missed.includes(qid));
    this.progress.submitted = false;
    this.results.innerHTML = "";
    this.lastResult = null;
    this.save(null);                                         // the whole value: un-submits and un-checks
    this.updateCount();
    addNotice(this.notice, `${missed.length} question${missed.length === 1 ? "" : "s"} cleared to try again; your right answers are kept.`);
    (missed.length ? this.item(missed[0]) : this.items()[0])?.querySelector("input, select, button")?.focus();
  }

  /** Take away a question's marks and the feedback that went with them. */
  dropFeedback(item) {
    if (!item.classList.contains("aw-has-marks")) return;
    clearMarks(item);
    item.querySelector(".aw-feedback").innerHTML = "";
  }

  /** An answer changed: keep it, and take away marks and feedback that were about the old one. */
  answerChanged(item) {
    const qid = item.dataset.questionId;
    this.progress.responses[qid] = readResponse(item);
    this.dropFeedback(item);
    this.save([qid]);
    this.updateCount();
  }

  onClick(event) {
    const button = event.target.closest("button");
    const link = event.target.closest("a.aw-review-link");
    if (link) this.focusQuestion(event, link);
    if (!button) return;
    const item = button.closest(".aw-question");
    if (button.classList.contains("aw-check")) this.check(item.dataset.questionId);
    else if (button.classList.contains("aw-hint")) this.revealHint(item.dataset.questionId);
    else if (button.classList.contains("aw-retry")) this.reset();
    else if (button.classList.contains("aw-retry-missed")) this.retryMissed();
    else if (button.classList.contains("aw-move")) {
      this.dropFeedback(item);                               // before the move notice takes the feedback's place
      if (moveOrderingItem(item, button)) this.answerChanged(item);
    }
  }

  /** A link in the results' review list: go to the question and put focus on its group (its
   *  legend is its name), not on an answer field, where the Enter that followed the link would
   *  submit the form. */
  focusQuestion(event, link) {
    const group = document.getElementById(decodeURIComponent(link.hash.slice(1)))?.querySelector("fieldset");
    if (!group) return;                                      // not on this page: the link does its job
    event.preventDefault();
    event.stopPropagation();                                 // Material's instant navigation would take it too
    history.replaceState(history.state, "", link.hash);
    group.tabIndex = -1;
    group.closest(".aw-question").scrollIntoView({ block: "start" });
    group.focus({ preventScroll: true });
  }

  /** Another tab of this quiz saved: show its answers here too (per question), so that what this
   *  tab shows is what is stored, and its next save adds to them. */
  onStorage(event) {
    if (event.key !== storeKey(this.moduleId) || event.newValue === null) return;
    let other;
    try { other = parseProgress(event.newValue); } catch { return; }
    if (other.layoutKey !== this.layoutKey) return;
    for (const qid of questionsChangedElsewhere(this.progress, other)) {
      const item = this.item(qid);
      if (!item) continue;
      this.progress.responses[qid] = other.responses[qid];
      writeResponse(item, other.responses[qid]);
      const checked = other.checked?.includes(qid) || this.progress.checked.includes(qid);
      if (checked && !this.progress.checked.includes(qid)) this.progress.checked.push(qid);
      if (this.link.mode === "practice" && checked) this.check(qid, false);
      else { clearMarks(item); item.querySelector(".aw-feedback").textContent = ""; }   // about the old answer
    }
    this.updateCount();
  }
}

/** Enter in an answer field (a radio button, a checkbox, a short-answer field) would submit the
 *  whole form (implicit submission: ending an exam, or revealing every answer in practice). Only
 *  the "See my results" button submits: Enter checks that one question in practice mode and does
 *  nothing in an exam. Buttons and selects keep their own Enter. */
function keepEnterInQuestion(event, page) {
  if (event.key !== "Enter" || !event.target.matches(".aw-question input:not([type=button], [type=submit], [type=reset])")) return;
  event.preventDefault();
  if (page.link.mode === "practice") page.check(event.target.closest(".aw-question").dataset.questionId);
}

export function mount(form, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const page = new QuizPage(form, py);
  form.addEventListener("click", (event) => page.onClick(event), { signal });
  const remember = (event) => {
    const item = event.target.closest(".aw-question");
    if (item) page.answerChanged(item);
  };
  form.addEventListener("change", remember, { signal });
  form.addEventListener("input", remember, { signal });
  form.addEventListener("keydown", (event) => keepEnterInQuestion(event, page), { signal });
  addEventListener("storage", (event) => page.onStorage(event), { signal });
  form.addEventListener("submit", (event) => { event.preventDefault(); page.submit(); }, { signal });
  return { unmount: () => controller.abort(), ready: page.ready };
}
