"""Fixtures of the cross-engine suite: one browser per engine for the whole session (Firefox, then
WebKit), the built site under /course/ (the Chromium tests' build) served with the probe, and a
clean start for each test."""

from __future__ import annotations

import pytest

from tests.support.engines.drivers import FirefoxDriver, WebKitDriver, find_firefox, find_webkit
from tests.support.engines.probe_server import STORAGE_THROWS_COOKIE, probed

ENGINES = {"firefox": (find_firefox, FirefoxDriver), "webkit": (find_webkit, WebKitDriver)}


@pytest.fixture()
def engine_site(served):
    """The /course/ build the Chromium tests use, at its own origin, its pages carrying the probe."""
    with probed(served("/course/")) as server:
        yield server


@pytest.fixture(scope="session", params=list(ENGINES))
def engine(request):
    """A running browser of one engine, shared by every test of the session (skips if missing)."""
    find, start = ENGINES[request.param]
    path, why = find()
    if path is None:
        pytest.skip(f"{request.param}: {why}")
    driver = start(path)
    yield driver
    driver.quit()


@pytest.fixture()
def drv(engine, engine_site):
    """The engine's browser on the site, as a first-time visitor: empty localStorage and
    sessionStorage, no probe cookie, no errors carried over from an earlier test."""
    engine.goto(engine_site.url + "404.html")
    engine.eval(
        "(cookie) => { localStorage.clear(); sessionStorage.clear();"
        " document.cookie = cookie + '; path=/; max-age=0'; }",
        STORAGE_THROWS_COOKIE.split("=")[0] + "=",
    )
    engine.console_errors()
    engine_site.requests.clear()
    yield engine
    engine.eval(
        "(cookie) => { document.cookie = cookie + '; path=/; max-age=0'; }", STORAGE_THROWS_COOKIE.split("=")[0] + "="
    )
