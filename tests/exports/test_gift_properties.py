"""GIFT escaping and weights, property-based: generated questions whose every text mixes
``~ = # { } :``, backslashes, line breaks and other GIFT hazards, many per GIFT document, read
back by gift-pegjs as the same texts, answers, weights and feedback."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scripts.exports.gift import module_to_gift, short_answer_text
from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Objective,
    Option,
    Ordering,
    Pair,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

from .conftest import parse_gift
from .gift_expect import check_round_trip

HAZARDS = list("aZ9 ~=#{}:\\-<>[]%&;/*\té") + ["[html]", "[plain]", "->", "\\n", "####", "::", "%50%", "//", "\n"]
TEXT = (
    st.lists(st.sampled_from(HAZARDS), min_size=1, max_size=12)
    .map("".join)
    .filter(lambda s: bool(s.strip()) and "&&" not in s)
)
FEEDBACK = st.one_of(st.just(""), TEXT)


@st.composite
def questions(draw, number: int):
    kind = draw(st.sampled_from(["single", "multiple", "true_false", "matching", "ordering", "short_answer"]))
    common = dict(id=f"q{number}", objective="o", difficulty="easy", source="x#y")
    stem, explanation = draw(TEXT), draw(TEXT)
    common.update(text=stem, text_html=stem, explanation=explanation, explanation_html=explanation)
    if kind in ("single", "multiple"):
        texts = draw(st.lists(TEXT, min_size=2, max_size=5))
        if kind == "single":
            right = {draw(st.integers(0, len(texts) - 1))}
        else:
            right = set(draw(st.lists(st.integers(0, len(texts) - 1), min_size=1, unique=True)))
        options = tuple(
            Option(t, t, i in right, fb, fb)
            for i, (t, fb) in enumerate(
                zip(texts, draw(st.lists(FEEDBACK, min_size=len(texts), max_size=len(texts))), strict=True)
            )
        )
        return (SingleChoice if kind == "single" else MultipleChoice)(**common, options=options)
    if kind == "true_false":
        ft, ff = draw(FEEDBACK), draw(FEEDBACK)
        return TrueFalse(
            **common,
            answer=draw(st.booleans()),
            feedback_true=ft,
            feedback_true_html=ft,
            feedback_false=ff,
            feedback_false_html=ff,
        )
    if kind == "matching":
        lefts = draw(st.lists(TEXT, min_size=3, max_size=4))
        rights = draw(st.lists(TEXT, min_size=len(lefts), max_size=len(lefts)))
        distractors = tuple(d for d in draw(st.lists(TEXT, max_size=1)) if d not in rights)
        return Matching(
            **common,
            pairs=tuple(Pair(left, left, r.strip()) for left, r in zip(lefts, rights, strict=True)),
            distractors=distractors,
        )
    if kind == "ordering":
        items = tuple(draw(st.lists(TEXT, min_size=3, max_size=4)))
        return Ordering(**common, items=items, items_html=items)
    accept = tuple(a.strip() for a in draw(st.lists(TEXT, min_size=1, max_size=3)))
    assume(any(short_answer_text(a) is not None for a in accept))
    fw = draw(FEEDBACK)
    return ShortAnswer(**common, accept=accept, feedback_wrong=fw, feedback_wrong_html=fw)


@st.composite
def modules(draw):
    count = draw(st.integers(4, 8))
    qs = tuple(draw(questions(i)) for i in range(count))
    return Module(
        id="generated",
        title="Generated ~=#{}: \\ module",
        lessons=("x",),
        minutes=1,
        objectives=(Objective("o", "O"),),
        questions=qs,
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(modules())
def test_generated_text_with_special_characters_reads_back_the_same(module):
    """Many questions with ``~ = # { } :``, backslashes and other GIFT hazards in every text,
    one GIFT document per example, parsed by gift-pegjs."""
    check_round_trip(module, parse_gift(module_to_gift(module)))
