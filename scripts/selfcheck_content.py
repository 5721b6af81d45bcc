"""Read the self-check's items and result texts (``docs/self-check/selfcheck.yml``) at build time.

The file is parsed once with the quiz files' YAML reader (``scripts.quizzes.source``: positions
for every key and value, duplicate keys, anchors and aliases refused) and validated by the same
code the browser runs (``widgets.selfcheck.content.content_from_json``). Each problem it finds
names a path into the data; here that path becomes the line and column in the file, so an
author reads ``docs/self-check/selfcheck.yml:14:16: forms[0].items[1].dimension: <what was
expected; how to fix it>``. ``SelfCheckProblems`` carries all of them; the MkDocs hook stops the
build on it before anything is written.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from scripts.quizzes.loader import display_path
from scripts.quizzes.problems import Problem
from scripts.quizzes.source import parse
from scripts.quizzes.yaml_tree import PosMap, PosSeq
from widgets.selfcheck.content import Content, ContentProblems, content_from_json

ROOT = Path(__file__).resolve().parents[1]
SELFCHECK_FILE = ROOT / "docs" / "self-check" / "selfcheck.yml"


class SelfCheckProblems(Exception):
    """Every problem of the self-check's data file; ``str()`` is one ``file:line:col`` problem a line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _start(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (PosMap, PosSeq)):
        return value.lc.line + 1, value.lc.col + 1
    return None


def position(tree: Any, where: str, at_key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of ``where`` (``forms[0].items[3].id``) in the parsed file; as
    far down the path as the file goes (a missing field points at the mapping that lacks it)."""
    at = _start(tree) or (1, 1)
    node = tree
    steps = re.findall(r"\[(\d+)\]|([^.\[\]]+)", where)
    for n, (index, key) in enumerate(steps):
        last = n == len(steps) - 1
        if index and isinstance(node, PosSeq) and int(index) < len(node):
            i = int(index)
            at, node = _start(node[i]) or tuple(p + 1 for p in node.lc.item(i)), node[i]  # type: ignore[assignment]
        elif key and isinstance(node, PosMap) and (found := next((k for k in node if str(k) == key), None)) is not None:
            key_at = tuple(p + 1 for p in node.lc.key(found))
            value_at = _start(node[found]) or (
                key_at if node[found] is None else tuple(p + 1 for p in node.lc.value(found))
            )
            at, node = (key_at if (last and at_key) else value_at), node[found]  # type: ignore[assignment]
        else:
            break
    return at


def _plain(value: Any) -> Any:
    """The parsed tree as plain JSON data (what the page embeds)."""
    return json.loads(json.dumps(value, ensure_ascii=False))


def read_content(path: Path = SELFCHECK_FILE) -> Content:
    """The validated content of the file, or ``SelfCheckProblems``."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SelfCheckProblems(
            [Problem(shown, 1, 1, "", f"cannot read the file ({exc}); it holds the self-check's items and texts")]
        ) from None
    tree, syntax = parse(text, shown)
    if syntax is not None:
        raise SelfCheckProblems([syntax])
    try:
        return content_from_json(_plain(tree))
    except ContentProblems as problems:
        found = [Problem(shown, *position(tree, p.where, p.at_key), p.where, p.message) for p in problems.problems]
        raise SelfCheckProblems(sorted(found)) from None


@lru_cache(maxsize=4)
def _cached(path: Path, mtime_ns: int) -> Content:
    return read_content(path)


def load_content(path: Path = SELFCHECK_FILE) -> Content:
    """``read_content``, read again only when the file changed (``mkdocs serve``)."""
    return _cached(path, path.stat().st_mtime_ns if path.exists() else 0)


def content_json(content: Content) -> dict[str, Any]:
    """The data the page embeds and hands to Python in the browser (validated again there)."""
    return dict(content.source)
