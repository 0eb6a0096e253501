"""Two-level headers in unruled tables: a group label over the columns it heads.

In a header such as

        TOTAL            ASCH     CYPE
    Core External Total  Core  Core External Total

the group labels sit over one column each as far as alignment can tell. A label
between two vertical rulings takes the columns between them; a label printed on a
shaded band takes the columns its band covers; an unshaded label centred over empty
neighbours takes them symmetrically, as long as the row below has labels there and
no other label already holds them.
"""

from __future__ import annotations

from agendapack.extract.tables.grid import RawCell, RawTable
from agendapack.extract.tables.primitives import Box
from agendapack.extract.tables.segments import NO_CUTS, Cuts


def widen_group_labels(table: RawTable, edges: list[float], fills: list[Box], cuts: Cuts = NO_CUTS) -> None:
    if table.header_rows < 2:
        return
    centres = [(edges[k] + edges[k + 1]) / 2 for k in range(len(edges) - 1)]
    by_row: dict[int, dict[int, RawCell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, {})[cell.col] = cell
    for row in range(table.header_rows - 1):
        cells = by_row.get(row, {})
        below = _labelled_below(by_row, row, table.header_rows)
        ruled = {id(c): cols for c in cells.values() if c.text and (cols := _ruled_columns(c, cuts, centres))}
        for cell in list(cells.values()):
            if id(cell) in ruled and cell.col_span > 1:
                _narrow_to_centre(cell, cells, centres, edges)  # rulings decide: start again from where the label stands
        claimed = {id(c): cols for c in cells.values() if c.text and (cols := ruled.get(id(c)) or _band_columns(c, fills, centres))}
        for cell in sorted(cells.values(), key=lambda c: c.col):
            wanted = claimed.get(id(cell), [])
            if cell.text and wanted and (cell.col_span == 1 or id(cell) in ruled):
                _widen(table, cell, wanted, cells, below, edges)
        free = {id(c): c for c in cells.values() if c.text and id(c) not in claimed}
        nearest = _nearest_label({k: c for k, c in cells.items() if id(c) in free}, centres)
        for cell in sorted(free.values(), key=lambda c: c.col):
            if cell.col_span > 1:
                continue
            others = {k for k, owner in nearest.items() if owner is not cell}
            wanted = _symmetric(cell.col, _occupied(cells) | others, below, centres, fills, cell.box)
            _widen(table, cell, wanted, cells, below, edges)


def _widen(table: RawTable, cell: RawCell, wanted: list[int], cells: dict[int, RawCell], below: set[int], edges: list[float]) -> None:
    held = _occupied(cells, besides=cell)
    if len(wanted) > 1 and not (set(wanted) & held) and all(k in below for k in wanted):
        _respan(table, cell, min(wanted), max(wanted), cells, edges)


def _narrow_to_centre(cell: RawCell, cells: dict[int, RawCell], centres: list[float], edges: list[float]) -> None:
    middle = (min(w.x0 for w in cell.words) + max(w.x1 for w in cell.words)) / 2
    col = min(range(len(centres)), key=lambda k: abs(centres[k] - middle))
    if col in cells and cells[col] is not cell:
        return
    cells.pop(cell.col, None)
    cell.col, cell.col_span = col, 1
    cell.box = (edges[col], cell.box[1], edges[col + 1], cell.box[3])
    cells[col] = cell


def _nearest_label(cells: dict[int, RawCell], centres: list[float]) -> dict[int, RawCell | None]:
    """Each column's nearest label of the row (None where two are equally near): a label widens only over its own columns."""
    labels = [(c, (min(w.x0 for w in c.words) + max(w.x1 for w in c.words)) / 2) for c in cells.values() if c.text and c.words]
    out: dict[int, RawCell | None] = {}
    for k, centre in enumerate(centres):
        ranked = sorted(labels, key=lambda item: abs(item[1] - centre))
        if len(ranked) >= 2 and abs(abs(ranked[0][1] - centre) - abs(ranked[1][1] - centre)) < 1.0:
            out[k] = None
        elif ranked:
            out[k] = ranked[0][0]
    return out


def _occupied(cells: dict[int, RawCell], besides: RawCell | None = None) -> set[int]:
    """Columns covered by a labelled cell of the row (other than `besides`)."""
    return {k for c in cells.values() if c.text and c is not besides for k in range(c.col, c.col + c.col_span)}


def _ruled_columns(cell: RawCell, cuts: Cuts, centres: list[float]) -> list[int]:
    """Columns between the nearest vertical rulings either side of the label (or the table's edge on one side)."""
    if not cuts or not cell.words:
        return []
    x0, x1 = min(w.x0 for w in cell.words), max(w.x1 for w in cell.words)
    middle = (cell.box[1] + cell.box[3]) / 2
    left = max((r.x0 for r in cuts.rules if r.x0 <= x0 + 1 and r.top <= middle <= r.bottom), default=None)
    right = min((r.x0 for r in cuts.rules if r.x0 >= x1 - 1 and r.top <= middle <= r.bottom), default=None)
    if left is None and right is None:
        return []
    # the table's own edge stands in for the ruling on the side that has none (the first or last group)
    left = centres[0] - 1 if left is None else left
    right = centres[-1] + 1 if right is None else right
    return [k for k, c in enumerate(centres) if left < c < right]


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


def _symmetric(col: int, held: set[int], below: set[int], centres: list[float], fills: list[Box], box: Box) -> list[int]:
    """Empty neighbours on both sides, one pair at a time, none of them under a shaded band."""
    y = (box[1] + box[3]) / 2
    banded = {k for k, c in enumerate(centres) if any(x0 <= c <= x1 and top <= y <= bottom for x0, top, x1, bottom in fills)}
    lo = hi = col
    while True:
        left, right = lo - 1, hi + 1
        if left < 0 or right >= len(centres):
            break
        free = all(k not in banded and k in below and k not in held for k in (left, right))
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
