"""Careless and hostile input in the browser (issue 14, browser side): Enter on an answer never
ends an attempt, bad link parameters are named in the quiz's notice, and an over-long seed is
refused on load. Real Chromium, real Pyodide, the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_selfcheck_browser import SELF_CHECK, answer, answers, expect_result
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


# ---- (3) link parameters: every ignored or corrected one is named -------------------------------

@pytest.mark.parametrize(("query", "named", "mode"), [
    ("?n=-1", "n=“-1” was ignored", "practice"),
    ("?n=0", "n=“0” was ignored", "practice"),
    ("?n=abc", "n=“abc” was ignored", "practice"),
    ("?n=3.7", "n=“3.7” was ignored", "practice"),
    ("?n=99999", "n=“99999”), but this quiz has", "practice"),
    ("?mode=bogus", "mode=“bogus” was ignored", "practice"),
    ("?mode=EXAM", "mode=“EXAM” was read as mode=exam", "exam"),
    ("?seed=", "seed is empty", "practice"),
    ("?n=2&n=3", "gives n 2 times", "practice"),
])
def test_a_bad_link_parameter_is_named_in_the_notice(served, tab, query, named, mode):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES + query)
    notice = page.locator(".aw-quiz-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(named)
    assert (page.locator(".aw-check:visible").count() == 0) == (mode == "exam")
    assert page.locator(".aw-question:not([hidden])").count() >= 2
    assert_quiet_and_private(tab, site.url)


def test_a_good_link_gives_no_notice_and_other_parameters_are_left_alone(served, tab):
    site = served("/")
    open_widget_page(tab, site.url + RUPTURES + "?n=3&seed=abc&utm_source=x")
    expect(tab.page.locator(".aw-question:not([hidden])")).to_have_count(3)
    assert tab.page.locator(".aw-quiz-notice").inner_text().strip() == ""


def test_an_over_long_seed_is_refused_on_load_and_the_exam_still_gives_a_code(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES + "?mode=exam&n=3&seed=" + "x" * 10_000)
    notice = page.locator(".aw-quiz-notice")
    expect(notice).to_contain_text("The link's seed is too long (10,000 characters; at most 50), so it was not used")
    expect(notice).not_to_contain_text("x" * 30)        # the notice does not repeat the whole value
    expect(page.locator(".aw-question:not([hidden])")).to_have_count(3)
    page.locator(".aw-submit").click()
    expect(page.locator(".aw-code-value")).to_be_visible()
    assert_quiet_and_private(tab, site.url)


def test_the_longest_seed_a_link_may_carry_still_makes_a_results_code(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    seed = "😀" * 50               # 50 characters of the widest kind: 200 UTF-8 bytes
    open_widget_page(tab, site.url + RUPTURES + "?mode=exam&n=2&seed=" + seed)
    assert "seed" not in page.locator(".aw-quiz-notice").inner_text()
    page.locator(".aw-submit").click()
    expect(page.locator(".aw-code-value")).to_be_visible()
    assert_quiet_and_private(tab, site.url)


# ---- (6) storage full, or refusing every write (Safari's private mode) ----------------------------

FILL_STORAGE = """() => {
  let i = 0;
  for (let size = 1 << 20; size >= 1; size >>= 1) {
    const chunk = "x".repeat(size);
    try { for (;;) localStorage.setItem(`filler-${i++}`, chunk); } catch { /* full at this size */ }
  }
  return i;
}"""

# Safari's private mode (and some privacy settings) throw on every write, with an empty storage.
PRIVATE_MODE = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};"""

NOT_SAVED_FULL = "could not be saved: this browser's storage for this site is full"
NOTHING_KEPT = "This browser does not let this site keep anything (as in private browsing), so nothing will be kept"


def downloaded(page, button) -> str:
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_a_quiz_answer_that_full_storage_cannot_keep_is_named_and_offered_as_a_download(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES)
    single = first_question_of_type(page, "single")
    assert page.evaluate(FILL_STORAGE) > 0

    page.locator(f"{single} input[type=radio]").first.check()
    page.locator(f"{single} .aw-check").click()
    expect(page.locator(f"{single} .aw-feedback .aw-verdict")).to_be_visible()     # the quiz still works
    notice = page.locator(".aw-quiz-notice")
    expect(notice).to_contain_text("Your answers " + NOT_SAVED_FULL)
    saved = json.loads(downloaded(page, notice.get_by_role("button", name="Download your answers")))
    qid = page.locator(single).get_attribute("data-question-id")
    assert saved["quiz"] == "ruptures" and saved["answers"][qid] == "0" and saved["checked"] == [qid]
    assert "setItem" not in page.locator("body").inner_text()
    assert_quiet_and_private(tab, site.url)


def test_a_quiz_in_private_mode_works_and_says_nothing_will_be_kept(served, context, tab):
    site = served("/")
    context.add_init_script(PRIVATE_MODE)
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES + "?mode=exam")
    notice = page.locator(".aw-quiz-notice")
    expect(notice).to_contain_text(NOTHING_KEPT)
    single = first_question_of_type(page, "single")
    page.locator(f"{single} input[type=radio]").first.check()
    page.locator(".aw-submit").click()
    expect(page.locator(".aw-results .aw-total")).to_be_visible()
    expect(page.locator(".aw-code-value")).to_be_visible()
    saved = json.loads(downloaded(page, notice.get_by_role("button", name="Download your answers")))
    assert saved["mode"] == "exam" and saved["answers"][page.locator(single).get_attribute("data-question-id")] == "0"
    assert_quiet_and_private(tab, site.url)


def test_a_self_check_result_that_full_storage_cannot_keep_stays_shown_and_downloadable(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)
    assert page.evaluate(FILL_STORAGE) > 0
    given = answers("client", goals=3, tasks=4, bond=5)
    answer(page, "client", given, save=True)
    expect_result(page, "client", given)                  # the result is shown, not an error
    note = page.locator(".aw-storage-note")
    expect(note).to_contain_text("Your results " + NOT_SAVED_FULL)
    expect(page.locator(".aw-tools-status")).to_contain_text("Your result was not saved")
    exported = json.loads(downloaded(page, note.get_by_role("button", name="Download your results (JSON)")))
    assert [e["answers"] for e in exported["entries"]] == [given]
    assert "setItem" not in page.locator("body").inner_text()
    assert_quiet_and_private(tab, site.url)


def test_the_self_check_in_private_mode_scores_and_says_nothing_will_be_kept(served, context, tab):
    site = served("/")
    context.add_init_script(PRIVATE_MODE)
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)
    expect(page.locator(".aw-storage-note")).to_contain_text(NOTHING_KEPT)
    given = answers("client", goals=2, tasks=3, bond=4)
    answer(page, "client", given, save=True)
    expect_result(page, "client", given)
    expect(page.locator(".aw-tools-status")).to_contain_text("Your result was not saved")
    assert_quiet_and_private(tab, site.url)
