// The lecturers' page (docs/lecturers/index.md; HTML from scripts/lecturer_pages.py):
// - data-part="links": the assignment-link builder. Plain DOM, no Python: it writes the quiz link
//   (?n=&seed=&mode=&embed=) that quiz.js reads, so the same link gives the same questions.
// - data-part="grader": results codes pasted by the lecturer, graded by Python's "codes" widget
//   (widgets/quiz/code_actions.py) against the module JSON embedded in the page.
import { showProblem, waitingNotice } from "./common.js";
import { clearClassReport, showClassReport } from "./class-report.js";

export function mount(element, py) {
  if (element.dataset.part === "links") return mountLinkBuilder(element);
  if (element.dataset.part === "grader") return mountGrader(element, py);
  throw new Error(`unknown part of the lecturers' page: ${element.dataset.part}`);
}

/** Copy text to the clipboard; if the browser refuses, select it so Ctrl+C copies it. */
export async function copyText(text, field, status) {
  let copied = false;
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    field.focus();
    field.select();
    try { copied = document.execCommand("copy"); } catch { copied = false; }
  }
  announce(status, copied ? "Copied." : "Selected: press Ctrl+C (or ⌘C on a Mac) to copy.");
  return copied;
}

/** Set a live region's text so that it is announced again even when it is the same text. */
function announce(status, text) {
  status.textContent = "";
  setTimeout(() => { status.textContent = text; }, 50);
}

function randomSeed() {
  const [value] = crypto.getRandomValues(new Uint32Array(1));
  return String(100000 + (value % 900000));          // six digits: short in links and in results codes
}

const escapeAttribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function mountLinkBuilder(form) {
  const controller = new AbortController();
  const { signal } = controller;
  const $ = (selector) => form.querySelector(selector);
  const select = $("#aw-lb-module");
  const count = $("#aw-lb-n");
  const seed = $("#aw-lb-seed");
  const output = $("#aw-lb-url");
  const copyButtons = [...form.querySelectorAll(".aw-lb-copy")];
  const preview = $(".aw-lb-preview");
  const iframeBox = $(".aw-lb-iframe-box");
  const iframeCode = $("#aw-lb-iframe");
  const status = $(".aw-lb-status");
  const help = $("#aw-lb-n-help");
  const helpText = () => `From 1 to ${select.selectedOptions[0].dataset.count} (all the module's questions).`;

  if (!seed.value) seed.value = randomSeed();

  /** The quiz link for the form's choices, or null (with the reason shown) when a choice is invalid. */
  function link() {
    const option = select.selectedOptions[0];
    const max = Number(option.dataset.count);
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
    help.textContent = helpText();
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

  function update() {
    const made = link();
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

  select.addEventListener("change", () => {
    const max = Number(select.selectedOptions[0].dataset.count);
    count.max = String(max);
    const current = Number(count.value);
    if (!(current >= 1) || current > max || current === Number(count.dataset.previousMax)) count.value = String(max);
    count.dataset.previousMax = String(max);
    update();
  }, { signal });
  count.dataset.previousMax = count.max;
  form.addEventListener("input", update, { signal });
  form.addEventListener("change", update, { signal });
  form.addEventListener("submit", (event) => event.preventDefault(), { signal });   // Enter must not leave the page
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.classList.contains("aw-lb-new-seed")) {
      seed.value = randomSeed();
      update();
      announce(status, `New seed: ${seed.value}.`);
    } else if (button.classList.contains("aw-lb-copy")) {
      const field = form.querySelector(`#${button.dataset.copy}`);
      if (field.value) copyText(field.value, field, status);
    }
  }, { signal });

  update();
  return { unmount: () => controller.abort(), link };
}

function cell(row, text, tag = "td") {
  const element = document.createElement(tag);
  element.textContent = text;
  if (tag === "th") element.scope = "col";
  row.append(element);
  return element;
}

function mountGrader(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const modules = JSON.parse(root.querySelector(".aw-lk-modules-data").dataset.json);
  const text = root.querySelector(".aw-grader-text");
  const gradeButton = root.querySelector(".aw-grade");
  const csvButton = root.querySelector(".aw-grader-csv");
  const status = root.querySelector(".aw-grader-status");
  const results = root.querySelector(".aw-grader-results");
  let csv = "";

  async function grade() {
    results.replaceChildren();
    clearClassReport(root);
    csvButton.hidden = true;
    csv = "";
    if (!text.value.trim()) {
      announce(status, "Paste at least one code first.");
      text.focus();
      return;
    }
    gradeButton.disabled = true;
    waitingNotice(status, py);
    try {
      const graded = await py.call("codes", "grade_codes", { text: text.value, modules });
      csv = graded.csv;
      results.append(table(graded.rows));
      csvButton.hidden = false;
      const total = graded.valid + graded.invalid;
      announce(status, `${total} ${total === 1 ? "line" : "lines"} graded: ${graded.valid} valid, ` +
        `${graded.invalid} invalid${graded.invalid ? " (see the reasons in the table)" : ""}.`);
      await showClassReport(root, py, graded.rows, modules);   // the item analysis, after the table
    } catch (error) {
      status.textContent = "";
      showProblem(results, error);
    } finally {
      gradeButton.disabled = false;
    }
  }

  function table(rows) {
    const labelled = rows.some((row) => row.label);
    const wrap = document.createElement("div");
    wrap.className = "aw-lk-table";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-labelledby", "aw-grader-caption");
    const tableEl = document.createElement("table");
    const caption = document.createElement("caption");
    caption.id = "aw-grader-caption";
    caption.textContent = "Graded results codes";
    const head = document.createElement("tr");
    for (const name of ["Line", ...(labelled ? ["Label"] : []), "Code", "Result", "Module", "Score", "%"]) cell(head, name, "th");
    const body = document.createElement("tbody");
    for (const row of rows) {
      const tr = document.createElement("tr");
      tr.className = row.valid ? "aw-grader-valid" : "aw-grader-invalid";
      tr.dataset.line = String(row.line);
      cell(tr, String(row.line));
      if (labelled) cell(tr, row.label || "");
      cell(tr, row.code || "(none)").className = "aw-grader-code";
      const result = cell(tr, "");
      result.className = "aw-grader-result";
      const verdict = document.createElement("strong");
      verdict.className = row.valid ? "aw-verdict-correct" : "aw-verdict-wrong";
      verdict.textContent = row.valid ? "valid" : "invalid";
      result.append(verdict);
      if (!row.valid) result.append(`: ${row.reason}`);
      cell(tr, row.valid ? row.module : "—");
      cell(tr, row.valid ? `${formatScore(row.score)} of ${row.max}` : "—").className = "aw-grader-score";
      cell(tr, row.valid ? `${row.percent}%` : "—").className = "aw-grader-percent";
      body.append(tr);
    }
    const thead = document.createElement("thead");
    thead.append(head);
    tableEl.append(caption, thead, body);
    wrap.append(tableEl);
    return wrap;
  }

  function download() {
    if (!csv) return;
    const blob = new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" });   // BOM: spreadsheets read UTF-8
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `results-codes-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  gradeButton.addEventListener("click", grade, { signal });
  csvButton.addEventListener("click", download, { signal });
  return { unmount: () => controller.abort(), grade };
}

const formatScore = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, ""));
