"""Agenda sections: the frontsheet's items with their page ranges, as records."""

from __future__ import annotations

from agendapack.extract.frontsheet import printed_to_physical
from agendapack.extract.registry import ExtractionContext, Extracted, register
from agendapack.models.document import SectionKind
from agendapack.models.records import AgendaItemRef, Records


@register(SectionKind.AGENDA)
def agenda_items(context: ExtractionContext) -> Extracted:
    """One `AgendaItemRef` per frontsheet item on this section's pages."""
    physical = printed_to_physical(list(context.pages.values()))
    items = [item for item in context.frontsheet if item.page in context.section.pages]
    refs = []
    for item in items:
        start = physical.get(item.printed_start) if item.printed_start is not None else None
        end = physical.get(item.printed_end) if item.printed_end is not None else None
        refs.append(
            AgendaItemRef(
                record_id=f"{context.section.section_id}-item-{item.number}",
                section_id=context.section.section_id,
                item_number=item.number,
                title=item.title,
                printed_page_start=item.printed_start,
                printed_page_end=item.printed_end,
                page_start=start,
                page_end=end,
                provenance=[item.provenance],
            )
        )
    return Extracted(records=Records(agenda_items=refs))
