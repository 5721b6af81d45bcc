"""Quiz modules in Debian's Chromium: answered by keyboard alone, checked by the Python in the page,
in practice and exam mode, with a reproducible subset, saved progress that survives a reload (and a
corrupt saved entry that does not break anything), and "Try again". The answers come from the
module JSON embedded in the page; expected scores from ``widgets.quiz`` in this process."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations
from tests.support.quiz_page import (
    assert_quiet_and_private,
    choose_radio,
    fresh_tab,
    open_widget_page,
    press_button,
    set_before_load,
    stored_json,
    tab_to,
    wait_for_python,
    watch,
)
from widgets.quiz.feedback import number, verdict
from widgets.quiz.grading import grade_attempt, grade_question, select_questions
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

pytestmark = pytest.mark.browser

ALL_TYPES = "quizzes/repairing-ruptures/"  # has all five answer types and hints
RUPTURES = "quizzes/ruptures/"


# ---- the module on the page, and answers to it ---------------------------------------------


def module_on(page) -> Module:
    return Module.from_json(page.evaluate("JSON.parse(document.querySelector('.aw-quiz-data').dataset.json)"))


def q(question: Question | str) -> str:
    """CSS selector of a question's element."""
    qid = question if isinstance(question, str) else question.id
    return f'.aw-question[data-question-id="{qid}"]'


def first_of_each_type(
    module: Module, types=("single", "multiple", "matching", "ordering", "short_answer")
) -> list[Question]:
    """The first question of each type, in the order of ``types``."""
    firsts = {}
    for question in module.questions:
        firsts.setdefault(question.type, question)
    missing = [t for t in types if t not in firsts]
    assert not missing, f"module {module.id} has no question of type {missing}"
    return [firsts[t] for t in types]


def correct_response(question: Question):
    """The right answer, shaped as the page sends it to Python."""
    if isinstance(question, SingleChoice):
        return next(str(i) for i, o in enumerate(question.options) if o.correct)
    if isinstance(question, TrueFalse):
        return "true" if question.answer else "false"
    if isinstance(question, MultipleChoice):
        return [str(i) for i, o in enumerate(question.options) if o.correct]
    if isinstance(question, Matching):
        choices = matching_choices(question)
        return {str(i): str(choices.index(pair.right)) for i, pair in enumerate(question.pairs)}
    if isinstance(question, Ordering):
        return list(range(len(question.items)))
    if isinstance(question, ShortAnswer):
        return question.accept[0]
    raise TypeError(question)


def partly_correct_response(question: MultipleChoice) -> list[str]:
    """Every correct option and one wrong one."""
    wrong = next(str(i) for i, o in enumerate(question.options) if not o.correct)
    return correct_response(question) + [wrong]


def order_shown(page, question: Question) -> list[int]:
    return page.eval_on_selector_all(f"{q(question)} .aw-order-item", "els => els.map(e => Number(e.dataset.item))")


def answer_by_keyboard(page, question: Question, response) -> None:
    """Give ``response`` with the keyboard only: arrow keys in radio groups, Space on checkboxes,
    arrow keys in selects, Enter on the move buttons, typing in text fields."""
    sel = q(question)
    if question.type in ("single", "true_false"):
        choose_radio(page, f"{sel} input[type=radio]", response)
    elif question.type == "multiple":
        for key in response:
            tab_to(page, f'{sel} input[value="{key}"]')
            page.keyboard.press("Space")
    elif question.type == "matching":
        for left, choice in response.items():
            select = f'{sel} select[data-left="{left}"]'
            tab_to(page, select)
            values = page.eval_on_selector_all(f"{select} option", "els => els.map(e => e.value)")
            steps = values.index(choice) - values.index(page.evaluate("document.activeElement.value"))
            for _ in range(abs(steps)):
                page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
            assert page.evaluate("document.activeElement.value") == choice
    elif question.type == "ordering":
        for position, item in enumerate(response):  # bring each item up to its place
            while order_shown(page, question).index(item) > position:
                press_button(page, f'{sel} .aw-order-item[data-item="{item}"] .aw-move[data-move="up"]')
        assert order_shown(page, question) == list(response)
    elif question.type == "short_answer":
        tab_to(page, f"{sel} input[type=text]")
        page.keyboard.type(response)
    else:
        raise TypeError(question.type)


