"""The alliance self-check instrument, kept as data.

The items were written for this course on Bordin's three dimensions of the working
alliance (goals, tasks, bond). They are original: they do not reproduce, paraphrase or
clone items of the Working Alliance Inventory (any form), the Session Rating Scale,
CALPAS or the Helping Alliance questionnaire, which are copyrighted. The ideas of goals,
tasks and bond are free to use; the wording here is the course's own.

Two forms:

* ``client``: "me and my therapist", for people in therapy;
* ``therapist``: "me and this client", for therapists and trainees.

Each form has 12 items, 4 per dimension, 3 of them reverse-keyed (one per dimension),
answered on a 5-point labelled frequency scale. Each item names the lesson section it was
written from, so feedback can link back to it.

This is a reflection tool, not a validated measure and not a diagnosis.
"""

from dataclasses import dataclass
from typing import Final, Literal

from widgets.lesson_url import LESSONS
from widgets.lesson_url import lesson_url as _lesson_url

SCHEMA_VERSION: Final = 1
"""Version of the stored and exported data (see ``history``). Bump when its shape changes."""

Dimension = Literal["goals", "tasks", "bond"]
DIMENSIONS: Final[tuple[Dimension, ...]] = ("goals", "tasks", "bond")
DIMENSION_NAMES: Final[dict[str, str]] = {"goals": "Goals", "tasks": "Tasks", "bond": "Bond"}

FormId = Literal["client", "therapist"]
FORM_IDS: Final[tuple[FormId, ...]] = ("client", "therapist")

SCALE_MIN: Final = 1
SCALE_MAX: Final = 5


@dataclass(frozen=True, slots=True)
class ScalePoint:
    """One labelled point of the answer scale."""

    value: int
    label: str


SCALE: Final[tuple[ScalePoint, ...]] = (
    ScalePoint(1, "Never"),
    ScalePoint(2, "Rarely"),
    ScalePoint(3, "Sometimes"),
    ScalePoint(4, "Often"),
    ScalePoint(5, "Always"),
)


@dataclass(frozen=True, slots=True)
class Item:
    """One statement of a form.

    ``reverse`` items describe something that weakens the alliance, so a high answer
    counts low: the keyed value is ``6 - answer``. ``lesson`` is the Markdown source of
    the lesson section the item was written from, e.g. ``lessons/goals-tasks-bond.md#goals``;
    ``lesson_url`` gives the link as seen from the self-check page.
    """

    id: str
    dimension: Dimension
    text: str
    reverse: bool
    lesson: str

    @property
    def lesson_url(self) -> str:
        return lesson_url(self.lesson)


