"""Benchmark: `parse` (load to write) against a bare PyMuPDF get_text("dict") loop, per corpus PDF.

Both run in this process over the same pages; each figure is the best of
--repeat runs. Two baselines are printed: the plain `get_text("dict")` call
(what a naive reader does) and the same call with the flags the load stage
uses (images left out), so the ratio is not flattered by that saving alone.

    python bench/bench_parse.py [--corpus ../shared/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

import pymupdf  # the benchmark's baseline is PyMuPDF itself

import agendapack.pipeline as pipeline_module
from agendapack import parse
from agendapack.write import write_document

ROOT = Path(__file__).resolve().parents[1]
FLAGS = (pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_IMAGES) | pymupdf.TEXT_MEDIABOX_CLIP
pymupdf.TOOLS.mupdf_display_errors(False)


def text_layer_pdfs(corpus: Path) -> list[Path]:
    """PDFs the manifest marks as having a text layer."""
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [corpus / row["local_path"] for row in rows if row["text_ok"] == "yes" and row["local_path"].endswith(".pdf")]


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_loop(path: Path, flags: int | None) -> None:
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text("dict") if flags is None else page.get_text("dict", flags=flags)


def parse_and_write(path: Path, out: Path, extract: bool = True, keep: list | None = None) -> None:
    doc = parse(path, extract=extract)
    write_document(doc, out)
    if keep is not None:
        keep[:] = [doc]


# Time spent in the registry extractors (agenda, minutes, covers, entities) inside `parse`, one entry per call;
# the best of a file's runs counts, as for the other figures (the first run also loads spaCy).
REGISTRY_CALLS: list[float] = []
_registry_extract = pipeline_module.extract_records


def _timed_registry_extract(*args, **kwargs):
    start = time.perf_counter()
    try:
        return _registry_extract(*args, **kwargs)
    finally:
        REGISTRY_CALLS.append(time.perf_counter() - start)


pipeline_module.extract_records = _timed_registry_extract

# Time spent in table extraction (finding, stitching and reading tables) inside `parse`, the same way.
TABLE_CALLS: list[float] = []
_with_tables = pipeline_module.with_tables


def _timed_with_tables(*args, **kwargs):
    start = time.perf_counter()
    try:
        return _with_tables(*args, **kwargs)
    finally:
        TABLE_CALLS.append(time.perf_counter() - start)


pipeline_module.with_tables = _timed_with_tables


def table_heavy(doc) -> bool:
    """At least half the pages hold a table."""
    pages = {p for t in doc.records.tables for p in t.pages}
    return len(pages) >= 0.5 * max(len(doc.pages), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = text_layer_pdfs(args.corpus)
    totals = {"pages": 0, "bare": 0.0, "flags": 0.0, "parse": 0.0, "plain": 0.0, "heavy_pages": 0, "heavy_parse": 0.0, "heavy_plain": 0.0}
    print(f"{'file':58s} {'pages':>5s} {'bare p/s':>9s} {'same-flags p/s':>14s} {'parse p/s':>9s} {'ratio':>6s} {'no-extract p/s':>14s}")
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            with pymupdf.open(path) as doc:
                pages = doc.page_count
            bare = best_of(args.repeat, lambda: bare_loop(path, None))
            flagged = best_of(args.repeat, lambda: bare_loop(path, FLAGS))
            kept: list = []
            REGISTRY_CALLS.clear()
            TABLE_CALLS.clear()
            parsed = best_of(args.repeat, lambda: parse_and_write(path, Path(tmp), keep=kept))
            totals["registry"] = totals.get("registry", 0.0) + min(REGISTRY_CALLS, default=0.0)
            totals["tables"] = totals.get("tables", 0.0) + min(TABLE_CALLS, default=0.0)
            plain = best_of(args.repeat, lambda: parse_and_write(path, Path(tmp), extract=False))
            totals["pages"] += pages
            totals["bare"] += bare
            totals["flags"] += flagged
            totals["parse"] += parsed
            totals["plain"] += plain
            heavy = table_heavy(kept[0])
            if heavy:
                totals["heavy_pages"] += pages
                totals["heavy_parse"] += parsed
                totals["heavy_plain"] += plain
                totals["heavy_tables"] = totals.get("heavy_tables", 0.0) + min(TABLE_CALLS, default=0.0)
            name = (("* " if heavy else "") + str(path.relative_to(args.corpus)))[:58]
            print(f"{name:58s} {pages:5d} {pages / bare:9.1f} {pages / flagged:14.1f} {pages / parsed:9.1f} {parsed / bare:6.2f} {pages / plain:14.1f}")
    n = totals["pages"]
    print()
    print(f"corpus: {len(files)} text-layer PDFs, {n} pages")
    print(f"bare get_text('dict') loop:        {n / totals['bare']:8.1f} pages/s")
    print(f"bare loop with load-stage flags:   {n / totals['flags']:8.1f} pages/s")
    print(f"agendapack parse (load to write):  {n / totals['parse']:8.1f} pages/s")
    print(f"ratio parse / bare loop:           {totals['parse'] / totals['bare']:8.2f}x  (target <= 3x)")
    print(f"ratio parse / same-flags loop:     {totals['parse'] / totals['flags']:8.2f}x")
    print(f"parse without extraction:          {n / totals['plain']:8.1f} pages/s")
    print(f"parse with extraction (tables ...): {n / totals['parse']:8.1f} pages/s = {totals['plain'] / totals['parse']:.2f} of the speed without (target >= 0.5)")
    print(f"extraction overhead on parse:      {totals['parse'] / totals['plain'] - 1:+8.1%}  (target <= +20%)")
    registry = totals.get("registry", 0.0)
    share = registry / totals["plain"]
    print(f"  of which registry extractors (agenda, minutes, covers, entities): {registry:.2f}s = {share:+.1%} of parse without extraction")
    tables = totals.get("tables", 0.0)
    print(f"  of which table extraction: {tables:.2f}s; parse with it runs at {(totals['parse'] - tables) / totals['parse']:.2f} of its speed without it (target >= 0.5)")
    heavy = totals["heavy_pages"]
    if heavy:
        heavy_tables = totals.get("heavy_tables", 0.0)
        print(f"table-heavy files: {heavy / totals['heavy_parse']:.1f} pages/s with table extraction,"
              f" {heavy / (totals['heavy_parse'] - heavy_tables):.1f} without it, table extraction alone {heavy / heavy_tables:.1f} pages/s")
        print(f"table-heavy files (* above, tables on half their pages or more): {heavy} pages,"
              f" {heavy / totals['heavy_parse']:.1f} pages/s with extraction, {heavy / totals['heavy_plain']:.1f} without")


if __name__ == "__main__":
    main()
