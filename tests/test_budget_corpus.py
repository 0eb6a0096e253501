"""Budget lines of real council budgets against figures written by hand from the page images."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from agendapack import PackDocument, parse
from agendapack.models.issues import IssueCode
from agendapack.models.tabular import BudgetLine

EXPECTED = json.loads((Path(__file__).parent / "expected" / "tables" / "budget_lines_corpus.json").read_text(encoding="utf-8"))
CASES = [(name, entry) for name, entries in EXPECTED["files"].items() for entry in entries]


@cache
def _parsed(path: Path) -> PackDocument:
    return parse(path)


def _find(doc: PackDocument, entry: dict) -> list[BudgetLine]:
    found = []
    for line in doc.records.budget_lines:
        if line.provenance[0].page != entry["page"] or line.line_item != entry["line_item"]:
            continue
        if "header_path" in entry and line.header_path != entry["header_path"]:
            continue
        if "col" in entry and line.col != entry["col"]:
            continue
        found.append(line)
    return found


def test_enough_hand_written_cells() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(
    ("name", "entry"), CASES, ids=[f"{n.split('/')[0]}-p{e['page']}-{e['line_item'][:24]}-{e.get('header_path', e.get('col'))}" for n, e in CASES]
)
def test_budget_line_as_printed(corpus: Path, name: str, entry: dict) -> None:
    doc = _parsed(corpus / name)
    found = _find(doc, entry)
    assert len(found) == 1, [(b.line_item, b.header_path, b.amount_text) for b in doc.records.budget_lines if b.provenance[0].page == entry["page"]][:40]
    line = found[0]
    assert line.amount_text == entry["amount_text"]
    assert line.amount == (Decimal(entry["amount"]) if entry["amount"] is not None else None)
    assert line.unit == entry["unit"]
    for key in ("line_section", "measure", "period", "is_total"):
        if key in entry:
            value = getattr(line, key)
            assert (value.value if hasattr(value, "value") else value) == entry[key], key


def test_amounts_in_pounds(corpus: Path) -> None:
    doc = _parsed(corpus / "kent-cc/Appendix E - 2025-26 Budget by Directorate.pdf")
    line = next(b for b in doc.records.budget_lines if b.line_item == "NET BUDGET" and b.header_path == "TOTAL / Total")
    assert line.amount_pounds == Decimal("1530923800.0")


@pytest.mark.parametrize(
    "name", ["kent-cc/Appendix E - 2025-26 Budget by Directorate.pdf", "bristol-wpl/src-weca-0027_joint-meeting-2026-06-05-mca-mayoral-budget-outturn.pdf"]
)
def test_hand_checked_tables_reconcile(corpus: Path, name: str) -> None:
    """Tables whose totals were checked by hand add up: no mismatch reported on their pages."""
    doc = _parsed(corpus / name)
    pages = {entry["page"] for entry in EXPECTED["files"][name]}
    assert not [i.message for i in doc.issues if i.code is IssueCode.TABLE_TOTAL_MISMATCH and i.page in pages]
