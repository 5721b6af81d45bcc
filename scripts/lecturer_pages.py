"""The lecturers' kit, rendered at build time from the quiz bank (issue 6).

- ``render_catalogue``: every module with its id, title, lesson, objectives, questions by type,
  estimated minutes, links (quiz page, exam mode, answer key, LMS downloads) and the export notes
  (``scripts.exports.export_notes``: what each format converts or skips, never dropped silently).
- ``render_link_builder``: the static form of the assignment-link builder (made live by
  ``docs/javascripts/widgets/lecturer.js``; it needs no Python).
- ``render_grader``: the results-code grader, with every module's JSON embedded for Python's
  ``codes`` widget.
- ``answer_key_pages``: one printable, not-indexed answer key per module at
  ``/lecturers/answer-keys/<module-id>/`` (added by the MkDocs hook, like the quiz pages).

The HTML of the first three is placed on ``docs/lecturers/index.md`` by ``widget`` fences, so its
links are written relative to ``/lecturers/`` (directory URLs). Everything here renders from the
course context (``scripts.course``): the bank with its kept versions, and the lesson index for
lesson titles and heading names.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from html import escape
from typing import Any

from scripts.course import CourseContext
from scripts.embedded_json import json_element
from scripts.exports import export_notes
from scripts.generated_page import GeneratedPage
from scripts.html_templates import plural, render
from widgets.lesson_url import LESSONS, lesson_url
from widgets.quiz.code_actions import MAX_PAGE_LINES
from widgets.quiz.model import (
    QUESTION_TYPES,
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
)
from widgets.quiz.versions import Catalogue, content_tag, tag_text

TYPE_LABELS = {
    "single": "single choice",
    "multiple": "multiple select",
    "true_false": "true/false",
    "matching": "matching",
    "ordering": "ordering",
    "short_answer": "short answer",
}
FORMAT_LABELS = {"gift": "Moodle GIFT", "moodle_xml": "Moodle XML", "qti": "Canvas QTI"}
#: the downloads of one module: (label, file name pattern, what it is for)
DOWNLOADS = (
    ("GIFT", "{id}.gift", "Moodle GIFT"),
    ("Moodle XML", "{id}.moodle.xml", "Moodle XML"),
    ("QTI", "{id}.qti.zip", "Canvas QTI 1.2 zip"),
)
ANSWER_KEY_DIR = "lecturers/answer-keys"
HONEST_NOTE = (
    "A static site cannot hide answers from a determined student: every quiz page carries its "
    "questions and answers in the page itself (that is how it grades without a server), so "
    "anyone who opens the browser's developer tools can read them. This page is marked not for "
    "indexing and left out of the site search and menu, which keeps it away from casual "
    "discovery, not from a student who looks for it."
)


# --- small helpers ---


def type_counts(module: Module) -> dict[str, int]:
    """Number of questions by type, in the model's type order, types with none left out."""
    counts = Counter(q.type for q in module.questions)
    return {t: counts[t] for t in QUESTION_TYPES if counts[t]}


_plural = plural


def json_script(data: Any, css_class: str) -> str:
    """Data for lecturer.js (see ``scripts.embedded_json``)."""
    return json_element(data, css_class)


def _modules(course: CourseContext) -> list[Module]:
    return list(course.modules.values())


# --- the catalogue ---


def _notes(module: Module) -> list[dict[str, Any]]:
    """The export notes by format (none at all: an empty list)."""
    notes = export_notes(module)
    if not any(notes.values()):
        return []
    return [
        {"format": fmt, "label": FORMAT_LABELS.get(fmt, fmt), "notes": by_format} for fmt, by_format in notes.items()
    ]


def _notes_summary(module: Module) -> str:
    kinds = Counter(n.kind for by_format in export_notes(module).values() for n in by_format)
    return ", ".join(f"{c} {k}" for k, c in sorted(kinds.items()))


def _module_facts(module: Module, course: CourseContext) -> dict[str, Any]:
    """What the catalogue shows of one module."""
    return {
        "id": module.id,
        "title": module.title,
        "minutes": module.minutes,
        "question_count": len(module.questions),
        "lessons": [
            {"url": lesson_url(slug, base="../" + LESSONS), "title": course.lesson(slug).title}
            for slug in module.lessons
        ],
        "types": [{"type": t, "count": c, "label": TYPE_LABELS[t]} for t, c in type_counts(module).items()],
        "objectives": module.objectives,
        "downloads": [
            {"label": label, "file": pattern.format(id=module.id), "what": what} for label, pattern, what in DOWNLOADS
        ],
        "quiz_url": f"../quizzes/{module.id}/",
        "notes": _notes(module),
        "notes_summary": _notes_summary(module),
    }


