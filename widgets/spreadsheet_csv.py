"""CSV the course writes for spreadsheets: the one place that makes a cell safe to open.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can run as a
formula in Excel, LibreOffice or Google Sheets (OWASP "CSV injection"), for example
``=HYPERLINK("http://evil.example")`` pasted by a student as a "name". As OWASP advises, such a
cell is written with a leading ``'``, which spreadsheets show as text. Numbers the course itself
computes (scores, line numbers) are written as numbers. Quoting of commas, quotes and line
breaks is left to the ``csv`` module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

#: what a cell must not start with to be opened safely in a spreadsheet
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """The text of one cell: empty for ``None``, numbers as they are, any other text with a
    leading ``'`` when it starts with a formula character."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], *, lineterminator: str = "\n") -> str:
    """A whole CSV document, every cell through ``safe_cell``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return out.getvalue()
