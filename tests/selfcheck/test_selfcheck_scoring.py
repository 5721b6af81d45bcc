"""Scoring: tables worked out by hand, validation messages, and properties."""

from fractions import Fraction

import pytest

from widgets.selfcheck.items import get_form
from widgets.selfcheck.scoring import AnswerError, band_of, score, to_percent

# Display order of both forms (same layout): R marks the reverse-keyed items.
#  1 goals-1   2 tasks-1   3 bond-1   4 goals-2 R   5 tasks-2   6 bond-2
#  7 goals-3   8 bond-3 R  9 tasks-3 10 goals-4    11 tasks-4 R 12 bond-4


def answers(prefix: str, **by_name: int) -> dict[str, int]:
    """answers("c", goals_1=5, ...) -> {"c-goals-1": 5, ...}"""
    return {f"{prefix}-{k.replace('_', '-')}": v for k, v in by_name.items()}


def all_of(form_id: str, value: int) -> dict[str, int]:
    return {i: value for i in get_form(form_id).item_ids}


def summary(result) -> dict[str, object]:
    out: dict[str, object] = {d: (s.mean, s.score, s.band) for d, s in result.dimensions.items()}
    out["overall"] = (result.overall.mean, result.overall.score, result.overall.band)
    return out


# Each row: form, answers, expected (mean, 0-100, band) per dimension and overall,
# strongest, weakest, missing. Worked by hand in the comments.
HAND_TABLE = [
    pytest.param(
        "client",
        all_of("client", 3),
        # every keyed answer is 3 (6 - 3 = 3): mean 3.0 -> (3-1)/4*100 = 50
        {
            "goals": (3.0, 50, "middle"),
            "tasks": (3.0, 50, "middle"),
            "bond": (3.0, 50, "middle"),
            "overall": (3.0, 50, "middle"),
        },
        "even",
        "even",
        (),
        id="client-all-sometimes",
    ),
    pytest.param(
        "client",
        all_of("client", 5),
        # per dimension: 5 + 5 + 5 + (6-5=1) = 16 -> 4.0 -> 75
        {
            "goals": (4.0, 75, "high"),
            "tasks": (4.0, 75, "high"),
            "bond": (4.0, 75, "high"),
            "overall": (4.0, 75, "high"),
        },
        "even",
        "even",
        (),
        id="client-all-always-reverse-items-count-low",
    ),
    pytest.param(
        "client",
        answers(
            "c",
            goals_1=5,
            goals_2=1,
            goals_3=4,
            goals_4=4,
            tasks_1=2,
            tasks_2=3,
            tasks_3=2,
            tasks_4=5,
            bond_1=4,
            bond_2=3,
            bond_3=2,
            bond_4=3,
        ),
        # goals 5 + (6-1=5) + 4 + 4 = 18 -> 4.5 -> 87.5 -> 88 (half up)
        # tasks 2 + 3 + 2 + (6-5=1) = 8 -> 2.0 -> 25
        # bond 4 + 3 + (6-2=4) + 3 = 14 -> 3.5 -> 62.5 -> 63
        # overall 40/12 = 3.333... -> 58.33 -> 58
        {
            "goals": (4.5, 88, "high"),
            "tasks": (2.0, 25, "low"),
            "bond": (3.5, 63, "middle"),
            "overall": (40 / 12, 58, "middle"),
        },
        ("goals",),
        ("tasks",),
        (),
        id="client-mixed",
    ),
    pytest.param(
        "client",
        answers(
            "c",
            goals_1=2,
            goals_2=5,
            goals_3=2,
            goals_4=1,
            tasks_1=2,
            tasks_2=2,
            tasks_3=1,
            tasks_4=5,
            bond_1=2,
            bond_2=2,
            bond_3=5,
            bond_4=1,
        ),
        # every dimension: 2 + 2 + 1 + (6-5=1) = 6 -> 1.5 -> 12.5 -> 13 (half up); overall 18/12 = 1.5
        {"goals": (1.5, 13, "low"), "tasks": (1.5, 13, "low"), "bond": (1.5, 13, "low"), "overall": (1.5, 13, "low")},
        "even",
        "even",
        (),
        id="client-low-halves-round-up",
    ),
    pytest.param(
        "therapist",
        answers(
            "t",
            goals_1=3,
            goals_2=3,
            goals_3=3,
            goals_4=3,
            tasks_1=4,
            tasks_2=4,
            tasks_3=4,
            tasks_4=2,
            bond_1=4,
            bond_2=4,
            bond_3=2,
            bond_4=4,
        ),
        # goals 3+3+3+3 = 12 -> 3.0 -> 50; tasks 4+4+4+(6-2=4) = 16 -> 4.0 -> 75
        # bond 4+4+(6-2=4)+4 = 16 -> 75; overall 44/12 = 3.667 -> 66.67 -> 67
        {
            "goals": (3.0, 50, "middle"),
            "tasks": (4.0, 75, "high"),
            "bond": (4.0, 75, "high"),
            "overall": (44 / 12, 67, "middle"),
        },
        ("tasks", "bond"),
        ("goals",),
        (),
        id="therapist-tie-for-strongest",
    ),
    pytest.param(
        "therapist",
        {k: v for k, v in all_of("therapist", 4).items() if k not in ("t-goals-1", "t-bond-3")},
        # goals and bond each miss an item -> not scored; tasks 4+4+4+(6-4=2) = 14 -> 3.5 -> 63
        {
            "goals": (None, None, None),
            "tasks": (3.5, 63, "middle"),
            "bond": (None, None, None),
            "overall": (None, None, None),
        },
        None,
        None,
        ("t-goals-1", "t-bond-3"),
        id="therapist-missing-reverse-and-plain-item",
    ),
    pytest.param(
        "client",
        {},
        {
            "goals": (None, None, None),
            "tasks": (None, None, None),
            "bond": (None, None, None),
            "overall": (None, None, None),
        },
        None,
        None,
        get_form("client").item_ids,
        id="client-nothing-answered",
    ),
]