def render_catalogue(course: CourseContext) -> str:
    modules = _modules(course)
    return render(
        "lecturers/catalogue.html",
        modules=[_module_facts(m, course) for m in modules],
        question_total=sum(len(m.questions) for m in modules),
    )


# --- the assignment-link builder ---


def render_link_builder(course: CourseContext) -> str:
    modules = _modules(course)
    if not modules:
        return '<p class="aw-lk-empty">There are no quiz modules yet.</p>'
    first = modules[0]
    options = "".join(
        f'<option value="{escape(m.id)}" data-href="../quizzes/{escape(m.id)}/" data-count="{len(m.questions)}" '
        f'data-title="{escape(m.title)}">{escape(m.title)} ({len(m.questions)} questions)</option>'
        for m in modules
    )
    count = len(first.questions)
    return "\n".join(
        [
            '<form class="aw-widget aw-lk-builder" data-widget="lecturer" data-part="links" novalidate>',
            '<div class="aw-lk-field"><label for="aw-lb-module">Module</label>',
            f'<select id="aw-lb-module" name="module">{options}</select></div>',
            '<div class="aw-lk-field"><label for="aw-lb-n">Number of questions</label>',
            f'<input type="number" id="aw-lb-n" name="n" min="1" max="{count}" value="{count}" step="1" '
            'inputmode="numeric" aria-describedby="aw-lb-n-help">',
            f'<p class="aw-lk-help" id="aw-lb-n-help">From 1 to <span class="aw-lb-max">{count}</span> '
            "(all the module's questions).</p></div>",
            '<div class="aw-lk-field"><label for="aw-lb-seed">Seed</label>',
            '<div class="aw-lk-row"><input type="text" id="aw-lb-seed" name="seed" maxlength="50" autocomplete="off" '
            'spellcheck="false" aria-describedby="aw-lb-seed-help">',
            '<button type="button" class="md-button aw-lb-new-seed">New random seed</button></div>',
            '<p class="aw-lk-help" id="aw-lb-seed-help">Any word or number. The seed picks and shuffles the questions '
            "and their options: everyone who opens the same link gets the same questions in the same order. "
            "Leave it empty for the module's own order.</p></div>",
            '<fieldset class="aw-lk-field"><legend>Mode</legend>',
            '<label><input type="radio" name="mode" value="practice" checked> Practice: feedback after each question, '
            "hints</label>",
            '<label><input type="radio" name="mode" value="exam"> Exam: no feedback or hints until the student '
            "submits; then a results code to hand in</label>",
            "</fieldset>",
            '<div class="aw-lk-field"><label><input type="checkbox" name="embed" value="1"> Embed view: the quiz alone, '
            "without the site's menus, for an <code>&lt;iframe&gt;</code> in your LMS</label></div>",
            '<div class="aw-lk-output">',
            '<label for="aw-lb-url">The link to give your students</label>',
            '<input type="text" id="aw-lb-url" class="aw-lb-url" readonly spellcheck="false" '
            'value="" placeholder="The link appears here when JavaScript runs">',
            '<div class="aw-lk-row"><button type="button" class="md-button md-button--primary aw-lb-copy" '
            'data-copy="aw-lb-url" disabled>Copy link</button>',
            '<a class="md-button aw-lb-preview" href="../quizzes/' + escape(first.id) + '/" target="_blank" '
            'rel="noopener">Preview<span class="aw-lk-sr"> the link</span> (opens in a new tab)</a></div>',
            '<div class="aw-lb-iframe-box" hidden>',
            '<label for="aw-lb-iframe">Code to paste into your LMS (an <code>&lt;iframe&gt;</code> with this link)</label>',
            '<textarea id="aw-lb-iframe" class="aw-lb-iframe" rows="4" readonly spellcheck="false"></textarea>',
            '<div class="aw-lk-row"><button type="button" class="md-button aw-lb-copy" data-copy="aw-lb-iframe">'
            "Copy iframe code</button></div>",
            "</div>",
            '<p class="aw-lk-status aw-lb-status" role="status" aria-live="polite"></p>',
            "</div>",
            "</form>",
        ]
    )


# --- the results-code grader ---