@dataclass(frozen=True, slots=True)
class Form:
    """A form: its items in the order they are shown, and its wording."""

    id: FormId
    title: str
    subtitle: str
    intro: str
    prompt: str
    items: tuple[Item, ...]

    def item(self, item_id: str) -> Item:
        """The item with this id; ``KeyError`` if the form has none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def number(self, item_id: str) -> int:
        """The 1-based position of an item, as the reader sees it numbered."""
        return self.item_ids.index(item_id) + 1

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def items_for(self, dimension: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.dimension == dimension)


def lesson_url(section: str) -> str:
    """Turn ``lessons/<slug>.md#anchor`` into ``../lessons/<slug>/#anchor``.

    The self-check page is served at ``/self-check/`` with directory URLs, so a lesson is
    one level up.
    """
    path, _, anchor = section.partition("#")
    if not (path.startswith(LESSONS) and path.endswith(".md")):
        raise ValueError(f"lesson section should look like 'lessons/<slug>.md#anchor', got {section!r}")
    return _lesson_url(path.removeprefix(LESSONS).removesuffix(".md"), anchor, base="../" + LESSONS)


_GTB = "lessons/goals-tasks-bond.md"
_BUILD = "lessons/building-the-alliance.md"
_RUPTURES = "lessons/ruptures.md"


def _item(form: str, dimension: Dimension, n: int, text: str, lesson: str, reverse: bool = False) -> Item:
    return Item(id=f"{form}-{dimension}-{n}", dimension=dimension, text=text, reverse=reverse, lesson=lesson)


CLIENT_FORM: Final = Form(
    id="client",
    title="Me and my therapist",
    subtitle="For people who are in therapy now",
    intro=(
        "These 12 statements are about how you and your therapist work together. "
        "It takes about three minutes. There are no right or wrong answers. "
        "This is for reflection. It is not a test, a diagnosis or a validated measure. "
        "Your answers stay on this device."
    ),
    prompt="Think about your last few sessions. How often is each statement true for you?",
    items=(
        _item("c", "goals", 1, "I could say in my own words what we are aiming for.", f"{_GTB}#goals"),
        _item("c", "tasks", 1, "I know why we spend our session time the way we do.", f"{_GTB}#tasks"),
        _item("c", "bond", 1, "I feel I can be myself with my therapist.", f"{_GTB}#bond"),
        _item("c", "goals", 2, "I leave sessions unsure where our work is heading.", f"{_GTB}#goals", reverse=True),
        _item("c", "tasks", 2, "If a way of working does not suit me, I can say so.", f"{_BUILD}#for-clients"),
        _item("c", "bond", 2, "My therapist treats me as a person, not just a problem.", f"{_GTB}#bond"),
        _item("c", "goals", 3, "We check together that our aims still fit.", f"{_GTB}#goals"),
        _item(
            "c",
            "bond",
            3,
            "I worry how my therapist would react to some of my thoughts.",
            f"{_RUPTURES}#withdrawal-ruptures",
            reverse=True,
        ),
        _item("c", "tasks", 3, "What we do in sessions links to my life outside them.", f"{_GTB}#tasks"),
        _item("c", "goals", 4, "The aims of our work feel like mine, not only my therapist's.", f"{_GTB}#goals"),
        _item("c", "tasks", 4, "Our sessions feel like going through the motions.", f"{_GTB}#tasks", reverse=True),
        _item("c", "bond", 4, "My therapist remembers what matters to me.", f"{_GTB}#bond"),
    ),
)

THERAPIST_FORM: Final = Form(
    id="therapist",
    title="Me and this client",
    subtitle="For therapists and trainees, about one client",
    intro=(
        "These 12 statements are about how you and one client work together. "
        "It takes about three minutes. Think of one client and answer for them only. "
        "This is for reflection and supervision. It is not a validated measure. "
        "Your answers stay on this device."
    ),
    prompt="Think about your last few sessions with this client. How often is each statement true?",
    items=(
        _item("t", "goals", 1, "This client and I would describe our aims the same way.", f"{_GTB}#goals"),
        _item("t", "tasks", 1, "I explain to this client why we work the way we do.", f"{_GTB}#tasks"),
        _item("t", "bond", 1, "I look forward to my sessions with this client.", f"{_GTB}#bond"),
        _item(
            "t", "goals", 2, "I push toward aims that are more mine than this client's.", f"{_GTB}#goals", reverse=True
        ),
        _item("t", "tasks", 2, "This client tells me when a way of working is not helping.", f"{_GTB}#tasks"),
        _item("t", "bond", 2, "This client seems able to tell me hard things.", f"{_GTB}#bond"),
        _item("t", "goals", 3, "I check with this client that our aims still fit.", f"{_BUILD}#for-therapists"),
        _item(
            "t",
            "bond",
            3,
            "I feel guarded or on edge in sessions with this client.",
            f"{_RUPTURES}#what-a-rupture-is",
            reverse=True,
        ),
        _item("t", "tasks", 3, "This client takes an active part in what we do in session.", f"{_GTB}#tasks"),
        _item("t", "goals", 4, "This client's own words shape what we aim for.", f"{_GTB}#goals"),
        _item(
            "t",
            "tasks",
            4,
            "I keep using a method with this client even when it falls flat.",
            f"{_GTB}#tasks",
            reverse=True,
        ),
        _item("t", "bond", 4, "I see this client as a whole person, not just a problem.", f"{_GTB}#bond"),
    ),
)

FORMS: Final[dict[str, Form]] = {"client": CLIENT_FORM, "therapist": THERAPIST_FORM}


def get_form(form_id: object) -> Form:
    """The form with this id, or ``ValueError`` naming the forms that exist."""
    if isinstance(form_id, str) and form_id in FORMS:
        return FORMS[form_id]
    raise ValueError(f"Unknown form {form_id!r}: expected one of {', '.join(FORM_IDS)}.")


def form_as_dict(form_id: str) -> dict[str, object]:
    """A JSON-ready description of a form (for page building or the browser)."""
    form = get_form(form_id)
    return {
        "schema": SCHEMA_VERSION,
        "id": form.id,
        "title": form.title,
        "subtitle": form.subtitle,
        "intro": form.intro,
        "prompt": form.prompt,
        "scale": [{"value": p.value, "label": p.label} for p in SCALE],
        "items": [
            {
                "id": i.id,
                "number": n,
                "dimension": i.dimension,
                "text": i.text,
                "reverse": i.reverse,
                "lesson": i.lesson,
            }
            for n, i in enumerate(form.items, start=1)
        ],
    }
