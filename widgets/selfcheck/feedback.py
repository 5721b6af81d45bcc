"""Plain-language results for the alliance self-check.

The texts of each form's results are data (``docs/self-check/selfcheck.yml``, read into the
tables below by ``content.install``); the sentences built around scores stay here. Every
string a reader sees is written at a reading grade of 9 or below (a test checks each
one with the Flesch-Kincaid formula). A low score is framed as something to talk about,
never as a verdict. There is no crisis notice here: the page shows one at all times. A client
with a low score also sees ways forward that avoid the therapist (``harm``).

``render_result_html`` returns a fragment (headings h3/h4, paragraphs, lists) in which every
piece of text and every attribute is escaped with ``html.escape``.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape

from widgets.lesson_url import LESSONS as LESSONS_FOLDER
from widgets.lesson_url import lesson_url

from .harm import harm_html, harm_texts, shows_harm_routes
from .items import DIMENSIONS, Form
from .scoring import Band, Result, Score


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Advice:
    """What one band of one dimension means, what to try, and what to say next session."""

    meaning: str
    tries: tuple[str, ...]
    starters: tuple[str, ...]
    links: tuple[Link, ...]


LESSONS: dict[str, tuple[int, str]] = {
    "what-is-the-alliance": (1, "What is the alliance?"),
    "why-it-matters": (2, "Why it matters"),
    "goals-tasks-bond": (3, "Goals, tasks and bond"),
    "what-shapes-it": (4, "What shapes the alliance"),
    "building-the-alliance": (5, "Building the alliance"),
    "ruptures": (6, "Ruptures"),
    "repairing-ruptures": (7, "Repairing ruptures"),
    "measuring-the-alliance": (8, "Measuring the alliance"),
}


def lesson_link(slug: str, anchor: str = "", part: str = "") -> Link:
    """A link to a lesson (section) as seen from the self-check page: ``../lessons/<slug>/#anchor``."""
    number, title = LESSONS[slug]
    href = lesson_url(slug, anchor, base="../" + LESSONS_FOLDER)
    text = f"Lesson {number}: {title}" + (f" ({part})" if part else "")
    return Link(text, href)


def _dim_link(dim: str) -> Link:
    return lesson_link("goals-tasks-bond", dim, f"the part on {dim}")


FOR_CLIENTS = lesson_link("building-the-alliance", "for-clients", "tips for clients")
FOR_THERAPISTS = lesson_link("building-the-alliance", "for-therapists", "tips for therapists")
CHANGE_THERAPIST = lesson_link("building-the-alliance", "you-can-change-therapist", "you can change therapist")
RUPTURES = lesson_link("ruptures", part="what a strain can look like")
REPAIR = lesson_link("repairing-ruptures", part="how to mend a strain")

BAND_WORDS: dict[str, str] = {"low": "lower range", "middle": "middle range", "high": "higher range"}

# The result texts of each form, by form id (filled from ``docs/self-check/selfcheck.yml`` by
# ``content.install``): what each dimension is about, the overall sentence of each band, the
# advice for each dimension and band, and the headings and note around them.
ABOUT: dict[str, dict[str, str]] = {}
ADVICE: dict[str, dict[str, dict[str, Advice]]] = {}
OVERALL: dict[str, dict[str, str]] = {}
HEADINGS: dict[str, str] = {}
TRY_HEADING: dict[str, str] = {}
STARTER_HEADING: dict[str, str] = {}
NOTE: dict[str, str] = {}
READ_MORE = "Read more:"
NOT_GUESSED = "We do not guess missing answers, so some scores are not shown yet."
ANSWER_TO_SEE = "Answer them and score again to see your full results."
EVEN = "Your scores were the same for all three parts."


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def items_phrase(numbers: Sequence[int]) -> str:
    """'item 3', 'items 3 and 7', 'items 3, 7 and 9'."""
    word = "item" if len(numbers) == 1 else "items"
    return f"{word} {join_words([str(n) for n in numbers])}"


def profile_text(result: Result) -> str | None:
    """One sentence naming the strongest and weakest parts, or ``None`` before all are scored."""
    if result.strongest is None or result.weakest is None:
        return None
    if result.strongest == "even":
        return EVEN
    top, bottom = result.strongest, result.weakest
    top_tie = " (a tie)" if len(top) > 1 else ""
    bottom_tie = " (a tie)" if len(bottom) > 1 else ""
    return f"Your scores were highest for {join_words(list(top))}{top_tie} and lowest for {join_words(list(bottom))}{bottom_tie}."


def missing_texts(result: Result) -> tuple[str, list[str]]:
    """The notice sentence and one line per unanswered item ("Item 3: ...")."""
    form = result.form
    numbers = [form.number(i) for i in result.missing]
    lines = [f"Item {form.number(i)}: {form.item(i).text}" for i in result.missing]
    return f"You have not answered {items_phrase(numbers)}.", lines


