"""The bank as a test-wise reader sees it: the keys must not be guessable from where they sit,
how long they are, which pattern they follow, or what the hint or the question already says.

Thresholds come from ../shared/content/ITEM-WRITING.md (issue 15). Each test reads the whole
real bank (every quizzes/*.yml, so a new module is covered without listing it) and, when a
rule breaks, names the questions that break it, so a failure says what to rewrite.

"Distinctive words" (the giveaway rule): the words of a key that a reader could match against
the stem or a hint to find the answer without knowing it.

- Words are lower-cased letter runs with a light stemming (a final -s, -ed, -ing or -ly dropped,
  so "ideas"/"idea" and "split"/"splits" match) and without English function words.
- Single choice and multiple select: the content words of the correct option(s) that appear in
  none of the wrong options and are not the course's common vocabulary (words in the stems of at
  least 10 % of the bank's questions: "alliance", "therapist", "client", "rupture"...). A word
  every option shares tells the reader nothing; one only the key has, echoed in the stem or a
  hint, points at the key.
- Short answer: every content word of the first accepted answer (the canonical term), since the
  question asks the reader to produce exactly that term.
- Numbers count too, with rounding: a hint saying "about .28" gives away a key of "r = .278".
- True/false, matching and ordering have no key words; their keys are a value or an arrangement.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import pytest

from scripts.quizzes.loader import QUIZZES_DIR, load_bank
from widgets.quiz.model import MultipleChoice, Question, ShortAnswer, SingleChoice, TrueFalse

needs_bank = pytest.mark.skipif(not list(QUIZZES_DIR.glob("*.yml")), reason="quizzes/ has no .yml files yet")

MAX_POSITION_SHARE = 0.35  # single choice: no option position holds more of the keys
MAX_LONG_KEY_SHARE = 0.50  # single choice: key is the longest or second-longest option
MIN_LONG_KEY_SHARE = 0.25  # ... and not so rarely that the two shortest options become the cue
MAX_SHORT_KEY_SHARE = 0.35  # single choice: key is the shortest option (the mirror cue; chance 25-33 %)
MAX_PATTERN_SHARE = 0.25  # multiple select: one correct/wrong pattern
MAX_FIRST_CORRECT_SHARE = 0.60  # multiple select: first option correct
TRUE_SHARE = (0.40, 0.60)  # true/false keys that are "true"

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most my
no nor not now of off on once one only or other our ours out over own same she should so some such
than that the their theirs them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours
""".split()
)
WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
NUMBER = re.compile(r"(?<![\w.])(\d*\.\d+|\d+(?:,\d{3})*)(?!\w)")


