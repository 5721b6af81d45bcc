"""The site builds strictly, every page of the navigation exists, every internal link resolves,
and a broken page fails the build with a message that says what and where."""

from __future__ import annotations

import gzip
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from scripts.project_copy import copy_project
from tests.support.links import broken_links
from tests.support.site import ROOT, build_site, built_pages


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_files(nav) -> list[str]:
    files = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        files += nav_files(value) if isinstance(value, list) else [value]
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("strict-site")
    done = build_site("http://127.0.0.1:8000/", site_dir)
    return done, site_dir


def test_strict_build_passes_without_warnings(built):
    done, _ = built
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "WARNING" in line]
    assert warnings == []


def test_every_navigation_page_is_built(built):
    _, site_dir = built
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    pages = set(built_pages(site_dir))
    for source in nav_files(config["nav"]):
        url = (
            ""
            if source == "index.md"
            else source.removesuffix(".md").removesuffix("index") + ("/" if not source.endswith("index.md") else "")
        )
        assert url in pages, f"{source} is in the navigation but {url or '/'} was not built"


def test_every_internal_link_and_anchor_resolves(built):
    _, site_dir = built
    assert broken_links(site_dir) == []


def test_the_site_ships_python_runtime_files_only_where_needed(built):
    _, site_dir = built
    runtime = sorted(
        p.name for p in (site_dir / "assets" / "pyodide").rglob("*") if p.is_file() and p.suffix not in (".br", ".gz")
    )
    assert runtime == ["pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs"]


def test_the_shipped_standard_library_holds_only_what_runs_as_bytecode_that_a_host_can_compress(built):
    _, site_dir = built
    manifest = json.loads((site_dir / "assets" / "python" / "manifest.json").read_text())
    shipped_zip = zipfile.ZipFile(site_dir / "assets" / manifest["stdLibURL"])
    shipped = shipped_zip.namelist()
    stock = zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").namelist()
    assert all(n.endswith(".pyc") for n in shipped)
    assert {n.removesuffix("c") for n in shipped} <= set(stock)
    assert {
        "json/__init__.pyc",
        "random.pyc",
        "html/__init__.pyc",
        "difflib.pyc",
        "pyodide/_package_loader.pyc",
    } <= set(shipped)
    assert "pydoc.pyc" not in shipped and not [n for n in shipped if n.startswith(("unittest/", "tkinter/"))]
    assert len(shipped) < len(stock) / 3  # only what is used (the tests in Pyodide check it suffices)
    assert {i.compress_type for i in shipped_zip.infolist()} == {zipfile.ZIP_STORED}  # gzip/brotli do better
    pyc = shipped_zip.read("json/__init__.pyc")
    assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based, valid without its source


def test_large_files_have_precompressed_siblings_with_the_same_content(built):
    _, site_dir = built
    manifest = json.loads((site_dir / "assets" / "python" / "manifest.json").read_text())
    assets = site_dir / "assets"
    for path in (
        assets / manifest["indexURL"] / "pyodide.asm.wasm",
        assets / manifest["indexURL"] / "pyodide.asm.mjs",
        assets / manifest["stdLibURL"],
    ):
        data = path.read_bytes()
        gz = path.with_name(path.name + ".gz").read_bytes()
        br = path.with_name(path.name + ".br")
        assert gzip.decompress(gz) == data
        assert len(br.read_bytes()) < len(gz) < len(data) * 0.6, path.name
        unpacked = subprocess.run(
            [
                "node",
                "-e",
                "process.stdout.write(require('zlib').brotliDecompressSync("
                "require('fs').readFileSync(process.argv[1])))",
                str(br),
            ],
            capture_output=True,
        )
        assert unpacked.stdout == data, path.name
    assert not (site_dir / "javascripts" / "widgets.js.gz").exists(), "small files are left to the host"
    service_worker = (site_dir / "sw.js").read_text()
    assert '.br"' not in service_worker and '.gz"' not in service_worker, "the offline copy skips siblings"


def _copy_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_link_to_a_missing_page_fails_the_build_and_names_the_page(tmp_path):
    project = _copy_project(tmp_path)
    lesson = project / "docs" / "lessons" / "ruptures.md"
    lesson.write_text(lesson.read_text() + "\nSee [the missing page](no-such-page.md).\n")
    done = build_site("http://127.0.0.1:8000/", tmp_path / "out", cwd=project)
    assert done.returncode != 0
    assert "lessons/ruptures.md" in done.stderr and "no-such-page.md" in done.stderr


def test_a_link_to_a_missing_anchor_fails_the_build(tmp_path):
    project = _copy_project(tmp_path)
    lesson = project / "docs" / "lessons" / "ruptures.md"
    lesson.write_text(lesson.read_text() + "\nSee [nowhere](repairing-ruptures.md#no-such-section).\n")
    done = build_site("http://127.0.0.1:8000/", tmp_path / "out", cwd=project)
    assert done.returncode != 0
    assert "no-such-section" in done.stderr


def test_the_link_checker_finds_a_broken_link_in_html(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a> <a href="b/">gone</a> <a href="a/#x">no anchor</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="y">Y</h2>')
    assert broken_links(tmp_path) == [
        "index.html:1: b/ (no such file)",
        "index.html:1: a/#x (no element with id 'x')",
    ]


def test_a_broken_quiz_file_stops_the_build_before_anything_is_written(tmp_path):
    project = _copy_project(tmp_path)
    quiz = project / "quizzes" / "ruptures.yml"
    lines = quiz.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("explanation:"))
    lines[index] = lines[index].replace("explanation:", "explenation:")
    quiz.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    done = build_site("http://127.0.0.1:8000/", out, cwd=project)
    assert done.returncode != 0
    column = len(lines[index]) - len(lines[index].lstrip()) + 1
    output = done.stdout + done.stderr
    assert (
        f"quizzes/ruptures.yml:{index + 1}:{column}: questions[0]: unknown key 'explenation'; did you mean 'explanation'?"
        in output
    )
    assert "Traceback" not in output
    assert not out.exists(), "a half-built site was written"
