"""Moodle XML: ``module_to_moodle_xml`` (``<id>.moodle.xml``).

``<quiz>`` holds a category question (``$course$/top/alliance/<module id>``) and then one
``<question>`` per model question; every HTML text is ``format="html"`` in CDATA. Types:

- single -> ``multichoice`` with ``<single>true</single>`` (fractions 100 / 0);
- multiple -> ``multichoice`` with ``<single>false</single>``, fractions from
  ``weights.multiple_weights`` (right +100/k, wrong -100/k, as the course scores);
- true/false -> ``truefalse`` (answers ``true``/``false``, each with its own feedback);
- matching -> ``matching`` (``<subquestion>`` per pair; distractors are subquestions with an
  empty text); fewer than 3 pairs -> single choice (see ``convert``), as Moodle's matching
  type wants at least 3;
- ordering -> ``ordering``: qtype_ordering, a standard plugin in Moodle 4.x (core since 4.4;
  an add-on before). Answers in the correct order, all items shown (``selecttype`` ALL),
  graded by ``ABSOLUTE_POSITION``: the share of items in their right place, as the course does.
  A Moodle without the plugin reports these questions as an unknown type and imports the rest;
- short answer -> ``shortanswer`` (``usecase`` 0: case ignored), plus a ``*`` answer at 0%
  carrying the feedback for wrong answers; a literal ``*`` in an answer is written ``\\*``.

Explanations are ``generalfeedback``; hints are ``<hint>`` elements (shown in Moodle's
interactive mode); the objective and difficulty are tags. ``idnumber`` is left out on purpose:
Moodle refuses a second import of a question whose idnumber already exists in the category.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

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

from .convert import Note, fit_matching
from .weights import multiple_weights

FMT = "Moodle XML"
CATEGORY_ROOT = "$course$/top/alliance"
PENALTY = "0.3333333"  # Moodle's default penalty for a wrong try in interactive mode


def cdata(text: str) -> str:
    """Text in CDATA sections (``]]>`` inside is split across two sections)."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html_text(tag: str, html: str, indent: str = "    ", attrs: str = "") -> str:
    return f'{indent}<{tag}{attrs} format="html"><text>{cdata(html.strip())}</text></{tag}>'


def _plain(tag: str, text: str, indent: str = "    ") -> str:
    return f"{indent}<{tag}><text>{escape(text)}</text></{tag}>"


def _combined_feedback() -> list[str]:
    return [_html_text(t, "") for t in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")] + [
        "    <shownumcorrect/>"
    ]


def _answer(fraction: str, text_html: str, feedback_html: str, fmt: str = "html") -> list[str]:
    body = cdata(text_html.strip()) if fmt == "html" else escape(text_html)
    out = [f'    <answer fraction={quoteattr(fraction)} format="{fmt}">', f"      <text>{body}</text>"]
    out.append(_html_text("feedback", feedback_html, indent="      "))
    out.append("    </answer>")
    return out


def _choice(q: SingleChoice | MultipleChoice) -> tuple[list[str], list[Note]]:
    single = isinstance(q, SingleChoice)
    out = [
        f"    <single>{'true' if single else 'false'}</single>",
        f"    <shuffleanswers>{'true' if q.shuffle else 'false'}</shuffleanswers>",
        "    <answernumbering>abc</answernumbering>",
        *_combined_feedback(),
    ]
    notes: list[Note] = []
    if single:
        fractions = ["100" if o.correct else "0" for o in q.options]
    else:
        weights = multiple_weights(sum(o.correct for o in q.options))
        if weights.note:
            notes.append(Note(q.id, "changed", weights.note))
        right = iter(weights.right)
        fractions = [next(right) if o.correct else weights.wrong for o in q.options]
    for o, fraction in zip(q.options, fractions, strict=True):
        out += _answer(fraction, o.text_html, o.feedback_html)
    return out, notes


def _true_false(q: TrueFalse) -> list[str]:
    return [
        *_answer("100" if q.answer else "0", "true", q.feedback_true_html, fmt="moodle_auto_format"),
        *_answer("0" if q.answer else "100", "false", q.feedback_false_html, fmt="moodle_auto_format"),
    ]


def _matching(q: Matching) -> list[str]:
    out = ["    <shuffleanswers>true</shuffleanswers>", *_combined_feedback()]
    for p in q.pairs:
        out.append(
            f'    <subquestion format="html"><text>{cdata(p.left_html.strip())}</text>'
            f"<answer><text>{escape(p.right)}</text></answer></subquestion>"
        )
    for d in q.distractors:
        out.append(
            f'    <subquestion format="html"><text></text><answer><text>{escape(d)}</text></answer></subquestion>'
        )
    return out


