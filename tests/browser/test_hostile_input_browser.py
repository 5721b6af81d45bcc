"""Careless and hostile input in the browser (issue 14, browser side): Enter on an answer never
ends an attempt, bad link parameters are named in the quiz's notice, and an over-long seed is
refused on load. Real Chromium, real Pyodide, the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_selfcheck_browser import KEY, SELF_CHECK, answer, answers, expect_result
from tests.selfcheck.test_selfcheck_limits import many
from tests.support.browser import open_tab
from tests.support.quiz_page import assert_quiet_and_private, open_widget_page, tab_to, wait_for_python, watch
from widgets.selfcheck.history import MAX_SAVED_ENTRIES, to_json

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
    if mode == "practice":  # Enter checks that one question, as in a short-answer field
        expect(page.locator(f"{multiple} .aw-feedback .aw-verdict")).to_be_visible()
    else:
        page.wait_for_timeout(500)
        assert page.locator(".aw-feedback:not(:empty)").count() == 0, "feedback shown before submit"
    assert page.locator(".aw-results").inner_html() == "", "Enter submitted the whole attempt"
    assert page.locator(".aw-code").count() == 0, "a results code was issued"
    assert page.locator(f"{multiple} input[type=checkbox]:checked").count() == 1

    tab_to(page, ".aw-submit")
    page.keyboard.press("Enter")  # the button itself still submits
    expect(page.locator(".aw-results .aw-total")).to_be_visible()
    assert_quiet_and_private(tab, site.url)


# ---- (3) link parameters: every ignored or corrected one is named -------------------------------


@pytest.mark.parametrize(
    ("query", "named", "mode"),
    [
        ("?n=-1", "n=“-1” was ignored", "practice"),
        ("?n=0", "n=“0” was ignored", "practice"),
        ("?n=abc", "n=“abc” was ignored", "practice"),
        ("?n=3.7", "n=“3.7” was ignored", "practice"),
        ("?n=99999", "n=“99999”), but this quiz has", "practice"),
        ("?mode=bogus", "mode=“bogus” was ignored", "practice"),
        ("?mode=EXAM", "mode=“EXAM” was read as mode=exam", "exam"),
        ("?seed=", "seed is empty", "practice"),
        ("?n=2&n=3", "gives n 2 times", "practice"),
    ],
)
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
    expect(notice).not_to_contain_text("x" * 30)  # the notice does not repeat the whole value
    expect(page.locator(".aw-question:not([hidden])")).to_have_count(3)
    page.locator(".aw-submit").click()
    expect(page.locator(".aw-code-value")).to_be_visible()
    assert_quiet_and_private(tab, site.url)


def test_the_longest_seed_a_link_may_carry_still_makes_a_results_code(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    seed = "😀" * 50  # 50 characters of the widest kind: 200 UTF-8 bytes
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

    chosen = page.locator(f"{single} input[type=radio]").first  # options are in this reader's own order
    chosen.check()
    page.locator(f"{single} .aw-check").click()
    expect(page.locator(f"{single} .aw-feedback .aw-verdict")).to_be_visible()  # the quiz still works
    notice = page.locator(".aw-quiz-notice")
    expect(notice).to_contain_text("Your answers " + NOT_SAVED_FULL)
    saved = json.loads(downloaded(page, notice.get_by_role("button", name="Download your answers")))
    qid = page.locator(single).get_attribute("data-question-id")
    assert (
        saved["quiz"] == "ruptures"
        and saved["answers"][qid] == chosen.get_attribute("value")
        and saved["checked"] == [qid]
    )
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
    chosen = page.locator(f"{single} input[type=radio]").first  # options are in this reader's own order
    chosen.check()
    page.locator(".aw-submit").click()
    expect(page.locator(".aw-results .aw-total")).to_be_visible()
    expect(page.locator(".aw-code-value")).to_be_visible()
    saved = json.loads(downloaded(page, notice.get_by_role("button", name="Download your answers")))
    assert saved["mode"] == "exam" and saved["answers"][
        page.locator(single).get_attribute("data-question-id")
    ] == chosen.get_attribute("value")
    assert_quiet_and_private(tab, site.url)


def test_a_self_check_result_that_full_storage_cannot_keep_stays_shown_and_downloadable(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)
    assert page.evaluate(FILL_STORAGE) > 0
    given = answers("client", goals=3, tasks=4, bond=5)
    answer(page, "client", given, save=True)
    expect_result(page, "client", given)  # the result is shown, not an error
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


# ---- (7) two tabs of one quiz ---------------------------------------------------------------------


def test_answers_from_two_tabs_merge_per_question_and_each_tab_shows_the_other_s(served, context):
    site = served("/")
    first, second = open_tab(context), open_tab(context)
    for tab in (first, second):
        open_widget_page(tab, site.url + RUPTURES)
    a, b = first.page, second.page
    single, multiple, short = (first_question_of_type(a, t) for t in ("single", "multiple", "short_answer"))
    qid = lambda sel: a.locator(sel).get_attribute("data-question-id")  # noqa: E731

    a.locator(f"{single} input[type=radio]").nth(1).check()
    a.locator(f"{single} .aw-check").click()
    expect(a.locator(f"{single} .aw-verdict")).to_be_visible()
    b.locator(f"{multiple} input[type=checkbox]").first.check()
    a.locator(f"{short} input[type=text]").fill("withdrawal")

    stored = json.loads(a.evaluate("localStorage.getItem('alliance-quiz:v1:ruptures')"))
    # options are in this reader's own order: compare with the values of the options clicked
    assert stored["responses"][qid(single)] == a.locator(f"{single} input[type=radio]").nth(1).get_attribute("value")
    assert stored["responses"][qid(multiple)] == [
        b.locator(f"{multiple} input[type=checkbox]").first.get_attribute("value")
    ], "the other tab's answer was overwritten"
    assert stored["responses"][qid(short)] == "withdrawal"
    assert stored["checked"] == [qid(single)]
    expect(a.locator(f"{multiple} input[type=checkbox]").first).to_be_checked()  # B's answer shown in A
    expect(b.locator(f"{single} input[type=radio]").nth(1)).to_be_checked()  # A's answers shown in B
    expect(b.locator(f"{single} .aw-verdict")).to_be_visible()  # with its check
    expect(b.locator(f"{short} input[type=text]")).to_have_value("withdrawal")
    for tab in (first, second):
        assert_quiet_and_private(tab, site.url)


# ---- (5) no raw exception text reaches a reader; a failed Python starts again ----------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 200_000 + "]" * 200_000, "This file nests its data more than 20 levels deep"),
        (
            json.dumps(
                {
                    "format": "alliance-selfcheck",
                    "schema": 1,
                    "entries": [{"date": "9999-12-31T23:59:59-14:00", "form": "client", "answers": {"c-goals-1": 3}}],
                }
            ),
            "Entry 1 has an invalid date '9999-12-31T23:59:59-14:00'",
        ),
    ],
    ids=["nested-200000-deep", "date-past-year-9999"],
)
def test_a_hostile_self_check_file_gets_a_plain_message(served, tab, content, message):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)
    page.set_input_files(
        "#aw-sc-import", files=[{"name": "x.json", "mimeType": "application/json", "buffer": content.encode()}]
    )
    status = page.locator(".aw-tools-status")
    expect(status).to_contain_text(f"Nothing was changed: {message}")
    for raw in ("Error", "call stack", "out of range"):
        assert raw not in status.inner_text()
    given = answers("client", goals=3, tasks=3, bond=3)
    answer(page, "client", given)
    expect_result(page, "client", given)  # Python still answers
    assert_quiet_and_private(tab, site.url)


# A real Pyodide fatal error: the test fills the worker's stack, then hands Python a request that
# needs more (a reader cannot do this since nested files are refused; it stands for any fatal error).
BREAK_PYTHON = """() => {
  let nested = [];
  for (let i = 0; i < 600; i++) nested = [nested];
  const call = () => self.dispatchEvent(new MessageEvent("message", { data: { type: "call", id: -1, widget: "selfcheck", action: "trend", payload: { entries: nested } } }));
  let calls = 0;
  const deep = (n) => { try { deep(n + 1); } catch (error) { if (n % 25 === 0) { calls++; try { call(); } catch { /* no room */ } } if (n > 0) throw error; } };
  try { deep(0); } catch { /* unwound */ }
  return calls;
}"""


def test_a_python_fatal_error_restarts_the_worker_and_the_quiz_answers_again(served, tab):
    site = served("/")
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES)
    worker = next(w for w in page.workers if "python-worker" in w.url)
    assert worker.evaluate(BREAK_PYTHON) > 0
    page.wait_for_function("() => window.__alliance.restarts === 1 && window.__alliance.python.info", timeout=90_000)
    assert page.evaluate("window.__alliance.boots") == 2
    single = first_question_of_type(page, "single")
    page.locator(f"{single} input[type=radio]").first.check()
    page.locator(f"{single} .aw-check").click()  # the module was opened again in the new Python
    expect(page.locator(f"{single} .aw-feedback .aw-verdict")).to_be_visible()
    expect(page.locator(f"{single} .aw-feedback")).not_to_contain_text("not open")


# ---- (4) the self-check stores only what it can read back -------------------------------------------


def test_the_self_check_round_trips_its_limit_and_refuses_more_before_storing(served, tab):
    site = served("/")
    watch(tab)
    page = tab.page
    open_widget_page(tab, site.url + SELF_CHECK)
    full = to_json(many(MAX_SAVED_ENTRIES + 5))
    page.set_input_files(
        "#aw-sc-import", files=[{"name": "many.json", "mimeType": "application/json", "buffer": full.encode()}]
    )
    status = page.locator(".aw-tools-status")
    expect(status).to_contain_text(
        f"Added {MAX_SAVED_ENTRIES} result(s) from many.json. 5 older result(s) in the file were not added"
    )
    assert len(json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["entries"]) == MAX_SAVED_ENTRIES

    page.reload(wait_until="load")
    wait_for_python(page)  # what was stored reads back
    assert "could not be read" not in status.inner_text()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as JSON").click()
    exported = Path(info.value.path()).read_text(encoding="utf-8")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete all my data").click()
    expect(status).to_contain_text("has been deleted")
    page.set_input_files(
        "#aw-sc-import", files=[{"name": "back.json", "mimeType": "application/json", "buffer": exported.encode()}]
    )
    expect(status).to_have_text(f"Added {MAX_SAVED_ENTRIES} result(s) from back.json.")  # its own export re-imports

    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    one_more = to_json(many(1, start=90_000))
    page.set_input_files(
        "#aw-sc-import", files=[{"name": "one.json", "mimeType": "application/json", "buffer": one_more.encode()}]
    )
    expect(status).to_contain_text(
        f"Nothing was changed: This page already keeps {MAX_SAVED_ENTRIES:,} results, the most it can"
    )
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before
    assert_quiet_and_private(tab, site.url)


def test_a_request_the_browser_cannot_hand_to_python_gets_a_plain_message(served, tab):
    site = served("/")
    page = tab.page
    open_widget_page(tab, site.url + RUPTURES)
    message = page.evaluate("""async () => {
      let nested = [];
      for (let i = 0; i < 100000; i++) nested = [nested];
      return window.__alliance.python.call("selfcheck", "trend", { entries: nested }).then(() => "answered", (e) => e.message);
    }""")
    assert message == "This could not be handed to Python (it is too large or too deeply nested). Nothing was changed."
    assert page.evaluate("window.__alliance.python.call('runtime', 'info', {}).then((info) => Boolean(info.python))")
