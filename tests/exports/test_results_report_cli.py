"""``python -m scripts.results FILE --report HTML --stats JSON --stats-csv CSV``: the class report
as files, from the same Python as the lecturers' page, with one report per module and version."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from scripts import results
from scripts.bench_report import class_codes
from scripts.results_report import stats_csv
from scripts.wheel import ROOT
from widgets.quiz.item_analysis import QuestionStats, analyse
from widgets.quiz.report_actions import class_reports


def test_the_command_writes_the_report_and_its_figures(bank, tmp_path, capsys):
    ruptures, repair = bank.modules["ruptures"], bank.modules["repairing-ruptures"]
    codes = class_codes(ruptures, 31) + class_codes(repair, 6, seed="other")
    source = tmp_path / "codes.csv"
    source.write_text("name,code\n" + "".join(f"Student {i},{c}\n" for i, c in enumerate(codes)) + "Zed,XXXXX\n")
    report, stats, table = tmp_path / "report.html", tmp_path / "stats.json", tmp_path / "stats.csv"
    status = results.main(
        [
            str(source),
            "--report",
            str(report),
            "--stats",
            str(stats),
            "--stats-csv",
            str(table),
            "--site-url",
            "https://example.org/course/",
        ]
    )
    assert status == 1  # one invalid line, as before
    out = capsys.readouterr().out
    assert f"wrote the class report to {report}" in out and str(stats) in out and str(table) in out

    data = json.loads(stats.read_text())
    expected, skipped = class_reports(codes, bank)
    assert skipped == 0
    assert data == {"reports": [r.to_json() for r in expected]}
    assert [(r["module_id"], r["test"]["attempts"]) for r in data["reports"]] == [
        ("repairing-ruptures", 6),
        ("ruptures", 31),
    ]
    assert data["reports"][1]["warnings"] == [], "31 attempts: no warning"
    assert data["reports"][0]["warnings"], "6 attempts: a warning"

    html = report.read_text()
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert "37 attempts in 2 reports" in html
    assert 'href="https://example.org/course/lecturers/#class-report"' in html
    assert 'href="https://example.org/course/lecturers/answer-keys/ruptures/#' in html
    assert "Zed" not in html and "Student 1" not in html, "names stay out of the class report"

    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert len(rows) == len(ruptures.questions) + len(repair.questions)
    first = next(r for r in rows if r["module"] == "ruptures" and r["number"] == "1")
    q1 = next(q for q in expected[1].questions if q.number == 1)
    assert first["question"] == q1.id and float(first["facility"]) == round(q1.facility, 4)


def test_stats_csv_neutralises_cells_a_spreadsheet_would_run(bank):
    report = analyse(bank.modules["ruptures"], [])
    report.module_id = '=HYPERLINK("http://evil.example")'
    report.questions = [
        QuestionStats(
            id="-1+1",
            number=1,
            type="single",
            objective="@x",
            text="t",
            n=0,
            facility=None,
            sd=None,
            random_guess=0.5,
            discrimination=-0.25,
            efficiency=None,
            upper_lower=None,
            upper_n=0,
            lower_n=0,
            groups=[],
            flags=["+flag"],
        )
    ]
    row = list(csv.reader(io.StringIO(stats_csv([report]))))[1]
    assert row[0] == "'" + '=HYPERLINK("http://evil.example")'
    assert (row[3], row[5], row[-1]) == ("'-1+1", "'@x", "'+flag")
    assert row[7:9] == ["", ""], "a figure that is not defined is an empty cell"
    assert row[10] == "-0.2500", "a negative figure stays a number"


def test_the_command_line_help_names_the_options():
    done = subprocess.run([sys.executable, "-m", "scripts.results", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0
    for option in ("--report", "--stats", "--stats-csv", "--site-url"):
        assert option in done.stdout