def _ordering(q: Ordering) -> list[str]:
    out = [
        "    <layouttype>VERTICAL</layouttype>",
        "    <selecttype>ALL</selecttype>",
        f"    <selectcount>{len(q.items)}</selectcount>",
        "    <gradingtype>ABSOLUTE_POSITION</gradingtype>",
        "    <showgrading>SHOW</showgrading>",
        "    <numberingstyle>none</numberingstyle>",
        *_combined_feedback(),
    ]
    for position, html in enumerate(q.items_html, start=1):
        out += [
            f'    <answer fraction="{position}" format="html">',
            f"      <text>{cdata(html.strip())}</text>",
            "    </answer>",
        ]
    return out


def shortanswer_text(answer: str) -> str:
    """An accepted answer as Moodle's shortanswer stores it: ``*`` is its wildcard, ``\\*`` a star."""
    return answer.replace("*", "\\*")


def _short_answer(q: ShortAnswer) -> list[str]:
    out = ["    <usecase>0</usecase>"]
    for answer in q.accept:
        out += _answer("100", shortanswer_text(answer), "", fmt="moodle_auto_format")
    if q.feedback_wrong_html.strip():
        out += _answer("0", "*", q.feedback_wrong_html, fmt="moodle_auto_format")
    return out


MOODLE_TYPE = {
    SingleChoice: "multichoice",
    MultipleChoice: "multichoice",
    TrueFalse: "truefalse",
    Matching: "matching",
    Ordering: "ordering",
    ShortAnswer: "shortanswer",
}


def question_to_xml(q: Question) -> tuple[str | None, list[Note]]:
    """One ``<question>`` element (None when skipped) and its notes."""
    fitted: Question | None = q
    notes: list[Note] = []
    if isinstance(q, Matching):
        fitted, notes = fit_matching(q, FMT)
    if fitted is None:
        return None, notes
    if isinstance(fitted, (SingleChoice, MultipleChoice)):
        body, more = _choice(fitted)
        notes += more
    elif isinstance(fitted, TrueFalse):
        body = _true_false(fitted)
    elif isinstance(fitted, Matching):
        body = _matching(fitted)
    elif isinstance(fitted, Ordering):
        body = _ordering(fitted)
    elif isinstance(fitted, ShortAnswer):
        body = _short_answer(fitted)
    else:
        return None, notes + [Note(q.id, "skipped", f"question type {q.type!r} has no Moodle XML form")]
    lines = [
        f'  <question type="{MOODLE_TYPE[type(fitted)]}">',
        _plain("name", fitted.id),
        _html_text("questiontext", fitted.text_html),
        _html_text("generalfeedback", fitted.explanation_html),
        "    <defaultgrade>1</defaultgrade>",
        f"    <penalty>{PENALTY}</penalty>",
        "    <hidden>0</hidden>",
        *body,
        *(_html_text("hint", h) for h in fitted.hints_html),
        "    <tags>",
        *(f"      <tag><text>{escape(t)}</text></tag>" for t in (fitted.objective, fitted.difficulty)),
        "    </tags>",
        "  </question>",
    ]
    return "\n".join(lines), notes


def _xml_comment(lines: list[str]) -> str:
    # "--" may not appear inside an XML comment
    safe = [line.replace("--", "- -") for line in lines]
    return "<!--\n" + "\n".join(f"  {line}".rstrip() for line in safe) + "\n-->"


def module_notes(module: Module) -> list[Note]:
    return _render(module)[1]


def _render(module: Module) -> tuple[list[str], list[Note]]:
    blocks, notes = [], []
    for q in module.questions:
        xml, q_notes = question_to_xml(q)
        notes += q_notes
        if xml is not None:
            blocks.append(xml)
    return blocks, notes


def module_to_moodle_xml(module: Module) -> str:
    """The module as a Moodle XML question file (import in Moodle: Question bank > Import > Moodle XML)."""
    blocks, notes = _render(module)
    header = [
        f"Quiz module {module.id}: {' '.join(module.title.split())} ({len(module.questions)} questions)",
        f"Generated from quizzes/{module.id}.yml by 'python -m scripts.exports'; edit that, not this.",
        "Weights come only from Moodle's list of grade fractions; multiple select: +100/k per right option,",
        "-100/k per wrong one (k = right options), floored at 0, as the course scores.",
        "Ordering questions use qtype_ordering (standard in Moodle 4.x), graded by absolute position.",
        "Conversions and skipped items:" if notes else "Conversions and skipped items: none.",
        *(f"- {n.line()}" for n in notes),
    ]
    category = [
        '  <question type="category">',
        f"    <category><text>{escape(CATEGORY_ROOT + '/' + module.id)}</text></category>",
        f'    <info format="html"><text>{cdata(escape(module.title))}</text></info>',
        "  </question>",
    ]
    return (
        "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                _xml_comment(header),
                "<quiz>",
                "\n".join(category),
                *blocks,
                "</quiz>",
            ]
        )
        + "\n"
    )
