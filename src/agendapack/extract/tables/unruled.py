"""Tables without rulings: columns from how text lines up, rows from text lines.

A line split into several *segments* (runs of words separated by a wide gap, or two
numbers side by side) is a table-row candidate. Consecutive candidates, with the odd
one-segment line between them (a group label such as "SPENDING"), make a table block.
Columns come from the lines holding the most common number of segments, as in
Camelot's stream mode; segments of other lines are placed by overlap, and a header
segment that straddles columns becomes a spanning cell. Where horizontal rulings
separate rows, the lines between two rulings form one row (a wrapped label stays whole).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter

from agendapack.extract.tables.grid import Method, RawCell, RawTable, text_of
from agendapack.extract.tables.headers import widen_group_labels
from agendapack.extract.tables.primitives import Box, FramePage, Rule, Word, merge_rules
from agendapack.extract.tables.rows import join_split_rows
from agendapack.extract.tables.segments import NO_CUTS, Cuts, Line, Segment, is_number, text_lines

_BLOCK_GAP = 2.4  # lines further apart than this many line heights are not one table
_MIN_ROWS = 3
_PROSE_WORDS = 6
_MIN_FILLED = 0.35
_TOUCHING = 2.0
_MIN_GUTTER = 2.0  # points of white two lines must share to stand in the same columns
_LINK_LOOKBACK = 3


def find_unruled_tables(
    page: FramePage, words: list[Word], rules: list[Rule], cuts: Cuts | None = None, outlines: list[Box] | tuple[Box, ...] = ()
) -> list[RawTable]:
    """Tables made of aligned text among `words` (those not already in a ruled table).

    `cuts` are the page's vertical rulings (a column boundary wherever one runs between two
    words). `outlines` are ruled frames drawn around groups of rows or columns rather than
    cells: the lines inside one frame belong to one table, however far apart they stand
    (a note under a continued header, rows with only their totals filled in).
    """
    cuts = page_cuts(page) if cuts is None else cuts
    lines = text_lines(words, cuts)
    tables = []
    for start, end in _joined(lines, _blocks(lines, cuts, outlines)):
        tables.extend(_build(page, lines, start, end, rules, cuts, _in_outline(lines[start:end], outlines)))
    return tables


def page_cuts(page: FramePage) -> Cuts:
    return Cuts(merge_rules(page.verticals, False)) if page.verticals else NO_CUTS


def _outline_of(line: Line, outlines: list[Box] | tuple[Box, ...]) -> int | None:
    for k, (x0, top, x1, bottom) in enumerate(outlines):
        if top - 1 <= line.middle <= bottom + 1 and x0 - 1 <= line.words[0].x0 and line.words[-1].x1 <= x1 + 1:
            return k
    return None


def _in_outline(block: list[Line], outlines: list[Box] | tuple[Box, ...]) -> bool:
    return bool(outlines) and sum(1 for line in block if _outline_of(line, outlines) is not None) >= 0.5 * len(block)


def _blocks(lines: list[Line], cuts: Cuts = NO_CUTS, outlines: list[Box] | tuple[Box, ...] = ()) -> list[tuple[int, int]]:
    """Runs of lines that may be a table, as index ranges: first multi-segment line to the last, gaps small.

    A line of several segments continues the run only when it shares a column gutter with one
    of the last few such lines (a white stripe inside both): the justified line of a paragraph
    or a page header right-aligned above a table lines up with nothing in it. A wide gap does
    not end the run where vertical rulings run down through it (empty ruled rows); nothing
    ends it between two lines inside the same ruled outline, and leaving the outline ends it.
    """
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    multis: list[int] = []
    for k, line in enumerate(lines):
        multi = len(line.segments) >= 2
        if start is not None:
            last_multi = multis[-1]
            prev = lines[k - 1]
            gap = line.top - prev.bottom
            limit = _BLOCK_GAP * max(prev.height, line.height)
            if multi and _same_right_edge(line, lines[last_multi]):
                limit *= 2  # the same columns go on after a wider gap: one table in groups
            apart = multi and not any(_share_gutter(line, lines[j]) for j in multis[-_LINK_LOOKBACK:])
            if gap > limit and _ruled_through(cuts, prev, line):
                limit = gap
            here = _outline_of(line, outlines) if outlines else None
            there = _outline_of(lines[last_multi], outlines) if outlines else None
            framed = here is not None and here == there
            leaves = there is not None and here != there  # the frame around a table is where it ends
            if leaves or (not framed and (gap > limit or k - last_multi > 3 or apart)):
                blocks.append((start, last_multi + 1))
                start = None
                multis = []
        if multi:
            start = k if start is None else start
            multis.append(k)
    if start is not None:
        blocks.append((start, multis[-1] + 1))
    return [(a, b) for a, b in blocks if sum(1 for line in lines[a:b] if len(line.segments) >= 2) >= _MIN_ROWS]


def _ruled_through(cuts: Cuts, upper: Line, lower: Line) -> bool:
    """Two or more vertical rulings running from one line down to the other."""
    if not cuts:
        return False
    lo, hi = min(upper.words[0].x0, lower.words[0].x0), max(upper.words[-1].x1, lower.words[-1].x1)
    return sum(1 for r in cuts.rules if lo <= r.x0 <= hi and r.top <= upper.middle and r.bottom >= lower.middle) >= 2


def _share_gutter(a: Line, b: Line) -> bool:
    """Whether a gap between two segments of one line is white, for a stretch, within the other's extent too."""
    return _gutter_white_in(a, b) or _gutter_white_in(b, a)


