"""Every action the page can ask the worker for, in one table: (widget, action) -> the function
that answers it, and the names of its request and reply shapes (``TypedDict`` classes in the same
module as the function).

Modules are named, not imported: ``widgets.runtime`` imports a widget's module when it is first
asked for (or when the worker warms up while idle), so starting Python imports none of them.
``tests/test_python_boundary.py`` checks each row against the function's annotations.

Adding an action: write ``def my_action(payload: MyRequest) -> MyReply`` with two ``TypedDict``
shapes beside it (``widgets.shapes`` says which types are checked), and add its row here.

The self-check's rows are here too; ``widgets.selfcheck.actions.ACTIONS`` (its ``run``, for tests
and scripts) is read from this table, not written beside it.
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
SELFCHECK = "widgets.selfcheck.actions"
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
    "selfcheck": {
        "open": Action(SELFCHECK, "action_open", "OpenRequest", "OpenReply"),
        "score": Action(SELFCHECK, "action_score", "ScoreRequest", "ScoreReply"),
        "save": Action(SELFCHECK, "action_save", "EmptyRequest", "StoredReply"),
        "saved": Action(SELFCHECK, "action_saved", "SavedRequest", "CountReply"),
        "import": Action(SELFCHECK, "action_import", "ImportRequest", "ImportReply"),
        "delete": Action(SELFCHECK, "action_delete", "EmptyRequest", "CountReply"),
        "trend": Action(SELFCHECK, "action_trend", "TrendRequest", "TrendReply"),
        "export": Action(SELFCHECK, "action_export", "ExportRequest", "ExportReply"),
        "compare": Action(SELFCHECK, "action_compare", "CompareRequest", "CompareReply"),
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

#: every widget's name, in the order their modules warm up (the table's order: the self-check
#: after the class report, the runtime's own module last)
WIDGET_ORDER: tuple[str, ...] = tuple(ACTIONS)


def widget_modules() -> list[str]:
    """The modules that answer the page, each once, in warm-up order."""
    return list(dict.fromkeys(action.module for table in ACTIONS.values() for action in table.values()))
