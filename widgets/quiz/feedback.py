"""HTML fragments for feedback: one question after "Check answer", and the results of an attempt.

Trust boundary: ``*_html`` fields of the model were rendered by the build from escaped Markdown
and are inserted as they are; every other string (plain texts, what the learner typed, ids,
links) goes through ``html.escape`` here. Verdicts are words, never colour alone.
"""

from __future__ import annotations

from html import escape

from widgets.lesson_url import LESSONS, lesson_url

from .grading import AttemptResult, Part, QuestionResult
from .model import Matching, Module, MultipleChoice, Ordering, Question, ShortAnswer, SingleChoice, TrueFalse

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
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return _options_html(result.parts)
    if isinstance(question, TrueFalse):
        return _true_false_html(question, result)
    if isinstance(question, Matching):
        return _matching_html(result.parts)
    if isinstance(question, Ordering):
        return _ordering_html(result)
    if isinstance(question, ShortAnswer):
        return _short_answer_html(question, result.parts[0])
    return ""


def _item(kind: str, tag: str, body: str, feedback_html: str = "") -> str:
    extra = f' <span class="aw-fb-text">{feedback_html}</span>' if feedback_html else ""
    return f'<li class="aw-fb aw-fb--{kind}"><span class="aw-fb-tag">{escape(tag)}:</span> {body}{extra}</li>'


def _options_html(parts: tuple[Part, ...]) -> str:
    rows = []
    for p in parts:
        label = f'<span class="aw-fb-option">{p.label_html}</span>'
        if p.chosen and p.correct:
            rows.append(_item("right", "Your choice, correct", label, p.feedback_html))
        elif p.chosen:
            rows.append(_item("wrong", "Your choice, not correct", label, p.feedback_html))
        elif p.correct:
            rows.append(_item("missed", "A correct answer you did not choose", label, p.feedback_html))
    return f'<ul class="aw-option-feedback">{"".join(rows)}</ul>' if rows else ""


def _true_false_html(question: TrueFalse, result: QuestionResult) -> str:
    rows = []
    for p in result.parts:
        if p.chosen:
            tag = "Your answer, correct" if p.correct else "Your answer, not correct"
            rows.append(_item("right" if p.correct else "wrong", tag, p.label_html, p.feedback_html))
    if not result.correct:
        right = result.parts[0] if question.answer else result.parts[1]
        feedback = "" if result.answered else right.feedback_html
        rows.append(_item("missed", "The correct answer", right.label_html, feedback))
    return f'<ul class="aw-option-feedback">{"".join(rows)}</ul>'


def _matching_html(parts: tuple[Part, ...]) -> str:
    rows = []
    for p in parts:
        left = f'<span class="aw-fb-option">{p.label_html}</span>'
        if p.correct:
            rows.append(_item("right", "Matched correctly", f"{left} → {escape(p.given)}"))
        else:
            given = f"you chose {escape(p.given)}; " if p.chosen else "no match chosen; "
            rows.append(_item("wrong", "Not matched", f"{left} → {given}the match is {escape(p.expected)}"))
    return f'<ul class="aw-option-feedback">{"".join(rows)}</ul>'


def _ordering_html(result: QuestionResult) -> str:
    rows = []
    if result.answered:
        for p in result.parts:
            tag = "In the right place" if p.correct else "Not in this place"
            rows.append(_item("right" if p.correct else "wrong", tag, escape(p.given)))
    mine = (
        f'<p class="aw-fb-heading">Your order:</p><ol class="aw-option-feedback">{"".join(rows)}</ol>' if rows else ""
    )
    correct = "".join(f"<li>{p.label_html}</li>" for p in result.parts)
    return f'{mine}<p class="aw-fb-heading">The correct order:</p><ol class="aw-correct-order">{correct}</ol>'


def _short_answer_html(question: ShortAnswer, part: Part) -> str:
    rows = []
    if part.chosen:
        tag = "Your answer, accepted" if part.correct else "Your answer, not accepted"
        rows.append(
            _item("right" if part.correct else "wrong", tag, f"“{escape(part.given.strip())}”", part.feedback_html)
        )
    if not part.correct:
        accepted = ", ".join(f"“{escape(a)}”" for a in question.accept)
        rows.append(_item("missed", "Accepted answers", accepted))
    return f'<ul class="aw-option-feedback">{"".join(rows)}</ul>'


def results_html(
    module: Module,
    attempt: AttemptResult,
    question_ids: list[str],
    *,
    seconds: int | None = None,
    hints_used: int = 0,
) -> str:
    """The results summary: score, time, hints, a table by objective, and a review list linking
    each question (whose own feedback the page shows in place)."""
    out = [
        '<section class="aw-summary">',
        f"<h2>Your results: {escape(module.title)}</h2>",
        f'<p class="aw-total"><strong>{number(attempt.total)} of {attempt.max}</strong> ({attempt.percent}%)'
        " — partly correct answers earn part of a point.</p>",
        f'<p class="aw-stats">Time taken: {escape(duration(seconds))} · Hints used: {int(hints_used)}</p>',
    ]
    if attempt.by_objective:
        rows = "".join(
            f'<tr><th scope="row">{escape(o.text)}</th><td>{number(o.score)} of {o.max}</td></tr>'
            for o in attempt.by_objective
        )
        out.append(
            '<table class="aw-by-objective"><caption>By objective</caption><thead><tr>'
            f'<th scope="col">Objective</th><th scope="col">Score</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    items = []
    for number_shown, qid in enumerate(question_ids, start=1):
        result = attempt.results[qid]
        items.append(
            f'<li class="aw-review-item aw-review-item--{_verdict_class(result)}"><a href="#q-{escape(qid)}">'
            f"Question {number_shown}</a>: {escape(verdict(result))} ({number(result.score)} of {result.max})</li>"
        )
    out.append(f'<h3>Review</h3><ol class="aw-review">{"".join(items)}</ol>')
    if attempt.unanswered:
        n = len(attempt.unanswered)
        out.append(f'<p class="aw-unanswered">{n} question{"s" if n > 1 else ""} left unanswered.</p>')
    out.append('<p><button type="button" class="md-button aw-retry">Try again</button></p>')
    out.append("</section>")
    return "\n".join(out)
