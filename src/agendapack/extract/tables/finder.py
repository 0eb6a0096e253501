"""Find the tables of one page: ruled ones from their rulings, then unruled ones in the text left over.

Each writing direction with enough text is read in its own frame, so a table printed
sideways is found like any other and its boxes are mapped back to the page.
"""

from __future__ import annotations

from agendapack.extract.tables.banded import find_banded_tables
from agendapack.extract.tables.captions import lift_caption_row
from agendapack.extract.tables.charts import chart_reason
from agendapack.extract.tables.glyphs import rule_glyphs
from agendapack.extract.tables.grid import Method, RawCell, RawTable, group_lines, inside, text_of
from agendapack.extract.tables.primitives import (
    Box,
    Frame,
    FramePage,
    Orientation,
    Rule,
    Word,
    chars_by_orientation,
    merge_rules,
    rules_and_fills,
    words_from_blocks,
    words_from_lines,
    words_from_text,
)
from agendapack.extract.tables.respan import split_run_together_cells
from agendapack.extract.tables.ruled import build_ruled_table, ruling_networks
from agendapack.extract.tables.segments import is_number
from agendapack.extract.tables.unruled import find_unruled_tables, page_cuts
from agendapack.models.source import TextLine

_MIN_SIDEWAYS_CHARS = 40
_CONTEXT_LINES = 3
_CONTEXT_GAP = 3.0  # line heights above a table still read as its caption
_NESTED_MIN_WORDS = 12
_NESTED_MIN_LINES = 4
_RULE_REACH = 12.0
_CONTEXT_WINDOW = 80.0  # points above a table searched for its caption


def find_page_tables(
    page_no: int, lines: list[TextLine], blocks: list[dict], drawings: list[dict], size: tuple[float, float], ruled_extra: list[tuple[str, Box]] | None = None
) -> list[RawTable]:
    """All tables on one page, in every writing direction that carries enough text.

    Upright text comes from the cleaned `lines` (page furniture already out); text written
    sideways from the character `blocks` (empty when the page has none). `size` is the
    unrotated page's width and height (the space PyMuPDF reports boxes in).
    `ruled_extra` is text that cleaning took out as a running header; it is put back where
    rulings run just above and below it, or where it stands among the page's own text (on
    a row with it, or between its lines), since a table's header row repeated at the top of
    every page reads as a running header but belongs to the table. Rulings that an OCR'd
    text layer spelled as characters become rulings again (`glyphs.py`).
    """
    tables: list[RawTable] = []
    upright = Frame(Orientation.UPRIGHT, size[0], size[1])
    horizontals, verticals, fills = rules_and_fills(drawings, upright)
    rules = merge_rules(horizontals, True)
    words = words_from_lines(lines)
    bands = sorted((line.bbox.top, line.bbox.bottom) for line in lines if line.horizontal)
    for text, box in ruled_extra or []:
        if _ruled_around(box, rules) or _among_text(box, bands):
            words.extend(words_from_text(text, box, box[3] - box[1], False))
    words, glyph_rules = rule_glyphs(words)
    verticals = verticals + glyph_rules
    if words:
        tables.extend(find_frame_tables(FramePage(page_no, upright, words, horizontals, verticals, fills)))
    for orientation, count in sorted(chars_by_orientation(blocks).items()):
        if orientation is Orientation.UPRIGHT or count < _MIN_SIDEWAYS_CHARS:
            continue
        frame = Frame(orientation, size[0], size[1])
        sideways = words_from_blocks(blocks, frame, [])
        if sideways:
            hs, vs, shades = rules_and_fills(drawings, frame)
            tables.extend(find_frame_tables(FramePage(page_no, frame, sideways, hs, vs, shades)))
    return tables


def _among_text(box: Box, bands: list[tuple[float, float]]) -> bool:
    """Text on the same row as some of the page's own lines, or with its lines close above and below."""
    top, bottom = box[1], box[3]
    height = max(bottom - top, 1.0)
    if any(min(b, bottom) - max(t, top) >= 0.5 * min(height, b - t) for t, b in bands):
        return True
    above = any(0 <= top - b <= 1.5 * height for t, b in bands)
    below = any(0 <= t - bottom <= 1.5 * height for t, b in bands)
    return above and below


