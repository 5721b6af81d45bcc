"""Browser entry points of the self-check: JSON-ready dict in, JSON-ready dict out.

The runtime module (the only one that talks to JavaScript) looks an action up in ``ACTIONS``
and calls it with the message payload. Bad payloads raise ``ValueError`` (``ImportProblem``
for files) with a message meant to be shown to the reader as it is.

The saved results live here, in the worker (``state.STATE``), as the quiz modules do: the page
sends what ``localStorage`` holds once, with ``open`` (a setup call, made again after a restart
of Python, and again when another tab changes the stored value). Every action that changes the
saved results replies with ``stored``, the new value for ``localStorage[storage_key]``; the page
writes it (it is the only code that touches storage) and nothing is sent back to be parsed again.

Actions:

``open``    {"content"?, "stored": str | null, "unsaved"?: entry | null} -> {"count", "readable",
            "problem"}: take the items and result texts embedded in the page (``content``, checked
            by ``content.content_from_json``), parse the stored value once and keep its entries. An unreadable value is left as it
            is: ``problem`` says why, and saving is refused until the reader deletes it.
``score``   {"form", "answers", "date"?} -> {"complete", "missing", "missing_numbers", "html",
            "svg", "table", "scores", "strongest", "weakest", "entry"?}. Answers may come
            straight from form data: "3" counts as 3, and "" or null as unanswered. With a
            "date", a complete result becomes the unsaved entry (``entry`` in the reply).
``save``    {} -> {"stored", "storage_key", "count"}: the unsaved entry added to the saved ones;
            ``ImportProblem`` when there is none, when ``MAX_SAVED_ENTRIES`` are kept already, or
            when the stored value could not be read. Nothing changes until ``saved``.
``saved``   {"kept": bool} -> {"count"}: the page wrote ``stored`` (kept) or the browser would not
            keep it (the result stays unsaved).
``import``  {"text", "kind"} -> {"added", "left_out", "notice", "count", "stored", "storage_key"}.
            At most ``MAX_SAVED_ENTRIES`` are kept: the newest new entries that fit ("left_out" says
            how many were not added, and "notice" says so in a sentence, else null).
``delete``  {} -> {"count"}: forget the saved and the unsaved results (the page clears storage).
``trend``   {"form"?} -> {"form", "svg", "table", "flags"} of the saved results.
``export``  {"kind"} -> {"text", "filename", "mime"} of the saved results and the unsaved one.
``compare`` {"theirs"} (an exported JSON text) -> {"html", "most_different", "differences"}: the
            latest of your results is compared with the latest entry of the other form in ``theirs``.
"""

from collections.abc import Callable, Mapping
from typing import Any, Literal, NotRequired, TypedDict

from widgets import actions_table
from widgets.suggest import did_you_mean

from .changes import change_flags
from .chart import profile_svg, profile_table_html, trend_svg, trend_table_html
from .compare import compare, render_comparison_html
from .content import content_from_json, install
from .feedback import render_result_html
from .history import (
    MAX_SAVED_ENTRIES,
    STORAGE_KEY,
    Entry,
    ImportProblem,
    entries_from_dicts,
    export,
    limited_merge,
    merge,
    sort_entries,
    to_json,
    validate_import,
)
from .scoring import score
from .state import STATE, reset

EntryDict = dict[str, object]


class OpenRequest(TypedDict):
    stored: str | None
    content: NotRequired[dict[str, object]]
    unsaved: NotRequired[EntryDict | None]


class OpenReply(TypedDict):
    count: int
    readable: bool
    problem: str | None


class ScoreRequest(TypedDict):
    form: str
    answers: dict[str, object]
    date: NotRequired[str | None]


class ScoreReply(TypedDict):
    complete: bool
    missing: list[str]
    missing_numbers: list[int]
    html: str
    svg: str
    table: str
    scores: dict[str, object]
    strongest: list[str] | str | None
    weakest: list[str] | str | None
    entry: NotRequired[EntryDict]


class EmptyRequest(TypedDict):
    pass


class StoredReply(TypedDict):
    stored: str
    storage_key: str
    count: int


class SavedRequest(TypedDict):
    kept: bool


class CountReply(TypedDict):
    count: int


class ImportRequest(TypedDict):
    text: str
    kind: Literal["json", "csv"]


class ImportReply(StoredReply):
    added: int
    left_out: int
    notice: str | None


class TrendRequest(TypedDict):
    form: NotRequired[Literal["client", "therapist"] | None]


