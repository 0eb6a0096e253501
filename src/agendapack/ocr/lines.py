"""OCR words -> the `TextLine`s and `TextSpan`s every later stage reads, as if the page had a text layer.

Each word becomes one span with its own box (so column gaps stay visible to the table
finder), the font size Tesseract estimated for its line, a confidence, and bold when its
strokes are clearly thicker than the page's usual text (Tesseract's LSTM engine does not
report bold, and headings are found by it). Tesseract often reads a list number ("1.")
as a block of its own beside its text; pieces of text on the same row that are close
together are joined into one line, as a PDF's text layer has them.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

import numpy as np

from agendapack.models.geometry import BBox
from agendapack.models.source import TextLine, TextSpan
from agendapack.ocr.engine import OcrWord, PageImage
from agendapack.ocr.image import DARK, grey_array

OCR_FONT = "OCR"
_JOIN_GAP_EMS = 4.0  # pieces on one row closer than this (in font sizes) are one line
_ROW_OVERLAP = 0.5
_BOLD_FACTOR = 1.3  # stroke this much thicker than the page's median: bold
_MIN_WORDS_FOR_BOLD = 8  # fewer words give no reliable "usual" stroke
_MOSTLY_BOLD = 0.75  # share of a row's characters judged bold that makes the whole row bold
_NOISE_CONFIDENCE = 0.5  # below this, a word without a letter or digit is a speck, not text
_SPECK_EMS = 0.3  # a mark without a letter or digit smaller than this (in font sizes) each way is dust
_MIN_CONFIDENCE = 0.05  # below this, nothing is text (a real word can come as low as 0.07: "Committee’s")
_MIN_SHORT_CONFIDENCE = 0.3  # one- and two-letter words need more: shapes in pictures read as "ee" or "Il"
# a line that opens with a list marker or a paragraph number starts a block of its own, as in a text layer
_OPENS_ITEM = re.compile(r"^(?:•|\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])\s+\S")


Matrix = tuple[float, float, float, float, float, float]


def text_words(words: Sequence[OcrWord], dpi: int = 300) -> list[OcrWord]:
    """The words that are text: dust specks and scanner noise read as '_' or '.' are left out."""
    kept = []
    for word in words:
        has_alnum = any(ch.isalnum() for ch in word.text)
        if not has_alnum and (word.confidence < _NOISE_CONFIDENCE or _is_speck(word, dpi)):
            continue
        needed = _MIN_SHORT_CONFIDENCE if len(word.text) <= 2 else _MIN_CONFIDENCE
        if word.confidence < needed:
            continue
        kept.append(word)
    return kept


def _is_speck(word: OcrWord, dpi: int) -> bool:
    em = max(word.size, 6.0) * dpi / 72.0
    x0, y0, x1, y1 = word.box
    return x1 - x0 < _SPECK_EMS * em and y1 - y0 < _SPECK_EMS * em


def ocr_lines(words: Sequence[OcrWord], image: PageImage, to_page: Matrix) -> list[TextLine]:
    """Text lines in reading order from OCR words; boxes mapped from image pixels by `to_page`."""
    words = text_words(words, image.dpi)
    if not words:
        return []
    strokes = _relative_strokes(words, image)
    rows = _rows(words)
    lines: list[TextLine] = []
    for block_no, row in enumerate(rows):
        size = statistics.median(word.size for word in row) or _pixel_size(row, image.dpi)
        bold = _row_bold(row, strokes)
        texts = repaired_marker([word.text for word in row])
        spans = []
        for index, word in enumerate(row):
            text = texts[index] if index == len(row) - 1 else texts[index] + " "
            box = _map(word.box, to_page)
            spans.append(TextSpan(text=text, bbox=box, font=OCR_FONT, size=size, bold=bold[index], italic=False, confidence=round(word.confidence, 3)))
        lines.append(TextLine(spans=spans, bbox=_union([span.bbox for span in spans]), block_no=_block_of(row, block_no), horizontal=True))
    return _ordered_blocks(lines)


# What Tesseract makes of the marks that open a list item: a bullet read as a letter or a sign,
# the full stop of "5." read as a comma. Only the first token of a line is repaired.
_BULLET_MISREADS = {"e", "@", "°", "«", "»", "©", "®", "*", "¢", "o", "•"}
_NUMBER_WITH_COMMA = re.compile(r"^(\d{1,3})[,;]$")
_SUBNUMBER_WITH_COMMA = re.compile(r"^(\d{1,3})[,;](\d{1,2})\.?$")


def repaired_marker(tokens: list[str]) -> list[str]:
    """The tokens of a line with its opening list marker read right: '•' for a misread bullet, '5.' for '5,', '5.2' for '5,2'."""
    if len(tokens) < 2 or not tokens[1][:1].isalnum():
        return tokens
    first = tokens[0]
    if first in _BULLET_MISREADS and tokens[1][:1].isupper():
        return ["•", *tokens[1:]]
    if (match := _NUMBER_WITH_COMMA.match(first)) and tokens[1][:1].isupper():
        return [f"{match.group(1)}.", *tokens[1:]]
    if match := _SUBNUMBER_WITH_COMMA.match(first):
        return [f"{match.group(1)}.{match.group(2)}", *tokens[1:]]
    return tokens


def _rows(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Tesseract's lines, with same-row neighbours joined, in reading order (each sorted left to right)."""
    pieces: dict[int, list[OcrWord]] = {}
    for word in words:
        pieces.setdefault(word.line, []).append(word)
    rows: list[list[OcrWord]] = []
    for piece in pieces.values():
        target = next((row for row in rows if _same_row(row, piece)), None)
        if target is None:
            rows.append(list(piece))
        else:
            target.extend(piece)
    return [sorted(row, key=lambda w: w.box[0]) for row in rows]


