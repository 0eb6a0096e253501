"""Two-level headers in unruled tables: a group label over the columns it heads.

In a header such as

        TOTAL            ASCH     CYPE
    Core External Total  Core  Core External Total

the group labels sit over one column each as far as alignment can tell. A label
printed on a shaded band takes the columns its band covers; an unshaded label
centred over empty neighbours takes them symmetrically, as long as the row below
has labels there and no other band claims them.
"""

from __future__ import annotations

from agendapack.extract.tables.grid import RawCell, RawTable
from agendapack.extract.tables.primitives import Box


def widen_group_labels(table: RawTable, edges: list[float], fills: list[Box]) -> None:
    if table.header_rows < 2:
        return
    centres = [(edges[k] + edges[k + 1]) / 2 for k in range(len(edges) - 1)]
    by_row: dict[int, dict[int, RawCell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, {})[cell.col] = cell
    for row in range(table.header_rows - 1):
        cells = by_row.get(row, {})
        below = _labelled_below(by_row, row, table.header_rows)
        for cell in sorted(cells.values(), key=lambda c: c.col):
            if not cell.text or cell.col_span > 1:
                continue
            band = _band_columns(cell, fills, centres)
            wanted = band if band else _symmetric(cell.col, cells, below, centres, fills, cell.box)
            if len(wanted) > 1 and all(k == cell.col or k not in cells or not cells[k].text for k in wanted) and all(k in below for k in wanted):
                _respan(table, cell, min(wanted), max(wanted), cells, edges)


def _labelled_below(by_row: dict[int, dict[int, RawCell]], row: int, header_rows: int) -> set[int]:
    """Columns that carry a label in some header row below `row`."""
    out: set[int] = set()
    for r in range(row + 1, header_rows):
        for col, cell in by_row.get(r, {}).items():
            if cell.text:
                out.update(range(col, col + cell.col_span))
    return out


def _band_columns(cell: RawCell, fills: list[Box], centres: list[float]) -> list[int]:
    """Columns covered by the shaded band the label is printed on, if any."""
    x = (cell.box[0] + cell.box[2]) / 2 if not cell.words else (min(w.x0 for w in cell.words) + max(w.x1 for w in cell.words)) / 2
    y = (cell.box[1] + cell.box[3]) / 2
    for x0, top, x1, bottom in fills:
        if x0 <= x <= x1 and top <= y <= bottom:
            middle, third = (x0 + x1) / 2, (x1 - x0) / 6
            if abs(x - middle) > third:
                return []  # a label off-centre on a band shading the whole header heads its own column
            return [k for k, c in enumerate(centres) if x0 <= c <= x1]
    return []


def _symmetric(col: int, cells: dict[int, RawCell], below: set[int], centres: list[float], fills: list[Box], box: Box) -> list[int]:
    """Empty neighbours on both sides, one pair at a time, none of them under a shaded band."""
    y = (box[1] + box[3]) / 2
    banded = {k for k, c in enumerate(centres) if any(x0 <= c <= x1 and top <= y <= bottom for x0, top, x1, bottom in fills)}
    lo = hi = col
    while True:
        left, right = lo - 1, hi + 1
        if left < 0 or right >= len(centres):
            break
        free = all(k not in banded and k in below and (k not in cells or not cells[k].text) for k in (left, right))
        if not free:
            break
        lo, hi = left, right
    return list(range(lo, hi + 1))


def _respan(table: RawTable, cell: RawCell, first: int, last: int, row_cells: dict[int, RawCell], edges: list[float]) -> None:
    for k in range(first, last + 1):
        other = row_cells.get(k)
        if other is not None and other is not cell and other in table.cells:
            table.cells.remove(other)
            del row_cells[k]
    row_cells.pop(cell.col, None)
    cell.col, cell.col_span = first, last - first + 1
    cell.box = (edges[first], cell.box[1], edges[last + 1], cell.box[3])
    row_cells[first] = cell
