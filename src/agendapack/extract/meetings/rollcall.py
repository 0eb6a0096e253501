"""Roll-call tables: a header row ('Attendee Name  Title  Status  Arrived') and one row per member.

Legistar and Granicus print attendance this way. Columns are found from the header row's text
segments; each following row's segments go to the nearest column to their left. The table ends at
the first row without a recognised status. Header words and status words are data ([attendance]
roll_call_headers, roll_call_statuses).
"""

from __future__ import annotations

import re
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.meetings.paragraphs import PageRow, Para
from agendapack.extract.meetings.people import Person, parse_person
from agendapack.models.meetings import AttendanceType

HEADERS_KEY = conventions.declare("attendance", "roll_call_headers", "Header of the name column of a roll-call table ('Attendee Name')")
STATUSES_KEY = conventions.declare("attendance", "roll_call_statuses", "'Status=type' words of a roll-call table's status column ('Excused=apology')")


@lru_cache(maxsize=1)
def _statuses() -> dict[str, AttendanceType]:
    out: dict[str, AttendanceType] = {}
    for _, entry in conventions.words(STATUSES_KEY):
        word, _, kind = entry.partition("=")
        out[" ".join(word.lower().split())] = AttendanceType(kind.strip())
    return out


@lru_cache(maxsize=1)
def _name_header_re() -> re.Pattern[str] | None:
    words = [w for _, w in conventions.words(HEADERS_KEY)]
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in words) + r")$", re.I) if words else None


def roll_call_tables(paras: list[Para]) -> list[tuple[Para, AttendanceType, str, list[Person]]]:
    """(paragraph, type, label, people) for every member row of every roll-call table, grouped by type."""
    out: list[tuple[Para, AttendanceType, str, list[Person]]] = []
    rows = [(para, row) for para in paras for row in para.rows]
    position = 0
    while position < len(rows):
        columns = _header_columns(rows[position][1])
        if columns is None:
            position += 1
            continue
        position += 1
        while position < len(rows):
            para, row = rows[position]
            member = _member_row(row, columns)
            if member is None:
                break
            person, kind = member
            out.append((para, kind, "roll call", [person]))
            position += 1
    return out


def _header_columns(row: PageRow) -> dict[str, float] | None:
    """x positions of the name, title and status columns, when this row is a roll-call header."""
    regex = _name_header_re()
    segments = [(line.bbox.x0, " ".join(line.text.split())) for line in row.row.lines if line.text.strip()]
    if regex is None or len(segments) < 2:
        return None
    columns: dict[str, float] = {}
    for x0, text in segments:
        lowered = text.lower()
        if regex.match(text):
            columns["name"] = x0
        elif lowered in ("title", "role", "position", "office"):
            columns["title"] = x0
        elif lowered in ("status", "attendance", "present"):
            columns["status"] = x0
        elif lowered in ("arrived", "arrival", "time", "left", "departed"):
            columns.setdefault("time", x0)
    return columns if "name" in columns and "status" in columns else None


def _member_row(row: PageRow, columns: dict[str, float]) -> tuple[Person, AttendanceType] | None:
    cells: dict[str, list[str]] = {}
    ordered = sorted(columns.items(), key=lambda kv: kv[1])
    for line in row.row.lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        column = ordered[0][0]
        for name, x0 in ordered:
            if line.bbox.x0 >= x0 - 6:
                column = name
        cells.setdefault(column, []).append(text)
    status = " ".join(cells.get("status", [])).lower()
    kind = _statuses().get(" ".join(status.split()))
    name = " ".join(cells.get("name", []))
    if kind is None or not name:
        return None
    title = " ".join(cells.get("title", [])) or None
    person, _ = parse_person(f"{name} ({title})" if title else name)
    return (person, kind) if person is not None else None
