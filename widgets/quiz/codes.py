"""Results codes: an exam attempt as a short code a student can copy, paste or read aloud, and
the re-grading of such codes (stdlib only; runs on CPython and in Pyodide).

A code holds the module (a 20-bit tag of its id), the version of the module's content it was
answered against (a 20-bit tag, ``widgets.quiz.versions``), the seed, the number of questions
and the answers to the questions that seed selects, in layout order, then a CRC-32 checksum.
A code is graded only against the version it names: the current module or a kept earlier
version; any other is refused with the reason, never graded against other questions. Codes of
format 1 (before November 2026) name no version and are refused with a message saying so. It is
written in Crockford's base32 (digits and letters without I, L, O, U), in groups of 5 joined by
dashes. Reading a code ignores case, dashes and spaces, and takes I and L for 1 and O for 0.

What a code proves, honestly: that the text was not mistyped. Every single-character change is
detected: one character is 5 bits, which span at most 16 bits in CRC-32's (byte-reflected) bit
order, and CRC-32 finds every error burst of up to 32 bits; a change in the trailing pad bits
breaks the rule that they are zero; changes straddling payload and checksum are checked
exhaustively by tests/exports/test_codes.py. It proves nothing about who took
the quiz, when, or whether they did it alone, and anyone who reads this file can build a code
for any answers they like: the checksum has no secret key. Use it for practice and low-stakes
work; for high-stakes tests use the LMS exports.

Bit layout (most significant bit first), padded with zero bits to whole bytes, then the CRC-32
of those bytes (32 bits), then zero bits up to a whole base32 character:

    format (4) = 2 | module tag (20) | content tag (20) | seed kind (2) [+ seed] | n (varint) | answers…

(format 1, no longer made or graded, had no content tag)

- seed kind 0: no seed; 1: a decimal number (varint); 2: text (varint byte length + UTF-8).
- varint: 5-bit groups, a "more follows" bit then 4 value bits, most significant group first.
- answers, by question type (indices are the source order the grader uses, not display order):
  single: 0 = none, else option + 1, in bit_length(len(options)) bits; true/false: 2 bits,
  0 none / 1 true / 2 false; multiple: one bit per option; matching: per left text, 0 = none,
  else choice + 1 (choices as ``matching_choices``); ordering: 1 bit "answered", then the
  permutation's rank (Lehmer code) in bit_length(n! - 1) bits; short answer: a varint v,
  0 = none, 1..A = the answer matches accepted answer v (after the grader's normalising; it is
  read back as that accepted answer), A + L = L bytes of UTF-8 text follow (A = number of
  accepted answers). A typed text longer than ``MAX_TEXT_BYTES`` is cut to that length when the
  cut grades the same (a long answer is never an accepted one).
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass
from math import factorial
from typing import Any

from .grading import AttemptResult, grade_attempt, grade_question, normalise_answer
from .layout import select_questions
from .model import (
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
from .versions import TAG_BITS, Catalogue, content_tag, tag_text

VERSION = 2
#: the format before codes named the module's version: read only to say why it is refused
UNVERSIONED = 1
OLD_FORMAT = (
    "this code has the format made before November 2026, which does not record which version of "
    "the module it answered; the module may have changed since, so it is not graded (ask the "
    "student to submit the quiz again from its link for a new code)"
)
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)} | {"I": 1, "L": 1, "O": 0}
GROUP = 5
MAX_TEXT_BYTES = 200
MAX_VARINT_GROUPS = 16
#: the fewest characters a code of either format can have: format 1's 31 bits of header and at least
#: one answer bit make 4 payload bytes, plus 4 checksum bytes: 64 bits, 13 characters (format 2's
#: 51-bit header makes at least 18)
MIN_CHARS = 13


class InvalidCode(ValueError):
    """A code that cannot be trusted; ``reason`` says why in words a lecturer can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Attempt:
    """What a code holds: the module, seed and count that select the questions, and the answers
    as the grader takes them (``None`` for a question left unanswered)."""

    module_id: str
    seed: str | None
    n: int
    question_ids: tuple[str, ...]
    responses: dict[str, Any]
    #: the module version the answers belong to (its 4-character tag), the date it was recorded
    #: ("" when the current version is not yet recorded) and whether it is the current version
    version: str = ""
    version_date: str = ""
    current: bool = True


