// The assignment-link builder on the lecturers' page (data-part="links"; HTML from
// scripts/lecturer_pages.py). Plain DOM, no Python: it writes the quiz link
// (?n=&seed=&mode=&embed=) that quiz.js reads, so the same link gives the same questions.
import { announce, copyText } from "./common.js";

function randomSeed() {
  const [value] = crypto.getRandomValues(new Uint32Array(1));
  return String(100000 + (value % 900000));          // six digits: short in links and in results codes
}

const escapeAttribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The builder's controls, found once. */
function builderFields(form) {
  const $ = (selector) => form.querySelector(selector);
  return {
    form,
    select: $("#aw-lb-module"),
    count: $("#aw-lb-n"),
    seed: $("#aw-lb-seed"),
    output: $("#aw-lb-url"),
    copyButtons: [...form.querySelectorAll(".aw-lb-copy")],
    preview: $(".aw-lb-preview"),
    iframeBox: $(".aw-lb-iframe-box"),
    iframeCode: $("#aw-lb-iframe"),
    status: $(".aw-lb-status"),
    help: $("#aw-lb-n-help"),
  };
}

/** The number of questions asked for, or null (with the reason shown under the field). */
function questionCount({ count, help }, max) {
  const text = count.value.trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) {
    count.setAttribute("aria-invalid", "true");
    help.textContent = `Enter a whole number from 1 to ${max}.`;
    help.classList.add("aw-verdict-wrong");
    return null;
  }
  count.removeAttribute("aria-invalid");
  help.classList.remove("aw-verdict-wrong");
  help.textContent = `From 1 to ${max} (all the module's questions).`;
  return n;
}

/** The quiz link for the form's choices, or null (with the reason shown) when a choice is invalid. */
export function quizLink(fields) {
  const { form, select, seed } = fields;
  const option = select.selectedOptions[0];
  const max = Number(option.dataset.count);
  const n = questionCount(fields, max);
  if (n === null) return null;
  const url = new URL(option.dataset.href, location.href);
  const params = new URLSearchParams();
  if (n < max) params.set("n", String(n));
  if (seed.value.trim()) params.set("seed", seed.value.trim());
  if (form.elements.mode.value === "exam") params.set("mode", "exam");
  if (form.elements.embed.checked) params.set("embed", "1");
  url.search = params.toString();
  url.hash = "";
  return { href: url.href, title: option.dataset.title };
}

/** Show the link (and the <iframe> code when embedding) for the form's current choices. */
function showLink(fields) {
  const { form, output, copyButtons, preview, iframeBox, iframeCode } = fields;
  const made = quizLink(fields);
  output.value = made ? made.href : "";
  for (const button of copyButtons) button.disabled = !made;
  preview.hidden = !made;
  if (made) preview.href = made.href;
  const embed = form.elements.embed.checked;
  iframeBox.hidden = !embed || !made;
  iframeCode.value = made && embed
    ? `<iframe src="${escapeAttribute(made.href)}" title="Quiz: ${escapeAttribute(made.title)}" ` +
      `width="100%" height="900" style="border: 0;" loading="lazy"></iframe>`
    : "";
}

/** Another module: its question count becomes the maximum, and the default if the count was. */
function moduleChanged(fields) {
  const { select, count } = fields;
  const max = Number(select.selectedOptions[0].dataset.count);
  count.max = String(max);
  const current = Number(count.value);
  if (!(current >= 1) || current > max || current === Number(count.dataset.previousMax)) count.value = String(max);
  count.dataset.previousMax = String(max);
  showLink(fields);
}

/** "New seed" and the copy buttons. */
function buttonClicked(fields, event) {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.classList.contains("aw-lb-new-seed")) {
    fields.seed.value = randomSeed();
    showLink(fields);
    announce(fields.status, `New seed: ${fields.seed.value}.`);
  } else if (button.classList.contains("aw-lb-copy")) {
    const field = fields.form.querySelector(`#${button.dataset.copy}`);
    if (field.value) copyText(field.value, field, fields.status);
  }
}

export function mountLinkBuilder(form) {
  const controller = new AbortController();
  const { signal } = controller;
  const fields = builderFields(form);
  if (!fields.seed.value) fields.seed.value = randomSeed();
  const update = () => showLink(fields);
  fields.select.addEventListener("change", () => moduleChanged(fields), { signal });
  fields.count.dataset.previousMax = fields.count.max;
  form.addEventListener("input", update, { signal });
  form.addEventListener("change", update, { signal });
  form.addEventListener("submit", (event) => event.preventDefault(), { signal });   // Enter must not leave the page
  form.addEventListener("click", (event) => buttonClicked(fields, event), { signal });
  update();
  return { unmount: () => controller.abort(), link: () => quizLink(fields) };
}
