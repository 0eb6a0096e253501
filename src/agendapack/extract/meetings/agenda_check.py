"""Agenda items against the papers: does each item's page range hold that item's papers?"""

from __future__ import annotations

from agendapack.extract.registry import ExtractionContext
from agendapack.models.document import Section, SectionKind
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.records import AgendaItemRef


def item_sections(number: str, context: ExtractionContext) -> list[Section]:
    """Top-level sections carrying this item number (not the agenda itself)."""
    return [s for s in context.sections if s.item_number == number and s.level == 1 and s.kind is not SectionKind.AGENDA]


def outline_range(number: str, context: ExtractionContext) -> tuple[int, int] | None:
    """The item's pages from the outline, for items printed without a page reference."""
    sections = [s for s in item_sections(number, context) if s.source == "outline"]
    if not sections:
        return None
    return min(s.page_start for s in sections), max(s.page_end for s in sections)


def papers_pages(number: str, context: ExtractionContext) -> list[int]:
    """The non-blank pages of the item's sections and the pages stamped 'Agenda Item N'."""
    pages = {p for s in item_sections(number, context) for p in s.pages}
    pages |= {p.page for p in context.pages.values() if p.agenda_item_stamp == number}
    return sorted(p for p in pages if p in context.pages and not context.pages[p].is_blank)


def papers_mismatch(ref: AgendaItemRef, context: ExtractionContext) -> Issue | None:
    """An issue when a '(Pages x - y)' range does not start at, or does not hold, the item's papers."""
    if ref.page_source != "frontsheet" or ref.page_start is None:
        return None
    end = ref.page_end if ref.page_end is not None else ref.page_start
    papers = papers_pages(ref.item_number, context)
    if not papers:
        return None
    outside = [p for p in papers if not ref.page_start <= p <= end]
    if papers[0] == ref.page_start and not outside:
        return None
    printed = f"{ref.printed_page_start}-{ref.printed_page_end}"
    message = (
        f"Agenda item {ref.item_number} gives pages {printed} (physical {ref.page_start}-{end}), but its papers are on physical pages {papers[0]}-{papers[-1]}."
    )
    return make_issue(IssueCode.AGENDA_ITEM_PAPERS_MISMATCH, Stage.EXTRACT, message, page=ref.provenance[0].page)