class TrendReply(TypedDict):
    form: str | None
    svg: str
    table: str
    flags: list[dict[str, object]]


class ExportRequest(TypedDict):
    kind: Literal["json", "csv"]


class ExportReply(TypedDict):
    text: str
    filename: str
    mime: str


class CompareRequest(TypedDict):
    theirs: str


class Difference(TypedDict):
    dimension: str
    client: int | None
    therapist: int | None
    gap: int | None


class CompareReply(TypedDict):
    html: str
    most_different: list[str]
    differences: list[Difference]


def _get(payload: object, action: str, key: str, default: object = ...) -> object:
    if not isinstance(payload, Mapping):
        raise ValueError(f'The "{action}" action needs an object as its payload, got {type(payload).__name__}.')
    if key in payload:
        return payload[key]
    if default is ...:
        raise ValueError(f'The "{action}" action needs "{key}" in its payload.')
    return default


def form_answers(raw: object) -> dict[str, object]:
    """Answers as sent by a browser form: digit strings become ints; "" and null are unanswered."""
    if not isinstance(raw, Mapping):
        raise ValueError(f'"answers" should map item ids to numbers from 1 to 5, got {type(raw).__name__}.')
    out: dict[str, object] = {}
    for key, value in raw.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value.strip())
        out[key] = value
    return out


def _stored_reply(entries: list[Entry]) -> StoredReply:
    return {"stored": to_json(entries, indent=None), "storage_key": STORAGE_KEY, "count": len(entries)}


def _unsaved(raw: object) -> Entry | None:
    if raw is None:
        return None
    try:
        return entries_from_dicts([raw], "The unsaved result")[0]
    except ImportProblem:  # an unsaved result is a convenience; one that cannot be read is dropped
        return None


def action_open(payload: OpenRequest) -> OpenReply:
    content = _get(payload, "open", "content", None)
    if content is not None:  # the items and result texts embedded in the page
        install(content_from_json(content))
    stored = _get(payload, "open", "stored")
    if stored is not None and not isinstance(stored, str):
        raise ValueError(f'"stored" should be the text kept in this browser or null, got {type(stored).__name__}.')
    first = not STATE.opened
    STATE.opened, STATE.pending = True, None
    if isinstance(payload, Mapping) and "unsaved" in payload:  # a page opening (or its replay after a restart)
        STATE.unsaved = _unsaved(payload["unsaved"])
    if stored is None:
        STATE.entries, STATE.unreadable = [], False
        return {"count": 0, "readable": True, "problem": None}
    try:
        entries = merge(validate_import(stored, "json"), [])
    except ImportProblem as err:
        if first:  # later (another tab wrote it) what was read before stays shown
            STATE.entries, STATE.unreadable = [], True
        return {"count": len(STATE.entries), "readable": False, "problem": str(err)}
    STATE.entries, STATE.unreadable = entries, False
    return {"count": len(entries), "readable": True, "problem": None}


def action_score(payload: ScoreRequest) -> ScoreReply:
    form = _get(payload, "score", "form")
    answers = form_answers(_get(payload, "score", "answers"))
    result = score(form, answers)  # type: ignore[arg-type]
    f = result.form
    out: ScoreReply = {
        "complete": result.complete,
        "missing": list(result.missing),
        "missing_numbers": [f.number(i) for i in result.missing],
        "html": render_result_html(result),
        "svg": profile_svg(result),
        "table": profile_table_html(result),
        "scores": dict(result.scores_dict()),
        "strongest": list(result.strongest) if isinstance(result.strongest, tuple) else result.strongest,
        "weakest": list(result.weakest) if isinstance(result.weakest, tuple) else result.weakest,
    }
    date = _get(payload, "score", "date", None)
    if date is not None:
        entry = Entry.create(date, result.form_id, result.answers)  # type: ignore[arg-type]
        out["entry"] = entry.to_dict()
        STATE.unsaved = entry if result.complete else None
    return out


def action_save(payload: EmptyRequest) -> StoredReply:
    _get(payload, "save", "-", None)  # an object, whatever it holds
    if STATE.unsaved is None:
        raise ImportProblem("There is no result to save: answer the form and press See my result first.")
    if STATE.unreadable:
        raise ImportProblem(
            "Not saved: the results already saved here cannot be read. Delete them below first, then save again."
        )
    if len(STATE.entries) >= MAX_SAVED_ENTRIES:
        raise ImportProblem(
            f"Not saved: {MAX_SAVED_ENTRIES:,} results are saved here already, the most this page keeps. "
            "Your result is shown above; download your results to keep them all, then delete them here to make room."
        )
    STATE.pending = merge(STATE.entries, [STATE.unsaved])
    return _stored_reply(STATE.pending)


