"""Scoring the alliance self-check.

The rule, in full:

1. Every answer must be a whole number from 1 to 5 for an item of the chosen form.
   Anything else is refused with a ``ValueError`` (an ``AnswerError``) that names the item.
2. Reverse keying: a reverse-keyed item counts as ``6 - answer``; other items count as given.
3. A dimension (goals, tasks, bond) is scored only when all 4 of its items are answered.
   Its score is the mean of its 4 keyed answers (1 to 5), also shown on 0 to 100 as
   ``(mean - 1) / 4 * 100`` rounded to a whole number (halves round up).
4. Overall is the mean of all 12 keyed answers, scored only when every item is answered.
   (It is not the mean of the rounded 0 to 100 dimension scores.)
5. Missing answers are never guessed. ``Result.missing`` lists the unanswered item ids in
   form order, and every score that needs one of them is ``None``.
6. Bands on the 1 to 5 mean: low below 2.5; middle from 2.5 up to (not including) 3.75;
   high from 3.75. The same bands apply to dimensions and to overall.
7. Profile (only when all three dimensions are scored): ``strongest`` and ``weakest`` are
   tuples of the dimensions with the highest and the lowest mean. Ties are reported as they
   are, e.g. ``("goals", "bond")``. When all three are equal both are ``"even"``.

All arithmetic is exact (integers and fractions), so boundaries such as 2.5 and 3.75 and the
ties in the profile never depend on floating-point rounding.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from widgets.suggest import did_you_mean

from .items import DIMENSIONS, SCALE_MAX, SCALE_MIN, Form, get_form

Band = Literal["low", "middle", "high"]
BANDS: tuple[Band, ...] = ("low", "middle", "high")
LOW_BELOW = Fraction(5, 2)
HIGH_FROM = Fraction(15, 4)

Profile = tuple[str, ...] | Literal["even"] | None


class SelfCheckError(ValueError):
    """Base of the self-check's own errors; a ``ValueError`` so callers may catch either."""


class AnswerError(SelfCheckError):
    """An answer that cannot be scored: unknown item, wrong type, or outside 1 to 5."""


@dataclass(frozen=True, slots=True)
class Score:
    """A mean on the 1 to 5 scale with its 0 to 100 form and band; ``None`` when not scored."""

    mean: float | None
    score: int | None
    band: Band | None
    exact_mean: Fraction | None = None

    @classmethod
    def of(cls, keyed: list[int] | None) -> "Score":
        if not keyed:
            return cls(None, None, None, None)
        mean = Fraction(sum(keyed), len(keyed))
        return cls(float(mean), to_percent(mean), band_of(mean), mean)

    @property
    def scored(self) -> bool:
        return self.exact_mean is not None


@dataclass(frozen=True, slots=True)
class Result:
    """What ``score`` returns. ``answers`` holds the raw answers, ``keyed`` the keyed ones."""

    form_id: str
    answers: Mapping[str, int]
    keyed: Mapping[str, int]
    dimensions: Mapping[str, Score]
    overall: Score
    missing: tuple[str, ...]
    strongest: Profile
    weakest: Profile

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def form(self) -> Form:
        return get_form(self.form_id)

    def missing_in(self, dimension: str) -> tuple[str, ...]:
        """Unanswered item ids of one dimension, in form order."""
        form = self.form
        return tuple(i for i in self.missing if form.item(i).dimension == dimension)

    def scores_dict(self) -> dict[str, dict[str, object]]:
        """JSON-ready scores: per dimension and ``overall``, each with mean, score and band."""
        out: dict[str, dict[str, object]] = {}
        for name, s in [*self.dimensions.items(), ("overall", self.overall)]:
            out[name] = {"mean": s.mean, "score": s.score, "band": s.band}
        return out


def to_percent(mean: Fraction) -> int:
    """``(mean - 1) / 4 * 100`` rounded to the nearest whole number, halves up."""
    value = (mean - 1) * 25
    return math.floor(value + Fraction(1, 2))


def band_of(mean: Fraction) -> Band:
    """low below 2.5, middle from 2.5 up to 3.75, high from 3.75 (on the 1 to 5 mean)."""
    if mean < LOW_BELOW:
        return "low"
    if mean < HIGH_FROM:
        return "middle"
    return "high"


def check_answer(form: Form, item_id: object, value: object) -> int:
    """The answer as an int, or ``AnswerError`` naming the item and what was wrong."""
    if not isinstance(item_id, str) or item_id not in form.item_ids:
        hint = did_you_mean(item_id, form.item_ids) if isinstance(item_id, str) else ""
        raise AnswerError(
            f"Unknown item {item_id!r} for the {form.id} form{hint}. Item ids look like {form.item_ids[0]!r}."
        )
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError(
            f"Item {item_id} (number {form.number(item_id)}): expected a whole number "
            f"from {SCALE_MIN} to {SCALE_MAX}, got {value!r}."
        )
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise AnswerError(
            f"Item {item_id} (number {form.number(item_id)}): {value} is outside the scale {SCALE_MIN} to {SCALE_MAX}."
        )
    return value


def keyed_value(reverse: bool, value: int) -> int:
    """Reverse keying: ``6 - value`` for reverse items (on 1 to 5), else ``value``."""
    return SCALE_MIN + SCALE_MAX - value if reverse else value


def score(form_id: str, answers: Mapping[str, int]) -> Result:
    """Score one set of answers for one form; see the module docstring for the rule."""
    form = get_form(form_id)
    if not isinstance(answers, Mapping):
        raise AnswerError(f"Answers should map item ids to numbers, got {type(answers).__name__}.")
    checked = {item_id: check_answer(form, item_id, value) for item_id, value in answers.items()}
    ordered = {i.id: checked[i.id] for i in form.items if i.id in checked}
    keyed = {i.id: keyed_value(i.reverse, checked[i.id]) for i in form.items if i.id in checked}
    missing = tuple(i for i in form.item_ids if i not in checked)

    dimensions: dict[str, Score] = {}
    for dim in DIMENSIONS:
        items = form.items_for(dim)
        complete = all(i.id in keyed for i in items)
        dimensions[dim] = Score.of([keyed[i.id] for i in items] if complete else None)
    overall = Score.of(list(keyed.values()) if not missing else None)
    strongest, weakest = profile(dimensions)
    return Result(form.id, ordered, keyed, dimensions, overall, missing, strongest, weakest)


def profile(dimensions: Mapping[str, Score]) -> tuple[Profile, Profile]:
    """(strongest, weakest): tuples of tied dimensions, ``"even"`` if all equal, ``None`` if any unscored."""
    means = {d: s.exact_mean for d, s in dimensions.items()}
    if any(m is None for m in means.values()):
        return None, None
    values = set(means.values())
    if len(values) == 1:
        return "even", "even"
    top, bottom = max(values), min(values)  # type: ignore[type-var]
    return (
        tuple(d for d, m in means.items() if m == top),
        tuple(d for d, m in means.items() if m == bottom),
    )
