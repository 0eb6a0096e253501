"""Tables: found on every page that holds one, kept cell by cell, and read into typed rows where understood.

`with_tables` is the pipeline's entry point: it adds the table records of a pack to the
records the section extractors produced.
"""

from __future__ import annotations

from typing import Protocol

from agendapack.models.clean import CleanPack
from agendapack.models.document import Section
from agendapack.models.issues import Issue
from agendapack.models.records import Records


class TablePages(Protocol):
    """Where the table pass reads a candidate page's drawings (and characters) from: the document the load stage opened.

    `agendapack.stages.load.OpenPdf` is the one implementation; asked one page at a time, so no page's
    drawings are held beyond that page.
    """

    def content(self, page_no: int, chars: bool = False) -> tuple[list[dict], list[dict]] | None:
        """(rawdict text blocks, or [] unless `chars`; get_cdrawings paths) of a 1-based page, or None when it cannot be read."""
        ...


def with_tables(pages: TablePages, sections: list[Section], pack: CleanPack, records: Records) -> tuple[Records, list[Issue]]:
    """`records` plus the tables, cells, budget lines, attendance matrix entries and tracker rows of the pack."""
    from agendapack.extract.tables.run import extract_tables  # late: keeps `import agendapack` light

    found, issues = extract_tables(pages, sections, pack)
    update = {name: getattr(records, name) + getattr(found, name) for name in Records.model_fields if getattr(found, name)}
    return records.model_copy(update=update), issues
