"""The OCR engine: Tesseract 5 through tesserocr, on grey page images the load stage renders.

Chosen by measurement on the scanned sample pack (`bench/ocr_engines.py`; README, "OCR"):
Tesseract read 97-98% of the words exactly at 200-300 dpi, RapidOCR 84% (it runs words
together) at a tenth of the speed. tesserocr runs Tesseract in-process (no process per
page, the model is loaded once per process) and gives each word's box, its confidence and
the font size Tesseract estimates; the language data comes from Debian's
`tesseract-ocr-eng` (or `$TESSDATA_PREFIX`).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# One thread per engine: batch runs one worker per core, and Tesseract's OpenMP threads only
# fight over the same cores (set before the library loads).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ENGINE_NAME = "tesseract"
LANGUAGE = "eng"
INSTALL_HINT = "pip install 'agendapack[ocr]' and apt-get install tesseract-ocr-eng"
_TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)


Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in image pixels


@dataclass(frozen=True)
class PageImage:
    """An 8-bit grey image of a page (top row first, `stride` bytes a row) rendered at `dpi`."""

    width: int
    height: int
    stride: int
    samples: bytes
    dpi: int


@dataclass(frozen=True)
class OcrWord:
    """One word Tesseract read: its box in image pixels, confidence 0-1, estimated font size in points."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float
    size: float
    line: int = 0
    block: int = 0  # Tesseract's paragraph


def tessdata_dir() -> Path | None:
    """Where the language data lives: $TESSDATA_PREFIX, else the usual system folders."""
    configured = os.environ.get("TESSDATA_PREFIX")
    candidates = [configured] if configured else []
    for folder in [*candidates, *_TESSDATA_CANDIDATES]:
        path = Path(folder)
        if (path / f"{LANGUAGE}.traineddata").is_file():
            return path
        if (path / "tessdata" / f"{LANGUAGE}.traineddata").is_file():
            return path / "tessdata"
    return None


@cache
def engine_problem() -> str | None:
    """Why OCR cannot run here, or None when it can (checked without loading the engine)."""
    if importlib.util.find_spec("tesserocr") is None:
        return f"OCR is not installed: the tesserocr package is missing ({INSTALL_HINT})"
    if tessdata_dir() is None:
        return f"OCR is not installed: no Tesseract '{LANGUAGE}' language data was found ({INSTALL_HINT}, or set TESSDATA_PREFIX)"
    return None


def ocr_available() -> bool:
    return engine_problem() is None


def engine_label() -> str:
    """'tesserocr 2.13.0' when OCR can run here, else 'none' (read from package metadata, no import)."""
    if engine_problem() is not None:
        return "none"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"tesserocr {version('tesserocr')}"
    except PackageNotFoundError:
        return "tesserocr"


