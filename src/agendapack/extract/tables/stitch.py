"""Tables continued over a page break, stitched into one.

The last table on a page and the first on the next page are one table when nothing
but page furniture separates them (no heading above the second, other than a repeat of
the first one's caption), they have the same number of columns, and their columns
stand at the same places. A header repeated at the top of the continuation is left out
of the stitched grid (it is counted, and it says nothing the first header does not).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from agendapack.extract.tables.grid import RawTable

_COLUMN_TOLERANCE = 6.0


@dataclass
class Stitched:
    """One table: its parts in page order, and the header rows left out of each continuation."""

    parts: list[RawTable]
    dropped_header_rows: list[int] = field(default_factory=list)

    @property
    def first(self) -> RawTable:
        return self.parts[0]


def stitch(tables: Iterable[RawTable]) -> Iterator[Stitched]:
    """Tables in page order, continuations joined to the table they continue.

    A stream: a table is given out once no later page can continue it (after the next page's first
    table), so a pack's raw tables, with all their words, are never held at once.
    """
    pending: list[Stitched] = []
    open_table: Stitched | None = None
    for _, grouped in groupby(tables, key=lambda table: table.page):
        page_tables = list(grouped)
        for k, table in enumerate(page_tables):
            if k == 0 and open_table is not None and continues(open_table.parts[-1], table, open_table.first):
                open_table.parts.append(table)
                open_table.dropped_header_rows.append(repeated_header_rows(open_table.first, table))
            else:
                pending.append(Stitched([table], [0]))
        last = pending[-1]
        open_table = last if last.parts[-1] is page_tables[-1] else None
        done = len(pending) - 1 if open_table is not None else len(pending)  # only this page's last table can go on
        yield from pending[:done]
        del pending[:done]
    yield from pending


def continues(previous: RawTable, table: RawTable, first: RawTable) -> bool:
    if table.page != previous.page + 1 or table.frame.orientation != previous.frame.orientation:
        return False
    if table.n_cols != previous.n_cols or table.method == "raw" or previous.method == "raw" or table.chart or previous.chart:
        return False
    if any(line not in first.context for line in table.context):
        return False  # a heading between the two (other than a repeat of the first one's caption): a new table
    return same_columns(previous, table)


def same_columns(a: RawTable, b: RawTable) -> bool:
    """Columns at the same places: for each column both tables fill, its text starts or ends at the same x (left- or right-aligned)."""
    ext_a, ext_b = column_extents(a), column_extents(b)
    shared = set(ext_a) & set(ext_b)
    if len(shared) < max(2, a.n_cols - 1):
        return False
    return all(abs(ext_a[c][0] - ext_b[c][0]) <= _COLUMN_TOLERANCE or abs(ext_a[c][1] - ext_b[c][1]) <= _COLUMN_TOLERANCE for c in shared)


def column_extents(table: RawTable) -> dict[int, tuple[float, float]]:
    """Where the text of each column starts and ends, from the cells that occupy exactly one column (their box where they hold no words)."""
    out: dict[int, tuple[float, float]] = {}
    for cell in table.cells:
        if cell.col_span != 1 or (table.method != "ruled" and not cell.words):
            continue
        x0, x1 = (min(w.x0 for w in cell.words), max(w.x1 for w in cell.words)) if table.method != "ruled" else (cell.box[0], cell.box[2])
        old = out.get(cell.col)
        out[cell.col] = (min(old[0], x0), max(old[1], x1)) if old else (x0, x1)
    return out


def repeated_header_rows(first: RawTable, table: RawTable) -> int:
    """How many leading rows of a continuation repeat the first part's header word for word."""
    if first.header_rows == 0:
        return 0
    for n in range(first.header_rows, 0, -1):
        if n <= table.n_rows and all(_row_key(first, r) == _row_key(table, r) for r in range(n)):
            return n
    return 0


def _row_key(table: RawTable, row: int) -> tuple[str, ...]:
    return tuple(" ".join(c.text.split()) for c in sorted(table.cells, key=lambda c: c.col) if c.row == row)