def _ruled_around(box: Box, rules: list[Rule]) -> bool:
    """A ruling just above and one just below a line of text, both running across it."""

    def across(rule: Rule) -> bool:
        return rule.x0 <= box[0] + 2 and rule.x1 >= box[2] - 2

    above = any(across(r) and box[1] - _RULE_REACH <= r.top <= box[1] + 2 for r in rules)
    below = any(across(r) and box[3] - 2 <= r.top <= box[3] + _RULE_REACH for r in rules)
    return above and below


def find_frame_tables(page: FramePage) -> list[RawTable]:
    tables: list[RawTable] = []
    taken: list[Box] = []
    deferred: list[RawTable] = []  # ruled grids left to the text passes
    rules = merge_rules(page.horizontals, True)
    for hs, vs in ruling_networks(page):
        box = (min(r.x0 for r in hs + vs), min(r.top for r in hs + vs), max(r.x1 for r in hs + vs), max(r.bottom for r in hs + vs))
        if any(_contains(t, box) for t in taken):
            continue  # a ruled box inside a table already read (a boxed note in a cell)
        inner = [w for w in page.words if inside(w, box)]
        table = build_ruled_table(page, hs, vs, inner)
        if table is None or not inner:
            continue
        if table.n_cols < 2:
            continue  # a frame, or rulings between rows only: the passes below read it from the text
        if _stacked_figures(table):
            deferred.append(table)  # rulings around groups of rows: the text passes find the rows
            continue
        tables.append(table)
        taken.append(table.box)
        tables.extend(_tables_inside_cells(page, table))
    cuts = page_cuts(page)
    rest = [w for w in page.words if not any(inside(w, box) for box in taken)]
    banded = find_banded_tables(page, rest, rules)
    tables.extend(banded)
    if banded:
        rest = [w for w in rest if not any(inside(w, t.box) for t in banded)]
    # rulings around groups of rows or columns: each outline holds one table, the text gives its rows
    tables.extend(find_unruled_tables(page, rest, rules, cuts, [grid.box for grid in deferred]))
    tables.extend(raw_table(t) for t in deferred if not _claimed(t, tables))
    tables.sort(key=lambda t: (t.box[1], t.box[0]))
    for table in tables:
        complete_grid(table)
        table.chart = chart_reason(table)
        caption = lift_caption_row(table)
        if caption is not None and table.header_rows == 0:
            _first_row_header(table)
        table.context = ([caption] if caption else []) + context_above(table, page.words, [t.box for t in tables])
    return tables


