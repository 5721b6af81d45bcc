"""Whatever an author writes, the loader answers with problems (or a module), never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.quizzes.loader import load_bank
from scripts.quizzes.problems import QuizProblems

HERE = Path(__file__).parent
SOURCE = (HERE / "golden" / "every-type.yml").read_text(encoding="utf-8").splitlines()
VALUES = [
    "",
    "~",
    "42",
    "true",
    "[]",
    "{}",
    "[a, b]",
    "'quoted'",
    "x: y",
    "- item",
    "|\n  block",
    "-1",
    "singel",
    "x#nowhere",
    "x#markers",
    "recognise",
    '""',
    "no",
]


@st.composite
def mutated(draw) -> str:
    lines = list(SOURCE)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(1, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "value", "indent", "dedent"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(VALUES))}"
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent" and lines[i].startswith("  "):
            lines[i] = lines[i][2:]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_any_edit_gives_problems_or_a_module(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("q") / "every-type.yml"
    path.write_text(text, encoding="utf-8")
    try:
        bank = load_bank([path], docs_dir=HERE / "fixtures" / "docs")
    except QuizProblems as problems:
        assert problems.problems
        for problem in problems.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")
    else:
        assert "every-type" in bank.modules
