"""``write_exports`` and the two commands: ``python -m scripts.exports`` and ``python -m scripts.results``."""

from __future__ import annotations

import json

import pytest

from scripts import results
from scripts.exports import __main__ as exports_main
from scripts.exports import write_exports
from widgets.quiz.codes import encode_attempt


def test_write_exports_writes_every_format_and_a_summary(bank, tmp_path):
    written = write_exports(bank, tmp_path)
    names = [p.name for p in written]
    for mid in bank.modules:
        assert {f"{mid}.gift", f"{mid}.moodle.xml", f"{mid}.qti.zip"} <= set(names)
    assert "all.gift" in names and names[-1] == "summary.json"
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert set(written.summary) == set(bank.modules)
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary == written.summary_json()
    gift_notes = [n["text"] for n in summary["why-it-matters"]["gift"] if n["question_id"] == "why-study-steps"]
    assert gift_notes and gift_notes[0].startswith("ordering -> matching")
    assert summary["why-it-matters"]["moodle_xml"] == []


def test_write_exports_for_some_modules_only(bank, tmp_path):
    written = write_exports(bank, tmp_path, ["ruptures"])
    assert [p.name for p in written] == ["ruptures.gift", "ruptures.moodle.xml", "ruptures.qti.zip", "summary.json"]
    with pytest.raises(KeyError, match="no module 'nope'; modules: alliance-across-settings, building-the-alliance"):
        write_exports(bank, tmp_path, ["nope"])


def test_exports_command(tmp_path, capsys):
    assert exports_main.main(["--out", str(tmp_path), "ruptures", "why-it-matters"]) == 0
    out = capsys.readouterr().out
    assert "ruptures.qti.zip" in out and "why-it-matters.gift" in out
    assert "why-study-steps: converted: ordering -> matching" in out
    assert exports_main.main(["--out", str(tmp_path), "no-such-module"]) == 1
    assert "no module 'no-such-module'" in capsys.readouterr().err


def test_results_command_grades_a_file(bank, tmp_path, capsys):
    rup = bank.modules["ruptures"]
    good = encode_attempt(rup, "7", 4, {"rup-definition": "1"})
    codes = tmp_path / "codes.txt"
    codes.write_text(f"{good}\n\n{good.lower()}\n", encoding="utf-8")
    out_csv = tmp_path / "out.csv"
    assert results.main([str(codes), "--csv", str(out_csv)]) == 0
    out = capsys.readouterr().out
    assert "1 of 4 (25%)  ruptures" in out and "2 valid, 0 invalid" in out
    assert out_csv.read_text().startswith(
        "line,label,code,valid,module,seed,questions,score,max,percent,reason,version,version_date\n1,"
    )


def test_results_command_reports_bad_lines_and_fails(bank, tmp_path, capsys):
    rup = bank.modules["ruptures"]
    good = encode_attempt(rup, None, None, {})
    codes = tmp_path / "codes.csv"
    codes.write_text(f"name,code\nAnn,{good}\nBob,{good[:-1]}{'0' if good[-1] != '0' else '1'}\n", encoding="utf-8")
    assert results.main([str(codes)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    bob = [line for line in lines if line.startswith("3 ")]
    assert bob and "INVALID: the checksum does not match" in bob[0] and "Bob" in bob[0]
    assert "1 valid, 1 invalid" in out


def test_results_command_with_a_missing_file(tmp_path, capsys):
    assert results.main([str(tmp_path / "missing.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_results_command_writes_a_csv_spreadsheets_open_safely(bank, tmp_path, capsys):
    import csv

    good = encode_attempt(bank.modules["ruptures"], None, None, {})
    codes = tmp_path / "codes.csv"
    codes.write_text(f'name,code\n"=HYPERLINK(""http://evil.example"")",{good}\n@SUM(A1),-{good}\n', encoding="utf-8")
    out_csv = tmp_path / "out.csv"
    assert results.main([str(codes), "--csv", str(out_csv)]) == 0
    with out_csv.open(newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert [row["label"] for row in table] == ['\'=HYPERLINK("http://evil.example")', "'@SUM(A1)"]
    assert table[1]["code"] == f"'-{good}"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in table for cell in row.values())
