"""HTML fragments for feedback: one question after "Check answer", and the results of an attempt.

Trust boundary: ``*_html`` fields of the model were rendered by the build from escaped Markdown
and are inserted as they are; every other string (plain texts, what the learner typed, ids,
links) goes through ``html.escape`` here. Verdicts are words, never colour alone.
"""

from __future__ import annotations

from html import escape

from widgets.lesson_url import LESSONS, lesson_url

from .grading import AttemptResult, QuestionResult
from .model import Module, MultipleChoice, Ordering, Question, plain_text

LESSON_BASE = "../../" + LESSONS


def number(value: float) -> str:
    """1 -> "1", 0.5 -> "0.5", 2/3 -> "0.67"."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def duration(seconds: int | float | None) -> str:
    """Seconds as mm:ss (minutes go past 59 rather than adding hours)."""
    if seconds is None or seconds < 0:
        return "not recorded"
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


def verdict(result: QuestionResult) -> str:
    if not result.answered:
        return "Not answered"
    if result.correct:
        return "Correct"
    if result.score > 0:
        return f"Partly correct ({result.right} of {result.of})"
    return "Not quite"


def _verdict_class(result: QuestionResult) -> str:
    if not result.answered:
        return "unanswered"
    return "correct" if result.correct else "partial" if result.score > 0 else "wrong"


def lesson_href(question: Question, lesson_base: str = LESSON_BASE) -> str:
    return lesson_url(question.lesson, question.anchor, base=lesson_base)


def question_feedback_html(
    question: Question, result: QuestionResult, *, lesson_base: str = LESSON_BASE, review: bool = False
) -> str:
    """Feedback for one question. In practice (``review=False``) an unanswered check only asks for
    an answer and reveals nothing; in a review (exam or results) everything is shown."""
    if not result.answered and not review:
        return (
            '<p class="aw-verdict aw-verdict--unanswered"><strong>Not answered yet.</strong> '
            "Give an answer, then check it.</p>"
        )
    out = [
        f'<p class="aw-verdict aw-verdict--{_verdict_class(result)}"><strong>{escape(verdict(result))}</strong>'
        f' <span class="aw-question-score">(score: {number(result.score)} of {result.max})</span></p>'
    ]
    if isinstance(question, MultipleChoice) and result.wrong_chosen:
        n = result.wrong_chosen
        out.append(
            f'<p class="aw-penalty">You also chose {n} option{"s" if n > 1 else ""} that '
            f"{'are' if n > 1 else 'is'} not correct; each one takes a share off the score.</p>"
        )
    out.append(_parts_html(question, result))
    out.append(f'<div class="aw-explanation">{question.explanation_html}</div>')
    out.append(
        f'<p class="aw-read-more"><a href="{escape(lesson_href(question, lesson_base))}">Read more in the lesson</a></p>'
    )
    return "\n".join(part for part in out if part)


def _parts_html(question: Question, result: QuestionResult) -> str:
    """What the in-place marks (``widgets.quiz.marks``) cannot show: an ordering's correct order."""
    if isinstance(question, Ordering) and not result.correct:
        correct = "".join(f"<li>{p.label_html}</li>" for p in result.parts)
        return f'<p class="aw-fb-heading">The correct order:</p><ol class="aw-correct-order">{correct}</ol>'
    return ""


STATUS_TEXT = {"correct": "Correct", "partial": "Partly correct", "wrong": "Not correct", "unanswered": "Not answered"}
STATUS_ICON = {"correct": "✓", "partial": "◐", "wrong": "✗", "unanswered": "–"}
STEM_WORDS = 12


def stem_start(question: Question, words: int = STEM_WORDS) -> str:
    """The first words of a question's text, as plain text (escape it to show it)."""
    parts = plain_text(question.text_html).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _status_html(result: QuestionResult) -> str:
    kind = _verdict_class(result)
    return (
        f'<span class="aw-status-mark aw-status-mark--{kind}"><span class="aw-icon" aria-hidden="true">'
        f"{STATUS_ICON[kind]}</span> {STATUS_TEXT[kind]}</span>"
    )


def _objective_rows(attempt: AttemptResult) -> str:
    rows = []
    for o in attempt.by_objective:
        percent = round(100 * o.score / o.max) if o.max else 0
        rows.append(
            f'<tr><th scope="row">{escape(o.text)}</th><td class="aw-objective-score">'
            f'<span class="aw-bar" aria-hidden="true"><span class="aw-bar-fill" style="width: {percent}%"></span></span>'
            f" {number(o.score)} of {o.max}</td></tr>"
        )
    return "".join(rows)


def _review_items(module: Module, attempt: AttemptResult, question_ids: list[str]) -> str:
    items = []
    for number_shown, qid in enumerate(question_ids, start=1):
        result = attempt.results[qid]
        stem = escape(stem_start(module.question(qid)))
        items.append(
            f'<li class="aw-review-item aw-review-item--{_verdict_class(result)}">'
            f'<a href="#q-{escape(qid)}" class="aw-review-link">Question {number_shown}: {stem}</a> '
            f'{_status_html(result)} <span class="aw-review-score">({number(result.score)} of {result.max})</span></li>'
        )
    return "".join(items)


def results_html(
    module: Module,
    attempt: AttemptResult,
    question_ids: list[str],
    *,
    seconds: int | float | None = None,
    hints_used: int = 0,
) -> str:
    """The results summary: score, time, hints, a table by objective, and a review list naming and
    linking each question (whose own feedback the page shows in place), then the retry buttons."""
    out = [
        '<section class="aw-summary">',
        f"<h2>Your results: {escape(module.title)}</h2>",
        f'<p class="aw-total"><strong>{number(attempt.total)} of {attempt.max}</strong> ({attempt.percent}%)'
        " — partly correct answers earn part of a point.</p>",
        f'<p class="aw-stats">Time taken: {escape(duration(seconds))} · Hints used: {int(hints_used)}</p>',
    ]
    if attempt.by_objective:
        out.append(
            '<div class="aw-table-wrap aw-by-objective"><table><caption>By objective</caption><thead><tr>'
            f'<th scope="col">Objective</th><th scope="col">Score</th></tr></thead>'
            f"<tbody>{_objective_rows(attempt)}</tbody></table></div>"
        )
    out.append(f'<h3>Review</h3><ol class="aw-review">{_review_items(module, attempt, question_ids)}</ol>')
    if attempt.unanswered:
        n = len(attempt.unanswered)
        out.append(f'<p class="aw-unanswered">{n} question{"s" if n > 1 else ""} left unanswered.</p>')
    missed = any(not r.correct for r in attempt.results.values())
    retry_missed = (
        ' <button type="button" class="md-button aw-retry-missed">Retry the ones I missed</button>' if missed else ""
    )
    out.append(
        f'<p class="aw-retry-actions"><button type="button" class="md-button aw-retry">Try again</button>{retry_missed}</p>'
    )
    out.append("</section>")
    return "\n".join(out)
