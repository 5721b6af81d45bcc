"""A quiz module tests what its lesson promises: its objectives are the lesson's "Learning
objectives", word for word and in the same order, and each is tested by at least two questions.

Lessons and modules are paired from the data (a module's ``lessons`` field, and every
docs/lessons/*.md), so a new lesson or module is covered without editing this file.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from scripts.quizzes.loader import DOCS_DIR, QUIZZES_DIR, load_bank

LESSONS_DIR = DOCS_DIR / "lessons"
OBJECTIVES_BOX = re.compile(r'^!!! abstract "Learning objectives"\n(.*?)\n(?=\S)', re.S | re.M)
needs_bank = pytest.mark.skipif(not list(QUIZZES_DIR.glob("*.yml")), reason="quizzes/ has no .yml files yet")


def lesson_objectives(slug: str) -> list[str]:
    text = (LESSONS_DIR / f"{slug}.md").read_text(encoding="utf-8")
    box = OBJECTIVES_BOX.search(text)
    assert box, f"docs/lessons/{slug}.md has no 'Learning objectives' box"
    return [" ".join(item.split()) for item in re.findall(r"^\s+- (.+(?:\n\s{6,}\S.*)*)", box.group(1), re.M)]


def modules() -> list:
    return sorted(load_bank().modules.values(), key=lambda m: m.id) if list(QUIZZES_DIR.glob("*.yml")) else []


def test_lesson_objectives_are_read_from_the_box() -> None:
    slugs = sorted(p.stem for p in LESSONS_DIR.glob("*.md"))
    assert slugs and all(len(lesson_objectives(slug)) >= 2 for slug in slugs)


@needs_bank
def test_every_lesson_has_a_quiz_module() -> None:
    covered = {slug for module in modules() for slug in module.lessons}
    lessons = {p.stem for p in LESSONS_DIR.glob("*.md")}
    assert sorted(lessons - covered) == [], "lessons that no quiz module names in its 'lessons'"


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.id)
def test_quiz_objectives_are_the_lessons_objectives_word_for_word(module) -> None:
    promised = [text for slug in module.lessons for text in lesson_objectives(slug)]
    declared = [" ".join(o.text.split()) for o in module.objectives]
    missing = [t for t in promised if t not in declared]
    extra = [t for t in declared if t not in promised]
    assert (missing, extra) == ([], []), (
        f"quizzes/{module.id}.yml and its lesson(s) {', '.join(module.lessons)} differ.\n"
        f"  in the lesson, not in the quiz: {missing}\n  in the quiz, not in the lesson: {extra}"
    )
    assert declared == promised, "same objectives, different order"


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.id)
def test_each_objective_is_tested_by_at_least_two_questions(module) -> None:
    counts = Counter(q.objective for q in module.questions)
    thin = {o.text: counts[o.id] for o in module.objectives if counts[o.id] < 2}
    assert thin == {}, f"quizzes/{module.id}.yml: objectives with fewer than 2 questions"
