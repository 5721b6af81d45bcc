"""Results codes, property-based: for generated attempts (any module, seed, count and answers),
encode -> decode -> re-grade gives exactly the grader's scores. (Hypothesis does not run inside
Pyodide, so this lives apart from test_results_codes.py, which the Pyodide suite also runs.)"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.quiz.codes import encode_attempt, regrade
from widgets.quiz.grading import grade_attempt
from widgets.quiz.layout import select_questions
from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
)

# --- generated attempts ---


def response_for(q: Question, draw) -> object:
    """A response of the shape the page sends, or None (unanswered)."""
    if draw(st.integers(0, 5)) == 0:
        return None
    if isinstance(q, SingleChoice):
        return str(draw(st.integers(0, len(q.options) - 1)))
    if isinstance(q, TrueFalse):
        return draw(st.sampled_from(["true", "false", True, False]))
    if isinstance(q, MultipleChoice):
        return [str(i) for i in draw(st.lists(st.integers(0, len(q.options) - 1), unique=True))]
    if isinstance(q, Matching):
        count = len(matching_choices(q))
        return {str(i): draw(st.sampled_from(["", *map(str, range(count))])) for i in range(len(q.pairs))}
    if isinstance(q, Ordering):
        return draw(st.permutations(list(range(len(q.items)))))
    if isinstance(q, ShortAnswer):
        return draw(st.one_of(st.sampled_from(list(q.accept)), st.text(max_size=40)))
    raise TypeError(q.type)


SEEDS = st.one_of(
    st.none(),
    st.integers(0, 10**12).map(str),
    st.text(min_size=1, max_size=12),
    st.sampled_from(["007", "abc", "Ünïcode-✓", " "]),
)


@st.composite
def attempts(draw, modules: list[Module]):
    module = draw(st.sampled_from(modules))
    seed = draw(SEEDS)
    n = draw(st.one_of(st.none(), st.integers(1, len(module.questions) + 2)))
    layouts = select_questions(module, n, seed or None)
    responses = {lay.question_id: response_for(module.question(lay.question_id), draw) for lay in layouts}
    return module, seed, n, responses


@pytest.fixture(scope="module")
def modules(all_modules) -> list[Module]:
    return list(all_modules.values())


def test_encode_decode_regrade_equals_the_grader(modules, all_modules):
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(attempts(modules))
    def check(attempt):
        module, seed, n, responses = attempt
        code = encode_attempt(module, seed, n, responses)
        question_ids = [lay.question_id for lay in select_questions(module, n, seed or None)]
        expected = grade_attempt(module, responses, question_ids)
        graded = regrade(all_modules, code)
        assert graded.valid, graded.reason
        assert graded.attempt is not None and graded.result is not None
        assert graded.attempt.module_id == module.id
        assert list(graded.attempt.question_ids) == question_ids
        assert graded.result.total == expected.total
        assert graded.result.percent == expected.percent
        for qid in question_ids:
            assert graded.result.results[qid].score == expected.results[qid].score
            assert graded.result.results[qid].answered == expected.results[qid].answered
        # reading is forgiving: lower case, spaces instead of dashes, I/L/O for 1/1/0
        relaxed = code.lower().replace("-", " ").replace("1", "l").replace("0", "o")
        assert regrade(all_modules, relaxed).score == graded.score

    check()
