"""A working copy of the project for a build that may be changed on purpose (tests, benchmarks)."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.wheel import ROOT

_SKIP = shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "tests", "__pycache__", ".*cache*", "build")


def copy_project(target: Path) -> Path:
    """Copy the sources to ``target``; ``node_modules`` is linked, not copied. Returns ``target``."""
    shutil.copytree(ROOT, target, ignore=_SKIP)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target
