"""The quiz bank as ``mkdocs serve`` previews it: valid modules kept, the problems of the other
files shown in the page where their quiz would be, escaped; and the strict path unchanged."""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from scripts import fences, quiz_pages
from scripts.course import build_course
from scripts.quizzes import problems_html
from scripts.quizzes.loader import load_bank
from scripts.quizzes.preview import load_preview_bank
from scripts.quizzes.problems import QuizProblems

HERE = Path(__file__).parent
FIXTURE_DOCS = HERE / "fixtures" / "docs"
VALID = HERE / "golden" / "every-type.yml"
UNKNOWN_KEY = HERE / "invalid" / "unknown-key.yml"  # questions uk-1, uk-2; one problem
YAML_SYNTAX = HERE / "invalid" / "yaml-syntax.yml"  # cannot be parsed: its question ids are unknown
FILES = [VALID, UNKNOWN_KEY, YAML_SYNTAX]


@pytest.fixture()
def preview():
    return load_preview_bank(FILES, docs_dir=FIXTURE_DOCS)


@pytest.fixture()
def fence_bank():
    """The quiz fence of a build whose course context holds this bank (and, under serve, preview)."""
    return lambda bank, preview=None: fences.CourseFences(build_course(bank, docs_dir=FIXTURE_DOCS, preview=preview))


def test_the_preview_keeps_the_valid_modules_and_holds_the_problems_of_the_others(preview):
    assert list(preview.bank.modules) == ["every-type"]
    assert list(preview.broken) == ["unknown-key", "yaml-syntax"]
    with pytest.raises(QuizProblems) as strict:
        load_bank(FILES, docs_dir=FIXTURE_DOCS)
    assert preview.problem_lines() == str(strict.value)  # the same lines the strict build prints
    assert preview.problem_count == len(strict.value.problems) == 2
    unknown_key = preview.broken["unknown-key"]
    assert unknown_key.path == "tests/quizzes/invalid/unknown-key.yml"
    assert unknown_key.question_ids == {"uk-1", "uk-2"}
    assert preview.broken["yaml-syntax"].ids_unknown


def test_a_valid_bank_has_nothing_broken():
    assert load_preview_bank([VALID], docs_dir=FIXTURE_DOCS).broken == {}


def test_a_question_is_looked_for_in_the_file_that_names_it_else_in_the_unreadable_ones(preview):
    assert [f.module_id for f in preview.broken_holding("uk-2")] == ["unknown-key"]
    assert [f.module_id for f in preview.broken_holding("no-such-question")] == ["yaml-syntax"]


def test_a_file_whose_question_id_is_taken_is_broken_and_the_first_one_stays():
    pair = [HERE / "invalid" / "duplicate-id-a.yml", HERE / "invalid" / "duplicate-id-b.yml"]
    preview = load_preview_bank(pair, docs_dir=FIXTURE_DOCS)
    assert list(preview.bank.modules) == ["duplicate-id-a"]
    assert list(preview.broken) == ["duplicate-id-b"]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_problems_quoting_hostile_yaml_are_escaped(tmp_path):
    quiz = tmp_path / "hostile.yml"
    quiz.write_text(f"id: hostile\n{yaml.safe_dump({HOSTILE: 1})}", encoding="utf-8")
    broken = load_preview_bank([quiz], docs_dir=FIXTURE_DOCS).broken["hostile"]
    assert any(HOSTILE in p.message for p in broken.problems)
    for html in (problems_html.module_problems(broken), problems_html.question_problems(HOSTILE, [broken])):
        parsed = _Tags()
        parsed.feed(html)
        assert set(parsed.tags) <= {"div", "p", "code", "ul", "li", "span"}, parsed.tags
        assert HOSTILE in parsed.text  # shown as text, exactly as written


