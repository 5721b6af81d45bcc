"""Anchors and aliases are refused where they appear, before anything is expanded (issue 14).

libyaml composes anchors and aliases into a shared graph; expanding it is exponential for a
"billion laughs" file and endless for a recursive alias. Quiz files have no use for them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.quizzes.problems import yaml_problem
from scripts.quizzes.source import parse
from scripts.quizzes.yaml_tree import AnchorError, load

ROOT = Path(__file__).resolve().parents[2]
INVALID = Path(__file__).parent / "invalid"

HINT = "quiz files don't use anchors; write the value out"


@pytest.mark.parametrize(
    ("text", "where", "found"),
    [
        ("a: &x [1, 2]\nb: *x\n", (1, 4), "'&x' is a YAML anchor"),
        ("a: 1\nb: *nowhere\n", (2, 4), "'*nowhere' is a YAML alias"),
        ("questions: &q [*q]\n", (1, 12), "'&q' is a YAML anchor"),
        ("- &s text\n", (1, 3), "'&s' is a YAML anchor"),
        ("? &k key\n: value\n", (1, 3), "'&k' is a YAML anchor"),
    ],
)
def test_anchor_or_alias_is_a_problem_at_its_position(text: str, where: tuple[int, int], found: str) -> None:
    tree, problem = parse(text, "quizzes/x.yml")
    assert tree is None and problem is not None
    assert (problem.line, problem.column) == where
    assert problem.message.startswith(found + ": " + HINT)


def test_quoted_ampersand_and_star_are_plain_text() -> None:
    assert load('a: "&x"\nb: "*x"\nc: x & y\n') == {"a": "&x", "b": "*x", "c": "x & y"}


def test_billion_laughs_is_refused_before_expansion() -> None:
    with pytest.raises(AnchorError):
        load((INVALID / "billion-laughs.yml").read_text(encoding="utf-8"))


def test_one_document_only() -> None:
    tree, problem = parse("a: 1\n---\nb: 2\n", "quizzes/x.yml")
    assert tree is None and problem is not None and problem.line == 2


def test_positions_and_values_unchanged_by_the_event_reader() -> None:
    tree = load("a: 1\nb:\n  - x\n  - {c: true, d: 2.5, e: ~, f: yes}\n")
    assert tree == {"a": 1, "b": ["x", {"c": True, "d": 2.5, "e": None, "f": "yes"}]}
    assert tree.lc.key("b") == (1, 0)
    assert tree["b"].lc.item(1) == (3, 4)
    assert tree["b"][1].lc.value("d") == (3, 17)


@pytest.mark.parametrize("name", ["billion-laughs.yml", "recursive-alias.yml"])
def test_check_command_answers_with_the_message(name: str) -> None:
    # the timeout only keeps a regression from hanging the suite; today's code must not need it
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scripts.quizzes",
            "check",
            str(INVALID / name),
            "--docs-dir",
            str(Path(__file__).parent / "fixtures" / "docs"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert f"tests/quizzes/invalid/{name}:8:" in done.stdout
    assert HINT in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_yaml_problem_keeps_other_messages() -> None:
    import yaml

    try:
        load("a: b: c\n")
    except yaml.MarkedYAMLError as exc:
        assert "a ': ' inside an unquoted value" in yaml_problem("x.yml", exc).message
    else:  # pragma: no cover
        raise AssertionError("expected a syntax error")
