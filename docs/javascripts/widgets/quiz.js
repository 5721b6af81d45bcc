// A quiz module or single question — the page side. Python (widgets.quiz) lays out, grades and
// writes all feedback; this file only reads the form, shows what Python returns, and keeps
// progress in localStorage under one versioned key per module.
import { setTrustedHtml, showProblem, waitingNotice } from "./common.js";
import { readQuizLink } from "./link-params.js";
import { notSavedNotice, notSavedText, probeStorage, readItem, removeItem, writeItem } from "./storage.js";
import { recordQuizScore } from "../progress-store.js";

const ROOT = new URL("../../", import.meta.url);
const STORE_VERSION = 1;
const storeKey = (moduleId) => `alliance-quiz:v${STORE_VERSION}:${moduleId}`;

/** Add one sentence to the quiz's notice (a polite live region): several can be shown at once. */
function addNotice(notice, text) {
  notice.append(Object.assign(document.createElement("p"), { textContent: text }));
}

// Each reader sees options in an order of their own, as learning platforms do: a seed made once
// per browser and kept in localStorage (a fresh one per page view if storage is blocked). An
// assignment link's seed wins; Python (widgets/quiz/layout.py) does the shuffling.
const READER_SEED_KEY = "alliance-quiz:reader-seed";
let pageSeed = null;

function readerSeed() {
  const fresh = () => [...crypto.getRandomValues(new Uint32Array(2))].map((n) => n.toString(16)).join("");
  try {
    let value = localStorage.getItem(READER_SEED_KEY);
    if (!value) {
      value = fresh();
      localStorage.setItem(READER_SEED_KEY, value);
    }
    return value;
  } catch {
    return (pageSeed ??= fresh());
  }
}

/** Move an ordering question's row up or down with its button, keep focus on the button and say
 *  where the row went; false when it is already at that end. */
export function moveOrderingItem(item, button) {
  const row = button.closest(".aw-order-item");
  const list = row.parentElement;
  const up = button.dataset.move === "up";
  const sibling = up ? row.previousElementSibling : row.nextElementSibling;
  if (!sibling) return false;
  if (up) sibling.before(row); else sibling.after(row);
  item.dataset.moved = "yes";
  button.focus();
  const position = [...list.children].indexOf(row) + 1;
  item.querySelector(".aw-feedback").textContent = `Moved to position ${position} of ${list.children.length}.`;
  return true;
}

export function readResponse(li) {
  const type = li.dataset.type;
  const qid = li.dataset.questionId;
  if (type === "single" || type === "true_false") {
    return li.querySelector(`input[name="${CSS.escape(qid)}"]:checked`)?.value ?? null;
  }
  if (type === "multiple") {
    return [...li.querySelectorAll(`input[name="${CSS.escape(qid)}"]:checked`)].map((i) => i.value);
  }
  if (type === "matching") {
    const answer = {};
    for (const select of li.querySelectorAll("select[data-left]")) if (select.value) answer[select.dataset.left] = select.value;
    return answer;
  }
  if (type === "ordering") {
    // an order the learner never touched is no answer (the first order shown may be partly right)
    if (li.dataset.moved !== "yes") return null;
    return [...li.querySelectorAll(".aw-order-item")].map((item) => Number(item.dataset.item));
  }
  if (type === "short_answer") return li.querySelector("input[type=text]")?.value ?? "";
  return null;
}

function writeResponse(li, response) {
  const type = li.dataset.type;
  if (response == null) return;
  if (type === "single" || type === "true_false" || type === "multiple") {
    const chosen = new Set([].concat(response).map(String));
    for (const input of li.querySelectorAll("input")) input.checked = chosen.has(input.value);
  } else if (type === "matching") {
    for (const select of li.querySelectorAll("select[data-left]")) select.value = response[select.dataset.left] ?? "";
  } else if (type === "ordering") {
    const list = li.querySelector(".aw-ordering");
    const byIndex = new Map([...list.children].map((item) => [Number(item.dataset.item), item]));
    if (response.length === byIndex.size && response.every((i) => byIndex.has(i))) {
      for (const index of response) list.append(byIndex.get(index));
      li.dataset.moved = "yes";
    }
  } else if (type === "short_answer") {
    const input = li.querySelector("input[type=text]");
    if (input) input.value = response;
  }
}

