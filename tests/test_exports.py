"""Outputs people open: SQLite served by Datasette, DuckDB keys and views, a wide CSV per table, an Excel workbook,
and the library taking bytes or a file object."""

from __future__ import annotations

import csv
import html
import io
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import duckdb
import pytest

from agendapack import parse
from agendapack.batch import BatchOptions, Limits, run_batch
from agendapack.output.tables import TABLES
from agendapack.output.to_xlsx import EXCEL_CELL_LIMIT
from agendapack.output.write import OutputFormat, write_document
from bad_inputs import small_pdf, write
from conftest import SAMPLE_PACK


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch over the sample pack and two small packs."""
    packs = tmp_path_factory.mktemp("exports")
    (packs / "sample_pack.pdf").write_bytes(SAMPLE_PACK.read_bytes())
    write(packs, "report-2.pdf", small_pdf(2))
    write(packs, "list.csv", b"path,council,committee,meeting_date,source_url\nreport-2.pdf,Kent County Council,Cabinet,2025-01-30,https://example.org/r2\n")
    target = packs.parent / "out"
    run_batch([str(packs), str(packs / "list.csv")], target, BatchOptions(workers=1, limits=Limits(timeout=300)))
    return target


# -- the databases -------------------------------------------------------------------------


def test_duckdb_declares_every_key_and_rejects_a_row_that_breaks_one(out: Path) -> None:
    with duckdb.connect(str(out / "agendapack.duckdb"), read_only=True) as db:
        declared = db.execute("SELECT table_name, constraint_type, count(*) FROM duckdb_constraints() "
                              "WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') GROUP BY ALL").fetchall()
    counts = {(name, kind): n for name, kind, n in declared}
    for spec in TABLES:
        assert counts[spec.name, "PRIMARY KEY"] == 1
        assert counts.get((spec.name, "FOREIGN KEY"), 0) == len(spec.foreign_keys), spec.name
    assert counts["manifest", "FOREIGN KEY"] == 1
    copy = out.parent / "broken.duckdb"
    copy.write_bytes((out / "agendapack.duckdb").read_bytes())
    with duckdb.connect(str(copy)) as db, pytest.raises(duckdb.ConstraintException):
        db.execute("INSERT INTO attendance (pack_id, record_id, meeting_id, name, attendance_type) "
                   "SELECT pack_id, 'x', 'no-such-meeting', 'Someone', 'present' FROM packs LIMIT 1")


def test_views_put_each_record_beside_its_council_committee_date_file_and_page(out: Path) -> None:
    import datetime as dt

    with duckdb.connect(str(out / "agendapack.duckdb"), read_only=True) as db:
        for table in ("attendance", "resolutions", "budget_lines", "issues", "tracker_rows", "blocks"):
            assert db.execute(f"SELECT count(*) FROM v_{table}").fetchone() == db.execute(f"SELECT count(*) FROM {table}").fetchone()
        # The sample pack prints the minutes of the committee's 25 November 2019 meeting: its attendance is that meeting's.
        attended = db.execute("SELECT DISTINCT file_name, council, committee, meeting_date FROM v_attendance").fetchall()
        assert attended == [("sample_pack.pdf", "City of Westminster", "Family and People Services Policy & Scrutiny Committee", dt.date(2019, 11, 25))]
        assert db.execute("SELECT count(DISTINCT page) FROM v_attendance WHERE page IS NOT NULL").fetchone()[0] >= 1
        # report-2.pdf names no council or meeting: its rows take the manifest's.
        report = db.execute("SELECT DISTINCT council, committee, meeting_date, source_url FROM v_blocks WHERE file_name = 'report-2.pdf'").fetchall()
        assert report == [("Kent County Council", "Cabinet", dt.date(2025, 1, 30), "https://example.org/r2")]
        manifest = db.execute("SELECT council, council_source, committee, committee_source, meeting_date_source FROM manifest "
                              "WHERE file_name = 'report-2.pdf'").fetchone()
        assert manifest == ("Kent County Council", "manifest", "Cabinet", "manifest", "manifest")
        sample = db.execute("SELECT council, council_source, meeting_date, meeting_date_source FROM manifest WHERE file_name = 'sample_pack.pdf'").fetchone()
        assert sample == ("City of Westminster", "document", dt.date(2020, 1, 27), "document")  # its own (frontsheet) meeting



def test_views_give_rows_in_their_tables_order_whatever_the_number_of_threads(out: Path) -> None:
    # A join's output order follows the engine's threads; the views must not (a rerun must read the same rows in
    # the same order on a many-core machine as on this one).
    keys = {"attendance": "record_id", "resolutions": "record_id", "blocks": "block_id", "issues": "issue_no"}
    with duckdb.connect(str(out / "agendapack.duckdb"), read_only=True) as db:
        db.execute("SET threads = 8")
        stored = {table: db.execute(f"SELECT pack_id, {key} FROM {table}").fetchall() for table, key in keys.items()}
        assert len(stored["blocks"]) > 100 and len(stored["attendance"]) > 10  # enough rows for threads to reorder
        for table, key in keys.items():
            assert db.execute(f"SELECT pack_id, {key} FROM v_{table}").fetchall() == stored[table]
    with sqlite3.connect(out / "agendapack.sqlite") as lite:
        for table, key in keys.items():
            assert lite.execute(f"SELECT pack_id, {key} FROM v_{table}").fetchall() == lite.execute(f"SELECT pack_id, {key} FROM {table}").fetchall()

def test_sqlite_has_the_same_tables_rows_keys_and_views(out: Path) -> None:
    with duckdb.connect(str(out / "agendapack.duckdb"), read_only=True) as duck:
        names = [row[0] for row in duck.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        duck_counts = {name: duck.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
        attendance = duck.execute("SELECT pack_id, record_id, name FROM attendance ORDER BY 1, 2").fetchall()
    lite = sqlite3.connect(out / "agendapack.sqlite")
    try:
        assert sorted(row[0] for row in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")) == names
        assert {name: lite.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names} == duck_counts
        assert lite.execute("SELECT pack_id, record_id, name FROM attendance ORDER BY 1, 2").fetchall() == attendance
        assert lite.execute("PRAGMA foreign_key_check").fetchall() == []  # every declared key holds
        assert lite.execute("SELECT count(*) FROM pragma_foreign_key_list('attendance')").fetchone()[0] >= 4
        views = {row[0] for row in lite.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert {"v_attendance", "v_budget_lines", "v_issues"} <= views
        assert lite.execute("SELECT count(*) FROM v_attendance").fetchone() == lite.execute("SELECT count(*) FROM attendance").fetchone()
        assert lite.execute("SELECT date, start_time FROM meetings WHERE start_time IS NOT NULL LIMIT 1").fetchone() == ("2020-01-27", "19:00:00")
    finally:
        lite.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def test_datasette_serves_the_sqlite_file_with_its_descriptions(out: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(out / "agendapack.sqlite"), "--metadata", str(out / "metadata.json"),
               "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else "datasette exited"
                assert time.monotonic() < deadline, "datasette did not come up"
                time.sleep(0.3)
        query = "SELECT name, count(*) AS meetings FROM v_attendance WHERE attendance_type = 'present' GROUP BY name ORDER BY name"
        rows = json.loads(_get(f"{base}/agendapack.json?_shape=array&sql={urllib.parse.quote(query)}"))
        with sqlite3.connect(out / "agendapack.sqlite") as lite:
            expected = [{"name": name, "meetings": n} for name, n in lite.execute(query).fetchall()]
        assert rows == expected and len(rows) > 3
        page = _get(f"{base}/agendapack/meetings").decode("utf-8")
        assert next(s.description for s in TABLES if s.name == "meetings") in html.unescape(page)
        metadata = json.loads(_get(f"{base}/-/metadata.json"))
        columns = metadata["databases"]["agendapack"]["tables"]["attendance"]["columns"]
        assert columns["attendance_type"].startswith("chair, vice_chair, present")
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- per-pack exports ------------------------------------------------------------------------


def test_each_extracted_table_is_also_a_wide_csv_with_its_header_rows_as_header(sample_doc, tmp_path: Path) -> None:
    folder = write_document(sample_doc, tmp_path, (OutputFormat.CSV,))
    files = sorted(p.name for p in (folder / "tables").iterdir())
    assert files == sorted(f"{t.record_id}.csv" for t in sample_doc.records.tables)
    table = next(t for t in sample_doc.records.tables if t.record_id == "tbl-p018-1")
    with (folder / "tables" / "tbl-p018-1.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Member", "17 April 2018", "17 July 2018", "16 October 2018", "22 January 2019"]  # the attendance grid as printed
    assert rows[1][:2] == ["LSCB Chair", "y"]
    assert len(rows) == 1 + table.n_rows - table.header_rows and all(len(row) == table.n_cols for row in rows)


def test_a_rerun_with_fewer_tables_leaves_no_stale_wide_csv(sample_doc, tmp_path: Path) -> None:
    write_document(sample_doc, tmp_path, (OutputFormat.CSV,))
    fewer = sample_doc.model_copy(update={"records": sample_doc.records.model_copy(update={"tables": sample_doc.records.tables[:1]})})
    folder = write_document(fewer, tmp_path, (OutputFormat.CSV,))
    assert [p.name for p in (folder / "tables").iterdir()] == [f"{sample_doc.records.tables[0].record_id}.csv"]


def test_xlsx_workbook_has_typed_sheets_and_cuts_overlong_cells_with_an_issue(sample_doc, tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    blocks = sample_doc.records.model_copy()
    long_block = sample_doc.blocks[0].model_copy(update={"text": "x" * (EXCEL_CELL_LIMIT + 1000)})
    doc = sample_doc.model_copy(update={"blocks": [long_block, *sample_doc.blocks[1:]], "records": blocks})
    folder = write_document(doc, tmp_path, (OutputFormat.XLSX,))
    path = folder / f"{doc.pack_id}.xlsx"
    again = write_document(doc, tmp_path / "again", (OutputFormat.XLSX,)) / path.name
    assert path.read_bytes() == again.read_bytes()  # no timestamps in the workbook
    book = openpyxl.load_workbook(path)
    assert {"packs", "meetings", "attendance", "issues", "tbl-p018-1"} <= set(book.sheetnames)
    meetings = book["meetings"]
    header = [cell.value for cell in meetings[1]]
    first = dict(zip(header, [cell.value for cell in meetings[2]], strict=True))
    assert first["date"] == dt.datetime(2020, 1, 27) and first["start_time"] == dt.time(19, 0) and isinstance(first["page"], int)
    assert book["meetings"].freeze_panes == "A2"
    blocks_sheet = book["blocks"]
    text_column = [cell.value for cell in blocks_sheet[1]].index("text")
    assert len(blocks_sheet.cell(row=2, column=text_column + 1).value) == EXCEL_CELL_LIMIT
    issues = [[cell.value for cell in row] for row in book["issues"].iter_rows(min_row=2)]
    (cut,) = [row for row in issues if row[2] == "xlsx-cell-truncated"]
    assert "33,767 characters" in cut[-1] and "blocks" in cut[-1] and cut[5] == long_block.page
    assert not (folder / "issues.csv").exists()  # the issue is the workbook's: the other formats keep the whole text


def test_parse_takes_bytes_and_file_objects(tmp_path: Path) -> None:
    data = SAMPLE_PACK.read_bytes()
    from_path = parse(SAMPLE_PACK)
    from_bytes = parse(data, name="sample_pack.pdf")
    with SAMPLE_PACK.open("rb") as handle:
        from_file = parse(handle)
    from_stream = parse(io.BytesIO(data))
    for doc in (from_bytes, from_file):
        assert doc.model_dump(exclude={"producer"}) == from_path.model_dump(exclude={"producer"})
    assert from_stream.source.file_name == "document.pdf" and from_stream.source.sha256 == from_path.source.sha256
    assert len(from_stream.records.tables) == len(from_path.records.tables)
    assert parse(b"not a pdf", name="x.pdf").status == "failure"


def test_section_text_of_an_unknown_id_raises_key_error(sample_doc) -> None:
    with pytest.raises(KeyError, match="s99"):
        sample_doc.section_text("s99")
    with pytest.raises(KeyError):
        sample_doc.section("s99")
    parent = next(s for s in sample_doc.sections if any(c.parent_id == s.section_id for c in sample_doc.sections))
    child = next(c for c in sample_doc.sections if c.parent_id == parent.section_id)
    assert sample_doc.section_text(child.section_id) in sample_doc.section_text(parent.section_id)
