"""Markdown in quiz files, rendered once at build time into safe HTML; and lesson heading anchors.

Raw HTML is never passed through: the HTML block preprocessor and the inline HTML pattern are
removed, so ``<script>`` in a quiz file renders as the text ``&lt;script&gt;``. Link targets
other than http(s), mailto, ``#`` and relative paths are dropped (no ``javascript:``).

Stems, option texts and matching left-hand texts sit inside ``<legend>``/``<label>``, where only
phrasing content is valid: ``inline()`` unwraps paragraphs (joined by a blank line's ``<br><br>``)
and refuses block content such as lists or headings.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_SAFE_URL = re.compile(r"^(https?:|mailto:|#|/|\.|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)
_BLOCK = re.compile(r"<(ul|ol|h[1-6]|blockquote|pre|table|hr|div)\b")


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value is not None and not _SAFE_URL.match(value.strip()):
                    del el.attrib[attr]


class SafeMarkdown(Extension):
    """Escape raw HTML and drop unsafe link targets."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


class MarkupError(ValueError):
    """Markdown that cannot be shown where it is used (e.g. a list inside a label)."""


class Renderer:
    """Renders many short texts with one Markdown instance (creating one is the costly part)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[SafeMarkdown()])
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Markdown with paragraphs and lists, for explanations, feedback and hints."""
        cached = self._cache.get(text)
        if cached is None:
            self._md.reset()
            cached = self._cache[text] = self._md.convert(text.strip())
        return cached

    def inline(self, text: str) -> str:
        """Markdown for phrasing contexts: paragraphs become lines; block content is an error."""
        html = self.block(text)
        found = _BLOCK.search(html)
        if found:
            raise MarkupError(
                f"this text is shown inside a label, where a <{found.group(1)}> cannot go; "
                "write it as sentences (emphasis, links and line breaks are fine)"
            )
        if html.startswith("<p>") and html.endswith("</p>"):
            html = html[3:-4].replace("</p>\n<p>", "<br>\n<br>")
        return html


_LESSON_EXTENSIONS = ["toc", "attr_list", "admonition", "md_in_html", "fenced_code", "tables", "def_list"]


@lru_cache(maxsize=64)
def _anchors(path: Path, mtime_ns: int) -> tuple[str, ...]:
    md = markdown.Markdown(extensions=_LESSON_EXTENSIONS)
    md.convert(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            found.append(token["id"])
            walk(token["children"])

    walk(md.toc_tokens)  # type: ignore[attr-defined]
    return tuple(found)


def heading_anchors(path: Path) -> tuple[str, ...]:
    """The ids MkDocs gives the headings of a lesson (Markdown's toc slugify, attr_list ids),
    in document order. Cached per file version."""
    return _anchors(path, path.stat().st_mtime_ns)
