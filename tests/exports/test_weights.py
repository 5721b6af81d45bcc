"""Weights come only from Moodle's list; multiple select follows the course's rule where the list allows."""

from __future__ import annotations

import pytest

from scripts.exports.weights import ALLOWED, MOODLE_PERCENTS, multiple_weights, nearest_percent


def test_the_list_is_moodles():
    assert MOODLE_PERCENTS == (
        "100",
        "90",
        "83.33333",
        "80",
        "75",
        "70",
        "66.66667",
        "60",
        "50",
        "40",
        "33.33333",
        "30",
        "25",
        "20",
        "16.66667",
        "14.28571",
        "12.5",
        "11.11111",
        "10",
        "5",
    )
    assert "33.3" not in ALLOWED and "-33.33333" in ALLOWED and "0" in ALLOWED


@pytest.mark.parametrize("k", [*range(1, 11), 20])
def test_exact_where_a_listed_weight_is_100_over_k(k):
    weights = multiple_weights(k)
    assert len(set(weights.right)) == 1 and not weights.note
    assert abs(float(weights.right[0]) - 100 / k) < 1e-5
    assert weights.wrong == f"-{weights.right[0]}"
    assert round(sum(map(float, weights.right)) / 100, 2) == 1


@pytest.mark.parametrize("k", range(1, 41))
def test_always_listed_and_summing_to_100_or_saying_why_not(k):
    weights = multiple_weights(k)
    assert len(weights.right) == k
    assert set(weights.right) | {weights.wrong} <= ALLOWED
    assert float(weights.wrong) < 0
    total_ok = round(sum(map(float, weights.right)) / 100, 2) == 1
    assert total_ok or "may refuse" in weights.note
    if k in (11, 12, 13):
        assert total_ok and "get" in weights.note  # a documented mix of two listed weights


def test_eleven_right_options_mix_ten_and_five():
    weights = multiple_weights(11)
    assert weights.right == ("10",) * 9 + ("5",) * 2
    assert weights.wrong == "-10"


def test_helpers():
    assert nearest_percent(33.3) == "33.33333"
    assert nearest_percent(7.5) == "10"  # a tie goes to the larger
    with pytest.raises(ValueError):
        multiple_weights(0)
