"""Plain-language results: reading grade, framing, links, the missing-items notice, escaping."""

import dataclasses
import itertools
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import textstat

from widgets.selfcheck import feedback, harm, items
from widgets.selfcheck.feedback import (
    ADVICE,
    LESSONS,
    all_texts,
    items_phrase,
    profile_text,
    render_result_html,
)
from widgets.selfcheck.items import DIMENSIONS, get_form
from widgets.selfcheck.scoring import score

MAX_GRADE = 9
KEYED_FOR_BAND = {"low": 1, "middle": 3, "high": 5}
GTB_ANCHORS = {"goals", "tasks", "bond"}
BUILD_ANCHORS = {"for-clients", "for-therapists", "you-can-change-therapist"}


def answers_for_bands(form_id: str, bands: dict[str, str]) -> dict[str, int]:
    """Raw answers that put each dimension in the given band."""
    out = {}
    for item in get_form(form_id).items:
        keyed = KEYED_FOR_BAND[bands[item.dimension]]
        out[item.id] = 6 - keyed if item.reverse else keyed
    return out


def every_result():
    for form_id in ("client", "therapist"):
        for combo in itertools.product(KEYED_FOR_BAND, repeat=3):
            yield score(form_id, answers_for_bands(form_id, dict(zip(DIMENSIONS, combo, strict=True))))
        full = answers_for_bands(form_id, dict.fromkeys(DIMENSIONS, "middle"))
        ids = get_form(form_id).item_ids
        yield score(form_id, {k: v for k, v in full.items() if k != ids[2]})
        yield score(form_id, {k: v for k, v in full.items() if k not in ids[:5]})
        yield score(form_id, {})


class BlockText(HTMLParser):
    """Collects the text of each block (p, li, h3, h4, th, td, caption) and every href."""

    BLOCKS = {"p", "li", "h3", "h4", "th", "td", "caption"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self._stack: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])
        if tag in self.BLOCKS:
            self._stack.append([])

    def handle_endtag(self, tag):
        if tag in self.BLOCKS and self._stack:
            text = " ".join("".join(self._stack.pop()).split())
            if text:
                self.blocks.append(text)

    def handle_data(self, data):
        if self._stack:
            self._stack[-1].append(data)


def blocks_of(html: str) -> BlockText:
    parser = BlockText()
    parser.feed(html)
    return parser


def test_every_fixed_feedback_string_is_grade_9_or_below() -> None:
    grades = [(textstat.flesch_kincaid_grade(text), key, text) for key, text in all_texts()]
    for grade, key, text in sorted(grades, reverse=True):
        print(f"{grade:5.1f}  {key:32} {text}")
    assert len(grades) > 100
    too_hard = [(g, k) for g, k, _ in grades if g > MAX_GRADE]
    assert not too_hard


def test_every_rendered_text_block_is_grade_9_or_below() -> None:
    seen: dict[str, float] = {}
    for result in every_result():
        for block in blocks_of(render_result_html(result)).blocks:
            seen.setdefault(block, textstat.flesch_kincaid_grade(block))
    for block, grade in sorted(seen.items(), key=lambda kv: -kv[1])[:15]:
        print(f"{grade:5.1f}  {block}")
    assert max(seen.values()) <= MAX_GRADE


@pytest.mark.parametrize("form_id", ["client", "therapist"])
def test_each_dimension_and_band_has_meaning_tries_starters_and_lesson_links(form_id: str) -> None:
    for dim in DIMENSIONS:
        for band in ("low", "middle", "high"):
            advice = ADVICE[form_id][dim][band]
            assert advice.meaning
            assert 1 <= len(advice.tries) <= 2
            assert len(advice.starters) == 2
            assert advice.links[0].href == f"../lessons/goals-tasks-bond/#{dim}"
            for link in advice.links:
                m = re.fullmatch(r"\.\./lessons/([a-z-]+)/(#([a-z-]+))?", link.href)
                assert m and m.group(1) in LESSONS, link.href
                if m.group(1) == "building-the-alliance":
                    assert m.group(3) in BUILD_ANCHORS


def test_client_and_therapist_wording_is_separate() -> None:
    client = {t for k, t in all_texts() if k.startswith("client.") and ".link" not in k}
    therapist = {t for k, t in all_texts() if k.startswith("therapist.") and ".link" not in k}
    shared = client & therapist
    assert shared <= {"Things you might try:"}
    assert all("supervision" not in t for t in client)
    assert any("supervision" in t for t in therapist)


def test_low_scores_are_framed_as_something_to_talk_about_not_a_verdict() -> None:
    for form_id in ("client", "therapist"):
        for dim in DIMENSIONS:
            meaning = ADVICE[form_id][dim]["low"].meaning.lower()
            assert re.search(r"talk|raising|cue|chance", meaning), (form_id, dim)
        assert "not a verdict" in feedback.OVERALL[form_id]["low"]
    verdicts = re.compile(r"\b(poor|bad|broken|failing|weak alliance|you are wrong|diagnos\w+ you)\b", re.I)
    for key, text in all_texts():
        assert not verdicts.search(text), key


def test_results_carry_no_crisis_notice() -> None:
    for result in every_result():
        html = render_result_html(result).lower()
        for word in ("crisis", "emergency", "suicid", "helpline", "hotline"):
            assert word not in html


