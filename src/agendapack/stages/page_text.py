"""Each page's line texts, whitespace-normalised, computed once while a pack is segmented and classified.

A line's text is its spans joined on every access; segmentation and classification read each
line several times (cues, headings, evidence), so they share one copy per page. The cache holds
one pack's pages: `forget()` empties it when the pack is done.
"""

from __future__ import annotations

import re
import re._constants as _constants
import re._parser as _parser
from functools import lru_cache

from agendapack import conventions
from agendapack.models.clean import CleanPage

_CACHE: dict[int, tuple[CleanPage, tuple[str, ...]]] = {}


def line_texts(page: CleanPage) -> tuple[str, ...]:
    """The page's lines' texts, in line order, with runs of whitespace as one space."""
    hit = _CACHE.get(id(page))
    if hit is not None and hit[0] is page:
        return hit[1]
    texts = tuple(" ".join(line.text.split()) for line in page.lines)
    _CACHE[id(page)] = (page, texts)  # the page is kept with its entry, so its id cannot be reused meanwhile
    return texts


def lowered_text(page: CleanPage) -> str:
    """The page's normalised lines, lower-cased and joined by newlines (for substring tests)."""
    hit = _LOWER.get(id(page))
    if hit is not None and hit[0] is page:
        return hit[1]
    text = "\n".join(line_texts(page)).lower()
    _LOWER[id(page)] = (page, text)
    return text


_LOWER: dict[int, tuple[CleanPage, str]] = {}


def forget() -> None:
    _CACHE.clear()
    _LOWER.clear()


def may_match(page: CleanPage, key: tuple[str, str]) -> bool:
    """False when no pattern of the convention key can match the page: none of the words each needs is on it."""
    gates = _key_gates(key)
    if not gates or any(not words for words in gates):
        return True
    text = lowered_text(page)
    return any(word in text for words in gates for word in words)


@lru_cache(maxsize=256)
def _key_gates(key: tuple[str, str]) -> tuple[tuple[str, ...], ...]:
    return tuple(required_words(source) for _, source in conventions.words(key))


def required_words(source: str) -> tuple[str, ...]:
    """Strings one of which every match of the pattern contains (empty: no such set is known)."""
    try:
        return tuple(sorted({word.lower() for word in _sequence_words(_parser.parse(source))}))
    except re.error:
        return ()


_MIN_GATE = 2


def _sequence_words(items) -> tuple[str, ...]:
    """The best gate of a sequence: its longest literal run, or an alternation every branch of which has one."""
    best: tuple[str, ...] = ()
    run = ""

    def better(candidate: tuple[str, ...]) -> None:
        nonlocal best
        if candidate and min(map(len, candidate)) > (min(map(len, best)) if best else _MIN_GATE - 1):
            best = candidate

    for op, value in items:
        if op is _constants.LITERAL:
            run += chr(value)
            continue
        better((run,) if run else ())
        run = ""
        if op is _constants.BRANCH:
            branches = [_sequence_words(branch) for branch in value[1]]
            if all(branches):
                better(tuple(word for words in branches for word in words))
        elif op is _constants.SUBPATTERN:
            better(_sequence_words(value[-1]))
    better((run,) if run else ())
    return best


