"""One page per quiz module, at the stable URL ``/quizzes/<module-id>/``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any, Iterator


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    markdown: str


def module_page(module: Any) -> GeneratedPage:
    lessons = ", ".join(f"[{slug.replace('-', ' ')}](../lessons/{slug}.md)" for slug in module.lessons)
    markdown = f"""---
title: "Quiz: {module.title}"
---

# Quiz: {module.title}

Practise the ideas of {lessons}. Answer each question and press **Check answer** for feedback
and a link back to the part of the lesson that teaches it, or answer them all and press
**See my results**. Your answers are kept only in this browser.

Want a test run? [Take it in exam mode](?mode=exam): no feedback until you submit.

```quiz
module: {module.id}
```
"""
    return GeneratedPage(f"quizzes/{module.id}.md", markdown)


def module_pages(bank: Any) -> Iterator[GeneratedPage]:
    for module in bank.modules.values():
        yield module_page(module)


def problem_page(module_id: str, path: str) -> GeneratedPage:
    """Under ``mkdocs serve``, the page of a module whose file has problems: the quiz fence shows
    them (``scripts.quizzes.problems_html``), so the lecturer's open tab and its link keep working."""
    title = json.dumps(f"Quiz: {module_id} (problems in {path})")  # a JSON string is a YAML string
    markdown = f"""---
title: {title}
---

# Quiz: {escape(module_id)}

```quiz
module: {module_id}
```
"""
    return GeneratedPage(f"quizzes/{module_id}.md", markdown)