def test_a_client_with_a_low_score_is_told_ways_out_that_do_not_go_through_the_therapist() -> None:
    """Low scores may come from harm or a crossed boundary; then "talk to your therapist" is not enough."""
    for result in every_result():
        html = render_result_html(result)
        low = [s.band for s in result.dimensions.values()] + [result.overall.band]
        expected = result.form.id == "client" and "low" in low
        assert ('class="selfcheck-harm"' in html) == expected, (result.form.id, low)
        if expected:
            routes = blocks_of(html.split('class="selfcheck-harm"', 1)[1].split("</section>", 1)[0]).blocks
            ways = [r for r in routes if r in harm.wording().steps]
            assert len(ways) == len(harm.wording().steps) >= 3
            assert [
                w
                for w in ways
                if "therapist" not in w.lower() or "different therapist" in w.lower() or "registered" in w.lower()
            ] == ways  # none of them is "raise it with your therapist"
            assert any(re.search(r"trust", w) for w in ways) and any("complaint" in w for w in ways)
            assert "../lessons/building-the-alliance/#you-can-change-therapist" in html


def test_results_are_wellformed_with_h3_h4_and_lists() -> None:
    for result in every_result():
        html = render_result_html(result)
        ET.fromstring(html)  # well-formed (our fragment is also valid XML)
        tags = blocks_of(html).tags
        assert tags.count("h3") == 1
        assert tags.count("h4") == 3 + harm.shows_harm_routes(result)  # the harm section has its own
        if result.complete:
            assert "ul" in tags and "a" in tags


def test_results_link_to_lesson_sections_relative_to_the_self_check_page() -> None:
    result = score("client", answers_for_bands("client", {"goals": "low", "tasks": "middle", "bond": "low"}))
    hrefs = blocks_of(render_result_html(result)).hrefs
    assert "../lessons/goals-tasks-bond/#goals" in hrefs
    assert "../lessons/goals-tasks-bond/#tasks" in hrefs
    assert "../lessons/building-the-alliance/#you-can-change-therapist" in hrefs
    assert all(h.startswith("../lessons/") for h in hrefs)


@pytest.mark.parametrize(
    "numbers, phrase",
    [([3], "item 3"), ([3, 7], "items 3 and 7"), ([1, 2, 12], "items 1, 2 and 12")],
)
def test_items_phrase(numbers, phrase) -> None:
    assert items_phrase(numbers) == phrase


def test_missing_notice_names_items_by_number_and_text() -> None:
    full = answers_for_bands("client", dict.fromkeys(DIMENSIONS, "high"))
    del full["c-bond-1"], full["c-goals-3"]  # items 3 and 7
    result = score("client", full)
    blocks = blocks_of(render_result_html(result)).blocks
    assert blocks[1] == (
        "You have not answered items 3 and 7. We do not guess missing answers, so some scores are not shown yet."
    )
    assert "Item 3: I feel I can be myself with my therapist." in blocks
    assert "Item 7: We check together that our aims still fit." in blocks
    assert "Answer item 7 to see this score." in blocks
    assert "Answer item 3 to see this score." in blocks
    assert "Goals: not scored yet" in blocks
    assert "Tasks: 100 out of 100 (higher range)" in blocks
    assert not any("overall score" in b for b in blocks)


def test_complete_result_has_no_missing_notice() -> None:
    html = render_result_html(score("therapist", answers_for_bands("therapist", dict.fromkeys(DIMENSIONS, "low"))))
    assert "selfcheck-missing" not in html
    assert "not answered" not in html
    assert "Your overall score: 0 out of 100." in html


@pytest.mark.parametrize(
    "bands, expected",
    [
        (
            {"goals": "high", "tasks": "low", "bond": "middle"},
            "Your scores were highest for goals and lowest for tasks.",
        ),
        (
            {"goals": "high", "tasks": "low", "bond": "high"},
            "Your scores were highest for goals and bond (a tie) and lowest for tasks.",
        ),
        ({"goals": "low", "tasks": "low", "bond": "low"}, "Your scores were the same for all three parts."),
    ],
)
def test_profile_sentence(bands, expected) -> None:
    assert profile_text(score("client", answers_for_bands("client", bands))) == expected


def test_profile_sentence_waits_for_all_three_parts() -> None:
    assert profile_text(score("client", {"c-goals-1": 5})) is None


def test_every_user_visible_text_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    nasty = '<script>alert("x")</script> & co'
    client = items.FORMS["client"]
    first = dataclasses.replace(client.items[0], text=nasty)
    monkeypatch.setitem(items.FORMS, "client", dataclasses.replace(client, items=(first, *client.items[1:])))
    advice = ADVICE["client"]["tasks"]["high"]
    monkeypatch.setitem(
        ADVICE["client"]["tasks"],
        "high",
        dataclasses.replace(advice, meaning=nasty, links=(feedback.Link(nasty, '"><script>x</script>'),)),
    )
    full = answers_for_bands("client", dict.fromkeys(DIMENSIONS, "high"))
    del full["c-goals-1"]
    html = render_result_html(score("client", full))
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    assert 'href="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html
    ET.fromstring(html)