def expect_feedback(page, question: Question, response, site_url: str) -> None:
    """The question's live region shows the verdict and score Python gives, and a lesson link."""
    result = grade_question(question, response)
    feedback = page.locator(f"{q(question)} .aw-feedback")
    expect(feedback.locator(".aw-verdict")).to_have_text(
        f"{verdict(result)} (score: {number(result.score)} of {result.max})"
    )
    assert feedback.get_attribute("aria-live") == "polite"
    link = feedback.get_by_role("link", name="Read more in the lesson")
    assert link.get_attribute("href") == f"{site_url}lessons/{question.lesson}/#{question.anchor}"


# ---- practice mode by keyboard ---------------------------------------------------------------


def test_every_answer_type_can_be_given_and_checked_by_keyboard_alone(any_site, tab):
    watch(tab)
    page = tab.page
    open_widget_page(tab, any_site.url + ALL_TYPES)
    module = module_on(page)

    for question in sorted(first_of_each_type(module), key=module.questions.index):  # down the page
        if isinstance(question, MultipleChoice):
            response = partly_correct_response(question)
            assert 0 < grade_question(question, response).score < 1, "expected a partly correct answer"
        elif isinstance(question, ShortAnswer):
            response = f"  {question.accept[0].upper()} "  # case and spaces do not matter
        else:
            response = correct_response(question)
        answer_by_keyboard(page, question, response)
        if isinstance(question, Ordering):
            expect(page.locator(f"{q(question)} .aw-feedback")).to_have_text(  # each move is announced
                re.compile(rf"Moved to position [1-9] of {len(response)}\.")
            )
        if isinstance(question, ShortAnswer):
            page.keyboard.press("Enter")  # in the text field: checks this answer, not the whole quiz
        else:
            press_button(page, f"{q(question)} .aw-check")
        expect_feedback(page, question, response, any_site.url)
    assert page.locator(".aw-results").inner_html() == "", "the whole quiz was submitted"

    hinted = next(x for x in module.questions if x.hints)
    press_button(page, f"{q(hinted)} .aw-hint")
    hints = page.locator(f"{q(hinted)} .aw-hints > li")
    expect(hints).to_have_count(1)
    assert hints.first.inner_text().strip() == hinted.hints[0].strip()
    assert page.evaluate("(s) => document.querySelector(s).contains(document.activeElement)", q(hinted)), (
        "focus left the question after the hint was shown"
    )

    assert axe_violations(page) == []
    assert_quiet_and_private(tab, any_site.url)


# ---- exam mode --------------------------------------------------------------------------------


def test_exam_mode_shows_no_feedback_until_submit_then_a_full_review(any_site, tab):
    watch(tab)
    page = tab.page
    open_widget_page(tab, any_site.url + ALL_TYPES + "?mode=exam")
    module = module_on(page)
    questions = page.locator(".aw-question")
    expect(questions).to_have_count(len(module.questions))
    for control in (".aw-check", ".aw-hint"):
        assert page.locator(control).count() > 0
        assert page.locator(f"{control}:visible").count() == 0, f"{control} is visible in exam mode"
    expect(page.locator(".aw-quiz-notice")).to_contain_text("Exam mode")

    single, multiple, matching, short = first_of_each_type(module, ("single", "multiple", "matching", "short_answer"))
    mine = {
        single.id: correct_response(single),
        multiple.id: partly_correct_response(multiple),
        matching.id: correct_response(matching),
        short.id: "a wrong answer",
    }
    for question in sorted((single, multiple, matching, short), key=module.questions.index):
        answer_by_keyboard(page, question, mine[question.id])
    tab_to(page, f"{q(short)} input[type=text]")
    page.keyboard.press("Enter")  # in the text field: must not end the exam
    page.wait_for_timeout(500)
    assert page.locator(".aw-feedback:not(:empty)").count() == 0, "feedback shown before submit"
    assert page.locator(".aw-results").inner_html() == ""

    press_button(page, ".aw-submit")

    # Questions left alone, ordering ones included, are unanswered and score nothing.
    responses = {x.id: mine.get(x.id) for x in module.questions}
    attempt = grade_attempt(module, responses, [x.id for x in module.questions])
    results = page.locator(".aw-results")
    expect(results.locator(".aw-total")).to_contain_text(
        f"{number(attempt.total)} of {attempt.max} ({attempt.percent}%)"
    )
    expect(results).to_be_focused()
    expect(results.locator(".aw-review > li")).to_have_count(len(module.questions))
    expect(page.locator(".aw-question .aw-feedback .aw-verdict")).to_have_count(len(module.questions))
    expect(page.locator(".aw-question .aw-feedback .aw-read-more a")).to_have_count(len(module.questions))
    for question in module.questions:
        expect(page.locator(f"{q(question)} .aw-feedback .aw-verdict")).to_contain_text(
            verdict(attempt.results[question.id])
        )

    assert axe_violations(page) == []
    assert_quiet_and_private(tab, any_site.url)


