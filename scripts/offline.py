"""Offline reading: fill in the service worker's list of files and build hash.

``docs/sw.js`` is published at the site root (so its scope is the whole site, sub-path
included). After a build, this writes into it every file of the site, its cache names' prefix
(``widgets.constants.SITE_CACHE_PREFIX``: a classic service worker imports no ES module) and a
hash of all the files: a rebuild that changes any file gives a new cache name, so the service worker replaces the whole
set at once and deletes the old one. Under ``mkdocs serve`` the file is removed instead, and
pages are not marked for registration, so live reload always shows the newest page.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from widgets.constants import OFFLINE_COPY_PATH, SITE_CACHE_PREFIX

SW = "sw.js"
#: pages mark themselves for registration with this attribute on <html>
HTML_FLAG = 'data-aw-offline="sw.js"'
SKIP_SUFFIXES = {".map", ".gz", ".br"}  # precompressed siblings: a host sends them for the file
#: Python's files: cached when first used, so a reader of lessons never downloads them
RUNTIME_DIRS = ("assets/pyodide/", "assets/python/")


def site_files(site_dir: Path) -> list[str]:
    files = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_file() and rel != SW and path.suffix not in SKIP_SUFFIXES:
            files.append(rel)
    return files


def build_hash(site_dir: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode() + b"\0" + hashlib.sha256((site_dir / rel).read_bytes()).digest())
    return digest.hexdigest()[:16]


def precache_list(files: list[str]) -> list[str]:
    """Files, plus each page's directory URL (``lessons/x/`` beside ``lessons/x/index.html``)."""
    urls = []
    for rel in files:
        if rel == "index.html":
            urls.append("./")
        elif rel.endswith("/index.html"):
            urls.append(rel.removesuffix("index.html"))
        urls.append(rel)
    return urls


def write_service_worker(site_dir: Path) -> str:
    sw = site_dir / SW
    files = site_files(site_dir)
    build = build_hash(site_dir, files)
    pages = [f for f in files if not f.startswith(RUNTIME_DIRS)]
    runtime = [f for f in files if f.startswith(RUNTIME_DIRS)]
    text = sw.read_text(encoding="utf-8")
    text = (
        text.replace('"__BUILD__"', json.dumps(build))
        .replace('"__SITE_CACHE_PREFIX__"', json.dumps(SITE_CACHE_PREFIX))
        .replace('"__OFFLINE_COPY_PATH__"', json.dumps(OFFLINE_COPY_PATH))
        .replace("[/* __FILES__ */]", json.dumps(precache_list(pages), indent=0))
        .replace("[/* __RUNTIME__ */]", json.dumps(runtime, indent=0))
    )
    sw.write_text(text, encoding="utf-8")
    return build


def mark_page(html: str) -> str:
    return html.replace("<html ", f"<html {HTML_FLAG} ", 1)


def remove_service_worker(site_dir: Path) -> None:
    (site_dir / SW).unlink(missing_ok=True)
