"""The glossary has one source: ``docs/includes/abbreviations.md``.

Its ``*[term]: definition`` lines are appended to every page by pymdownx.snippets (so each
term gets a tooltip wherever it appears), and the glossary page is generated from them here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MARKER = "<!-- glossary-terms -->"
_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+?)\s*$")


@dataclass(frozen=True)
class Term:
    term: str
    definition: str

    @property
    def anchor(self) -> str:
        return "term-" + re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


def read_terms(path: Path) -> list[Term]:
    terms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise ValueError(f"{path}:{number}: expected '*[term]: definition', found {line!r}")
        terms.append(Term(match["term"], match["definition"]))
    return sorted(terms, key=lambda t: t.term.casefold())


def definition_list(terms: list[Term]) -> str:
    """Markdown definition list (def_list + attr_list) with an anchor per term."""
    blocks = [f"{t.term} {{: #{t.anchor} }}\n:   {t.definition}\n" for t in terms]
    return "\n".join(blocks)


def expand(markdown: str, path: Path) -> str:
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, definition_list(read_terms(path)))
