"""One page per quiz module, at the stable URL ``/quizzes/<module-id>/``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html import escape
from typing import TYPE_CHECKING, Any

from scripts.generated_page import GeneratedPage
from widgets.lesson_url import LESSONS, lesson_url

if TYPE_CHECKING:
    from scripts.course import CourseContext

__all__ = ["GeneratedPage", "module_page", "module_pages", "nav_paths", "problem_page", "unlisted"]


def module_page(module: Any) -> GeneratedPage:
    lessons = ", ".join(
        f"[{slug.replace('-', ' ')}]({lesson_url(slug, base='../' + LESSONS, source=True)})" for slug in module.lessons
    )
    markdown = f"""---
title: "Quiz: {module.title}"
---

# Quiz: {module.title}

Practise the ideas of {lessons}. Answer each question and press **Check answer** for feedback
and a link back to the part of the lesson that teaches it, or answer them all and press
**See my results**. Your answers are kept only in this browser.

Want a test run? [Take it in exam mode](?mode=exam): no feedback until you submit.

```quiz
module: {module.id}
```
"""
    return GeneratedPage(f"quizzes/{module.id}.md", markdown)


def module_pages(course: CourseContext) -> Iterator[GeneratedPage]:
    for module in course.modules.values():
        yield module_page(module)


def problem_page(module_id: str, path: str) -> GeneratedPage:
    """Under ``mkdocs serve``, the page of a module whose file has problems: the quiz fence shows
    them (``scripts.quizzes.problems_html``), so the lecturer's open tab and its link keep working."""
    title = json.dumps(f"Quiz: {module_id} (problems in {path})")  # a JSON string is a YAML string
    markdown = f"""---
title: {title}
---

# Quiz: {escape(module_id)}

```quiz
module: {module_id}
```
"""
    return GeneratedPage(f"quizzes/{module_id}.md", markdown)


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
