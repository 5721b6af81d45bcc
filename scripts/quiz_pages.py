"""One page per quiz module, at the stable URL ``/quizzes/<module-id>/``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from scripts.generated_page import GeneratedPage
from scripts.html_templates import render
from widgets.lesson_url import LESSONS, lesson_url

if TYPE_CHECKING:
    from scripts.course import CourseContext

__all__ = ["GeneratedPage", "module_page", "module_pages", "nav_paths", "problem_page", "unlisted"]


def module_page(module: Any) -> GeneratedPage:
    lessons = [
        {"name": slug.replace("-", " "), "source": lesson_url(slug, base="../" + LESSONS, source=True)}
        for slug in module.lessons
    ]
    return GeneratedPage(f"quizzes/{module.id}.md", render("quizzes/module_page.md", module=module, lessons=lessons))


def module_pages(course: CourseContext) -> Iterator[GeneratedPage]:
    for module in course.modules.values():
        yield module_page(module)


def problem_page(module_id: str, path: str) -> GeneratedPage:
    """Under ``mkdocs serve``, the page of a module whose file has problems: the quiz fence shows
    them (``scripts.quizzes.problems_html``), so the lecturer's open tab and its link keep working."""
    return GeneratedPage(f"quizzes/{module_id}.md", render("quizzes/problem_page.md", module_id=module_id, path=path))


def nav_paths(nav: Any) -> set[str]:
    """Every page path listed in mkdocs.yml's ``nav`` (entries are paths, ``title: path`` or
    ``title: [entries]``)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_paths(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_paths(v) for v in nav))
    return set()


def unlisted(pages: list[GeneratedPage], nav: Any) -> list[GeneratedPage]:
    """The quiz pages a ``nav`` does not list (none when there is no nav: then every page is in it)."""
    if nav is None:
        return []
    listed = nav_paths(nav)
    return [page for page in pages if page.path not in listed]
