"""Records the extractors produce, one list per record type.

Each extractor issue adds its record families here; every record carries the
section it came from and its provenance.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agendapack.models.geometry import Provenance
from agendapack.models.meetings import Action, Attendance, Declaration, Entity, Meeting, MinuteItem, ReportCover, Resolution, Vote
from agendapack.models.tabular import AttendanceMatrixEntry, BudgetLine, Table, TableCell, TrackerRow


class AgendaItemRef(BaseModel):
    """An item listed on an agenda, with the pages its papers occupy when the agenda says."""

    record_id: str
    section_id: str | None
    item_number: str = Field(description="The item's number without its decoration: '4.1', 'a', 'IV', 'C1', '3a'")
    title: str
    printed_page_start: int | None = Field(default=None, description="From '(Pages x - y)' as printed")
    printed_page_end: int | None = None
    page_start: int | None = Field(default=None, description="Physical page where the item's papers start")
    page_end: int | None = None
    meeting_id: str | None = Field(default=None, description="The meeting the agenda is for")
    parent_number: str | None = Field(default=None, description="For a sub-item such as '6a': its item, '6'")
    page_source: str | None = Field(default=None, description="Where the physical pages came from: 'frontsheet' (its page reference) or 'outline'")
    printed_number: str | None = Field(default=None, description="The number exactly as printed: '4.1.', 'a)', '(iv)', 'ITEM 1:'")
    level: int = Field(default=1, description="1 for an item, 2 for its sub-items, ...")
    group: str | None = Field(default=None, description="The unnumbered heading the item is printed under, e.g. 'CONSENT CALENDAR'")
    file_number: str | None = Field(default=None, description="A legislative file number printed beside the item ('21-0109')")
    method: str | None = Field(default=None, description="Why the item's list was read as agenda items, e.g. 'procedural items, set apart from the body'")
    provenance: list[Provenance]


class Records(BaseModel):
    """All extracted records of a pack."""

    agenda_items: list[AgendaItemRef] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    attendance: list[Attendance] = Field(default_factory=list)
    declarations: list[Declaration] = Field(default_factory=list)
    minute_items: list[MinuteItem] = Field(default_factory=list)
    resolutions: list[Resolution] = Field(default_factory=list)
    votes: list[Vote] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    report_covers: list[ReportCover] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    table_cells: list[TableCell] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    attendance_matrix: list[AttendanceMatrixEntry] = Field(default_factory=list)
    tracker_rows: list[TrackerRow] = Field(default_factory=list)
