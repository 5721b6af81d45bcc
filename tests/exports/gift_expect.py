"""What gift-pegjs should read back from an exported question, built from the model.

Both sides are brought to one shape: ``{"type", "title", "stem", "general", "tags", ...}``.
Facts about gift-pegjs 1.0.2 this relies on (checked against its GIFT.pegjs):

- true/false: it names the two feedbacks ``trueFeedback``/``falseFeedback`` by position, but
  Moodle reads the first as the feedback for a wrong answer and the second for a right one;
- matching answers (right-hand texts) come back with its internal placeholders (``&&058;``…)
  undecoded, so they are decoded here the way Moodle decodes them.
"""

from __future__ import annotations

from html import escape
from itertools import product

from scripts.exports.convert import ORDERING_NOTE
from scripts.exports.gift import gift_html, short_answer_text
from scripts.exports.weights import MOODLE_PERCENTS
from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
)

LISTED = {float(p) for p in MOODLE_PERCENTS} | {0.0} | {-float(p) for p in MOODLE_PERCENTS}
PLACEHOLDERS = {
    "&&092;": "\\",
    "&&058;": ":",
    "&&035;": "#",
    "&&061;": "=",
    "&&123;": "{",
    "&&125;": "}",
    "&&126;": "~",
    "&&010": "\n",
}


def decode(text: str) -> str:
    for placeholder, char in PLACEHOLDERS.items():
        text = text.replace(placeholder, char)
    return text


def _text(part: dict | None) -> str | None:
    return None if part is None else part["text"]


def from_parse(pq: dict) -> dict:
    """One gift-pegjs question in the common shape."""
    out = {
        "type": pq["type"],
        "title": pq["title"],
        "stem": pq["stem"]["text"],
        "format": pq["stem"]["format"],
        "general": _text(pq.get("globalFeedback")),
        "tags": pq.get("tags") or [],
    }
    if pq["type"] in ("MC", "Short"):
        out["choices"] = [(c["isCorrect"], c["weight"], c["text"]["text"], _text(c["feedback"])) for c in pq["choices"]]
    elif pq["type"] == "TF":
        out.update(
            answer=pq["isTrue"], wrong_feedback=_text(pq["trueFeedback"]), right_feedback=_text(pq["falseFeedback"])
        )
    elif pq["type"] == "Matching":
        out["pairs"] = [(m["subquestion"]["text"], decode(m["subanswer"])) for m in pq["matchPairs"]]
    return out


def _fb(html: str) -> str | None:
    return gift_html(html) if html.strip() else None


def _base(q: Question, kind: str, stem_html: str | None = None) -> dict:
    return {
        "type": kind,
        "title": q.id,
        "stem": gift_html(stem_html if stem_html is not None else q.text_html),
        "format": "html",
        "general": gift_html(q.explanation_html),
        "tags": [q.objective, q.difficulty],
    }


def _plain(text: str) -> str:
    return " ".join(text.split())


def expected(q: Question, weights: list[float] | None = None) -> dict:
    """What the GIFT of ``q`` must parse to. ``weights``: for multiple select, the weight of each
    option (the caller checks them against the course's rule separately)."""
    if isinstance(q, SingleChoice):
        return _base(q, "MC") | {
            "choices": [(o.correct, None, gift_html(o.text_html), _fb(o.feedback_html)) for o in q.options]
        }
    if isinstance(q, MultipleChoice):
        assert weights is not None
        return _base(q, "MC") | {
            "choices": [
                (False, w, gift_html(o.text_html), _fb(o.feedback_html))
                for o, w in zip(q.options, weights, strict=True)
            ]
        }
    if isinstance(q, TrueFalse):
        right, wrong = (
            (q.feedback_true_html, q.feedback_false_html) if q.answer else (q.feedback_false_html, q.feedback_true_html)
        )
        return _base(q, "TF") | {"answer": q.answer, "wrong_feedback": _fb(wrong), "right_feedback": _fb(right)}
    if isinstance(q, Matching):
        if len(q.pairs) < 3:  # documented conversion: single choice over every way to match
            choices = matching_choices(q)
            right = tuple(p.right for p in q.pairs)
            options = [
                (
                    combo == right,
                    None,
                    gift_html("; ".join(f"{p.left_html} → {escape(c)}" for p, c in zip(q.pairs, combo, strict=True))),
                    None,
                )
                for combo in product(choices, repeat=len(q.pairs))
            ]
            return _base(q, "MC") | {"choices": options}
        pairs = [(gift_html(p.left_html), _plain(p.right)) for p in q.pairs]
        return _base(q, "Matching") | {"pairs": pairs + [("", _plain(d)) for d in q.distractors]}
    if isinstance(q, Ordering):
        if len(q.items) == 2:  # documented conversion: single choice between the two orders
            return _base(q, "MC") | {
                "choices": [
                    (True, None, gift_html(", then ".join(q.items_html)), None),
                    (False, None, gift_html(", then ".join(reversed(q.items_html))), None),
                ]
            }
        stem = f"{q.text_html}<br>\n<br>{escape(ORDERING_NOTE)}"
        return _base(q, "Matching", stem) | {
            "pairs": [(gift_html(h), f"Position {i}") for i, h in enumerate(q.items_html, start=1)]
        }
    if isinstance(q, ShortAnswer):
        choices = [(True, None, short_answer_text(a), None) for a in q.accept if short_answer_text(a) is not None]
        if q.feedback_wrong_html.strip():
            choices.append((True, 0, "*", gift_html(q.feedback_wrong_html)))
        return _base(q, "Short") | {"choices": choices}
    raise TypeError(q.type)


def course_weights_ok(q: MultipleChoice, weights: list[float]) -> None:
    """The course's rule, independently: +100/k per right option, -100/k per wrong one."""
    k = sum(o.correct for o in q.options)
    for o, w in zip(q.options, weights, strict=True):
        assert w in LISTED, f"{q.id}: weight {w} is not on Moodle's list"
        assert abs(w - (100 / k if o.correct else -100 / k)) < 1e-5, f"{q.id}: weight {w} for k={k}"
    assert round(sum(w for w in weights if w > 0) / 100, 2) == 1  # Moodle's own check


def check_round_trip(module: Module, items: list[dict]) -> None:
    assert items[0]["type"] == "Category" and items[0]["title"] == f"alliance/{module.id}"
    questions = items[1:]
    assert [pq["title"] for pq in questions] == [q.id for q in module.questions]
    for q, pq in zip(module.questions, questions, strict=True):
        got = from_parse(pq)
        weights = None
        if isinstance(q, MultipleChoice):
            weights = [c[1] for c in got["choices"]]
            course_weights_ok(q, weights)
        assert got == expected(q, weights), q.id
