// The class report under the results-code grader on the lecturers' page (issue 18). The codes the
// grader found valid go to Python's "analysis" widget (widgets/quiz/report_actions.py), which
// computes the item analysis per module and version and answers with the report as escaped HTML;
// this module only asks and inserts. It is kept apart from the grader in lecturer.js on purpose:
// the report lives in its own box right after the grader (so it prints, while the grader's
// controls do not), and never touches the grader's results.
import { el, setTrustedHtml, showProblem } from "./common.js";

/** Remove the report of an earlier grading from the grader ``root``. */
export function clearClassReport(root) {
  const next = root.nextElementSibling;
  if (next?.classList.contains("aw-class-report")) next.remove();
}

/** Show the class report of the valid ``codes`` (every one the grader found valid, not only the
 * rows it shows) after the grader's results; never throws. */
export async function showClassReport(root, py, codes = [], modules, versions) {
  clearClassReport(root);
  if (!codes.length) return null;
  const status = el("p", { className: "aw-lk-status aw-class-report-status", role: "status",
    textContent: `Computing the class report of ${codes.length} ${codes.length === 1 ? "code" : "codes"}…` });
  const body = el("div", { className: "aw-class-report-body" });
  const box = el("div", { className: "aw-class-report" }, status, body);
  root.after(box);
  try {
    const report = await py.call("analysis", "class_report", { codes, modules, versions });
    if (!box.isConnected) return null;                 // graded again meanwhile
    setTrustedHtml(body, report.html);
    const modulesText = report.reports === 1 ? "1 module" : `${report.reports} modules or versions`;
    const definitions = el("a", { href: "#class-report", textContent: "Reading the class report" });
    status.replaceChildren(`Class report below: ${report.attempts} ${report.attempts === 1 ? "attempt" : "attempts"}, ` +
      `${modulesText}. What each figure means: `, definitions, ".");
    return report;
  } catch (error) {
    status.textContent = "";
    showProblem(body, error);
    return null;
  }
}