def test_the_problems_box_is_an_alert_listing_each_problem_with_where_it_is(preview):
    html = problems_html.module_problems(preview.broken["unknown-key"])
    assert 'role="alert"' in html and 'id="quiz-problems-unknown-key"' in html
    assert (
        '<li><code class="aw-problem-at">tests/quizzes/invalid/unknown-key.yml:27:5</code> '
        '<span class="aw-problem-where">questions[1]</span>: unknown key &#x27;explenation&#x27;; '
        "did you mean &#x27;explanation&#x27;?</li>"
    ) in html


def test_under_serve_the_quiz_fence_shows_the_problems_in_place_without_a_warning(preview, fence_bank, caplog):
    fence = fence_bank(preview.bank, preview)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.alliance"):
        module = fence.quiz("module: unknown-key", "quiz", "quiz", {}, None)
        question = fence.quiz("question: uk-1", "quiz", "quiz", {}, None)
        unreadable = fence.quiz("question: ys-1", "quiz", "quiz", {}, None)
        valid = fence.quiz("module: every-type", "quiz", "quiz", {}, None)
    assert caplog.records == []
    assert "aw-quiz-problems" in module and "unknown-key.yml:27:5" in module
    assert "Question <code>uk-1</code> cannot be shown: <code>tests/quizzes/invalid/unknown-key.yml</code>" in question
    assert "which have problems: <code>tests/quizzes/invalid/yaml-syntax.yml</code>" in unreadable
    assert 'data-widget="quiz"' in valid and "aw-quiz-problems" not in valid


def test_without_the_preview_an_unknown_module_is_a_warning_as_before(preview, fence_bank, caplog):
    fence = fence_bank(preview.bank)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.alliance"):
        html = fence.quiz("module: unknown-key", "quiz", "quiz", {}, None)
    assert "aw-quiz-problems" not in html
    assert [r.getMessage() for r in caplog.records] == [
        "quiz fence: unknown module 'unknown-key'; known modules: every-type"
    ]


def test_the_page_of_a_broken_module_keeps_its_address_and_has_valid_front_matter():
    page = quiz_pages.problem_page('odd "name"', "quizzes/odd.yml")
    assert page.path == 'quizzes/odd "name".md'
    front = yaml.safe_load(page.markdown.split("---")[1])
    assert front == {"title": 'Quiz: odd "name" (problems in quizzes/odd.yml)'}
    assert '```quiz\nmodule: odd "name"\n```' in page.markdown


def test_quiz_pages_missing_from_the_nav_are_found_in_any_nesting():
    nav = [{"Home": "index.md"}, {"Quizzes": ["quizzes/a.md", {"B": "quizzes/b.md"}]}, "about.md"]
    assert quiz_pages.nav_paths(nav) == {"index.md", "quizzes/a.md", "quizzes/b.md", "about.md"}
    pages = [quiz_pages.GeneratedPage(f"quizzes/{m}.md", "") for m in ("a", "b", "new")]
    assert [p.path for p in quiz_pages.unlisted(pages, nav)] == ["quizzes/new.md"]
    assert quiz_pages.unlisted(pages, None) == []  # no nav: MkDocs lists every page


def test_the_banner_lists_broken_files_and_modules_not_in_the_nav(preview):
    urls = {"unknown-key": "quizzes/unknown-key/", "every-type": "quizzes/every-type/"}
    context = problems_html.banner_context(preview, urls, ["every-type"])
    assert context["quiz_problems"][0] == {
        "path": "tests/quizzes/invalid/unknown-key.yml",
        "count": 1,
        "url": "quizzes/unknown-key/",
        "anchor": "quiz-problems-unknown-key",
    }
    assert [e["path"] for e in context["quiz_problems"]] == [f.path for f in preview.broken.values()]
    assert context["quiz_unlisted"] == [
        {
            "path": "tests/quizzes/golden/every-type.yml",
            "url": "quizzes/every-type/",
            "nav_entry": "quizzes/every-type.md",
        }
    ]
    valid = load_preview_bank([VALID], docs_dir=FIXTURE_DOCS)
    assert problems_html.banner_context(valid, urls, []) == {"quiz_problems": [], "quiz_unlisted": []}
