"""Agenda sections: the meeting the pack is for, and the frontsheet's items with their page ranges.

An item's physical pages come from its "(Pages x - y)" reference mapped through
the printed page numbers, or else from the outline entry carrying its number.
Each referenced range is checked against the item's papers (its section and
its "Agenda Item N" stamps); a range that does not hold them is an issue.
"""

from __future__ import annotations

from agendapack.extract.frontsheet import FrontsheetItem, printed_to_physical
from agendapack.extract.meetings.agenda_check import outline_range, papers_mismatch
from agendapack.extract.meetings.frontsheet_meeting import pack_meeting
from agendapack.extract.registry import Extracted, ExtractionContext, register
from agendapack.models.document import SectionKind
from agendapack.models.records import AgendaItemRef


@register(SectionKind.AGENDA)
def agenda_items(context: ExtractionContext) -> Extracted:
    """The pack's meeting and one `AgendaItemRef` per frontsheet item on this section's pages."""
    physical = printed_to_physical(list(context.pages.values()))
    meeting = pack_meeting(context)
    meeting_id = meeting.meeting_id if meeting else None
    items = [item for item in context.frontsheet if item.page in context.section.pages]
    out = Extracted()
    out.records.agenda_items = [_item_ref(context, item, physical, meeting_id) for item in items]
    if meeting is not None and meeting.section_id == context.section.section_id:
        out.records.meetings = [meeting]
    for ref in out.records.agenda_items:
        issue = papers_mismatch(ref, context)
        if issue is not None:
            out.issues.append(issue)
    return out


def _item_ref(context: ExtractionContext, item: FrontsheetItem, physical: dict[int, int], meeting_id: str | None) -> AgendaItemRef:
    start = physical.get(item.printed_start) if item.printed_start is not None else None
    end = physical.get(item.printed_end) if item.printed_end is not None else None
    source = "frontsheet" if start is not None else None
    if start is None and item.printed_start is None:
        found = outline_range(item.number, context)
        if found is not None:
            (start, end), source = found, "outline"
    return AgendaItemRef(
        record_id=f"{context.section.section_id}-item-{item.number}",
        section_id=context.section.section_id,
        item_number=item.number,
        title=item.title,
        printed_page_start=item.printed_start,
        printed_page_end=item.printed_end,
        page_start=start,
        page_end=end,
        meeting_id=meeting_id,
        parent_number=item.parent,
        page_source=source,
        provenance=[item.provenance],
    )
