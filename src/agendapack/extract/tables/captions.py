"""A table's caption printed in its own first row ("Table 3: Housing budget ...") is its title, not a header.

Word and web exports often put the caption in a shaded band at the top of the grid. Such a
first row holds one piece of text, alone, spanning and centred over the table (or starting
with "Table", "Figure" and the like), above a row of two or more column labels. A group label
over some of the columns (INDICATIVE FOR PLANNING PURPOSES over the later years) is not
centred on the table and stays a header.
"""

from __future__ import annotations

import re

from agendapack.extract.tables.grid import Method, RawCell, RawTable

_CAPTION = re.compile(r"^(table|figure|fig\.|chart|appendix|annex|schedule|exhibit)\s*[\w.]*\s*[:.\-–—]", re.IGNORECASE)
_CENTRED = 0.08  # share of the table's width the caption's centre may be off the table's centre
_SPAN_SHARE = 0.6  # ... and the share of the columns its cell spans (unless it reads "Table 3: ...")


def lift_caption_row(table: RawTable) -> str | None:
    """Take a caption row out of the grid; returns its text (None when the first row is no caption)."""
    if table.n_rows < 3 or table.n_cols < 2 or table.method is Method.RAW:
        return None
    first = [c for c in table.cells if c.row == 0 and c.text]
    second = [c for c in table.cells if c.row == 1 and c.text]
    if len(first) != 1 or len(second) < 2 or first[0].row_span > 1 or not first[0].words:
        return None
    cell = first[0]
    if not (_CAPTION.match(cell.text) or (cell.col_span >= _SPAN_SHARE * table.n_cols and _centred(cell, table))):
        return None
    table.cells[:] = [c for c in table.cells if c.row > 0]
    for c in table.cells:
        c.row -= 1
    table.n_rows -= 1
    table.header_rows = max(table.header_rows - 1, 0)
    table.box = (table.box[0], min(c.box[1] for c in table.cells), table.box[2], table.box[3])
    return " ".join(cell.text.split())


def _centred(cell: RawCell, table: RawTable) -> bool:
    x0, x1 = min(w.x0 for w in cell.words), max(w.x1 for w in cell.words)
    width = table.box[2] - table.box[0]
    return width > 0 and abs((x0 + x1) / 2 - (table.box[0] + table.box[2]) / 2) <= _CENTRED * width
