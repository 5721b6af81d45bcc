"""`make bench` rows (h): a class report of 1,000 results codes on an 11-question module.

(h) in Pyodide under Node: the report's own time. (h') on the lecturers' page in Chromium: from
pressing "Grade codes" to the report shown, and the longest main-thread task meanwhile (the page's
``longtask`` entries), after the grader's table and in all.

A made-up class (``class_codes``: each student has an ability, and answers each question right
with that probability, else picks a random answer) is encoded on CPython; Node then runs the
"analysis" widget's ``class_report`` inside the npm ``pyodide`` package, through the worker's
JSON entry point (scripts/bench_report.mjs): decoding, scoring, analysis and the HTML string.
"""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from scripts.wheel import ROOT, build_wheel
from widgets.quiz.codes import encode_attempt
from widgets.quiz.layout import select_questions
from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
)

MODULE = "repairing-ruptures"  # 11 questions of every type


def _answer(q: Question, right: bool, rng: random.Random) -> Any:
    if isinstance(q, SingleChoice):
        keys = [i for i, o in enumerate(q.options) if o.correct == right] or range(len(q.options))
        return str(rng.choice(list(keys)))
    if isinstance(q, TrueFalse):
        return "true" if q.answer == right else "false"
    if isinstance(q, MultipleChoice):
        if right:
            return [str(i) for i, o in enumerate(q.options) if o.correct]
        return [str(i) for i in range(len(q.options)) if rng.random() < 0.4] or None
    if isinstance(q, Matching):
        choices = matching_choices(q)
        return {
            str(i): str(choices.index(p.right) if right else rng.randrange(len(choices))) for i, p in enumerate(q.pairs)
        }
    if isinstance(q, Ordering):
        order = list(range(len(q.items)))
        if not right:
            rng.shuffle(order)
        return order
    if isinstance(q, ShortAnswer):
        return q.accept[0] if right else rng.choice(["not sure", "rupture", ""])
    raise TypeError(q.type)


def class_codes(module: Module, count: int, seed: str = "week-5", rng_seed: int = 18) -> list[str]:
    """``count`` codes of one assignment (``seed``), from students of varied ability."""
    rng = random.Random(rng_seed)
    layouts = select_questions(module, None, seed)
    codes = []
    for _ in range(count):
        ability = rng.uniform(0.2, 0.95)
        responses = {
            lay.question_id: _answer(module.question(lay.question_id), rng.random() < ability, rng) for lay in layouts
        }
        codes.append(encode_attempt(module, seed, None, responses))
    return codes


def report_rows(count: int = 1000, runs: int = 5) -> list[tuple[str, str]]:
    from scripts.quizzes import load_bank

    module = load_bank().modules[MODULE]
    codes = class_codes(module, count)
    wheel = build_wheel()
    with tempfile.TemporaryDirectory() as tmp:
        wheel_path = Path(tmp) / wheel.filename
        wheel_path.write_bytes(wheel.data)
        payload = Path(tmp) / "payload.json"
        payload.write_text(json.dumps({"codes": codes, "modules": {module.id: module.to_json()}}))
        done = subprocess.run(
            ["node", "scripts/bench_report.mjs", str(wheel_path), str(payload), str(runs)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
    if done.returncode:
        return [("(i) class report in Pyodide", f"failed: {done.stderr.strip()[-300:]}")]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        (
            f"(i) class report of {count:,} codes, {len(module.questions)}-question module, Pyodide under Node",
            f"{figures['median_ms']:,.0f} ms median of {figures['runs']} (first {figures['first_ms']:,.0f} ms; "
            f"decoding and scoring {figures['decode_ms']:,.0f} ms, analysis and "
            f"{figures['html_chars'] / 1000:,.0f} kB of HTML {figures['analyse_ms']:,.0f} ms)",
        )
    ]


LONG_TASKS_JS = """() => {
  window.__awLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__awLongTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask" });
  const content = document.querySelector(".aw-lk-grader").parentElement;
  new MutationObserver(() => {
    if (content.querySelector(".aw-grader-results table")) window.__awTableAt ??= performance.now();
    if (content.querySelector(".aw-class-report .aw-report")) window.__awReportAt ??= performance.now();
  }).observe(content, { childList: true, subtree: true });
}"""


def page_rows(count: int = 1000) -> list[tuple[str, str]]:
    """Grade and report ``count`` codes on the built lecturers' page in Chromium (own build)."""
    from playwright.sync_api import sync_playwright

    from scripts.bench import CHROMIUM_ARGS, build, chromium
    from scripts.quizzes import load_bank
    from scripts.static_server import SiteServer, free_port

    codes = class_codes(load_bank().modules[MODULE], count)
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        build(f"http://127.0.0.1:{port}/", Path(tmp) / "site")
        server = SiteServer(Path(tmp) / "site", "/", port).start()
        pw = sync_playwright().start()
        try:
            browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url + "lecturers/")
            page.wait_for_function("() => window.__alliance?.python?.info", timeout=120000)
            page.fill("#aw-grader-text", "\n".join(codes))
            page.evaluate(LONG_TASKS_JS)
            started = page.evaluate(
                "() => { window.__awStart = performance.now(); "
                "document.querySelector('.aw-grade').click(); return window.__awStart; }"
            )
            page.wait_for_function("() => window.__awReportAt", timeout=300000, polling=100)
            page.wait_for_timeout(300)
            table_at, report_at, tasks = page.evaluate(
                "[window.__awTableAt, window.__awReportAt, window.__awLongTasks]"
            )
            browser.close()
        finally:
            pw.stop()
            server.stop()
    longest = max((d for _, d in tasks), default=0.0)
    # the report's part: the task that inserts it, and any that end after it appeared
    report_part = max((d for t, d in tasks if t + d > report_at), default=0.0)
    return [
        (
            f"(i') lecturers' page, {count:,} codes pasted: grade to report shown (Chromium)",
            f"{report_at - started:,.0f} ms (report {report_at - table_at:,.0f} ms after the table); longest "
            f"main-thread task {longest:,.0f} ms in all (the grader's table included), {report_part:,.0f} ms "
            "inserting the report",
        )
    ]


if __name__ == "__main__":
    for label, value in report_rows() + page_rows():
        print(f"{label}: {value}")
