"""The class report options of ``python -m scripts.results`` (issue 18): ``--report report.html``,
``--stats stats.json`` and ``--stats-csv stats.csv``, made by the same Python as the lecturers'
page (widgets/quiz/report_actions.py, item_analysis.py, item_report.py).

Links from the HTML file to each question and its answer-key entry point at the published site
(``--site-url``; by default $SITE_URL, else the ``site_url`` default in mkdocs.yml).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
from html import escape
from pathlib import Path
from typing import Any

from scripts.wheel import ROOT
from widgets.quiz.item_analysis import ModuleReport
from widgets.quiz.item_report import Links, reports_html
from widgets.quiz.report_actions import class_reports

STATS_COLUMNS = (
    "module",
    "version",
    "number",
    "question",
    "type",
    "objective",
    "n",
    "facility",
    "sd",
    "random_guess",
    "discrimination",
    "discriminative_efficiency",
    "upper_lower",
    "flags",
)
#: a spreadsheet runs a cell that starts with one of these (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report</title>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.45; max-width: 64rem; margin: 1rem auto; padding: 0 1rem; }}
table {{ border-collapse: collapse; margin: .5em 0 1em; }}
th, td {{ border: 1px solid #888; padding: .2em .5em; text-align: left; vertical-align: top; }}
caption {{ text-align: left; font-weight: 600; padding: .2em 0; }}
.aw-lk-table {{ overflow-x: auto; }}
.aw-report-histogram {{ width: 100%; max-width: 32rem; height: auto; }}
.aw-report-histogram rect {{ fill: #3949ab; }} .aw-report-histogram line {{ stroke: #000; }}
.aw-report-histogram text {{ font-size: 10px; }}
.aw-report-flags li {{ color: #b71c1c; }}
.aw-report-warning {{ border-left: .25rem solid #8a4b00; background: #f5f7f7; padding: .4em .8em; }}
</style>
</head>
<body>
<main>
<h1>Class report</h1>
<p>{summary} What each figure means: <a href="{definitions}">Reading the class report</a>.</p>
{reports}
</main>
</body>
</html>
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--report", type=Path, help="write the class report (item analysis) to this HTML file")
    parser.add_argument("--stats", type=Path, help="write the class report's figures to this JSON file")
    parser.add_argument("--stats-csv", type=Path, help="write one row of figures per question to this CSV file")
    parser.add_argument(
        "--site-url",
        default=None,
        help="the published site, for links to questions and answer keys (default: $SITE_URL or mkdocs.yml's site_url)",
    )


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.report or args.stats or args.stats_csv)


def default_site_url() -> str:
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"]
    found = re.search(r'^site_url:.*?"([^"]+)"', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else "http://127.0.0.1:8000/"


def _cell(value: Any) -> str:
    """A figure as a number (a negative one stays a number); text that a spreadsheet would run as a
    formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return f"{value:.4f}" if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def stats_csv(reports: list[ModuleReport]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STATS_COLUMNS)
    for r in reports:
        for q in r.questions:
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        r.module_id,
                        r.version,
                        q.number,
                        q.id,
                        q.type,
                        q.objective,
                        q.n,
                        q.facility,
                        q.sd,
                        q.random_guess,
                        q.discrimination,
                        q.efficiency,
                        q.upper_lower,
                        "; ".join(q.flags),
                    )
                ]
            )
    return out.getvalue()


def page(reports: list[ModuleReport], site_url: str) -> str:
    attempts = sum(r.test.attempts for r in reports)
    summary = (
        f"{attempts} attempt{'' if attempts == 1 else 's'} in {len(reports)} "
        f"report{'' if len(reports) == 1 else 's'} (one per module and version)."
    )
    definitions = site_url.rstrip("/") + "/lecturers/#class-report"
    return PAGE.format(
        summary=escape(summary),
        definitions=escape(definitions, quote=True),
        reports=reports_html(reports, level=2, links=Links.for_site(site_url)),
    )


def write_outputs(rows: list[dict[str, Any]], modules: Any, args: argparse.Namespace) -> list[str]:
    """Write the files asked for from the valid codes of ``rows``; the messages to print."""
    reports, _ = class_reports([r["code"] for r in rows if r["valid"]], modules)
    done = []
    if args.report:
        args.report.write_text(page(reports, args.site_url or default_site_url()), encoding="utf-8")
        done.append(f"wrote the class report to {args.report}")
    if args.stats:
        data = {"reports": [r.to_json() for r in reports]}
        args.stats.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        done.append(f"wrote the class report's figures to {args.stats}")
    if args.stats_csv:
        args.stats_csv.write_text(stats_csv(reports), encoding="utf-8", newline="")
        done.append(f"wrote one row per question to {args.stats_csv}")
    return done
