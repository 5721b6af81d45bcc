"""Item analysis (widgets/quiz/item_analysis.py): every figure of a small class worked out by hand
below, with the arithmetic, then properties (facility in [0, 1], alpha's known cases, a perfectly
discriminating item) and the grouping of codes by module and version.

Runs on CPython and, through tests/pyodide, inside Pyodide (no Hypothesis: random classes come
from ``random.Random`` with fixed seeds)."""

from __future__ import annotations

import math
import random

import pytest

from widgets.quiz.codes import encode_attempt
from widgets.quiz.grading import grade_question
from widgets.quiz.item_analysis import (
    Scored,
    analyse,
    correlation,
    cronbach_alpha,
    random_guess,
    report_key,
)
from widgets.quiz.model import Module, MultipleChoice, Objective, Option, ShortAnswer, SingleChoice, TrueFalse
from widgets.quiz.report_actions import class_reports

approx = pytest.approx


def _common(qid: str, objective: str, text: str) -> dict:
    return dict(
        id=qid,
        objective=objective,
        difficulty="medium",
        source="lesson#part",
        text=text,
        text_html=f"<p>{text}</p>",
        explanation="",
        explanation_html="",
    )


def _options(*texts: str, correct: set[int]) -> tuple[Option, ...]:
    return tuple(Option(t, t, i in correct) for i, t in enumerate(texts))


MODULE = Module(
    id="hand",
    title="A class worked by hand",
    lessons=("lesson",),
    minutes=5,
    objectives=(Objective("o1", "First objective"), Objective("o2", "Second objective")),
    questions=(
        SingleChoice(**_common("q1", "o1", "Pick A"), options=_options("A", "B", "C", "D", correct={0})),
        TrueFalse(**_common("q2", "o1", "True?"), answer=True),
        MultipleChoice(
            **_common("q3", "o2", "Pick the first two"), options=_options("one", "two", "three", correct={0, 1})
        ),
        ShortAnswer(**_common("q4", "o2", "Name it"), accept=("bond",)),
    ),
)
IDS = ("q1", "q2", "q3", "q4")

# The class: five students, every one shown all four questions.
#        q1 (A right)  q2 (true)   q3 (one+two right)           q4 ("bond")        total of 4
# S1     A   1         true  1     one, two       1              "bond"     1       4
# S2     A   1         true  1     one            (1-0)/2 = .5   "Bond."    1       3.5
# S3     B   0         true  1     one, three     (1-1)/2 = 0    "alliance" 0       1
# S4     A   1         false 0     one, two       1              (none)     0       2
# S5     C   0         (none) 0    (none)         0              "alliance" 0       0
CLASS = [
    {"q1": "0", "q2": "true", "q3": ["0", "1"], "q4": "bond"},
    {"q1": "0", "q2": "true", "q3": ["0"], "q4": "Bond."},
    {"q1": "1", "q2": "true", "q3": ["0", "2"], "q4": "alliance"},
    {"q1": "0", "q2": "false", "q3": ["0", "1"], "q4": None},
    {"q1": "2", "q2": None, "q3": None, "q4": "alliance"},
]


def scored(module: Module, responses: dict, ids=None) -> Scored:
    ids = tuple(ids or [q.id for q in module.questions])
    results = {q: grade_question(module.question(q), responses.get(q)) for q in ids}
    return Scored(ids, responses, {q: r.score for q, r in results.items()}, {q: r.max for q, r in results.items()})


@pytest.fixture(scope="module")
def report():
    return analyse(MODULE, [scored(MODULE, r) for r in CLASS])


def question(report, qid):
    return next(q for q in report.questions if q.id == qid)


def rows(report, qid, group=0):
    return {r.label: (r.count, r.upper, r.lower) for r in question(report, qid).groups[group].rows}


# ---- the test as a whole -------------------------------------------------------------------------


