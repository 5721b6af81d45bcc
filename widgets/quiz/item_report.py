"""A class report as HTML: a string, with every text from quiz files or codes escaped (stdlib only).

The same HTML goes on the lecturers' page (inserted by docs/javascripts/widgets/class-report.js)
and into the file ``python -m scripts.results --report`` writes. Tables have captions and header
cells; the score histogram is an SVG with ``role="img"`` and a name, followed by the same figures
as a table. Links to each question's text and answer-key entry come from ``Links``, so the page
(links relative to /lecturers/) and a standalone file (absolute links) each get working ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from .item_analysis import Bin, ChoiceGroup, ModuleReport, QuestionStats, TestStats

TYPE_LABELS = {
    "single": "single choice",
    "multiple": "multiple select",
    "true_false": "true/false",
    "matching": "matching",
    "ordering": "ordering",
    "short_answer": "short answer",
}


@dataclass(frozen=True)
class Links:
    """URL patterns with ``{module}`` and ``{question}``; the defaults suit the lecturers' page."""

    question: str = "../quizzes/{module}/#q-{question}"
    key: str = "answer-keys/{module}/#{question}"

    @classmethod
    def for_site(cls, site_url: str) -> Links:
        base = site_url.rstrip("/") + "/"
        return cls(base + "quizzes/{module}/#q-{question}", base + "lecturers/answer-keys/{module}/#{question}")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def decimal(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace("-", "\u2212")


def _slug(*parts: str) -> str:
    return "aw-report-" + re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(p for p in parts if p)).strip("-")


def _heading(level: int, text: str, ident: str = "") -> str:
    level = min(level, 6)
    attr = f' id="{ident}"' if ident else ""
    return f"<h{level}{attr}>{text}</h{level}>"


def _table(caption: str, head: list[str], rows: Iterable[list[str]], css: str, row_headers: bool = True) -> str:
    """A table in a focusable scrolling box (wide tables scroll inside it on a phone)."""
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = []
    for row in rows:
        first = f'<th scope="row">{row[0]}</th>' if row_headers else f"<td>{row[0]}</td>"
        body.append("<tr>" + first + "".join(f"<td>{c}</td>" for c in row[1:]) + "</tr>")
    return (
        f'<div class="aw-lk-table aw-report-table {css}" role="region" tabindex="0" aria-label="{caption}">'
        f"<table><caption>{caption}</caption><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody>"
        "</table></div>"
    )