/** Saved progress parsed and checked; throws on anything else. */
function parseProgress(raw) {
  const data = JSON.parse(raw);
  if (data?.version !== STORE_VERSION || typeof data.responses !== "object" || data.responses === null) {
    throw new Error("unexpected shape");
  }
  return data;
}

function loadProgress(moduleId, notice) {
  const { value: raw, problem } = readItem(storeKey(moduleId));
  if (problem || raw === null) return null;        // storage blocked: the storage notice says so
  try {
    return parseProgress(raw);
  } catch {
    removeItem(storeKey(moduleId));
    addNotice(notice, "Your saved progress for this quiz could not be read, so it was cleared. You can start again.");
    return null;
  }
}

// ---- Saving: two tabs, full or blocked storage (issue 14) ------------------------------------

/** Two tabs of one quiz share one stored value: write this tab's answers to `qids` (all of its
 *  progress when null) on top of what is stored now, so another tab's answers to other
 *  questions are kept. A stored value of another assignment link is replaced. */
function mergeProgress(stored, mine, qids) {
  if (!stored || stored.layoutKey !== mine.layoutKey || !qids) return mine;
  const out = { ...stored, responses: { ...stored.responses }, hints: { ...stored.hints }, checked: [...(stored.checked ?? [])] };
  for (const qid of qids) {
    if (qid in mine.responses) out.responses[qid] = mine.responses[qid];
    if (mine.hints[qid]) out.hints[qid] = Math.max(mine.hints[qid], out.hints[qid] ?? 0);
    if (mine.checked.includes(qid) && !out.checked.includes(qid)) out.checked.push(qid);
  }
  out.submitted = Boolean(stored.submitted || mine.submitted);
  out.started = Math.min(stored.started ?? mine.started, mine.started);
  return out;
}

/** Read, merge, write; null when saved, else the storage problem. */
function saveProgress(moduleId, progress, qids) {
  const key = storeKey(moduleId);
  let stored = null;
  try { stored = parseProgress(readItem(key).value); } catch { /* none, or unreadable: replaced */ }
  return writeItem(key, JSON.stringify(mergeProgress(stored, progress, qids)));
}