@pytest.mark.parametrize("form_id, given_answers, expected, strongest, weakest, missing", HAND_TABLE)
def test_scores_worked_by_hand(form_id, given_answers, expected, strongest, weakest, missing) -> None:
    result = score(form_id, given_answers)
    got = summary(result)
    for key, (mean, pct, band) in expected.items():
        g_mean, g_pct, g_band = got[key]  # type: ignore[misc]
        assert (g_pct, g_band) == (pct, band), key
        assert g_mean == (None if mean is None else pytest.approx(mean)), key
    assert result.strongest == strongest
    assert result.weakest == weakest
    assert result.missing == missing
    assert result.complete is (not missing)


def test_reverse_keying_is_six_minus_value() -> None:
    result = score("client", {"c-goals-2": 1, "c-goals-1": 1})
    assert result.keyed == {"c-goals-1": 1, "c-goals-2": 5}
    assert result.answers == {"c-goals-1": 1, "c-goals-2": 1}


def test_missing_items_are_listed_in_form_order_not_answer_order() -> None:
    given_answers = all_of("client", 4)
    for item_id in ("c-bond-4", "c-goals-1", "c-bond-1"):
        del given_answers[item_id]
    result = score("client", given_answers)
    assert result.missing == ("c-goals-1", "c-bond-1", "c-bond-4")
    assert result.missing_in("bond") == ("c-bond-1", "c-bond-4")
    assert result.dimensions["tasks"].score is not None


@pytest.mark.parametrize(
    "mean, band, pct",
    [
        (Fraction(9, 4), "low", 31),  # 31.25
        (Fraction(5, 2), "middle", 38),  # 37.5 -> 38
        (Fraction(7, 2), "middle", 63),  # 62.5 -> 63
        (Fraction(15, 4), "high", 69),  # 68.75
        (Fraction(1), "low", 0),
        (Fraction(5), "high", 100),
    ],
)
def test_band_boundaries_and_percent(mean: Fraction, band: str, pct: int) -> None:
    assert band_of(mean) == band
    assert to_percent(mean) == pct


def test_band_boundaries_through_score() -> None:
    # goals: goals-1, goals-2 (reverse), goals-3, goals-4
    at_2_5 = answers("c", goals_1=2, goals_2=4, goals_3=3, goals_4=3)  # 2+2+3+3 = 10 -> 2.5
    below = answers("c", goals_1=2, goals_2=4, goals_3=2, goals_4=3)  # 9 -> 2.25
    at_3_75 = answers("c", goals_1=4, goals_2=2, goals_3=4, goals_4=3)  # 15 -> 3.75
    assert score("client", at_2_5).dimensions["goals"].band == "middle"
    assert score("client", below).dimensions["goals"].band == "low"
    assert score("client", at_3_75).dimensions["goals"].band == "high"


BAD_ANSWERS = [
    (
        {"c-goal-1": 3},
        "Unknown item 'c-goal-1' for the client form (did you mean 'c-goals-1'?). Item ids look like 'c-goals-1'.",
    ),
    ({"zzz": 3}, "Unknown item 'zzz' for the client form. Item ids look like 'c-goals-1'."),
    ({"c-goals-1": 0}, "Item c-goals-1 (number 1): 0 is outside the scale 1 to 5."),
    ({"c-bond-4": 6}, "Item c-bond-4 (number 12): 6 is outside the scale 1 to 5."),
    ({"c-tasks-1": "3"}, "Item c-tasks-1 (number 2): expected a whole number from 1 to 5, got '3'."),
    ({"c-tasks-1": 3.0}, "Item c-tasks-1 (number 2): expected a whole number from 1 to 5, got 3.0."),
    ({"c-tasks-1": True}, "Item c-tasks-1 (number 2): expected a whole number from 1 to 5, got True."),
    ({"c-tasks-1": None}, "Item c-tasks-1 (number 2): expected a whole number from 1 to 5, got None."),
]


@pytest.mark.parametrize("bad, message", BAD_ANSWERS)
def test_bad_answers_are_refused_naming_the_item(bad, message) -> None:
    with pytest.raises(ValueError) as info:
        score("client", bad)
    assert str(info.value) == message
    assert isinstance(info.value, AnswerError)


def test_other_forms_items_and_bad_containers_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^Unknown item 't-goals-1' for the client form"):
        score("client", {"t-goals-1": 3})
    with pytest.raises(ValueError, match=r"^Answers should map item ids to numbers, got list\.$"):
        score("client", [3, 3])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^Unknown form 'Client'"):
        score("Client", {})


def test_scores_dict_is_json_ready() -> None:
    result = score("therapist", all_of("therapist", 3))
    assert result.scores_dict()["overall"] == {"mean": 3.0, "score": 50, "band": "middle"}


# --- properties --------------------------------------------------------------------------
