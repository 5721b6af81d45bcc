"""The main paths of a reader and a lecturer, in Firefox (ESR) and in WebKit (Safari's engine), on the
built site under /course/: each test is written once against the small ``Driver`` of
tests/support/engines/drivers.py and runs in both engines (``-k firefox`` or ``-k webkit`` for one).
Expected scores come from the ``widgets`` package in this process, the code the page runs.
Every test ends with no console error, no uncaught error and no file that failed to load."""

from __future__ import annotations

import re

import pytest

from scripts.quizzes import load_bank
from tests.browser.test_quiz_browser import correct_response, first_of_each_type, q
from tests.support.engines.drivers import Unsupported
from tests.support.engines.probe_server import STORAGE_THROWS_COOKIE
from tests.support.quiz_page import WIDGETS_MOUNTED
from widgets.quiz.codes import encode_attempt, regrade
from widgets.quiz.feedback import number, verdict
from widgets.quiz.grading import grade_attempt, grade_question
from widgets.quiz.model import Module
from widgets.selfcheck.items import get_form
from widgets.selfcheck.scoring import score

pytestmark = pytest.mark.engines

ALL_TYPES = "quizzes/repairing-ruptures/"  # single, multiple, matching, ordering, short answer
RUPTURES = "quizzes/ruptures/"
SELF_CHECK = "self-check/"
LECTURERS = "lecturers/"
STORAGE_NOTICE = "[data-storage-notice]"  # the visible notice that nothing will be kept
PYTHON_READY_OR_FAILED = "() => !!(window.__alliance?.python?.info || document.querySelector('.aw-status--error'))"
NOT_KEPT = re.compile(r"(not|n't) be (saved|kept)|nothing .*(saved|kept)", re.IGNORECASE)


# ---- helpers on top of the driver ------------------------------------------------------------------


def open_widget_page(drv, url: str) -> None:
    """Go to a page with a widget; wait until Python is ready and every widget has set itself up."""
    drv.goto(url)
    wait_for_widgets(drv)


def wait_for_widgets(drv) -> None:
    drv.wait_for(PYTHON_READY_OR_FAILED, timeout=120, what="Python ready or failed")
    error = drv.text(".aw-status--error")
    assert error is None, f"{drv.name}: Python did not start: {error}"
    drv.wait_for(WIDGETS_MOUNTED, timeout=60, what="widgets mounted")
    drv.eval("() => Promise.all([...window.__alliance.mounted.values()].map((h) => h.ready)).then(() => true)")


def assert_no_console_error(drv) -> None:
    errors = drv.console_errors()
    assert errors == [], f"{drv.name}:\n" + "\n".join(errors)


def module_on(drv) -> Module:
    return Module.from_json(drv.eval("() => JSON.parse(document.querySelector('.aw-quiz-data').dataset.json)"))


_WHERE_IS_FOCUS = """(selector) => {
  const target = document.querySelector(selector), focus = document.activeElement;
  if (!target) throw new Error(`nothing on the page matches ${selector}`);
  if (focus?.matches(selector)) return "there";
  if (!focus || focus === document.body) return "before";
  return target.compareDocumentPosition(focus) & Node.DOCUMENT_POSITION_FOLLOWING ? "after" : "before";
}"""


def tab_to(drv, selector: str, limit: int = 300) -> None:
    """Press Tab (Shift+Tab if the target is earlier) until focus is on ``selector``."""
    trail = []
    for _ in range(limit):
        where = drv.eval(_WHERE_IS_FOCUS, selector)
        if where == "there":
            return
        trail.append(drv.eval(_FOCUSED) + f" ({where})")
        drv.press("Shift+Tab" if where == "after" else "Tab")
    raise AssertionError(f"{drv.name}: {selector} cannot be reached with Tab; focus went: " + ", ".join(trail[-12:]))


_FOCUSED = """() => { const e = document.activeElement;
  return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') : 'none'; }"""


