"""SIGKILL a batch mid-run, rerun it, and get the same outputs as a batch that was never interrupted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from agendapack.models.document import PackDocument
from agendapack.output.tables import TABLES, table_rows
from bad_inputs import many_pages_pdf, write
from test_batch import duckdb_contents, tree_digests

FILES = 8


@pytest.fixture(scope="module")
def long_packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight packs of 700-1,050 pages: each takes a worker a noticeable moment, so a kill lands between packs."""
    folder = tmp_path_factory.mktemp("long")
    for index in range(FILES):
        write(folder, f"pack-{index}.pdf", many_pages_pdf(700 + 50 * index))
    return folder


def batch_command(inputs: Path, out: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "agendapack", "batch", str(inputs), "-o", str(out), "--workers", str(workers), "--log-format", "json"]


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def journal_lines(out: Path) -> int:
    try:
        return (out / "manifest.journal.jsonl").read_bytes().count(b"\n")
    except OSError:
        return 0


def test_killed_batch_rerun_gives_the_same_outputs_as_an_uninterrupted_one(long_packs: Path, tmp_path: Path) -> None:
    reference, killed = tmp_path / "reference", tmp_path / "killed"
    subprocess.run(batch_command(long_packs, reference, 2), check=True, capture_output=True, timeout=600)

    batch = subprocess.Popen(batch_command(long_packs, killed, 1), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while journal_lines(killed) < 2 and time.monotonic() < deadline and batch.poll() is None:
        time.sleep(0.01)
    workers = children_of(batch.pid)
    assert batch.poll() is None, "the batch finished before it could be killed"
    os.kill(batch.pid, signal.SIGKILL)
    batch.wait(timeout=30)

    assert 2 <= journal_lines(killed) < FILES
    assert_workers_die(workers)
    assert_no_half_written_pack(killed)
    assert not (killed / "tables").exists() and not (killed / "agendapack.duckdb").exists()

    rerun = subprocess.run(batch_command(long_packs, killed, 2), capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stderr.splitlines()[-1])
    assert summary["unchanged"] >= 2 and summary["unchanged"] + summary["succeeded"] == FILES
    assert tree_digests(killed) == tree_digests(reference)
    assert duckdb_contents(killed / "agendapack.duckdb") == duckdb_contents(reference / "agendapack.duckdb")
    assert not (killed / ".staging").exists() and not (killed / "manifest.journal.jsonl").exists()


def assert_workers_die(pids: list[int]) -> None:
    """Workers die with their batch (no orphan keeps writing into OUT)."""
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
        time.sleep(0.05)
    assert not alive


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def assert_no_half_written_pack(out: Path) -> None:
    """Every pack folder in place is whole: its document reads and the file of every table it has rows in is there
    (a table with no rows has none), each holding the document's rows."""
    for folder in (out / "packs").iterdir():
        doc = PackDocument.model_validate_json((folder / "document.json").read_text(encoding="utf-8"))
        with_rows = {spec.name: len(table_rows(spec, doc)) for spec in TABLES if table_rows(spec, doc)}
        expected = {"document.json"} | {f"{name}.{ext}" for name in with_rows for ext in ("csv", "parquet")}
        assert {p.name for p in folder.iterdir()} - {"tables"} == expected, folder  # tables/: a wide CSV per extracted table
        for name, rows in with_rows.items():
            assert pq.read_metadata(folder / f"{name}.parquet").num_rows == rows, (folder, name)
    assert not [p for p in out.glob("*.tmp")]
