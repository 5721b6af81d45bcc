"""Results codes: the real modules round-trip through codes; every single-character change is
caught; forged and bad input is reported with its line and reason and never scored.
(Runs on CPython and, in tests/pyodide, inside Pyodide; the generated attempts are in
test_results_codes_properties.py, as Hypothesis does not run in Pyodide.)"""

from __future__ import annotations

import random
import string

import pytest

from widgets.actions_table import ACTIONS
from widgets.quiz import codes
from widgets.quiz.code_actions import grade_codes, grade_text, make_code, read_entries
from widgets.quiz.codes import (
    ALPHABET,
    InvalidCode,
    decode_code,
    encode_attempt,
    format_code,
    normalise_code,
    regrade,
)
from widgets.quiz.grading import grade_attempt
from widgets.quiz.layout import select_questions
from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
)


@pytest.mark.parametrize(
    "module_id",
    [
        "building-the-alliance",
        "goals-tasks-bond",
        "measuring-the-alliance",
        "repairing-ruptures",
        "ruptures",
        "what-is-the-alliance",
        "what-shapes-it",
        "why-it-matters",
    ],
)
def test_real_modules_round_trip_with_all_answers_right(module_id, bank):
    module = bank.modules[module_id]
    for seed, n in [(None, None), ("2024", 5), ("exam-week-3", None)]:
        responses = {}
        for lay in select_questions(module, n, seed):
            q = module.question(lay.question_id)
            if isinstance(q, (SingleChoice,)):
                responses[q.id] = str([o.correct for o in q.options].index(True))
            elif isinstance(q, MultipleChoice):
                responses[q.id] = [str(i) for i, o in enumerate(q.options) if o.correct]
            elif isinstance(q, TrueFalse):
                responses[q.id] = "true" if q.answer else "false"
            elif isinstance(q, Matching):
                choices = matching_choices(q)
                responses[q.id] = {str(i): str(choices.index(p.right)) for i, p in enumerate(q.pairs)}
            elif isinstance(q, Ordering):
                responses[q.id] = list(range(len(q.items)))
            elif isinstance(q, ShortAnswer):
                responses[q.id] = q.accept[0]
        code = encode_attempt(module, seed, n, responses)
        result = regrade(bank, code)
        assert result.valid and result.percent == 100, (seed, n, result.reason)
        assert result.attempt is not None and result.attempt.seed == seed
        assert len(normalise_code(code)) <= 60  # short enough to read aloud in a few breaths


# --- every single-character change is detected ---


def _codes_to_mutate(bank) -> list[str]:
    rup = bank.modules["ruptures"]
    why = bank.modules["why-it-matters"]
    return [
        encode_attempt(rup, "7", 4, {"rup-definition": "1"}),
        encode_attempt(rup, None, None, {}),
        encode_attempt(why, "lecture-2", None, {"why-shared-variance": "8%", "why-split-alliance": "split alliance"}),
    ]


def test_every_single_character_substitution_is_detected(bank):
    for code in _codes_to_mutate(bank):
        symbols = normalise_code(code)
        assert regrade(bank, code).valid
        for position, original in enumerate(symbols):
            for replacement in ALPHABET:
                if replacement == original:
                    continue
                changed = symbols[:position] + replacement + symbols[position + 1 :]
                result = regrade(bank, format_code(changed))
                assert not result.valid and result.score is None, (code, position, replacement)
                assert result.reason
            for bad in "U!*":
                result = regrade(bank, symbols[:position] + bad + symbols[position + 1 :])
                assert not result.valid and "cannot be in a code" in result.reason


def test_dropping_or_adding_a_character_is_detected(bank):
    for code in _codes_to_mutate(bank):
        symbols = normalise_code(code)
        for position in range(len(symbols)):
            assert not regrade(bank, symbols[:position] + symbols[position + 1 :]).valid
            assert not regrade(bank, symbols[:position] + "7" + symbols[position:]).valid


