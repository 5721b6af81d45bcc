"""Canvas QTI zips: the manifest and both assessment files, well-formed, referencing each other,
byte-for-byte reproducible, and read back by an independent QTI 1.2 reader to the same
questions, answers and scores as the course's grader."""

from __future__ import annotations

import io
import itertools
import xml.etree.ElementTree as ET
import zipfile

import pytest

from scripts.exports.qti import assessment_ident, module_to_qti_zip
from scripts.quizzes.loader import load_bank
from widgets.quiz.grading import grade_question
from widgets.quiz.model import (
    Matching,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
    plain_text,
)

from .qti_reader import Item, children, descendants, local, read_package, score

MODULE_IDS = sorted(load_bank().modules) + ["every-type", "escaping"]
CANVAS_TYPES = {
    SingleChoice: "multiple_choice_question",
    MultipleChoice: "multiple_answers_question",
    TrueFalse: "true_false_question",
    Matching: "matching_question",
    Ordering: "matching_question",
    ShortAnswer: "short_answer_question",
}


@pytest.fixture(scope="module")
def packages(all_modules) -> dict[str, bytes]:
    return {mid: module_to_qti_zip(m) for mid, m in all_modules.items()}


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_zip_holds_manifest_and_assessment_files_that_reference_each_other(module_id, packages, all_modules):
    data = packages[module_id]
    aid = assessment_ident(all_modules[module_id])
    pkg = read_package(data)
    assert pkg.names == ["imsmanifest.xml", f"{aid}/{aid}.xml", f"{aid}/assessment_meta.xml"]
    for name in pkg.names:
        ET.fromstring(pkg.files[name])  # well-formed
    resources = descendants(pkg.manifest, "resource")
    hrefs = {f.get("href") for r in resources for f in children(r, "file")}
    assert hrefs == set(pkg.names) - {"imsmanifest.xml"}  # every file listed, every listed file there
    idents = {r.get("identifier") for r in resources}
    for r in resources:
        assert r.get("href") in (None, *hrefs)
        for dep in children(r, "dependency"):
            assert dep.get("identifierref") in idents
    assert pkg.assessment.get("ident") == aid
    meta = ET.fromstring(pkg.files[f"{aid}/assessment_meta.xml"])
    assert local(meta.tag) == "quiz" and meta.get("identifier") == aid
    points = [e for e in meta if local(e.tag) == "points_possible"][0]
    assert float(points.text or 0) == len(pkg.items)


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_zip_bytes_are_reproducible(module_id, packages, all_modules):
    assert module_to_qti_zip(all_modules[module_id]) == packages[module_id]
    with zipfile.ZipFile(io.BytesIO(packages[module_id])) as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def _close(a: float, b: float) -> bool:
    return abs(a - b) < 0.01


def _check_choice(q: SingleChoice | MultipleChoice | TrueFalse, item: Item) -> None:
    (resp,) = item.responses
    if isinstance(q, TrueFalse):
        texts, keys = ["True", "False"], ["true", "false"]
        feedback = [q.feedback_true_html, q.feedback_false_html]
        correct = [q.answer, not q.answer]
    else:
        texts = [o.text_html.strip() for o in q.options]
        keys = [str(i) for i in range(len(q.options))]
        feedback = [o.feedback_html for o in q.options]
        correct = [o.correct for o in q.options]
    assert [t for _, t in resp.labels] == texts
    labels = [i for i, _ in resp.labels]
    for label, key, fb in zip(labels, keys, feedback, strict=True):
        chosen: object = {label} if resp.cardinality == "Multiple" else label
        value, shown = score(item, {resp.ident: chosen})
        if isinstance(q, MultipleChoice):
            continue
        assert _close(value, 100 * grade_question(q, key).score), (q.id, key)
        if fb.strip():
            assert fb.strip() in [item.feedback[s] for s in shown]
    if isinstance(q, MultipleChoice):
        assert resp.cardinality == "Multiple"
        right = {lab for lab, ok in zip(labels, correct, strict=True) if ok}
        assert score(item, {resp.ident: right})[0] == 100
        for label in labels:  # one more, or one fewer: QTI marks all-or-nothing (Canvas scores partly itself)
            assert score(item, {resp.ident: right ^ {label}})[0] == 0
        for label, fb in zip(labels, feedback, strict=True):
            shown = score(item, {resp.ident: {label}})[1]
            if fb.strip():
                assert fb.strip() in [item.feedback[s] for s in shown]


