"""The Leitner rule of the review (widgets/progress/leitner.py): boxes, rests, and which
questions a session asks. Time is passed in; nothing reads the clock."""

from __future__ import annotations

import pytest

from widgets.progress.leitner import (
    DAY_MS,
    INTERVAL_DAYS,
    Card,
    QuizEvidence,
    answer,
    box_counts,
    effective_cards,
    next_due,
    pick_session,
)

T0 = 1_764_460_800_000  # 2025-11-30 00:00 UTC
MODULES = [("a", ["a1", "a2", "a3"]), ("b", ["b1", "b2"]), ("c", ["c1"])]


def test_intervals_are_1_3_7_16_days():
    assert INTERVAL_DAYS == (1, 3, 7, 16)
    assert [Card(box, T0).due_at() - T0 for box in (1, 2, 3, 4)] == [d * DAY_MS for d in (1, 3, 7, 16)]


@pytest.mark.parametrize(
    ("before", "right", "after_box"),
    [
        (None, True, 2),
        (None, False, 1),
        (1, True, 2),
        (2, True, 3),
        (3, True, 4),
        (4, True, 4),
        (4, False, 1),
        (2, False, 1),
        (1, False, 1),
    ],
)
def test_an_answer_moves_the_question_between_boxes(before, right, after_box):
    card = None if before is None else Card(before, T0)
    moved = answer(card, right, T0 + 5 * DAY_MS)
    assert moved == Card(after_box, T0 + 5 * DAY_MS)


def test_due_exactly_when_the_rest_is_over():
    card = Card(2, T0)
    assert not card.is_due(T0 + 3 * DAY_MS - 1)
    assert card.is_due(T0 + 3 * DAY_MS)


def test_a_wrong_answer_comes_back_after_a_day_and_a_right_one_rests_three():
    cards = {"a1": answer(None, False, T0), "a2": answer(None, True, T0)}
    later_today = pick_session(MODULES, cards, {}, T0 + 1000, size=10)
    assert "a1" not in later_today and "a2" not in later_today  # both resting
    next_day = pick_session(MODULES, cards, {}, T0 + DAY_MS, size=10)
    assert next_day[0] == "a1" and "a2" not in next_day
    three_days = pick_session(MODULES, cards, {}, T0 + 3 * DAY_MS, size=10)
    assert three_days[:2] == ["a1", "a2"]  # lower box first


def test_due_questions_come_first_lowest_box_then_longest_unseen():
    cards = {"b2": Card(2, T0), "a3": Card(1, T0 + DAY_MS), "c1": Card(1, T0)}
    session = pick_session(MODULES, cards, {}, T0 + 10 * DAY_MS, size=10)
    assert session[:3] == ["c1", "a3", "b2"]


def test_quiz_answers_count_wrong_ones_first_and_right_ones_as_box_2():
    quiz = {"a1": QuizEvidence(0.0, T0), "b1": QuizEvidence(0.5, T0), "a2": QuizEvidence(1.0, T0)}
    session = pick_session(MODULES, {}, quiz, T0 + 1000, size=10)
    assert session[:2] == ["a1", "b1"]
    assert "a2" not in session
    assert effective_cards({}, quiz) == {"a2": Card(2, T0)}
    assert "a2" in pick_session(MODULES, {}, quiz, T0 + 3 * DAY_MS, size=10)


def test_new_questions_are_taken_from_each_module_in_turn():
    assert pick_session(MODULES, {}, {}, T0, size=10) == ["a1", "b1", "c1", "a2", "b2", "a3"]
    assert pick_session(MODULES, {}, {}, T0, size=2) == ["a1", "b1"]


def test_a_session_needs_a_size_of_at_least_one():
    with pytest.raises(ValueError, match="at least 1"):
        pick_session(MODULES, {}, {}, T0, size=0)


def test_next_due_and_box_counts():
    cards = [Card(1, T0), Card(4, T0), Card(4, T0 - 20 * DAY_MS)]
    assert next_due(cards, T0) == T0 + DAY_MS
    assert next_due([Card(1, T0)], T0 + 2 * DAY_MS) is None
    assert box_counts(cards) == [1, 0, 0, 2]
