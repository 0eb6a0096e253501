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
    """An item listed on an agenda frontsheet, with the pages its papers occupy."""

    record_id: str
    section_id: str | None
    item_number: str
    title: str
    printed_page_start: int | None = Field(default=None, description="From '(Pages x - y)' as printed")
    printed_page_end: int | None = None
    page_start: int | None = Field(default=None, description="Physical page where the item's papers start")
    page_end: int | None = None
    meeting_id: str | None = Field(default=None, description="The meeting the agenda is for")
    parent_number: str | None = Field(default=None, description="For a sub-item such as '6a': its item, '6'")
    page_source: str | None = Field(default=None, description="Where the physical pages came from: 'frontsheet' (its page reference) or 'outline'")
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
