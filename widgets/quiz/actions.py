"""The quiz widget's actions: JSON-shaped dict in, JSON-shaped dict out (see ``widgets.runtime``).

The page sends ``open`` once with the module JSON embedded in it; later actions name the module
by id. Bad input raises ``ValueError`` with a message the page can show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .feedback import LESSON_BASE, number, question_feedback_html, results_html
from .grading import grade_attempt, grade_question
from .layout import select_questions
from .marks import question_marks
from .model import Module

#: modules opened in this worker, by id
MODULES: dict[str, Module] = {}


def _module(payload: dict[str, Any]) -> Module:
    module_id = payload.get("module_id")
    if not isinstance(module_id, str) or module_id not in MODULES:
        raise ValueError(f"module {module_id!r} is not open; send 'open' first")
    return MODULES[module_id]


def _lesson_base(payload: dict[str, Any]) -> str:
    base = payload.get("lesson_base") or LESSON_BASE
    if not isinstance(base, str):
        raise ValueError(f"'lesson_base' must be a string such as {LESSON_BASE!r}")
    return base


def open_module(payload: dict[str, Any]) -> dict[str, Any]:
    data = payload.get("module")
    if not isinstance(data, dict):
        raise ValueError("'open' needs {'module': <the module JSON embedded in the page>}")
    module = Module.from_json(data)
    MODULES[module.id] = module
    return {"id": module.id, "count": len(module.questions)}


def layout(payload: dict[str, Any]) -> dict[str, Any]:
    module = _module(payload)
    n = payload.get("n")
    if isinstance(n, str):
        if not n.strip().isdigit():
            raise ValueError(f"'n' must be a whole number of questions, got {n!r}")
        n = int(n)
    seed = payload.get("seed")
    if seed is not None and not isinstance(seed, str):
        seed = str(seed)
    reader_seed = payload.get("reader_seed")
    if reader_seed is not None and not isinstance(reader_seed, str):
        raise ValueError(f"'reader_seed' must be text such as '3f9c2a71', got {reader_seed!r}")
    layouts = select_questions(module, n, seed or None, reader_seed or None)
    return {"questions": [lay.to_json() for lay in layouts]}


def check(payload: dict[str, Any]) -> dict[str, Any]:
    module = _module(payload)
    question = module.question(str(payload.get("question_id")))
    result = grade_question(question, payload.get("response"))
    html = question_feedback_html(question, result, lesson_base=_lesson_base(payload))
    marks = question_marks(question, result)
    return {"score": result.score, "correct": result.correct, "answered": result.answered, "html": html, "marks": marks}


def submit(payload: dict[str, Any]) -> dict[str, Any]:
    module = _module(payload)
    responses = payload.get("responses") or {}
    question_ids = payload.get("question_ids")
    if not isinstance(responses, dict):
        raise ValueError("'responses' must map question ids to responses")
    if question_ids is None:
        question_ids = [q.id for q in module.questions]
    if not isinstance(question_ids, list) or not all(isinstance(q, str) for q in question_ids):
        raise ValueError("'question_ids' must be the list of question ids shown")
    base = _lesson_base(payload)
    attempt = grade_attempt(module, responses, question_ids)
    seconds = payload.get("seconds")
    hints = payload.get("hints_used") or 0
    return {
        "score": attempt.total,
        "max": attempt.max,
        "percent": attempt.percent,
        "by_objective": {o.id: {"text": o.text, "score": o.score, "max": o.max} for o in attempt.by_objective},
        "unanswered": list(attempt.unanswered),
        "html": results_html(
            module,
            attempt,
            question_ids,
            seconds=seconds if isinstance(seconds, (int, float)) else None,
            hints_used=hints if isinstance(hints, int) else 0,
        ),
        "questions": {
            qid: {
                "score": result.score,
                "correct": result.correct,
                "answered": result.answered,
                "label": f"{number(result.score)} of {result.max}",
                "html": question_feedback_html(module.question(qid), result, lesson_base=base, review=True),
                "marks": question_marks(module.question(qid), result, review=True),
            }
            for qid, result in attempt.results.items()
        },
    }


ACTIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "open": open_module,
    "layout": layout,
    "check": check,
    "submit": submit,
}
