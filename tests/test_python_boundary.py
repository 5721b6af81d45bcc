"""Only widgets/runtime.py may touch the browser (`js`, `pyodide`); the rest is plain Python."""

import ast
from pathlib import Path

WIDGETS = Path(__file__).resolve().parents[1] / "widgets"
BROWSER_MODULES = {"js", "pyodide", "pyodide_js"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_the_runtime_module_imports_js_or_pyodide():
    offenders = {
        str(p.relative_to(WIDGETS.parent)): sorted(imported_roots(p) & BROWSER_MODULES)
        for p in WIDGETS.rglob("*.py")
        if p.name != "runtime.py" and imported_roots(p) & BROWSER_MODULES
    }
    assert offenders == {}


def test_the_runtime_module_is_the_one_that_does():
    assert "pyodide" in imported_roots(WIDGETS / "runtime.py")


def test_widgets_use_only_the_standard_library():
    import sys

    allowed = set(sys.stdlib_module_names) | {"widgets"} | BROWSER_MODULES
    for path in WIDGETS.rglob("*.py"):
        extra = imported_roots(path) - allowed
        assert not extra, f"{path}: imports {sorted(extra)} (widgets must be stdlib-only)"
