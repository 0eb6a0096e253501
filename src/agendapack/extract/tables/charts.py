"""Charts that line up like tables: told apart so that their labels are not read as a table of data.

Two shapes reach the table finder:

- a chart drawn as vectors and text: its axis labels and data labels align in rows and
  columns. Its tell is the axis: four or more figures on one line (or down one column),
  evenly spaced and counting in equal steps ("(20,000)  -  20,000  40,000  60,000"), which
  no row of a table of data does; bars (filled boxes sharing a baseline) back it up.
- a panel: a ruled box around a picture of a chart, with a title row and a row of
  headline figures ("Latest: 97% | Target: 97%, Floor: 90% | Previous: 97% (Green)").
  Its tell is a row with no text at all that takes much of the box's height: the picture.

Such a table is kept, cell by cell, as kind `chart` with an issue naming its page, and no
reader turns it into budget lines or tracker rows.
"""

from __future__ import annotations

import itertools
import re
import statistics
from decimal import Decimal

from agendapack.extract.tables.grid import Method, RawCell, RawTable
from agendapack.extract.tables.values import parse_amount

_MIN_TICKS = 4
_YEAR = re.compile(r"^(19|20)\d\d$")
_EVEN = 0.15  # spacing of ticks may vary by this share of the mean
_PICTURE_SHARE = 0.4  # an empty row taking this share of a panel's height is its picture
_PICTURE_ROWS = 3.0  # ... and this many times the height of a row of text
_PANEL_ROWS = 6  # a panel is a small box: a title, the picture, a row or two of headline figures


def chart_reason(table: RawTable) -> str | None:
    """Why a found table is a chart, or None when it reads as a table of data."""
    if table.method is Method.RAW:
        return None
    rows: dict[int, list[RawCell]] = {}
    cols: dict[int, list[RawCell]] = {}
    for cell in table.cells:
        if cell.text and "\n" not in cell.text and _figure_like(cell.text):
            rows.setdefault(cell.row, []).append(cell)
            if cell.col_span == 1:
                cols.setdefault(cell.col, []).append(cell)
    for cells in rows.values():
        words = sorted((w for c in cells for w in c.words), key=lambda w: w.x0)  # a cell may hold two ticks run together
        if len(words) >= _MIN_TICKS and _axis([w.cx for w in words], [w.text for w in words], _MIN_TICKS):
            return "a row of axis labels (figures evenly spaced, counting in equal steps)"
    for cells in cols.values():
        cells.sort(key=lambda c: c.box[1])
        if len(cells) > _MIN_TICKS and _axis([(c.box[1] + c.box[3]) / 2 for c in cells], [c.text for c in cells], _MIN_TICKS + 1):
            return "a column of axis labels (figures evenly spaced, counting in equal steps)"
    if table.method is Method.RULED and table.n_rows <= _PANEL_ROWS and _picture_row(table):
        return "a ruled panel whose largest part holds no text (a picture of a chart)"
    return None


def _figure_like(text: str) -> bool:
    first = text.lstrip("(£$€+-–−")[:1]
    return first.isdigit() or text.strip() in ("-", "–", "—")


def _axis(positions: list[float], texts: list[str], ticks: int) -> bool:
    values: list[tuple[float, Decimal]] = []
    for at, text in zip(positions, texts, strict=True):
        amount = parse_amount(text)
        if amount is None or (amount.value is not None and _YEAR.match(text.strip())):
            values = []  # ticks run unbroken; years across a header are periods, not ticks
            continue
        values.append((at, amount.value if amount.value is not None else Decimal(0)))
        if len(values) >= ticks and _even_steps(values[-ticks:]):
            return True
    return False


def _even_steps(values: list[tuple[float, Decimal]]) -> bool:
    steps = [b[1] - a[1] for a, b in itertools.pairwise(values)]
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(values)]
    if abs(steps[0]) in (0, 1) or any(step != steps[0] for step in steps) or any(g <= 0 for g in gaps):
        return False  # no step, or counting 1, 2, 3: column numbers, not an axis
    mean = statistics.fmean(gaps)
    return max(abs(g - mean) for g in gaps) <= _EVEN * mean


def _picture_row(table: RawTable) -> bool:
    rows: dict[int, list[RawCell]] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.row_span):
            rows.setdefault(r, []).append(cell)
    height = table.box[3] - table.box[1]
    text_heights = [_line_height(c) for c in table.cells if c.text and c.row_span == 1]
    if not text_heights or height <= 0:
        return False
    usual = statistics.median(text_heights)
    for cells in rows.values():
        if any(c.text for c in cells):
            continue
        top = max(c.box[1] for c in cells if c.row_span == 1) if any(c.row_span == 1 for c in cells) else min(c.box[1] for c in cells)
        bottom = min(c.box[3] for c in cells if c.row_span == 1) if any(c.row_span == 1 for c in cells) else max(c.box[3] for c in cells)
        tall = bottom - top
        if tall >= _PICTURE_SHARE * height and tall >= _PICTURE_ROWS * usual:
            return True
    return False


def _line_height(cell: RawCell) -> float:
    return (cell.box[3] - cell.box[1]) / (cell.text.count("\n") + 1)
