// The results-code grader on the lecturers' page (data-part="grader"; HTML from
// scripts/lecturer_pages.py): codes pasted by the lecturer, or a CSV file, graded by Python's
// "codes" widget (widgets/quiz/code_actions.py) against the module JSON embedded in the page.
// The table of results is added in chunks; the class report follows it (class-report.js).
import { announce, download, el, showProblem, waitingNotice } from "./common.js";
import { clearClassReport, showClassReport } from "./class-report.js";

/** Let the browser paint and handle input before the next chunk of work. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const ROWS_PER_CHUNK = 25;                           // rows added to the table per task: a few ms each
const ROWS_SHOWN = 200;                              // a longer table is slow to lay out: the CSV has every row
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

/** Lines of a text (blank ones too), counted without splitting it: cheap for megabytes. */
export function countLines(text) {
  if (!text) return 0;
  const breaks = text.includes("\n") ? "\n" : "\r";
  let count = 1;
  for (let at = text.indexOf(breaks); at !== -1 && at < text.length - 1; at = text.indexOf(breaks, at + 1)) count += 1;
  return count;
}

/** The grader's controls, its data and its state (`run` grows with each grading: a newer one
 *  stops an older one's rendering; `csv` is what "Download CSV" saves). */
function graderOf(root, py) {
  const versionsData = root.querySelector(".aw-lk-versions-data");
  return {
    root, py,
    modules: JSON.parse(root.querySelector(".aw-lk-modules-data").dataset.json),
    versions: versionsData ? JSON.parse(versionsData.dataset.json) : {},
    text: root.querySelector(".aw-grader-text"),
    fileInput: root.querySelector(".aw-grader-file"),
    gradeButton: root.querySelector(".aw-grade"),
    csvButton: root.querySelector(".aw-grader-csv"),
    status: root.querySelector(".aw-grader-status"),
    results: root.querySelector(".aw-grader-results"),
    maxLines: Number(root.dataset.maxLines) || Infinity,
    csv: "",
    run: 0,
  };
}

/** Forget the last grading; returns the new grading's number. */
function reset(grader) {
  grader.run += 1;
  grader.results.replaceChildren();
  clearClassReport(grader.root);
  grader.csvButton.hidden = true;
  grader.csv = "";
  return grader.run;
}

function refuse(grader, message) {
  reset(grader);
  grader.status.textContent = "";
  showProblem(grader.results, { message });
  announce(grader.status, message);
}

// A paste over the limit never reaches the box: a text box of 100,000 lines freezes the page
// each time the browser lays it out. The limit is Python's (MAX_PAGE_LINES), written into the page.
function refuseHugePaste(grader, event) {
  const { maxLines } = grader;
  const pasted = event.clipboardData?.getData("text/plain") ?? "";
  const lines = countLines(pasted);
  if (lines <= maxLines) return;
  event.preventDefault();
  refuse(grader, `That paste has more than ${maxLines.toLocaleString("en")} lines (${lines.toLocaleString("en")}); ` +
    "this page grades at most that many at a time, so nothing was pasted. Grade them in parts, or all at " +
    "once with the command python -m scripts.results FILE.");
}

/** What the status line announces once the table is shown. */
function gradedSummary(graded, total, source) {
  const where = total > ROWS_SHOWN ? `the first ${ROWS_SHOWN} are shown; Download CSV has all` : "see the reasons in the table";
  return `${source ? `${source}: ` : ""}${plural(total, "line", "lines")} graded: ` +
    `${graded.valid} valid, ${graded.invalid} invalid${graded.invalid || total > ROWS_SHOWN ? ` (${where})` : ""}.`;
}

/** Grade pasted lines (kind "lines": one line one row) or a CSV file's text (kind "csv"). */
async function grade(grader, input = grader.text.value, kind = "lines", source = "") {
  const { py, status, results, gradeButton, modules, versions } = grader;
  const mine = reset(grader);
  if (!input.trim()) {
    announce(status, kind === "csv" ? `${source} has no codes.` : "Paste at least one code first.");
    if (kind !== "csv") grader.text.focus();
    return;
  }
  gradeButton.disabled = true;
  waitingNotice(status, py);
  try {
    const graded = await py.call("codes", "grade_codes", { text: input, kind, modules, versions, first_rows: ROWS_SHOWN });
    if (mine !== grader.run) return;
    grader.csv = graded.csv;
    grader.csvButton.hidden = false;
    const total = graded.valid + graded.invalid;
    status.textContent = `Showing ${plural(total, "row", "rows")}…`;
    await renderTable(grader, Object.assign(graded.rows, { total }), mine);
    if (mine !== grader.run) return;
    announce(status, gradedSummary(graded, total, source));
    await showClassReport(grader.root, py, graded.codes, modules, versions);   // the item analysis, after the table
  } catch (error) {
    if (mine !== grader.run) return;
    status.textContent = "";
    showProblem(results, error);
  } finally {
    gradeButton.disabled = false;
  }
}

