"""What a scanned page's image says besides its words: how crooked it is, and the table rulings drawn on it.

- **Skew.** A sheet fed a little crooked gives text rows that climb across the page; a table's
  rows then drift into each other's cells. The angle is found on a small rendering (the shear
  that makes the rows of ink most sharply separated, as in a projection-profile deskew), and the
  load stage renders the page turned back by it before OCR, so words and rulings come out level.
- **Rulings.** A scan has no vector drawings, so the table finder would see no ruled tables;
  long straight runs of dark pixels, across or down, are the rulings, handed to it as if drawn.
"""

from __future__ import annotations

import numpy as np

from agendapack.ocr.engine import PageImage

_DARK = 128
_MAX_SKEW = 3.0  # degrees: beyond this a page was not fed crooked, it is rotated (not handled here)
_SKEW_STEP = 0.1
_MIN_INK_PIXELS = 200  # fewer dark pixels than this on the small rendering: nothing to measure skew on
_MIN_RULE_POINTS = 25.0  # a ruling is at least this long (a narrow table cell)
_MAX_RULE_THICKNESS_POINTS = 3.0  # thicker is a bar or a picture edge, not a ruling
_RULE_JOIN_POINTS = 2.0  # pieces of one ruling broken by a speck of white


def grey_array(image: PageImage) -> np.ndarray:
    return np.frombuffer(image.samples, dtype=np.uint8).reshape(image.height, image.stride)[:, : image.width]


def skew_angle(image: PageImage) -> float:
    """The angle (degrees, positive when rows climb to the right) that levels the page's rows of ink; 0 when unsure."""
    dark = grey_array(image) < _DARK
    ys, xs = np.nonzero(dark)
    if len(ys) < _MIN_INK_PIXELS:
        return 0.0
    best, best_score = 0.0, -1.0
    steps = round(_MAX_SKEW / _SKEW_STEP)
    for k in range(-steps, steps + 1):
        angle = k * _SKEW_STEP
        shifted = np.round(ys + xs * np.tan(np.deg2rad(angle))).astype(np.int64)
        shifted -= shifted.min()
        profile = np.bincount(shifted).astype(np.float64)
        score = float(np.sum(np.diff(profile) ** 2))  # sharp rows of ink against white gaps
        if score > best_score:
            best, best_score = angle, score
    return best


Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels


def rulings(image: PageImage) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rulings (pixel segments along their centre line) of a levelled page image."""
    dark = grey_array(image) < _DARK
    scale = image.dpi / 72.0
    horizontal = _lines(dark, scale)
    vertical = [(x0, y0, x1, y1) for (y0, x0, y1, x1) in _lines(dark.T, scale)]
    return horizontal, vertical


def _lines(dark: np.ndarray, scale: float) -> list[Segment]:
    """Long runs of dark pixels along the rows of `dark`, joined over adjacent rows into one segment each."""
    min_length = _MIN_RULE_POINTS * scale
    padded = np.zeros((dark.shape[0], dark.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    change = np.diff(padded, axis=1)
    start_rows, start_cols = np.nonzero(change == 1)
    _, end_cols = np.nonzero(change == -1)  # same order: each run's start and end, row by row
    long = (end_cols - start_cols) >= min_length
    runs = sorted(zip(start_rows[long].tolist(), start_cols[long].tolist(), end_cols[long].tolist(), strict=True))
    open_lines: list[list[float]] = []  # [first row, last row, x0, x1]
    done: list[list[float]] = []
    join = _RULE_JOIN_POINTS * scale
    for row, x0, x1 in runs:
        target = None
        for line in open_lines:
            if line[1] >= row - 1 and min(line[3], x1) - max(line[2], x0) > -join:
                target = line
                break
        if target is None:
            open_lines.append([row, row, x0, x1])
        else:
            target[1], target[2], target[3] = row, min(target[2], x0), max(target[3], x1)
        still = [line for line in open_lines if line[1] >= row - 1]
        done.extend(line for line in open_lines if line[1] < row - 1)
        open_lines = still
    done.extend(open_lines)
    max_thickness = _MAX_RULE_THICKNESS_POINTS * scale
    out = []
    for first, last, x0, x1 in done:
        if last - first + 1 <= max_thickness:
            y = (first + last + 1) / 2
            out.append((float(x0), float(y), float(x1), float(y)))
    return out


def as_drawings(segments: list[tuple[float, float, float, float]]) -> list[dict]:
    """Rulings (page points) in the shape of PyMuPDF's `get_cdrawings()` stroked paths, for the table finder."""
    return [{"type": "s", "color": (0.0, 0.0, 0.0), "width": 0.5, "items": [("l", (x0, y0), (x1, y1))]} for x0, y0, x1, y1 in segments]
