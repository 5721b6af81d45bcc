"""Every invalid quiz file in tests/quizzes/invalid/ gives exactly these messages.

The table is the documentation of the loader's messages: path relative to the project root,
1-based line and column of the offending node, where in the module, what is wrong, how to fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.quizzes.loader import load_bank
from scripts.quizzes.problems import QuizProblems

HERE = Path(__file__).parent
FIXTURE_DOCS = HERE / "fixtures" / "docs"

INVALID = HERE / "invalid"
P = "tests/quizzes/invalid/"

EXPECTED: dict[tuple[str, ...], list[str]] = {
    ("yaml-syntax.yml",): [
        P + "yaml-syntax.yml:25:20: invalid YAML: a ': ' inside an unquoted value starts a new key; "
        'put the whole value in double quotes, e.g. text: "Therapist: How did that land?"',
    ],
    ("recursive-alias.yml",): [
        P + "recursive-alias.yml:8:12: '&q' is a YAML anchor: quiz files don't use anchors; write the value out "
        "(and put a text that starts with & or * in quotes)",
    ],
    ("billion-laughs.yml",): [
        P + "billion-laughs.yml:8:7: '&a0' is a YAML anchor: quiz files don't use anchors; write the value out "
        "(and put a text that starts with & or * in quotes)",
    ],
    ("duplicate-key.yml",): [
        P + "duplicate-key.yml:13:5: invalid YAML: key 'difficulty' appears twice in this mapping; keep only one",
    ],
    ("tab-indent.yml",): [
        P + "tab-indent.yml:19:1: invalid YAML: a tab character; indent with spaces only",
    ],
    ("shuffle-not-boolean.yml",): [  # shuffle: only on choice questions, and only true or false
        P + "shuffle-not-boolean.yml:15:14: questions[0].shuffle: expected shuffle: true or false (no quotes), "
        "got the text 'no'",
        P + "shuffle-not-boolean.yml:28:5: questions[1]: key 'shuffle' does not belong in a true_false question; "
        "a true_false question takes: answer, feedback_true, feedback_false",
    ],
    ("not-a-mapping.yml",): [
        P + "not-a-mapping.yml:1:1: expected a quiz module as 'key: value' lines, got a list",
    ],
    ("unknown-key.yml",): [
        P + "unknown-key.yml:27:5: questions[1]: unknown key 'explenation'; did you mean 'explanation'?",
    ],
    ("wrong-type.yml",): [
        P + "wrong-type.yml:4:10: minutes: expected a whole number of minutes, got the text 'ten'; "
        "write a number, e.g. minutes: 10",
    ],
    ("missing-field.yml",): [
        P + "missing-field.yml:20:5: questions[1]: missing required field 'objective'; "
        "add the id of the objective it tests (declared under objectives)",
    ],
    ("single-two-correct.yml",): [
        P + "single-two-correct.yml:26:5: questions[1].options: single-choice question has 2 correct options, "
        "expected exactly 1; keep correct: true on one option only, or make it type: multiple",
    ],
    ("single-none-correct.yml",): [
        P + "single-none-correct.yml:26:5: questions[1].options: single-choice question has no correct option, "
        "expected exactly 1; mark the right option with correct: true",
    ],
    ("duplicate-id-a.yml", "duplicate-id-b.yml"): [
        P
        + "duplicate-id-b.yml:20:9: questions[1].id: question id 'shared-id' is already used at "
        + P
        + "duplicate-id-a.yml:9:9; ids must be unique across all modules: rename this one",
    ],
    ("duplicate-ids-in-file.yml",): [
        P + "duplicate-ids-in-file.yml:8:9: objectives[1].id: objective id 'recognise' is already declared at "
        "line 6; objective ids must be unique within a module",
        P
        + "duplicate-ids-in-file.yml:19:9: questions[1].id: question id 'same' is already used at "
        + P
        + "duplicate-ids-in-file.yml:11:9; ids must be unique across all modules: rename this one",
    ],
    ("unknown-anchor.yml",): [
        P + "unknown-anchor.yml:24:13: questions[1].source: lesson 'x' has no heading with anchor "
        "'#withdrawl-ruptures'; did you mean 'withdrawal-ruptures'? Its headings' anchors: "
        "lesson-x-a-fixture-lesson, withdrawal-ruptures, confrontation-ruptures, markers, "
        "repair-the-five-steps, markers_1, custom",
    ],
    ("empty-option.yml",): [
        P
        + "empty-option.yml:29:15: questions[1].options[1].text: option text is empty; write the option, or remove it",
    ],
    ("duplicate-options.yml",): [
        P + "duplicate-options.yml:29:15: questions[1].options[1].text: option text 'short replies' repeats "
        "options[0]; every option must be different",
    ],
    ("matching-one-pair.yml",): [
        P + "matching-one-pair.yml:26:5: questions[1].pairs: matching question has 1 pair, expected at least 2 "
        "(3-5 work best); add pairs, or make it a single-choice question",
    ],
    ("matching-distractor.yml",): [
        P + "matching-distractor.yml:31:28: questions[1].distractors[1]: distractor 'Withdrawal' is also a "
        "right-hand answer; remove it from distractors",
    ],
    ("ordering-one-item.yml",): [
        P + "ordering-one-item.yml:26:5: questions[1].items: ordering question has 1 item, expected at least 2 "
        "(3-6 work best); add the steps in their correct order",
    ],
    ("objective-untested.yml",): [
        P + "objective-untested.yml:8:9: objectives[1].id: objective 'repair' is tested by 1 question (ou-3); "
        "each objective needs at least 2 questions: add questions with objective: repair, or remove the objective",
        P + "objective-untested.yml:10:9: objectives[2].id: objective 'measure' is tested by no question; "
        "each objective needs at least 2 questions: add questions with objective: measure, or remove the objective",
    ],
    ("non-string-id.yml",): [
        P + "non-string-id.yml:9:9: questions[0].id: expected a text question id such as 'rup-withdrawal-signs', "
        "got the number 42; ids use lowercase letters, digits and hyphens",
    ],
    ("unknown-type.yml",): [
        P + "unknown-type.yml:10:11: questions[0].type: unknown question type 'singel'; did you mean 'single'? "
        "Expected one of: single, multiple, true_false, matching, ordering, short_answer",
    ],
    ("undeclared-objective.yml",): [
        P + "undeclared-objective.yml:33:16: questions[2].objective: objective 'recognize-markers' is not declared; "
        "did you mean 'recognise'? Declare it under objectives, or use one of: recognise",
    ],
    ("module-id-mismatch.yml",): [
        P + "module-id-mismatch.yml:1:5: id: module id 'module-mismatch' must match the file name "
        "'module-id-mismatch.yml'; change it to id: module-id-mismatch, or rename the file to module-mismatch.yml",
    ],
    ("block-in-label.yml",): [
        P + "block-in-label.yml:25:11: questions[1].text: this text is shown inside a label, where a <ul> cannot "
        "go; write it as sentences (emphasis, links and line breaks are fine)",
    ],
    ("short-answer-empty.yml",): [
        P + "short-answer-empty.yml:26:5: questions[1].accept: accept needs at least one accepted answer",
    ],
    ("several-problems.yml",): [  # every problem of a file, in file order, not just the first
        P + "several-problems.yml:3:14: lessons[1]: no lesson 'z' (there is no z.md in the lessons folder); "
        "lessons: x, y",
        P + "several-problems.yml:12:17: questions[0].difficulty: unknown difficulty 'Easy'; did you mean 'easy'? "
        "Expected one of: easy, medium, hard",
        P + "several-problems.yml:26:5: questions[1]: unknown key 'hint'; did you mean 'hints'?",
        P + "several-problems.yml:36:13: questions[2].source: no lesson 'z' (there is no z.md in the lessons "
        "folder); lessons: x, y",
        P + "several-problems.yml:41:18: questions[2].options[1].correct: expected correct: true or false "
        "(no quotes), got the text 'yes'",
        P + "several-problems.yml:47:13: questions[3].source: source 'x' must be '<lesson slug>#<heading anchor>', "
        "e.g. 'ruptures#withdrawal-ruptures'",
        P + "several-problems.yml:49:13: questions[3].answer: expected answer: true or false (no quotes), "
        "got the text 'true'",
        P + "several-problems.yml:50:5: questions[3]: key 'options' does not belong in a true_false question; "
        "a true_false question takes: answer, feedback_true, feedback_false",
    ],
}


@pytest.mark.parametrize("files", list(EXPECTED), ids=lambda files: "+".join(f.removesuffix(".yml") for f in files))
def test_invalid_file_gives_exact_messages(files: tuple[str, ...]) -> None:
    with pytest.raises(QuizProblems) as caught:
        load_bank([INVALID / f for f in files], docs_dir=FIXTURE_DOCS)
    assert [str(p) for p in caught.value.problems] == EXPECTED[files]
    assert str(caught.value) == "\n".join(EXPECTED[files])


def test_every_invalid_file_is_in_the_table() -> None:
    on_disk = {p.name for p in INVALID.glob("*.yml")}
    in_table = {f for files in EXPECTED for f in files}
    assert on_disk == in_table
    assert len(on_disk) >= 16


def test_each_half_of_the_duplicate_pair_is_valid_alone() -> None:
    for name in ("duplicate-id-a.yml", "duplicate-id-b.yml"):
        assert load_bank([INVALID / name], docs_dir=FIXTURE_DOCS).modules


def test_problem_fields_are_one_based_positions() -> None:
    with pytest.raises(QuizProblems) as caught:
        load_bank([INVALID / "single-two-correct.yml"], docs_dir=FIXTURE_DOCS)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.column, problem.where) == (
        P + "single-two-correct.yml",
        26,
        5,
        "questions[1].options",
    )
    assert Path(problem.path).is_absolute() is False
