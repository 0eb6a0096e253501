"""Benchmark cost and memory against pack length, on packs built by concatenating real corpus PDFs.

For each length (default 100, 1,000 and 5,000 pages) a pack is assembled from the corpus's text-layer
PDFs, in MANIFEST order, repeated until it has that many pages. Each measurement runs in a fresh
process, so peak resident memory (ru_maxrss) is that run's own:
- floor: a bare PyMuPDF `get_text("dict")` loop over the pack;
- full:  `agendapack.parse` + `write_document` (JSON, CSV, Parquet), with `--ocr never` by default
  like `bench_parse.py`: the packs hold a few image-only pages from the corpus, which OCR reads at
  about 2 s each, so with OCR on the cost per page followed where the cut fell, not the length.

Two mixes (`--mix`, both by default):
- corpus: each pack cycles through the whole corpus, so a long pack holds every kind of paper, but the
  shortest holds only the first few files (the 1,000-page pack has the dense OCR'd budget, the
  100-page pack has not): per-page cost then follows the mix as well as the length;
- same: each longer pack is the shortest one repeated, so the same pages are read at every length and
  a change in per-page cost comes from the length alone.

Printed per length: ms per page for both, the ratio, peak RSS of the full run, the size of
document.json, and per-page cost relative to the shortest pack (target: the 5,000-page pack within
20% of the 100-page pack's cost per page, and under 600 MB peak RSS).

    python bench/bench_length.py [--corpus ../shared/corpus] [--lengths 100,1000,5000] [--mix corpus,same] [--ocr never|auto]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pymupdf  # builds the concatenated packs; the floor is PyMuPDF itself

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from long_pack import concatenated_pack, corpus_sources  # noqa: E402  (the long-pack test builds its pack the same way)

pymupdf.TOOLS.mupdf_display_errors(False)

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, pdf, out, ocr = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[5]
if mode == "floor":
    import pymupdf
    start = time.perf_counter()
    with pymupdf.open(pdf) as doc:
        for page in doc:
            page.get_text("dict")
    seconds = time.perf_counter() - start
else:
    from agendapack import parse
    from agendapack.output.write import parse_formats, write_document
    write_document(parse(Path(sys.argv[4])), out / "warm", parse_formats("json,csv,parquet"))  # imports and caches
    start = time.perf_counter()
    write_document(parse(pdf, ocr=ocr), out, parse_formats("json,csv,parquet"))
    seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run_child(mode: str, pdf: Path, out: Path, ocr: str) -> dict:
    warm = ROOT / "fixtures" / "sample_pack.pdf"
    command = [sys.executable, "-c", CHILD, mode, str(pdf), str(out), str(warm), ocr]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def document_json_size(out: Path) -> int:
    found = [p for p in out.glob("*/document.json*") if "warm" not in p.parts]
    return sum(p.stat().st_size for p in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--lengths", default="100,1000,5000")
    parser.add_argument("--ocr", default="never", choices=("never", "auto"), help="OCR mode of the full run (the floor reads the text layer only)")
    parser.add_argument("--mix", default="corpus,same", help="corpus (cycle the corpus), same (repeat the shortest pack), or both")
    args = parser.parse_args()
    lengths = sorted(int(n) for n in args.lengths.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        for mix in args.mix.split(","):
            print(f"\nmix: {mix}")
            measure_lengths(corpus_sources(args.corpus), lengths, mix, Path(tmp) / mix, args.ocr)


def measure_lengths(sources: list[Path], lengths: list[int], mix: str, folder: Path, ocr: str) -> None:
    print(f"{'pages':>6s} {'floor ms/p':>10s} {'full ms/p':>10s} {'x floor':>8s} {'peak RSS':>9s} {'doc json':>9s} {'ms/p vs first':>13s}")
    folder.mkdir(parents=True)
    shortest = concatenated_pack(sources, lengths[0], folder / f"pack-{lengths[0]}.pdf")
    first = None
    for n in lengths:
        pdf = folder / f"pack-{n}.pdf"
        if n != lengths[0]:
            concatenated_pack([shortest] if mix == "same" else sources, n, pdf)
        out = folder / f"out-{n}"
        floor = run_child("floor", pdf, out, ocr)
        full = run_child("full", pdf, out, ocr)
        per_page = 1000 * full["seconds"] / n
        first = first or per_page
        print(
            f"{n:6d} {1000 * floor['seconds'] / n:10.2f} {per_page:10.2f} {full['seconds'] / floor['seconds']:8.2f} "
            f"{full['max_rss_kb'] / 1024:7.0f}MB {document_json_size(out) / 1e6:7.1f}MB {per_page / first:13.2f}"
        )


if __name__ == "__main__":
    main()
