"""My progress and Review in Debian's Chromium, at phone and desktop widths, by keyboard alone,
with axe: a lesson read and a module's score appear on /progress/ (and the home page's Continue
link), a wrong review answer comes back after a day and a right one rests until its three days
are over. Time is moved through the pages' documented hook ``window.ALLIANCE_NOW_MS``
(docs/javascripts/progress-store.js), set before any script of the next page runs."""

from __future__ import annotations

import json

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
    wait_for_python,
)
from widgets.progress.leitner import DAY_MS
from widgets.quiz.model import Module, SingleChoice, TrueFalse

pytestmark = pytest.mark.browser

KEY = "alliance-progress:v1"
T0 = 1_795_939_200_000  # 2026-11-29 08:00 UTC: a fixed "now" for the review
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def move_time(context, ms: int) -> None:
    """From the next page on, the site's clock reads ``ms`` (init scripts run in order: the last wins)."""
    context.add_init_script(f"window.ALLIANCE_NOW_MS = {ms};")


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def shot(page, artifacts, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def radio_key(question, right: bool) -> str:
    if isinstance(question, TrueFalse):
        return ("true" if question.answer else "false") if right else ("false" if question.answer else "true")
    return next(str(i) for i, o in enumerate(question.options) if o.correct == right)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_lesson_read_and_a_modules_score_appear_on_my_progress_and_home(served, browser, artifacts, size):
    site = served("/")
    with fresh_tab(browser, viewport=VIEWPORTS[size]) as tab:
        page = tab.page
        page.goto(site.url, wait_until="load")
        expect(page.locator(".aw-continue-home")).to_be_hidden()  # nothing to continue yet

        page.goto(site.url + "lessons/ruptures/", wait_until="load")
        status = page.locator(".aw-lesson-end-status")
        expect(page.locator(".aw-mark-read")).to_be_visible()  # the script is running
        expect(status).to_have_text("")
        page.keyboard.press("End")  # the reader reaches the end
        expect(status).to_contain_text("✓ Read on")
        expect(page.locator(".aw-mark-read")).to_be_hidden()
        assert axe_violations(page) == []
        page.goto(site.url + "lessons/why-it-matters/", wait_until="load")
        expect(page.locator(".aw-mark-read")).to_be_visible()
        title = page.locator("h1").first.inner_text().rstrip("¶").strip()

        open_widget_page(tab, site.url + "quizzes/ruptures/")
        module = Module.from_json(page.evaluate("JSON.parse(document.querySelector('.aw-quiz-data').dataset.json)"))
        first = module.questions[0]
        assert isinstance(first, (SingleChoice, TrueFalse))
        choose_radio(page, f'.aw-question[data-question-id="{first.id}"] input', radio_key(first, True))
        press_button(page, ".aw-submit")
        expect(page.locator(".aw-results")).not_to_be_empty()
        total = len(module.questions)
        assert stored_json(page, KEY)["quizzes"]["ruptures"]["last"]["score"] == 1

        open_widget_page(tab, site.url + "progress/")
        row = page.locator('.aw-progress-quizzes tr[data-module-id="ruptures"]')
        expect(row).to_contain_text(f"1 of {total} ({round(100 / total)}%)")
        expect(page.locator(".aw-progress-lessons")).to_contain_text("✓ Read on")
        expect(page.locator(".aw-progress-lessons")).to_contain_text("Lessons: 1 of 9 read")
        expect(
            page.locator(
                '.aw-progress-mastery tr[data-level="mastered"], .aw-progress-mastery tr[data-level="getting-there"]'
            )
        ).not_to_have_count(0)
        continue_link = page.locator(".aw-continue a")
        expect(continue_link).to_have_text(f"Continue reading: {title}")
        assert axe_violations(page) == []
        no_sideways_scroll(page)
        shot(page, artifacts, f"progress-{size}")

        page.goto(site.url, wait_until="load")  # the same rule on the home page
        home_link = page.locator(".aw-continue-link")
        expect(home_link).to_have_text(f"Continue reading: {title}")
        assert home_link.get_attribute("href") == site.url + "lessons/why-it-matters/"
        assert axe_violations(page) == []
        assert_quiet_and_private(tab, site.url)


def round_shown(page) -> list[str]:
    return page.eval_on_selector_all(
        ".aw-review-questions > .aw-question:not([hidden])", "els => els.map(e => e.dataset.questionId)"
    )


@pytest.mark.parametrize("size", VIEWPORTS)
def test_review_brings_a_wrong_answer_back_after_a_day_and_rests_a_right_one(served, browser, artifacts, size):
    site = served("/")
    with fresh_tab(browser, viewport=VIEWPORTS[size]) as tab:
        page, context = tab.page, tab.page.context
        move_time(context, T0)
        open_widget_page(tab, site.url + "review/")
        shown = round_shown(page)
        assert len(shown) == 10
        modules = {
            m["id"]: Module.from_json(m)
            for m in page.evaluate("JSON.parse(document.querySelector('.aw-review-modules').dataset.json)")
        }
        assert len(
            {page.get_attribute(f'.aw-question[data-question-id="{q}"]', "data-module-id") for q in shown}
        ) == len(modules)
        question = {q.id: q for m in modules.values() for q in m.questions}
        radios = [q for q in shown if isinstance(question[q], (SingleChoice, TrueFalse))]
        wrong, right = radios[0], radios[1]

        for qid, is_right in ((wrong, False), (right, True)):
            item = f'.aw-question[data-question-id="{qid}"]'
            choose_radio(page, f"{item} input", radio_key(question[qid], is_right))
            press_button(page, f"{item} .aw-check")
            expect(page.locator(f"{item} .aw-review-box")).to_have_text(
                "Right: moves to box 2, asked again in 3 days or later."
                if is_right
                else "Not fully right: back to box 1, asked again in 1 day or later."
            )
        assert stored_json(page, KEY)["review"] == {wrong: {"box": 1, "seen": T0}, right: {"box": 2, "seen": T0}}
        assert axe_violations(page) == []
        no_sideways_scroll(page)
        shot(page, artifacts, f"review-{size}")

        move_time(context, T0 + DAY_MS)  # a day later: the wrong one is back, first
        page.reload(wait_until="load")
        wait_for_python(page)
        later = round_shown(page)
        assert later[0] == wrong and right not in later

        move_time(context, T0 + 3 * DAY_MS)  # three days on: the right one is due too
        page.reload(wait_until="load")
        wait_for_python(page)
        assert round_shown(page)[:2] == [wrong, right]
        assert_quiet_and_private(tab, site.url)


def test_progress_file_download_bad_import_and_delete_from_a_sub_path(served, browser, tmp_path):
    site = served("/course/")
    with fresh_tab(browser, viewport=VIEWPORTS["desktop"], accept_downloads=True) as tab:
        page = tab.page
        # reaching the end marks a lesson read (tested above); here the button does, in a browser
        # that cannot tell (no IntersectionObserver): Tab to it and press Enter
        page.context.add_init_script("delete window.IntersectionObserver;")
        page.goto(site.url + "lessons/ruptures/", wait_until="load")
        press_button(page, ".aw-mark-read")
        expect(page.locator(".aw-lesson-end-status")).to_contain_text("✓ Read on")
        open_widget_page(tab, site.url + "progress/")
        before = stored_json(page, KEY)
        with page.expect_download() as download:
            press_button(page, ".aw-progress-export")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert json.loads(saved.read_text())["lessons"] == before["lessons"]

        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "alliance-progress", "schema": 1, "lesons": {}}')
        page.set_input_files("#aw-progress-import", str(bad))
        expect(page.locator(".aw-progress-status")).to_have_text(
            "Nothing was added from bad.json: This file has an unknown field 'lesons' (did you mean 'lessons'?)."
        )
        assert stored_json(page, KEY) == before

        page.once("dialog", lambda dialog: dialog.accept())
        press_button(page, ".aw-progress-delete")
        expect(page.locator(".aw-progress-status")).to_have_text(
            "Your progress saved in this browser has been deleted."
        )
        assert stored_json(page, KEY) is None
        expect(page.locator(".aw-progress-lessons")).to_contain_text("Lessons: 0 of 9 read")

        page.set_input_files("#aw-progress-import", str(saved))  # another device: bring it back
        expect(page.locator(".aw-progress-status")).to_contain_text("Added what the file holds (1 lesson")
        expect(page.locator(".aw-progress-lessons")).to_contain_text("Lessons: 1 of 9 read")


def test_review_works_offline_after_one_visit(served, context):
    site = served("/")
    page = context.new_page()
    page.goto(site.url + "review/")
    page.wait_for_function("() => window.__alliance?.python?.info", timeout=90000)
    page.wait_for_function("() => window.__alliance?.offline?.python", timeout=90000)
    page.close()
    context.set_offline(True)
    page = context.new_page()
    page.goto(site.url + "review/")
    wait_for_python(page)
    assert len(round_shown(page)) == 10
    question = page.locator(
        ".aw-review-questions > .aw-question[data-type='true_false']:not([hidden]), "
        ".aw-review-questions > .aw-question[data-type='single']:not([hidden])"
    ).first
    question.locator("input").first.check()
    question.locator(".aw-check").click()
    expect(question.locator(".aw-review-box")).to_contain_text("box")
