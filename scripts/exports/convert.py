"""Conversions shared by the export formats, and the notes that document them.

A format that cannot express a question type gets a converted question built from the model
(same id, text and explanation), never a silently dropped one; what was changed is recorded as a
``Note`` that goes into the file's header comment and onto the lecturer page.

- ordering -> matching (GIFT, Canvas): each item is matched with "Position 1".."Position n";
  the stem gets one sentence saying so. Scoring stays the share of items placed right.
- matching with fewer than 3 pairs (GIFT and Moodle XML: Moodle's matching type wants at least 3)
  -> single choice over every way of filling in the matches (at most ``MAX_OPTIONS``), all or
  nothing; an ordering of 2 items (GIFT) -> single choice between the 2 orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import permutations, product

from widgets.quiz.model import Matching, Option, Ordering, Pair, Question, SingleChoice, matching_choices

MIN_MATCHING_PAIRS = 3
MAX_OPTIONS = 10
ORDERING_NOTE = "Match each item with its position in the correct order (Position 1 comes first)."


@dataclass(frozen=True, slots=True)
class Note:
    """What an export did to one question (``question_id``) or to the whole module (None)."""

    question_id: str | None
    kind: str  # "converted", "changed", "skipped" or "not exported"
    text: str

    def line(self) -> str:
        where = self.question_id or "all questions"
        return f"{where}: {self.kind}: {self.text}"

    def to_json(self) -> dict[str, str | None]:
        return {"question_id": self.question_id, "kind": self.kind, "text": self.text}


def position_label(n: int) -> str:
    return f"Position {n}"


def ordering_as_matching(q: Ordering) -> Matching:
    """Items on the left, "Position k" on the right (k = the item's place in the correct order)."""
    pairs = tuple(
        Pair(left=item, left_html=html, right=position_label(i))
        for i, (item, html) in enumerate(zip(q.items, q.items_html, strict=True), start=1)
    )
    return Matching(
        id=q.id,
        objective=q.objective,
        difficulty=q.difficulty,
        source=q.source,
        text=f"{q.text}\n\n{ORDERING_NOTE}",
        text_html=f"{q.text_html}<br>\n<br>{escape(ORDERING_NOTE)}",
        explanation=q.explanation,
        explanation_html=q.explanation_html,
        hints=q.hints,
        hints_html=q.hints_html,
        pairs=pairs,
    )


def _single(q: Question, options: list[Option]) -> SingleChoice:
    return SingleChoice(
        id=q.id,
        objective=q.objective,
        difficulty=q.difficulty,
        source=q.source,
        text=q.text,
        text_html=q.text_html,
        explanation=q.explanation,
        explanation_html=q.explanation_html,
        hints=q.hints,
        hints_html=q.hints_html,
        options=tuple(options),
    )


def matching_as_single(q: Matching) -> SingleChoice | None:
    """Every assignment of choices to the left texts as one option (None if more than MAX_OPTIONS)."""
    choices = matching_choices(q)
    if len(choices) ** len(q.pairs) > MAX_OPTIONS:
        return None
    right = tuple(p.right for p in q.pairs)
    options = []
    for combo in product(choices, repeat=len(q.pairs)):
        text = "; ".join(f"{p.left} → {c}" for p, c in zip(q.pairs, combo, strict=True))
        html = "; ".join(f"{p.left_html} → {escape(c)}" for p, c in zip(q.pairs, combo, strict=True))
        options.append(Option(text, html, combo == right))
    return _single(q, options)


def ordering_as_single(q: Ordering) -> SingleChoice | None:
    """Every order of the items as one option (None if more than MAX_OPTIONS)."""
    orders = list(permutations(range(len(q.items))))
    if len(orders) > MAX_OPTIONS:
        return None
    options = [
        Option(
            ", then ".join(q.items[i] for i in order),
            ", then ".join(q.items_html[i] for i in order),
            list(order) == sorted(order),
        )
        for order in orders
    ]
    return _single(q, options)


def fit_matching(q: Matching, fmt: str) -> tuple[Question | None, list[Note]]:
    """A matching question as Moodle can take it (at least 3 pairs), or its conversion."""
    if len(q.pairs) >= MIN_MATCHING_PAIRS:
        return q, []
    single = matching_as_single(q)
    if single is None:
        return None, [
            Note(
                q.id,
                "skipped",
                f"matching with {len(q.pairs)} pairs: {fmt} needs at least "
                f"{MIN_MATCHING_PAIRS}, and as a single choice it would need more than "
                f"{MAX_OPTIONS} options",
            )
        ]
    return single, [
        Note(
            q.id,
            "converted",
            f"matching with {len(q.pairs)} pairs -> single choice over the "
            f"{len(single.options)} ways to match them ({fmt} matching needs at least "
            f"{MIN_MATCHING_PAIRS} pairs); all or nothing instead of a share per pair",
        )
    ]


def fit_ordering_as_matching(
    q: Ordering, fmt: str, *, min_pairs: int = MIN_MATCHING_PAIRS
) -> tuple[Question | None, list[Note]]:
    """An ordering question for a format with no ordering type."""
    if len(q.items) >= min_pairs:
        return ordering_as_matching(q), [
            Note(
                q.id,
                "converted",
                f"ordering -> matching ({fmt} has no ordering "
                f"type): each item is matched with its position, Position 1 to "
                f"{len(q.items)}; the stem says so",
            )
        ]
    single = ordering_as_single(q)
    if single is None:
        return None, [Note(q.id, "skipped", f"ordering of {len(q.items)} items cannot be expressed in {fmt}")]
    return single, [
        Note(
            q.id,
            "converted",
            f"ordering of {len(q.items)} items -> single choice between the "
            f"{len(single.options)} possible orders ({fmt} has no ordering type and its matching "
            f"needs at least {MIN_MATCHING_PAIRS} pairs)",
        )
    ]


def hint_note(questions: tuple[Question, ...], fmt: str) -> list[Note]:
    """One module-level note when hints exist that the format cannot carry."""
    with_hints = [q.id for q in questions if q.hints]
    if not with_hints:
        return []
    return [
        Note(
            None,
            "not exported",
            f"hints ({fmt} has no hints): the {len(with_hints)} question(s) with hints "
            f"({', '.join(with_hints)}) are exported without them",
        )
    ]
