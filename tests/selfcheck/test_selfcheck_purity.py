"""The self-check package is pure: standard library only, no js/pyodide, small modules."""

import ast
import sys
from pathlib import Path

import widgets.selfcheck

PACKAGE = Path(widgets.selfcheck.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_standard_library_and_own_imports() -> None:
    assert len(MODULES) >= 8
    for path in MODULES:
        outside = {r for r in imported_roots(path) if r not in sys.stdlib_module_names and r != "widgets"}
        assert not outside, (path.name, outside)
        assert not imported_roots(path) & {"js", "pyodide", "pyodide_js"}, path.name


def test_modules_stay_small() -> None:
    for path in MODULES:
        assert len(path.read_text(encoding="utf-8").splitlines()) < 500, path.name


def test_every_module_imports_on_cpython() -> None:
    import importlib

    for path in MODULES:
        importlib.import_module(f"widgets.selfcheck.{path.stem}" if path.stem != "__init__" else "widgets.selfcheck")
