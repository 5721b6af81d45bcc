"""The browser entry points: JSON in, JSON out, readable errors."""

import copy
import json
import xml.etree.ElementTree as ET

import pytest

from widgets.selfcheck.actions import ACTIONS, run
from widgets.selfcheck.history import STORAGE_KEY, Entry, ImportProblem, to_json
from widgets.selfcheck.items import get_form


def form_data(form_id: str, level: int) -> dict[str, str]:
    """What a browser form sends: strings, keyed so every score is (level-1)*25."""
    return {i.id: str(6 - level if i.reverse else level) for i in get_form(form_id).items}


def entry_dict(date: str, form_id: str, level: int) -> dict:
    answers = {k: int(v) for k, v in form_data(form_id, level).items()}
    return Entry.create(date, form_id, answers).to_dict()


def test_actions_are_the_six_named_ones() -> None:
    assert set(ACTIONS) == {"score", "trend", "import", "save", "export", "compare"}


def test_score_action_from_form_data() -> None:
    out = run("score", {"form": "client", "answers": form_data("client", 4)})
    json.dumps(out)
    assert out["complete"] is True and out["missing"] == []
    assert out["scores"]["overall"] == {"mean": 4.0, "score": 75, "band": "high"}
    assert out["strongest"] == "even"
    ET.fromstring(out["svg"])
    ET.fromstring(out["table"])
    ET.fromstring(out["html"])
    assert "entry" not in out


def test_score_action_reports_missing_and_treats_blank_as_unanswered() -> None:
    answers = form_data("therapist", 3)
    answers["t-bond-1"] = ""
    answers["t-goals-4"] = None
    out = run("score", {"form": "therapist", "answers": answers})
    assert out["complete"] is False
    assert out["missing"] == ["t-bond-1", "t-goals-4"]
    assert out["missing_numbers"] == [3, 10]
    assert "You have not answered items 3 and 10." in out["html"]
    assert out["scores"]["overall"]["score"] is None


def test_score_action_returns_the_entry_to_save_when_given_a_date() -> None:
    out = run("score", {"form": "client", "answers": form_data("client", 2), "date": "2025-03-01"})
    assert out["entry"] == {
        "date": "2025-03-01",
        "form": "client",
        "answers": {k: int(v) for k, v in form_data("client", 2).items()},
        "scores": {"goals": 25, "tasks": 25, "bond": 25, "overall": 25},
    }


@pytest.mark.parametrize(
    "payload, message",
    [
        ([], 'The "score" action needs an object as its payload, got list.'),
        ({"answers": {}}, 'The "score" action needs "form" in its payload.'),
        ({"form": "client"}, 'The "score" action needs "answers" in its payload.'),
        ({"form": "client", "answers": []}, '"answers" should map item ids to numbers from 1 to 5, got list.'),
        (
            {"form": "client", "answers": {"c-goals-1": "often"}},
            "Item c-goals-1 (number 1): expected a whole number from 1 to 5, got 'often'.",
        ),
        (
            {"form": "client", "answers": {"c-goals-1": "9"}},
            "Item c-goals-1 (number 1): 9 is outside the scale 1 to 5.",
        ),
        ({"form": "nobody", "answers": {}}, "Unknown form 'nobody': expected one of client, therapist."),
        (
            {"form": "client", "answers": {}, "date": "soon"},
            "The entry has an invalid date 'soon': expected a date like 2025-03-14.",
        ),
    ],
)
def test_score_action_bad_payloads(payload, message) -> None:
    with pytest.raises(ValueError) as info:
        run("score", payload)
    assert str(info.value) == message


def test_trend_action() -> None:
    entries = [entry_dict(f"2025-03-0{n}", "client", lvl) for n, lvl in enumerate([4, 4, 4, 2, 4], start=1)]
    out = run("trend", {"entries": entries})
    json.dumps(out)
    assert out["form"] == "client"
    ET.fromstring(out["svg"])
    ET.fromstring(out["table"])
    assert [(f["kind"], f["index"], f["date"]) for f in out["flags"]] == [
        ("possible-rupture", 3, "2025-03-04"),
        ("possible-repair", 4, "2025-03-05"),
    ]
    empty = run("trend", {"entries": []})
    assert empty["flags"] == [] and empty["form"] is None


