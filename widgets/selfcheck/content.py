"""The self-check's items and result texts as validated data, and the tables they fill.

The data is written in ``docs/self-check/selfcheck.yml``. The build reads it (with line and
column for every problem: ``scripts/selfcheck_content.py``) and embeds it in the self-check page
as JSON; the page hands it to Python in the browser with the setup call ``open``. Both go
through ``content_from_json``, the one validator: it collects every problem as a ``Problem``
(where in the data, what was expected and how to fix it) and raises ``ContentProblems``.

``install`` fills the tables the other modules read (``items.FORMS``, ``items.SCALE``, the
result texts of ``feedback`` and the texts of ``harm``, ``compare`` and ``changes``), in place, so ``from .items import FORMS`` always sees them.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from string import Formatter
from typing import Any

from . import changes, compare, feedback, harm, items
from .changes import ChangeTexts
from .compare import CompareTexts
from .feedback import LESSONS, Advice, Link, join_words, lesson_link
from .harm import HarmTexts
from .items import DIMENSIONS, FORM_IDS, SCALE_MAX, SCALE_MIN, Form, Item, ScalePoint
from .scoring import BANDS


def _braced(names: Sequence[str]) -> str:
    """'{size}, {names} and {tie}': placeholders as an author writes them."""
    return join_words([f"{{{name}}}" for name in names])


_ID = re.compile(r"[a-z][a-z0-9-]*")
_LESSON = re.compile(r"lessons/[a-z0-9-]+\.md(#[a-z0-9-]+)?")
RESULT_TEXTS = ("heading", "note", "try_heading", "starter_heading")
_HOW = {
    "scale": "add the answer scale, one '- value: <n>' and 'label: <word>' a point",
    "forms": "add the forms, each with id, title, subtitle, intro, prompt and items",
    "links": "add the named lesson links the advice uses",
    "results": "add the result texts of each form",
    "id": "add an id",
    "dimension": "add dimension: goals, tasks or bond",
    "text": "add the statement as the reader sees it",
    "lesson": "add lesson: lessons/<slug>.md#<anchor>, the section the item was written from",
    "meaning": "add what this score means, in a sentence or two",
    "tries": "add a list of things to try",
    "starters": "add a list of things to say",
    "harm": "add the texts a client with a low score sees if the cause may be harm (heading, text, steps)",
    "compare": "add the texts of the client-and-therapist comparison",
    "changes": "add the texts of the flags on saved entries (rupture, repair, between)",
    "steps": "add a list of ways forward that do not go through the therapist",
    "between": "add who a strain is between, for each form (client, therapist)",
    "not_enough": "add the sentence shown when there are not enough answers to compare",
    "context": "add the paragraph shown after the lead when the views differ",
    **{
        key: f"add the text, with the placeholders {_braced(names)}"
        for key, names in (*compare.PLACEHOLDERS.items(), *changes.PLACEHOLDERS.items())
    },
}
HARM_TEXTS = ("heading", "text")
COMPARE_TEXTS = (
    "heading",
    "dates",
    "unknown_date",
    "not_enough",
    "close",
    "close_after",
    "differ",
    "higher",
    "tie",
    "context",
    "caption",
    "starter_heading",
)


@dataclass(frozen=True, slots=True)
class Problem:
    """``where`` is a path into the data (``forms[0].items[3].dimension``); ``at_key``: point at the key."""

    where: str
    message: str
    at_key: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ContentProblems(ValueError):
    """Every problem found in the self-check's data; ``str()`` is one problem a line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class ResultTexts:
    """The result texts of one form."""

    heading: str
    note: str
    try_heading: str
    starter_heading: str
    about: dict[str, str]
    overall: dict[str, str]
    advice: dict[str, dict[str, Advice]]


@dataclass(frozen=True, slots=True)
class Content:
    scale: tuple[ScalePoint, ...]
    forms: tuple[Form, ...]
    results: dict[str, ResultTexts]
    harm: HarmTexts | None = None
    compare: CompareTexts | None = None
    changes: ChangeTexts | None = None
    source: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value if len(value) <= 40 else value[:37] + '...'!r}"
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else type(value).__name__


