"""Only widgets/runtime.py may touch the browser (`js`, `pyodide`); the rest is plain Python. The
worker runs no Python of its own; every action is in one table, with request and reply shapes
checked at the boundary; the values both sides share are written once and published."""

import ast
import importlib
import json
import re
import shutil
import subprocess
import typing
from pathlib import Path

import pytest

from scripts.publish_constants import constants_js
from widgets import actions_table, constants, runtime, shapes

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


# --- one boundary: the worker calls widgets.runtime's functions, and nothing else -----------------


ROOT = WIDGETS.parent
WORKER = ROOT / "docs" / "javascripts" / "python-worker.js"


def test_the_worker_script_runs_no_python_of_its_own():
    source = WORKER.read_text(encoding="utf-8")
    assert not re.search(r"runPython|pyodide\.run|pyodide\.globals", source)
    assert 'pyimport("widgets.runtime")' in source
    called = set(re.findall(r"runtime\.(\w+)", source)) - {"destroy", "py"}  # widgets/runtime.py
    assert called == {"start", "widget_modules", "warm_up", "dispatch"}
    assert all(callable(getattr(runtime, name)) for name in called)


def test_the_runtime_functions_take_and_give_strings():
    info = json.loads(runtime.start())
    assert set(info) >= {"python", "widgets"} and info["widgets"] == constants.WIDGETS_VERSION
    modules = json.loads(runtime.widget_modules())
    assert modules == [
        "widgets.classifier",
        "widgets.quiz.actions",
        "widgets.quiz.code_actions",
        "widgets.quiz.report_actions",
        "widgets.selfcheck.actions",
        "widgets.progress.actions",
        "widgets.runtime",
    ]
    for name in modules:
        assert runtime.warm_up(name) is None
    with pytest.raises(ImportError):
        runtime.warm_up("widgets.no_such_module")


def table_rows():
    return [
        (widget, action, entry) for widget, table in actions_table.ACTIONS.items() for action, entry in table.items()
    ]


@pytest.mark.parametrize("widget, action, entry", table_rows(), ids=lambda v: v if isinstance(v, str) else "")
def test_each_row_of_the_table_matches_its_functions_annotations(widget, action, entry):
    module = importlib.import_module(entry.module)
    function = getattr(module, entry.function)
    hints = typing.get_type_hints(function)
    params = [name for name in hints if name != "return"]
    assert len(params) == 1, f"{widget} {action}: one parameter, the payload"
    assert hints[params[0]] is getattr(module, entry.request)
    assert hints["return"] is getattr(module, entry.reply)
    assert shapes.is_shape(hints[params[0]]) and shapes.is_shape(hints["return"])
    assert runtime.find_action(widget, action) is function


def test_the_table_names_every_widget_once_in_warm_up_order():
    assert sorted(actions_table.WIDGET_ORDER) == sorted(actions_table.ACTIONS)


def test_the_self_checks_own_list_is_read_from_the_table():
    from widgets.selfcheck.actions import ACTIONS

    for action, function in ACTIONS.items():
        assert runtime.find_action("selfcheck", action) is function
    reply = runtime.handle({"id": 1, "widget": "selfcheck", "action": "nope", "payload": {}})
    assert reply["error"]["message"].startswith("widget 'selfcheck' has no action 'nope'; its actions: ")


def call(widget, action, payload):
    return runtime.handle({"id": 9, "widget": widget, "action": action, "payload": payload})


@pytest.mark.parametrize(
    "widget, action, payload, message",
    [
        ("quiz", "open", {}, "'open' needs {'module': an object}, and 'module' is missing"),
        ("quiz", "open", {"module": [1]}, "'open' needs {'module': an object}, and 'module' is a list"),
        (
            "quiz",
            "layout",
            {"module_id": "m", "n": [3]},
            "'layout' needs {'n': a whole number or text or null}, and 'n' is a list",
        ),
        (
            "quiz",
            "check",
            {"module_id": 7, "question_id": "q"},
            "'check' needs {'module_id': text}, and 'module_id' is a whole number",
        ),
        (
            "quiz",
            "submit",
            {"module_id": "m", "question_ids": ["a", 2]},
            "'submit' needs {'question_ids[1]': text}, and 'question_ids[1]' is a whole number",
        ),
        (
            "analysis",
            "class_report",
            {"codes": "x", "modules": {}},
            "'class_report' needs {'codes': a list of text}, and 'codes' is text",
        ),
        (
            "progress",
            "session",
            {"course": {}, "now": 1, "size": True},
            "'session' needs {'size': a whole number or null}, and 'size' is true",
        ),
        (
            "progress",
            "open_modules",
            {"modules": [{}, "x"]},
            "'open_modules' needs {'modules[1]': an object}, and 'modules[1]' is text",
        ),
        (
            "classifier",
            "check",
            {"answers": {"s1": 3}},
            "'check' needs {'answers.s1': text or null}, and 'answers.s1' is a whole number",
        ),
        (
            "codes",
            "grade_codes",
            {"text": "x", "first_rows": 1.5},
            "'grade_codes' needs {'first_rows': a whole number or null}, and 'first_rows' is a number with a fraction",
        ),
    ],
)
def test_a_payload_of_the_wrong_shape_is_an_input_problem_naming_the_field(widget, action, payload, message):
    reply = call(widget, action, payload)
    assert reply == {"id": 9, "ok": False, "error": {"kind": "input", "message": message}}
    for python_word in ("str", "int", "float", "NoneType", "dict", "TypedDict", "Request"):
        assert not re.search(rf"\b{python_word}\b", message)


