"""The one module of the package that meets the browser.

The page talks to Python through a Web Worker with small JSON messages::

    request  {"id": 7, "widget": "quiz", "action": "check", "payload": {...}}
    response {"id": 7, "ok": true,  "result": {...}}
          or {"id": 7, "ok": false, "error": {"kind": "input", "message": "..."}}

Every other module is pure Python that imports on CPython; only this one may import
``js`` or ``pyodide`` (a CPython test asserts it). Strings cross the boundary, not proxies,
so nothing needs to be released by hand.
"""

from __future__ import annotations

import importlib
import json
import random
import sys
import traceback
from collections.abc import Callable
from typing import Any

IN_PYODIDE = sys.platform == "emscripten"

#: widget name -> module holding ``ACTIONS: dict[str, Callable[[dict], dict]]``
WIDGETS: dict[str, str] = {
    "classifier": "widgets.classifier",
    "quiz": "widgets.quiz.actions",
    "codes": "widgets.quiz.code_actions",
    "analysis": "widgets.quiz.report_actions",
    "selfcheck": "widgets.selfcheck.actions",
    "progress": "widgets.progress.actions",
    "runtime": "widgets.runtime",
}


class WidgetError(Exception):
    """A problem with a request that the reader or author can act on."""


def runtime_info() -> dict[str, str]:
    info = {"python": sys.version.split()[0], "widgets": _package_version()}
    if IN_PYODIDE:  # pragma: no cover - only true in the browser or under Node
        import pyodide

        info["pyodide"] = pyodide.__version__
    return info


def _package_version() -> str:
    from widgets import __version__

    return __version__


def find_action(widget: str, action: str) -> Callable[[dict], dict]:
    module_name = WIDGETS.get(widget)
    if module_name is None:
        raise WidgetError(f"unknown widget {widget!r}; known widgets: {', '.join(sorted(WIDGETS))}")
    actions: dict[str, Callable[[dict], dict]] = importlib.import_module(module_name).ACTIONS
    if action not in actions:
        raise WidgetError(f"widget {widget!r} has no action {action!r}; its actions: {', '.join(sorted(actions))}")
    return actions[action]


def handle(request: dict[str, Any]) -> dict[str, Any]:
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
        result = find_action(widget, action)(payload)
        return {"id": request_id, "ok": True, "result": result}
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


def internal_error(request_id: object, exc: BaseException) -> dict[str, Any]:
    traceback.print_exc()
    return {
        "id": request_id,
        "ok": False,
        "error": {"kind": "internal", "message": INTERNAL_MESSAGE, "detail": f"{type(exc).__name__}: {exc}"[:500]},
    }


def dispatch(raw: str) -> str:
    """JSON string in, JSON string out: the worker's only entry point."""
    try:
        request = json.loads(raw)
    except json.JSONDecodeError as exc:
        return json.dumps({"id": None, "ok": False, "error": {"kind": "input", "message": f"bad JSON: {exc}"}})
    return json.dumps(handle(request))


def reseed(seed_material: str) -> None:
    """Give ``random`` a known state (tests: two seeds give two samples, the same seed the same)."""
    random.seed(seed_material)


def _info(payload: dict) -> dict:
    """Versions, and a sample of ``random``: two visits must not share random state."""
    return {**runtime_info(), "random": random.random()}


ACTIONS = {"info": _info}
