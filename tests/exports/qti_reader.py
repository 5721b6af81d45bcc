"""A small reader of IMS QTI 1.2 (ASI) packages, written from the spec's structure only, to
check the Canvas exports independently of the code that writes them.

Structure read (QTI 1.2 ASI information model; namespaces ignored):
``questestinterop/assessment/section/item``; ``item/itemmetadata/qtimetadata/qtimetadatafield``
(``fieldlabel``, ``fieldentry``); ``item/presentation`` with ``material/mattext`` and response
types ``response_lid`` (``render_choice/response_label``, each with ``material/mattext``) and
``response_str`` (``render_fib``); ``item/resprocessing`` with ``outcomes/decvar`` and
``respcondition`` (``conditionvar`` of ``varequal``, ``not``, ``and``, ``or``, ``other``;
``setvar`` with ``action`` Set/Add/Subtract; ``displayfeedback``; ``continue`` defaulting to
"No"); ``item/itemfeedback`` with ``flow_mat/material/mattext`` or ``material/mattext``.

``score(item, response)`` runs the response processing on a response (respident -> value or
set of values) and returns (SCORE, feedback idents shown).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if local(c.tag) == name]


def child(el: ET.Element, name: str) -> ET.Element | None:
    found = children(el, name)
    return found[0] if found else None


def descendants(el: ET.Element, name: str) -> list[ET.Element]:
    return [d for d in el.iter() if local(d.tag) == name]


def mattext(el: ET.Element | None) -> str:
    """The text of the first ``mattext`` under ``el``."""
    if el is None:
        return ""
    texts = descendants(el, "mattext")
    return (texts[0].text or "") if texts else ""


@dataclass
class Response:
    ident: str
    kind: str  # "lid" or "str"
    cardinality: str
    prompt: str  # its own material (matching: the left text)
    labels: list[tuple[str, str]] = field(default_factory=list)  # (ident, text)


@dataclass
class Item:
    ident: str
    title: str
    metadata: dict[str, str]
    text: str
    responses: list[Response]
    conditions: list[ET.Element]
    feedback: dict[str, str]

    @property
    def question_type(self) -> str:
        return self.metadata.get("question_type", "")


def read_item(el: ET.Element) -> Item:
    metadata = {}
    for f in descendants(el, "qtimetadatafield"):
        label, entry = child(f, "fieldlabel"), child(f, "fieldentry")
        metadata[(label.text or "") if label is not None else ""] = (entry.text or "") if entry is not None else ""
    presentation = child(el, "presentation")
    assert presentation is not None, f"item {el.get('ident')} has no presentation"
    material = child(presentation, "material")
    responses = []
    for r in presentation:
        kind = local(r.tag)
        if kind not in ("response_lid", "response_str"):
            continue
        resp = Response(
            r.get("ident", ""), kind.split("_")[1], r.get("rcardinality", "Single"), mattext(child(r, "material"))
        )
        for label in descendants(r, "response_label"):
            resp.labels.append((label.get("ident", ""), mattext(label)))
        responses.append(resp)
    processing = child(el, "resprocessing")
    conditions = children(processing, "respcondition") if processing is not None else []
    feedback = {fb.get("ident", ""): mattext(fb) for fb in children(el, "itemfeedback")}
    return Item(el.get("ident", ""), el.get("title", ""), metadata, mattext(material), responses, conditions, feedback)


def _holds(cond: ET.Element, response: dict[str, object]) -> bool:
    name = local(cond.tag)
    if name == "conditionvar" or name == "and":
        return all(_holds(c, response) for c in cond)
    if name == "or":
        return any(_holds(c, response) for c in cond)
    if name == "not":
        return not all(_holds(c, response) for c in cond)
    if name == "other":
        return True
    if name == "varequal":
        given = response.get(cond.get("respident", ""))
        value = cond.text or ""
        if isinstance(given, (set, frozenset, list, tuple)):
            return value in given
        if given is None:
            return False
        if cond.get("case", "No") == "Yes":
            return given == value
        return str(given).lower() == value.lower()  # QTI 1.2: case defaults to "No"
    raise ValueError(f"condition <{name}> is not read by this reader")


def score(item: Item, response: dict[str, object]) -> tuple[float, list[str]]:
    """Run the item's response processing: (SCORE, feedback idents displayed)."""
    value, shown = 0.0, []
    for cond in item.conditions:
        var = child(cond, "conditionvar")
        if var is None or not _holds(var, response):
            continue
        for setvar in children(cond, "setvar"):
            amount = float(setvar.text or 0)
            action = setvar.get("action", "Set")
            value = amount if action == "Set" else value + amount if action == "Add" else value - amount
        shown += [d.get("linkrefid", "") for d in children(cond, "displayfeedback")]
        if cond.get("continue", "No") == "No":
            break
    return value, shown


@dataclass
class Package:
    names: list[str]
    manifest: ET.Element
    files: dict[str, bytes]
    items: list[Item]
    assessment: ET.Element


def read_package(data: bytes) -> Package:
    """Open a QTI zip: its manifest, the files the manifest names, and the items of the
    resource of type ``imsqti_xmlv1p2``."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        files = {name: zf.read(name) for name in names}
    manifest = ET.fromstring(files["imsmanifest.xml"])
    qti_hrefs = [
        f.get("href", "")
        for r in descendants(manifest, "resource")
        if r.get("type") == "imsqti_xmlv1p2"
        for f in children(r, "file")
    ]
    assert len(qti_hrefs) == 1, qti_hrefs
    root = ET.fromstring(files[qti_hrefs[0]])
    assert local(root.tag) == "questestinterop"
    assessment = child(root, "assessment")
    assert assessment is not None
    items = [read_item(i) for i in descendants(assessment, "item")]
    return Package(names, manifest, files, items, assessment)
