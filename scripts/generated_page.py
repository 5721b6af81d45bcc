"""A page the build adds to the site (quiz pages, answer keys): where it goes and its Markdown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # inside docs/, e.g. quizzes/ruptures.md
    markdown: str