@dataclass(frozen=True)
class CodeResult:
    """One re-graded code: ``valid`` with ``attempt`` and ``result``, or not with a ``reason``."""

    code: str
    valid: bool
    reason: str = ""
    attempt: Attempt | None = None
    result: AttemptResult | None = None

    @property
    def score(self) -> float | None:
        return self.result.total if self.result else None

    @property
    def max(self) -> int | None:
        return self.result.max if self.result else None

    @property
    def percent(self) -> int | None:
        return self.result.percent if self.result else None


# --- bits ---


class _Writer:
    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def bits(self, value: int, width: int) -> None:
        if value < 0 or value >= (1 << width):
            raise ValueError(f"{value} does not fit in {width} bits")
        self.value = (self.value << width) | value
        self.length += width

    def varint(self, value: int) -> None:
        groups = []
        while True:
            groups.append(value & 0xF)
            value >>= 4
            if not value:
                break
        for i, group in enumerate(reversed(groups)):
            self.bits(int(i < len(groups) - 1), 1)
            self.bits(group, 4)

    def data(self, raw: bytes) -> None:
        self.varint(len(raw))
        for byte in raw:
            self.bits(byte, 8)


class _Short(Exception):
    """The bits ran out before the answers did."""


class _Reader:
    def __init__(self, value: int, length: int) -> None:
        self.value, self.length, self.pos = value, length, 0

    def bits(self, width: int) -> int:
        if self.pos + width > self.length:
            raise _Short
        self.pos += width
        return (self.value >> (self.length - self.pos)) & ((1 << width) - 1)

    def varint(self) -> int:
        value = 0
        for _ in range(MAX_VARINT_GROUPS):
            more = self.bits(1)
            value = (value << 4) | self.bits(4)
            if not more:
                return value
        raise InvalidCode("a number in the code is impossibly long (the code is not a results code)")

    def data(self, limit: int) -> bytes:
        size = self.varint()
        if size > limit:
            raise InvalidCode(f"a text in the code is {size} bytes long, more than the {limit} a code holds")
        return bytes(self.bits(8) for _ in range(size))


def module_tag(module_id: str) -> int:
    """The 20-bit tag that stands for a module id in codes."""
    return binascii.crc32(b"alliance-module:" + module_id.encode("utf-8")) >> (32 - TAG_BITS)


# --- the characters ---


def normalise_code(text: str) -> str:
    """The code's characters in canonical form (upper case, aliases resolved, no dashes or
    spaces). Raises ``InvalidCode`` naming the first character that cannot be in a code."""
    out = []
    for position, char in enumerate(text, start=1):
        if char == "-" or char.isspace():
            continue
        upper = char.upper()
        if upper not in _VALUE:
            raise InvalidCode(
                f"{char!r} (character {position}) cannot be in a code: codes use digits and the "
                "letters A to Z except I, L, O and U"
            )
        out.append(ALPHABET[_VALUE[upper]])
    return "".join(out)


def format_code(symbols: str) -> str:
    """Canonical characters in groups of 5 joined by dashes."""
    return "-".join(symbols[i : i + GROUP] for i in range(0, len(symbols), GROUP))


