"""Flat tables of the tables, table cells, budget lines, attendance matrices, tracker rows records.

Every row has pack_id, record_id, section_id, the page and the box (x0, top, x1,
bottom) of the record's first provenance entry. Amounts are numbers here (exact
decimal strings in document.json); dates are ISO.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from agendapack.output.spec import BOX_COLUMNS, PACK, PAGE, SECTION_ID, TO_PACK, TO_PAGE, TO_SECTION, TO_TABLE, TO_TABLE_ALWAYS, TableSpec, col, record_rows

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

_INT64 = 1 << 63
RECORD = col("record_id", "string", "Record id within the pack")
TABLE_ID = col("table_id", "string", "The table the row was read from")


def _number(value: Decimal | None) -> int | float | None:
    """A figure as a plain number, written as printed: whole numbers without '.0'.

    Decimal -> float keeps every printed digit of the figures tables print (under 16 significant digits). A whole
    number too large for a 64-bit integer (Parquet's and the database's) is a float; one too large even for that is
    left empty (document.json keeps the exact decimal, amount_text the cell as printed).
    """
    if value is None:
        return None
    if value.as_tuple().exponent == 0 and -_INT64 <= value < _INT64:
        return int(value)
    number = float(value)
    return number if math.isfinite(number) else None


def _rows(doc: PackDocument, field: str, values) -> Iterator[dict]:
    return record_rows(doc, field, values)


def _table_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "tables",
        lambda t: {
            "pages": "; ".join(str(p) for p in t.pages),
            "method": t.method.value,
            "kind": t.kind.value,
            "rotation": t.rotation,
            "n_rows": t.n_rows,
            "n_cols": t.n_cols,
            "header_rows": t.header_rows,
            "repeated_header_rows": t.repeated_header_rows,
            "title": t.title,
            "unit": t.unit,
            "empty_cell_share": t.quality.empty_cell_share,
            "text_in_cells_share": t.quality.text_in_cells_share,
            "split_words": t.quality.split_words,
        },
    )


def _cell_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "table_cells",
        lambda c: {
            "table_id": c.table_id,
            "row": c.row,
            "col": c.col,
            "row_span": c.row_span,
            "col_span": c.col_span,
            "is_header": c.is_header,
            "text": c.text,
        },
    )


def _budget_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "budget_lines",
        lambda b: {
            "table_id": b.table_id,
            "row": b.row,
            "col": b.col,
            "line_item": b.line_item,
            "line_section": b.line_section,
            "header_path": b.header_path,
            "period": b.period,
            "measure": b.measure.value,
            "unit": b.unit,
            "amount": _number(b.amount),
            "amount_pounds": _number(b.amount_pounds),
            "amount_text": b.amount_text,
            "is_total": b.is_total,
            "row_ref": b.row_ref,
            "labels": json.dumps(b.labels, ensure_ascii=False, sort_keys=True) if b.labels else None,
        },
    )


def _attendance_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "attendance_matrix",
        lambda a: {
            "table_id": a.table_id,
            "person": a.person,
            "meeting_date": a.meeting_date,
            "date_text": a.date_text,
            "mark": a.mark.value,
            "mark_text": a.mark_text,
            "attended": a.attended,
        },
    )


def _tracker_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "tracker_rows",
        lambda t: {
            "table_id": t.table_id,
            "kind": t.kind.value,
            "group": t.group,
            "round": t.round,
            "date": t.date,
            "date_text": t.date_text,
            "agenda_item": t.agenda_item,
            "item": t.item,
            "detail": t.detail,
            "response": t.response,
            "owner": t.owner,
            "organisation": t.organisation,
            "number": t.number,
            "decision_taker": t.decision_taker,
            "report_type": t.report_type,
            "status": t.status.value,
            "status_text": t.status_text,
            "origin": t.origin,
            "action_id": t.action_id,
        },
    )


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "tables",
        "Every table found, with its pages, method and quality",
        (
            PACK,
            RECORD,
            SECTION_ID,
            PAGE,
            col("pages", "string", "Physical pages the table is printed on, '; '-separated"),
            col("method", "string", "ruled, text, hybrid or raw"),
            col("kind", "string", "generic, budget, attendance, action_tracker, ..."),
            col("rotation", "integer", "Clockwise turn in degrees that makes its text read left to right"),
            col("n_rows", "integer", "Rows in the grid"),
            col("n_cols", "integer", "Columns in the grid"),
            col("header_rows", "integer", "Leading header rows"),
            col("repeated_header_rows", "integer", "Header rows repeated on continuation pages, left out of the grid"),
            col("title", "string", "Caption printed just above"),
            col("unit", "string", "Unit stated for the whole table"),
            col("empty_cell_share", "number", "Share of grid cells with no text"),
            col("text_in_cells_share", "number", "Share of words in the table's box that fell into a cell"),
            col("split_words", "integer", "Words cut by a cell border"),
            *BOX_COLUMNS,
        ),
        _table_rows,
        ("pack_id", "record_id"),
        (TO_PACK, TO_SECTION, TO_PAGE),
    ),
    TableSpec(
        "table_cells",
        "Every cell of every table, with its grid position, spans and box",
        (
            PACK,
            RECORD,
            TABLE_ID,
            SECTION_ID,
            PAGE,
            col("row", "integer", "Row, 0 at the top"),
            col("col", "integer", "Column, 0 at the left"),
            col("row_span", "integer", "Rows the cell covers"),
            col("col_span", "integer", "Columns the cell covers"),
            col("is_header", "boolean", "A header cell"),
            col("text", "string", "The cell's text as printed"),
            *BOX_COLUMNS,
        ),
        _cell_rows,
        ("pack_id", "record_id"),
        (TO_PACK, TO_TABLE_ALWAYS, TO_SECTION, TO_PAGE),
    ),
    TableSpec(
        "budget_lines",
        "Figures of money tables in long form",
        (
            PACK,
            RECORD,
            TABLE_ID,
            SECTION_ID,
            PAGE,
            col("row", "integer", "Row in the table"),
            col("col", "integer", "Column in the table"),
            col("line_item", "string", "Row label"),
            col("line_section", "string", "Block heading above the row"),
            col("header_path", "string", "Column headers, top down, ' / '-joined"),
            col("period", "string", "Year or quarter of the column"),
            col("measure", "string", "budget, actual, outturn, variance, forecast or other"),
            col("unit", "string", "£, £000s, £m, £bn, $, $000s, $m, €, €000s, €m or %"),
            col("amount", "number", "The figure as printed (negative for '-1,234' or '(1,234)'); empty for a nil '-'"),
            col("amount_pounds", "number", "The figure in pounds, for money units"),
            col("amount_text", "string", "The cell as printed"),
            col("is_total", "boolean", "Row or column labelled as a total"),
            col("row_ref", "string", "The row's reference as printed in a column of its own ('Row Ref' 6, account code '20-110-1')"),
            col("labels", "string", "The row's other text cells by column header, as a JSON object ({\"Directorate\": \"ASCH\", ...})"),
            *BOX_COLUMNS,
        ),
        _budget_rows,
        ("pack_id", "record_id"),
        (TO_PACK, TO_TABLE_ALWAYS, TO_SECTION, TO_PAGE),
    ),
    TableSpec(
        "attendance_matrix",
        "One row per person (or role) and meeting date of an attendance grid",
        (
            PACK,
            RECORD,
            TABLE_ID,
            SECTION_ID,
            PAGE,
            col("person", "string", "Name or role as printed"),
            col("meeting_date", "date", "Meeting date"),
            col("date_text", "string", "Column header as printed"),
            col("mark", "string", "present, absent, apologies, substitute, not_a_member or unknown"),
            col("mark_text", "string", "The cell as printed"),
            col("attended", "boolean", "Present or substitute: true; absent or apologies: false"),
            *BOX_COLUMNS,
        ),
        _attendance_rows,
        ("pack_id", "record_id"),
        (TO_PACK, TO_TABLE_ALWAYS, TO_SECTION, TO_PAGE),
    ),
    TableSpec(
        "tracker_rows",
        "Entries of action and recommendation trackers, work programmes and forward plans",
        (
            PACK,
            RECORD,
            TABLE_ID,
            SECTION_ID,
            PAGE,
            col("kind", "string", "action, recommendation, work_programme or forward_plan"),
            col("group", "string", "Heading the entry is listed under"),
            col("round", "string", "Meeting round as printed"),
            col("date", "date", "Meeting date of the round or entry"),
            col("date_text", "string", "Date as printed, or TBC"),
            col("agenda_item", "string", "Agenda item (action trackers)"),
            col("item", "string", "Action, recommendation, item or decision title"),
            col("detail", "string", "Reasons and objective, or summary of the decision"),
            col("response", "string", "Update or response as printed"),
            col("owner", "string", "Represented by or lead officer"),
            col("organisation", "string", "Organisation a recommendation is made to"),
            col("number", "string", "Recommendation number"),
            col("decision_taker", "string", "Who takes the decision"),
            col("report_type", "string", "Report type"),
            col("status", "string", "completed, in_progress, ongoing, not_started or unknown"),
            col("status_text", "string", "Status wording as printed"),
            col("origin", "string", "table (a printed tracker's row) or minutes (an action recorded in minutes)"),
            col("action_id", "string", "For origin=minutes: the action's record_id in actions"),
            *BOX_COLUMNS,
        ),
        _tracker_rows,
        ("pack_id", "record_id"),
        (TO_PACK, TO_TABLE, TO_SECTION, TO_PAGE),
    ),
)
