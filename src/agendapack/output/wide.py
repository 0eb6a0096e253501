"""Each extracted table as a grid, the way it is printed: what a Camelot user expects from `tables/<table_id>.csv`.

The header is the table's header rows, each column's header texts joined top-down with ' / ' (a header spanning
several columns names each of them); a table without header rows gets `column 1`, `column 2`, ... A cell spanning
several rows or columns holds its text in its first (top-left) position, the rest empty, as in table_cells.
Cells keep their line breaks; text that a spreadsheet would run as a formula is guarded as in every CSV.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from agendapack.output.to_csv import csv_cell

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument
    from agendapack.models.tabular import Table, TableCell

WIDE_DIR = "tables"  # inside a pack's folder


def table_grids(doc: PackDocument) -> Iterator[tuple[Table, list[str], list[list[str]]]]:
    """(table, header, body rows) for every extracted table, in document order."""
    cells: dict[str, list[TableCell]] = defaultdict(list)
    for cell in doc.records.table_cells:
        cells[cell.table_id].append(cell)
    for table in doc.records.tables:
        grid = [["" for _ in range(table.n_cols)] for _ in range(table.n_rows)]
        spans: dict[tuple[int, int], int] = {}
        for cell in cells[table.record_id]:
            if cell.row < table.n_rows and cell.col < table.n_cols:
                grid[cell.row][cell.col] = cell.text
                spans[cell.row, cell.col] = cell.col_span
        header_rows = min(table.header_rows, table.n_rows)
        yield table, _header(grid[:header_rows], spans, table.n_cols), grid[header_rows:]


def _header(rows: list[list[str]], spans: dict[tuple[int, int], int], width: int) -> list[str]:
    if not rows:
        return [f"column {index}" for index in range(1, width + 1)]
    parts: list[list[str]] = [[] for _ in range(width)]
    for row_no, row in enumerate(rows):
        for col_no, text in enumerate(row):
            for covered in range(col_no, min(col_no + spans.get((row_no, col_no), 1), width)):
                if text and (not parts[covered] or parts[covered][-1] != text):
                    parts[covered].append(" ".join(text.split()))
    return [" / ".join(part) or f"column {index}" for index, part in enumerate(parts, start=1)]


def wide_csv_files(doc: PackDocument) -> Iterator[tuple[str, bytes]]:
    """('tables/<table_id>.csv', bytes) for every extracted table."""
    for table, header, body in table_grids(doc):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([csv_cell(text, "string") for text in header])
        for row in body:
            writer.writerow([csv_cell(text, "string") for text in row])
        yield f"{WIDE_DIR}/{table.record_id}.csv", buffer.getvalue().encode("utf-8")
