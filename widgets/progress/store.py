"""What the browser keeps about a learner's path, and its files (export, import, merge).

The page keeps one JSON value under ``STORAGE_KEY`` in ``localStorage``; an export is the same
JSON. Times are milliseconds since 1970 (the browser's ``Date.now()``)::

    {"format": "alliance-progress", "schema": 1,
     "lessons": {"ruptures": {"seen": 1764490000000, "read": 1764490300000}},
     "quizzes": {"ruptures": {"last": {"score": 7.5, "max": 11, "at": 1764491000000,
                                       "questions": {"rup-define": 1, "rup-scene": 0.5}},
                              "best": {"score": 9, "max": 11, "at": 1764400000000}}},
     "review": {"rup-define": {"box": 2, "seen": 1764492000000}},
     "checks": {"rup-scene": {"score": 0.5, "at": 1764491500000}}}

``checks`` (optional, added later within schema 1, so older values without it read as before)
holds the latest "Check answer" of each question in practice mode: its score (0-1) and when.

``read`` is absent (or null) until the lesson is read. Reading is all or nothing, as with the
self-check's files: ``read_progress`` returns every part or raises ``ProgressFileProblem`` with
one plain message, and ``merge`` returns a new value, so a refused import changes nothing.
Lessons, modules and questions the course no longer has are left out and counted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from widgets.constants import PROGRESS_FORMAT, PROGRESS_SCHEMA, PROGRESS_STORAGE_KEY
from widgets.suggest import did_you_mean

from .course import Course
from .leitner import BOXES, Card, QuizEvidence

STORAGE_KEY = PROGRESS_STORAGE_KEY
FORMAT = PROGRESS_FORMAT
SCHEMA = PROGRESS_SCHEMA
MAX_IMPORT_CHARS = 1_000_000
TOP_FIELDS = ("format", "schema", "lessons", "quizzes", "review", "checks")
# 2000-01-01 .. 2200-01-01: a time outside is a mistake, not a date
MIN_MS, MAX_MS = 946_684_800_000, 7_258_118_400_000


class ProgressFileProblem(ValueError):
    """Saved progress (or a file of it) that cannot be read; the message says why."""


@dataclass(frozen=True)
class Score:
    score: float
    max: int
    at: int
    questions: dict[str, float] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max) if self.max else 0

    def to_dict(self, with_questions: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"score": self.score, "max": self.max, "at": self.at}
        if with_questions and self.questions:
            out["questions"] = dict(self.questions)
        return out


@dataclass(frozen=True)
class QuizRecord:
    last: Score
    best: Score


@dataclass(frozen=True)
class Lesson:
    seen: int | None = None
    read: int | None = None


@dataclass
class Progress:
    lessons: dict[str, Lesson] = field(default_factory=dict)
    quizzes: dict[str, QuizRecord] = field(default_factory=dict)
    review: dict[str, Card] = field(default_factory=dict)
    checks: dict[str, QuizEvidence] = field(default_factory=dict)
    dropped: int = 0

    def to_dict(self) -> dict[str, Any]:
        checks = {"checks": {qid: {"score": c.score, "at": c.at} for qid, c in self.checks.items()}}
        return {
            "format": FORMAT,
            "schema": SCHEMA,
            "lessons": {
                slug: {k: v for k, v in (("seen", lesson.seen), ("read", lesson.read)) if v is not None}
                for slug, lesson in self.lessons.items()
            },
            "quizzes": {
                mid: {"last": r.last.to_dict(), "best": r.best.to_dict(with_questions=False)}
                for mid, r in self.quizzes.items()
            },
            "review": {qid: c.to_dict() for qid, c in self.review.items()},
            **(checks if self.checks else {}),
        }

    def quiz_evidence(self) -> dict[str, QuizEvidence]:
        """Question id -> its latest score in a quiz: in the last scored attempt of its module or
        in a practice check, whichever is later."""
        out = {
            qid: QuizEvidence(score, record.last.at)
            for record in self.quizzes.values()
            for qid, score in record.last.questions.items()
        }
        for qid, check in self.checks.items():
            if qid not in out or check.at >= out[qid].at:
                out[qid] = check
        return out

    def is_empty(self) -> bool:
        return not (self.lessons or self.quizzes or self.review or self.checks)


# --- reading -----------------------------------------------------------------------------


def _time(value: object, where: str, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not MIN_MS <= value <= MAX_MS:
        raise ProgressFileProblem(
            f"{where} has an invalid time {value!r}: expected milliseconds since 1970, as saved by this site."
        )
    return int(value)


def _number(value: object, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ProgressFileProblem(f"{where} is {value!r}: expected a number from {low:g} to {high:g}.")
    return float(value) if not float(value).is_integer() else int(value)


def _object(value: object, where: str, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProgressFileProblem(f"{where} should be a JSON object, not {type(value).__name__}.")
    for key in value:
        if fields is not None and key not in fields:
            raise ProgressFileProblem(f"{where} has an unknown field {key!r}{did_you_mean(str(key), fields)}.")
    return value


def _score(value: object, where: str, questions: set[str]) -> tuple[Score, int]:
    raw = _object(value, where, ("score", "max", "at", "questions"))
    for key in ("score", "max", "at"):
        if key not in raw:
            raise ProgressFileProblem(f'{where} is missing the field "{key}".')
    top = _number(raw["max"], f"{where}, max", 0, 10_000)
    dropped = 0
    scores: dict[str, float] = {}
    for qid, s in _object(raw.get("questions", {}), f"{where}, questions").items():
        if qid not in questions:
            dropped += 1
            continue
        scores[qid] = _number(s, f"{where}, question {qid}", 0, 1)
    score = Score(_number(raw["score"], f"{where}, score", 0, top), int(top), _time(raw["at"], where) or 0, scores)
    return score, dropped


def read_progress(doc: object, course: Course, what: str = "This file") -> Progress:
    """Saved progress from parsed JSON, checked against the course (see the module docstring)."""
    raw = _object(doc, what)
    if raw.get("format") != FORMAT:
        raise ProgressFileProblem(
            f'{what} is not a progress file of this course: expected a JSON object with "format": "{FORMAT}".'
        )
    schema = raw.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise ProgressFileProblem(f"{what} has an invalid schema version {schema!r}: expected {SCHEMA}.")
    if schema > SCHEMA:
        raise ProgressFileProblem(
            f"{what} was made by a newer version of this course (schema {schema}); this page reads schema {SCHEMA}."
        )
    _object(raw, what, TOP_FIELDS)
    progress = Progress()
    for slug, entry in _object(raw.get("lessons", {}), f'{what}, "lessons"').items():
        where = f"Lesson {slug!r}"
        entry = _object(entry, where, ("seen", "read"))
        lesson = Lesson(_time(entry.get("seen"), where, True), _time(entry.get("read"), where, True))
        if slug in course.lesson_slugs:
            progress.lessons[slug] = lesson
        else:
            progress.dropped += 1
    for mid, entry in _object(raw.get("quizzes", {}), f'{what}, "quizzes"').items():
        where = f"Quiz {mid!r}"
        entry = _object(entry, where, ("last", "best"))
        if "last" not in entry:
            raise ProgressFileProblem(f'{where} is missing the field "last".')
        module = course.modules.get(mid)
        questions = set(module.question_ids) if module else set()
        last, dropped = _score(entry["last"], f"{where}, last score", questions)
        best, _ = _score(entry.get("best", entry["last"]), f"{where}, best score", set())
        if module is None:
            progress.dropped += 1
            continue
        progress.dropped += dropped
        progress.quizzes[mid] = QuizRecord(last, best)
    for qid, entry in _object(raw.get("review", {}), f'{what}, "review"').items():
        where = f"Review question {qid!r}"
        entry = _object(entry, where, ("box", "seen"))
        box = entry.get("box")
        if isinstance(box, bool) or not isinstance(box, int) or not 1 <= box <= BOXES:
            raise ProgressFileProblem(f"{where} has box {box!r}: expected a whole number from 1 to {BOXES}.")
        card = Card(box, _time(entry.get("seen"), where) or 0)
        if qid in course.question_module:
            progress.review[qid] = card
        else:
            progress.dropped += 1
    for qid, entry in _object(raw.get("checks", {}), f'{what}, "checks"').items():
        where = f"Checked question {qid!r}"
        entry = _object(entry, where, ("score", "at"))
        check = QuizEvidence(_number(entry.get("score"), f"{where}, score", 0, 1), _time(entry.get("at"), where) or 0)
        if qid in course.question_module:
            progress.checks[qid] = check
        else:
            progress.dropped += 1
    return progress


def read_text(text: object, course: Course) -> Progress:
    """A progress file's text -> its progress, or ``ProgressFileProblem``. Never partial."""
    if not isinstance(text, str):
        raise ProgressFileProblem("Expected the text of the file.")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ProgressFileProblem("The file is empty.")
    if len(text) > MAX_IMPORT_CHARS:
        raise ProgressFileProblem(
            f"This file is too large to be a progress file ({len(text):,} characters; the limit is {MAX_IMPORT_CHARS:,})."
        )
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise ProgressFileProblem(
            f"This file is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}). "
            "Choose a .json file downloaded from the My progress page."
        ) from None
    return read_progress(doc, course)


