"""What the table finder works on: words with boxes, ruling lines and shaded boxes, in one frame.

The load stage hands over plain data (PyMuPDF `rawdict` blocks and `get_cdrawings` paths);
this module turns it into small slot classes. Text written sideways (a landscape table
printed on a portrait page) is read in its own *frame*: the page turned so that text runs
left to right, which lets one finder handle every orientation; `Frame.to_page` maps boxes
back to the page for provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from agendapack.models.geometry import BBox, trusted
from agendapack.models.source import TextLine

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

_FLAG_SUPERSCRIPT = 1
_FLAG_BOLD = 16
_WORD_GAP = 0.25  # a gap wider than this share of the font size starts a new word
_WHITE = 0.95
_THIN = 2.5  # a filled box thinner than this is a ruling drawn as a rectangle
_MIN_RULE = 1.0
_NON_SPACE = re.compile(r"\S+")


class Orientation(IntEnum):
    """Which way text runs on the page, as the clockwise turn that makes it read left to right."""

    UPRIGHT = 0
    UP = 90  # text running bottom to top: turn the page clockwise
    DOWN = 270  # text running top to bottom
    UPSIDE_DOWN = 180


@dataclass(frozen=True, slots=True)
class Frame:
    """A page seen in one orientation: box transforms to and from the page's own space."""

    orientation: Orientation
    width: float
    height: float

    def to_frame(self, box: Box) -> Box:
        x0, top, x1, bottom = box
        w, h = self.width, self.height
        if self.orientation is Orientation.UP:
            return (h - bottom, x0, h - top, x1)
        if self.orientation is Orientation.DOWN:
            return (top, w - x1, bottom, w - x0)
        if self.orientation is Orientation.UPSIDE_DOWN:
            return (w - x1, h - bottom, w - x0, h - top)
        return box

    def to_page(self, box: Box) -> Box:
        x0, top, x1, bottom = box
        w, h = self.width, self.height
        if self.orientation is Orientation.UP:
            return (top, h - x1, bottom, h - x0)
        if self.orientation is Orientation.DOWN:
            return (w - bottom, x0, w - top, x1)
        if self.orientation is Orientation.UPSIDE_DOWN:
            return (w - x1, h - bottom, w - x0, h - top)
        return box

    def page_bbox(self, box: Box) -> BBox:
        x0, top, x1, bottom = self.to_page(box)
        # one per table cell, tens of thousands a pack: built without validation (the values are numbers already)
        return trusted(BBox, x0=float(x0), top=float(top), x1=float(x1), bottom=float(bottom))


@dataclass(slots=True)
class Word:
    """A run of characters without a space or a wide gap, in frame coordinates."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    superscript: bool
    char_x: tuple[tuple[float, float], ...] = ()  # each character's x0, x1; empty: equally wide

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def _equal_chars(self) -> tuple[tuple[float, float], ...]:
        step = (self.x1 - self.x0) / max(len(self.text), 1)
        return tuple((self.x0 + step * k, self.x0 + step * (k + 1)) for k in range(len(self.text)))

    def split_at(self, x: float) -> tuple[Word, Word] | None:
        """The word cut at `x` (between characters), or None when no character boundary lies there."""
        chars = self.char_x or self._equal_chars()
        cut = next((i for i, (c0, c1) in enumerate(chars) if (c0 + c1) / 2 > x), len(chars))
        if cut in (0, len(chars)) or len(chars) != len(self.text):
            return None
        left = Word(self.text[:cut], self.x0, self.top, chars[cut - 1][1], self.bottom, self.size, self.bold, self.superscript, chars[:cut])
        right = Word(self.text[cut:], chars[cut][0], self.top, self.x1, self.bottom, self.size, self.bold, self.superscript, chars[cut:])
        return left, right


@dataclass(slots=True)
class Rule:
    """A straight ruling line: horizontal ones have top == bottom, vertical ones x0 == x1."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(slots=True)
class FramePage:
    """One page in one orientation: its words, rulings and shaded boxes."""

    page: int
    frame: Frame
    words: list[Word]
    horizontals: list[Rule]
    verticals: list[Rule]
    fills: list[Box]

    @property
    def width(self) -> float:
        return self.frame.height if self.frame.orientation in (Orientation.UP, Orientation.DOWN) else self.frame.width

    @property
    def height(self) -> float:
        return self.frame.width if self.frame.orientation in (Orientation.UP, Orientation.DOWN) else self.frame.height