/** Questions whose answer, or checked state, another tab stored differently from this tab's. */
function questionsChangedElsewhere(mine, other) {
  const changed = Object.keys(other.responses)
    .filter((qid) => JSON.stringify(other.responses[qid]) !== JSON.stringify(mine.responses[qid]));
  const checked = (other.checked ?? []).filter((qid) => !mine.checked.includes(qid) && !changed.includes(qid));
  return [...changed, ...checked];
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
function storageNotice(notice, moduleId, progress, link) {
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

export function mount(form, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const moduleJson = JSON.parse(form.querySelector(".aw-quiz-data").dataset.json);
  const moduleId = form.dataset.moduleId;
  const notice = form.querySelector(".aw-quiz-notice");
  const results = form.querySelector(".aw-results");
  const { mode, n, seed, notices } = readQuizLink(location.search, moduleJson.questions.length);
  for (const text of notices) addNotice(notice, text);
  const layoutKey = `${mode}|${n ?? ""}|${seed ?? ""}`;
  const lessonBase = new URL("lessons/", ROOT).href;
  const items = () => [...form.querySelectorAll(".aw-question")].filter((li) => !li.hidden);
  const hintsOf = (qid) => moduleJson.questions.find((q) => q.id === qid)?.hints_html ?? [];

  let saved = loadProgress(moduleId, notice);
  if (saved && saved.layoutKey !== layoutKey) saved = null;     // a different assignment link: start fresh
  const progress = saved ?? { version: STORE_VERSION, layoutKey, responses: {}, checked: [], hints: {}, started: Date.now(), submitted: false };
  const showStorageProblem = storageNotice(notice, moduleId, progress, { mode, n, seed });
  const onLoad = probeStorage();
  if (onLoad?.kind === "blocked") showStorageProblem(onLoad);   // "full" is said when a save fails
  const save = (qids) => showStorageProblem(saveProgress(moduleId, progress, qids));

  form.classList.toggle("aw-mode-exam", mode === "exam");
  if (mode === "exam") {
    for (const el of form.querySelectorAll(".aw-check, .aw-hint")) el.hidden = true;
    addNotice(notice, "Exam mode: you will see feedback after you submit all your answers.");
  }

  const opened = py.setup("quiz", "open", { module: moduleJson });
  let startOrders = orderingRows(form);                      // ordering items as first shown, for "Try again"
  const ready = (async () => {
    await opened;
    const layout = await py.call("quiz", "layout", { module_id: moduleId, n, seed, reader_seed: seed ? null : readerSeed() });
    applyLayout(form, layout);
    startOrders = orderingRows(form);
    for (const li of form.querySelectorAll(".aw-question")) writeResponse(li, progress.responses[li.dataset.questionId]);
    for (const [qid, count] of Object.entries(progress.hints)) for (let i = 0; i < count; i++) revealHint(qid, false);
    if (mode === "practice") for (const qid of progress.checked) await check(qid, false);
    if (progress.submitted) await submit(false);
  })();
  ready.catch((error) => showProblem(results, error));

  function li(qid) { return form.querySelector(`.aw-question[data-question-id="${CSS.escape(qid)}"]`); }

  async function check(qid, record = true) {
    const item = li(qid);
    const box = item.querySelector(".aw-feedback");
    waitingNotice(box, py);
    try {
      await opened;
      const response = readResponse(item);
      progress.responses[qid] = response;
      const result = await py.call("quiz", "check", { module_id: moduleId, question_id: qid, response, lesson_base: lessonBase });
      setTrustedHtml(box, result.html);
      if (record && !progress.checked.includes(qid)) progress.checked.push(qid);
      save([qid]);
    } catch (error) {
      showProblem(box, error);
    }
  }

  function revealHint(qid, record = true) {
    const item = li(qid);
    const list = item.querySelector(".aw-hints");
    const button = item.querySelector(".aw-hint");
    const hints = hintsOf(qid);
    const shown = list.children.length;
    if (shown >= hints.length) return;
    const entry = document.createElement("li");
    setTrustedHtml(entry, hints[shown]);
    list.append(entry);
    list.hidden = false;
    if (record) { progress.hints[qid] = shown + 1; save([qid]); }
    if (button) {
      const left = hints.length - shown - 1;
      button.textContent = left ? `Show another hint (${left} left)` : "No more hints";
      if (left === 0 && record && document.activeElement === button) {
        entry.tabIndex = -1;                                 // the button is disabled next: keep focus here
        entry.focus();
      }
      button.disabled = left === 0;
    }
  }

  async function submit(record = true) {
    waitingNotice(results, py);
    try {
      await opened;
      const visible = items();
      const responses = {};
      for (const item of visible) responses[item.dataset.questionId] = readResponse(item);
      Object.assign(progress.responses, responses);
      const hintsUsed = Object.values(progress.hints).reduce((a, b) => a + b, 0);
      const result = await py.call("quiz", "submit", {
        module_id: moduleId, responses, question_ids: visible.map((i) => i.dataset.questionId),
        seconds: Math.round((Date.now() - progress.started) / 1000), hints_used: hintsUsed, lesson_base: lessonBase,
      });
      for (const [qid, graded] of Object.entries(result.questions)) setTrustedHtml(li(qid).querySelector(".aw-feedback"), graded.html);
      setTrustedHtml(results, result.html);               // includes a "Try again" button (.aw-retry)
      if (mode === "exam" && form.dataset.scope === "module") {
        showResultsCode(results, py, { module_id: moduleId, seed, n, responses, question_ids: visible.map((i) => i.dataset.questionId) });
      }
      progress.submitted = true;
      if (record) { save(visible.map((i) => i.dataset.questionId)); results.focus(); }
      if (record && form.dataset.scope === "module") recordQuizScore(moduleId, result);   // for My progress
    } catch (error) {
      showProblem(results, error);
    }
  }

  function reset() {
    removeItem(storeKey(moduleId));
    form.reset();
    for (const [list, rows] of startOrders) list.append(...rows);
    for (const item of form.querySelectorAll(".aw-question[data-moved]")) delete item.dataset.moved;
    for (const box of form.querySelectorAll(".aw-feedback")) box.innerHTML = "";
    for (const list of form.querySelectorAll(".aw-hints")) { list.innerHTML = ""; list.hidden = true; }
    for (const button of form.querySelectorAll(".aw-hint")) { button.disabled = false; button.textContent = "Show a hint"; }
    results.innerHTML = "";
    Object.assign(progress, { responses: {}, checked: [], hints: {}, started: Date.now(), submitted: false });
    items()[0]?.querySelector("input, select, button")?.focus();
  }

  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const item = button.closest(".aw-question");
    if (button.classList.contains("aw-check")) check(item.dataset.questionId);
    else if (button.classList.contains("aw-hint")) revealHint(item.dataset.questionId);
    else if (button.classList.contains("aw-retry")) reset();
    else if (button.classList.contains("aw-move") && moveOrderingItem(item, button)) {
      progress.responses[item.dataset.questionId] = readResponse(item);
      save([item.dataset.questionId]);
    }
  }, { signal });

  const remember = (event) => {
    const item = event.target.closest(".aw-question");
    if (!item) return;
    progress.responses[item.dataset.questionId] = readResponse(item);
    save([item.dataset.questionId]);
  };
  form.addEventListener("change", remember, { signal });
  form.addEventListener("input", remember, { signal });

  form.addEventListener("keydown", (event) => keepEnterInQuestion(event, mode, check), { signal });

  // Another tab of this quiz saved: show its answers here too (per question), so that what this
  // tab shows is what is stored, and its next save adds to them.
  addEventListener("storage", (event) => {
    if (event.key !== storeKey(moduleId) || event.newValue === null) return;
    let other;
    try { other = parseProgress(event.newValue); } catch { return; }
    if (other.layoutKey !== layoutKey) return;
    for (const qid of questionsChangedElsewhere(progress, other)) {
      const item = li(qid);
      if (!item) continue;
      progress.responses[qid] = other.responses[qid];
      writeResponse(item, other.responses[qid]);
      const checked = other.checked?.includes(qid) || progress.checked.includes(qid);
      if (checked && !progress.checked.includes(qid)) progress.checked.push(qid);
      if (mode === "practice" && checked) check(qid, false);
      else item.querySelector(".aw-feedback").textContent = "";     // feedback was about the old answer
    }
  }, { signal });

  form.addEventListener("submit", (event) => { event.preventDefault(); submit(); }, { signal });

  return { unmount: () => controller.abort(), ready };
}

