"""Plain-language results for the alliance self-check.

Every string a reader sees is written at a reading grade of 9 or below (a test checks each
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

ABOUT: dict[str, dict[str, str]] = {
    "client": {
        "goals": "How far you and your therapist share a sense of what you are working toward.",
        "tasks": "How well the things you do in sessions make sense to you and help.",
        "bond": "How safe and at ease you feel with your therapist.",
    },
    "therapist": {
        "goals": "How far you and this client share a sense of what you are working toward.",
        "tasks": "How well the way you work makes sense to this client and helps.",
        "bond": "How warm, open and at ease the two of you are with each other.",
    },
}

_C, _T = "client", "therapist"

ADVICE: dict[str, dict[str, dict[str, Advice]]] = {
    _C: {
        "goals": {
            "high": Advice(
                "You and your therapist seem to share a clear sense of what you are working toward. "
                "A shared aim helps keep therapy on track.",
                ("Now and then, check that the aims still fit your life as it is now.",),
                (
                    "I'd like to look back at what we set out to work on. Does it still fit?",
                    "What change have you noticed in me so far?",
                ),
                (_dim_link("goals"),),
            ),
            "middle": Advice(
                "You have some sense of what you are working toward, but it may not always be clear, "
                "or fully yours. This is common, and aims often get clearer with time.",
                (
                    "Before your next session, write down one or two things you hope will be different when therapy ends.",
                    "Ask your therapist how they would describe your aims, and compare notes.",
                ),
                (
                    "Can we take a few minutes to talk about what we are aiming for?",
                    "I'm not always sure where our work is heading. Can we go over it?",
                ),
                (_dim_link("goals"), FOR_CLIENTS),
            ),
            "low": Advice(
                "Right now, the aims of your therapy may feel unclear, or not quite your own. "
                "That is worth talking about. It does not mean that you or your therapist have failed. "
                "Aims can be set again at any time.",
                (
                    "Think about what made you start therapy, and what you want to change.",
                    "Bring this up early in the session, so there is time to talk.",
                ),
                (
                    "I'm not sure we agree on what we are working on. Can we talk about it?",
                    "Here is what I hope to get out of therapy. Does that match what you had in mind?",
                ),
                (_dim_link("goals"), FOR_CLIENTS),
            ),
        },
        "tasks": {
            "high": Advice(
                "The way you work together in sessions seems to make sense to you and to help. "
                "You feel able to take part and to say what works.",
                ("Keep telling your therapist what helps, so they can do more of it.",),
                (
                    "The thing we did last time helped. Can we do more of that?",
                    "What could I try between sessions to build on our work?",
                ),
                (_dim_link("tasks"),),
            ),
            "middle": Advice(
                "Some of what you do in sessions makes sense and helps. Some may feel less useful or less clear. "
                "Saying so helps your therapist adjust.",
                (
                    "Notice which parts of your sessions feel most useful, and which feel less so.",
                    "Ask your therapist why they suggest a certain way of working.",
                ),
                (
                    "Can you tell me more about why we work this way?",
                    "Some parts of our sessions help me more than others. Can we talk about that?",
                ),
                (_dim_link("tasks"), FOR_CLIENTS),
            ),
            "low": Advice(
                "At the moment, what you do in sessions may not make much sense to you, or may not feel helpful. "
                "Many people feel this at times. It is worth talking about, as therapists can often change how they work once they hear it.",
                (
                    "Try to name one thing in sessions that does not work for you, and one thing that might.",
                    "Remember that you can ask for a different way of working.",
                ),
                (
                    "I find it hard to see how what we do in sessions will help me. Can we talk about it?",
                    "Could we try a different way of working for a while and see how it goes?",
                ),
                (_dim_link("tasks"), FOR_CLIENTS),
            ),
        },
        "bond": {
            "high": Advice(
                "You seem to feel at ease with your therapist and cared for. "
                "A bond like this makes it easier to talk about hard things.",
                ("If something in a session ever bothers you, you can say so. A strong bond can take it.",),
                (
                    "It helps me that I can be open with you. I want to keep that going.",
                    "Is there anything you think I hold back in our sessions?",
                ),
                (_dim_link("bond"),),
            ),
            "middle": Advice(
                "You feel fairly at ease with your therapist, but there may be times when you hold back "
                "or feel unsure. Trust often grows as you go.",
                (
                    "Notice the moments when you hold back, and what seems to cause them.",
                    "Try sharing one small thing you would usually keep to yourself.",
                ),
                (
                    "Sometimes I hold back in our sessions. Can we talk about what makes that happen?",
                    "It would help me to know how you see our work together.",
                ),
                (_dim_link("bond"), FOR_CLIENTS),
            ),
            "low": Advice(
                "Right now you may not feel fully at ease with your therapist. That can happen for many reasons, "
                "and it is worth raising. Talking about it often helps the bond grow. "
                "If it still does not feel right after that, it is okay to look for a different therapist.",
                (
                    "If saying this face to face feels hard, you could write it down and bring the note.",
                    "Start small, with one moment in a session that felt uneasy.",
                ),
                (
                    "Sometimes I don't feel at ease in our sessions, and I'd like to talk about it.",
                    "There was a moment last time that didn't sit well with me. Can we go back to it?",
                ),
                (_dim_link("bond"), FOR_CLIENTS, CHANGE_THERAPIST),
            ),
        },
    },
    _T: {
        "goals": {
            "high": Advice(
                "You and this client seem to share a clear sense of what you are working toward. "
                "Keep checking, as aims often shift over time.",
                ("Now and then, review the aims with the client, in their own words.",),
                (
                    "Let's look back at what we set out to work on. Does it still fit for you?",
                    "What change have you noticed so far, and what is still to come?",
                ),
                (_dim_link("goals"),),
            ),
            "middle": Advice(
                "You and this client may only partly agree on what you are working toward. "
                "The aims may be vague, or more yours than theirs.",
                (
                    "Ask the client to say, in their own words, what they hope will change.",
                    "Bring the aims to supervision and ask whose aims they are.",
                ),
                (
                    "How would you describe what we are working on together?",
                    "I want to make sure we aim for what matters to you. Can we check?",
                ),
                (_dim_link("goals"), FOR_THERAPISTS),
            ),
            "low": Advice(
                "Right now you and this client may not share clear aims. This is common early on, "
                "or after a change in the client's life. It is a cue to talk, not a failure.",
                (
                    "Set aside time in the next session to agree on aims again.",
                    "Talk about your work with this client in supervision.",
                ),
                (
                    "I'm not sure we are working on what matters most to you. Can we talk about it?",
                    "If our work went well, what would be different for you?",
                ),
                (_dim_link("goals"), FOR_THERAPISTS),
            ),
        },
        "tasks": {
            "high": Advice(
                "The way you work with this client seems clear to them and useful. "
                "They take part and tell you what helps.",
                ("Keep asking what helps, so the client stays part of how you work.",),
                (
                    "What has been most useful in our sessions so far?",
                    "Is there anything you would like us to do more of?",
                ),
                (_dim_link("tasks"),),
            ),
            "middle": Advice(
                "Some of how you work with this client seems to fit, and some may not. "
                "The client may not always see why you work as you do.",
                (
                    "Explain the reason for a task before you start it.",
                    "Ask at the end of a session what helped and what did not.",
                ),
                (
                    "Does the way we are working make sense to you?",
                    "Which parts of our sessions help you most, and which help least?",
                ),
                (_dim_link("tasks"), FOR_THERAPISTS),
            ),
            "low": Advice(
                "Right now the way you work may not fit this client well, or they may not feel part of it. "
                "Many therapists meet this at times. It is a cue to adjust, together.",
                (
                    "Ask the client how the work feels for them, and listen without defending.",
                    "Think of another way of working that might suit this client. Talk it over in supervision.",
                ),
                (
                    "I wonder if the way we are working is not helping you much. What do you think?",
                    "Would you like to try a different way of working for a while?",
                ),
                (_dim_link("tasks"), FOR_THERAPISTS),
            ),
        },
        "bond": {
            "high": Advice(
                "You seem to feel warm toward this client and at ease in sessions. They seem able to be open with you.",
                ("Stay alert to small signs of strain, as even strong bonds have them.",),
                (
                    "I value how open you are with me. Is there anything that makes it harder?",
                    "How are you finding our work together?",
                ),
                (_dim_link("bond"),),
            ),
            "middle": Advice(
                "The bond with this client seems fair, with some moments of distance or unease. "
                "That is common, and it can change.",
                (
                    "Notice when you feel guarded with this client, and what is going on then.",
                    "Invite the client to tell you about anything that bothered them in a session.",
                ),
                (
                    "I sometimes sense some distance between us. How does it feel for you?",
                    "If something I said ever bothered you, I would want to hear it.",
                ),
                (_dim_link("bond"), FOR_THERAPISTS),
            ),
            "low": Advice(
                "Right now you may feel guarded with this client, or sense that they hold back. "
                "Strain like this is a normal part of therapy. "
                "It is a chance to repair, not a verdict on you or the client.",
                (
                    "Bring this client to supervision and look at your own part in the strain.",
                    "Name what you notice, gently, and invite the client to respond.",
                ),
                (
                    "I have a sense that things feel a bit tense between us. Am I right?",
                    "I'd like to hear how our sessions feel for you, even if it's hard to say.",
                ),
                (_dim_link("bond"), FOR_THERAPISTS, REPAIR),
            ),
        },
    },
}

OVERALL: dict[str, dict[str, str]] = {
    _C: {
        "high": "Overall, your answers suggest that you and your therapist work well together.",
        "middle": "Overall, your answers suggest that some parts of your work together are strong, and some are worth a talk.",
        "low": "Overall, your answers suggest that parts of your work together feel strained right now. "
        "This is something to talk about with your therapist, not a verdict.",
    },
    _T: {
        "high": "Overall, your answers suggest that you and this client work well together.",
        "middle": "Overall, your answers suggest that some parts of your work with this client are strong, and some are worth a look.",
        "low": "Overall, your answers suggest that parts of your work with this client feel strained right now. "
        "This is something to explore with the client and in supervision, not a verdict.",
    },
}

HEADINGS: dict[str, str] = {_C: "Your results", _T: "Your results for this client"}
TRY_HEADING: dict[str, str] = {_C: "Things you might try:", _T: "Things you might try:"}
STARTER_HEADING: dict[str, str] = {
    _C: "To start the talk at your next session, you could say:",
    _T: "To open the topic with this client, you could say:",
}
READ_MORE = "Read more:"
NOTE: dict[str, str] = {
    _C: "These scores are for reflection. They are not a test or a diagnosis, and this is not a validated measure. "
    "Scores can change from week to week. They are a way to start a talk with your therapist.",
    _T: "These scores are for reflection and supervision. This is not a validated measure. "
    "Your client may see things quite differently, so it helps to ask them.",
}
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
