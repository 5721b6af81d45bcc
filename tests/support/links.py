"""Check every internal link and #anchor of a built site, from the HTML itself."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if tag in ("a", "img", "script", "link", "source") and a.get(attr):
                self.links.append((a[attr], self.getpos()[0]))


def _scan(path: Path, cache: dict[Path, _Scan]) -> _Scan:
    if path not in cache:
        scan = _Scan()
        scan.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = scan
    return cache[path]


def broken_links(site_dir: Path) -> list[str]:
    """'page.html:line: href (why)' for each internal link or anchor that does not resolve."""
    problems: list[str] = []
    cache: dict[Path, _Scan] = {}
    for page in sorted(site_dir.rglob("*.html")):
        scan = _scan(page, cache)
        for href, line in scan.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            where = f"{page.relative_to(site_dir)}:{line}: {href}"
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):  # 404.html uses root-absolute links (built for '/')
                target = (site_dir / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{where} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _scan(target, cache).ids:
                    problems.append(f"{where} (no element with id '{parts.fragment}')")
    return problems