# ---- a reproducible subset ----------------------------------------------------------------------


def layout_shown(page) -> list[dict]:
    """The visible questions in order, each with its option, item and choice order."""
    return page.eval_on_selector_all(
        ".aw-question:not([hidden])",
        """els => els.map(li => ({
        id: li.dataset.questionId,
        options: [...li.querySelectorAll('.aw-options input')].map(i => i.value),
        items: [...li.querySelectorAll('.aw-order-item')].map(i => Number(i.dataset.item)),
        choices: [...(li.querySelector('select[data-left]')?.options ?? [])].filter(o => o.value).map(o => Number(o.value)),
    }))""",
    )


def test_a_seeded_subset_is_the_same_for_everyone_with_the_link(served, tab, browser):
    site = served("/")
    watch(tab)
    open_widget_page(tab, site.url + RUPTURES + "?n=5&seed=abc")
    module = module_on(tab.page)
    first = layout_shown(tab.page)
    assert len(first) == 5
    assert first == [lay.to_json() for lay in select_questions(module, 5, "abc")]
    assert [n.strip() for n in tab.page.locator(".aw-question:not([hidden]) .aw-qnum").all_inner_texts()] == [
        f"Question {i}" for i in range(1, 6)
    ]

    with fresh_tab(browser) as someone_else:
        open_widget_page(someone_else, site.url + RUPTURES + "?n=5&seed=abc")
        assert layout_shown(someone_else.page) == first
        open_widget_page(someone_else, site.url + RUPTURES + "?n=5&seed=xyz")
        different = layout_shown(someone_else.page)
        assert len(different) == 5
        assert different != first
        assert different == [lay.to_json() for lay in select_questions(module, 5, "xyz")]
        assert_quiet_and_private(someone_else, site.url)
    assert_quiet_and_private(tab, site.url)


def test_each_reader_keeps_an_option_order_of_their_own(served, tab, browser):
    """No link seed: the questions keep the module's order, but options and ordering items are
    shuffled by a seed this browser made once and kept, so a reload shows the same order."""
    site = served("/")
    watch(tab)
    open_widget_page(tab, site.url + RUPTURES)
    module = module_on(tab.page)
    mine = tab.page.evaluate("() => localStorage.getItem('alliance-quiz:reader-seed')")
    assert mine and re.fullmatch(r"[0-9a-f]+", mine)
    first = layout_shown(tab.page)
    assert first == [lay.to_json() for lay in select_questions(module, None, None, mine)]
    assert [lay["id"] for lay in first] == [q.id for q in module.questions]
    assert first != [lay.to_json() for lay in select_questions(module)]  # not the written order
    tab.page.reload()
    wait_for_python(tab.page)
    assert layout_shown(tab.page) == first
    assert tab.page.evaluate("() => localStorage.getItem('alliance-quiz:reader-seed')") == mine

    with fresh_tab(browser) as someone_else:
        open_widget_page(someone_else, site.url + RUPTURES)
        theirs = someone_else.page.evaluate("() => localStorage.getItem('alliance-quiz:reader-seed')")
        assert theirs != mine
        assert layout_shown(someone_else.page) == [
            lay.to_json() for lay in select_questions(module, None, None, theirs)
        ]
        open_widget_page(someone_else, site.url + "quizzes/why-it-matters/")  # shuffle: false keeps the written order
        kept = next(lay for lay in layout_shown(someone_else.page) if lay["id"] == "why-largest-review")
        assert kept["options"] == ["0", "1", "2", "3"]
        assert_quiet_and_private(someone_else, site.url)
    assert_quiet_and_private(tab, site.url)


