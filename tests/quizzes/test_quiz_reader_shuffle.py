"""Options shuffled for each reader by default (a seed kept in the browser), and ``shuffle: false``
for questions whose option order matters; assignment links and results codes stay reproducible."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.quizzes.loader import load_bank
from widgets.quiz import actions
from widgets.quiz.codes import decode_code, encode_attempt
from widgets.quiz.layout import select_questions
from widgets.quiz.model import Module, MultipleChoice, Ordering, SingleChoice, question_from_json, question_to_json

from .test_quiz_layout_properties import modules


@pytest.fixture(scope="module")
def bank_modules() -> dict[str, Module]:
    return load_bank().modules


@settings(max_examples=100, deadline=None)
@given(modules(), st.one_of(st.none(), st.integers(1, 10)), st.text(min_size=1, max_size=12))
def test_a_reader_seed_keeps_the_questions_and_their_order(module: Module, n, reader_seed: str) -> None:
    plain = select_questions(module, n)
    mine = select_questions(module, n, None, reader_seed)
    assert [lay.question_id for lay in mine] == [lay.question_id for lay in plain]
    assert mine == select_questions(module, n, None, reader_seed)  # the same reader sees the same quiz
    for lay, fixed in zip(mine, plain, strict=True):
        q = module.question(lay.question_id)
        assert sorted(lay.options) == sorted(fixed.options)
        assert lay.choices == fixed.choices  # matching choices stay alphabetical
        if isinstance(q, Ordering):
            assert sorted(lay.items) == list(range(len(q.items)))
            assert list(lay.items) != list(range(len(q.items)))  # never shown already solved


def test_readers_see_the_options_in_different_orders(bank_modules) -> None:
    module = bank_modules["ruptures"]
    orders = {tuple(lay.options for lay in select_questions(module, None, None, f"reader-{i}")) for i in range(20)}
    assert len(orders) == 20
    firsts = {select_questions(module, None, None, f"reader-{i}")[0].options[0] for i in range(20)}
    assert len(firsts) > 1  # the key is not always where the author wrote it


def test_a_question_looks_the_same_to_a_reader_on_every_page(bank_modules) -> None:
    """Per-question generators: a lesson that embeds one question shows this reader its module-page order."""
    module = bank_modules["ruptures"]
    alone = Module(
        id=module.id,
        title=module.title,
        lessons=module.lessons,
        minutes=module.minutes,
        objectives=module.objectives,
        questions=(module.questions[3],),
    )
    full = {lay.question_id: lay for lay in select_questions(module, None, None, "reader")}
    assert select_questions(alone, None, None, "reader")[0] == full[module.questions[3].id]


def test_shuffle_false_keeps_the_written_order_under_any_seed(bank_modules) -> None:
    q = bank_modules["why-it-matters"].question("why-largest-review")
    assert isinstance(q, SingleChoice) and q.shuffle is False
    written = tuple(str(i) for i in range(len(q.options)))
    for i in range(30):
        for layout in (
            select_questions(bank_modules["why-it-matters"], None, f"link-{i}"),
            select_questions(bank_modules["why-it-matters"], None, None, f"reader-{i}"),
        ):
            assert next(lay for lay in layout if lay.question_id == q.id).options == written


def test_turning_shuffle_off_for_one_question_moves_no_other_question(bank_modules) -> None:
    module = bank_modules["ruptures"]
    choice = next(i for i, q in enumerate(module.questions) if isinstance(q, (SingleChoice, MultipleChoice)))
    questions = list(module.questions)
    questions[choice] = replace(questions[choice], shuffle=False)
    changed = replace(module, questions=tuple(questions))
    for seed in ("a", "week-3", "42"):
        before, after = select_questions(module, 6, seed), select_questions(changed, 6, seed)
        assert [lay.question_id for lay in before] == [lay.question_id for lay in after]
        for b, a in zip(before, after, strict=True):
            if b.question_id != module.questions[choice].id:
                assert a == b


def test_shuffle_survives_the_page_json_and_is_written_only_when_off(bank_modules) -> None:
    q = bank_modules["why-it-matters"].question("why-largest-review")
    assert question_to_json(q)["shuffle"] is False
    assert question_from_json(question_to_json(q)) == q
    other = bank_modules["why-it-matters"].question("why-success-rate")
    assert "shuffle" not in question_to_json(other) and question_from_json(question_to_json(other)).shuffle


def test_the_layout_action_takes_a_reader_seed_and_a_link_seed_wins(bank_modules) -> None:
    module = bank_modules["ruptures"]
    actions.open_module({"module": module.to_json()})
    mine = actions.layout({"module_id": module.id, "reader_seed": "r1"})
    assert mine["questions"] == [lay.to_json() for lay in select_questions(module, None, None, "r1")]
    linked = actions.layout({"module_id": module.id, "seed": "week-3", "reader_seed": "r1"})
    assert linked["questions"] == [lay.to_json() for lay in select_questions(module, None, "week-3")]
    with pytest.raises(ValueError, match="reader_seed"):
        actions.layout({"module_id": module.id, "reader_seed": 7})


def test_results_codes_do_not_depend_on_the_readers_shuffle(bank_modules) -> None:
    """A code records the questions the link selects; option keys are the written ones, whatever the order shown."""
    module = bank_modules["ruptures"]
    q = module.questions[0]
    responses = {q.id: "1"}
    for reader in ("r1", "r2"):
        shown = select_questions(module, None, None, reader)
        assert [lay.question_id for lay in shown] == [lay.question_id for lay in select_questions(module)]
    code = encode_attempt(module, None, None, responses)
    attempt = decode_code(code, {module.id: module})
    assert attempt.responses[q.id] == "1"
