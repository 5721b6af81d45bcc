"""The goals/tasks/bond classifier: static form first, Python-graded feedback after."""

import pytest

from widgets.classifier import COMPONENTS, STATEMENTS, check


def test_all_right_scores_full_marks_and_explains_each():
    result = check({"answers": {s.id: s.component for s in STATEMENTS}})
    assert (result["score"], result["max"]) == (len(STATEMENTS), len(STATEMENTS))
    assert result["summary"] == f"{len(STATEMENTS)} of {len(STATEMENTS)} right."
    for item, statement in zip(result["results"], STATEMENTS, strict=True):
        assert item["correct"] and statement.why.replace("'", "&#x27;") in item["html"]


def test_a_wrong_choice_names_the_right_component():
    first = STATEMENTS[0]
    wrong = next(c for c in COMPONENTS if c != first.component)
    result = check({"answers": {first.id: wrong}})
    assert result["score"] == 0
    assert f"mostly about {first.component}" in result["results"][0]["html"]
    assert result["summary"] == f"0 of {len(STATEMENTS)} right. {len(STATEMENTS) - 1} not answered yet."


def test_unanswered_statements_are_reported_not_guessed():
    result = check({"answers": {}})
    assert [r["answered"] for r in result["results"]] == [False] * len(STATEMENTS)
    assert all(r["html"] == "<p>Not answered yet.</p>" for r in result["results"])


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"answers": {"zz": "goals"}}, "unknown statement id(s): zz"),
        ({"answers": "goals"}, "'answers' must map statement ids to 'goals', 'tasks' or 'bond'"),
        ({"answers": {"s2": "trust"}}, "statement s2: 'trust' is not one of goals, tasks, bond"),
    ],
)
def test_bad_payloads_are_refused_with_a_message(payload, message):
    with pytest.raises(ValueError) as error:
        check(payload)
    assert str(error.value) == message