def test_test_figures_by_hand(report):
    t = report.test
    assert t.attempts == 5 and t.forms == 1 and t.max == 4
    # shares: 4/4, 3.5/4, 1/4, 2/4, 0/4 = 1, .875, .25, .5, 0; mean = 2.625 / 5
    assert t.mean == approx(0.525)
    assert t.median == approx(0.5)  # sorted 0, .25, .5, .875, 1
    # totals 4, 3.5, 1, 2, 0; mean 2.1; squared deviations 3.61 + 1.96 + 1.21 + .01 + 4.41 = 11.2;
    # variance 11.2 / (5 - 1) = 2.8; SD = sqrt(2.8) = 1.67332 marks = 1.67332 / 4 of the maximum
    assert t.sd == approx(math.sqrt(2.8) / 4)
    # item variances (n - 1): q1 1,1,0,1,0 mean .6: (3 x .16 + 2 x .36) / 4 = .3; q2 1,1,1,0,0: .3;
    # q3 1,.5,0,1,0 mean .5: 4 x .25 / 4 = .25; q4 1,1,0,0,0 mean .4: (2 x .36 + 3 x .16) / 4 = .3
    # alpha = 4/3 x (1 - (.3 + .3 + .25 + .3) / 2.8) = 4/3 x 1.65/2.8 = 11/14
    assert t.alpha == approx(11 / 14)
    # SEM = SD x sqrt(1 - alpha) = sqrt(2.8 x 3/14) = sqrt(.6) = .774597 marks, / 4 of the maximum
    assert t.sem == approx(math.sqrt(0.6) / 4)
    # histogram in bands of 10 %: 0 -> band 0, .25 -> 2, .5 -> 5, .875 -> 8, 1 -> 9 (100 % is in the last)
    assert [b.count for b in t.histogram] == [1, 0, 1, 0, 0, 1, 0, 0, 1, 1]
    assert (t.histogram[0].low, t.histogram[-1].high) == (0, 100)
    assert report.warnings and "Only 5 attempts" in report.warnings[0]


def test_objective_means_by_hand(report):
    o1, o2 = report.objectives
    # o1 = q1 + q2: (1+1+0+1+0) + (1+1+1+0+0) = 6 marks of 10 answers
    assert (o1.questions, o1.answers, o1.mean) == (2, 10, approx(0.6))
    # o2 = q3 + q4: (1+.5+0+1+0) + (1+1+0+0+0) = 4.5 of 10
    assert (o2.questions, o2.answers, o2.mean) == (2, 10, approx(0.45))


# ---- each question -------------------------------------------------------------------------------


def test_facility_sd_and_random_guess_by_hand(report):
    q1, q2, q3, q4 = (question(report, q) for q in IDS)
    assert [q.n for q in (q1, q2, q3, q4)] == [5, 5, 5, 5]
    assert (q1.facility, q2.facility, q3.facility, q4.facility) == (approx(0.6), approx(0.6), approx(0.5), approx(0.4))
    assert (q1.sd, q2.sd, q3.sd, q4.sd) == (
        approx(math.sqrt(0.3)),
        approx(math.sqrt(0.3)),
        approx(0.5),
        approx(math.sqrt(0.3)),
    )
    assert q1.random_guess == approx(1 / 4)  # one right option of four
    assert q2.random_guess == approx(1 / 2)
    # q3, non-empty sets of 3 options (2 right), score max(0, (right - wrong) / 2):
    # {one} .5, {two} .5, {three} 0, {one,two} 1, {one,three} 0, {two,three} 0, {all} .5 -> 2.5 / 7
    assert q3.random_guess == approx(2.5 / 7)
    assert q4.random_guess == 0


def test_discrimination_by_hand(report):
    # r(item, rest of the test), rest = total - item (the share of the rest's 3 marks gives the same r)
    # q1: x 1,1,0,1,0 (mean .6); rest 3,2.5,1,1,0 (mean 1.5)
    #     cov = (.4x1.5 + .4x1 + -.6x-.5 + .4x-.5 + -.6x-1.5) / 4 = 2.0 / 4 = .5
    #     var(rest) = (2.25 + 1 + .25 + .25 + 2.25) / 4 = 1.5;  r = .5 / sqrt(.3 x 1.5) = .745356
    # q2: x 1,1,1,0,0; rest 3,2.5,0,2,0 (mean 1.5): cov = (.6 + .4 - .6 - .3 + .9) / 4 = .25;
    #     var(rest) = 8 / 4 = 2;  r = .25 / sqrt(.3 x 2) = .322749
    # q3: x 1,.5,0,1,0; rest 3,3,1,1,0 (mean 1.6): cov = (.7 + 0 + .3 - .3 + .8) / 4 = .375;
    #     var(rest) = 7.2 / 4 = 1.8;  r = .375 / sqrt(.25 x 1.8) = .559017
    # q4: x 1,1,0,0,0; rest 3,2.5,1,2,0 (mean 1.7): cov = (.78 + .48 + .28 - .12 + .68) / 4 = .525;
    #     var(rest) = 5.8 / 4 = 1.45;  r = .525 / sqrt(.3 x 1.45) = .796002
    expected = {
        "q1": 0.5 / math.sqrt(0.45),
        "q2": 0.25 / math.sqrt(0.6),
        "q3": 0.375 / math.sqrt(0.45),
        "q4": 0.525 / math.sqrt(0.435),
    }
    assert {q: question(report, q).discrimination for q in IDS} == approx(expected)
    assert expected["q1"] == approx(0.745356, abs=1e-6)
    # discriminative efficiency of q1: both sorted, x 0,0,1,1,1 and rest 0,1,1,2.5,3 give
    # (-.6x-1.5 + -.6x-.5 + .4x-.5 + .4x1 + .4x1.5) / 4 = 2.0 / 4 = .5 = cov: efficiency 1
    assert question(report, "q1").efficiency == approx(1.0)


