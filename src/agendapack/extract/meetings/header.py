"""The top of a set of minutes: which meeting (body, date, times, venue) and who was there.

UK minutes state the meeting in one sentence ('Minutes of a meeting of the
Cabinet held in the Council Chamber ... on Thursday, 30 January 2025'), or as
a heading and a date line (Bristol); US minutes print 'MINUTES OF THE REGULAR
CITY COUNCIL MEETING' and 'convened the meeting at 7:13 p.m.'; Ontario prints
'A regular meeting of the Township of Nipissing Council was held on ...
starting at 6:30 p.m.'. Attendance is read by `attendance`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agendapack.extract.meetings.dates import find_date, find_time, parse_time
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.attendance_cues import label_hits

COUNCIL_RE = re.compile(r"\b(?:council|city of|county of|borough of|township of|town of|district of|municipality)\b", re.I)
MINUTES_OF_RE = re.compile(
    r"^minutes of (?:a|an|the)\s+(?:(?P<type>regular|special|extraordinary|annual|joint|closed|ordinary|adjourned)\s+)?"
    r"(?:meeting of (?:the\s+)?)?(?P<body>.+?)(?:\s+meeting)?(?:\s+held\b|$)",
    re.I,
)
HELD_RE = re.compile(r"\bmeeting of (?:the\s+)?(?P<body>.+?)\s+(?:was\s+)?held\b(?P<rest>.*)", re.I)
VENUE_IN_RE = re.compile(
    r"\b(?:held\s+)?(?:in|at)\s+(?:person at\s+)?(?:the\s+)?(?P<venue>[A-Z0-9](?:[^.;]|\.(?=\d))*?)"
    r"(?=\s+on\s+\w+day|\s+on\s+\d|,?\s+and livestreamed|\.\s|\.$|$)"
)
START_RE = re.compile(
    r"\b(?:convened|called (?:the meeting )?to order|commenced|opened|started|starting|began)\b[^.]{0,40}?"
    r"\bat\s+(?P<time>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s*m\b\.?)",
    re.I,
)
END_RE = re.compile(
    r"\b(?:meeting (?:ended|closed|finished|concluded|rose)|adjourned the meeting|meeting was (?:adjourned|closed)|meeting adjourned|time)\b"
    r"[^.]{0,20}?\s(?:at\s+)?(?P<time>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s*m\b\.?)",
    re.I,
)


@dataclass
class Header:
    """What the top of the minutes says about the meeting."""

    title: str | None = None
    council: str | None = None
    body: str | None = None
    meeting_type: str | None = None
    date: str | None = None
    start_time: str | None = None
    venue: str | None = None
    paras: list[Para] = field(default_factory=list)


def read_header(paras: list[Para]) -> Header:
    """Meeting details from the paragraphs before the first minute item."""
    header = Header(paras=paras)
    texts = [p.text for p in paras if not _is_list(p.text)]
    for text in texts:
        _read_title(header, text)
        _read_held_sentence(header, text)
    for text in texts:
        if header.date is None and (found := find_date(text)):
            header.date = found[0]
    if header.start_time is None:
        header.start_time = next((parse_time(t) for t in texts if _date_line_time(t)), None)
    rows = [row.text for p in paras[:4] if not _is_list(p.text) for row in p.rows]
    header.council = next((_tidy_case(t) for t in rows if COUNCIL_RE.search(t) and len(t) < 60 and not t.lower().startswith("minutes")), None)
    return header


def _read_title(header: Header, text: str) -> None:
    if header.body:
        return
    start = re.search(r"\bminutes of (?:a|an|the)\b", text, re.I)
    if start is None:
        return
    match = MINUTES_OF_RE.match(_strip_date_tail(text[start.start() :]))
    if match and len(match.group("body")) < 120:
        body = re.sub(r"^(?:the|a)\s+", "", match.group("body"), flags=re.I)
        header.body = _tidy_case(body.split(" held ")[0])
        header.meeting_type = match.group("type").lower() if match.group("type") else None
        header.title = _tidy_case(re.sub(r"\s+held$", "", match.group(0).split(" held ")[0].strip()))


def _read_held_sentence(header: Header, text: str) -> None:
    """'Minutes of a meeting of X held in V on D' / 'A regular meeting of X was held on D starting at T'."""
    match = HELD_RE.search(text)
    if not match:
        return
    if header.body is None or header.body.lower().startswith("minutes"):
        header.body = _tidy_case(re.sub(r"^(?:the|a)\s+", "", match.group("body"), flags=re.I))
    kind = re.search(r"\b(regular|special|extraordinary|annual|joint|ordinary)\s+meeting\b", text[: match.start() + 20], re.I)
    if kind and header.meeting_type is None:
        header.meeting_type = kind.group(1).lower()
    rest = match.group("rest")
    if (found := find_date(rest)) and header.date is None:
        header.date = found[0]
    venue = VENUE_IN_RE.search(rest) or VENUE_IN_RE.search(text[match.end() :])
    if header.venue is None and venue and not find_date(venue.group("venue")):
        header.venue = venue.group("venue").strip(" ,")
    if header.venue is None:
        header.venue = _venue_after_held(text)
    start = START_RE.search(text)
    if start:
        header.start_time = parse_time(start.group("time"))


def _venue_after_held(text: str) -> str | None:
    """'The meeting was held in person at the X Community Centre, and livestreamed ...'."""
    match = re.search(r"\bheld (?:in person )?(?:at|in) (?:the )?(?P<venue>[A-Z][^.;]*?)(?:,? and\b|\.|$)", text)
    return match.group("venue").strip(" ,") if match else None


def _strip_date_tail(text: str) -> str:
    """'MINUTES OF THE REGULAR CITY COUNCIL MEETING TUESDAY- -MARCH 17, 2015' -> '... MEETING'."""
    found = find_date(text)
    if found and found[1].start() > 10:
        text = text[: found[1].start()].rstrip(" -–—,")
        return re.sub(r"[\s,–—-]*\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b[\s,–—-]*$", "", text, flags=re.I)
    return text


def _date_line_time(text: str) -> bool:
    return bool(find_date(text) and find_time(text)) and len(text) < 120


def _tidy_case(text: str) -> str:
    """Upper-case headings in title case ('KENT COUNTY COUNCIL' -> 'Kent County Council'); mixed case untouched."""
    text = " ".join(text.split()).strip(" .,:;-–")
    if not text.isupper():
        return text
    small = {"of", "and", "the", "for", "in", "on", "at", "to", "a", "an"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _is_list(text: str) -> bool:
    hits = label_hits(text)
    return bool(hits) and hits[0].start == 0


def end_time(paras: list[Para]) -> tuple[str, Para] | None:
    """The time the meeting ended, from the last paragraph that states one."""
    for para in reversed(paras):
        match = END_RE.search(para.text)
        if match:
            time = parse_time(match.group("time"))
            if time:
                return time, para
    return None


def convened_time(paras: list[Para]) -> str | None:
    for para in paras:
        match = START_RE.search(para.text)
        if match:
            return parse_time(match.group("time"))
    return None