def histogram_svg(bins: list[Bin], label: str) -> str:
    """Bars of attempts per score band; the figures are repeated in the table after it."""
    width, height, pad, gap = 320, 140, 20, 4
    top = max((b.count for b in bins), default=0) or 1
    bar = (width - 2 * pad) / len(bins)
    parts = [
        f'<svg class="aw-report-histogram" viewBox="0 0 {width} {height}" role="img" aria-label="{label}" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">'
    ]
    base = height - pad
    for i, b in enumerate(bins):
        if not b.count:
            continue
        h = (base - 10) * b.count / top
        x = pad + i * bar
        parts.append(f'<rect x="{x + gap / 2:.1f}" y="{base - h:.1f}" width="{bar - gap:.1f}" height="{h:.1f}"></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{base - h - 2:.1f}" text-anchor="middle">{b.count}</text>')
    parts.append(f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}"></line>')
    for i in range(0, len(bins) + 1, 2):
        parts.append(f'<text x="{pad + i * bar:.1f}" y="{height - 6}" text-anchor="middle">{10 * i}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def _test_html(report: ModuleReport, test: TestStats, level: int, ident: str) -> str:
    alpha = decimal(test.alpha) if test.alpha is not None else f"— ({escape(test.alpha_note)})"
    scale = f" (of {test.max} marks)" if test.max else ""
    rows = [
        ["Attempts", str(test.attempts)],
        [
            "Mean score",
            percent(test.mean)
            + (f" = {test.mean * test.max:.2f} of {test.max}" if test.max and test.mean is not None else ""),
        ],
        ["Median score", percent(test.median)],
        ["Standard deviation", percent(test.sd)],
        ["Cronbach's alpha (KR-20 when every question scores 0 or 1)", alpha],
        [
            "Standard error of measurement",
            percent(test.sem) + (f" = {test.sem * test.max:.2f} marks" if test.sem is not None and test.max else ""),
        ],
    ]
    title = escape(report.title)
    bands = [[f"{b.low}–{b.high}%" if b.high < 100 else f"{b.low}–100%", str(b.count)] for b in test.histogram]
    summary = ", ".join(f"{b.count} in {b.low}–{b.high}%" for b in test.histogram if b.count) or "no attempts"
    return "".join(
        [
            _heading(level + 1, "The test as a whole", ident + "-test"),
            _table(f"{title}: the test as a whole{scale}", ["Figure", "Value"], rows, "aw-report-test"),
            '<figure class="aw-report-figure">',
            histogram_svg(test.histogram, f"Histogram of scores: {summary}."),
            f"<figcaption>Scores of the {test.attempts} attempts, in bands of 10 percentage points (the same figures "
            "are in the table below).</figcaption></figure>",
            _table(f"{title}: number of attempts in each score band", ["Score", "Attempts"], bands, "aw-report-bands"),
        ]
    )


def _question_link(links: Links, module: str, q: QuestionStats) -> tuple[str, str]:
    fill = {"module": escape(module, quote=True), "question": escape(q.id, quote=True)}
    return links.question.format(**fill), links.key.format(**fill)


def _questions_html(report: ModuleReport, level: int, ident: str) -> str:
    rows = []
    for q in report.questions:
        name = f'<a href="#{ident}-q{q.number}" title="{escape(q.id)}">Q{q.number}</a>'
        flags = "; ".join(escape(f.partition(":")[0]) for f in q.flags) or "none"  # each flag's first words
        rows.append(
            [
                name,
                escape(TYPE_LABELS.get(q.type, q.type)),
                str(q.n),
                percent(q.facility),
                percent(q.sd),
                percent(q.random_guess),
                decimal(q.discrimination),
                decimal(q.efficiency),
                decimal(q.upper_lower),
                flags,
            ]
        )
    head = [
        "Question",
        "Type",
        "n",
        "Facility",
        "SD",
        "Random guess",
        "Discrimination",
        "Discriminative efficiency",
        "Upper − lower (27 %)",
        "Flags",
    ]
    flagged = [
        f'<a href="#{ident}-q{q.number}">Q{q.number}</a> ('
        + "; ".join(escape(f.partition(":")[0].lower()) for f in q.flags)
        + ")"
        for q in report.questions
        if q.flags
    ]
    lead = (
        f'<p class="aw-report-lead">Questions to look at: {", ".join(flagged)}.</p>'
        if flagged
        else '<p class="aw-report-lead">No question is flagged.</p>'
    )
    return (
        _heading(level + 1, "Questions", ident + "-questions")
        + lead
        + _table(f"{escape(report.title)}: how each question performed", head, rows, "aw-report-questions")
    )


def _objectives_html(report: ModuleReport, level: int, ident: str) -> str:
    rows = [[escape(o.text), str(o.questions), str(o.answers), percent(o.mean)] for o in report.objectives]
    return _heading(level + 1, "Objectives", ident + "-objectives") + _table(
        f"{escape(report.title)}: mean score on each objective's questions",
        ["Objective", "Questions", "Answers scored", "Mean score"],
        rows,
        "aw-report-objectives",
    )


def _group_table(report: ModuleReport, q: QuestionStats, group: ChoiceGroup) -> str:
    what = {"matching": "choice", "ordering": "item", "short_answer": "answer"}.get(q.type, "option")
    caption = f"Q{q.number}: {'answers' if what == 'answer' else what + 's'} chosen"
    if group.label:
        caption += f" for \u201c{escape(group.label)}\u201d"

    def share(count: int, of: int) -> str:
        return f"{count} ({100 * count / of:.0f}%)" if of else str(count)

    rows = []
    for row in group.rows:
        mark = "—" if row.correct is None else ("correct" if row.correct else "wrong")
        rows.append(
            [escape(row.label), mark, share(row.count, q.n), share(row.upper, q.upper_n), share(row.lower, q.lower_n)]
        )
    head = [
        what.capitalize(),
        "Key",
        f"Everyone (n = {q.n})",
        f"Top group (n = {q.upper_n})",
        f"Bottom group (n = {q.lower_n})",
    ]
    return _table(caption, head, rows, "aw-report-choices")


def _detail_html(report: ModuleReport, q: QuestionStats, level: int, ident: str, links: Links) -> str:
    href, key = _question_link(links, report.module_id, q)
    text = q.text if len(q.text) <= 160 else q.text[:157].rstrip() + "…"
    flags = (
        '<ul class="aw-report-flags">' + "".join(f"<li>{escape(f)}</li>" for f in q.flags) + "</ul>"
        if q.flags
        else '<p class="aw-report-noflags">No flags.</p>'
    )
    return "".join(
        [
            f'<section class="aw-report-question" aria-labelledby="{ident}-q{q.number}">',
            _heading(level + 2, f"Q{q.number}: {escape(text)}", f"{ident}-q{q.number}"),
            f'<p class="aw-report-links"><a href="{href}">Question {q.number} on the quiz page</a> · '
            f'<a href="{key}">its answer-key entry</a> · <code>{escape(q.id)}</code></p>',
            flags,
            *(_group_table(report, q, g) for g in q.groups),
            "</section>",
        ]
    )


def report_html(report: ModuleReport, level: int = 3, links: Links = Links()) -> str:
    """One module and version's report; ``level`` is the level of its heading (h3 on the page)."""
    ident = _slug(report.module_id, report.version)
    version = f", version {escape(report.version)}" if report.version else ""
    warnings = "".join(
        f'<p class="aw-report-warning"><strong>Few attempts.</strong> {escape(w)}</p>' for w in report.warnings
    )
    return "".join(
        [
            f'<section class="aw-report" aria-labelledby="{ident}" data-module="{escape(report.module_id)}" '
            f'data-version="{escape(report.version)}">',
            _heading(
                level,
                f"Class report: {escape(report.title)} <small>(<code>{escape(report.module_id)}</code>"
                f"{version})</small>",
                ident,
            ),
            warnings,
            _test_html(report, report.test, level, ident),
            _questions_html(report, level, ident),
            _objectives_html(report, level, ident),
            _heading(level + 1, "Answers chosen, question by question", ident + "-answers"),
            "<p>For each question: how many chose each option (or matching choice, item in each position, or "
            "answer typed), among everyone who saw it and in the top and bottom 27 % of attempts by score.</p>",
            *(_detail_html(report, q, level, ident, links) for q in report.questions),
            "</section>",
        ]
    )


def reports_html(reports: list[ModuleReport], level: int = 3, links: Links = Links()) -> str:
    if not reports:
        return '<p class="aw-report-none">No valid codes: there is nothing to report on.</p>'
    return "".join(report_html(r, level, links) for r in reports)
