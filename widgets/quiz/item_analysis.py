"""Item analysis of a class's attempts at one module: how each question performed (stdlib only;
runs on CPython and in Pyodide).

Fed with scored attempts (``Scored``: the questions an attempt showed, its responses as a results
code holds them, and the grader's score per question) and the quiz model, ``analyse`` gives a
``ModuleReport``. The definitions follow Moodle's quiz statistics report where the two overlap
(question/classes/statistics/questions/calculator.php and mod/quiz/report/statistics; both use
sample variances, dividing by n - 1):

- facility F = mean item score / item max (Moodle's facility index, shown as a percentage);
- SD = sample standard deviation of the item score / item max;
- random-guess score = the expected score of an answer picked uniformly at random
  (Moodle: the mean option fraction for single choice, 0 for short answer; Moodle gives none
  for multiple select, which here is the mean over every non-empty set of options);
- discrimination = Pearson correlation of the item score with the rest of the test (the
  attempt's total minus this item), as Moodle's discrimination index; discriminative
  efficiency = cov(item, rest) / the largest covariance the two sets of marks allow (both sorted);
- upper-lower index D = facility in the top 27 % of attempts minus facility in the bottom 27 %
  (Kelley's groups: round(0.27 N) attempts each, at least 1; ties keep the order of the input);
- test: mean, median and sample SD of the attempts' scores; Cronbach's alpha
  k / (k - 1) * (1 - sum of item variances / variance of totals), Moodle's "coefficient of
  internal consistency", which equals KR-20 when every item scores 0 or 1; standard error of
  measurement SEM = SD * sqrt(1 - alpha).

Attempts answered with different seeds or counts may show different questions. Item figures use
the attempts that showed the item; "rest of the test" is then the share of the rest's marks
scored, so attempts of different lengths compare. Alpha and SEM need every attempt to have
answered the same questions, and are left out (with the reason) when they did not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Any

from .grading import normalise_answer
from .model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
    plain_text,
)

#: fewer attempts than this and the report warns that its figures are unsteady
MIN_ATTEMPTS = 30
#: Kelley's share of attempts in each of the top and bottom groups
GROUP_SHARE = 0.27
#: facility at or above which a question is very easy, at or below which it is very hard
VERY_EASY = 0.9
VERY_HARD = 0.2
#: discrimination below this is low (Moodle's help calls under 20 % weak or very weak)
LOW_DISCRIMINATION = 0.2
#: histogram of attempt scores: this many equal bins from 0 % to 100 % (100 % in the last)
BINS = 10
#: short answers: the most frequent texts listed one by one; the rest are counted together
TOP_TEXTS = 8


def report_key(decoded: Any) -> tuple[str, str]:
    """What codes must share to be pooled in one report: the module and its content version.

    Works on an ``Attempt`` (or anything with ``module_id``) and on a dict. A decoded code that
    carries no version (codes from before versioned codes) is keyed by its module id alone."""

    def get(name: str) -> Any:
        return decoded.get(name) if isinstance(decoded, dict) else getattr(decoded, name, None)

    module_id = get("module_id") or get("module")
    version = get("version")
    return (str(module_id), "" if version in (None, "") else str(version))


@dataclass(frozen=True)
class Scored:
    """One attempt as the analysis needs it: questions shown (in order), the responses as a code
    holds them, and each question's score and maximum from the course's grader."""

    question_ids: tuple[str, ...]
    responses: dict[str, Any]
    scores: dict[str, float]
    maxima: dict[str, int]
    total: float = field(init=False)
    max: int = field(init=False)
    share: float = field(init=False)

    def __post_init__(self) -> None:
        total = math.fsum(self.scores[q] for q in self.question_ids)
        top = sum(self.maxima[q] for q in self.question_ids)
        object.__setattr__(self, "total", total)
        object.__setattr__(self, "max", top)
        object.__setattr__(self, "share", total / top if top else 0.0)


ChoiceKey = tuple[str, str, bool | None]  # key, label, whether it is right (None: neither)


@dataclass
class ChoiceRow:
    """How often one option (choice, item, text) was given: by everyone who saw the question,
    and in the top and bottom groups. ``correct`` is None for "no answer" and "other" rows."""

    key: str
    label: str
    correct: bool | None
    count: int
    upper: int
    lower: int


@dataclass
class ChoiceGroup:
    """The rows of one part: the whole question, a matching left text, or an ordering position."""

    label: str
    rows: list[ChoiceRow]


@dataclass
class QuestionStats:
    id: str
    number: int
    type: str
    objective: str
    text: str
    n: int
    facility: float | None
    sd: float | None
    random_guess: float
    discrimination: float | None
    efficiency: float | None
    upper_lower: float | None
    upper_n: int
    lower_n: int
    groups: list[ChoiceGroup]
    flags: list[str] = field(default_factory=list)


@dataclass
class Bin:
    low: int
    high: int
    count: int


@dataclass
class TestStats:
    attempts: int
    forms: int
    max: int | None
    mean: float | None
    median: float | None
    sd: float | None
    alpha: float | None
    sem: float | None
    alpha_note: str
    histogram: list[Bin]


@dataclass
class ObjectiveStats:
    id: str
    text: str
    questions: int
    answers: int
    mean: float | None


@dataclass
class ModuleReport:
    module_id: str
    version: str
    title: str
    test: TestStats
    questions: list[QuestionStats]
    objectives: list[ObjectiveStats]
    warnings: list[str]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# --- plain statistics (sample variances, n - 1) ---


def mean(values: list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def covariance(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = math.fsum(xs) / n, math.fsum(ys) / n
    return math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (n - 1)


def variance(xs: list[float]) -> float | None:
    return covariance(xs, xs)


def sd(xs: list[float]) -> float | None:
    v = variance(xs)
    return None if v is None else math.sqrt(max(v, 0.0))


def correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r; None when either side does not vary (it is not defined)."""
    cov, vx, vy = covariance(xs, ys), variance(xs), variance(ys)
    if cov is None or not vx or not vy or vx * vy <= 1e-24:
        return None
    return max(-1.0, min(1.0, cov / math.sqrt(vx * vy)))


