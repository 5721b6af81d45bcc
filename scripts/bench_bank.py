"""A generated quiz bank for `make bench`: a copy of the project with 1,000 extra questions."""

from __future__ import annotations

from pathlib import Path

from scripts.project_copy import copy_project

TYPES = ("single", "multiple", "true_false", "matching", "ordering", "short_answer")


def _question(module: str, n: int) -> str:
    kind = TYPES[n % len(TYPES)]
    head = f"""  - id: {module}-q{n}
    type: {kind}
    objective: {module}-o{n % 2}
    difficulty: medium
    source: ruptures#withdrawal-ruptures
    text: Generated question {n} about *withdrawal* ruptures in module {module}?
    explanation: Generated explanation {n}.
    hints: [A first hint., A second hint.]
"""
    body = {
        "single": "    options:\n"
        + "".join(
            f"      - text: Option {i} of {n}\n        feedback: Feedback {i}.\n"
            + ("        correct: true\n" if i == 1 else "")
            for i in range(4)
        ),
        "multiple": "    options:\n"
        + "".join(
            f"      - text: Choice {i} of {n}\n        feedback: Feedback {i}.\n"
            + ("        correct: true\n" if i < 2 else "")
            for i in range(5)
        ),
        "true_false": "    answer: true\n    feedback_true: Yes.\n    feedback_false: No.\n",
        "matching": "    pairs:\n"
        + "".join(f"      - left: Left {i} of {n}\n        right: Right {i}\n" for i in range(4)),
        "ordering": "    items:\n" + "".join(f"      - Step {i} of {n}\n" for i in range(5)),
        "short_answer": "    accept: [metacommunication, meta-communication]\n    feedback_wrong: Not that word.\n",
    }[kind]
    return head + body


def write_generated_bank(target: Path, questions: int = 1000, per_module: int = 100) -> int:
    """Copy the project to ``target`` and add ``questions`` generated questions. Returns the count."""
    copy_project(target)
    config = target / "mkdocs.yml"
    config.write_text(config.read_text().replace("omitted_files: warn", "omitted_files: info"))
    for m in range(questions // per_module):
        module = f"generated-{m}"
        text = (
            f"id: {module}\ntitle: Generated module {m}\nlessons: [ruptures]\nminutes: 30\nobjectives:\n"
            f"  - id: {module}-o0\n    text: First generated objective.\n"
            f"  - id: {module}-o1\n    text: Second generated objective.\nquestions:\n"
            + "".join(_question(module, n) for n in range(per_module))
        )
        (target / "quizzes" / f"{module}.yml").write_text(text)
    return questions
