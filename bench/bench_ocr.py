"""Benchmark OCR: pages/s and its share of a scanned pack's time, and what OCR costs text-layer packs (nothing, it should).

    python bench/bench_ocr.py [--corpus ../shared/corpus] [--repeat 3] [--scanned-only | --text-only]

1. Scanned packs (the scanned sample pack and the corpus's image-only files): `parse()` with OCR,
   the time spent in OCR (rendering, skew, Tesseract, rulings: the load stage's `_with_ocr`)
   against the whole parse: OCR pages/s and OCR's share of each pack's time.
2. Text-layer packs (every corpus PDF the manifest marks as having a text layer): `parse(ocr="never")`
   against `parse(ocr="auto")` with the engine installed, best of --repeat each, in one process, so
   the ratio is the cost of having OCR installed on files that do not need it (target: 1.00).
"""

from __future__ import annotations

import argparse
import csv
import time
from contextlib import contextmanager
from pathlib import Path

import agendapack.stages.load as load_module
from agendapack import parse
from agendapack.models.geometry import TextSource
from agendapack.ocr.engine import engine_label, engine_problem

ROOT = Path(__file__).resolve().parents[1]
SCANNED_PACK = ROOT / "fixtures" / "sample_pack_scanned.pdf"


def manifest_pdfs(corpus: Path, text_ok: str) -> list[Path]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [corpus / row["local_path"] for row in rows if row["text_ok"] == text_ok and row["local_path"].endswith(".pdf")]


@contextmanager
def ocr_timer():
    """Time spent in the load stage's OCR of pages, added up while the context is open."""
    spent = [0.0]
    original = load_module._with_ocr

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    load_module._with_ocr = timed
    try:
        yield spent
    finally:
        load_module._with_ocr = original


def scanned(paths: list[Path]) -> None:
    print(f"{'scanned pack':48s} {'pages':>5s} {'ocr pages':>9s} {'parse s':>8s} {'ocr s':>7s} {'ocr p/s':>8s} {'ocr share':>9s}")
    total_pages = total_ocr = total_parse = 0.0
    for path in paths:
        with ocr_timer() as spent:
            started = time.perf_counter()
            doc = parse(path)
            seconds = time.perf_counter() - started
        ocr_pages = sum(1 for page in doc.pages if page.text_source is TextSource.OCR)
        total_pages += ocr_pages
        total_ocr += spent[0]
        total_parse += seconds
        rate = ocr_pages / spent[0] if spent[0] else 0.0
        print(f"{path.name[:48]:48s} {len(doc.pages):5d} {ocr_pages:9d} {seconds:8.1f} {spent[0]:7.1f} {rate:8.2f} {spent[0] / seconds:9.1%}")
    if total_ocr:
        print(f"OCR: {total_pages / total_ocr:.2f} pages/s over {int(total_pages)} pages; {total_ocr / total_parse:.1%} of the scanned packs' parse time")


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def text_layer(paths: list[Path], repeat: int) -> None:
    """Packs whose every page has a usable text layer measure what having OCR installed costs (nothing, it should);
    packs with some image-only pages (a scanned appendix) are OCR'd there under `auto`, which is the point of OCR,
    so they are timed apart and their cost is shown per OCR'd page rather than folded into the ratio."""
    pure = {"never": 0.0, "auto": 0.0, "pages": 0, "files": 0}
    mixed = {"never": 0.0, "auto": 0.0, "pages": 0, "files": 0, "ocr_pages": 0}
    for path in paths:
        doc = parse(path, ocr="auto")
        ocr_pages = sum(page.text_source is TextSource.OCR for page in doc.pages)
        group = mixed if ocr_pages else pure
        group["pages"] += len(doc.pages)
        group["files"] += 1
        group["never"] += best_of(repeat, lambda p=path: parse(p, ocr="never"))
        group["auto"] += best_of(repeat, lambda p=path: parse(p, ocr="auto"))
        if ocr_pages:
            mixed["ocr_pages"] += ocr_pages
    print(f"\ntext-layer packs with no page to OCR: {pure['files']} PDFs, {pure['pages']} pages, best of {repeat}")
    print(f"parse --ocr never (baseline):  {pure['pages'] / pure['never']:8.1f} pages/s")
    ratio = pure["auto"] / pure["never"]
    print(f"parse --ocr auto ({engine_label()}): {pure['pages'] / pure['auto']:8.1f} pages/s = {ratio:.3f}x the baseline's time (target <= 1.02)")
    if mixed["files"]:
        extra = mixed["auto"] - mixed["never"]
        print(f"packs with image-only pages: {mixed['files']} PDFs, {mixed['pages']} pages, {mixed['ocr_pages']} of them OCR'd under auto: "
              f"{mixed['never']:.1f} s without OCR, {mixed['auto']:.1f} s with ({extra / mixed['ocr_pages']:.2f} s per OCR'd page)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scanned-only", action="store_true")
    parser.add_argument("--text-only", action="store_true")
    args = parser.parse_args()
    problem = engine_problem()
    if problem is not None:
        raise SystemExit(problem)
    have_corpus = (args.corpus / "MANIFEST.tsv").is_file()
    if not args.text_only:
        scanned([SCANNED_PACK, *(manifest_pdfs(args.corpus, "no") if have_corpus else [])])
    if not args.scanned_only and have_corpus:
        text_layer(manifest_pdfs(args.corpus, "yes"), args.repeat)


if __name__ == "__main__":
    main()
