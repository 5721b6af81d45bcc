"""Careless and hostile input in the browser (issue 14, browser side): Enter on an answer never
ends an attempt, bad link parameters are named in the quiz's notice, and an over-long seed is
refused on load. Real Chromium, real Pyodide, the built site."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.quiz_page import assert_quiet_and_private, open_widget_page, tab_to, watch

pytestmark = pytest.mark.browser

RUPTURES = "quizzes/ruptures/"


def first_question_of_type(page, kind: str) -> str:
    qid = page.evaluate("(t) => document.querySelector(`.aw-question[data-type='${t}']`).dataset.questionId", kind)
    return f'.aw-question[data-question-id="{qid}"]'


# ---- (1) only the submit button submits ---------------------------------------------------------

@pytest.mark.parametrize("mode", ["exam", "practice"])
def test_enter_on_a_radio_button_or_checkbox_never_submits_the_attempt(served, tab, mode):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES + f"?mode={mode}")
    single = first_question_of_type(page, "single")
    multiple = first_question_of_type(page, "multiple")

    tab_to(page, f"{single} input[type=radio]")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    tab_to(page, f"{multiple} input[type=checkbox]")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    if mode == "practice":     # Enter checks that one question, as in a short-answer field
        expect(page.locator(f"{multiple} .aw-feedback .aw-verdict")).to_be_visible()
    else:
        page.wait_for_timeout(500)
        assert page.locator(".aw-feedback:not(:empty)").count() == 0, "feedback shown before submit"
    assert page.locator(".aw-results").inner_html() == "", "Enter submitted the whole attempt"
    assert page.locator(".aw-code").count() == 0, "a results code was issued"
    assert page.locator(f"{multiple} input[type=checkbox]:checked").count() == 1

    tab_to(page, ".aw-submit")
    page.keyboard.press("Enter")             # the button itself still submits
    expect(page.locator(".aw-results .aw-total")).to_be_visible()
    assert_quiet_and_private(tab, site.url)
