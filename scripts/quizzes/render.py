"""The static HTML form of a quiz: readable and answerable before Python loads.

The markup is a contract with the page's JS controller (classes, ids, names and data
attributes); tests/quizzes/golden holds rendered examples. Texts come from the model's
``*_html`` fields (escaped Markdown) or are escaped here; the embedded module JSON cannot end
its ``<script>`` early (see ``module_json_script``).
"""

from __future__ import annotations

from html import escape

from scripts.embedded_json import json_element
from widgets.quiz.layout import Layout, select_questions
from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
    plain_text,
)


def module_json_script(module: Module) -> str:
    """The module JSON the browser grades from (see ``scripts.embedded_json``)."""
    return json_element(module.to_json(), "aw-quiz-data")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _meta(module: Module, questions: list[Question]) -> str:
    count = len(questions)
    minutes = (
        module.minutes
        if count == len(module.questions)
        else max(1, round(module.minutes * count / max(1, len(module.questions))))
    )
    used = {q.objective for q in questions}
    objectives = [o.text.rstrip(".") for o in module.objectives if o.id in used]
    facts = f"{_plural(count, 'question')} · about {_plural(minutes, 'minute')}"
    if len(objectives) == 1:
        return f'<p class="aw-quiz-meta">{facts} · Objective: {escape(objectives[0])}</p>'
    items = "".join(f"<li>{escape(text)}</li>" for text in objectives)
    return f'<p class="aw-quiz-meta">{facts} · Objectives:</p>\n<ul class="aw-objectives">{items}</ul>'


def _answered_count(module: Module, count: int) -> str:
    """The live "n of N answered" line with its bar (the page updates both as the reader answers)."""
    text_id = f"aw-answered-{escape(module.id)}"
    return (
        f'<div class="aw-answered"><span class="aw-answered-text" id="{text_id}">0 of {count} answered</span> '
        f'<progress class="aw-answered-bar" max="{count}" value="0" aria-labelledby="{text_id}"></progress></div>'
    )


def render_module(module: Module) -> str:
    """The whole module as one form (``data-scope="module"``)."""
    return _form(module, list(module.questions), "module")


def render_question(module: Module, question_id: str) -> str:
    """One question of a module, e.g. embedded in a lesson (``data-scope="question"``).
    The full module JSON is embedded so that several questions of one module on a page
    all grade from the same opened module."""
    return _form(module, [module.question(question_id)], "question")


def _form(module: Module, questions: list[Question], scope: str) -> str:
    layouts = {lay.question_id: lay for lay in select_questions(module)}
    items = "\n".join(_question(q, layouts[q.id], n) for n, q in enumerate(questions, start=1))
    return "\n".join(
        [
            f'<form class="aw-widget aw-quiz" data-widget="quiz" data-module-id="{escape(module.id)}" '
            f'data-scope="{scope}" novalidate>',
            module_json_script(module),
            _meta(module, questions),
            _answered_count(module, len(questions)) if scope == "module" else "",
            '<div class="aw-quiz-notice" role="status" aria-live="polite"></div>',
            '<ol class="aw-questions">',
            items,
            "</ol>",
            '<div class="aw-quiz-actions"><button type="submit" class="md-button md-button--primary aw-submit">'
            "See my results</button></div>",
            '<div class="aw-results" tabindex="-1"></div>',
            "</form>",
        ]
    )


def _question(q: Question, layout: Layout, number: int) -> str:
    qid = escape(q.id)
    hint_button = (
        f' <button type="button" class="md-button aw-hint" aria-controls="q-{qid}-hints">Show a hint</button>'
        if q.hints
        else ""
    )
    return "\n".join(
        [
            f'<li class="aw-question" id="q-{qid}" data-question-id="{qid}" data-type="{escape(q.type)}">',
            f'<fieldset><legend><span class="aw-qnum">Question {number}</span> '
            f'<span class="aw-stem">{q.text_html}</span></legend>',
            _controls(q, layout),
            "</fieldset>",
            f'<div class="aw-question-actions"><button type="button" class="md-button aw-check">Check answer</button>'
            f"{hint_button}</div>",
            f'<ol class="aw-hints" id="q-{qid}-hints" hidden></ol>',
            '<div class="aw-feedback" aria-live="polite"></div>',
            "</li>",
        ]
    )


def _controls(q: Question, layout: Layout) -> str:
    if isinstance(q, (SingleChoice, MultipleChoice, TrueFalse)):
        return _options(q, layout)
    if isinstance(q, Matching):
        return _matching(q, layout)
    if isinstance(q, Ordering):
        return _ordering(q, layout)
    if isinstance(q, ShortAnswer):
        qid = escape(q.id)
        return (
            f'<label for="{qid}-text">Your answer</label> '
            f'<input type="text" id="{qid}-text" name="{qid}" autocomplete="off">'
        )
    raise TypeError(f"no form controls for question type {q.type!r}")


def _options(q: SingleChoice | MultipleChoice | TrueFalse, layout: Layout) -> str:
    kind = "checkbox" if isinstance(q, MultipleChoice) else "radio"
    if isinstance(q, TrueFalse):
        labels = {"true": "True", "false": "False"}
    else:
        labels = {str(i): o.text_html for i, o in enumerate(q.options)}
    rows = "\n".join(
        f'<label class="aw-option"><input type="{kind}" name="{escape(q.id)}" value="{escape(key)}"> '
        f"<span>{labels[key]}</span></label>"
        for key in layout.options
    )
    return f'<div class="aw-options">\n{rows}\n</div>'


def _matching(q: Matching, layout: Layout) -> str:
    qid = escape(q.id)
    choices = matching_choices(q)
    options = '<option value="">Choose…</option>' + "".join(
        f'<option value="{i}">{escape(choices[i])}</option>' for i in layout.choices
    )
    rows = "\n".join(
        f'<div class="aw-pair"><label for="{qid}-m{i}">{pair.left_html}</label> '
        f'<select id="{qid}-m{i}" name="{qid}:{i}" data-left="{i}">{options}</select></div>'
        for i, pair in enumerate(q.pairs)
    )
    return f'<div class="aw-matching">\n{rows}\n</div>'


def _ordering(q: Ordering, layout: Layout) -> str:
    rows = []
    for i in layout.items:
        label = escape(plain_text(q.items_html[i]))
        rows.append(
            f'<li class="aw-order-item" data-item="{i}"><span class="aw-order-text">{q.items_html[i]}</span> '
            f'<span class="aw-order-buttons"><button type="button" class="aw-move" data-move="up" '
            f'aria-label="Move up: {label}">↑</button><button type="button" class="aw-move" data-move="down" '
            f'aria-label="Move down: {label}">↓</button></span></li>'
        )
    body = "\n".join(rows)
    return f'<ol class="aw-ordering" aria-label="Items to put in order">\n{body}\n</ol>'
