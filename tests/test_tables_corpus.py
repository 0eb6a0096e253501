"""Tables of the real corpus: budget lines are money, totals are marked, charts are not tables.

The pages and cells named here were read by hand from the page images (pdftoppm renders).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest

from agendapack import PackDocument, parse
from agendapack.models.issues import IssueCode
from agendapack.models.tabular import TableKind

# what an amount never is, written independently of the code under test
_PHONE = re.compile(r"^\+?\(?0\d{2,5}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}$|^\d{3,5}( \d{3,4}){2,}$")
_DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(19|20)\d\d$|^(19|20)\d\d\s?[-/–]\s?((19|20)?\d\d)$")

QPR = "kent-cc/QPR Q3 Cabinet appendix 1.pdf"
OUTTURN = "bristol-wpl/src-weca-0027_joint-meeting-2026-06-05-mca-mayoral-budget-outturn.pdf"
APPENDIX_E = "kent-cc/Appendix E - 2025-26 Budget by Directorate.pdf"
# pages holding nothing but chart panels (KPI cards: a title, a picture of a chart, Latest / Target / Previous)
QPR_CHART_PAGES = [9, 33, 39, 40, 47, 48, 56, 57, 64, 65]
# pages of the outturn report holding only bar charts (axis labels, data labels, legend)
OUTTURN_CHART_PAGES = [6, 8, 13]


@cache
def _parsed(path: Path) -> PackDocument:
    return parse(path)


def _text_layer_files(corpus: Path) -> list[Path]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["local_path"].endswith(".pdf") and row["text_ok"] == "yes"]
    return [corpus / row["local_path"] for row in rows]


def test_no_phone_number_date_or_year_is_a_budget_line(corpus: Path) -> None:
    files = _text_layer_files(corpus)
    assert len(files) >= 80
    wrong = []
    for path in files:
        for line in _parsed(path).records.budget_lines:
            text = " ".join(line.amount_text.split())
            if _PHONE.match(text) or _DATE.search(text) or _YEAR.match(text):
                wrong.append((path.name, line.provenance[0].page, line.line_item, text))
    assert wrong == []


def test_the_kent_finance_report_contacts_give_no_budget_lines(corpus: Path) -> None:
    doc = _parsed(corpus / "kent-cc/24-00108 - Finance Monitoring Report - Q3 - November 2024-25.pdf")
    assert not [b for b in doc.records.budget_lines if b.provenance[0].page == 1]
    assert any(c.text == "03000 410 066" for c in doc.records.table_cells if c.provenance[0].page == 1)


def test_every_appendix_e_total_figure_is_a_total(corpus: Path) -> None:
    lines = _parsed(corpus / APPENDIX_E).records.budget_lines
    in_total_group = [b for b in lines if b.header_path.split(" / ")[0] == "TOTAL"]
    # Core, External and Total of the 35 rows with figures (3 base, 8 spending + total, 6 savings + 3 totals and grants,
    # 4 memorandum + their sum + prior year + total, 4 reserves + total, net change, net budget)
    assert len(in_total_group) == 3 * 35
    assert all(b.is_total for b in in_total_group)
    directorate = [b for b in lines if b.header_path == "ASCH / Core" and b.line_item == "Pay"]
    assert len(directorate) == 1 and not directorate[0].is_total and directorate[0].amount_text == "-233.6"


@pytest.mark.parametrize(("name", "pages"), [(QPR, QPR_CHART_PAGES), (OUTTURN, OUTTURN_CHART_PAGES)])
def test_chart_panels_give_no_generic_table(corpus: Path, name: str, pages: list[int]) -> None:
    doc = _parsed(corpus / name)
    on_pages = [t for t in doc.records.tables if set(t.pages) & set(pages)]
    assert [(t.pages, t.kind.value) for t in on_pages if t.kind is not TableKind.CHART] == []
    charts = {i.page for i in doc.issues if i.code is IssueCode.TABLE_CHART}
    assert charts & set(pages)


def test_real_tables_beside_charts_still_come_out(corpus: Path) -> None:
    doc = _parsed(corpus / QPR)
    # p15: the Cabinet Member box and the KPI summary sit above a KPI card
    p15 = [t for t in doc.records.tables if t.pages == [15]]
    kinds = sorted(t.kind.value for t in p15)
    assert kinds == ["chart", "generic", "generic"]
    texts = {c.text for c in doc.records.table_cells if c.provenance[0].page == 15}
    assert {"Cabinet Member", "KPI Summary", "GREEN", "AMBER", "RED"} <= texts
    # p4: the KPI list with RAG ratings is a table
    p4 = {c.text for c in doc.records.table_cells if c.provenance[0].page == 4}
    assert {"RAG rating", "Latest", "Previous", "% of complaints responded to within timescale"} <= p4
    outturn = _parsed(corpus / OUTTURN)
    budget_pages = {t.pages[0] for t in outturn.records.tables if t.kind is TableKind.BUDGET}
    assert {2, 3, 4, 18} <= budget_pages
