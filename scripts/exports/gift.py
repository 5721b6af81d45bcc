"""Moodle GIFT: ``module_to_gift`` (one module) and ``bank_to_gift`` (all.gift, every module).

Choices made here, also written into each file's header:

- Texts are ``[html]``: the HTML the build rendered from the author's Markdown (safe: raw HTML
  in quiz files was escaped), so emphasis and links survive. Matching right-hand texts and
  accepted short answers are plain text, as Moodle stores them.
- Escaped in every text: ``\\ ~ = # { } :`` with a backslash; a line break is written ``\\n``
  (a blank line would end the question). ``->`` in HTML is written ``-&gt;`` (same rendering;
  a raw ``->`` would split a match); an HTML text starting with a format marker such as
  ``[html]`` gets ``&#91;`` for its ``[``, and one starting with ``%`` gets ``&#37;`` (else they
  would be read as a format or a weight). An accepted short answer that GIFT would misread
  (containing ``->``, starting with ``%`` or a format marker) is left out with a note.
- Question name ``::<question id>::``; a comment line before each question carries
  ``[tag:<objective>] [tag:<difficulty>]`` (Moodle 3.6+ imports them as tags).
- Single choice ``=right ~wrong``; multiple select has no ``=``: ``~%w%`` on every option with
  weights from ``weights.multiple_weights`` (right +100/k, wrong -100/k; Moodle floors at 0 like
  the course); per-option feedback ``#``; the explanation is the general feedback ``####``.
- True/false ``{T#…#…}`` / ``{F#…#…}``: Moodle reads the first feedback as the one for a wrong
  answer and the second for a right answer, so they are written in that order.
- Matching ``=left -> right``; distractors ``= -> text`` (an empty left is an extra wrong
  choice); no feedback per pair (the model has none; GIFT has none either).
- Ordering: GIFT has no ordering type -> matching of items to "Position 1..n" (see ``convert``).
- Short answer ``{=a =b}`` plus ``=%0%*#…`` when there is feedback for wrong answers (``*``
  matches anything; a literal ``*`` in an answer is written ``\\*``). Moodle compares answers
  ignoring case but not spacing or a final full stop, which the course also forgives.
- Hints are not exported (GIFT has none).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from widgets.quiz.codes import as_modules
from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

from .convert import Note, fit_matching, fit_ordering_as_matching, hint_note
from .weights import multiple_weights

FMT = "GIFT"
CATEGORY_ROOT = "alliance"
_ESCAPES = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n"}
_FORMAT_MARKER = re.compile(r"\[(html|moodle|plain|markdown)\]")


def escape_gift(text: str) -> str:
    """Backslash-escape GIFT's special characters; line breaks become ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(_ESCAPES.get(c, c) for c in text)


def gift_html(html: str) -> str:
    """HTML as a GIFT text carries it (same rendering): see the module docstring."""
    html = html.strip().replace("->", "-&gt;")
    if _FORMAT_MARKER.match(html):
        html = "&#91;" + html[1:]
    elif html.startswith("%"):
        html = "&#37;" + html[1:]
    return html


def _html(html: str) -> str:
    return escape_gift(gift_html(html))


def _plain(text: str) -> str:
    return escape_gift(" ".join(text.split()))


def short_answer_text(answer: str) -> str | None:
    """An accepted answer as written in GIFT before escaping (``*`` made literal), or None when
    GIFT cannot carry it."""
    answer = " ".join(answer.split())
    if not answer or "->" in answer or answer.startswith("%") or _FORMAT_MARKER.match(answer):
        return None
    return answer.replace("*", "\\*")


def comment(text: str) -> str:
    """One ``//`` line; bracketed ``[id:``/``[tag:`` would be read as metadata, so they are softened."""
    text = " ".join(text.split()).replace("[id:", "(id:").replace("[tag:", "(tag:")
    return f"// {text}".rstrip()


def _feedback(html: str) -> str:
    return f"#{_html(html)}" if html.strip() else ""


def _options(q: SingleChoice | MultipleChoice) -> tuple[str, list[Note]]:
    lines, notes = [], []
    if isinstance(q, SingleChoice):
        for o in q.options:
            lines.append(f"\t{'=' if o.correct else '~'}{_html(o.text_html)}{_feedback(o.feedback_html)}")
        return "\n".join(lines), notes
    weights = multiple_weights(sum(o.correct for o in q.options))
    if weights.note:
        notes.append(Note(q.id, "changed", weights.note))
    right = iter(weights.right)
    for o in q.options:
        w = next(right) if o.correct else weights.wrong
        lines.append(f"\t~%{w}%{_html(o.text_html)}{_feedback(o.feedback_html)}")
    return "\n".join(lines), notes


def _true_false(q: TrueFalse) -> str:
    right, wrong = (
        (q.feedback_true_html, q.feedback_false_html) if q.answer else (q.feedback_false_html, q.feedback_true_html)
    )
    out = "T" if q.answer else "F"
    if wrong.strip() or right.strip():
        out += f"#{_html(wrong)}" if wrong.strip() else "#"
    if right.strip():
        out += f"#{_html(right)}"
    return f"\t{out}"


