"""Helpers for the browser tests of the widgets (quizzes and the self-check): wait for Python,
move by keyboard alone, read localStorage, and watch every request a page makes."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.support.browser import open_tab

PYTHON_READY = "() => window.__alliance?.python?.info || document.querySelector('.aw-status--error')"


def open_widget_page(tab, url: str) -> None:
    """Go to a page with a widget and wait until its Python is ready (fail if it could not start)."""
    tab.page.goto(url, wait_until="load")
    wait_for_python(tab.page)


WIDGETS_MOUNTED = """() => [...document.querySelectorAll('[data-widget]')].every((el) => {
  const handle = window.__alliance?.mounted?.get(el);
  return handle && Object.keys(handle).length > 0;
})"""


def wait_for_python(page) -> None:
    """Wait until Python is ready and every widget of the page has finished setting itself up
    (a quiz has applied its layout and restored saved progress; the self-check read its history)."""
    page.wait_for_function(PYTHON_READY, timeout=90_000)
    error = page.query_selector(".aw-status--error")
    assert error is None, f"Python did not start: {error.inner_text()}"
    page.wait_for_function(WIDGETS_MOUNTED, timeout=30_000)
    page.evaluate("() => Promise.all([...window.__alliance.mounted.values()].map((h) => h.ready))")


@contextmanager
def fresh_tab(browser, **options):
    """A tab in a new browser context (a visitor with empty storage), watched like the ``tab``
    fixture plus ``watch``; the context is closed afterwards."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    try:
        yield watch(open_tab(context))
    finally:
        context.close()


# ---- keyboard ---------------------------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab (or Shift+Tab, if the target comes earlier in the page) until focus is on an
    element matching ``selector``. Fails if the keyboard cannot get there."""
    for _ in range(limit):
        where = page.evaluate(_WHERE_IS_FOCUS, selector)
        if where == "there":
            return
        page.keyboard.press("Shift+Tab" if where == "after" else "Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


_WHERE_IS_FOCUS = """(selector) => {
  const target = document.querySelector(selector), focus = document.activeElement;
  if (!target) throw new Error(`nothing on the page matches ${selector}`);
  if (focus?.matches(selector)) return "there";
  if (!focus || focus === document.body) return "before";
  return target.compareDocumentPosition(focus) & Node.DOCUMENT_POSITION_FOLLOWING ? "after" : "before";
}"""


def choose_radio(page, radios: str, value: str) -> None:
    """Tab into a radio group (``radios`` selects its inputs) and choose ``value`` with the arrow
    keys, as a keyboard user does (Space when the wanted option is the one focused)."""
    tab_to(page, radios)
    values = page.eval_on_selector_all(radios, "els => els.map(e => e.value)")
    here = values.index(page.evaluate("document.activeElement.value"))
    there = values.index(value)
    for _ in range(abs(there - here)):
        page.keyboard.press("ArrowDown" if there > here else "ArrowUp")
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    assert page.evaluate("[document.activeElement.value, document.activeElement.checked]") == [value, True]


def press_button(page, selector: str) -> None:
    """Tab to a button and press Enter."""
    tab_to(page, selector)
    page.keyboard.press("Enter")


# ---- storage ----------------------------------------------------------------------------------


def local_storage(page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries(Object.entries(localStorage))")


def stored_json(page, key: str):
    raw = page.evaluate("(k) => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


def set_before_load(context, key: str, value: str) -> None:
    """Put ``value`` in localStorage before any script of the next page runs."""
    context.add_init_script(f"try {{ localStorage.setItem({json.dumps(key)}, {json.dumps(value)}); }} catch (e) {{}}")


# ---- network ----------------------------------------------------------------------------------


@dataclass
class Request:
    method: str
    url: str
    body: str | None


@dataclass
class Traffic:
    """Every request of a page, with its method and body."""

    requests: list[Request] = field(default_factory=list)

    def not_plain_gets(self) -> list[Request]:
        return [r for r in self.requests if r.method != "GET" or r.body]

    def to_other_hosts(self, origin: str) -> list[str]:
        home = urlsplit(origin)
        return [
            r.url
            for r in self.requests
            if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
            and (urlsplit(r.url).hostname, urlsplit(r.url).port) != (home.hostname, home.port)
        ]


def watch(tab):
    """Record method and body of every request of ``tab.page`` in ``tab.traffic``."""
    traffic = Traffic()
    tab.page.on("request", lambda r: traffic.requests.append(Request(r.method, r.url, r.post_data)))
    tab.traffic = traffic
    return tab


def assert_quiet_and_private(tab, site_url: str) -> None:
    """No console error, no request to another host, and nothing but plain GETs (no POST, no body)."""
    tab.page.wait_for_timeout(100)  # let late console messages and requests arrive
    problems = [f"console: {e}" for e in tab.console_errors]
    problems += [f"request to another host: {u}" for u in tab.external_requests(site_url)]
    traffic = getattr(tab, "traffic", None)
    if traffic is not None:
        problems += [f"{r.method} {r.url} body={r.body!r}" for r in traffic.not_plain_gets()]
    assert not problems, "\n".join(problems)
