"""Spaced review with Leitner boxes: which questions a review session asks, and where an answer moves them.

The rule
--------
Every question the reader has answered in a review sits in one of four boxes. A box says how long
the question rests before it is asked again, counted from the last time it was answered:

====  =========
box   rests for
====  =========
1     1 day
2     3 days
3     7 days
4     16 days
====  =========

* A fully right answer moves the question up one box (a question seen for the first time goes to
  box 2; box 4 stays box 4). Anything less than fully right (a wrong or partly right answer, or
  no answer) moves it back to box 1.
* A question is *due* once its rest is over (exactly at the end of the rest counts as due).
* A session asks up to ``size`` questions (default 10): first every due question, those in the
  lowest box first and, within a box, those not seen for longest; then questions answered wrongly
  in a quiz and never reviewed; then questions never answered anywhere, taking one from each
  module in course order in turn so the session spans the course. A question answered right in
  a quiz and never reviewed counts as box 2, last seen when the quiz was scored. Questions still
  resting are never asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DAY_MS = 86_400_000
INTERVAL_DAYS: tuple[int, ...] = (1, 3, 7, 16)
BOXES = len(INTERVAL_DAYS)
SESSION_SIZE = 10


@dataclass(frozen=True, slots=True)
class Card:
    """Where one question stands: its box (1-4) and when it was last answered (ms)."""

    box: int
    seen: int

    def due_at(self) -> int:
        return self.seen + INTERVAL_DAYS[self.box - 1] * DAY_MS

    def is_due(self, now: int) -> bool:
        return now >= self.due_at()

    def to_dict(self) -> dict[str, int]:
        return {"box": self.box, "seen": self.seen}


def answer(card: Card | None, fully_right: bool, now: int) -> Card:
    """The card after an answer at ``now`` (see the rule in the module docstring)."""
    if not fully_right:
        return Card(1, now)
    box = 2 if card is None else min(card.box + 1, BOXES)
    return Card(box, now)


@dataclass(frozen=True, slots=True)
class QuizEvidence:
    """A question's score in the latest scored quiz attempt (0-1) and when that was (ms)."""

    score: float
    at: int


def effective_cards(cards: Mapping[str, Card], quiz: Mapping[str, QuizEvidence]) -> dict[str, Card]:
    """Review cards, plus a card for each question answered right in a quiz and never reviewed."""
    out = dict(cards)
    for qid, evidence in quiz.items():
        if qid not in out and evidence.score >= 1:
            out[qid] = Card(2, evidence.at)
    return out


def _round_robin(groups: Sequence[Sequence[str]]) -> list[str]:
    out: list[str] = []
    for i in range(max((len(g) for g in groups), default=0)):
        out.extend(g[i] for g in groups if i < len(g))
    return out


def pick_session(
    modules: Sequence[tuple[str, Sequence[str]]],
    cards: Mapping[str, Card],
    quiz: Mapping[str, QuizEvidence],
    now: int,
    size: int = SESSION_SIZE,
) -> list[str]:
    """The question ids of a session, in the order to ask them.

    ``modules`` is the course's modules in order, each with its question ids in order.
    """
    if size < 1:
        raise ValueError(f"a review session needs at least 1 question, not {size}")
    known = [qid for _, qids in modules for qid in qids]
    effective = effective_cards(cards, quiz)
    due = sorted(
        (qid for qid in known if qid in effective and effective[qid].is_due(now)),
        key=lambda qid: (effective[qid].box, effective[qid].seen, known.index(qid)),
    )
    wrong_in_quiz = sorted(
        (qid for qid in known if qid not in effective and qid in quiz),
        key=lambda qid: (quiz[qid].score, quiz[qid].at, known.index(qid)),
    )
    new = _round_robin([[q for q in qids if q not in effective and q not in quiz] for _, qids in modules])
    return [*due, *wrong_in_quiz, *new][:size]


def next_due(cards: Iterable[Card], now: int) -> int | None:
    """When the next resting question becomes due (ms), or None if none is resting."""
    waiting = [c.due_at() for c in cards if not c.is_due(now)]
    return min(waiting) if waiting else None


def box_counts(cards: Iterable[Card]) -> list[int]:
    counts = [0] * BOXES
    for card in cards:
        counts[card.box - 1] += 1
    return counts
