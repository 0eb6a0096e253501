"""Whole-pipeline behaviour on tiny PDFs drawn here: totals that do not add up, tables that cannot be structured."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from agendapack import parse
from agendapack.models.issues import IssueCode
from agendapack.models.tabular import TableKind, TableMethod

canvas = pytest.importorskip("reportlab.pdfgen.canvas")


def _ruled_table(c, x: float, top: float, widths: list[float], rows: list[list[str]], height: float = 18.0) -> None:
    """Draw a fully ruled table, top-left at (x, top) in top-down coordinates of an A4 page."""
    page_height = 842.0
    for r, row in enumerate(rows):
        y = page_height - top - (r + 1) * height
        left = x
        for w, text in zip(widths, row, strict=True):
            c.rect(left, y, w, height, stroke=1, fill=0)
            if text:
                if r > 0 and text[0] in "-0123456789":
                    c.drawRightString(left + w - 4, y + 5, text)
                else:
                    c.drawString(left + 4, y + 5, text)
            left += w


def _pdf(path: Path, draw) -> Path:
    c = canvas.Canvas(str(path), pagesize=(595.0, 842.0))
    c.setFont("Helvetica", 9)
    draw(c)
    c.showPage()
    c.save()
    return path


def test_total_that_does_not_add_up_is_an_issue_with_both_figures(tmp_path: Path) -> None:
    rows = [
        ["", "2024-25", "2025-26"],
        ["Staffing", "1,200", "1,300"],
        ["Premises", "300", "(50)"],
        ["Supplies", "-", "75"],
        ["Total expenditure", "1,600", "1,325"],
    ]

    def draw(c) -> None:
        c.drawString(60, 842 - 80, "Budget summary (£000s)")
        _ruled_table(c, 60, 90, [200, 90, 90], rows)

    doc = parse(_pdf(tmp_path / "budget.pdf", draw))
    table = next(t for t in doc.records.tables)
    assert table.kind is TableKind.BUDGET and table.unit == "£000s"
    lines = {(b.line_item, b.header_path): b for b in doc.records.budget_lines}
    assert lines[("Premises", "2025-26")].amount == Decimal(-50)
    assert lines[("Supplies", "2024-25")].amount is None and lines[("Supplies", "2024-25")].amount_text == "-"
    assert lines[("Staffing", "2024-25")].amount_pounds == Decimal(1_200_000)
    mismatches = [i for i in doc.issues if i.code is IssueCode.TABLE_TOTAL_MISMATCH]
    assert len(mismatches) == 1  # 1,200 + 300 + nil = 1,500, not 1,600; the 2025-26 column adds up
    assert "1,600" in mismatches[0].message and "1,500" in mismatches[0].message
    assert "2025-26" not in mismatches[0].message
    assert mismatches[0].page == 1


def test_table_that_cannot_be_structured_is_kept_as_raw_cells(tmp_path: Path) -> None:
    def draw(c) -> None:
        _ruled_table(c, 60, 60, [150, 80, 80], [["Service", "Budget", "Outturn"], ["Housing", "100", "120"], ["Roads", "200", "180"]])
        # a ruled grid whose cells hold figures stacked on lines that do not line up across cells
        top = 842 - 200
        for x in (60, 200, 340):
            c.line(x, top, x, top - 60)
        c.line(60, top, 340, top)
        c.line(60, top - 60, 340, top - 60)
        for k, figure in enumerate(("1,234", "5,678", "9,012")):
            c.drawString(70, top - 14 - 14 * k, figure)
        for k, figure in enumerate(("3,456", "7,890", "2,345")):
            c.drawString(210, top - 21 - 14 * k, figure)

    doc = parse(_pdf(tmp_path / "raw.pdf", draw))
    raw = [t for t in doc.records.tables if t.method is TableMethod.RAW]
    assert len(raw) == 1
    texts = [c.text for c in doc.records.table_cells if c.table_id == raw[0].record_id]
    assert texts == ["1,234", "3,456", "5,678", "7,890", "9,012", "2,345"]
    assert all(c.provenance[0].bbox is not None for c in doc.records.table_cells if c.table_id == raw[0].record_id)
    assert any(i.code is IssueCode.TABLE_UNSTRUCTURED and i.page == 1 for i in doc.issues)
    assert any(t.kind is TableKind.BUDGET for t in doc.records.tables)
