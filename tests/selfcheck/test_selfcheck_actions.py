"""The browser entry points: JSON in, JSON out, readable errors."""

import json
import xml.etree.ElementTree as ET

import pytest

from widgets.selfcheck import state
from widgets.selfcheck.actions import ACTIONS, run
from widgets.selfcheck.history import STORAGE_KEY, Entry, ImportProblem, to_json
from widgets.selfcheck.items import get_form


def form_data(form_id: str, level: int) -> dict[str, str]:
    """What a browser form sends: strings, keyed so every score is (level-1)*25."""
    return {i.id: str(6 - level if i.reverse else level) for i in get_form(form_id).items}


def entry_dict(date: str, form_id: str, level: int) -> dict:
    answers = {k: int(v) for k, v in form_data(form_id, level).items()}
    return Entry.create(date, form_id, answers).to_dict()


def test_actions_are_the_named_ones() -> None:
    assert set(ACTIONS) == {"open", "score", "save", "saved", "import", "delete", "trend", "export", "compare"}


def open_with(entries: list[dict]) -> dict:
    """Open the self-check as the page does, with these entries stored."""
    stored = json.dumps({"format": "alliance-selfcheck", "schema": 1, "entries": entries})
    return run("open", {"stored": stored})


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
    open_with(entries)
    out = run("trend", {})
    json.dumps(out)
    assert out["form"] == "client"
    ET.fromstring(out["svg"])
    ET.fromstring(out["table"])
    assert [(f["kind"], f["index"], f["date"]) for f in out["flags"]] == [
        ("possible-rupture", 3, "2025-03-04"),
        ("possible-repair", 4, "2025-03-05"),
    ]
    run("open", {"stored": None})
    empty = run("trend", {})
    assert empty["flags"] == [] and empty["form"] is None


def test_open_keeps_an_unreadable_stored_value_as_it_is_and_refuses_to_save_over_it() -> None:
    reply = run(
        "open",
        {
            "stored": json.dumps(
                {
                    "format": "alliance-selfcheck",
                    "schema": 1,
                    "entries": [{"date": "2025-03-01", "form": "x", "answers": {}}],
                }
            )
        },
    )
    assert reply == {
        "count": 0,
        "readable": False,
        "problem": "Entry 1 has an unknown form 'x': expected client or therapist.",
    }
    run("score", {"form": "client", "answers": form_data("client", 4), "date": "2025-03-02"})
    with pytest.raises(ImportProblem, match=r"^Not saved: the results already saved here cannot be read\. Delete them"):
        run("save", {})
    with pytest.raises(ValueError, match=r"^Unknown form 'both': expected client or therapist\.$"):
        run("trend", {"form": "both"})
    run("delete", {})  # forgets the unsaved result too, as the page clears it
    run("score", {"form": "client", "answers": form_data("client", 4), "date": "2025-03-02"})
    assert run("save", {})["count"] == 1


def test_a_later_unreadable_value_from_another_tab_leaves_what_is_shown() -> None:
    open_with([entry_dict("2025-03-01", "client", 4)])
    assert run("open", {"stored": "{not json"})["readable"] is False
    assert run("trend", {})["form"] == "client"


def test_save_gives_the_value_to_store_and_keeps_it_only_once_the_page_says_it_was_kept() -> None:
    open_with([entry_dict("2025-03-01", "client", 4)])
    with pytest.raises(ImportProblem, match="^There is no result to save"):
        run("save", {})
    run("score", {"form": "client", "answers": form_data("client", 2), "date": "2025-03-08"})
    reply = run("save", {})
    assert reply["storage_key"] == STORAGE_KEY and reply["count"] == 2
    assert [e["date"] for e in json.loads(reply["stored"])["entries"]] == ["2025-03-01", "2025-03-08"]
    assert run("saved", {"kept": False}) == {"count": 1}  # the browser would not keep it
    assert [e["date"] for e in json.loads(run("export", {"kind": "json"})["text"])["entries"]] == [
        "2025-03-01",
        "2025-03-08",
    ]  # still yours to download
    run("save", {})
    assert run("saved", {"kept": True}) == {"count": 2}
    with pytest.raises(ImportProblem, match="^There is no result to save"):
        run("save", {})


