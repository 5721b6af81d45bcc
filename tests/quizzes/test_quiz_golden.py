"""Golden files: each tests/quizzes/golden/<name>.yml renders exactly to <name>.html.

Regenerate after an intended change with ``pytest tests/quizzes --update-golden`` and review
the diff of the .html files like any other change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from scripts.quizzes.loader import load_bank
from scripts.quizzes.render import render_module

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 2


@pytest.mark.parametrize("source", CASES, ids=lambda p: p.stem)
def test_rendered_form_matches_golden(source: Path, request: pytest.FixtureRequest) -> None:
    bank = load_bank([source], docs_dir=HERE / "fixtures" / "docs")
    actual = render_module(bank.modules[source.stem]) + "\n"
    expected_path = source.with_suffix(".html")
    if request.config.getoption("--update-golden", default=False):
        expected_path.write_text(actual, encoding="utf-8")
        pytest.skip(f"updated {expected_path.name}")
    if not expected_path.exists():
        pytest.fail(f"{expected_path.name} is missing; run pytest tests/quizzes --update-golden and review it")
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{expected_path.name}",
                tofile="rendered",
            )
        )
        pytest.fail(
            f"rendered HTML differs from golden/{expected_path.name} "
            f"(run pytest tests/quizzes --update-golden if intended):\n{diff}",
            pytrace=False,
        )