async function gradeFile(grader) {
  const file = grader.fileInput.files?.[0];
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    reset(grader);
    announce(grader.status, `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; this page grades files of up to ` +
      `${MAX_FILE_BYTES / 1048576} MB. Grade it in parts, or with the command python -m scripts.results.`);
    return;
  }
  let content;
  try {
    content = await file.text();
  } catch {
    reset(grader);
    announce(grader.status, `${file.name} could not be read; choose it again.`);
    return;
  }
  await grade(grader, content, "csv", file.name);
}

/** One row of the results table. */
function resultRow(data, labelled) {
  const version = data.valid && data.current_version === false
    ? ` (earlier version ${data.version}${data.version_date ? ` of ${data.version_date}` : ""})` : "";
  const verdict = el("strong", { className: data.valid ? "aw-verdict-correct" : "aw-verdict-wrong",
    textContent: data.valid ? "valid" : "invalid" });
  const cell = (text, className) => el("td", { className, textContent: text });
  return el("tr", { className: data.valid ? "aw-grader-valid" : "aw-grader-invalid", "data-line": String(data.line) },
    cell(String(data.line)),
    labelled ? cell(data.label || "") : null,
    cell(data.code || "(none)", "aw-grader-code"),
    el("td", { className: "aw-grader-result" }, verdict, data.valid ? null : `: ${data.reason}`),
    cell(data.valid ? `${data.module}${version}` : "—", "aw-grader-module"),
    cell(data.valid ? `${data.score_text} of ${data.max}` : "—", "aw-grader-score"),
    cell(data.valid ? `${data.percent}%` : "—", "aw-grader-percent"));
}

/** The empty table (caption and header row) in its scrollable, labelled region. */
function emptyTable(total, labelled) {
  const caption = el("caption", { id: "aw-grader-caption", textContent: total > ROWS_SHOWN
    ? `Graded results codes: the first ${ROWS_SHOWN} of ${total.toLocaleString("en")} rows (Download CSV for all of them)`
    : "Graded results codes" });
  const names = ["Line", ...(labelled ? ["Label"] : []), "Code", "Result", "Module", "Score", "%"];
  const head = el("tr", {}, ...names.map((name) => el("th", { scope: "col", textContent: name })));
  const body = el("tbody");
  const wrap = el("div", { className: "aw-lk-table", tabIndex: 0, role: "region", "aria-labelledby": "aw-grader-caption" },
    el("table", {}, caption, el("thead", {}, head), body));
  return { wrap, body };
}

/** The table of the first ROWS_SHOWN rows, added in chunks so that no task blocks the page. */
async function renderTable(grader, rows, mine) {
  const labelled = rows.some((r) => r.label);
  const { wrap, body } = emptyTable(rows.total ?? rows.length, labelled);
  grader.results.append(wrap);
  const shown = rows.slice(0, ROWS_SHOWN);
  for (let start = 0; start < shown.length; start += ROWS_PER_CHUNK) {
    if (start) await nextTask();
    if (mine !== grader.run) return;
    const chunk = document.createDocumentFragment();
    for (const data of shown.slice(start, start + ROWS_PER_CHUNK)) chunk.append(resultRow(data, labelled));
    body.append(chunk);
  }
  wrap.dataset.complete = "true";
}

function downloadCsv(grader) {
  if (!grader.csv) return;
  download(grader.csv, `results-codes-${new Date().toISOString().slice(0, 10)}.csv`, "text/csv;charset=utf-8", { bom: true });
}

export function mountGrader(root, py) {
  const controller = new AbortController();
  const { signal } = controller;
  const grader = graderOf(root, py);
  grader.gradeButton.addEventListener("click", () => grade(grader), { signal });
  grader.fileInput?.addEventListener("change", () => gradeFile(grader), { signal });
  grader.text.addEventListener("paste", (event) => refuseHugePaste(grader, event), { signal });
  grader.csvButton.addEventListener("click", () => downloadCsv(grader), { signal });
  return { unmount: () => { grader.run += 1; controller.abort(); }, grade: (...args) => grade(grader, ...args) };
}
