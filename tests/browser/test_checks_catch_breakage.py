"""The page checks can fail: a remote font and an image without alt text are caught and named.
And the dark palette passes the same accessibility check as the light one."""

from __future__ import annotations

import pytest

from scripts.static_server import SiteServer
from tests.support.browser import axe_violations, open_tab

pytestmark = pytest.mark.browser

BROKEN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken on purpose</title>
<link rel="stylesheet" href="https://fonts.example.org/css2?family=Roboto">
</head><body><main><h1>Broken on purpose</h1><img src="photo.svg"></main></body></html>"""


@pytest.fixture()
def broken_site(tmp_path):
    (tmp_path / "index.html").write_text(BROKEN_PAGE)
    (tmp_path / "photo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    server = SiteServer(tmp_path).start()
    yield server
    server.stop()


def test_a_remote_font_is_reported_as_a_request_to_another_host(broken_site, tab):
    tab.page.goto(broken_site.url, wait_until="load")
    assert tab.external_requests(broken_site.url) == ["https://fonts.example.org/css2?family=Roboto"]


def test_an_image_without_alt_text_is_reported_with_where_it_is(broken_site, tab):
    tab.page.goto(broken_site.url, wait_until="load")
    problems = axe_violations(tab.page)
    assert any(p.startswith("image-alt:") and p.endswith("at img") for p in problems), problems


@pytest.mark.parametrize("path", ["", "lessons/ruptures/", "quizzes/goals-tasks-bond/", "self-check/", "glossary/"])
def test_the_dark_palette_passes_axe_too(served, browser, path):
    site = served("/")
    context = browser.new_context(color_scheme="dark")
    tab = open_tab(context)
    tab.page.goto(site.url + path, wait_until="load")
    scheme = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    assert axe_violations(tab.page) == []
    context.close()
