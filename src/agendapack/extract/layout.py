"""Small geometry helpers over cleaned lines: visual rows and page text."""

from __future__ import annotations

from dataclasses import dataclass

from agendapack.models.geometry import BBox, union_all
from agendapack.models.source import TextLine

_SAME_ROW_TOLERANCE = 3.0


@dataclass(frozen=True)
class Row:
    """Lines that sit side by side on one visual row, left to right."""

    lines: tuple[TextLine, ...]
    bbox: BBox

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.text.split()) for line in self.lines).strip()

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines if line.text.strip())


def _reading_key(line: TextLine) -> tuple[float, float]:
    return (line.bbox.top, line.bbox.x0)


def visual_rows(lines: list[TextLine]) -> list[Row]:
    """Group horizontal lines into rows by their vertical position, top to bottom."""
    ordered = sorted((line for line in lines if line.horizontal and line.text.strip()), key=_reading_key)
    rows: list[list[TextLine]] = []
    for line in ordered:
        if rows and abs(rows[-1][0].bbox.top - line.bbox.top) <= _SAME_ROW_TOLERANCE:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [_row(group) for group in rows]


def _row(group: list[TextLine]) -> Row:
    group.sort(key=lambda line: line.bbox.x0)
    return Row(lines=tuple(group), bbox=union_all([line.bbox for line in group]))
