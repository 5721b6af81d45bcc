"""The one entry point that reads quiz files: ``load_bank``.

Each file is read and parsed once; everything else (page HTML, browser JSON, exports) is
rendered from the ``Bank`` it returns. Problems of all files are collected and raised together
as ``QuizProblems`` so ``mkdocs build`` and ``python -m scripts.quizzes check`` show them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widgets.quiz.model import Module, Question

from .build import build_module
from .markup import Renderer
from .problems import Problem, QuizProblems
from .questions import Context
from .source import Node, Reader, parse, root_node

PROJECT_ROOT = Path(__file__).resolve().parents[2]
QUIZZES_DIR = PROJECT_ROOT / "quizzes"
VERSIONS_DIR = QUIZZES_DIR / "versions"
DOCS_DIR = PROJECT_ROOT / "docs"


@dataclass(frozen=True)
class Bank:
    modules: dict[str, Module]
    paths: dict[str, Path]  # module id -> its file
    #: module id -> kept earlier versions (quizzes/versions/, see ``scripts.quizzes.versions``)
    versions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def question(self, question_id: str) -> Question:
        for module in self.modules.values():
            for question in module.questions:
                if question.id == question_id:
                    return question
        raise KeyError(f"no question {question_id!r} in the bank")

    def module_of(self, question_id: str) -> Module:
        for module in self.modules.values():
            if any(q.id == question_id for q in module.questions):
                return module
        raise KeyError(f"no question {question_id!r} in the bank")

    @property
    def question_count(self) -> int:
        return sum(len(m.questions) for m in self.modules.values())


def display_path(path: Path) -> str:
    """The path as messages show it: relative to the project root when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def bank_files(quizzes_dir: Path = QUIZZES_DIR) -> list[Path]:
    return sorted(quizzes_dir.glob("*.yml"))


@dataclass(frozen=True)
class Reading:
    """Everything reading the quiz files gave: the bank of the modules without problems, every
    problem, and for each file (by the path messages show) its module id and the question ids it
    declares, read even when the file has problems (none after a YAML syntax error)."""

    bank: Bank
    problems: list[Problem]
    files: dict[str, str]  # display path -> module id it should hold (the file name without .yml)
    declared: dict[str, list[str]]  # display path -> question ids written in it


def load_bank(paths: list[Path] | None = None, *, docs_dir: Path = DOCS_DIR, versions_dir: Path | None = None) -> Bank:
    """Load and validate quiz files (default: every ``quizzes/*.yml``, with the kept versions in
    ``quizzes/versions/``) against the lessons in ``docs_dir/lessons``. Raises ``QuizProblems``
    listing every problem of every file."""
    reading = read_bank(paths, docs_dir=docs_dir, versions_dir=versions_dir)
    if reading.problems:
        raise QuizProblems(reading.problems)
    return reading.bank


def read_bank(
    paths: list[Path] | None = None, *, docs_dir: Path = DOCS_DIR, versions_dir: Path | None = None
) -> Reading:
    """Read quiz files like ``load_bank`` but never raise: the modules with problems are left out
    of the bank and their problems returned (``mkdocs serve`` shows them in the pages)."""
    files = bank_files() if paths is None else [Path(p) for p in paths]
    ctx = Context(docs_dir=Path(docs_dir), renderer=Renderer())
    problems: list[Problem] = []
    modules: dict[str, Module] = {}
    where_from: dict[str, Path] = {}
    first_use: dict[str, tuple[str, Node]] = {}  # question id -> (display path, id node)
    shown_files: dict[str, str] = {}
    declared: dict[str, list[str]] = {}
    for path in files:
        shown = display_path(path)
        shown_files[shown] = path.stem
        declared[shown] = []
        reader = Reader(shown)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            problems.append(Problem(shown, line, 1, "", "the file is not UTF-8 text; save it with UTF-8 encoding"))
            continue
        except OSError as exc:
            problems.append(Problem(shown, 1, 1, "", f"cannot read the file: {exc.strerror or exc}"))
            continue
        tree, syntax = parse(text, shown)
        if syntax is not None:
            problems.append(syntax)
            continue
        result = build_module(reader, root_node(tree), path.stem, ctx)
        for qid, node in result.question_ids:
            declared[shown].append(qid)
            if qid in first_use:
                other, first = first_use[qid]
                reader.problem(
                    node,
                    f"question id {qid!r} is already used at {other}:{first.line}:{first.col}; "
                    "ids must be unique across all modules: rename this one",
                )
                result.module = None
            else:
                first_use[qid] = (shown, node)
        if result.module is not None and result.module.id in modules:
            reader.problem(
                root_node(tree),
                f"module {result.module.id!r} is loaded twice (also from {display_path(where_from[result.module.id])})",
            )
        elif result.module is not None:
            modules[result.module.id] = result.module
            where_from[result.module.id] = path
        problems.extend(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    from .versions import VersionsProblem, load_kept

    kept_dir = versions_dir if versions_dir is not None else VERSIONS_DIR if paths is None else None
    kept: dict[str, list[dict[str, Any]]] = {}
    try:
        kept = load_kept(kept_dir) if kept_dir is not None else {}
    except VersionsProblem as exc:
        problems.append(Problem(display_path(exc.path), 1, 1, "", exc.message))
    return Reading(Bank(modules=modules, paths=where_from, versions=kept), problems, shown_files, declared)
