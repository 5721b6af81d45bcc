"""Grading: pure functions from a question and a response to a score.

Responses, as the page sends them:

- ``single``: the option's key, its index in the source as a string (``"0"``, ``"1"``…);
  ``true_false``: ``"true"`` or ``"false"``;
- ``multiple``: a list of option keys;
- ``matching``: ``{left index: choice index}``, both strings, choices as in ``matching_choices``;
- ``ordering``: the item indices (ints, source = correct order) in the order the learner left them;
- ``short_answer``: the text typed.

``None``, blank text, an empty list or a mapping with no choice made means "not answered" (score 0).
A response of the wrong shape raises ``ValueError`` naming the question and what was expected.

Scoring (each question is worth 1 point): single, true/false and short answer score 1 or 0;
multiple scores (correct options chosen - wrong options chosen) / number of correct options,
floored at 0; matching scores the share of pairs matched; ordering the share of items in their
correct position. Arithmetic is exact (fractions) and converted to float at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .layout import Layout, select_questions
from .model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
    plain_text,
)

__all__ = [
    "AttemptResult",
    "Layout",
    "ObjectiveScore",
    "Part",
    "QuestionResult",
    "grade_attempt",
    "grade_question",
    "matching_choices",
    "normalise_answer",
    "select_questions",
]


@dataclass(frozen=True, slots=True)
class Part:
    """One gradable part of a question: an option, a matching pair, an ordering position, an answer.

    ``chosen`` says whether the learner picked it (options) or gave an answer for it (pairs),
    ``correct`` whether it is right: for options, whether the option is a correct one; for pairs,
    positions and answers, whether the learner got it right. ``given``/``expected`` are plain text.
    """

    key: str
    label_html: str
    chosen: bool
    correct: bool
    feedback_html: str = ""
    given: str = ""
    expected: str = ""


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question_id: str
    score: float
    correct: bool
    answered: bool
    parts: tuple[Part, ...]
    right: int = 0  # parts right (options chosen correctly, pairs matched, items in place)
    of: int = 0  # parts there are to get right
    wrong_chosen: int = 0  # multiple select: wrong options chosen
    max: int = 1
    exact: Fraction = Fraction(0)  # ``score`` as a fraction, for exact totals


@dataclass(frozen=True, slots=True)
class ObjectiveScore:
    id: str
    text: str
    score: float
    max: int


@dataclass(frozen=True, slots=True)
class AttemptResult:
    total: float
    max: int
    by_objective: tuple[ObjectiveScore, ...]
    unanswered: tuple[str, ...]
    results: dict[str, QuestionResult]

    @property
    def percent(self) -> int:
        return round(100 * self.total / self.max) if self.max else 0


#: (score, parts, parts right, parts to get right, wrong options chosen)
Graded = tuple[Fraction, list[Part], int, int, int]

_SPACES = re.compile(r"\s+")


def normalise_answer(text: str) -> str:
    """Casefold, trim, collapse inner whitespace and drop one trailing full stop."""
    text = _SPACES.sub(" ", text.casefold()).strip()
    if text.endswith("."):
        text = text[:-1].rstrip()
    return text


def _blank(response: Any) -> bool:
    if isinstance(response, str):
        return not response.strip()
    if isinstance(response, dict):
        return all(v in ("", None) for v in response.values())
    return response is None or response == []


def _bad(question: Question, expected: str, response: Any) -> ValueError:
    return ValueError(
        f"question {question.id!r} ({question.type}) expects {expected}, got {type(response).__name__} {response!r}"
    )


def grade_question(question: Question, response: Any) -> QuestionResult:
    """Grade one response. Never trusts the page: a malformed response raises ``ValueError``."""
    grader = _GRADERS[type(question)]
    answered = not _blank(response)
    score, parts, right, of, wrong = grader(question, response if answered else None)
    return QuestionResult(
        question_id=question.id,
        score=float(score),
        correct=score == 1,
        answered=answered,
        parts=tuple(parts),
        right=right,
        of=of,
        wrong_chosen=wrong,
        exact=Fraction(score),
    )


def _option_key(question: Question, key: Any, count: int) -> int:
    if not isinstance(key, str) or not key.isdigit() or int(key) >= count:
        raise _bad(question, f"option keys '0' to '{count - 1}'", key)
    return int(key)


def _single(q: SingleChoice, response: Any) -> Graded:
    chosen = None if response is None else _option_key(q, response, len(q.options))
    parts = [Part(str(i), o.text_html, chosen == i, o.correct, o.feedback_html) for i, o in enumerate(q.options)]
    right = int(chosen is not None and q.options[chosen].correct)
    return Fraction(right), parts, right, 1, 0


def _multiple(q: MultipleChoice, response: Any) -> Graded:
    if response is not None and not isinstance(response, list):
        raise _bad(q, "a list of option keys", response)
    chosen = {_option_key(q, k, len(q.options)) for k in response or []}
    parts = [Part(str(i), o.text_html, i in chosen, o.correct, o.feedback_html) for i, o in enumerate(q.options)]
    n_correct = sum(o.correct for o in q.options)
    right = sum(q.options[i].correct for i in chosen)
    wrong = len(chosen) - right
    score = max(Fraction(0), Fraction(right - wrong, n_correct)) if n_correct else Fraction(0)
    return score, parts, right, n_correct, wrong


def _true_false(q: TrueFalse, response: Any) -> Graded:
    if isinstance(response, bool):
        response = "true" if response else "false"
    if response not in (None, "true", "false"):
        raise _bad(q, "'true' or 'false'", response)
    parts = [
        Part("true", "True", response == "true", q.answer is True, q.feedback_true_html),
        Part("false", "False", response == "false", q.answer is False, q.feedback_false_html),
    ]
    right = int(response == ("true" if q.answer else "false"))
    return Fraction(right), parts, right, 1, 0


def _matching(q: Matching, response: Any) -> Graded:
    if response is not None and not isinstance(response, dict):
        raise _bad(q, "a mapping of left index to choice index", response)
    choices = matching_choices(q)
    given: dict[int, int] = {}
    for left, choice in (response or {}).items():
        if choice in ("", None):
            continue
        if not (isinstance(left, str) and left.isdigit() and int(left) < len(q.pairs)):
            raise _bad(q, f"left indices '0' to '{len(q.pairs) - 1}'", left)
        if not (isinstance(choice, str) and choice.isdigit() and int(choice) < len(choices)):
            raise _bad(q, f"choice indices '0' to '{len(choices) - 1}'", choice)
        given[int(left)] = int(choice)
    parts = []
    for i, pair in enumerate(q.pairs):
        text = choices[given[i]] if i in given else ""
        parts.append(Part(str(i), pair.left_html, i in given, text == pair.right, "", text, pair.right))
    right = sum(p.correct for p in parts)
    return Fraction(right, len(q.pairs)), parts, right, len(q.pairs), 0


def _ordering(q: Ordering, response: Any) -> Graded:
    n = len(q.items)
    if response is not None and (
        not isinstance(response, list)
        or sorted(response) != list(range(n))
        or any(isinstance(i, bool) or not isinstance(i, int) for i in response)
    ):
        raise _bad(q, f"a list of the item indices 0 to {n - 1}, each once", response)
    order = response or []
    parts = []
    for position in range(n):
        placed = order[position] if order else None
        given = plain_text(q.items_html[placed]) if placed is not None else ""
        parts.append(
            Part(
                str(position),
                q.items_html[position],
                bool(order),
                placed == position,
                "",
                given,
                plain_text(q.items_html[position]),
            )
        )
    right = sum(p.correct for p in parts)
    return Fraction(right, n), parts, right, n, 0


def _short_answer(q: ShortAnswer, response: Any) -> Graded:
    if response is not None and not isinstance(response, str):
        raise _bad(q, "the text typed", response)
    text = response or ""
    ok = bool(text.strip()) and normalise_answer(text) in {normalise_answer(a) for a in q.accept}
    feedback = "" if ok else q.feedback_wrong_html
    parts = [Part("answer", "Your answer", bool(text.strip()), ok, feedback, text, q.accept[0])]
    return Fraction(int(ok)), parts, int(ok), 1, 0


_GRADERS: dict[type[Question], Callable[[Any, Any], Graded]] = {
    SingleChoice: _single,
    MultipleChoice: _multiple,
    TrueFalse: _true_false,
    Matching: _matching,
    Ordering: _ordering,
    ShortAnswer: _short_answer,
}


def grade_attempt(module: Module, responses: dict[str, Any], question_ids: list[str]) -> AttemptResult:
    """Grade the questions of one attempt (``question_ids``, the layout shown); other responses
    are ignored. Objectives with no question in the attempt are left out of ``by_objective``."""
    results: dict[str, QuestionResult] = {}
    for qid in question_ids:
        results[qid] = grade_question(module.question(qid), responses.get(qid))
    by_objective = []
    for objective in module.objectives:
        mine = [results[q.id] for q in module.questions if q.objective == objective.id and q.id in results]
        if mine:
            by_objective.append(ObjectiveScore(objective.id, objective.text, _total(mine), len(mine)))
    return AttemptResult(
        total=_total(list(results.values())),
        max=len(results),
        by_objective=tuple(by_objective),
        unanswered=tuple(qid for qid, r in results.items() if not r.answered),
        results=results,
    )


def _total(results: list[QuestionResult]) -> float:
    # Summing fractions keeps 1/3 + 2/3 == 1 exactly (floats would give 0.9999999999999999).
    return float(sum((r.exact for r in results), Fraction(0)))
