"""The course context (scripts/course.py): built once per build from the quiz bank and the lessons,
and handed to the fences, the generated pages and the exports explicitly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scripts import fences
from scripts.course import build_course, lesson_paths
from scripts.quizzes.loader import DOCS_DIR, PROJECT_ROOT, load_bank
from scripts.quizzes.markup import heading_anchors


@pytest.fixture(scope="module")
def nav():
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load("nav:" + text.split("\nnav:", 1)[1])["nav"]


@pytest.fixture(scope="module")
def course(nav):
    return build_course(load_bank(), nav=nav)


def test_the_lesson_index_holds_every_lesson_with_its_title_anchors_and_url(course):
    files = sorted(p.stem for p in (DOCS_DIR / "lessons").glob("*.md"))
    assert sorted(course.lessons) == files
    for slug, lesson in course.lessons.items():
        path = DOCS_DIR / "lessons" / f"{slug}.md"
        first = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
        assert lesson.title == first[2:].strip()
        assert tuple(anchor for anchor, _ in lesson.headings) == heading_anchors(path)  # one computation
        assert lesson.url == f"lessons/{slug}/"


def test_each_lessons_objectives_are_its_quiz_modules_objectives(course):
    for module in course.modules.values():
        promised = [text for slug in module.lessons for text in course.lesson(slug).objectives]
        assert promised == [" ".join(o.text.split()) for o in module.objectives], module.id


def test_the_course_order_is_the_menus(course, nav):
    assert course.course_order == tuple(Path(p).stem for p in lesson_paths(nav))
    assert [lesson.slug for lesson in course.lessons_in_order] == list(course.course_order)
    assert len(course.course_order) == len(course.lessons)


def test_a_lesson_nobody_wrote_gets_a_title_from_its_slug(course):
    missing = course.lesson("not-written-yet")
    assert (missing.title, missing.url, missing.headings) == ("Not written yet", "lessons/not-written-yet/", ())


def test_the_hook_points_the_fences_at_the_context_and_leaves_other_fences_alone(course):
    other = {"name": "mermaid", "class": "mermaid", "format": print}
    mdx = {"pymdownx.superfences": {"custom_fences": [{"name": "quiz", "format": fences.format_quiz}, other]}}
    fences.install(mdx, course)
    quiz, kept = mdx["pymdownx.superfences"]["custom_fences"]
    assert kept is other
    module = next(iter(course.modules))
    html = quiz["format"](f"module: {module}", "quiz", "quiz", {}, None)
    assert f'data-widget="quiz" data-module-id="{module}"' in html


def test_without_the_hook_the_fences_say_what_is_missing(caplog):
    assert "no quiz bank was loaded" in fences.format_quiz("module: ruptures", "quiz", "quiz", {}, None)
    assert "none was loaded" in fences.format_widget("lecturers-catalogue", "widget", "widget", {}, None)
    assert 'data-widget="classifier"' in fences.format_widget("classifier", "widget", "widget", {}, None)
