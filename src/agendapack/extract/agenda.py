"""Agenda sections: the meeting(s) the agenda is for, and its items, from any publisher.

Items are read by `agendapack.extract.agendas` from structure every publisher shares (numbering,
typography, headings); see that package. Here they become `AgendaItemRef` records: an item's
physical pages come from its "(Pages x - y)" reference mapped through the printed page numbers,
or else from the outline entry carrying its number, and each referenced range is checked against
the item's papers. Self-checks become issues with their page: numbering that skips or repeats, a
line that looks like an item but continues no list, an agenda section with no items at all.
"""

from __future__ import annotations

from agendapack.extract.agendas.reader import AgendaItem
from agendapack.extract.frontsheet import printed_to_physical
from agendapack.extract.meetings.agenda_check import outline_range, papers_mismatch
from agendapack.extract.meetings.frontsheet_meeting import AgendaReading, agenda_reading, pack_agenda_section
from agendapack.extract.registry import Extracted, ExtractionContext, register
from agendapack.models.document import SectionKind
from agendapack.models.geometry import Provenance
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.meetings import Meeting
from agendapack.models.records import AgendaItemRef

_SECONDARY_MIN_ITEMS = 3
IRREGULAR = {
    "repeat": "repeats or goes back on the numbering before it",
    "late": "starts a list at a number other than the first",
    "misplaced": "is numbered under an earlier item than the one it is printed under",
}


@register(SectionKind.AGENDA)
def agenda_items(context: ExtractionContext) -> Extracted:
    """The agenda's meetings and one `AgendaItemRef` per item, with the issues its self-checks raise."""
    reading = agenda_reading(context)
    primary = getattr(context, "primary", True)
    out = Extracted()
    if not primary and not _reads_as_agenda(context, reading):
        return out  # a section that is mainly something else, without an agenda's list of items
    physical = printed_to_physical(list(context.pages.values()))
    out.records.agenda_items = [_item_ref(context, reading, item, physical) for item in reading.read.items]
    if primary or reading.read.items:
        out.records.meetings = [m for m in _new_meetings(context, reading) if primary or m.date is not None]
    out.issues.extend(_self_checks(context, reading, primary))
    for ref in out.records.agenda_items:
        issue = papers_mismatch(ref, context)
        if issue is not None:
            out.issues.append(issue)
    return out


def _reads_as_agenda(context: ExtractionContext, reading: AgendaReading) -> bool:
    """Enough items, one of them procedural, with a file number or a page reference; and no stronger evidence of minutes."""
    items = reading.read.items
    if len(items) < _SECONDARY_MIN_ITEMS:
        return False
    scores = getattr(context.section, "kind_scores", None) or {}
    if scores.get(SectionKind.MINUTES, 0.0) > scores.get(SectionKind.AGENDA, 0.0):
        return False  # numbered minutes look like an agenda; the evidence says which they are
    return any(item.file_number or item.page_ref or "procedural" in item.reason for item in items)


def _new_meetings(context: ExtractionContext, reading: AgendaReading) -> list[Meeting]:
    """The section's meetings less those an earlier agenda section of the pack already gave (a supplementary agenda)."""
    earlier = set()
    for section in context.sections:
        if section.section_id == context.section.section_id:
            break
        if section.kind == SectionKind.AGENDA:
            earlier |= {(m.date, m.start_time) for m in agenda_reading(context, section).meetings}
    return [m for m in reading.meetings if (m.date, m.start_time) not in earlier]


def _item_ref(context: ExtractionContext, reading: AgendaReading, item: AgendaItem, physical: dict[int, int]) -> AgendaItemRef:
    printed_start, printed_end = item.page_ref if item.page_ref else (None, None)
    start = physical.get(printed_start) if printed_start is not None else None
    end = physical.get(printed_end) if printed_end is not None else None
    source = "frontsheet" if start is not None else None
    if start is None and printed_start is None and item.level == 1 and _owns_outline(context):
        found = outline_range(item.number, context)
        if found is not None:
            (start, end), source = found, "outline"
    return AgendaItemRef(
        record_id=f"{context.section.section_id}-item-{item.ordinal:03d}",
        section_id=context.section.section_id,
        item_number=item.number,
        title=item.title,
        printed_page_start=printed_start,
        printed_page_end=printed_end,
        page_start=start,
        page_end=end,
        meeting_id=reading.meeting_id_of(item.session),
        parent_number=item.parent,
        page_source=source,
        printed_number=item.printed,
        level=item.level,
        group=item.group,
        file_number=item.file_number,
        method=item.reason,
        provenance=[Provenance(page=item.page, bbox=item.bbox)],
    )


def _owns_outline(context: ExtractionContext) -> bool:
    """Outline entries name the pack's items only for the pack's own agenda, not for one printed inside a paper."""
    agenda = pack_agenda_section(context)
    return agenda is None or agenda.section_id == context.section.section_id


def _self_checks(context: ExtractionContext, reading: AgendaReading, primary: bool) -> list[Issue]:
    issues: list[Issue] = []
    read = reading.read
    section = context.section
    if not read.items and primary:
        message = f"Agenda section {section.section_id} ({section.title!r}) has no numbered items that could be read."
        issues.append(make_issue(IssueCode.AGENDA_NO_ITEMS, Stage.EXTRACT, message, page=section.page_start))
    if read.items and not reading.meetings and (primary or len(read.items) >= _SECONDARY_MIN_ITEMS):
        message = f"Agenda section {section.section_id} lists items but no meeting date could be read above its first item."
        issues.append(make_issue(IssueCode.AGENDA_NO_DATE, Stage.EXTRACT, message, page=read.items[0].page))
    for item, how in read.irregular:
        what = IRREGULAR.get(how, "skips a number")
        message = f"Agenda item {item.printed!r} ({item.title[:60]!r}) {what}; kept as printed."
        issues.append(make_issue(IssueCode.AGENDA_NUMBERING_IRREGULAR, Stage.EXTRACT, message, page=item.page))
    for row in read.unread:
        message = f"A line on page {row.page} starts like an agenda item ({row.text[:60]!r}) but its number continues no list; it was not read as an item."
        issues.append(make_issue(IssueCode.AGENDA_ITEM_UNREAD, Stage.EXTRACT, message, page=row.page))
    return issues
