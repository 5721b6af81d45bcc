// The lecturers' page (docs/lecturers/index.md; HTML from scripts/lecturer_pages.py):
// - data-part="links": the assignment-link builder (link-builder.js; no Python).
// - data-part="grader": the results-code grader (grader.js), graded by Python's "codes" widget.
import { mountGrader } from "./grader.js";
import { mountLinkBuilder } from "./link-builder.js";

export function mount(element, py) {
  if (element.dataset.part === "links") return mountLinkBuilder(element);
  if (element.dataset.part === "grader") return mountGrader(element, py);
  throw new Error(`unknown part of the lecturers' page: ${element.dataset.part}`);
}