def test_checksum_catches_every_5_bit_change_for_any_alignment():
    """CRC-32 is linear, so whether a change is caught depends only on the changed bits and
    where they sit, not on the rest of the payload: payloads of 4 (the shortest) to 16 bytes put
    the character grid at every offset from the payload/checksum boundary, and every character of each gets
    all 31 non-zero 5-bit changes."""
    rng = random.Random(5)
    for size in range(4, 17):
        assert {(8 * s) % 5 for s in range(4, 9)} == set(range(5))
        payload = bytes(rng.randrange(256) for _ in range(size))
        symbols = codes._to_symbols(payload)
        assert codes._from_symbols(symbols) == payload
        for position, char in enumerate(symbols):
            for flip in range(1, 32):
                changed = ALPHABET[codes._VALUE[char] ^ flip]
                with pytest.raises(InvalidCode):
                    codes._from_symbols(symbols[:position] + changed + symbols[position + 1 :])


# --- invalid codes: reasons ---


def _forge(module: Module, build) -> str:
    """A code with a correct checksum around a payload written by ``build(writer)``."""
    w = codes._Writer()
    w.bits(codes.VERSION, 4)
    w.bits(codes.module_tag(module.id), codes.TAG_BITS)
    w.bits(codes.content_tag(module), codes.TAG_BITS)
    build(w)
    w.bits(0, -w.length % 8)
    return format_code(codes._to_symbols(w.value.to_bytes(w.length // 8, "big")))


def test_forged_codes_with_a_valid_checksum_are_still_refused(bank):
    rup = bank.modules["ruptures"]
    too_many = _forge(rup, lambda w: (w.bits(0, 2), w.varint(len(rup.questions) + 1)))
    assert "wrong answer count" in regrade(bank, too_many).reason
    zero = _forge(rup, lambda w: (w.bits(0, 2), w.varint(0)))
    assert "wrong answer count" in regrade(bank, zero).reason
    # zero bits read as "unanswered", so a short code is one whose bits run out mid-answers
    short = _forge(rup, lambda w: (w.bits(0, 2), w.varint(len(rup.questions)), w.bits(1, 2)))
    assert "ends before the answers" in regrade(bank, short).reason
    first = rup.questions[0]
    assert isinstance(first, SingleChoice)
    width = len(first.options).bit_length()
    extra = _forge(rup, lambda w: (w.bits(0, 2), w.varint(1), w.bits(1, width), w.bits(0xFFFF, 16)))
    assert "more than the answers" in regrade(bank, extra).reason
    out_of_range = _forge(rup, lambda w: (w.bits(0, 2), w.varint(1), w.bits((1 << width) - 1, width)))
    assert (1 << width) - 1 > len(first.options)
    assert "option" in regrade(bank, out_of_range).reason
    for result in (regrade(bank, c) for c in (too_many, zero, short, extra, out_of_range)):
        assert not result.valid and result.score is None and result.result is None


def test_unknown_module_and_version(bank, fixture_modules):
    code = encode_attempt(fixture_modules["every-type"], "1", None, {})
    result = regrade(bank, code)
    assert not result.valid and result.reason.startswith("unknown module")
    assert regrade(fixture_modules, code).valid
    w = codes._Writer()
    w.bits(9, 4)
    w.bits(0, 28)
    future = format_code(codes._to_symbols(w.value.to_bytes(4, "big")))
    assert "format 9" in regrade(bank, future).reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   -- ", "empty"),
        ("ABCDE", "too short"),
        ("ABCDE-FGHJK-MNPQR-ST", "checksum does not match"),
        ("ABCDE-FGHJK-MNPQR-SU", "'U' (character 20) cannot be in a code"),
        ("ABCDE_FGHJK", "'_' (character 6) cannot be in a code"),
    ],
)
def test_reasons(bank, text, reason):
    result = regrade(bank, text)
    assert not result.valid and reason in result.reason and result.score is None


def test_bad_encode_input_raises_the_graders_error(bank):
    rup = bank.modules["ruptures"]
    with pytest.raises(ValueError, match="rup-definition"):
        encode_attempt(rup, None, None, {"rup-definition": "9"})
    with pytest.raises(ValueError):
        encode_attempt(rup, None, 0, {})


def test_long_short_answers_are_cut_without_changing_the_grade(fixture_modules):
    module = fixture_modules["every-type"]
    long_answer = "é" * 500
    code = encode_attempt(module, None, None, {"et-short": long_answer})
    attempt = decode_code(code, fixture_modules)
    assert len(attempt.responses["et-short"].encode()) <= codes.MAX_TEXT_BYTES
    assert (
        regrade(fixture_modules, code).score
        == grade_attempt(module, {"et-short": long_answer}, [q.id for q in module.questions]).total
    )


# --- pasted text and CSV: lines and reasons ---


def test_pasted_lines_are_graded_with_line_numbers_and_reasons(bank):
    good = _codes_to_mutate(bank)[0]
    text = "\n".join(
        [
            good,
            "",
            "  " + good.lower() + "  ",
            "see me: ABC",
            good[:-1] + "Z" if good[-1] != "Z" else good[:-1] + "Y",
            "hello-world-hello",
        ]
    )
    graded = grade_text(text, bank)
    rows = graded["rows"]
    assert [r["line"] for r in rows] == [1, 3, 4, 5, 6]
    assert [r["valid"] for r in rows] == [True, True, False, False, False]
    assert "cannot be in a code" in rows[2]["reason"]
    assert "checksum" in rows[3]["reason"]
    assert all("score" not in r for r in rows if not r["valid"])
    assert rows[0]["module"] == "ruptures" and rows[0]["max"] == 4 and rows[0]["percent"] == 25
    assert (graded["valid"], graded["invalid"]) == (2, 3)
    csv_lines = graded["csv"].splitlines()
    assert csv_lines[0].startswith("line,label,code,valid,module")
    assert csv_lines[1].startswith(f"1,,{good},yes,ruptures,7,4,1,4,25")
    assert csv_lines[3].startswith("4,,see me: ABC,no,")


def test_csv_code_column_is_found_and_header_skipped(bank):
    good = _codes_to_mutate(bank)
    text = (
        "Student;Email;Submitted;Code\n"
        f"Ann;ann@example.org;2024-05-01;{good[0]}\n"
        f'"Bob, Jr.";bob@example.org;2024-05-01;{good[1][:-2]}ZZ\n'
        "Cid;cid@example.org;2024-05-02;\n"
        f"Dee;dee@example.org;2024-05-02;{good[2]}\n"
    )
    entries = read_entries(text)
    assert [e.line for e in entries] == [2, 3, 4, 5]
    rows = grade_text(text, bank)["rows"]
    assert [r["valid"] for r in rows] == [True, False, False, True]
    assert rows[0]["label"] == "Ann, ann@example.org, 2024-05-01"
    assert rows[1]["label"].startswith("Bob, Jr.")
    assert rows[2]["reason"] == "no code in this row"


def test_actions_make_and_grade_codes_from_module_json(fixture_modules):
    module = fixture_modules["every-type"]
    data = module.to_json()
    made = make_code({"module": data, "seed": "42", "n": "3", "responses": {}})
    ids = [lay.question_id for lay in select_questions(module, 3, "42")]
    assert made["n"] == 3 and made["seed"] == "42"
    assert make_code({"module": data, "seed": 42, "n": 3, "responses": {}, "question_ids": ids})["code"] == made["code"]
    with pytest.raises(ValueError, match="not the ones"):
        make_code({"module": data, "seed": "42", "n": 3, "responses": {}, "question_ids": ids[::-1]})
    graded = grade_codes({"text": made["code"] + "\nnonsense\n", "modules": {module.id: data}})
    assert [r["valid"] for r in graded["rows"]] == [True, False]
    assert set(ACTIONS["codes"]) == {"make_code", "grade_codes"}
    with pytest.raises(ValueError):
        make_code({"seed": "1"})


def test_codes_use_only_crockford_characters_in_groups_of_five(bank):
    for code in _codes_to_mutate(bank):
        groups = code.split("-")
        assert all(len(g) == 5 for g in groups[:-1]) and 1 <= len(groups[-1]) <= 5
        assert set("".join(groups)) <= set(ALPHABET)
        assert not set("ILOU") & set(code)
    assert set(ALPHABET) == set(string.digits + string.ascii_uppercase) - set("ILOU")


# --- CSV that spreadsheets open safely (OWASP "CSV injection") ---

HOSTILE_CELLS = [
    '=HYPERLINK("http://evil.example")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
    '=cmd|" /C calc"!A0',
    "'=already quoted",
]


def test_the_graders_csv_neutralises_every_cell_a_spreadsheet_would_run(bank):
    import csv
    import io

    good = _codes_to_mutate(bank)[0]
    lines = [f"{cell},{good}" for cell in HOSTILE_CELLS] + HOSTILE_CELLS + [f"Dash,-{good}", "@x,=1+1"]
    graded = grade_text("\n".join(lines), bank)
    table = list(csv.reader(io.StringIO(graded["csv"], newline="")))
    header, body = table[0], table[1:]
    assert header[0] == "line" and len(body) == len(graded["rows"]) >= len(HOSTILE_CELLS)
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    labels = [row[header.index("label")] for row in body if row[header.index("valid")] == "yes"]
    assert '\'=HYPERLINK("http://evil.example")' in labels
    codes_column = [row[header.index("code")] for row in body]
    assert f"'-{good}" in codes_column
    # the same text reaches the command line's --csv: it is this function's output


@pytest.mark.parametrize("cell", HOSTILE_CELLS + ["plain", "", "3", "a=b", "'"])
def test_safe_cell_prefixes_only_formula_starts(cell):
    from widgets.spreadsheet_csv import safe_cell

    expected = "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
    assert safe_cell(cell) == expected
    assert safe_cell(None) == "" and safe_cell(7) == "7" and safe_cell(2.5) == "2.5"


# --- one line is one row (pasted), and a broken quote in a CSV file is reported ---


def test_a_stray_quote_in_pasted_text_does_not_merge_lines(bank):
    a, b, c = _codes_to_mutate(bank)[:3]
    rows = grade_text(f'Ana Silva, {a}\n"Ben Okafor, {b}\nChloe Dubois, {c}\n', bank)["rows"]
    assert [(r["line"], r["valid"], r.get("label")) for r in rows] == [
        (1, True, "Ana Silva"),
        (2, True, "Ben Okafor"),
        (3, True, "Chloe Dubois"),
    ]


def test_pasted_lines_with_odd_characters_are_rows_not_errors(bank):
    a = _codes_to_mutate(bank)[0]
    text = f"x\r{a}\n\x00,{a}\n" + "y," * 3000 + "\n" + f'"quoted, name",{a}\n'
    rows = grade_text(text, bank)["rows"]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5]
    assert [r["valid"] for r in rows] == [False, True, True, False, True]
    assert "at most 2,000" in rows[3]["reason"]


