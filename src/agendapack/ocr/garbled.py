"""A text layer that is not text: glyphs without a usable Unicode mapping, or a poor old OCR layer.

Fonts without a ToUnicode map give private-use characters, replacement characters or symbol
soup; a ligature without a mapping turns "Elections" into "Elec[ons". Three measures, each
cheap enough for every page (regular expressions, no per-character Python loop on the
common path):

- the share of characters that are unmapped glyphs (private-use, U+FFFD, control characters);
- the share of letters outside the page's main script (checked only when the text is not ASCII);
- the share of tokens that are word-like (letters, digits and the punctuation words carry).

A page is judged garbled only with enough text to judge (`_MIN_CHARS`), and the thresholds
were set on the corpus, where no page with a real text layer comes near them
(`tests/test_garbled.py`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_MIN_CHARS = 60
_MAX_UNMAPPED_SHARE = 0.05
_MAX_FOREIGN_SCRIPT_SHARE = 0.2
_MIN_WORDLIKE_SHARE = 0.55
_UNMAPPED = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f\x7f]")
# a token carries letters/digits, joined by the punctuation words and numbers carry inside them,
# with brackets, quotes and sentence punctuation around; anything else inside is not a word
_WORD = (
    r"[(\[\"'‘“«*•-]*"
    r"(?:[^\W_]+(?:[-'’./,:&@_+][^\W_]+)*|[£$€]?\d[\d.,:/]*%?[mkb]?)"
    r"[)\]\"'’”».,;:!?*%-]*"
)
_WORDLIKE = re.compile(_WORD)
_WORDLIKE_TOKENS = re.compile(rf"(?<!\S){_WORD}(?!\S)")
# dot leaders, rulings typed as characters, table bars: layout, not words and not garbage
_LAYOUT_TOKENS = re.compile(r"(?<!\S)[-_.|*=~—–·•:!\[\]()]+(?!\S)")
_LETTERS = re.compile(r"[^\W\d_]")
_PUNCTUATION = re.compile(r"[^\w\s]")
# a glyph that is not a letter inside a word: "Elec[ons" for "Elections" (an unmapped "ti" ligature)
_BROKEN_WORD = re.compile(r"[^\W\d_][\[\]{}|\\^~<>#\ufffd\ue000-\uf8ff]+[^\W\d_]")
_MAX_PLAIN_PUNCTUATION = 0.12  # below this share of punctuation and with no broken word, the page is text
_MIN_BROKEN_WORDS = 3
_MAX_BROKEN_WORD_SHARE = 0.02
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def garbled_reason(text: str) -> str | None:
    """Why the text of a page is not text, or None when it reads as text (or is too short to tell)."""
    chars = len(text) - text.count(" ") - text.count("\n")
    if chars < _MIN_CHARS:
        return None
    unmapped = len(_UNMAPPED.findall(text))
    if unmapped > _MAX_UNMAPPED_SHARE * chars:
        return f"{unmapped / chars:.0%} of its characters are unmapped glyphs (private-use or replacement characters)"
    # letters outside the main script can be no more than the non-ASCII characters on a Latin page
    if not text.isascii() and len(_NON_ASCII.findall(text)) > _MAX_FOREIGN_SCRIPT_SHARE * chars / 2:
        foreign = _foreign_script_share(text)
        if foreign > _MAX_FOREIGN_SCRIPT_SHARE:
            return f"{foreign:.0%} of its letters are outside the page's main script"
    broken = len(_BROKEN_WORD.findall(text))
    if broken == 0 and len(_PUNCTUATION.findall(text)) <= _MAX_PLAIN_PUNCTUATION * chars:
        return None  # the common case, decided cheaply: words and ordinary punctuation
    tokens = len(text.split()) - len(_LAYOUT_TOKENS.findall(text))
    if broken >= _MIN_BROKEN_WORDS and broken > _MAX_BROKEN_WORD_SHARE * tokens:
        return f"{broken} of its {tokens} words have a glyph that is not a letter inside them (unmapped ligatures, e.g. 'Elec[ons')"
    wordlike = len(_WORDLIKE_TOKENS.findall(text))
    if tokens > 0 and wordlike < _MIN_WORDLIKE_SHARE * tokens:
        return f"only {wordlike / tokens:.0%} of its {tokens} tokens are word-like"
    return None


def _foreign_script_share(text: str) -> float:
    letters = _LETTERS.findall(text)
    if not letters:
        return 0.0
    counts: dict[str, int] = {}
    for letter in letters:
        script = _script(letter)
        counts[script] = counts.get(script, 0) + 1
    main = max(counts.values())
    return 1.0 - main / len(letters)


@cache
def _script(letter: str) -> str:
    """The first word of the letter's Unicode name: LATIN, GREEK, CYRILLIC, CJK, ..."""
    name = unicodedata.name(letter, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"
