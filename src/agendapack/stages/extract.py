"""Extract: run the registered extractors over each classified section."""

from __future__ import annotations

from collections.abc import Sequence

from agendapack.extract.frontsheet import FrontsheetItem
from agendapack.extract.meetings.decisions import number_blocks_per_meeting
from agendapack.extract.meetings.ids import reconcile_meetings
from agendapack.extract.registry import ExtractionContext, dispatch_for
from agendapack.models.clean import CleanPack
from agendapack.models.document import Section, TextBlock
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.records import Records


def extract_records(
    pack_id: str, sections: list[Section], pack: CleanPack, frontsheet: list[FrontsheetItem], blocks: Sequence[TextBlock] = ()
) -> tuple[Records, list[Issue]]:
    """All records of all sections; an extractor that raises becomes an issue on its section's first page.

    Each section gets the extractors of its kind and of any other kind its evidence supports
    (`registry.dispatch_for`), each extractor once.
    """
    pages = {page.page: page for page in pack.pages}
    merged: dict[str, list] = {name: [] for name in Records.model_fields}
    issues: list[Issue] = []
    all_sections, by_section = tuple(sections), blocks_by_section(blocks)
    for section in sections:
        for dispatch in dispatch_for(section):
            name = dispatch.name
            context = ExtractionContext(
                pack_id=pack_id,
                section=section,
                pages=pages,
                frontsheet=frontsheet,
                sections=all_sections,
                blocks_by_section=by_section,
                reading_as=dispatch.kind,
                primary=dispatch.primary,
            )
            try:
                result = dispatch.extractor(context)
            except Exception as exc:  # one bad section must not lose the rest of the pack
                message = f"Extractor {name} failed on section {section.section_id}: {type(exc).__name__}: {exc}"
                issues.append(make_issue(IssueCode.EXTRACTOR_FAILED, Stage.EXTRACT, message, page=section.page_start))
                continue
            for field_name in Records.model_fields:
                merged[field_name].extend(getattr(result.records, field_name))
            issues.extend(result.issues)
    # one meeting row per meeting the pack's sections read, its decision blocks numbered across those sections
    return number_blocks_per_meeting(reconcile_meetings(Records(**merged))), issues


def blocks_by_section(blocks: Sequence[TextBlock]) -> dict[str | None, tuple[TextBlock, ...]]:
    """Blocks grouped by their innermost section, each group in the blocks' own order."""
    groups: dict[str | None, list[TextBlock]] = {}
    for block in blocks:
        groups.setdefault(block.section_id, []).append(block)
    return {section_id: tuple(group) for section_id, group in groups.items()}
