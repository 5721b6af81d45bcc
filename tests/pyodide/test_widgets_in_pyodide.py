"""The widget tests again, inside real Pyodide (npm `pyodide` under Node), against the wheel the site
ships, and booted with the standard library the site ships (partly compiled to bytecode)."""

import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from scripts.pyodide_bundle import write_runtime
from scripts.wheel import build_wheel

ROOT = Path(__file__).resolve().parents[2]
#: test files that exercise browser-side Python (grading, scoring, the JSON protocol)
WIDGET_TESTS = [
    "tests/widgets",
    "tests/selfcheck",
    "tests/quizzes/test_quiz_grading.py",
    "tests/quizzes/test_quiz_actions.py",
    "tests/exports/test_results_codes.py",
]


@pytest.mark.pyodide
def test_widget_suite_passes_inside_pyodide(tmp_path):
    if shutil.which("node") is None:
        pytest.fail("Node.js is needed to run Pyodide outside the browser")
    wheel = build_wheel()
    wheel_path = tmp_path / wheel.filename
    wheel_path.write_bytes(wheel.data)
    assets = tmp_path / "site" / "assets"
    stdlib = assets / write_runtime(tmp_path / "site").manifest["stdLibURL"]
    paths = [p for p in WIDGET_TESTS if (ROOT / p).exists()]
    done = subprocess.run(
        [
            "node",
            "tests/pyodide/run_pytest.mjs",
            str(wheel_path),
            sysconfig.get_paths()["purelib"],
            "--stdlib",
            str(stdlib),
            "--",
            "--ignore-glob=*_properties.py",
            *paths,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    print(output[-3000:])
    assert "widgets from the wheel: /lib/python3.14/site-packages/widgets" in output
    assert "json from: /lib/python314.zip/json/__init__.pyc" in output  # the site's bytecode
    assert done.returncode == 0, output[-3000:]
    assert " passed" in output and " failed" not in output