def efficiency(xs: list[float], ys: list[float]) -> float | None:
    """cov(x, y) over the largest covariance these marks allow (both sorted), as Moodle."""
    cov, top = covariance(xs, ys), covariance(sorted(xs), sorted(ys))
    if cov is None or not top or abs(top) <= 1e-12:
        return None
    return cov / top


def cronbach_alpha(items: list[list[float]]) -> float | None:
    """alpha = k/(k-1) * (1 - sum var(item) / var(total)), items as columns of equal length.
    None with fewer than 2 items or 2 attempts, or when the totals do not vary."""
    k = len(items)
    if k < 2 or len(items[0]) < 2:
        return None
    totals = [math.fsum(row) for row in zip(*items, strict=True)]
    var_total = variance(totals)
    if not var_total or var_total <= 1e-12:
        return None
    return k / (k - 1) * (1 - math.fsum(variance(col) or 0.0 for col in items) / var_total)


# --- what a random answer scores ---


def random_guess(q: Question) -> float:
    """The expected score of an answer picked uniformly at random (every question is worth 1)."""
    if isinstance(q, SingleChoice):
        return sum(o.correct for o in q.options) / len(q.options)
    if isinstance(q, TrueFalse):
        return 0.5
    if isinstance(q, MultipleChoice):
        n_correct = sum(o.correct for o in q.options)
        if not n_correct:
            return 0.0
        total, count = Fraction(0), 0
        for size in range(1, len(q.options) + 1):
            for chosen in combinations(q.options, size):
                right = sum(o.correct for o in chosen)
                total += max(Fraction(0), Fraction(right - (size - right), n_correct))
                count += 1
        return float(total / count)
    if isinstance(q, Matching):
        return 1 / len(matching_choices(q))
    if isinstance(q, Ordering):
        return 1 / len(q.items)
    return 0.0  # short answer: a random text is never an accepted answer


# --- what was chosen ---


def _label(html: str) -> str:
    return plain_text(html)