def score_heading(dim_label: str, s: Score) -> str:
    if s.score is None or s.band is None:
        return f"{dim_label}: not scored yet"
    return f"{dim_label}: {s.score} out of 100 ({BAND_WORDS[s.band]})"


def advice_for(form_id: str, dimension: str, band: Band) -> Advice:
    return ADVICE[form_id][dimension][band]


def all_texts() -> Iterator[tuple[str, str]]:
    """Every fixed string a reader may see, with a key saying where it comes from."""
    for form_id, dims in ADVICE.items():
        for dim, bands in dims.items():
            for band, a in bands.items():
                key = f"{form_id}.{dim}.{band}"
                yield f"{key}.meaning", a.meaning
                for n, t in enumerate(a.tries):
                    yield f"{key}.try{n}", t
                for n, t in enumerate(a.starters):
                    yield f"{key}.starter{n}", t
                for n, link in enumerate(a.links):
                    yield f"{key}.link{n}", link.text
        for dim, text in ABOUT[form_id].items():
            yield f"{form_id}.about.{dim}", text
        for band, text in OVERALL[form_id].items():
            yield f"{form_id}.overall.{band}", text
        for name, table in (("heading", HEADINGS), ("try", TRY_HEADING), ("starter", STARTER_HEADING), ("note", NOTE)):
            yield f"{form_id}.{name}", table[form_id]
    for name, text in (
        ("not_guessed", NOT_GUESSED),
        ("answer_to_see", ANSWER_TO_SEE),
        ("even", EVEN),
        ("read_more", READ_MORE),
    ):
        yield name, text
    yield from harm_texts()


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def link_html(link: Link) -> str:
    return f'<a href="{_e(link.href)}">{_e(link.text)}</a>'


def links_html(links: Sequence[Link]) -> str:
    """'Read more:' and a list of links (a list reads better than one long line)."""
    return f"<p>{_e(READ_MORE)}</p><ul>" + "".join(f"<li>{link_html(link)}</li>" for link in links) + "</ul>"


def _list(items: Sequence[str], quoted: bool = False) -> str:
    fmt = "“{}”" if quoted else "{}"
    return "<ul>" + "".join(f"<li>{_e(fmt.format(t))}</li>" for t in items) + "</ul>"


def _missing_html(result: Result) -> str:
    sentence, lines = missing_texts(result)
    return (
        '<div class="selfcheck-missing" role="status">'
        f"<p>{_e(sentence)} {_e(NOT_GUESSED)}</p>"
        f"{_list(lines)}"
        f"<p>{_e(ANSWER_TO_SEE)}</p>"
        "</div>"
    )


def _dimension_html(result: Result, form: Form, dim: str) -> str:
    s = result.dimensions[dim]
    label = dim.capitalize()
    parts = [
        f'<section class="selfcheck-dimension" data-dimension="{_e(dim)}" data-band="{_e(s.band or "none")}">',
        f"<h4>{_e(score_heading(label, s))}</h4>",
        f'<p class="selfcheck-about">{_e(ABOUT[form.id][dim])}</p>',
    ]
    if s.band is None:
        numbers = [form.number(i) for i in result.missing_in(dim)]
        parts.append(f"<p>{_e(f'Answer {items_phrase(numbers)} to see this score.')}</p>")
    else:
        a = advice_for(form.id, dim, s.band)
        parts += [
            f"<p>{_e(a.meaning)}</p>",
            f"<p>{_e(TRY_HEADING[form.id])}</p>",
            _list(a.tries),
            f"<p>{_e(STARTER_HEADING[form.id])}</p>",
            _list(a.starters, quoted=True),
            links_html(a.links),
        ]
    parts.append("</section>")
    return "".join(parts)


def render_result_html(result: Result) -> str:
    """The results as an escaped HTML fragment (h3, h4, paragraphs, lists). No crisis notice."""
    form = result.form
    out = [f'<div class="selfcheck-result" data-form="{_e(form.id)}">', f"<h3>{_e(HEADINGS[form.id])}</h3>"]
    if result.missing:
        out.append(_missing_html(result))
    o = result.overall
    if o.score is not None and o.band is not None and o.mean is not None:
        out.append(
            f'<p class="selfcheck-overall"><strong>{_e(f"Your overall score: {o.score} out of 100.")}</strong> '
            f"{_e(OVERALL[form.id][o.band])}</p>"
        )
    text = profile_text(result)
    if text:
        out.append(f'<p class="selfcheck-profile">{_e(text)}</p>')
    if shows_harm_routes(result):
        out.append(harm_html(link_html(CHANGE_THERAPIST)))
    out += [_dimension_html(result, form, dim) for dim in DIMENSIONS]
    out.append(f'<p class="selfcheck-note">{_e(NOTE[form.id])}</p>')
    out.append("</div>")
    return "".join(out)
