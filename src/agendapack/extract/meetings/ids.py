"""Meeting ids: readable, the same wherever the same meeting is read (date, body, type), unique within a pack."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from agendapack.ids import slugify
from agendapack.models.document import Section, SectionKind
from agendapack.models.meetings import Meeting, MeetingSource
from agendapack.models.records import Records


def meeting_id(date: str | None, body: str | None, meeting_type: str | None, fallback: str) -> str:
    """'2019-11-25-family-and-people-services-policy-scrutiny-committee'; the section id when nothing is known."""
    if date is None and body is None:
        return f"{fallback}-meeting"
    parts = [date or "undated"]
    if body:
        parts.append(slugify(body))
    if meeting_type and meeting_type not in ("ordinary",):
        parts.append(meeting_type)
    return "-".join(parts)


def reconcile_meetings(records: Records, sections: Sequence[Section] = ()) -> Records:
    """One row per meeting the pack's minutes describe, each with an id of its own.

    Two sections that read the same meeting (the same date, body and type, and no start times that
    differ) give one meeting; meetings that share date, body and type but started at different
    times (three special meetings on one evening) keep apart, the later ones' ids taking their start
    time ('2005-03-15-city-council-special-2230'), or a count where no time is printed. A decision
    form that names no meeting of its own (no date, no body) records a decision of the meeting the
    form before it named: one notice, one meeting, whatever the number of forms.
    """
    minutes = [m for m in records.meetings if m.source is MeetingSource.MINUTES]
    by_id: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in minutes:
        by_id[meeting.meeting_id].append(meeting)
    renames: dict[tuple[str | None, str], str] = {}
    dropped: set[str] = set()
    taken = {m.meeting_id for m in records.meetings}
    _continued_forms(minutes, sections, renames, dropped)
    for base, group in by_id.items():
        if len(group) < 2:
            continue
        kept: list[Meeting] = [group[0]]
        for meeting in group[1:]:
            same = next((k for k in kept if _same_meeting(k, meeting)), None)
            if same is not None:
                if same.section_id != meeting.section_id:
                    dropped.add(meeting.record_id)
                continue
            new_id = _distinct_id(base, meeting, taken)
            taken.add(new_id)
            renames[(meeting.section_id, meeting.record_id)] = new_id
            kept.append(meeting)
    if not renames and not dropped:
        return records
    return _apply(records, renames, dropped)


def _continued_forms(minutes: list[Meeting], sections: Sequence[Section], renames: dict, dropped: set[str]) -> None:
    """Meetings of decision-notice sections with neither date nor body join the meeting of the notice before them."""
    notices = {s.section_id for s in sections if s.kind is SectionKind.DECISION_NOTICE}
    previous: Meeting | None = None
    for meeting in minutes:
        if meeting.section_id not in notices:
            previous = None
            continue
        if meeting.date is None and meeting.body is None and previous is not None:
            dropped.add(meeting.record_id)
            renames[(meeting.section_id, meeting.record_id)] = previous.meeting_id
            continue
        previous = meeting


def _same_meeting(a: Meeting, b: Meeting) -> bool:
    return a.start_time is None or b.start_time is None or a.start_time == b.start_time


def _distinct_id(base: str, meeting: Meeting, taken: set[str]) -> str:
    if meeting.start_time and f"{base}-{meeting.start_time.replace(':', '')}" not in taken:
        return f"{base}-{meeting.start_time.replace(':', '')}"
    count = 2
    while f"{base}-{count}" in taken:
        count += 1
    return f"{base}-{count}"


def _apply(records: Records, renames: dict[tuple[str | None, str], str], dropped: set[str]) -> Records:
    """Drop the duplicate meeting rows and give the renamed meetings' records their new id.

    A section's records name its meeting by id; a renamed meeting's records are those of its section
    with the old id, read after the meeting row (a section may hold several meetings in order).
    """
    meetings: list[Meeting] = []
    section_ids: dict[tuple[str | None, str], str] = {}  # (section, old id) -> new id for that section's records
    for meeting in records.meetings:
        new_id = renames.get((meeting.section_id, meeting.record_id))
        if meeting.record_id in dropped:
            if new_id:  # merged into another meeting: its section's records follow it there
                section_ids[(meeting.section_id, meeting.meeting_id)] = new_id
            continue
        if new_id:
            section_ids[(meeting.section_id, meeting.meeting_id)] = new_id
            meeting = meeting.model_copy(update={"meeting_id": new_id})
        meetings.append(meeting)
    updates: dict[str, list] = {"meetings": meetings}
    for name in type(records).model_fields:
        if name == "meetings":
            continue
        rows = getattr(records, name)
        if rows and hasattr(rows[0], "meeting_id") and hasattr(rows[0], "section_id"):
            updates[name] = [_renamed(row, section_ids) for row in rows]
    return records.model_copy(update=updates)



def _renamed(row, section_ids: dict[tuple[str | None, str], str]):
    new_id = section_ids.get((row.section_id, row.meeting_id))
    return row.model_copy(update={"meeting_id": new_id}) if new_id else row