def action_saved(payload: SavedRequest) -> CountReply:
    kept = _get(payload, "saved", "kept")
    if not isinstance(kept, bool):
        raise ValueError(f'"kept" should be true or false, got {kept!r}.')
    if kept and STATE.pending is not None:
        STATE.entries, STATE.unsaved = STATE.pending, None
    STATE.pending = None
    return {"count": len(STATE.entries)}


def action_import(payload: ImportRequest) -> ImportReply:
    imported = validate_import(_get(payload, "import", "text"), str(_get(payload, "import", "kind")))
    merged, left_out = limited_merge(STATE.entries, imported)
    notice = None
    if left_out:
        notice = (
            f"{left_out:,} older result(s) in the file were not added: this page keeps at most "
            f"{MAX_SAVED_ENTRIES:,} results. They are still in your file."
        )
    added = len(merged) - len(merge(STATE.entries, []))
    STATE.entries, STATE.unreadable, STATE.pending = merged, False, None  # shown for this visit at least
    return {**_stored_reply(merged), "added": added, "left_out": left_out, "notice": notice}


def action_delete(payload: EmptyRequest) -> CountReply:
    _get(payload, "delete", "-", None)
    reset()
    STATE.opened = True
    return {"count": 0}


def action_trend(payload: TrendRequest) -> TrendReply:
    entries = STATE.entries
    form = _get(payload, "trend", "form", None)
    if form is not None and form not in ("client", "therapist"):
        raise ValueError(f"Unknown form {form!r}: expected client or therapist.")
    chosen = form if isinstance(form, str) else (sort_entries(entries)[-1].form if entries else None)
    return {
        "form": chosen,
        "svg": trend_svg(entries, chosen),
        "table": trend_table_html(entries, chosen),
        "flags": [flag.to_dict() for flag in change_flags(entries, chosen)],
    }


def action_export(payload: ExportRequest) -> ExportReply:
    text, filename, mime = export(STATE.yours(), str(_get(payload, "export", "kind")))
    return {"text": text, "filename": filename, "mime": mime}


def _latest(entries: list[Entry], form: str) -> Entry | None:
    matching = [e for e in sort_entries(entries) if e.form == form]
    return matching[-1] if matching else None


def _their_file(payload: CompareRequest) -> list[Entry]:
    who = "The other file"
    try:
        entries = validate_import(_get(payload, "compare", "theirs"), "json")
    except ImportProblem as err:
        raise ImportProblem(f"{who}: {err}") from None
    if not entries:
        raise ImportProblem(f"{who} holds no answers to compare.")
    return entries


def compare_entries(mine: list[Entry], theirs: list[Entry]) -> CompareReply:
    """The latest of ``mine`` against the latest entry of the other form in ``theirs``."""
    if not mine:
        raise ImportProblem("Your file holds no answers to compare.")
    own = sort_entries(mine)[-1]
    other_form = "therapist" if own.form == "client" else "client"
    other = _latest(theirs, other_form)
    if other is None:
        raise ImportProblem(
            f"The other file has no {other_form}-form answers to compare with your {own.form}-form answers. "
            f"Ask for a file exported from the {other_form} form."
        )
    client, therapist = (own, other) if own.form == "client" else (other, own)
    comparison = compare(client.result(), therapist.result(), client.date, therapist.date)
    return {
        "html": render_comparison_html(comparison),
        "most_different": list(comparison.most_different or []),
        "differences": [
            {"dimension": d.dimension, "client": d.client, "therapist": d.therapist, "gap": d.gap}
            for d in comparison.differences
        ],
    }


def action_compare(payload: CompareRequest) -> CompareReply:
    theirs = _their_file(payload)
    return compare_entries(STATE.yours(), theirs)


#: the self-check's actions by name, read from the one table of actions (``widgets.actions_table``)
ACTIONS: dict[str, Callable[[Any], Mapping[str, object]]] = {
    name: globals()[row.function] for name, row in actions_table.ACTIONS["selfcheck"].items()
}


def run(action: str, payload: Any) -> Mapping[str, object]:
    """Call one action by name; ``ValueError`` (with "did you mean") for an unknown name."""
    if action not in ACTIONS:
        hint = did_you_mean(str(action), ACTIONS)
        raise ValueError(f"Unknown self-check action {action!r}{hint}; expected one of {', '.join(ACTIONS)}.")
    return ACTIONS[action](payload)
