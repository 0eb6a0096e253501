"""Tables people can join: declared keys that hold, typed dates and times, the packs table, councils carried along."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from agendapack import parse
from agendapack.keys import enforce_keys, references, unique_keys
from agendapack.models.issues import IssueCode
from agendapack.models.records import Records
from agendapack.output.spec import COLUMN_TYPES, in_dependency_order
from agendapack.output.tables import TABLES, table_rows
from agendapack.output.write import OutputFormat, write_document

SPECS = {spec.name: spec for spec in TABLES}
COLLECTIONS = {"packs": None, "sections": "sections", "pages": "pages", "issues": "issues", "blocks": "blocks", "furniture": "furniture"}


def collection(table: str) -> str | None:
    return COLLECTIONS[table] if table in COLLECTIONS else f"records.{table}"


def test_every_table_has_a_primary_key_with_pack_id_and_keys_that_name_real_columns() -> None:
    for spec in TABLES:
        names = {c.name for c in spec.columns}
        assert "pack_id" in spec.primary_key and set(spec.primary_key) <= names, spec.name
        assert all(c.type in COLUMN_TYPES for c in spec.columns)
        for key in spec.foreign_keys:
            assert set(key.columns) <= names, (spec.name, key)
            assert key.references == SPECS[key.table].primary_key, (spec.name, key)  # the database needs a key to point at
        if spec.name != "packs":
            assert ("pack_id",) in [key.columns for key in spec.foreign_keys], spec.name
    assert in_dependency_order(TABLES)[0].name == "packs"


def test_every_declared_foreign_key_is_one_the_document_is_checked_for() -> None:
    checked = {(r.source, r.attribute, r.target) for r in references()}
    for spec in TABLES:
        for key in spec.foreign_keys:
            if key.table == "packs":
                continue
            (attribute,) = [c for c in key.columns if c != "pack_id"]
            assert (collection(spec.name), attribute, collection(key.table)) in checked, (spec.name, key)
    primary = {(collection(spec.name), next(c for c in spec.primary_key if c != "pack_id")) for spec in TABLES if len(spec.primary_key) == 2}
    assert {key for key in primary if key[1] not in ("page", "issue_no", "furniture_no")} <= set(unique_keys())


def test_keys_declared_for_the_data_package_are_always_filled() -> None:
    """A key the data package declares has no empty part: the model requires every one of its fields."""
    models = {name: typing.get_args(field.annotation)[0] for name, field in Records.model_fields.items()}
    for spec in TABLES:
        for key in spec.foreign_keys:
            if not key.always or spec.name in COLLECTIONS:
                continue
            model = models[spec.name]
            for column in key.columns:
                if column not in ("pack_id", "page"):
                    field = model.model_fields[column]
                    assert type(None) not in typing.get_args(field.annotation), (spec.name, column)


def test_the_sample_pack_needs_no_repair_and_its_rows_satisfy_every_key(sample_doc) -> None:
    assert not [i for i in sample_doc.issues if i.code in (IssueCode.DUPLICATE_ID, IssueCode.DANGLING_REFERENCE)]
    rows = {spec.name: table_rows(spec, sample_doc) for spec in TABLES}
    for spec in TABLES:
        keys = [tuple(row[c] for c in spec.primary_key) for row in rows[spec.name]]
        assert len(keys) == len(set(keys)), spec.name
        for key in spec.foreign_keys:
            targets = {tuple(row[c] for c in key.references) for row in rows[key.table]}
            for row in rows[spec.name]:
                values = tuple(row[c] for c in key.columns)
                assert None in values or values in targets, (spec.name, key, values)


def test_duplicated_meeting_ids_are_renamed_and_dangling_references_repaired(sample_doc) -> None:
    doc = sample_doc.model_copy(deep=True)
    meetings = doc.records.meetings
    assert len(meetings) >= 2
    meetings[1].meeting_id = meetings[0].meeting_id  # two meetings, one id: what the Alameda special meetings gave
    cells = doc.records.table_cells
    cells[0].table_id = "no-such-table"
    doc.records.attendance[0].meeting_id = "never-read"
    doc.records.attendance[0].section_id = "s99"
    issues = enforce_keys(doc)
    codes = [issue.code for issue in issues]
    assert codes.count(IssueCode.DUPLICATE_ID) == 1 and codes.count(IssueCode.DANGLING_REFERENCE) == 3
    ids = [m.meeting_id for m in doc.records.meetings]
    assert len(ids) == len(set(ids)) and f"{ids[0]}-2" in ids
    assert "never-read" in ids  # a stub meeting keeps the attendance row
    assert doc.records.attendance[0].section_id is None
    assert len(doc.records.table_cells) == len(cells) - 1
    assert all(issue.page is not None for issue in issues)
    assert enforce_keys(doc) == []  # consistent now


def test_dates_and_times_are_typed_in_every_format(sample_doc, tmp_path: Path) -> None:
    meetings = SPECS["meetings"]
    types = {c.name: c.type for c in meetings.columns}
    assert (types["date"], types["start_time"], types["end_time"]) == ("date", "time", "time")
    assert {c.name: c.type for c in SPECS["report_covers"].columns}["meeting_date"] == "date"
    folder = write_document(sample_doc, tmp_path, (OutputFormat.CSV, OutputFormat.PARQUET))
    first = pq.read_table(folder / "meetings.parquet").to_pylist()[0]
    assert first["date"] == dt.date(2020, 1, 27) and first["start_time"] == dt.time(19, 0)
    header, row = (folder / "meetings.csv").read_text(encoding="utf-8").splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(","), strict=False))
    assert cells["date"] == "2020-01-27" and cells["start_time"] == "19:00:00"


def test_the_packs_table_has_one_row_with_the_pack_and_its_council(sample_doc) -> None:
    (row,) = table_rows(SPECS["packs"], sample_doc)
    assert row["pack_id"] == sample_doc.pack_id and row["page_count"] == 31 and row["status"] == "success"
    assert (row["council"], row["council_source"]) == ("City of Westminster", "document")
    assert row["committee"] == "Family and People Services Policy & Scrutiny Committee" and row["meeting_date"] == dt.date(2020, 1, 27)


def test_a_council_no_page_prints_comes_from_the_profile(corpus: Path) -> None:
    doc = parse(corpus / "alameda" / "2005-03-15.pdf")
    assert doc.profile == "alameda"
    assert {(m.council, m.council_source) for m in doc.records.meetings} == {("City of Alameda", "profile")}


def test_manifest_metadata_fills_what_the_pack_does_not_say(sample_doc) -> None:
    from agendapack.catalogue import with_manifest_metadata

    doc = sample_doc.model_copy(deep=True)
    doc.records.meetings[0].council = None
    doc.records.meetings[0].council_source = None
    with_manifest_metadata(doc, {"council": "Westminster City Council", "committee": "Ignored: the body is printed"})
    first = doc.records.meetings[0]
    assert (first.council, first.council_source) == ("Westminster City Council", "manifest")
    assert first.body_source == "document"


def test_empty_text_columns_load_as_text_in_pandas(sample_doc, tmp_path: Path) -> None:
    import pandas as pd

    from agendapack import read_table

    folder = write_document(sample_doc, tmp_path, (OutputFormat.CSV, OutputFormat.PARQUET))
    assert pd.read_csv(folder / "meetings.csv")["meeting_type"].dtype == "float64"  # what plain pandas makes of an empty column
    for path in (folder / "meetings.csv", folder / "meetings.parquet"):
        frame = read_table(path)
        assert frame["meeting_type"].isna().all() and pd.api.types.is_string_dtype(frame["meeting_type"]), path.name
        assert str(frame["page"].dtype) == "Int64" and pd.api.types.is_datetime64_any_dtype(frame["date"])
    # A table with no rows has no file in a pack folder: read_table gives its empty typed frame; elsewhere a missing file is an error.
    empty = next(spec for spec in TABLES if not table_rows(spec, sample_doc))
    for suffix in (".csv", ".parquet"):
        assert not (folder / f"{empty.name}{suffix}").exists()
        frame = read_table(folder / f"{empty.name}{suffix}")
        assert frame.empty and list(frame.columns) == [c.name for c in empty.columns]
        assert pd.api.types.is_string_dtype(frame["pack_id"]) and str(frame["page"].dtype) == "Int64"
    with pytest.raises(FileNotFoundError):
        read_table(tmp_path / f"{empty.name}.parquet")
    frames = sample_doc.frames()
    assert set(frames) == set(SPECS)
    assert pd.api.types.is_string_dtype(frames["attendance"]["postnominals"]) and len(frames["attendance"]) == len(sample_doc.records.attendance)
