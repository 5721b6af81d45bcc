"""Compare a client's and a therapist's views of the same working relationship.

Client and therapist ratings of the alliance often differ (lesson 8), so a gap is framed as
something to talk about, never as one side being right. Differences are on the 0 to 100
scale, client minus therapist; a part that either side has not fully answered is listed as
not scored and is not compared.

Sizes of a gap, in points: under 10 is "close", 10 to 19 is "some difference", 20 or more
is "a clear difference".
"""

from dataclasses import dataclass
from html import escape

from .feedback import Link, join_words, lesson_link, link_html
from .items import DIMENSIONS
from .scoring import Result

CLOSE_BELOW = 10
CLEAR_FROM = 20

LESSON_8 = lesson_link("measuring-the-alliance", "client-and-therapist-ratings", "why two views can differ")

CONTEXT = (
    "Gaps like this are common. Research finds that clients and therapists often see their alliance "
    "in different ways. A gap does not mean that either of you is wrong. It is a good thing to talk about together."
)
STARTERS = (
    "Could we look at where our views differ, and why?",
    "I rated this part differently from you. What did you have in mind?",
)
NOT_ENOUGH = (
    "There are not enough answers to compare yet. Each part needs all four of its items answered by both of you."
)


@dataclass(frozen=True, slots=True)
class Difference:
    """One dimension (or overall): both scores and the gap, client minus therapist."""

    dimension: str
    client: int | None
    therapist: int | None

    @property
    def gap(self) -> int | None:
        if self.client is None or self.therapist is None:
            return None
        return self.client - self.therapist

    @property
    def size(self) -> int | None:
        return None if self.gap is None else abs(self.gap)

    @property
    def size_words(self) -> str:
        size = self.size
        if size is None:
            return "not scored yet"
        if size < CLOSE_BELOW:
            return "close"
        if size < CLEAR_FROM:
            return "some difference"
        return "a clear difference"

    @property
    def gap_words(self) -> str:
        gap = self.gap
        if gap is None:
            return "not scored yet"
        if gap == 0:
            return "0 points (the same)"
        higher = "client" if gap > 0 else "therapist"
        return f"{abs(gap)} points ({higher} higher)"


@dataclass(frozen=True, slots=True)
class Comparison:
    differences: tuple[Difference, ...]  # dimensions, largest gap first, unscored last
    overall: Difference
    most_different: tuple[str, ...] | None  # tied dimensions; None when none can be compared
    text: tuple[str, ...]
    link: Link
    client_date: str = ""
    therapist_date: str = ""


def compare(
    client_result: Result, therapist_result: Result, client_date: str = "", therapist_date: str = ""
) -> Comparison:
    """Per-dimension differences, sorted by size, with plain-language text."""
    if client_result.form_id != "client":
        raise ValueError(f"The first result should be from the client form, not the {client_result.form_id} form.")
    if therapist_result.form_id != "therapist":
        raise ValueError(
            f"The second result should be from the therapist form, not the {therapist_result.form_id} form."
        )
    diffs = [Difference(d, client_result.dimensions[d].score, therapist_result.dimensions[d].score) for d in DIMENSIONS]
    ordered = tuple(sorted(diffs, key=lambda x: (x.size is None, -(x.size or 0))))
    overall = Difference("overall", client_result.overall.score, therapist_result.overall.score)
    sizes = [x.size for x in diffs if x.size is not None]
    most = tuple(x.dimension for x in ordered if sizes and x.size == max(sizes)) or None
    return Comparison(ordered, overall, most, _texts(ordered, most), LESSON_8, client_date, therapist_date)


def _texts(ordered: tuple[Difference, ...], most: tuple[str, ...] | None) -> tuple[str, ...]:
    if most is None:
        return (NOT_ENOUGH,)
    top = ordered[0]
    size = top.size or 0
    tie = " (a tie)" if len(most) > 1 else ""
    names = join_words(list(most))
    if size < CLOSE_BELOW:
        lead = f"Your two views are close on every part you can compare. The biggest gap is {size} points, on {names}{tie}."
        return (lead, "That is a good base. It can still help to talk about how each of you sees the work.")
    lead = f"Your views differ most on {names}{tie}: a gap of {size} points."
    if len(most) == 1:
        who = "client" if (top.gap or 0) > 0 else "therapist"
        lead += f" The {who} gave the higher score."
    return (lead, CONTEXT)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _score(value: int | None) -> str:
    return "not scored yet" if value is None else str(value)


def render_comparison_html(comparison: Comparison) -> str:
    """The comparison as an escaped HTML fragment: headings, text, a table, starters and a link."""
    rows = "".join(
        f'<tr><th scope="row">{_e(d.dimension.capitalize())}</th><td>{_e(_score(d.client))}</td>'
        f"<td>{_e(_score(d.therapist))}</td><td>{_e(d.gap_words)}</td></tr>"
        for d in (*comparison.differences, comparison.overall)
    )
    when = ""
    if comparison.client_date or comparison.therapist_date:
        unknown = "an unknown date"
        text = (
            f"Client answers from {comparison.client_date or unknown}; "
            f"therapist answers from {comparison.therapist_date or unknown}."
        )
        when = f'<p class="selfcheck-compare-dates">{_e(text)}</p>'
    paragraphs = "".join(f"<p>{_e(t)}</p>" for t in comparison.text)
    starters = "".join(f"<li>{_e(f'“{s}”')}</li>" for s in STARTERS)
    return (
        '<div class="selfcheck-compare">'
        f"<h3>{_e('Where your views differ')}</h3>{when}{paragraphs}"
        '<table class="selfcheck-table">'
        f"<caption>{_e('Client and therapist scores (0 to 100), largest gap first')}</caption>"
        '<thead><tr><th scope="col">Part</th><th scope="col">Client</th><th scope="col">Therapist</th>'
        '<th scope="col">Gap</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f"<h4>{_e('To talk about it, you could say:')}</h4><ul>{starters}</ul>"
        f"<p>{_e('Read more:')} {link_html(comparison.link)}</p>"
        "</div>"
    )
