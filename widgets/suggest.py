"""The one "did you mean": the known word closest to a mistyped one (difflib's ratio of at least
0.6), used by quiz-file problems at build time and by the self-check and progress imports in the
browser."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

#: how alike two words must be (difflib's ratio) for one to be suggested for the other
CUTOFF = 0.6


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, or ``None`` when none is alike enough."""
    found = get_close_matches(word, list(choices), n=1, cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], template: str = " (did you mean {!r}?)") -> str:
    """``template`` filled with the closest choice (``" (did you mean 'goals'?)"``), or ``""``.

    >>> did_you_mean("goal", ["goals", "tasks"])
    " (did you mean 'goals'?)"
    >>> did_you_mean("goal", ["goals"], "; did you mean {!r}?")
    "; did you mean 'goals'?"
    >>> did_you_mean("xyz", ["goals"])
    ''
    """
    close = closest(word, choices)
    return template.format(close) if close is not None else ""