/** Enter in an answer field (a radio button, a checkbox, a short-answer field) would submit the
 *  whole form (implicit submission: ending an exam, or revealing every answer in practice). Only
 *  the "See my results" button submits: Enter checks that one question in practice mode and does
 *  nothing in an exam. Buttons and selects keep their own Enter. */
function keepEnterInQuestion(event, mode, check) {
  if (event.key !== "Enter" || !event.target.matches(".aw-question input:not([type=button], [type=submit], [type=reset])")) return;
  event.preventDefault();
  if (mode === "practice") check(event.target.closest(".aw-question").dataset.questionId);
}

/** Each ordering list with its rows in their current order. */
function orderingRows(form) {
  return new Map([...form.querySelectorAll(".aw-ordering")].map((list) => [list, [...list.children]]));
}

/** Show only the questions of a reproducible subset, in its order, with its option order. */
function applyLayout(form, layout) {
  const list = form.querySelector(".aw-questions");
  const keep = new Set(layout.questions.map((q) => q.id));
  for (const li of list.querySelectorAll(".aw-question")) li.hidden = !keep.has(li.dataset.questionId);
  let shown = 0;                                               // a lesson may embed one question of a module
  layout.questions.forEach((q) => {
    const li = list.querySelector(`.aw-question[data-question-id="${CSS.escape(q.id)}"]`);
    if (!li) return;
    list.append(li);
    const number = li.querySelector(".aw-qnum");
    if (number) number.textContent = `Question ${++shown}`;
    const reorder = (container, selector, keyOf, keys) => {
      if (!container || !keys) return;
      const byKey = new Map([...container.querySelectorAll(selector)].map((el) => [keyOf(el), el]));
      for (const key of keys) if (byKey.has(String(key))) container.append(byKey.get(String(key)));
    };
    reorder(li.querySelector(".aw-options"), ".aw-option", (el) => el.querySelector("input").value, q.options);
    reorder(li.querySelector(".aw-ordering"), ".aw-order-item", (el) => el.dataset.item, q.items);
    if (q.choices) {
      for (const select of li.querySelectorAll("select[data-left]")) {
        const placeholder = select.querySelector("option[value='']");
        reorder(select, "option:not([value=''])", (el) => el.value, q.choices);
        if (placeholder) select.prepend(placeholder);
      }
    }
  });
}

