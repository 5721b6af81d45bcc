"""Saved entries: the drop/return rule, JSON and CSV round trips, import validation."""

import copy
import json

import pytest
import textstat

from widgets.selfcheck.changes import Change, change_flags, detect_changes
from widgets.selfcheck.history import (
    STORAGE_KEY,
    Entry,
    ImportProblem,
    csv_columns,
    export,
    from_csv,
    from_json,
    merge,
    to_csv,
    to_json,
    validate_import,
)
from widgets.selfcheck.items import get_form

R, P = "possible-rupture", "possible-repair"


def kinds(scores):
    return [(c.kind, c.index) for c in detect_changes(scores)]


# --- the drop/return rule ----------------------------------------------------------------

RULE_TABLE = [
    pytest.param([], [], id="no-entries"),
    pytest.param([70], [], id="one-entry"),
    pytest.param([70, 40], [], id="two-entries-need-two-before"),
    pytest.param([60, 60, 60, 60, 60], [], id="all-equal"),
    pytest.param([40, 80, 80, 80], [], id="low-first-entry-is-not-a-drop"),
    # a drop right at the start: entry 1 has only one before it, so it is not judged;
    # entry 2 is compared with the mean of 80 and 50 = 65 and is exactly 15 below it
    pytest.param([80, 50, 50, 50], [(R, 2)], id="drop-at-start-flagged-once-two-are-known"),
    pytest.param([70, 72, 68, 50], [(R, 3)], id="drop-at-the-end-no-return"),
    # mean of 70, 72, 68 = 70; 55 is not back within 5; 66 is
    pytest.param([70, 72, 68, 50, 55, 66], [(R, 3), (P, 5)], id="drop-and-return"),
    pytest.param([70, 70, 55], [(R, 2)], id="exactly-15-below-is-a-drop"),
    pytest.param([70, 70, 56], [], id="14-below-is-not"),
    pytest.param([70, 71, 56], [], id="14.5-below-the-mean-is-not"),
    pytest.param([70, 71, 55], [(R, 2)], id="15.5-below-is"),
    pytest.param([70, 70, 50, 65], [(R, 2), (P, 3)], id="exactly-5-below-is-a-return"),
    pytest.param([70, 70, 50, 64], [(R, 2)], id="6-below-is-not-a-return"),
    pytest.param([70, 70, 50, 90], [(R, 2), (P, 3)], id="above-the-old-level-is-a-return"),
    # only the 3 entries just before count: mean of 100, 100, 100, not of 0, 100, 100, 100
    pytest.param([0, 100, 100, 100, 85], [(R, 4)], id="window-is-the-last-three"),
    # a slide over several entries is one drop; the return is to the level before it
    pytest.param([80, 80, 80, 60, 40, 30, 78], [(R, 3), (P, 6)], id="slide-is-one-drop"),
    pytest.param([80, 80, 60, 80, 80, 80, 60], [(R, 2), (P, 3), (R, 6)], id="rule-starts-again-after-repair"),
    pytest.param([80, None, 80, 60], [(R, 3)], id="incomplete-entries-are-skipped"),
    pytest.param([None, None, None], [], id="only-incomplete"),
]


@pytest.mark.parametrize("scores, expected", RULE_TABLE)
def test_drop_and_return_rule(scores, expected) -> None:
    assert kinds(scores) == expected


def test_changes_carry_the_reference_and_the_rupture_they_answer() -> None:
    assert detect_changes([70, 72, 68, 50, 55, 66]) == [
        Change(R, 3, 50, 70.0),
        Change(P, 5, 66, 70.0, rupture_index=3),
    ]
    assert detect_changes([70, 71, 55])[0].reference == 70.5


def entry(date: str, level: int, form: str = "client") -> Entry:
    """An entry whose items are all keyed `level` (so every score is (level-1)*25)."""
    answers = {i.id: (6 - level if i.reverse else level) for i in get_form(form).items}
    return Entry.create(date, form, answers)


