"""The lecturers' kit in Debian's Chromium: the assignment-link builder's link gives the same
questions in the same order in a fresh browser; the embed view is the quiz alone; the answer key
prints; an exam-mode results code is re-graded on the lecturers' page to the score the student saw,
and mistyped or junk lines are reported invalid with their line. Every state is checked with axe,
for console errors and for requests to other hosts."""

from __future__ import annotations

import csv
import io

import pytest

from scripts.quizzes import load_bank
from tests.support.browser import axe_violations, open_tab
from widgets.quiz.codes import ALPHABET, regrade
from widgets.quiz.feedback import number
from widgets.quiz.layout import select_questions

pytestmark = pytest.mark.browser

LECTURERS = "lecturers/"
READY = "() => window.__alliance?.python?.info"
BANK = load_bank()


# ---- helpers ---------------------------------------------------------------------------------


def open_page(tab, url: str, python: bool = True) -> None:
    tab.page.goto(url, wait_until="load")
    if python:
        tab.page.wait_for_function(READY, timeout=90000)


def assert_clean(tab, site_url: str) -> None:
    assert tab.console_errors == [], tab.console_errors
    assert tab.external_requests(site_url) == []


def no_sideways_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def layout_shown(page, count: int) -> list[dict]:
    """The visible questions in order, with option, item and choice order, once the link's layout is applied."""
    page.wait_for_function(
        f"() => document.querySelectorAll('.aw-question:not([hidden])').length === {count}", timeout=60000
    )
    return page.eval_on_selector_all(
        ".aw-question:not([hidden])",
        """els => els.map(li => ({
        id: li.dataset.questionId,
        options: [...li.querySelectorAll('.aw-options input')].map(i => i.value),
        items: [...li.querySelectorAll('.aw-order-item')].map(i => Number(i.dataset.item)),
        choices: [...(li.querySelector('select[data-left]')?.options ?? [])].filter(o => o.value).map(o => Number(o.value)),
    }))""",
    )


def build_link(
    page, module: str, n: int | None = None, seed: str | None = None, mode: str = "practice", embed: bool = False
) -> str:
    page.wait_for_function("() => document.querySelector('#aw-lb-url').value !== ''")
    page.select_option("#aw-lb-module", module)
    if n is not None:
        page.fill("#aw-lb-n", str(n))
    if seed is not None:
        page.fill("#aw-lb-seed", seed)
    page.check(f"input[name=mode][value={mode}]")
    page.set_checked("input[name=embed]", embed)
    return page.input_value("#aw-lb-url")


def answer_everything(page) -> None:
    """Answer each visible question the same way every time (not all right, not all wrong)."""
    for li in page.locator(".aw-question:not([hidden])").all():
        kind = li.get_attribute("data-type")
        if kind in ("single", "true_false"):
            li.locator("input").first.check()
        elif kind == "multiple":
            for box in li.locator("input").all()[:2]:
                box.check()
        elif kind == "matching":
            for select in li.locator("select").all():
                select.select_option(index=1)
        elif kind == "short_answer":
            li.locator("input[type=text]").fill("withdrawal")
        # ordering: left in the order shown, which the grader counts


def mistype(code: str, position: int = 7) -> str:
    """The code with one character changed into another character codes use."""
    old = code[position]
    new = next(c for c in ALPHABET if c != old.upper())
    return code[:position] + new + code[position + 1 :]


# ---- the assignment-link builder ---------------------------------------------------------------


def test_the_builders_link_gives_the_same_questions_in_the_same_order_in_fresh_browsers(any_site, tab, browser):
    page = tab.page
    open_page(tab, any_site.url + LECTURERS, python=False)
    link = build_link(page, "ruptures", n=6, seed="lecturer-test-7", mode="exam")
    assert link == any_site.url + "quizzes/ruptures/?n=6&seed=lecturer-test-7&mode=exam"
    assert page.get_attribute(".aw-lb-preview", "href") == link
    module = BANK.modules["ruptures"]
    expected = [lay.to_json() for lay in select_questions(module, 6, "lecturer-test-7")]

    seen = []
    for _ in range(2):  # two fresh contexts: nothing shared, no saved progress
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            student = open_tab(context)
            open_page(student, link)
            seen.append(layout_shown(student.page, 6))
            assert student.page.locator(".aw-check:visible").count() == 0, "exam mode shows Check buttons"
            assert_clean(student, any_site.url)
        finally:
            context.close()
    assert seen[0] == seen[1] == expected

    assert axe_violations(page) == []
    assert_clean(tab, any_site.url)