def stem(word: str) -> str:
    word = word.replace("’", "'").removesuffix("'s").strip("'")
    for suffix in ("ing", "ed", "ly", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


def number_echoed(key: str, text: str) -> bool:
    """Does ``text`` hold ``key``'s number, exactly or rounded (".28" for ".278")?"""
    value = float(key)
    for found in numbers(text):
        places = len(found.partition(".")[2])
        if float(found) == value or (places and round(value, places) == float(found) and "." in key):
            return True
    return False


def bank_questions() -> list[Question]:
    return [q for module in load_bank().modules.values() for q in module.questions]


def of_type(kind: type) -> list:
    return [q for q in bank_questions() if isinstance(q, kind)]


def report(rule: str, offenders: Iterable[str], share: float | None = None, limit: str = "") -> str:
    figure = f" ({share:.0%}; {limit})" if share is not None else ""
    return f"{rule}{figure}:\n  " + "\n  ".join(offenders)


# --- single choice ------------------------------------------------------------------------------


def key_position(q: SingleChoice) -> int:
    return next(i for i, o in enumerate(q.options) if o.correct)


def key_length_rank(q: SingleChoice) -> int:
    """How many wrong options are at least as long as the key: 0 when the key is the longest, 1 when
    second-longest. An option exactly as long as the key counts as longer: equal lengths are no cue."""
    key = q.options[key_position(q)]
    return sum(len(o.text) >= len(key.text) for o in q.options if not o.correct)


@needs_bank
def test_no_option_position_holds_more_than_35_percent_of_single_choice_keys() -> None:
    questions = of_type(SingleChoice)
    counts = Counter(key_position(q) for q in questions)
    print(
        "single-choice keys by position (1 = first):",
        {p + 1: counts[p] for p in sorted(counts)},
        f"of {len(questions)}",
    )
    crowded = [p for p, c in counts.items() if c / len(questions) > MAX_POSITION_SHARE]
    assert not crowded, "\n".join(
        report(
            f"single choice: position {p + 1} holds the key in {counts[p]} of {len(questions)}",
            [q.id for q in questions if key_position(q) == p],
            counts[p] / len(questions),
            "at most 35 %",
        )
        for p in crowded
    )


@needs_bank
def test_the_key_is_rarely_the_longest_or_second_longest_option() -> None:
    questions = [q for q in of_type(SingleChoice) if len(q.options) >= 3]
    long_keys = [q for q in questions if key_length_rank(q) <= 1]
    share = len(long_keys) / len(questions)
    print(f"single choice: key longest or second-longest in {len(long_keys)} of {len(questions)} ({share:.0%})")
    assert share <= MAX_LONG_KEY_SHARE, report(
        f"single choice: key is the longest or second-longest option in {len(long_keys)} of {len(questions)}",
        [f"{q.id} ({'longest' if key_length_rank(q) == 0 else 'second-longest'})" for q in long_keys],
        share,
        "at most 50 %",
    )
    # Not in ITEM-WRITING.md: the rule above, over-obeyed, flips the cue to "pick a short option".
    assert share >= MIN_LONG_KEY_SHARE, report(
        f"single choice: key is among the two longest options in only {len(long_keys)} of {len(questions)}",
        [q.id for q in questions if key_length_rank(q) > 1],
        share,
        "at least 25 %",
    )


def key_is_shortest(q: SingleChoice) -> bool:
    key = q.options[key_position(q)]
    return all(len(o.text) > len(key.text) for o in q.options if not o.correct)


@needs_bank
def test_the_key_is_not_usually_the_shortest_option() -> None:
    """Not in ITEM-WRITING.md's list, but the same cue reversed: shortening keys to pass the rule
    above must not teach readers to pick the shortest option instead."""
    questions = [q for q in of_type(SingleChoice) if len(q.options) >= 3]
    short = [q for q in questions if key_is_shortest(q)]
    share = len(short) / len(questions)
    print(f"single choice: key shortest in {len(short)} of {len(questions)} ({share:.0%})")
    assert share <= MAX_SHORT_KEY_SHARE, report(
        f"single choice: key is the shortest option in {len(short)} of {len(questions)}",
        [q.id for q in short],
        share,
        "at most 35 %",
    )


# --- multiple select ----------------------------------------------------------------------------


def pattern(q: MultipleChoice) -> str:
    return "".join("C" if o.correct else "w" for o in q.options)


@needs_bank
def test_no_correct_wrong_pattern_dominates_multiple_select() -> None:
    questions = of_type(MultipleChoice)
    counts = Counter(pattern(q) for q in questions)
    print("multiple-select patterns (C correct, w wrong):", dict(counts.most_common()), f"of {len(questions)}")
    crowded = [p for p, c in counts.items() if c / len(questions) > MAX_PATTERN_SHARE]
    assert not crowded, "\n".join(
        report(
            f"multiple select: pattern {p} in {counts[p]} of {len(questions)}",
            [q.id for q in questions if pattern(q) == p],
            counts[p] / len(questions),
            "at most 25 %",
        )
        for p in crowded
    )


@needs_bank
def test_the_first_option_is_not_usually_correct_in_multiple_select() -> None:
    questions = of_type(MultipleChoice)
    first = [q for q in questions if q.options[0].correct]
    share = len(first) / len(questions)
    print(f"multiple select: first option correct in {len(first)} of {len(questions)} ({share:.0%})")
    assert share <= MAX_FIRST_CORRECT_SHARE, report(
        f"multiple select: first option correct in {len(first)} of {len(questions)}",
        [q.id for q in first],
        share,
        "at most 60 %",
    )


# --- true/false ---------------------------------------------------------------------------------


@needs_bank
def test_true_false_keys_are_balanced() -> None:
    questions = of_type(TrueFalse)
    true = [q for q in questions if q.answer]
    share = len(true) / len(questions)
    print(f"true/false: {len(true)} true, {len(questions) - len(true)} false ({share:.0%} true)")
    low, high = TRUE_SHARE
    assert low <= share <= high, report(
        f"true/false: {len(true)} of {len(questions)} keys are true",
        [f"{q.id}: {'true' if q.answer else 'false'}" for q in questions],
        share,
        "between 40 % and 60 %",
    )


# --- giveaways ----------------------------------------------------------------------------------

COMMON_SHARE = 0.10


def common_vocabulary(questions: list[Question]) -> set[str]:
    counts = Counter(w for q in questions for w in content_words(q.text))
    return {w for w, n in counts.items() if n >= COMMON_SHARE * len(questions)}


def distinctive_words(q: Question, common: set[str] = frozenset()) -> tuple[set[str], set[str]]:
    """(words, numbers) of the key that the stem and hints must not echo; see the module docstring."""
    if isinstance(q, (SingleChoice, MultipleChoice)):
        right = " ".join(o.text for o in q.options if o.correct)
        wrong = " ".join(o.text for o in q.options if not o.correct)
        return content_words(right) - content_words(wrong) - common, numbers(right) - numbers(wrong)
    if isinstance(q, ShortAnswer):
        return content_words(q.accept[0]), numbers(q.accept[0])
    return set(), set()


def giveaways(q: Question, common: set[str] = frozenset()) -> list[str]:
    words, nums = distinctive_words(q, common)
    found = []
    for where, text in [("stem", q.text), *((f"hint {i}", h) for i, h in enumerate(q.hints, start=1))]:
        echoed = sorted(words & content_words(text)) + sorted(n for n in nums if number_echoed(n, text))
        if echoed:
            found.append(f"{q.id}: {where} contains {', '.join(echoed)}")
    return found


def test_the_giveaway_rule_catches_a_hint_that_states_the_key() -> None:
    """The rule itself, on known cases (so it cannot quietly stop matching anything)."""
    from widgets.quiz.model import Option

    def single(text: str, options: list[tuple[str, bool]], hints: tuple[str, ...] = ()) -> SingleChoice:
        return SingleChoice(
            id="x",
            objective="o",
            difficulty="easy",
            source="l#a",
            text=text,
            text_html="",
            explanation="e",
            explanation_html="",
            hints=hints,
            options=tuple(Option(t, t, c) for t, c in options),
        )

    assert giveaways(single("What r?", [("r = .08", False), ("r = .278", True)], ("It is about .28.",)))
    assert giveaways(single("Which idea is free to use?", [("The ideas", True), ("The items", False)]))
    assert not giveaways(single("Which?", [("The items", False), ("The ideas", True)], ("Think of the items.",)))
    assert not giveaways(single("Which?", [("Ideas", True), ("Items", False)], ("Ideas?",)), common={"idea"})
    term = ShortAnswer(
        id="y",
        objective="o",
        difficulty="easy",
        source="l#a",
        text="What is this called?",
        text_html="",
        explanation="e",
        explanation_html="",
        hints=("Alliances came apart.",),
        accept=("split alliance",),
    )
    assert giveaways(term) == ["y: hint 1 contains alliance"]


@needs_bank
def test_no_hint_or_stem_contains_its_keys_distinctive_words() -> None:
    questions = bank_questions()
    common = common_vocabulary(questions)
    print("common vocabulary (not distinctive in choice items):", ", ".join(sorted(common)))
    found = [line for q in questions for line in giveaways(q, common)]
    assert not found, report(f"{len(found)} stems or hints echo their key's distinctive words", found)


ABOVE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|those)\b", re.I)


@needs_bank
def test_no_option_is_all_or_none_of_the_above() -> None:
    found = [f"{q.id}: {o.text!r}" for q in bank_questions() for o in getattr(q, "options", ()) if ABOVE.search(o.text)]
    assert not found, report("options that lean on the others", found)
