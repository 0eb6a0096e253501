"""Ruled tables: cells from the ruling lines drawn around them.

Rulings that touch form a network; a network with at least two horizontal and two
vertical rulings is a table candidate. Its distinct x and y positions make a fine grid;
neighbouring grid boxes with no ruling between them belong to one cell, which is how
a merged cell (an agenda item spanning several actions) gets its row and column spans.
"""

from __future__ import annotations

import bisect

from agendapack.extract.tables.grid import Method, RawCell, RawTable, text_of
from agendapack.extract.tables.primitives import Box, FramePage, Rule, Word, merge_rules

_TOUCH = 3.0  # rulings closer than this meet
_SNAP = 2.0  # grid positions closer than this are one
_COVER = 0.6  # a ruling covering this share of a grid edge separates the boxes on either side
_SHADED = 0.8
_SPACER = 12.0
_HEADER_ROWS_CHECKED = 4  # a column narrower than this with no text in it is the gap of a double ruling


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def ruling_networks(page: FramePage) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of touching rulings with at least two horizontal and two vertical ones, top to bottom."""
    hs = [r for r in merge_rules(page.horizontals, True) if r.x1 - r.x0 >= 4]
    vs = [r for r in merge_rules(page.verticals, False) if r.bottom - r.top >= 4]
    if len(hs) < 2 or len(vs) < 2:
        return []
    rules = hs + vs
    joined = _UnionFind(len(rules))
    vs_by_x = sorted(range(len(vs)), key=lambda k: vs[k].x0)
    v_xs = [vs[k].x0 for k in vs_by_x]
    for i, h in enumerate(hs):
        lo = bisect.bisect_left(v_xs, h.x0 - _TOUCH)
        hi = bisect.bisect_right(v_xs, h.x1 + _TOUCH)
        for k in vs_by_x[lo:hi]:
            v = vs[k]
            if v.top - _TOUCH <= h.top <= v.bottom + _TOUCH:
                joined.join(i, len(hs) + k)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, rule in enumerate(rules):
        group = groups.setdefault(joined.find(i), ([], []))
        (group[0] if i < len(hs) else group[1]).append(rule)
    networks = [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]
    return sorted(networks, key=lambda g: min(r.top for r in g[0] + g[1]))


def _cluster(values: list[float]) -> list[float]:
    values = sorted(values)
    out: list[list[float]] = []
    for v in values:
        if out and v - out[-1][-1] <= _SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _covered(rules: list[Rule], at: float, lo: float, hi: float, horizontal: bool) -> bool:
    """Whether rulings at position `at` cover most of the edge from lo to hi."""
    need = (hi - lo) * _COVER
    total = 0.0
    for r in rules:
        pos, start, end = (r.top, r.x0, r.x1) if horizontal else (r.x0, r.top, r.bottom)
        if abs(pos - at) <= _SNAP + 0.5:
            total += max(0.0, min(end, hi) - max(start, lo))
    return total >= need


def grid_cells(hs: list[Rule], vs: list[Rule]) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]]:
    """Grid lines and the cells on them as (row, col, row_span, col_span), redundant grid lines removed."""
    xs = _cluster([r.x0 for r in vs] + [min(r.x0 for r in hs), max(r.x1 for r in hs)])
    ys = _cluster([r.top for r in hs] + [min(r.top for r in vs), max(r.bottom for r in vs)])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return xs, ys, []
    right_open = [[not _covered(vs, xs[j + 1], ys[i], ys[i + 1], False) for j in range(n_cols - 1)] for i in range(n_rows)]
    below_open = [[not _covered(hs, ys[i + 1], xs[j], xs[j + 1], True) for j in range(n_cols)] for i in range(n_rows - 1)]
    boxes = _UnionFind(n_rows * n_cols)
    for i in range(n_rows):
        for j in range(n_cols):
            if j < n_cols - 1 and right_open[i][j]:
                boxes.join(i * n_cols + j, i * n_cols + j + 1)
            if i < n_rows - 1 and below_open[i][j]:
                boxes.join(i * n_cols + j, (i + 1) * n_cols + j)
    members: dict[int, list[tuple[int, int]]] = {}
    for i in range(n_rows):
        for j in range(n_cols):
            members.setdefault(boxes.find(i * n_cols + j), []).append((i, j))
    cells: list[tuple[int, int, int, int]] = []
    for group in members.values():
        cells.extend(_rectangles(group))
    return _drop_redundant_lines(xs, ys, cells)


def _rectangles(group: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """A merged region as one spanning cell when it is a rectangle, else one cell per run within each row."""
    rows = [i for i, _ in group]
    cols = [j for _, j in group]
    r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
    if len(group) == (r1 - r0 + 1) * (c1 - c0 + 1):
        return [(r0, c0, r1 - r0 + 1, c1 - c0 + 1)]
    out = []
    for i in sorted(set(rows)):
        run = sorted(j for r, j in group if r == i)
        start = prev = run[0]
        for j in [*run[1:], None]:
            if j is not None and j == prev + 1:
                prev = j
                continue
            out.append((i, start, 1, prev - start + 1))
            if j is not None:
                start = prev = j
    return out


def _drop_redundant_lines(
    xs: list[float], ys: list[float], cells: list[tuple[int, int, int, int]]
) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]]:
    """Remove grid lines no cell starts or ends at (a ruling slightly off from its neighbours)."""
    col_edges = {c for _, c, _, _ in cells} | {c + s for _, c, _, s in cells}
    row_edges = {r for r, _, _, _ in cells} | {r + s for r, _, s, _ in cells}
    keep_x = sorted(col_edges)
    keep_y = sorted(row_edges)
    col_index = {old: new for new, old in enumerate(keep_x)}
    row_index = {old: new for new, old in enumerate(keep_y)}
    remapped = [(row_index[r], col_index[c], row_index[r + rs] - row_index[r], col_index[c + cs] - col_index[c]) for r, c, rs, cs in cells]
    return [xs[k] for k in keep_x], [ys[k] for k in keep_y], remapped


def build_ruled_table(page: FramePage, hs: list[Rule], vs: list[Rule], words: list[Word]) -> RawTable | None:
    """The table a ruling network draws, with the words inside it placed in its cells; None if it is no table."""
    xs, ys, spans = grid_cells(hs, vs)
    if not spans:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    cells = [RawCell(r, c, rs, cs, (xs[c], ys[r], xs[c + cs], ys[r + rs])) for r, c, rs, cs in spans]
    owner: dict[tuple[int, int], RawCell] = {}
    for cell in cells:
        for i in range(cell.row, cell.row + cell.row_span):
            for j in range(cell.col, cell.col + cell.col_span):
                owner[(i, j)] = cell
    box = (xs[0], ys[0], xs[-1], ys[-1])
    table = RawTable(page.page, page.frame, Method.RULED, box, n_rows, n_cols, cells)
    for word in words:
        _place_word(word, xs, ys, owner, table)
    for cell in cells:
        cell.text = text_of(cell.words)
        # shading only tells header rows apart, so only the first rows are checked
        cell.shaded = cell.row < _HEADER_ROWS_CHECKED and any(_covers(fill, cell.box) for fill in page.fills)
    cells[:] = [c for c in cells if c.words or _closed(c, hs, vs)]
    table.col_edges = _drop_spacer_columns(table, xs)
    return table


def _drop_spacer_columns(table: RawTable, xs: list[float]) -> list[float]:
    """Remove narrow columns nothing is written in: the gap between a double ruling, not a column. Returns the column lines left."""
    spacers = [j for j in range(table.n_cols) if xs[j + 1] - xs[j] < _SPACER and not any(c.text and c.col == j for c in table.cells)]
    edges = list(xs)
    for j in reversed(spacers):
        del edges[j + 1 if j + 1 < len(edges) - 1 else j]
        kept = []
        for cell in table.cells:
            if cell.col <= j < cell.col + cell.col_span:
                if cell.col_span == 1:
                    continue
                cell.col_span -= 1
            elif cell.col > j:
                cell.col -= 1
            kept.append(cell)
        table.cells[:] = kept
        table.n_cols -= 1
    return edges


def _place_word(word: Word, xs: list[float], ys: list[float], owner: dict[tuple[int, int], RawCell], table: RawTable) -> None:
    if not (xs[0] - 1 <= word.cx <= xs[-1] + 1 and ys[0] - 1 <= word.cy <= ys[-1] + 1):
        return
    table.words_in_box += 1
    i = min(max(bisect.bisect_right(ys, word.cy) - 1, 0), len(ys) - 2)
    j = min(max(bisect.bisect_right(xs, word.cx) - 1, 0), len(xs) - 2)
    cell = owner.get((i, j))
    if cell is None:
        return
    table.words_in_cells += 1
    left, right = cell.box[0], cell.box[2]
    pieces = [word]
    if word.x1 > right + 2 or word.x0 < left - 2:
        cut = word.split_at(right if word.x1 > right + 2 else left)
        if cut is not None:
            table.words_split += 1
            pieces = list(cut)
    for piece in pieces:
        k = min(max(bisect.bisect_right(xs, piece.cx) - 1, 0), len(xs) - 2)
        target = owner.get((i, k), cell)
        target.words.append(piece)


def _covers(fill: Box, box: Box) -> bool:
    w = min(fill[2], box[2]) - max(fill[0], box[0])
    h = min(fill[3], box[3]) - max(fill[1], box[1])
    area = (box[2] - box[0]) * (box[3] - box[1])
    return w > 0 and h > 0 and area > 0 and w * h >= _SHADED * area


def _closed(cell: RawCell, hs: list[Rule], vs: list[Rule]) -> bool:
    """An empty cell is kept only when rulings enclose it (else it lies outside the table's outline)."""
    x0, top, x1, bottom = cell.box
    return (
        _covered(hs, top, x0, x1, True) and _covered(hs, bottom, x0, x1, True) and _covered(vs, x0, top, bottom, False) and _covered(vs, x1, top, bottom, False)
    )
