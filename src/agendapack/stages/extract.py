"""Extract: run the registered extractors over each classified section."""

from __future__ import annotations

from collections.abc import Sequence

from agendapack.extract.frontsheet import FrontsheetItem
from agendapack.extract.registry import ExtractionContext, extractors_for
from agendapack.models.clean import CleanPack
from agendapack.models.document import Section, TextBlock
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.records import Records


def extract_records(
    pack_id: str, sections: list[Section], pack: CleanPack, frontsheet: list[FrontsheetItem], blocks: Sequence[TextBlock] = ()
) -> tuple[Records, list[Issue]]:
    """All records of all sections; an extractor that raises becomes an issue on its section's first page."""
    pages = {page.page: page for page in pack.pages}
    merged: dict[str, list] = {name: [] for name in Records.model_fields}
    issues: list[Issue] = []
    all_sections, all_blocks = tuple(sections), tuple(blocks)
    for section in sections:
        context = ExtractionContext(pack_id=pack_id, section=section, pages=pages, frontsheet=frontsheet, sections=all_sections, blocks=all_blocks)
        for name, extractor in extractors_for(section.kind):
            try:
                result = extractor(context)
            except Exception as exc:  # one bad section must not lose the rest of the pack
                message = f"Extractor {name} failed on section {section.section_id}: {type(exc).__name__}: {exc}"
                issues.append(make_issue(IssueCode.EXTRACTOR_FAILED, Stage.EXTRACT, message, page=section.page_start))
                continue
            for field_name in Records.model_fields:
                merged[field_name].extend(getattr(result.records, field_name))
            issues.extend(result.issues)
    return Records(**merged), issues
