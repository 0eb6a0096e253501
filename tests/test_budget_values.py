"""Typed values as council papers print them: amounts, units, dates, statuses, attendance marks; totals checked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from agendapack.extract.attendance_matrix import normalise_mark
from agendapack.extract.budgets import read_budget
from agendapack.extract.tables.reconcile import allowance
from agendapack.extract.tables.values import normalise_status, parse_amount, parse_date, repaired_ocr_figure, table_unit, to_pounds, unit_in
from agendapack.extract.tables.view import TableView
from agendapack.models.document import SectionKind
from agendapack.models.geometry import BBox, Provenance
from agendapack.models.issues import IssueCode
from agendapack.models.tabular import AttendanceMark, Table, TableCell, TableMethod, TableQuality, TrackerStatus


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1,234", "1234", None),
        ("-1,234", "-1234", None),
        ("−1,234", "-1234", None),
        ("(1,234)", "-1234", None),
        ("+35.4", "35.4", None),
        ("+ 23.3", "23.3", None),
        ("£1.2m", "1.2", "£m"),
        ("£1,500", "1500", "£"),
        ("12.5%", "12.5", "%"),
        ("(0%)", "0", "%"),
        ("-107.5%", "-107.5", "%"),
        ("24.91²", "24.91", None),
        ("1,429,506.8", "1429506.8", None),
    ],
)
def test_amounts_parse_exactly_with_their_sign(text: str, value: str, unit: str | None) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == Decimal(value) and str(amount.value) == value.lstrip("+")
    assert amount.unit == unit


@pytest.mark.parametrize("text", ["-", "–", "—", "nil", "N/A"])
def test_nil_entries_have_no_amount(text: str) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.value is None


@pytest.mark.parametrize("text", ["Budget", "(Pages 1", "10)", "2024-25", "£000s", "1,23,4x", ""])
def test_text_is_not_an_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_units_from_captions_and_headers() -> None:
    assert unit_in("All figures in £m") == "£m"
    assert unit_in("£000s") == "£000s"
    assert unit_in("£'000") == "£000s"
    assert unit_in("Cost Categories – Budget vs Outturn (£000s)") == "£000s"
    assert unit_in("Budget") is None
    assert table_unit([], ["£000s", "£000s", "Core"]) == "£000s"
    assert table_unit([], ["£000s", "%"]) is None  # two units: none for the whole table
    assert to_pounds(Decimal("1.2"), "£m") == Decimal("1200000.0")
    assert to_pounds(Decimal("12.5"), "%") is None


def test_rounding_allowance_is_half_the_last_digit() -> None:
    assert allowance("1,234") == Decimal("0.5")
    assert allowance("12.5") == Decimal("0.05")
    assert allowance("(0.21)") == Decimal("0.005")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("ROUND THREE 25 NOVEMBER 2019", dt.date(2019, 11, 25)),
        ("5 Feb 2026", dt.date(2026, 2, 5)),
        ("16 October\n2018", dt.date(2018, 10, 16)),
        ("1st March 2024", dt.date(2024, 3, 1)),
        ("17.06.2019", dt.date(2019, 6, 17)),
        ("TBC", None),
        ("31 February 2020", None),
    ],
)
def test_dates(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Completed", TrackerStatus.COMPLETED),
        ("In progress", TrackerStatus.IN_PROGRESS),
        ("Ongoing", TrackerStatus.ONGOING),
        ("Not started", TrackerStatus.NOT_STARTED),
        ("Not yet complete", TrackerStatus.IN_PROGRESS),
        ("Circulated to members on 3 March", TrackerStatus.COMPLETED),
        ("", TrackerStatus.UNKNOWN),
        ("See paper", TrackerStatus.UNKNOWN),
    ],
)
def test_statuses(text: str, status: TrackerStatus) -> None:
    assert normalise_status(text) is status


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("y", AttendanceMark.PRESENT),
        ("✓", AttendanceMark.PRESENT),
        ("n", AttendanceMark.ABSENT),
        ("A", AttendanceMark.APOLOGIES),
        ("Apologies", AttendanceMark.APOLOGIES),
        ("S", AttendanceMark.SUBSTITUTE),
        ("n/a", AttendanceMark.NOT_A_MEMBER),
        ("?", AttendanceMark.UNKNOWN),
    ],
)
def test_attendance_marks(text: str, mark: AttendanceMark) -> None:
    assert normalise_mark(text) is mark


def _view(rows: list[list[str]], context: list[str], ocr_words: dict | None = None) -> TableView:
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            box = BBox(x0=50 + 100 * c, top=100 + 20 * r, x1=150 + 100 * c, bottom=120 + 20 * r)
            where = [Provenance(page=3, bbox=box)]
            cells.append(TableCell(record_id=f"t-r{r}c{c}", table_id="t", section_id=None, row=r, col=c, text=text, is_header=r == 0, provenance=where))
    quality = TableQuality(empty_cell_share=0.0, text_in_cells_share=1.0)
    table = Table(
        record_id="t",
        section_id=None,
        pages=[3],
        method=TableMethod.RULED,
        n_rows=len(rows),
        n_cols=len(rows[0]),
        header_rows=1,
        context=context,
        unit=table_unit(context, rows[0]),
        quality=quality,
        provenance=[Provenance(page=3, bbox=None)],
    )
    return TableView(table, cells, ocr_words)


def test_sub_totals_and_grand_totals_reconcile() -> None:
    rows = [
        ["", "Budget", "Actual", "Total"],
        ["Pay", "100", "90", "190"],
        ["Prices", "50", "(10)", "40"],
        ["Sub-total", "150", "80", "230"],
        ["Grants", "25", "-", "25"],
        ["Total", "175", "80", "255"],
    ]
    result = read_budget(_view(rows, ["Revenue budget (£000s)"]), SectionKind.REPORT)
    assert result is not None
    assert result.issues == []
    lines = result.records["budget_lines"]
    assert len(lines) == 15  # five rows, three figure columns
    actual = next(b for b in lines if b.line_item == "Prices" and b.header_path == "Actual")
    assert actual.amount == Decimal(-10) and actual.unit == "£000s" and actual.measure.value == "actual"


def test_total_row_and_total_column_that_do_not_add_up_give_issues_with_both_figures() -> None:
    rows = [["", "Budget", "Actual", "Total"], ["Pay", "100", "90", "190"], ["Prices", "50", "10", "70"], ["Total", "160", "100", "260"]]
    result = read_budget(_view(rows, ["Budget 2024-25 (£)"]), SectionKind.REPORT)
    assert result is not None
    messages = {i.code: [] for i in result.issues}
    for issue in result.issues:
        messages[issue.code].append(issue.message)
    mismatches = messages[IssueCode.TABLE_TOTAL_MISMATCH]
    row_issue = next(m for m in mismatches if "'Total'" in m)
    assert "printed 160" in row_issue and "add up to 150" in row_issue
    column_issue = next(m for m in mismatches if "'Prices'" in m)
    assert "printed 70" in column_issue and "add up to 60" in column_issue
    assert all(i.page == 3 for i in result.issues)


def test_table_of_words_is_not_a_budget() -> None:
    rows = [["Agenda Item", "Action", "Update"], ["Item 4", "Circulate the report", "Completed"], ["Item 5", "Write to NHS England", "In progress"]]
    assert read_budget(_view(rows, []), SectionKind.REPORT) is None


# -- OCR'd figures: a thousands comma misread, a stray mark -------------------------------------


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("-79;169", "-79,169"),
        ("-60.740", "-60,740"),
        ("5:745", "5,745"),
        ("1.234.567", "1,234,567"),
        ("(1.234)", "(1,234)"),
        ("2.632.", "2,632"),  # a speck read as a full stop after it
        ("66,003]", "66,003"),  # what is left of a ruling
        ("'-33,550", "-33,550"),  # a speck before the minus
        ("-6,956", None),  # nothing to repair
        ("12.5", None),  # a decimal, not thousands
        ("0.745", None),
        ("1.2345", None),
        ("“114,175", None),  # a mark straight before the digits may be the minus itself: not guessed
        ("73,865)", None),  # an unbalanced bracket may be a lost '(': not guessed
    ],
)
def test_ocr_figures_are_repaired_only_where_the_misreading_is_plain(text: str, repaired: str | None) -> None:
    assert repaired_ocr_figure(text) == repaired


def _ocr_budget_rows() -> list[list[str]]:
    return [["", "Budget", "Outturn"], ["Salaries", "66,003", "-60.740"], ["Training", "1;240", "5,745"], ["Total", "67,243", "-54,995"]]


def test_an_ocr_table_of_comma_thousands_gets_its_misread_figures_repaired_and_says_so() -> None:
    # one OCR word at the centre of every cell, confidence 0.7
    words = {3: [(100 + 100 * c, 110 + 20 * r, 0.7) for r in range(4) for c in range(3)]}
    result = read_budget(_view(_ocr_budget_rows(), ["Budget (£)"], words), SectionKind.REPORT)
    assert result is not None
    amounts = {(line.row, line.col): line.amount for line in result.records["budget_lines"]}
    assert amounts[(1, 2)] == Decimal("-60740") and amounts[(2, 1)] == Decimal("1240")
    texts = {(line.row, line.col): line.amount_text for line in result.records["budget_lines"]}
    assert texts[(1, 2)] == "-60.740"  # as read, the repair is in the amount and the issue
    repaired = [issue for issue in result.issues if issue.code is IssueCode.OCR_FIGURE_REPAIRED]
    assert len(repaired) == 1 and "2 OCR'd figure(s)" in repaired[0].message and "'1;240' read as '1,240', OCR confidence 0.70" in repaired[0].message
    assert IssueCode.TABLE_TOTAL_MISMATCH not in {issue.code for issue in result.issues}


def test_a_text_layer_table_keeps_its_figures_as_printed() -> None:
    result = read_budget(_view(_ocr_budget_rows(), ["Budget (£)"]), SectionKind.REPORT)
    assert result is not None
    amounts = {(line.row, line.col): line.amount for line in result.records["budget_lines"]}
    assert amounts[(1, 2)] == Decimal("-60.740")
    assert (2, 1) not in amounts  # '1;240' is not a figure
    assert IssueCode.OCR_FIGURE_REPAIRED not in {issue.code for issue in result.issues}