def _earlier_versions(course: CourseContext) -> dict[str, list[dict[str, Any]]]:
    """The kept versions that are not a module's current one (the current ones are embedded anyway)."""
    current = {m.id: tag_text(content_tag(m)) for m in _modules(course)}
    kept = course.versions or {}
    return {
        mid: [e for e in entries if e.get("tag") != current.get(mid)]
        for mid, entries in kept.items()
        if any(e.get("tag") != current.get(mid) for e in entries)
    }


def _versions_html(course: CourseContext) -> str:
    known = Catalogue({m.id: m for m in _modules(course)}, course.versions)
    items = []
    for module_id in known.ids():
        parts = []
        for v in known.versions[module_id]:
            dated = f" of {v.date}" if v.date else " (not yet recorded)"
            if v.current:
                parts.append(f"<strong>{escape(v.label)}</strong>{escape(dated)}, the current one")
            elif v.module is not None:
                parts.append(f"{escape(v.label)}{escape(dated)}")
            else:
                parts.append(f"{escape(v.label)}{escape(dated)} (known, but its questions are not kept: refused)")
        items.append(
            f'<li data-module-id="{escape(module_id)}"><code>{escape(module_id)}</code>: {"; ".join(parts)}</li>'
        )
    return "\n".join(
        [
            '<details class="aw-grader-versions"><summary>Module versions this page grades</summary>',
            "<p>A code names the version of the module it answered. It is graded against that version's questions "
            "and keys; a code of a version not listed here, or of the format made before November 2026, is listed as "
            "invalid with the reason, never graded against other questions.</p>",
            f"<ul>{''.join(items)}</ul>",
            "</details>",
        ]
    )


def render_grader(course: CourseContext) -> str:
    modules = {m.id: m.to_json() for m in _modules(course)}
    return "\n".join(
        [
            f'<div class="aw-widget aw-lk-grader" data-widget="lecturer" data-part="grader" data-max-lines="{MAX_PAGE_LINES}">',
            json_script(modules, "aw-lk-modules-data"),
            json_script(_earlier_versions(course), "aw-lk-versions-data"),
            '<label for="aw-grader-text">Results codes: one a line, or a pasted CSV (a column of codes; the other '
            "columns, such as names, are kept as labels)</label>",
            '<textarea id="aw-grader-text" class="aw-grader-text" rows="8" spellcheck="false" autocomplete="off" '
            'aria-describedby="aw-grader-help"></textarea>',
            '<p class="aw-lk-help" id="aw-grader-help">One line is one row. Case, spaces and dashes do not matter, and '
            f"I, L and O are read as 1, 1 and 0. At most {MAX_PAGE_LINES:,} lines at a time. Nothing you paste leaves "
            "this browser: Python grades the codes here.</p>",
            '<div class="aw-lk-field"><label for="aw-grader-file">Or grade a CSV file (such as an LMS export)</label>',
            '<input type="file" id="aw-grader-file" class="aw-grader-file" accept=".csv,.txt,text/csv,text/plain"></div>',
            '<div class="aw-lk-row"><button type="button" class="md-button md-button--primary aw-grade">Grade codes</button>',
            '<button type="button" class="md-button aw-grader-csv" hidden>Download CSV</button></div>',
            '<p class="aw-lk-status aw-grader-status" role="status" aria-live="polite"></p>',
            '<div class="aw-grader-results"></div>',
            _versions_html(course),
            "</div>",
        ]
    )


# --- answer keys ---


