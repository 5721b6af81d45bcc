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
from html import unescape
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from widgets.quiz.model import plain_text

_SAFE_URL = re.compile(r"^(https?:|mailto:|#|/|\.|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)
#: one line of words and punctuation that Markdown renders as a bare paragraph (a test checks
#: this against Markdown itself): no markup characters, no & < >, no list or heading start.
_PLAIN = re.compile(r"[A-Za-z\"'(‘“][A-Za-z0-9 ,;:'\"?()/%’‘“”—–!.\-]*\Z")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_BLOCK = re.compile(r"<(ul|ol|h[1-6]|blockquote|pre|table|hr|div)\b")


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                # check what the browser will see: entities decoded, tabs and newlines dropped
                if value is not None and not _SAFE_URL.match(_CONTROL.sub("", unescape(value))):
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
            text = text.strip()
            if _PLAIN.match(text):  # nothing for Markdown to do: skip its costly pipeline
                cached = f"<p>{text}</p>"
            else:
                self._md.reset()
                cached = self._md.convert(text)
            self._cache[text] = cached
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


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ATX = re.compile(r"^\s*(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^\s*(=+|-+)[ \t]*$")


def heading_lines(source: str) -> list[str]:
    """The lesson's headings as ATX lines, skipping fenced code. Headings inside admonitions
    (indented) count, as MkDocs' admonition extension renders them."""
    out: list[str] = []
    fence = ""
    previous = ""
    for line in source.splitlines():
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            previous = ""
            continue
        if opened:
            fence, previous = opened.group(1), ""
            continue
        atx = _ATX.match(line)
        if atx:
            out.append(f"{atx.group(1)} {atx.group(2)}")
        elif previous.strip() and _SETEXT.match(line) and not previous.lstrip().startswith(("-", "*", "+", ">")):
            out.append(("# " if line.strip()[0] == "=" else "## ") + previous.strip())
        previous = line
    return out


@lru_cache(maxsize=64)
def _headings(path: Path, mtime_ns: int) -> tuple[tuple[str, str], ...]:
    # Only the headings go through Markdown (toc + attr_list, as MkDocs renders them, with the toc
    # extension's own slugify): the ids, including "_1" suffixes for repeats and { #custom } ids,
    # come out the same as for the whole lesson at a fraction of the cost (a test compares both on
    # every lesson).
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert("\n\n".join(heading_lines(path.read_text(encoding="utf-8"))))
    found: list[tuple[str, str]] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            found.append((token["id"], plain_text(token["name"])))
            walk(token["children"])

    walk(md.toc_tokens)  # type: ignore[attr-defined]
    return tuple(found)


def lesson_headings(path: Path) -> tuple[tuple[str, str], ...]:
    """(id, text) of each heading of a lesson, in document order: the ids MkDocs gives them
    (Markdown's toc slugify, attr_list ids) and their plain text. Computed once per file version:
    the quiz loader's anchor checks and the course's lesson index (``scripts.course``) share it."""
    return _headings(path, path.stat().st_mtime_ns)


def heading_anchors(path: Path) -> tuple[str, ...]:
    """The ids MkDocs gives the headings of a lesson, in document order."""
    return tuple(anchor for anchor, _ in lesson_headings(path))
