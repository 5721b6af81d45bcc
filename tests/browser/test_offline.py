"""Return visits: the site works offline and updates itself after a rebuild; the Python snapshot
that earlier builds kept is deleted."""

from __future__ import annotations

import shutil
import time

import pytest

from scripts.project_copy import copy_project
from scripts.static_server import SiteServer, free_port
from tests.support.site import build_site

pytestmark = pytest.mark.browser

WIDGET_PAGE = "lessons/goals-tasks-bond/"
INFO = "() => window.__alliance?.python?.info"
SNAPSHOT_CACHE = "alliance-python-snapshot"


def open_ready(context, url):
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(INFO, timeout=90000)
    return page


def python_random(page) -> float:
    return page.evaluate("window.__alliance.python.call('runtime', 'info').then(r => r.random)")


def test_a_snapshot_left_by_an_earlier_build_is_deleted_and_each_visit_has_its_own_random_state(served, context):
    site = served("/")
    first = open_ready(context, site.url + WIDGET_PAGE)
    first.evaluate(
        """async (name) => {
      const cache = await caches.open(name);
      await cache.put(new URL('__python-snapshot__/314.0.7+old', location.href).href, new Response(new Uint8Array(1000)));
    }""",
        SNAPSHOT_CACHE,
    )
    assert first.evaluate("(name) => caches.has(name)", SNAPSHOT_CACHE)
    first_random = python_random(first)
    first.close()
    second = open_ready(context, site.url + WIDGET_PAGE)
    deadline = time.monotonic() + 30  # (wait_for_function does not await a promise: poll)
    while second.evaluate("(name) => caches.has(name)", SNAPSHOT_CACHE) and time.monotonic() < deadline:
        second.wait_for_timeout(200)
    assert not second.evaluate("(name) => caches.has(name)", SNAPSHOT_CACHE), "the old snapshot is still stored"
    assert python_random(second) != first_random
    second.check("fieldset[data-statement-id='s1'] input[value='goals']")
    second.click(".aw-classifier button[type=submit]")
    second.wait_for_selector(".aw-classifier .aw-summary:has-text('1 of 6 right')")


def test_reading_a_lesson_keeps_lessons_offline_without_downloading_python(served, context):
    site = served("/")
    page = context.new_page()
    page.goto(site.url + "lessons/ruptures/")
    page.wait_for_function("() => window.__alliance?.offlineReady", timeout=90000)
    assert page.inner_text(".aw-offline").startswith("✓ Lessons available offline")
    assert [r for r in site.requests if "/assets/pyodide/" in r] == []
    context.set_offline(True)
    page.goto(site.url + "lessons/measuring-the-alliance/")
    assert page.inner_text("h1").startswith("Lesson 8")


def test_after_one_visit_with_a_quiz_lessons_quizzes_and_the_self_check_work_offline(served, context):
    site = served("/")
    page = context.new_page()
    page.goto(site.url + "quizzes/goals-tasks-bond/")
    page.wait_for_function(INFO, timeout=90000)
    page.wait_for_function("() => window.__alliance?.offline?.python", timeout=90000)
    assert page.inner_text(".aw-offline") == "✓ Available offline on this device"
    page.close()
    context.set_offline(True)
    page = context.new_page()

    page.goto(site.url + "lessons/repairing-ruptures/")
    assert page.inner_text("h1").startswith("Lesson 7")

    page.goto(site.url + "quizzes/ruptures/")
    page.wait_for_function(INFO, timeout=90000)
    question = page.locator(".aw-question[data-type='true_false']").first
    question.locator("input").first.check()
    question.locator(".aw-check").click()
    question.locator(".aw-verdict").wait_for(timeout=20000)

    page.goto(site.url + "self-check/")
    page.wait_for_function(INFO, timeout=90000)
    form = page.locator("form[data-form='client']")
    for item in form.locator("fieldset[data-item-id]").all():
        item.locator("input[value='4']").check()
    form.locator("button[type=submit]").click()
    page.locator(".aw-selfcheck-result svg").wait_for(timeout=20000)


NEW_BUILD_ACTIVE = """async (old) => {
  const registration = await navigator.serviceWorker.getRegistration();
  const names = await caches.keys();
  return registration?.active?.state === "activated" && !registration.installing && !registration.waiting
    && names.some((n) => n.startsWith("alliance-site-")) && !names.some((n) => old.includes(n));
}"""


def wait_until(page, async_check: str, arg, *, timeout_s: float) -> None:
    """Poll an async page function until it returns true (wait_for_function does not await promises)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(async_check, arg):
        assert time.monotonic() < deadline, f"still false after {timeout_s} s: {async_check}"
        page.wait_for_timeout(200)


def test_a_rebuild_replaces_the_offline_copy(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    assert build_site(url, tmp_path / "site", cwd=project).returncode == 0
    server = SiteServer(tmp_path / "site", "/", port).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "about/")
        page.wait_for_function("() => window.__alliance?.offlineReady", timeout=90000)
        assert page.inner_text(".aw-offline").startswith("✓ Lessons available offline")
        old_caches = page.evaluate("caches.keys()")

        about = project / "docs" / "about.md"
        about.write_text(about.read_text().replace("# About this course", "# About this course, second edition"))
        done = build_site(url, tmp_path / "site-new", cwd=project)
        assert done.returncode == 0, done.stderr
        shutil.rmtree(tmp_path / "site")
        (tmp_path / "site-new").rename(tmp_path / "site")

        # a returning reader's browser checks the service worker on each visit; ask it to now
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        wait_until(page, NEW_BUILD_ACTIVE, old_caches, timeout_s=90)
        page.reload()
        assert "second edition" in page.inner_text("h1")
        site_caches = [n for n in page.evaluate("caches.keys()") if n.startswith("alliance-site-")]
        assert len(site_caches) == 1 and site_caches[0] not in old_caches
    finally:
        context.close()
        server.stop()


def test_a_quiz_reloaded_when_the_site_cannot_be_reached_still_checks_answers(served, browser):
    """A phone on a connection that is up but reaches nothing: the browser says it is online, and
    every connection is refused. The service worker sends Python's files to the network while
    online (to keep the compiled WebAssembly), they fail, and Python's worker asks for the service
    worker's copy instead (OFFLINE_COPY_PATH). Chromium's offline switch cannot show this: it also
    tells the service worker, which then answers from its copy on its own."""
    server = SiteServer(served("/").root, "/").start()  # the same build, on a server this test stops
    url = f"http://127.0.0.1:{server.port}/"
    context = browser.new_context(service_workers="allow")
    stopped = False
    try:
        page = context.new_page()
        page.goto(url + "quizzes/ruptures/")
        page.wait_for_function(INFO, timeout=90000)
        page.wait_for_function("() => window.__alliance?.offline?.python", timeout=90000)
        page.close()
        server.stop()
        stopped = True
        page = context.new_page()
        page.goto(url + "quizzes/ruptures/")
        assert page.evaluate("navigator.onLine")
        page.wait_for_function(INFO, timeout=90000)
        question = page.locator(".aw-question[data-type='true_false']").first
        question.locator("input").first.check()
        question.locator(".aw-check").click()
        question.locator(".aw-verdict").wait_for(timeout=20000)
    finally:
        context.close()
        if not stopped:
            server.stop()
