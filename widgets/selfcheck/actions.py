"""Browser entry points of the self-check: JSON-ready dict in, JSON-ready dict out.

The runtime module (the only one that talks to JavaScript) looks an action up in ``ACTIONS``
and calls it with the message payload. Bad payloads raise ``ValueError`` (``ImportProblem``
for files) with a message meant to be shown to the reader as it is.

Actions:

``score``   {"form", "answers", "date"?} -> {"complete", "missing", "missing_numbers", "html",
            "svg", "table", "scores", "strongest", "weakest", "entry"?}. Answers may come
            straight from form data: "3" counts as 3, and "" or null as unanswered. With a
            "date", the reply carries the ``entry`` to save (only if the reader opted in).
``trend``   {"entries", "form"?} -> {"form", "svg", "table", "flags"}
``import``  {"text", "kind", "existing"} -> {"entries", "added", "stored", "storage_key"};
            ``stored`` is the new value for ``localStorage[storage_key]``.
            At most ``MAX_SAVED_ENTRIES`` are kept: the newest new entries that fit ("left_out" says
            how many were not added, and "notice" says so in a sentence, else null).
``save``    {"existing", "entry", "stored"?} -> {"entries", "stored", "storage_key"}: the entry added
            to the existing ones and to those in ``stored`` (the stored value as it is now: another
            tab may have saved since); ``ImportProblem`` when ``MAX_SAVED_ENTRIES`` are kept already.
``export``  {"entries", "kind"} -> {"text", "filename", "mime"}
``compare`` {"mine", "theirs"} (two exported JSON texts) -> {"html", "most_different",
            "differences"}; the latest entry of ``mine`` is compared with the latest entry
            of the other form in ``theirs``.
"""

from collections.abc import Callable, Mapping

from widgets.suggest import did_you_mean

from .chart import profile_svg, profile_table_html, trend_svg, trend_table_html
from .compare import compare, render_comparison_html
from .feedback import render_result_html
from .history import (
    MAX_SAVED_ENTRIES,
    STORAGE_KEY,
    Entry,
    ImportProblem,
    change_flags,
    entries_from_dicts,
    export,
    limited_merge,
    merge,
    sort_entries,
    to_json,
    validate_import,
)
from .scoring import score

Payload = dict[str, object]


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


def _saved(payload: object, action: str, key: str = "entries", default: object = ...) -> list[Entry]:
    raw = _get(payload, action, key, default)
    try:
        return entries_from_dicts(raw, f'"{key}"')
    except ImportProblem as err:
        raise ImportProblem(f"The entries saved on this device could not be read. {err}") from None


def action_score(payload: Payload) -> Payload:
    form = _get(payload, "score", "form")
    answers = form_answers(_get(payload, "score", "answers"))
    result = score(form, answers)  # type: ignore[arg-type]
    f = result.form
    out: Payload = {
        "complete": result.complete,
        "missing": list(result.missing),
        "missing_numbers": [f.number(i) for i in result.missing],
        "html": render_result_html(result),
        "svg": profile_svg(result),
        "table": profile_table_html(result),
        "scores": result.scores_dict(),
        "strongest": list(result.strongest) if isinstance(result.strongest, tuple) else result.strongest,
        "weakest": list(result.weakest) if isinstance(result.weakest, tuple) else result.weakest,
    }
    date = _get(payload, "score", "date", None)
    if date is not None:
        out["entry"] = Entry.create(date, result.form_id, result.answers).to_dict()  # type: ignore[arg-type]
    return out


def action_trend(payload: Payload) -> Payload:
    entries = _saved(payload, "trend")
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


def action_import(payload: Payload) -> Payload:
    existing = _saved(payload, "import", "existing", [])
    imported = validate_import(_get(payload, "import", "text"), str(_get(payload, "import", "kind")))
    merged, left_out = limited_merge(existing, imported)
    notice = None
    if left_out:
        notice = (
            f"{left_out:,} older result(s) in the file were not added: this page keeps at most "
            f"{MAX_SAVED_ENTRIES:,} results. They are still in your file."
        )
    return {
        "entries": [e.to_dict() for e in merged],
        "added": len(merged) - len(merge(existing, [])),
        "left_out": left_out,
        "notice": notice,
        "stored": to_json(merged, indent=None),
        "storage_key": STORAGE_KEY,
    }


def action_save(payload: Payload) -> Payload:
    existing = _saved(payload, "save", "existing", [])
    stored = _get(payload, "save", "stored", None)
    if isinstance(stored, str) and stored.strip():
        existing = merge(existing, validate_import(stored, "json"))
    entry = entries_from_dicts([_get(payload, "save", "entry")], "The result to save")
    if len(merge(existing, [])) >= MAX_SAVED_ENTRIES:
        raise ImportProblem(
            f"Not saved: {MAX_SAVED_ENTRIES:,} results are saved here already, the most this page keeps. "
            "Your result is shown above; download your results to keep them all, then delete them here to make room."
        )
    merged = merge(existing, entry)
    return {
        "entries": [e.to_dict() for e in merged],
        "stored": to_json(merged, indent=None),
        "storage_key": STORAGE_KEY,
    }


def action_export(payload: Payload) -> Payload:
    entries = _saved(payload, "export")
    text, filename, mime = export(entries, str(_get(payload, "export", "kind")))
    return {"text": text, "filename": filename, "mime": mime}


def _latest(entries: list[Entry], form: str) -> Entry | None:
    matching = [e for e in sort_entries(entries) if e.form == form]
    return matching[-1] if matching else None


def _file(payload: Payload, key: str, who: str) -> list[Entry]:
    try:
        entries = validate_import(_get(payload, "compare", key), "json")
    except ImportProblem as err:
        raise ImportProblem(f"{who}: {err}") from None
    if not entries:
        raise ImportProblem(f"{who} holds no answers to compare.")
    return entries


def action_compare(payload: Payload) -> Payload:
    mine = _file(payload, "mine", "Your file")
    theirs = _file(payload, "theirs", "The other file")
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


ACTIONS: dict[str, Callable[[Payload], Payload]] = {
    "score": action_score,
    "trend": action_trend,
    "import": action_import,
    "save": action_save,
    "export": action_export,
    "compare": action_compare,
}


def run(action: str, payload: Payload) -> Payload:
    """Call one action by name; ``ValueError`` (with "did you mean") for an unknown name."""
    if action not in ACTIONS:
        hint = did_you_mean(str(action), ACTIONS)
        raise ValueError(f"Unknown self-check action {action!r}{hint}; expected one of {', '.join(ACTIONS)}.")
    return ACTIONS[action](payload)