def focused_value(drv) -> str:
    return drv.eval("() => document.activeElement.value")


def arrow_to(drv, options: list[str], wanted: str) -> None:
    """In a focused radio group or select, move with the arrow keys to ``wanted``."""
    steps = options.index(wanted) - options.index(focused_value(drv))
    for _ in range(abs(steps)):
        drv.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert focused_value(drv) == wanted


def answer(drv, question, response, *, keyboard: bool) -> None:
    """Answer a single-choice, matching or short-answer question: by keyboard alone (Tab, arrows,
    Space, typing), or by clicking and arrow keys in the selects (as a mouse user with a select)."""
    sel = q(question)
    if question.type == "single":
        radios = f"{sel} input[type=radio]"
        if keyboard:
            tab_to(drv, radios)
            arrow_to(drv, drv.eval("(s) => [...document.querySelectorAll(s)].map((e) => e.value)", radios), response)
            if not drv.eval("() => document.activeElement.checked"):
                drv.press("Space")
        else:
            drv.click(f'{sel} input[value="{response}"]')
        assert drv.eval("(s) => document.querySelector(s + ' input:checked')?.value", sel) == response
    elif question.type == "matching":
        for left, choice in response.items():
            select = f'{sel} select[data-left="{left}"]'
            if keyboard:
                tab_to(drv, select)
            else:
                drv.eval("(s) => document.querySelector(s).focus()", select)
            arrow_to(
                drv,
                drv.eval("(s) => [...document.querySelectorAll(s + ' option')].map((o) => o.value)", select),
                choice,
            )
    elif question.type == "short_answer":
        field = f"{sel} input[type=text]"
        if keyboard:
            tab_to(drv, field)
            drv.type(response)
        else:
            drv.fill(field, response)
    else:
        raise TypeError(question.type)


def expect_feedback(drv, question, response) -> None:
    result = grade_question(question, response)
    wanted = f"{verdict(result)} (score: {number(result.score)} of {result.max})"
    shown = drv.wait_for(
        "(s) => document.querySelector(s)?.innerText",
        f"{q(question)} .aw-feedback .aw-verdict",
        what=f"feedback on {question.id}",
    )
    assert shown.strip() == wanted


# ---- a lesson --------------------------------------------------------------------------------------


