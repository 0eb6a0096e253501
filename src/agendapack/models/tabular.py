"""Tables and what is read from them: cells, budget lines, attendance matrix entries, tracker rows.

Every table is kept cell by cell with its geometry (`Table`, `TableCell`), whether or not
its content is understood. Tables that are understood are also turned into typed rows:
money into `BudgetLine`s, people-by-meeting grids into `AttendanceMatrixEntry`s, action
and recommendation trackers, work programmes and forward plans into `TrackerRow`s.

Amounts are exact decimals: `document.json` writes them as strings ("-79169", "1.2")
so no digit is lost to binary floating point; the CSV and Parquet tables write them as
numbers. Dates are ISO (YYYY-MM-DD).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from agendapack.models.geometry import Provenance


class TableMethod(StrEnum):
    RULED = "ruled"
    TEXT = "text"
    HYBRID = "hybrid"
    RAW = "raw"


class TableKind(StrEnum):
    GENERIC = "generic"
    BUDGET = "budget"
    ATTENDANCE = "attendance"
    ACTION_TRACKER = "action_tracker"
    RECOMMENDATION_TRACKER = "recommendation_tracker"
    WORK_PROGRAMME = "work_programme"
    FORWARD_PLAN = "forward_plan"
    CHART = "chart"  # a chart's axis and data labels, or a panel framing a chart: kept cell by cell, never read as data


class TableQuality(BaseModel):
    """How cleanly a table was read."""

    empty_cell_share: float = Field(ge=0.0, le=1.0, description="Share of grid cells with no text")
    text_in_cells_share: float = Field(ge=0.0, le=1.0, description="Share of the words inside the table's box that fell into a cell")
    split_words: int = Field(default=0, ge=0, description="Words cut in two by a cell border")


class Table(BaseModel):
    """One table, possibly continued over several pages (stitched into one grid)."""

    record_id: str
    section_id: str | None
    pages: list[int] = Field(description="Physical pages the table is printed on, in order")
    method: TableMethod = Field(
        description="ruled: cells from rulings; text: columns from text alignment; hybrid: rows from rulings, columns from text; "
        "raw: not structured, one cell per text line"
    )
    kind: TableKind = TableKind.GENERIC
    rotation: int = Field(default=0, description="Clockwise turn, in degrees, that makes the table's text read left to right (90 for a table printed sideways)")
    n_rows: int = Field(ge=0)
    n_cols: int = Field(ge=0)
    header_rows: int = Field(default=0, ge=0, description="Leading rows that are column headers")
    repeated_header_rows: int = Field(default=0, ge=0, description="Header rows repeated at the top of continuation pages, left out of the grid")
    title: str | None = Field(default=None, description="Caption printed just above the table")
    context: list[str] = Field(default_factory=list, description="Short lines just above the table, nearest first (caption, unit line, round heading)")
    unit: str | None = Field(default=None, description="Unit stated for the whole table: £, £000s, £m, %")
    quality: TableQuality
    provenance: list[Provenance] = Field(description="The table's box on each of its pages")


class TableCell(BaseModel):
    """One cell: its text as printed, grid position, spans and box."""

    record_id: str
    table_id: str
    section_id: str | None
    row: int = Field(ge=0)
    col: int = Field(ge=0)
    row_span: int = Field(default=1, ge=1)
    col_span: int = Field(default=1, ge=1)
    text: str = Field(description="Lines joined with newlines, words with spaces")
    heading: str | None = Field(default=None, description="Leading bold line(s) of a cell that goes on in regular type: a title over its summary")
    is_header: bool = False
    provenance: list[Provenance]


class Measure(StrEnum):
    BUDGET = "budget"
    ACTUAL = "actual"
    OUTTURN = "outturn"
    VARIANCE = "variance"
    FORECAST = "forecast"
    OTHER = "other"


class BudgetLine(BaseModel):
    """One figure of a table of money, in long form."""

    record_id: str
    table_id: str
    section_id: str | None
    row: int = Field(ge=0)
    col: int = Field(ge=0)
    line_item: str = Field(description="The row's label, e.g. 'Metropolitan Police'")
    line_section: str | None = Field(default=None, description="The block heading the row falls under, e.g. 'CONTRIBUTIONS'")
    row_ref: str | None = Field(default=None, description="The row's reference as printed in a column of its own: 'Row Ref' 6, account code '20-110-1'")
    labels: dict[str, str] = Field(
        default_factory=dict, description="The row's other text cells by column header (category, directorate, description ...), as printed"
    )
    header_path: str = Field(description="Column headers from the top down, joined with ' / ', e.g. 'CYPE / Core'")
    period: str | None = Field(default=None, description="Year or quarter named in the column header, e.g. '2025-26', 'Q3'")
    measure: Measure
    unit: str | None = Field(default=None, description="£, £000s, £m, £bn, $, $000s, $m, €, €000s, €m or %")
    amount: Decimal | None = Field(description="The figure as printed, exact; None for a nil entry ('-', '–')")
    amount_pounds: Decimal | None = Field(default=None, description="The amount in pounds, when the unit is a money unit")
    amount_text: str = Field(description="The cell's text as printed")
    is_total: bool = Field(default=False, description="The row, or the column anywhere in its header path ('TOTAL / Core'), is labelled as a total")
    provenance: list[Provenance]


class AttendanceMark(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    APOLOGIES = "apologies"
    SUBSTITUTE = "substitute"
    NOT_A_MEMBER = "not_a_member"
    UNKNOWN = "unknown"


class AttendanceMatrixEntry(BaseModel):
    """One person or role at one meeting date, from a members-by-meetings grid."""

    record_id: str
    table_id: str
    section_id: str | None
    person: str = Field(description="The row label: a name or a role")
    meeting_date: dt.date | None = Field(description="The column's meeting date, ISO")
    date_text: str = Field(description="The column header as printed")
    mark: AttendanceMark
    mark_text: str = Field(description="The cell as printed: y, n, A, apologies, ...")
    attended: bool | None = Field(default=None, description="True for present or substitute, False for absent or apologies")
    provenance: list[Provenance]


class TrackerKind(StrEnum):
    ACTION = "action"
    RECOMMENDATION = "recommendation"
    WORK_PROGRAMME = "work_programme"
    FORWARD_PLAN = "forward_plan"


class TrackerStatus(StrEnum):
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    ONGOING = "ongoing"
    NOT_STARTED = "not_started"
    UNKNOWN = "unknown"


class TrackerRow(BaseModel):
    """One entry of an action tracker, recommendation tracker, work programme or forward plan.

    Which fields are filled depends on the kind: an action has an agenda item, the action
    and its update; a recommendation its organisation, number, text and response; a work
    programme item its round, date, reasons and who presents it; a forward-plan entry its
    lead officer, decision, meeting date, decision taker and report type.
    """

    record_id: str
    table_id: str | None = Field(description="The table the entry was read from; None for an entry read from a list (task groups)")
    section_id: str | None
    kind: TrackerKind
    group: str | None = Field(default=None, description="The heading the entry is listed under: a round with its date, 'Unallocated items', 'Task groups'")
    round: str | None = Field(default=None, description="Meeting round as printed, e.g. 'ROUND THREE'")
    date: dt.date | None = Field(default=None, description="Meeting date of the round or entry, ISO")
    date_text: str | None = Field(default=None, description="The date as printed, or 'TBC'")
    agenda_item: str | None = None
    item: str = Field(description="The action, recommendation, work programme item or decision title")
    detail: str | None = Field(default=None, description="Reasons and objective, or the summary of the decision")
    response: str | None = Field(default=None, description="Update or response as printed; empty string when the response cell is empty")
    owner: str | None = Field(default=None, description="Represented by, lead officer")
    organisation: str | None = None
    number: str | None = Field(default=None, description="Recommendation number as printed")
    decision_taker: str | None = None
    report_type: str | None = None
    status: TrackerStatus = TrackerStatus.UNKNOWN
    status_text: str | None = Field(default=None, description="The status wording as printed")
    cells: dict[str, str] = Field(default_factory=dict, description="Every cell of the row by its column header, as printed")
    origin: str = Field(default="table", description="table: a row of a printed tracker; minutes: an action recorded in a meeting's minutes")
    action_id: str | None = Field(default=None, description="For origin=minutes: the record_id of the action in `actions`")
    provenance: list[Provenance]
