"""Long packs made of real council papers: whole corpus PDFs appended in MANIFEST order (a year of papers in one file).

Used by the long-pack batch test and by `bench/bench_length.py`.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pymupdf  # appends the source PDFs; agendapack reads the result like any other pack


def corpus_sources(corpus: Path) -> list[Path]:
    """The corpus's text-layer council PDFs (Camelot's table tests left out), in MANIFEST order."""
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [corpus / r["local_path"] for r in rows if r["text_ok"] == "yes" and r["family"] != "table-groundtruth" and r["local_path"].endswith(".pdf")]


def concatenated_pack(sources: list[Path], pages: int, target: Path) -> Path:
    """Whole source documents appended in turn (cycling), the last one cut to land on exactly `pages`."""
    pymupdf.TOOLS.mupdf_display_errors(False)
    out = pymupdf.open()
    index = 0
    while out.page_count < pages:
        with pymupdf.open(sources[index % len(sources)]) as source:
            take = min(source.page_count, pages - out.page_count)
            out.insert_pdf(source, from_page=0, to_page=take - 1)
        index += 1
    out.save(target, garbage=1)
    out.close()
    return target
