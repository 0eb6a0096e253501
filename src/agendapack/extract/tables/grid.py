"""A table found on one page, before it becomes records: cells on a row/column grid, in frame coordinates."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from agendapack.extract.tables.primitives import Box, Frame, Word

_LOOKBACK = 3


class Method(StrEnum):
    RULED = "ruled"  # cells from ruling lines
    TEXT = "text"  # columns from text alignment, rows from text lines
    HYBRID = "hybrid"  # rows from ruling lines, columns from text alignment
    RAW = "raw"  # could not be structured: one cell per text line


@dataclass(slots=True)
class RawCell:
    row: int
    col: int
    row_span: int
    col_span: int
    box: Box
    words: list[Word] = field(default_factory=list)
    text: str = ""
    header: bool = False
    shaded: bool = False


@dataclass(slots=True)
class RawTable:
    page: int
    frame: Frame
    method: Method
    box: Box
    n_rows: int
    n_cols: int
    cells: list[RawCell]
    header_rows: int = 0
    title: str | None = None
    context: list[str] = field(default_factory=list)  # short lines just above the table: captions, units, rounds
    words_in_box: int = 0  # words inside the table's box
    words_in_cells: int = 0  # of those, words that fell into a cell
    words_split: int = 0  # words cut in two by a cell border
    col_edges: list[float] = field(default_factory=list)  # a ruled table's column lines, left to right (empty for the others)
    chart: str | None = None  # why the "table" is a chart (axis labels, a panel framing a picture), else None

    def grid(self) -> list[list[RawCell | None]]:
        """Row-major grid; a spanning cell appears in every position it covers."""
        out: list[list[RawCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    out[r][c] = cell
        return out


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into text lines (vertical overlap with the line so far), top to bottom, each left to right."""
    if len(words) <= 1:
        return [list(words)] if words else []
    middles = [w.top + w.bottom for w in words]
    if max(middles) - min(middles) < min(w.bottom - w.top for w in words):
        return [sorted(words, key=lambda w: w.x0)]  # all on one line: the common case of a cell
    lines: list[list[Word]] = []
    bands: list[list[float]] = []
    for word in sorted(words, key=lambda w: w.top + w.bottom):
        height = max(word.bottom - word.top, 0.1)
        placed = False
        # words come in order of their middle, so only the last few lines can take one
        for k in range(len(bands) - 1, max(len(bands) - _LOOKBACK, 0) - 1, -1):
            band = bands[k]
            overlap = min(band[1], word.bottom) - max(band[0], word.top)
            if overlap >= 0.5 * min(height, band[1] - band[0]):
                lines[k].append(word)
                if word.top < band[0]:
                    band[0] = word.top
                if word.bottom > band[1]:
                    band[1] = word.bottom
                placed = True
                break
        if not placed:
            lines.append([word])
            bands.append([word.top, word.bottom])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    order = sorted(range(len(lines)), key=lambda i: bands[i][0])
    return [lines[i] for i in order]


def text_of(words: list[Word]) -> str:
    """A cell's text: words in reading order, a space between words and a newline between lines."""
    return "\n".join(" ".join(w.text for w in line) for line in group_lines(words))


def box_of(words: list[Word]) -> Box:
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def inside(word: Word, box: Box, margin: float = 1.0) -> bool:
    return box[0] - margin <= word.cx <= box[2] + margin and box[1] - margin <= word.cy <= box[3] + margin