def test_a_lesson_page_shows_its_text_styles_and_navigation(drv, engine_site):
    drv.goto(engine_site.url + "lessons/ruptures/")
    assert drv.text("h1").startswith("Lesson")
    assert drv.count(".md-content article p") >= 5
    assert drv.count(".md-sidebar--primary a.md-nav__link[href*='lessons/']") >= 8
    # the course's own stylesheet applied (a broken CSS feature would show here)
    assert drv.eval("() => [...document.styleSheets].some((s) => (s.href || '').includes('course.css'))")
    assert drv.eval("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_no_console_error(drv)


# ---- a quiz ----------------------------------------------------------------------------------------


def test_a_quiz_is_answered_and_checked_with_its_feedback(drv, engine_site):
    """By keyboard alone (Tab, arrow keys, Space, typing, Enter) where the engine's automation
    presses keys as a user does (WebKit); by pointer otherwise (Firefox: see ``keyboard_activation``)."""
    keyboard = not drv.keyboard_activation
    open_widget_page(drv, engine_site.url + ALL_TYPES)
    module = module_on(drv)
    single, matching, short = first_of_each_type(module, ("single", "matching", "short_answer"))
    given = {single.id: correct_response(single), matching.id: correct_response(matching), short.id: "a wrong answer"}
    if keyboard:
        # as a keyboard user does: "Skip to content" first. (In WebKit, Tab out of the search field
        # starts again at the top of the page: Material blurs the field on Tab, and WebKit then
        # moves on from the start of the document, so Tab alone goes round the header.)
        tab_to(drv, "a.md-skip")
        drv.press("Enter")
    for question in sorted((single, matching, short), key=module.questions.index):
        answer(drv, question, given[question.id], keyboard=keyboard)
        if question.type == "short_answer":
            drv.press("Enter")  # in the text field: checks this answer only
        elif keyboard:
            tab_to(drv, f"{q(question)} .aw-check")
            drv.press("Enter")
        else:
            drv.click(f"{q(question)} .aw-check")
        expect_feedback(drv, question, given[question.id])
    assert drv.eval("() => document.querySelector('.aw-results').innerHTML") == "", "the whole quiz was submitted"
    assert_no_console_error(drv)


def test_exam_mode_is_submitted_and_its_results_code_regrades_to_the_score_shown(drv, engine_site):
    open_widget_page(drv, engine_site.url + ALL_TYPES + "?seed=engines&mode=exam")
    module = module_on(drv)
    assert drv.eval("() => [...document.querySelectorAll('.aw-check')].every((b) => !b.offsetParent)"), (
        "Check buttons are visible in exam mode"
    )
    single, matching, short = first_of_each_type(module, ("single", "matching", "short_answer"))
    given = {single.id: correct_response(single), matching.id: correct_response(matching), short.id: short.accept[0]}
    for question in sorted((single, matching, short), key=module.questions.index):
        answer(drv, question, given[question.id], keyboard=False)
    drv.click(".aw-submit")

    code = drv.wait_for("() => document.querySelector('.aw-code-value')?.innerText", what="the results code").strip()
    attempt = grade_attempt(module, {x.id: given.get(x.id) for x in module.questions}, [x.id for x in module.questions])
    total = drv.text(".aw-results .aw-total")
    assert f"{number(attempt.total)} of {attempt.max} ({attempt.percent}%)" in total
    graded = regrade(load_bank(), code)
    assert graded.valid, graded
    assert number(graded.result.total) == number(attempt.total)
    assert drv.count(".aw-question .aw-feedback .aw-verdict") == len(module.questions)
    assert_no_console_error(drv)


# ---- the self-check --------------------------------------------------------------------------------


def self_check_answers(goals: int, tasks: int, bond: int) -> dict[str, int]:
    level = {"goals": goals, "tasks": tasks, "bond": bond}
    return {i.id: 6 - level[i.dimension] if i.reverse else level[i.dimension] for i in get_form("client").items}


def answer_self_check(drv, given: dict[str, int], *, save: bool = False) -> None:
    form = 'form[data-form="client"]'
    for item_id, value in given.items():
        drv.click(f'{form} input[name="{item_id}"][value="{value}"]')
    if save != drv.eval("(s) => document.querySelector(s).checked", f"{form} input[name=aw-save]"):
        drv.click(f"{form} input[name=aw-save]")
    drv.click(f"{form} button[type=submit]")


def expect_self_check_result(drv, given: dict[str, int]) -> None:
    result = score("client", given)
    overall = drv.wait_for(
        "() => document.querySelector('.aw-selfcheck-result .selfcheck-overall')?.innerText",
        what="the self-check result",
    )
    assert f"Your overall score: {result.overall.score} out of 100." in overall
    chart = drv.eval("""() => {
      const svg = document.querySelector('.aw-selfcheck-result svg[role=img]');
      const box = svg?.getBoundingClientRect();
      return svg && [svg.querySelector('title')?.textContent, box.width > 100 && box.height > 50];
    }""")
    assert chart == ["Your scores for goals, tasks and bond", True], chart


def test_the_self_check_is_answered_scored_and_charted(drv, engine_site):
    open_widget_page(drv, engine_site.url + SELF_CHECK)
    given = self_check_answers(goals=5, tasks=3, bond=2)
    answer_self_check(drv, given)
    expect_self_check_result(drv, given)
    assert drv.eval("() => localStorage.getItem('alliance-selfcheck:v1')") is None, "saved without being asked"
    assert_no_console_error(drv)


# ---- the lecturers' grader -------------------------------------------------------------------------


def test_the_grader_grades_pasted_codes(drv, engine_site):
    bank = load_bank()
    module = bank.modules["ruptures"]
    code = encode_attempt(module, "12", 3, {})
    expected = regrade(bank, code)
    open_widget_page(drv, engine_site.url + LECTURERS)
    drv.fill("#aw-grader-text", f"{code}\nnot a code!\n")
    drv.click(".aw-grade")
    rows = drv.wait_for(
        """() => {
      const rows = document.querySelectorAll('.aw-grader-results tbody tr');
      return rows.length && [...rows].map((r) => [...r.querySelectorAll('td')].map((td) => td.innerText.trim()));
    }""",
        what="the grader's table",
    )
    assert len(rows) == 2, rows
    assert rows[0][:4] == ["1", code, "valid", module.id]
    assert rows[0][4] == f"{number(expected.result.total)} of {expected.result.max}"
    assert rows[1][:2] == ["2", "not a code!"] and rows[1][2].startswith("invalid")
    assert "1 valid, 1 invalid" in drv.wait_for(
        "() => document.querySelector('.aw-grader-status').innerText", what="the grader's status"
    )
    assert_no_console_error(drv)


# ---- instant navigation --------------------------------------------------------------------------


def test_instant_navigation_between_two_quiz_pages_keeps_the_document_and_mounts_the_next_quiz(drv, engine_site):
    open_widget_page(drv, engine_site.url + RUPTURES)
    drv.eval("() => { window.__sameDocument = 'yes'; }")
    drv.click(".md-sidebar--primary a.md-nav__link[href$='quizzes/goals-tasks-bond/']")
    drv.wait_for(
        "() => location.pathname.endsWith('/quizzes/goals-tasks-bond/')"
        " && document.querySelector('.aw-quiz-data') && JSON.parse("
        "document.querySelector('.aw-quiz-data').dataset.json).id === 'goals-tasks-bond'",
        what="the next quiz page",
    )
    assert drv.eval("() => window.__sameDocument") == "yes", "a full page load, not an instant navigation"
    wait_for_widgets(drv)
    single = first_of_each_type(module_on(drv), ("single",))[0]
    answer(drv, single, correct_response(single), keyboard=False)
    drv.click(f"{q(single)} .aw-check")
    expect_feedback(drv, single, correct_response(single))
    assert_no_console_error(drv)


# ---- offline ---------------------------------------------------------------------------------------


def visit_until_kept_offline(drv, url: str) -> None:
    open_widget_page(drv, url)
    status = drv.wait_for("() => window.__alliance?.offline?.python", timeout=120, what="kept offline")
    assert status is True


def test_pages_reload_from_the_offline_copy_when_the_site_is_gone(drv, engine_site):
    if not drv.eval("() => 'serviceWorker' in navigator"):
        pytest.skip(f"{drv.name}: no service worker under automation")
    visit_until_kept_offline(drv, engine_site.url + RUPTURES)
    drv.goto(engine_site.url + "lessons/repairing-ruptures/")
    engine_site.down = True
    try:
        drv.goto(engine_site.url + "lessons/repairing-ruptures/")  # a reload
        assert drv.text("h1").startswith("Lesson 7")
        drv.goto(engine_site.url + "self-check/about/")
        assert drv.count("h1") == 1
    finally:
        engine_site.down = False
    assert_no_console_error(drv)


def test_a_quiz_reloaded_offline_after_one_visit_still_checks_answers(drv, engine_site, request):
    # Firefox takes only the page offline; its service worker still reads navigator.onLine as true,
    # so sw.js sends Python's files to the network (to keep the browser's compiled WebAssembly) and
    # they fail, as on a connection that is up but goes nowhere. Python's worker then asks for the
    # service worker's copy (OFFLINE_COPY_PATH): this test pins that down.
    if not drv.eval("() => 'serviceWorker' in navigator"):
        pytest.skip(f"{drv.name}: no service worker under automation")
    try:
        drv.set_offline(False)
    except Unsupported as why:
        pytest.skip(f"{drv.name}: {why}; the site made unreachable instead is the next test")
    visit_until_kept_offline(drv, engine_site.url + RUPTURES)
    drv.set_offline(True)
    try:
        open_widget_page(drv, engine_site.url + RUPTURES)
        single = first_of_each_type(module_on(drv), ("single",))[0]
        answer(drv, single, correct_response(single), keyboard=False)
        drv.click(f"{q(single)} .aw-check")
        expect_feedback(drv, single, correct_response(single))
    finally:
        drv.set_offline(False)
    assert_no_console_error(drv)


def test_a_quiz_reloaded_when_the_site_cannot_be_reached_still_checks_answers(drv, engine_site):
    # A phone on a connection that is up but reaches nothing: the browser says it is online, every
    # connection closes unanswered. Python's files fail on the network; the worker then asks for
    # the service worker's copy (OFFLINE_COPY_PATH), and the quiz still checks answers.
    if not drv.eval("() => 'serviceWorker' in navigator"):
        pytest.skip(f"{drv.name}: no service worker under automation")
    visit_until_kept_offline(drv, engine_site.url + RUPTURES)
    engine_site.down = True
    try:
        open_widget_page(drv, engine_site.url + RUPTURES)
        single = first_of_each_type(module_on(drv), ("single",))[0]
        answer(drv, single, correct_response(single), keyboard=False)
        drv.click(f"{q(single)} .aw-check")
        expect_feedback(drv, single, correct_response(single))
    finally:
        engine_site.down = False
    assert_no_console_error(drv)


# ---- localStorage writes throwing (Safari's private mode) -------------------------------------------


def throw_on_storage_writes(drv) -> None:
    """From the next page on, every storage write throws (see the probe in probe_server.py)."""
    drv.eval("(cookie) => { document.cookie = cookie + '; path=/'; }", STORAGE_THROWS_COOKIE)


def expect_not_kept_notice(drv, where: str) -> None:
    notice = drv.wait_for(
        """(s) => {
      const el = [...document.querySelectorAll(s)].find((e) => e.offsetParent && e.innerText.trim());
      return el && [el.innerText, el.getAttribute('role') || el.closest('[role=status],[role=alert],[aria-live]')?.tagName || ''];
    }""",
        f"{where} {STORAGE_NOTICE}",
        timeout=10,
        what=f"a visible {STORAGE_NOTICE} in {where}",
    )
    text, live = notice
    assert NOT_KEPT.search(text), f"{drv.name}: the notice does not say nothing will be kept: {text!r}"
    assert live, f"{drv.name}: the notice is not announced (no role=status/alert or live region)"


def test_with_storage_writes_throwing_a_quiz_still_grades_and_says_nothing_is_kept(drv, engine_site):
    throw_on_storage_writes(drv)
    open_widget_page(drv, engine_site.url + RUPTURES)
    assert drv.eval("() => { try { localStorage.setItem('x', '1'); return false; } catch { return true; } }")
    single = first_of_each_type(module_on(drv), ("single",))[0]
    answer(drv, single, correct_response(single), keyboard=False)
    drv.click(f"{q(single)} .aw-check")
    expect_feedback(drv, single, correct_response(single))
    expect_not_kept_notice(drv, "[data-widget=quiz]")
    assert_no_console_error(drv)


def test_with_storage_writes_throwing_the_self_check_still_scores_and_says_nothing_is_kept(drv, engine_site):
    throw_on_storage_writes(drv)
    open_widget_page(drv, engine_site.url + SELF_CHECK)
    given = self_check_answers(goals=4, tasks=4, bond=3)
    answer_self_check(drv, given, save=True)
    expect_self_check_result(drv, given)
    expect_not_kept_notice(drv, "[data-widget=selfcheck]")
    assert_no_console_error(drv)
