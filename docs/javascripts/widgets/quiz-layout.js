// Which questions a reader sees, in which order, with which option order. Python
// (widgets/quiz/layout.py) decides; this file applies its answer to the form the build rendered.
import { READER_SEED_KEY } from "../constants.js";
import { readItem, writeItem } from "./storage.js";

// Each reader sees options in an order of their own, as learning platforms do: a seed made once
// per browser and kept in localStorage (a fresh one per page view if storage is blocked). An
// assignment link's seed wins.
let pageSeed = null;

export function readerSeed() {
  const stored = readItem(READER_SEED_KEY).value;
  if (stored) return stored;
  pageSeed ??= [...crypto.getRandomValues(new Uint32Array(2))].map((n) => n.toString(16)).join("");
  writeItem(READER_SEED_KEY, pageSeed);           // kept for later visits when storage allows
  return pageSeed;
}

/** Put the children of `container` matching `selector` in the order of `keys`. */
function reorder(container, selector, keyOf, keys) {
  if (!container || !keys) return;
  const byKey = new Map([...container.querySelectorAll(selector)].map((el) => [keyOf(el), el]));
  for (const key of keys) if (byKey.has(String(key))) container.append(byKey.get(String(key)));
}

function orderQuestion(li, q) {
  reorder(li.querySelector(".aw-options"), ".aw-option", (el) => el.querySelector("input").value, q.options);
  reorder(li.querySelector(".aw-ordering"), ".aw-order-item", (el) => el.dataset.item, q.items);
  if (!q.choices) return;
  for (const select of li.querySelectorAll("select[data-left]")) {
    const placeholder = select.querySelector("option[value='']");
    reorder(select, "option:not([value=''])", (el) => el.value, q.choices);
    if (placeholder) select.prepend(placeholder);
  }
}

/** Show only the questions of a reproducible subset, in its order, with its option order. */
export function applyLayout(form, layout) {
  const list = form.querySelector(".aw-questions");
  const keep = new Set(layout.questions.map((q) => q.id));
  for (const li of list.querySelectorAll(".aw-question")) li.hidden = !keep.has(li.dataset.questionId);
  let shown = 0;                                               // a lesson may embed one question of a module
  for (const q of layout.questions) {
    const li = list.querySelector(`.aw-question[data-question-id="${CSS.escape(q.id)}"]`);
    if (!li) continue;
    list.append(li);
    const number = li.querySelector(".aw-qnum");
    if (number) number.textContent = `Question ${++shown}`;
    orderQuestion(li, q);
  }
}
