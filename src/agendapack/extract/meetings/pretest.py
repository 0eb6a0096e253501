"""Cheap first tests for cue patterns: the pattern with its open-ended lead dropped, so it can be searched anywhere fast.

A reader asks "could any cue match in this paragraph?" before trying each convention's patterns
one by one. Searched anywhere in the text (a sentence can start mid-paragraph), a pattern that
opens with a name, a body or a run of any words ('^@TMOVER@ moved', '^{names} sent apologies',
'^(?:The )?[\\w ,-]{0,80}?\\bCommittee') is tried at every character and runs its open-ended lead
there: over the corpus such first tests cost more than everything else the meeting readers do.

`required_tail(source)` drops the leading run of elements that are optional, zero-width, a
placeholder, or a class of characters (and a leading '^'), and keeps the rest from the first
element that must be printed as such ('moved', '(?:sent|gave|...)'). Whatever the whole pattern
matches, the tail matches inside it, so a first test built from tails never skips a text the
pattern could match; it only lets a few more through to the full patterns.
"""

from __future__ import annotations

import re

_PLACEHOLDER_RE = re.compile(r"@[A-Z]+@|\{names?\}")
_QUANTIFIER_RE = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")
_CLASS_ESCAPES = frozenset("sSwWdDbBAZ")  # a class of characters or a zero-width test, not a printed character
_ESCAPE_LENGTHS = {"x": 4, "u": 6, "U": 10}
# a back reference or a conditional in the kept part could name a group in the dropped one
_REFERENCE_RE = re.compile(r"\(\?P=|\(\?\(|\\[1-9]|\\g<")


def required_tail(source: str) -> str:
    """The pattern from its first element that must be printed as such; the whole pattern when it cannot be split safely."""
    elements = _elements(source)
    if elements is None:
        return source
    for index, (atom, quantifier) in enumerate(elements):
        if not _weak(atom, quantifier):
            tail = "".join(a + q for a, q in elements[index:])
            return source if _REFERENCE_RE.search(tail) else tail
    return source


def _weak(atom: str, quantifier: str) -> bool:
    """An element that may match nothing, or anything of a class: nothing to look for first."""
    if _PLACEHOLDER_RE.fullmatch(atom) or atom in ("^", "$", ".") or atom.isspace():
        return True
    if quantifier[:1] in ("?", "*") or quantifier.startswith(("{0", "{,")):
        return True
    if atom.startswith("\\") and len(atom) == 2 and atom[1] in _CLASS_ESCAPES:
        return True
    if atom.startswith("["):
        return True
    if atom.startswith("("):
        return atom.startswith(("(?=", "(?!", "(?<=", "(?<!")) or bool(_PLACEHOLDER_RE.search(atom))
    return False


def _elements(source: str) -> list[tuple[str, str]] | None:
    """The top-level elements of a pattern as (atom, quantifier); None for an alternation at the top or an odd pattern."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(source):
        placeholder = _PLACEHOLDER_RE.match(source, i)
        char = source[i]
        if placeholder:
            end = placeholder.end()
        elif char == "\\":
            end = _escape_end(source, i)
        elif char == "[":
            end = _class_end(source, i)
        elif char == "(":
            if source.startswith("(?", i) and re.match(r"\(\?[aiLmsux]+\)", source[i:]):
                return None  # a flag for the whole pattern: keep it whole
            end = _group_end(source, i)
        elif char in "|)":
            return None
        else:
            end = i + 1
        if end is None or end > len(source):
            return None
        atom = source[i:end]
        quantifier = _QUANTIFIER_RE.match(source, end)
        i = quantifier.end() if quantifier else end
        out.append((atom, quantifier.group() if quantifier else ""))
    return out


def _escape_end(source: str, i: int) -> int | None:
    if i + 1 >= len(source):
        return None
    letter = source[i + 1]
    if letter == "N" and source.startswith("{", i + 2):
        close = source.find("}", i + 2)
        return None if close < 0 else close + 1
    if letter == "0":
        octal = re.match(r"0[0-7]{0,2}", source[i + 1 :])
        return i + 1 + len(octal.group()) if octal else None
    return i + _ESCAPE_LENGTHS.get(letter, 2)


def _class_end(source: str, i: int) -> int | None:
    j = i + 1
    if source.startswith("^", j):
        j += 1
    if source.startswith("]", j):
        j += 1
    while j < len(source):
        if source[j] == "\\":
            j += 2
            continue
        if source[j] == "]":
            return j + 1
        j += 1
    return None


def _group_end(source: str, i: int) -> int | None:
    depth = 0
    j = i
    while j < len(source):
        char = source[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            end = _class_end(source, j)
            if end is None:
                return None
            j = end
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return None
