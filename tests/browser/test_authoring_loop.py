"""The authoring loop under ``make serve``, in Debian's Chromium: the dev server runs on a copy of
the project; a lecturer breaks a quiz file, the open quiz page reloads by itself and shows the
problems where the quiz was (file:line:col, what was expected, the hint), as does a lesson that
embeds one of its questions; every page keeps being served with a banner saying so, other modules
keep working; the fix brings the quiz back."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from scripts.project_copy import copy_project
from tests.support.browser import axe_violations, open_tab
from tests.support.dev_server import DevServer
from tests.support.quiz_page import wait_for_python
from tests.support.site import ROOT

pytestmark = pytest.mark.browser

#: a bounded wait for one save -> rebuild -> live reload (a rebuild takes ~5 s on an idle machine)
RELOAD_MS = 120_000
RUPTURES = "quizzes/ruptures/"
PROBLEMS = ".aw-quiz-problems[role=alert]"
BANNER = ".md-banner .aw-quiz-problems-banner"
FIRST_QUESTION = yaml.safe_load((ROOT / "quizzes" / "ruptures.yml").read_text(encoding="utf-8"))["questions"][0]["id"]


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    lesson = project / "docs" / "lessons" / "ruptures.md"  # a lesson that embeds a question of the module
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + f"\n```quiz\nquestion: {FIRST_QUESTION}\n```\n", encoding="utf-8"
    )
    with DevServer(project) as server:
        yield server


@pytest.fixture()
def ruptures_yml(dev_server):
    """The ruptures module's file in the served copy, put back as it was after the test."""
    path = dev_server.project / "quizzes" / "ruptures.yml"
    original = path.read_text(encoding="utf-8")
    yield path
    path.write_text(original, encoding="utf-8")


def misspell_first_type(path) -> tuple[int, int]:
    """``type: single`` -> ``type: singel`` in the first question; returns (line, column) of the value."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == "type: single")
    lines[index] = lines[index].replace("single", "singel")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1, lines[index].index("singel") + 1


def test_a_broken_quiz_file_shows_its_problems_in_the_page_until_it_is_fixed(dev_server, ruptures_yml, tab):
    page = tab.page
    page.goto(dev_server.url + RUPTURES, wait_until="load")
    expect(page.locator("form.aw-quiz")).to_be_visible()
    original = ruptures_yml.read_text(encoding="utf-8")

    line, column = misspell_first_type(ruptures_yml)
    problems = page.locator(PROBLEMS)
    expect(problems).to_be_visible(timeout=RELOAD_MS)  # the tab reloaded by itself
    expect(problems).to_contain_text(
        f"quizzes/ruptures.yml:{line}:{column} questions[0].type: unknown question type 'singel'; "
        "did you mean 'single'?"
    )
    expect(page.locator("form.aw-quiz")).to_have_count(0)
    banner_link = page.locator(f"{BANNER} a")
    expect(banner_link).to_have_text("quizzes/ruptures.yml")
    assert banner_link.get_attribute("href").endswith("#quiz-problems-ruptures")
    assert axe_violations(page) == []

    # every page of the site is still served, each with the banner
    nav = page.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link[href]", "links => [...new Set(links.map((a) => a.href.split('#')[0]))]"
    )
    assert len(nav) > 15
    for url in nav:
        status, html = dev_server.get(url)
        assert status == 200 and "aw-quiz-problems-banner" in html, url

    # another module still works (its Python starts and it grades), and the banner leads to the details
    other = open_tab(page.context).page
    other.goto(dev_server.url + "quizzes/why-it-matters/", wait_until="load")
    wait_for_python(other)
    expect(other.locator(BANNER)).to_be_visible()
    question = other.locator(".aw-question[data-type=single]").first
    question.locator("input[type=radio]").first.check()
    question.locator(".aw-check").click()
    expect(question.locator(".aw-feedback")).not_to_be_empty()
    other.goto(dev_server.url + "lessons/ruptures/", wait_until="load")
    embedded = other.locator(PROBLEMS)
    expect(embedded).to_contain_text(f"Question {FIRST_QUESTION} cannot be shown: quizzes/ruptures.yml has 1 problem")
    expect(embedded).to_contain_text(f"quizzes/ruptures.yml:{line}:{column}")
    other.locator(f"{BANNER} a").click()
    expect(other.locator(PROBLEMS)).to_be_visible()
    assert other.url == dev_server.url + RUPTURES + "#quiz-problems-ruptures"

    ruptures_yml.write_text(original, encoding="utf-8")
    expect(page.locator("form.aw-quiz")).to_be_visible(timeout=RELOAD_MS)  # reloaded again, quiz back
    expect(page.locator(PROBLEMS)).to_have_count(0)
    expect(page.locator(BANNER)).to_have_count(0)
    other.goto(dev_server.url + "lessons/ruptures/", wait_until="load")
    expect(other.locator(f'form.aw-quiz[data-scope="question"] [data-question-id="{FIRST_QUESTION}"]')).to_be_visible()
    expect(other.locator(PROBLEMS)).to_have_count(0)


HOSTILE = '<img src=x onerror="window.__injected = 1">'


def test_problems_quoting_hostile_yaml_are_plain_text_and_pass_axe_in_both_palettes(dev_server, ruptures_yml, browser):
    ruptures_yml.write_text(ruptures_yml.read_text(encoding="utf-8") + f"'{HOSTILE}': 1\n", encoding="utf-8")
    for scheme, material_scheme in (("light", "default"), ("dark", "slate")):
        context = browser.new_context(color_scheme=scheme)
        try:
            page = open_tab(context).page
            page.goto(dev_server.url + RUPTURES, wait_until="load")
            problems = page.locator(PROBLEMS)
            expect(problems).to_be_visible(timeout=RELOAD_MS)  # the first visit may wait for the rebuild
            expect(problems).to_contain_text(f"unknown key '{HOSTILE}'")
            expect(page.locator(".aw-quiz-problems img, .md-banner img")).to_have_count(0)
            assert page.evaluate("window.__injected") is None
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == material_scheme
            expect(page.locator(BANNER)).to_be_visible()
            assert axe_violations(page) == [], scheme
        finally:
            context.close()


def test_a_new_module_not_yet_in_the_menu_is_served_and_the_banner_says_how_to_list_it(dev_server, tab):
    source = (dev_server.project / "quizzes" / "ruptures.yml").read_text(encoding="utf-8")
    new_module = dev_server.project / "quizzes" / "my-module.yml"
    page = tab.page
    page.goto(dev_server.url + "lessons/ruptures/", wait_until="load")
    try:
        new_module.write_text(
            source.replace("id: ruptures", "id: my-module").replace("- id: rup-", "- id: my-"), encoding="utf-8"
        )
        link = page.locator(f"{BANNER} a", has_text="quizzes/my-module.yml")
        expect(link).to_be_visible(timeout=RELOAD_MS)  # the tab reloaded by itself
        expect(page.locator(BANNER)).to_contain_text("add the line - quizzes/my-module.md")
        assert axe_violations(page) == []
        link.click()
        expect(page.locator('form.aw-quiz[data-module-id="my-module"]')).to_be_visible()
    finally:
        new_module.unlink()
    page.goto(dev_server.url + "lessons/ruptures/", wait_until="load")
    expect(page.locator(BANNER)).to_have_count(0, timeout=RELOAD_MS)  # file removed: the banner goes
