"""``python -m scripts.quizzes check [files…]``: validate quiz files, print every problem.
``python -m scripts.quizzes versions [--check]``: record the current version of every module whose
content changed, in ``quizzes/versions/`` (for grading older results codes; see ``versions``).

Exit status 0 when all files are valid, 1 when there are problems (one a line, as
``quizzes/x.yml:14:5: questions[2].options: …``), 2 for a wrong command line. Bad input never
prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import DOCS_DIR, QUIZZES_DIR, VERSIONS_DIR, bank_files, load_bank
from .problems import QuizProblems
from .versions import VersionsProblem, load_kept, record, reminder, unrecorded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.quizzes", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate quiz files (default: quizzes/*.yml)")
    check.add_argument("files", nargs="*", type=Path, help="quiz files to check")
    check.add_argument("--docs-dir", type=Path, default=DOCS_DIR, help="the docs folder holding lessons/")
    versions = sub.add_parser("versions", help="record changed modules' versions in quizzes/versions/")
    versions.add_argument("--check", action="store_true", help="only list modules whose version is not recorded")
    args = parser.parse_args(argv)
    if args.command == "versions":
        return _versions(only_check=args.check)
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
    print(
        f"{n_modules} module{'s' if n_modules != 1 else ''}, {bank.question_count} "
        f"question{'s' if bank.question_count != 1 else ''}: all valid"
    )
    if not args.files:
        try:
            missing = unrecorded(bank, load_kept(VERSIONS_DIR))
        except VersionsProblem as exc:
            print(exc)
            return 1
        if missing:
            print(f"note: {reminder(missing)}")
    return 0


def _versions(*, only_check: bool) -> int:
    try:
        bank = load_bank()
    except QuizProblems as exc:
        print(exc)
        return 1
    if only_check:
        missing = unrecorded(bank, bank.versions)
        print(reminder(missing) if missing else "every module's current version is recorded")
        return 1 if missing else 0
    written = record(bank, VERSIONS_DIR)
    for module_id, tag in written:
        print(f"recorded {module_id} version {tag} in {VERSIONS_DIR.name}/{module_id}.json")
    if not written:
        print("every module's current version is already recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
