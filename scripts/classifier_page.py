""" "Which part of the alliance is this?": the build-time HTML of the ``classifier`` widget fence.

Static, answerable HTML (one fieldset a statement, a native radio group each); the statements
and the grading stay in ``widgets.classifier``, which the browser runs. Build code, not shipped
in the browser's wheel.
"""

from __future__ import annotations

from html import escape

from widgets.classifier import COMPONENTS, STATEMENTS


def render_form(widget_id: str = "classifier") -> str:
    """Static, answerable HTML: one fieldset a statement, a native radio group each."""
    parts = [
        f'<div class="aw-widget aw-classifier" data-widget="classifier" id="{escape(widget_id)}">',
        f'<form class="aw-form" aria-describedby="{escape(widget_id)}-help" novalidate>',
        f'<p id="{escape(widget_id)}-help" class="aw-help">For each statement, choose the part of the '
        "alliance it is mostly about, then press <strong>Check my answers</strong>.</p>",
    ]
    for number, statement in enumerate(STATEMENTS, start=1):
        name = f"{widget_id}-{statement.id}"
        parts.append(f'<fieldset class="aw-item" data-statement-id="{escape(statement.id)}">')
        parts.append(f"<legend>{number}. {escape(statement.text)}</legend>")
        parts.append('<div class="aw-choices">')
        for value, label in COMPONENTS.items():
            input_id = f"{name}-{value}"
            parts.append(
                f'<label for="{input_id}"><input type="radio" id="{input_id}" '
                f'name="{name}" value="{value}"> {label}</label>'
            )
        parts.append("</div>")
        parts.append(f'<div class="aw-feedback" id="{name}-feedback"></div>')
        parts.append("</fieldset>")
    parts.append('<button type="submit" class="md-button md-button--primary">Check my answers</button>')
    parts.append('<div class="aw-summary" role="status" aria-live="polite"></div>')
    parts.append("</form></div>")
    return "\n".join(parts)
