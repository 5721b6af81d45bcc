"""Results-code actions for the page: JSON-shaped dict in, JSON-shaped dict out (like
``widgets.quiz.actions``; registered as the "codes" widget by ``widgets.runtime``).

- ``make_code``: ``{"module": <module JSON>} or {"module_id": <a module opened by the quiz
  widget>}, "seed", "n", "responses"`` (and optionally ``"question_ids"``, the questions shown,
  checked against what the seed selects) -> ``{"code", "module_id", "seed", "n"}``.
- ``grade_codes``: ``{"text": pasted codes, one a line, or a CSV; "modules": {id: module JSON}}``
  -> ``{"rows": [...], "csv": text, "valid": count, "invalid": count}``. From a CSV, the column
  whose cells look most like codes is used (a first row that does not is taken as its header),
  and the row's other cells become its ``label``. Every non-blank line gets a row: a line that is
  not a valid code is reported with its line number and the reason, never with a score.

Bad input raises ``ValueError`` with a message the page can show.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Callable

from .codes import InvalidCode, as_modules, checksum_ok, encode_attempt, normalise_code, regrade
from .layout import select_questions
from .model import Module

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


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of pasted input: its number (1-based), the code text and, from a CSV, the other cells."""

    line: int
    code: str
    label: str = ""


def _looks_like_code(text: str) -> bool:
    try:
        return len(normalise_code(text)) >= 13
    except InvalidCode:
        return False


def read_entries(text: str) -> list[Entry]:
    """The codes of pasted text: one per non-blank line, or a CSV's code column."""
    lines = text.splitlines()
    if not any(sep in line for line in lines for sep in (",", ";", "\t")):
        return [Entry(i, line.strip()) for i, line in enumerate(lines, start=1) if line.strip()]
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            rows.append((start, [cell.strip() for cell in row]))
        start = reader.line_num + 1
    if not rows:
        return []
    width = max(len(r) for _, r in rows)

    def score(col: int) -> tuple[int, int]:
        cells = [r[col] for _, r in rows if col < len(r)]
        return sum(checksum_ok(c) for c in cells), sum(_looks_like_code(c) for c in cells)

    column = max(range(width), key=lambda c: (score(c), -c))
    if score(column) == (0, 0):
        return [Entry(line, "", ", ".join(c for c in cells if c)) for line, cells in rows]
    first_line, first = rows[0]
    if not _looks_like_code(first[column] if column < len(first) else ""):
        rows = rows[1:]  # a header
    out = []
    for line, cells in rows:
        code = cells[column] if column < len(cells) else ""
        label = ", ".join(c for i, c in enumerate(cells) if i != column and c)
        out.append(Entry(line, code, label))
    return out


def grade_entries(entries: list[Entry], modules: dict[str, Module]) -> list[dict[str, Any]]:
    rows = []
    for entry in entries:
        row: dict[str, Any] = {"line": entry.line, "code": entry.code}
        if entry.label:
            row["label"] = entry.label
        if not entry.code:
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = dict(row, valid="yes" if row["valid"] else "no")
        if "score" in values:
            values["score"] = _number(values["score"])
        writer.writerow(["" if values.get(c) is None else values.get(c, "") for c in CSV_COLUMNS])
    return out.getvalue()


def grade_text(text: str, modules: Any) -> dict[str, Any]:
    """Grade pasted codes against ``modules`` (see ``codes.as_modules``): rows, CSV and counts."""
    if not isinstance(text, str):
        raise ValueError("'text' must be the pasted codes")
    rows = grade_entries(read_entries(text), as_modules(modules))
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
    return grade_text(payload.get("text") or "", known)


ACTIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "make_code": make_code,
    "grade_codes": grade_codes,
}
