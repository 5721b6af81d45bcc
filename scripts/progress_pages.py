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

from markupsafe import Markup

from scripts.course import CourseContext
from scripts.embedded_json import json_element
from scripts.html_templates import render
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
    return "\n\n" + render("progress/lesson_end.html", slug=slug) + "\n"


def render_progress(context: CourseContext) -> str:
    return render(
        "progress/progress.html", course_data=Markup(json_element(course(context).to_json(), "aw-course-data"))
    )


def _review_items(context: CourseContext) -> list[Markup]:
    """Every question as the quiz page shows it (``scripts.quizzes.render``), hidden, with its module."""
    items = []
    for module in context.modules.values():
        layouts = {lay.question_id: lay for lay in select_questions(module)}
        for q in module.questions:
            item = _question(q, layouts[q.id], 1)
            items.append(
                Markup(
                    item.replace(
                        '<li class="aw-question"',
                        f'<li hidden data-module-id="{escape(module.id)}" class="aw-question"',
                        1,
                    )
                )
            )
    return items


def render_review(context: CourseContext) -> str:
    return render(
        "progress/review.html",
        course_data=Markup(json_element(course(context).to_json(), "aw-course-data")),
        modules_data=Markup(json_element([m.to_json() for m in context.modules.values()], "aw-review-modules")),
        items=_review_items(context),
    )


def render_continue(context: CourseContext) -> str:
    """The home page's "Continue" link: hidden until lesson-progress.js finds something to continue."""
    data = course(context).to_json()
    first = data["lessons"][0]["url"] if data["lessons"] else "progress/"  # until the script sets it
    slim = {
        "lessons": data["lessons"],
        "modules": [{"id": m["id"], "title": m["title"], "url": m["url"]} for m in data["modules"]],
    }
    return render("progress/continue.html", course_data=Markup(json_element(slim, "aw-course-data")), first_url=first)