def _choice_groups(q: Question, responses: list[Any], upper: list[bool], lower: list[bool]) -> list[ChoiceGroup]:
    """Option, choice, position or text frequencies for the responses of everyone who saw ``q``
    (``upper[i]``/``lower[i]``: whether response i's attempt is in the top/bottom group)."""

    def rows_for(keys: list[ChoiceKey], picked: list[set[str]]) -> list[ChoiceRow]:
        rows = []
        for key, label, correct in keys:
            count = up = low = 0
            for i, chosen in enumerate(picked):
                if key in chosen:
                    count += 1
                    up += upper[i]
                    low += lower[i]
            rows.append(ChoiceRow(key, label, correct, count, up, low))
        return rows

    none: ChoiceKey = ("none", "No answer", None)
    keys: list[ChoiceKey]
    if isinstance(q, (SingleChoice, MultipleChoice)):
        keys = [(str(i), _label(o.text_html), o.correct) for i, o in enumerate(q.options)]
        picked = [set(r) if isinstance(r, list) else ({r} if r is not None else {"none"}) for r in responses]
        return [ChoiceGroup("", rows_for(keys + [none], picked))]
    if isinstance(q, TrueFalse):
        keys = [("true", "True", q.answer is True), ("false", "False", q.answer is False), none]
        return [ChoiceGroup("", rows_for(keys, [{r if r is not None else "none"} for r in responses]))]
    if isinstance(q, Matching):
        choices = matching_choices(q)
        groups = []
        for i, pair in enumerate(q.pairs):
            keys = [(str(c), text, text == pair.right) for c, text in enumerate(choices)] + [none]
            picked = [{(r or {}).get(str(i)) or "none"} for r in responses]
            groups.append(ChoiceGroup(_label(pair.left_html), rows_for(keys, picked)))
        return groups
    if isinstance(q, Ordering):
        groups = []
        for position in range(len(q.items)):
            keys = [(str(item), _label(html), item == position) for item, html in enumerate(q.items_html)] + [none]
            picked = [{str(r[position]) if r else "none"} for r in responses]
            groups.append(ChoiceGroup(f"Position {position + 1}", rows_for(keys, picked)))
        return groups
    if isinstance(q, ShortAnswer):
        accepted = {normalise_answer(a) for a in q.accept}
        texts = [normalise_answer(r) if isinstance(r, str) and r.strip() else None for r in responses]
        counts: dict[str, int] = {}
        for text in texts:
            if text is not None:
                counts[text] = counts.get(text, 0) + 1
        shown = sorted(counts, key=lambda t: (t not in accepted, -counts[t], t))
        listed = [t for t in shown if t in accepted] + [t for t in shown if t not in accepted][:TOP_TEXTS]
        others = {t for t in counts if t not in listed}
        picked = [{"none"} if t is None else {"other"} if t in others else {t} for t in texts]
        keys = [(t, t, t in accepted) for t in listed]
        if others:
            keys.append(("other", f"Other answers ({len(others)} different)", None))
        return [ChoiceGroup("", rows_for(keys + [none], picked))]
    return []


# --- flags in plain words ---


def _percent(value: float) -> str:
    return f"{100 * value:.0f} %"


def _flags(q: Question, stats: QuestionStats) -> list[str]:
    flags = []
    if stats.facility is not None:
        if stats.facility >= VERY_EASY:
            flags.append(
                f"Very easy: the class scored {_percent(stats.facility)} of its marks; it tells "
                "strong and weak students apart little."
            )
        elif stats.facility <= VERY_HARD:
            flags.append(
                f"Very hard: the class scored only {_percent(stats.facility)} of its marks; check "
                "the key and whether the lesson covers it."
            )
        if 0 < stats.facility <= stats.random_guess and stats.n >= 2:
            flags.append(
                f"No better than guessing: answering at random would score {_percent(stats.random_guess)} on average."
            )
    if stats.discrimination is not None:
        if stats.discrimination < 0:
            flags.append(
                "Negative discrimination: students who did well on the rest of the test did worse on "
                "this question; check the key and the wording."
            )
        elif stats.discrimination < LOW_DISCRIMINATION:
            flags.append(
                f"Low discrimination ({stats.discrimination:.2f}): this question barely separates students "
                "who did well on the rest of the test from those who did not."
            )
    if isinstance(q, (SingleChoice, MultipleChoice, Matching)) and stats.n:
        wrong: dict[str, tuple[str, int, int, int]] = {}
        for group in stats.groups:
            for row in group.rows:
                if row.correct is False:
                    label, count, up, low = wrong.get(row.key, (row.label, 0, 0, 0))
                    wrong[row.key] = (label, count + row.count, up + row.upper, low + row.lower)
        if isinstance(q, Matching):  # a choice that is right for some pair is no distractor
            rights = {p.right for p in q.pairs}
            wrong = {k: v for k, v in wrong.items() if v[0] not in rights}
        for label, count, up, low in wrong.values():
            if count == 0:
                flags.append(f"Distractor nobody chose: \u201c{label}\u201d; it does no work and could be replaced.")
            elif up * stats.lower_n > low * stats.upper_n:  # up / upper_n > low / lower_n
                flags.append(
                    f"Distractor chosen more by the top group ({up} of {stats.upper_n}) than by the bottom "
                    f"group ({low} of {stats.lower_n}): \u201c{label}\u201d; it may be arguably right, or "
                    "the question misleading."
                )
    return flags


# --- the report ---


def _groups(attempts: list[Scored]) -> tuple[list[bool], list[bool], int]:
    """Which attempts are in the top and bottom 27 % by score share (ties: input order)."""
    n = len(attempts)
    size = max(1, round(GROUP_SHARE * n)) if n >= 2 else 0
    order = sorted(range(n), key=lambda i: attempts[i].share)  # stable: ties keep the input order
    lower, upper = [False] * n, [False] * n
    for i in order[:size]:
        lower[i] = True
    for i in order[n - size :] if size else []:
        upper[i] = True
    return upper, lower, size


