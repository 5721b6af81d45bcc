"""Return visits: Python boots from a snapshot kept on the device; the site works offline and
updates itself after a rebuild."""

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


def snapshot_state(page):
    return page.evaluate("window.__alliance.python.info.snapshot")


def wait_saved(page):
    page.wait_for_function("() => window.__alliance.snapshotSaved", timeout=90000)
    saved = page.evaluate("window.__alliance.snapshotSaved")
    assert saved["type"] == "snapshot-saved", saved
    return saved


def python_random(page) -> float:
    return page.evaluate("window.__alliance.python.call('runtime', 'info').then(r => r.random)")


def stored_snapshot_keys(page) -> list[str]:
    return page.evaluate(
        f"caches.open('{SNAPSHOT_CACHE}').then(c => c.keys()).then(keys => keys.map(k => decodeURIComponent(k.url.split('/').pop())))"
    )


def rewrite_snapshot(page, *, key: str | None = None, garbage: bool = False) -> None:
    """Replace the stored snapshot: same bytes under another key, or garbage under the same key."""
    page.evaluate(
        """async ([cacheName, newKey, garbage]) => {
          const cache = await caches.open(cacheName);
          const [request] = await cache.keys();
          const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
          if (garbage) bytes.fill(7, 1000, 400000);
          await cache.delete(request);
          const url = newKey ? request.url.replace(/[^/]+$/, encodeURIComponent(newKey)) : request.url;
          await cache.put(url, new Response(bytes));
        }""",
        [SNAPSHOT_CACHE, key, garbage],
    )


def test_first_visit_makes_a_snapshot_and_the_next_visit_uses_it(served, context):
    site = served("/")
    first = open_ready(context, site.url + WIDGET_PAGE)
    assert snapshot_state(first) == "none"
    saved = wait_saved(first)
    assert stored_snapshot_keys(first) == [first.evaluate("window.__alliance.python.info.cacheKey")]
    print(f"snapshot: {saved['size'] / 1e6:.1f} MB")
    first_random = python_random(first)
    first.close()

    second = open_ready(context, site.url + WIDGET_PAGE)
    assert snapshot_state(second) == "loaded"
    second.check("fieldset[data-statement-id='s1'] input[value='goals']")
    second.click(".aw-classifier button[type=submit]")
    second.wait_for_selector(".aw-classifier .aw-summary:has-text('1 of 6 right')")
    second_random = python_random(second)
    second.close()

    third = open_ready(context, site.url + WIDGET_PAGE)
    assert snapshot_state(third) == "loaded"
    # a snapshot freezes `random`; each load re-seeds it, so visits do not share random state
    assert len({first_random, second_random, python_random(third)}) == 3


def test_a_corrupt_snapshot_falls_back_to_a_plain_boot_and_is_replaced(served, context):
    site = served("/")
    page = open_ready(context, site.url + WIDGET_PAGE)
    wait_saved(page)
    rewrite_snapshot(page, garbage=True)
    page.close()

    fallback = open_ready(context, site.url + WIDGET_PAGE)
    assert snapshot_state(fallback) == "rejected"
    assert fallback.locator(".aw-status--error").count() == 0      # silent for the reader
    wait_saved(fallback)
    fallback.close()
    assert snapshot_state(open_ready(context, site.url + WIDGET_PAGE)) == "loaded"


def test_a_snapshot_stored_under_another_key_is_ignored(served, context):
    site = served("/")
    page = open_ready(context, site.url + WIDGET_PAGE)
    wait_saved(page)
    rewrite_snapshot(page, key="314.0.6+0000000000000000")
    page.close()
    again = open_ready(context, site.url + WIDGET_PAGE)
    assert snapshot_state(again) == "none"
    wait_saved(again)
    assert stored_snapshot_keys(again) == [again.evaluate("window.__alliance.python.info.cacheKey")]


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
