"""Facts both sides of the site share, written once: storage keys, cache names, versions, limits.

Python reads them from here; the build publishes them to the page's JavaScript as the ES module
``javascripts/constants.js`` (``scripts/publish_constants.py``: every upper-case name below that
holds text, a number or true/false, under the same name), and writes ``SITE_CACHE_PREFIX`` into
the service worker (``scripts/offline.py``). JavaScript imports them, e.g.
``import { READER_SEED_KEY } from "../constants.js";`` and never writes one of these values itself
(``tests/test_python_boundary.py`` checks both).
"""

from __future__ import annotations

from typing import Final

from . import __version__

#: every key and cache name this site writes in the reader's browser starts with it, so
#: "Delete all data this site keeps" finds them all (and nothing of another site)
SITE_PREFIX: Final = "alliance-"

# --- versions --------------------------------------------------------------------------------
#: the widgets package (``widgets.__version__``), as "info" reports it
WIDGETS_VERSION: Final = __version__
#: the version of a quiz's saved answers (``{version, layoutKey, responses, ...}``); a saved
#: attempt of another version is set aside, not read
QUIZ_STORE_VERSION: Final = 1
#: the progress store's format name and schema (``widgets.progress.store``)
PROGRESS_FORMAT: Final = "alliance-progress"
PROGRESS_SCHEMA: Final = 1

# --- storage keys (localStorage) -------------------------------------------------------------
#: a quiz's saved answers: this prefix and the module id
QUIZ_STORAGE_PREFIX: Final = f"{SITE_PREFIX}quiz:v{QUIZ_STORE_VERSION}:"
#: the reader's own seed, that orders options the same way on every visit
READER_SEED_KEY: Final = f"{SITE_PREFIX}quiz:reader-seed"
#: the self-check's saved entries (only when the reader opts in)
SELFCHECK_STORAGE_KEY: Final = f"{SITE_PREFIX}selfcheck:v1"
#: lessons read, quiz scores and review boxes (``widgets.progress.store``)
PROGRESS_STORAGE_KEY: Final = f"{PROGRESS_FORMAT}:v{PROGRESS_SCHEMA}"
#: written and removed at once, to learn whether storage works
STORAGE_PROBE_KEY: Final = f"{SITE_PREFIX}storage-probe"

# --- cache names (Cache Storage) -------------------------------------------------------------
#: the service worker's cache of one build: this prefix and the build's hash (``docs/sw.js``)
SITE_CACHE_PREFIX: Final = f"{SITE_PREFIX}site-"
#: a path under the site's root that the service worker always answers from its copy of the build
#: (never the network): Python's worker asks for its files there when the network fails although
#: the browser says it is online (a connection that reaches nothing; Firefox's offline switch)
OFFLINE_COPY_PATH: Final = f"{SITE_PREFIX}offline-copy/"
#: the memory snapshot of Python that earlier builds kept; deleted when the worker starts
OLD_SNAPSHOT_CACHE: Final = f"{SITE_PREFIX}python-snapshot"

# --- limits ----------------------------------------------------------------------------------
#: the most lines the page's grader takes at once (the command line has no limit)
MAX_PAGE_LINES: Final = 5000
#: the longest seed a quiz link may carry: a results code holds the seed as UTF-8 text of at most
#: 200 bytes (``widgets.quiz.codes.MAX_TEXT_BYTES``); 50 characters of up to 4 bytes each always
#: fit, so an exam started from an accepted link can always be handed in as a code
MAX_SEED_CHARS: Final = 50
#: the most self-check entries kept in storage (``widgets.selfcheck.history``)
MAX_SAVED_SELFCHECK_ENTRIES: Final = 1000


def published() -> dict[str, str | int | bool]:
    """Every constant above, by name, as the build publishes it to the page."""
    return {
        name: value
        for name, value in globals().items()
        if name.isupper() and isinstance(value, (str, int, bool)) and not name.startswith("_")
    }
