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

DARK = 128  # grey levels below this are ink (every OCR module reads the image with this one threshold)
_MAX_SKEW = 3.0  # degrees: beyond this a page was not fed crooked, it is rotated (not handled here)
_SKEW_STEP = 0.1
_MIN_INK_PIXELS = 200  # fewer dark pixels than this on the small rendering: nothing to measure skew on
_MIN_RULE_POINTS = 25.0  # a ruling is at least this long (a narrow table cell)
_MAX_RULE_THICKNESS_POINTS = 3.0  # thicker is a bar or a picture edge, not a ruling
_RULE_JOIN_POINTS = 2.0  # pieces of one ruling broken by a speck of white
_RULE_GAP_POINTS = 1.0  # white gaps this short within a ruling are the scanner's noise
_RULE_INK = 0.85  # share of a ruling's length that is dark, bridged gaps and all
_CLEAR_POINTS = 0.75  # how far beside a ruling the paper must be white again
_BESIDE_INK = 0.5  # rows on both sides darker than this along its length: the "ruling" runs through text
_ERASE_MARGIN = 2  # pixels either side of a ruling also painted out: its grey, anti-aliased edge


def grey_array(image: PageImage) -> np.ndarray:
    return np.frombuffer(image.samples, dtype=np.uint8).reshape(image.height, image.stride)[:, : image.width]


def skew_angle(image: PageImage) -> float:
    """The angle (degrees, positive when rows climb to the right) that levels the page's rows of ink; 0 when unsure."""
    dark = grey_array(image) < DARK
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
Band = tuple[int, int, int, int]  # first and last pixel row (or column) of a ruling, and where it starts and ends along it


def rulings(image: PageImage) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical rulings (pixel segments along their centre line) of a levelled page image."""
    return segments(*_ruling_bands(image))


def without_rulings(image: PageImage) -> tuple[PageImage, tuple[list[Band], list[Band]]]:
    """The image with its rulings painted white, and the rulings as bands of pixels (`segments` gives their centre lines).

    Tesseract reads a ruling that touches a word as part of it ("66,003]", "-2,000|", "73,865)")
    and its layout analysis drops words boxed in tightly by lines, so it reads the page with its
    rulings taken out; the table finder still gets them, as drawings.
    """
    horizontal, vertical = _ruling_bands(image)
    if not horizontal and not vertical:
        return image, ([], [])
    grey = grey_array(image).copy()
    for first, last, x0, x1 in horizontal:
        grey[max(first - _ERASE_MARGIN, 0) : last + 1 + _ERASE_MARGIN, x0:x1] = 255
    for first, last, y0, y1 in vertical:
        grey[y0:y1, max(first - _ERASE_MARGIN, 0) : last + 1 + _ERASE_MARGIN] = 255
    clean = PageImage(width=image.width, height=image.height, stride=image.width, samples=grey.tobytes(), dpi=image.dpi)
    return clean, (horizontal, vertical)


def _ruling_bands(image: PageImage) -> tuple[list[Band], list[Band]]:
    dark = grey_array(image) < DARK
    scale = image.dpi / 72.0
    return _lines(dark, scale), _lines(dark.T, scale)


def segments(horizontal: list[Band], vertical: list[Band]) -> tuple[list[Segment], list[Segment]]:
    """Each band's centre line: (x0, y, x1, y) across, (x, y0, x, y1) down."""
    across = [(float(start), (first + last + 1) / 2, float(end), (first + last + 1) / 2) for first, last, start, end in horizontal]
    down = [((first + last + 1) / 2, float(start), (first + last + 1) / 2, float(end)) for first, last, start, end in vertical]
    return across, down


def _lines(dark: np.ndarray, scale: float) -> list[Band]:
    """Long runs of dark pixels along the rows of `dark`, joined over adjacent rows into one band each."""
    min_length = _MIN_RULE_POINTS * scale
    padded = np.zeros((dark.shape[0], dark.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    change = np.diff(padded, axis=1)
    start_rows, start_cols = np.nonzero(change == 1)
    _, end_cols = np.nonzero(change == -1)  # same order: each run's start and end, row by row
    start_rows, start_cols, end_cols, ink = _bridged(start_rows, start_cols, end_cols, round(_RULE_GAP_POINTS * scale))
    long = ((end_cols - start_cols) >= min_length) & (ink >= _RULE_INK * (end_cols - start_cols))
    runs = sorted(zip(start_rows[long].tolist(), start_cols[long].tolist(), end_cols[long].tolist(), strict=True))
    open_lines: list[list[int]] = []  # [first row, last row, x0, x1]
    done: list[list[int]] = []
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
    away = max(round(_CLEAR_POINTS * scale), 2)
    return [(first, last, x0, x1) for first, last, x0, x1 in done if last - first + 1 <= max_thickness and _clear_alongside(dark, first, last, x0, x1, away)]


def _clear_alongside(dark: np.ndarray, first: int, last: int, start: int, end: int, away: int) -> bool:
    """Whether the paper is white on at least one side of a band: a ruling (maybe one of a double ruling, or with
    text touching it from one side), not a row through the middle of bold letters that touch."""
    beside = [row for row in (first - away, last + away) if 0 <= row < dark.shape[0]]
    return any(float(dark[row, start:end].mean()) < _BESIDE_INK for row in beside) or not beside


def _bridged(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, gap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Runs of one row less than `gap` apart joined into one, with the dark pixels each holds.

    A scanned ruling is broken every few pixels by the scanner's noise; the dark share tells the
    joined ruling (nearly all dark) from a row through a line of letters (half of it white).
    """
    if len(rows) == 0:
        return rows, starts, ends, ends - starts
    joins = (rows[1:] == rows[:-1]) & (starts[1:] - ends[:-1] <= gap)
    first = np.flatnonzero(np.concatenate(([True], ~joins)))
    ink = np.add.reduceat(ends - starts, first)
    last = np.concatenate((first[1:], [len(rows)])) - 1
    return rows[first], starts[first], ends[last], ink


def as_drawings(segments: list[tuple[float, float, float, float]]) -> list[dict]:
    """Rulings (page points) in the shape of PyMuPDF's `get_cdrawings()` stroked paths, for the table finder."""
    return [{"type": "s", "color": (0.0, 0.0, 0.0), "width": 0.5, "items": [("l", (x0, y0), (x1, y1))]} for x0, y0, x1, y1 in segments]
