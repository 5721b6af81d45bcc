"""The one lesson-URL function and the one "did you mean" (pure, shared by the build and the
browser's Python)."""

from __future__ import annotations

from widgets.lesson_url import LESSONS, lesson_url
from widgets.suggest import closest, did_you_mean


def test_a_lesson_url_is_a_directory_url_under_the_lessons_folder() -> None:
    assert lesson_url("ruptures") == "lessons/ruptures/"
    assert lesson_url("ruptures", "withdrawal-ruptures") == "lessons/ruptures/#withdrawal-ruptures"
    assert lesson_url("ruptures", base="../" + LESSONS) == "../lessons/ruptures/"
    base = "https://example.org/course/lessons/"  # what the browser works out from the site's root
    assert lesson_url("ruptures", "x", base=base) == base + "ruptures/#x"


def test_a_lesson_source_link_names_the_markdown_file_for_mkdocs_to_resolve() -> None:
    assert lesson_url("ruptures", base="../../" + LESSONS, source=True) == "../../lessons/ruptures.md"
    assert lesson_url("ruptures", "a", base="../" + LESSONS, source=True) == "../lessons/ruptures.md#a"


def test_did_you_mean_suggests_only_a_close_enough_word() -> None:
    assert closest("explenation", ["explanation", "hints"]) == "explanation"
    assert closest("zzz", ["explanation", "hints"]) is None
    assert did_you_mean("singel", ("single", "multiple")) == " (did you mean 'single'?)"
    assert did_you_mean("singel", ["single"], "; did you mean {!r}?") == "; did you mean 'single'?"
    assert did_you_mean("zzz", ["single"]) == ""