def test_flags_on_entries_use_time_order_dates_and_gentle_linked_text() -> None:
    # overall: 75, 75, 75, 25, 75 -> drop at 2025-03-22, return at 2025-03-29
    entries = [
        entry("2025-03-29", 4),
        entry("2025-03-01", 4),
        entry("2025-03-22", 2),
        entry("2025-03-08", 4),
        entry("2025-03-15", 4),
    ]
    flags = change_flags(entries)
    assert [(f.kind, f.index, f.date, f.score) for f in flags] == [
        (R, 3, "2025-03-22", 25),
        (P, 4, "2025-03-29", 75),
    ]
    rupture, repair = flags
    assert rupture.text.startswith(
        "On 2025-03-22, your overall score was 25. That is well below your recent level of about 75."
    )
    assert "between you and your therapist" in rupture.text
    assert "The lessons call this a repair." in repair.text
    for flag in flags:
        grade = textstat.flesch_kincaid_grade(flag.text)
        print(f"{grade:4.1f} {flag.text}")
        assert grade <= 9
        hrefs = [link.href for link in flag.links]
        assert hrefs == ["../lessons/ruptures/", "../lessons/repairing-ruptures/"]
        d = flag.to_dict()
        json.dumps(d)
        assert 'href="../lessons/repairing-ruptures/"' in d["html"]


def test_flags_follow_one_form_at_a_time() -> None:
    entries = [entry(f"2025-03-0{n + 1}", 4) for n in range(3)] + [entry("2025-03-05", 1, "therapist")]
    assert change_flags(entries) == []  # latest is a therapist entry: only one of those
    therapist = [entry(f"2025-04-0{n + 1}", lvl, "therapist") for n, lvl in enumerate([4, 4, 2])]
    flags = change_flags(entries + therapist, "therapist")
    assert [f.kind for f in flags] == [R]
    assert "between you and this client" in flags[0].text


# --- storage and export --------------------------------------------------------------------


def sample_entries() -> list[Entry]:
    partial = Entry.create("2025-03-08T18:30:00+01:00", "client", {"c-goals-1": 2, "c-bond-3": 5})
    return [entry("2025-03-01", 4), partial, entry("2025-03-10", 3, "therapist")]


def test_storage_key_is_versioned() -> None:
    assert STORAGE_KEY == "alliance-selfcheck:v1"


def test_json_round_trip() -> None:
    entries = sample_entries()
    text = to_json(entries)
    doc = json.loads(text)
    assert (doc["format"], doc["schema"]) == ("alliance-selfcheck", 1)
    assert doc["entries"][1] == {
        "date": "2025-03-08T18:30:00+01:00",
        "form": "client",
        "answers": {"c-goals-1": 2, "c-bond-3": 5},
        "scores": {"goals": None, "tasks": None, "bond": None, "overall": None},
    }
    assert from_json(text) == entries
    assert from_json(to_json(entries, indent=None)) == entries


def test_csv_round_trip_and_layout() -> None:
    entries = sample_entries()
    text = to_csv(entries)
    lines = text.split("\r\n")
    assert lines[0].startswith("date,form,c-goals-1,c-tasks-1,c-bond-1,")
    assert lines[0].endswith(",t-bond-4,goals,tasks,bond,overall,schema")
    assert len(lines[0].split(",")) == len(csv_columns()) == 2 + 24 + 4 + 1
    assert lines[1].startswith("2025-03-01,client,4,4,4,2,")
    assert from_csv(text) == entries


def test_imported_scores_are_recomputed_from_the_answers() -> None:
    doc = json.loads(to_json([entry("2025-03-01", 4)]))
    doc["entries"][0]["scores"] = {"goals": 100, "tasks": 100, "bond": 100, "overall": 100}
    (imported,) = from_json(json.dumps(doc))
    assert imported.scores == {"goals": 75, "tasks": 75, "bond": 75, "overall": 75}


