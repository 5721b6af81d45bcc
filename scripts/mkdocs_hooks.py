"""MkDocs hook for the course site: thin glue, each event delegates to a plain module.

- on_config: build the course context (``scripts.course``: the quiz bank, loaded and validated
  before anything is written, and the lesson index) and give it to the fences; a bad quiz file
  stops the build with ``file:line:column: where: what`` lines and no traceback. Under
  ``mkdocs serve`` (only) the site is built from the valid files instead, and the pages show the
  problems of the others (``scripts.quizzes.preview``), so the lecturer's browser tab never hangs.
  Every later event renders from that one context, passed explicitly.
- on_files: add one generated page per quiz module at ``quizzes/<module-id>/``, and one printable
  answer key per module at ``lecturers/answer-keys/<module-id>/`` (not in the navigation).
- on_page_context: under ``mkdocs serve``, while quiz files have problems (or a new module is not
  in the nav yet), give every page the banner that lists them
  (``docs/overrides/partials/quiz-problems-banner.html``).
- on_page_markdown: expand the glossary page from the abbreviations snippet, and end each lesson
  with the "Mark as read" marker (``scripts.progress_pages``, from the context's lesson order).
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

from scripts import fences, glossary, lecturer_pages, offline, precompress, progress_pages, pyodide_bundle, quiz_pages  # noqa: E402
from scripts.course import load_course  # noqa: E402
from scripts.exports import write_exports  # noqa: E402
from scripts.quizzes import QuizProblems  # noqa: E402
from scripts.quizzes.problems_html import banner_context  # noqa: E402
from scripts.selfcheck_content import SelfCheckProblems, load_content  # noqa: E402

log = logging.getLogger("mkdocs.hooks.alliance")
_state: dict = {}


def on_startup(command, dirty):
    _state["command"] = command  # "serve" publishes no service worker (live reload must show the newest page)


def on_config(config):
    serve = _state.get("command") == "serve"
    try:
        course = load_course(docs_dir=Path(config.docs_dir), nav=config.nav, serve=serve)
    except QuizProblems as problems:
        raise Abort(f"The quiz bank has problems; nothing was built.\n{problems}") from None
    if course.preview is not None and course.preview.broken:  # info, not warning: `serve --strict` would stop
        log.info(
            "The quiz bank has problems; the pages show them until they are fixed:\n%s", course.preview.problem_lines()
        )
    try:  # the self-check's items and texts (docs/self-check/selfcheck.yml), checked before anything is written
        load_content(Path(config.docs_dir) / "self-check" / "selfcheck.yml")
    except SelfCheckProblems as problems:
        raise Abort(f"The self-check's data file has problems; nothing was built.\n{problems}") from None
    _state["course"] = course
    fences.install(config.mdx_configs, course)
    return config


def on_files(files, config):
    course = _state["course"]
    preview = course.preview
    pages = list(quiz_pages.module_pages(course))
    if preview is not None:  # serve: a module whose file has problems keeps its page, showing them
        pages += [quiz_pages.problem_page(module_id, broken.path) for module_id, broken in preview.broken.items()]
    # serve: a new module's page that is not in the nav yet is served all the same (the banner says so)
    unlisted = quiz_pages.unlisted(pages, config.nav) if preview is not None else []
    _state["quiz_urls"], _state["unlisted"] = {}, [Path(page.path).stem for page in unlisted]
    for page in pages:
        inclusion = InclusionLevel.NOT_IN_NAV if page in unlisted else InclusionLevel.UNDEFINED
        generated = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        files.append(generated)
        _state["quiz_urls"][Path(page.path).stem] = generated.url
    for page in lecturer_pages.answer_key_pages(course):
        # linked from the lecturers' catalogue, deliberately left out of the menu (and of search)
        files.append(File.generated(config, page.path, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_context(context, page, config, nav):
    preview = _state["course"].preview
    if preview is not None:  # serve: the banner's lists (empty: no banner)
        context.update(banner_context(preview, _state["quiz_urls"], _state["unlisted"]))
    return context


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "glossary.md":
        return glossary.expand(markdown, Path(config.docs_dir) / "includes" / "abbreviations.md")
    return markdown + progress_pages.lesson_end(_state["course"], page.file.src_uri)


def on_post_page(output, page, config):
    return output if _state.get("command") == "serve" else offline.mark_page(output)


def on_post_build(config):
    try:
        bundle = pyodide_bundle.write_runtime(Path(config.site_dir))
    except pyodide_bundle.BundleError as error:
        raise Abort(str(error)) from None
    log.info("Python runtime: Pyodide %s, cache key %s", bundle.pyodide_version, bundle.manifest["cacheKey"])
    written = write_exports(_state["course"], Path(config.site_dir) / "lecturers" / "exports")
    log.info("LMS exports: %d files in lecturers/exports/", len(written))
    if _state.get("command") == "serve":
        offline.remove_service_worker(Path(config.site_dir))
    else:
        log.info("Offline copy: build %s", offline.write_service_worker(Path(config.site_dir)))
        try:
            count, before, after = precompress.write_siblings(Path(config.site_dir))
        except precompress.PrecompressError as error:
            raise Abort(str(error)) from None
        log.info(
            "Precompressed: %d large files, %.1f MB -> %.1f MB with brotli (.br and .gz beside each)",
            count,
            before / 1e6,
            after / 1e6,
        )
