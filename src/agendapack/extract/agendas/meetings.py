"""The meeting (or meetings) an agenda is for.

Many US agendas print more than one meeting ('6:00 P.M. CLOSED SESSION', '7:00 PM REGULAR
MEETING'): every session heading with a clock time is a meeting of its own, and session headings
without one ('Special Session', 'Regular Session') take the printed times by type, then in order,
or stand as a meeting without a time when there are more of them than times. Date, body, venue
and members come from the masthead (`masthead`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agendapack.extract.agendas.masthead import Masthead, masthead
from agendapack.extract.agendas.outline import Outline
from agendapack.extract.agendas.reader import AgendaRead
from agendapack.extract.agendas.rows import AgendaRow
from agendapack.extract.agendas.sessions import meeting_type
from agendapack.extract.meetings.dates import find_date, find_time, spells_month_first
from agendapack.extract.meetings.ids import meeting_id
from agendapack.models.geometry import Provenance
from agendapack.models.meetings import Meeting, MeetingSource

_HEADER_PAGES = 2


@dataclass
class Slot:
    """One meeting of the agenda: its type and time, and the session heading its business follows."""

    type: str | None
    time: str | None
    rows: list[AgendaRow] = field(default_factory=list)


def agenda_meetings(read: AgendaRead, section_id: str) -> tuple[list[Meeting], dict[int, str]]:
    """The agenda's meetings, and the meeting id of each session index of its outline."""
    rows = read.rows
    if not rows:
        return [], {}
    month_first = spells_month_first(" ".join(row.text for row in rows[:200]))
    first_item = read.items[0].row_index if read.items else None
    header = masthead([row for row in rows if _in_header(row, rows, first_item)], month_first, read.outline.body)
    if header.date is None:
        return [], {}  # a meeting is known by its date; the agenda extractor says when none was found
    slots, by_session = meeting_slots(read.outline, header, [item.row_index for item in read.items])
    meetings: list[Meeting] = []
    ids: list[str] = []
    for index, slot in enumerate(slots):
        kind = slot.type or header.meeting_type
        distinct = kind if len(slots) > 1 else (kind if kind not in (None, "regular") else None)
        mid = meeting_id(header.date, header.body, distinct or (slot.time.replace(":", "") if len(slots) > 1 and slot.time else None), section_id)
        if mid in ids:
            mid = f"{mid}-{index + 1}"
        ids.append(mid)
        anchor = max(slot.rows, key=lambda r: r.index) if slot.rows else header.anchor
        meetings.append(
            Meeting(
                record_id=f"{section_id}-meeting-{index + 1:03d}",
                section_id=section_id,
                meeting_id=mid,
                source=MeetingSource.FRONTSHEET,
                title=" ".join(anchor.text.split()) if slot.rows and anchor else None,
                meeting_type=kind,
                council=header.council,
                body=header.body,
                date=header.date,
                start_time=slot.time,
                venue=header.venue,
                members=header.members,
                provenance=[Provenance(page=anchor.page, bbox=anchor.row.bbox)] if anchor else [Provenance(page=rows[0].page, bbox=None)],
            )
        )
    return meetings, {session: ids[slot] for session, slot in by_session.items()}


def _in_header(row: AgendaRow, rows: list[AgendaRow], first_item: int | None) -> bool:
    if first_item is not None and row.index >= first_item:
        return False
    first_page = rows[0].page
    return row.page < first_page + _HEADER_PAGES or first_item is not None


def meeting_slots(outline: Outline, header: Masthead, item_rows: list[int]) -> tuple[list[Slot], dict[int, int]]:
    """The agenda's meetings in time order, and which meeting each outline session belongs to."""
    timed: dict[str, Slot] = {}
    timeless: list[tuple[int, AgendaRow, str | None]] = []
    merged: dict[int, int] = {}  # a session heading with no item since the one before it belongs to that one
    for session, (row, after_end) in enumerate(zip(outline.sessions, outline.sessions_after_end, strict=True), start=1):
        if after_end or _other_date(row, header):
            continue
        found = find_time(row.text)
        kind = meeting_type(row.text)
        if found:
            slot = timed.setdefault(found[0], Slot(kind, found[0]))
            slot.type = slot.type or kind
            slot.rows.append(row)
            row.extra["session"] = session
        elif timeless and not any(timeless[-1][1].index < index < row.index for index in item_rows):
            merged[session] = timeless[-1][0]
            previous = timeless[-1]
            timeless[-1] = (previous[0], previous[1], previous[2] or kind)
            previous[1].extra.setdefault("types", [previous[2]]).append(kind)
        else:
            timeless.append((session, row, kind))
    if header.time and header.time not in timed:
        timed[header.time] = Slot(None, header.time)
    slots = [timed[t] for t in sorted(timed)]
    by_session: dict[int, int] = {}
    for index, slot in enumerate(slots):
        for row in slot.rows:
            by_session[row.extra["session"]] = index
    _place_timeless(slots, timeless, by_session)
    for session, into in merged.items():
        if into in by_session:
            by_session[session] = by_session[into]
    if not slots:
        slots = [Slot(header.meeting_type, None)]
    for session in range(len(outline.sessions) + 1):
        by_session.setdefault(session, _slot_before(session, by_session))
    return slots, by_session


def _place_timeless(slots: list[Slot], timeless: list[tuple[int, AgendaRow, str | None]], by_session: dict[int, int]) -> None:
    """'Special Session' and 'Regular Session' without times: matched to the printed times by type, then in order."""
    free = list(range(len(slots)))
    taken: set[int] = set()
    pending: list[tuple[int, AgendaRow, str | None]] = []
    for session, row, kind in timeless:
        kinds = set(row.extra.get("types", [kind])) - {None}
        match = next((i for i in free if i not in taken and slots[i].type in kinds), None)
        if match is None:
            pending.append((session, row, kind))
            continue
        taken.add(match)
        slots[match].rows.append(row)
        by_session[session] = match
    for session, row, kind in pending:
        match = next((i for i in free if i not in taken), None)
        if match is None:
            if kind is None and slots:
                by_session[session] = len(slots) - 1
                continue
            slots.append(Slot(kind, None, [row]))
            match = len(slots) - 1
        else:
            slots[match].type = slots[match].type or kind
            slots[match].rows.append(row)
        taken.add(match)
        by_session[session] = match


def _slot_before(session: int, by_session: dict[int, int]) -> int:
    earlier = [by_session[s] for s in range(session - 1, 0, -1) if s in by_session]
    return earlier[0] if earlier else 0


def _other_date(row: AgendaRow, header: Masthead) -> bool:
    found = find_date(row.text)
    return found is not None and header.date is not None and found[0] != header.date
