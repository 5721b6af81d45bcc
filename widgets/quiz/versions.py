"""Versions of a quiz module, for results codes (stdlib only; runs on CPython and in Pyodide).

A results code names the module it answered *and a tag of the module's content*: what its
answers mean and how they are graded (question ids, types and texts, options and which are
correct, pairs, items, accepted answers). Explanations, hints, feedback, titles and the like
are left out: changing them does not change what a code's answers mean. Everything else,
including fields added to the model later, is part of the content, so a new field can only
ever make a new version, never a silently shared one.

The course keeps what it needs to grade codes of earlier versions in
``quizzes/versions/<module>.json`` (written by ``python -m scripts.quizzes versions``): each
version's tag, the date it was recorded and the module as it was. A ``Catalogue`` is the
current modules plus those kept versions; a code is graded against the version it names, or
refused with the reason, never graded against another version.
"""

from __future__ import annotations

import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from .model import Module

TAG_BITS = 20
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: fields of a module, and of a question or option, that do not change what an answer means
LEFT_OUT_OF_MODULE = frozenset({"title", "lessons", "minutes", "objectives"})
LEFT_OUT = frozenset(
    {
        "explanation",
        "hints",
        "feedback",
        "feedback_true",
        "feedback_false",
        "feedback_wrong",
        "objective",
        "difficulty",
        "source",
    }
)


def _grading_part(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _grading_part(v) for k, v in value.items() if k not in LEFT_OUT and not k.endswith("_html")}
    if isinstance(value, (list, tuple)):
        return [_grading_part(v) for v in value]
    return value


def grading_content(module: Module) -> dict[str, Any]:
    """What a module's content tag is computed from (module JSON without the left-out fields)."""
    data = {k: v for k, v in module.to_json().items() if k not in LEFT_OUT_OF_MODULE}
    content: dict[str, Any] = _grading_part(data)
    return content


def content_tag(module: Module) -> int:
    """The ``TAG_BITS``-bit tag of a module's content that codes carry."""
    text = json.dumps(grading_content(module), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return binascii.crc32(b"alliance-content:" + text.encode("utf-8")) >> (32 - TAG_BITS)


def tag_text(tag: int) -> str:
    """A tag as 4 characters of the codes' alphabet, as pages and files show it."""
    return "".join(ALPHABET[(tag >> shift) & 31] for shift in range(TAG_BITS - 5, -1, -5))


def tag_value(text: str) -> int:
    value = 0
    for char in text:
        value = (value << 5) | ALPHABET.index(char)
    return value


@dataclass
class Version:
    """One version of a module: its tag, the date it was recorded ("" if it is not yet), whether
    it is the current one, and its module (``None`` when it was kept without its questions)."""

    module_id: str
    tag: int
    date: str
    current: bool
    _json: dict[str, Any] | None = field(default=None, repr=False)
    _module: Module | None = field(default=None, repr=False)

    @property
    def module(self) -> Module | None:
        if self._module is None and self._json is not None:
            self._module = Module.from_json(self._json)
        return self._module

    @property
    def label(self) -> str:
        return tag_text(self.tag)

    def describe(self) -> dict[str, Any]:
        return {
            "module": self.module_id,
            "version": self.label,
            "date": self.date,
            "current": self.current,
            "gradable": self._json is not None or self._module is not None,
        }


class Catalogue:
    """The current modules and the kept versions of each, by module id (current first).

    ``kept`` maps a module id to the ``versions`` list of its file:
    ``[{"tag": "7K3M", "date": "2026-11-30", "module": {module JSON}}, …]`` (``module`` may be
    left out of old entries: such a version is known by its date but cannot be graded)."""

    def __init__(self, modules: dict[str, Module], kept: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.modules = modules
        self.versions: dict[str, list[Version]] = {}
        kept = kept or {}
        for module_id, module in modules.items():
            tag = content_tag(module)
            date = next((e.get("date", "") for e in kept.get(module_id, ()) if e.get("tag") == tag_text(tag)), "")
            self.versions[module_id] = [Version(module_id, tag, date, True, _module=module)]
        for module_id, entries in kept.items():
            known = self.versions.setdefault(module_id, [])
            for entry in reversed(entries):  # newest first after the current one
                tag = tag_value(str(entry["tag"]))
                if any(v.tag == tag for v in known):
                    continue
                data = entry.get("module")
                known.append(
                    Version(
                        module_id,
                        tag,
                        str(entry.get("date", "")),
                        False,
                        _json=data if isinstance(data, dict) else None,
                    )
                )

    def ids(self) -> list[str]:
        return sorted(self.versions)

    def find(self, module_id: str, tag: int) -> Version | None:
        return next((v for v in self.versions.get(module_id, ()) if v.tag == tag), None)

    def describe(self) -> list[dict[str, Any]]:
        """Every version the catalogue knows, for pages: module, version, date, current, gradable."""
        return [v.describe() for module_id in self.ids() for v in self.versions[module_id]]
