"""`--executor dask`: a corpus batch on a local Dask cluster gives the same outputs as the process pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from agendapack.batch import BatchOptions, Limits, run_batch
from test_batch import duckdb_contents, tree_digests

pytest.importorskip("distributed", reason="the 'dask' extra is not installed")

# A small slice of the corpus: different publishers, with and without outlines, one scanned file.
CORPUS_SLICE = (
    "kent-cc/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
    "kent-cc/Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf",
    "bristol-wpl/src-bcc-0014_committee-report-workplace-parking-levy-march-2026.pdf",
    "alameda/2023-03-07.pdf",
    "camelot/image.pdf",
    "nipissing/Minutes-June-18-2024.pdf",
)


def test_dask_executor_matches_the_process_pool(corpus: Path, tmp_path: Path) -> None:
    inputs = [str(corpus / name) for name in CORPUS_SLICE]
    limits = Limits(timeout=300, memory_bytes=2 << 30)
    pool = run_batch(inputs, tmp_path / "pool", BatchOptions(workers=2, limits=limits))
    dask = run_batch(inputs, tmp_path / "dask", BatchOptions(workers=2, executor="dask", limits=limits))
    assert [(f.key, f.pack_id, f.status, f.pages) for f in dask.files] == [(f.key, f.pack_id, f.status, f.pages) for f in pool.files]
    assert {f.status for f in dask.files} == {"success"}  # the scanned page (camelot/image.pdf) is read by OCR
    assert tree_digests(tmp_path / "dask") == tree_digests(tmp_path / "pool")
    assert duckdb_contents(tmp_path / "dask" / "agendapack.duckdb") == duckdb_contents(tmp_path / "pool" / "agendapack.duckdb")
    assert not (tmp_path / "dask" / ".staging").exists()  # the cluster's scratch space was inside OUT and is gone


def test_dask_executor_applies_the_time_limit(tmp_path: Path) -> None:
    from bad_inputs import dense_pages_pdf, small_pdf, write

    slow = write(tmp_path, "pages-5000.pdf", dense_pages_pdf())  # full pages: far longer than the limit on any machine
    quick = write(tmp_path, "quick.pdf", small_pdf(2))
    result = run_batch([str(slow), str(quick)], tmp_path / "out", BatchOptions(workers=1, executor="dask", limits=Limits(timeout=3, memory_bytes=0)))
    outcome = {Path(f.key).name: f for f in result.files}
    assert outcome["pages-5000.pdf"].error_codes == ["timeout"]
    assert outcome["quick.pdf"].status == "success"
