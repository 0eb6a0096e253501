"""The Bristol forward plan: every row, written by hand from its page images, comes out as a forward-plan row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agendapack import PackDocument, parse
from agendapack.models.tabular import TableKind, TrackerKind, TrackerStatus

EXPECTED = json.loads((Path(__file__).parent / "expected" / "tables" / "bristol_forward_plan.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan(corpus: Path) -> PackDocument:
    return parse(corpus / EXPECTED["file"])


def test_every_forward_plan_row(plan: PackDocument) -> None:
    rows = [r for r in plan.records.tracker_rows if r.kind is TrackerKind.FORWARD_PLAN]
    got = [[r.provenance[0].page, r.item, r.date.isoformat() if r.date else None, r.decision_taker, r.report_type] for r in rows]
    want = [[page, title, day, taker, report] for page, _, title, day, taker, report in EXPECTED["rows"]]
    assert got == want
    for row, (_, officer, *_rest) in zip(rows, EXPECTED["rows"], strict=True):
        assert row.owner is not None and row.owner.startswith(officer)
        assert row.status is TrackerStatus.UNKNOWN and row.status_text is None


def test_rows_split_over_a_page_break_are_joined(plan: PackDocument) -> None:
    rows = {r.item: r for r in plan.records.tracker_rows if r.kind is TrackerKind.FORWARD_PLAN}
    for title, continued in EXPECTED["continued"].items():
        row = rows[title]
        assert row.detail is not None and continued in row.detail
        assert len({p.page for p in row.provenance}) == 2


def test_the_plan_is_one_table_over_ten_pages(plan: PackDocument) -> None:
    table = next(t for t in plan.records.tables if t.kind is TableKind.FORWARD_PLAN)
    assert table.pages == list(range(5, 15))
    assert table.header_rows == 1 and table.repeated_header_rows == 9
    headers = [c.text for c in plan.records.table_cells if c.table_id == table.record_id and c.is_header]
    assert headers == ["Lead Officer", "Title and summary of Decision", "Meeting date", "Decision taker", "Report Type"]
