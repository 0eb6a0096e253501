"""Tables as councils print them, on small PDFs drawn in `table_layouts.py`; expected values worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("reportlab")

import table_layouts as layouts
from agendapack import PackDocument, parse
from agendapack.models.issues import IssueCode
from agendapack.models.tabular import BudgetLine, TableKind, TrackerKind


def _parse(tmp_path: Path, name: str, pages: list, size=layouts.A4) -> PackDocument:
    return parse(layouts.write_pdf(tmp_path / f"{name}.pdf", pages, size))


def _lines(doc: PackDocument) -> dict[tuple[str, str], BudgetLine]:
    return {(b.line_item, b.header_path): b for b in doc.records.budget_lines}


def _cells(doc: PackDocument, table_id: str) -> dict[tuple[int, int], str]:
    return {(c.row, c.col): c.text for c in doc.records.table_cells if c.table_id == table_id}


def test_label_between_year_groups_and_thin_rules_as_column_boundaries(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "groups", [layouts.excel_groups_page, layouts.excel_groups_continued_page], layouts.LANDSCAPE)
    lines = _lines(doc)
    # the figure right-aligned against the rule and the label just after it are two cells
    assert lines[("Staff costs", "2024-25 / Total")].amount == Decimal("1500.0")
    assert lines[("Staff costs", "2025-26 / Core")].amount == Decimal("1260.0")
    assert lines[("Transport", "2025-26 / External")].amount == Decimal("60.0")
    assert lines[("Premises", "2024-25 / External")].amount is None  # a nil dash
    assert all(b.unit == "£000s" for b in doc.records.budget_lines)
    assert lines[("TOTAL SPENDING", "2025-26 / Core")].is_total
    assert lines[("Staff costs", "2025-26 / Total")].is_total and not lines[("Staff costs", "2025-26 / Core")].is_total
    assert not [i for i in doc.issues if i.code is IssueCode.TABLE_TOTAL_MISMATCH]


def test_a_table_continued_without_its_header_keeps_its_column_labels(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "groups", [layouts.excel_groups_page, layouts.excel_groups_continued_page], layouts.LANDSCAPE)
    budget = [t for t in doc.records.tables if t.kind is TableKind.BUDGET]
    assert len(budget) == 1 and budget[0].pages == [1, 2]
    lines = _lines(doc)
    assert lines[("Insurance", "2025-26 / Core")].amount == Decimal("64.5")
    assert lines[("Audit fees", "2024-25 / Total")].provenance[0].page == 2


def test_row_ref_column_is_a_reference_and_a_shaded_total_band_is_split_into_its_columns(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "rowref", [layouts.row_ref_page])
    lines = _lines(doc)
    first = lines[("Extra social workers for the duty team", "2025-26")]
    assert first.amount == Decimal("450.0") and first.row_ref == "1" and first.unit == "£000s"
    assert first.labels == {"Category": "Staffing"}
    total = lines[("TOTAL STAFFING", "2026-27")]
    assert total.amount == Decimal("500.0") and total.is_total and total.row_ref == "4"
    assert not any(b.line_item in {"1", "2", "3", "4"} for b in doc.records.budget_lines)
    table = next(t for t in doc.records.tables if t.kind is TableKind.BUDGET)
    cells = _cells(doc, table.record_id)
    assert cells[(4, 1)] == "TOTAL STAFFING" and cells[(4, 3)] == "500.0" and cells[(4, 4)] == "500.0"


def test_phone_numbers_are_never_amounts(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "contacts", [layouts.contacts_page])
    assert doc.records.budget_lines == []
    assert any("03000 412 345" in c.text for c in doc.records.table_cells)


def test_a_panel_framing_a_chart_picture_is_a_chart_and_the_table_below_still_comes_out(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "kpi", [layouts.kpi_panel_page])
    kinds = {t.title: t.kind for t in doc.records.tables}
    assert kinds["Key performance indicators"] is TableKind.CHART
    assert kinds["Calls by quarter"] is TableKind.GENERIC
    assert [i.page for i in doc.issues if i.code is IssueCode.TABLE_CHART] == [1]
    real = next(t for t in doc.records.tables if t.title == "Calls by quarter")
    assert _cells(doc, real.record_id)[(3, 2)] == "11,640"


def test_a_bar_chart_drawn_as_vectors_gives_no_table_of_data(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "bars", [layouts.bar_chart_page])
    assert doc.records.tables and all(t.kind is TableKind.CHART for t in doc.records.tables)
    assert doc.records.budget_lines == []
    assert any(i.code is IssueCode.TABLE_CHART for i in doc.issues)


def test_recommendation_tracker_with_organisation_comments_columns(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "rec", [layouts.recommendation_tracker_page])
    rows = [r for r in doc.records.tracker_rows if r.kind is TrackerKind.RECOMMENDATION]
    assert [(r.organisation, r.number, r.item) for r in rows] == [
        ("North Health Trust", "1", "That waiting times for hearing tests be published monthly."),
        ("North Health Trust", "2", "That the trust report back on the new booking line."),
        ("Riverside Care Board", "1", "That respite places for carers be reviewed."),
    ]
    assert rows[0].response == "We will publish them from April on our website."
    assert rows[2].response == ""  # an empty response stays empty, not missing


def test_rulings_spelled_as_characters_by_ocr_become_column_boundaries(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "ocr", [layouts.ocr_rulings_page])
    table = next(t for t in doc.records.tables if any(c.text == "20-110-2" for c in doc.records.table_cells if c.table_id == t.record_id))
    cells = _cells(doc, table.record_id)
    row = next(r for (r, c), text in cells.items() if text == "Other Expenses")
    assert [cells.get((row, c)) for c in range(1, 4)] == ["20-110-2", "19,650", "19,650"]
    assert not any(set(text) <= set("|Ilj._ ") for text in cells.values() if text)
    lines = _lines(doc)
    assert lines[("Salaries & Wages", "CY 2013")].amount == Decimal(1010000)
    assert lines[("Salaries & Wages", "CY 2013")].row_ref == "20-110-1"


def test_a_caption_in_the_first_row_is_the_title_not_a_header(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "caption", [layouts.caption_row_page])
    table = next(t for t in doc.records.tables if t.kind is TableKind.BUDGET)
    assert table.title == "Table 4: Community grants 2025-26" and table.header_rows == 1
    lines = _lines(doc)
    assert lines[("Youth club minibus", "Amount")].amount == Decimal(30000) and lines[("Youth club minibus", "Amount")].unit == "$"
    assert lines[("Total", "Amount")].is_total
