"""GIFT exports parse with the pinned npm gift-pegjs and read back as the model, question by question
(generated texts full of GIFT's special characters: test_gift_properties.py)."""

from __future__ import annotations

import html
import re

import pytest

from scripts.exports.gift import bank_to_gift, escape_gift, gift_html, module_to_gift, question_to_gift
from scripts.exports.weights import MOODLE_PERCENTS
from scripts.quizzes.loader import load_bank
from widgets.quiz.model import Matching, Module, MultipleChoice, Objective, Pair

from .conftest import parse_gift, parse_gift_many
from .gift_expect import LISTED, check_round_trip

MODULE_IDS = sorted(load_bank().modules) + ["every-type", "escaping"]


@pytest.fixture(scope="module")
def parsed(all_modules) -> dict[str, dict]:
    """Every module's GIFT parsed in one Node run."""
    ids = list(all_modules)
    return dict(zip(ids, parse_gift_many([module_to_gift(all_modules[i]) for i in ids]), strict=True))


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_module_gift_parses_and_reads_back_as_the_model(module_id, all_modules, parsed):
    result = parsed[module_id]
    assert "ok" in result, f"gift-pegjs rejected {module_id}.gift: {result}"
    check_round_trip(all_modules[module_id], result["ok"])


def test_all_gift_has_every_module_under_its_own_category(bank):
    items = parse_gift(bank_to_gift(bank))
    categories = [i for i, item in enumerate(items) if item["type"] == "Category"]
    assert [items[i]["title"] for i in categories] == [f"alliance/{m}" for m in bank.modules]
    bounds = categories + [len(items)]
    for (start, end), module in zip(zip(bounds, bounds[1:], strict=False), bank.modules.values(), strict=True):
        check_round_trip(module, items[start:end])


def _unescaped(text: str, char: str) -> int:
    """How many times ``char`` occurs in GIFT text other than backslash-escaped."""
    count, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        count += text[i] == char
        i += 1
    return count


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_multiple_answer_questions_have_no_equals_sign(module_id, all_modules):
    module = all_modules[module_id]
    gift = module_to_gift(module)
    for q in module.questions:
        if isinstance(q, MultipleChoice):
            block = gift.split(f"::{q.id}::", 1)[1].split("\n}", 1)[0]
            answers = block.split("{", 1)[1]
            assert _unescaped(answers, "=") == 0, q.id


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_every_weight_is_on_moodles_list(module_id, all_modules, parsed):
    for pq in parsed[module_id]["ok"]:
        for choice in pq.get("choices") or []:
            assert choice["weight"] is None or choice["weight"] in LISTED
    lines = module_to_gift(all_modules[module_id]).splitlines()
    text = "\n".join(line for line in lines if not line.startswith("//"))  # the header explains weights
    for weight in re.findall(r"(?<=[=~])%([^%]*)%", text):
        assert weight.lstrip("-") in MOODLE_PERCENTS or weight == "0"


def test_header_lists_conversions(all_modules):
    gift = module_to_gift(all_modules["escaping"])
    header = [line for line in gift.splitlines() if line.startswith("//")]
    text = "\n".join(header)
    assert "esc-ordering: converted: ordering of 2 items -> single choice" in text
    assert "esc-matching: converted: matching with 2 pairs -> single choice" in text
    assert "hints (GIFT has no hints)" in text
    every = module_to_gift(all_modules["every-type"])
    assert "et-ordering: converted: ordering -> matching" in every


def test_a_question_that_cannot_be_expressed_is_listed_as_skipped_never_dropped_silently():
    wide = Matching(
        id="wide",
        objective="o",
        difficulty="easy",
        source="x#y",
        text="t",
        text_html="t",
        explanation="e",
        explanation_html="e",
        pairs=(Pair("a", "a", "A"), Pair("b", "b", "B")),
        distractors=("C", "D"),
    )  # 4 choices for 2 pairs: 16 ways, more than a single choice takes
    text, notes = question_to_gift(wide)
    assert text is None and [n.kind for n in notes] == ["skipped"]
    module = Module(id="m", title="M", lessons=("x",), minutes=1, objectives=(Objective("o", "O"),), questions=(wide,))
    gift = module_to_gift(module)
    assert "// - wide: skipped: matching with 2 pairs" in gift
    assert parse_gift(gift) == [{"type": "Category", "title": "alliance/m"}]


# --- escaping: table ---


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a~b", "a\\~b"),
        ("a=b", "a\\=b"),
        ("a#b", "a\\#b"),
        ("{x}", "\\{x\\}"),
        ("a:b", "a\\:b"),
        ("back\\slash", "back\\\\slash"),
        ("line\nbreak", "line\\nbreak"),
        ("\\n", "\\\\n"),
        ("plain", "plain"),
    ],
)
def test_escape_table(text, written):
    assert escape_gift(text) == written


@pytest.mark.parametrize("raw", ["a -> b", "[html] looks like a format", "%50% looks like a weight", "ok"])
def test_gift_html_renders_the_same(raw):
    assert html.unescape(gift_html(raw)) == html.unescape(raw.strip())
    assert "->" not in gift_html(raw)