def test_the_builder_validates_copies_and_makes_new_seeds(served, context, tab):
    site = served("/")
    page = tab.page
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
    open_page(tab, site.url + LECTURERS, python=False)
    link = build_link(page, "why-it-matters", seed="week 3", embed=True)
    assert link == site.url + "quizzes/why-it-matters/?seed=week+3&embed=1", "all questions: no n in the link"

    iframe = page.input_value("#aw-lb-iframe")
    assert iframe.startswith(f'<iframe src="{site.url}quizzes/why-it-matters/?seed=week+3&amp;embed=1" title="Quiz: ')
    assert 'width="100%"' in iframe and "height=" in iframe

    page.click(".aw-lb-copy[data-copy=aw-lb-url]")
    page.wait_for_selector(".aw-lb-status:has-text('Copied.')")
    assert page.evaluate("navigator.clipboard.readText()") == link

    page.click(".aw-lb-new-seed")
    seed = page.input_value("#aw-lb-seed")
    assert seed.isdigit() and len(seed) == 6
    assert page.input_value("#aw-lb-url").endswith(f"?seed={seed}&embed=1")
    page.wait_for_selector(f".aw-lb-status:has-text('New seed: {seed}')")

    page.fill("#aw-lb-n", "0")
    assert page.get_attribute("#aw-lb-n", "aria-invalid") == "true"
    assert page.input_value("#aw-lb-url") == ""
    assert page.is_disabled(".aw-lb-copy[data-copy=aw-lb-url]")
    assert "from 1 to" in page.inner_text("#aw-lb-n-help")
    page.fill("#aw-lb-n", "4")
    assert page.get_attribute("#aw-lb-n", "aria-invalid") is None
    assert f"?n=4&seed={seed}&embed=1" in page.input_value("#aw-lb-url")

    # without the Clipboard API the link is selected for Ctrl+C
    page.evaluate("Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })")
    page.click(".aw-lb-copy[data-copy=aw-lb-url]")
    page.wait_for_selector(".aw-lb-status:not(:empty)")
    assert page.evaluate("document.activeElement.id") == "aw-lb-url"
    assert page.evaluate("(f => f.selectionStart === 0 && f.selectionEnd === f.value.length)(document.activeElement)")

    page.keyboard.press("Enter")  # in the form: never leaves the page
    page.wait_for_timeout(200)
    assert page.url.split("#")[0] == site.url + LECTURERS  # (the menu tracks the section in the hash)
    assert axe_violations(page) == []
    assert_clean(tab, site.url)


# ---- the embed view ------------------------------------------------------------------------------


def test_the_embed_view_is_the_quiz_alone_and_passes_axe(any_site, context, tab):
    page = tab.page
    open_page(tab, any_site.url + "quizzes/ruptures/?n=5&seed=7&embed=1")
    assert page.evaluate("document.documentElement.classList.contains('aw-embed')")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is visible in the embed view"
    assert page.locator("h1").is_visible()
    assert len(layout_shown(page, 5)) == 5
    assert page.locator(".aw-quiz").is_visible()
    assert axe_violations(page) == []

    # a link to another page opens outside the iframe
    with context.expect_page() as opened:
        page.locator(".md-content a[href*='lessons/ruptures']").first.click()
    opened.value.wait_for_load_state()
    assert "lessons/ruptures/" in opened.value.url
    assert page.url.endswith("embed=1")
    opened.value.close()

    page.set_viewport_size({"width": 375, "height": 740})
    page.wait_for_timeout(100)
    assert no_sideways_scroll(page) <= 0
    assert_clean(tab, any_site.url)


# ---- the answer key ------------------------------------------------------------------------------


def test_the_answer_key_prints_answers_without_navigation(served, tab, artifacts):
    site = served("/")
    page = tab.page
    module = BANK.modules["repairing-ruptures"]
    open_page(tab, site.url + f"lecturers/answer-keys/{module.id}/", python=False)
    assert page.get_attribute("meta[name=robots]", "content") == "noindex, nofollow"
    assert page.locator("[data-widget]").count() == 0, "an answer key needs no Python"
    assert axe_violations(page) == []

    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "answer-key-print.png"), full_page=True)
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    questions = page.locator(".aw-key-question")
    assert questions.count() == len(module.questions)
    for index in range(questions.count()):
        question = questions.nth(index)
        assert question.locator(".aw-key-answer").is_visible()
        assert question.locator(".aw-key-explanation").is_visible()
    correct = page.locator("[data-correct=true]")
    assert correct.count() > 0 and all(correct.nth(i).is_visible() for i in range(correct.count()))
    assert page.locator(".aw-key-facts a[href*='lessons/']").count() == len(module.questions)
    color = page.evaluate("getComputedStyle(document.querySelector('.aw-key-stem')).color")
    assert color == "rgb(0, 0, 0)", f"answer text prints in {color}, not black"
    content_left = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().left")
    assert content_left < 60, "the printout keeps a margin for a sidebar that is not printed"
    assert_clean(tab, site.url)


# ---- results codes -------------------------------------------------------------------------------


