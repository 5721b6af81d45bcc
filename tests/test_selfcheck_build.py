"""A broken self-check data file stops the build before anything is written, like a broken quiz
file; the built self-check page embeds the data Python needs and the file itself is not published."""

from __future__ import annotations

from pathlib import Path

from scripts.project_copy import copy_project
from tests.support.site import build_site


def test_a_broken_self_check_file_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "docs" / "self-check" / "selfcheck.yml"
    lines = data.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == "dimension: bond")
    lines[index] = lines[index].replace("bond", "bonds")
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = build_site("http://127.0.0.1:8000/", out, cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    column = lines[index].index("bonds") + 1
    assert (
        f"docs/self-check/selfcheck.yml:{index + 1}:{column}: forms[0].items[2].dimension: unknown dimension" in output
    )
    assert "Traceback" not in output
    assert not out.exists(), "a half-built site was written"