def test_upper_lower_groups_by_hand(report):
    # 27 % of 5 = 1.35 -> 1 attempt per group: top S1 (4 of 4), bottom S5 (0 of 4)
    for q in IDS:
        assert (question(report, q).upper_n, question(report, q).lower_n) == (1, 1)
        assert question(report, q).upper_lower == approx(1.0)  # S1 scored 1 on each, S5 0


def test_choice_frequencies_by_hand(report):
    # (everyone, top group = S1, bottom group = S5)
    assert rows(report, "q1") == {
        "A": (3, 1, 0),
        "B": (1, 0, 0),
        "C": (1, 0, 1),
        "D": (0, 0, 0),
        "No answer": (0, 0, 0),
    }
    assert rows(report, "q2") == {"True": (3, 1, 0), "False": (1, 0, 0), "No answer": (1, 0, 1)}
    assert rows(report, "q3") == {"one": (4, 1, 0), "two": (2, 1, 0), "three": (1, 0, 0), "No answer": (1, 0, 1)}
    # short answers as the grader reads them ("Bond." is "bond"), accepted ones first
    assert rows(report, "q4") == {"bond": (2, 1, 0), "alliance": (2, 0, 1), "No answer": (1, 0, 0)}
    assert [r.correct for r in question(report, "q4").groups[0].rows] == [True, False, None]


def test_flags_of_the_hand_class(report):
    assert question(report, "q1").flags == [
        "Distractor nobody chose: \u201cD\u201d; it does no work and could be replaced."
    ]
    for q in ("q2", "q3", "q4"):
        assert question(report, q).flags == [], q


def test_flags_in_plain_words():
    # 4 students; q1: everyone right (very easy); q2: the top pick the distractor "B", the bottom the key
    module = Module(
        id="flags",
        title="Flags",
        lessons=("l",),
        minutes=1,
        objectives=(Objective("o1", "O"),),
        questions=(
            SingleChoice(**_common("q1", "o1", "Easy"), options=_options("A", "B", correct={0})),
            SingleChoice(**_common("q2", "o1", "Tricky"), options=_options("A", "B", "C", correct={0})),
            TrueFalse(**_common("q3", "o1", "Sorted"), answer=True),
            TrueFalse(**_common("q4", "o1", "Sorted too"), answer=True),
        ),
    )
    #        q1 q2     q3 q4   total
    # S1     1  B 0    1  1    3
    # S2     1  B 0    1  1    3
    # S3     1  A 1    0  0    2
    # S4     1  A 1    0  0    2      27 % of 4 -> 1 a group: bottom S3 (first of the 2s), top S2 (last of the 3s)
    answers = [{"q1": "0", "q2": "1", "q3": "true", "q4": "true"}] * 2 + [
        {"q1": "0", "q2": "0", "q3": "false", "q4": "false"}
    ] * 2
    report = analyse(module, [scored(module, a) for a in answers])
    q1, q2, q3, _ = report.questions
    assert q1.facility == 1 and q1.discrimination is None  # no variance: r is not defined
    assert any(f.startswith("Very easy: the class scored 100 %") for f in q1.flags)
    assert any(f.startswith("Distractor nobody chose: \u201cB\u201d") for f in q1.flags)
    # q2: x 0,0,1,1 against rest 3,3,1,1: r = -1
    assert q2.discrimination == approx(-1.0)
    assert any(f.startswith("Negative discrimination") for f in q2.flags)
    assert any(
        f.startswith(
            "Distractor chosen more by the top group (1 of 1) than by the bottom group (0 of 1): \u201cB\u201d"
        )
        for f in q2.flags
    )
    assert any(f.startswith("Distractor nobody chose: \u201cC\u201d") for f in q2.flags)
    assert q3.facility == 0.5 and any(f.startswith("No better than guessing") for f in q3.flags)
    nobody = analyse(module, [scored(module, {"q1": "1", "q2": "1", "q3": "false", "q4": "true"})] * 2)
    assert not any("guessing" in f for f in nobody.questions[0].flags), "facility 0 is 'very hard', not 'guessing'"
    # very hard: q1 right once in 4 (facility .25 is above .2, so 1 in 5)
    hard = analyse(
        module,
        [scored(module, {"q1": "1", "q2": "2", "q3": "false", "q4": "true"})] * 4
        + [scored(module, {"q1": "0", "q2": "2", "q3": "true", "q4": "true"})],
    )
    assert any(f.startswith("Very hard: the class scored only 20 %") for f in hard.questions[0].flags)
    # low: q1 x 1,0,1,0,1,0 against rest (q3 + q4) 2,2,0,0,1,1: cov = (.5 - .5 - .5 + .5 + 0 + 0) / 5 = 0
    low = analyse(
        module,
        [
            scored(module, {"q1": x, "q2": "0", "q3": a, "q4": b})
            for x, a, b in (
                ("0", "true", "true"),
                ("1", "true", "true"),
                ("0", "false", "false"),
                ("1", "false", "false"),
                ("0", "true", "false"),
                ("1", "false", "true"),
            )
        ],
    )
    assert low.questions[0].discrimination == approx(0.0, abs=1e-12)
    assert any(f.startswith("Low discrimination (0.00)") for f in low.questions[0].flags)


