"""Shared fixtures: the built site served from a thread (at / and under /course/), and Chromium."""

from __future__ import annotations

import pytest

from scripts.selfcheck_content import load_content
from scripts.static_server import SiteServer, free_port
from tests.support.browser import CHROMIUM_ARGS, chromium_path, open_tab
from tests.support.site import ROOT, build_site
from widgets.selfcheck.content import install

# The self-check's items and texts are data the page hands to Python; tests that score in this
# process (here, and inside Pyodide) get them the same way, from the file the build reads.
install(load_content())

ARTIFACTS = ROOT / "tests" / "artifacts"


def _built_and_served(tmp_path_factory, prefix: str) -> SiteServer:
    port = free_port()
    site_dir = tmp_path_factory.mktemp("site" + prefix.strip("/").replace("/", "-"))
    site_url = f"http://127.0.0.1:{port}{prefix}"
    done = build_site(site_url, site_dir)
    if done.returncode != 0:
        pytest.fail(f"the site did not build for {site_url}:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return SiteServer(site_dir, prefix=prefix, port=port).start()


_SITES: dict[str, SiteServer] = {}


@pytest.fixture(scope="session", autouse=False)
def _sites(tmp_path_factory):
    yield _SITES
    for server in _SITES.values():
        server.stop()


def _get_site(tmp_path_factory, sites, prefix):
    if prefix not in sites:
        sites[prefix] = _built_and_served(tmp_path_factory, prefix)
    server = sites[prefix]
    server.reset()
    return server


@pytest.fixture()
def served(tmp_path_factory, _sites):
    """Factory: ``served("/")`` or ``served("/course/")`` gives a running server of a fresh build."""
    return lambda prefix="/": _get_site(tmp_path_factory, _sites, prefix)


@pytest.fixture(params=["/", "/course/"], ids=["root", "subpath"])
def any_site(request, served):
    return served(request.param)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
    yield instance
    instance.close()
    playwright.stop()


@pytest.fixture()
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
    yield ctx
    ctx.close()


@pytest.fixture()
def tab(context):
    return open_tab(context)


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
