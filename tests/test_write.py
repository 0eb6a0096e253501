"""Outputs: one schema across JSON, CSV and Parquet; atomic; byte-identical on a rerun."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from agendapack import parse
from agendapack.cli import app
from agendapack.ids import full_pack_id, make_pack_id, slugify
from agendapack.models.document import PackDocument
from agendapack.output.atomic import atomic_write_files
from agendapack.output.tables import TABLES, table_rows
from agendapack.output.to_csv import csv_cell
from agendapack.output.write import OutputFormat, parse_formats, write_document
from conftest import SAMPLE_PACK

ALL = (OutputFormat.JSON, OutputFormat.CSV, OutputFormat.PARQUET)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pack_id_is_slug_plus_sha_prefix() -> None:
    sha = "557052f3dc03be54" + "0" * 48
    assert make_pack_id("Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf", sha) == "printed-minutes-30th-jan-2025-10-00-cabinet-557052f3dc03be54"
    assert full_pack_id("minutes.pdf", sha) == f"minutes-{sha}"
    assert slugify("Rés/../../etc passwd") == "res-etc-passwd"


def test_every_table_is_written_in_every_format_with_pack_id(tmp_path: Path) -> None:
    doc = parse(SAMPLE_PACK)
    folder = write_document(doc, tmp_path, ALL)
    assert folder == tmp_path / doc.pack_id
    for spec in TABLES:
        expected = table_rows(spec, doc)
        if not expected:  # a table with no rows has no file
            assert not (folder / f"{spec.name}.csv").exists() and not (folder / f"{spec.name}.parquet").exists(), spec.name
            continue
        with (folder / f"{spec.name}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        assert reader.fieldnames == [c.name for c in spec.columns]
        assert len(rows) == len(expected) and all(row["pack_id"] == doc.pack_id for row in rows)
        parquet = pq.read_table(folder / f"{spec.name}.parquet")
        assert parquet.column_names == [c.name for c in spec.columns]
        assert parquet.num_rows == len(rows)
    sections = list(csv.DictReader((folder / "sections.csv").open(encoding="utf-8")))
    assert len(sections) == len(doc.sections) > 5
    assert json.loads((folder / "document.json").read_text())["schema_name"] == "agendapack.PackDocument"


def test_no_temporary_files_are_left_behind_and_modes_are_shareable(tmp_path: Path) -> None:
    folder = write_document(parse(SAMPLE_PACK), tmp_path, ALL)
    assert not [p.name for p in folder.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert all(p.stat().st_mode & 0o044 == 0o044 for p in folder.rglob("*")), "outputs must be readable by group and others"


def test_a_failure_while_writing_several_files_leaves_the_old_ones_and_no_temporaries(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"old a")
    (tmp_path / "b.csv").write_bytes(b"old b")

    def files():
        yield "a.csv", b"new a"
        yield "b.csv", b"new b"
        raise RuntimeError("the third file could not be built")

    with pytest.raises(RuntimeError, match="third file"):
        atomic_write_files(tmp_path, files())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    assert (tmp_path / "a.csv").read_bytes() == b"old a" and (tmp_path / "b.csv").read_bytes() == b"old b"
    atomic_write_files(tmp_path, [("a.csv", b"new a"), ("c.csv", b"new c")])
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.csv": b"new a", "b.csv": b"old b", "c.csv": b"new c"}


def test_files_are_synced_then_their_folder_once_after_the_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import stat

    synced: list[tuple[str, set[str]]] = []
    real_fsync = os.fsync

    def recording_fsync(descriptor: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "file"
        synced.append((kind, {p.name for p in tmp_path.iterdir()}))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    atomic_write_files(tmp_path, [("a.csv", b"a"), ("b.csv", (b"b", b"\n"))])
    assert [kind for kind, _ in synced] == ["file", "file", "folder"]
    assert synced[-1][1] == {"a.csv", "b.csv"}  # the folder is synced after both renames, so both entries are durable
    assert (tmp_path / "b.csv").read_bytes() == b"b\n"  # a file given in pieces is written whole


def test_rerun_gives_byte_identical_output(tmp_path: Path) -> None:
    runner = CliRunner()
    for run in ("a", "b"):
        result = runner.invoke(app, ["parse", str(SAMPLE_PACK), "--out", str(tmp_path / run), "--format", "json,csv,parquet"])
        assert result.exit_code == 0, result.output
    (first,) = (tmp_path / "a").iterdir()
    (second,) = (tmp_path / "b").iterdir()
    assert digests(first) == digests(second)
    doc = parse(SAMPLE_PACK)
    # document.json, a CSV and a Parquet file per flat table that has rows, and a wide CSV per extracted table
    with_rows = [spec for spec in TABLES if table_rows(spec, doc)]
    assert len(digests(first)) == 1 + 2 * len(with_rows) + len(doc.records.tables)
    assert 5 < len(with_rows) < len(TABLES)  # the sample pack has rows in most tables, not in all


def test_a_table_that_becomes_empty_loses_its_files_and_the_rest_is_untouched(tmp_path: Path) -> None:
    doc = parse(SAMPLE_PACK)
    folder = write_document(doc, tmp_path, ALL)
    assert (folder / "attendance.csv").is_file() and (folder / "attendance.parquet").is_file()
    before = digests(folder)
    emptier = doc.model_copy(update={"records": doc.records.model_copy(update={"attendance": []})})
    write_document(emptier, tmp_path, ALL)
    after = digests(folder)
    assert not (folder / "attendance.csv").exists() and not (folder / "attendance.parquet").exists()
    assert set(before) - set(after) == {"attendance.csv", "attendance.parquet"}
    assert {name for name in after if after[name] != before[name]} == {"document.json"}


def test_document_json_is_compact_and_reads_back(tmp_path: Path) -> None:
    doc = parse(SAMPLE_PACK)
    folder = write_document(doc, tmp_path, (OutputFormat.JSON,))
    data = (folder / "document.json").read_bytes()
    assert data.endswith(b"}\n") and data.count(b"\n") == 1  # one line: no indentation
    assert PackDocument.model_validate_json(data).model_dump_json() == doc.model_dump_json() == data.decode("utf-8").rstrip("\n")
    assert [p.name for p in folder.iterdir()] == ["document.json"]
    by_name = write_document(doc, tmp_path / "by-name", ["json"])  # format names are taken as well
    assert (by_name / "document.json").read_bytes() == data


def test_csv_cells_are_analyst_safe() -> None:
    assert csv_cell("=HYPERLINK(\"x\")", "string") == "'=HYPERLINK(\"x\")"
    assert csv_cell("-40,309", "string") == "-40,309"  # a plain number is a number in a spreadsheet too: left as printed
    assert csv_cell("-9.9", "string") == "-9.9" and csv_cell("-", "string") == "-" and csv_cell("+12.5%", "string") == "+12.5%"
    assert csv_cell("-1+2", "string") == "'-1+2" and csv_cell("+44 20 7641 6000", "string") == "'+44 20 7641 6000"
    assert csv_cell("-9.9", "number") == "-9.9" and csv_cell(-9.9, "number") == "-9.9"
    assert csv_cell("@SUM(A1)", "string") == "'@SUM(A1)"
    assert csv_cell(-40309, "integer") == "-40309"
    assert csv_cell(12.5, "number") == "12.5"
    assert csv_cell(True, "boolean") == "true"
    assert csv_cell(None, "string") == ""


def test_a_csv_file_writes_each_cell_as_csv_cell_does() -> None:
    # csv_bytes builds whole columns and passes common values to the writer unchanged: the same text as cell by cell
    import datetime as dt

    from agendapack.output.spec import TableSpec, col
    from agendapack.output.to_csv import csv_bytes

    columns = (col("s", "string", ""), col("i", "integer", ""), col("n", "number", ""), col("b", "boolean", ""), col("d", "date", ""), col("t", "time", ""))
    spec = TableSpec("t", "", columns, lambda _doc: iter(()), ("s",))
    rows = [
        {"s": "=HYPERLINK(\"x\")", "i": -40309, "n": -9.9, "b": True, "d": dt.date(2025, 1, 30), "t": dt.time(19, 0)},
        {"s": "-40,309", "i": None, "n": 12.0, "b": False, "d": None, "t": None},
        {"s": None, "i": 0, "n": None, "b": None, "d": None, "t": None},
        {"s": "plain, with a comma", "i": 7, "n": 1e-07, "b": True, "d": None, "t": None},
        {"s": "@SUM(A1)", "i": 1, "n": 0.1, "b": False, "d": None, "t": None},
    ]
    expected = [[c.name for c in columns], *([csv_cell(row[c.name], c.type) for c in columns] for row in rows)]
    assert list(csv.reader(csv_bytes(spec, rows).decode("utf-8").splitlines())) == expected
    assert csv_bytes(spec, rows).decode("utf-8").splitlines()[1] == "\"'=HYPERLINK(\"\"x\"\")\",-40309,-9.9,true,2025-01-30,19:00:00"


def test_format_list_is_validated() -> None:
    assert parse_formats("parquet, csv") == (OutputFormat.CSV, OutputFormat.PARQUET)
    try:
        parse_formats("csv,ods")
    except ValueError as exc:
        assert "ods" in str(exc) and "xlsx" in str(exc)
    else:
        raise AssertionError("an unknown format must be refused")
