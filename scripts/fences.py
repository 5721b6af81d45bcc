"""Markdown fences that place interactive pieces in any page (pymdownx.superfences custom fences).

    ```quiz                     ```quiz                     ```widget
    module: ruptures            question: rup-withdrawal    classifier
    ```                         ```                         ```

Widgets: ``classifier``, ``selfcheck``, ``selfcheck-items``, and for the lecturers' page
``lecturers-catalogue``, ``lecturers-links`` (assignment-link builder), ``lecturers-grader``
(results codes).

The MkDocs hook builds the course context once per build (``scripts.course``) and registers
these fences with it (:func:`install`, in ``on_config``); a fence that names an unknown module,
question or widget logs a warning, which fails a ``--strict`` build. Under ``mkdocs serve`` the
context also carries the quiz files with problems: a fence whose module or question is in one of
them shows those problems where the quiz would be (no warning).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scripts.course import CourseContext

log = logging.getLogger("mkdocs.hooks.alliance")


def _problem(message: str) -> str:
    log.warning(message)
    return f'<div class="admonition failure"><p>{escape(message)}</p></div>'


def _fields(source: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in source.strip().splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


class CourseFences:
    """The ``quiz`` and ``widget`` fences of one build, rendering from its course context
    (``None`` when the hook did not run: then the fences that need it say so)."""

    def __init__(self, course: CourseContext | None) -> None:
        self.course = course

    def quiz(self, source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
        from scripts.quizzes import problems_html
        from scripts.quizzes.render import render_module, render_question

        fields = _fields(source)
        if self.course is None:
            return _problem("quiz fence used but no quiz bank was loaded (is the hook in mkdocs.yml?)")
        bank, preview = self.course.bank, self.course.preview
        if "module" in fields:
            module = bank.modules.get(fields["module"])
            if module is None and preview is not None and fields["module"] in preview.broken:
                return problems_html.module_problems(preview.broken[fields["module"]])
            if module is None:
                known = ", ".join(sorted(bank.modules))
                return _problem(f"quiz fence: unknown module {fields['module']!r}; known modules: {known}")
            return render_module(module)
        if "question" in fields:
            qid = fields["question"]
            for module in bank.modules.values():
                if any(q.id == qid for q in module.questions):
                    return render_question(module, qid)
            if preview is not None and (holding := preview.broken_holding(qid)):
                return problems_html.question_problems(qid, holding)
            return _problem(f"quiz fence: no question with id {qid!r} in the bank")
        return _problem("quiz fence: expected a line 'module: <module-id>' or 'question: <question-id>'")

    def widget(self, source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
        name = source.strip()
        standalone, from_course = _standalone_widgets(), _course_widgets()
        if name in standalone:
            return standalone[name]()
        if name not in from_course:
            known = ", ".join(sorted({*standalone, *from_course}))
            return _problem(f"widget fence: unknown widget {name!r}; known widgets: {known}")
        if self.course is None:
            return _problem("widget fence needs the quiz bank, but none was loaded (is the hook in mkdocs.yml?)")
        return from_course[name](self.course)


def _standalone_widgets() -> dict[str, Callable[[], str]]:
    from scripts import classifier_page, selfcheck_page

    return {
        "classifier": classifier_page.render_form,
        "selfcheck": selfcheck_page.render_form,
        "selfcheck-items": selfcheck_page.render_item_table,
    }


def _course_widgets() -> dict[str, Callable[[CourseContext], str]]:
    from scripts import lecturer_pages, progress_pages

    return {
        # the lecturers' page (scripts/lecturer_pages.py)
        "lecturers-catalogue": lecturer_pages.render_catalogue,
        "lecturers-links": lecturer_pages.render_link_builder,
        "lecturers-grader": lecturer_pages.render_grader,
        # the learner's pages (scripts/progress_pages.py)
        "progress": progress_pages.render_progress,
        "review": progress_pages.render_review,
        "continue": progress_pages.render_continue,
    }


def install(mdx_configs: dict[str, Any], course: CourseContext) -> None:
    """Point mkdocs.yml's ``quiz`` and ``widget`` custom fences at this build's course context."""
    fences = CourseFences(course)
    superfences = mdx_configs.setdefault("pymdownx.superfences", {})
    superfences["custom_fences"] = [
        {**fence, "format": getattr(fences, fence["name"])} if fence.get("name") in ("quiz", "widget") else fence
        for fence in superfences.get("custom_fences", [])
    ]


# The fences as mkdocs.yml names them; :func:`install` replaces them with this build's when the hook runs.
format_quiz = CourseFences(None).quiz
format_widget = CourseFences(None).widget
