"""The learner's path through a quiz in Debian's Chromium, at 375 px and 1280 px, by keyboard alone,
with axe in both palettes: marks in place after "Check answer" (an icon and words on the chosen
option, the correct option marked, each option's feedback beside it), none before an exam is
submitted, a live "n of N answered" count, "Retry the ones I missed", the results' review list,
the same marks on /review/, and a practice check counted on /progress/.

Options are shuffled per reader: tests find options by their ``value``, never by position."""

from __future__ import annotations

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
    stored_json,
    tab_to,
    wait_for_python,
)
from widgets.quiz.feedback import stem_start
from widgets.quiz.model import Module, MultipleChoice, Question, SingleChoice, TrueFalse, plain_text

pytestmark = pytest.mark.browser

RUPTURES = "quizzes/ruptures/"
VIEWPORTS = {"phone": {"width": 375, "height": 800}, "desktop": {"width": 1280, "height": 900}}


def module_on(page) -> Module:
    return Module.from_json(page.evaluate("JSON.parse(document.querySelector('.aw-quiz-data').dataset.json)"))


def q(question: Question | str) -> str:
    qid = question if isinstance(question, str) else question.id
    return f'.aw-question[data-question-id="{qid}"]'


def radio_questions(module: Module) -> list[SingleChoice | TrueFalse]:
    return [x for x in module.questions if isinstance(x, (SingleChoice, TrueFalse))]


def key_of(question: SingleChoice | TrueFalse, right: bool) -> str:
    """The value of a right (or a wrong) option."""
    if isinstance(question, TrueFalse):
        return "true" if question.answer == right else "false"
    return next(str(i) for i, o in enumerate(question.options) if o.correct == right)


def option(page, question: Question, key: str):
    return page.locator(f'{q(question)} input[value="{key}"]')


def answer_something(page, sel: str, kind: str) -> None:
    """Give some answer to a question of any type, by keyboard (right or wrong does not matter)."""
    if kind in ("single", "true_false"):
        choose_radio(
            page, f"{sel} input[type=radio]", page.locator(f"{sel} input[type=radio]").first.get_attribute("value")
        )
    elif kind == "multiple":
        tab_to(page, f"{sel} input[type=checkbox]")
        page.keyboard.press("Space")
    elif kind == "matching":
        tab_to(page, f"{sel} select")
        page.keyboard.press("ArrowDown")
    elif kind == "ordering":
        press_button(page, f'{sel} .aw-order-item:last-child .aw-move[data-move="up"]')
    else:
        tab_to(page, f"{sel} input[type=text]")
        page.keyboard.type("an answer")


def in_both_palettes_axe_is_clean(page) -> None:
    """axe in the light and the dark palette, switched with the header's palette toggle (with reduced
    motion, so no colour is measured halfway through a transition)."""
    page.emulate_media(reduced_motion="reduce")
    body = page.locator("body")
    for scheme in ("default", "slate"):
        if body.get_attribute("data-md-color-scheme") != scheme:
            page.locator('form[data-md-component="palette"] label.md-header__button:visible').click()
        expect(body).to_have_attribute("data-md-color-scheme", scheme)
        assert axe_violations(page) == [], f"axe in the {scheme} palette"


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_checked_wrong_answer_is_marked_in_place_with_words_and_the_right_one_is_shown(served, browser, size):
    site = served("/")
    with fresh_tab(browser, viewport=VIEWPORTS[size]) as tab:
        page = tab.page
        open_widget_page(tab, site.url + RUPTURES)
        module = module_on(page)
        question = next(x for x in module.questions if isinstance(x, SingleChoice))
        wrong, right = key_of(question, False), key_of(question, True)
        assert page.locator(f"{q(question)} .aw-mark").count() == 0

        choose_radio(page, f"{q(question)} input[type=radio]", wrong)
        press_button(page, f"{q(question)} .aw-check")

        chosen = option(page, question, wrong)
        expect(chosen).to_have_accessible_name(re.compile(r"Your answer: not correct$"))
        mark = page.locator(f'{q(question)} .aw-option:has(input[value="{wrong}"]) .aw-mark--wrong')
        expect(mark).to_have_text("Your answer: not correct")
        assert mark.locator(".aw-mark-icon[aria-hidden=true]").count() == 1  # an icon, and words
        feedback = plain_text(question.options[int(wrong)].feedback_html)
        expect(chosen).to_have_accessible_description(feedback)  # the option's own feedback, beside it
        note = page.locator(f'{q(question)} .aw-option:has(input[value="{wrong}"]) + .aw-mark-note')
        expect(note).to_contain_text(feedback)

        expect(option(page, question, right)).to_have_accessible_name(re.compile(r"Correct answer$"))
        others = [k for k in map(str, range(len(question.options))) if k not in (wrong, right)]
        for key in others:  # neither chosen nor correct: no mark
            assert page.locator(f'{q(question)} .aw-option:has(input[value="{key}"]) .aw-mark').count() == 0

        box = page.locator(f"{q(question)} .aw-feedback")
        assert box.get_attribute("aria-live") == "polite"  # the verdict is said once, from here
        expect(box.locator(".aw-verdict")).to_contain_text("Not quite")
        expect(box.locator(".aw-explanation")).to_be_visible()
        expect(box.get_by_role("link", name="Read more in the lesson")).to_be_visible()
        assert page.evaluate(
            "(s) => { const [o, f] = [document.querySelector(s + ' .aw-options'), document.querySelector(s + ' .aw-feedback')];"
            " return o.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING; }",
            q(question),
        ), "the explanation comes after the options"

        card = page.locator(q(question)).bounding_box()
        column = page.locator(".md-content__inner").bounding_box()
        assert card["width"] >= column["width"] - 2, "the question does not use the column's width"
        no_sideways_scroll(page)
        in_both_palettes_axe_is_clean(page)

        choose_radio(page, f"{q(question)} input[type=radio]", right)  # a new answer: the old marks go
        expect(page.locator(f"{q(question)} .aw-mark")).to_have_count(0)
        expect(box).to_be_empty()
        assert_quiet_and_private(tab, site.url)


