"""The one place that knows where a lesson lives: ``lessons/<slug>/`` (MkDocs' directory URLs),
section anchors after ``#``, and ``lessons/<slug>.md`` for Markdown links that MkDocs resolves
(and checks) itself. Used by the build (``scripts/``) and by the browser's Python alike.
"""

from __future__ import annotations

#: the lessons' folder, relative to the site's root
LESSONS = "lessons/"


def lesson_url(slug: str, anchor: str = "", *, base: str = LESSONS, source: bool = False) -> str:
    """The link to lesson ``slug`` (at its section ``anchor`` if given).

    ``base`` is the lessons' folder as seen from the linking page: ``"lessons/"`` from the site's
    root, ``"../lessons/"`` from a page one level down, or an absolute URL the browser worked out.
    With ``source=True`` the link names the Markdown file (``<slug>.md``), for links written into
    generated Markdown pages.

    >>> lesson_url("ruptures", "what-a-rupture-is", base="../lessons/")
    '../lessons/ruptures/#what-a-rupture-is'
    >>> lesson_url("ruptures", base="../../lessons/", source=True)
    '../../lessons/ruptures.md'
    """
    page = f"{slug}.md" if source else f"{slug}/"
    return f"{base}{page}#{anchor}" if anchor else f"{base}{page}"
