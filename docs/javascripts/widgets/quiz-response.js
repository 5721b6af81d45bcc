// A quiz question's answer as the page holds it: read it from the form, put a saved one back,
// move an ordering row. Shared by the quiz (quiz.js) and the review page (review.js).

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

/** The response Python grades (see widgets/quiz/grading.py for each type's shape). */
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

/** Whether a response is an answer (Python's rule: none, blank text, [] or {} is no answer). */
export function hasAnswer(response) {
  if (response == null) return false;
  if (typeof response === "string") return response.trim() !== "";
  if (Array.isArray(response)) return response.length > 0;
  return Object.values(response).some((value) => value !== "" && value != null);
}

/** Put a saved response back into the form. */
export function writeResponse(li, response) {
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

/** Clear one question's answer (its ordering rows back to `rows`, the order first shown). */
export function clearResponse(li, rows) {
  for (const input of li.querySelectorAll("input")) {
    if (input.type === "text") input.value = ""; else input.checked = false;
  }
  for (const select of li.querySelectorAll("select")) select.value = "";
  if (rows) li.querySelector(".aw-ordering")?.append(...rows);
  delete li.dataset.moved;
}

/** Each ordering list with its rows in their current order. */
export function orderingRows(root) {
  return new Map([...root.querySelectorAll(".aw-ordering")].map((list) => [list, [...list.children]]));
}
