"""Check a request's payload against its action's request shape (a ``TypedDict``), at the boundary.

The convention for every action (``widgets.actions_table`` lists them)::

    class CheckRequest(TypedDict):
        module_id: str                        # required
        lesson_base: NotRequired[str | None]  # may be left out

    def check(payload: CheckRequest) -> CheckReply: ...

``widgets.runtime`` reads the annotation of the action's parameter and, before the action runs,
checks that every required key is present and every value has the declared JSON type: ``str``,
``int`` (not ``true``/``false``), ``float`` (any number), ``bool``, ``None``, ``Any``/``object``
(any JSON), ``Literal[...]``, unions (``X | None``), ``list[X]``, ``dict[str, X]`` and a nested
``TypedDict`` (one level deep; a list's or object's items are checked too). Keys the shape does
not name are left alone. A failing check is a ``ShapeError`` (a ``ValueError``): the runtime
shows its message to the reader as an "input" problem, naming the field and what was expected,
in words, never a Python class name.

Use ``NotRequired[...]`` for optional keys, not ``total=False``: modules written with
``from __future__ import annotations`` keep ``NotRequired`` only in the annotations this module
reads (``get_type_hints(..., include_extras=True)``).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal, NotRequired, Required, Union

#: how deep nested lists, objects and shapes are checked (deeper values pass unchecked)
MAX_DEPTH = 3


class ShapeError(ValueError):
    """A payload that does not have its action's shape; the message is for the reader."""


def is_shape(tp: object) -> bool:
    """Whether ``tp`` is a ``TypedDict`` class (a request or reply shape)."""
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


_FIELDS: dict[type, tuple[dict[str, Any], frozenset[str]]] = {}


def fields(shape: type) -> tuple[dict[str, Any], frozenset[str]]:
    """A shape's fields (name -> type, ``NotRequired`` removed) and its required names (cached)."""
    found = _FIELDS.get(shape)
    if found is None:
        hints = typing.get_type_hints(shape, include_extras=True)
        required_keys: frozenset[str] = getattr(shape, "__required_keys__", frozenset())
        kinds: dict[str, Any] = {}
        required = set()
        for name, hint in hints.items():
            origin = typing.get_origin(hint)
            if origin is NotRequired or origin is Required:
                kinds[name] = typing.get_args(hint)[0]
            else:
                kinds[name] = hint
            if origin is Required or (origin is not NotRequired and name in required_keys):
                required.add(name)
        found = _FIELDS[shape] = (kinds, frozenset(required))
    return found


_SIGNATURES: dict[Callable[..., Any], tuple[type | None, type | None]] = {}


def signature(action: Callable[..., Any]) -> tuple[type | None, type | None]:
    """An action's request and reply shapes, from the annotations of its one parameter and its
    return (``None`` where it is not a ``TypedDict``); cached, and their fields read once."""
    found = _SIGNATURES.get(action)
    if found is None:
        try:
            hints = typing.get_type_hints(action)
        except (NameError, TypeError):  # an unannotated stand-in (a test's) is not checked
            hints = {}
        params = [name for name in hints if name != "return"]
        request = hints[params[0]] if len(params) == 1 else None
        reply = hints.get("return")
        found = (request if is_shape(request) else None, reply if is_shape(reply) else None)
        for shape in found:
            if shape is not None:
                fields(shape)
        _SIGNATURES[action] = found
    return found


def check(payload: Mapping[str, object], shape: type, action: str) -> None:
    """Raise ``ShapeError`` unless ``payload`` has ``shape``; ``action`` names the request."""
    problem = shape_problem(payload, shape, "", MAX_DEPTH)
    if problem is not None:
        raise ShapeError(f"'{action}' needs {problem}")


def shape_problem(value: Mapping[str, object], shape: type, prefix: str, depth: int) -> str | None:
    kinds, required = fields(shape)
    for name in sorted(required):
        if name not in value:
            return f"{{'{prefix}{name}': {describe(kinds[name])}}}, and '{prefix}{name}' is missing"
    for name, kind in kinds.items():
        if name in value:
            problem = value_problem(value[name], kind, f"{prefix}{name}", depth)
            if problem is not None:
                return problem
    return None


def value_problem(value: object, kind: Any, where: str, depth: int) -> str | None:
    """``None`` when ``value`` fits ``kind``, else ``{'where': expected}, and 'where' is ...``."""
    if matches(value, kind):
        if depth <= 0:
            return None
        return inner_problem(value, kind, where, depth - 1)
    return f"{{'{where}': {describe(kind)}}}, and '{where}' is {json_kind(value)}"


def inner_problem(value: object, kind: Any, where: str, depth: int) -> str | None:
    """The first item of a list, object or nested shape that does not fit (``value`` fits ``kind``)."""
    for option in _options(kind):
        if not matches(value, option):
            continue
        origin = typing.get_origin(option)
        if is_shape(option) and isinstance(value, dict):
            return shape_problem(value, option, f"{where}.", depth)
        if origin is list and isinstance(value, list):
            (item,) = typing.get_args(option) or (Any,)
            for i, element in enumerate(value):
                problem = value_problem(element, item, f"{where}[{i}]", depth)
                if problem is not None:
                    return problem
        if origin is dict and isinstance(value, dict):
            item = (typing.get_args(option) or (str, Any))[1]
            for key, element in value.items():
                problem = value_problem(element, item, f"{where}.{key}", depth)
                if problem is not None:
                    return problem
        return None
    return None


def _options(kind: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        return typing.get_args(kind)
    return (kind,)


def matches(value: object, kind: Any) -> bool:
    """Whether ``value`` (parsed JSON) is of ``kind`` at the top level (items are not looked at)."""
    if kind is Any or kind is object:
        return True
    if kind is None or kind is type(None):
        return value is None
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        return any(matches(value, option) for option in typing.get_args(kind))
    if origin is Literal:
        return any(value == option and type(value) is type(option) for option in typing.get_args(kind))
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is str:
        return isinstance(value, str)
    if origin is list or kind is list:
        return isinstance(value, list)
    if origin is dict or kind is dict or is_shape(kind):
        return isinstance(value, dict)
    return True  # a type this checker does not know: the action checks it


WORDS: dict[object, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
    list: "a list",
    dict: "an object",
}


def describe(kind: Any) -> str:
    """What a value of ``kind`` is, in words: "text", "a list of text", "a whole number or null"."""
    if kind is Any or kind is object:
        return "any value"
    if kind is None:
        return "null"
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        return " or ".join(describe(option) for option in typing.get_args(kind))
    if origin is Literal:
        return "one of " + ", ".join(repr(option) for option in typing.get_args(kind))
    if origin is list:
        args = typing.get_args(kind)
        return "a list" if not args or args[0] is Any else f"a list of {_plural(describe(args[0]))}"
    if origin is dict or is_shape(kind):
        return "an object"
    return WORDS.get(kind, "a value")


def _plural(words: str) -> str:
    for single, plural in (("a whole number", "whole numbers"), ("a number", "numbers"), ("an object", "objects")):
        words = words.replace(single, plural)
    return words.replace("a list", "lists")


def json_kind(value: object) -> str:
    """What a parsed JSON value is, in words, for "... and 'n' is a list"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number with a fraction" if not value.is_integer() else "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a value of another kind"
