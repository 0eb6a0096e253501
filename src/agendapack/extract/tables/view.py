"""A read-only grid over a table's records, for the readers that turn tables into typed rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from agendapack.extract.tables.values import is_struck_out
from agendapack.models.document import SectionKind
from agendapack.models.issues import Issue
from agendapack.models.tabular import Table, TableCell, TableKind
from agendapack.ocr.provenance import confidences_inside, mean_confidence


def flat(text: str) -> str:
    """A cell's text on one line (wrapped lines joined with spaces)."""
    return " ".join(text.split())


class TableView:
    """`cell(r, c)` is the cell covering a grid position: a spanning cell answers for every position it covers."""

    def __init__(self, table: Table, cells: list[TableCell], ocr_words: dict[int, list[tuple[float, float, float]]] | None = None) -> None:
        self.table = table
        self.cells = cells
        # (centre x, centre y, confidence) of each OCR word on the table's pages read by OCR; empty: a text layer
        self.ocr_words = ocr_words or {}
        self.n_rows = table.n_rows
        self.n_cols = table.n_cols
        self.header_rows = table.header_rows
        self._grid: list[list[TableCell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
        self._starting: dict[int, list[TableCell]] = {}
        for cell in cells:
            self._starting.setdefault(cell.row, []).append(cell)
            for r in range(cell.row, min(cell.row + cell.row_span, table.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, table.n_cols)):
                    self._grid[r][c] = cell

    def read_by_ocr(self, cell: TableCell) -> bool:
        return any(where.page in self.ocr_words for where in cell.provenance)

    def ocr_confidence(self, cell: TableCell) -> float | None:
        """Mean confidence of the OCR words in a cell (None when none were read by OCR)."""
        return mean_confidence([c for where in cell.provenance for c in confidences_inside(where.bbox, self.ocr_words.get(where.page, []))])

    def cell(self, row: int, col: int) -> TableCell | None:
        return self._grid[row][col] if 0 <= row < self.n_rows and 0 <= col < self.n_cols else None

    def text(self, row: int, col: int) -> str:
        cell = self.cell(row, col)
        return flat(cell.text) if cell is not None else ""

    def own_text(self, row: int, col: int) -> str:
        """The text only where the cell starts (a spanning cell's text counted once)."""
        cell = self.cell(row, col)
        return flat(cell.text) if cell is not None and cell.row == row and cell.col == col else ""

    def cells_starting(self, row: int) -> list[TableCell]:
        """The cells whose top row is `row`."""
        return self._starting.get(row, [])

    def row(self, row: int) -> list[str]:
        return [self.text(row, c) for c in range(self.n_cols)]

    def header_path(self, col: int) -> list[str]:
        """The header texts over a column, top down, each spanning header once.

        A label wrapped over several text rows of an unruled header ("Public" over
        "Health", between the rows of the other group labels) is one level: consecutive
        header cells over the same columns are joined, unless one of them sits in a row
        labelling (nearly) every column (the leaf row: "Core External Total ...").
        """
        path: list[str] = []
        previous: TableCell | None = None
        for r in range(self.header_rows):
            cell = self.cell(r, col)
            if cell is None or not cell.text.strip() or cell is previous or is_struck_out(cell.text):
                continue
            if previous is not None and self._wrapped(previous, cell):
                path[-1] = f"{path[-1]} {flat(cell.text)}"
            else:
                path.append(flat(cell.text))
            previous = cell
        return path

    def _wrapped(self, upper: TableCell, lower: TableCell) -> bool:
        same_columns = (upper.col, upper.col_span) == (lower.col, lower.col_span)
        return same_columns and not self._full_row(upper.row + upper.row_span - 1) and not self._full_row(lower.row)

    def _full_row(self, row: int) -> bool:
        labelled = sum(1 for c in range(1, self.n_cols) if self.text(row, c))
        return labelled >= 0.8 * max(self.n_cols - 1, 1)

    def header_text(self, col: int) -> str:
        return " / ".join(self.header_path(col))

    def body_rows(self) -> range:
        return range(self.header_rows, self.n_rows)

    def filled(self, row: int) -> list[int]:
        return [c for c in range(self.n_cols) if self.own_text(row, c)]


@dataclass
class ReadResult:
    """What a reader made of a table: its kind, records by `Records` field name, issues."""

    kind: TableKind
    records: dict[str, list] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


Reader = Callable[[TableView, SectionKind], ReadResult | None]


def _wrapped(upper: TableCell, lower: TableCell) -> bool:
    """Two header cells over the same columns whose text lines sit right under each other."""
    if (upper.col, upper.col_span) != (lower.col, lower.col_span) or not upper.provenance or not lower.provenance:
        return False
    a, b = upper.provenance[0].bbox, lower.provenance[0].bbox
    if a is None or b is None or upper.provenance[0].page != lower.provenance[0].page:
        return False
    height = max(a.height / (upper.text.count("\n") + 1), 1.0)
    return 0 <= b.top - a.bottom <= 0.5 * height