def _gutter_white_in(a: Line, b: Line) -> bool:
    lo, hi = b.words[0].x0, b.words[-1].x1
    for left, right in a.gutters():
        stripe = [(max(left, lo), min(right, hi))]
        for segment in b.segments:
            stripe = [piece for x0, x1 in stripe for piece in _minus((x0, x1), (segment.x0, segment.x1))]
        if any(x1 - x0 >= _MIN_GUTTER for x0, x1 in stripe):
            return True
    return False


def _minus(span: tuple[float, float], cut: tuple[float, float]) -> list[tuple[float, float]]:
    x0, x1 = span
    if x1 <= x0:
        return []
    if cut[1] <= x0 or cut[0] >= x1:
        return [span]
    return [piece for piece in ((x0, cut[0]), (cut[1], x1)) if piece[1] > piece[0]]


def _joined(lines: list[Line], blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Blocks with the same columns, separated only by a few lines in the first column (a note), as one table."""
    out: list[tuple[int, int]] = []
    for start, end in blocks:
        if out:
            previous = columns_of(lines[out[-1][0] : out[-1][1]])
            current = columns_of(lines[start:end])
            between = lines[out[-1][1] : start]
            if len(between) <= 6 and _samecolumns_of(previous, current) and all(line.words[-1].x1 < current[1][0] for line in between):
                out[-1] = (out[-1][0], end)
                continue
            if not between and _columns_within(current, previous):
                out[-1] = (out[-1][0], end)  # nothing but white space between: the same table, a column left empty further down
                continue
        out.append((start, end))
    return out


def _samecolumns_of(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    if len(a) != len(b) or len(a) < 2:
        return False
    return all(abs(x[1] - y[1]) <= 3 or abs(x[0] - y[0]) <= 3 for x, y in zip(a[1:], b[1:], strict=True))


def _columns_within(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Every column of `a` stands where one of `b` does (same left or right edge), three or more of them."""
    if len(a) < 3 or len(a) > len(b):
        return False
    return all(any(abs(x[0] - y[0]) <= 3 or abs(x[1] - y[1]) <= 3 for y in b) for x in a)


def _same_right_edge(line: Line, other: Line) -> bool:
    return len(line.segments) >= 2 and len(other.segments) >= 2 and abs(line.segments[-1].x1 - other.segments[-1].x1) <= 2.0


def columns_of(block: list[Line], cuts: Cuts = NO_CUTS) -> list[tuple[float, float]]:
    """Column extents: from the lines with the most common segment count, then any segment that fits none.

    Extents on either side of a vertical ruling stay apart, however close they come.
    """
    counts = Counter(len(line.segments) for line in block if len(line.segments) >= 2)
    ncols = max(counts, key=lambda n: (counts[n], n))
    top, bottom = block[0].top, block[-1].bottom
    spans = sorted((s.x0, s.x1) for line in block if len(line.segments) == ncols for s in line.segments)
    columns = _merge(spans, cuts, top, bottom)
    extra = [(s.x0, s.x1) for line in block if len(line.segments) > ncols for s in line.segments if not any(_overlap((s.x0, s.x1), c) > 0 for c in columns)]
    if extra:
        columns = _merge(sorted(columns + extra), cuts, top, bottom)
    return columns


def _merge(spans: list[tuple[float, float]], cuts: Cuts = NO_CUTS, top: float = 0.0, bottom: float = 0.0) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in spans:
        if out and a <= out[-1][1] + _TOUCHING and not (cuts and a >= out[-1][1] - 1 and cuts.spanning(out[-1][1], a, top, bottom) is not None):
            out[-1] = (out[-1][0], max(out[-1][1], b))  # a gutter is wider than a couple of points
        else:
            out.append((a, b))
    return out


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def column_edges(columns: list[tuple[float, float]], cuts: Cuts = NO_CUTS, top: float = 0.0, bottom: float = 0.0) -> list[float]:
    """Column edges: at a ruling that runs down the gutter, else halfway across it; the outer edges at the extremes."""
    edges = [columns[0][0]]
    for (_, right), (left, _) in itertools.pairwise(columns):
        ruled = cuts.spanning(right, left, top, bottom) if cuts else None
        edges.append(ruled if ruled is not None else (right + left) / 2)
    edges.append(columns[-1][1])
    return edges


def _is_prose(block: list[Line]) -> bool:
    segments = [s for line in block for s in line.segments]
    numeric = sum(1 for s in segments if s.numeric)
    long = sum(1 for s in segments if len(s.words) >= _PROSE_WORDS)
    return numeric < 0.1 * len(segments) and long >= 0.5 * len(segments)


def _build(page: FramePage, lines: list[Line], start: int, end: int, rules: list[Rule], cuts: Cuts, outlined: bool = False) -> list[RawTable]:
    block = lines[start:end]
    if _is_prose(block) and not outlined:
        return []
    columns = columns_of(block, cuts)
    if len(columns) < 2:
        return []
    edges = column_edges(columns, cuts, block[0].top, block[-1].bottom)
    block = _lines_above(lines, start, edges) + block
    edges[0] = min(edges[0], min(line.words[0].x0 for line in block))
    edges[-1] = max(edges[-1], max(line.words[-1].x1 for line in block))
    tables = []
    for part in [block] if outlined else _parts(block, edges):
        table = _table(page, part, edges, rules, cuts, outlined)
        if table is not None:
            tables.append(table)
    return tables


def _table(page: FramePage, block: list[Line], edges: list[float], rules: list[Rule], cuts: Cuts = NO_CUTS, outlined: bool = False) -> RawTable | None:
    x0, x1 = edges[0], edges[-1]
    header_lines = _header_line_count(block, edges)
    rows = [[line] for line in block[:header_lines]] + _rows(block[header_lines:], rules, x0, x1)
    ruled_rows = len(rows) < len(block)
    rows = join_split_rows(rows, edges, header_lines) if not ruled_rows else rows
    cells: list[RawCell] = []
    for r, row_lines in enumerate(rows):
        cells.extend(row_cells(r, row_lines, edges, r < header_lines))
    if not reads_as_table(cells, header_lines, len(edges) - 1, 0.0 if outlined else _MIN_FILLED):
        return None
    method = Method.HYBRID if ruled_rows else Method.TEXT
    table = RawTable(page.page, page.frame, method, (x0, block[0].top, x1, block[-1].bottom), len(rows), len(edges) - 1, cells)
    table.header_rows = header_lines
    widen_group_labels(table, edges, page.fills, cuts)
    table.words_in_box = table.words_in_cells = sum(len(line.words) for line in block)
    return table


def _has_figures(line: Line, edges: list[float]) -> bool:
    """A figure beyond the first column: a data row of a table of numbers."""
    return any(s.numeric and s.x0 > edges[1] - 1 for s in line.segments)


def _parts(block: list[Line], edges: list[float]) -> list[list[Line]]:
    """A block of figures split where a second header starts (two tables printed one under the other),
    with trailing lines of text after the last figures left out (a paragraph whose justified gaps look like columns)."""
    figures = [_has_figures(line, edges) for line in block]
    if sum(figures) < 0.3 * len(block):
        return [block]
    last = max(k for k, f in enumerate(figures) if f)
    block, figures = block[: last + 1], figures[: last + 1]
    parts: list[list[Line]] = [[]]
    k = 0
    while k < len(block):
        run_end = k
        while run_end < len(block) and not figures[run_end]:
            run_end += 1
        restarts = k > 0 and figures[k - 1] and run_end < len(block) and run_end - k >= 2 and any(len(line.segments) >= 3 for line in block[k:run_end])
        if restarts:
            parts.append([])
        parts[-1].extend(block[k : max(run_end, k + 1)])
        k = max(run_end, k + 1)
    return [p for p in parts if p]


_ENUMERATOR = re.compile(r"^\(?([0-9]{1,3}(\.[0-9]{1,3})*|[a-zA-Z]|[ivxIVX]{1,4})[.)]?\)?$")


def reads_as_table(cells: list[RawCell], header_lines: int, n_cols: int, min_filled: float = _MIN_FILLED) -> bool:
    """Reject layouts that align like a table but are not one: numbered paragraphs, label: value forms, prose columns."""
    body = [c for c in cells if c.row >= header_lines and c.text]
    rows: dict[int, int] = Counter(c.row for c in body)
    if not rows or sum(1 for n in rows.values() if n >= 2) < 0.5 * len(rows):
        return False
    if len(body) < min_filled * len(rows) * n_cols:
        return False  # mostly empty: the labels of a chart, not a table
    words_by_col: dict[int, list[int]] = {}
    for c in body:
        words_by_col.setdefault(c.col, []).append(len(c.text.split()))
    first = [c.text for c in body if c.col == 0]
    if first and sum(1 for t in first if _ENUMERATOR.match(t)) >= 0.6 * len(first) and not _has_figure_column(body):
        return False  # numbered paragraphs or a numbered list
    if first and n_cols <= 3 and sum(1 for t in first if t.endswith(":")) >= 0.6 * len(first) and not _lettered_series(first):
        return False  # a form of labels and values (but "Exhibit A: / Exhibit B: ..." lists its items)
    return any(_median(words) <= 4 for col, words in words_by_col.items() if col > 0)


_SERIES_LABEL = re.compile(r"^(?P<word>[^\W\d]+)\s+(?P<key>[A-Z]|\d{1,3})\s*[:.]?$")


def _lettered_series(labels: list[str]) -> bool:
    """Labels of one word followed by letters or numbers that count up: "Exhibit A:", "Exhibit B:", "Appendix 3:" ..."""
    keys = [(m["word"].lower(), m["key"]) for t in labels if (m := _SERIES_LABEL.match(t))]
    if len(keys) < 3 or len(keys) < 0.8 * len(labels) or len({word for word, _ in keys}) != 1:
        return False
    order = [ord(k) if k.isalpha() else int(k) for _, k in keys]
    return all(b > a for a, b in itertools.pairwise(order))


def _has_figure_column(body: list[RawCell]) -> bool:
    by_col: dict[int, list[str]] = {}
    for c in body:
        if c.col > 0:
            by_col.setdefault(c.col, []).append(c.text)
    return any(sum(1 for t in texts if is_number(t) and any(ch.isdigit() for ch in t)) >= max(3, 0.6 * len(texts)) for texts in by_col.values())


def _median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2]