def test_exam_mode_marks_nothing_before_submit_and_everything_after(served, browser):
    site = served("/")
    with fresh_tab(browser) as tab:
        page = tab.page
        open_widget_page(tab, site.url + RUPTURES + "?mode=exam")
        module = module_on(page)
        question, unanswered = radio_questions(module)[:2]
        wrong = key_of(question, False)
        choose_radio(page, f"{q(question)} input[type=radio]", wrong)
        expect(page.locator(".aw-answered-text")).to_have_text(f"1 of {len(module.questions)} answered")
        assert page.locator(".aw-mark, .aw-marked, .aw-mark-note").count() == 0, "marks before submit"

        press_button(page, ".aw-submit")
        expect(page.locator(".aw-results .aw-summary")).to_be_visible()
        expect(option(page, question, wrong)).to_have_accessible_name(re.compile(r"Your answer: not correct$"))
        expect(option(page, question, key_of(question, True))).to_have_accessible_name(re.compile(r"Correct answer$"))
        right = key_of(unanswered, True)  # an unanswered question shows its correct answer after submit
        expect(option(page, unanswered, right)).to_have_accessible_name(re.compile(r"Correct answer$"))
        in_both_palettes_axe_is_clean(page)
        assert_quiet_and_private(tab, site.url)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_the_answered_count_moves_as_the_reader_answers(served, browser, size):
    site = served("/")
    with fresh_tab(browser, viewport=VIEWPORTS[size]) as tab:
        page = tab.page
        open_widget_page(tab, site.url + RUPTURES)
        module = module_on(page)
        total = len(module.questions)
        count, bar = page.locator(".aw-answered-text"), page.locator(".aw-answered progress")
        expect(count).to_have_text(f"0 of {total} answered")
        expect(bar).to_have_accessible_name(f"0 of {total} answered")
        first, second = radio_questions(module)[:2]
        choose_radio(page, f"{q(first)} input[type=radio]", key_of(first, True))
        expect(count).to_have_text(f"1 of {total} answered")
        assert bar.evaluate("b => [b.value, b.max]") == [1, total]
        choose_radio(page, f"{q(second)} input[type=radio]", key_of(second, False))
        expect(count).to_have_text(f"2 of {total} answered")
        multiple = next(x for x in module.questions if isinstance(x, MultipleChoice))
        tab_to(page, f'{q(multiple)} input[value="0"]')
        page.keyboard.press("Space")
        expect(count).to_have_text(f"3 of {total} answered")
        page.keyboard.press("Space")  # unticked again: no answer
        expect(count).to_have_text(f"2 of {total} answered")
        page.reload(wait_until="load")
        wait_for_python(page)
        expect(count).to_have_text(f"2 of {total} answered")  # saved answers count after a reload
        no_sideways_scroll(page)
        assert_quiet_and_private(tab, site.url)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_results_name_each_question_and_retry_the_ones_i_missed_keeps_the_right_answer(served, browser, size):
    site = served("/")
    with fresh_tab(browser, viewport=VIEWPORTS[size]) as tab:
        page = tab.page
        open_widget_page(tab, site.url + RUPTURES)
        module = module_on(page)
        good, bad = radio_questions(module)[:2]
        choose_radio(page, f"{q(good)} input[type=radio]", key_of(good, True))
        choose_radio(page, f"{q(bad)} input[type=radio]", key_of(bad, False))
        press_button(page, ".aw-submit")
        results = page.locator(".aw-results")
        expect(results.locator(".aw-summary")).to_be_visible()

        items = results.locator(".aw-review > li")
        expect(items).to_have_count(len(module.questions))
        for n, question in enumerate(module.questions, start=1):
            link = items.nth(n - 1).locator("a")
            expect(link).to_have_text(f"Question {n}: {stem_start(question)}")
            assert link.get_attribute("href") == f"#q-{question.id}"
        expect(items.nth(module.questions.index(good)).locator(".aw-status-mark")).to_have_text("✓ Correct")
        expect(items.nth(module.questions.index(bad)).locator(".aw-status-mark")).to_have_text("✗ Not correct")
        expect(results.locator(".aw-by-objective table")).to_be_visible()
        assert results.locator(".aw-by-objective").evaluate("e => getComputedStyle(e).textAlign") in ("left", "start")
        in_both_palettes_axe_is_clean(page)
        no_sideways_scroll(page)

        press_button(page, f'.aw-review a[href="#q-{bad.id}"]')  # the link takes focus to the question
        expect(page.locator(f"{q(bad)} fieldset")).to_be_focused()
        expect(page.locator(f"{q(bad)} fieldset")).to_have_accessible_name(re.compile(r"^Question \d+ "))
        assert page.locator(".aw-results .aw-summary").count() == 1, "following the link submitted the quiz"

        press_button(page, ".aw-retry-missed")
        expect(results).to_be_empty()
        assert option(page, good, key_of(good, True)).is_checked(), "a right answer was cleared"
        assert page.locator(f"{q(bad)} input:checked").count() == 0, "a wrong answer was kept"
        expect(page.locator(f"{q(bad)} .aw-mark")).to_have_count(0)
        expect(page.locator(f"{q(good)} .aw-mark--right")).to_have_count(1)
        first_missed = next(x for x in module.questions if x.id != good.id)  # every other one was missed
        assert page.evaluate("(s) => document.querySelector(s).contains(document.activeElement)", q(first_missed))
        saved = stored_json(page, f"alliance-quiz:v1:{module.id}")
        assert saved["submitted"] is False and saved["responses"][good.id] == key_of(good, True)
        assert saved["responses"][bad.id] is None
        page.reload(wait_until="load")
        wait_for_python(page)
        expect(results).to_be_empty()  # the retry is kept: the quiz is open again
        assert option(page, good, key_of(good, True)).is_checked()
        assert_quiet_and_private(tab, site.url)


