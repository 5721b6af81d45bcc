"""Results-code actions for the page: JSON-shaped dict in, JSON-shaped dict out (like
``widgets.quiz.actions``; registered as the "codes" widget by ``widgets.runtime``).

- ``make_code``: ``{"module": <module JSON>} or {"module_id": <a module opened by the quiz
  widget>}, "seed", "n", "responses"`` (and optionally ``"question_ids"``, the questions shown,
  checked against what the seed selects) -> ``{"code", "module_id", "seed", "n"}``.
- ``grade_codes``: ``{"text": pasted codes, one a line (cells allowed), or a CSV file's text;
  "kind": "lines" (default) or "csv"; "modules": {id: module JSON}}``
  -> ``{"rows": [...], "csv": text, "valid": count, "invalid": count}``. How text becomes rows
  (one line one row; the code column; labels) is ``widgets.quiz.code_input``. Every non-blank
  line gets a row: a line that is not a valid code is reported with its line number and the
  reason, never with a score.

Bad input raises ``ValueError`` with a message the page can show.
"""

from __future__ import annotations

from typing import Any, Callable

from .code_input import Entry, read_entries
from .codes import as_modules, encode_attempt, regrade
from .layout import select_questions
from .model import Module
from ..spreadsheet_csv import write_csv

CSV_COLUMNS = ("line", "label", "code", "valid", "module", "seed", "questions", "score", "max", "percent", "reason")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def _module_for(payload: dict[str, Any]) -> Module:
    data = payload.get("module")
    if isinstance(data, dict):
        return Module.from_json(data)
    module_id = payload.get("module_id")
    from .actions import MODULES  # modules the quiz widget opened in this worker

    if isinstance(module_id, str) and module_id in MODULES:
        return MODULES[module_id]
    raise ValueError("'make_code' needs {'module': <module JSON>} or the 'module_id' of a module opened with 'open'")


def make_code(payload: dict[str, Any]) -> dict[str, Any]:
    module = _module_for(payload)
    n = payload.get("n")
    if isinstance(n, str):
        if not n.strip().isdigit():
            raise ValueError(f"'n' must be a whole number of questions, got {n!r}")
        n = int(n)
    seed = payload.get("seed")
    seed = None if seed in (None, "") else str(seed)
    responses = payload.get("responses") or {}
    if not isinstance(responses, dict):
        raise ValueError("'responses' must map question ids to responses")
    shown = payload.get("question_ids")
    if shown is not None:
        selected = [lay.question_id for lay in select_questions(module, n, seed)]
        if list(shown) != selected:
            raise ValueError("the questions shown are not the ones this module, seed and count select; "
                             "reload the quiz from its link")
    code = encode_attempt(module, seed, n, responses)
    return {"code": code, "module_id": module.id, "seed": seed, "n": len(select_questions(module, n, seed))}


def grade_entries(entries: list[Entry], modules: dict[str, Module]) -> list[dict[str, Any]]:
    rows = []
    for entry in entries:
        row: dict[str, Any] = {"line": entry.line, "code": entry.code}
        if entry.label:
            row["label"] = entry.label
        if entry.problem:
            row.update(valid=False, reason=entry.problem)
        elif not entry.code:
            row.update(valid=False, reason="no code in this row")
        else:
            result = regrade(modules, entry.code)
            if not result.valid or result.attempt is None or result.result is None:
                row.update(valid=False, reason=result.reason)
            else:
                row.update(valid=True, module=result.attempt.module_id, seed=result.attempt.seed,
                           questions=result.attempt.n, score=result.result.total, max=result.result.max,
                           percent=result.result.percent)
        rows.append(row)
    return rows


def rows_csv(rows: list[dict[str, Any]]) -> str:
    """The graded rows as CSV; cells a spreadsheet would run are neutralised (``spreadsheet_csv``)."""
    body = []
    for row in rows:
        values = dict(row, valid="yes" if row["valid"] else "no")
        if "score" in values:
            values["score"] = _number(values["score"])
        body.append([values.get(c) for c in CSV_COLUMNS])
    return write_csv(CSV_COLUMNS, body)


def grade_text(text: str, modules: Any, kind: str = "lines") -> dict[str, Any]:
    """Grade pasted codes (``kind="lines"``) or a CSV file's text (``kind="csv"``) against
    ``modules`` (see ``codes.as_modules``): rows, CSV and counts."""
    if not isinstance(text, str):
        raise ValueError("'text' must be the pasted codes")
    rows = grade_entries(read_entries(text, kind), as_modules(modules))
    valid = sum(r["valid"] for r in rows)
    return {"rows": rows, "csv": rows_csv(rows), "valid": valid, "invalid": len(rows) - valid}


def grade_codes(payload: dict[str, Any]) -> dict[str, Any]:
    modules = payload.get("modules")
    if modules is None:
        from .actions import MODULES

        modules = MODULES
    if not isinstance(modules, dict) or not modules:
        raise ValueError("'grade_codes' needs {'modules': {id: <module JSON>}} (or modules opened with 'open')")
    try:
        known = as_modules(modules)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"a module in 'modules' is not valid module JSON: {exc}") from None
    return grade_text(payload.get("text") or "", known, payload.get("kind") or "lines")


ACTIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "make_code": make_code,
    "grade_codes": grade_codes,
}