def _question_stats(
    q: Question, number: int, attempts: list[Scored], upper: list[bool], lower: list[bool]
) -> QuestionStats:
    seen = [i for i, a in enumerate(attempts) if q.id in a.scores]
    xs = [attempts[i].scores[q.id] / attempts[i].maxima[q.id] for i in seen]
    rest_x, rest_y = [], []
    for i, x in zip(seen, xs, strict=True):
        a = attempts[i]
        rest_max = a.max - a.maxima[q.id]
        if rest_max > 0:
            rest_x.append(x)
            rest_y.append((a.total - a.scores[q.id]) / rest_max)
    up = [x for i, x in zip(seen, xs, strict=True) if upper[i]]
    low = [x for i, x in zip(seen, xs, strict=True) if lower[i]]
    stats = QuestionStats(
        id=q.id,
        number=number,
        type=q.type,
        objective=q.objective,
        text=plain_text(q.text_html),
        n=len(seen),
        facility=mean(xs),
        sd=sd(xs),
        random_guess=random_guess(q),
        discrimination=correlation(rest_x, rest_y),
        efficiency=efficiency(rest_x, rest_y),
        upper_lower=(mean(up) - mean(low)) if up and low else None,  # type: ignore[operator]
        upper_n=len(up),
        lower_n=len(low),
        groups=_choice_groups(
            q, [attempts[i].responses.get(q.id) for i in seen], [upper[i] for i in seen], [lower[i] for i in seen]
        ),
    )
    stats.flags = _flags(q, stats)
    return stats


def _histogram(shares: list[float]) -> list[Bin]:
    counts = [0] * BINS
    for share in shares:
        counts[min(BINS - 1, int(share * BINS + 1e-9))] += 1
    step = 100 // BINS
    return [Bin(i * step, (i + 1) * step, c) for i, c in enumerate(counts)]


def _test_stats(attempts: list[Scored]) -> TestStats:
    forms = {tuple(sorted(a.question_ids)) for a in attempts}
    shares = [a.share for a in attempts]
    one_form = len(forms) == 1
    alpha = sem = None
    note = ""
    if not attempts:
        note = "no attempts"
    elif not one_form:
        note = (
            f"not computed: the attempts answered {len(forms)} different sets of questions (different "
            "seeds or numbers of questions); alpha needs one set"
        )
    else:
        ids = sorted(next(iter(forms)))
        if len(ids) < 2:
            note = "not computed: it needs at least 2 questions"
        elif len(attempts) < 2:
            note = "not computed: it needs at least 2 attempts"
        else:
            alpha = cronbach_alpha([[a.scores[q] for a in attempts] for q in ids])
            if alpha is None:
                note = "not computed: every attempt has the same score"
            else:
                total_sd = sd([a.total for a in attempts]) or 0.0
                sem = total_sd * math.sqrt(max(0.0, 1 - alpha)) / attempts[0].max
    return TestStats(
        attempts=len(attempts),
        forms=len(forms),
        max=attempts[0].max if one_form and attempts else None,
        mean=mean(shares),
        median=median(shares),
        sd=sd(shares),
        alpha=alpha,
        sem=sem,
        alpha_note=note,
        histogram=_histogram(shares),
    )


def _objective_stats(module: Module, attempts: list[Scored]) -> list[ObjectiveStats]:
    out = []
    for objective in module.objectives:
        ids = [q.id for q in module.questions if q.objective == objective.id]
        scores = [a.scores[q] / a.maxima[q] for a in attempts for q in ids if q in a.scores]
        out.append(ObjectiveStats(objective.id, objective.text, len(ids), len(scores), mean(scores)))
    return out


def analyse(module: Module, attempts: Iterable[Scored], version: str = "") -> ModuleReport:
    """The item analysis of ``attempts`` (all of one module and version) against ``module``."""
    attempts = list(attempts)
    upper, lower, _size = _groups(attempts)
    shown = {q for a in attempts for q in a.question_ids}
    questions = [
        _question_stats(q, number, attempts, upper, lower)
        for number, q in enumerate(module.questions, start=1)
        if q.id in shown
    ]
    warnings = []
    if len(attempts) < MIN_ATTEMPTS:
        warnings.append(
            f"Only {len(attempts)} attempt{'' if len(attempts) == 1 else 's'}: with fewer than "
            f"{MIN_ATTEMPTS}, these figures change a lot from one class to the next. Read them as "
            "hints, not verdicts."
        )
    return ModuleReport(
        module.id, version, module.title, _test_stats(attempts), questions, _objective_stats(module, attempts), warnings
    )
