"""The learner's pages (issue 17), rendered at build time: ``/progress/`` (My progress),
``/review/`` (spaced review) and the home page's "Continue" link, plus the end-of-lesson marker
that lets ``docs/javascripts/lesson-progress.js`` mark a lesson read.

The lessons in course order, with titles and URLs, come from the course context's lesson index
(``scripts.course``: ``mkdocs.yml``'s ``nav`` and the lessons' own first headings), which every
function here is given. Everything the browser needs is embedded as JSON
(``scripts.embedded_json``), with URLs relative to the site's root so the site works from a
sub-path.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from scripts.course import CourseContext
from scripts.embedded_json import json_element
from scripts.quizzes.render import _question  # the quiz page's own question markup
from widgets.lesson_url import LESSONS
from widgets.progress.course import Course, LessonInfo, course_from_modules
from widgets.quiz.layout import select_questions


def course(context: CourseContext) -> Course:
    """The course for the learner's pages: lessons in course order, modules in the order of their
    first lesson."""
    lessons = [LessonInfo(lesson.slug, lesson.title, lesson.url) for lesson in context.lessons_in_order]
    order = {slug: n for n, slug in enumerate(context.course_order)}
    modules = sorted(
        context.modules.values(), key=lambda m: min((order.get(s, len(order)) for s in m.lessons), default=len(order))
    )
    return course_from_modules(lessons, modules)


def lesson_end(context: CourseContext, src_uri: str) -> str:
    """The marker at the end of a lesson (empty for any other page). Its button is hidden until
    the script runs: without the script there is nothing it could do."""
    slug = Path(src_uri).stem
    if not src_uri.startswith(LESSONS) or slug not in context.course_order:
        return ""
    return (
        f'\n\n<div class="aw-lesson-end" data-lesson="{escape(slug)}" hidden>'
        '<p class="aw-lesson-end-status" role="status"></p>'
        '<button type="button" class="md-button aw-mark-read">Mark as read</button> '
        '<a class="aw-lesson-end-progress" href="../../progress/">My progress</a></div>\n'
    )


def render_progress(context: CourseContext) -> str:
    return "\n".join(
        [
            '<div class="aw-widget aw-progress" data-widget="progress">',
            json_element(course(context).to_json(), "aw-course-data"),
            '<div class="aw-progress-summary"><p>Your progress appears here once the Python that computes it '
            "has started (a few seconds the first time).</p></div>",
            '<section class="aw-progress-tools" aria-labelledby="progress-file">',
            '<h2 id="progress-file">Take your progress to another device</h2>',
            "<p>Your progress is kept only in this browser. Download it as a file, then open that file here on "
            "another device or browser: it is added to what is saved there. Nothing is uploaded.</p>",
            '<p><button type="button" class="md-button aw-progress-export">Download my progress</button></p>',
            '<p><label for="aw-progress-import">Add progress from a file you downloaded (JSON): </label>'
            '<input type="file" id="aw-progress-import" accept=".json,application/json"></p>',
            '<h2 id="delete-progress">Delete my progress</h2>',
            "<p>Removes the lessons read, quiz scores and review boxes saved in this browser "
            "(quiz answers in progress and self-check results stay).</p>",
            '<p><button type="button" class="md-button aw-danger aw-progress-delete">Delete my progress</button></p>',
            '<p class="aw-progress-status" role="status" aria-live="polite"></p>',
            "</section>",
            "</div>",
        ]
    )


def _review_items(context: CourseContext) -> str:
    items = []
    for module in context.modules.values():
        layouts = {lay.question_id: lay for lay in select_questions(module)}
        for q in module.questions:
            item = _question(q, layouts[q.id], 1)
            items.append(
                item.replace(
                    '<li class="aw-question"', f'<li hidden data-module-id="{escape(module.id)}" class="aw-question"', 1
                )
            )
    return "\n".join(items)


def render_review(context: CourseContext) -> str:
    return "\n".join(
        [
            '<div class="aw-widget aw-review" data-widget="review">',
            json_element(course(context).to_json(), "aw-course-data"),
            json_element([m.to_json() for m in context.modules.values()], "aw-review-modules"),
            '<p class="aw-review-status" role="status" aria-live="polite">The review starts once the Python that checks '
            "answers has started (a few seconds the first time).</p>",
            '<form class="aw-review-form" novalidate>',
            '<ol class="aw-questions aw-review-questions">',
            _review_items(context),
            "</ol>",
            "</form>",
            '<div class="aw-review-end" tabindex="-1"></div>',
            "</div>",
        ]
    )


def render_continue(context: CourseContext) -> str:
    """The home page's "Continue" link: hidden until lesson-progress.js finds something to continue."""
    data = course(context).to_json()
    first = data["lessons"][0]["url"] if data["lessons"] else "progress/"  # until the script sets it
    slim = {
        "lessons": data["lessons"],
        "modules": [{"id": m["id"], "title": m["title"], "url": m["url"]} for m in data["modules"]],
    }
    return (
        '<div class="aw-continue-home" hidden>'
        + json_element(slim, "aw-course-data")
        + f'<p><a class="md-button md-button--primary aw-continue-link" href="{escape(first)}"></a> '
        '<a href="progress/">My progress</a></p></div>'
    )