def test_export_names_and_types() -> None:
    entries = sample_entries()
    text, name, mime = export(entries, "json")
    assert (name, mime) == ("alliance-selfcheck-2025-03-10.json", "application/json")
    assert from_json(text) == sorted(entries, key=lambda e: e.date)
    assert export(entries, "csv")[1:] == ("alliance-selfcheck-2025-03-10.csv", "text/csv")
    assert export([], "json")[1] == "alliance-selfcheck.json"
    with pytest.raises(ValueError, match="^Unknown export kind 'xml': expected json or csv.$"):
        export(entries, "xml")


def test_merge_drops_exact_duplicates_sorts_and_leaves_inputs_alone() -> None:
    existing = sample_entries()
    before = copy.deepcopy(existing)
    new = [entry("2025-02-01", 2), existing[0]]
    merged = merge(existing, new)
    assert [e.date for e in merged] == ["2025-02-01", "2025-03-01", "2025-03-08T18:30:00+01:00", "2025-03-10"]
    assert existing == before


# --- import validation ---------------------------------------------------------------------

GOOD = {"date": "2025-03-01", "form": "client", "answers": {"c-goals-1": 3}}


def doc(entries=None, **fields) -> str:
    d = {"format": "alliance-selfcheck", "schema": 1, "entries": [GOOD] if entries is None else entries}
    d.update(fields)
    return json.dumps(d)


def with_(**changes) -> dict:
    return {**GOOD, **changes}


DEEP = (
    "This file nests its data more than 20 levels deep, so it is not a self-check export. "
    "Choose a .json file exported by the self-check."
)