# --- merging and recording ------------------------------------------------------------------


def _later(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _better(a: Score, b: Score) -> Score:
    return b if (b.percent, b.at) > (a.percent, a.at) else a


def merge(mine: Progress, theirs: Progress) -> Progress:
    """A new value with both: the later time of each lesson, the later last score and the
    better best score of each quiz, the later answer of each review question."""
    out = Progress(dict(mine.lessons), dict(mine.quizzes), dict(mine.review), dict(mine.checks))
    for slug, lesson in theirs.lessons.items():
        own_lesson = out.lessons.get(slug, Lesson())
        out.lessons[slug] = Lesson(_later(own_lesson.seen, lesson.seen), _later(own_lesson.read, lesson.read))
    for mid, record in theirs.quizzes.items():
        kept = out.quizzes.get(mid)
        if kept is None:
            out.quizzes[mid] = record
        else:
            last = record.last if record.last.at > kept.last.at else kept.last
            out.quizzes[mid] = QuizRecord(last, _better(kept.best, record.best))
    for qid, card in theirs.review.items():
        if qid not in out.review or card.seen > out.review[qid].seen:
            out.review[qid] = card
    for qid, check in theirs.checks.items():
        if qid not in out.checks or check.at > out.checks[qid].at:
            out.checks[qid] = check
    return out


def record_score(progress: Progress, module_id: str, score: Score) -> Progress:
    """A new value with one scored attempt of a module added (last, and best if better)."""
    own = progress.quizzes.get(module_id)
    best = score if own is None else _better(own.best, score)
    quizzes = {**progress.quizzes, module_id: QuizRecord(score, best)}
    return Progress(dict(progress.lessons), quizzes, dict(progress.review), dict(progress.checks))


def export_text(progress: Progress) -> str:
    return json.dumps(progress.to_dict(), indent=2, ensure_ascii=False)


def export_filename(today: str) -> str:
    return f"alliance-progress-{today}.json"


def as_json_value(progress: Progress) -> Mapping[str, Any]:
    return progress.to_dict()
