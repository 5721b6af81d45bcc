"""``python -m scripts.results FILE [--csv OUT] [--report HTML] [--stats JSON] [--stats-csv CSV]``:
re-grade a file of results codes (and report on the class: see scripts/results_report.py).

FILE holds one code a line, or a CSV with a column of codes (``-`` reads standard input). A file
named ``*.csv`` is read as CSV (a quoted cell may hold a comma; a quote that runs over lines is
reported); anything else is read one line a row, like text pasted on the lecturers' page. Codes
are graded against the course's quiz modules with the same grader the pages use, and printed
as a table; ``--csv`` also writes the table as CSV. A line that is not a valid code is listed
with its line number and the reason, never a score. Exit status 0 when every code is valid,
1 when any is invalid (or the quiz files have problems), 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scripts import results_report
from scripts.quizzes import QuizProblems, load_bank
from widgets.quiz.code_actions import grade_text


def _result(row: dict[str, Any]) -> str:
    if not row["valid"]:
        return f"INVALID: {row['reason']}"
    score = row["score"]
    shown = str(int(score)) if float(score).is_integer() else f"{score:.2f}".rstrip("0").rstrip(".")
    return f"{shown} of {row['max']} ({row['percent']}%)  {row['module']}"


def table(rows: list[dict[str, Any]]) -> str:
    """A plain-text table: line, label (if any), code, result."""
    labelled = any(r.get("label") for r in rows)
    header = ["line", *(["label"] if labelled else []), "code", "result"]
    body = [
        [str(r["line"]), *([r.get("label", "")] if labelled else []), r["code"] or "(none)", _result(r)] for r in rows
    ]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)).rstrip() for b in body]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.results", description=__doc__.splitlines()[0])
    parser.add_argument("file", help="a file of codes, one a line or a CSV column ('-' for standard input)")
    parser.add_argument("--csv", type=Path, help="also write the results table to this CSV file")
    results_report.add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1
    try:
        bank = load_bank()
    except QuizProblems as exc:
        print(exc, file=sys.stderr)
        return 1
    kind = "csv" if args.file != "-" and Path(args.file).suffix.lower() == ".csv" else "lines"
    graded = grade_text(text, bank, kind)
    rows = graded["rows"]
    if not rows:
        print(f"no codes found in {args.file}", file=sys.stderr)
        return 1
    print(table(rows))
    print(f"\n{graded['valid']} valid, {graded['invalid']} invalid")
    if args.csv:
        args.csv.write_text(graded["csv"], encoding="utf-8", newline="")
        print(f"wrote {args.csv}")
    if results_report.wanted(args):
        for message in results_report.write_outputs(rows, bank, args):
            print(message)
    return 1 if graded["invalid"] else 0


if __name__ == "__main__":
    sys.exit(main())
