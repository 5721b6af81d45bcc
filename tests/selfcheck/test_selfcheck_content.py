"""The self-check's items and result texts as a data file: the real file loads, and each kind
of mistake is reported as ``file:line:col: where: what was expected; how to fix it``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.quizzes.loader import display_path
from scripts.selfcheck_content import SELFCHECK_FILE, SelfCheckProblems, content_json, read_content
from widgets.selfcheck import actions, items, state
from widgets.selfcheck.content import ContentProblems, content_from_json, install
from widgets.selfcheck.history import csv_columns
from widgets.selfcheck.items import DIMENSIONS, FORM_IDS

REAL = SELFCHECK_FILE.read_text(encoding="utf-8")


def test_the_real_file_loads_into_both_forms_and_every_result_text() -> None:
    content = read_content()
    assert [f.id for f in content.forms] == list(FORM_IDS)
    assert [len(f.items) for f in content.forms] == [12, 12]
    assert [p.value for p in content.scale] == [1, 2, 3, 4, 5]
    for texts in content.results.values():
        assert set(texts.advice) == set(DIMENSIONS)
        assert all(set(bands) == {"low", "middle", "high"} for bands in texts.advice.values())
    assert items.FORMS["client"].items[0].text == "I could say in my own words what we are aiming for."


def test_the_embedded_json_is_what_the_browser_validates_again() -> None:
    content = read_content()
    data = json.loads(json.dumps(content_json(content)))
    assert content_from_json(data) == content


def test_the_open_action_installs_the_content_the_page_embeds() -> None:
    content = read_content()
    items.FORMS.clear()  # as in a new worker: the widgets are imported before the page sends the data
    try:
        assert csv_columns() == ("date", "form", "goals", "tasks", "bond", "overall", "schema")
        with pytest.raises(ValueError, match="have not reached Python yet"):
            actions.run("score", {"form": "client", "answers": {}})
        state.reset()
        actions.run("open", {"content": content_json(content), "stored": None})
        assert actions.run("score", {"form": "client", "answers": {}})["complete"] is False
        assert "c-goals-1" in csv_columns() and "t-bond-4" in csv_columns()
    finally:
        install(content)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "selfcheck.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SelfCheckProblems) as info:
        read_content(path)
    shown = display_path(path)
    return [line.replace(shown, "FILE") for line in str(info.value).splitlines()]


def line_col(text: str, needle: str, offset: int = 0) -> str:
    """``line:col`` (1-based) of ``needle`` in ``text``, ``offset`` characters in."""
    before = text[: text.index(needle) + offset]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def edit(old: str, new: str) -> str:
    assert REAL.count(old) >= 1, old
    return REAL.replace(old, new, 1)


def test_a_missing_field_names_the_item_and_how_to_fix_it(tmp_path: Path) -> None:
    text = edit("    text: I could say in my own words what we are aiming for.\n", "")
    assert problems_of(tmp_path, text) == [
        f"FILE:{line_col(text, 'id: c-goals-1')}: forms[0].items[0]: missing required field 'text'; "
        "add the statement as the reader sees it"
    ]


def test_a_wrong_type_is_named_where_it_is(tmp_path: Path) -> None:
    text = edit(
        "  prompt: Think about your last few sessions.", "  prompt: 42\n  x: Think about your last few sessions."
    )
    text = text.replace("  x: Think about your last few sessions. How often is each statement true for you?\n", "")
    assert problems_of(tmp_path, text) == [
        f"FILE:{line_col(text, 'prompt: 42', 8)}: forms[0].prompt: expected text, got the number 42; "
        "write the text (in quotes if it could be read as a number)"
    ]


def test_a_duplicate_item_id_points_at_the_second_one_and_the_first(tmp_path: Path) -> None:
    text = edit("  - id: c-tasks-1\n", "  - id: c-goals-1\n")
    second = text.index("id: c-goals-1", text.index("id: c-goals-1") + 1) + len("id: ")
    line, col = text[:second].count("\n") + 1, second - text.rfind("\n", 0, second)
    assert problems_of(tmp_path, text) == [
        f"FILE:{line}:{col}"
        ": forms[0].items[1].id: the item id 'c-goals-1' is used twice (also at forms[0].items[0]); "
        "give each item its own id"
    ]


def test_an_unknown_dimension_lists_the_three(tmp_path: Path) -> None:
    text = edit("  - id: c-tasks-1\n    dimension: tasks\n", "  - id: c-tasks-1\n    dimension: trust\n")
    assert problems_of(tmp_path, text) == [
        f"FILE:{line_col(text, 'dimension: trust', 11)}: forms[0].items[1].dimension: "
        "unknown dimension the text 'trust'; expected one of: goals, tasks, bond"
    ]


def test_a_yaml_syntax_error_is_explained(tmp_path: Path) -> None:
    text = edit("  title: Me and my therapist\n", "  title: Me and my therapist: a check\n")
    assert problems_of(tmp_path, text) == [
        f"FILE:{line_col(text, ': a check')}: invalid YAML: a ': ' inside an unquoted value starts a new key; "
        'put the whole value in double quotes, e.g. text: "Therapist: How did that land?"'
    ]


def test_anchors_and_aliases_are_refused(tmp_path: Path) -> None:
    text = edit("  title: Me and my therapist\n", "  title: &t Me and my therapist\n")
    (problem,) = problems_of(tmp_path, text)
    assert problem.startswith(f"FILE:{line_col(text, '&t')}: '&t' is a YAML anchor")


def test_an_unknown_advice_link_and_a_missing_band_are_both_reported(tmp_path: Path) -> None:
    text = edit("      - for-clients\n", "      - for-client\n")
    problems = problems_of(tmp_path, text)
    assert problems == [
        f"FILE:{line_col(text, '- for-client', 2)}: results.client.advice.goals.middle.links[1]: no link named "
        "the text 'for-client'; expected one of: goals, tasks, bond, for-clients, for-therapists, "
        "change-therapist, repair"
    ]


def test_the_browser_refuses_bad_content_with_the_same_messages() -> None:
    data = json.loads(json.dumps(content_json(read_content())))
    data["forms"][1]["items"][0]["dimension"] = "trust"
    with pytest.raises(ContentProblems, match=r"^forms\[1\]\.items\[0\]\.dimension: unknown dimension"):
        content_from_json(data)


def test_a_template_with_an_unknown_placeholder_names_it_and_the_allowed_ones(tmp_path: Path) -> None:
    text = edit("a gap of {size} points.'", "a gap of {sise} points.'")
    at = line_col(text, "'Your views differ most on")
    assert problems_of(tmp_path, text) == [
        f"FILE:{at}: compare.differ: missing placeholder {{size}}; "
        "the placeholders of this text are {names}, {tie} and {size}",
        f"FILE:{at}: compare.differ: unknown placeholder {{sise}}; "
        "the placeholders of this text are {names}, {tie} and {size}",
    ]


def test_a_placeholder_with_a_format_or_a_lone_brace_is_refused(tmp_path: Path) -> None:
    text = edit("The {who} gave the higher score.", "The {who!r} gave the higher score.")
    text = text.replace("answers from {therapist_date}.'", "answers from {therapist_date.'", 1)
    dates = line_col(text, "'Client answers from")
    assert problems_of(tmp_path, text) == [
        f"FILE:{dates}: compare.dates: a brace without its pair; "
        "write placeholders as {client_date} and {therapist_date}, and {{ or }} for a brace",
        f"FILE:{line_col(text, 'The {who!r}')}: compare.higher: write the placeholder as {{who}}, "
        "with nothing after the name",
    ]


def test_a_missing_text_says_which_placeholders_it_needs(tmp_path: Path) -> None:
    repair = next(line for line in REAL.splitlines(keepends=True) if line.startswith("  repair: "))
    text = edit(repair, "")
    assert problems_of(tmp_path, text) == [
        f"FILE:{line_col(text, '  rupture: On', 2)}: changes: missing required field 'repair'; "
        "add the text, with the placeholders {date}, {score} and {level}"
    ]


def test_a_wrong_type_in_the_texts_is_named_without_python_words(tmp_path: Path) -> None:
    text = edit(
        "  between:\n    client: you and your therapist\n    therapist: you and this client\n",
        "  between: you and your therapist\n",
    )
    text = text.replace("  tie: (a tie)\n", "  tie: 42\n")
    assert problems_of(tmp_path, text) == [
        f"FILE:{line_col(text, 'tie: 42', 5)}: compare.tie: expected text, got the number 42; "
        "write the text (in quotes if it could be read as a number)",
        f"FILE:{line_col(text, 'between: you', 9)}: changes.between: expected a mapping ('key: value' lines), "
        "got the text 'you and your therapist'",
    ]


def test_a_section_of_texts_left_out_is_reported(tmp_path: Path) -> None:
    text = REAL[: REAL.index("\nharm:\n") + 1] + REAL[REAL.index("\ncompare:\n") + 1 :]
    assert problems_of(tmp_path, text) == [
        f"FILE:{line_col(text, 'scale:')}: missing required field 'harm'; add the texts a client with a low score sees if the cause "
        "may be harm (heading, text, steps)"
    ]


def test_the_browser_refuses_a_template_typo_before_it_could_break_the_page() -> None:
    data = json.loads(json.dumps(content_json(read_content())))
    data["changes"]["rupture"] = data["changes"]["rupture"].replace("{between}", "{betwen}")
    with pytest.raises(ContentProblems) as info:
        content_from_json(data)
    assert str(info.value).splitlines() == [
        "changes.rupture: unknown placeholder {betwen}; the placeholders of this text are {date}, {score}, "
        "{level} and {between}",
        "changes.rupture: missing placeholder {between}; the placeholders of this text are {date}, {score}, "
        "{level} and {between}",
    ]


def test_the_moved_texts_read_as_before() -> None:
    content = read_content()
    assert content.harm is not None and content.harm.heading == "If something in therapy has harmed you"
    assert content.compare is not None and content.compare.differ == (
        "Your views differ most on {names}{tie}: a gap of {size} points."
    )
    assert content.changes is not None and content.changes.between == {
        "client": "you and your therapist",
        "therapist": "you and this client",
    }
