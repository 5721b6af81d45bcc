"""Saved self-check entries over time: storage format, import/export, and the change rule.

This module is pure: it never touches storage. The page saves entries only if the reader
opts in, as the ``to_json`` text under ``STORAGE_KEY`` in ``localStorage``.

Stored value and JSON export (the same shape)::

    {"format": "alliance-selfcheck", "schema": 1,
     "entries": [{"date": "2025-03-14", "form": "client",
                  "answers": {"c-goals-1": 4, ...},
                  "scores": {"goals": 69, "tasks": 50, "bond": 81, "overall": 67}}]}

CSV export: a header row, then one row per entry: ``date, form``, all item ids of both forms
(an empty cell is an unanswered item), the four scores, and ``schema``.

Scores in a file are for people reading it; on import they are ignored and recomputed
from the answers, so a file can never carry a score its answers do not give.

Import is all or nothing: ``validate_import`` either returns every entry or raises
``ImportProblem`` with one clear message, and ``merge`` returns a new list, so what is
already stored is never changed by a refused import.

The change rule (possible ruptures and repairs in saved entries) is in ``changes``.
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from widgets.constants import MAX_SAVED_SELFCHECK_ENTRIES, SELFCHECK_STORAGE_KEY
from widgets.suggest import did_you_mean

from .items import DIMENSIONS, FORM_IDS, FORMS, SCALE_MAX, SCALE_MIN, SCHEMA_VERSION
from .json_depth import MAX_JSON_DEPTH, nests_deeper_than
from .scoring import Result, SelfCheckError, score

STORAGE_KEY = SELFCHECK_STORAGE_KEY
FORMAT = "alliance-selfcheck"
MAX_IMPORT_CHARS = 1_000_000
#: The most entries kept on a device: their export plus one unsaved result stays far under
#: MAX_IMPORT_CHARS (about 512,000), so what is stored reads back and every export re-imports.
MAX_SAVED_ENTRIES = MAX_SAVED_SELFCHECK_ENTRIES
SCORE_KEYS: tuple[str, ...] = (*DIMENSIONS, "overall")


def all_item_ids() -> tuple[str, ...]:
    """Every item id of both forms (read when needed: the forms arrive with the page's data)."""
    return tuple(i for f in FORMS.values() for i in f.item_ids)


def csv_columns() -> tuple[str, ...]:
    return ("date", "form", *all_item_ids(), *SCORE_KEYS, "schema")


ENTRY_FIELDS: tuple[str, ...] = ("date", "form", "answers", "scores")


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?")


class ImportProblem(SelfCheckError):
    """A file (or stored value) that cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Entry:
    """One saved self-check: when, which form, the raw answers, and the 0-100 scores."""

    date: str
    form: str
    answers: dict[str, int]
    scores: dict[str, int | None] = field(default_factory=dict)

    @classmethod
    def create(cls, date: str, form: str, answers: Mapping[str, int]) -> "Entry":
        """Score the answers (``ValueError`` if invalid) and build an entry with its scores."""
        check_date(date, "The entry")
        result = score(form, answers)
        return cls(date, result.form_id, dict(result.answers), entry_scores(result))

    def result(self) -> Result:
        return score(self.form, self.answers)

    def to_dict(self) -> dict[str, object]:
        return {"date": self.date, "form": self.form, "answers": dict(self.answers), "scores": dict(self.scores)}


def entry_scores(result: Result) -> dict[str, int | None]:
    """The 0-100 scores of a result, as stored in an entry."""
    scores: dict[str, int | None] = {d: result.dimensions[d].score for d in DIMENSIONS}
    scores["overall"] = result.overall.score
    return scores


def date_key(date: str) -> datetime:
    """Sort key for an ISO date or date-time; aware times are compared in UTC."""
    moment = datetime.fromisoformat(date)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def display_date(date: str) -> str:
    """'2025-03-14' stays; '2025-03-14T10:30:00+01:00' becomes '2025-03-14 10:30'."""
    return date[:10] + (" " + date[11:16] if len(date) > 10 else "")


def _order(entry: Entry) -> tuple[bool, datetime, str]:
    try:
        return False, date_key(entry.date), ""
    except (TypeError, ValueError, OverflowError):  # only entries built in code, never imported ones
        return True, datetime.min, str(entry.date)


def sort_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Entries in time order (stable for equal dates; an unreadable date sorts last)."""
    return sorted(entries, key=_order)


def series(entries: Iterable[Entry], form: str | None = None) -> tuple[str | None, list[Entry]]:
    """The entries of one form in time order; by default the form of the latest entry."""
    ordered = sort_entries(entries)
    if form is None:
        form = ordered[-1].form if ordered else None
    return form, [e for e in ordered if e.form == form]


# --- export -----------------------------------------------------------------------------


def to_json(entries: Iterable[Entry], indent: int | None = 2) -> str:
    """The stored value and the JSON export."""
    doc = {"format": FORMAT, "schema": SCHEMA_VERSION, "entries": [e.to_dict() for e in entries]}
    return json.dumps(doc, indent=indent, ensure_ascii=False)


def to_csv(entries: Iterable[Entry]) -> str:
    """The CSV export: header row, then one row per entry (empty cell = no answer / no score)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    columns = csv_columns()
    writer.writerow(columns)
    for e in entries:
        cells: dict[str, object] = {"date": e.date, "form": e.form, "schema": SCHEMA_VERSION}
        cells.update(e.answers)
        cells.update({k: v for k, v in e.scores.items() if k in SCORE_KEYS})
        writer.writerow(["" if cells.get(c) is None else cells[c] for c in columns])
    return buf.getvalue()


def from_json(text: str) -> list[Entry]:
    return validate_import(text, "json")


def from_csv(text: str) -> list[Entry]:
    return validate_import(text, "csv")


def export(entries: Sequence[Entry], kind: str) -> tuple[str, str, str]:
    """(text, filename, mime type) for a download."""
    ordered = sort_entries(entries)
    stamp = f"-{ordered[-1].date[:10]}" if ordered else ""
    if kind == "json":
        return to_json(ordered), f"alliance-selfcheck{stamp}.json", "application/json"
    if kind == "csv":
        return to_csv(ordered), f"alliance-selfcheck{stamp}.csv", "text/csv"
    raise ValueError(f"Unknown export kind {kind!r}: expected json or csv.")


# --- import -----------------------------------------------------------------------------


def newer_schema_message(found: int) -> str:
    return (
        f"This file was made by a newer version of the self-check (schema {found}); "
        f"this page reads schema {SCHEMA_VERSION}."
    )


def check_date(value: object, label: str) -> str:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            date_key(value)
            return value
        except (ValueError, OverflowError):  # e.g. 9999-12-31T23:59:59-14:00 is past year 9999 in UTC
            pass
    raise ImportProblem(f"{label} has an invalid date {value!r}: expected a date like 2025-03-14.")


def check_entry(label: str, date: object, form: object, answers: Mapping[Any, object]) -> Entry:
    """One entry from already-split fields; every problem is an ``ImportProblem`` naming ``label``."""
    check_date(date, label)
    if form not in FORM_IDS:
        raise ImportProblem(f"{label} has an unknown form {form!r}: expected client or therapist.")
    assert isinstance(date, str) and isinstance(form, str)
    own = FORMS[form]
    clean: dict[str, int] = {}
    for item_id, value in answers.items():
        if not isinstance(item_id, str) or item_id not in own.item_ids:
            other = next((f for f in FORMS.values() if item_id in f.item_ids), None)
            if other is not None:
                raise ImportProblem(f"{label} is a {form} entry but has an answer for {other.id} item {item_id!r}.")
            hint = did_you_mean(item_id, own.item_ids) if isinstance(item_id, str) else ""
            raise ImportProblem(f"{label} has an unknown item {item_id!r}{hint}.")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ImportProblem(
                f"{label}, item {item_id}: {value!r} is not a whole number from {SCALE_MIN} to {SCALE_MAX}."
            )
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ImportProblem(f"{label}, item {item_id}: {value} is outside the scale {SCALE_MIN} to {SCALE_MAX}.")
        clean[item_id] = value
    if not clean:
        raise ImportProblem(f"{label} has no answers.")
    return Entry.create(date, form, clean)


def _check_schema(value: object, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImportProblem(f"{where} has an invalid schema version {value!r}: expected {SCHEMA_VERSION}.")
    if value > SCHEMA_VERSION:
        raise ImportProblem(newer_schema_message(value))


def _entries_from_json(text: str) -> list[Entry]:
    if nests_deeper_than(text, MAX_JSON_DEPTH):
        raise ImportProblem(
            f"This file nests its data more than {MAX_JSON_DEPTH} levels deep, so it is not a self-check export. "
            "Choose a .json file exported by the self-check."
        )
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        if text.lstrip().lower().startswith("date,"):
            raise ImportProblem("This file looks like CSV, not JSON. Choose CSV as the format.") from None
        raise ImportProblem(
            f"This file is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}). "
            "Choose a .json file exported by the self-check."
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportProblem(f'This file is not a self-check export: expected a JSON object with "format": "{FORMAT}".')
    if "schema" not in doc:
        raise ImportProblem(f'This file has no schema version: expected "schema": {SCHEMA_VERSION}.')
    _check_schema(doc["schema"], "This file")
    for key in doc:
        if key not in ("format", "schema", "entries"):
            raise ImportProblem(f"This file has an unknown field {key!r}{did_you_mean(key, ['entries'])}.")
    raw = doc.get("entries")
    if not isinstance(raw, list):
        raise ImportProblem('This file has no list of entries: expected "entries": [...].')
    return [_entry_from_dict(f"Entry {n}", item) for n, item in enumerate(raw, start=1)]


def _entry_from_dict(label: str, item: object) -> Entry:
    if not isinstance(item, dict):
        raise ImportProblem(f"{label} is not an object with date, form and answers.")
    for key in item:
        if key not in ENTRY_FIELDS:
            raise ImportProblem(f"{label} has an unknown field {key!r}{did_you_mean(key, ENTRY_FIELDS)}.")
    for key in ("date", "form", "answers"):
        if key not in item:
            raise ImportProblem(f'{label} is missing the field "{key}".')
    answers = item["answers"]
    if not isinstance(answers, dict):
        raise ImportProblem(f'{label}: "answers" should map item ids to numbers from {SCALE_MIN} to {SCALE_MAX}.')
    return check_entry(label, item["date"], item["form"], answers)


def entries_from_dicts(items: object, what: str = "The saved entries") -> list[Entry]:
    """Entries from JSON-like dicts (e.g. a browser payload); ``ImportProblem`` if any is invalid."""
    if not isinstance(items, list):
        raise ImportProblem(f"{what} should be a list of entries.")
    return [_entry_from_dict(f"Entry {n}", item) for n, item in enumerate(items, start=1)]


def _entries_from_csv(text: str) -> list[Entry]:
    if text.lstrip().startswith(("{", "[")):
        raise ImportProblem("This file looks like JSON, not CSV. Choose JSON as the format.")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        raise ImportProblem(f"This file is not valid CSV (row 1: {err}).") from None
    if "date" not in header or "form" not in header:
        raise ImportProblem(
            "This file is not a self-check CSV: the first row should name the columns date, form and the item ids."
        )
    seen: set[str] = set()
    columns, item_ids = csv_columns(), all_item_ids()
    for name in header:
        if name in seen:
            raise ImportProblem(f"The column {name!r} appears twice in the first row.")
        seen.add(name)
        if name not in columns:
            raise ImportProblem(f"Unknown column {name!r} in the first row{did_you_mean(name, columns)}.")
    entries = []
    try:
        for row in reader:
            label = f"Row {reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                cells_word = "cell" if len(row) == 1 else "cells"
                raise ImportProblem(f"{label} has {len(row)} {cells_word}, but the first row has {len(header)}.")
            cells = {h: c.strip() for h, c in zip(header, row, strict=True)}
            if cells.get("schema"):
                value = cells["schema"]
                _check_schema(int(value) if value.isdigit() else value, label)
            answers = {k: _csv_number(v) for k, v in cells.items() if k in item_ids and v}
            for key in ("date", "form"):
                if not cells[key]:
                    raise ImportProblem(f'{label} is missing the field "{key}".')
            entries.append(check_entry(label, cells["date"], cells["form"], answers))
    except csv.Error as err:
        raise ImportProblem(f"This file is not valid CSV (row {reader.line_num}: {err}).") from None
    return entries


def _csv_number(cell: str) -> int | str:
    return int(cell) if cell.isascii() and cell.isdigit() else cell


def validate_import(text: object, kind: str) -> list[Entry]:
    """All entries of a JSON or CSV file, or ``ImportProblem`` with one clear message. Never partial."""
    if kind not in ("json", "csv"):
        raise ImportProblem(f"Unknown file kind {kind!r}: expected json or csv.")
    if not isinstance(text, str):
        raise ImportProblem("Expected the text of the file.")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportProblem("The file is empty.")
    if len(text) > MAX_IMPORT_CHARS:
        raise ImportProblem(
            f"This file is too large to be a self-check export ({len(text):,} characters; "
            f"the limit is {MAX_IMPORT_CHARS:,})."
        )
    return _entries_from_json(text) if kind == "json" else _entries_from_csv(text)


def _identity(e: Entry) -> tuple[str, str, tuple[tuple[str, int], ...]]:
    return e.date, e.form, tuple(sorted(e.answers.items()))


def limited_merge(existing: Sequence[Entry], imported: Iterable[Entry]) -> tuple[list[Entry], int]:
    """``merge``, keeping at most ``MAX_SAVED_ENTRIES``: every existing entry and the newest imported
    ones that fit. Returns the entries and how many imported (new) entries were left out;
    ``ImportProblem`` when there is no room for any of them."""
    before = merge(existing, [])
    known = {_identity(e) for e in before}
    new = [e for e in merge([], imported) if _identity(e) not in known]
    room = max(0, MAX_SAVED_ENTRIES - len(before))
    if new and room == 0:
        raise ImportProblem(
            f"This page already keeps {len(before):,} results, the most it can, so none were added. "
            "Download your results to keep them, then delete them here to make room."
        )
    kept = new[len(new) - room :] if len(new) > room else new
    return merge(before, kept), len(new) - len(kept)


def merge(existing: Iterable[Entry], imported: Iterable[Entry]) -> list[Entry]:
    """A new list: existing plus imported entries, exact duplicates dropped, in time order."""
    out: dict[tuple[str, str, tuple[tuple[str, int], ...]], Entry] = {}
    for e in [*existing, *imported]:
        out.setdefault(_identity(e), e)
    return sort_entries(out.values())