def test_an_exam_code_regrades_to_the_same_score_and_bad_lines_are_invalid(any_site, tab):
    page = tab.page
    module = BANK.modules["repairing-ruptures"]  # every answer type
    open_page(tab, any_site.url + f"quizzes/{module.id}/?n=7&seed=week4&mode=exam")
    layout_shown(page, 7)
    answer_everything(page)
    page.click(".aw-submit")
    page.wait_for_selector(".aw-code-value", timeout=30000)
    code = page.inner_text(".aw-code-value").strip()
    total = page.inner_text(".aw-results .aw-total")
    assert "Hand this code in" in page.inner_text(".aw-code")
    assert axe_violations(page) == []

    graded = regrade(BANK, code)  # the same grader, in this process
    assert graded.valid and graded.attempt.seed == "week4" and graded.attempt.n == 7
    score = f"{number(graded.result.total)} of {graded.result.max}"
    assert total.startswith(f"{score} ({graded.result.percent}%)"), (total, score)

    open_page(tab, any_site.url + LECTURERS)
    bad = mistype(code)
    page.fill("#aw-grader-text", f"{code}\n{bad}\n\nnot a code!\n")
    page.click(".aw-grade")
    page.wait_for_selector(".aw-grader-results table")
    rows = page.locator(".aw-grader-results tbody tr")
    assert rows.count() == 3
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(3)]
    assert cells[0] == ["1", code, "valid", module.id, score, f"{graded.result.percent}%"]
    for (line, text), row in zip([("2", bad), ("4", "not a code!")], cells[1:], strict=True):
        assert row[0] == line and row[1] == text
        assert row[2].startswith("invalid: ")
        assert row[3:] == ["—", "—", "—"], "an invalid code got a module or a score"
    assert "checksum" in cells[1][2]
    assert "cannot be in a code" in cells[2][2]
    assert "1 valid, 2 invalid" in page.inner_text(".aw-grader-status")
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.click(".aw-grader-csv")
    assert download.value.suggested_filename.endswith(".csv")
    table = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert [(r["line"], r["valid"], r["code"]) for r in table] == [
        ("1", "yes", code),
        ("2", "no", bad),
        ("4", "no", "not a code!"),
    ]
    assert table[0]["score"] == number(graded.result.total) and table[0]["module"] == module.id
    assert table[1]["score"] == table[2]["score"] == ""

    page.set_viewport_size({"width": 375, "height": 740})
    page.wait_for_timeout(100)
    assert no_sideways_scroll(page) <= 0
    assert_clean(tab, any_site.url)


def test_the_grader_reads_a_pasted_csv_and_keeps_its_names(served, tab):
    site = served("/")
    page = tab.page
    module = BANK.modules["ruptures"]
    from widgets.quiz.codes import encode_attempt

    code = encode_attempt(module, "12", 3, {})
    open_page(tab, site.url + LECTURERS)
    page.fill("#aw-grader-text", f"name,code\nAda Lovelace,{code}\nAlan Turing,{mistype(code, 3)}\n")
    page.click(".aw-grade")
    page.wait_for_selector(".aw-grader-results table")
    head = page.locator(".aw-grader-results thead th").all_inner_texts()
    assert head == ["Line", "Label", "Code", "Result", "Module", "Score", "%"]
    rows = page.locator(".aw-grader-results tbody tr")
    first = rows.nth(0).locator("td").all_inner_texts()
    second = rows.nth(1).locator("td").all_inner_texts()
    assert first[:3] == ["2", "Ada Lovelace", code] and first[3] == "valid" and first[5] == "0 of 3"
    assert second[:2] == ["3", "Alan Turing"] and second[3].startswith("invalid")

    page.fill("#aw-grader-text", "   ")
    page.click(".aw-grade")
    page.wait_for_selector(".aw-grader-status:has-text('Paste at least one code')")
    assert page.locator(".aw-grader-results table").count() == 0
    assert page.is_hidden(".aw-grader-csv")
    assert_clean(tab, site.url)


def test_lecturer_pages_are_clean_on_a_phone(served, browser):
    site = served("/")
    context = browser.new_context(viewport={"width": 375, "height": 740})
    try:
        tab = open_tab(context)
        for path in (LECTURERS, "lecturers/answer-keys/ruptures/", "lecturers/answer-keys/repairing-ruptures/"):
            open_page(tab, site.url + path, python=path == LECTURERS)
            assert no_sideways_scroll(tab.page) <= 0, path
            assert axe_violations(tab.page) == [], path
        tab.page.goto(site.url + LECTURERS)
        tab.page.wait_for_function(READY, timeout=90000)
        build_link(tab.page, "goals-tasks-bond", n=3, seed="a-rather-long-seed-for-a-narrow-screen", embed=True)
        assert no_sideways_scroll(tab.page) <= 0
        assert axe_violations(tab.page) == []
        assert_clean(tab, site.url)
    finally:
        context.close()
