"""Mastery per learning objective (widgets/progress/mastery.py), from the latest evidence."""

from __future__ import annotations

import pytest

from widgets.progress.leitner import Card, QuizEvidence
from widgets.progress.mastery import latest_scores, objective_mastery

T0 = 1_764_460_800_000


def test_the_latest_evidence_wins_between_quiz_and_review():
    quiz = {"q1": QuizEvidence(1.0, T0), "q2": QuizEvidence(0.5, T0 + 10)}
    cards = {"q1": Card(1, T0 + 5), "q2": Card(3, T0), "q3": Card(2, T0)}
    assert latest_scores(cards, quiz) == {"q1": 0.0, "q2": 0.5, "q3": 1.0}


@pytest.mark.parametrize(
    ("scores", "level"),
    [
        ({}, "not-started"),
        ({"q1": 1.0}, "getting-there"),  # right, but only 1 of 4 answered
        ({"q1": 1.0, "q2": 1.0}, "mastered"),  # half answered, all right
        ({"q1": 1.0, "q2": 0.6}, "mastered"),  # mean exactly 0.8
        ({"q1": 1.0, "q2": 0.5}, "getting-there"),  # mean 0.75
        ({"q1": 0.5, "q2": 0.5, "q3": 0.5}, "getting-there"),
        ({"q1": 0.0, "q2": 0.9}, "needs-practice"),  # mean 0.45
        ({"other": 1.0}, "not-started"),  # a question of another objective
    ],
)
def test_levels(scores, level):
    m = objective_mastery("mod", "Explain a rupture.", "define", ["q1", "q2", "q3", "q4"], scores)
    assert m.level == level
    assert m.total == 4
    assert m.answered == len([q for q in scores if q.startswith("q")])
