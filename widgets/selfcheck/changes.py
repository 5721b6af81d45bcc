"""The change rule: possible ruptures and repairs in the saved entries of one form.

The rule is conservative on purpose: it flags, it does not diagnose.

Take the entries of one form in time order and use only those with an overall score
(0 to 100); incomplete entries are skipped.

* A *possible rupture* is flagged at an entry whose overall score is at least 15 points
  below the mean of the up to 3 entries just before it. At least 2 earlier entries are
  needed, so the first two entries are never flagged.
* A *possible repair* is flagged at the first later entry whose overall score comes back to
  within 5 points of that same earlier mean (or above it).
* While a possible rupture is open (not yet repaired), no new rupture is flagged: a slide
  over several sessions is one drop, not many. After a repair the rule starts again.
* A drop at the very end simply stays open: it is flagged, with no repair.

The flags' sentences are data (``changes`` in ``docs/self-check/selfcheck.yml``, put here by
``content.install``), templates with named placeholders.

All comparisons are exact (integers), so a drop of exactly 15 points is flagged and a return
to exactly 5 points below counts as a return.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from .feedback import REPAIR, RUPTURES, Link, links_html
from .history import Entry, display_date, series

RUPTURE_DROP = 15
REPAIR_WITHIN = 5
WINDOW = 3
MIN_PREVIOUS = 2

ChangeKind = Literal["possible-rupture", "possible-repair"]


@dataclass(frozen=True, slots=True)
class Change:
    """A flag from ``detect_changes``. ``reference`` is the recent mean the score was compared to."""

    kind: ChangeKind
    index: int
    score: int
    reference: float
    rupture_index: int | None = None


def detect_changes(scores: Sequence[int | None]) -> list[Change]:
    """Apply the change rule (module docstring) to overall scores in time order; ``None`` is skipped.

    ``index`` is the position in ``scores``.
    """
    earlier: list[int] = []  # scores seen so far (entries without one are skipped)
    open_rupture: tuple[int, int, int] | None = None  # (index, total, count) of the reference
    changes: list[Change] = []
    for i, s in enumerate(scores):
        if s is None:
            continue
        if open_rupture is not None:
            r_index, total, n = open_rupture
            if s * n >= total - REPAIR_WITHIN * n:
                changes.append(Change("possible-repair", i, s, total / n, r_index))
                open_rupture = None
        elif len(earlier) >= MIN_PREVIOUS:
            recent = earlier[-WINDOW:]
            total, n = sum(recent), len(recent)
            if s * n <= total - RUPTURE_DROP * n:
                changes.append(Change("possible-rupture", i, s, total / n))
                open_rupture = (i, total, n)
        earlier.append(s)
    return changes


@dataclass(frozen=True, slots=True)
class ChangeTexts:
    """The flags' texts (``changes`` in ``docs/self-check/selfcheck.yml``): two templates whose
    placeholders ``content`` checks (``PLACEHOLDERS``), and the words for who the strain is
    between, by form."""

    rupture: str
    repair: str
    between: dict[str, str]


PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "rupture": ("date", "score", "level", "between"),
    "repair": ("date", "score", "level"),
}

# Filled in place by ``content.install`` (one entry, under "texts").
TEXTS: dict[str, ChangeTexts] = {}


def wording() -> ChangeTexts:
    """The installed texts (``content.install`` puts them here before anything is shown)."""
    return TEXTS["texts"]


@dataclass(frozen=True, slots=True)
class Flag:
    """A change found in saved entries, with gentle text and lesson links. ``index`` is in time order."""

    kind: ChangeKind
    index: int
    date: str
    score: int
    reference: float
    text: str
    links: tuple[Link, ...]

    def html(self) -> str:
        return (
            f'<div class="selfcheck-flag" data-kind="{escape(self.kind)}"><p>{escape(self.text)}</p>'
            f"{links_html(self.links)}</div>"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "index": self.index,
            "date": self.date,
            "score": self.score,
            "reference": round(self.reference, 1),
            "text": self.text,
            "links": [{"text": link.text, "href": link.href} for link in self.links],
            "html": self.html(),
        }


def flag_text(change: Change, date: str, form: str) -> str:
    words = wording()
    when = display_date(date)
    level = round(change.reference)
    if change.kind == "possible-rupture":
        between = words.between.get(form, words.between["client"])
        return words.rupture.format(date=when, score=change.score, level=level, between=between)
    return words.repair.format(date=when, score=change.score, level=level)


def change_flags(entries: Iterable[Entry], form: str | None = None) -> list[Flag]:
    """The change rule on one form's entries (default: the latest entry's form), in time order."""
    form, ordered = series(entries, form)
    changes = detect_changes([e.scores.get("overall") for e in ordered])
    return [
        Flag(
            c.kind,
            c.index,
            ordered[c.index].date,
            c.score,
            c.reference,
            flag_text(c, ordered[c.index].date, form or "client"),
            (RUPTURES, REPAIR),
        )
        for c in changes
    ]