def _first_row_header(table: RawTable) -> None:
    """After its caption row is lifted, a first row of labels over figures is the header."""
    rows: dict[int, list[RawCell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    if _labels_over_figures(rows, table.n_rows):
        table.header_rows = 1
        for cell in table.cells:
            cell.header = cell.row == 0


def _claimed(grid: RawTable, tables: list[RawTable]) -> bool:
    """Whether most of a deferred grid's words ended up in tables the other passes found."""
    words = [w for c in grid.cells for w in c.words]
    held = sum(1 for w in words if any(inside(w, t.box) for t in tables))
    return held >= 0.5 * len(words)


def raw_table(grid: RawTable) -> RawTable:
    """A table that could not be structured, kept as one cell per text line so none of its text is lost."""
    words = [w for c in grid.cells for w in c.words]
    cells = []
    for r, line in enumerate(group_lines(words)):
        box = (min(w.x0 for w in line), min(w.top for w in line), max(w.x1 for w in line), max(w.bottom for w in line))
        cells.append(RawCell(r, 0, 1, 1, box, line, text_of(line)))
    raw = RawTable(grid.page, grid.frame, Method.RAW, grid.box, len(cells), 1, cells)
    raw.words_in_box = grid.words_in_box
    raw.words_in_cells = len(words)
    return raw


def _stacked_figures(table: RawTable) -> bool:
    """Cells holding several lines of figures each: the rulings frame groups of rows (or columns), not cells."""

    def figure_lines(cell: RawCell) -> int:
        return sum(1 for line in cell.text.split("\n") if line.split() and all(is_number(part) for part in line.split()))

    stacked = sum(1 for c in table.cells if figure_lines(c) >= 2 and figure_lines(c) >= 0.5 * (c.text.count("\n") + 1))
    return stacked >= 2


def _tables_inside_cells(page: FramePage, table: RawTable) -> list[RawTable]:
    """Unruled tables set inside one large cell of a ruled layout table (a rate table within a form)."""
    found = []
    for cell in table.cells:
        if len(cell.words) >= _NESTED_MIN_WORDS and cell.text.count("\n") >= _NESTED_MIN_LINES:
            found.extend(find_unruled_tables(page, cell.words, []))
    return found


def _contains(outer: Box, inner: Box) -> bool:
    return outer[0] - 2 <= inner[0] and outer[1] - 2 <= inner[1] and inner[2] <= outer[2] + 2 and inner[3] <= outer[3] + 2


def complete_grid(table: RawTable) -> None:
    """Give every grid position of a ruled table a cell: the empty boxes its rulings draw are cells too.

    In a table without rulings an empty position is only a gap between words: no cell.
    """
    if table.method is not Method.RULED:
        return
    grid = table.grid()
    row_band: dict[int, tuple[float, float]] = {}
    col_band: dict[int, tuple[float, float]] = {}
    for cell in table.cells:
        if cell.row_span == 1:
            band = row_band.get(cell.row, (cell.box[1], cell.box[3]))
            row_band[cell.row] = (min(band[0], cell.box[1]), max(band[1], cell.box[3]))
        if cell.col_span == 1:
            band = col_band.get(cell.col, (cell.box[0], cell.box[2]))
            col_band[cell.col] = (min(band[0], cell.box[0]), max(band[1], cell.box[2]))
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            if grid[r][c] is None:
                x0, x1 = col_band.get(c, (table.box[0], table.box[2]))
                top, bottom = row_band.get(r, (table.box[1], table.box[3]))
                table.cells.append(RawCell(r, c, 1, 1, (x0, top, x1, bottom), header=r < table.header_rows))
    table.cells.sort(key=lambda cell: (cell.row, cell.col))
    if table.method is Method.RULED:
        mark_ruled_header(table)
        split_run_together_cells(table)


def mark_ruled_header(table: RawTable) -> None:
    """Header rows of a ruled table: leading rows that are shaded or bold, else the first row when it reads as labels."""
    rows: dict[int, list[RawCell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    count = 0
    for r in range(table.n_rows):
        filled = [c for c in rows.get(r, []) if c.text]
        if not filled:
            break
        styled = all(c.shaded or all(w.bold for w in c.words) for c in filled)
        labels = len(filled) >= 2 or filled[0].col_span == table.n_cols
        if not (styled and labels):
            break
        count = r + 1 if r + 1 < table.n_rows else count
    if count == 0 and _labels_over_figures(rows, table.n_rows):
        count = 1
    table.header_rows = count
    for cell in table.cells:
        cell.header = cell.row < count


def _labels_over_figures(rows: dict[int, list[RawCell]], n_rows: int) -> bool:
    """An unstyled first row of labels over columns of figures is a header too."""
    first = {c.col: c.text for c in rows.get(0, []) if c.text}
    if len(first) < 2 or any(is_number(t) for t in first.values()) or n_rows < 2:
        return False
    below = [c for r in range(1, n_rows) for c in rows.get(r, []) if c.col in first and c.col > 0 and c.text]
    return bool(below) and sum(1 for c in below if is_number(c.text.replace(" ", ""))) >= 0.6 * len(below)


def context_above(table: RawTable, words: list[Word], tables: list[Box]) -> list[str]:
    """Up to three short lines just above a table (its caption, a unit line, a round heading), nearest first."""
    x0, top, x1, _ = table.box
    window = top - _CONTEXT_WINDOW
    above = [w for w in words if window <= w.top and w.bottom <= top + 1 and w.x1 > x0 - 5 and w.x0 < x1 + 5 and not any(inside(w, box) for box in tables)]
    lines = group_lines(above)
    out: list[str] = []
    limit = top
    for line in reversed(lines):
        height = max(max(w.bottom for w in line) - min(w.top for w in line), 4.0)
        if limit - max(w.bottom for w in line) > _CONTEXT_GAP * height or len(out) >= _CONTEXT_LINES:
            break
        out.append(text_of(line))
        limit = min(w.top for w in line)
    return out
