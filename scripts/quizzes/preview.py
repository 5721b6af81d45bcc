"""The quiz bank as ``mkdocs serve`` previews it while a lecturer edits: the modules without
problems, and for each file with problems, those problems, to be shown in the pages.

``mkdocs build`` and ``python -m scripts.quizzes check`` never use this: they stop at the first
file with a problem (``load_bank``). Under ``mkdocs serve`` a stopped build would leave the
browser tab waiting with no answer, so the site is built from what is valid and the pages say
what is not (``scripts.quizzes.problems_html``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .loader import DOCS_DIR, Bank, read_bank
from .problems import Problem


@dataclass(frozen=True)
class BrokenFile:
    """A quiz file with problems: the module it should hold is missing from the bank."""

    path: str  # as messages show it, e.g. quizzes/ruptures.yml
    module_id: str  # the file name without .yml: the module id it must hold
    problems: tuple[Problem, ...]
    question_ids: frozenset[str]  # ids written in it (none when the YAML itself cannot be read)

    @property
    def ids_unknown(self) -> bool:
        return not self.question_ids


@dataclass(frozen=True)
class PreviewBank:
    bank: Bank
    broken: dict[str, BrokenFile] = field(default_factory=dict)  # by module id

    @property
    def problem_count(self) -> int:
        return sum(len(f.problems) for f in self.broken.values())

    def broken_holding(self, question_id: str) -> list[BrokenFile]:
        """Files with problems that may hold this question: those that name it, or, when none
        does, those whose question ids could not be read at all."""
        naming = [f for f in self.broken.values() if question_id in f.question_ids]
        return naming or [f for f in self.broken.values() if f.ids_unknown]

    def problem_lines(self) -> str:
        return "\n".join(str(p) for f in self.broken.values() for p in f.problems)


def load_preview_bank(paths: list[Path] | None = None, *, docs_dir: Path = DOCS_DIR) -> PreviewBank:
    reading = read_bank(paths, docs_dir=docs_dir)
    by_path: dict[str, list[Problem]] = {}
    for problem in reading.problems:
        by_path.setdefault(problem.path, []).append(problem)
    broken = {}
    for path, problems in by_path.items():
        module_id = reading.files.get(path, Path(path).stem)
        broken[module_id] = BrokenFile(path, module_id, tuple(problems), frozenset(reading.declared.get(path, ())))
    return PreviewBank(reading.bank, broken)
