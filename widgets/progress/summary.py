"""The "My progress" page's content: lessons, quiz scores, mastery by objective, what is due for
review, and where to continue. HTML strings, every text escaped here."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from html import escape
from typing import Any

from widgets.quiz.feedback import number

from .course import Course
from .leitner import box_counts, effective_cards, next_due, pick_session
from .mastery import LEVEL_TEXT, latest_scores, objective_mastery
from .store import Progress


def day(ms: int, utc_offset_min: int = 0) -> str:
    """A time as the reader's calendar day, e.g. '30 Nov 2026'."""
    moment = datetime.fromtimestamp(ms / 1000, tz=timezone(timedelta(minutes=utc_offset_min)))
    return f"{moment.day} {moment:%b %Y}"


def continue_target(course: Course, progress: Progress) -> dict[str, str] | None:
    """Where "Continue" leads (docs/javascripts/lesson-progress.js applies the same rule on the
    home page): the lesson seen most recently if it is not read yet; else the first lesson in
    course order not read; else the first quiz module with no score; else the review.
    None while nothing is stored: there is nothing to continue."""
    if progress.is_empty():
        return None
    started = [
        (lesson.seen, info)
        for info in course.lessons
        if (lesson := progress.lessons.get(info.slug)) and lesson.seen is not None and lesson.read is None
    ]
    if started:
        _, info = max(started, key=lambda pair: pair[0])
        return {"url": info.url, "text": f"Continue reading: {info.title}"}
    for info in course.lessons:
        lesson = progress.lessons.get(info.slug)
        if lesson is None or lesson.read is None:
            return {"url": info.url, "text": f"Next lesson: {info.title}"}
    for module in course.modules.values():
        if module.id not in progress.quizzes:
            return {"url": module.url, "text": f"Next quiz: {module.title}"}
    return {"url": "review/", "text": "Review what you have learned"}


def _link(root: str, url: str, text: str) -> str:
    return f'<a href="{escape(root + url)}">{escape(text)}</a>'


