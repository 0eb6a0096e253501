"""Benchmark `parse` (load to write) per corpus PDF against a bare PyMuPDF loop, in one process.

For every text-layer PDF of the corpus, each figure the best of --repeat runs:
- bare:       `page.get_text("dict")` over every page (what a naive reader does);
- same-flags: the same call with the load stage's flags (images left out);
- plain:      `parse(extract=False)` + write: load, clean, segment, classify, blocks, write;
- full:       `parse()` + write, with the registry extractors (agenda, minutes, covers,
              entities) and table extraction, each timed inside the run.

    python bench/bench_parse.py [--corpus ../shared/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf  # the baseline is PyMuPDF itself

import agendapack.pipeline as pipeline_module
from agendapack import PackDocument, parse
from agendapack.output.write import write_document

ROOT = Path(__file__).resolve().parents[1]
FLAGS = (pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_IMAGES) | pymupdf.TEXT_MEDIABOX_CLIP
TIMED_STEPS = {"registry": "extract_records", "tables": "with_tables"}
pymupdf.TOOLS.mupdf_display_errors(False)


@dataclass
class FileFigures:
    name: str
    pages: int
    bare: float
    flags: float
    plain: float
    full: float
    steps: dict[str, float] = field(default_factory=dict)
    table_heavy: bool = False


def text_layer_pdfs(corpus: Path) -> list[Path]:
    """PDFs the manifest marks as having a text layer."""
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [corpus / row["local_path"] for row in rows if row["text_ok"] == "yes" and row["local_path"].endswith(".pdf")]


def best_of(repeat: int, work: Callable[[], object]) -> float:
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


@contextmanager
def timed_steps() -> Iterator[dict[str, list[float]]]:
    """Wrap the pipeline's extraction steps so each call's duration is recorded by step name."""
    calls: dict[str, list[float]] = {name: [] for name in TIMED_STEPS}
    originals = {name: getattr(pipeline_module, attr) for name, attr in TIMED_STEPS.items()}

    def wrap(name: str, original: Callable) -> Callable:
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                calls[name].append(time.perf_counter() - start)

        return timed

    for name, attr in TIMED_STEPS.items():
        setattr(pipeline_module, attr, wrap(name, originals[name]))
    try:
        yield calls
    finally:
        for name, attr in TIMED_STEPS.items():
            setattr(pipeline_module, attr, originals[name])


def table_heavy(doc: PackDocument) -> bool:
    """At least half the pages hold a table."""
    pages = {p for t in doc.records.tables for p in t.pages}
    return len(pages) >= 0.5 * max(len(doc.pages), 1)


def measure(path: Path, corpus: Path, out: Path, repeat: int) -> FileFigures:
    with pymupdf.open(path) as doc:
        pages = doc.page_count
    bare = best_of(repeat, lambda: bare_loop(path, None))
    flagged = best_of(repeat, lambda: bare_loop(path, FLAGS))
    plain = best_of(repeat, lambda: write_document(parse(path, extract=False), out))
    last: list[PackDocument] = []

    def parse_fully() -> None:
        last[:] = [parse(path)]
        write_document(last[0], out)

    with timed_steps() as calls:
        full = best_of(repeat, parse_fully)
    steps = {name: min(times, default=0.0) for name, times in calls.items()}
    return FileFigures(str(path.relative_to(corpus)), pages, bare, flagged, plain, full, steps, table_heavy(last[0]))


def print_row(f: FileFigures) -> None:
    mark = "*" if f.table_heavy else " "
    speeds = f"{f.pages / f.bare:9.1f} {f.pages / f.flags:10.1f} {f.pages / f.plain:9.1f} {f.plain / f.bare:6.2f} {f.pages / f.full:9.1f}"
    print(f"{mark} {f.name[:56]:56s} {f.pages:5d} {speeds}")


def summarise(rows: list[FileFigures]) -> None:
    pages = sum(r.pages for r in rows)
    bare, flags, plain, full = (sum(getattr(r, k) for r in rows) for k in ("bare", "flags", "plain", "full"))
    registry = sum(r.steps.get("registry", 0.0) for r in rows)
    tables = sum(r.steps.get("tables", 0.0) for r in rows)
    heavy = [r for r in rows if r.table_heavy]
    heavy_pages = sum(r.pages for r in heavy)
    heavy_full = sum(r.full for r in heavy)
    heavy_tables = sum(r.steps.get("tables", 0.0) for r in heavy)
    print(f"\ncorpus: {len(rows)} text-layer PDFs, {pages} pages")
    print(f"bare get_text('dict') loop:               {pages / bare:8.1f} pages/s")
    print(f"bare loop with the load stage's flags:    {pages / flags:8.1f} pages/s")
    print(f"parse, no extractors (load to write):     {pages / plain:8.1f} pages/s  = {plain / bare:.2f}x the bare loop (target <= 3x)")
    print(f"                                                          = {plain / flags:.2f}x the same-flags loop")
    print(f"parse with every extractor:               {pages / full:8.1f} pages/s  = {full / plain:.2f}x parse without")
    print(f"  meeting extractors (agenda, minutes, covers, entities): {registry:.2f}s = +{registry / plain:.1%} of parse without extractors (target <= +20%)")
    print(f"  table extraction: {tables:.2f}s; parse runs at {(full - tables) / full:.2f} of its speed without it (target >= 0.5)")
    if heavy:
        print(
            f"table-heavy files (* above, tables on half their pages or more): {heavy_pages} pages, "
            f"{heavy_pages / heavy_full:.1f} pages/s with table extraction, {heavy_pages / (heavy_full - heavy_tables):.1f} without"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: list[FileFigures] = []
    print(f"  {'file':56s} {'pages':>5s} {'bare p/s':>9s} {'flags p/s':>10s} {'plain p/s':>9s} {'ratio':>6s} {'full p/s':>9s}")
    with tempfile.TemporaryDirectory() as tmp:
        for path in text_layer_pdfs(args.corpus):
            rows.append(measure(path, args.corpus, Path(tmp), args.repeat))
            print_row(rows[-1])
    summarise(rows)


if __name__ == "__main__":
    main()
