"""Named entities in the text blocks of prose sections, with the block and character offsets.

Only prose is read (minutes, reports, annual reports, appendices, questions,
decision notices): tables, trackers and forward plans are lists, not text.
Without a trained pipeline the rules run only on windows of text around a cue
they could match (a currency sign, a per cent, a month, a name before a
bracket, an organisation word), which keeps the cost to a fraction of the parse.
"""

from __future__ import annotations

from collections.abc import Callable

from agendapack import nlp
from agendapack.extract.meetings.frontsheet_meeting import pack_meeting_id
from agendapack.extract.registry import Extracted, ExtractionContext, register
from agendapack.models.document import SectionKind, TextBlock
from agendapack.models.geometry import Provenance
from agendapack.models.meetings import Entity
from agendapack.models.records import Records

PROSE_KINDS = (SectionKind.REPORT, SectionKind.ANNUAL_REPORT, SectionKind.APPENDIX, SectionKind.QUESTIONS, SectionKind.DECISION_NOTICE)


@register(*PROSE_KINDS)
def prose_entities(context: ExtractionContext) -> Extracted:
    """Entities of a prose section, for the meeting its pack is for."""
    meeting = pack_meeting_id(context)
    return Extracted(records=Records(entities=section_entities(context, lambda _page: meeting)))


def section_entities(context: ExtractionContext, meeting_for_page: Callable[[int], str | None]) -> list[Entity]:
    """Entities of the blocks whose innermost section is this one (a parent leaves its children's pages to them)."""
    section_id = context.section.section_id
    use_trained = nlp.trained_pipeline() is not None
    blocks = context.own_blocks()
    if not blocks:
        return []
    found = nlp.find_entities([b.text for b in blocks], use_trained=use_trained)
    out: list[Entity] = []
    for block, spans in zip(blocks, found, strict=True):
        for span in spans:
            out.append(_entity(section_id, block, span, meeting_for_page(block.page), len(out) + 1))
    return out


def _entity(section_id: str, block: TextBlock, span: nlp.EntitySpan, meeting_id: str | None, number: int) -> Entity:
    return Entity(
        record_id=f"{section_id}-entity-{number:04d}",
        section_id=section_id,
        meeting_id=meeting_id,
        block_id=block.block_id,
        label=span.label,
        text=span.text,
        role=span.role,
        start_char=span.start_char,
        end_char=span.end_char,
        method=span.method,
        provenance=[Provenance(page=block.page, bbox=block.bbox)],
    )
