"""Debian's Chromium driven by Playwright, and the checks every page must pass."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-sandbox",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("no Chromium: install Debian's `chromium` or set CHROMIUM=/path (make test does this)")
    return path


@dataclass
class Tab:
    """A page plus what it did: console errors, uncaught errors, every request URL."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def external_requests(self, allowed_origin: str) -> list[str]:
        allowed = urlsplit(allowed_origin)
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and (urlsplit(url).hostname, urlsplit(url).port) != (allowed.hostname, allowed.port)
        ]


def open_tab(context) -> Tab:
    page = context.new_page()
    tab = Tab(page)
    page.on("console", lambda m: tab.console_errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.console_errors.append(f"uncaught: {e}"))
    page.on("request", lambda r: tab.requests.append(r.url))
    return tab


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the current page, one readable line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))",
        WCAG_TAGS,
    )
    return [f"{v['id']}: {v['help']} at {', '.join(v['nodes'])}" for v in result]