class _Check:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, message: str, at_key: bool = False) -> None:
        self.problems.append(Problem(where, message, at_key))

    def fields(
        self, value: object, where: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            self.add(where, f"expected a mapping ('key: value' lines), got {_describe(value)}")
            return {}
        allowed = (*required, *optional)
        for key in value:
            if key not in allowed:
                self.add(
                    f"{where}.{key}" if where else str(key),
                    f"unknown key {key!r}; expected one of: {', '.join(allowed)}",
                    True,
                )
        for key in required:
            if key not in value:
                self.add(where, f"missing required field {key!r}; {_HOW.get(key, 'add it')}")
        return {str(k): v for k, v in value.items() if k in allowed}

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            got = "empty text" if isinstance(value, str) else _describe(value)
            self.add(where, f"expected text, got {got}; write the text (in quotes if it could be read as a number)")
            return ""
        return value

    def texts(self, value: object, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            self.add(where, f"expected a list of texts (lines starting with '- '), got {_describe(value)}")
            return ()
        return tuple(self.text(v, f"{where}[{n}]") for n, v in enumerate(value))

    def template(self, value: object, where: str, allowed: Sequence[str]) -> str:
        """A text whose placeholders (``{size}``) are exactly ``allowed``, so formatting it cannot fail."""
        text = self.text(value, where)
        named = _braced(allowed)
        try:
            parts = list(Formatter().parse(text))
        except ValueError:
            self.add(where, f"a brace without its pair; write placeholders as {named}, and {{{{ or }}}} for a brace")
            return ""
        used: set[str] = set()
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if name in allowed and (spec or conversion):
                self.add(where, f"write the placeholder as {{{name}}}, with nothing after the name")
            elif name not in allowed:
                self.add(where, f"unknown placeholder {{{name}}}; the placeholders of this text are {named}")
            used.add(name)
        for name in allowed:
            if text and name not in used:
                self.add(where, f"missing placeholder {{{name}}}; the placeholders of this text are {named}")
        return text

    def listed(self, value: object, where: str) -> list[Any]:
        if not isinstance(value, list):
            self.add(where, f"expected a list (lines starting with '- '), got {_describe(value)}")
            return []
        return value

    def one_each(self, value: object, where: str, keys: Sequence[str]) -> dict[str, Any]:
        """A mapping with exactly these keys (e.g. goals, tasks, bond)."""
        return self.fields(value, where, keys)


def _scale(check: _Check, value: object) -> tuple[ScalePoint, ...]:
    points = []
    for n, raw in enumerate(check.listed(value, "scale")):
        f = check.fields(raw, f"scale[{n}]", ("value", "label"))
        label = check.text(f.get("label"), f"scale[{n}].label") if "label" in f else ""
        value = f.get("value")
        points.append(ScalePoint(value if isinstance(value, int) and not isinstance(value, bool) else 0, label))
    if [p.value for p in points] != list(range(SCALE_MIN, SCALE_MAX + 1)):
        check.add(
            "scale", f"expected the values {SCALE_MIN} to {SCALE_MAX} in order, one a point; the scoring uses them"
        )
    return tuple(points)


def _item(check: _Check, raw: object, where: str, seen: dict[str, str]) -> Item | None:
    f = check.fields(raw, where, ("id", "dimension", "text", "lesson"), ("reverse",))
    item_id, dim = f.get("id"), f.get("dimension")
    if "id" in f and (not isinstance(item_id, str) or not _ID.fullmatch(item_id)):
        check.add(f"{where}.id", f"expected an id of lowercase letters, digits and hyphens, got {_describe(item_id)}")
    elif isinstance(item_id, str) and item_id in seen:
        check.add(
            f"{where}.id", f"the item id {item_id!r} is used twice (also at {seen[item_id]}); give each item its own id"
        )
    elif isinstance(item_id, str):
        seen[item_id] = where
    if "dimension" in f and dim not in DIMENSIONS:
        check.add(f"{where}.dimension", f"unknown dimension {_describe(dim)}; expected one of: {', '.join(DIMENSIONS)}")
    text = check.text(f.get("text"), f"{where}.text") if "text" in f else ""
    lesson = f.get("lesson")
    if "lesson" in f and (not isinstance(lesson, str) or not _LESSON.fullmatch(lesson)):
        check.add(f"{where}.lesson", f"expected lessons/<slug>.md#<anchor>, got {_describe(lesson)}")
    elif isinstance(lesson, str) and lesson.split("/")[1].split(".")[0] not in LESSONS:
        check.add(f"{where}.lesson", f"no lesson {lesson!r}; expected one of: {', '.join(LESSONS)}")
    reverse = f.get("reverse", False)
    if not isinstance(reverse, bool):
        check.add(f"{where}.reverse", f"expected true or false, got {_describe(reverse)}")
    if not all(isinstance(v, str) for v in (item_id, dim, lesson)) or dim not in DIMENSIONS:
        return None
    return Item(str(item_id), dim, text, reverse is True, str(lesson))


def _forms(check: _Check, value: object) -> tuple[Form, ...]:
    forms: list[Form] = []
    seen: dict[str, str] = {}
    raw_forms = check.listed(value, "forms")
    if [f.get("id") if isinstance(f, Mapping) else None for f in raw_forms] != list(FORM_IDS):
        check.add("forms", f"expected the forms {' and '.join(FORM_IDS)}, in this order, each with its id")
    for n, raw in enumerate(raw_forms):
        where = f"forms[{n}]"
        f = check.fields(raw, where, ("id", "title", "subtitle", "intro", "prompt", "items"))
        words = {k: check.text(f.get(k), f"{where}.{k}") for k in ("title", "subtitle", "intro", "prompt") if k in f}
        its = [
            _item(check, r, f"{where}.items[{i}]", seen)
            for i, r in enumerate(check.listed(f.get("items"), f"{where}.items"))
        ]
        good = tuple(i for i in its if i is not None)
        for dim in DIMENSIONS if "items" in f else ():
            if not any(i.dimension == dim for i in good):
                check.add(f"{where}.items", f"no item for the dimension {dim!r}; each dimension needs its items")
        if f.get("id") in FORM_IDS and len(words) == 4:
            forms.append(Form(f["id"], words["title"], words["subtitle"], words["intro"], words["prompt"], good))
    return tuple(forms)


def _links(check: _Check, value: object) -> dict[str, Link]:
    if not isinstance(value, Mapping):
        check.add("links", f"expected a mapping of link names, got {_describe(value)}")
        return {}
    links = {}
    for name, raw in value.items():
        where = f"links.{name}"
        f = check.fields(raw, where, ("lesson", "part"), ("anchor",))
        slug = f.get("lesson")
        if "lesson" in f and slug not in LESSONS:
            check.add(f"{where}.lesson", f"no lesson {_describe(slug)}; expected one of: {', '.join(LESSONS)}")
            continue
        anchor = f.get("anchor", "")
        part = check.text(f.get("part"), f"{where}.part") if "part" in f else ""
        if isinstance(slug, str) and isinstance(anchor, str):
            links[str(name)] = lesson_link(slug, anchor, part)
    return links


def _advice(check: _Check, raw: object, where: str, links: Mapping[str, Link]) -> Advice:
    f = check.fields(raw, where, ("meaning", "tries", "starters", "links"))
    found = []
    for n, name in enumerate(check.listed(f.get("links", []), f"{where}.links")):
        if name not in links:
            check.add(f"{where}.links[{n}]", f"no link named {_describe(name)}; expected one of: {', '.join(links)}")
        else:
            found.append(links[name])
    return Advice(
        check.text(f.get("meaning"), f"{where}.meaning") if "meaning" in f else "",
        check.texts(f.get("tries"), f"{where}.tries") if "tries" in f else (),
        check.texts(f.get("starters"), f"{where}.starters") if "starters" in f else (),
        tuple(found),
    )


def _results(check: _Check, value: object, links: Mapping[str, Link]) -> dict[str, ResultTexts]:
    out = {}
    for form_id, raw in check.one_each(value, "results", FORM_IDS).items():
        where = f"results.{form_id}"
        f = check.fields(raw, where, (*RESULT_TEXTS, "about", "overall", "advice"))
        words = {k: check.text(f.get(k), f"{where}.{k}") for k in RESULT_TEXTS if k in f}
        about = {
            k: check.text(v, f"{where}.about.{k}")
            for k, v in check.one_each(f.get("about"), f"{where}.about", DIMENSIONS).items()
        }
        overall = {
            k: check.text(v, f"{where}.overall.{k}")
            for k, v in check.one_each(f.get("overall"), f"{where}.overall", BANDS).items()
        }
        advice = {}
        for dim, bands in check.one_each(f.get("advice"), f"{where}.advice", DIMENSIONS).items():
            advice[dim] = {
                band: _advice(check, a, f"{where}.advice.{dim}.{band}", links)
                for band, a in check.one_each(bands, f"{where}.advice.{dim}", BANDS).items()
            }
        if len(words) == len(RESULT_TEXTS):
            out[form_id] = ResultTexts(**words, about=about, overall=overall, advice=advice)
    return out


def _harm(check: _Check, value: object) -> HarmTexts | None:
    f = check.fields(value, "harm", (*HARM_TEXTS, "steps"))
    words = {k: check.text(f.get(k), f"harm.{k}") for k in HARM_TEXTS if k in f}
    steps = check.texts(f.get("steps"), "harm.steps") if "steps" in f else ()
    return HarmTexts(**words, steps=steps) if len(words) == len(HARM_TEXTS) and steps else None


def _words(
    check: _Check, f: Mapping[str, Any], section: str, names: Sequence[str], templates: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """The texts ``names`` of one section, each template checked for its placeholders."""
    return {
        k: check.template(f.get(k), f"{section}.{k}", templates[k])
        if k in templates
        else check.text(f.get(k), f"{section}.{k}")
        for k in names
        if k in f
    }


def _compare(check: _Check, value: object) -> CompareTexts | None:
    f = check.fields(value, "compare", (*COMPARE_TEXTS, "starters"))
    words = _words(check, f, "compare", COMPARE_TEXTS, compare.PLACEHOLDERS)
    starters = check.texts(f.get("starters"), "compare.starters") if "starters" in f else ()
    return CompareTexts(**words, starters=starters) if len(words) == len(COMPARE_TEXTS) and starters else None


def _changes(check: _Check, value: object) -> ChangeTexts | None:
    f = check.fields(value, "changes", (*changes.PLACEHOLDERS, "between"))
    words = _words(check, f, "changes", tuple(changes.PLACEHOLDERS), changes.PLACEHOLDERS)
    between = {
        k: check.text(v, f"changes.between.{k}")
        for k, v in check.one_each(f.get("between"), "changes.between", FORM_IDS).items()
    }
    if len(words) != len(changes.PLACEHOLDERS) or len(between) != len(FORM_IDS):
        return None
    return ChangeTexts(words["rupture"], words["repair"], between)


def content_from_json(data: object) -> Content:
    """The validated content, or ``ContentProblems`` listing every problem."""
    check = _Check()
    f = check.fields(data, "", ("scale", "forms", "links", "results", "harm", "compare", "changes"))
    scale = _scale(check, f.get("scale")) if "scale" in f else ()
    forms = _forms(check, f.get("forms")) if "forms" in f else ()
    links = _links(check, f.get("links")) if "links" in f else {}
    results = _results(check, f.get("results"), links) if "results" in f else {}
    harm_texts = _harm(check, f.get("harm")) if "harm" in f else None
    compare_texts = _compare(check, f.get("compare")) if "compare" in f else None
    change_texts = _changes(check, f.get("changes")) if "changes" in f else None
    if check.problems:
        raise ContentProblems(check.problems)
    assert isinstance(data, dict)
    return Content(scale, forms, results, harm_texts, compare_texts, change_texts, data)


def _put[T](table: dict[str, T], words: T | None) -> None:
    table.clear()
    if words is not None:
        table["texts"] = words


def install(content: Content) -> None:
    """Fill the tables the scoring, the results and the charts read, in place."""
    items.SCALE[:] = content.scale
    items.FORMS.clear()
    items.FORMS.update((form.id, form) for form in content.forms)
    tables: tuple[tuple[dict[str, Any], str], ...] = (
        (feedback.HEADINGS, "heading"),
        (feedback.NOTE, "note"),
        (feedback.TRY_HEADING, "try_heading"),
        (feedback.STARTER_HEADING, "starter_heading"),
        (feedback.ABOUT, "about"),
        (feedback.OVERALL, "overall"),
        (feedback.ADVICE, "advice"),
    )
    for table, name in tables:
        table.clear()
        table.update((form_id, getattr(texts, name)) for form_id, texts in content.results.items())
    _put(harm.TEXTS, content.harm)
    _put(compare.TEXTS, content.compare)
    _put(changes.TEXTS, content.changes)


def installed() -> bool:
    return bool(items.FORMS)
