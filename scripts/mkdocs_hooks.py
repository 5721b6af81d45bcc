"""MkDocs hook for the course site: thin glue, each event delegates to a plain module.

- on_config: load and validate the quiz bank before anything is written; a bad quiz file
  stops the build with ``file:line:column: where: what`` lines and no traceback.
- on_files: add one generated page per quiz module at ``quizzes/<module-id>/``, and one printable
  answer key per module at ``lecturers/answer-keys/<module-id>/`` (not in the navigation).
- on_page_markdown: expand the glossary page from the abbreviations snippet.
- on_post_page: mark pages for the offline service worker (not under ``mkdocs serve``).
- on_post_build: copy the Python runtime (Pyodide + the widgets wheel) into the site, and write
  the LMS exports (GIFT, Moodle XML, Canvas QTI) to ``lecturers/exports/``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # MkDocs imports hooks by path; make `scripts` importable
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from scripts import fences, glossary, lecturer_pages, offline, precompress, pyodide_bundle, quiz_pages  # noqa: E402
from scripts.exports import write_exports  # noqa: E402
from scripts.quizzes import QuizProblems, load_bank  # noqa: E402

log = logging.getLogger("mkdocs.hooks.alliance")
_state: dict = {}


def on_startup(command, dirty):
    _state["command"] = command  # "serve" publishes no service worker (live reload must show the newest page)


def on_config(config):
    docs_dir = Path(config.docs_dir)
    try:
        bank = load_bank(docs_dir=docs_dir)
    except QuizProblems as problems:
        raise Abort(f"The quiz bank has problems; nothing was built.\n{problems}") from None
    _state["bank"] = bank
    fences.use_bank(bank)
    return config


def on_files(files, config):
    for page in quiz_pages.module_pages(_state["bank"]):
        files.append(File.generated(config, page.path, content=page.markdown))
    docs_dir = Path(config.docs_dir)
    for page in lecturer_pages.answer_key_pages(_state["bank"], docs_dir):
        # linked from the lecturers' catalogue, deliberately left out of the menu (and of search)
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "glossary.md":
        return glossary.expand(markdown, Path(config.docs_dir) / "includes" / "abbreviations.md")
    return markdown


def on_post_page(output, page, config):
    return output if _state.get("command") == "serve" else offline.mark_page(output)


def on_post_build(config):
    try:
        bundle = pyodide_bundle.write_runtime(Path(config.site_dir))
    except pyodide_bundle.BundleError as error:
        raise Abort(str(error)) from None
    log.info("Python runtime: Pyodide %s, cache key %s", bundle.pyodide_version, bundle.manifest["cacheKey"])
    written = write_exports(_state["bank"], Path(config.site_dir) / "lecturers" / "exports")
    log.info("LMS exports: %d files in lecturers/exports/", len(written))
    if _state.get("command") == "serve":
        offline.remove_service_worker(Path(config.site_dir))
    else:
        log.info("Offline copy: build %s", offline.write_service_worker(Path(config.site_dir)))
        try:
            count, before, after = precompress.write_siblings(Path(config.site_dir))
        except precompress.PrecompressError as error:
            raise Abort(str(error)) from None
        log.info("Precompressed: %d large files, %.1f MB -> %.1f MB with brotli (.br and .gz beside each)",
                 count, before / 1e6, after / 1e6)
