"""Text from a quiz file never becomes markup: not in the build's form, not in browser feedback.

tests/quizzes/golden/escaping.yml puts ``<script>alert(1)</script>``, ``<b>``, an ``<img onerror>``,
a ``javascript:`` link and ``</script><!--`` in every kind of text; here every output is parsed
and its tags checked.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.quizzes.loader import load_bank
from scripts.quizzes.render import render_module, render_question
from widgets.quiz import actions
from widgets.quiz.model import Module

HERE = Path(__file__).parent
FORM_TAGS = {
    "form",
    "p",
    "div",
    "ol",
    "li",
    "fieldset",
    "legend",
    "span",
    "label",
    "input",
    "select",
    "option",
    "button",
    "em",
    "strong",
    "code",
    "a",
    "br",
    "ul",
    "progress",
}
FEEDBACK_TAGS = {
    "p",
    "strong",
    "span",
    "ul",
    "ol",
    "li",
    "div",
    "a",
    "em",
    "code",
    "section",
    "h2",
    "h3",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "button",
    "br",
}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text.append(data)


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def escaping() -> Module:
    return load_bank([HERE / "golden" / "escaping.yml"], docs_dir=HERE / "fixtures" / "docs").modules["escaping"]


def assert_safe(html: str, allowed: set[str], scripts: int = 0) -> Tags:
    found = parse(html)
    names = [tag for tag, _ in found.tags]
    assert set(names) <= allowed, set(names) - allowed
    assert names.count("script") == scripts
    outside_scripts = html  # the module JSON sits HTML-escaped in an attribute: no raw tags there either
    assert "<b>" not in outside_scripts and "<img" not in outside_scripts
    assert "<script>" not in outside_scripts
    for _, attrs in found.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert "javascript:" not in "".join((attrs.get("href") or "").lower().split())
    return found


@pytest.mark.parametrize("scope", ["module", "question"])
def test_the_form_has_only_its_own_tags(escaping: Module, scope: str) -> None:
    html = render_module(escaping) if scope == "module" else render_question(escaping, "esc-single")
    found = assert_safe(html, FORM_TAGS)
    (data,) = [attrs["data-json"] for tag, attrs in found.tags if attrs.get("class") == "aw-quiz-data"]
    assert Module.from_json(json.loads(data)) == escaping  # the page's JSON is still the exact module


def test_the_texts_show_as_text(escaping: Module) -> None:
    html = render_module(escaping)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_markdown_escapes_raw_html_in_the_model(escaping: Module) -> None:
    q = escaping.question("esc-single")
    assert q.text_html.startswith("Stem &lt;script&gt;alert(1)&lt;/script&gt; with &lt;b&gt;bold&lt;/b&gt;")
    assert "<a>link</a>" in q.text_html  # the javascript: target is dropped, the words stay
    assert q.text.startswith("Stem <script>")  # the source text is kept as written, for exports


def _check(module: Module, qid: str, response: object) -> str:
    return actions.check({"module_id": module.id, "question_id": qid, "response": response})["html"]


RESPONSES = {
    "esc-single": ["0", "1", None],
    "esc-matching": [{"0": "0", "1": "1"}, {"0": "1", "1": "2"}, None],
    "esc-ordering": [[1, 0], [0, 1], None],
    "esc-short": ["<script>alert(1)</script>", "<b>x</b>", "<img src=x onerror=alert(1)>"],
    "esc-true-false": ["true", "false", None],
}


def test_feedback_and_results_have_only_their_own_tags(escaping: Module) -> None:
    actions.open_module({"module": escaping.to_json()})
    for qid, responses in RESPONSES.items():
        for response in responses:
            assert_safe(_check(escaping, qid, response), FEEDBACK_TAGS)
    result = actions.submit(
        {
            "module_id": "escaping",
            "responses": {qid: rs[1] for qid, rs in RESPONSES.items()},
            "question_ids": list(RESPONSES),
            "seconds": 65,
            "hints_used": 1,
        }
    )
    assert_safe(result["html"], FEEDBACK_TAGS)
    for item in result["questions"].values():
        assert_safe(item["html"], FEEDBACK_TAGS)


def test_a_typed_answer_is_shown_escaped(escaping: Module) -> None:
    actions.open_module({"module": escaping.to_json()})
    html = _check(escaping, "esc-short", "<b>x</b>")
    assert "<b>x</b>" not in html  # the answer stays in its field; the feedback does not repeat it
    marks = actions.check({"module_id": "escaping", "question_id": "esc-short", "response": "<b>x</b>"})["marks"]
    # plain text, which the page puts in with textContent: shown as typed, never run
    assert marks["marks"][0]["detail"] == "Accepted answers: “<script>alert(1)</script>”"
