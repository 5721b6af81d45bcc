"""Class reports from results codes: decode, score, group by module and version, analyse and
render (registered as the "analysis" widget by ``widgets.runtime``; also used by
``python -m scripts.results --report``).

- ``class_report``: ``{"codes": [code, ...], "modules": {id: module JSON}}`` (the codes the
  grader found valid; an invalid one is counted and skipped, never scored) ->
  ``{"html": the reports, escaped, "reports": count, "attempts": count, "skipped": count}``.

Codes are pooled only when ``report_key`` says they share a module and a version of its
content; a report per key, never one across versions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NotRequired, TypedDict

from .code_actions import KeptVersionsJson, ModuleJson, modules_and_versions
from .codes import InvalidCode, catalogue, decode_with_module
from .grading import grade_question
from .item_analysis import ModuleReport, Scored, analyse, report_key
from .item_report import Links, reports_html
from .model import Module


def _hashable(response: Any) -> Any:
    if isinstance(response, dict):
        return tuple(sorted(response.items()))
    if isinstance(response, list):
        return tuple(response)
    return response


class _Scorer:
    """The course's grader per question, remembered per (module, question, response): a class
    gives the same answers again and again."""

    def __init__(self) -> None:
        self.memo: dict[tuple[int, str, Any], tuple[float, int]] = {}

    def __call__(self, module: Module, qid: str, response: Any) -> tuple[float, int]:
        key = (id(module), qid, _hashable(response))
        found = self.memo.get(key)
        if found is None:
            result = grade_question(module.question(qid), response)
            found = self.memo[key] = (result.score, result.max)
        return found


def scored_by_key(
    codes: Iterable[str], modules: Any, kept: dict[str, list[dict[str, Any]]] | None = None
) -> tuple[dict[tuple[str, str], list[Scored]], dict[tuple[str, str], Module], int]:
    """Valid codes as ``Scored`` attempts grouped by ``report_key``, the model of the module
    version each key answered (a kept earlier version when the code names one), and how many
    codes were skipped as invalid."""
    known = catalogue(modules, kept)
    score = _Scorer()
    groups: dict[tuple[str, str], list[Scored]] = {}
    models: dict[tuple[str, str], Module] = {}
    skipped = 0
    for code in codes:
        try:
            attempt, version_model = decode_with_module(code, known)
        except InvalidCode:
            skipped += 1
            continue
        key = report_key(attempt)
        model = models.setdefault(key, version_model)
        scores, maxima = {}, {}
        for qid in attempt.question_ids:
            scores[qid], maxima[qid] = score(model, qid, attempt.responses.get(qid))
        groups.setdefault(key, []).append(Scored(tuple(attempt.question_ids), attempt.responses, scores, maxima))
    return groups, models, skipped


def class_reports(
    codes: Iterable[str], modules: Any, kept: dict[str, list[dict[str, Any]]] | None = None
) -> tuple[list[ModuleReport], int]:
    """One report per module and version (sorted by module id, then version), and the count of
    codes skipped as invalid."""
    groups, models, skipped = scored_by_key(codes, modules, kept)
    reports = [analyse(models[key], groups[key], version=key[1]) for key in sorted(groups)]
    return reports, skipped


class ClassReportRequest(TypedDict):
    #: the codes to report on (those the grader found valid)
    codes: list[str]
    #: module JSON by id
    modules: dict[str, ModuleJson]
    versions: NotRequired[KeptVersionsJson | None]


class ClassReportReply(TypedDict):
    #: the reports, escaped
    html: str
    reports: int
    attempts: int
    skipped: int


def class_report(payload: ClassReportRequest) -> ClassReportReply:
    codes: object = payload.get("codes")
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise ValueError("'class_report' needs {'codes': [code, ...]} (the codes to report on, as text)")
    known, kept = modules_and_versions(
        payload.get("modules"), payload.get("versions"), "'class_report' needs {'modules': {id: <module JSON>}}"
    )
    reports, skipped = class_reports(codes, known, kept)
    return {
        "html": reports_html(reports, level=3, links=Links()),
        "reports": len(reports),
        "attempts": sum(r.test.attempts for r in reports),
        "skipped": skipped,
    }