# ---- properties ----------------------------------------------------------------------------------


def random_class(rng: random.Random, size: int) -> list[Scored]:
    out = []
    for _ in range(size):
        responses = {
            "q1": rng.choice(["0", "1", "2", "3", None]),
            "q2": rng.choice(["true", "false", None]),
            "q3": [str(i) for i in range(3) if rng.random() < 0.5] or None,
            "q4": rng.choice(["bond", "Bond", "tie", "", None]),
        }
        ids = rng.sample(IDS, rng.randint(2, 4)) if rng.random() < 0.3 else IDS
        out.append(scored(MODULE, responses, ids))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_figures_stay_in_their_ranges(seed):
    rng = random.Random(seed)
    report = analyse(MODULE, random_class(rng, rng.randint(1, 60)))
    assert 0 <= report.test.mean <= 1 and 0 <= report.test.median <= 1
    assert sum(b.count for b in report.test.histogram) == report.test.attempts
    for q in report.questions:
        assert 0 <= q.facility <= 1
        assert 0 <= q.random_guess <= 1
        assert q.discrimination is None or -1 <= q.discrimination <= 1
        assert q.upper_lower is None or -1 <= q.upper_lower <= 1
        for group in q.groups:
            assert all(0 <= r.count <= q.n and r.upper <= q.upper_n and r.lower <= q.lower_n for r in group.rows)
        if q.type in ("single", "true_false", "short_answer"):
            assert sum(r.count for r in q.groups[0].rows) == q.n  # one answer (or none) each
    if report.test.alpha is not None:
        assert report.test.alpha <= 1


def test_alpha_known_cases():
    # identical items: alpha = 1
    item = [1, 0, 1, 1, 0, 0]
    assert cronbach_alpha([item, item, item]) == approx(1.0)
    # two uncorrelated items [1,1,0,0], [1,0,1,0]: var 1/3 each, totals 2,1,1,0 var 2/3: 2 x (1 - 1) = 0
    assert cronbach_alpha([[1, 1, 0, 0], [1, 0, 1, 0]]) == approx(0.0)
    # two opposite items: totals all equal, no variance: not defined
    assert cronbach_alpha([[1, 0, 1, 0], [0, 1, 0, 1]]) is None
    # for 0/1 items alpha is KR-20 = k/(k-1) (1 - sum p q / population variance of totals)
    rng = random.Random(7)
    items = [[rng.randint(0, 1) for _ in range(25)] for _ in range(6)]
    n, k = 25, 6
    totals = [sum(col) for col in zip(*items, strict=True)]
    mean_t = sum(totals) / n
    pq = sum((sum(i) / n) * (1 - sum(i) / n) for i in items)
    kr20 = k / (k - 1) * (1 - pq / (sum((t - mean_t) ** 2 for t in totals) / n))
    assert cronbach_alpha(items) == approx(kr20)


def test_a_perfectly_discriminating_item():
    # ten students; the top five get every question right, the bottom five every one wrong
    answers = [{"q1": "0", "q2": "true", "q3": ["0", "1"], "q4": "bond"}] * 5 + [
        {"q1": "1", "q2": "false", "q3": ["2"], "q4": "no"}
    ] * 5
    report = analyse(MODULE, [scored(MODULE, a) for a in answers])
    for q in report.questions:
        assert q.discrimination == approx(1.0) and q.efficiency == approx(1.0)
        assert q.upper_lower == approx(1.0)  # 27 % of 10 -> 3 a group: 1 - 0
        assert (q.upper_n, q.lower_n) == (3, 3)
    assert report.test.alpha == approx(1.0) and report.test.sem == approx(0.0)
    assert correlation([1, 1, 0, 0], [2, 2, 1, 1]) == approx(1.0)


