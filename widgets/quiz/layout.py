"""Which questions an attempt shows, and in what order its options, items and choices appear.

``?n=10&seed=abc`` must give everyone with the link the same quiz, on any machine and any
Python (CPython here, Pyodide 3.14 in the browser). So the only randomness used is
``random.Random(f"{module.id}:{seed}").random()``: string seeding and the Mersenne Twister's
``random()`` are stable across versions and platforms, and the shuffle below is written out
(Fisher-Yates on ``random()``) rather than relying on ``Random.shuffle``/``sample`` internals.

With no seed the layout is the source's: questions and options in source order, matching
choices sorted alphabetically (source order would line them up with the pairs), and ordering
items reversed (never the correct order a learner could submit untouched). That is what the
page shows before Python runs, and what the printed answer key and results codes assume.

A *reader seed* (made once per browser, kept in its localStorage) shuffles each question's
options and ordering items for that reader, as learning platforms do, while keeping the
source's questions and their order: results codes, which record the questions an assignment
link's seed selects, are the same with or without it. Each question gets its own generator
(``Random(f"{reader_seed}:{question.id}")``), so a question shows the same order to a reader on
its module page and wherever a lesson embeds it. A link's ``seed`` wins over the reader seed.

A choice question with ``shuffle: false`` keeps its options in source order under any seed (a
scale, or numbers in ascending order). Under a link seed its draws are still made, so turning
shuffling off for one question does not change the layout of the others.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from .model import Matching, Module, MultipleChoice, Ordering, Question, SingleChoice, TrueFalse, matching_choices


@dataclass(frozen=True, slots=True)
class Layout:
    """One question as shown: option keys, item indices and choice indices in display order."""

    question_id: str
    options: tuple[str, ...] = ()
    items: tuple[int, ...] = ()
    choices: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question_id,
            "options": list(self.options),
            "items": list(self.items),
            "choices": list(self.choices),
        }


def shuffled[T](rng: random.Random, values: list[T]) -> list[T]:
    """Fisher-Yates with ``rng.random()`` only (stable on every Python)."""
    out = list(values)
    for i in range(len(out) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def select_questions(
    module: Module, n: int | None = None, seed: str | None = None, reader_seed: str | None = None
) -> list[Layout]:
    """``n`` questions (all when ``n`` is None or at least the count) laid out for one attempt.
    ``seed`` (an assignment link's) picks and orders questions and options; without it,
    ``reader_seed`` only shuffles options and ordering items within the source's questions."""
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise ValueError(f"n must be a whole number of questions, at least 1; got {n!r}")
    questions = list(module.questions)
    if not seed:
        chosen = questions[:n] if n is not None else questions
        if reader_seed:
            return [_for_reader(q, reader_seed) for q in chosen]
        return [_fixed(q) for q in chosen]
    rng = random.Random(f"{module.id}:{seed}")
    chosen = shuffled(rng, questions)[: n if n is not None else len(questions)]
    return [_seeded(q, rng) for q in chosen]


def _option_keys(question: Question) -> list[str]:
    if isinstance(question, TrueFalse):
        return ["true", "false"]
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return [str(i) for i in range(len(question.options))]
    return []


def _fixed(question: Question) -> Layout:
    items: tuple[int, ...] = ()
    choices: tuple[int, ...] = ()
    if isinstance(question, Ordering):
        items = tuple(reversed(range(len(question.items))))
    if isinstance(question, Matching):
        texts = matching_choices(question)
        choices = tuple(sorted(range(len(texts)), key=lambda i: (texts[i].casefold(), texts[i])))
    return Layout(question.id, tuple(_option_keys(question)), items, choices)


def _seeded(question: Question, rng: random.Random) -> Layout:
    keys = _shuffled_options(question, rng)
    items = _shuffled_items(question, rng)
    choices: tuple[int, ...] = ()
    if isinstance(question, Matching):
        choices = tuple(shuffled(rng, list(range(len(matching_choices(question))))))
    return Layout(question.id, keys, items, choices)


def _for_reader(question: Question, reader_seed: str) -> Layout:
    """One reader's own order of a question's options and items; matching choices stay sorted."""
    rng = random.Random(f"{reader_seed}:{question.id}")
    keys = _shuffled_options(question, rng)
    items = _shuffled_items(question, rng)
    return Layout(question.id, keys, items, _fixed(question).choices)


def _shuffled_options(question: Question, rng: random.Random) -> tuple[str, ...]:
    keys = _option_keys(question)
    if isinstance(question, (SingleChoice, MultipleChoice)):  # true/false keeps True before False
        drawn = shuffled(rng, keys)  # drawn even when unused, so other questions' layouts do not move
        if question.shuffle:
            keys = drawn
    return tuple(keys)


def _shuffled_items(question: Question, rng: random.Random) -> tuple[int, ...]:
    if not isinstance(question, Ordering):
        return ()
    correct = list(range(len(question.items)))
    order = shuffled(rng, correct)
    if order == correct:  # never show the answer: fall back to a rotation by one
        order = correct[1:] + correct[:1]
    return tuple(order)
