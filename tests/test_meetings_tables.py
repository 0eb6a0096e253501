"""The meeting tables beside document.json: one CSV per record type, each row with pack_id, meeting_id and page."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from agendapack import PackDocument
from agendapack.output.meetings import TABLES
from agendapack.output.write import write_document

NAMES = ["meetings", "attendance", "declarations", "minute_items", "resolutions", "votes", "actions", "report_covers", "entities"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_meeting_table_is_written_with_its_keys(sample_doc: PackDocument, tmp_path: Path) -> None:
    assert [spec.name for spec in TABLES] == NAMES
    folder = write_document(sample_doc, tmp_path)
    for spec in TABLES:
        records = getattr(sample_doc.records, spec.name)
        assert (folder / f"{spec.name}.csv").exists() == bool(records), spec.name  # a table with no rows has no file
        rows = read_csv(folder / f"{spec.name}.csv") if records else []
        assert len(rows) == len(records), spec.name
        for row, record in zip(rows, records, strict=True):
            assert row["pack_id"] == sample_doc.pack_id and row["record_id"] == record.record_id
            assert row["meeting_id"] == (record.meeting_id or "") and row["page"] == str(record.provenance[0].page)
    attendance = read_csv(folder / "attendance.csv")
    assert [(r["name"], r["attendance_type"]) for r in attendance[:2]] == [("Jonathan Glanz", "chair"), ("Margot Bright", "present")]
    agenda = read_csv(folder / "agenda_items.csv")
    assert {r["meeting_id"] for r in agenda} == {"2020-01-27-family-and-people-services-policy-scrutiny-committee"}
    assert [r["page_source"] for r in agenda] == ["", "", "frontsheet", "", "frontsheet", "frontsheet", "frontsheet", "frontsheet"]


def test_the_same_records_are_in_document_json(sample_doc: PackDocument, tmp_path: Path) -> None:
    folder = write_document(sample_doc, tmp_path)
    records = json.loads((folder / "document.json").read_text(encoding="utf-8"))["records"]
    for name in NAMES:
        assert len(records[name]) == len(getattr(sample_doc.records, name)), name
    assert records["resolutions"][1]["part"] == "1"
