"""Text lines cut into segments: the runs of words that may be the cells of one table row.

A line's words are one segment until a gap wider than about a font size, two figures
side by side ("1,234  5,678", even close together), or a vertical ruling between two
words: a thin rule between a right-aligned figure and a left-aligned label is a column
boundary however narrow the white space beside it ("1,315,610.6|Revised Base").
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from agendapack.extract.tables.grid import group_lines
from agendapack.extract.tables.primitives import Rule, Word

_NUMBER = re.compile(r"^[(\-–−+£$€]*\d[\d,.]*%?\)?[a-zA-Z]{0,2}\)?$|^[-–—]$")
_UNIT = re.compile(r"^\(?£'?0{3}'?s?\)?$|^\(?£m\)?$|^\(?\$'?0{3}'?s?\)?$", re.IGNORECASE)
_PROSE_NUMBER = re.compile(r"\d[,.]$")  # "January 1, 2019": a number ending in punctuation is prose
_SEGMENT_GAP = 0.9  # a gap wider than this many font sizes separates segments
_NUMBER_GAP = 0.15  # two numbers side by side are separate cells even when close
_RULE_SLACK = 1.5
_CURRENCY_SIGNS = {"$", "£", "€"}  # a ruling this close to the gap between two words still stands between them


@lru_cache(maxsize=16384)  # asked of each word by several passes over the same page
def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text)) and not _UNIT.match(text) and text.count("(") == text.count(")")


@dataclass(slots=True)
class Segment:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def numeric(self) -> bool:
        words = self.words[1:] if len(self.words) > 1 and self.words[0].text in _CURRENCY_SIGNS else self.words
        return all(is_number(w.text) for w in words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class Line:
    words: list[Word]
    segments: list[Segment]
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def gutters(self) -> list[tuple[float, float]]:
        """The white gaps between consecutive segments."""
        return [(a.x1, b.x0) for a, b in itertools.pairwise(self.segments)]


class Cuts:
    """Vertical rulings, looked up by x: whether one stands between two words of a line."""

    def __init__(self, verticals: list[Rule] | tuple[Rule, ...] = ()) -> None:
        self.rules = sorted((r for r in verticals if r.bottom - r.top >= 4), key=lambda r: r.x0)
        self.xs = [r.x0 for r in self.rules]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def between(self, left: Word, right: Word, y: float) -> bool:
        lo = bisect.bisect_left(self.xs, left.x1 - _RULE_SLACK)
        hi = bisect.bisect_right(self.xs, right.x0 + _RULE_SLACK)
        return any(r.top - 1 <= y <= r.bottom + 1 for r in self.rules[lo:hi])

    def spanning(self, lo: float, hi: float, top: float, bottom: float) -> float | None:
        """The x of a ruling inside (lo, hi) that runs over most of top..bottom, if any."""
        a = bisect.bisect_left(self.xs, lo - _RULE_SLACK)
        b = bisect.bisect_right(self.xs, hi + _RULE_SLACK)
        need = 0.6 * (bottom - top)
        for rule in self.rules[a:b]:
            if min(rule.bottom, bottom) - max(rule.top, top) >= need:
                return rule.x0
        return None


NO_CUTS = Cuts()


def text_lines(words: list[Word], cuts: Cuts = NO_CUTS) -> list[Line]:
    lines = []
    for line_words in group_lines(words):
        top = min(w.top for w in line_words)
        bottom = max(w.bottom for w in line_words)
        lines.append(Line(line_words, _segments(line_words, cuts, (top + bottom) / 2), top, bottom))
    return lines


def _segments(words: list[Word], cuts: Cuts, middle: float) -> list[Segment]:
    out = [Segment([words[0]])]
    usual = sorted(w.size for w in words)[len(words) // 2]
    for k in range(1, len(words)):
        prev, word = words[k - 1], words[k]
        following = words[k + 1] if k + 1 < len(words) else None
        gap = word.x0 - prev.x1
        # the smaller of the two sizes (a superscript sits close), but not far below the line's own size (a dash set small)
        size = max(min(prev.size, word.size), 0.75 * usual, 1.0)
        if _currency_before(out[-1], word):
            out[-1].words.append(word)  # "$    25,742.00": a currency sign set apart from its figure is part of it
        elif (
            gap > _SEGMENT_GAP * size
            or (gap > _NUMBER_GAP * size and _amounts_side_by_side(prev, word, following, size))
            or (cuts and cuts.between(prev, word, middle))
        ):
            out.append(Segment([word]))
        else:
            out[-1].words.append(word)
    return out


def _currency_before(segment: Segment, word: Word) -> bool:
    return len(segment.words) == 1 and segment.words[0].text in _CURRENCY_SIGNS and is_number(word.text) and word.x0 - segment.x1 < 8 * word.size


def _amounts_side_by_side(left: Word, right: Word, following: Word | None, size: float) -> bool:
    """Two figures next to each other, at least one written as an amount (not the groups of a phone number).

    A number ending in a comma or full stop is prose ("January 1, 2019"), and a dash that runs
    straight on into words is punctuation ("100 - Salaries & Wages"), not a nil figure.
    """
    if not (is_number(left.text) and is_number(right.text)) or _PROSE_NUMBER.search(left.text):
        return False
    if right.text in "-–—" and following is not None and not is_number(following.text) and following.x0 - right.x1 <= _SEGMENT_GAP * size:
        return False
    return any(ch in left.text + right.text for ch in ".,()%£$€-–")
