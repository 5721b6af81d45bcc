"""The model's JSON round trip, the Markdown rules, and the form's contract with the page's JS."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.quizzes.markup import MarkupError, Renderer, heading_anchors
from scripts.quizzes.render import render_module, render_question
from widgets.quiz.layout import select_questions
from widgets.quiz.model import Module, plain_text

HERE = Path(__file__).parent


def test_json_round_trip_is_exact(every_type: Module) -> None:
    data = json.loads(json.dumps(every_type.to_json()))
    again = Module.from_json(data)
    assert again == every_type
    assert again.to_json() == data
    assert {q["type"] for q in data["questions"]} == {
        "single",
        "multiple",
        "true_false",
        "matching",
        "ordering",
        "short_answer",
    }


def test_from_json_refuses_malformed_input(every_type: Module) -> None:
    data = every_type.to_json()
    del data["questions"][0]["options"]
    with pytest.raises(ValueError, match="malformed module JSON"):
        Module.from_json(data)
    with pytest.raises(ValueError, match="unknown question type"):
        Module.from_json({**every_type.to_json(), "questions": [{"type": "essay"}]})


def test_model_keeps_source_and_html(every_type: Module) -> None:
    q = every_type.question("et-single")
    assert q.text.endswith("Which kind of rupture does this *most* suggest?")
    assert q.text_html.endswith("Which kind of rupture does this <em>most</em> suggest?")
    assert (q.lesson, q.anchor) == ("x", "withdrawal-ruptures")
    assert q.hints_html == (
        "<p>Is she moving towards, away from, or against the therapist?</p>",
        "<p>Think about <strong>away</strong>.</p>",
    )


@pytest.mark.parametrize(
    ("source", "inline", "block"),
    [
        (
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        ),
        ("a <b>b</b> & *c*", "a &lt;b&gt;b&lt;/b&gt; &amp; <em>c</em>", None),
        ("one\n\ntwo", "one<br>\n<br>two", "<p>one</p>\n<p>two</p>"),
        ("[x](javascript:alert(1))", "<a>x</a>", None),
        ("[x](java&#x73;cript:alert(1))", "<a>x</a>", None),
        ("[x](java&#9;script:alert(1))", "<a>x</a>", None),
        ("[x](JavaScript:alert(1))", "<a>x</a>", None),
        ("[x](data:text/html,hi)", "<a>x</a>", None),
        ("![x](javascript:alert(1))", '<img alt="x" />', None),
        ("[x](https://example.org/a)", '<a href="https://example.org/a">x</a>', None),
        ("[x](../lessons/ruptures/#a)", '<a href="../lessons/ruptures/#a">x</a>', None),
        ("<!-- hidden -->", "&lt;!-- hidden --&gt;", None),
    ],
)
def test_markdown_rendering(source: str, inline: str, block: str | None) -> None:
    renderer = Renderer()
    assert renderer.inline(source) == inline
    if block is not None:
        assert renderer.block(source) == block


def test_block_content_is_refused_inline_but_fine_in_blocks() -> None:
    renderer = Renderer()
    assert renderer.block("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    with pytest.raises(MarkupError, match="a <ul> cannot go"):
        renderer.inline("- a\n- b")


def test_heading_anchors_match_mkdocs() -> None:
    anchors = heading_anchors(HERE / "fixtures" / "docs" / "lessons" / "x.md")
    assert anchors == (
        "lesson-x-a-fixture-lesson",
        "withdrawal-ruptures",
        "confrontation-ruptures",
        "markers",
        "repair-the-five-steps",
        "markers_1",
        "custom",
    )


def test_plain_text() -> None:
    assert plain_text("<em>a</em> &amp;\n <b>b</b>") == "a & b"


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def having(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        out = []
        for name, found in self.found:
            if name == tag and all(found.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                out.append(found)
        return out


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def test_form_contract(every_type: Module) -> None:
    html = render_module(every_type)
    e = elements(html)
    (form,) = e.having("form")
    assert form == {
        "class": "aw-widget aw-quiz",
        "data-widget": "quiz",
        "data-module-id": "every-type",
        "data-scope": "module",
        "novalidate": None,
    }
    assert len(e.having("div", **{"class": "aw-quiz-data"})) == 1
    assert len(e.having("script")) == 0
    assert (
        '<p class="aw-quiz-meta">6 questions · about 6 minutes · Objectives:</p>\n<ul class="aw-objectives"><li>'
        in html
    )
    questions = e.having("li", **{"class": "aw-question"})
    assert [(q["id"], q["data-question-id"], q["data-type"]) for q in questions] == [
        ("q-et-single", "et-single", "single"),
        ("q-et-multiple", "et-multiple", "multiple"),
        ("q-et-true-false", "et-true-false", "true_false"),
        ("q-et-matching", "et-matching", "matching"),
        ("q-et-ordering", "et-ordering", "ordering"),
        ("q-et-short", "et-short", "short_answer"),
    ]
    radios = [(i["name"], i["value"]) for i in e.having("input", type="radio")]
    assert radios == [
        ("et-single", "0"),
        ("et-single", "1"),
        ("et-single", "2"),
        ("et-true-false", "true"),
        ("et-true-false", "false"),
    ]
    assert [i["value"] for i in e.having("input", type="checkbox", name="et-multiple")] == ["0", "1", "2", "3"]
    selects = e.having("select")
    assert [(s["id"], s["name"], s["data-left"]) for s in selects] == [
        ("et-matching-m0", "et-matching:0", "0"),
        ("et-matching-m1", "et-matching:1", "1"),
        ("et-matching-m2", "et-matching:2", "2"),
    ]
    assert len(e.having("label", **{"for": "et-matching-m1"})) == 1
    order = [li["data-item"] for li in e.having("li", **{"class": "aw-order-item"})]
    assert order == [str(i) for i in select_questions(every_type)[4].items] == ["2", "1", "0"]
    assert len(e.having("button", data_move="up")) == 3
    assert e.having("input", type="text") == [
        {"type": "text", "id": "et-short-text", "name": "et-short", "autocomplete": "off"}
    ]
    assert len(e.having("button", **{"class": "md-button aw-hint"})) == 1  # only et-single has hints
    assert e.having("ol", **{"class": "aw-hints", "id": "q-et-single-hints"}) == [
        {"class": "aw-hints", "id": "q-et-single-hints", "hidden": None}
    ]
    assert len(e.having("button", type="submit")) == 1
    assert e.having("div", **{"class": "aw-results"}) == [{"class": "aw-results", "tabindex": "-1"}]


def test_a_single_question_form(every_type: Module) -> None:
    html = render_question(every_type, "et-ordering")
    e = elements(html)
    assert e.having("form")[0]["data-scope"] == "question"
    assert [q["data-question-id"] for q in e.having("li", **{"class": "aw-question"})] == ["et-ordering"]
    assert (
        '<p class="aw-quiz-meta">1 question · about 1 minute · Objective: Put the steps of repair in order</p>' in html
    )
    with pytest.raises(ValueError, match="no question 'nope'"):
        render_question(every_type, "nope")


def _full_render_anchors(path: Path) -> tuple[str, ...]:
    import markdown

    md = markdown.Markdown(
        extensions=[
            "toc",
            "attr_list",
            "admonition",
            "md_in_html",
            "pymdownx.superfences",
            "pymdownx.details",
            "tables",
            "def_list",
        ]
    )
    md.convert(path.read_text(encoding="utf-8"))
    out: list[str] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            out.append(token["id"])
            walk(token["children"])

    walk(md.toc_tokens)
    return tuple(out)


LESSONS = sorted((HERE.parents[1] / "docs" / "lessons").glob("*.md")) + sorted(
    (HERE / "fixtures" / "docs" / "lessons").glob("*.md")
)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_heading_only_anchors_equal_a_full_render(lesson: Path) -> None:
    assert heading_anchors(lesson) == _full_render_anchors(lesson)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from("Az\"'(‘“"), st.text(alphabet="aZ09 ,;:'\"?()/%’‘“”—–!.-", max_size=30))
def test_the_plain_text_shortcut_renders_as_markdown_would(first: str, rest: str) -> None:
    text = first + rest
    import markdown

    from scripts.quizzes.markup import SafeMarkdown

    assert Renderer().block(text) == markdown.Markdown(extensions=[SafeMarkdown()]).convert(text.strip())
