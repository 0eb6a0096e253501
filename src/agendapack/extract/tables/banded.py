"""Tables whose rows are separated by horizontal rulings only (no vertical ones).

Finance reports often print a variance table this way: a rule under the header and
one between rows, each row holding a short label, a few figures and paragraphs of
explanation. The rulings give the rows (everything between two rulings is one row,
however many lines its paragraphs take); the columns come from how the text lines up.
"""

from __future__ import annotations

from agendapack.extract.tables.grid import Method, RawCell, RawTable, inside
from agendapack.extract.tables.headers import widen_group_labels
from agendapack.extract.tables.primitives import FramePage, Rule, Word
from agendapack.extract.tables.segments import Line, is_number, text_lines
from agendapack.extract.tables.unruled import column_edges, columns_of, reads_as_table, row_cells

_SAME_END = 3.0
_MIN_RULES = 3
_MIN_WIDTH_SHARE = 0.3
_HEADER_LINES = 6
_PROSE_SHARE = 0.7


def rule_stacks(rules: list[Rule], page_width: float) -> list[list[Rule]]:
    """Groups of three or more horizontal rulings starting and ending at the same x, top to bottom."""
    wide = [r for r in rules if r.x1 - r.x0 >= _MIN_WIDTH_SHARE * page_width]
    stacks: list[list[Rule]] = []
    for rule in sorted(wide, key=lambda r: r.top):
        for stack in stacks:
            if abs(stack[-1].x0 - rule.x0) <= _SAME_END and abs(stack[-1].x1 - rule.x1) <= _SAME_END:
                stack.append(rule)
                break
        else:
            stacks.append([rule])
    return [s for s in stacks if len(s) >= _MIN_RULES]


def find_banded_tables(page: FramePage, words: list[Word], rules: list[Rule]) -> list[RawTable]:
    tables = []
    for stack in rule_stacks(rules, page.width):
        box = (stack[0].x0 - 2, _header_top(stack, words), stack[0].x1 + 2, _open_bottom(stack, words))
        inner = [w for w in words if inside(w, box, margin=0.0)]
        table = _build(page, stack, inner, box[3])
        if table is not None:
            tables.append(table)
    return tables


def _header_top(stack: list[Rule], words: list[Word]) -> float:
    """Where the table starts: its first ruling, or the header printed just above it when the first band holds figures."""
    top = stack[0].top
    first_band = [w for w in words if top < w.cy < stack[1].top and stack[0].x0 - 2 <= w.cx <= stack[0].x1 + 2]
    if not any(is_number(w.text) for w in first_band):
        return top
    above = [w for w in words if w.bottom <= top + 1 and stack[0].x0 - 2 <= w.cx <= stack[0].x1 + 2]
    edge = top
    for line in reversed(text_lines(above)[-_HEADER_LINES:]):
        if edge - line.bottom > 1.5 * line.height or _prose(line, stack[0]):
            break
        edge = line.top
    return edge - 0.5


def _prose(line: Line, rule: Rule) -> bool:
    """A line of running text across most of the table's width: not part of the table."""
    return any(s.x1 - s.x0 > _PROSE_SHARE * (rule.x1 - rule.x0) for s in line.segments)


def _open_bottom(stack: list[Rule], words: list[Word]) -> float:
    """Where the table ends: its last ruling, or below it the text that runs on to the page's end (a row continued overleaf)."""
    bottom = stack[-1].top
    below = [w for w in words if w.top > bottom and stack[0].x0 - 2 <= w.cx <= stack[0].x1 + 2]
    for line in text_lines(below):
        if line.top - bottom > 2 * line.height or _prose(line, stack[-1]):
            break
        bottom = line.bottom
    return bottom


def _build(page: FramePage, stack: list[Rule], words: list[Word], bottom: float) -> RawTable | None:
    lines = text_lines(words)
    if sum(1 for line in lines if len(line.segments) >= 2) < 2:
        return None
    columns = columns_of(lines)
    if len(columns) < 2:
        return None
    edges = column_edges(columns)
    x0, x1 = stack[0].x0, stack[0].x1
    edges[0], edges[-1] = min(edges[0], x0), max(edges[-1], x1)
    ys = [r.top for r in stack] + ([bottom + 1] if bottom > stack[-1].top else [])
    if lines and lines[0].top < ys[0]:
        ys.insert(0, lines[0].top - 1)  # a header printed above the first ruling
    bands = _bands(lines, ys)
    if len(bands) < 2 or any(_stacked_figures(band, edges) for band in bands):
        return None  # figures under each other within a band: an ordinary table with a few rulings
    cells: list[RawCell] = []
    for r, band in enumerate(bands):
        cells.extend(row_cells(r, band, edges, r == 0))
    if not reads_as_table(cells, 1, len(edges) - 1):
        return None
    top = min(stack[0].top, lines[0].top)
    table = RawTable(page.page, page.frame, Method.HYBRID, (edges[0], top, edges[-1], bottom), len(bands), len(edges) - 1, cells)
    table.header_rows = 1
    for cell in cells:
        cell.box = (cell.box[0], _band_top(stack, cell.box[1]), cell.box[2], _band_bottom(stack, cell.box[3]))
    widen_group_labels(table, edges, page.fills)
    table.words_in_box = table.words_in_cells = len(words)
    return table


def _stacked_figures(band: list[Line], edges: list[float]) -> bool:
    """Whether one column holds figures on two lines of the same band."""
    seen: set[int] = set()
    for line in band:
        for segment in line.segments:
            if segment.numeric:
                col = sum(1 for e in edges[1:-1] if e < (segment.x0 + segment.x1) / 2)
                if col in seen:
                    return True
                seen.add(col)
    return False


def _bands(lines: list[Line], ys: list[float]) -> list[list[Line]]:
    """Lines grouped by the pair of rulings they sit between; bands without text are left out."""
    bands: dict[int, list[Line]] = {}
    for line in lines:
        middle = (line.top + line.bottom) / 2
        k = sum(1 for y in ys if y < middle) - 1
        if 0 <= k < len(ys) - 1:
            bands.setdefault(k, []).append(line)
    return [bands[k] for k in sorted(bands)]


def _band_top(stack: list[Rule], y: float) -> float:
    return max((r.top for r in stack if r.top <= y + 1), default=y)


def _band_bottom(stack: list[Rule], y: float) -> float:
    return min((r.top for r in stack if r.top >= y - 1), default=y)
