"""Results-code actions for the page: JSON-shaped dict in, JSON-shaped dict out (like
``widgets.quiz.actions``; registered as the "codes" widget by ``widgets.runtime``).

- ``make_code``: ``{"module": <module JSON>} or {"module_id": <a module opened by the quiz
  widget>}, "seed", "n", "responses"`` (and optionally ``"question_ids"``, the questions shown,
  checked against what the seed selects) -> ``{"code", "module_id", "seed", "n"}``.
- ``grade_codes``: ``{"text": pasted codes, one a line (cells allowed), or a CSV file's text;
  "kind": "lines" (default) or "csv"; "modules": {id: module JSON}; "versions": {id: kept
  versions}; "first_rows": N, to get only the first N rows back (the CSV and counts still cover
  all)}`` (at most ``MAX_PAGE_LINES`` lines)
  -> ``{"rows": [...], "csv": text, "valid": count, "invalid": count}``. How text becomes rows
  (one line one row; the code column; labels) is ``widgets.quiz.code_input``. Every non-blank
  line gets a row: a line that is not a valid code is reported with its line number and the
  reason, never with a score.

Bad input raises ``ValueError`` with a message the page can show.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict, cast

from ..constants import MAX_PAGE_LINES
from ..spreadsheet_csv import write_csv
from .code_input import Entry, read_entries
from .codes import as_modules, catalogue, encode_attempt, regrade
from .feedback import number as _number  # a score as the quiz shows it: 1, 0.5, 0.67
from .layout import select_questions
from .model import Module

CSV_COLUMNS = (
    "line",
    "label",
    "code",
    "valid",
    "module",
    "seed",
    "questions",
    "score",
    "max",
    "percent",
    "reason",
    "version",
    "version_date",
)

#: a quiz module as the build embeds it in the page (``Module.to_json``)
ModuleJson = dict[str, Any]
#: a module's kept earlier versions (``widgets.quiz.versions``), by module id
KeptVersionsJson = dict[str, list[dict[str, Any]]]


class MakeCodeRequest(TypedDict):
    #: the module JSON, or ``module_id``: a module the quiz widget opened
    module: NotRequired[ModuleJson]
    module_id: NotRequired[str]
    seed: NotRequired[str | int | float | None]
    n: NotRequired[int | str | None]
    #: question id -> response
    responses: NotRequired[dict[str, Any] | None]
    #: the questions shown, checked against what the seed selects
    question_ids: NotRequired[list[str] | None]


class MakeCodeReply(TypedDict):
    code: str
    module_id: str
    seed: str | None
    n: int


class GradeCodesRequest(TypedDict):
    #: pasted codes, one a line (cells allowed), or a CSV file's text
    text: NotRequired[str | None]
    kind: NotRequired[str | None]
    #: module JSON by id (default: the modules the quiz widget opened)
    modules: NotRequired[dict[str, ModuleJson] | None]
    versions: NotRequired[KeptVersionsJson | None]
    #: only the first N rows back (the CSV and counts still cover all)
    first_rows: NotRequired[int | None]


class GradedRowJson(TypedDict):
    line: int
    code: str
    valid: bool
    label: NotRequired[str]
    reason: NotRequired[str]
    module: NotRequired[str]
    seed: NotRequired[str | None]
    questions: NotRequired[int]
    score: NotRequired[float]
    #: the score as the quiz shows it (1, 0.5, 0.67): the page writes it as it is
    score_text: NotRequired[str]
    max: NotRequired[int]
    percent: NotRequired[int]
    version: NotRequired[str]
    version_date: NotRequired[str]
    current_version: NotRequired[bool]


class GradeCodesReply(TypedDict):
    rows: list[GradedRowJson]
    csv: str
    valid: int
    invalid: int
    #: every valid code, for the class report
    codes: list[str]


def _module_for(payload: MakeCodeRequest) -> Module:
    data: object = payload.get("module")
    if isinstance(data, dict):
        return Module.from_json(data)
    module_id = payload.get("module_id")
    from .actions import MODULES  # modules the quiz widget opened in this worker

    if isinstance(module_id, str) and module_id in MODULES:
        return MODULES[module_id]
    raise ValueError("'make_code' needs {'module': <module JSON>} or the 'module_id' of a module opened with 'open'")


def make_code(payload: MakeCodeRequest) -> MakeCodeReply:
    module = _module_for(payload)
    n: object = payload.get("n")
    if isinstance(n, str):
        if not n.strip().isdigit():
            raise ValueError(f"'n' must be a whole number of questions, got {n!r}")
        n = int(n)
    raw_seed: object = payload.get("seed")
    seed = None if raw_seed in (None, "") else str(raw_seed)
    count = cast("int | None", n)  # select_questions checks it
    responses: object = payload.get("responses") or {}
    if not isinstance(responses, dict):
        raise ValueError("'responses' must map question ids to responses")
    shown: object = payload.get("question_ids")
    if shown is not None:
        selected = [lay.question_id for lay in select_questions(module, count, seed)]
        if list(cast("list[str]", shown)) != selected:
            raise ValueError(
                "the questions shown are not the ones this module, seed and count select; reload the quiz from its link"
            )
    code = encode_attempt(module, seed, count, responses)
    return {"code": code, "module_id": module.id, "seed": seed, "n": len(select_questions(module, count, seed))}


def grade_entries(
    entries: list[Entry],
    modules: Any,
    kept: dict[str, list[dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """One row per entry: ``line``, ``code``, ``label`` (if any), ``valid``; a valid row has
    ``module``, ``seed``, ``questions``, ``score``, ``max``, ``percent`` and the version it was
    graded against: ``version`` (tag), ``version_date`` and ``current_version``; an invalid row
    has ``reason``."""
    known = catalogue(modules, kept)
    graded: dict[str, Any] = {}  # the same code twice is graded once
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
            result = graded.get(entry.code) or graded.setdefault(entry.code, regrade(known, entry.code))
            if not result.valid or result.attempt is None or result.result is None:
                row.update(valid=False, reason=result.reason)
            else:
                attempt = result.attempt
                row.update(
                    valid=True,
                    module=attempt.module_id,
                    seed=attempt.seed,
                    questions=attempt.n,
                    score=result.result.total,
                    score_text=_number(result.result.total),
                    max=result.result.max,
                    percent=result.result.percent,
                    version=attempt.version,
                    version_date=attempt.version_date,
                    current_version=attempt.current,
                )
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


def grade_text(
    text: str,
    modules: Any,
    kind: str = "lines",
    kept: dict[str, list[dict[str, Any]]] | None = None,
    *,
    max_lines: int | None = None,
) -> dict[str, Any]:
    """Grade pasted codes (``kind="lines"``) or a CSV file's text (``kind="csv"``) against
    ``modules`` and their ``kept`` versions (see ``codes.catalogue``): rows, CSV and counts.
    More than ``max_lines`` non-blank lines is refused with a ``ValueError`` before any grading."""
    if not isinstance(text, str):
        raise ValueError("'text' must be the pasted codes")
    if max_lines is not None:
        count = sum(1 for line in text.splitlines() if line.strip())
        if count > max_lines:
            raise ValueError(
                f"This is {count:,} lines; this page grades at most {max_lines:,} at a time. Grade "
                "them in parts, or all at once with the command python -m scripts.results FILE."
            )
    rows = grade_entries(read_entries(text, kind), modules, kept)
    valid = sum(r["valid"] for r in rows)
    return {"rows": rows, "csv": rows_csv(rows), "valid": valid, "invalid": len(rows) - valid}


def modules_and_versions(modules: Any, kept: Any, missing: str) -> tuple[dict[str, Module], dict[str, Any] | None]:
    """A request's modules (module JSON by id) and kept versions, checked: what codes are graded
    against. ``missing`` is the message when there are no modules."""
    if not isinstance(modules, dict) or not modules:
        raise ValueError(missing)
    try:
        known = as_modules(modules)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"a module in 'modules' is not valid module JSON: {exc}") from None
    if kept is not None and not isinstance(kept, dict):
        raise ValueError("'versions' must map module ids to their kept versions")
    return known, kept


def grade_codes(payload: GradeCodesRequest) -> GradeCodesReply:
    modules: object = payload.get("modules")
    if modules is None:
        from .actions import MODULES

        modules = MODULES
    known, kept = modules_and_versions(
        modules,
        payload.get("versions"),
        "'grade_codes' needs {'modules': {id: <module JSON>}} (or modules opened with 'open')",
    )
    graded = grade_text(
        payload.get("text") or "", known, payload.get("kind") or "lines", kept, max_lines=MAX_PAGE_LINES
    )
    rows = cast(list[GradedRowJson], graded["rows"])
    codes = [row["code"] for row in rows if row["valid"]]  # every one, for the class report
    first: object = payload.get("first_rows")
    if isinstance(first, int) and not isinstance(first, bool) and first >= 0:
        rows = rows[:first]  # the page shows these; "csv", "codes" and the counts cover all
    return {"rows": rows, "csv": graded["csv"], "valid": graded["valid"], "invalid": graded["invalid"], "codes": codes}
