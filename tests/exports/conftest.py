"""Shared fixtures of the export and results-code tests: the real bank, the fixture modules that
hold every question type and every escaping hazard, and gift-pegjs run through Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.quizzes.loader import PROJECT_ROOT, load_bank
from widgets.quiz.model import Module

HERE = Path(__file__).parent
QUIZ_TESTS = HERE.parent / "quizzes"
PARSE_GIFT = HERE / "parse_gift.mjs"


@pytest.fixture(scope="session")
def bank():
    return load_bank()


@pytest.fixture(scope="session")
def fixture_modules() -> dict[str, Module]:
    """every-type (one question of each type) and escaping (markup and tiny matching/ordering)."""
    files = [QUIZ_TESTS / "golden" / "every-type.yml", QUIZ_TESTS / "golden" / "escaping.yml"]
    return load_bank(files, docs_dir=QUIZ_TESTS / "fixtures" / "docs").modules


@pytest.fixture(scope="session")
def all_modules(bank, fixture_modules) -> dict[str, Module]:
    return {**bank.modules, **fixture_modules}


def parse_gift_many(texts: list[str]) -> list[dict]:
    """Parse GIFT documents with the pinned npm gift-pegjs: one Node process for all of them.
    Each result is {"ok": [...questions]} or {"error": message, "location": ...}."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed; the GIFT tests need Node 20 and npm gift-pegjs (run 'make setup')")
    if not (PROJECT_ROOT / "node_modules" / "gift-pegjs").is_dir():
        pytest.fail("node_modules/gift-pegjs is missing; run 'make setup' (npm ci)")
    done = subprocess.run(
        [node, str(PARSE_GIFT), "--many"],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def parse_gift(text: str) -> list[dict]:
    (result,) = parse_gift_many([text])
    assert "ok" in result, f"gift-pegjs rejected the GIFT: {result}"
    return result["ok"]
