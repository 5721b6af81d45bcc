"""What the self-check stores it can read back, and its own exports import again (issue 14):
at most MAX_SAVED_ENTRIES are kept, and that many (plus one unsaved result) in the widest form
export far under the import limit."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from widgets.selfcheck.actions import run
from widgets.selfcheck.history import (
    MAX_IMPORT_CHARS,
    MAX_SAVED_ENTRIES,
    Entry,
    ImportProblem,
    export,
    to_json,
    validate_import,
)
from widgets.selfcheck.items import FORMS

WIDEST_DATE = "2025-03-14T10:30:00.123456+01:00"


def many(count: int, form: str = "therapist", start: int = 0) -> list[Entry]:
    """``count`` distinct entries with every item answered and the longest date form."""
    first = datetime(2020, 1, 1)
    return [
        Entry.create(
            (first + timedelta(minutes=start + i)).isoformat() + ".123456+01:00",
            form,
            {item: 1 + (i + k) % 5 for k, item in enumerate(FORMS[form].item_ids)},
        )
        for i in range(count)
    ]


def test_the_widest_exports_of_as_many_entries_as_are_kept_plus_one_import_again() -> None:
    entries = many(MAX_SAVED_ENTRIES + 1)
    assert len(max((e.date for e in entries), key=len)) == len(WIDEST_DATE)
    for kind in ("json", "csv"):
        text, _, _ = export(entries, kind)
        assert len(text) < MAX_IMPORT_CHARS * 0.6, (kind, len(text))
        assert len(validate_import(text, kind)) == MAX_SAVED_ENTRIES + 1
    assert len(to_json(entries, indent=None)) < MAX_IMPORT_CHARS


def open_with(entries: list) -> None:
    run("open", {"stored": to_json(entries, indent=None)})


def test_an_import_keeps_every_existing_entry_and_the_newest_new_ones_that_fit() -> None:
    existing = many(MAX_SAVED_ENTRIES - 3)
    incoming = many(10, start=10_000)
    open_with(existing)
    reply = run("import", {"text": to_json(incoming), "kind": "json"})
    assert reply["added"] == 3 and reply["left_out"] == 7
    stored = json.loads(reply["stored"])["entries"]
    assert len(stored) == MAX_SAVED_ENTRIES == reply["count"]
    assert [e["date"] for e in stored[-3:]] == [e.date for e in incoming[-3:]]
    assert reply["notice"] == (
        f"7 older result(s) in the file were not added: this page keeps at most {MAX_SAVED_ENTRIES:,} results. "
        "They are still in your file."
    )
    assert len(validate_import(reply["stored"], "json")) == MAX_SAVED_ENTRIES


def test_an_import_into_a_full_history_is_refused_and_duplicates_are_not_new() -> None:
    open_with(many(MAX_SAVED_ENTRIES))
    with pytest.raises(ImportProblem, match=f"already keeps {MAX_SAVED_ENTRIES:,} results, the most it can"):
        run("import", {"text": to_json(many(1, start=50_000)), "kind": "json"})
    again = run("import", {"text": to_json(many(5)), "kind": "json"})
    assert again["added"] == 0 and again["left_out"] == 0 and again["notice"] is None


def test_saving_adds_to_what_is_stored_and_stops_at_the_limit() -> None:
    mine, new = many(2), many(1, start=200)[0]
    open_with(mine)
    run("score", {"form": new.form, "answers": new.answers, "date": new.date})
    reply = run("save", {})
    assert [e["date"] for e in json.loads(reply["stored"])["entries"]] == [e.date for e in [*mine, new]]
    open_with(many(MAX_SAVED_ENTRIES))
    with pytest.raises(ImportProblem, match=f"Not saved: {MAX_SAVED_ENTRIES:,} results are saved here already"):
        run("save", {})
