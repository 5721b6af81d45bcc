"""Markdown fences that place interactive pieces in any page (pymdownx.superfences custom fences).

    ```quiz                     ```quiz                     ```widget
    module: ruptures            question: rup-withdrawal    classifier
    ```                         ```                         ```

Widgets: ``classifier``, ``selfcheck``, ``selfcheck-items``, and for the lecturers' page
``lecturers-catalogue``, ``lecturers-links`` (assignment-link builder), ``lecturers-grader``
(results codes).

The quiz bank is loaded once per build by the MkDocs hook (:func:`use_bank`); a fence that
names an unknown module, question or widget logs a warning, which fails a ``--strict`` build.
Under ``mkdocs serve`` the hook also passes the quiz files with problems: a fence whose module or
question is in one of them shows those problems where the quiz would be (no warning).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from typing import Any

log = logging.getLogger("mkdocs.hooks.alliance")

_bank: Any = None
_preview: Any = None  # scripts.quizzes.preview.PreviewBank under `mkdocs serve`, else None


def use_bank(bank: Any, preview: Any = None) -> None:
    global _bank, _preview
    _bank, _preview = bank, preview


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


def format_quiz(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    from scripts.quizzes import problems_html
    from scripts.quizzes.render import render_module, render_question

    fields = _fields(source)
    if _bank is None:
        return _problem("quiz fence used but no quiz bank was loaded (is the hook in mkdocs.yml?)")
    if "module" in fields:
        module = _bank.modules.get(fields["module"])
        if module is None and _preview is not None and fields["module"] in _preview.broken:
            return problems_html.module_problems(_preview.broken[fields["module"]])
        if module is None:
            known = ", ".join(sorted(_bank.modules))
            return _problem(f"quiz fence: unknown module {fields['module']!r}; known modules: {known}")
        return render_module(module)
    if "question" in fields:
        qid = fields["question"]
        for module in _bank.modules.values():
            if any(q.id == qid for q in module.questions):
                return render_question(module, qid)
        if _preview is not None and (holding := _preview.broken_holding(qid)):
            return problems_html.question_problems(qid, holding)
        return _problem(f"quiz fence: no question with id {qid!r} in the bank")
    return _problem("quiz fence: expected a line 'module: <module-id>' or 'question: <question-id>'")


def _widget_renderers() -> dict[str, Callable[[], str]]:
    from scripts import classifier_page, lecturer_pages, progress_pages, selfcheck_page

    def with_bank(render: Callable[[Any], str]) -> Callable[[], str]:
        def rendered() -> str:
            if _bank is None:
                return _problem("widget fence needs the quiz bank, but none was loaded (is the hook in mkdocs.yml?)")
            return render(_bank)

        return rendered

    return {
        "classifier": classifier_page.render_form,
        "selfcheck": selfcheck_page.render_form,
        "selfcheck-items": selfcheck_page.render_item_table,
        # the lecturers' page (scripts/lecturer_pages.py)
        "lecturers-catalogue": with_bank(lecturer_pages.render_catalogue),
        "lecturers-links": with_bank(lecturer_pages.render_link_builder),
        "lecturers-grader": with_bank(lecturer_pages.render_grader),
        # the learner's pages (scripts/progress_pages.py)
        "progress": with_bank(progress_pages.render_progress),
        "review": with_bank(progress_pages.render_review),
        "continue": with_bank(progress_pages.render_continue),
    }


def format_widget(source: str, language: str, css_class: str, options: dict, md: Any, **kwargs: Any) -> str:
    name = source.strip()
    renderers = _widget_renderers()
    if name not in renderers:
        return _problem(f"widget fence: unknown widget {name!r}; known widgets: {', '.join(sorted(renderers))}")
    return renderers[name]()
