// In-place marks after "Check answer" (practice) or "See my results" (exam): each chosen option
// gets ✓ or ✗ with words, each correct option not chosen is marked "Correct answer", each option's
// own feedback sits under it; matching pairs, ordering rows and a short answer are marked per row.
// Python (widgets/quiz/marks.py) decides every mark and its words; this file only places them.
// The words are part of the option's label (its accessible name) or describe the control.
import { setTrustedHtml } from "./common.js";

let added = 0;
const ICON = { right: "success", wrong: "failure", missed: "success" };

/** <span class="aw-mark"> with an icon (hidden from screen readers) and the mark's words. */
function markElement(mark, rowLike) {
  const element = Object.assign(document.createElement("span"), { className: `aw-mark aw-mark--${mark.kind} aw-mark-added` });
  const icon = Object.assign(document.createElement("span"), { className: "aw-mark-icon" });
  icon.dataset.icon = rowLike && mark.kind === "missed" ? "warning" : ICON[mark.kind];
  icon.setAttribute("aria-hidden", "true");
  element.append(icon, Object.assign(document.createElement("span"), { className: "aw-mark-text", textContent: mark.text }));
  return element;
}

/** The mark's detail and the author's feedback for it, in a block with an id (or null if none). */
function noteElement(mark) {
  if (!mark.detail && !mark.feedback_html) return null;
  const note = Object.assign(document.createElement("div"), { className: `aw-mark-note aw-mark-note--${mark.kind} aw-mark-added`, id: `aw-mark-${++added}` });
  if (mark.detail) note.append(Object.assign(document.createElement("p"), { className: "aw-mark-detail", textContent: mark.detail }));
  if (mark.feedback_html) {
    const feedback = Object.assign(document.createElement("div"), { className: "aw-mark-feedback" });
    setTrustedHtml(feedback, mark.feedback_html);
    note.append(feedback);
  }
  return note;
}

function describe(controls, note) {
  if (!note) return;
  for (const control of controls) {
    control.setAttribute("aria-describedby", note.id);
    control.dataset.awDescribed = "yes";
  }
}

/** Where one mark goes: the box that is coloured, where the words go, where the note goes, and
 *  the controls the note describes. */
function target(item, type, key) {
  if (type === "single" || type === "multiple" || type === "true_false") {
    const input = item.querySelector(`input[value="${CSS.escape(key)}"]`);
    const label = input?.closest(".aw-option");
    return label && { box: label, words: label, after: label, controls: [input] };
  }
  if (type === "matching") {
    const select = item.querySelector(`select[data-left="${CSS.escape(key)}"]`);
    const pair = select?.closest(".aw-pair");
    return pair && { box: pair, words: pair.querySelector("label") ?? pair, inside: pair, controls: [select], rowLike: true };
  }
  if (type === "ordering") {
    const row = item.querySelectorAll(".aw-order-item")[Number(key)];
    const text = row?.querySelector(".aw-order-text") ?? row;
    return row && { box: row, words: text, inside: text, controls: [...row.querySelectorAll("button")], rowLike: true };
  }
  const input = item.querySelector("input[type=text]");
  return input && { box: input.parentElement, words: null, after: input, controls: [input], rowLike: true, own: true };
}

/** Mark one question in place (after clearing any marks it had). */
export function applyMarks(item, reply) {
  clearMarks(item);
  for (const mark of reply?.marks ?? []) {
    const place = target(item, reply.type, mark.key);
    if (!place) continue;
    const element = markElement(mark, place.rowLike);
    const note = noteElement(mark);
    if (place.own) {                                       // short answer: one block under the field
      const block = Object.assign(document.createElement("div"), { className: `aw-marked aw-marked--${mark.kind} aw-mark-added aw-mark-block`, id: `aw-mark-${++added}` });
      block.append(element);
      if (note) block.append(note);
      place.after.after(block);
      describe(place.controls, block);
      continue;
    }
    place.box.classList.add("aw-marked", `aw-marked--${mark.kind}`);
    place.words.append(element);
    if (note) (place.inside ? place.inside.append(note) : place.after.after(note));
    describe(place.controls, note);
  }
  item.classList.add("aw-has-marks");
}

/** Remove one question's marks (its answer changed, or the reader tries again). */
export function clearMarks(item) {
  if (!item.classList.contains("aw-has-marks")) return;
  for (const element of item.querySelectorAll(".aw-mark-added")) element.remove();
  for (const box of item.querySelectorAll(".aw-marked")) box.classList.remove("aw-marked", "aw-marked--right", "aw-marked--wrong", "aw-marked--missed");
  for (const control of item.querySelectorAll("[data-aw-described]")) {
    control.removeAttribute("aria-describedby");
    delete control.dataset.awDescribed;
  }
  item.classList.remove("aw-has-marks");
}
