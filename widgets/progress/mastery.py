"""Mastery of each learning objective, from the latest answer to each of its questions.

The rule
--------
For every question take the latest evidence: its score in the latest scored quiz attempt or
the latest "Check answer" of it in practice mode (0 to 1), or its last review answer (1 if fully right, 0 if not; a question in box 1 was last
answered wrongly, one in a higher box rightly), whichever is later. For an objective with N
questions of which k have evidence, with mean score s over those k:

* *Not started*: k = 0.
* *Mastered*: s >= 0.8 and k >= N / 2 (at least half of its questions answered).
* *Getting there*: s >= 0.5, but not mastered.
* *Needs practice*: s < 0.5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .leitner import Card, QuizEvidence

MASTERED = 0.8
GETTING_THERE = 0.5
LEVELS = ("not-started", "needs-practice", "getting-there", "mastered")
LEVEL_TEXT = {
    "not-started": "Not started",
    "needs-practice": "Needs practice",
    "getting-there": "Getting there",
    "mastered": "Mastered",
}


def latest_scores(cards: Mapping[str, Card], quiz: Mapping[str, QuizEvidence]) -> dict[str, float]:
    """Question id -> its latest score (0-1), from quiz attempts and review answers."""
    out: dict[str, tuple[int, float]] = {qid: (e.at, e.score) for qid, e in quiz.items()}
    for qid, card in cards.items():
        if qid not in out or card.seen >= out[qid][0]:
            out[qid] = (card.seen, 0.0 if card.box == 1 else 1.0)
    return {qid: score for qid, (_, score) in out.items()}


@dataclass(frozen=True, slots=True)
class ObjectiveMastery:
    module_id: str
    objective_id: str
    text: str
    answered: int
    total: int
    mean: float | None

    @property
    def level(self) -> str:
        if not self.answered or self.mean is None:
            return "not-started"
        if self.mean >= MASTERED and 2 * self.answered >= self.total:
            return "mastered"
        return "getting-there" if self.mean >= GETTING_THERE else "needs-practice"


def objective_mastery(
    module_id: str, text: str, objective_id: str, question_ids: Sequence[str], scores: Mapping[str, float]
) -> ObjectiveMastery:
    answered = [scores[q] for q in question_ids if q in scores]
    mean = sum(answered) / len(answered) if answered else None
    return ObjectiveMastery(module_id, objective_id, text, len(answered), len(question_ids), mean)
