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

/** Lines of a text (blank ones too), counted without splitting it: cheap for megabytes. */
export function countLines(text, limit = Infinity) {
  if (!text) return 0;
  const breaks = text.includes("\n") ? "\n" : "\r";
  let count = 1;
  for (let at = text.indexOf(breaks); at !== -1 && at < text.length - 1; at = text.indexOf(breaks, at + 1)) count += 1;
  return count;
}

/** Let the browser paint and handle input before the next chunk of work. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const ROWS_PER_CHUNK = 25;                           // rows added to the table per task: a few ms each
const ROWS_SHOWN = 200;                              // a longer table is slow to lay out: the CSV has every row
const MAX_FILE_BYTES = 5 * 1024 * 1024;

function mountGrader(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const modules = JSON.parse(root.querySelector(".aw-lk-modules-data").dataset.json);
  const versionsData = root.querySelector(".aw-lk-versions-data");
  const versions = versionsData ? JSON.parse(versionsData.dataset.json) : {};
  const text = root.querySelector(".aw-grader-text");
  const fileInput = root.querySelector(".aw-grader-file");
  const gradeButton = root.querySelector(".aw-grade");
  const csvButton = root.querySelector(".aw-grader-csv");
  const status = root.querySelector(".aw-grader-status");
  const results = root.querySelector(".aw-grader-results");
  const maxLines = Number(root.dataset.maxLines) || Infinity;
  let csv = "";
  let run = 0;                                       // a newer grading stops an older one's rendering

  function reset() {
    run += 1;
    results.replaceChildren();
    clearClassReport(root);
    csvButton.hidden = true;
    csv = "";
    return run;
  }

  function refuse(message) {
    reset();
    status.textContent = "";
    showProblem(results, { message });
    announce(status, message);
  }

  // A paste over the limit never reaches the box: a text box of 100,000 lines freezes the page
  // each time the browser lays it out. The limit is Python's (MAX_PAGE_LINES), written into the page.
  function refuseHugePaste(event) {
    const pasted = event.clipboardData?.getData("text/plain") ?? "";
    const lines = countLines(pasted, maxLines);
    if (lines <= maxLines) return;
    event.preventDefault();
    refuse(`That paste has more than ${maxLines.toLocaleString("en")} lines (${lines.toLocaleString("en")}); ` +
      "this page grades at most that many at a time, so nothing was pasted. Grade them in parts, or all at " +
      "once with the command python -m scripts.results FILE.");
  }

  /** Grade pasted lines (kind "lines": one line one row) or a CSV file's text (kind "csv"). */
  async function grade(input = text.value, kind = "lines", source = "") {
    const mine = reset();
    if (!input.trim()) {
      announce(status, kind === "csv" ? `${source} has no codes.` : "Paste at least one code first.");
      if (kind !== "csv") text.focus();
      return;
    }
    gradeButton.disabled = true;
    waitingNotice(status, py);
    try {
      const graded = await py.call("codes", "grade_codes",
        { text: input, kind, modules, versions, first_rows: ROWS_SHOWN });
      if (mine !== run) return;
      csv = graded.csv;
      csvButton.hidden = false;
      const total = graded.valid + graded.invalid;
      status.textContent = `Showing ${total} ${total === 1 ? "row" : "rows"}…`;
      await renderTable(Object.assign(graded.rows, { total }), mine);
      if (mine !== run) return;
      const where = total > ROWS_SHOWN ? `the first ${ROWS_SHOWN} are shown; Download CSV has all` : "see the reasons in the table";
      announce(status, `${source ? `${source}: ` : ""}${total} ${total === 1 ? "line" : "lines"} graded: ` +
        `${graded.valid} valid, ${graded.invalid} invalid${graded.invalid || total > ROWS_SHOWN ? ` (${where})` : ""}.`);
      await showClassReport(root, py, graded.codes, modules, versions);   // the item analysis, after the table
    } catch (error) {
      if (mine !== run) return;
      status.textContent = "";
      showProblem(results, error);
    } finally {
      gradeButton.disabled = false;
    }
  }

  async function gradeFile() {
    const file = fileInput.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      reset();
      announce(status, `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; this page grades files of up to ` +
        `${MAX_FILE_BYTES / 1048576} MB. Grade it in parts, or with the command python -m scripts.results.`);
      return;
    }
    let content;
    try {
      content = await file.text();
    } catch {
      reset();
      announce(status, `${file.name} could not be read; choose it again.`);
      return;
    }
    await grade(content, "csv", file.name);
  }

  function row(data, labelled) {
    const tr = document.createElement("tr");
    tr.className = data.valid ? "aw-grader-valid" : "aw-grader-invalid";
    tr.dataset.line = String(data.line);
    cell(tr, String(data.line));
    if (labelled) cell(tr, data.label || "");
    cell(tr, data.code || "(none)").className = "aw-grader-code";
    const result = cell(tr, "");
    result.className = "aw-grader-result";
    const verdict = document.createElement("strong");
    verdict.className = data.valid ? "aw-verdict-correct" : "aw-verdict-wrong";
    verdict.textContent = data.valid ? "valid" : "invalid";
    result.append(verdict);
    if (!data.valid) result.append(`: ${data.reason}`);
    const version = data.valid && data.current_version === false
      ? ` (earlier version ${data.version}${data.version_date ? ` of ${data.version_date}` : ""})` : "";
    cell(tr, data.valid ? `${data.module}${version}` : "—").className = "aw-grader-module";
    cell(tr, data.valid ? `${formatScore(data.score)} of ${data.max}` : "—").className = "aw-grader-score";
    cell(tr, data.valid ? `${data.percent}%` : "—").className = "aw-grader-percent";
    return tr;
  }

  /** The table of the first ROWS_SHOWN rows, added in chunks so that no task blocks the page. */
  async function renderTable(rows, mine) {
    const labelled = rows.some((r) => r.label);
    const total = rows.total ?? rows.length;
    const wrap = document.createElement("div");
    wrap.className = "aw-lk-table";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-labelledby", "aw-grader-caption");
    const tableEl = document.createElement("table");
    const caption = document.createElement("caption");
    caption.id = "aw-grader-caption";
    caption.textContent = total > ROWS_SHOWN
      ? `Graded results codes: the first ${ROWS_SHOWN} of ${total.toLocaleString("en")} rows ` +
        "(Download CSV for all of them)"
      : "Graded results codes";
    const head = document.createElement("tr");
    for (const name of ["Line", ...(labelled ? ["Label"] : []), "Code", "Result", "Module", "Score", "%"]) cell(head, name, "th");
    const thead = document.createElement("thead");
    thead.append(head);
    const body = document.createElement("tbody");
    tableEl.append(caption, thead, body);
    wrap.append(tableEl);
    results.append(wrap);
    const shown = rows.slice(0, ROWS_SHOWN);
    for (let start = 0; start < shown.length; start += ROWS_PER_CHUNK) {
      if (start) await nextTask();
      if (mine !== run) return;
      const chunk = document.createDocumentFragment();
      for (const data of shown.slice(start, start + ROWS_PER_CHUNK)) chunk.append(row(data, labelled));
      body.append(chunk);
    }
    wrap.dataset.complete = "true";
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

  gradeButton.addEventListener("click", () => grade(), { signal });
  fileInput?.addEventListener("change", gradeFile, { signal });
  text.addEventListener("paste", refuseHugePaste, { signal });
  csvButton.addEventListener("click", download, { signal });
  return { unmount: () => { run += 1; controller.abort(); }, grade };
}

const formatScore = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, ""));