def _lines_above(lines: list[Line], start: int, edges: list[float]) -> list[Line]:
    """Short lines right above a table block that line up with its columns (a year over the figures, a group label)."""
    taken: list[Line] = []
    below = lines[start]
    for line in reversed(lines[max(0, start - 4) : start]):
        if below.top - line.bottom > 1.5 * max(line.height, below.height):
            break
        overhang = max(3.0, 0.8 * line.height)  # a header centred over right-aligned figures sticks out a little
        if line.words[0].x0 < edges[0] - overhang or line.words[-1].x1 > edges[-1] + overhang or len(line.words) > 8:
            break
        if not all(_within_column(segment, edges, overhang) for segment in line.segments):
            break
        taken.insert(0, line)
        below = line
    return taken


def _within_column(segment: Segment, edges: list[float], tolerance: float = 3.0) -> bool:
    """A segment that lies inside one column."""
    for left, right in itertools.pairwise(edges):
        if segment.x0 >= left - tolerance and segment.x1 <= right + tolerance:
            return True
    return False


def _header_line_count(block: list[Line], edges: list[float]) -> int:
    """Lines above the first body line: the first line holding a number outside the first column.

    Lines between the last header line over the figure columns and the first figures that sit
    only in label columns (a block heading, a note under a continued header) are body rows.
    """
    numeric_lines = sum(1 for line in block if any(s.numeric for s in line.segments))
    numeric_table = sum(1 for line in block for s in line.segments if s.numeric) >= len(block) or numeric_lines >= 0.6 * len(block)
    if not numeric_table:
        return 1
    first = next((k for k, line in enumerate(block) if _has_figures(line, edges) and not _looks_like_years(line)), None)
    if first is None:
        return 0
    figure_cols = {_column_of((s.x0 + s.x1) / 2, edges) for line in block[first:] for s in line.segments if s.numeric}
    over = [k for k in range(first) if any(set(range(a, b + 1)) & figure_cols for a, b in (_column_range(s, edges) for s in block[k].segments))]
    return max(over) + 1 if over else first


