"""The numbering grammar of agenda items: what a printed item number can look like, and what it means.

Every publisher numbers agenda items with a few shared devices, whatever the language:
arabic numbers ('1.', '12)', '(3)'), letters ('A.', 'b)', '(c)'), roman numerals ('IV.', 'ii)'),
compound numbers that name their parent ('4.1', '18.11.1', '1.A', '3a', '6(a)', 'C1', 'A.1',
'4-1', '5-A'), and a cue word before the number ('Item 5', 'ITEM 1:', 'Agenda Item 7', 'Punt 3').
A marker is read from the start of a row of text; one printed token can mean two things ('I.' is
the ninth letter after 'H.', or roman one), so `read_markers` returns every reading and the
outline builder keeps the one that continues a list.

Nothing here knows a publisher: the only data are the cue words before a number, which come from
`extractors/conventions/*.toml` ([agenda] item_words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from agendapack import conventions

ITEM_WORDS = conventions.declare("agenda", "item_words", "Words printed before an agenda item's number ('Item', 'Agenda Item', 'Punt')")

# Families of numbering: a list continues only within one family (and one decoration).
ARABIC, UPPER, LOWER, ROMAN, ROMAN_LOWER = "arabic", "upper", "lower", "roman", "roman-lower"
DOTTED, NUM_LETTER, LETTER_NUM, HYPHEN, PAREN_HYPHEN, WORD = "dotted", "num-letter", "letter-num", "hyphen", "paren-hyphen", "word"
# Conventional outline rank when two lists start at the same indent: roman above letters above numbers.
RANK = {ROMAN: 0, UPPER: 1, WORD: 2, ARABIC: 2, DOTTED: 3, NUM_LETTER: 3, LETTER_NUM: 3, HYPHEN: 3, PAREN_HYPHEN: 3, LOWER: 4, ROMAN_LOWER: 5}

_ROMAN_RE = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_END = r"(?=\s|$)"
_DOTTED_RE = re.compile(rf"^(?P<num>\d{{1,2}}(?:\.\d{{1,3}}){{1,3}})(?P<punct>\.?){_END}")
_NUM_LETTER_RE = re.compile(rf"^(?P<num>(?P<parent>\d{{1,2}})(?P<sep>\.?)(?P<letter>[A-Za-z]))(?P<punct>[.)]?){_END}")
_NUM_PAREN_LETTER_RE = re.compile(rf"^(?P<num>(?P<parent>\d{{1,2}})\((?P<letter>[a-z])\)){_END}")
_LETTER_NUM_RE = re.compile(rf"^(?P<num>(?P<parent>[A-Z])(?P<sep>\.?)(?P<n>\d{{1,2}}))(?P<punct>[.)]?){_END}")
_HYPHEN_RE = re.compile(rf"^(?P<num>(?P<parent>\d{{1,2}})-(?P<n>\d{{1,2}}|[A-Z]))(?P<punct>[.)]?){_END}")
_PAREN_HYPHEN_RE = re.compile(rf"^\((?P<num>(?P<parent>\d{{2}})-(?P<n>\d{{2,4}}))\)(?P<punct>[.:]?){_END}")
_PAREN_RE = re.compile(rf"^\((?P<num>\d{{1,3}}|[A-Za-z]|[ivxlc]{{1,6}}|[IVXLC]{{1,6}})\)(?P<punct>[.:]?){_END}")
_SIMPLE_RE = re.compile(rf"^(?P<num>\d{{1,3}}|[A-Za-z]|[ivxlc]{{1,6}}|[IVXLC]{{1,6}})(?P<punct>[.)]){_END}")
_BARE_RE = re.compile(rf"^(?P<num>\d{{1,3}}|[A-Z]|[IVXLC]{{1,6}})(?P<punct>){_END}")
# A bare number before a month is a date ('17 January 2020'), never an item ('3 Minutes of ...' is one).
_NOT_TITLE_AFTER_BARE_RE = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.I,
)


# A title never starts with an auxiliary verb; a sentence that mentions an item's number goes on with one.
_SENTENCE_GOES_ON_RE = re.compile(r"(?:shall|will|is|are|was|were|has|have|had|must|through|thru)\b", re.I)


@dataclass(frozen=True)
class Marker:
    """One reading of a printed item number at the start of a row."""

    printed: str  # exactly as printed: '4.1.', 'a)', '(iv)', 'ITEM 1:'
    number: str  # without decoration: '4.1', 'a', 'iv', '1', 'C1', '3a'
    family: str
    decoration: str  # '.', ')', '()', ':', '' (bare): a list keeps one decoration
    value: int  # ordinal of the last component (A = 1, iv = 4)
    parent: str | None  # for a compound number: the number of its item ('4' of '4.1', 'C' of 'C1')
    end: int  # where the title starts in the text
    bare: bool = False  # printed without any punctuation or cue word

    @property
    def style(self) -> tuple[str, str]:
        return (self.family, self.decoration)

    @property
    def is_first(self) -> bool:
        return self.value == 1

    @property
    def compound(self) -> bool:
        return self.parent is not None


def roman_value(text: str) -> int | None:
    upper = text.upper()
    if not upper or not _ROMAN_RE.match(upper):
        return None
    total = 0
    for index, char in enumerate(upper):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[upper[index + 1]] if index + 1 < len(upper) else 0
        total += -value if value < following else value
    return total


def letter_value(text: str) -> int:
    return ord(text.upper()) - ord("A") + 1


@lru_cache(maxsize=1)
def _word_marker_re() -> re.Pattern[str]:
    """'Item 5', 'ITEM 1:', 'Agenda Item 7.', 'Item No. 3', from every convention's item words."""
    words = sorted({w for _, w in conventions.words(ITEM_WORDS)} or {"item"}, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(
        rf"^(?P<word>(?:{alternation}))\b(?:\s+(?:no\b\.?|number)\s*|\s*#\s*|\s+)"
        rf"(?P<num>\d{{1,3}}(?:\.\d{{1,2}})*[a-z]?|(?-i:[A-Z]))(?P<punct>\s*[:.)–—-])?{_END}",
        re.I,
    )


def read_markers(text: str, separate: bool = False) -> tuple[Marker, ...]:
    """Every reading of an item number at the start of the text ('' when the row starts with none).

    `separate`: the number is its own piece of text on the row (a column of its own), so a bare
    '7' or 'A' with no punctuation counts; inline, a bare number must be followed by a title. An
    asterisk before the number (marking a consent item, '*5. Approve ...') is passed over.
    """
    body = text.lstrip().lstrip("*").lstrip()
    offset = len(text) - len(body)
    return tuple(replace(m, end=m.end + offset) for m in _markers(body, separate)) if offset else _markers(body, separate)


def _markers(text: str, separate: bool) -> tuple[Marker, ...]:
    if not text or not (text[0].isalnum() or text[0] == "("):
        return ()
    found = _readings(text, separate)
    if found and _SENTENCE_GOES_ON_RE.match(text[found[0].end :].lstrip()):
        return ()  # 'Agenda Item No. 10 shall be laid over': a sentence about an item, not the item
    return found


def _readings(text: str, separate: bool) -> tuple[Marker, ...]:
    word = _word_marker_re().match(text)
    if word:
        return (_word_marker(word),)
    for regex, build in _COMPOUND_READERS:
        match = regex.match(text)
        if match:
            if regex is _DOTTED_RE and text[match.end() :].lstrip()[:1].islower():
                return ()  # '1.5 million': a decimal in a sentence, not item 1.5
            return (build(match),)
    match = _PAREN_RE.match(text) or _SIMPLE_RE.match(text)
    if match:
        return _simple_markers(match, match.group("num"), "()" if text.startswith("(") else match.group("punct"))
    match = _BARE_RE.match(text)
    if match and (separate or _bare_inline_ok(text, match)):
        return tuple(replace(m, bare=True) for m in _simple_markers(match, match.group("num"), ""))
    return ()


def _bare_inline_ok(text: str, match: re.Match[str]) -> bool:
    """'3 Minutes of the last meeting': one or two digits, then a capitalised title word."""
    number, rest = match.group("num"), text[match.end() :].lstrip()
    return number.isdigit() and len(number) <= 2 and rest[:1].isupper() and not _NOT_TITLE_AFTER_BARE_RE.match(rest)


def _simple_markers(match: re.Match[str], number: str, decoration: str) -> tuple[Marker, ...]:
    printed, end = match.group(0), match.end()
    if number.isdigit():
        return (Marker(printed, number, ARABIC, decoration, int(number), None, end),)
    readings: list[Marker] = []
    if len(number) == 1:
        readings.append(Marker(printed, number, UPPER if number.isupper() else LOWER, decoration, letter_value(number), None, end))
    roman = roman_value(number)
    if roman is not None and number in (number.upper(), number.lower()):
        readings.append(Marker(printed, number, ROMAN if number.isupper() else ROMAN_LOWER, decoration, roman, None, end))
    return tuple(readings)


def _word_marker(match: re.Match[str]) -> Marker:
    number = match.group("num")
    value = int(re.match(r"\d+", number).group(0)) if number[0].isdigit() else letter_value(number)  # type: ignore[union-attr]
    punct = (match.group("punct") or "").strip()
    return Marker(match.group(0), number, WORD, punct, value, None, match.end())


def _dotted(match: re.Match[str]) -> Marker:
    number = match.group("num")
    parent, _, last = number.rpartition(".")
    return Marker(match.group(0), number, DOTTED, match.group("punct"), int(last), parent, match.end())


def _num_letter(match: re.Match[str]) -> Marker:
    letter = match.group("letter")
    decoration = f"{match.groupdict().get('sep') or ''}{'lower' if letter.islower() else 'upper'}{match.groupdict().get('punct') or ''}"
    return Marker(match.group(0), match.group("num"), NUM_LETTER, decoration, letter_value(letter), match.group("parent"), match.end())


def _letter_num(match: re.Match[str]) -> Marker:
    decoration = f"{match.group('sep')}{match.group('punct')}"
    return Marker(match.group(0), match.group("num"), LETTER_NUM, decoration, int(match.group("n")), match.group("parent"), match.end())


def _hyphen(match: re.Match[str]) -> Marker:
    last = match.group("n")
    value = int(last) if last.isdigit() else letter_value(last)
    return Marker(match.group(0), match.group("num"), HYPHEN, "digit" if last.isdigit() else "letter", value, match.group("parent"), match.end())


def _paren_hyphen(match: re.Match[str]) -> Marker:
    return Marker(match.group(0), match.group("num"), PAREN_HYPHEN, "()", int(match.group("n")), None, match.end())


_COMPOUND_READERS = (
    (_PAREN_HYPHEN_RE, _paren_hyphen),
    (_DOTTED_RE, _dotted),
    (_NUM_PAREN_LETTER_RE, _num_letter),
    (_NUM_LETTER_RE, _num_letter),
    (_LETTER_NUM_RE, _letter_num),
    (_HYPHEN_RE, _hyphen),
)


def follows(previous: int, value: int, family: str) -> bool:
    """Whether `value` is the next number after `previous` in a list of this family."""
    if family == PAREN_HYPHEN:
        return previous < value <= previous + 3  # year-sequence numbers skip the ones used elsewhere
    return value == previous + 1
