"""The quiz model: one module of questions, as the build loads it and the browser grades it.

Every text an author writes in Markdown is kept twice: ``text`` holds the author's Markdown
source (plain text, for exports such as GIFT), ``text_html`` the safe HTML the build rendered
from it (raw HTML in the source is escaped, so ``<script>`` shows as text). Short labels that
end up inside ``<option>`` elements or attributes (matching right-hand texts, distractors,
titles, objective texts) are plain text and are escaped wherever they are shown.

``Module.to_json()`` is what each quiz page embeds; ``Module.from_json()`` rebuilds the exact
same objects in the browser, so the grader there sees what the build validated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from html import unescape
from typing import Any, ClassVar

QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true_false", "matching", "ordering", "short_answer")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")


@dataclass(frozen=True, slots=True)
class Objective:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Option:
    text: str
    text_html: str
    correct: bool = False
    feedback: str = ""
    feedback_html: str = ""


@dataclass(frozen=True, slots=True)
class Pair:
    """A matching pair: ``left`` is Markdown; ``right`` is plain text (it goes in a ``<select>``)."""

    left: str
    left_html: str
    right: str


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question type has. Subclasses add the fields of their type."""

    type: ClassVar[str] = ""
    id: str
    objective: str
    difficulty: str
    source: str  # "<lesson slug>#<heading anchor>"
    text: str
    text_html: str
    explanation: str
    explanation_html: str
    hints: tuple[str, ...] = ()
    hints_html: tuple[str, ...] = ()

    @property
    def lesson(self) -> str:
        return self.source.partition("#")[0]

    @property
    def anchor(self) -> str:
        return self.source.partition("#")[2]


@dataclass(frozen=True, kw_only=True)
class SingleChoice(Question):
    """``shuffle`` False: the options keep their written order for every reader (e.g. a scale)."""

    type: ClassVar[str] = "single"
    options: tuple[Option, ...]
    shuffle: bool = True


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(Question):
    type: ClassVar[str] = "multiple"
    options: tuple[Option, ...]
    shuffle: bool = True


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    type: ClassVar[str] = "true_false"
    answer: bool
    feedback_true: str = ""
    feedback_true_html: str = ""
    feedback_false: str = ""
    feedback_false_html: str = ""


@dataclass(frozen=True, kw_only=True)
class Matching(Question):
    type: ClassVar[str] = "matching"
    pairs: tuple[Pair, ...]
    distractors: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Ordering(Question):
    """``items`` are in the correct order; pages show them shuffled."""

    type: ClassVar[str] = "ordering"
    items: tuple[str, ...]
    items_html: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ShortAnswer(Question):
    type: ClassVar[str] = "short_answer"
    accept: tuple[str, ...]
    feedback_wrong: str = ""
    feedback_wrong_html: str = ""


QUESTION_CLASSES: dict[str, type[Question]] = {
    cls.type: cls for cls in (SingleChoice, MultipleChoice, TrueFalse, Matching, Ordering, ShortAnswer)
}


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    title: str
    lessons: tuple[str, ...]
    minutes: int
    objectives: tuple[Objective, ...]
    questions: tuple[Question, ...]
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {q.id: q for q in self.questions})

    def question(self, question_id: str) -> Question:
        try:
            return self._by_id[question_id]
        except KeyError:
            raise ValueError(f"module {self.id!r} has no question {question_id!r}") from None

    def objective(self, objective_id: str) -> Objective:
        for objective in self.objectives:
            if objective.id == objective_id:
                return objective
        raise ValueError(f"module {self.id!r} has no objective {objective_id!r}")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "lessons": list(self.lessons),
            "minutes": self.minutes,
            "objectives": [{"id": o.id, "text": o.text} for o in self.objectives],
            "questions": [question_to_json(q) for q in self.questions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Module:
        """Rebuild a module from ``to_json()`` output; malformed input raises ``ValueError``."""
        try:
            return cls(
                id=_str(data["id"]),
                title=_str(data["title"]),
                lessons=tuple(_str(s) for s in data["lessons"]),
                minutes=int(data["minutes"]),
                objectives=tuple(Objective(_str(o["id"]), _str(o["text"])) for o in data["objectives"]),
                questions=tuple(question_from_json(q) for q in data["questions"]),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed module JSON ({type(exc).__name__}: {exc})") from None


def question_to_json(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"type": q.type}
    for f in fields(q):
        value = getattr(q, f.name)
        if f.name == "shuffle" and value is True:
            continue  # the default; written only when an author turned shuffling off
        if isinstance(value, tuple):
            value = [_item_to_json(v) for v in value]
        out[f.name] = value
    return out


def _item_to_json(value: Any) -> Any:
    if isinstance(value, Option):
        return {
            "text": value.text,
            "text_html": value.text_html,
            "correct": value.correct,
            "feedback": value.feedback,
            "feedback_html": value.feedback_html,
        }
    if isinstance(value, Pair):
        return {"left": value.left, "left_html": value.left_html, "right": value.right}
    return value


def question_from_json(data: dict[str, Any]) -> Question:
    kind = data["type"]
    if kind not in QUESTION_CLASSES:
        raise ValueError(f"unknown question type {kind!r}; expected one of: {', '.join(QUESTION_TYPES)}")
    cls = QUESTION_CLASSES[kind]
    kwargs: dict[str, Any] = {}
    for name in (f.name for f in fields(cls)):
        if name not in data:
            continue
        value = data[name]
        if name == "options":
            value = tuple(Option(**o) for o in value)
        elif name == "pairs":
            value = tuple(Pair(**p) for p in value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[name] = value
    return cls(**kwargs)


def matching_choices(question: Matching) -> tuple[str, ...]:
    """The right-hand choices of a matching question: distinct right texts in source order, then
    distractors. A response names a choice by its index in this tuple."""
    seen: dict[str, None] = {}
    for text in [p.right for p in question.pairs] + list(question.distractors):
        seen.setdefault(text, None)
    return tuple(seen)


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """The text of an HTML fragment, on one line (for attributes such as ``aria-label``)."""
    return _SPACE.sub(" ", unescape(_TAG.sub("", html))).strip()


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value
