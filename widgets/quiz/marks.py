"""Marks shown in place, on the question's own options and rows, after a check or a submit.

One mark per option (single, multiple, true/false; keyed by the option's ``value`` in the page),
per pair (matching; keyed by the left index, the select's ``data-left``), per position (ordering;
``"0"`` is the first row as the learner left it) or for the answer field (short answer,
``"answer"``). ``kind`` is what the page styles (an icon and a colour), ``text`` the words said
with it, so a verdict is never colour alone; ``feedback_html`` is the author's feedback for that
option (rendered by the build), ``detail`` plain text such as the right match.

Practice checks of an unanswered question mark nothing (the summary asks for an answer); a review
(exam results) marks the correct options of an unanswered question too.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from .grading import Part, QuestionResult
from .model import Matching, MultipleChoice, Ordering, Question, ShortAnswer, SingleChoice, TrueFalse

MarkKind = Literal["right", "wrong", "missed"]


class Mark(TypedDict):
    key: str
    kind: MarkKind
    text: str
    feedback_html: str
    detail: str


class QuestionMarks(TypedDict):
    type: str
    marks: list[Mark]


def _mark(key: str, kind: MarkKind, text: str, feedback_html: str = "", detail: str = "") -> Mark:
    return {"key": key, "kind": kind, "text": text, "feedback_html": feedback_html, "detail": detail}


def question_marks(question: Question, result: QuestionResult, *, review: bool = False) -> QuestionMarks:
    """The marks for one graded question (see the module docstring)."""
    marks: list[Mark] = []
    if result.answered or review:
        marks = _marks_of(question, result)
    return {"type": question.type, "marks": marks}


def _marks_of(question: Question, result: QuestionResult) -> list[Mark]:
    if isinstance(question, (SingleChoice, MultipleChoice, TrueFalse)):
        return _option_marks(result.parts)
    if isinstance(question, Matching):
        return [_pair_mark(p) for p in result.parts]
    if isinstance(question, Ordering):
        return _ordering_marks(result.parts)
    if isinstance(question, ShortAnswer):
        return [_short_answer_mark(question, result.parts[0])]
    return []


def _option_marks(parts: tuple[Part, ...]) -> list[Mark]:
    marks = []
    for p in parts:
        if p.chosen and p.correct:
            marks.append(_mark(p.key, "right", "Your answer: correct", p.feedback_html))
        elif p.chosen:
            marks.append(_mark(p.key, "wrong", "Your answer: not correct", p.feedback_html))
        elif p.correct:
            # the feedback of a correct option not chosen says why it is right: shown with it
            marks.append(_mark(p.key, "missed", "Correct answer", p.feedback_html))
    return marks


def _pair_mark(p: Part) -> Mark:
    if p.correct:
        return _mark(p.key, "right", "Matched correctly")
    if p.chosen:
        return _mark(p.key, "wrong", "Not matched correctly", detail=f"The match is: {p.expected}")
    return _mark(p.key, "missed", "No match chosen", detail=f"The match is: {p.expected}")


def _ordering_marks(parts: tuple[Part, ...]) -> list[Mark]:
    if not parts or not parts[0].chosen:
        return []  # an order never touched is no answer: the correct order is in the summary
    expected = [p.expected for p in parts]
    marks = []
    for position, p in enumerate(parts):
        if p.correct:
            marks.append(_mark(str(position), "right", "In the right place"))
        else:
            belongs = expected.index(p.given) + 1 if p.given in expected else 0
            detail = f"Belongs in place {belongs} of {len(parts)}" if belongs else ""
            marks.append(_mark(str(position), "wrong", "Not in the right place", detail=detail))
    return marks


def _short_answer_mark(question: ShortAnswer, part: Part) -> Mark:
    accepted = "Accepted answers: " + ", ".join(f"“{a}”" for a in question.accept)
    if part.correct:
        return _mark("answer", "right", "Your answer: accepted")
    if part.chosen:
        return _mark("answer", "wrong", "Your answer: not accepted", part.feedback_html, accepted)
    return _mark("answer", "missed", "Not answered", detail=accepted)
