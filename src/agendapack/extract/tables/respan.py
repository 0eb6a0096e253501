"""Ruled cells that run several columns' text together, split where the text lines up with the columns.

A ruled table sometimes lacks the rulings of one row only: a shaded TOTAL row drawn as one
band ("TOTAL BASE BUDGET CHANGES  10,289.7  -100.0  4,000.0" in a cell spanning ten
columns), or a header row whose last few labels share one box ("2026-27 2027-28 Service
Area"). The columns are known from the other rows' rulings, so the text is split along
them when it plainly belongs to them:

- in a body row of figures, when the segments of the cell (runs of words split by a gap,
  or two figures side by side) fall in different columns: each inside one column, except
  that a label may run on over columns no other segment falls in;
- in the last header row (nothing below it labels these columns), when no word crosses a
  column line and the words change column only across a gap: a true group label sits over
  sub-labels of its own in a header row below, so it is never split.
"""

from __future__ import annotations

import bisect
import itertools

from agendapack.extract.tables.grid import RawCell, RawTable, group_lines, text_of
from agendapack.extract.tables.primitives import Word
from agendapack.extract.tables.segments import text_lines

_TOLERANCE = 2.0


def split_run_together_cells(table: RawTable) -> None:
    edges = table.col_edges
    if len(edges) != table.n_cols + 1:
        return
    labelled_below = _labelled_columns_below(table)
    out: list[RawCell] = []
    for cell in table.cells:
        pieces = None
        if cell.col_span > 1 and cell.words:
            if cell.row >= table.header_rows:
                pieces = _by_segments(cell, edges)
            elif not (labelled_below.get(cell.row, set()) & set(range(cell.col, cell.col + cell.col_span))):
                pieces = _by_words(cell, edges)
        if pieces is None:
            out.append(cell)
            continue
        taken: set[int] = set()
        for (first, last), words in sorted(pieces.items()):
            box = (edges[first], cell.box[1], edges[last + 1], cell.box[3])
            out.append(RawCell(cell.row, first, cell.row_span, last - first + 1, box, words, text_of(words), cell.header, cell.shaded))
            taken.update(range(first, last + 1))
        for col in range(cell.col, cell.col + cell.col_span):
            if col not in taken:
                out.append(
                    RawCell(cell.row, col, cell.row_span, 1, (edges[col], cell.box[1], edges[col + 1], cell.box[3]), header=cell.header, shaded=cell.shaded)
                )
    out.sort(key=lambda c: (c.row, c.col))
    table.cells[:] = out


def _labelled_columns_below(table: RawTable) -> dict[int, set[int]]:
    """Per header row, the columns that a header cell in a lower header row labels."""
    below: dict[int, set[int]] = {}
    for row in range(table.header_rows):
        cols: set[int] = set()
        for cell in table.cells:
            if cell.row > row and cell.row < table.header_rows and cell.text:
                cols.update(range(cell.col, cell.col + cell.col_span))
        below[row] = cols
    return below


def _column_inside(x0: float, x1: float, edges: list[float]) -> int | None:
    k = bisect.bisect_right(edges, (x0 + x1) / 2) - 1
    if 0 <= k < len(edges) - 1 and x0 >= edges[k] - _TOLERANCE and x1 <= edges[k + 1] + _TOLERANCE:
        return k
    return None


def _columns_over(x0: float, x1: float, edges: list[float]) -> tuple[int, int]:
    first = max(bisect.bisect_right(edges, x0 + _TOLERANCE) - 1, 0)
    last = min(bisect.bisect_left(edges, x1 - _TOLERANCE) - 1, len(edges) - 2)
    return first, max(first, last)


Pieces = dict[tuple[int, int], list[Word]]


def _by_segments(cell: RawCell, edges: list[float]) -> Pieces | None:
    found: list[tuple[int, int, list[Word], bool]] = []  # first, last column, words, whether it is text
    lines = text_lines(cell.words)
    if all(len(line.segments) < 2 for line in lines):
        return None  # several columns' text runs together on one line, or this is one cell's text
    for line in lines:
        for segment in line.segments:
            col = _column_inside(segment.x0, segment.x1, edges)
            if col is not None:
                found.append((col, col, segment.words, not segment.numeric))
            elif not segment.numeric:
                first, last = _columns_over(segment.x0, segment.x1, edges)
                found.append((first, last, segment.words, True))
            else:
                return None
    if not any(not is_text for _, _, _, is_text in found):
        return None  # a note across the table ("Source: ...  12/14/15"), not a row of figures run together
    return _disjoint(found)


def _disjoint(found: list[tuple[int, int, list[Word], bool]]) -> Pieces | None:
    """Pieces by column span when no two share a column; single-column pieces may share (lines of one cell)."""
    pieces: Pieces = {}
    for first, last, words, _ in found:
        pieces.setdefault((first, last), []).extend(words)
    spans = sorted(pieces)
    if len(spans) < 2 or any(b[0] <= a[1] for a, b in itertools.pairwise(spans)):
        return None
    return pieces


def _by_words(cell: RawCell, edges: list[float]) -> Pieces | None:
    pieces: Pieces = {}
    for line in group_lines(cell.words):
        previous: tuple[Word, int] | None = None
        for word in line:
            col = _column_inside(word.x0, word.x1, edges)
            if col is None:
                return None
            if (
                previous is not None
                and col != previous[1]
                and not (previous[0].x1 <= edges[previous[1] + 1] + _TOLERANCE and word.x0 >= edges[col] - _TOLERANCE)
            ):
                return None
            pieces.setdefault((col, col), []).append(word)
            previous = (word, col)
    return pieces if len(pieces) >= 2 else None
