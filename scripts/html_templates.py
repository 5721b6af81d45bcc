"""Jinja2 templates for the HTML the build writes (``scripts/templates/``): the Python passes
plain data, the templates hold the markup.

Autoescaping is on for every ``.html`` template: each ``{{ value }}`` is escaped as
``html.escape`` escapes it (``&#x27;``, ``&quot;``), so the pages come out as they did when the
HTML was assembled in Python. HTML that is already safe (rendered by the build from escaped
Markdown, such as a question's ``text_html``, or another template's output) is passed wrapped
in ``Markup`` and inserted as it is. ``.md`` templates write Markdown pages: there nothing is
HTML-escaped by default: texts go through the ``md_text`` filter (or ``html``, ``yaml_string``).
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!])")


def md_text(text: str) -> str:
    """Plain text made safe inside a Markdown paragraph (no emphasis, links or HTML by accident)."""
    return _MD_SPECIAL.sub(r"\\\1", escape(text, quote=False))


def yaml_string(text: str) -> str:
    """A text as a double-quoted YAML string (JSON's string syntax), e.g. for a page title."""
    return json.dumps(text, ensure_ascii=False)


def plural(n: int, word: str, plural_word: str | None = None) -> str:
    """``1 minute``, ``3 minutes``."""
    return f"{n} {word if n == 1 else (plural_word or word + 's')}"


def _html_escaped(value: Any) -> Markup:
    # Jinja's autoescape would write ' and " as &#39; and &#34;; html.escape as &#x27; and &quot;.
    # Escaping here (autoescape then leaves Markup alone) keeps the pages as they were.
    return value if isinstance(value, Markup) else Markup(escape(str(value)))


@cache
def _environments() -> tuple[Environment, Environment]:
    common: dict[str, Any] = {
        "loader": FileSystemLoader(TEMPLATES_DIR),
        "undefined": StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    html = Environment(autoescape=select_autoescape(["html"]), finalize=_html_escaped, **common)
    markdown = Environment(autoescape=False, keep_trailing_newline=True, **common)
    for env in (html, markdown):
        env.filters.update(html=escape, md_text=md_text, plural=plural, yaml_string=yaml_string)
    return html, markdown


def render(name: str, **data: Any) -> str:
    """Template ``scripts/templates/<name>`` filled with ``data``: HTML for ``.html``, Markdown text
    for ``.md``. A plain ``str`` either way (a ``Markup`` would escape any text added to it later); to
    place one template's HTML in another, pass it wrapped in ``Markup``."""
    html, markdown = _environments()
    return str((html if name.endswith(".html") else markdown).get_template(name).render(**data))
