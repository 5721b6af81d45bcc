"""The class report on the lecturers' page, in Debian's Chromium with real Pyodide: pasted codes are
graded, then a report per module appears under the table with the figures CPython computes from
the same codes; its links reach the question on the quiz page and its answer-key entry (at the root
and under a sub-path); axe finds nothing; nothing is requested from other hosts."""

from __future__ import annotations

import pytest

from scripts.bench_report import class_codes
from scripts.quizzes import load_bank
from tests.support.browser import axe_violations
from widgets.quiz.item_report import decimal, percent
from widgets.quiz.report_actions import class_reports

pytestmark = pytest.mark.browser

READY = "() => window.__alliance?.python?.info"
BANK = load_bank()


def grade(page, text: str) -> None:
    page.fill("#aw-grader-text", text)
    page.click(".aw-grade")
    page.wait_for_selector(".aw-grader-results table")


def test_pasted_codes_give_a_class_report_per_module(any_site, tab):
    page = tab.page
    ruptures, repair = BANK.modules["ruptures"], BANK.modules["repairing-ruptures"]
    codes = class_codes(ruptures, 14) + class_codes(repair, 5, seed="group-b")
    expected, _ = class_reports(codes, BANK)
    page.goto(any_site.url + "lecturers/", wait_until="load")
    page.wait_for_function(READY, timeout=90000)
    grade(page, "\n".join(codes[:10] + ["not a code"] + codes[10:]))
    page.wait_for_selector(".aw-class-report .aw-report", timeout=60000)
    assert "Class report below: 19 attempts, 2 modules" in page.inner_text(".aw-class-report-status")

    sections = page.locator(".aw-report")
    assert [sections.nth(i).get_attribute("data-module") for i in range(sections.count())] == [
        "repairing-ruptures",
        "ruptures",
    ]
    for i, report in enumerate(expected):
        section = sections.nth(i)
        rows = section.locator(".aw-report-questions tbody tr")
        assert rows.count() == len(report.questions)
        for n, q in enumerate(report.questions):
            cells = rows.nth(n).locator("td").all_inner_texts()
            assert cells[1:7] == [
                str(q.n),
                percent(q.facility),
                percent(q.sd),
                percent(q.random_guess),
                decimal(q.discrimination),
                decimal(q.efficiency),
            ], q.id
        assert section.locator("svg[role=img]").count() == 1
        assert section.locator(".aw-report-bands tbody tr").count() == 10
        assert ("Only 5 attempts" in section.inner_text()) == (report.test.attempts == 5)
    assert axe_violations(page) == []

    # a question's links: its text on the quiz page, its entry in the answer key
    first = expected[1].questions[0]
    link = sections.nth(1).locator(f"[id$='-q{first.number}'] ~ .aw-report-links a")  # ids name the version
    key_href = link.nth(1).get_attribute("href")
    with page.expect_navigation():
        link.nth(1).click()
    assert page.url.startswith(any_site.url + "lecturers/answer-keys/ruptures/")
    # (the menu rewrites the hash as it tracks sections, so the link and the target are checked instead)
    assert key_href == f"answer-keys/ruptures/#{first.id}"
    page.wait_for_selector(f".aw-key-question[data-question-id='{first.id}']")
    assert page.locator(f"[id='{first.id}']").count() == 1
    page.go_back()
    page.wait_for_function(READY, timeout=90000)
    grade(page, "\n".join(codes))
    page.wait_for_selector(".aw-class-report .aw-report", timeout=60000)
    link = page.locator(f".aw-report[data-module=ruptures] [id$='-q{first.number}'] ~ .aw-report-links a").first
    assert link.get_attribute("href") == f"../quizzes/ruptures/#q-{first.id}"
    with page.expect_navigation():
        link.click()
    assert page.url.startswith(any_site.url + "quizzes/ruptures/")
    page.wait_for_selector(f"#q-{first.id}")
    assert tab.console_errors == [], tab.console_errors
    assert tab.external_requests(any_site.url) == []


def test_no_valid_code_means_no_report_and_the_report_fits_a_phone_and_prints(served, browser):
    site = served("/")
    context = browser.new_context(viewport={"width": 375, "height": 740})
    try:
        from tests.support.browser import open_tab

        tab = open_tab(context)
        page = tab.page
        page.goto(site.url + "lecturers/", wait_until="load")
        page.wait_for_function(READY, timeout=90000)
        grade(page, "not a code\nnor this")
        page.wait_for_timeout(300)
        assert page.locator(".aw-class-report").count() == 0, "a report of nothing"
        grade(page, "\n".join(class_codes(BANK.modules["why-it-matters"], 3)))
        page.wait_for_selector(".aw-class-report .aw-report", timeout=60000)
        assert page.locator(".aw-class-report").count() == 1, "the earlier report was not replaced"
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        assert axe_violations(page) == []
        page.emulate_media(media="print")  # the report prints; the grader's controls do not
        assert page.locator(".aw-report").first.is_visible() and not page.locator(".aw-grade").is_visible()
        assert tab.console_errors == [], tab.console_errors
    finally:
        context.close()