def test_a_csv_file_keeps_quoted_commas_and_reports_a_quote_that_swallows_lines(bank):
    a, b, c = _codes_to_mutate(bank)[:3]
    good = f'name,code\n"Silva, Ana",{a}\n'
    assert [(r["valid"], r["label"]) for r in grade_text(good, bank, "csv")["rows"]] == [(True, "Silva, Ana")]
    broken = f'name,code\nAna,{a}\n"Ben,{b}\nChloe,{c}\nDee,"x"\nEve,{a}\n'
    rows = grade_text(broken, bank, "csv")["rows"]
    assert [(r["line"], r["valid"]) for r in rows] == [(2, True), (3, False), (6, True)]
    assert rows[1]["reason"].startswith("a quote opened on line 3 is closed only on line 5")
    never_closed = grade_text(f'name,code\n"Ann,{a}\nBen,{b}\n', bank, "csv")["rows"]
    assert [(r["line"], r["valid"]) for r in never_closed] == [(2, False)]
    assert "lines 2 to 3" in never_closed[0]["reason"]


def test_unknown_kind_is_refused(bank):
    with pytest.raises(ValueError, match="'kind' must be one of lines, csv"):
        grade_text("x", bank, "xlsx")


# --- versioned codes: a code is graded against the version of the module it answered ---