def _check_matching(q: Matching, item: Item) -> None:
    choices = matching_choices(q)
    assert [plain_text(p.left_html) for p in q.pairs] == [r.prompt for r in item.responses]
    for resp in item.responses:
        assert [t for _, t in resp.labels] == list(choices)
    labels = [i for i, _ in item.responses[0].labels]
    responses = [{str(i): str(choices.index(p.right)) for i, p in enumerate(q.pairs)}]
    responses += [{str(i): str(c) for i in range(len(q.pairs))} for c in range(len(choices))]
    responses.append({"0": str(choices.index(q.pairs[0].right))})
    for course in responses:
        qti = {item.responses[int(left)].ident: labels[int(c)] for left, c in course.items()}
        assert _close(score(item, qti)[0], 100 * grade_question(q, course).score), (q.id, course)


def _check_ordering(q: Ordering, item: Item) -> None:
    n = len(q.items)
    assert [r.prompt for r in item.responses] == [plain_text(h) for h in q.items_html]
    assert [t for _, t in item.responses[0].labels] == [f"Position {p}" for p in range(1, n + 1)]
    assert "Position 1 comes first" in item.text
    labels = [i for i, _ in item.responses[0].labels]
    for order in itertools.islice(itertools.permutations(range(n)), 24):
        placed = {item.responses[it].ident: labels[pos] for pos, it in enumerate(order)}
        assert _close(score(item, placed)[0], 100 * grade_question(q, list(order)).score), (q.id, order)


def _check_short(q: ShortAnswer, item: Item) -> None:
    (resp,) = item.responses
    assert resp.kind == "str"
    for answer in q.accept:
        assert score(item, {resp.ident: answer})[0] == 100
    value, shown = score(item, {resp.ident: "certainly not an accepted answer"})
    assert value == 0
    if q.feedback_wrong_html.strip():
        assert q.feedback_wrong_html.strip() in [item.feedback[s] for s in shown]


def check_item(q: Question, item: Item) -> None:
    assert item.title == q.id
    assert item.question_type == CANVAS_TYPES[type(q)]
    assert float(item.metadata["points_possible"]) == 1
    if not isinstance(q, Ordering):
        assert item.text == q.text_html.strip()
    general = score(item, {})[1]
    assert q.explanation_html.strip() in [item.feedback[s] for s in general]
    if isinstance(q, (SingleChoice, MultipleChoice, TrueFalse)):
        _check_choice(q, item)
    elif isinstance(q, Matching):
        _check_matching(q, item)
    elif isinstance(q, Ordering):
        _check_ordering(q, item)
    elif isinstance(q, ShortAnswer):
        _check_short(q, item)


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_items_read_back_as_the_model_and_score_like_the_course(module_id, packages, all_modules):
    module = all_modules[module_id]
    pkg = read_package(packages[module_id])
    assert [i.title for i in pkg.items] == [q.id for q in module.questions]
    assert len({i.ident for i in pkg.items}) == len(pkg.items)
    for q, item in zip(module.questions, pkg.items, strict=True):
        check_item(q, item)


def test_header_comment_lists_the_ordering_conversion(all_modules):
    pkg = read_package(module_to_qti_zip(all_modules["every-type"]))
    aid = assessment_ident(all_modules["every-type"])
    text = pkg.files[f"{aid}/{aid}.xml"].decode()
    assert "et-ordering: converted: ordering -> matching" in text.split("-->", 1)[0]


def test_choice_items_keep_their_order_only_when_the_question_says_so(packages, all_modules):
    """``shuffle: false`` becomes ``render_choice shuffle="No"``; other choice items leave shuffling to the platform."""
    pkg = read_package(packages["why-it-matters"])
    aid = assessment_ident(all_modules["why-it-matters"])
    tree = ET.fromstring(pkg.files[f"{aid}/{aid}.xml"])
    flags = {
        item.get("title"): [rc.get("shuffle") for rc in descendants(item, "render_choice")]
        for item in descendants(tree, "item")
    }
    questions = {q.id: q for q in all_modules["why-it-matters"].questions}
    for qid, found in flags.items():
        q = questions[qid]
        if isinstance(q, (SingleChoice, MultipleChoice)):
            assert found == (["No"] if not q.shuffle else [None]), qid
    assert flags["why-largest-review"] == ["No"]
