"""The kept versions of quiz modules, for grading results codes made before a module changed.

``quizzes/versions/<module-id>.json`` holds, oldest first, every recorded version of a module:
its content tag (``widgets.quiz.versions.content_tag``), the date it was recorded and the module
as it was (its JSON), so a code made against it is graded against those questions.

``python -m scripts.quizzes versions`` records the current version of every module whose
content is not recorded yet (run it, and commit the files, whenever a module's questions,
options or keys change); ``--check`` only lists them. The build and ``check`` name modules whose
current version is not recorded. A kept entry may drop its ``module`` to save space: codes of
that version are then refused with its date rather than graded.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from widgets.quiz.versions import content_tag, tag_text

from .loader import Bank

NOTE = (
    "Kept versions of this quiz module, oldest first, for grading results codes made before it changed. "
    "Written by `python -m scripts.quizzes versions`; do not edit by hand."
)


class VersionsProblem(ValueError):
    """A kept-versions file that cannot be read: ``path`` and a message with the fix."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


def versions_file(versions_dir: Path, module_id: str) -> Path:
    return versions_dir / f"{module_id}.json"


def load_kept(versions_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Module id -> its kept versions (oldest first); no folder means none kept."""
    kept: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(versions_dir.glob("*.json")) if versions_dir.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VersionsProblem(path, f"cannot read the kept versions ({exc}); restore the file from git") from None
        entries = data.get("versions") if isinstance(data, dict) else None
        if not isinstance(entries, list) or not all(isinstance(e, dict) and "tag" in e for e in entries):
            raise VersionsProblem(
                path, 'expected {"versions": [{"tag", "date", "module"}, ...]}; restore the file from git'
            )
        kept[str(data.get("module") or path.stem)] = entries
    return kept


def unrecorded(bank: Bank, kept: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Ids of modules whose current content is not among their kept versions."""
    return [
        module_id
        for module_id, module in bank.modules.items()
        if tag_text(content_tag(module)) not in {e.get("tag") for e in kept.get(module_id, ())}
    ]


def record(bank: Bank, versions_dir: Path, today: str | None = None) -> list[tuple[str, str]]:
    """Append the current version of every unrecorded module to its file; (module id, tag) written."""
    today = today or datetime.now(UTC).date().isoformat()
    kept = load_kept(versions_dir)
    written = []
    for module_id in unrecorded(bank, kept):
        module = bank.modules[module_id]
        tag = tag_text(content_tag(module))
        entries = [*kept.get(module_id, []), {"tag": tag, "date": today, "module": module.to_json()}]
        versions_dir.mkdir(parents=True, exist_ok=True)
        data = {"note": NOTE, "module": module_id, "versions": entries}
        versions_file(versions_dir, module_id).write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written.append((module_id, tag))
    return written


def reminder(module_ids: list[str]) -> str:
    return (
        f"not recorded yet: the current version of {', '.join(module_ids)}; codes made with it can be graded "
        "only until the module changes. Run `python -m scripts.quizzes versions` and commit quizzes/versions/."
    )
