"""Grading, hand-computed: every question type, practice (one check) and submit (an attempt)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from widgets.quiz.grading import grade_attempt, grade_question, normalise_answer, select_questions
from widgets.quiz.model import Module, matching_choices

F = Fraction

# (question id, response, expected score, expected correct, expected answered)
CHECKS = [
    # single: 1 or 0
    ("et-single", "0", 1, True, True),
    ("et-single", "1", 0, False, True),
    ("et-single", "2", 0, False, True),
    ("et-single", None, 0, False, False),
    ("et-single", "", 0, False, False),
    # multiple: options 0, 1, 3 correct (3 correct), 2 wrong; (right - wrong) / 3 floored at 0
    ("et-multiple", ["0", "1", "3"], 1, True, True),
    ("et-multiple", ["3", "1", "0"], 1, True, True),
    ("et-multiple", ["0"], F(1, 3), False, True),
    ("et-multiple", ["0", "1"], F(2, 3), False, True),
    ("et-multiple", ["0", "2"], 0, False, True),
    ("et-multiple", ["0", "1", "2"], F(1, 3), False, True),
    ("et-multiple", ["0", "1", "2", "3"], F(2, 3), False, True),
    ("et-multiple", ["2"], 0, False, True),
    ("et-multiple", [], 0, False, False),
    # true/false: the answer is false
    ("et-true-false", "false", 1, True, True),
    ("et-true-false", "true", 0, False, True),
    ("et-true-false", False, 1, True, True),
    ("et-true-false", None, 0, False, False),
    # matching: lefts 0->Withdrawal, 1->Confrontation, 2->Withdrawal; choices 0 Withdrawal, 1 Confrontation, 2 Neither
    ("et-matching", {"0": "0", "1": "1", "2": "0"}, 1, True, True),
    ("et-matching", {"0": "0", "1": "0", "2": "0"}, F(2, 3), False, True),
    ("et-matching", {"0": "1", "1": "0", "2": "0"}, F(1, 3), False, True),
    ("et-matching", {"0": "2", "1": "2", "2": "2"}, 0, False, True),
    ("et-matching", {"0": "0"}, F(1, 3), False, True),
    ("et-matching", {"0": "", "1": "", "2": ""}, 0, False, False),
    ("et-matching", {}, 0, False, False),
    # ordering: share of items in their correct position (correct = [0, 1, 2])
    ("et-ordering", [0, 1, 2], 1, True, True),
    ("et-ordering", [2, 1, 0], F(1, 3), False, True),
    ("et-ordering", [1, 0, 2], F(1, 3), False, True),
    ("et-ordering", [0, 2, 1], F(1, 3), False, True),
    ("et-ordering", [1, 2, 0], 0, False, True),
    ("et-ordering", None, 0, False, False),
    # short answer: casefold, strip, collapse spaces, drop one final full stop
    ("et-short", "metacommunication", 1, True, True),
    ("et-short", "Metacommunication", 1, True, True),
    ("et-short", "  META   communication. ", 1, True, True),
    ("et-short", "Meta-Communication.", 1, True, True),
    ("et-short", "metacommunication..", 0, False, True),
    ("et-short", "metacommunication!", 0, False, True),
    ("et-short", "communication", 0, False, True),
    ("et-short", "   ", 0, False, False),
    ("et-short", None, 0, False, False),
]


@pytest.mark.parametrize(("qid", "response", "score", "correct", "answered"), CHECKS)
def test_check_one_question(every_type: Module, qid, response, score, correct, answered) -> None:
    result = grade_question(every_type.question(qid), response)
    assert result.score == pytest.approx(float(score))
    assert (result.correct, result.answered) == (correct, answered)
    assert result.max == 1


def test_matching_choices_are_distinct_rights_then_distractors(every_type: Module) -> None:
    assert matching_choices(every_type.question("et-matching")) == ("Withdrawal", "Confrontation", "Neither")


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Metacommunication", "metacommunication"),
        ("  meta \t communication. ", "meta communication"),
        ("Straße.", "strasse"),
        ("e.g.", "e.g"),
        ("end..", "end."),
        ("", ""),
    ],
)
def test_normalise_answer(text: str, normal: str) -> None:
    assert normalise_answer(text) == normal


def test_multiple_parts_tell_chosen_and_correct(every_type: Module) -> None:
    result = grade_question(every_type.question("et-multiple"), ["0", "2"])
    assert [(p.key, p.chosen, p.correct) for p in result.parts] == [
        ("0", True, True),
        ("1", False, True),
        ("2", True, False),
        ("3", False, True),
    ]
    assert (result.right, result.of, result.wrong_chosen) == (1, 3, 1)


@pytest.mark.parametrize(
    ("qid", "response"),
    [
        ("et-single", "7"),
        ("et-single", 0),
        ("et-single", ["0"]),
        ("et-multiple", "0"),
        ("et-multiple", ["9"]),
        ("et-true-false", "yes"),
        ("et-matching", ["0"]),
        ("et-matching", {"5": "0"}),
        ("et-matching", {"0": "9"}),
        ("et-ordering", [0, 0, 1]),
        ("et-ordering", [0, 1]),
        ("et-ordering", ["0", "1", "2"]),
        ("et-short", 5),
    ],
)
def test_malformed_responses_are_refused_with_the_question_named(every_type: Module, qid, response) -> None:
    with pytest.raises(ValueError, match=qid):
        grade_question(every_type.question(qid), response)


ALL = ["et-single", "et-multiple", "et-true-false", "et-matching", "et-ordering", "et-short"]

# (responses, question ids of the attempt, total, max, {objective: score}, unanswered)
ATTEMPTS = [
    (
        {
            "et-single": "0",
            "et-multiple": ["0", "2"],
            "et-true-false": "true",
            "et-matching": {"0": "0", "1": "1"},
            "et-ordering": [2, 1, 0],
            "et-short": "meta communication",
        },
        ALL,
        3,  # 1 + 0 + 0 + 2/3 + 1/3 + 1
        6,
        {"recognise": F(5, 3), "repair": F(4, 3)},
        [],
    ),
    (
        {
            "et-single": "0",
            "et-multiple": ["0", "1", "3"],
            "et-true-false": "false",
            "et-matching": {"0": "0", "1": "1", "2": "0"},
            "et-ordering": [0, 1, 2],
            "et-short": "Metacommunication.",
        },
        ALL,
        6,
        6,
        {"recognise": 4, "repair": 2},
        [],
    ),
    ({}, ALL, 0, 6, {"recognise": 0, "repair": 0}, ALL),
    (
        {"et-ordering": [1, 0, 2], "et-short": "", "et-single": "0"},  # et-single is not in this attempt
        ["et-ordering", "et-short"],
        F(1, 3),
        2,
        {"repair": F(1, 3)},
        ["et-short"],
    ),
    (
        {"et-multiple": ["0", "1"], "et-matching": {"2": "0"}},
        ["et-multiple", "et-matching", "et-true-false"],
        1,  # 2/3 + 1/3 + 0
        3,
        {"recognise": 1},
        ["et-true-false"],
    ),
]


@pytest.mark.parametrize(("responses", "qids", "total", "maximum", "by_objective", "unanswered"), ATTEMPTS)
def test_submit_an_attempt(every_type: Module, responses, qids, total, maximum, by_objective, unanswered) -> None:
    attempt = grade_attempt(every_type, responses, qids)
    assert attempt.total == pytest.approx(float(total))
    assert attempt.max == maximum
    assert {o.id: o.score for o in attempt.by_objective} == pytest.approx(
        {k: float(v) for k, v in by_objective.items()}
    )
    assert {o.id: o.max for o in attempt.by_objective} == {
        o: sum(every_type.question(q).objective == o for q in qids) for o in by_objective
    }
    assert list(attempt.unanswered) == unanswered
    assert list(attempt.results) == qids


def test_thirds_add_up_exactly(every_type: Module) -> None:
    attempt = grade_attempt(
        every_type, {"et-matching": {"0": "0", "1": "1"}, "et-ordering": [2, 1, 0]}, ["et-matching", "et-ordering"]
    )
    assert attempt.total == 1.0
    assert attempt.percent == 50


def test_an_unknown_question_in_an_attempt_is_an_error(every_type: Module) -> None:
    with pytest.raises(ValueError, match="no question 'nope'"):
        grade_attempt(every_type, {}, ["nope"])


# Layouts are checked here too (not only in the hypothesis file) so they also run inside Pyodide.


def test_no_seed_is_the_source_layout(every_type: Module) -> None:
    layouts = select_questions(every_type)
    assert [lay.question_id for lay in layouts] == [q.id for q in every_type.questions]
    by_id = {lay.question_id: lay for lay in layouts}
    assert by_id["et-single"].options == ("0", "1", "2")
    assert by_id["et-true-false"].options == ("true", "false")
    assert by_id["et-ordering"].items == (2, 1, 0)  # reversed: never the correct order
    assert by_id["et-matching"].choices == (1, 2, 0)  # Confrontation, Neither, Withdrawal: alphabetical
    assert [lay.question_id for lay in select_questions(every_type, 2)] == ["et-single", "et-multiple"]


def test_a_seeded_layout_is_pinned(every_type: Module) -> None:
    """The same link gives the same quiz on every machine and Python: this output must never change
    (the suite also runs in Pyodide). It depends only on ``random.Random(str).random()``."""
    assert [lay.to_json() for lay in select_questions(every_type, 4, "abc")] == PINNED
    assert [lay.to_json() for lay in select_questions(every_type, None, "lecture-7")] == PINNED_ALL


PINNED = [
    {"id": "et-single", "options": ["1", "2", "0"], "items": [], "choices": []},
    {"id": "et-short", "options": [], "items": [], "choices": []},
    {"id": "et-ordering", "options": [], "items": [1, 2, 0], "choices": []},
    {"id": "et-true-false", "options": ["true", "false"], "items": [], "choices": []},
]

PINNED_ALL = [
    {"id": "et-matching", "options": [], "items": [], "choices": [2, 0, 1]},
    {"id": "et-short", "options": [], "items": [], "choices": []},
    {"id": "et-single", "options": ["0", "2", "1"], "items": [], "choices": []},
    {"id": "et-ordering", "options": [], "items": [1, 2, 0], "choices": []},
    {"id": "et-true-false", "options": ["true", "false"], "items": [], "choices": []},
    {"id": "et-multiple", "options": ["3", "2", "0", "1"], "items": [], "choices": []},
]
