"""Answer weights from Moodle's fixed list of grade fractions.

Moodle's GIFT and XML importers refuse a weight that is not on this list (``33.3`` fails,
``33.33333`` works), so every weight written by an export comes from ``MOODLE_PERCENTS``.

Multiple select: the course scores (right chosen - wrong chosen) / right options, floored at 0.
Moodle adds the fractions of the options chosen and floors at 0 too, so each right option gets
``+100/k`` and each wrong one ``-100/k`` (k = right options): exact for k = 1..10 and 20.
Moodle also needs the right options to add up to 100% (it rounds the sum to 2 decimals, so
3 x 33.33333 passes). For other k no single listed value works; then the right options get the two
listed values either side of 100/k, the larger one first in source order, in the mix that sums
to 100 (e.g. k = 11: nine at 10% and two at 5%), and the wrong options ``-`` the listed value
nearest 100/k. When no such mix exists every right option gets the nearest value and a note
says the sum is off (Moodle will then refuse that question).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Moodle's positive grade fractions, in percent, as Moodle writes them (question_bank::fraction_options_full)
MOODLE_PERCENTS: tuple[str, ...] = (
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
#: every weight Moodle accepts, negatives included
ALLOWED: frozenset[str] = frozenset(MOODLE_PERCENTS) | {"0"} | {f"-{p}" for p in MOODLE_PERCENTS}


def nearest_percent(value: float) -> str:
    """The listed positive percentage nearest ``value`` (ties go to the larger)."""
    return min(MOODLE_PERCENTS, key=lambda p: (abs(float(p) - value), -float(p)))


def _sums_to_100(weights: list[str]) -> bool:
    # Moodle: round($totalfraction, 2) == 1, with fractions = percent / 100
    return round(sum(float(w) for w in weights) / 100, 2) == 1


@dataclass(frozen=True, slots=True)
class MultipleWeights:
    """Weights of a multiple-select question: one per right option (source order), one for every
    wrong option, and a note when they differ from the course's rule."""

    right: tuple[str, ...]
    wrong: str
    note: str = ""


def multiple_weights(k: int) -> MultipleWeights:
    """Weights for a multiple-select question with ``k`` right options."""
    if k < 1:
        raise ValueError(f"a multiple-select question needs at least 1 right option, got {k}")
    ideal = 100 / k
    near = nearest_percent(ideal)
    wrong = f"-{near}"
    if _sums_to_100([near] * k):
        return MultipleWeights((near,) * k, wrong)
    values = sorted(float(p) for p in MOODLE_PERCENTS)
    below = max(v for v in values if v < ideal) if any(v < ideal for v in values) else None
    above = min(v for v in values if v > ideal)
    if below is not None:
        for m in range(1, k):
            low, high = _text(below), _text(above)
            mix = [high] * m + [low] * (k - m)
            if _sums_to_100(mix):
                return MultipleWeights(
                    tuple(mix),
                    wrong,
                    f"{k} right options: no listed Moodle weight is 100/{k}, so {m} get {high}% and "
                    f"{k - m} get {low}% (first in source order get the larger); the course gives each "
                    f"{ideal:.2f}%",
                )
    total = float(near) * k
    return MultipleWeights(
        (near,) * k,
        wrong,
        f"{k} right options: no mix of listed Moodle weights adds up to 100%; each gets {near}% "
        f"(sum {total:g}%), which Moodle may refuse",
    )


def _text(value: float) -> str:
    for p in MOODLE_PERCENTS:
        if float(p) == value:
            return p
    raise ValueError(f"{value} is not a listed Moodle weight")
