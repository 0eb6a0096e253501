"""Dates and times of meetings in any convention's language: `dates` reads English ('Monday 25 November
2019', '7.00 pm'); this adds the month names and 24-hour clock times other conventions print
('29 juni 2015', 'aanvang 17.00 uur', 'le 2 mars 2026 à 19 h 30'), from the [meeting] tables of
extractors/conventions/*.toml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.meetings.dates import find_date, find_time

MONTHS_KEY = conventions.declare("meeting", "month_names", "'name=number' month names of the convention's language (juni=6, mars=3)")
CLOCK_KEY = conventions.declare(
    "meeting", "clock_times", "24-hour times with (?P<hour>) and (?P<minute>) groups ('17.00 uur', '19 h 30'), tried after '7.00 pm' forms"
)


@lru_cache(maxsize=1)
def _month_date_re() -> tuple[re.Pattern[str], dict[str, int]] | None:
    months: dict[str, int] = {}
    for _, entry in conventions.words(MONTHS_KEY):
        name, _, number = entry.partition("=")
        months[name.strip().lower()] = int(number)
    if not months:
        return None
    names = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    regex = re.compile(rf"\b(?P<day>\d{{1,2}})(?:er|e|ste|de)?\.?\s+(?P<month>{names})\.?,?\s+(?P<year>\d{{4}})\b", re.I)
    return regex, months


def find_meeting_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first date in the text as YYYY-MM-DD: English forms first, then the conventions' month names."""
    found = find_date(text)
    if found:
        return found
    compiled = _month_date_re()
    if compiled is None:
        return None
    regex, months = compiled
    for match in regex.finditer(text):
        day, month, year = int(match.group("day")), months[match.group("month").lower()], int(match.group("year"))
        if 1 <= day <= 31 and 1900 <= year <= 2100:
            return f"{year:04d}-{month:02d}-{day:02d}", match
    return None


def meeting_date(text: str) -> str | None:
    found = find_meeting_date(text)
    return found[0] if found else None


@lru_cache(maxsize=1)
def _clock_res() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source, re.I) for _, source in conventions.words(CLOCK_KEY))


def find_meeting_time(text: str) -> tuple[str, re.Match[str]] | None:
    """The first clock time as HH:MM: '7.00 pm' forms first, then the conventions' 24-hour forms."""
    found = find_time(text)
    if found:
        return found
    best: re.Match[str] | None = None
    for regex in _clock_res():
        match = regex.search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return None
    hour, minute = int(best.group("hour")), int(best.group("minute") or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}", best


def meeting_time(text: str) -> str | None:
    found = find_meeting_time(text)
    return found[0] if found else None
