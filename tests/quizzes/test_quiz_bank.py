"""The real bank (quizzes/*.yml): it validates, it matches quizzes/schema.json, and the CLI says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from scripts.quizzes.loader import PROJECT_ROOT, QUIZZES_DIR, load_bank
from scripts.quizzes.render import render_module

HERE = Path(__file__).parent
BANK = sorted(QUIZZES_DIR.glob("*.yml"))
SCHEMA = QUIZZES_DIR / "schema.json"
needs_bank = pytest.mark.skipif(not BANK, reason="quizzes/ has no .yml files yet (the bank is written separately)")


@needs_bank
def test_the_whole_bank_validates() -> None:
    bank = load_bank()  # raises QuizProblems, listing every problem, if anything is wrong
    assert sorted(bank.modules) == sorted(p.stem for p in BANK)
    for module in bank.modules.values():
        assert render_module(module).startswith('<form class="aw-widget aw-quiz"')


@needs_bank
def test_bank_files_point_editors_at_the_schema() -> None:
    for path in BANK:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./schema.json", path.name


def _validator():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (make setup installs it)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", BANK + sorted((HERE / "golden").glob("*.yml")), ids=lambda p: p.name)
def test_valid_files_match_the_json_schema(path: Path) -> None:
    validator = _validator()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(YAML(typ="safe").load(path))]
    assert errors == []


@pytest.mark.parametrize(
    "name",
    [
        "unknown-key",
        "wrong-type",
        "missing-field",
        "single-two-correct",
        "single-none-correct",
        "empty-option",
        "matching-one-pair",
        "ordering-one-item",
        "non-string-id",
        "unknown-type",
        "short-answer-empty",
        "shuffle-not-boolean",
    ],
)
def test_the_schema_also_rejects_what_it_can_express(name: str) -> None:
    validator = _validator()
    assert list(validator.iter_errors(YAML(typ="safe").load(HERE / "invalid" / f"{name}.yml")))


def test_the_loader_does_not_need_jsonschema() -> None:
    code = (
        "import sys; sys.modules['jsonschema'] = None; "
        "import scripts.quizzes.loader, scripts.quizzes.render, scripts.quizzes.__main__"
    )
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.quizzes", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )


@needs_bank
def test_cli_checks_the_bank_by_default() -> None:
    done = run_cli("check")
    assert done.returncode == 0, done.stdout + done.stderr
    bank = load_bank()
    assert done.stdout == f"{len(bank.modules)} modules, {bank.question_count} questions: all valid\n"


def test_cli_prints_every_problem_and_exits_1() -> None:
    docs = str(HERE / "fixtures" / "docs")
    done = run_cli(
        "check",
        "--docs-dir",
        docs,
        "tests/quizzes/invalid/several-problems.yml",
        "tests/quizzes/invalid/yaml-syntax.yml",
    )
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 9 and all(line.startswith("tests/quizzes/invalid/") for line in lines)
    assert lines[-1].startswith("tests/quizzes/invalid/yaml-syntax.yml:25:20: invalid YAML")
    assert "Traceback" not in done.stdout + done.stderr


def test_cli_valid_files() -> None:
    done = run_cli("check", "--docs-dir", str(HERE / "fixtures" / "docs"), "tests/quizzes/golden/every-type.yml")
    assert (done.returncode, done.stdout) == (0, "1 module, 6 questions: all valid\n")


@pytest.mark.parametrize("content", [b"", b"\xff\xfe not utf-8", b"- [unclosed\n", b"just text\n"])
def test_cli_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_bytes(content)
    done = run_cli("check", str(bad))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.startswith(f"{bad}:1:") or done.stdout.startswith(f"{bad}:2:"), done.stdout


def test_cli_missing_file() -> None:
    done = run_cli("check", "quizzes/no-such-module.yml")
    assert done.returncode == 1
    assert done.stderr == "quizzes/no-such-module.yml: no such file\n"
