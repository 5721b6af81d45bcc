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

from collections import Counter
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from scripts.course import CourseContext
from scripts.embedded_json import json_element
from scripts.exports import export_notes
from scripts.exports.convert import Note
from scripts.generated_page import GeneratedPage
from scripts.html_templates import md_text, render
from widgets.constants import MAX_PAGE_LINES, MAX_SEED_CHARS
from widgets.lesson_url import LESSONS, lesson_url
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


def json_script(data: Any, css_class: str) -> str:
    """Data for lecturer.js (see ``scripts.embedded_json``)."""
    return json_element(data, css_class)


def _modules(course: CourseContext) -> list[Module]:
    return list(course.modules.values())


def _quiz_url(module_id: str) -> str:
    """A module's quiz page as seen from /lecturers/."""
    return f"../quizzes/{module_id}/"


# --- the catalogue ---


def _notes(notes: dict[str, list[Note]]) -> list[dict[str, Any]]:
    """The export notes by format (none at all: an empty list)."""
    if not any(notes.values()):
        return []
    return [
        {"format": fmt, "label": FORMAT_LABELS.get(fmt, fmt), "notes": by_format} for fmt, by_format in notes.items()
    ]


def _notes_summary(notes: dict[str, list[Note]]) -> str:
    kinds = Counter(n.kind for by_format in notes.values() for n in by_format)
    return ", ".join(f"{c} {k}" for k, c in sorted(kinds.items()))


def _module_facts(module: Module, course: CourseContext) -> dict[str, Any]:
    """What the catalogue shows of one module."""
    notes = export_notes(module)
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
        "quiz_url": _quiz_url(module.id),
        "notes": _notes(notes),
        "notes_summary": _notes_summary(notes),
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
    modules = [
        {"id": m.id, "title": m.title, "question_count": len(m.questions), "quiz_url": _quiz_url(m.id)}
        for m in _modules(course)
    ]
    return render("lecturers/link_builder.html", modules=modules, max_seed_chars=MAX_SEED_CHARS)


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


def _versions(course: CourseContext) -> list[dict[str, Any]]:
    """Every module's versions this page grades (``widgets.quiz.versions.Catalogue``), by module."""
    known = Catalogue({m.id: m for m in _modules(course)}, course.versions)
    return [{"id": module_id, "versions": known.versions[module_id]} for module_id in known.ids()]


def render_grader(course: CourseContext) -> str:
    modules = {m.id: m.to_json() for m in _modules(course)}
    return render(
        "lecturers/grader.html",
        max_lines=MAX_PAGE_LINES,
        modules_data=Markup(json_script(modules, "aw-lk-modules-data")),
        versions_data=Markup(json_script(_earlier_versions(course), "aw-lk-versions-data")),
        versions=_versions(course),
    )


# --- answer keys ---


def _key_question(module: Module, q: Question, course: CourseContext) -> dict[str, Any]:
    """What an answer key shows of one question; HTML the build rendered from the quiz file's
    escaped Markdown is passed as ``Markup``."""
    lesson = course.lesson(q.lesson)
    shown: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "text_html": Markup(q.text_html),
        "explanation_html": Markup(q.explanation_html),
    }
    if isinstance(q, (SingleChoice, MultipleChoice)):
        shown["options"] = [{"correct": o.correct, "html": Markup(o.text_html)} for o in q.options]
    elif isinstance(q, TrueFalse):
        shown["answer"] = q.answer
    elif isinstance(q, Matching):
        shown["pairs"] = [{"left_html": Markup(p.left_html), "right": p.right} for p in q.pairs]
        shown["distractors"] = [c for c in matching_choices(q) if c not in {p.right for p in q.pairs}]
    elif isinstance(q, Ordering):
        shown["items_html"] = [Markup(html) for html in q.items_html]
    elif isinstance(q, ShortAnswer):
        shown["accept"] = q.accept
    else:
        raise TypeError(f"no answer key for question type {q.type!r}")
    block = render("lecturers/answer_key_question.html", q=shown).replace(
        "\n\n", "\n"
    )  # a raw HTML block: no blank line
    return {
        "id": q.id,
        "block": block,
        "type_label": TYPE_LABELS[q.type],
        "objective": module.objective(q.objective).text,
        "difficulty": q.difficulty,
        "where": f"{lesson.title} › {lesson.heading(q.anchor)}",
        "source": _lesson_source(q.lesson, q.anchor),
    }


def _md_text(text: str) -> str:
    """Plain text made safe inside a Markdown paragraph (``scripts.html_templates.md_text``)."""
    return md_text(text)


def _lesson_source(slug: str, anchor: str = "") -> str:
    """A lesson as an answer key (``lecturers/answer-keys/<id>.md``) links it in Markdown."""
    return lesson_url(slug, anchor, base="../../" + LESSONS, source=True)


def answer_key_page(module: Module, course: CourseContext) -> GeneratedPage:
    markdown_text = render(
        "lecturers/answer_key.md",
        title=f"Answer key: {module.title}",
        honest_note=HONEST_NOTE,
        module=module,
        lessons=[{"title": course.lesson(slug).title, "source": _lesson_source(slug)} for slug in module.lessons],
        questions=[_key_question(module, q, course) for q in module.questions],
    )
    return GeneratedPage(f"{ANSWER_KEY_DIR}/{module.id}.md", markdown_text)


def answer_key_pages(course: CourseContext) -> Iterator[GeneratedPage]:
    for module in _modules(course):
        yield answer_key_page(module, course)
