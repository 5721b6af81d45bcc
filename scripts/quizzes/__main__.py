"""``python -m scripts.quizzes check [files…]``: validate quiz files, print every problem.

Exit status 0 when all files are valid, 1 when there are problems (one a line, as
``quizzes/x.yml:14:5: questions[2].options: …``), 2 for a wrong command line. Bad input never
prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import DOCS_DIR, QUIZZES_DIR, bank_files, load_bank
from .problems import QuizProblems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.quizzes", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate quiz files (default: quizzes/*.yml)")
    check.add_argument("files", nargs="*", type=Path, help="quiz files to check")
    check.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help="the docs folder holding lessons/")
    args = parser.parse_args(argv)
    files = list(args.files) or bank_files(QUIZZES_DIR)
    if not files:
        print(f"no quiz files found in {QUIZZES_DIR}", file=sys.stderr)
        return 1
    missing = [f for f in files if not f.is_file()]
    if missing:
        for f in missing:
            print(f"{f}: no such file", file=sys.stderr)
        return 1
    try:
        bank = load_bank(files, docs_dir=args.docs_dir)
    except QuizProblems as exc:
        print(exc)
        return 1
    n_modules = len(bank.modules)
    print(f"{n_modules} module{'s' if n_modules != 1 else ''}, {bank.question_count} "
          f"question{'s' if bank.question_count != 1 else ''}: all valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
