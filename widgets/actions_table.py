"""Every action the page can ask the worker for, in one table: (widget, action) -> the function
that answers it, and the names of its request and reply shapes (``TypedDict`` classes in the same
module as the function).

Modules are named, not imported: ``widgets.runtime`` imports a widget's module when it is first
asked for (or when the worker warms up while idle), so starting Python imports none of them.
``tests/test_python_boundary.py`` checks each row against the function's annotations.

Adding an action: write ``def my_action(payload: MyRequest) -> MyReply`` with two ``TypedDict``
shapes beside it (``widgets.shapes`` says which types are checked), and add its row here.

The self-check's actions are listed by ``widgets.selfcheck.actions.ACTIONS`` itself (its module
is looked up when the "selfcheck" widget is first called); the same convention applies to them: a
function whose parameter is annotated with a ``TypedDict`` has its payload checked at the boundary.
"""

from __future__ import annotations

from typing import NamedTuple


class Action(NamedTuple):
    """Where an action lives: ``module.function(payload: module.request) -> module.reply``."""

    module: str
    function: str
    request: str
    reply: str


QUIZ = "widgets.quiz.actions"
CODES = "widgets.quiz.code_actions"
ANALYSIS = "widgets.quiz.report_actions"
PROGRESS = "widgets.progress.actions"
CLASSIFIER = "widgets.classifier"
RUNTIME = "widgets.runtime"

#: widget -> action -> where it lives (widgets in the order their modules warm up)
ACTIONS: dict[str, dict[str, Action]] = {
    "classifier": {
        "check": Action(CLASSIFIER, "check", "CheckRequest", "CheckReply"),
    },
    "quiz": {
        "open": Action(QUIZ, "open_module", "OpenRequest", "OpenReply"),
        "layout": Action(QUIZ, "layout", "LayoutRequest", "LayoutReply"),
        "check": Action(QUIZ, "check", "CheckRequest", "CheckReply"),
        "submit": Action(QUIZ, "submit", "SubmitRequest", "SubmitReply"),
    },
    "codes": {
        "make_code": Action(CODES, "make_code", "MakeCodeRequest", "MakeCodeReply"),
        "grade_codes": Action(CODES, "grade_codes", "GradeCodesRequest", "GradeCodesReply"),
    },
    "analysis": {
        "class_report": Action(ANALYSIS, "class_report", "ClassReportRequest", "ClassReportReply"),
    },
    "progress": {
        "summary": Action(PROGRESS, "action_summary", "SummaryRequest", "SummaryReply"),
        "import": Action(PROGRESS, "action_import", "ImportRequest", "ImportReply"),
        "export": Action(PROGRESS, "action_export", "ExportRequest", "ExportReply"),
        "open_modules": Action(PROGRESS, "action_open_modules", "OpenModulesRequest", "OpenModulesReply"),
        "session": Action(PROGRESS, "action_session", "SessionRequest", "SessionReply"),
        "answer": Action(PROGRESS, "action_answer", "AnswerRequest", "AnswerReply"),
    },
    "runtime": {
        "info": Action(RUNTIME, "info", "InfoRequest", "InfoReply"),
    },
}

#: widgets whose module keeps its own ``ACTIONS: dict[str, Callable]`` (the self-check's owner
#: renames and adds actions there)
LISTED_BY_MODULE: dict[str, str] = {"selfcheck": "widgets.selfcheck.actions"}

#: every widget's name, in the order their modules warm up (as before: the self-check after the
#: class report, the runtime's own module last)
WIDGET_ORDER: tuple[str, ...] = ("classifier", "quiz", "codes", "analysis", "selfcheck", "progress", "runtime")


def widget_module(widget: str) -> str | None:
    """The module of a widget's actions (``None`` for an unknown widget)."""
    if widget in LISTED_BY_MODULE:
        return LISTED_BY_MODULE[widget]
    actions = ACTIONS.get(widget)
    return next(iter(actions.values())).module if actions else None


def widget_modules() -> list[str]:
    """The modules that answer the page, each once, in warm-up order."""
    names = [widget_module(w) for w in WIDGET_ORDER]
    return list(dict.fromkeys(n for n in names if n is not None))
