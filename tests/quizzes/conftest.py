"""Shared fixtures of the quiz tests, and the ``--update-golden`` option."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.quizzes.loader import load_bank
from widgets.quiz.model import Module

HERE = Path(__file__).parent
FIXTURE_DOCS = HERE / "fixtures" / "docs"
GOLDEN = HERE / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/quizzes/golden/*.html from the current renderer instead of comparing",
    )


@pytest.fixture(scope="session")
def every_type() -> Module:
    """A valid module with one question of each type (tests/quizzes/golden/every-type.yml)."""
    return load_bank([GOLDEN / "every-type.yml"], docs_dir=FIXTURE_DOCS).modules["every-type"]