def orientation_of(direction: tuple[float, float]) -> Orientation | None:
    dx, dy = direction
    if dx > 0.99:
        return Orientation.UPRIGHT
    if dx < -0.99:
        return Orientation.UPSIDE_DOWN
    if dy < -0.99:
        return Orientation.UP
    if dy > 0.99:
        return Orientation.DOWN
    return None  # slanted text is not table text


def chars_by_orientation(blocks: list[dict]) -> dict[Orientation, int]:
    counts: dict[Orientation, int] = {}
    for block in blocks:
        for line in block.get("lines", ()):
            orientation = orientation_of(line.get("dir", (1.0, 0.0)))
            if orientation is not None:
                counts[orientation] = counts.get(orientation, 0) + sum(len(span.get("chars", ())) for span in line.get("spans", ()))
    return counts


def words_from_lines(lines: list[TextLine]) -> list[Word]:
    """Words of the horizontal text lines the load stage already read (furniture already taken out).

    A span gives its box but not each character's: characters are taken as equally wide
    across the span, close enough to place a word in its column and cell.
    """
    words: list[Word] = []
    for line in lines:
        if not line.horizontal:
            continue
        for span in line.spans:
            box = span.bbox
            words.extend(words_from_text(span.text, (box.x0, box.top, box.x1, box.bottom), span.size, span.bold))
    return words


def words_from_text(text: str, box: Box, size: float, bold: bool) -> list[Word]:
    """The words of a run of text printed in `box`, characters taken as equally wide."""
    if not text.strip():
        return []
    x0, top, x1, bottom = box
    step = (x1 - x0) / len(text)
    out = []
    for match in _NON_SPACE.finditer(text):
        out.append(Word(match.group(), x0 + step * match.start(), top, x0 + step * match.end(), bottom, size or 1.0, bold, False))
    return out


def words_from_blocks(blocks: list[dict], frame: Frame, skip: list[Box]) -> list[Word]:
    """Words of the lines written in the frame's orientation; characters inside `skip` boxes (page furniture) are left out."""
    words: list[Word] = []
    seen: set[tuple[str, int, int]] = set()  # text drawn twice on top of itself is read once
    skip_in_frame = [frame.to_frame(box) for box in skip]
    for block in blocks:
        for line in block.get("lines", ()):
            if orientation_of(line.get("dir", (1.0, 0.0))) is not frame.orientation:
                continue
            for span in line.get("spans", ()):
                _span_words(span, frame, skip_in_frame, seen, words)
    return words


def _span_words(span: dict, frame: Frame, skip: list[Box], seen: set, out: list[Word]) -> None:
    size = float(span.get("size", 0.0)) or 1.0
    flags = int(span.get("flags", 0))
    style = (size, bool(flags & _FLAG_BOLD) or "bold" in str(span.get("font", "")).lower(), bool(flags & _FLAG_SUPERSCRIPT))
    text: list[str] = []
    xs: list[tuple[float, float]] = []
    top = bottom = 0.0
    for char in span.get("chars", ()):
        c = char["c"]
        x0, y0, x1, y1 = frame.to_frame(char["bbox"])
        if c.isspace() or (skip and _inside_any((x0 + x1) / 2, (y0 + y1) / 2, skip)):
            _emit(text, xs, top, bottom, style, seen, out)
            text, xs = [], []
            continue
        if xs and x0 - xs[-1][1] > _WORD_GAP * size:
            _emit(text, xs, top, bottom, style, seen, out)
            text, xs = [], []
        if not xs:
            top, bottom = y0, y1
        top, bottom = min(top, y0), max(bottom, y1)
        text.append(c)
        xs.append((x0, x1))
    _emit(text, xs, top, bottom, style, seen, out)


def _emit(text: list[str], xs: list[tuple[float, float]], top: float, bottom: float, style: tuple[float, bool, bool], seen: set, out: list[Word]) -> None:
    if not text:
        return
    word = "".join(text)
    key = (word, round(xs[0][0]), round(top))
    if key in seen:
        return
    seen.add(key)
    out.append(Word(word, xs[0][0], top, xs[-1][1], bottom, style[0], style[1], style[2], tuple(xs)))


