"""Which standard-library modules the build compiles to bytecode: the widgets' own imports, read
from their source (the shipped zip itself is checked in tests/test_build.py and, inside Pyodide,
in tests/pyodide/)."""

from scripts.stdlib_bytecode import imported_modules


def test_the_widgets_imports_are_read_from_source_including_those_inside_functions(tmp_path):
    package = tmp_path / "widgets"
    package.mkdir()
    (package / "__init__.py").write_text('__version__ = "1"\n')
    (package / "a.py").write_text(
        "from __future__ import annotations\nimport json\nfrom collections.abc import Mapping\n"
        "from . import b\nfrom widgets.b import x\n\ndef f():\n    import difflib\n"
    )
    assert imported_modules(tmp_path) == ["collections.abc", "difflib", "json"]


def test_the_real_widgets_need_what_they_grade_with():
    modules = imported_modules()
    assert {"json", "random", "html"} <= set(modules)
    assert not [m for m in modules if m.split(".")[0] == "widgets"]
