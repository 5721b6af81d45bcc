"""The lecturers' kit as the build renders it (scripts/lecturer_pages.py), on CPython: the catalogue
counts what the bank holds, lists every export note, and links everything; the answer keys hold
every correct answer and are kept out of search engines, the site search and the menu."""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape, unescape
from html.parser import HTMLParser

import pytest

from scripts import lecturer_pages
from scripts.course import build_course
from scripts.exports import export_notes
from scripts.quizzes import Bank, load_bank
from tests.support.site import build_site
from widgets.quiz.model import Matching, Module, MultipleChoice, Ordering, ShortAnswer, SingleChoice, TrueFalse


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture(scope="module")
def course(bank):
    return build_course(bank)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("lecturer-site")
    done = build_site("http://127.0.0.1:8000/", site_dir)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if "WARNING" in line] == []
    return site_dir


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each element with a data-* hook."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str | None = None, **attrs: str) -> list[dict[str, str]]:
        return [
            a
            for t, a in self.tags
            if (tag is None or t == tag) and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def module_sections(html: str) -> dict[str, str]:
    """The catalogue's HTML per module id."""
    parts = re.split(r'(?=<section class="aw-lk-module")', html)
    out = {}
    for part in parts[1:]:
        mid = re.search(r'data-module-id="([^"]+)"', part).group(1)
        out[mid] = part.split("</section>")[0]
    return out


# ---- the catalogue ---------------------------------------------------------------------------


def test_the_catalogue_counts_the_questions_of_each_type_as_the_bank_holds_them(bank, course):
    sections = module_sections(lecturer_pages.render_catalogue(course))
    assert list(sections) == list(bank.modules)
    for mid, module in bank.modules.items():
        shown = {a["data-type"]: int(a["data-count"]) for a in Elements(sections[mid]).find() if "data-type" in a}
        assert shown == dict(Counter(q.type for q in module.questions)), mid
        assert sum(shown.values()) == len(module.questions)
        assert f"{len(module.questions)}: " in sections[mid]
        assert f"about {module.minutes} minute" in sections[mid]


def test_the_catalogue_shows_title_lesson_objectives_and_every_link(bank, course):
    sections = module_sections(lecturer_pages.render_catalogue(course))
    for mid, module in bank.modules.items():
        html = sections[mid]
        hrefs = [a["href"] for a in Elements(html).find("a")]
        assert escape(module.title) in html
        for slug in module.lessons:
            assert f"../lessons/{slug}/" in hrefs
        for objective in module.objectives:
            assert escape(objective.text) in html
        for expected in (
            f"../quizzes/{mid}/",
            f"../quizzes/{mid}/?mode=exam",
            f"answer-keys/{mid}/",
            f"exports/{mid}.gift",
            f"exports/{mid}.moodle.xml",
            f"exports/{mid}.qti.zip",
        ):
            assert expected in hrefs, (mid, expected)
    assert 'href="exports/all.gift"' in lecturer_pages.render_catalogue(course)


def test_every_export_note_is_listed_under_its_module(bank, course):
    sections = module_sections(lecturer_pages.render_catalogue(course))
    seen = 0
    for mid, module in bank.modules.items():
        for fmt, notes in export_notes(module).items():
            for note in notes:
                assert escape(note.text) in sections[mid], (mid, fmt, note)
                if note.question_id:
                    assert f"<code>{escape(note.question_id)}</code>" in sections[mid]
                seen += 1
    assert seen > 0, "the bank has no export notes at all: this test would prove nothing"


def test_a_module_without_export_notes_says_so(bank):
    module = next(iter(bank.modules.values()))
    plain = Module(
        id="plain",
        title="Plain",
        lessons=module.lessons,
        minutes=3,
        objectives=module.objectives,
        questions=tuple(q for q in module.questions if isinstance(q, (SingleChoice, TrueFalse)) and not q.hints),
    )
    assert all(not notes for notes in export_notes(plain).values())
    html = lecturer_pages.render_catalogue(build_course(Bank({"plain": plain}, {})))
    assert "Export notes: none" in html


# ---- the link builder and the grader ------------------------------------------------------------


def test_the_link_builder_offers_every_module_with_its_question_count(bank, course):
    html = lecturer_pages.render_link_builder(course)
    options = Elements(html).find("option")
    assert [o["value"] for o in options] == list(bank.modules)
    for option in options:
        module = bank.modules[option["value"]]
        assert option["data-count"] == str(len(module.questions))
        assert option["data-href"] == f"../quizzes/{module.id}/"
    form = Elements(html)
    assert form.find("form", data_widget="lecturer", data_part="links")
    for field in ("aw-lb-module", "aw-lb-n", "aw-lb-seed", "aw-lb-url"):
        assert form.find("label", **{"for": field}), f"no label for #{field}"
    assert form.find("p", role="status")


def test_the_grader_embeds_every_module_exactly_as_the_bank_holds_it(bank, course):
    html = lecturer_pages.render_grader(course)
    data = re.search(r'<div class="aw-lk-modules-data" hidden data-json="(.*?)"></div>', html, re.S).group(1)
    modules = json.loads(unescape(data))
    assert list(modules) == list(bank.modules)
    for mid, module in bank.modules.items():
        assert Module.from_json(modules[mid]).to_json() == module.to_json()
    assert Elements(html).find("label", **{"for": "aw-grader-text"})


def test_embedded_json_cannot_break_out_of_its_element():
    nasty = {"x": "</div><script>alert(1)</script><!-- \" ' &amp;"}
    out = lecturer_pages.json_script(nasty, "c")
    inner = out.removeprefix('<div class="c" hidden data-json="').removesuffix('"></div>')
    assert "<" not in inner and '"' not in inner
    assert json.loads(unescape(inner)) == nasty


# ---- answer keys --------------------------------------------------------------------------------


def correct_answers_html(question) -> list[str]:
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return [o.text_html for o in question.options if o.correct]
    if isinstance(question, TrueFalse):
        return ["<strong>True</strong>" if question.answer else "<strong>False</strong>"]
    if isinstance(question, Matching):
        return [
            f'<th scope="row">{p.left_html}</th><td class="aw-key-correct"><strong>{escape(p.right)}</strong></td>'
            for p in question.pairs
        ]
    if isinstance(question, Ordering):
        return ["".join(f'<li class="aw-key-correct">{h}</li>' for h in question.items_html)]
    if isinstance(question, ShortAnswer):
        return [f"<strong>{escape(a)}</strong>" for a in question.accept]
    raise AssertionError(question.type)


def test_each_answer_key_holds_every_question_with_its_correct_answer(bank, course):
    pages = {page.path: page.markdown for page in lecturer_pages.answer_key_pages(course)}
    assert list(pages) == [f"lecturers/answer-keys/{mid}.md" for mid in bank.modules]
    for mid, module in bank.modules.items():
        text = pages[f"lecturers/answer-keys/{mid}.md"]
        for number, question in enumerate(module.questions, start=1):
            block = text.split(f"### Question {number}: `{question.id}`", 1)[1].split("### Question ", 1)[0]
            for answer in correct_answers_html(question):
                assert answer in block, (question.id, answer)
            if isinstance(question, (SingleChoice, MultipleChoice)):
                marked = re.findall(r'data-correct="(true|false)">.*?</strong> (.*?)</li>', block)
                assert [(m == "true", t) for m, t in marked] == [(o.correct, o.text_html) for o in question.options]
            assert question.explanation_html.replace("\n\n", "\n") in block
            assert lecturer_pages._md_text(module.objective(question.objective).text) in block
            assert f"**Difficulty:** {question.difficulty}" in block
            assert f"(../../lessons/{question.lesson}.md#{question.anchor})" in block


def test_answer_keys_are_marked_noindex_and_out_of_search(course):
    for page in lecturer_pages.answer_key_pages(course):
        front = page.markdown.split("---\n")[1]
        assert "robots: noindex, nofollow" in front
        assert "search:\n  exclude: true" in front
        assert "cannot hide answers from a determined student" in page.markdown
        assert "high-stakes" in page.markdown


def test_built_answer_keys_carry_the_robots_meta_and_stay_out_of_search_and_menu(bank, built):
    index = json.loads((built / "search" / "search_index.json").read_text())
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("lecturers/answer-keys/")]
    home = (built / "index.html").read_text()
    assert 'name="robots"' not in home
    assert "answer-keys/" not in home, "an answer key is linked from the site menu"
    lecturers = (built / "lecturers" / "index.html").read_text()
    for mid, module in bank.modules.items():
        html = (built / "lecturers" / "answer-keys" / mid / "index.html").read_text()
        assert '<meta name="robots" content="noindex, nofollow">' in html
        for question in module.questions:
            assert f'id="{question.id}"' in html
        assert f'href="answer-keys/{mid}/"' in lecturers
        for name in (f"{mid}.gift", f"{mid}.moodle.xml", f"{mid}.qti.zip"):
            assert (built / "lecturers" / "exports" / name).is_file()
    assert 'data-widget="lecturer"' in lecturers