def _inside_any(x: float, y: float, boxes: list[Box]) -> bool:
    return any(x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1 for x0, top, x1, bottom in boxes)


def rules_and_fills(drawings: list[dict], frame: Frame) -> tuple[list[Rule], list[Rule], list[Box]]:
    """Horizontal and vertical rulings, and shaded boxes, from vector paths.

    White lines count only where they cross a shaded box (white rulings between coloured
    cells); elsewhere they are invisible.
    """
    horizontals: list[Rule] = []
    verticals: list[Rule] = []
    fills: list[Box] = []
    white: list[Box] = []
    for path in drawings:
        kind = path.get("type", "")
        if "s" in kind:
            target = white if _is_white(path.get("color")) else None
            for item in path.get("items", ()):
                for segment in _item_segments(item):
                    if target is None:
                        _add_segment(frame.to_frame(segment), horizontals, verticals)
                    else:
                        target.append(frame.to_frame(segment))
        elif "f" in kind and not _is_white(path.get("fill")):
            box = frame.to_frame(tuple(path["rect"]))
            if box[2] - box[0] <= _THIN or box[3] - box[1] <= _THIN:
                _add_segment(_centre_line(box), horizontals, verticals)
            else:
                fills.append(box)
    for segment in white:
        x, y = (segment[0] + segment[2]) / 2, (segment[1] + segment[3]) / 2
        if _inside_any(x, y, fills):
            _add_segment(segment, horizontals, verticals)
    return horizontals, verticals, fills


def _item_segments(item: tuple) -> list[Box]:
    if item[0] == "l":
        (ax, ay), (bx, by) = item[1], item[2]
        return [(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))]
    if item[0] == "re":
        x0, y0, x1, y1 = item[1]
        x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    if item[0] == "qu":
        points = item[1]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return _item_segments(("re", (min(xs), min(ys), max(xs), max(ys))))
    return []  # curves: rounded corners, not rulings


def _centre_line(box: Box) -> Box:
    x0, top, x1, bottom = box
    if x1 - x0 >= bottom - top:
        y = (top + bottom) / 2
        return (x0, y, x1, y)
    x = (x0 + x1) / 2
    return (x, top, x, bottom)


def _add_segment(box: Box, horizontals: list[Rule], verticals: list[Rule]) -> None:
    x0, top, x1, bottom = box
    if bottom - top <= 1.0 and x1 - x0 >= _MIN_RULE:
        y = (top + bottom) / 2
        horizontals.append(Rule(x0, y, x1, y))
    elif x1 - x0 <= 1.0 and bottom - top >= _MIN_RULE:
        x = (x0 + x1) / 2
        verticals.append(Rule(x, top, x, bottom))


def _is_white(colour: object) -> bool:
    if colour is None:
        return True
    try:
        return all(float(v) >= _WHITE for v in colour)  # type: ignore[union-attr]
    except TypeError:
        return False


def merge_rules(rules: list[Rule], horizontal: bool, snap: float = 1.5, join: float = 3.0) -> list[Rule]:
    """Collinear pieces (a dotted line, a border drawn cell by cell) joined into whole rulings."""
    if not rules:
        return []
    pos = (lambda r: r.top) if horizontal else (lambda r: r.x0)
    start = (lambda r: r.x0) if horizontal else (lambda r: r.top)
    end = (lambda r: r.x1) if horizontal else (lambda r: r.bottom)
    ordered = sorted(rules, key=pos)
    groups: list[list[Rule]] = [[ordered[0]]]
    for rule in ordered[1:]:
        if pos(rule) - pos(groups[-1][-1]) <= snap:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    merged: list[Rule] = []
    for group in groups:
        at = sum(pos(r) for r in group) / len(group)
        spans = sorted((start(r), end(r)) for r in group)
        a, b = spans[0]
        for s, e in spans[1:]:
            if s <= b + join:
                b = max(b, e)
            else:
                merged.append(Rule(a, at, b, at) if horizontal else Rule(at, a, at, b))
                a, b = s, e
        merged.append(Rule(a, at, b, at) if horizontal else Rule(at, a, at, b))
    return merged