def _table(caption: str, head: tuple[str, ...], rows: list[str], css: str, attrs: str = "") -> str:
    cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    return (
        f'<div class="aw-table-wrap {css}"{attrs} role="region" tabindex="0" aria-label="{escape(caption)}">'
        f"<table><caption>{escape(caption)}</caption>"
        f"<thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def lessons_html(course: Course, progress: Progress, root: str, tz: int) -> str:
    rows = []
    done = 0
    for info in course.lessons:
        lesson = progress.lessons.get(info.slug)
        if lesson and lesson.read is not None:
            done += 1
            status = f"✓ Read on {day(lesson.read, tz)}"
        elif lesson and lesson.seen is not None:
            status = f"Started on {day(lesson.seen, tz)}"
        else:
            status = "Not started"
        rows.append(f'<tr><th scope="row">{_link(root, info.url, info.title)}</th><td>{escape(status)}</td></tr>')
    caption = f"Lessons: {done} of {len(course.lessons)} read"
    return _table(caption, ("Lesson", "Status"), rows, "aw-progress-lessons")


def quizzes_html(course: Course, progress: Progress, root: str, tz: int) -> str:
    rows = []
    for module in course.modules.values():
        record = progress.quizzes.get(module.id)
        if record is None:
            cells = "<td>Not taken</td><td>—</td>"
        else:
            last, best = record.last, record.best
            cells = (
                f"<td>{_points(last.score)} of {last.max} ({last.percent}%) on {escape(day(last.at, tz))}</td>"
                f"<td>{_points(best.score)} of {best.max} ({best.percent}%)</td>"
            )
        rows.append(
            f'<tr data-module-id="{escape(module.id)}"><th scope="row">{_link(root, module.url, module.title)}</th>{cells}</tr>'
        )
    taken = sum(1 for m in course.modules if m in progress.quizzes)
    return _table(
        f"Quizzes: {taken} of {len(course.modules)} taken",
        ("Quiz", "Last score", "Best score"),
        rows,
        "aw-progress-quizzes",
    )


def _points(score: float) -> str:
    """A score as the quiz showed it (1, 7.5, 7.67): one formatting for the whole site."""
    return number(score)


def mastery_html(course: Course, progress: Progress, root: str = "") -> str:
    """A table for each module with any answer; one line naming the modules not started."""
    scores = latest_scores(progress.review, progress.quiz_evidence())
    parts, untouched = [], []
    for module in course.modules.values():
        found = [objective_mastery(module.id, o.text, o.id, o.question_ids, scores) for o in module.objectives]
        if all(m.level == "not-started" for m in found):
            untouched.append(_link(root, module.url, module.title))
            continue
        rows = []
        for m in found:
            right = "" if m.mean is None else f", {round(100 * m.mean)}% right"
            rows.append(
                f'<tr data-level="{m.level}"><td>{escape(m.text)}</td>'
                f'<td><span class="aw-level aw-level--{m.level}">{escape(LEVEL_TEXT[m.level])}</span></td>'
                f"<td>{m.answered} of {m.total}{right}</td></tr>"
            )
        parts.append(
            _table(
                module.title,
                ("Objective", "Level", "Questions answered"),
                rows,
                "aw-progress-mastery",
                f' data-module-id="{escape(module.id)}"',
            )
        )
    if untouched:
        lead = (
            "Not started yet"
            if parts
            else "No answers yet. Take a quiz or a review to see how each objective stands. Not started"
        )
        parts.append(f'<p class="aw-progress-untouched">{lead}: {", ".join(untouched)}.</p>')
    return "".join(parts)


def review_html(course: Course, progress: Progress, root: str, tz: int, now: int) -> str:
    modules = [(m.id, m.question_ids) for m in course.modules.values()]
    quiz = progress.quiz_evidence()
    cards = effective_cards(progress.review, quiz)
    due = [q for q in pick_session(modules, progress.review, quiz, now, size=10_000) if q in cards or q in quiz]
    counts = box_counts(progress.review.values())
    parts = [
        f"<p>{len(due)} question{'s' if len(due) != 1 else ''} you have answered {'are' if len(due) != 1 else 'is'} due "
        "for review now; a review round also brings questions you have not met yet."
    ]
    upcoming = next_due(cards.values(), now)
    if not due and upcoming is not None:
        parts.append(f" The next one is due on {escape(day(upcoming, tz))}.")
    parts.append(f" {_link(root, 'review/', 'Start a review')}</p>")
    if any(counts):
        parts.append(
            "<p>Reviewed questions by box: "
            + ", ".join(
                f"box {i} ({days}): {n}"
                for i, (n, days) in enumerate(zip(counts, ("1 day", "3 days", "7 days", "16 days"), strict=True), 1)
            )
            + ".</p>"
        )
    return "".join(parts)


def summary(course: Course, progress: Progress, *, root: str, now: int, utc_offset_min: int = 0) -> dict[str, Any]:
    target = continue_target(course, progress)
    cont = (
        (
            f'<p class="aw-continue"><a class="md-button md-button--primary" href="{escape(root + target["url"])}">'
            f"{escape(target['text'])}</a></p>"
        )
        if target
        else (
            "<p>Nothing saved yet. Start with the first lesson; this page fills in as you read and take the quizzes.</p>"
        )
    )
    html = "".join(
        [
            cont,
            '<h2 id="lessons">Lessons</h2>',
            lessons_html(course, progress, root, utc_offset_min),
            '<h2 id="quizzes">Quizzes</h2>',
            quizzes_html(course, progress, root, utc_offset_min),
            '<h2 id="mastery">Mastery by objective</h2>',
            mastery_html(course, progress, root),
            '<h2 id="review">Review</h2>',
            review_html(course, progress, root, utc_offset_min, now),
        ]
    )
    return {"html": html, "continue": target}
