"""The progress and review pages' actions: a request shape in, a reply shape out
(``widgets.actions_table`` lists them; ``widgets.runtime`` checks each payload first).

Every action gets the course (``course``: the JSON the build embeds in the page) and, where it
needs them, the stored progress (``stored``: the value under ``store.STORAGE_KEY``, or null) and
the time (``now``: ms since 1970; the page passes ``Date.now()`` or its documented test hook).
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict, cast

from widgets.quiz import actions as quiz_actions

from . import leitner
from .course import Course
from .store import Progress, export_filename, export_text, merge, read_progress, read_text
from .summary import day, summary

#: the course as the build embeds it in the page (``Course.to_json``)
CourseJson = dict[str, Any]


class CourseRequest(TypedDict):
    course: CourseJson
    #: the value saved under ``store.STORAGE_KEY`` (null: nothing saved; anything else is read,
    #: and a spoiled value is reported by ``store.read_progress``)
    stored: NotRequired[Any]


class SummaryRequest(CourseRequest):
    #: ms since 1970
    now: float
    root: NotRequired[str | None]
    utc_offset_min: NotRequired[float | None]


#: the summary's HTML, and where "Continue" leads (``{"url", "text"}``, or null); "continue" is
#: a word Python keeps for itself, hence this way of writing the shape
SummaryReply = TypedDict("SummaryReply", {"html": str, "continue": dict[str, str] | None})


class ImportRequest(CourseRequest):
    #: the progress file's text (null: ``store.read_text`` says a file's text was expected)
    text: NotRequired[str | None]


class ImportReply(TypedDict):
    stored: dict[str, Any]
    message: str


class ExportRequest(CourseRequest):
    #: the page's date, YYYY-MM-DD, for the file's name
    today: NotRequired[str | None]


class ExportReply(TypedDict):
    text: str
    filename: str
    mime: str


class OpenModulesRequest(TypedDict):
    modules: list[quiz_actions.ModuleJson]


class OpenModulesReply(TypedDict):
    opened: list[str]


class SessionRequest(CourseRequest):
    now: float
    size: NotRequired[int | None]
    utc_offset_min: NotRequired[float | None]


class SessionQuestionJson(TypedDict):
    id: str
    module_id: str


class SessionReply(TypedDict):
    questions: list[SessionQuestionJson]
    message: NotRequired[str]


class AnswerRequest(quiz_actions.CheckRequest):
    now: float
    #: the question's Leitner card (``{"box", "seen"}``); anything else counts as a new card
    card: NotRequired[Any]


class AnswerReply(quiz_actions.CheckReply):
    card: dict[str, int]
    box_note: str


def _course(payload: CourseRequest) -> Course:
    return Course.from_json(payload.get("course"))


def _now(payload: SummaryRequest | SessionRequest | AnswerRequest) -> int:
    now: object = payload.get("now")
    if isinstance(now, bool) or not isinstance(now, (int, float)):
        raise ValueError(f"'now' must be a time in milliseconds, got {now!r}")
    return int(now)


def _stored(payload: CourseRequest, course: Course) -> Progress:
    stored = payload.get("stored")
    if stored is None:
        return Progress()
    return read_progress(stored, course, "Your saved progress")


def action_summary(payload: SummaryRequest) -> SummaryReply:
    course = _course(payload)
    offset = payload.get("utc_offset_min") or 0
    # ``summary`` answers {"html", "continue"} ("continue" is a word Python keeps for itself)
    return cast(
        SummaryReply,
        summary(
            course,
            _stored(payload, course),
            root=str(payload.get("root") or ""),
            now=_now(payload),
            utc_offset_min=int(offset),
        ),
    )


def action_import(payload: ImportRequest) -> ImportReply:
    course = _course(payload)
    mine = _stored(payload, course)
    theirs = read_text(payload.get("text"), course)
    merged = merge(mine, theirs)
    parts = []
    for label, n in (
        ("lesson", len(theirs.lessons)),
        ("quiz score", len(theirs.quizzes)),
        ("reviewed question", len(theirs.review)),
    ):
        parts.append(f"{n} {label}{'s' if n != 1 else ''}")
    message = f"Added what the file holds ({', '.join(parts)}) to the progress saved here."
    if theirs.dropped:
        message += (
            f" {theirs.dropped} entr{'ies' if theirs.dropped != 1 else 'y'} about lessons or questions "
            "this course no longer has were left out."
        )
    return {"stored": merged.to_dict(), "message": message}


def action_export(payload: ExportRequest) -> ExportReply:
    course = _course(payload)
    progress = _stored(payload, course)
    today = str(payload.get("today") or "")[:10] or "export"
    return {"text": export_text(progress), "filename": export_filename(today), "mime": "application/json"}


def action_open_modules(payload: OpenModulesRequest) -> OpenModulesReply:
    modules: object = payload.get("modules")
    if not isinstance(modules, list):
        raise ValueError("'open_modules' needs {'modules': [<module JSON>, ...]}")
    return {"opened": [quiz_actions.open_module({"module": m})["id"] for m in modules]}


def action_session(payload: SessionRequest) -> SessionReply:
    course = _course(payload)
    progress = _stored(payload, course)
    now = _now(payload)
    size: object = payload.get("size") or leitner.SESSION_SIZE
    if isinstance(size, bool) or not isinstance(size, int):
        raise ValueError(f"'size' must be a whole number of questions, got {size!r}")
    modules = [(m.id, m.question_ids) for m in course.modules.values()]
    quiz = progress.quiz_evidence()
    questions = leitner.pick_session(modules, progress.review, quiz, now, size)
    owner = course.question_module
    result: SessionReply = {"questions": [{"id": q, "module_id": owner[q]} for q in questions]}
    if not questions:
        upcoming = leitner.next_due(leitner.effective_cards(progress.review, quiz).values(), now)
        when = (
            f" The next question is due on {day(upcoming, int(payload.get('utc_offset_min') or 0))}."
            if upcoming
            else ""
        )
        result["message"] = f"Nothing is due for review right now.{when}"
    return result


def action_answer(payload: AnswerRequest) -> AnswerReply:
    """Grade one review answer with the quiz's grader and move the question between boxes."""
    now = _now(payload)
    graded = quiz_actions.check(payload)
    raw: object = payload.get("card")
    card = None
    if isinstance(raw, dict) and isinstance(raw.get("box"), int) and isinstance(raw.get("seen"), (int, float)):
        if 1 <= raw["box"] <= leitner.BOXES:
            card = leitner.Card(raw["box"], int(raw["seen"]))
    fully_right = graded["score"] >= 1
    moved = leitner.answer(card, fully_right, now)
    days = leitner.INTERVAL_DAYS[moved.box - 1]
    again = f"asked again in {days} day{'s' if days != 1 else ''} or later"
    note = f"Right: moves to box {moved.box}, {again}." if fully_right else f"Not fully right: back to box 1, {again}."
    return {**graded, "card": moved.to_dict(), "box_note": note}