def test_a_practice_check_counts_on_my_progress_and_review_marks_in_place(served, browser):
    site = served("/")
    with fresh_tab(browser) as tab:
        page = tab.page
        open_widget_page(tab, site.url + RUPTURES)
        module = module_on(page)
        question = radio_questions(module)[0]
        choose_radio(page, f"{q(question)} input[type=radio]", key_of(question, True))
        press_button(page, f"{q(question)} .aw-check")
        expect(page.locator(f"{q(question)} .aw-mark--right")).to_have_text("Your answer: correct")
        check = stored_json(page, "alliance-progress:v1")["checks"][question.id]
        assert check["score"] == 1

        open_widget_page(tab, site.url + "progress/")
        objective = next(o for o in module.objectives if o.id == question.objective)
        total = sum(1 for x in module.questions if x.objective == objective.id)
        table = page.locator(f'.aw-progress-mastery[data-module-id="{module.id}"]')
        row = table.locator("tr", has_text=objective.text)
        expect(row).to_contain_text(f"1 of {total}, 100% right")

        open_widget_page(tab, site.url + "review/")
        first = page.locator(".aw-review-questions > .aw-question:not([hidden])").first
        expect(first).to_be_visible()
        answer_something(page, q(first.get_attribute("data-question-id")), first.get_attribute("data-type"))
        press_button(page, f"{q(first.get_attribute('data-question-id'))} .aw-check")
        expect(first.locator(".aw-feedback .aw-verdict")).to_be_visible()
        expect(first.locator(".aw-mark").first).to_be_visible()
        assert axe_violations(page) == []
        assert_quiet_and_private(tab, site.url)
