"""Reading a YAML quiz file once, with the line and column of every key and value.

``parse`` returns the tree (``yaml_tree`` keeps positions on every mapping and list);
``Reader`` walks it as ``Node``s and records a ``Problem`` for each thing that is wrong, then
carries on, so an author sees every problem of a file at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.error import MarkedYAMLError

from widgets import suggest

from .problems import Problem, yaml_problem
from .yaml_tree import PosMap as CommentedMap
from .yaml_tree import PosSeq as CommentedSeq
from .yaml_tree import load


def parse(text: str, display_path: str) -> tuple[Any, Problem | None]:
    """The tree of a file (mappings and lists with ``.lc`` positions), or the syntax problem."""
    try:
        return load(text), None
    except MarkedYAMLError as exc:
        return None, yaml_problem(display_path, exc)


@dataclass(frozen=True, slots=True)
class Node:
    """A value in the file: where it is (1-based) and how to name it (``questions[2].options``)."""

    value: Any
    line: int
    col: int
    where: str
    key_line: int
    key_col: int

    def child_where(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.where}[{key}]"
        return f"{self.where}.{key}" if self.where else key


def root_node(tree: Any) -> Node:
    line, col = (tree.lc.line + 1, tree.lc.col + 1) if isinstance(tree, (CommentedMap, CommentedSeq)) else (1, 1)
    return Node(tree, line, col, "", line, col)


def describe(value: Any) -> str:
    """How a found value is named in messages: 'the number 42', 'a list'…"""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """``"; did you mean 'x'?"`` (the quiz problems' wording), or ``""``."""
    return suggest.did_you_mean(word, choices, "; did you mean {!r}?")


class Reader:
    """Collects the problems of one file while typed getters read its nodes."""

    def __init__(self, display_path: str) -> None:
        self.path = display_path
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str, *, at_key: bool = False) -> None:
        line, col = (node.key_line, node.key_col) if at_key else (node.line, node.col)
        self.problems.append(Problem(self.path, line, col, node.where, message))

    def fields(
        self,
        node: Node,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        *,
        elsewhere: dict[str, str] | None = None,
        what: str = "this mapping",
    ) -> dict[str, Node] | None:
        """The known keys of a mapping as nodes; unknown and missing keys become problems.
        ``elsewhere`` maps keys that are valid in other kinds of entry to an explanation."""
        if not isinstance(node.value, CommentedMap):
            self.problem(node, f"expected {what} as 'key: value' lines, got {describe(node.value)}")
            return None
        allowed = required + optional
        out: dict[str, Node] = {}
        misspelt: set[str] = set()  # keys a did-you-mean pointed at: not reported missing too
        for key in node.value:
            key_line, key_col = (n + 1 for n in node.value.lc.key(key))
            at_key = Node(None, key_line, key_col, node.where, key_line, key_col)
            if not isinstance(key, str):
                self.problem(at_key, f"a key must be a word, got {describe(key)}")
            elif key in allowed:
                out[key] = self._child(node, key, key_line, key_col)
            elif elsewhere and key in elsewhere:
                self.problem(at_key, elsewhere[key])
            else:
                close = suggest.closest(key, allowed)
                misspelt.update([close] if close else [])
                hint = did_you_mean(key, allowed) or f"; expected one of: {', '.join(allowed)}"
                self.problem(at_key, f"unknown key {key!r}{hint}")
        for key in required:
            if key not in node.value and key not in misspelt:
                self.problem(node, f"missing required field {key!r}; {_HOW.get(key, 'add it')}")
        return out

    def _child(self, node: Node, key: Any, key_line: int, key_col: int) -> Node:
        value = node.value[key]
        if isinstance(value, (CommentedMap, CommentedSeq)):
            line, col = value.lc.line + 1, value.lc.col + 1
        elif value is None:
            line, col = key_line, key_col
        else:
            line, col = (n + 1 for n in node.value.lc.value(key))
        return Node(value, line, col, node.child_where(str(key)), key_line, key_col)

    def items(self, node: Node, *, what: str = "a list") -> list[Node]:
        """The entries of a list as nodes (a problem and no entries if it is not a list)."""
        if not isinstance(node.value, CommentedSeq):
            self.problem(node, f"expected {what} (lines starting with '- '), got {describe(node.value)}")
            return []
        out = []
        for i, value in enumerate(node.value):
            line, col = (n + 1 for n in node.value.lc.item(i))
            if isinstance(value, (CommentedMap, CommentedSeq)):
                line, col = value.lc.line + 1, value.lc.col + 1
            out.append(Node(value, line, col, node.child_where(i), line, col))
        return out

    def text(self, node: Node | None, *, what: str = "text", empty: str | None = None) -> str | None:
        """A non-empty string; ``empty`` is the message for an empty one."""
        if node is None:
            return None
        value = node.value
        if value is None or (isinstance(value, str) and not value.strip()):
            self.problem(node, empty or f"{what} is empty; write it, or remove the key")
            return None
        if not isinstance(value, str):
            self.problem(node, f"expected {what}, got {describe(value)}; put it in quotes if it is meant as text")
            return None
        return str(value)

    def integer(self, node: Node | None, *, what: str, example: str) -> int | None:
        if node is None:
            return None
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            self.problem(node, f"expected {what}, got {describe(node.value)}; write a number, e.g. {example}")
            return None
        return int(node.value)

    def boolean(self, node: Node | None, *, what: str) -> bool | None:
        if node is None:
            return None
        if not isinstance(node.value, bool):
            self.problem(node, f"expected {what}: true or false (no quotes), got {describe(node.value)}")
            return None
        return node.value

    def texts(self, node: Node | None, *, what: str) -> list[tuple[Node, str]]:
        """A list of non-empty strings, each with its node."""
        if node is None:
            return []
        out = []
        for item in self.items(node, what=f"a list of {what}"):
            value = self.text(item, what=what)
            if value is not None:
                out.append((item, value))
        return out


_HOW = {
    "id": "add an id of lowercase letters, digits and hyphens, e.g. id: rup-withdrawal-signs",
    "type": "add type: single (or multiple, true_false, matching, ordering, short_answer)",
    "objective": "add the id of the objective it tests (declared under objectives)",
    "difficulty": "add difficulty: easy, medium or hard",
    "source": "add source: <lesson slug>#<heading anchor> where the answer is taught",
    "text": "add the question text (Markdown)",
    "explanation": "add the take-away idea in 1-3 sentences, shown after checking",
    "options": "add options, each with text (and correct: true on the right ones)",
    "answer": "add answer: true or answer: false",
    "pairs": "add pairs, each with left and right",
    "items": "add items, written in the correct order",
    "accept": "add accept: a list of accepted answers",
    "title": "add the module title",
    "lessons": "add lessons: [<lesson slug>]",
    "minutes": "add minutes: the estimated time in whole minutes",
    "objectives": "add objectives, each with id and text",
    "questions": "add questions",
    "left": "add left: the item to match",
    "right": "add right: its match",
}