def test_keys_a_shape_does_not_name_are_left_alone_and_optional_keys_may_be_left_out():
    reply = call("classifier", "check", {"answers": {}, "from_an_older_page": True})
    assert reply["ok"], reply
    assert call("classifier", "check", {})["ok"]
    assert call("runtime", "info", {"anything": [1]})["ok"]


def test_shapes_say_what_they_expect_in_words():
    assert shapes.describe(list[dict[str, int]]) == "a list of objects"
    assert shapes.describe(int | str | None) == "a whole number or text or null"
    assert shapes.describe(typing.Literal["lines", "csv"]) == "one of 'lines', 'csv'"
    assert shapes.json_kind(False) == "false" and shapes.json_kind(2.0) == "a number"
    assert shapes.matches(True, int) is False and shapes.matches(3, float) is True


# --- constants written once (widgets/constants.py) and published to the page by the build ---------


def test_the_published_module_has_the_python_values(tmp_path):
    if shutil.which("node") is None:
        pytest.fail("Node.js is needed to read the published ES module")
    module = tmp_path / "constants.mjs"
    module.write_text(constants_js(), encoding="utf-8")
    done = subprocess.run(
        [
            "node",
            "--input-type=module",
            "-e",
            f"import * as c from {json.dumps(module.as_uri())}; console.log(JSON.stringify(c))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == constants.published()


def test_the_constants_are_the_ones_python_uses():
    from widgets.progress import store
    from widgets.quiz import code_actions
    from widgets.selfcheck import history

    assert code_actions.MAX_PAGE_LINES is constants.MAX_PAGE_LINES
    # kept in modules others own; once they import widgets.constants, these stay true
    assert store.STORAGE_KEY == constants.PROGRESS_STORAGE_KEY and store.FORMAT == constants.PROGRESS_FORMAT
    assert store.SCHEMA == constants.PROGRESS_SCHEMA
    assert history.STORAGE_KEY == constants.SELFCHECK_STORAGE_KEY
    assert history.MAX_SAVED_ENTRIES == constants.MAX_SAVED_SELFCHECK_ENTRIES
    assert constants.QUIZ_STORAGE_PREFIX == "alliance-quiz:v1:" and constants.SITE_CACHE_PREFIX == "alliance-site-"
    for name, value in constants.published().items():
        if isinstance(value, str) and name != "WIDGETS_VERSION":
            assert value.startswith(constants.SITE_PREFIX), name


def hard_coded(source: str) -> list[str]:
    """The shared values a JavaScript source writes itself (comments aside)."""
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    code = re.sub(r"(^|\s)//.*$", "", code, flags=re.M)
    found = []
    published = constants.published()
    for name, value in published.items():
        if isinstance(value, str) and name != "WIDGETS_VERSION":
            found += re.findall(r"([\"'`]" + re.escape(value) + r"[\"'`])", code)
    found += re.findall(re.escape(constants.SITE_PREFIX + "quiz:v"), code)  # a key built from its parts
    numbers = [n for n, v in published.items() if isinstance(v, int)] + ["STORE_VERSION"]
    found += re.findall(r"\bconst (?:" + "|".join(numbers) + r") = \d", code)
    return sorted(set(found))


def test_no_javascript_writes_a_shared_value_itself():
    offenders = {}
    for path in sorted((ROOT / "docs").rglob("*.js")):
        found = hard_coded(path.read_text(encoding="utf-8"))
        if found:
            offenders[path.relative_to(ROOT).as_posix()] = found
    assert offenders == {}, "import these from constants.js (widgets/constants.py) instead"
