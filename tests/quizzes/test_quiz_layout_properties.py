"""Layouts (``?n=&seed=``) and the properties grading must keep whatever the layout."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.quiz.grading import grade_attempt, grade_question, select_questions
from widgets.quiz.layout import Layout
from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Objective,
    Option,
    Ordering,
    Pair,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
)

COMMON = dict(
    objective="o",
    difficulty="easy",
    source="x#y",
    text="t",
    text_html="t",
    explanation="e",
    explanation_html="<p>e</p>",
)


@st.composite
def questions(draw, qid: str) -> Question:
    kind = draw(st.sampled_from(["single", "multiple", "true_false", "matching", "ordering", "short_answer"]))
    if kind in ("single", "multiple"):
        n = draw(st.integers(2, 6))
        if kind == "single":
            right = draw(st.integers(0, n - 1))
            flags = [i == right for i in range(n)]
        else:
            flags = draw(st.lists(st.booleans(), min_size=n, max_size=n).filter(any))
        options = tuple(Option(f"o{i}", f"o{i}", flag) for i, flag in enumerate(flags))
        cls = SingleChoice if kind == "single" else MultipleChoice
        return cls(id=qid, options=options, **COMMON)
    if kind == "true_false":
        return TrueFalse(id=qid, answer=draw(st.booleans()), **COMMON)
    if kind == "matching":
        rights = draw(st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=2, max_size=5))
        distractors = draw(st.lists(st.sampled_from(["X", "Y"]), max_size=2, unique=True))
        pairs = tuple(Pair(f"l{i}", f"l{i}", r) for i, r in enumerate(rights))
        return Matching(id=qid, pairs=pairs, distractors=tuple(distractors), **COMMON)
    if kind == "ordering":
        n = draw(st.integers(2, 6))
        items = tuple(f"i{i}" for i in range(n))
        return Ordering(id=qid, items=items, items_html=items, **COMMON)
    return ShortAnswer(id=qid, accept=("alpha", "beta"), **COMMON)


@st.composite
def modules(draw) -> Module:
    n = draw(st.integers(1, 8))
    qs = tuple(draw(questions(f"q{i}")) for i in range(n))
    return Module(
        id=draw(st.sampled_from(["m", "ruptures"])),
        title="M",
        lessons=("x",),
        minutes=5,
        objectives=(Objective("o", "O"),),
        questions=qs,
    )


@st.composite
def intents(draw, q: Question):
    """What a learner means, independent of any layout: source option indices, texts, an order."""
    if isinstance(q, (SingleChoice, MultipleChoice)):
        picks = draw(st.sets(st.integers(0, len(q.options) - 1), max_size=len(q.options)))
        return sorted(picks)[:1] if isinstance(q, SingleChoice) else sorted(picks)
    if isinstance(q, TrueFalse):
        return draw(st.sampled_from([None, True, False]))
    if isinstance(q, Matching):
        texts = matching_choices(q)
        return {i: draw(st.sampled_from((None,) + texts)) for i in range(len(q.pairs))}
    if isinstance(q, Ordering):
        return draw(st.permutations(range(len(q.items))))
    return draw(st.sampled_from(["", "Alpha.", " beta ", "gamma"]))


def respond(q: Question, layout: Layout, intent) -> object:
    """What the page sends after the learner acts on the controls shown in ``layout`` order."""
    if isinstance(q, (SingleChoice, MultipleChoice)):
        keys = [key for key in layout.options if int(key) in intent]  # ticked where shown
        return (keys[0] if keys else None) if isinstance(q, SingleChoice) else keys
    if isinstance(q, TrueFalse):
        return None if intent is None else ("true" if intent else "false")
    if isinstance(q, Matching):
        texts = matching_choices(q)
        shown = [texts[i] for i in layout.choices]  # the select's options, in display order
        return {str(left): str(layout.choices[shown.index(t)]) if t else "" for left, t in intent.items()}
    if isinstance(q, Ordering):
        order = list(layout.items)  # move items up one step at a time until the intent is reached
        for target, item in enumerate(intent):
            at = order.index(item)
            while at > target:
                order[at - 1], order[at] = order[at], order[at - 1]
                at -= 1
        return order
    return intent


@st.composite
def module_and_intents(draw):
    module = draw(modules())
    return module, {q.id: draw(intents(q)) for q in module.questions}


@settings(max_examples=150, deadline=None)
@given(module_and_intents(), st.text(max_size=8), st.text(max_size=8))
def test_score_in_range_and_the_same_in_any_layout(data, seed_a: str, seed_b: str) -> None:
    module, intent = data
    scores = []
    for seed in (None, seed_a, seed_b):
        layouts = {lay.question_id: lay for lay in select_questions(module, None, seed)}
        responses = {q.id: respond(q, layouts[q.id], intent[q.id]) for q in module.questions}
        attempt = grade_attempt(module, responses, [q.id for q in module.questions])
        assert 0 <= attempt.total <= attempt.max == len(module.questions)
        for result in attempt.results.values():
            assert 0.0 <= result.score <= 1.0
            assert result.correct == (result.score == 1.0)
        scores.append({qid: r.score for qid, r in attempt.results.items()})
    assert scores[0] == scores[1] == scores[2]


@settings(max_examples=100, deadline=None)
@given(modules(), st.one_of(st.none(), st.integers(1, 10)), st.text(min_size=1, max_size=12))
def test_same_seed_same_layout_and_a_proper_subset(module: Module, n, seed: str) -> None:
    first = select_questions(module, n, seed)
    assert first == select_questions(module, n, seed)
    ids = [lay.question_id for lay in first]
    assert len(ids) == len(set(ids)) == min(n or len(module.questions), len(module.questions))
    for lay in first:
        q = module.question(lay.question_id)
        if isinstance(q, (SingleChoice, MultipleChoice)):
            assert sorted(lay.options, key=int) == [str(i) for i in range(len(q.options))]
        if isinstance(q, Ordering):
            assert sorted(lay.items) == list(range(len(q.items)))
            assert list(lay.items) != list(range(len(q.items)))  # never shown already solved
        if isinstance(q, Matching):
            assert sorted(lay.choices) == list(range(len(matching_choices(q))))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 1), min_size=1), st.integers(0, 100))
def test_grading_never_raises_on_well_formed_multiple(keys, _n) -> None:
    q = MultipleChoice(id="q", options=(Option("a", "a", True), Option("b", "b", False)), **COMMON)
    assert 0 <= grade_question(q, [str(k) for k in keys]).score <= 1


def _big_module() -> Module:
    qs = tuple(Ordering(id=f"q{i}", items=tuple("abcde"), items_html=tuple("abcde"), **COMMON) for i in range(12))
    return Module(id="big", title="B", lessons=("x",), minutes=5, objectives=(Objective("o", "O"),), questions=qs)


def test_different_seeds_usually_differ() -> None:
    module = _big_module()
    layouts = [tuple(select_questions(module, 6, f"seed-{i}")) for i in range(50)]
    assert len(set(layouts)) >= 48


def test_n_must_be_a_positive_whole_number(every_type: Module) -> None:
    import pytest

    for bad in (0, -1, 1.5, True, "3"):
        with pytest.raises(ValueError, match="n must be"):
            select_questions(every_type, bad, "s")  # type: ignore[arg-type]
