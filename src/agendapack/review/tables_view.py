"""Extracted tables as grids of cells, to show beside their page.

A table layer is any record layer named like "tables" (not "...cells"). Its cells come from
the table's own located sub-records (`tables.cells`), or from a separate cell layer whose
records point back with `table_id`; failing both, from a `rows` field (a list of lists).
Cell positions are read from the usual field names (row/col, spans, header flag, text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agendapack.review.collect import Entry, Layer

_ROW = ("row", "row_index", "row_no")
_COL = ("col", "column", "col_index", "column_index", "col_no")
_ROW_SPAN = ("row_span", "rowspan")
_COL_SPAN = ("col_span", "colspan")
_TEXT = ("text", "value", "raw_text")
_HEADER = ("is_header", "header")
MAX_GRID_CELLS = 5_000  # a grid bigger than this is summarised, not drawn: the page must stay usable


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    header: bool
    entry_key: str | None = None


@dataclass
class TableGrid:
    """One table ready to draw: where it sits, its cells, and its record."""

    entry: Entry
    cells: list[GridCell] = field(default_factory=list)

    @property
    def page(self) -> int | None:
        return self.entry.pages[0] if self.entry.pages else None

    @property
    def shape(self) -> tuple[int, int]:
        rows = max((c.row + c.row_span for c in self.cells), default=0)
        cols = max((c.col + c.col_span for c in self.cells), default=0)
        return rows, cols


def is_table_layer(name: str) -> bool:
    return "." not in name and "table" in name and "cell" not in name


def table_grids(layers: list[Layer]) -> list[TableGrid]:
    """Every table record with its cells, in the order of their layers."""
    by_parent = _cells_by_parent(layers)
    grids: list[TableGrid] = []
    for layer in layers:
        if not is_table_layer(layer.name):
            continue
        for entry in layer.entries:
            cells = by_parent.get(entry.key) or by_parent.get(entry.record_id) or _cells_from_rows(entry.fields)
            grids.append(TableGrid(entry, sorted(cells, key=lambda c: (c.row, c.col))))
    return grids


def _cells_by_parent(layers: list[Layer]) -> dict[str, list[GridCell]]:
    """Cells keyed by their table: the parent's key for sub-records, the `table_id` for a separate layer."""
    out: dict[str, list[GridCell]] = {}
    for layer in layers:
        if "cell" not in layer.name:
            continue
        for entry in layer.entries:
            cell = _grid_cell(entry.fields, entry.key)
            owner = entry.parent_key or entry.fields.get("table_id")
            if cell is not None and isinstance(owner, str):
                out.setdefault(owner, []).append(cell)
    return out


def _grid_cell(fields: dict[str, Any], key: str | None) -> GridCell | None:
    row, col = _int(fields, _ROW), _int(fields, _COL)
    if row is None or col is None:
        return None
    text = next((str(fields[n]) for n in _TEXT if fields.get(n) is not None), "")
    header = bool(next((fields[n] for n in _HEADER if n in fields), False))
    return GridCell(row, col, max(_int(fields, _ROW_SPAN) or 1, 1), max(_int(fields, _COL_SPAN) or 1, 1), text, header, key)


def _int(fields: dict[str, Any], names: tuple[str, ...]) -> int | None:
    return next((fields[n] for n in names if isinstance(fields.get(n), int) and not isinstance(fields.get(n), bool)), None)


def _cells_from_rows(fields: dict[str, Any]) -> list[GridCell]:
    rows = fields.get("rows")
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        return []
    return [GridCell(r, c, 1, 1, "" if v is None else str(v), False) for r, row in enumerate(rows) for c, v in enumerate(row)]


def grid_matrix(grid: TableGrid) -> list[list[GridCell | None]]:
    """Rows of cells for an HTML table: a spanned position holds None (covered by a cell above or left)."""
    rows, cols = grid.shape
    matrix: list[list[GridCell | None]] = [[None] * cols for _ in range(rows)]
    covered = [[False] * cols for _ in range(rows)]
    for cell in grid.cells:
        if covered[cell.row][cell.col]:
            continue  # overlapping spans: the first cell keeps the place
        matrix[cell.row][cell.col] = cell
        for r in range(cell.row, min(cell.row + cell.row_span, rows)):
            for c in range(cell.col, min(cell.col + cell.col_span, cols)):
                covered[r][c] = True
    return [[cell if cell is not None or not covered[r][c] else _COVERED for c, cell in enumerate(row)] for r, row in enumerate(matrix)]


# A marker for a grid position taken by a spanning cell (no <td> is written for it).
_COVERED = GridCell(-1, -1, 0, 0, "", False)


def is_covered(cell: GridCell | None) -> bool:
    return cell is _COVERED
