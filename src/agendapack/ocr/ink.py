"""Ink Tesseract's page layout left unread: the list numbers in a margin ("6." before a heading).

Tesseract's layout analysis sometimes takes a short, isolated piece of text standing apart in a
margin for noise and never reads it; for agenda and minutes those are the item numbers every
reader keys on. After the page is read, the dark pixels outside every word box are grouped
into blobs on a coarse grid; blobs the size of a line of the page's text are handed back to be
read on their own (`TesseractEngine.read`). Specks, rulings, dots and pictures are not text-sized
and are left alone.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import numpy as np

from agendapack.ocr.engine import PageImage
from agendapack.ocr.image import DARK, grey_array

_CELL = 4  # pixels per grid cell (at 300 dpi, about one point)
_MIN_CELL_INK = 2  # dark pixels a cell needs to count: a speck of dust does not join two blobs
_MIN_HEIGHT = 0.6  # of the page's median word height
_MAX_HEIGHT = 1.6
_MAX_WIDTH = 8.0  # in heights: wider is a ruling or a line of noise
_MIN_FILL = 0.12  # share of the blob's box that is ink: a frame or a sparse scatter is not text
_MIN_INK_TO_READ = 4.0  # square points of ink: a speck of dust is well under one, a digit about four
MAX_BLOBS = 40  # a page of photographs must not cost a second reading per shape

Box = tuple[int, int, int, int]


def unread_text_blobs(image: PageImage, read: Sequence[Box]) -> list[Box]:
    """Boxes (pixels) of text-sized ink outside every box already read, largest first, at most `MAX_BLOBS`."""
    if not read:
        return []
    height = statistics.median(b[3] - b[1] for b in read)
    if height <= 0:
        return []
    grey = grey_array(image)
    dark = grey < DARK
    pad = max(int(height * 0.15), 2)
    for x0, y0, x1, y1 in read:
        dark[max(y0 - pad, 0) : y1 + pad, max(x0 - pad, 0) : x1 + pad] = False
    rows, cols = dark.shape[0] // _CELL, dark.shape[1] // _CELL
    cells = dark[: rows * _CELL, : cols * _CELL].reshape(rows, _CELL, cols, _CELL).sum(axis=(1, 3)) >= _MIN_CELL_INK
    blobs = []
    for top, left, bottom, right in _components(cells):
        box = (left * _CELL, top * _CELL, (right + 1) * _CELL, (bottom + 1) * _CELL)
        if _text_sized(box, height, dark):
            blobs.append(_with_margin(box, height, image))
    blobs.sort(key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    return blobs[:MAX_BLOBS]


def has_ink(image: PageImage, box: Box) -> bool:
    """Whether a box holds more dark pixels than a few specks of dust: something to read."""
    x0, y0, x1, y1 = box
    grey = grey_array(image)
    return int(np.count_nonzero(grey[max(y0, 0) : y1, max(x0, 0) : x1] < DARK)) >= _MIN_INK_TO_READ * (image.dpi / 72.0) ** 2


def _text_sized(box: Box, height: float, dark: np.ndarray) -> bool:
    x0, y0, x1, y1 = box
    h, w = y1 - y0, x1 - x0
    if not (_MIN_HEIGHT * height <= h <= _MAX_HEIGHT * height) or w > _MAX_WIDTH * h:
        return False
    return float(dark[y0:y1, x0:x1].mean()) >= _MIN_FILL


def _with_margin(box: Box, height: float, image: PageImage) -> Box:
    """Room around the blob: a full stop after "6" is its own small blob, and Tesseract wants a margin."""
    dx, dy = int(height * 0.6), int(height * 0.25)
    x0, y0, x1, y1 = box
    return (max(x0 - dx, 0), max(y0 - dy, 0), min(x1 + dx, image.width), min(y1 + dy, image.height))


def _components(cells: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (top, left, bottom, right in cells) of 8-connected groups of True cells."""
    parent: list[int] = []
    extent: list[list[int]] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous: list[tuple[int, int, int]] = []  # (start, end, run id) of the row above
    for row in range(cells.shape[0]):
        line = cells[row]
        if not line.any():
            previous = []
            continue
        edges = np.flatnonzero(np.diff(np.concatenate(([False], line, [False])).astype(np.int8)))
        current = []
        for start, end in zip(edges[::2], edges[1::2] - 1, strict=True):
            run = len(parent)
            parent.append(run)
            extent.append([row, int(start), row, int(end)])
            for p_start, p_end, p_run in previous:
                if p_start <= end + 1 and start <= p_end + 1:
                    a, b = find(run), find(p_run)
                    if a != b:
                        parent[b] = a
            current.append((int(start), int(end), run))
        previous = current
    boxes: dict[int, list[int]] = {}
    for run, (top, left, bottom, right) in enumerate(extent):
        root = find(run)
        if root in boxes:
            box = boxes[root]
            box[0], box[1], box[2], box[3] = min(box[0], top), min(box[1], left), max(box[2], bottom), max(box[3], right)
        else:
            boxes[root] = [top, left, bottom, right]
    return [tuple(box) for box in boxes.values()]
