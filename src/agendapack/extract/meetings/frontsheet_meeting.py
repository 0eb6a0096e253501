"""The meeting an agenda pack is for, read from its frontsheet: body, date, time, venue, membership.

Two layouts are common: labelled rows ('Date:', 'Time:', 'Venue:', 'Members:')
and a date line with the venue in the rows below it beside an 'Ask for:' /
'Telephone:' column (Kent). The body is the bold heading that is neither the
council's name nor 'Agenda'.
"""

from __future__ import annotations

import re

from agendapack.extract.frontsheet import frontsheet_pages
from agendapack.extract.layout import Row, visual_rows
from agendapack.extract.meetings.dates import find_date, find_time
from agendapack.extract.meetings.header import COUNCIL_RE, _tidy_case
from agendapack.extract.meetings.ids import meeting_id
from agendapack.extract.meetings.people import parse_people
from agendapack.extract.registry import ExtractionContext
from agendapack.models.clean import CleanPage
from agendapack.models.geometry import Provenance
from agendapack.models.meetings import Meeting, MeetingSource

LABEL_RE = re.compile(r"^(?P<label>date|time|venue|place|location|members|membership|committee members)\s*:\s*(?P<value>.*)$", re.I)
SIDE_LABEL_RE = re.compile(r"\b(?:ask for|telephone|tel|email|contact|enquiries to)\s*:", re.I)
NOT_BODY_RE = re.compile(
    r"^(?:\(?public\)?\s*)?(?:agenda|notice of (?:meeting|agenda)|public document pack|summons|supplementary agenda|part \d|unrestricted items|exempt items)\b",
    re.I,
)
_CACHE: dict[str, Meeting | None] = {}
_CACHE_MAX = 64


def pack_meeting(context: ExtractionContext) -> Meeting | None:
    """The pack's own meeting (from its frontsheet), once per pack."""
    if context.pack_id not in _CACHE:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        agenda = next((s for s in context.sections if s.kind == "agenda"), None)
        pages = [context.pages[p] for p in sorted(context.pages)]
        _CACHE[context.pack_id] = frontsheet_meeting(pages, agenda.section_id if agenda else None) if context.frontsheet else None
    return _CACHE[context.pack_id]


def pack_meeting_id(context: ExtractionContext) -> str | None:
    meeting = pack_meeting(context)
    return meeting.meeting_id if meeting else None


def frontsheet_meeting(pages: list[CleanPage], section_id: str | None) -> Meeting | None:
    front = frontsheet_pages(pages)
    if not front:
        return None
    rows = [(page.page, row) for page in front for row in visual_rows(page.lines)]
    labelled = _labelled_values(rows)
    date_row = _date_row(rows, labelled)
    date_text = labelled.get("date", (None, ""))[1] or (date_row[1].text if date_row else "")
    time_text = labelled.get("time", (None, ""))[1] or date_text
    found_date, found_time = find_date(date_text), find_time(time_text)
    venue = labelled.get("venue") or labelled.get("place") or labelled.get("location")
    venue_text = venue[1] if venue else _venue_below(rows, date_row)
    members = labelled.get("members") or labelled.get("membership") or labelled.get("committee members")
    council, body = _council_and_body(rows)
    if found_date is None and body is None:
        return None
    anchor = date_row or next(iter(labelled.values()), None) or rows[0]
    return Meeting(
        record_id=f"{section_id or 'front'}-meeting-001",
        section_id=section_id,
        meeting_id=meeting_id(found_date[0] if found_date else None, body, None, section_id or "front"),
        source=MeetingSource.FRONTSHEET,
        council=council,
        body=body,
        date=found_date[0] if found_date else None,
        start_time=found_time[0] if found_time else None,
        venue=venue_text or None,
        members=_member_names(members[1]) if members else [],
        provenance=[Provenance(page=anchor[0], bbox=anchor[1].bbox if isinstance(anchor[1], Row) else None)],
    )


def _labelled_values(rows: list[tuple[int, Row]]) -> dict[str, tuple[int, str]]:
    """'Members:' and its value, continued on the indented rows below it."""
    values: dict[str, tuple[int, str]] = {}
    position = 0
    while position < len(rows):
        page, row = rows[position]
        match = LABEL_RE.match(row.text)
        position += 1
        if not match:
            continue
        label = match.group("label").lower()
        parts = [match.group("value")]
        value_x = row.lines[1].bbox.x0 if len(row.lines) > 1 else row.bbox.x0
        while position < len(rows) and _continues(rows[position - 1][1], rows[position][1], value_x):
            parts.append(rows[position][1].text)
            position += 1
        values.setdefault(label, (page, " ".join(" ".join(parts).split())))
    return values


def _continues(previous: Row, row: Row, value_x: float) -> bool:
    close = row.bbox.top - previous.bbox.bottom <= max(previous.bbox.height, 1.0) * 0.8
    return close and row.bbox.x0 >= value_x - 2 and not LABEL_RE.match(row.text)


def _date_row(rows: list[tuple[int, Row]], labelled: dict[str, tuple[int, str]]) -> tuple[int, Row] | None:
    for page, row in rows:
        if find_date(row.text) and (not labelled or LABEL_RE.match(row.text)):
            return page, row
    return None


def _venue_below(rows: list[tuple[int, Row]], date_row: tuple[int, Row] | None) -> str | None:
    """The left-column rows right under the date line (Kent: beside 'Ask for:' / 'Telephone:')."""
    if date_row is None:
        return None
    start = next(i for i, (p, r) in enumerate(rows) if p == date_row[0] and r is date_row[1])
    split = _column_split(date_row[1])
    parts: list[str] = []
    previous = date_row[1]
    for _, row in rows[start + 1 :]:
        if row.bbox.top - previous.bbox.bottom > max(previous.bbox.height, 1.0) * 1.2:
            break
        left = [line for line in row.lines if line.bbox.x0 < split and not SIDE_LABEL_RE.search(line.text)]
        if not left:
            break
        parts.append(" ".join(" ".join(line.text.split()) for line in left))
        previous = row
    venue = " ".join(parts).strip(" ,")
    return venue or None


def _column_split(row: Row) -> float:
    """Where the side column starts: at its label, estimated within a line that runs into it."""
    splits = []
    for line in row.lines:
        match = SIDE_LABEL_RE.search(line.text)
        if match:
            share = match.start() / max(len(line.text), 1)
            splits.append(line.bbox.x0 + line.bbox.width * share)
    return min(splits, default=float("inf"))


def _council_and_body(rows: list[tuple[int, Row]]) -> tuple[str | None, str | None]:
    council = body = None
    for _, row in rows[:12]:
        text = row.text.strip()
        if not row.bold or not text or find_date(text) or LABEL_RE.match(text) or NOT_BODY_RE.match(text) or len(text) > 120:
            continue
        if council is None and COUNCIL_RE.search(text) and not re.search(r"\b(?:committee|cabinet|board|panel|sub-committee)\b", text, re.I):
            council = _tidy_case(text)
        elif body is None:
            body = _tidy_case(text)
    return council, body


def _member_names(text: str) -> list[str]:
    return [f"{p.name} ({p.role})" if p.role else p.name for p in parse_people(text)]
