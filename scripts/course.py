"""The course context: what the build knows about the course, gathered once when it starts.

``CourseContext`` holds the quiz bank (with the kept versions of each module) and the lesson
index (each lesson's title, learning objectives, heading anchors and URL). The MkDocs hook builds
it in ``on_config`` (``load_course``) and hands it, explicitly, to everything that renders from it:
the Markdown fences (``scripts.fences.CourseFences``), the generated pages
(``scripts.quiz_pages``, ``scripts.lecturer_pages``, ``scripts.progress_pages``) and the LMS
exports (``scripts.exports.write_exports``). Under ``mkdocs serve`` it also carries the quiz files
with problems (``preview``), so the pages can show them while the rest of the site is served.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.quizzes.loader import DOCS_DIR, Bank, load_bank
from scripts.quizzes.markup import lesson_headings
from scripts.quizzes.preview import PreviewBank, load_preview_bank
from widgets.lesson_url import lesson_url
from widgets.quiz.model import Module

_OBJECTIVES_BOX = re.compile(r'^!!! abstract "Learning objectives"\n(.*?)\n(?=\S)', re.S | re.M)
_OBJECTIVE = re.compile(r"^\s+- (.+(?:\n\s{6,}\S.*)*)", re.M)


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str  # the lesson's first heading (its slug, capitalised, when it has none)
    url: str  # from the site's root, with directory URLs: lessons/<slug>/
    objectives: tuple[str, ...]  # the "Learning objectives" box, item by item (Markdown as written)
    headings: tuple[tuple[str, str], ...]  # (anchor, text) of each heading, in document order

    def heading(self, anchor: str) -> str:
        """The text of the heading with this anchor (the anchor itself when there is none)."""
        return dict(self.headings).get(anchor, anchor)


def read_lesson(slug: str, docs_dir: Path = DOCS_DIR) -> Lesson:
    """The index entry of ``docs/lessons/<slug>.md`` (a title from the slug alone if there is no such file)."""
    path = Path(docs_dir) / "lessons" / f"{slug}.md"
    fallback = slug.replace("-", " ").capitalize()
    if not path.is_file():
        return Lesson(slug, fallback, lesson_url(slug), (), ())
    headings = lesson_headings(path)
    box = _OBJECTIVES_BOX.search(path.read_text(encoding="utf-8"))
    objectives = tuple(" ".join(item.split()) for item in _OBJECTIVE.findall(box.group(1))) if box else ()
    title = headings[0][1] if headings else fallback
    return Lesson(slug, title, lesson_url(slug), objectives, headings)


def lesson_paths(nav: Any) -> list[str]:
    """Every ``lessons/*.md`` path in mkdocs.yml's ``nav``, in the order the menu lists them."""
    if isinstance(nav, str):
        return [nav] if nav.startswith("lessons/") and nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in lesson_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in lesson_paths(item)]
    return []


@dataclass(frozen=True)
class CourseContext:
    bank: Bank
    #: every lesson of docs/lessons/, and every lesson the nav or a module names, by slug
    lessons: Mapping[str, Lesson]
    #: the slugs of the lessons in the menu, in its order (the course order)
    course_order: tuple[str, ...] = ()
    #: under ``mkdocs serve``: the quiz files with problems (the bank then holds the others)
    preview: PreviewBank | None = None
    docs_dir: Path = field(default=DOCS_DIR, compare=False)

    @property
    def modules(self) -> dict[str, Module]:
        return self.bank.modules

    @property
    def versions(self) -> dict[str, list[dict[str, Any]]]:
        return self.bank.versions

    def lesson(self, slug: str) -> Lesson:
        return self.lessons.get(slug) or read_lesson(slug, self.docs_dir)

    @property
    def lessons_in_order(self) -> tuple[Lesson, ...]:
        return tuple(self.lesson(slug) for slug in self.course_order)


def build_course(
    bank: Bank, *, docs_dir: Path = DOCS_DIR, nav: Any = None, preview: PreviewBank | None = None
) -> CourseContext:
    """The context of ``bank`` and the lessons of ``docs_dir`` (ordered as ``nav`` lists them)."""
    order = tuple(Path(p).stem for p in lesson_paths(nav))
    named = {slug for module in bank.modules.values() for slug in module.lessons}
    slugs = sorted({p.stem for p in (Path(docs_dir) / "lessons").glob("*.md")} | set(order) | named)
    lessons = {slug: read_lesson(slug, docs_dir) for slug in slugs}
    return CourseContext(bank, lessons, order, preview, Path(docs_dir))


def load_course(*, docs_dir: Path = DOCS_DIR, nav: Any = None, serve: bool = False) -> CourseContext:
    """Read the quiz files and the lessons. Raises ``scripts.quizzes.QuizProblems`` when a quiz
    file has problems, except with ``serve=True``: then the bank holds the valid files and the
    context's ``preview`` the problems of the others."""
    if serve:
        preview = load_preview_bank(docs_dir=docs_dir)
        return build_course(preview.bank, docs_dir=docs_dir, nav=nav, preview=preview)
    return build_course(load_bank(docs_dir=docs_dir), docs_dir=docs_dir, nav=nav)
