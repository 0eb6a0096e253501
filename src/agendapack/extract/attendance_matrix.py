"""Attendance matrices: people or roles down the side, meeting dates across the top, a mark in each cell.

A table is one when at least two of its column headers are dates and its cells hold
short marks (y / n / A / ✓ / apologies ...). Every person-and-date cell becomes an
`AttendanceMatrixEntry` with the mark normalised and the printed mark kept; an empty
cell is kept too, as an unknown mark.
"""

from __future__ import annotations

import re

from agendapack.extract.tables.values import parse_date
from agendapack.extract.tables.view import ReadResult, TableView
from agendapack.models.document import SectionKind
from agendapack.models.tabular import AttendanceMark, AttendanceMatrixEntry, TableKind

_MARKS: tuple[tuple[re.Pattern[str], AttendanceMark], ...] = (
    (re.compile(r"^(y|yes|p|present|attended|✓|✔|☑|x?✓)$", re.IGNORECASE), AttendanceMark.PRESENT),
    (re.compile(r"^(a|ap|apol|apols|apologies|apology|sent apologies)$", re.IGNORECASE), AttendanceMark.APOLOGIES),
    (re.compile(r"^(s|sub|substitute|d|delegate|deputy|rep)$", re.IGNORECASE), AttendanceMark.SUBSTITUTE),
    (re.compile(r"^(n|no|x|✗|✘|absent|did not attend|dna)$", re.IGNORECASE), AttendanceMark.ABSENT),
    (re.compile(r"^(n/?a|-|–|—|not a member)$", re.IGNORECASE), AttendanceMark.NOT_A_MEMBER),
)
_MAX_MARK_WORDS = 3
_MARK_SHARE = 0.8


def normalise_mark(text: str) -> AttendanceMark:
    flat = " ".join(text.split()).rstrip(".")
    for pattern, mark in _MARKS:
        if pattern.match(flat):
            return mark
    return AttendanceMark.UNKNOWN


def read_attendance(view: TableView, section_kind: SectionKind) -> ReadResult | None:
    if view.header_rows == 0 or view.n_cols < 3:
        return None
    date_cols = {c: d for c in range(1, view.n_cols) if (d := parse_date(view.header_text(c))) is not None}
    if len(date_cols) < 2 or not _cells_are_marks(view, list(date_cols)):
        return None
    entries = []
    for row in view.body_rows():
        person = view.text(row, 0)
        if not person:
            continue
        for col, day in date_cols.items():
            cell = view.cell(row, col)
            if cell is None:
                continue
            printed = " ".join(cell.text.split())
            mark = normalise_mark(printed) if printed else AttendanceMark.UNKNOWN
            entries.append(
                AttendanceMatrixEntry(
                    record_id=f"{view.table.record_id}-a{row}-{col}",
                    table_id=view.table.record_id,
                    section_id=view.table.section_id,
                    person=person,
                    meeting_date=day,
                    date_text=view.header_text(col),
                    mark=mark,
                    mark_text=printed,
                    attended=_attended(mark),
                    provenance=cell.provenance,
                )
            )
    return ReadResult(TableKind.ATTENDANCE, {"attendance_matrix": entries})


def _cells_are_marks(view: TableView, cols: list[int]) -> bool:
    texts = [view.own_text(r, c) for r in view.body_rows() for c in cols if view.own_text(r, c)]
    if not texts:
        return False
    marks = sum(1 for t in texts if len(t.split()) <= _MAX_MARK_WORDS and normalise_mark(t) is not AttendanceMark.UNKNOWN)
    return marks >= _MARK_SHARE * len(texts)


def _attended(mark: AttendanceMark) -> bool | None:
    if mark in (AttendanceMark.PRESENT, AttendanceMark.SUBSTITUTE):
        return True
    if mark in (AttendanceMark.ABSENT, AttendanceMark.APOLOGIES):
        return False
    return None