def _to_symbols(payload: bytes) -> str:
    raw = payload + binascii.crc32(payload).to_bytes(4, "big")
    total = 8 * len(raw)
    value = int.from_bytes(raw, "big") << (-total % 5)
    chars = -(-total // 5)
    return "".join(ALPHABET[(value >> (5 * (chars - 1 - i))) & 31] for i in range(chars))


def _from_symbols(symbols: str) -> bytes:
    """The checked payload bytes of canonical characters (``InvalidCode`` if the checksum fails)."""
    if not symbols:
        raise InvalidCode("empty: there is no code here")
    if len(symbols) < MIN_CHARS:
        raise InvalidCode(f"too short for a results code ({len(symbols)} characters; codes have at least {MIN_CHARS})")
    value = 0
    for char in symbols:
        value = (value << 5) | _VALUE[char]
    total = 5 * len(symbols)
    size, pad = divmod(total, 8)
    mistyped = "the checksum does not match: a character is mistyped, missing or extra"
    if pad >= 5 or value & ((1 << pad) - 1):
        raise InvalidCode(mistyped)
    raw = (value >> pad).to_bytes(size, "big")
    payload, check = raw[:-4], raw[-4:]
    if binascii.crc32(payload).to_bytes(4, "big") != check:
        raise InvalidCode(mistyped)
    return payload


def checksum_ok(text: str) -> bool:
    """Whether ``text`` reads as a code with a matching checksum (no modules needed)."""
    try:
        _from_symbols(normalise_code(text))
    except InvalidCode:
        return False
    return True


# --- answers ---


def _width(count: int) -> int:
    return max(1, count.bit_length())


def _perm_rank(order: list[int]) -> int:
    rest, rank = list(range(len(order))), 0
    for i, item in enumerate(order):
        index = rest.index(item)
        rank = rank * (len(order) - i) + index
        rest.pop(index)
    return rank


def _perm_unrank(rank: int, n: int) -> list[int]:
    digits = [0] * n
    for i in reversed(range(n)):
        rank, digits[i] = divmod(rank, n - i)
    rest = list(range(n))
    return [rest.pop(d) for d in digits]


def _cut_text(q: ShortAnswer, text: str) -> bytes:
    raw = text.encode("utf-8")
    if len(raw) <= MAX_TEXT_BYTES:
        return raw
    cut = raw[:MAX_TEXT_BYTES].decode("utf-8", "ignore")
    if grade_question(q, cut).score != grade_question(q, text).score:
        raise ValueError(f"the answer to {q.id!r} is too long for a results code")
    return cut.encode("utf-8")


def _write_answer(w: _Writer, q: Question, response: Any) -> None:
    # the grader's own check of the response's shape (raises ValueError); blank means unanswered
    result_blank = not grade_question(q, response).answered
    if isinstance(q, SingleChoice):
        w.bits(0 if result_blank else int(response) + 1, _width(len(q.options)))
    elif isinstance(q, TrueFalse):
        w.bits(0 if result_blank else 1 if response in (True, "true") else 2, 2)
    elif isinstance(q, MultipleChoice):
        chosen = set() if result_blank else {int(k) for k in response}
        for i in range(len(q.options)):
            w.bits(int(i in chosen), 1)
    elif isinstance(q, Matching):
        given = {} if result_blank else {int(k): int(v) for k, v in response.items() if v not in ("", None)}
        for i in range(len(q.pairs)):
            w.bits(given[i] + 1 if i in given else 0, _width(len(matching_choices(q))))
    elif isinstance(q, Ordering):
        w.bits(int(not result_blank), 1)
        if not result_blank:
            w.bits(_perm_rank(list(response)), _width(factorial(len(q.items)) - 1))
    elif isinstance(q, ShortAnswer):
        accepted = [normalise_answer(a) for a in q.accept]
        if result_blank:
            w.varint(0)
        elif normalise_answer(response) in accepted:
            w.varint(accepted.index(normalise_answer(response)) + 1)
        else:
            raw = _cut_text(q, response)
            w.varint(len(q.accept) + len(raw))
            for byte in raw:
                w.bits(byte, 8)
    else:
        raise ValueError(f"question type {q.type!r} cannot be put in a code")


def _read_answer(r: _Reader, q: Question, number: int) -> Any:
    where = f"question {number} ({q.id})"
    if isinstance(q, SingleChoice):
        value = r.bits(_width(len(q.options)))
        if value > len(q.options):
            raise InvalidCode(f"the answer to {where} is option {value}, but it has {len(q.options)}")
        return None if value == 0 else str(value - 1)
    if isinstance(q, TrueFalse):
        value = r.bits(2)
        if value == 3:
            raise InvalidCode(f"the answer to {where} is neither true nor false")
        return [None, "true", "false"][value]
    if isinstance(q, MultipleChoice):
        chosen = [str(i) for i in range(len(q.options)) if r.bits(1)]
        return chosen or None
    if isinstance(q, Matching):
        count = len(matching_choices(q))
        given = {}
        for i in range(len(q.pairs)):
            value = r.bits(_width(count))
            if value > count:
                raise InvalidCode(f"the answer to {where} names choice {value}, but it has {count}")
            if value:
                given[str(i)] = str(value - 1)
        return given or None
    if isinstance(q, Ordering):
        if not r.bits(1):
            return None
        n = len(q.items)
        rank = r.bits(_width(factorial(n) - 1))
        if rank >= factorial(n):
            raise InvalidCode(f"the answer to {where} is not an order of its {n} items")
        return _perm_unrank(rank, n)
    if isinstance(q, ShortAnswer):
        value = r.varint()
        if value == 0:
            return None
        if value <= len(q.accept):
            return q.accept[value - 1]
        size = value - len(q.accept)
        if size > MAX_TEXT_BYTES:
            raise InvalidCode(
                f"the answer to {where} is {size} bytes long, more than the {MAX_TEXT_BYTES} a code holds"
            )
        try:
            return bytes(r.bits(8) for _ in range(size)).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidCode(f"the answer to {where} is not readable text") from None
    raise InvalidCode(f"{where} has a type ({q.type}) codes do not hold")


# --- codes ---


def _write_seed(w: _Writer, seed: str | None) -> None:
    if not seed:
        w.bits(0, 2)
    elif seed.isascii() and seed.isdigit() and str(int(seed)) == seed and len(seed) <= 18:
        w.bits(1, 2)
        w.varint(int(seed))
    else:
        raw = seed.encode("utf-8")
        if len(raw) > MAX_TEXT_BYTES:
            raise ValueError(f"the seed is too long for a results code ({len(raw)} bytes; at most {MAX_TEXT_BYTES})")
        w.bits(2, 2)
        w.data(raw)


def _read_seed(r: _Reader) -> str | None:
    kind = r.bits(2)
    if kind == 0:
        return None
    if kind == 1:
        return str(r.varint())
    if kind == 2:
        try:
            return r.data(MAX_TEXT_BYTES).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidCode("the seed in the code is not readable text") from None
    raise InvalidCode("the code's seed is of an unknown kind (the code is not a results code)")


def encode_attempt(module: Module, seed: str | None, n: int | None, responses: dict[str, Any]) -> str:
    """The code of one attempt: the questions ``select_questions(module, n, seed)`` gives, with
    ``responses`` (question id -> response as the page sends it; missing = unanswered).
    A response of the wrong shape raises ``ValueError`` (the grader's message)."""
    seed = str(seed) if seed not in (None, "") else None
    layouts = select_questions(module, n, seed)
    w = _Writer()
    w.bits(VERSION, 4)
    w.bits(module_tag(module.id), TAG_BITS)
    w.bits(content_tag(module), TAG_BITS)
    _write_seed(w, seed)
    w.varint(len(layouts))
    for layout in layouts:
        _write_answer(w, module.question(layout.question_id), responses.get(layout.question_id))
    w.bits(0, -w.length % 8)
    return format_code(_to_symbols(w.value.to_bytes(w.length // 8, "big")))


def as_modules(modules: Any) -> dict[str, Module]:
    """Modules by id from a ``Bank``, a mapping of id to ``Module`` or module JSON, or a list."""
    modules = getattr(modules, "modules", modules)
    items = modules.values() if isinstance(modules, dict) else modules
    out = {}
    for m in items:
        module = m if isinstance(m, Module) else Module.from_json(m)
        out[module.id] = module
    return out


def catalogue(modules: Any, kept: dict[str, list[dict[str, Any]]] | None = None) -> Catalogue:
    """The versions codes are graded against: ``modules`` (see ``as_modules``; a ``Bank`` brings
    its kept versions) and ``kept`` (module id -> kept versions, as in quizzes/versions/)."""
    if isinstance(modules, Catalogue):
        return modules
    if kept is None:
        kept = getattr(modules, "versions", None)
    return Catalogue(as_modules(modules), kept)


def _version_problem(known: Catalogue, module_id: str, tag: int) -> str:
    kept = [v for v in known.versions.get(module_id, ()) if not v.current]
    listed = ", ".join(f"{v.label} of {v.date}" for v in kept if v.module is not None) or "none"
    return (
        f"this code was made for a version of module {module_id!r} ({tag_text(tag)}) that this site does not "
        f"keep (it grades the current version and these earlier ones: {listed}); it is not graded against "
        "other questions"
    )


def _decode(code: str, known: Catalogue) -> tuple[Attempt, Module]:
    payload = _from_symbols(normalise_code(code))
    r = _Reader(int.from_bytes(payload, "big"), 8 * len(payload))
    try:
        version = r.bits(4)
        if version == UNVERSIONED:
            raise InvalidCode(OLD_FORMAT)
        if version != VERSION:
            raise InvalidCode(f"code format {version} is not one this grader reads (it reads format {VERSION})")
        tag = r.bits(TAG_BITS)
        matches = [module_id for module_id in known.ids() if module_tag(module_id) == tag]
        if not matches:
            raise InvalidCode(
                f"unknown module: the code is for none of the {len(known.modules)} modules loaded "
                f"here ({', '.join(sorted(known.modules)) or 'none'})"
            )
        if len(matches) > 1:
            raise InvalidCode(f"the code could be for {' or '.join(matches)}; rename one of them")
        module_id = matches[0]
        content = r.bits(TAG_BITS)
        found = known.find(module_id, content)
        if found is None:
            raise InvalidCode(_version_problem(known, module_id, content))
        module = found.module
        if module is None:
            raise InvalidCode(
                f"this code was made for an earlier version of the module (dated {found.date}), whose "
                "questions this site no longer keeps; it is not graded against other questions"
            )
        seed = _read_seed(r)
        n = r.varint()
        if not 1 <= n <= len(module.questions):
            raise InvalidCode(
                f"wrong answer count: the code holds {n} answers, but module {module.id!r} has "
                f"{len(module.questions)} questions"
            )
        layouts = select_questions(module, n, seed)
        responses = {}
        for number, layout in enumerate(layouts, start=1):
            responses[layout.question_id] = _read_answer(r, module.question(layout.question_id), number)
    except _Short:
        raise InvalidCode("wrong answer count: the code ends before the answers to all its questions") from None
    rest = r.length - r.pos
    if rest >= 8 or r.bits(rest):
        raise InvalidCode("wrong answer count: the code holds more than the answers to its questions")
    attempt = Attempt(
        module.id, seed, n, tuple(lay.question_id for lay in layouts), responses, found.label, found.date, found.current
    )
    return attempt, module


def decode_with_module(code: str, known: Catalogue) -> tuple[Attempt, Module]:
    """The attempt a code holds and the model of the module version it answered (see ``catalogue``)."""
    return _decode(code, known)


def decode_code(code: str, modules: Any, kept: dict[str, list[dict[str, Any]]] | None = None) -> Attempt:
    """The attempt a code holds; ``InvalidCode`` with the reason if it cannot be trusted."""
    return _decode(code, catalogue(modules, kept))[0]


def regrade(modules: Any, code: str, kept: dict[str, list[dict[str, Any]]] | None = None) -> CodeResult:
    """Decode and grade one code with the course's own ``grade_attempt``, against the module
    version the code names; an invalid code gives ``valid=False`` and a reason, never a score."""
    try:
        attempt, module = _decode(code, catalogue(modules, kept))
    except InvalidCode as exc:
        return CodeResult(code, False, exc.reason)
    result = grade_attempt(module, attempt.responses, list(attempt.question_ids))
    return CodeResult(code, True, "", attempt, result)
