"""Rulings that an OCR engine read as characters, turned back into rulings.

A scanned table given a text layer by OCR has no vector rulings: its vertical rules come
through as a column of one-character "words" at the same x on line after line ("|", "I",
"l", "1", "j", "[", mixed as the engine guessed them), and its horizontal and dotted rules
as runs of dots, underscores and dashes. Left as text they glue figures to stray letters
("1,010,000 I") and make every ruled line a row of junk. Here such a column becomes a
vertical ruling the finder can cut on; on a page that has such columns, the rule runs and
the specks (dots and ticks standing alone) are dropped from the words too.

A column of the same one character ("1" down a column of votes) is text, not a ruling: a
ruling read by OCR mixes its guesses, or uses a bar or a bracket at least once.
"""

from __future__ import annotations

import re

from agendapack.extract.tables.primitives import Rule, Word

_GLYPHS = set("|Il1ij![]¦{}")
_BARS = set("|[]¦!{}")
_RULE_RUN = re.compile(r"^[|Iil1j\[\]!'`,.„:;]*[._\-—–=~„…]{3,}[|Iil1j\[\]!'`,.„:;_\-—–=~]*$")
_SPECKS = re.compile(r"^[.„,'`_:;~|]+$")  # dots and ticks alone: scanner specks and bits of rules, never a cell
_SAME_X = 2.5
_MIN_STACK = 4


def rule_glyphs(words: list[Word]) -> tuple[list[Word], list[Rule]]:
    """The words without OCR'd rulings, and the vertical rulings those stood for."""
    candidates = sorted((w for w in words if len(w.text) == 1 and w.text in _GLYPHS and w.x1 - w.x0 <= 0.7 * w.size), key=lambda w: w.cx)
    stacks: list[list[Word]] = []
    for word in candidates:
        if stacks and word.cx - stacks[-1][-1].cx <= _SAME_X:
            stacks[-1].append(word)
        else:
            stacks.append([word])
    glyph_ids: set[int] = set()
    rules: list[Rule] = []
    for stack in stacks:
        rows = {round(w.cy / 3) for w in stack}
        chars = {w.text for w in stack}
        if len(rows) < _MIN_STACK or not (len(chars) >= 2 or chars & _BARS):
            continue
        glyph_ids.update(id(w) for w in stack)
        x = sum(w.cx for w in stack) / len(stack)
        rules.append(Rule(x, min(w.top for w in stack), x, max(w.bottom for w in stack)))
    if not rules:
        return words, []
    kept = [w for w in words if id(w) not in glyph_ids and not _RULE_RUN.match(w.text) and not _SPECKS.match(w.text)]
    return kept, rules