// ---- Results code (exam mode; lecturer kit, issue 6) ----------------------------------------
// After an exam-mode submit, Python's "codes" widget (widgets/quiz/code_actions.py) turns the
// link's seed and count and the answers just graded into a short code the student hands in; the
// lecturers' page re-grades it. Shown at the end of the results, with a Copy button.

let codeBoxes = 0;

/** Append the attempt's results code (or why there is none) to the results area. */
async function showResultsCode(results, py, payload) {
  const id = `aw-code-${++codeBoxes}`;
  const box = document.createElement("section");
  box.className = "aw-code";
  box.setAttribute("aria-labelledby", `${id}-title`);
  const title = Object.assign(document.createElement("h3"), { id: `${id}-title`, textContent: "Your results code" });
  const body = Object.assign(document.createElement("div"), { className: "aw-code-help", textContent: "Making your results code…" });
  box.append(title, body);
  results.append(box);
  try {
    const { code } = await py.call("codes", "make_code", payload);
    const value = Object.assign(document.createElement("code"), { className: "aw-code-value", id: `${id}-value`, textContent: code });
    const copy = Object.assign(document.createElement("button"), { type: "button", className: "md-button aw-code-copy", textContent: "Copy code" });
    copy.setAttribute("aria-describedby", value.id);
    const status = Object.assign(document.createElement("span"), { className: "aw-code-status" });
    status.setAttribute("role", "status");
    const line = Object.assign(document.createElement("p"), { className: "aw-code-line" });
    line.append(value, " ", copy, " ", status);
    body.textContent = "Hand this code in as your lecturer asked (for example in your course's learning platform or "
      + "an email), with your name: it does not say who you are. It holds your answers, so your lecturer can "
      + "re-grade them; a code with a typo is rejected, so copy it rather than retype it.";
    box.insertBefore(line, body);
    copy.addEventListener("click", async () => {
      let copied = false;
      try { await navigator.clipboard.writeText(code); copied = true; } catch {
        const range = document.createRange();
        range.selectNodeContents(value);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        try { copied = document.execCommand("copy"); } catch { copied = false; }
      }
      status.textContent = "";
      setTimeout(() => { status.textContent = copied ? "Copied." : "Selected: press Ctrl+C (or ⌘C) to copy."; }, 50);
    });
  } catch (error) {
    showProblem(body, error);
  }
}
