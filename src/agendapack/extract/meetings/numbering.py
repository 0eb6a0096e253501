"""The numbers minutes print before their items, in every grammar: '1.', '1.1', '18.11.1', '84.', '(15-190)',
'R2024-138', 'Item 5', 'Minute 12', 'A.', 'IV.', '4-1', '24/123'.

Each grammar is a regular expression in the [items] `number_patterns` of a convention file, written
'family=regex' with a `num` group (and optionally `punct`). The family says how numbers of that kind
follow each other, so a reader can tell a sequence from a stray number and report numbers printed
out of order:

- decimal (1, 2, 3 with '.', ')' or nothing after), dotted (4.1, 18.11.1), hyphen (4-1),
- letter (A., B.), roman (IV.), bracket ((1), (a)),
- file (15-190: two-digit year and a serial), resolution (R2024-138), parish (24/123), minute (Minute 84),
  item (Item 5): identifiers, which mark an item by themselves whatever the typography.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agendapack import conventions

PATTERNS_KEY = conventions.declare(
    "items", "number_patterns", "'family=regex' grammars of item numbers at the start of a paragraph, with a (?P<num>...) group"
)
IDENTIFIER_FAMILIES = frozenset({"file", "resolution", "parish", "minute", "item"})
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Number:
    """A number printed at the start of a paragraph."""

    printed: str  # as printed, with its punctuation: '84.', '4.1', '15-190', 'R2024-138', 'A.'
    value: str  # the number alone: '84', '4.1', '15-190 A', 'R2024-138', 'A'
    family: str
    punct: str
    end: int  # where the number (and what follows it on its line) ends in the text
    key: tuple[int, ...]  # for ordering within the family

    @property
    def style(self) -> tuple[str, str]:
        """Family and punctuation: '283.' and '1)' are both decimal but not the same style."""
        return (self.family, self.punct)

    @property
    def identifier(self) -> bool:
        return self.family in IDENTIFIER_FAMILIES


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for _, entry in conventions.words(PATTERNS_KEY):
        family, _, source = entry.partition("=")
        # numbers are case-sensitive ('A.' is a letter, 'a.' a sub-paragraph); a pattern says (?i:...) where not
        out.append((family.strip(), re.compile(rf"^\s*(?:{source})(?=\s|$)")))
    return tuple(out)


def leading_number(text: str) -> Number | None:
    """The number a paragraph starts with, in the first grammar that reads it, or None."""
    for family, regex in _patterns():
        match = regex.match(text)
        if not match:
            continue
        value = " ".join(match.group("num").split())
        punct = (match.groupdict().get("punct") or "").strip()
        if family == "decimal" and not punct and _YEAR_RE.match(value):
            continue  # '2024 Budget' is a year, not item 2024
        key = _key(family, value)
        if key is None:
            continue
        printed = match.group(0).strip()
        return Number(printed=printed, value=value, family=family, punct=punct, end=match.end(), key=key)
    return None


def _key(family: str, value: str) -> tuple[int, ...] | None:
    if family == "roman":
        return _roman(value)
    if family in ("letter", "bracket") and value.isalpha() and len(value) == 1:
        return (ord(value.lower()) - 96,)
    if family == "bracket" and not value.isdigit():
        return _roman(value)
    digits = [int(d) for d in re.findall(r"\d+", value)]
    if not digits:
        return None
    letter = re.search(r"(?<=\d)\s?([A-Za-z])$", value)
    return (*digits, ord(letter.group(1).lower()) - 96) if letter and family == "file" else tuple(digits)


def _roman(value: str) -> tuple[int, ...] | None:
    total, previous = 0, 0
    for char in reversed(value.lower()):
        number = _ROMAN.get(char)
        if number is None:
            return None
        total += -number if number < previous else number
        previous = max(previous, number)
    return (total,) if total else None


def follows(previous: Number | None, number: Number, max_step: int = 5) -> bool:
    """Whether `number` can come next after `previous` in one sequence (the first of a family always can)."""
    if previous is None:
        return True
    a, b = previous.key, number.key
    if number.identifier:
        return b > a
    if len(a) != len(b):
        return (len(b) > len(a) and b[: len(a)] == a) or b[:1] > a[:1]
    if a[:-1] != b[:-1]:
        return b[:-1] > a[:-1]
    return a[-1] < b[-1] <= a[-1] + max_step


def first_of_family(number: Number) -> bool:
    """'1', 'A', 'I', '(a)': where a numbering starts (again)."""
    return number.key[-1:] == (1,) and not number.identifier
