"""Kept module versions (quizzes/versions/): recorded by a command, read with the bank, and up to
date for every module, so every results code handed in can be graded against its own questions."""

from __future__ import annotations

import dataclasses
import json

from scripts.quizzes import load_bank
from scripts.quizzes.__main__ import main as quizzes_main
from scripts.quizzes.versions import load_kept, record, unrecorded
from widgets.quiz.codes import encode_attempt, regrade
from widgets.quiz.model import Module
from widgets.quiz.versions import content_tag, tag_text


def test_every_modules_current_version_is_recorded():
    bank = load_bank()
    assert unrecorded(bank, bank.versions) == [], (
        "a module's questions, options or keys changed: run `python -m scripts.quizzes versions` "
        "and commit quizzes/versions/"
    )


def test_kept_tags_are_the_tags_of_the_kept_modules():
    bank = load_bank()
    assert set(bank.versions) >= set(bank.modules)
    for entries in bank.versions.values():
        dates = [e["date"] for e in entries]
        assert dates == sorted(dates)
        for entry in entries:
            assert entry["tag"] == tag_text(content_tag(Module.from_json(entry["module"])))


def test_record_appends_a_changed_module_and_keeps_the_old_one(tmp_path):
    bank = load_bank()
    assert len(record(bank, tmp_path, today="2026-11-01")) == len(bank.modules)
    assert record(bank, tmp_path, today="2026-11-02") == []
    old = bank.modules["ruptures"]
    code = encode_attempt(old, "9", None, {})
    first = old.questions[0]
    changed = dataclasses.replace(
        old, questions=(dataclasses.replace(first, text=first.text + "?"), *old.questions[1:])
    )
    edited = dataclasses.replace(bank, modules={**bank.modules, "ruptures": changed})
    assert record(edited, tmp_path, today="2026-12-01") == [("ruptures", tag_text(content_tag(changed)))]
    kept = load_kept(tmp_path)
    assert [e["date"] for e in kept["ruptures"]] == ["2026-11-01", "2026-12-01"]
    data = json.loads((tmp_path / "ruptures.json").read_text(encoding="utf-8"))
    assert data["module"] == "ruptures" and "do not edit" in data["note"]
    graded = regrade({"ruptures": changed}, code, kept)
    assert graded.valid and graded.attempt.version_date == "2026-11-01" and not graded.attempt.current
    assert not regrade({"ruptures": changed}, code).valid


def test_a_broken_versions_file_is_a_problem_with_its_path(tmp_path):
    import pytest

    from scripts.quizzes import QuizProblems
    from scripts.quizzes.loader import bank_files

    (tmp_path / "ruptures.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(QuizProblems) as caught:
        load_bank(bank_files(), versions_dir=tmp_path)
    assert "ruptures.json:1:1: cannot read the kept versions" in str(caught.value)


def test_versions_check_command(capsys):
    assert quizzes_main(["versions", "--check"]) == 0
    assert "every module's current version is recorded" in capsys.readouterr().out
