"""Reading the results codes a lecturer pastes or uploads into rows (stdlib only).

- Pasted text (``kind="lines"``): **one line is one row**. Each line is split into cells on its
  own, so a stray quote can never join lines; a line with an unclosed quote is split at the
  delimiter with its quotes dropped.
- A CSV file (``kind="csv"``): read as CSV, so a quoted cell may hold the delimiter. A row that
  runs over several lines (a quote opened and closed lines later, or never) is reported as one
  invalid row naming those lines, never swallowed silently.

In both, a row of one cell is a code alone; in rows of several cells, the column whose cells
look most like codes is the code column (a first row that does
not and has several cells is taken as its header), and a row's other cells become its ``label``. A line longer than
``MAX_LINE_CHARS`` is reported, not parsed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from .codes import InvalidCode, checksum_ok, normalise_code

KINDS = ("lines", "csv")
DELIMITERS = ",;\t"
MAX_LINE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of input: its line number (1-based), the code text, the other cells as a label,
    and ``problem`` when the row could not be read (it is then reported invalid with that reason)."""

    line: int
    code: str
    label: str = ""
    problem: str = ""


def looks_like_code(text: str) -> bool:
    try:
        return len(normalise_code(text)) >= 13
    except InvalidCode:
        return False


def _dialect(text: str) -> Any:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def _split_line(line: str, dialect: Any) -> list[str]:
    """The cells of one line; with an unclosed quote, split plainly and drop the quotes."""
    quote = getattr(dialect, "quotechar", '"') or '"'
    if line.count(quote) % 2 == 0:
        try:
            return next(csv.reader([line], dialect), [])
        except csv.Error:
            pass
    return [cell.replace(quote, "") for cell in line.split(dialect.delimiter)]


_Row = tuple[int, list[str], str]  # line, cells, problem


def _rows_from_lines(text: str) -> list[_Row]:
    lines = text.splitlines()
    dialect = _dialect(text) if any(sep in line for line in lines for sep in DELIMITERS) else None
    rows: list[_Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARS:
            rows.append((number, [], _too_long(len(line))))
        else:
            cells = [line] if dialect is None else _split_line(line, dialect)
            rows.append((number, [c.strip() for c in cells], ""))
    return rows


def _too_long(size: int) -> str:
    return f"this line is {size:,} characters long; a line with a code has at most {MAX_LINE_CHARS:,}"


def _rows_from_csv(text: str) -> list[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    rows: list[_Row] = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            # a cell beyond the csv module's size limit: report what is left, line by line
            rows.append(
                (
                    start,
                    [],
                    "this row cannot be read as CSV (a cell is far too long; is a quote not "
                    "closed?); the rest of the file is read one line a row",
                )
            )
            rest = text.splitlines()[reader.line_num :]
            rows += [(reader.line_num + n, cells, p) for n, cells, p in _rows_from_lines("\n".join(rest))]
            return rows
        end = reader.line_num
        if end > start and any("\n" in c or "\r" in c for c in cells):
            rows.append(
                (
                    start,
                    [],
                    f"a quote opened on line {start} is closed only on line {end} (or never), so "
                    f"lines {start} to {end} were read as one row; fix that quote",
                )
            )
        elif any(c.strip() for c in cells):
            if any(len(c) > MAX_LINE_CHARS for c in cells):
                rows.append((start, [], _too_long(sum(len(c) for c in cells))))
            else:
                rows.append((start, [c.strip() for c in cells], ""))
        start = end + 1
    return rows


def read_entries(text: str, kind: str = "lines") -> list[Entry]:
    """The rows of pasted text (``kind="lines"``) or of a CSV file's text (``kind="csv"``)."""
    if kind not in KINDS:
        raise ValueError(f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    rows = _rows_from_csv(text) if kind == "csv" else _rows_from_lines(text)
    readable = [(line, cells) for line, cells, problem in rows if not problem]
    if len(rows) > 1 and readable and len(readable[0][1]) > 1 and not any(map(looks_like_code, readable[0][1])):
        header = readable.pop(0)[0]
        rows = [row for row in rows if row[0] != header]
    width = max((len(cells) for _, cells in readable), default=0)

    def score(col: int) -> tuple[int, int]:
        column = [cells[col] for _, cells in readable if col < len(cells) and len(cells) > 1]
        return sum(checksum_ok(c) for c in column), sum(looks_like_code(c) for c in column)

    scores = {col: score(col) for col in range(width)} if width > 1 else {}
    column = max(scores, key=lambda c: (scores[c], -c)) if scores else 0
    no_code = not scores or scores[column] == (0, 0)
    out = []
    for line, cells, problem in rows:
        if len(cells) <= 1:  # a line with one cell is a code alone
            out.append(Entry(line, cells[0] if cells else "", "", problem))
        elif no_code:
            out.append(Entry(line, "", ", ".join(c for c in cells if c), problem))
        else:
            code = cells[column] if column < len(cells) else ""
            label = ", ".join(c for i, c in enumerate(cells) if i != column and c)
            out.append(Entry(line, code, label, problem))
    return out
