"""The instrument as data: shape, keying, wording, links."""

import dataclasses
import json
import re

import pytest
import textstat

from widgets.selfcheck.feedback import LESSONS
from widgets.selfcheck.items import (
    DIMENSIONS,
    FORMS,
    SCALE,
    SCHEMA_VERSION,
    form_as_dict,
    get_form,
    lesson_url,
)

FORM_IDS = ("client", "therapist")

# Distinctive wording of copyrighted alliance measures (WAI and its short forms, SRS, CALPAS,
# HAq). Our items must not reuse it; this is a guard against drifting towards clones.
PROTECTED_FRAGMENTS = (
    "likes me",
    "appreciates me",
    "respect each other",
    "trust one another",
    "mutually agreed",
    "collaborate on setting goals",
    "agree on what is important",
    "is correct",
    "accomplish the changes",
    "cares about me",
    "confident in my therapist",
    "new ways of looking",
    "clearer as to how",
    "heard, understood and respected",
    "good fit for me",
    "right for me",
    "good understanding of the kind of changes",
    "does not understand what i am trying",
    "i feel uncomfortable with my therapist",
)

FIRST_PERSON = re.compile(r"\b(i|me|my|we|our|us)\b", re.IGNORECASE)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_twelve_items_four_per_dimension(form_id: str) -> None:
    form = get_form(form_id)
    assert len(form.items) == 12
    for dim in DIMENSIONS:
        assert len(form.items_for(dim)) == 4


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_reverse_keyed_items_are_spread_across_dimensions(form_id: str) -> None:
    reverse = [i for i in get_form(form_id).items if i.reverse]
    assert len(reverse) >= 2
    assert len({i.dimension for i in reverse}) >= 2


def test_ids_are_stable_unique_and_say_form_and_dimension() -> None:
    ids = [i.id for f in FORMS.values() for i in f.items]
    assert len(ids) == len(set(ids)) == 24
    for form in FORMS.values():
        prefix = form.id[0]
        for item in form.items:
            assert re.fullmatch(rf"{prefix}-{item.dimension}-[1-4]", item.id), item.id


def test_scale_is_five_labelled_frequency_points() -> None:
    assert [(p.value, p.label) for p in SCALE] == [
        (1, "Never"),
        (2, "Rarely"),
        (3, "Sometimes"),
        (4, "Often"),
        (5, "Always"),
    ]
    assert SCHEMA_VERSION == 1


def test_items_are_frozen() -> None:
    item = get_form("client").items[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_item_text_is_short_plain_first_person_grade_8(form_id: str) -> None:
    for item in get_form(form_id).items:
        grade = textstat.flesch_kincaid_grade(item.text)
        print(f"{item.id:12} grade {grade:5.1f}  {item.text}")
        assert grade <= 8, (item.id, grade)
        assert len(item.text.split()) <= 14, item.id
        assert FIRST_PERSON.search(item.text), item.id


def test_items_are_original_not_clones_of_protected_measures() -> None:
    for form in FORMS.values():
        for item in form.items:
            lowered = item.text.lower()
            for fragment in PROTECTED_FRAGMENTS:
                assert fragment not in lowered, (item.id, fragment)


def test_every_item_maps_to_an_existing_lesson_slug() -> None:
    for form in FORMS.values():
        for item in form.items:
            m = re.fullmatch(r"lessons/([a-z-]+)\.md#([a-z-]+)", item.lesson)
            assert m, item.lesson
            assert m.group(1) in LESSONS
            if m.group(1) == "goals-tasks-bond":
                assert m.group(2) == item.dimension
            assert item.lesson_url == f"../lessons/{m.group(1)}/#{m.group(2)}"


def test_lesson_url() -> None:
    assert lesson_url("lessons/goals-tasks-bond.md#goals") == "../lessons/goals-tasks-bond/#goals"
    assert lesson_url("lessons/ruptures.md") == "../lessons/ruptures/"
    with pytest.raises(ValueError, match="lessons/<slug>.md#anchor"):
        lesson_url("lessons/ruptures/")


def test_forms_have_their_own_wording() -> None:
    client, therapist = get_form("client"), get_form("therapist")
    assert client.title == "Me and my therapist"
    assert therapist.title == "Me and this client"
    assert not {i.text for i in client.items} & {i.text for i in therapist.items}
    for form in (client, therapist):
        assert "stay on this device" in form.intro
        assert "not" in form.intro and "validated measure" in form.intro
        for text in (form.title, form.subtitle, form.intro, form.prompt):
            assert textstat.flesch_kincaid_grade(text) <= 8, text


def test_unknown_form_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"^Unknown form 'patient': expected one of client, therapist\.$"):
        get_form("patient")


def test_form_as_dict_is_json_ready_and_numbered() -> None:
    data = form_as_dict("therapist")
    json.dumps(data)
    assert data["schema"] == 1
    assert [i["number"] for i in data["items"]] == list(range(1, 13))  # type: ignore[index]
    assert data["items"][0]["id"] == "t-goals-1"  # type: ignore[index]


def test_item_numbers_follow_display_order() -> None:
    client = get_form("client")
    assert client.number("c-goals-1") == 1
    assert client.number("c-bond-4") == 12
    assert client.item("c-goals-2").reverse
