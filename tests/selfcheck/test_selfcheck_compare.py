"""Comparing a client's and a therapist's views."""

import xml.etree.ElementTree as ET

import pytest
import textstat

from widgets.selfcheck.compare import compare, render_comparison_html, wording
from widgets.selfcheck.items import get_form
from widgets.selfcheck.scoring import score


def result(form_id: str, levels: dict[str, int]):
    """All items of a dimension keyed at the given level (score (level-1)*25)."""
    answers = {}
    for item in get_form(form_id).items:
        if item.dimension in levels:
            level = levels[item.dimension]
            answers[item.id] = 6 - level if item.reverse else level
    return score(form_id, answers)


def test_differences_are_sorted_by_size_and_name_the_largest() -> None:
    client = result("client", {"goals": 5, "tasks": 2, "bond": 3})  # 100, 25, 50
    therapist = result("therapist", {"goals": 4, "tasks": 4, "bond": 3})  # 75, 75, 50
    c = compare(client, therapist)
    assert [(d.dimension, d.client, d.therapist, d.gap) for d in c.differences] == [
        ("tasks", 25, 75, -50),
        ("goals", 100, 75, 25),
        ("bond", 50, 50, 0),
    ]
    assert c.most_different == ("tasks",)
    assert c.text == (
        "Your views differ most on tasks: a gap of 50 points. The therapist gave the higher score.",
        wording().context,
    )
    assert (c.overall.client, c.overall.therapist) == (58, 67)
    assert c.link.href == "../lessons/measuring-the-alliance/#client-and-therapist-ratings"


def test_ties_for_the_largest_gap_are_reported() -> None:
    c = compare(
        result("client", {"goals": 5, "tasks": 3, "bond": 1}), result("therapist", {"goals": 3, "tasks": 3, "bond": 3})
    )
    assert c.most_different == ("goals", "bond")
    assert c.text[0] == "Your views differ most on goals and bond (a tie): a gap of 50 points."


def test_close_views_are_said_to_be_close() -> None:
    c = compare(
        result("client", {"goals": 4, "tasks": 4, "bond": 4}), result("therapist", {"goals": 4, "tasks": 4, "bond": 4})
    )
    assert c.most_different == ("goals", "tasks", "bond")
    assert c.text[0].startswith("Your two views are close on every part you can compare. The biggest gap is 0 points")


def test_unscored_parts_are_listed_last_and_not_compared() -> None:
    c = compare(result("client", {"goals": 5}), result("therapist", {"goals": 1, "bond": 3}))
    assert [(d.dimension, d.gap) for d in c.differences] == [("goals", 100), ("tasks", None), ("bond", None)]
    assert c.most_different == ("goals",)
    assert c.text[0].endswith("The client gave the higher score.")
    nothing = compare(result("client", {}), result("therapist", {"bond": 3}))
    assert nothing.most_different is None and nothing.text == (wording().not_enough,)


def test_forms_must_be_client_then_therapist() -> None:
    client, therapist = result("client", {}), result("therapist", {})
    with pytest.raises(ValueError, match="^The first result should be from the client form, not the therapist form.$"):
        compare(therapist, client)
    with pytest.raises(ValueError, match="^The second result should be from the therapist form, not the client form.$"):
        compare(client, client)


def test_comparison_text_is_plain() -> None:
    c = compare(
        result("client", {"goals": 5, "tasks": 2, "bond": 3}), result("therapist", {"goals": 4, "tasks": 4, "bond": 3})
    )
    for text in (*c.text, *wording().starters, wording().not_enough, c.link.text):
        grade = textstat.flesch_kincaid_grade(text)
        print(f"{grade:4.1f} {text}")
        assert grade <= 9


def test_comparison_html_is_wellformed_escaped_and_links_lesson_8() -> None:
    c = compare(
        result("client", {"goals": 5, "tasks": 2, "bond": 3}),
        result("therapist", {"goals": 4, "tasks": 4, "bond": 3}),
        client_date="<script>alert(1)</script>",
        therapist_date="2025-03-02",
    )
    html = render_comparison_html(c)
    assert "<script" not in html and "&lt;script&gt;" in html
    root = ET.fromstring(html)
    assert root.find("h3").text == "Where your views differ"
    rows = [[cell.text for cell in tr] for tr in root.find("table/tbody")]
    assert rows[0] == ["Tasks", "25", "75", "50 points (therapist higher)"]
    assert rows[2] == ["Bond", "50", "50", "0 points (the same)"]
    assert rows[3][0] == "Overall"
    assert [th.get("scope") for th in root.iter("th")] == ["col"] * 4 + ["row"] * 4
    assert root.find(".//a").get("href") == "../lessons/measuring-the-alliance/#client-and-therapist-ratings"