def test_attempts_with_different_questions_have_no_alpha():
    report = analyse(
        MODULE, [scored(MODULE, CLASS[0], IDS[:3]), scored(MODULE, CLASS[1], IDS[1:]), scored(MODULE, CLASS[2])]
    )
    assert report.test.alpha is None and report.test.forms == 3 and report.test.max is None
    assert "different sets of questions" in report.test.alpha_note
    assert question(report, "q1").n == 2 and question(report, "q4").n == 2


def test_random_guess_of_every_type():
    assert random_guess(MODULE.question("q3")) == approx(2.5 / 7)


# ---- grouping by module and version --------------------------------------------------------------


class _Decoded:
    def __init__(self, module_id, version=None):
        self.module_id = module_id
        if version is not None:
            self.version = version


def test_report_key_uses_the_version_when_a_code_has_one():
    assert report_key(_Decoded("ruptures")) == ("ruptures", "")
    assert report_key(_Decoded("ruptures", "3f9a")) == ("ruptures", "3f9a")
    assert report_key(_Decoded("ruptures", "3f9a")) != report_key(_Decoded("ruptures", "77c0"))
    assert report_key({"module_id": "ruptures", "version": "3f9a"}) == ("ruptures", "3f9a")
    assert report_key({"module": "ruptures"}) == ("ruptures", "")


def test_codes_of_two_modules_are_reported_apart_and_bad_codes_skipped():
    other = Module(
        id="other",
        title="Other",
        lessons=("l",),
        minutes=1,
        objectives=(Objective("o1", "O"),),
        questions=(
            TrueFalse(**_common("t1", "o1", "T"), answer=True),
            TrueFalse(**_common("t2", "o1", "U"), answer=False),
        ),
    )
    codes = [encode_attempt(MODULE, "s1", None, r) for r in CLASS]
    codes += [encode_attempt(other, None, None, {"t1": "true", "t2": "true"})] * 2
    codes.append(codes[0][:-3] + "000")
    reports, skipped = class_reports(codes, {"hand": MODULE.to_json(), "other": other.to_json()})
    assert [(r.module_id, r.test.attempts) for r in reports] == [("hand", 5), ("other", 2)]
    assert skipped == 1
    # the codes give the same figures as the hand-worked class (a seed reorders, not rescores)
    assert reports[0].test.alpha == approx(11 / 14)
    assert question(reports[0], "q1").discrimination == approx(0.5 / math.sqrt(0.45))


def test_codes_of_two_versions_of_a_module_are_never_pooled():
    # The module changed after three students answered: q1's key moved from A to B. Their codes name
    # the old version, which the site keeps; the last two answered the new one.
    from dataclasses import replace

    from widgets.quiz.versions import content_tag, tag_text

    new_q1 = replace(MODULE.question("q1"), options=_options("A", "B", "C", "D", correct={1}))
    changed = replace(MODULE, questions=(new_q1, *MODULE.questions[1:]))
    old_tag, new_tag = tag_text(content_tag(MODULE)), tag_text(content_tag(changed))
    assert old_tag != new_tag
    codes = [encode_attempt(MODULE, "s1", None, r) for r in CLASS[:3]]
    codes += [encode_attempt(changed, "s1", None, r) for r in CLASS[3:]]
    kept = {"hand": [{"tag": old_tag, "date": "2026-11-01", "module": MODULE.to_json()}]}
    reports, skipped = class_reports(codes, {"hand": changed.to_json()}, kept)
    assert skipped == 0
    by_version = {r.version: r for r in reports}
    assert sorted(by_version) == sorted([old_tag, new_tag])
    assert by_version[old_tag].test.attempts == 3 and by_version[new_tag].test.attempts == 2
    # each group is scored against its own version's key: S1-S3 chose A, A, B (A right then)
    assert question(by_version[old_tag], "q1").facility == approx(2 / 3)
    # S4 chose A and S5 chose C: both wrong once B is the key
    assert question(by_version[new_tag], "q1").facility == approx(0)
    # without the kept version, the old codes are skipped, never graded against the new key
    reports, skipped = class_reports(codes, {"hand": changed.to_json()})
    assert skipped == 3 and [r.version for r in reports] == [new_tag]
