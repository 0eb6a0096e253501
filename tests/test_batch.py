"""`agendapack batch`: inputs, incremental reruns, combined tables, DuckDB, data package, determinism, exit codes."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from agendapack.batch import BatchOptions, BatchResult, InputError, Limits, run_batch
from agendapack.batch.inputs import read_manifest, resolve_inputs
from agendapack.batch.tasks import PACK_FORMATS
from agendapack.cli import EXIT_CODES
from agendapack.models.document import Status
from agendapack.output.tables import TABLES, table_rows
from agendapack.output.write import parse_formats, write_document
from agendapack.pipeline import parse
from bad_inputs import ZERO_PAGE_PDF, small_pdf, write
from conftest import SAMPLE_PACK

# Files whose bytes may differ between identical runs: run metadata, the lock, and the database file
# (DuckDB writes a random database identifier into its header; its contents are compared instead).
NOT_BYTE_COMPARED = {"manifest.json", ".lock", "agendapack.duckdb"}
SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE", "time": "TIME"}


def tree_digests(out: Path) -> dict[str, str]:
    """sha256 of every file under `out` except those in NOT_BYTE_COMPARED."""
    return {
        str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name not in NOT_BYTE_COMPARED
    }


def every_file_digest(out: Path) -> dict[str, str]:
    """sha256 of every file under `out`, the database and the run metadata included."""
    return {str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(out.rglob("*")) if path.is_file()}


def duckdb_contents(path: Path) -> dict[str, tuple[list, list]]:
    """Every table's column names and types, and its rows in stored order."""
    with duckdb.connect(str(path), read_only=True) as connection:
        names = [row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
        columns = "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position"
        return {name: (connection.execute(columns, [name]).fetchall(), connection.execute(f'SELECT * FROM "{name}"').fetchall()) for name in names}


def options(**changes) -> BatchOptions:
    return BatchOptions(**({"workers": 2, "limits": Limits(timeout=120, memory_bytes=2 << 30)} | changes))


def make_packs(folder: Path) -> Path:
    """A small folder of inputs: the sample pack, three generated packs, a zero-page file, a non-PDF and a text file."""
    (folder / "sub").mkdir(parents=True)
    (folder / "sample_pack.pdf").write_bytes(SAMPLE_PACK.read_bytes())
    for pages in (2, 3):
        write(folder, f"report-{pages}.pdf", small_pdf(pages))
    write(folder / "sub", "minutes.PDF", small_pdf(4))
    write(folder, "zero.pdf", ZERO_PAGE_PDF)
    write(folder, "notes.pdf", b"<html>not found</html>")
    write(folder, "readme.txt", b"not picked up from a folder")
    return folder


@pytest.fixture()
def packs(tmp_path: Path) -> Path:
    """Inputs a test may change."""
    return make_packs(tmp_path / "in")


@pytest.fixture(scope="module")
def shared_packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Inputs no test changes."""
    return make_packs(tmp_path_factory.mktemp("shared") / "in")


@pytest.fixture(scope="module")
def first_run(shared_packs: Path) -> tuple[Path, BatchResult]:
    """One batch over the shared inputs, read by the tests of its outputs."""
    out = shared_packs.parent / "out"
    return out, run_batch([str(shared_packs)], out, options())


# -- inputs -------------------------------------------------------------------------


def test_folders_globs_and_files_resolve_to_sorted_unique_pdfs(packs: Path, tmp_path: Path) -> None:
    files, notes = resolve_inputs([str(packs), str(packs / "report-*.pdf"), str(packs / "readme.txt")], tmp_path / "out")
    names = [f.path.relative_to(packs).as_posix() for f in files]
    assert names == sorted(names)
    assert names == ["notes.pdf", "readme.txt", "report-2.pdf", "report-3.pdf", "sample_pack.pdf", "sub/minutes.PDF", "zero.pdf"]
    assert notes == []
    with pytest.raises(InputError, match=r"nothing-\*\.pdf"):  # an argument that names no file: a usage error, not a warning
        resolve_inputs([str(packs), str(packs / "nothing-*.pdf")], tmp_path / "out")


def test_output_folder_inside_an_input_folder_is_not_read_back(packs: Path) -> None:
    out = packs / "out"
    (out / "packs").mkdir(parents=True)
    write(out / "packs", "earlier.pdf", small_pdf(1))
    files, _ = resolve_inputs([str(packs)], out)
    assert not [f for f in files if "out" in f.path.parts]


def test_csv_manifest_carries_metadata_and_resolves_paths_beside_it(packs: Path) -> None:
    manifest = packs / "list.csv"
    header = "Path,Council,Committee,Meeting Date,Source URL,notes\n"
    manifest.write_text(header + "report-2.pdf,Kent,Cabinet,2025-01-30,https://example.org/r2,x\nsub/minutes.PDF,,,,,\n", encoding="utf-8")
    first, second = read_manifest(manifest)
    assert first.path == packs / "report-2.pdf"
    assert first.metadata == {"council": "Kent", "committee": "Cabinet", "meeting_date": "2025-01-30", "source_url": "https://example.org/r2"}
    assert second.metadata == {"council": None, "committee": None, "meeting_date": None, "source_url": None}


@pytest.mark.parametrize(("text", "message"), [("document,council\nx.pdf,Kent\n", "'path' column"), ("path,meeting_date\nx.pdf,30/01/2025\n", "line 2")])
def test_a_bad_manifest_is_an_input_error_naming_the_problem(tmp_path: Path, text: str, message: str) -> None:
    manifest = tmp_path / "list.csv"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_manifest(manifest)


# -- one batch, then reruns -----------------------------------------------------------


def test_batch_writes_pack_folders_and_a_combined_table_per_spec(first_run: tuple[Path, BatchResult]) -> None:
    out, result = first_run
    by_name = {Path(f.key).name: f for f in result.files}
    assert set(by_name) == {"notes.pdf", "report-2.pdf", "report-3.pdf", "sample_pack.pdf", "minutes.PDF", "zero.pdf"}
    assert by_name["notes.pdf"].status == Status.FAILURE and by_name["notes.pdf"].error_codes == ["not-a-pdf"]
    assert by_name["zero.pdf"].status == Status.SKIPPED
    assert by_name["report-3.pdf"].status == Status.SUCCESS and by_name["report-3.pdf"].pages == 3
    for f in result.files:
        assert (out / "packs" / f.pack_id / "document.json").is_file()
    for spec in TABLES:
        files = [out / "packs" / f.pack_id / f"{spec.name}.csv" for f in result.files]
        per_pack = sum(len(list(csv.DictReader(path.open(encoding="utf-8")))) for path in files if path.exists())  # no file: no rows
        with (out / "tables" / f"{spec.name}.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == per_pack == pq.read_table(out / "tables" / f"{spec.name}.parquet").num_rows
        assert [row["pack_id"] for row in rows] == sorted(row["pack_id"] for row in rows)
    issues = list(csv.DictReader((out / "tables" / "issues.csv").open(encoding="utf-8")))
    assert {"not-a-pdf", "no-pages"} <= {row["code"] for row in issues}
    assert not (out / ".staging").exists()


def test_manifest_table_has_one_row_per_input_with_its_metadata(packs: Path, tmp_path: Path) -> None:
    manifest = packs / "list.csv"
    manifest.write_text("path,council,meeting_date\nreport-2.pdf,Kent,2025-01-30\nnotes.pdf,Bristol,\n", encoding="utf-8")
    out = tmp_path / "out"
    run_batch([str(manifest)], out, options())
    rows = {Path(row["source_path"]).name: row for row in csv.DictReader((out / "tables" / "manifest.csv").open(encoding="utf-8"))}
    assert set(rows) == {"report-2.pdf", "notes.pdf"}
    assert rows["report-2.pdf"]["council"] == "Kent" and rows["report-2.pdf"]["meeting_date"] == "2025-01-30"
    assert rows["notes.pdf"]["status"] == "failure" and rows["notes.pdf"]["error_codes"] == "not-a-pdf"
    with duckdb.connect(str(out / "agendapack.duckdb"), read_only=True) as db:
        assert db.execute("SELECT meeting_date FROM manifest WHERE council = 'Kent'").fetchone()[0].isoformat() == "2025-01-30"


def test_reruns_skip_unchanged_files_redo_changed_and_failed_ones_and_force_redoes_all(packs: Path, tmp_path: Path) -> None:
    (packs / "sample_pack.pdf").unlink()  # four runs: small files keep the test quick
    out = tmp_path / "out"
    run_batch([str(packs)], out, options())
    before = tree_digests(out)
    again = run_batch([str(packs)], out, options())
    assert [Path(f.key).name for f in again.files if f.redone] == ["notes.pdf"]  # only the failed file is tried again
    assert again.counts()["unchanged"] == 4 and not again.combined_rebuilt
    assert tree_digests(out) == before
    write(packs, "report-2.pdf", small_pdf(5))  # changed content: a new pack id
    changed = run_batch([str(packs)], out, options())
    assert sorted(Path(f.key).name for f in changed.files if f.redone) == ["notes.pdf", "report-2.pdf"]
    assert changed.combined_rebuilt
    pages = {row["pack_id"] for row in csv.DictReader((out / "tables" / "pages.csv").open(encoding="utf-8"))}
    report = next(f for f in changed.files if f.key.endswith("report-2.pdf"))
    assert report.pages == 5 and report.pack_id in pages
    forced = run_batch([str(packs)], out, options(force=True))
    assert all(f.redone for f in forced.files) and forced.combined_rebuilt


def test_a_moved_folder_is_recognised_by_content_and_not_read_again(packs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(packs / "report-2.pdf"), str(packs / "report-3.pdf")], out, options(workers=1))
    moved = tmp_path / "moved"
    packs.rename(moved)
    again = run_batch([str(moved / "report-2.pdf"), str(moved / "report-3.pdf")], out, options(workers=1))
    assert [f.redone for f in again.files] == [False, False]
    assert again.combined_rebuilt  # the manifest table now lists the new paths
    rows = list(csv.DictReader((out / "tables" / "manifest.csv").open(encoding="utf-8")))
    assert {Path(row["source_path"]).parent for row in rows} == {moved}


def test_a_new_pipeline_version_redoes_every_file(packs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run_batch([str(packs / "report-2.pdf")], out, options(workers=1))
    monkeypatch.setattr("agendapack.batch.runner.pipeline_version", lambda profile: "agendapack 99.0.0")
    assert run_batch([str(packs / "report-2.pdf")], out, options(workers=1)).files[0].redone


def test_two_runs_give_byte_identical_outputs(first_run: tuple[Path, BatchResult], shared_packs: Path, tmp_path: Path) -> None:
    first, second = first_run[0], tmp_path / "b"
    run_batch([str(shared_packs)], second, options(workers=1))
    assert tree_digests(first) == tree_digests(second)
    assert duckdb_contents(first / "agendapack.duckdb") == duckdb_contents(second / "agendapack.duckdb")
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert {"finished_at", "seconds", "pages_per_second"} <= set(manifest["last_run"])


def test_a_pack_folder_from_a_batch_worker_is_byte_identical_to_parse_output(first_run: tuple[Path, BatchResult], tmp_path: Path) -> None:
    # A worker sets up its libraries its own way (pyarrow told pandas is absent, its own environment); the files
    # it writes must still be the ones `parse` writes in this process, where pandas is loaded.
    import pandas  # noqa: F401  (the test process has pandas loaded, unlike a worker)

    out, result = first_run
    (sample,) = [f for f in result.files if Path(f.key).name == "sample_pack.pdf"]
    folder = write_document(parse(SAMPLE_PACK), tmp_path, parse_formats(",".join(PACK_FORMATS)))
    assert folder.name == sample.pack_id
    assert tree_digests(folder) == tree_digests(out / "packs" / sample.pack_id)
    # document.json, a CSV and a Parquet file per flat table that has rows, a wide CSV per extracted table
    doc = parse(SAMPLE_PACK)
    assert len(tree_digests(folder)) == 1 + 2 * len([spec for spec in TABLES if table_rows(spec, doc)]) + len(doc.records.tables)


def test_identical_files_under_the_same_name_are_read_once_and_both_listed(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder, "minutes.pdf", small_pdf(2))
    out = tmp_path / "out"
    result = run_batch([str(tmp_path / "a"), str(tmp_path / "b")], out, options(workers=1))
    assert len({f.pack_id for f in result.files}) == 1 and len(result.files) == 2
    assert len(result.peak_rss_by_worker) == 1 and len(list((out / "packs").iterdir())) == 1
    rows = list(csv.DictReader((out / "tables" / "manifest.csv").open(encoding="utf-8")))
    assert [Path(row["source_path"]).parent.name for row in rows] == ["a", "b"]
    assert len(list(csv.DictReader((out / "tables" / "pages.csv").open(encoding="utf-8")))) == 2  # the pack's rows once


def test_a_second_batch_on_the_same_output_folder_is_refused(packs: Path, tmp_path: Path) -> None:
    import fcntl

    from agendapack.batch import BatchLocked

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(BatchLocked):
            run_batch([str(packs / "report-2.pdf")], out, options(workers=1))


def test_workers_are_recycled_after_max_tasks(packs: Path, tmp_path: Path) -> None:
    limits = Limits(timeout=120, memory_bytes=2 << 30, max_tasks_per_worker=2)
    inputs = [str(packs / name) for name in ("report-2.pdf", "report-3.pdf", "zero.pdf", "sub/minutes.PDF")]
    result = run_batch(inputs, tmp_path / "out", BatchOptions(workers=1, limits=limits))
    assert len(result.files) == 4
    assert len(result.peak_rss_by_worker) == 2  # four files, two per worker


# -- combined outputs ----------------------------------------------------------------


def test_duckdb_has_a_typed_table_per_record_type_plus_manifest(first_run: tuple[Path, BatchResult]) -> None:
    out = first_run[0]
    contents = duckdb_contents(out / "agendapack.duckdb")
    assert {name for name in contents if not name.startswith("v_")} == {spec.name for spec in TABLES} | {"manifest"}
    for spec in TABLES:
        described, rows = contents[spec.name]
        assert [(row[0], row[1]) for row in described] == [(c.name, SQL_TYPES[c.type]) for c in spec.columns]
        assert len(rows) == pq.read_table(out / "tables" / f"{spec.name}.parquet").num_rows
    with duckdb.connect(str(out / "agendapack.duckdb"), read_only=True) as db:
        comment = db.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'sections'").fetchone()[0]
        assert comment == next(s.description for s in TABLES if s.name == "sections")
        joined = db.execute("SELECT count(*) FROM issues JOIN manifest USING (pack_id) WHERE manifest.status = 'failure'").fetchone()[0]
        assert joined >= 1


def test_datapackage_describes_every_csv_and_is_valid(first_run: tuple[Path, BatchResult]) -> None:
    from frictionless import Package, validate

    out = first_run[0]
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    paths = {resource["path"] for resource in descriptor["resources"]}
    assert paths == {f"tables/{p.name}" for p in (out / "tables").glob("*.csv")}
    sections = next(r for r in descriptor["resources"] if r["path"] == "tables/sections.csv")
    assert sections["schema"]["primaryKey"] == ["pack_id", "section_id"]
    assert {"name": "level", "type": "integer"}.items() <= next(f for f in sections["schema"]["fields"] if f["name"] == "level").items()
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    assert len(Package(out / "datapackage.json").resources) == len(TABLES) + 1


# -- the command line ------------------------------------------------------------------


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "agendapack", "batch", *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def test_cli_exits_0_when_every_file_succeeded_and_prints_a_summary(packs: Path, tmp_path: Path) -> None:
    good = run_cli(str(packs / "report-2.pdf"), str(packs / "report-3.pdf"), "-o", str(tmp_path / "good"), "--workers", "1")
    assert good.returncode == 0, good.stderr
    assert "[1/2] success" in good.stderr  # a plain line per file when stderr is not a terminal
    assert "succeeded" in good.stderr and "pages/s" in good.stderr and "unchanged" in good.stderr  # the summary table


def test_cli_exits_1_when_a_file_failed_and_logs_json_events(packs: Path, tmp_path: Path) -> None:
    result = run_cli(str(packs), "-o", str(tmp_path / "out"), "--log-format", "json", "--workers", "2")
    assert result.returncode == EXIT_CODES[Status.FAILURE] == 1
    assert "Traceback" not in result.stderr
    events = [json.loads(line) for line in result.stderr.splitlines()]
    kinds = [event["event"] for event in events]
    assert kinds[0] == "start" and kinds[-1] == "summary" and kinds.count("file") == 6
    summary = events[-1]
    assert (summary["succeeded"], summary["failed"], summary["skipped"], summary["unchanged"]) == (4, 1, 1, 0)
    assert summary["pages"] == sum(event["pages"] for event in events if event["event"] == "file")


@pytest.mark.parametrize("args", [["--format", "xlsx"], ["--executor", "spark"], ["--memory-limit", "lots"], ["--log-format", "xml"]])
def test_cli_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = run_cli(str(tmp_path), "-o", str(tmp_path / "out"), *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_cli_bad_manifest_exits_2_with_the_line(tmp_path: Path) -> None:
    manifest = tmp_path / "list.csv"
    manifest.write_text("path,meeting_date\na.pdf,yesterday\n", encoding="utf-8")
    result = run_cli(str(manifest), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "line 2" in result.stderr


# -- the real corpus: zero crashes, every file a status, the rerun skips everything --


def test_corpus_batch_with_two_workers_has_no_crash_and_reruns_as_skips(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    pdfs = sorted(corpus.rglob("*.pdf"))
    # No time limit that a loaded machine could reach: the scanned packs are read by OCR, minutes each when the
    # machine is shared (a file stopped by the limit would be a failure here, not a crash; the limit has its own tests).
    generous = options(workers=2, limits=Limits(timeout=3600, memory_bytes=2 << 30))
    first = run_batch([str(corpus)], out, generous)
    assert len(first.files) == len(pdfs) > 40
    state = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {entry["outcome"] for entry in state.values()} == {"done"}  # no timeout, crash or worker error
    assert all(f.status in {s.value for s in Status} for f in first.files)
    again = run_batch([str(corpus)], out, generous)
    assert not [f.key for f in again.files if f.redone]
    assert not again.combined_rebuilt
    assert len(os.listdir(out / "packs")) == len({f.pack_id for f in first.files})
    # Then the share is not mounted: an empty folder is a usage error and every file in OUT stays as it was.
    before = every_file_digest(out)
    (tmp_path / "unmounted").mkdir()
    empty = run_cli(str(tmp_path / "unmounted"), "-o", str(out))
    assert empty.returncode == 2 and "Traceback" not in empty.stderr
    assert every_file_digest(out) == before
    assert_keys_hold_and_readme_queries_run(out)


def readme_query(number: int) -> str:
    """The README's numbered query ("-- 2. ..." up to its semicolon), as a user would paste it."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"-- {number}. ")
    return readme[start : readme.index(";", start) + 1]


def assert_keys_hold_and_readme_queries_run(out: Path) -> None:
    """Over a whole OUT: the data package validates with its keys, the databases' keys hold, and README query 2 gives
    one row per person per meeting (joining attendance to meetings adds no rows)."""
    from frictionless import validate

    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:20]
    with duckdb.connect(str(out / "agendapack.duckdb"), read_only=True) as db:
        attendance = db.execute("SELECT count(*) FROM attendance").fetchone()[0]
        joined = db.execute("SELECT count(*) FROM attendance a JOIN meetings m USING (pack_id, meeting_id)").fetchone()[0]
        assert joined == attendance > 100
        rows = db.execute(readme_query(2)).fetchall()
        columns = [column[0] for column in db.description]
        key = [columns.index(name) for name in ("council", "committee", "meeting_date", "meeting_id", "name")]
        people = [tuple(row[i] for i in key) for row in rows]
        assert len(people) == len(set(people)) > 50
        attended = db.execute("SELECT count(DISTINCT (council, committee, meeting_date, meeting_id, name)) FROM v_attendance "
                              "WHERE attendance_type IN ('chair', 'vice_chair', 'present', 'present_virtual', 'substitute')").fetchone()[0]
        assert len(rows) == attended
        for number in (1, 3):
            db.execute(readme_query(number)).fetchall()
    lite = sqlite3.connect(out / "agendapack.sqlite")
    try:
        assert lite.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        lite.close()
