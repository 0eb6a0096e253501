"""Rows of a table without rulings between them: text lines that belong to one row joined back up.

One text line is one row, except where the layout plainly split a row in two:

- a label printed a few points off its figures' baseline (a label cell centred vertically
  while its figures sit at the top): two lines much closer than the table's usual row
  pitch, whose text falls in different columns;
- a label wrapped onto a second line: a line holding text only in columns where the row
  above has its label, that reads on from it (starting in lower case or with a bracket, or
  after a label that ends in a joining word or punctuation).
"""

from __future__ import annotations

import itertools
import re
import statistics

from agendapack.extract.tables.segments import Line

_OFFSET_SHARE = 0.6  # two lines closer than this share of the usual row pitch are one row
_JOINING_END = re.compile(r"(\b(and|or|of|for|to|the|in|on|with|by|from|at|a|an|&)|[,&/(\-–])$", re.IGNORECASE)
_READS_ON = re.compile(r"^[a-z(\[]")


def join_split_rows(rows: list[list[Line]], edges: list[float], header_rows: int) -> list[list[Line]]:
    body = rows[header_rows:]
    if len(body) < 3:
        return rows
    pitch = _usual_pitch(body)
    labels = _label_columns(body, edges)
    out = list(rows[:header_rows])
    for row in body:
        previous = out[-1] if len(out) > header_rows else None
        if previous is not None and (_offset_halves(previous, row, edges, pitch) or _wrapped_label(previous, row, edges, labels)):
            out[-1] = previous + row
        else:
            out.append(row)
    return out


def _usual_pitch(rows: list[list[Line]]) -> float:
    tops = [row[0].top for row in rows]
    gaps = [b - a for a, b in itertools.pairwise(tops) if b > a]
    return statistics.median(gaps) if gaps else 0.0


def _columns(row: list[Line], edges: list[float]) -> set[int]:
    cols = set()
    for line in row:
        for segment in line.segments:
            middle = (segment.x0 + segment.x1) / 2
            cols.add(sum(1 for e in edges[1:-1] if e < middle))
    return cols


def _has_figures(row: list[Line]) -> bool:
    return any(s.numeric for line in row for s in line.segments)


def _offset_halves(upper: list[Line], lower: list[Line], edges: list[float], pitch: float) -> bool:
    if len(upper) != 1 or len(lower) != 1 or pitch <= 0:
        return False
    if lower[0].top - upper[0].top >= _OFFSET_SHARE * pitch:
        return False
    if _has_figures(upper) == _has_figures(lower):
        return False  # a label and its figures: exactly one of the two lines holds figures
    return not (_columns(upper, edges) & _columns(lower, edges))


def _label_columns(rows: list[list[Line]], edges: list[float]) -> set[int]:
    """Columns whose body text is mostly words, not figures."""
    words: dict[int, int] = {}
    figures: dict[int, int] = {}
    for row in rows:
        for line in row:
            for segment in line.segments:
                col = sum(1 for e in edges[1:-1] if e < (segment.x0 + segment.x1) / 2)
                counts = figures if segment.numeric else words
                counts[col] = counts.get(col, 0) + 1
    return {c for c, n in words.items() if n > 2 * figures.get(c, 0)}


def _wrapped_label(upper: list[Line], lower: list[Line], edges: list[float], labels: set[int]) -> bool:
    if len(lower) != 1 or _has_figures(lower) or not _has_figures(upper):
        return False
    lower_cols = _columns(lower, edges)
    label_cols = (_columns([upper[-1]], edges) - _figure_columns(upper[-1], edges)) & labels
    if not lower_cols or not lower_cols <= label_cols:
        return False
    text = lower[0].segments[0].text
    above = next((s.text for s in upper[-1].segments if not s.numeric), "")
    return bool(_READS_ON.match(text) or _JOINING_END.search(above))


def _figure_columns(line: Line, edges: list[float]) -> set[int]:
    return {sum(1 for e in edges[1:-1] if e < (s.x0 + s.x1) / 2) for s in line.segments if s.numeric}
