"""Tables of the generated sample pack against values written by hand from its page images.

The budget rows come from fixtures/expected/sample_pack.expected.json (as printed); the
rest from tests/expected/tables/sample_pack.json.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from agendapack import PackDocument
from agendapack.models.issues import IssueCode
from agendapack.models.tabular import AttendanceMark, Table, TableKind, TrackerKind
from agendapack.output.write import write_document

HAND = json.loads((Path(__file__).parent / "expected" / "tables" / "sample_pack.json").read_text(encoding="utf-8"))


def _table(doc: PackDocument, page: int, kind: TableKind, index: int = 0) -> Table:
    found = [t for t in doc.records.tables if t.pages[0] == page and t.kind is kind]
    assert len(found) > index, [(t.record_id, t.kind) for t in doc.records.tables if page in t.pages]
    return found[index]


def _grid(doc: PackDocument, table: Table) -> list[list[str]]:
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in doc.records.table_cells:
        if cell.table_id == table.record_id:
            grid[cell.row][cell.col] = " ".join(cell.text.split())
    return grid


def test_budget_outturn_comes_out_cell_for_cell(sample_doc: PackDocument, expected: dict) -> None:
    table = _table(sample_doc, expected["budget_outturn"]["page"], TableKind.BUDGET)
    rows = [[cell or "" for cell in row] for row in expected["budget_outturn"]["rows"]]
    assert _grid(sample_doc, table) == [HAND["budget"]["header"], *rows]
    assert table.header_rows == 1
    assert table.title == HAND["budget"]["title"]


def test_budget_table_is_read_on_its_landscape_page(sample_doc: PackDocument) -> None:
    table = _table(sample_doc, 19, TableKind.BUDGET)
    page = sample_doc.pages[18]
    assert page.landscape
    box = table.provenance[0].bbox
    assert box is not None and box.x1 > page.height  # wider than a portrait page could hold


def test_every_budget_amount_keeps_its_sign(sample_doc: PackDocument, expected: dict) -> None:
    table = _table(sample_doc, 19, TableKind.BUDGET)
    lines = {(b.row, b.col): b for b in sample_doc.records.budget_lines if b.table_id == table.record_id}
    printed = 0
    for r, row in enumerate(expected["budget_outturn"]["rows"], start=1):
        for c, text in enumerate(row[1:], start=1):
            if text is None:
                assert (r, c) not in lines
                continue
            printed += 1
            line = lines[(r, c)]
            assert line.amount_text == text
            assert line.amount == Decimal(text.replace(",", ""))
            assert (line.amount < 0) == text.startswith("-")
            assert line.line_item == row[0]
    assert len(lines) == printed == 72


def test_budget_lines_carry_block_and_column(sample_doc: PackDocument) -> None:
    lines = [b for b in sample_doc.records.budget_lines if b.line_item in HAND["budget"]["sections"]]
    assert lines
    for line in lines:
        assert line.line_section == HAND["budget"]["sections"][line.line_item]
    headers = {b.col: b.header_path for b in sample_doc.records.budget_lines}
    assert headers == {1: "LBHF", 2: "RBKC", 3: "WCC", 4: "Total"}
    totals = {b.line_item for b in sample_doc.records.budget_lines if b.is_total and b.col != 4}
    assert totals == {"Total Partner Income", "Total Funding", "Total expenditure"}


def test_budget_table_reconciles(sample_doc: PackDocument) -> None:
    assert not [i for i in sample_doc.issues if i.code is IssueCode.TABLE_TOTAL_MISMATCH]


def test_attendance_matrix_one_row_per_role_and_date(sample_doc: PackDocument) -> None:
    entries = sample_doc.records.attendance_matrix
    marks = HAND["attendance"]["marks"]
    assert len(entries) == len(marks) * len(HAND["attendance"]["dates"])
    assert len({(e.person, e.meeting_date) for e in entries}) == len(entries)
    by_person: dict[str, str] = {}
    for entry in sorted(entries, key=lambda e: (e.person, e.meeting_date)):
        assert entry.meeting_date is not None and entry.meeting_date.isoformat() in HAND["attendance"]["dates"]
        assert entry.mark is (AttendanceMark.PRESENT if entry.mark_text == "y" else AttendanceMark.ABSENT)
        assert entry.attended is (entry.mark_text == "y")
        by_person[entry.person] = by_person.get(entry.person, "") + entry.mark_text
    assert by_person == marks
    assert all(e.provenance[0].page == HAND["attendance"]["page"] for e in entries)


def test_every_action_has_its_round_item_and_status(sample_doc: PackDocument) -> None:
    # the action tracker's printed rows; actions recorded in the minutes are tracker rows too (origin=minutes)
    actions = [t for t in sample_doc.records.tracker_rows if t.kind is TrackerKind.ACTION and t.origin == "table"]
    got = [[a.round, a.date.isoformat() if a.date else None, a.agenda_item, a.item, a.status.value, a.status_text] for a in actions]
    assert got == HAND["actions"]


def test_agenda_item_cell_spans_its_actions(sample_doc: PackDocument) -> None:
    table = _table(sample_doc, 28, TableKind.ACTION_TRACKER)
    cells = [c for c in sample_doc.records.table_cells if c.table_id == table.record_id and c.text.startswith("Item 4: Cabinet Member Update")]
    assert [(c.row, c.col, c.row_span, c.col_span) for c in cells] == [(1, 0, 3, 1)]


def test_every_work_programme_entry(sample_doc: PackDocument) -> None:
    entries = [t for t in sample_doc.records.tracker_rows if t.kind is TrackerKind.WORK_PROGRAMME]
    got = [[e.group, e.date.isoformat() if e.date else None, e.date_text, e.item, e.owner] for e in entries]
    assert got == HAND["work_programme"]


def test_every_recommendation_with_empty_responses_kept(sample_doc: PackDocument) -> None:
    entries = [t for t in sample_doc.records.tracker_rows if t.kind is TrackerKind.RECOMMENDATION]
    got = [[e.organisation, e.number, e.item, bool(e.response)] for e in entries]
    assert got == HAND["recommendations"]
    assert all(e.response == "" for e in entries if not e.response)
    assert {e.date.isoformat() for e in entries if e.date} == {"2019-10-17"}


def test_tables_only_where_tables_are(sample_doc: PackDocument) -> None:
    pages = sorted({p for t in sample_doc.records.tables for p in t.pages})
    assert pages == [18, 19, 26, 27, 28, 29, 30]


@pytest.fixture(scope="module")
def written(sample_doc: PackDocument, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_document(sample_doc, tmp_path_factory.mktemp("out"))


def test_csv_tables_have_boxes_and_numbers(written: Path) -> None:
    with (written / "table_cells.csv").open(encoding="utf-8") as handle:
        cells = list(csv.DictReader(handle))
    assert cells and all(row["x0"] and row["top"] and row["x1"] and row["bottom"] and row["page"] for row in cells)
    with (written / "budget_lines.csv").open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    sovereign = next(row for row in lines if row["line_item"] == "Sovereign Borough General Fund" and row["header_path"] == "LBHF")
    assert sovereign["amount"] == "-79169"
    assert sovereign["amount_text"] == "-79,169"  # a plain number, as printed: no formula guard (that is for text)
    with (written / "attendance_matrix.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["meeting_date"] == "2018-04-17"
    document = json.loads((written / "document.json").read_text(encoding="utf-8"))
    assert document["records"]["budget_lines"][0]["amount"] == "-79169"  # exact, as a string