def _edited(module: Module, **changes) -> Module:
    """The module with its first single-choice question's options reversed (the key moves)."""
    import dataclasses

    first = next(q for q in module.questions if isinstance(q, SingleChoice))
    reordered = dataclasses.replace(first, options=tuple(reversed(first.options)), **changes)
    return dataclasses.replace(module, questions=tuple(reordered if q is first else q for q in module.questions))


def _kept(*versions: Module, date: str = "2026-11-01") -> dict:
    from widgets.quiz.versions import content_tag, tag_text

    return {versions[0].id: [{"tag": tag_text(content_tag(m)), "date": date, "module": m.to_json()} for m in versions]}


def test_a_code_of_an_edited_module_is_refused_not_regraded(bank):
    old = bank.modules["ruptures"]
    first = next(q for q in old.questions if isinstance(q, SingleChoice))
    right = str(next(i for i, o in enumerate(first.options) if o.correct))
    code = encode_attempt(old, None, None, {first.id: right})
    assert regrade({old.id: old}, code).score == 1
    new = _edited(old)
    refused = regrade({new.id: new}, code)
    assert not refused.valid and refused.score is None
    assert refused.reason.startswith("this code was made for a version of module 'ruptures'")
    assert "it is not graded against other questions" in refused.reason


def test_a_kept_earlier_version_grades_its_own_codes(bank):
    old = bank.modules["ruptures"]
    first = next(q for q in old.questions if isinstance(q, SingleChoice))
    right = str(next(i for i, o in enumerate(first.options) if o.correct))
    code = encode_attempt(old, "week3", None, {first.id: right})
    new = _edited(old)
    graded = regrade({new.id: new}, code, _kept(old))
    assert graded.valid and graded.score == regrade({old.id: old}, code).score == 1
    assert (graded.attempt.current, graded.attempt.version_date) == (False, "2026-11-01")
    row = grade_text(code, {new.id: new}, kept=_kept(old))["rows"][0]
    assert row["valid"] and row["current_version"] is False and row["version_date"] == "2026-11-01"
    new_code = encode_attempt(new, "week3", None, {})
    fresh = grade_text(new_code, {new.id: new}, kept=_kept(old))["rows"][0]
    assert fresh["current_version"] is True and fresh["version"] != row["version"]


