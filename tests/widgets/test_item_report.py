"""The class report's HTML (widgets/quiz/item_report.py) and the worker action that makes it
(widgets/quiz/report_actions.py): escaped, captioned tables, an SVG histogram with a name and a
table alternative, links to each question and its answer-key entry. Runs on CPython and in Pyodide."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from widgets.quiz.codes import encode_attempt
from widgets.quiz.item_analysis import analyse
from widgets.quiz.item_report import Links, report_html, reports_html
from widgets.quiz.model import Module, Objective, Option, ShortAnswer, SingleChoice
from widgets.runtime import handle

from .test_item_analysis import CLASS, MODULE, scored

EVIL = '<img src=x onerror="alert(1)">'


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def evil_module() -> Module:
    common = dict(objective="o1", difficulty="easy", source="l#a", explanation="", explanation_html="")
    return Module(
        id="evil",
        title=f"Title {EVIL}",
        lessons=("l",),
        minutes=1,
        objectives=(Objective("o1", f"Obj {EVIL}"),),
        questions=(
            SingleChoice(
                id="e1",
                text=EVIL,
                text_html="<p>&lt;img src=x&gt;</p>",
                options=(Option(EVIL, "&lt;img&gt;", True), Option("B", "B", False)),
                **common,
            ),
            ShortAnswer(id="e2", text="Name", text_html="<p>Name</p>", accept=("bond",), **common),
        ),
    )


def test_every_text_from_quiz_files_and_answers_is_escaped():
    module = evil_module()
    attempts = [scored(module, {"e1": "0", "e2": EVIL}), scored(module, {"e1": "1", "e2": "<script>x</script>"})]
    html = report_html(analyse(module, attempts))
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html  # the short answer, as text
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    parsed = Tags(html)
    assert not [a for _, a in parsed.tags for name in a if name.startswith("on")]


def test_tables_have_captions_and_header_cells():
    html = report_html(analyse(MODULE, [scored(MODULE, r) for r in CLASS]))
    tables = html.count("<table>")
    assert tables == html.count("<caption>") and tables >= 5
    assert html.count("<thead>") == tables
    assert html.count('<th scope="row">') > 0
    regions = Tags(html).all("div")
    for region in (r for r in regions if r.get("role") == "region"):
        assert region.get("tabindex") == "0" and region.get("aria-label")
    # the question table has one row per question and the figures in the order of the header
    questions = html.split("how each question performed</caption>")[1].split("</table>")[0]
    assert questions.count("<tr>") == 1 + 4
    assert "<td>60%</td>" in questions and "<td>0.75</td>" in questions  # q1: facility, discrimination


def test_the_histogram_is_an_image_with_a_name_and_a_table():
    html = report_html(analyse(MODULE, [scored(MODULE, r) for r in CLASS]))
    svg = Tags(html).all("svg")
    assert len(svg) == 1 and svg[0]["role"] == "img"
    assert svg[0]["aria-label"] == (
        "Histogram of scores: 1 in 0–10%, 1 in 20–30%, 1 in 50–60%, 1 in 80–90%, 1 in 90–100%."
    )
    assert html.count("<rect") == 5  # one bar per band with attempts
    bands = html.split("number of attempts in each score band</caption>")[1].split("</table>")[0]
    assert bands.count("<tr>") == 1 + 10 and '<th scope="row">90–100%</th><td>1</td>' in bands


def test_each_question_links_to_its_text_and_its_answer_key_entry():
    html = report_html(analyse(MODULE, [scored(MODULE, r) for r in CLASS]))
    hrefs = [a["href"] for a in Tags(html).all("a")]
    for q in ("q1", "q2", "q3", "q4"):
        assert f"../quizzes/hand/#q-{q}" in hrefs and f"answer-keys/hand/#{q}" in hrefs
    site = report_html(
        analyse(MODULE, [scored(MODULE, r) for r in CLASS]), links=Links.for_site("https://example.org/course/")
    )
    assert 'href="https://example.org/course/lecturers/answer-keys/hand/#q1"' in site
    assert 'href="https://example.org/course/quizzes/hand/#q-q1"' in site
    ids = [a["id"] for _, a in Tags(html).tags if a.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for href in (h for h in hrefs if h.startswith("#")):
        assert href[1:] in ids, href


def test_warnings_flags_and_versions_show():
    report = analyse(MODULE, [scored(MODULE, r) for r in CLASS], version="v2")
    html = report_html(report)
    assert "Only 5 attempts" in html and "Distractor nobody chose" in html
    assert (
        '<p class="aw-report-lead">Questions to look at: <a href="#aw-report-hand-v2-q1">Q1</a> '
        "(distractor nobody chose).</p>" in html
    )
    assert 'data-version="v2"' in html and "version v2" in html
    assert re.search(r'<h3 id="aw-report-hand-v2">', html)
    assert "No valid codes" in reports_html([])


def test_the_worker_action_answers_with_the_report():
    codes = [encode_attempt(MODULE, "7", None, r) for r in CLASS] + ["not a code"]
    reply = handle(
        {
            "id": 3,
            "widget": "analysis",
            "action": "class_report",
            "payload": {"codes": codes, "modules": {"hand": MODULE.to_json()}},
        }
    )
    assert reply["ok"], reply
    result = reply["result"]
    assert (result["reports"], result["attempts"], result["skipped"]) == (1, 5, 1)
    assert 'data-module="hand"' in result["html"]
    json.dumps(reply)
    for payload, words in (
        ({"codes": "x", "modules": {"hand": MODULE.to_json()}}, "needs {'codes'"),
        ({"codes": [], "modules": {}}, "needs {'modules'"),
        ({"codes": [], "modules": {"x": {"id": 1}}}, "not valid module JSON"),
    ):
        reply = handle({"id": 4, "widget": "analysis", "action": "class_report", "payload": payload})
        assert not reply["ok"] and reply["error"]["kind"] == "input" and words in reply["error"]["message"]
