"""One question entry of a quiz file -> a model ``Question`` (or problems saying what to fix)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widgets.quiz.model import (
    DIFFICULTIES,
    QUESTION_CLASSES,
    QUESTION_TYPES,
    Option,
    Pair,
    Question,
)

from .markup import MarkupError, Renderer, heading_anchors
from .source import Node, Reader, describe, did_you_mean

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

COMMON_REQUIRED = ("id", "type", "objective", "difficulty", "source", "text", "explanation")
COMMON_OPTIONAL = ("hints",)
TYPE_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "single": (("options",), ("shuffle",)),
    "multiple": (("options",), ("shuffle",)),
    "true_false": (("answer",), ("feedback_true", "feedback_false")),
    "matching": (("pairs",), ("distractors",)),
    "ordering": (("items",), ()),
    "short_answer": (("accept",), ("feedback_wrong",)),
}


@dataclass
class Context:
    """What checking a question needs from outside its file."""

    docs_dir: Path
    renderer: Renderer = field(default_factory=Renderer)

    def lesson_file(self, slug: str) -> Path:
        return self.docs_dir / "lessons" / f"{slug}.md"

    def lesson_slugs(self) -> list[str]:
        return sorted(p.stem for p in (self.docs_dir / "lessons").glob("*.md"))


def _then(hint: str, rest: str) -> str:
    """Join a did-you-mean hint ('; did you mean 'x'?') and what follows it."""
    return f"{hint} {rest[0].upper()}{rest[1:]}" if hint else f"; {rest}"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def check_id(reader: Reader, node: Node | None, *, what: str, example: str) -> str | None:
    if node is None:
        return None
    if not isinstance(node.value, str):
        reader.problem(
            node,
            f"expected a text {what} such as {example!r}, got {describe(node.value)}; "
            "ids use lowercase letters, digits and hyphens",
        )
        return None
    if not ID_PATTERN.match(node.value):
        fixed = re.sub(r"[^a-z0-9]+", "-", node.value.lower()).strip("-") or example
        reader.problem(
            node, f"{what} {node.value!r} must use lowercase letters, digits and single hyphens only, e.g. {fixed!r}"
        )
        return None
    return str(node.value)


class QuestionBuilder:
    """Reads one question; ``build`` returns the model or None when something is wrong."""

    def __init__(self, reader: Reader, ctx: Context, objectives: dict[str, Any]) -> None:
        self.r, self.ctx, self.objectives = reader, ctx, objectives

    def md(
        self, node: Node | None, *, inline: bool = False, what: str = "text", empty: str | None = None
    ) -> tuple[str, str] | None:
        """(source, html) of a Markdown text node."""
        text = self.r.text(node, what=what, empty=empty)
        if text is None or node is None:
            return None
        try:
            html = self.ctx.renderer.inline(text) if inline else self.ctx.renderer.block(text)
        except MarkupError as exc:
            self.r.problem(node, str(exc))
            return None
        return text.strip(), html

    def build(self, node: Node) -> tuple[Question | None, str | None]:
        """The question and its id (the id even when the rest is wrong, for uniqueness checks)."""
        before = len(self.r.problems)
        if not isinstance(node.value, dict):
            self.r.problem(node, f"expected a question as 'key: value' lines, got {describe(node.value)}")
            return None, None
        kind = self._type(node)
        required, optional = TYPE_FIELDS.get(kind, ((), ())) if kind else ((), ())
        elsewhere = {
            key: f"key {key!r} does not belong in a {kind} question; a {kind} question takes: "
            + ", ".join(required + optional)
            for other, (req, opt) in TYPE_FIELDS.items()
            for key in req + opt
            if kind and other != kind and key not in required + optional
        }
        if kind is None:  # unknown type: accept any type's keys, the type itself is the problem
            optional = tuple(dict.fromkeys(k for req, opt in TYPE_FIELDS.values() for k in req + opt))
        f = self.r.fields(
            node, COMMON_REQUIRED + required, COMMON_OPTIONAL + optional, elsewhere=elsewhere, what="a question"
        )
        if f is None:
            return None, None
        qid = check_id(self.r, f.get("id"), what="question id", example="rup-withdrawal-signs")
        common: dict[str, Any] = {"id": qid, "objective": self._objective(f.get("objective"))}
        common["difficulty"] = self._choice(f.get("difficulty"), DIFFICULTIES, "difficulty")
        common["source"] = self._source(f.get("source"))
        text = self.md(f.get("text"), inline=True, what="question text")
        explanation = self.md(f.get("explanation"), what="explanation")
        hints = [self.md(n, what="hint") for n, _ in self.r.texts(f.get("hints"), what="hints")]
        specific = getattr(self, f"_{kind}")(f) if kind else None
        if len(self.r.problems) > before or kind is None or specific is None:
            if len(self.r.problems) == before:  # never drop a question silently
                self.r.problem(node, "this question could not be read; check its fields against the format")
            return None, qid
        assert text and explanation and all(hints)
        common.update(
            text=text[0],
            text_html=text[1],
            explanation=explanation[0],
            explanation_html=explanation[1],
            hints=tuple(h[0] for h in hints if h),
            hints_html=tuple(h[1] for h in hints if h),
        )
        return QUESTION_CLASSES[kind](**common, **specific), qid

    def _type(self, node: Node) -> str | None:
        if "type" not in node.value:
            return None  # fields() reports it missing
        value = node.value["type"]
        key_line, key_col = (n + 1 for n in node.value.lc.key("type"))
        line, col = (n + 1 for n in node.value.lc.value("type"))
        type_node = Node(value, line, col, node.child_where("type"), key_line, key_col)
        return self._choice(type_node, QUESTION_TYPES, "question type")

    def _choice(self, node: Node | None, choices: tuple[str, ...], what: str) -> str | None:
        if node is None:
            return None
        if node.value in choices:
            return str(node.value)
        expected = f"expected one of: {', '.join(choices)}"
        if node.value is None:
            self.r.problem(node, f"{what} is empty; {expected}")
        elif not isinstance(node.value, str):
            self.r.problem(node, f"expected a {what}, got {describe(node.value)}; {expected}")
        else:
            hint = did_you_mean(node.value, choices)
            self.r.problem(node, f"unknown {what} {node.value!r}{_then(hint, expected)}")
        return None

    def _objective(self, node: Node | None) -> str | None:
        value = self.r.text(node, what="an objective id")
        if value is None or node is None:
            return None
        if value not in self.objectives:
            declared = ", ".join(self.objectives) or "none yet"
            hint = did_you_mean(value, list(self.objectives))
            self.r.problem(
                node,
                f"objective {value!r} is not declared"
                + _then(hint, f"declare it under objectives, or use one of: {declared}"),
            )
            return None
        return value

    def _source(self, node: Node | None) -> str | None:
        value = self.r.text(node, what="a source such as 'ruptures#withdrawal-ruptures'")
        if value is None or node is None:
            return None
        slug, hash_, anchor = value.partition("#")
        if not hash_ or not ID_PATTERN.match(slug) or not anchor:
            self.r.problem(
                node, f"source {value!r} must be '<lesson slug>#<heading anchor>', e.g. 'ruptures#withdrawal-ruptures'"
            )
            return None
        path = self.ctx.lesson_file(slug)
        if not path.is_file():
            slugs = self.ctx.lesson_slugs()
            self.r.problem(
                node,
                f"no lesson {slug!r} (there is no {path.name} in the lessons folder)"
                + _then(did_you_mean(slug, slugs), f"lessons: {', '.join(slugs)}"),
            )
            return None
        anchors = heading_anchors(path)
        if anchor not in anchors:
            hint = did_you_mean(anchor, anchors)
            self.r.problem(
                node,
                f"lesson {slug!r} has no heading with anchor '#{anchor}'"
                + _then(hint, f"its headings' anchors: {', '.join(anchors)}"),
            )
            return None
        return value

    # --- type-specific fields: each returns the keyword arguments of its model class ---

    def _options(self, f: dict[str, Node], *, single: bool) -> dict[str, Any] | None:
        node = f.get("options")
        if node is None:
            return None
        options: list[Option] = []
        seen: dict[str, str] = {}
        ok = True
        for item in self.r.items(node, what="a list of options"):
            g = self.r.fields(item, ("text",), ("correct", "feedback"), what="an option")
            if g is None:
                ok = False
                continue
            text = self.md(
                g.get("text"),
                inline=True,
                what="option text",
                empty="option text is empty; write the option, or remove it",
            )
            correct = self.r.boolean(g.get("correct"), what="correct") if "correct" in g else False
            feedback = self.md(g.get("feedback"), what="feedback") if "feedback" in g else ("", "")
            if text and text[0] and _norm(text[0]) in seen:
                self.r.problem(
                    g["text"], f"option text {text[0]!r} repeats {seen[_norm(text[0])]}; every option must be different"
                )
                ok = False
            if text:
                seen.setdefault(_norm(text[0]), item.where.rsplit(".", 1)[-1])
            if text is None or correct is None or feedback is None:
                ok = False
                continue
            options.append(Option(text[0], text[1], correct, feedback[0], feedback[1]))
        n_correct = sum(o.correct for o in options)
        if len(options) < 2 and ok:
            self.r.problem(node, f"a choice question needs at least 2 options, found {len(options)}", at_key=True)
            ok = False
        elif single and ok and n_correct != 1:
            found = "no correct option" if n_correct == 0 else f"{n_correct} correct options"
            fix = (
                "mark the right option with correct: true"
                if n_correct == 0
                else "keep correct: true on one option only, or make it type: multiple"
            )
            self.r.problem(node, f"single-choice question has {found}, expected exactly 1; {fix}", at_key=True)
            ok = False
        elif not single and ok and n_correct == 0:
            self.r.problem(
                node,
                "multiple-select question has no correct option, expected at least 1 "
                "(write 2 or more); mark them with correct: true",
                at_key=True,
            )
            ok = False
        shuffle = self.r.boolean(f.get("shuffle"), what="shuffle") if "shuffle" in f else True
        if shuffle is None:
            ok = False
        return {"options": tuple(options), "shuffle": shuffle} if ok else None

    def _single(self, f: dict[str, Node]) -> dict[str, Any] | None:
        return self._options(f, single=True)

    def _multiple(self, f: dict[str, Node]) -> dict[str, Any] | None:
        return self._options(f, single=False)

    def _true_false(self, f: dict[str, Node]) -> dict[str, Any] | None:
        answer = self.r.boolean(f.get("answer"), what="answer")
        ft = self.md(f.get("feedback_true"), what="feedback_true") if "feedback_true" in f else ("", "")
        ff = self.md(f.get("feedback_false"), what="feedback_false") if "feedback_false" in f else ("", "")
        if answer is None or ft is None or ff is None:
            return None
        return {
            "answer": answer,
            "feedback_true": ft[0],
            "feedback_true_html": ft[1],
            "feedback_false": ff[0],
            "feedback_false_html": ff[1],
        }

    def _matching(self, f: dict[str, Node]) -> dict[str, Any] | None:
        node = f.get("pairs")
        if node is None:
            return None
        pairs, seen, ok = [], {}, True
        for item in self.r.items(node, what="a list of pairs"):
            g = self.r.fields(item, ("left", "right"), what="a pair")
            left = self.md(g.get("left"), inline=True, what="left") if g else None
            right = self.r.text(g.get("right"), what="right") if g else None
            if left and _norm(left[0]) in seen:
                self.r.problem(g["left"], f"left {left[0]!r} repeats {seen[_norm(left[0])]}; each left must differ")
                ok = False
            if left:
                seen.setdefault(_norm(left[0]), item.where.rsplit(".", 1)[-1])
            if left is None or right is None:
                ok = False
                continue
            pairs.append(Pair(left[0], left[1], right.strip()))
        rights = {p.right for p in pairs}
        distractors = []
        for item, text in self.r.texts(f.get("distractors"), what="distractors"):
            if text.strip() in rights:
                self.r.problem(item, f"distractor {text!r} is also a right-hand answer; remove it from distractors")
                ok = False
            distractors.append(text.strip())
        if ok and len(pairs) < 2:
            self.r.problem(
                node,
                f"matching question has {len(pairs)} pair, expected at least 2 (3-5 work best); "
                "add pairs, or make it a single-choice question",
                at_key=True,
            )
            ok = False
        return {"pairs": tuple(pairs), "distractors": tuple(distractors)} if ok else None

    def _ordering(self, f: dict[str, Node]) -> dict[str, Any] | None:
        node = f.get("items")
        if node is None:
            return None
        items, seen, ok = [], {}, True
        for item in self.r.items(node, what="a list of items"):
            text = self.md(item, inline=True, what="item")
            if text is None:
                ok = False
                continue
            if _norm(text[0]) in seen:
                self.r.problem(item, f"item {text[0]!r} repeats {seen[_norm(text[0])]}; each item must differ")
                ok = False
            seen.setdefault(_norm(text[0]), item.where.rsplit(".", 1)[-1])
            items.append(text)
        if ok and len(items) < 2:
            self.r.problem(
                node,
                f"ordering question has {len(items)} item, expected at least 2 (3-6 work best); "
                "add the steps in their correct order",
                at_key=True,
            )
            ok = False
        return {"items": tuple(t[0] for t in items), "items_html": tuple(t[1] for t in items)} if ok else None

    def _short_answer(self, f: dict[str, Node]) -> dict[str, Any] | None:
        node = f.get("accept")
        before = len(self.r.problems)
        accept = [text.strip() for _, text in self.r.texts(node, what="accepted answers")]
        fw = self.md(f.get("feedback_wrong"), what="feedback_wrong") if "feedback_wrong" in f else ("", "")
        if node is not None and not accept and len(self.r.problems) == before:
            self.r.problem(node, "accept needs at least one accepted answer", at_key=True)
        if not accept or fw is None or len(self.r.problems) > before:
            return None
        return {"accept": tuple(accept), "feedback_wrong": fw[0], "feedback_wrong_html": fw[1]}