# ---- saved progress ------------------------------------------------------------------------------


def test_a_reload_restores_answers_and_checked_feedback(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES)
    single, multiple, short = first_of_each_type(module_on(page), ("single", "multiple", "short_answer"))

    page.locator(f'{q(single)} input[value="{correct_response(single)}"]').check()
    page.locator(f"{q(single)} .aw-check").click()
    expect(page.locator(f"{q(single)} .aw-verdict")).to_contain_text("Correct")
    chosen = partly_correct_response(multiple)
    for key in chosen:
        page.locator(f'{q(multiple)} input[value="{key}"]').check()
    page.locator(f"{q(short)} input[type=text]").press_sequentially("withdrawal")  # no blur, no Enter

    page.reload(wait_until="load")
    wait_for_python(page)
    expect(page.locator(f"{q(single)} .aw-verdict")).to_contain_text("Correct")
    assert page.locator(f'{q(single)} input[value="{correct_response(single)}"]').is_checked()
    assert sorted(page.eval_on_selector_all(f"{q(multiple)} input:checked", "els => els.map(e => e.value)")) == sorted(
        chosen
    )
    assert page.locator(f"{q(short)} input[type=text]").input_value() == "withdrawal"
    assert page.locator(f"{q(multiple)} .aw-feedback").inner_html() == "", "a question never checked shows feedback"
    assert_quiet_and_private(tab, site.url)


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        json.dumps(
            {
                "version": 0,
                "layoutKey": "practice||",
                "responses": {"rup-definition": "1"},
                "checked": ["rup-definition"],
            }
        ),
    ],
    ids=["not-json", "old-version"],
)
def test_a_corrupt_saved_entry_is_discarded_with_a_notice_and_the_quiz_works(served, context, tab, stored):
    site = served("/")
    key = "alliance-quiz:v1:ruptures"
    set_before_load(context, key, stored)
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES)

    notice = page.locator(".aw-quiz-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("could not be read")
    assert page.locator(".aw-feedback:not(:empty)").count() == 0
    assert page.locator(".aw-question input:checked").count() == 0

    single = first_of_each_type(module_on(page), ("single",))[0]
    page.locator(f'{q(single)} input[value="{correct_response(single)}"]').check()
    page.locator(f"{q(single)} .aw-check").click()
    expect_feedback(page, single, correct_response(single), site.url)
    saved = stored_json(page, key)
    assert saved["version"] == 1 and saved["checked"] == [single.id]
    assert_quiet_and_private(tab, site.url)


def test_try_again_clears_answers_feedback_and_saved_progress(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + ALL_TYPES)
    module = module_on(page)
    single, ordering = first_of_each_type(module, ("single", "ordering"))
    hinted = next(x for x in module.questions if x.hints)
    start_order = order_shown(page, ordering)

    page.locator(f'{q(single)} input[value="{correct_response(single)}"]').check()
    page.locator(f"{q(single)} .aw-check").click()
    page.locator(f"{q(hinted)} .aw-hint").click()
    page.locator(f"{q(ordering)} .aw-order-item").last.locator(".aw-move[data-move=up]").click()
    assert order_shown(page, ordering) != start_order
    press_button(page, ".aw-submit")
    expect(page.locator(".aw-results .aw-summary")).to_be_visible()
    assert stored_json(page, "alliance-quiz:v1:" + module.id)["submitted"] is True

    press_button(page, ".aw-retry")
    expect(page.locator(".aw-results")).to_be_empty()
    assert page.locator(".aw-question input:checked").count() == 0
    assert page.locator(".aw-feedback:not(:empty)").count() == 0
    assert page.locator(".aw-hints > li").count() == 0
    assert order_shown(page, ordering) == start_order
    assert stored_json(page, "alliance-quiz:v1:" + module.id) is None
    assert page.evaluate("document.activeElement.closest('.aw-question') !== null"), (
        "focus did not return to the first question"
    )
    assert_quiet_and_private(tab, site.url)
