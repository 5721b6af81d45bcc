"""The course as the progress and review pages see it: lessons in course order and the quiz
modules with their objectives and question ids. The build writes it into those pages
(``scripts/progress_pages.py``); URLs are relative to the site's root (``lessons/ruptures/``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LessonInfo:
    slug: str
    title: str
    url: str


@dataclass(frozen=True)
class ObjectiveInfo:
    id: str
    text: str
    question_ids: tuple[str, ...]


@dataclass(frozen=True)
class ModuleInfo:
    id: str
    title: str
    url: str
    lessons: tuple[str, ...]
    objectives: tuple[ObjectiveInfo, ...]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q for o in self.objectives for q in o.question_ids)


@dataclass(frozen=True)
class Course:
    lessons: tuple[LessonInfo, ...]
    modules: dict[str, ModuleInfo]

    @property
    def lesson_slugs(self) -> tuple[str, ...]:
        return tuple(lesson.slug for lesson in self.lessons)

    @property
    def question_module(self) -> dict[str, str]:
        return {q: m.id for m in self.modules.values() for q in m.question_ids}

    def to_json(self) -> dict[str, Any]:
        return {
            "lessons": [{"slug": lesson.slug, "title": lesson.title, "url": lesson.url} for lesson in self.lessons],
            "modules": [
                {
                    "id": m.id,
                    "title": m.title,
                    "url": m.url,
                    "lessons": list(m.lessons),
                    "objectives": [
                        {"id": o.id, "text": o.text, "questions": list(o.question_ids)} for o in m.objectives
                    ],
                }
                for m in self.modules.values()
            ],
        }

    @classmethod
    def from_json(cls, data: Any) -> Course:
        try:
            lessons = tuple(
                LessonInfo(str(lesson["slug"]), str(lesson["title"]), str(lesson["url"])) for lesson in data["lessons"]
            )
            modules = {
                str(m["id"]): ModuleInfo(
                    str(m["id"]),
                    str(m["title"]),
                    str(m["url"]),
                    tuple(map(str, m["lessons"])),
                    tuple(
                        ObjectiveInfo(str(o["id"]), str(o["text"]), tuple(map(str, o["questions"])))
                        for o in m["objectives"]
                    ),
                )
                for m in data["modules"]
            }
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed course JSON ({type(exc).__name__}: {exc})") from None
        return cls(lessons, modules)


def course_from_modules(lessons: list[LessonInfo], modules: list[Any], quiz_url: str = "quizzes/{id}/") -> Course:
    """The course from the lesson index and the quiz model's modules (at build time)."""
    return Course(
        tuple(lessons),
        {
            m.id: ModuleInfo(
                m.id,
                m.title,
                quiz_url.format(id=m.id),
                tuple(m.lessons),
                tuple(
                    ObjectiveInfo(o.id, o.text, tuple(q.id for q in m.questions if q.objective == o.id))
                    for o in m.objectives
                ),
            )
            for m in modules
        },
    )
