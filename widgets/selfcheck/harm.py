"""What a client with a low score can do if the cause is harm or a crossed boundary.

Most advice in the results says "talk about it with your therapist". That is the wrong first
step when the therapist is the one who did harm, so a client with any score in the low range
also sees ways forward that do not run through the therapist: someone they trust, the
service's complaints route, the body the therapist is registered with, a different therapist.
The page's crisis notice, shown at all times, covers danger and emergencies. Every string is
at reading grade 9 or below (tested with the other feedback texts).
"""

from collections.abc import Iterator
from html import escape

from .scoring import Result

HARM_HEADING = "If something in therapy has harmed you"
HARM = (
    "Low scores can also come from a therapist who hurt you or crossed a line. That could be touching you "
    "in a way you did not want, or asking you for money, favours or a date. "
    "You do not have to sort that out with your therapist first. You could:"
)
HARM_STEPS: tuple[str, ...] = (
    "Talk it over with someone you trust.",
    "Use the complaints route of the service or clinic.",
    "Tell the body your therapist is registered with, such as a licensing board.",
    "Stop, and look for a different therapist.",
)


def shows_harm_routes(result: Result) -> bool:
    """True for the client form when any part, or the overall score, is in the low range."""
    bands = [s.band for s in result.dimensions.values()] + [result.overall.band]
    return result.form.id == "client" and "low" in bands


def harm_texts() -> Iterator[tuple[str, str]]:
    yield "client.harm.heading", HARM_HEADING
    yield "client.harm.text", HARM
    for n, step in enumerate(HARM_STEPS):
        yield f"client.harm.step{n}", step


def harm_html(read_more_html: str) -> str:
    """The section (h4, paragraph, list), escaped; ``read_more_html`` is an already-escaped link."""
    steps = "".join(f"<li>{escape(step)}</li>" for step in HARM_STEPS)
    return (
        f'<section class="selfcheck-harm"><h4>{escape(HARM_HEADING)}</h4><p>{escape(HARM)}</p>'
        f"<ul>{steps}</ul><p>{read_more_html}</p></section>"
    )