def test_import_action_merges_and_returns_the_value_to_store() -> None:
    open_with([entry_dict("2025-03-01", "client", 4)])
    incoming = [Entry.create("2025-03-08", "client", {k: int(v) for k, v in form_data("client", 3).items()})]
    text = to_json(incoming)
    out = run("import", {"text": text, "kind": "json"})
    assert [e["date"] for e in json.loads(out["stored"])["entries"]] == ["2025-03-01", "2025-03-08"]
    assert out["added"] == 1 and out["count"] == 2
    assert out["storage_key"] == STORAGE_KEY
    again = run("import", {"text": text, "kind": "json"})
    assert again["added"] == 0 and again["stored"] == out["stored"]


def test_refused_import_leaves_existing_entries_unchanged() -> None:
    existing = [entry_dict("2025-03-01", "client", 4)]
    open_with(existing)
    before = run("export", {"kind": "json"})
    newer = json.dumps({"format": "alliance-selfcheck", "schema": 2, "entries": []})
    with pytest.raises(ImportProblem) as info:
        run("import", {"text": newer, "kind": "json"})
    assert (
        str(info.value)
        == "This file was made by a newer version of the self-check (schema 2); this page reads schema 1."
    )
    assert run("export", {"kind": "json"}) == before


def test_export_action_round_trips_through_import() -> None:
    entries = [entry_dict("2025-03-01", "client", 4), entry_dict("2025-03-05", "therapist", 2)]
    for kind, mime in (("json", "application/json"), ("csv", "text/csv")):
        open_with(entries)
        out = run("export", {"kind": kind})
        assert out["mime"] == mime
        assert out["filename"] == f"alliance-selfcheck-2025-03-05.{kind}"
        run("delete", {})
        back = run("import", {"text": out["text"], "kind": kind})
        assert json.loads(back["stored"])["entries"] == entries


def test_the_unsaved_result_is_exported_and_compared_and_delete_forgets_it() -> None:
    run("open", {"stored": None})
    run("score", {"form": "client", "answers": form_data("client", 2), "date": "2025-03-01"})
    assert len(json.loads(run("export", {"kind": "json"})["text"])["entries"]) == 1
    run("delete", {})
    assert json.loads(run("export", {"kind": "json"})["text"])["entries"] == []
    with pytest.raises(ImportProblem, match=r"^Your file holds no answers to compare\.$"):
        run(
            "compare",
            {
                "theirs": to_json(
                    [Entry.create("2025-03-02", "therapist", {k: int(v) for k, v in form_data("therapist", 4).items()})]
                )
            },
        )


def test_an_unsaved_result_survives_a_restart_of_python_through_the_setup_call() -> None:
    entry = entry_dict("2025-03-01", "client", 2)
    state.reset()  # a new worker: the page sends the same setup call again
    assert run("open", {"stored": None, "unsaved": entry})["count"] == 0
    assert json.loads(run("export", {"kind": "json"})["text"])["entries"] == [entry]


def test_compare_action_either_way_round() -> None:
    client = [Entry.create("2025-03-01", "client", {k: int(v) for k, v in form_data("client", 2).items()})]
    therapist = [Entry.create("2025-03-02", "therapist", {k: int(v) for k, v in form_data("therapist", 4).items()})]
    open_with([e.to_dict() for e in client])
    out = run("compare", {"theirs": to_json(therapist)})
    assert out["most_different"] == ["goals", "tasks", "bond"]
    assert out["differences"][0] == {"dimension": "goals", "client": 25, "therapist": 75, "gap": -50}
    assert "Client answers from 2025-03-01; therapist answers from 2025-03-02." in out["html"]
    open_with([e.to_dict() for e in therapist])
    flipped = run("compare", {"theirs": to_json(client)})
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
    mine = [Entry.create("2025-03-01", mine_form, {k: int(v) for k, v in form_data(mine_form, 3).items()})]
    open_with([e.to_dict() for e in mine])
    theirs = to_json(mine) if theirs_text is None else theirs_text
    with pytest.raises(ImportProblem) as info:
        run("compare", {"theirs": theirs})
    assert str(info.value) == message


def test_unknown_action_suggests_the_nearest() -> None:
    with pytest.raises(
        ValueError,
        match=r"^Unknown self-check action 'scor' \(did you mean 'score'\?\); expected one of open, score, save, saved, import, delete, trend, export, compare\.$",
    ):
        run("scor", {})
