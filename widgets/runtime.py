# mypy: disable-error-code="import-not-found"
"""The one module of the package that meets the browser: all the Python the worker runs.

``docs/javascripts/python-worker.js`` loads Pyodide, imports this module and calls four of its
functions, with strings in and strings out (no proxies to release):

- ``start()`` once Python is up: the versions, as JSON (the worker adds its timings);
- ``widget_modules()``: the modules to import while the worker is idle, as a JSON list;
- ``warm_up(name)``: import one of them, and read its actions' shapes, ahead of the first request;
- ``dispatch(raw)``: answer one request.

The page talks to Python through the worker with small JSON messages::

    request  {"id": 7, "widget": "quiz", "action": "check", "payload": {...}}
    response {"id": 7, "ok": true,  "result": {...}}
          or {"id": 7, "ok": false, "error": {"kind": "input", "message": "..."}}

Which function answers which (widget, action) is ``widgets.actions_table``; each payload is
checked against its action's request shape (``widgets.shapes``) before the action runs.

Every other module is pure Python that imports on CPython; only this one may import
``js`` or ``pyodide`` (a CPython test asserts it).
"""

from __future__ import annotations

import importlib
import json
import random
import sys
import traceback
from collections.abc import Callable, Mapping
from typing import Any, Literal, NotRequired, TypedDict, cast

from . import actions_table, shapes

IN_PYODIDE = sys.platform == "emscripten"

ActionFunction = Callable[[Any], Mapping[str, Any]]


class WidgetError(Exception):
    """A problem with a request that the reader or author can act on."""


class InfoRequest(TypedDict):
    """The runtime's "info" action takes nothing."""


class RuntimeInfo(TypedDict):
    python: str
    widgets: str
    pyodide: NotRequired[str]


class InfoReply(RuntimeInfo):
    random: float


class ErrorJson(TypedDict):
    kind: Literal["input", "internal"]
    message: str
    detail: NotRequired[str]


class Reply(TypedDict):
    """What ``dispatch`` answers: a result, or an error for the reader."""

    id: object
    ok: bool
    result: NotRequired[Mapping[str, Any]]
    error: NotRequired[ErrorJson]


def runtime_info() -> RuntimeInfo:
    info: RuntimeInfo = {"python": sys.version.split()[0], "widgets": _package_version()}
    if IN_PYODIDE:  # pragma: no cover - only true in the browser or under Node
        import pyodide

        info["pyodide"] = pyodide.__version__
    return info


def _package_version() -> str:
    from widgets import __version__

    return __version__


def start() -> str:
    """What the worker says when Python is ready: the versions, as a JSON object."""
    return json.dumps(runtime_info())


def widget_modules() -> str:
    """The widgets' modules, as a JSON list, for the worker to import one by one while idle."""
    return json.dumps(actions_table.widget_modules())


def warm_up(name: str) -> None:
    """Import one widget module and read its actions' shapes, so its first request waits for
    neither. Raises what the import raises (the worker logs it; that request will say why)."""
    module = importlib.import_module(name)
    for table in actions_table.ACTIONS.values():
        for entry in table.values():
            if entry.module == name:
                shapes.signature(getattr(module, entry.function))


def find_action(widget: str, action: str) -> ActionFunction:
    table = actions_table.ACTIONS.get(widget)
    if table is None:
        known = sorted(actions_table.WIDGET_ORDER)
        raise WidgetError(f"unknown widget {widget!r}; known widgets: {', '.join(known)}")
    if action not in table:
        raise WidgetError(f"widget {widget!r} has no action {action!r}; its actions: {', '.join(sorted(table))}")
    entry = table[action]
    return cast(ActionFunction, getattr(importlib.import_module(entry.module), entry.function))


def handle(request: object) -> Reply:
    """Answer one request; never raises."""
    request_id = request.get("id") if isinstance(request, dict) else None
    try:
        if not isinstance(request, dict):
            raise WidgetError("a request must be a JSON object")
        widget, action = request.get("widget"), request.get("action")
        if not isinstance(widget, str) or not isinstance(action, str):
            raise WidgetError("a request needs string fields 'widget' and 'action'")
        payload = request.get("payload", {})
        if not isinstance(payload, dict):
            raise WidgetError("'payload' must be a JSON object")
        function = find_action(widget, action)
        request_shape, _ = shapes.signature(function)
        if request_shape is not None:
            shapes.check(payload, request_shape, action)
        return {"id": request_id, "ok": True, "result": function(payload)}
    except (WidgetError, ValueError) as exc:
        return {"id": request_id, "ok": False, "error": {"kind": "input", "message": str(exc)}}
    except Exception as exc:  # noqa: BLE001 - a widget must never die silently
        return internal_error(request_id, exc)


#: What a reader sees when Python fails in a way nobody planned for: never the exception's text
#: or class name (they mean nothing to a reader); those go to the console, and to ``detail``.
INTERNAL_MESSAGE = (
    "This page's Python met a problem it did not expect, so nothing was done. "
    "Reload the page and try again (the details are in the browser's console)."
)


def internal_error(request_id: object, exc: BaseException) -> Reply:
    traceback.print_exc()
    return {
        "id": request_id,
        "ok": False,
        "error": {"kind": "internal", "message": INTERNAL_MESSAGE, "detail": f"{type(exc).__name__}: {exc}"[:500]},
    }


def dispatch(raw: str) -> str:
    """JSON string in, JSON string out: the worker's entry point for every request."""
    try:
        request = json.loads(raw)
    except json.JSONDecodeError as exc:
        return json.dumps({"id": None, "ok": False, "error": {"kind": "input", "message": f"bad JSON: {exc}"}})
    return json.dumps(handle(request))


def reseed(seed_material: str) -> None:
    """Give ``random`` a known state. Only tests call it (tests/widgets/test_runtime.py: "info"
    samples the live state, so two seeds give two samples and the same seed the same); the worker
    never does (Pyodide seeds ``random`` from the browser's crypto source), nor does the stdlib
    compile (seeding with text imports nothing beyond ``random``, which this module imports)."""
    random.seed(seed_material)


def info(payload: InfoRequest) -> InfoReply:
    """Versions, and a sample of ``random``: two visits must not share random state."""
    return {**runtime_info(), "random": random.random()}