def test_trend_action_refuses_bad_saved_entries() -> None:
    with pytest.raises(
        ImportProblem, match=r"^The entries saved on this device could not be read\. Entry 1 has an unknown form 'x'"
    ):
        run("trend", {"entries": [{"date": "2025-03-01", "form": "x", "answers": {}}]})
    with pytest.raises(ValueError, match=r"^Unknown form 'both': expected client or therapist\.$"):
        run("trend", {"entries": [], "form": "both"})


def test_import_action_merges_and_returns_the_value_to_store() -> None:
    existing = [entry_dict("2025-03-01", "client", 4)]
    incoming = [Entry.create("2025-03-08", "client", {k: int(v) for k, v in form_data("client", 3).items()})]
    text = to_json(incoming)
    out = run("import", {"text": text, "kind": "json", "existing": existing})
    assert [e["date"] for e in out["entries"]] == ["2025-03-01", "2025-03-08"]
    assert out["added"] == 1
    assert out["storage_key"] == STORAGE_KEY
    assert json.loads(out["stored"])["entries"] == out["entries"]
    again = run("import", {"text": text, "kind": "json", "existing": out["entries"]})
    assert again["added"] == 0 and again["entries"] == out["entries"]


def test_refused_import_leaves_existing_entries_unchanged() -> None:
    existing = [entry_dict("2025-03-01", "client", 4)]
    snapshot = copy.deepcopy(existing)
    newer = json.dumps({"format": "alliance-selfcheck", "schema": 2, "entries": []})
    with pytest.raises(ImportProblem) as info:
        run("import", {"text": newer, "kind": "json", "existing": existing})
    assert (
        str(info.value)
        == "This file was made by a newer version of the self-check (schema 2); this page reads schema 1."
    )
    assert existing == snapshot


def test_export_action_round_trips_through_import() -> None:
    entries = [entry_dict("2025-03-01", "client", 4), entry_dict("2025-03-05", "therapist", 2)]
    for kind, mime in (("json", "application/json"), ("csv", "text/csv")):
        out = run("export", {"entries": entries, "kind": kind})
        assert out["mime"] == mime
        assert out["filename"] == f"alliance-selfcheck-2025-03-05.{kind}"
        back = run("import", {"text": out["text"], "kind": kind, "existing": []})
        assert back["entries"] == entries


def test_compare_action_either_way_round() -> None:
    mine = to_json([Entry.create("2025-03-01", "client", {k: int(v) for k, v in form_data("client", 2).items()})])
    theirs = to_json(
        [Entry.create("2025-03-02", "therapist", {k: int(v) for k, v in form_data("therapist", 4).items()})]
    )
    out = run("compare", {"mine": mine, "theirs": theirs})
    assert out["most_different"] == ["goals", "tasks", "bond"]
    assert out["differences"][0] == {"dimension": "goals", "client": 25, "therapist": 75, "gap": -50}
    assert "Client answers from 2025-03-01; therapist answers from 2025-03-02." in out["html"]
    flipped = run("compare", {"mine": theirs, "theirs": mine})
    assert flipped["differences"] == out["differences"]


@pytest.mark.parametrize(
    "mine_form, theirs_text, message",
    [
        ("client", "", "The other file: The file is empty."),
        (
            "client",
            "not json",
            "The other file: This file is not valid JSON (line 1, column 1: Expecting value). Choose a .json file exported by the self-check.",
        ),
        ("client", to_json([]), "The other file holds no answers to compare."),
        (
            "client",
            None,
            "The other file has no therapist-form answers to compare with your client-form answers. "
            "Ask for a file exported from the therapist form.",
        ),
    ],
)
def test_compare_action_bad_files(mine_form, theirs_text, message) -> None:
    mine = to_json([Entry.create("2025-03-01", mine_form, {k: int(v) for k, v in form_data(mine_form, 3).items()})])
    theirs = mine if theirs_text is None else theirs_text
    with pytest.raises(ImportProblem) as info:
        run("compare", {"mine": mine, "theirs": theirs})
    assert str(info.value) == message


def test_unknown_action_suggests_the_nearest() -> None:
    with pytest.raises(
        ValueError,
        match=r"^Unknown self-check action 'scor' \(did you mean 'score'\?\); expected one of score, trend, import, save, export, compare\.$",
    ):
        run("scor", {})
