"""Tables: found on every page that holds one, kept cell by cell, and read into typed rows where understood.

`with_tables` is the pipeline's entry point: it adds the table records of a pack to the
records the section extractors produced.
"""

from __future__ import annotations

from pathlib import Path

from agendapack.models.clean import CleanPack
from agendapack.models.document import Section
from agendapack.models.issues import Issue
from agendapack.models.records import Records


def with_tables(path: Path, sections: list[Section], pack: CleanPack, records: Records) -> tuple[Records, list[Issue]]:
    """`records` plus the tables, cells, budget lines, attendance matrix entries and tracker rows of the pack."""
    from agendapack.extract.tables.run import extract_tables  # late: keeps `import agendapack` light

    found, issues = extract_tables(path, sections, pack)
    update = {name: getattr(records, name) + getattr(found, name) for name in Records.model_fields if getattr(found, name)}
    return records.model_copy(update=update), issues