def _matching(q: Matching) -> str:
    lines = [f"\t={_html(p.left_html)} -> {_plain(p.right)}" for p in q.pairs]
    lines += [f"\t= -> {_plain(d)}" for d in q.distractors]
    return "\n".join(lines)


def _short_answer(q: ShortAnswer) -> tuple[str, list[Note]]:
    lines, dropped = [], []
    for answer in q.accept:
        text = short_answer_text(answer)
        if text is None:
            dropped.append(answer)
        else:
            lines.append(f"\t={escape_gift(text)}")
    notes = [Note(q.id, "changed", f"accepted answer {a!r} left out: GIFT would read it as markup") for a in dropped]
    if not lines:
        return "", notes + [Note(q.id, "skipped", "no accepted answer can be written in GIFT")]
    if q.feedback_wrong_html.strip():
        lines.append(f"\t=%0%*{_feedback(q.feedback_wrong_html)}")
    return "\n".join(lines), notes


def fit_question(q: Question) -> tuple[Question | None, list[Note]]:
    """The question as GIFT will carry it (converted or None) and the notes saying what changed."""
    if isinstance(q, Ordering):
        return fit_ordering_as_matching(q, FMT)
    if isinstance(q, Matching):
        return fit_matching(q, FMT)
    return q, []


def question_to_gift(q: Question) -> tuple[str | None, list[Note]]:
    """One question as GIFT text (None when skipped) and its notes."""
    fitted, notes = fit_question(q)
    if fitted is None:
        return None, notes
    if isinstance(fitted, (SingleChoice, MultipleChoice)):
        body, more = _options(fitted)
    elif isinstance(fitted, TrueFalse):
        body, more = _true_false(fitted), []
    elif isinstance(fitted, Matching):
        body, more = _matching(fitted), []
    elif isinstance(fitted, ShortAnswer):
        body, more = _short_answer(fitted)
        if not body:
            return None, notes + more
    else:
        return None, notes + [Note(q.id, "skipped", f"question type {q.type!r} has no GIFT form")]
    text = "\n".join(
        [
            f"// [tag:{fitted.objective}] [tag:{fitted.difficulty}]",  # ids: lowercase letters, digits, hyphens
            f"::{escape_gift(fitted.id)}::[html]{_html(fitted.text_html)}{{",
            body,
            f"\t####{_html(fitted.explanation_html)}",
            "}",
        ]
    )
    return text, notes + more


def module_notes(module: Module) -> list[Note]:
    """Every conversion, change and skip of the module's GIFT export."""
    return _render(module)[1]


def _render(module: Module) -> tuple[list[str], list[Note]]:
    blocks, notes = [], hint_note(module.questions, FMT)
    for q in module.questions:
        text, q_notes = question_to_gift(q)
        notes.extend(q_notes)
        if text is not None:
            blocks.append(text)
    return blocks, notes


HEADER = [
    "Texts are [html], rendered from the course's Markdown; special characters are escaped with \\.",
    "Weights come only from Moodle's list of grade fractions. Multiple select: no '=', each right option",
    "~%100/k% and each wrong one ~%-100/k% (k = right options), so Moodle scores (right - wrong) / k,",
    "floored at 0, as the course does. Explanations are the general feedback (####).",
    "Ordering questions become matching questions (items -> Position 1..n): GIFT has no ordering type.",
    "True/false: the first # is the feedback for a wrong answer, the second for a right one (Moodle's order).",
    "Short answers: Moodle ignores case; a last answer * at 0% carries the feedback for any other answer.",
]


def _header(title: str, notes: Iterable[Note], source: str) -> list[str]:
    lines = [comment(title), comment(f"Generated from {source} by 'python -m scripts.exports'; edit that, not this.")]
    lines += [comment(line) for line in HEADER]
    notes = list(notes)
    lines.append(comment("Conversions and skipped items:" if notes else "Conversions and skipped items: none."))
    lines += [comment(f"- {n.line()}") for n in notes]
    return lines


def module_to_gift(module: Module) -> str:
    """The module as a GIFT file: header comment, ``$CATEGORY: alliance/<id>``, its questions."""
    blocks, notes = _render(module)
    header = _header(
        f"Quiz module {module.id}: {module.title} ({len(module.questions)} questions)",
        notes,
        f"quizzes/{module.id}.yml",
    )
    return "\n".join(header) + "\n\n" + "\n\n".join([f"$CATEGORY: {CATEGORY_ROOT}/{module.id}", *blocks]) + "\n"


def bank_to_gift(bank: object) -> str:
    """Every module of the bank (a ``Bank``, a mapping of id to module or modules) in one file
    (all.gift), each under its own category."""
    modules = _modules(bank)
    rendered = [(m, *_render(m)) for m in modules]
    notes = [n if n.question_id else Note(None, n.kind, f"[{m.id}] {n.text}") for m, _, ns in rendered for n in ns]
    header = _header(f"All {len(modules)} quiz modules of the course", notes, "quizzes/*.yml")
    parts = []
    for module, blocks, _ in rendered:
        parts.append("\n\n".join([f"$CATEGORY: {CATEGORY_ROOT}/{module.id}", *blocks]))
    return "\n".join(header) + "\n\n" + "\n\n".join(parts) + "\n"


def _modules(bank: object) -> list[Module]:
    return [bank] if isinstance(bank, Module) else list(as_modules(bank).values())