def _looks_like_years(line: Line) -> bool:
    numbers = [s for s in line.segments if s.numeric]
    return bool(numbers) and all(re.fullmatch(r"(19|20)\d\d([-/]\d\d(\d\d)?)?", w.text) for s in numbers for w in s.words)


def _rows(block: list[Line], rules: list[Rule], x0: float, x1: float) -> list[list[Line]]:
    """One row per line, unless rulings across the table separate rows: then the lines between two rulings."""
    width = x1 - x0
    across = sorted(
        r.top
        for r in rules
        if r.x1 - r.x0 >= 0.5 * width and r.x0 <= x0 + 0.5 * width and r.x1 >= x1 - 0.5 * width and block[0].top - 2 <= r.top <= block[-1].bottom + 2
    )
    inner = [y for y in across if block[0].bottom < y < block[-1].top]
    if len(inner) < 2:
        return [[line] for line in block]
    groups: list[list[Line]] = []
    for line in block:
        if groups and not any(_middle(groups[-1][-1]) < y < _middle(line) for y in inner):
            groups[-1].append(line)
        else:
            groups.append([line])
    if any(len(g) > 4 or sum(1 for line in g if any(s.numeric for s in line.segments[1:])) >= 2 for g in groups):
        return [[line] for line in block]  # rulings around groups of figure rows, not around rows
    return groups


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def row_cells(row: int, lines: list[Line], edges: list[float], header: bool) -> list[RawCell]:
    """The cells of one row: each segment in its column, header segments across columns spanning them."""
    n_cols = len(edges) - 1
    placed: dict[int, list[Word]] = {}
    spans: dict[int, int] = {}
    for line in lines:
        for segment in line.segments:
            first, last = _column_range(segment, edges)
            if first == last or header:
                placed.setdefault(first, []).extend(segment.words)
                if last > first:
                    spans[first] = max(spans.get(first, 1), last - first + 1)
            else:  # a body segment across a column edge is two cells run together
                for word in segment.words:
                    placed.setdefault(_column_of(word.cx, edges), []).append(word)
    top, bottom = min(line.top for line in lines), max(line.bottom for line in lines)
    cells: list[RawCell] = []
    next_free = 0
    for col in sorted(placed):
        if cells and col < next_free:  # inside the spanning cell just placed
            cells[-1].words.extend(placed[col])
            continue
        span = min(spans.get(col, 1), n_cols - col)
        next_free = col + span
        cells.append(RawCell(row, col, 1, span, (edges[col], top, edges[col + span], bottom), placed[col], header=header))
    for cell in cells:
        cell.text = text_of(cell.words)
    return cells


def _column_of(x: float, edges: list[float]) -> int:
    for k in range(len(edges) - 1):
        if x < edges[k + 1]:
            return k
    return len(edges) - 2


def _column_range(segment: Segment, edges: list[float]) -> tuple[int, int]:
    """First and last column a segment really occupies (a slight overhang does not count)."""
    lo = max(bisect.bisect_right(edges, segment.x0) - 1, 0)
    hi = min(bisect.bisect_left(edges, segment.x1), len(edges) - 1)
    cols = [
        k for k in range(lo, hi) if _overlap((segment.x0, segment.x1), (edges[k], edges[k + 1])) > 0.25 * min(segment.x1 - segment.x0, edges[k + 1] - edges[k])
    ]
    if not cols:
        c = _column_of((segment.x0 + segment.x1) / 2, edges)
        return c, c
    return cols[0], cols[-1]