def test_a_version_kept_without_its_questions_is_named_with_its_date(bank):
    old = bank.modules["ruptures"]
    code = encode_attempt(old, None, None, {})
    kept = _kept(old, date="2026-10-05")
    del kept[old.id][0]["module"]
    new = _edited(old)
    reason = regrade({new.id: new}, code, kept).reason
    assert reason.startswith("this code was made for an earlier version of the module (dated 2026-10-05)")


def test_old_format_codes_get_a_clear_message_not_a_grade(bank):
    rup = bank.modules["ruptures"]
    w = codes._Writer()
    w.bits(codes.UNVERSIONED, 4)
    w.bits(codes.module_tag(rup.id), codes.TAG_BITS)
    w.bits(0, 2)
    w.varint(len(rup.questions))
    for _ in rup.questions:
        w.bits(0, 8)
    w.bits(0, -w.length % 8)
    old = format_code(codes._to_symbols(w.value.to_bytes(w.length // 8, "big")))
    result = regrade(bank, old)
    assert not result.valid and result.score is None
    assert result.reason == codes.OLD_FORMAT and "does not record which version" in result.reason


def test_the_content_tag_follows_what_answers_mean_only(bank):
    import dataclasses

    from widgets.quiz.versions import content_tag

    module = bank.modules["ruptures"]
    tag = content_tag(module)
    assert content_tag(Module.from_json(module.to_json())) == tag
    first = module.questions[0]
    reworded = dataclasses.replace(first, explanation="Another explanation.", hints=("A hint.",))
    assert (
        content_tag(dataclasses.replace(module, title="New title", questions=(reworded, *module.questions[1:]))) == tag
    )
    assert content_tag(_edited(module)) != tag
    restemmed = dataclasses.replace(first, text=first.text + " (edited)")
    assert content_tag(dataclasses.replace(module, questions=(restemmed, *module.questions[1:]))) != tag
    assert content_tag(dataclasses.replace(module, questions=module.questions[1:])) != tag