def _same_row(row: list[OcrWord], piece: list[OcrWord]) -> bool:
    top_a, bottom_a = min(w.box[1] for w in row), max(w.box[3] for w in row)
    top_b, bottom_b = min(w.box[1] for w in piece), max(w.box[3] for w in piece)
    overlap = min(bottom_a, bottom_b) - max(top_a, top_b)
    if overlap <= _ROW_OVERLAP * min(bottom_a - top_a, bottom_b - top_b):
        return False
    em = max(bottom_a - top_a, bottom_b - top_b)
    left_a, right_a = min(w.box[0] for w in row), max(w.box[2] for w in row)
    left_b, right_b = min(w.box[0] for w in piece), max(w.box[2] for w in piece)
    gap = max(left_b - right_a, left_a - right_b)
    return gap <= _JOIN_GAP_EMS * em


def _block_of(row: list[OcrWord], fallback: int) -> int:
    """The Tesseract block holding most of the row's text."""
    weight: dict[int, int] = {}
    for word in row:
        weight[word.block] = weight.get(word.block, 0) + len(word.text)
    return max(weight, key=lambda b: (weight[b], -b)) if weight else fallback


def _ordered_blocks(lines: list[TextLine]) -> list[TextLine]:
    """Lines top to bottom, as a text layer usually draws them; a block is a run of lines from one Tesseract block.

    Tesseract's own block order reads an indented heading after the paragraphs of its column,
    and the stages after load read lines in order, so rows are sorted by their top edge.
    """
    ordered = sorted(lines, key=lambda line: (round(line.bbox.top, 1), line.bbox.x0))
    out: list[TextLine] = []
    block, previous = -1, None
    for line in ordered:
        if line.block_no != previous or _OPENS_ITEM.match(line.text):
            block += 1
            previous = line.block_no
        out.append(line.model_copy(update={"block_no": block}))
    return out


def _pixel_size(row: list[OcrWord], dpi: int) -> float:
    height = statistics.median(w.box[3] - w.box[1] for w in row)
    return round(height * 72.0 / dpi * 0.8, 1)


def _map(box: tuple[int, int, int, int], m: Matrix) -> BBox:
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x, y in ((box[0], box[1]), (box[2], box[3]))]
    ys = [b * x + d * y + f for x, y in ((box[0], box[1]), (box[2], box[3]))]
    return BBox(x0=min(xs), top=min(ys), x1=max(xs), bottom=max(ys))


def _union(boxes: list[BBox]) -> BBox:
    return BBox(x0=min(b.x0 for b in boxes), top=min(b.top for b in boxes), x1=max(b.x1 for b in boxes), bottom=max(b.bottom for b in boxes))


# -- bold ---------------------------------------------------------------------------


def _relative_strokes(words: list[OcrWord], image: PageImage) -> dict[int, float]:
    """Each word's stroke thickness for its size, relative to the page's median word (1.0: usual; 0 when unknown)."""
    grey = grey_array(image)
    widths = {id(word): stroke_width(grey, word.box) / max(word.size * image.dpi / 72.0, 1.0) for word in words}
    usable = [widths[id(word)] for word in words if widths[id(word)] > 0 and len(word.text) >= 3]
    if len(usable) < _MIN_WORDS_FOR_BOLD:
        return {key: 0.0 for key in widths}
    usual = statistics.median(usable)
    return {key: (width / usual if usual > 0 else 0.0) for key, width in widths.items()}


def _row_bold(row: list[OcrWord], strokes: dict[int, float]) -> list[bool]:
    """Bold per word of a row: thick strokes, with short tokens ("7.", "1)") taking their neighbour's weight,
    and a row that is mostly bold bold throughout (one thin-looking word does not break a heading)."""
    judged = [strokes[id(word)] >= _BOLD_FACTOR if len(word.text) >= 3 else None for word in row]
    for index, value in enumerate(judged):
        if value is None:
            neighbours = [judged[j] for j in (index + 1, index - 1) if 0 <= j < len(judged) and judged[j] is not None]
            judged[index] = neighbours[0] if neighbours else strokes[id(row[index])] >= _BOLD_FACTOR
    weight = sum(len(word.text) for word in row) or 1
    bold_share = sum(len(word.text) for word, value in zip(row, judged, strict=True) if value) / weight
    if bold_share >= _MOSTLY_BOLD:
        return [True] * len(row)
    return [bool(value) for value in judged]


def stroke_width(grey: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Mean thickness of a word's strokes in pixels: the shorter of its mean dark run across and down."""
    x0, y0, x1, y1 = box
    dark = grey[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)] < DARK
    if dark.size == 0:
        return 0.0
    ink = int(dark.sum())
    if ink == 0:
        return 0.0
    across = _run_count(dark)
    down = _run_count(dark.T)
    runs = [ink / count for count in (across, down) if count]
    return min(runs) if runs else 0.0


def _run_count(dark: np.ndarray) -> int:
    """How many runs of dark pixels the rows of `dark` hold."""
    padded = np.zeros((dark.shape[0], dark.shape[1] + 1), dtype=bool)
    padded[:, 1:] = dark
    return int(np.count_nonzero(padded[:, 1:] & ~padded[:, :-1]))



def ink_share(image: PageImage) -> float:
    """Share of the image's pixels that are dark."""
    grey = grey_array(image)
    return float(np.count_nonzero(grey < DARK)) / max(grey.size, 1)
