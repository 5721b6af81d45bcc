"""What a client with a low score can do if the cause is harm or a crossed boundary.

Most advice in the results says "talk about it with your therapist". That is the wrong first
step when the therapist is the one who did harm, so a client with any score in the low range
also sees ways forward that do not run through the therapist: someone they trust, the
service's complaints route, the body the therapist is registered with, a different therapist.
The page's crisis notice, shown at all times, covers danger and emergencies. The texts are
data (``harm`` in ``docs/self-check/selfcheck.yml``, put here by ``content.install``); every
one is at reading grade 9 or below (tested with the other feedback texts).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from .scoring import Result


@dataclass(frozen=True, slots=True)
class HarmTexts:
    heading: str
    text: str
    steps: tuple[str, ...]


# Filled in place by ``content.install`` (one entry, under "texts").
TEXTS: dict[str, HarmTexts] = {}


def wording() -> HarmTexts:
    """The installed texts (``content.install`` puts them here before anything is shown)."""
    return TEXTS["texts"]


def shows_harm_routes(result: Result) -> bool:
    """True for the client form when any part, or the overall score, is in the low range."""
    bands = [s.band for s in result.dimensions.values()] + [result.overall.band]
    return result.form.id == "client" and "low" in bands


def harm_texts() -> Iterator[tuple[str, str]]:
    words = wording()
    yield "client.harm.heading", words.heading
    yield "client.harm.text", words.text
    for n, step in enumerate(words.steps):
        yield f"client.harm.step{n}", step


def harm_html(read_more_html: str) -> str:
    """The section (h4, paragraph, list), escaped; ``read_more_html`` is an already-escaped link."""
    words = wording()
    steps = "".join(f"<li>{escape(step)}</li>" for step in words.steps)
    return (
        f'<section class="selfcheck-harm"><h4>{escape(words.heading)}</h4><p>{escape(words.text)}</p>'
        f"<ul>{steps}</ul><p>{read_more_html}</p></section>"
    )
