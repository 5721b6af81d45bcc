"""Problems found in quiz files, and how YAML syntax errors are explained to authors.

A problem prints as ``quizzes/x.yml:14:5: questions[2].options: <what is wrong and how to fix>``:
path relative to the project root, 1-based line and column of the offending node, then where
in the module (``questions[2]`` is the third question: indices count from 0).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaml.error import MarkedYAMLError


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    where: str
    message: str

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{self.path}:{self.line}:{self.column}:{where} {self.message}"


class QuizProblems(Exception):
    """Every problem found in the quiz files; ``str()`` is one problem a line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _explain(problem: str, context: str) -> str:
    """Turn a YAML parser's terse message into what was expected and how to fix it."""
    if problem.startswith("mapping values are not allowed"):
        return (
            "invalid YAML: a ': ' inside an unquoted value starts a new key; put the whole value in "
            'double quotes, e.g. text: "Therapist: How did that land?"'
        )
    if ("cannot start any token" in problem and "'\\t'" in problem) or "found a tab character" in problem:
        return "invalid YAML: a tab character; indent with spaces only"
    if m := re.search(r"found character '(.)' that cannot start any token", problem):
        return f"invalid YAML: a value cannot start with '{m.group(1)}'; put the whole value in double quotes"
    if m := re.match(r'found duplicate key "(.*?)"', problem):
        return f"invalid YAML: key '{m.group(1)}' appears twice in this mapping; keep only one"
    if "while scanning a quoted scalar" in context:
        return 'invalid YAML: a quoted value is not closed; add the closing quote (inside, write \\" for a quote)'
    if context.startswith("while parsing a flow"):
        return "invalid YAML: a [list] or {mapping} written on one line is not closed; add the closing bracket"
    if problem.startswith("could not find expected ':'"):
        return "invalid YAML: expected 'key: value' here; check for a missing ':' or a line that needs quotes"
    if m := re.match(r"anchor or alias: (.*)", problem):
        return (
            f"{m.group(1)}: quiz files don't use anchors; write the value out "
            "(and put a text that starts with & or * in quotes)"
        )
    if problem.startswith("expected <block end>") or "expected <block mapping start>" in problem:
        return (
            "invalid YAML: the indentation does not line up; keys of one mapping, and the '- ' of one "
            "list, must start in the same column"
        )
    return f"invalid YAML: {problem}" + (f" ({context})" if context else "")


def yaml_problem(path: str, exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem(path, line, column, "", _explain(str(exc.problem or ""), str(exc.context or "")))
