"""The self-check page's build-time HTML: the two forms, answerable before Python loads, and the
table of items on ``/self-check/about/`` (the ``selfcheck`` and ``selfcheck-items`` widget fences).

Build code, not shipped in the browser's wheel: the browser only scores what these forms send."""

from __future__ import annotations

from html import escape

from scripts.embedded_json import json_element
from scripts.selfcheck_content import content_json, load_content
from widgets.selfcheck.items import Form, ScalePoint


def _form_html(form: Form, scale: tuple[ScalePoint, ...]) -> str:
    parts = [
        f'<section class="aw-selfcheck-form" data-form="{form.id}" aria-labelledby="aw-sc-{form.id}-title">',
        f'<h2 id="aw-sc-{form.id}-title">{escape(form.title)}</h2>',
        f'<p class="aw-subtitle">{escape(form.subtitle)}</p>',
        f"<p>{escape(form.intro)}</p>",
        f'<form class="aw-form" data-form="{form.id}" novalidate>',
        f'<p id="aw-sc-{form.id}-prompt"><strong>{escape(form.prompt)}</strong></p>',
    ]
    for number, item in enumerate(form.items, start=1):
        parts.append(
            f'<fieldset class="aw-item" data-item-id="{item.id}" aria-describedby="aw-sc-{form.id}-prompt">'
            f'<legend>{number}. {escape(item.text)}</legend><div class="aw-choices">'
        )
        for point in scale:
            input_id = f"{item.id}-{point.value}"
            parts.append(
                f'<label for="{input_id}"><input type="radio" id="{input_id}" name="{item.id}" '
                f'value="{point.value}"> {escape(point.label)}</label>'
            )
        parts.append("</div></fieldset>")
    parts.append(
        '<p class="aw-save-choice"><label for="aw-sc-save-' + form.id + '"><input type="checkbox" '
        f'id="aw-sc-save-{form.id}" name="aw-save"> Also save this result on this device, so I can see '
        "how it changes over time (you can delete it at any time).</label></p>"
    )
    parts.append(
        '<div class="aw-form-actions"><button type="submit" class="md-button md-button--primary">See my result</button></div>'
    )
    parts.append("</form></section>")
    return "\n".join(parts)


def render_form() -> str:
    """Both forms, the chooser, and the data Python needs to score them (embedded JSON)."""
    content = load_content()
    chooser = [
        '<fieldset class="aw-form-chooser"><legend>Who is answering?</legend><div class="aw-choices">',
    ]
    for index, form in enumerate(content.forms):
        checked = " checked" if index == 0 else ""
        chooser.append(
            f'<label for="aw-sc-choose-{form.id}"><input type="radio" id="aw-sc-choose-{form.id}" '
            f'name="aw-sc-form" value="{form.id}"{checked}> {escape(form.subtitle)}</label>'
        )
    chooser.append("</div></fieldset>")
    forms = "\n".join(_form_html(form, content.scale) for form in content.forms)
    return (
        '<div class="aw-widget aw-selfcheck" data-widget="selfcheck">'
        + "".join(chooser)
        + forms
        + '<div class="aw-selfcheck-result" tabindex="-1"></div>'
        + '<div class="aw-selfcheck-tools"></div>'
        + json_element(content_json(content), "aw-selfcheck-data")
        + "</div>"
    )


def render_item_table() -> str:
    """Every item of both forms with its dimension, keying and the lesson it was written from.

    Shown on ``/self-check/about/``, one level below the self-check, hence the extra ``../``."""
    rows = []
    for form in load_content().forms:
        for number, item in enumerate(form.items, start=1):
            lesson = item.lesson.removeprefix("lessons/").replace(".md", "")
            rows.append(
                f"<tr><td>{escape(form.title)}</td><td>{number}</td><td>{escape(item.text)}</td>"
                f"<td>{escape(item.dimension)}</td><td>{'yes' if item.reverse else 'no'}</td>"
                f'<td><a href="../{escape(item.lesson_url)}">{escape(lesson)}</a></td></tr>'
            )
    return (
        '<table class="aw-item-table"><caption>The items of both forms</caption><thead><tr>'
        '<th scope="col">Form</th><th scope="col">No.</th><th scope="col">Statement</th>'
        '<th scope="col">Dimension</th><th scope="col">Reverse-keyed</th><th scope="col">Lesson</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