BAD_JSON = [
    ("", "The file is empty."),
    ("  \n", "The file is empty."),
    (
        "{not json",
        "This file is not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes). "
        "Choose a .json file exported by the self-check.",
    ),
    ("date,form\n2025-03-01,client\n", "This file looks like CSV, not JSON. Choose CSV as the format."),
    ("[1, 2]", 'This file is not a self-check export: expected a JSON object with "format": "alliance-selfcheck".'),
    (
        json.dumps({"format": "other", "schema": 1, "entries": []}),
        'This file is not a self-check export: expected a JSON object with "format": "alliance-selfcheck".',
    ),
    (
        json.dumps({"format": "alliance-selfcheck", "entries": []}),
        'This file has no schema version: expected "schema": 1.',
    ),
    (doc(schema=2), "This file was made by a newer version of the self-check (schema 2); this page reads schema 1."),
    (doc(schema="1"), "This file has an invalid schema version '1': expected 1."),
    (doc(schema=0), "This file has an invalid schema version 0: expected 1."),
    (
        json.dumps({"format": "alliance-selfcheck", "schema": 1}),
        'This file has no list of entries: expected "entries": [...].',
    ),
    (doc(entries={"a": 1}), 'This file has no list of entries: expected "entries": [...].'),
    (doc(extra=1), "This file has an unknown field 'extra'."),
    (doc(entries=[GOOD, "x"]), "Entry 2 is not an object with date, form and answers."),
    (doc(entries=[{"form": "client", "answers": {}}]), 'Entry 1 is missing the field "date".'),
    (doc(entries=[{"date": "2025-03-01", "form": "client"}]), 'Entry 1 is missing the field "answers".'),
    (doc(entries=[with_(note="x")]), "Entry 1 has an unknown field 'note'."),
    (doc(entries=[with_(answer={})]), "Entry 1 has an unknown field 'answer' (did you mean 'answers'?)."),
    (
        doc(entries=[with_(date="2025-13-01")]),
        "Entry 1 has an invalid date '2025-13-01': expected a date like 2025-03-14.",
    ),
    (
        doc(entries=[with_(date="14/03/2025")]),
        "Entry 1 has an invalid date '14/03/2025': expected a date like 2025-03-14.",
    ),
    (doc(entries=[with_(date="<script>")]), "Entry 1 has an invalid date '<script>': expected a date like 2025-03-14."),
    (doc(entries=[with_(form="patient")]), "Entry 1 has an unknown form 'patient': expected client or therapist."),
    (doc(entries=[with_(answers=[1, 2])]), 'Entry 1: "answers" should map item ids to numbers from 1 to 5.'),
    (
        doc(entries=[with_(answers={"c-goal-1": 3})]),
        "Entry 1 has an unknown item 'c-goal-1' (did you mean 'c-goals-1'?).",
    ),
    (
        doc(entries=[with_(answers={"t-goals-1": 3})]),
        "Entry 1 is a client entry but has an answer for therapist item 't-goals-1'.",
    ),
    (doc(entries=[with_(answers={"c-goals-1": 7})]), "Entry 1, item c-goals-1: 7 is outside the scale 1 to 5."),
    (doc(entries=[with_(answers={"c-goals-1": 0})]), "Entry 1, item c-goals-1: 0 is outside the scale 1 to 5."),
    (
        doc(entries=[with_(answers={"c-goals-1": "often"})]),
        "Entry 1, item c-goals-1: 'often' is not a whole number from 1 to 5.",
    ),
    (
        doc(entries=[with_(answers={"c-goals-1": 2.5})]),
        "Entry 1, item c-goals-1: 2.5 is not a whole number from 1 to 5.",
    ),
    (
        doc(entries=[with_(answers={"c-goals-1": True})]),
        "Entry 1, item c-goals-1: True is not a whole number from 1 to 5.",
    ),
    (doc(entries=[with_(answers={})]), "Entry 1 has no answers."),
    (
        doc(entries=[GOOD, GOOD, with_(answers={"c-goals-1": 9})]),
        "Entry 3, item c-goals-1: 9 is outside the scale 1 to 5.",
    ),
    (
        doc(entries=[with_(date="9999-12-31T23:59:59-14:00")]),
        "Entry 1 has an invalid date '9999-12-31T23:59:59-14:00': expected a date like 2025-03-14.",
    ),
    (
        doc(entries=[with_(date="0001-01-01T00:00:00+14:00")]),
        "Entry 1 has an invalid date '0001-01-01T00:00:00+14:00': expected a date like 2025-03-14.",
    ),
    ("[" * 200_000 + "]" * 200_000, DEEP),
    ('{"format": "alliance-selfcheck", "schema": 1, "entries": ' + "[" * 5000, DEEP),
    (
        "x" * 1_000_001,
        "This file is too large to be a self-check export (1,000,001 characters; the limit is 1,000,000).",
    ),
]

BAD_CSV = [
    ("", "The file is empty."),
    (doc(), "This file looks like JSON, not CSV. Choose JSON as the format."),
    (
        "a,b\n1,2\n",
        "This file is not a self-check CSV: the first row should name the columns date, form and the item ids.",
    ),
    ("date,form,c-goal-1\n", "Unknown column 'c-goal-1' in the first row (did you mean 'c-goals-1'?)."),
    ("date,form,date\n", "The column 'date' appears twice in the first row."),
    ("date,form,c-goals-1\n2025-03-01,client\n", "Row 2 has 2 cells, but the first row has 3."),
    ("date,form,c-goals-1\n2025-03-01\n", "Row 2 has 1 cell, but the first row has 3."),
    ('date,form,c-goals-1\n"2025-03-01,client,3\n', "This file is not valid CSV (row 2: unexpected end of data)."),
    ("date,form,c-goals-1\n2025-03-01,client,7\n", "Row 2, item c-goals-1: 7 is outside the scale 1 to 5."),
    ("date,form,c-goals-1\n2025-03-01,client,x\n", "Row 2, item c-goals-1: 'x' is not a whole number from 1 to 5."),
    ("date,form,c-goals-1\n2025-03-01,client,3.0\n", "Row 2, item c-goals-1: '3.0' is not a whole number from 1 to 5."),
    ("date,form,c-goals-1\n2025-03-01,client,-1\n", "Row 2, item c-goals-1: '-1' is not a whole number from 1 to 5."),
    ("date,form,c-goals-1\n,client,3\n", 'Row 2 is missing the field "date".'),
    ("date,form,c-goals-1\n2025-03-01,,3\n", 'Row 2 is missing the field "form".'),
    (
        "date,form,c-goals-1\n2025-03-01,patient,3\n",
        "Row 2 has an unknown form 'patient': expected client or therapist.",
    ),
    (
        "date,form,t-goals-1\n2025-03-01,client,3\n",
        "Row 2 is a client entry but has an answer for therapist item 't-goals-1'.",
    ),
    ("date,form,c-goals-1\n2025-03-01,client,\n", "Row 2 has no answers."),
    (
        "date,form,c-goals-1,schema\n2025-03-01,client,3,2\n",
        "This file was made by a newer version of the self-check (schema 2); this page reads schema 1.",
    ),
    ("date,form,c-goals-1,schema\n2025-03-01,client,3,one\n", "Row 2 has an invalid schema version 'one': expected 1."),
    (
        "date,form,c-goals-1\n2025-03-01,client,3\n\n2025-03-99,client,3\n",
        "Row 4 has an invalid date '2025-03-99': expected a date like 2025-03-14.",
    ),
]


