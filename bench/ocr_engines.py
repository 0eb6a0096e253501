"""Compare OCR engines on the scanned sample pack: word accuracy against the text layer it was scanned from, and pages/s.

    .venv/bin/python bench/ocr_engines.py [--pages 1-31] [--engines tesserocr,pytesseract,pymupdf,rapidocr]

The scanned pack (`fixtures/sample_pack_scanned.pdf`) is `fixtures/sample_pack.pdf` rendered at
200 dpi, skewed, noised and thresholded, so the words each page should give are exactly the words
of the original page's text layer. Per engine: word recall (share of the text layer's words, as a
multiset per page, that the engine read exactly), word precision (share of the engine's words that
are on the page), pages/s over the same pages and CPU seconds per page (fair on a shared machine),
single-threaded (OMP_THREAD_LIMIT=1, as in a batch worker). The engines read the plain rendering,
without the deskew and second look agendapack adds around Tesseract. The engines that are not installed are listed and left out. This is how the
project's engine was chosen (README, "OCR").
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np
import pymupdf

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT / "fixtures" / "sample_pack.pdf"
SCANNED = ROOT / "fixtures" / "sample_pack_scanned.pdf"
TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")
_WORD = re.compile(r"[\w£%$€.,:;'’()/&-]+")


def words(text: str) -> list[str]:
    out = []
    for token in text.split():
        token = token.strip(".,:;()'’\"").lower()
        if token and any(ch.isalnum() for ch in token):
            out.append(token)
    return out


def truth_words(page_numbers: list[int]) -> dict[int, Counter]:
    with pymupdf.open(TEXT) as doc:
        return {n: Counter(words(doc[n - 1].get_text("text"))) for n in page_numbers}


def grey_image(page: pymupdf.Page, dpi: int) -> np.ndarray:
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width)


def engine_tesserocr(dpi: int):
    import tesserocr
    from PIL import Image

    api = tesserocr.PyTessBaseAPI(path=str(TESSDATA), lang="eng", psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY)

    def read(page: pymupdf.Page) -> str:
        api.SetImage(Image.fromarray(grey_image(page, dpi)))
        api.SetSourceResolution(dpi)
        return api.GetUTF8Text()

    return read


def engine_pytesseract(dpi: int):
    import pytesseract
    from PIL import Image

    def read(page: pymupdf.Page) -> str:
        return pytesseract.image_to_string(Image.fromarray(grey_image(page, dpi)), lang="eng", config=f"--psm 3 --oem 1 --dpi {dpi}")

    return read


def engine_pymupdf(dpi: int):
    def read(page: pymupdf.Page) -> str:
        textpage = page.get_textpage_ocr(dpi=dpi, full=True, language="eng", tessdata=str(TESSDATA))
        return page.get_text("text", textpage=textpage)

    return read


def engine_rapidocr(dpi: int):
    from rapidocr_onnxruntime import RapidOCR

    ocr = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

    def read(page: pymupdf.Page) -> str:
        grey = grey_image(page, dpi)
        result, _ = ocr(np.stack([grey] * 3, axis=-1))
        return "\n".join(text for _, text, _ in result or [])

    return read


ENGINES = {"tesserocr": engine_tesserocr, "pytesseract": engine_pytesseract, "pymupdf": engine_pymupdf, "rapidocr": engine_rapidocr}


def available(name: str) -> bool:
    if name in ("tesserocr", "pymupdf"):
        if not (TESSDATA / "eng.traineddata").is_file():
            return False
    if name == "pytesseract" and shutil.which("tesseract") is None:
        return False
    module = {"tesserocr": "tesserocr", "pytesseract": "pytesseract", "pymupdf": "pymupdf", "rapidocr": "rapidocr_onnxruntime"}[name]
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def measure(name: str, dpi: int, page_numbers: list[int], truth: dict[int, Counter]) -> tuple[float, float, float]:
    read = ENGINES[name](dpi)
    hit = total_truth = total_pred = 0
    with pymupdf.open(SCANNED) as doc:
        read(doc[page_numbers[0] - 1])  # warm-up: model loading is not per page
        started, cpu = time.perf_counter(), _cpu()
        for n in page_numbers:
            got = Counter(words(read(doc[n - 1])))
            hit += sum((got & truth[n]).values())
            total_truth += sum(truth[n].values())
            total_pred += sum(got.values())
        seconds, cpu_seconds = time.perf_counter() - started, _cpu() - cpu
    return hit / max(total_truth, 1), hit / max(total_pred, 1), len(page_numbers) / seconds, cpu_seconds / len(page_numbers)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pytesseract runs the tesseract program)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def page_range(text: str) -> list[int]:
    start, _, end = text.partition("-")
    return list(range(int(start), int(end or start) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="1-31")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--dpi", default="200,300", help="rendering resolutions to try")
    args = parser.parse_args()
    page_numbers = page_range(args.pages)
    truth = truth_words(page_numbers)
    print(f"{len(page_numbers)} pages of {SCANNED.name}, {sum(sum(c.values()) for c in truth.values())} words in the text layer")
    print(f"{'engine':<12} {'dpi':>4} {'recall':>7} {'precision':>9} {'pages/s':>8} {'cpu s/page':>10}")
    for name in args.engines.split(","):
        if not available(name):
            print(f"{name:<12} not installed")
            continue
        for dpi in (int(d) for d in args.dpi.split(",")):
            recall, precision, rate, cpu = measure(name, dpi, page_numbers, truth)
            print(f"{name:<12} {dpi:>4} {recall:>7.3f} {precision:>9.3f} {rate:>8.2f} {cpu:>10.2f}", flush=True)


if __name__ == "__main__":
    main()
