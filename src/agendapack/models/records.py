"""Records the extractors produce, one list per record type.

Each extractor issue adds its record families here; every record carries the
section it came from and its provenance.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agendapack.models.geometry import Provenance


class AgendaItemRef(BaseModel):
    """An item listed on an agenda frontsheet, with the pages its papers occupy."""

    record_id: str
    section_id: str | None
    item_number: str
    title: str
    printed_page_start: int | None = Field(default=None, description="From '(Pages x - y)' as printed")
    printed_page_end: int | None = None
    page_start: int | None = Field(default=None, description="Physical page where the item's papers start")
    page_end: int | None = None
    provenance: list[Provenance]


class Records(BaseModel):
    """All extracted records of a pack."""

    agenda_items: list[AgendaItemRef] = Field(default_factory=list)
