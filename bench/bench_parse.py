"""Benchmark `parse` + writing against a bare PyMuPDF loop, per corpus folder, in one process.

For every text-layer PDF of the corpus (MANIFEST.tsv `text_ok = yes`), phases interleaved per file,
each figure the best of --repeat rounds, all with `--ocr never` by default: the floor reads the text
layer and nothing else, while OCR'ing a page image costs about 2 s (`bench_ocr.py` prices it), so
with OCR on, three packs' image pages made folders 25-70x the floor and hid every other cost:
- floor: a bare `page.get_text("dict")` loop over every page (what a naive reader does);
- plain: `parse(extract=False)` + writing (no extractors), to price the extractors;
- full:  `parse()` + `write_document` (JSON, CSV and Parquet), every stage timed inside the run.

Printed: full parse with writing as a multiple of the floor per corpus folder, over the whole corpus and
over the first 66 MANIFEST rows (the corpus as it was before the labelled US files were added: the
ratio depends on the mix, so both are shown); each stage's share of the full time (over both mixes); the meeting
extractors' cost against parse without extractors; the table pass's share.

    python bench/bench_parse.py [--corpus ../shared/corpus] [--repeat 3] [--only SUBSTR]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf  # the floor is PyMuPDF itself

import agendapack.pipeline as pipeline_module
from agendapack import parse
from agendapack.output.write import parse_formats, write_document

ROOT = Path(__file__).resolve().parents[1]
FIRST_MIX_ROWS = 66
FORMATS = parse_formats("json,csv,parquet")
# Pipeline functions timed inside a full run, by the name the pipeline module calls them under.
STAGES = ("load_pack", "clean_pack", "segment_pack", "classify_sections", "build_blocks", "extract_records", "with_tables")
STAGE_LABELS = {"extract_records": "meeting extractors", "with_tables": "tables", "write": "write"}
pymupdf.TOOLS.mupdf_display_errors(False)


@dataclass
class FileFigures:
    name: str
    folder: str
    row: int
    pages: int
    floor: float
    plain: float
    full: float
    stages: dict[str, float] = field(default_factory=dict)


def text_layer_pdfs(corpus: Path) -> list[tuple[int, Path]]:
    """(MANIFEST row number, path) of every PDF the manifest marks as having a text layer."""
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(n, corpus / r["local_path"]) for n, r in enumerate(rows, 1) if r["text_ok"] == "yes" and r["local_path"].endswith(".pdf")]


def floor_loop(path: Path) -> None:
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text("dict")


@contextmanager
def stage_timers() -> Iterator[dict[str, float]]:
    """Wrap the pipeline's stage functions so one run's time per stage is summed by name."""
    spent: dict[str, float] = defaultdict(float)
    originals = {name: getattr(pipeline_module, name) for name in STAGES if hasattr(pipeline_module, name)}

    def wrap(name: str, original: Callable) -> Callable:
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        return timed

    for name, original in originals.items():
        setattr(pipeline_module, name, wrap(name, original))
    try:
        yield spent
    finally:
        for name, original in originals.items():
            setattr(pipeline_module, name, original)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def full_run(path: Path, out: Path, ocr: str) -> tuple[float, dict[str, float]]:
    with stage_timers() as spent:
        start = time.perf_counter()
        doc = parse(path, ocr=ocr)
        parsed = time.perf_counter()
        write_document(doc, out, FORMATS)
        end = time.perf_counter()
    stages = dict(spent)
    stages["write"] = end - parsed
    return end - start, stages


def measure(row: int, path: Path, corpus: Path, out: Path, repeat: int, ocr: str) -> FileFigures:
    with pymupdf.open(path) as doc:
        pages = doc.page_count
    floor, plain, full, stages = float("inf"), float("inf"), float("inf"), {}
    for _ in range(repeat):  # interleaved, so every phase sees the same machine conditions
        floor = min(floor, timed(lambda: floor_loop(path)))
        plain = min(plain, timed(lambda: write_document(parse(path, extract=False, ocr=ocr), out, FORMATS)))
        seconds, spent = full_run(path, out, ocr)
        if seconds < full:
            full, stages = seconds, spent
    relative = path.relative_to(corpus)
    return FileFigures(str(relative), relative.parts[0], row, pages, floor, plain, full, stages)


def ratio_line(label: str, rows: list[FileFigures]) -> str:
    pages = sum(r.pages for r in rows)
    floor, full = sum(r.floor for r in rows), sum(r.full for r in rows)
    return f"{label:44s} {len(rows):4d} {pages:6d} {pages / floor:9.1f} {pages / full:9.1f} {full / floor:7.2f}x"


def print_folders(rows: list[FileFigures]) -> None:
    print(f"\n{'folder (parse + write vs bare floor)':44s} {'pdfs':>4s} {'pages':>6s} {'floor p/s':>9s} {'full p/s':>9s} {'ratio':>8s}")
    folders: dict[str, list[FileFigures]] = defaultdict(list)
    for r in rows:
        folders[r.folder].append(r)
    for name in sorted(folders):
        print(ratio_line(name, folders[name]))
    print(ratio_line("WHOLE CORPUS (target <= 2.7x)", rows))
    first = [r for r in rows if r.row <= FIRST_MIX_ROWS]
    print(ratio_line(f"FIRST {FIRST_MIX_ROWS} MANIFEST ROWS (target <= 2.7x)", first))
    worst = max(folders, key=lambda n: sum(r.full for r in folders[n]) / sum(r.floor for r in folders[n]))
    worst_ratio = sum(r.full for r in folders[worst]) / sum(r.floor for r in folders[worst])
    print(f"highest folder: {worst} {worst_ratio:.2f}x (target: no folder above 4x)")


def print_stages(rows: list[FileFigures], label: str) -> None:
    full = sum(r.full for r in rows)
    totals: dict[str, float] = defaultdict(float)
    for r in rows:
        for name, seconds in r.stages.items():
            totals[name] += seconds
    print(f"\nstage shares of full parse + write, {label} ({full:.2f} s, sum of each file's fastest round):")
    for name in (*STAGES, "write"):
        if name in totals:
            print(f"  {STAGE_LABELS.get(name, name):20s} {totals[name]:7.2f} s {totals[name] / full:6.1%}")
    other = full - sum(totals.values())
    print(f"  {'(between stages)':20s} {other:7.2f} s {other / full:6.1%}")


def print_extractor_costs(rows: list[FileFigures]) -> None:
    plain = sum(r.plain for r in rows)
    meetings = sum(r.stages.get("extract_records", 0.0) for r in rows)
    tables = sum(r.stages.get("with_tables", 0.0) for r in rows)
    full = sum(r.full for r in rows)
    share = meetings / plain
    print(f"\nmeeting extractors (agenda, minutes, covers, entities): {meetings:.2f} s = +{share:.1%} of parse + write without extractors (target <= +20%)")
    print(f"table extraction: {tables:.2f} s; parse + write runs at {(full - tables) / full:.2f} of its speed without it")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="only files whose corpus path contains this")
    parser.add_argument(
        "--ocr", default="never", choices=("never", "auto"),
        help="never (default): both sides read the text layer only, OCR is priced per page by bench_ocr.py; auto: as `parse` runs by default",
    )
    args = parser.parse_args()
    rows: list[FileFigures] = []
    with tempfile.TemporaryDirectory() as tmp:  # warm-up: imports, spaCy's pipeline, first-call caches
        write_document(parse(ROOT / "fixtures" / "sample_pack.pdf"), Path(tmp), FORMATS)
    print(f"OCR: {args.ocr} (the floor reads the text layer only; --ocr auto adds OCR'd pages' time to parse's side)")
    print(f"{'file':60s} {'pages':>5s} {'floor p/s':>9s} {'full p/s':>9s} {'ratio':>6s}")
    with tempfile.TemporaryDirectory() as tmp:
        for row, path in text_layer_pdfs(args.corpus):
            if args.only in str(path):
                f = measure(row, path, args.corpus, Path(tmp), args.repeat, args.ocr)
                rows.append(f)
                print(f"{f.name[:60]:60s} {f.pages:5d} {f.pages / f.floor:9.1f} {f.pages / f.full:9.1f} {f.full / f.floor:6.2f}")
    if rows:
        print_folders(rows)
        print_stages(rows, "whole corpus")
        first = [r for r in rows if r.row <= FIRST_MIX_ROWS]
        if first and len(first) < len(rows):
            print_stages(first, f"first {FIRST_MIX_ROWS} MANIFEST rows")
        print_extractor_costs(rows)


if __name__ == "__main__":
    main()