class TesseractEngine:
    """One Tesseract instance, reused for every page a process reads."""

    def __init__(self) -> None:
        import tesserocr

        self._tesserocr = tesserocr
        folder = tessdata_dir()
        if folder is None:
            raise RuntimeError(engine_problem() or "no language data")
        self._api = tesserocr.PyTessBaseAPI(path=f"{folder}{os.sep}", lang=LANGUAGE, psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY)
        self.version = tesserocr.tesseract_version().split()[1]

    def read(self, image: PageImage, cells: Sequence[Box] = ()) -> list[OcrWord]:
        """The words on the page, each knowing its text line and block, with a second look at ink the layout skipped.

        `cells` (boxes a table's rulings draw, `ocr.cells`) are read again one by one; a cell's own
        reading replaces the page's where it is the surer of the two.
        """
        from agendapack.ocr.ink import unread_text_blobs

        api = self._api
        api.SetPageSegMode(self._tesserocr.PSM.AUTO)
        api.SetImageBytes(image.samples, image.width, image.height, 1, image.stride)
        api.SetSourceResolution(image.dpi)
        api.Recognize()
        words = self._words(0, 0)
        for blob in unread_text_blobs(image, [w.box for w in words]):
            words.extend(self._second_look(blob, words))
        for cell in cells:
            words = self._cell_look(cell, words, image)
        api.Clear()
        return words

    def _cell_look(self, cell: Box, words: list[OcrWord], image: PageImage) -> list[OcrWord]:
        """The words with one table cell read on its own, when that reading is the surer.

        Read as sparse text, not as a block or a line: a speck of dust beside a word, taken into the
        line, made Tesseract read a header cell "Agenda Item" as "Agenda ltemn ss»".
        """
        from agendapack.ocr.ink import has_ink

        if not has_ink(image, cell):
            return words
        inside = [w for w in words if _centre_in(w.box, cell)]
        found = [w for w in self._read_rectangle(cell, self._tesserocr.PSM.SPARSE_TEXT, words) if w.confidence >= _CELL_CONFIDENCE]
        if not found or (inside and _mean_confidence(found) < _mean_confidence(inside)):
            return words
        return [w for w in words if not _centre_in(w.box, cell)] + found

    def _second_look(self, blob: tuple[int, int, int, int], words: list[OcrWord]) -> list[OcrWord]:
        """Read one blob of ink on its own, as a single line; keep only confident words that are new."""
        found = self._read_rectangle(blob, self._tesserocr.PSM.SINGLE_LINE, words)
        return [w for w in found if w.confidence >= _SECOND_LOOK_CONFIDENCE and not any(_overlaps(w.box, o.box) for o in words)]

    def _read_rectangle(self, box: Box, mode: int, words: list[OcrWord]) -> list[OcrWord]:
        """Recognise one rectangle of the page image in page segmentation `mode`; its words are numbered after `words`'
        lines and blocks, so they never join a line read before."""
        api = self._api
        x0, y0, x1, y1 = box
        api.SetPageSegMode(mode)
        api.SetRectangle(x0, y0, x1 - x0, y1 - y0)
        api.Recognize()
        line = max((w.line for w in words), default=0) + 1
        block = max((w.block for w in words), default=0) + 1
        return self._words(line, block)

    def _words(self, first_line: int, first_block: int) -> list[OcrWord]:
        """The words of the last recognition, numbered from `first_line` and `first_block`."""
        tesserocr = self._tesserocr
        words: list[OcrWord] = []
        iterator = self._api.GetIterator()
        if iterator is None:  # nothing recognised
            return words
        level = tesserocr.RIL.WORD
        line, block = first_line - 1, first_block - 1
        for word in tesserocr.iterate_level(iterator, level):
            try:
                text = word.GetUTF8Text(level)
            except RuntimeError:  # "No text returned": an empty word (seen on bar charts)
                text = ""
            box = word.BoundingBox(level)
            # Tesseract's paragraphs, not its blocks: a list item or a heading is a paragraph of its own,
            # as a PDF's text layer usually has it
            if word.IsAtBeginningOf(tesserocr.RIL.PARA) or block < first_block:
                block += 1
            if word.IsAtBeginningOf(tesserocr.RIL.TEXTLINE) or line < first_line:
                line += 1
            if not text or not text.strip() or box is None:
                continue
            attributes = word.WordFontAttributes() or {}
            words.append(OcrWord(text.strip(), tuple(box), word.Confidence(level) / 100.0, float(attributes.get("pointsize") or 0.0), line, block))
        return words


_SECOND_LOOK_CONFIDENCE = 0.6
_CELL_CONFIDENCE = 0.3  # a cell's words below this are specks and grey edges read as marks


def _centre_in(box: Box, cell: Box) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]


def _mean_confidence(words: list[OcrWord]) -> float:
    """Mean word confidence weighted by length: a long word read surely outweighs a stray mark."""
    weight = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / weight if weight else 0.0


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h > 0.3 * max(smaller, 1)


@cache
def get_engine() -> TesseractEngine:
    """The process's engine, made on first use (loading the model takes a moment)."""
    return TesseractEngine()
