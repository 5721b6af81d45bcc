""" "Which part of the alliance is this?" — sort statements into goals, tasks or bond.

The page shows each statement with three native radio buttons (rendered at build time by
``scripts/classifier_page.py``); Python grades the choices and explains each one (:func:`check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import NotRequired, TypedDict

COMPONENTS: dict[str, str] = {"goals": "Goals", "tasks": "Tasks", "bond": "Bond"}


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    component: str
    why: str


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "s1",
        "“We agreed that what matters most is being able to take the bus to work again.”",
        "goals",
        "This is about the destination: what the two of them are working towards.",
    ),
    Statement(
        "s2",
        "“I trust that she won't think less of me, whatever I tell her.”",
        "bond",
        "Trust and feeling accepted are the emotional tie between the two people: the bond.",
    ),
    Statement(
        "s3",
        "“Writing down my worries each evening makes sense to me as a way to get there.”",
        "tasks",
        "This is about the method: agreeing that an activity in therapy is a useful way forward.",
    ),
    Statement(
        "s4",
        "“He wants me to talk about my childhood, but I don't see how that helps with my panic.”",
        "tasks",
        "The client doubts the method, not the aim or the person: a strain on the tasks.",
    ),
    Statement(
        "s5",
        "“I came to save my marriage, but we only ever talk about my job.”",
        "goals",
        "The two seem to be heading for different destinations: the goals are not shared.",
    ),
    Statement(
        "s6",
        "“She remembered my sister's name and asked how the wedding went. I felt she cared.”",
        "bond",
        "Feeling remembered and cared for is part of the personal bond.",
    ),
)


class CheckRequest(TypedDict):
    #: statement id -> "goals", "tasks" or "bond" (null or left out: not answered)
    answers: NotRequired[dict[str, str | None]]


class StatementResult(TypedDict):
    id: str
    answered: bool
    correct: bool
    html: str


class CheckReply(TypedDict):
    score: int
    max: int
    results: list[StatementResult]
    summary: str


def check(payload: CheckRequest) -> CheckReply:
    """Grade ``{"answers": {statement_id: component}}``; unanswered statements are listed."""
    answers: object = payload.get("answers", {})
    if not isinstance(answers, dict):
        raise ValueError("'answers' must map statement ids to 'goals', 'tasks' or 'bond'")
    known = {s.id for s in STATEMENTS}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValueError(f"unknown statement id(s): {', '.join(unknown)}")
    results: list[StatementResult] = []
    correct = 0
    for statement in STATEMENTS:
        choice = answers.get(statement.id)
        if choice is not None and choice not in COMPONENTS:
            raise ValueError(f"statement {statement.id}: {choice!r} is not one of goals, tasks, bond")
        is_correct = choice == statement.component
        correct += is_correct
        if choice is None:
            html = "<p>Not answered yet.</p>"
        else:
            verdict = (
                "Right"
                if is_correct
                else f"Not quite: this one is mostly about {COMPONENTS[statement.component].lower()}"
            )
            html = f"<p><strong>{escape(verdict)}.</strong> {escape(statement.why)}</p>"
        results.append({"id": statement.id, "answered": choice is not None, "correct": is_correct, "html": html})
    answered = sum(r["answered"] for r in results)
    summary = f"{correct} of {len(STATEMENTS)} right."
    if answered < len(STATEMENTS):
        summary += f" {len(STATEMENTS) - answered} not answered yet."
    return {"score": correct, "max": len(STATEMENTS), "results": results, "summary": summary}
