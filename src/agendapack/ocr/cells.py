"""The cells a scanned table's rulings draw, found on the page image, so each can be read on its own.

Tesseract reads a page of ruled tables poorly: its layout analysis takes a column of figures
for one text line, drops a short figure boxed in by lines, and reads a minus sign or a
thousands comma differently from one cell to the next. A box drawn by four rulings is a
cell whatever its text, so the rulings the image shows (`ocr.image`) are turned into cells:
the ruling rows are the lines across the page; between two neighbouring rows, the rulings
down that span the whole gap are the cell walls; a box is a cell when the rows above and
below it run along its whole width too. A cell over several columns is one cell; a box with a
side open (no ruling there) is none, and its text keeps the page's reading.
"""

from __future__ import annotations

import itertools

from agendapack.ocr.image import Band

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in image pixels

_SAME_LINE_POINTS = 2.0  # rulings this close across are one line (a ruling's pieces, its two edges)
_COVERED = 0.9  # share of a cell's side a ruling must run along to be its wall
_MIN_CELL_POINTS = 6.0  # smaller boxes are the gap between a double ruling, not a cell
_INSET_POINTS = 1.0  # kept off the walls when reading: what is left of a ruling's grey edge


def ruled_cells(horizontal: list[Band], vertical: list[Band], dpi: int) -> list[Box]:
    """Boxes drawn by four rulings, inset from their walls, top to bottom and left to right."""
    scale = dpi / 72.0
    rows = _lines(horizontal, _SAME_LINE_POINTS * scale)
    walls = _lines(vertical, _SAME_LINE_POINTS * scale)
    smallest, inset = _MIN_CELL_POINTS * scale, round(_INSET_POINTS * scale)
    cells: list[Box] = []
    for (top, top_cover), (bottom, bottom_cover) in itertools.pairwise(rows):
        if bottom - top < smallest:
            continue
        standing = [x for x, cover in walls if _covers(cover, top, bottom)]
        for left, right in itertools.pairwise(standing):
            if right - left >= smallest and _covers(top_cover, left, right) and _covers(bottom_cover, left, right):
                cells.append((round(left) + inset, round(top) + inset, round(right) - inset, round(bottom) - inset))
    return cells


def _lines(bands: list[Band], tolerance: float) -> list[tuple[float, list[tuple[int, int]]]]:
    """Rulings grouped by where they stand across (the centre of the group), each with the stretches it covers."""
    groups: list[tuple[float, list[tuple[int, int]]]] = []
    for first, last, start, end in sorted(bands):
        middle = (first + last + 1) / 2
        if groups and middle - groups[-1][0] <= tolerance:
            place, cover = groups[-1]
            cover.append((start, end))
            groups[-1] = (place, cover)
        else:
            groups.append((middle, [(start, end)]))
    return [(place, _merged(cover)) for place, cover in groups]


def _merged(stretches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(stretches):
        if out and start <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _covers(cover: list[tuple[int, int]], start: float, end: float) -> bool:
    """Whether the stretches run along most of start-end."""
    inside = sum(max(min(b, end) - max(a, start), 0) for a, b in cover)
    return inside >= _COVERED * (end - start)
