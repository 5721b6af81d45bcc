"""One parsed quiz file -> a model ``Module``, with every problem of the file."""

from __future__ import annotations

from dataclasses import dataclass, field

from widgets.quiz.model import Module, Objective, Question

from .questions import ID_PATTERN, Context, QuestionBuilder, check_id
from .source import Node, Reader

MODULE_REQUIRED = ("id", "title", "lessons", "minutes", "objectives", "questions")


@dataclass
class FileResult:
    """What one file gave: the module (None if any problem) and where each question id is."""

    module: Module | None
    question_ids: list[tuple[str, Node]] = field(default_factory=list)


def build_module(reader: Reader, root: Node, stem: str, ctx: Context) -> FileResult:
    before = len(reader.problems)
    f = reader.fields(root, MODULE_REQUIRED, what="a quiz module")
    if f is None:
        return FileResult(None)
    module_id = check_id(reader, f.get("id"), what="module id", example=stem)
    if module_id is not None and module_id != stem:
        reader.problem(
            f["id"],
            f"module id {module_id!r} must match the file name {stem + '.yml'!r}; "
            f"change it to id: {stem}, or rename the file to {module_id}.yml",
        )
    title = reader.text(f.get("title"), what="a title")
    minutes = reader.integer(f.get("minutes"), what="a whole number of minutes", example="minutes: 10")
    if minutes is not None and minutes < 1:
        reader.problem(f["minutes"], f"minutes must be at least 1, got {minutes}")
    lessons = _lessons(reader, f.get("lessons"), ctx)
    objectives = _objectives(reader, f.get("objectives"))
    result = FileResult(None)
    questions: list[Question] = []
    tested: dict[str, list[str]] = {o: [] for o in objectives}
    unresolved = False
    if "questions" in f:
        items = reader.items(f["questions"], what="a list of questions")
        if not items and isinstance(f["questions"].value, list):
            reader.problem(f["questions"], "questions is empty; add at least one question", at_key=True)
        builder = QuestionBuilder(reader, ctx, objectives)
        for item in items:
            question, qid = builder.build(item)
            if qid is not None:
                result.question_ids.append((qid, item_id_node(item)))
            if question is not None:
                questions.append(question)
            objective = item.value.get("objective") if isinstance(item.value, dict) else None
            if isinstance(objective, str) and objective in tested:
                tested[objective].append(qid or "?")
            else:
                unresolved = True
    for objective_id, (node, _) in objectives.items():
        if unresolved:  # a question with a missing or unknown objective may be the missing test
            break
        used = tested[objective_id]
        if len(used) < 2:
            found = f"1 question ({used[0]})" if used else "no question"
            reader.problem(
                node,
                f"objective {objective_id!r} is tested by {found}; each objective needs at least 2 "
                f"questions: add questions with objective: {objective_id}, or remove the objective",
            )
    if len(reader.problems) > before or module_id is None or title is None or minutes is None:
        return result
    result.module = Module(
        id=module_id,
        title=title.strip(),
        lessons=tuple(lessons),
        minutes=minutes,
        objectives=tuple(Objective(oid, text) for oid, (_, text) in objectives.items()),
        questions=tuple(questions),
    )
    return result


def item_id_node(item: Node) -> Node:
    """The node of a question's ``id`` value (for "first used at" pointers)."""
    line, col = (n + 1 for n in item.value.lc.value("id"))
    return Node(item.value["id"], line, col, item.child_where("id"), line, col)


def _lessons(reader: Reader, node: Node | None, ctx: Context) -> list[str]:
    out = []
    if node is not None and isinstance(node.value, list) and not node.value:
        reader.problem(
            node, "lessons is empty; list the lesson(s) this module belongs to, e.g. [ruptures]", at_key=True
        )
    for item, slug in reader.texts(node, what="lesson slugs"):
        if not ID_PATTERN.match(slug):
            reader.problem(item, f"lesson slug {slug!r} must be a lesson file name without .md, e.g. ruptures")
        elif not ctx.lesson_file(slug).is_file():
            slugs = ", ".join(ctx.lesson_slugs())
            reader.problem(item, f"no lesson {slug!r} (there is no {slug}.md in the lessons folder); lessons: {slugs}")
        out.append(slug)
    return out


def _objectives(reader: Reader, node: Node | None) -> dict[str, tuple[Node, str]]:
    """Declared objectives: id -> (the node of its id, its text)."""
    out: dict[str, tuple[Node, str]] = {}
    if node is None:
        return out
    items = reader.items(node, what="a list of objectives")
    if not items and isinstance(node.value, list):
        reader.problem(node, "objectives is empty; declare 2-5 objectives, each with id and text", at_key=True)
    for item in items:
        g = reader.fields(item, ("id", "text"), what="an objective")
        if g is None:
            continue
        text = reader.text(g.get("text"), what="the objective's text")
        oid = check_id(reader, g.get("id"), what="objective id", example="recognise-markers")
        if oid is None:
            continue
        if oid in out:
            reader.problem(
                g["id"],
                f"objective id {oid!r} is already declared at line {out[oid][0].line}; "
                "objective ids must be unique within a module",
            )
            continue
        out[oid] = (g["id"], (text or "").strip())
    return out
