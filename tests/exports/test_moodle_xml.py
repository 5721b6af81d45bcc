"""Moodle XML exports are well-formed and have, per question type, the elements Moodle's
importer (qformat_xml, and qtype_ordering for ordering) reads, with the model's content."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import pytest

from scripts.exports.moodle_xml import module_to_moodle_xml, shortanswer_text
from scripts.exports.weights import MOODLE_PERCENTS
from scripts.quizzes.loader import load_bank
from widgets.quiz.model import Matching, MultipleChoice, Ordering, ShortAnswer, SingleChoice, TrueFalse

MODULE_IDS = sorted(load_bank().modules) + ["every-type", "escaping"]
LISTED = set(MOODLE_PERCENTS) | {"0"} | {f"-{p}" for p in MOODLE_PERCENTS}
TYPES = {
    SingleChoice: "multichoice",
    MultipleChoice: "multichoice",
    TrueFalse: "truefalse",
    Matching: "matching",
    Ordering: "ordering",
    ShortAnswer: "shortanswer",
}


def text_of(el: ET.Element | None, path: str = "text") -> str:
    assert el is not None
    found = el.find(path)
    assert found is not None, f"<{el.tag}> has no <{path}>"
    return found.text or ""


def html_field(q: ET.Element, tag: str) -> str:
    el = q.find(tag)
    assert el is not None, f"missing <{tag}>"
    assert el.get("format") == "html"
    return text_of(el)


@pytest.fixture(scope="module")
def roots(all_modules) -> dict[str, ET.Element]:
    return {mid: ET.fromstring(module_to_moodle_xml(m).encode("utf-8")) for mid, m in all_modules.items()}


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_quiz_starts_with_its_category(module_id, roots):
    root = roots[module_id]
    assert root.tag == "quiz"
    first = root.find("question")
    assert first is not None and first.get("type") == "category"
    assert text_of(first.find("category")) == f"$course$/top/alliance/{module_id}"


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_each_question_matches_moodles_format_and_the_model(module_id, roots, all_modules):
    module = all_modules[module_id]
    questions = [q for q in roots[module_id].findall("question") if q.get("type") != "category"]
    assert [text_of(q.find("name")) for q in questions] == [q.id for q in module.questions]
    for q, el in zip(module.questions, questions, strict=True):
        converted = isinstance(q, Matching) and len(q.pairs) < 3
        assert el.get("type") == ("multichoice" if converted else TYPES[type(q)]), q.id
        assert html_field(el, "questiontext") == q.text_html.strip()
        assert html_field(el, "generalfeedback") == q.explanation_html.strip()
        assert text_of(el, "defaultgrade") == "1"
        assert float(text_of(el, "penalty")) >= 0
        assert text_of(el, "hidden") == "0"
        assert [text_of(h) for h in el.findall("hint")] == [h.strip() for h in q.hints_html]
        assert all(h.get("format") == "html" for h in el.findall("hint"))
        assert [text_of(t) for t in el.findall("tags/tag")] == [q.objective, q.difficulty]
        for answer in el.findall("answer"):
            assert answer.get("format") and answer.find("text") is not None
        if converted:
            check_converted_matching(q, el)
        else:
            CHECKS[type(q)](q, el)


def _answers(el: ET.Element) -> list[tuple[str, str, str]]:
    """(fraction, text, feedback text) of each <answer>."""
    out = []
    for a in el.findall("answer"):
        feedback = a.find("feedback")
        out.append((a.get("fraction") or "", text_of(a), text_of(feedback) if feedback is not None else ""))
    return out


def check_choice(q: SingleChoice | MultipleChoice, el: ET.Element) -> None:
    single = isinstance(q, SingleChoice)
    assert text_of(el, "single") == ("true" if single else "false")
    assert text_of(el, "shuffleanswers") == ("true" if q.shuffle else "false")  # shuffle: false keeps the order
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        assert el.find(tag) is not None
    answers = _answers(el)
    assert [(a[1], a[2]) for a in answers] == [(o.text_html.strip(), o.feedback_html.strip()) for o in q.options]
    assert all(a[0] in LISTED for a in answers)
    k = sum(o.correct for o in q.options)
    for (fraction, _, _), o in zip(answers, q.options, strict=True):
        if single:
            assert fraction == ("100" if o.correct else "0")
        else:
            assert abs(float(fraction) - (100 / k if o.correct else -100 / k)) < 1e-5
    if not single:
        assert round(sum(float(a[0]) for a in answers if float(a[0]) > 0) / 100, 2) == 1


def check_true_false(q: TrueFalse, el: ET.Element) -> None:
    answers = _answers(el)
    assert [a[1] for a in answers] == ["true", "false"]
    assert [a[0] for a in answers] == (["100", "0"] if q.answer else ["0", "100"])
    assert [a[2] for a in answers] == [q.feedback_true_html.strip(), q.feedback_false_html.strip()]


def check_matching(q: Matching, el: ET.Element) -> None:
    subs = el.findall("subquestion")
    assert all(s.get("format") == "html" for s in subs)
    got = [((s.find("text").text or ""), text_of(s.find("answer"))) for s in subs]  # type: ignore[union-attr]
    assert got == [(p.left_html.strip(), p.right) for p in q.pairs] + [("", d) for d in q.distractors]
    assert len([s for s in got if s[0]]) >= 3
    assert text_of(el, "shuffleanswers") == "true"


def check_converted_matching(q: Matching, el: ET.Element) -> None:
    assert text_of(el, "single") == "true"
    answers = _answers(el)
    right = "; ".join(f"{p.left_html} → {p.right}" for p in q.pairs)
    assert [a[0] for a in answers].count("100") == 1
    assert [html.unescape(a[1]) for a in answers if a[0] == "100"] == [html.unescape(right)]


def check_ordering(q: Ordering, el: ET.Element) -> None:
    assert text_of(el, "layouttype") == "VERTICAL"
    assert text_of(el, "selecttype") == "ALL"
    assert text_of(el, "selectcount") == str(len(q.items))
    assert text_of(el, "gradingtype") == "ABSOLUTE_POSITION"
    answers = _answers(el)
    assert [a[1] for a in answers] == [h.strip() for h in q.items_html]  # the correct order
    assert [a[0] for a in answers] == [str(i) for i in range(1, len(q.items) + 1)]


def check_short_answer(q: ShortAnswer, el: ET.Element) -> None:
    assert text_of(el, "usecase") == "0"
    answers = _answers(el)
    expected = [("100", shortanswer_text(a), "") for a in q.accept]
    if q.feedback_wrong_html.strip():
        expected.append(("0", "*", q.feedback_wrong_html.strip()))
    assert answers == expected


CHECKS = {
    SingleChoice: check_choice,
    MultipleChoice: check_choice,
    TrueFalse: check_true_false,
    Matching: check_matching,
    Ordering: check_ordering,
    ShortAnswer: check_short_answer,
}


def test_header_comment_lists_conversions(all_modules):
    text = module_to_moodle_xml(all_modules["escaping"])
    header = text.split("-->", 1)[0]
    assert "esc-matching: converted: matching with 2 pairs -> single choice" in header
    assert "esc-ordering" not in header  # qtype_ordering takes 2 items
    assert "Conversions and skipped items: none." in module_to_moodle_xml(all_modules["every-type"])


def test_cdata_end_marker_in_text_survives():
    from scripts.exports.moodle_xml import cdata

    el = ET.fromstring(f"<text>{cdata('a ]]> b <c> &amp;')}</text>")
    assert el.text == "a ]]> b <c> &amp;"