def _answer_html(q: Question) -> str:
    mark = '<strong class="aw-key-mark">{}</strong> '
    if isinstance(q, (SingleChoice, MultipleChoice)):
        rows = "".join(
            f'<li class="aw-key-option aw-key-option--{"right" if o.correct else "wrong"}" '
            f'data-correct="{str(o.correct).lower()}">'
            + mark.format("Correct:" if o.correct else "Wrong:")
            + f"{o.text_html}</li>"
            for o in q.options
        )
        heading = "Correct answer" if isinstance(q, SingleChoice) else "Correct answers (select all that apply)"
        return f'<p class="aw-key-label">{heading}</p><ul class="aw-key-options">{rows}</ul>'
    if isinstance(q, TrueFalse):
        value = "True" if q.answer else "False"
        return f'<p class="aw-key-label">Correct answer</p><p class="aw-key-correct"><strong>{value}</strong></p>'
    if isinstance(q, Matching):
        rows = "".join(
            f'<tr><th scope="row">{p.left_html}</th><td class="aw-key-correct"><strong>{escape(p.right)}</strong></td></tr>'
            for p in q.pairs
        )
        extra = [c for c in matching_choices(q) if c not in {p.right for p in q.pairs}]
        distractors = (
            f'<p class="aw-key-distractors">Also offered (never right): {escape("; ".join(extra))}</p>' if extra else ""
        )
        return (
            '<p class="aw-key-label">Correct matches</p><table><thead><tr><th scope="col">Item</th>'
            f'<th scope="col">Matches</th></tr></thead><tbody>{rows}</tbody></table>{distractors}'
        )
    if isinstance(q, Ordering):
        rows = "".join(f'<li class="aw-key-correct">{html}</li>' for html in q.items_html)
        return f'<p class="aw-key-label">Correct order</p><ol class="aw-key-order">{rows}</ol>'
    if isinstance(q, ShortAnswer):
        rows = "".join(f'<li class="aw-key-correct"><strong>{escape(a)}</strong></li>' for a in q.accept)
        return (
            '<p class="aw-key-label">Accepted answers (case, extra spaces and a final full stop are ignored)</p>'
            f'<ul class="aw-key-accept">{rows}</ul>'
        )
    raise TypeError(f"no answer key for question type {q.type!r}")


def _question_md(module: Module, q: Question, number: int, course: CourseContext) -> str:
    objective = module.objective(q.objective).text
    lesson = course.lesson(q.lesson)
    where = f"{lesson.title} › {lesson.heading(q.anchor)}"
    block = "".join(
        [
            f'<div class="aw-key-question" data-question-id="{escape(q.id)}" data-type="{escape(q.type)}">',
            f'<p class="aw-key-stem">{q.text_html}</p>',
            f'<div class="aw-key-answer">{_answer_html(q)}</div>',
            f'<div class="aw-key-explanation"><p class="aw-key-label">Explanation</p>{q.explanation_html}</div>',
            "</div>",
        ]
    ).replace("\n\n", "\n")  # no blank line inside the raw HTML block
    return "\n".join(
        [
            f"### Question {number}: `{q.id}` {{ #{q.id} }}",
            "",
            block,
            "",
            f"**Type:** {TYPE_LABELS[q.type]} · **Objective:** {_md_text(objective)} · "
            f"**Difficulty:** {q.difficulty} · **Source:** [{_md_text(where)}]({_lesson_source(q.lesson, q.anchor)})",
            "{: .aw-key-facts }",
            "",
        ]
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!])")


def _md_text(text: str) -> str:
    """Plain text made safe inside a Markdown paragraph (no emphasis, links or HTML by accident)."""
    return _MD_SPECIAL.sub(r"\\\1", escape(text, quote=False))


def _lesson_source(slug: str, anchor: str = "") -> str:
    """A lesson as an answer key (``lecturers/answer-keys/<id>.md``) links it in Markdown."""
    return lesson_url(slug, anchor, base="../../" + LESSONS, source=True)


def answer_key_page(module: Module, course: CourseContext) -> GeneratedPage:
    lessons = ", ".join(f"[{_md_text(course.lesson(slug).title)}]({_lesson_source(slug)})" for slug in module.lessons)
    objectives = "\n".join(f"- {_md_text(o.text)}" for o in module.objectives)
    questions = "\n".join(_question_md(module, q, i, course) for i, q in enumerate(module.questions, start=1))
    title = f"Answer key: {module.title}"
    markdown_text = f"""---
title: {json.dumps(title, ensure_ascii=False)}
robots: noindex, nofollow
search:
  exclude: true
---

# {_md_text(title)}

!!! warning "For lecturers: this page is not secret"

    {HONEST_NOTE}

    For a high-stakes test, import the module's [GIFT, Moodle XML or Canvas QTI export](../index.md#catalogue)
    into your LMS and run the test there, with its own question bank, access control and time limits.

Module `{module.id}` · {_plural(len(module.questions), "question")} · about {_plural(module.minutes, "minute")} ·
lesson: {lessons} · [quiz page](../../quizzes/{module.id}.md). To print it, use your browser's Print command
(Ctrl+P, or ⌘P on a Mac): menus and buttons are left out of the printout.

## Objectives

{objectives}

## Questions and answers

{questions}"""
    return GeneratedPage(f"{ANSWER_KEY_DIR}/{module.id}.md", markdown_text)


def answer_key_pages(course: CourseContext) -> Iterator[GeneratedPage]:
    for module in _modules(course):
        yield answer_key_page(module, course)
