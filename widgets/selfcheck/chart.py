"""Inline SVG charts of self-check scores, each with a table as its text alternative.

Colour never carries meaning alone: every bar has its dimension's name beside it, its value
written on it, and its own fill pattern (stripes, dots, bars); every line in the trend chart
has its own dash style and marker shape and a legend. All colours have a contrast of at
least 3:1 against the white chart background. Every text is escaped.

The SVGs use ``id`` values (patterns, title, desc) built from ``id_prefix``; pass a different
prefix when one page shows two charts of the same kind.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from .feedback import BAND_WORDS, join_words
from .history import Entry, display_date, series
from .items import DIMENSIONS, FORMS
from .scoring import Result

TEXT = "#1a1a1a"
GRID = "#767676"
BACKGROUND = "#ffffff"


@dataclass(frozen=True, slots=True)
class Look:
    label: str
    colour: str
    dash: str  # stroke-dasharray for the trend line ("" = solid)
    marker: str  # marker shape in the trend chart
    pattern: str  # fill pattern in the bar chart


LOOKS: dict[str, Look] = {
    "overall": Look("Overall", TEXT, "", "circle", "solid"),
    "goals": Look("Goals", "#1b5e96", "8 4", "square", "stripes"),
    "tasks": Look("Tasks", "#a34a00", "2 4", "triangle", "dots"),
    "bond": Look("Bond", "#2e7d32", "10 4 2 4", "diamond", "bars"),
}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _open_svg(prefix: str, width: int, height: int, title: str, desc: str, css_class: str) -> str:
    p = _e(prefix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{_e(css_class)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{p}-title {p}-desc" '
        f'font-family="system-ui, sans-serif" font-size="14">'
        f'<title id="{p}-title">{_e(title)}</title><desc id="{p}-desc">{_e(desc)}</desc>'
        f'<rect width="{width}" height="{height}" fill="{BACKGROUND}"/>'
    )


def _pattern(prefix: str, dim: str) -> str:
    look = LOOKS[dim]
    pid = _e(f"{prefix}-{dim}")
    base = f'<rect width="8" height="8" fill="{look.colour}"/>'
    marks = {
        "stripes": '<path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke="#ffffff" stroke-width="1.5"/>',
        "dots": '<circle cx="4" cy="4" r="1.5" fill="#ffffff"/>',
        "bars": '<path d="M0 4H8" stroke="#ffffff" stroke-width="1.5"/>',
    }[look.pattern]
    return f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8">{base}{marks}</pattern>'


def _score_words(value: int | None) -> str:
    return "not scored yet" if value is None else f"{value} out of 100"


def profile_svg(result: Result, id_prefix: str = "selfcheck-profile") -> str:
    """A horizontal bar chart of the three dimension scores (0 to 100)."""
    width, left, bar_w, row_h, bar_h, top = 560, 80, 400, 44, 28, 16
    height = top + row_h * len(DIMENSIONS) + 28
    parts_desc = [f"{LOOKS[d].label} {_score_words(result.dimensions[d].score)}" for d in DIMENSIONS]
    desc = "Bar chart of your scores from 0 to 100: " + ", ".join(parts_desc) + "."
    if isinstance(result.strongest, tuple) and isinstance(result.weakest, tuple):
        desc += f" Highest: {join_words(list(result.strongest))}. Lowest: {join_words(list(result.weakest))}."
    elif result.strongest == "even":
        desc += " All three are the same."
    out = [
        _open_svg(id_prefix, width, height, "Your scores for goals, tasks and bond", desc, "selfcheck-profile-chart")
    ]
    out.append("<defs>" + "".join(_pattern(id_prefix, d) for d in DIMENSIONS) + "</defs>")
    axis_y = top + row_h * len(DIMENSIONS)
    for tick in (0, 25, 50, 75, 100):
        x = left + bar_w * tick / 100
        out.append(
            f'<line x1="{x:g}" y1="{top - 6}" x2="{x:g}" y2="{axis_y}" stroke="{GRID}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
        out.append(f'<text x="{x:g}" y="{axis_y + 18}" text-anchor="middle" fill="{TEXT}" font-size="12">{tick}</text>')
    for row, dim in enumerate(DIMENSIONS):
        look, s = LOOKS[dim], result.dimensions[dim]
        y = top + row * row_h
        mid = y + bar_h / 2
        out.append(f'<g class="selfcheck-bar" data-dimension="{_e(dim)}">')
        out.append(
            f'<text x="{left - 10}" y="{mid:g}" dy="0.35em" text-anchor="end" fill="{TEXT}" font-weight="bold">{_e(look.label)}</text>'
        )
        if s.score is None:
            out.append(f'<text x="{left + 6}" y="{mid:g}" dy="0.35em" fill="{TEXT}">{_e("not scored yet")}</text>')
        else:
            w = bar_w * s.score / 100
            out.append(
                f'<rect x="{left}" y="{y}" width="{w:g}" height="{bar_h}" fill="url(#{_e(id_prefix)}-{_e(dim)})" '
                f'stroke="{look.colour}" stroke-width="2"/>'
            )
            out.append(f'<text x="{left + w + 8:g}" y="{mid:g}" dy="0.35em" fill="{TEXT}">{_e(s.score)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _cell(value: object) -> str:
    return f"<td>{_e('not scored yet' if value is None else value)}</td>"


def profile_table_html(result: Result) -> str:
    """The text alternative of ``profile_svg``: one row per dimension plus overall."""
    rows = []
    for key in (*DIMENSIONS, "overall"):
        s = result.overall if key == "overall" else result.dimensions[key]
        mean = None if s.mean is None else f"{s.mean:.2f}"
        band = None if s.band is None else BAND_WORDS[s.band]
        rows.append(f'<tr><th scope="row">{_e(LOOKS[key].label)}</th>{_cell(s.score)}{_cell(mean)}{_cell(band)}</tr>')
    return (
        '<table class="selfcheck-table">'
        f"<caption>{_e('Your scores (0 to 100, and the average answer from 1 to 5)')}</caption>"
        '<thead><tr><th scope="col">Part</th><th scope="col">Score (0 to 100)</th>'
        '<th scope="col">Average (1 to 5)</th><th scope="col">Range</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    attrs = f'class="selfcheck-marker" data-shape="{shape}" fill="{colour}"'
    if shape == "circle":
        return f'<circle cx="{x:g}" cy="{y:g}" r="5" {attrs}/>'
    if shape == "square":
        return f'<rect x="{x - 4.5:g}" y="{y - 4.5:g}" width="9" height="9" {attrs}/>'
    if shape == "triangle":
        return f'<path d="M{x:g} {y - 6:g}L{x + 6:g} {y + 5:g}L{x - 6:g} {y + 5:g}Z" {attrs}/>'
    return f'<path d="M{x:g} {y - 6:g}L{x + 6:g} {y:g}L{x:g} {y + 6:g}L{x - 6:g} {y:g}Z" {attrs}/>'


def _segments(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive points; a missing score breaks the line (nothing is drawn across it)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for p in points:
        if p is None:
            runs.append([])
        else:
            runs[-1].append(p)
    return [r for r in runs if r]


def trend_svg(entries: Iterable[Entry], form: str | None = None, id_prefix: str = "selfcheck-trend") -> str:
    """A line chart of overall and per-dimension scores across saved entries of one form.

    By default it shows the form of the latest entry; dates run along the x axis in time order.
    """
    form, ordered = series(entries, form)
    width, height, left, right, top, bottom = 600, 320, 48, 580, 16, 236
    title = "Your scores over time"
    if not ordered:
        out = [_open_svg(id_prefix, width, 80, title, "No saved entries yet.", "selfcheck-trend-chart")]
        out.append(f'<text x="20" y="45" fill="{TEXT}">{_e("No saved entries yet.")}</text></svg>')
        return "".join(out)
    n = len(ordered)
    xs = [(left + right) / 2] if n == 1 else [left + 20 + (right - left - 40) * i / (n - 1) for i in range(n)]

    def y_of(v: int) -> float:
        return bottom - (bottom - top) * v / 100

    first, last = display_date(ordered[0].date), display_date(ordered[-1].date)
    latest = ", ".join(f"{LOOKS[k].label.lower()} {_score_words(ordered[-1].scores.get(k))}" for k in LOOKS)
    desc = (
        f"Line chart of {n} saved {'entry' if n == 1 else 'entries'} for {FORMS[form].title.lower() if form in FORMS else form}, "
        f"from {first} to {last}, on a scale from 0 to 100. Latest: {latest}."
    )
    out = [_open_svg(id_prefix, width, height, title, desc, "selfcheck-trend-chart")]
    for tick in (0, 25, 50, 75, 100):
        y = y_of(tick)
        out.append(
            f'<line x1="{left}" y1="{y:g}" x2="{right}" y2="{y:g}" stroke="{GRID}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
        out.append(
            f'<text x="{left - 8}" y="{y:g}" dy="0.35em" text-anchor="end" fill="{TEXT}" font-size="12">{tick}</text>'
        )
    step = max(1, -(-n // 6))
    shown = set(range(0, n, step)) | {n - 1}
    for i in sorted(shown):
        out.append(
            f'<text x="{xs[i]:g}" y="{bottom + 20}" text-anchor="middle" fill="{TEXT}" font-size="11">'
            f"{_e(display_date(ordered[i].date)[:10])}</text>"
        )
    for key in (*DIMENSIONS, "overall"):  # overall last, so it is drawn on top
        look = LOOKS[key]
        points = [
            None if e.scores.get(key) is None else (xs[i], y_of(e.scores[key] or 0)) for i, e in enumerate(ordered)
        ]
        out.append(f'<g class="selfcheck-line" data-series="{_e(key)}">')
        dash = f' stroke-dasharray="{look.dash}"' if look.dash else ""
        for run in _segments(points):
            if len(run) > 1:
                coords = " ".join(f"{x:g},{y:g}" for x, y in run)
                out.append(f'<polyline points="{coords}" fill="none" stroke="{look.colour}" stroke-width="2.5"{dash}/>')
        out += [_marker(look.marker, x, y, look.colour) for p in points if p is not None for x, y in [p]]
        out.append("</g>")
    legend_y = height - 24
    for i, (_key, look) in enumerate(LOOKS.items()):
        x = left + i * 130
        dash = f' stroke-dasharray="{look.dash}"' if look.dash else ""
        out.append(
            f'<line x1="{x}" y1="{legend_y}" x2="{x + 36}" y2="{legend_y}" stroke="{look.colour}" stroke-width="2.5"{dash}/>'
        )
        out.append(_marker(look.marker, x + 18, legend_y, look.colour))
        out.append(f'<text x="{x + 44}" y="{legend_y}" dy="0.35em" fill="{TEXT}">{_e(look.label)}</text>')
    out.append("</svg>")
    return "".join(out)


def trend_table_html(entries: Iterable[Entry], form: str | None = None) -> str:
    """The text alternative of ``trend_svg``: one row per entry, in time order."""
    form, ordered = series(entries, form)
    head = "".join(f'<th scope="col">{_e(LOOKS[k].label)}</th>' for k in LOOKS)
    rows = "".join(
        f'<tr><th scope="row">{_e(display_date(e.date))}</th>'
        + "".join(_cell(e.scores.get(k)) for k in LOOKS)
        + "</tr>"
        for e in ordered
    )
    if not ordered:
        rows = f'<tr><td colspan="{len(LOOKS) + 1}">{_e("No saved entries yet.")}</td></tr>'
    return (
        '<table class="selfcheck-table">'
        f"<caption>{_e('Your saved scores over time (0 to 100)')}</caption>"
        f'<thead><tr><th scope="col">Date</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
