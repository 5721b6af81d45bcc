"""``python -m scripts.exports [--out DIR] [module ids…]``: write the LMS exports of the quiz modules.

Writes ``<id>.gift``, ``<id>.moodle.xml`` and ``<id>.qti.zip`` per module, ``all.gift`` (when no
module ids are given) and ``summary.json`` into DIR (default ``build/exports``), then lists the
files and every conversion or skip. Exit status 0 on success, 1 when the quiz files have
problems or a module id is unknown, 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.quizzes import QuizProblems, load_bank
from scripts.quizzes.loader import PROJECT_ROOT

from . import write_exports

DEFAULT_OUT = PROJECT_ROOT / "build" / "exports"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.exports", description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module ids (default: every module)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    try:
        bank = load_bank()
    except QuizProblems as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        written = write_exports(bank, args.out, args.modules or None)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 1
    for path in written:
        try:
            shown = path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = path
        print(f"wrote {shown} ({path.stat().st_size:,} bytes)")
    for mid, by_format in written.summary.items():
        for fmt, notes in by_format.items():
            for note in notes:
                print(f"  {mid} [{fmt}] {note.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
