"""Compare a client's and a therapist's views of the same working relationship.

Client and therapist ratings of the alliance often differ (lesson 8), so a gap is framed as
something to talk about, never as one side being right. Differences are on the 0 to 100
scale, client minus therapist; a part that either side has not fully answered is listed as
not scored and is not compared.

The sentences are data (``compare`` in ``docs/self-check/selfcheck.yml``, put here by
``content.install``); the ones with values are templates with named placeholders.

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


@dataclass(frozen=True, slots=True)
class CompareTexts:
    """The comparison's texts (``compare`` in ``docs/self-check/selfcheck.yml``). ``dates``,
    ``close``, ``differ`` and ``higher`` are templates; ``content`` checks their placeholders
    (``PLACEHOLDERS``), so ``str.format`` with those names cannot fail."""

    heading: str
    dates: str
    unknown_date: str
    not_enough: str
    close: str
    close_after: str
    differ: str
    higher: str
    tie: str
    context: str
    caption: str
    starter_heading: str
    starters: tuple[str, ...]


PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "dates": ("client_date", "therapist_date"),
    "close": ("size", "names", "tie"),
    "differ": ("names", "tie", "size"),
    "higher": ("who",),
}

# Filled in place by ``content.install`` (one entry, under "texts").
TEXTS: dict[str, CompareTexts] = {}


def wording() -> CompareTexts:
    """The installed texts (``content.install`` puts them here before anything is shown)."""
    return TEXTS["texts"]


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
    words = wording()
    if most is None:
        return (words.not_enough,)
    top = ordered[0]
    size = top.size or 0
    tie = f" {words.tie}" if len(most) > 1 else ""
    names = join_words(list(most))
    if size < CLOSE_BELOW:
        return (words.close.format(size=size, names=names, tie=tie), words.close_after)
    lead = words.differ.format(names=names, tie=tie, size=size)
    if len(most) == 1:
        who = "client" if (top.gap or 0) > 0 else "therapist"
        lead += " " + words.higher.format(who=who)
    return (lead, words.context)


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
    words = wording()
    when = ""
    if comparison.client_date or comparison.therapist_date:
        text = words.dates.format(
            client_date=comparison.client_date or words.unknown_date,
            therapist_date=comparison.therapist_date or words.unknown_date,
        )
        when = f'<p class="selfcheck-compare-dates">{_e(text)}</p>'
    paragraphs = "".join(f"<p>{_e(t)}</p>" for t in comparison.text)
    starters = "".join(f"<li>{_e(f'“{s}”')}</li>" for s in words.starters)
    return (
        '<div class="selfcheck-compare">'
        f"<h3>{_e(words.heading)}</h3>{when}{paragraphs}"
        '<table class="selfcheck-table">'
        f"<caption>{_e(words.caption)}</caption>"
        '<thead><tr><th scope="col">Part</th><th scope="col">Client</th><th scope="col">Therapist</th>'
        '<th scope="col">Gap</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f"<h4>{_e(words.starter_heading)}</h4><ul>{starters}</ul>"
        f"<p>{_e('Read more:')} {link_html(comparison.link)}</p>"
        "</div>"
    )
