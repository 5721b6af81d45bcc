"""The alliance self-check instrument: its shape (forms, items, the answer scale).

The wording lives in ``docs/self-check/selfcheck.yml``, validated by ``content`` and put in
``FORMS`` and ``SCALE`` by ``content.install``.

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


#: the labelled answer scale, lowest first (filled from the data by ``content.install``)
SCALE: Final[list[ScalePoint]] = []


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


#: the forms by id, in the order shown (filled from ``docs/self-check/selfcheck.yml`` by ``content.install``)
FORMS: Final[dict[str, Form]] = {}


def get_form(form_id: object) -> Form:
    """The form with this id, or ``ValueError`` naming the forms that exist."""
    if isinstance(form_id, str) and form_id in FORMS:
        return FORMS[form_id]
    if not FORMS:
        raise ValueError("The self-check's items have not reached Python yet: reload the page.")
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