@pytest.mark.parametrize("text, message", BAD_JSON, ids=[m[:60] for _, m in BAD_JSON])
def test_bad_json_files_are_refused_with_a_clear_message(text, message) -> None:
    with pytest.raises(ImportProblem) as info:
        validate_import(text, "json")
    assert str(info.value) == message


@pytest.mark.parametrize("text, message", BAD_CSV, ids=[m[:60] for _, m in BAD_CSV])
def test_bad_csv_files_are_refused_with_a_clear_message(text, message) -> None:
    with pytest.raises(ImportProblem) as info:
        validate_import(text, "csv")
    assert str(info.value) == message


def test_bad_kind_and_non_text() -> None:
    with pytest.raises(ImportProblem, match="^Unknown file kind 'xml': expected json or csv.$"):
        validate_import("{}", "xml")
    with pytest.raises(ImportProblem, match="^Expected the text of the file.$"):
        validate_import(None, "json")
    assert issubclass(ImportProblem, ValueError)


def test_good_files_with_bom_blank_lines_and_few_columns_are_read() -> None:
    text = "\ufeffform,date,c-goals-1,goals\r\nclient,2025-03-01,3,99\r\n\r\n"
    (e,) = validate_import(text, "csv")
    assert (e.date, e.form, e.answers, e.scores["goals"]) == ("2025-03-01", "client", {"c-goals-1": 3}, None)
    assert validate_import(doc(entries=[]), "json") == []


@pytest.mark.parametrize("text, kind", [(t, "json") for t, _ in BAD_JSON[:12]] + [(t, "csv") for t, _ in BAD_CSV[:12]])
def test_a_refused_import_changes_nothing_stored(text, kind) -> None:
    existing = sample_entries()
    stored = to_json(existing, indent=None)
    snapshot = copy.deepcopy(existing)

    def import_into(current: list[Entry]) -> list[Entry]:
        return merge(current, validate_import(text, kind))

    with pytest.raises(ImportProblem):
        stored_entries = from_json(stored)
        import_into(stored_entries)
    assert existing == snapshot
    assert to_json(existing, indent=None) == stored


def test_a_file_with_one_bad_entry_adds_none_of_its_good_entries() -> None:
    existing = sample_entries()
    good = json.loads(to_json([entry("2025-04-01", 5)]))["entries"][0]
    bad = {**good, "answers": {"c-goals-1": 6}}
    with pytest.raises(ImportProblem, match="Entry 2"):
        merge(existing, validate_import(doc(entries=[good, bad]), "json"))
    assert [e.date for e in existing] == ["2025-03-01", "2025-03-08T18:30:00+01:00", "2025-03-10"]
