"""What a page shows in place of a quiz whose file has problems (only under ``mkdocs serve``).

One alert box per file: which file, how many problems, then each problem as the terminal prints
it (``file:line:col``, where in the module, what was expected and how to fix it). Every text
from the file is escaped: a problem message quotes the author's YAML, which may hold markup.
"""

from __future__ import annotations

from html import escape

from .loader import display_path
from .preview import BrokenFile, PreviewBank

ANCHOR_PREFIX = "quiz-problems-"


def anchor(module_id: str) -> str:
    """The id of a module's problems box on its own quiz page (the banner links to it)."""
    return ANCHOR_PREFIX + "".join(c if c.isalnum() or c in "-_" else "-" for c in module_id)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _item(problem) -> str:
    at = f"{problem.path}:{problem.line}:{problem.column}"
    where = f' <span class="aw-problem-where">{escape(problem.where)}</span>:' if problem.where else ""
    return f'<li><code class="aw-problem-at">{escape(at)}</code>{where} {escape(problem.message)}</li>'


def _box(title: str, files: list[BrokenFile], box_id: str | None) -> str:
    id_attr = f' id="{escape(box_id)}"' if box_id else ""
    lists = []
    for f in files:
        if len(files) > 1:
            lists.append(f"<p><code>{escape(f.path)}</code>: {_plural(len(f.problems), 'problem')}</p>")
        lists.append('<ul class="aw-problem-list">\n' + "\n".join(_item(p) for p in f.problems) + "\n</ul>")
    return "\n".join(
        [
            f'<div class="admonition failure aw-quiz-problems" role="alert"{id_attr}>',
            f'<p class="admonition-title">{title}</p>',
            "<p>Fix the file and save it: this page reloads by itself and shows the quiz again. "
            "Each problem gives the file, line and column, then what was expected there. "
            "(You see this only while previewing with <code>make serve</code>; <code>make build</code> "
            "stops on these problems.)</p>",
            *lists,
            "</div>",
        ]
    )


def module_problems(broken: BrokenFile) -> str:
    """In place of a whole module (its quiz page, or a ``module:`` fence)."""
    title = (
        f"This quiz cannot be shown: <code>{escape(broken.path)}</code> has {_plural(len(broken.problems), 'problem')}"
    )
    return _box(title, [broken], anchor(broken.module_id))


def question_problems(question_id: str, files: list[BrokenFile]) -> str:
    """In place of one question (a ``question:`` fence) whose file may be one of ``files``."""
    if len(files) == 1 and not files[0].ids_unknown:
        title = (
            f"Question <code>{escape(question_id)}</code> cannot be shown: "
            f"<code>{escape(files[0].path)}</code> has {_plural(len(files[0].problems), 'problem')}"
        )
    else:
        names = ", ".join(f"<code>{escape(f.path)}</code>" for f in files)
        title = (
            f"Question <code>{escape(question_id)}</code> cannot be shown: it is in no valid quiz file, "
            f"and it may be in one of these, which have problems: {names}"
        )
    return _box(title, files, None)


def banner_context(preview: PreviewBank, page_urls: dict[str, str], unlisted: list[str]) -> dict:
    """What the banner on every page lists (docs/overrides/partials/quiz-problems-banner.html):
    each file with problems, how many, and the URL + anchor of its problems on its quiz page; and
    each module whose page is not in the nav yet, with the nav entry to add. Empty: no banner."""
    problems = [
        {"path": f.path, "count": len(f.problems), "url": page_urls.get(module_id, ""), "anchor": anchor(module_id)}
        for module_id, f in preview.broken.items()
    ]
    not_in_nav = [
        {
            "path": preview.broken[module_id].path
            if module_id in preview.broken
            else display_path(preview.bank.paths[module_id]),
            "url": page_urls.get(module_id, ""),
            "nav_entry": f"quizzes/{module_id}.md",
        }
        for module_id in unlisted
    ]
    return {"quiz_problems": problems, "quiz_unlisted": not_in_nav}
