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

`AnyPattern(sources)` goes one step further for an alternation searched in many texts: it gives the
alternation's answer, searching only the patterns whose required words (`required_words`) the text holds.
"""

from __future__ import annotations

import re

_PLACEHOLDER_RE = re.compile(r"@[A-Z]+@|\{names?\}")
_QUANTIFIER_RE = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")
_CLASS_ESCAPES = frozenset("sSwWdDbBAZ")  # a class of characters or a zero-width test, not a printed character
_ESCAPE_LENGTHS = {"x": 4, "u": 6, "U": 10}
# a case-insensitive regex lets these match 'i' or 's', which str.lower() does not give: such a text is searched whole
_FOLDS_APART = "ıİſ"
_FOLDS_ONTO_ASCII = "ıİſ\u212a"  # ... and the Kelvin sign, 'k'
# groups whose body must match where they stand: plain, named, and flag groups (not lookarounds)
_GROUP_OPEN_RE = re.compile(r"\((?:\?:|\?P<\w+>|\?[aiLmsu]*(?:-[ims]+)?:|(?!\?))")  # never a verbose (?x:) group
# a back reference or a conditional (read outside escapes and classes: '\\(?(?:' is an optional bracket, then a group)
_REFERENCE_OPENINGS = ("(?P=", "(?(")


def required_tail(source: str) -> str:
    """The pattern from its first element that must be printed as such; the whole pattern when it cannot be split safely."""
    elements = _elements(source)
    if elements is None:
        return source
    for index, (atom, quantifier) in enumerate(elements):
        if not _weak(atom, quantifier):
            tail = "".join(a + q for a, q in elements[index:])
            return source if has_reference(tail) else tail  # it could name a group in the dropped part
    return source


class AnyPattern:
    """Whether any of many patterns matches somewhere in a text: the answer of their alternation, found by
    searching only the patterns whose required words the text holds.

    Python's `re` tries every alternative at every character of a case-insensitive search, so an
    alternation of a hundred tails costs more than the readers' work on the texts it lets through. Each
    pattern's required words ('seconded'; 'moved' or 'proposed') are looked for in the lower-cased text
    with `in`, and only the patterns with one present are searched; a pattern without known words always is.
    """

    def __init__(self, sources: list[str], flags: int = re.I) -> None:
        self.whole = re.compile("|".join(f"(?:{source})" for source in sources) or "(?!)", flags)
        # alone, a pattern with a back reference would read a different group than in the alternation
        exact = not flags & re.X and not any(has_reference(source) for source in sources)
        self._patterns = [re.compile(source, flags) for source in sources] if exact else []
        self._always: list[int] = []  # no known words, or one a regex could fold onto ASCII letters
        self._unless_ascii: list[int] = []  # a word with other letters: it cannot be in an ASCII text
        self._by_word: dict[str, list[int]] = {}
        for index, source in enumerate(sources if exact else ()):
            words = required_words(source)
            if not words or any(char in word for word in words for char in _FOLDS_ONTO_ASCII):
                self._always.append(index)
                continue
            if not all(word.isascii() for word in words):
                self._unless_ascii.append(index)
            for word in filter(str.isascii, words):
                self._by_word.setdefault(word.lower(), []).append(index)
        self._exact = exact

    def search(self, text: str) -> bool:
        if not self._exact or any(char in text for char in _FOLDS_APART):
            return self.whole.search(text) is not None
        lowered = text.lower()
        chosen = set(self._always if text.isascii() else self._always + self._unless_ascii)
        for word, indexes in self._by_word.items():
            if word in lowered:
                chosen.update(indexes)
        return any(self._patterns[index].search(text) for index in sorted(chosen))


def has_reference(source: str) -> bool:
    """Whether the pattern holds a back reference ('\\1', '\\g<name>', '(?P=name)') or a conditional group ('(?(1)...)').

    Read element by element, so an escaped bracket before an optional mark and a group ('\\(?(?:\\d+)') is not
    taken for a conditional: that mistake made the 129 vote patterns' first test search their whole alternation
    on every text, 6% of parse time over the corpus's first 66 files.
    """
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            if source[i + 1 : i + 2] in tuple("123456789") or source.startswith("g<", i + 1):
                return True
            i = _escape_end(source, i) or len(source)
        elif char == "[":
            i = _class_end(source, i) or len(source)
        elif source.startswith(_REFERENCE_OPENINGS, i):
            return True
        else:
            i += 1
    return False


def required_words(source: str, min_length: int = 3) -> frozenset[str]:
    """Runs of printed characters one of which every match of the pattern holds ('seconded'; 'moved' or 'proposed'
    for '(?:moved|proposed) by'): the longest single run, or one group's alternatives when each has a long run;
    empty when none is known."""
    elements = _elements(source)
    if elements is None:
        return frozenset()
    candidates: list[frozenset[str]] = []
    run = ""
    for atom, quantifier in [*elements, ("$", "")]:  # a final non-character element closes the last run
        char = _printed_char(atom)
        if char is not None and not quantifier:
            run += char
            continue
        if len(run) >= min_length:
            candidates.append(frozenset([run]))
        run = ""
        if len(atom) > 2 and atom.startswith("(") and quantifier in ("", "+"):
            candidates.append(_group_words(atom, min_length))
    candidates = [c for c in candidates if c]
    return max(candidates, key=lambda words: min(map(len, words)), default=frozenset())


def _group_words(atom: str, min_length: int) -> frozenset[str]:
    """Words one of which a group must print: each alternative's, when every alternative has some."""
    body = _GROUP_OPEN_RE.match(atom)
    if body is None:
        return frozenset()
    out: set[str] = set()
    for branch in _branches(atom[body.end() : -1]):
        words = required_words(branch, min_length)
        if not words:
            return frozenset()
        out |= words
    return frozenset(out)


def _branches(body: str) -> list[str]:
    """A group's body split at its own '|' (not at one inside a nested group or a class)."""
    out, start, i = [], 0, 0
    while i < len(body):
        char = body[i]
        end = _escape_end(body, i) if char == "\\" else _class_end(body, i) if char == "[" else _group_end(body, i) if char == "(" else i + 1
        if end is None:
            return [body]  # odd: one branch, which _elements then refuses
        if char == "|":
            out.append(body[start:i])
            start = end
        i = end
    return [*out, body[start:]]


def _printed_char(atom: str) -> str | None:
    """The one character an element matches, when it is a plain or escaped punctuation character."""
    if len(atom) == 1:
        return None if atom in "^$.{}[]()|*+?\\" else atom
    if len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum():
        return atom[1]
    return None


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
