"""A long pack under a batch memory limit: 2,000 pages of real council PDFs read within `--memory-limit 1G`.

The pack is whole corpus PDFs appended in MANIFEST order until it has 2,000 pages, as a council's
year of papers in one file would be. Before MuPDF's resource store was bounded and records shared
their fields-sets, this pack needed about 1.2 GB of address space beyond the loaded libraries and its
worker died at the cap; it now needs under 0.7 GB (`bench/bench_length.py` prints the figures).
"""

from __future__ import annotations

from pathlib import Path

from agendapack.batch import BatchOptions, Limits, run_batch
from long_pack import concatenated_pack, corpus_sources

PAGES = 2000


def test_a_2000_page_pack_of_real_papers_completes_under_a_1g_memory_limit(corpus: Path, tmp_path: Path) -> None:
    pack = concatenated_pack(corpus_sources(corpus), PAGES, tmp_path / "year-of-papers.pdf")
    limits = Limits(timeout=0, memory_bytes=1 << 30)
    result = run_batch([str(pack)], tmp_path / "out", BatchOptions(workers=1, limits=limits))
    (outcome,) = result.files
    assert outcome.status in ("success", "partial_success"), outcome  # before: failure, worker-crashed (SIGABRT at the cap)
    assert not {"memory-limit", "worker-crashed"} & set(outcome.error_codes)
    assert outcome.pages == PAGES
