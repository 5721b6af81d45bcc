"""The quiz widget's actions: a request shape in, a reply shape out (``widgets.actions_table``
lists them; ``widgets.runtime`` checks each payload against its request shape first).

The page sends ``open`` once with the module JSON embedded in it; later actions name the module
by id. Bad input raises ``ValueError`` with a message the page can show.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict, cast

from .feedback import LESSON_BASE, number, question_feedback_html, results_html
from .grading import grade_attempt, grade_question
from .layout import select_questions
from .marks import QuestionMarks, question_marks
from .model import Module

#: modules opened in this worker, by id
MODULES: dict[str, Module] = {}

#: a quiz module as the build embeds it in the page (``Module.to_json``)
ModuleJson = dict[str, Any]


class OpenRequest(TypedDict):
    module: ModuleJson


class OpenReply(TypedDict):
    id: str
    count: int


class ModuleRequest(TypedDict):
    #: a module opened with "open"
    module_id: str


class LayoutRequest(ModuleRequest):
    #: how many questions (a link's ``n`` may come as text); null: all
    n: NotRequired[int | str | None]
    #: the link's seed (a number is read as its text); null: the reader's own order
    seed: NotRequired[str | int | float | None]
    reader_seed: NotRequired[str | None]


class QuestionLayoutJson(TypedDict):
    id: str
    options: list[str]
    items: list[str]
    choices: list[str]


class LayoutReply(TypedDict):
    questions: list[QuestionLayoutJson]


class CheckRequest(ModuleRequest):
    question_id: str
    #: the reader's answer, as the question type has it (text, a list, an object, null)
    response: NotRequired[Any]
    #: where lesson links point from this page (default ``LESSON_BASE``)
    lesson_base: NotRequired[str | None]


class CheckReply(TypedDict):
    score: float
    correct: bool
    answered: bool
    html: str
    #: the marks the page puts beside each option or row (``widgets.quiz.marks``)
    marks: QuestionMarks


class SubmitRequest(ModuleRequest):
    #: question id -> response
    responses: NotRequired[dict[str, Any] | None]
    #: the questions shown (default: all of the module's)
    question_ids: NotRequired[list[str] | None]
    lesson_base: NotRequired[str | None]
    seconds: NotRequired[float | None]
    hints_used: NotRequired[int | None]


class ObjectiveScoreJson(TypedDict):
    text: str
    score: float
    max: int


class QuestionReviewJson(TypedDict):
    score: float
    correct: bool
    answered: bool
    label: str
    html: str
    marks: QuestionMarks


class SubmitReply(TypedDict):
    score: float
    max: int
    percent: int
    by_objective: dict[str, ObjectiveScoreJson]
    unanswered: list[str]
    html: str
    questions: dict[str, QuestionReviewJson]


def _module(payload: ModuleRequest) -> Module:
    module_id = payload.get("module_id")
    if not isinstance(module_id, str) or module_id not in MODULES:
        raise ValueError(f"module {module_id!r} is not open; send 'open' first")
    return MODULES[module_id]


def _lesson_base(payload: CheckRequest | SubmitRequest) -> str:
    base: object = payload.get("lesson_base") or LESSON_BASE
    if not isinstance(base, str):
        raise ValueError(f"'lesson_base' must be a string such as {LESSON_BASE!r}")
    return base


def open_module(payload: OpenRequest) -> OpenReply:
    data: object = payload.get("module")
    if not isinstance(data, dict):
        raise ValueError("'open' needs {'module': <the module JSON embedded in the page>}")
    module = Module.from_json(data)
    MODULES[module.id] = module
    return {"id": module.id, "count": len(module.questions)}


def layout(payload: LayoutRequest) -> LayoutReply:
    module = _module(payload)
    n: object = payload.get("n")
    if isinstance(n, str):
        if not n.strip().isdigit():
            raise ValueError(f"'n' must be a whole number of questions, got {n!r}")
        n = int(n)
    raw_seed: object = payload.get("seed")
    seed = raw_seed if raw_seed is None or isinstance(raw_seed, str) else str(raw_seed)
    reader_seed: object = payload.get("reader_seed")
    if reader_seed is not None and not isinstance(reader_seed, str):
        raise ValueError(f"'reader_seed' must be text such as '3f9c2a71', got {reader_seed!r}")
    layouts = select_questions(module, cast("int | None", n), seed or None, reader_seed or None)  # it checks n
    return {"questions": [_layout_json(lay.to_json()) for lay in layouts]}


def _layout_json(data: dict[str, Any]) -> QuestionLayoutJson:
    return {"id": data["id"], "options": data["options"], "items": data["items"], "choices": data["choices"]}


def check(payload: CheckRequest) -> CheckReply:
    module = _module(payload)
    question = module.question(str(payload.get("question_id")))
    result = grade_question(question, payload.get("response"))
    html = question_feedback_html(question, result, lesson_base=_lesson_base(payload))
    marks = question_marks(question, result)
    return {"score": result.score, "correct": result.correct, "answered": result.answered, "html": html, "marks": marks}


def submit(payload: SubmitRequest) -> SubmitReply:
    module = _module(payload)
    responses: object = payload.get("responses") or {}
    question_ids: object = payload.get("question_ids")
    if not isinstance(responses, dict):
        raise ValueError("'responses' must map question ids to responses")
    if question_ids is None:
        question_ids = [q.id for q in module.questions]
    if not isinstance(question_ids, list) or not all(isinstance(q, str) for q in question_ids):
        raise ValueError("'question_ids' must be the list of question ids shown")
    base = _lesson_base(payload)
    attempt = grade_attempt(module, responses, question_ids)
    seconds: object = payload.get("seconds")
    hints: object = payload.get("hints_used") or 0
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
            # a time below 0 shows as none, as before (``feedback.duration``)
            seconds=int(seconds) if isinstance(seconds, (int, float)) and seconds >= 0 else None,
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
