"""Which pages to run the table finder on, decided from the text lines the load stage already read.

Reading a page's characters and drawings again costs more than the whole load stage's
pass over it, so only pages that look tabular get that second read. A page qualifies
when at least three of its text rows hold two or more pieces of text side by side with
a clear gap between them (cells of a row, ruled or not), or when it carries a good deal
of text written sideways (a landscape table on a portrait page). Running prose, with one
piece of text per row, never qualifies; nor does a paragraph number before its text,
unless it stands well apart from it (a column of row numbers).
"""

from __future__ import annotations

import itertools
import re

from agendapack.models.clean import CleanPage

_MIN_ROWS = 3
_ROW_TOLERANCE = 3.0
_GAP = 8.0  # points between two pieces of text on one row
_MIN_SIDEWAYS_LINES = 10
_NUMBER_COLUMN_GAP = 40.0  # a number this far from its text stands in a column of its own, not before a paragraph
_ENUMERATOR = re.compile(r"^\(?([0-9]{1,3}(\.[0-9]{1,3})*|[a-zA-Z]|[ivxIVX]{1,4})[.)]?\)?$|^[•●▪·–-]$")


def is_table_candidate(page: CleanPage) -> bool:
    if not page.readable or page.is_blank or page.needs_ocr or len(page.lines) < _MIN_ROWS:
        return False
    if has_sideways_text(page):
        return True
    return split_rows(page) >= _MIN_ROWS


def has_sideways_text(page: CleanPage) -> bool:
    """Enough lines written sideways to hold a table (read from the page's characters)."""
    return sum(1 for line in page.lines if not line.horizontal) >= _MIN_SIDEWAYS_LINES


def split_rows(page: CleanPage) -> int:
    """Text rows with at least two pieces of text separated by a gap (a paragraph number before its text does not count)."""
    pieces: list[tuple[float, float, float, str]] = []  # (baseline, x0, x1, text)
    for line in page.lines:
        if not line.horizontal:
            continue
        start = end = None
        text: list[str] = []
        for span in line.spans:
            if not span.text.strip():
                continue
            if start is not None and end is not None and span.bbox.x0 - end > _GAP:
                pieces.append((line.bbox.bottom, start, end, "".join(text)))
                start, text = None, []
            start = span.bbox.x0 if start is None else start
            end = span.bbox.x1 if end is None else max(end, span.bbox.x1)
            text.append(span.text)
        if start is not None and end is not None:
            pieces.append((line.bbox.bottom, start, end, "".join(text)))
    pieces.sort()
    rows = 0
    k = 0
    while k < len(pieces):
        j = k
        while j + 1 < len(pieces) and pieces[j + 1][0] - pieces[k][0] <= _ROW_TOLERANCE:
            j += 1
        row = sorted((x0, x1, text) for _, x0, x1, text in pieces[k : j + 1])
        if row and _ENUMERATOR.match(row[0][2].strip()) and not (len(row) >= 2 and row[1][0] - row[0][1] > _NUMBER_COLUMN_GAP):
            row = row[1:]
        if _separated(row):
            rows += 1
        k = j + 1
    return rows


def _separated(spans: list[tuple[float, float, str]]) -> bool:
    return any(b[0] - a[1] > _GAP for a, b in itertools.pairwise(spans))
