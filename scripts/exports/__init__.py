"""LMS exports of the quiz modules, rendered from the one quiz model (never from the YAML).

``write_exports(bank, out_dir)`` writes, per module, ``<id>.gift`` (Moodle GIFT),
``<id>.moodle.xml`` (Moodle XML) and ``<id>.qti.zip`` (Canvas QTI 1.2), plus ``all.gift`` (every
module, one category each) and ``summary.json`` (the conversions and skips per module and format,
for the lecturer page). ``python -m scripts.exports`` does the same from the command line.
What a format cannot express is converted or skipped with a note (``convert.Note``), in the
file's header comment and in the summary; nothing is dropped silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from widgets.quiz.codes import as_modules
from widgets.quiz.model import Module

from . import gift, moodle_xml, qti
from .convert import Note
from .gift import bank_to_gift, module_to_gift
from .moodle_xml import module_to_moodle_xml
from .qti import module_to_qti_zip

__all__ = [
    "Exported",
    "Note",
    "bank_to_gift",
    "export_notes",
    "module_to_gift",
    "module_to_moodle_xml",
    "module_to_qti_zip",
    "write_exports",
]


def export_notes(module: Module) -> dict[str, list[Note]]:
    """What each format's export does to the module: ``{"gift": [...], "moodle_xml": [...], "qti": [...]}``."""
    return {
        "gift": gift.module_notes(module),
        "moodle_xml": moodle_xml.module_notes(module),
        "qti": qti.module_notes(module),
    }


class Exported(list[Path]):
    """The files written (a list of paths), with ``summary``: module id -> format -> notes."""

    summary: dict[str, dict[str, list[Note]]]

    def __init__(self, paths: Iterable[Path], summary: dict[str, dict[str, list[Note]]]) -> None:
        super().__init__(paths)
        self.summary = summary

    def summary_json(self) -> dict[str, dict[str, list[dict[str, str | None]]]]:
        """The summary as written to ``summary.json``."""
        return _summary_json(self.summary)


def _summary_json(summary: dict[str, dict[str, list[Note]]]) -> dict[str, dict[str, list[dict[str, str | None]]]]:
    return {
        mid: {fmt: [n.to_json() for n in notes] for fmt, notes in by_fmt.items()} for mid, by_fmt in summary.items()
    }


def write_exports(bank: object, out_dir: Path, module_ids: Iterable[str] | None = None) -> Exported:
    """Write the exports of ``bank`` (the build's ``scripts.course.CourseContext``, a ``Bank``, or
    modules by id or in a list: see ``widgets.quiz.codes.as_modules``) into ``out_dir``.

    With ``module_ids`` only those modules are written, and no ``all.gift`` (it would not be all).
    Unknown ids raise ``KeyError`` naming the known ones. Returns the paths written, in order,
    with the conversion summary as ``.summary``.
    """
    modules = as_modules(bank)
    wanted = list(module_ids) if module_ids is not None else list(modules)
    unknown = [m for m in wanted if m not in modules]
    if unknown:
        raise KeyError(f"no module {', '.join(map(repr, unknown))}; modules: {', '.join(sorted(modules))}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def put(name: str, data: str | bytes) -> None:
        path = out_dir / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="\n")
        written.append(path)

    summary = {}
    for mid in wanted:
        module = modules[mid]
        put(f"{mid}.gift", module_to_gift(module))
        put(f"{mid}.moodle.xml", module_to_moodle_xml(module))
        put(f"{mid}.qti.zip", module_to_qti_zip(module))
        summary[mid] = export_notes(module)
    if module_ids is None:
        put("all.gift", bank_to_gift(list(modules.values())))
    put("summary.json", json.dumps(_summary_json(summary), indent=2, ensure_ascii=False) + "\n")
    return Exported(written, summary)
