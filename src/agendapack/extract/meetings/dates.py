"""Dates and times as councils print them, to ISO dates and 24-hour times.

'Monday 25 November 2019', 'Thursday, 30th January, 2025', 'TUESDAY- -MARCH 17, 2015',
'12 September 2024'; '7.00 pm', '8:42pm', '7:13 p.m.', '10.00 am', '6:30 p.m.'. Month names in
other languages ('29 juni 2015', '1er mars 2026') come from the [dates] months cues of
`extractors/conventions/*.toml`, and 24-hour times with their unit ('19.30 uur', '19 h 30').
"""

from __future__ import annotations

import re
from functools import lru_cache

from agendapack import conventions

FOREIGN_MONTHS = conventions.declare("dates", "months", "Month names of a language, one entry per month: '3=maart|mrt'")

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
DAY_MONTH_YEAR_RE = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b\.?,?\s+(?P<year>\d{{4}})\b", re.I)
MONTH_DAY_YEAR_RE = re.compile(rf"\b{_MONTH}\b\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I)
NUMERIC_DATE_RE = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")
TIME_RE = re.compile(r"\b(?P<hour>\d{1,2})(?:[.:](?P<minute>[0-5]\d))?\s*(?P<half>[ap])\.?\s*m\b\.?", re.I)
NOON_RE = re.compile(r"\b(?:12(?:[.:]00)?\s*)?noon\b", re.I)
# 24-hour times printed with their unit: '19.30 uur', '19:30 u', '19 h 30', '19h30', '17.00h'.
CLOCK_24_RE = re.compile(r"\b(?P<hour>[01]?\d|2[0-3])(?:\s*h\s*(?P<hmin>[0-5]\d)\b|[.:](?P<minute>[0-5]\d)\s*(?:uur|u\b|h\b))", re.I)


def find_date(text: str, month_first: bool | None = None) -> tuple[str, re.Match[str]] | None:
    """The first date in the text as YYYY-MM-DD, with the match it came from.

    A numeric date is read day first ('9/2/2021' = 9 February) unless `month_first` is True, as
    in US documents ('2/9/2021' = 9 February); a first number above 12 is always the day.
    """
    regexes = (DAY_MONTH_YEAR_RE, MONTH_DAY_YEAR_RE, NUMERIC_DATE_RE, *_foreign_date_res())
    found = [m for regex in regexes for m in [regex.search(text)] if m]
    for match in sorted(found, key=lambda m: m.start()):
        iso = _iso(match, month_first=bool(month_first) and match.re is NUMERIC_DATE_RE)
        if iso:
            return iso, match
    return None


def spells_month_first(text: str) -> bool:
    """Whether the text writes dates month first ('January 26, 2021') rather than day first ('26 January 2021')."""
    return len(MONTH_DAY_YEAR_RE.findall(text)) > len(DAY_MONTH_YEAR_RE.findall(text))


def parse_date(text: str) -> str | None:
    found = find_date(text)
    return found[0] if found else None


def _iso(match: re.Match[str], month_first: bool = False) -> str | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _month_number(month_text)
    day, year = int(match.group("day")), int(match.group("year"))
    if month_first and day <= 12:
        day, month = month, day
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_number(text: str) -> int:
    foreign = _foreign_months().get(text.lower().rstrip("."))
    if foreign is not None:
        return foreign
    lowered = text.lower()[:3]
    return next(i for i, name in enumerate(MONTHS, start=1) if name.startswith(lowered))


@lru_cache(maxsize=1)
def _foreign_months() -> dict[str, int]:
    """Month names of other languages, from the conventions: 'maart' -> 3."""
    months: dict[str, int] = {}
    for _, entry in conventions.words(FOREIGN_MONTHS):
        number, _, names = entry.partition("=")
        for name in names.split("|"):
            if name.strip():
                months.setdefault(name.strip().lower(), int(number))
    return months


@lru_cache(maxsize=1)
def _foreign_date_res() -> tuple[re.Pattern[str], ...]:
    """'29 juni 2015', '1er mars 2026', 'donderdag 9 april 2026': day, month name, year."""
    names = sorted((n for n in _foreign_months() if n not in _english_names()), key=len, reverse=True)
    if not names:
        return ()
    alternation = "|".join(re.escape(name) for name in names)
    return (re.compile(rf"\b(?P<day>\d{{1,2}})(?:er|e|ste|de)?\s+(?P<month>{alternation})\.?,?\s+(?P<year>\d{{4}})\b", re.I),)


def _english_names() -> set[str]:
    return set(MONTHS) | {name[:3] for name in MONTHS}


def find_time(text: str) -> tuple[str, re.Match[str]] | None:
    """The first clock time in the text as HH:MM (24-hour)."""
    match = TIME_RE.search(text)
    if match:
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        if 1 <= hour <= 12:
            hour = hour % 12 + (12 if match.group("half").lower() == "p" else 0)
            return f"{hour:02d}:{minute:02d}", match
    noon = NOON_RE.search(text)
    if noon:
        return "12:00", noon
    clock = CLOCK_24_RE.search(text)
    if clock:
        minute = clock.group("minute") or clock.group("hmin")
        return f"{int(clock.group('hour')):02d}:{minute}", clock
    return None


def parse_time(text: str) -> str | None:
    found = find_time(text)
    return found[0] if found else None
