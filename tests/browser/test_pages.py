"""Every built page, in Debian's Chromium: no console errors, no request to any other host,
no axe-core WCAG 2.2 A/AA violations — at the site root and under a sub-path."""

from __future__ import annotations

import pytest

from tests.support.browser import axe_violations
from tests.support.site import built_pages

pytestmark = pytest.mark.browser


def visit(tab, url: str) -> None:
    tab.page.goto(url, wait_until="load")
    tab.page.wait_for_timeout(150)  # let late requests and console messages arrive


def test_every_page_is_clean(any_site, tab):
    problems = []
    pages = built_pages(any_site.root)
    assert len(pages) >= 20, pages
    for path in pages:
        url = any_site.url + path
        tab.console_errors.clear()
        visit(tab, url)
        if tab.page.query_selector("[data-widget]"):
            # pages with Python: wait until it is ready or has failed, so its requests are counted
            tab.page.wait_for_function(
                "() => window.__alliance?.python?.info || document.querySelector('.aw-status--error')", timeout=60000
            )
        problems += [f"{path}: console: {e}" for e in tab.console_errors]
        problems += [f"{path}: axe: {v}" for v in axe_violations(tab.page)]
    problems += [f"request to another host: {u}" for u in tab.external_requests(any_site.url)]
    assert not problems, "\n".join(problems)


def test_navigation_is_instant_not_a_full_reload(any_site, tab):
    visit(tab, any_site.url + "lessons/what-is-the-alliance/")
    tab.page.evaluate("window.__sameDocument = 'yes'")
    tab.page.locator(".md-sidebar--primary a.md-nav__link[href*='lessons/why-it-matters']").click()
    tab.page.wait_for_url("**/lessons/why-it-matters/")
    tab.page.wait_for_selector("h1:has-text('Why')")
    assert tab.page.evaluate("window.__sameDocument") == "yes"


def test_no_page_scrolls_sideways_on_a_phone(any_site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    wide = []
    for path in built_pages(any_site.root):
        page.goto(any_site.url + path, wait_until="load")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append(f"{path}: {overflow}px too wide")
    context.close()
    assert not wide, "\n".join(wide)


def test_navigation_drawer_opens_and_closes_by_keyboard(any_site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(any_site.url + "lessons/ruptures/", wait_until="load")
    drawer = page.locator("#__drawer")
    assert not drawer.is_checked()
    for _ in range(30):  # Tab to the menu button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-header label[for=__drawer]')"):
            break
    else:
        pytest.fail("the menu button cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert drawer.is_checked()
    assert page.locator(".md-header label[for=__drawer]").get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert not drawer.is_checked()
    assert page.evaluate("document.activeElement.matches('.md-header label[for=__drawer]')")
    context.close()
