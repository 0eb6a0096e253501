"""The top of a set of minutes: which meeting it was (council, body, type, date, times, venue).

Minutes state the meeting in one of two ways, often both:
- a sentence: 'MINUTES of a meeting of the Cabinet held in the Council Chamber ... on Thursday, 30
  January 2025 at 10.00 am', 'A regular meeting of the Township of Nipissing Council was held on ...
  starting at 6:30 p.m.', 'PROCÈS-VERBAL de la séance ordinaire du conseil municipal ..., tenue le
  lundi 2 mars 2026 à 19 h 30, à la salle du conseil';
- a stack of title lines: the authority ('City of Cedar Bend', 'SHIRE OF KURRAJONG VALE'), the body
  ('City Council'), a title word ('Meeting Minutes'), the kind of meeting ('ORDINARY MEETING OF
  COUNCIL'), a date line with the time and the venue ('Tuesday, February 17, 2026  6:30 PM  Council
  Chambers, 400 Main Street').
When the meeting was called to order and when it ended come from the text ('convened the meeting at',
'declared the meeting open at', 'The meeting closed at 12.40 pm'). Every cue word is data ([meeting]
in extractors/conventions/*.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.meetings.attendance_cues import label_hits
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.text import sentences
from agendapack.extract.meetings.when import find_meeting_date, find_meeting_time

TITLE_PATTERNS_KEY = conventions.declare(
    "meeting", "title_patterns", "Sentences naming the meeting, with (?P<body>), (?P<type>), (?P<council>) groups; {types} is the meeting types"
)
TYPES_KEY = conventions.declare("meeting", "meeting_types", "Kinds of meeting (regular, special, ordinary, extraordinaire, ...)")
TITLE_WORDS_KEY = conventions.declare("meeting", "title_words", "Lines that only say these are minutes ('Meeting Minutes', 'Besluitenlijst'), regex")
COUNCIL_KEY = conventions.declare("meeting", "council_patterns", "Names of an authority ('City of X', 'X County Council', 'Municipalité de X'), regex")
BODY_KEY = conventions.declare("meeting", "body_words", "Words of a meeting body's name (council, committee, board, gemeenteraad), regex")
VENUE_KEY = conventions.declare("meeting", "venue_words", "Words of a place (chamber, room, hall, street, raadzaal, salle), regex")
VENUE_PATTERNS_KEY = conventions.declare("meeting", "venue_patterns", "Where a sentence names the venue, with a (?P<venue>) group")
START_KEY = conventions.declare("meeting", "start_cues", "Words before the time the meeting began ('convened the meeting at', 'aanvang'), regex")
END_KEY = conventions.declare("meeting", "end_cues", "Words before the time the meeting ended ('The meeting closed at', 'adjourned at'), regex")
OTHER_DATE_KEY = conventions.declare(
    "meeting", "other_date_cues", "Words just before a date that make it some other date than the meeting's ('Deadline for call-in:', 'Published'), regex"
)
_OTHER_DATE_REACH = 40

# A council name is taken from a short line; longer ones are sentences that mention a council.
_COUNCIL_MAX = 70
_TIME_NEAR = 60
_SMALL = {"of", "and", "the", "for", "in", "on", "at", "to", "a", "an"}
# Kept for the agenda frontsheet reader, which shares this test of a line naming an authority.
COUNCIL_RE = re.compile(r"\b(?:council|city of|county of|borough of|township of|town of|district of|municipality)\b", re.I)


@dataclass
class Header:
    """What the top of the minutes says about the meeting."""

    title: str | None = None
    council: str | None = None
    body: str | None = None
    meeting_type: str | None = None
    date: str | None = None
    start_time: str | None = None  # the time the meeting was called for, as the title prints it
    venue: str | None = None
    paras: list[Para] = field(default_factory=list)


def _words_re(key: tuple[str, str], template: str = r"\b(?:{})\b") -> re.Pattern[str] | None:
    words = [w for _, w in conventions.words(key)]
    return re.compile(template.format("|".join(f"(?:{w})" for w in words)), re.I) if words else None


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str] | None]:
    return {
        "types": _words_re(TYPES_KEY),
        "title_words": _words_re(TITLE_WORDS_KEY, r"^\s*(?:{})\s*$"),
        "council": _words_re(COUNCIL_KEY, r"(?:{})"),
        "body": _words_re(BODY_KEY),
        "venue": _words_re(VENUE_KEY),
        "start": _words_re(START_KEY, r"(?:{})"),
        "end": _words_re(END_KEY, r"(?:{})"),
        "other_date": _words_re(OTHER_DATE_KEY, r"(?:{})[^.;]*$"),
        "other_date_line": _words_re(OTHER_DATE_KEY, r"^\s*(?:{})"),
    }


@lru_cache(maxsize=1)
def _title_patterns() -> tuple[re.Pattern[str], ...]:
    types = "|".join(f"(?:{w})" for _, w in conventions.words(TYPES_KEY)) or "regular"
    return tuple(re.compile(source.replace("{types}", types), re.I) for _, source in conventions.words(TITLE_PATTERNS_KEY))


@lru_cache(maxsize=1)
def _venue_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for _, source in conventions.words(VENUE_PATTERNS_KEY))


def read_header(paras: list[Para]) -> Header:
    """Meeting details from the paragraphs before the first minute item."""
    header = Header(paras=paras)
    texts = [p.text for p in paras if not _is_list(p.text)]
    for text in texts:
        _read_sentence(header, text)
    _read_title_lines(header, _title_rows(paras))
    for text in texts:
        if header.date is None and (found := _meeting_date(text)):
            header.date = found
    return header


def _meeting_date(text: str) -> str | None:
    """The first date in the text that a cue does not mark as another date ('Deadline for call-in: 23 April 2026')."""
    other = _patterns()["other_date"]
    start = 0
    while (found := find_meeting_date(text[start:])) is not None:
        at = start + found[1].start()
        if other is None or not other.search(text[max(0, at - _OTHER_DATE_REACH) : at]):
            return found[0]
        start = start + found[1].end()
    return None


# -- sentences ------------------------------------------------------------------------------


def _read_sentence(header: Header, text: str) -> None:
    """'Minutes of a meeting of X held in V on D at T' and its equivalents."""
    for regex in _title_patterns():
        match = regex.search(text)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("body") and _patterns()["types"] and _patterns()["types"].fullmatch(groups["body"].strip()):
            groups["type"], groups["body"] = groups.get("type") or groups["body"], None  # 'MINUTES OF THE REGULAR MEETING'
        if header.body is None and groups.get("body"):
            header.body = _tidy_case(_strip_article(_before_date(groups["body"])))
            header.title = header.title or _tidy_case(match.group(0).split(" held ")[0])
        if header.meeting_type is None and groups.get("type"):
            header.meeting_type = groups["type"].lower()
        if header.council is None and groups.get("council"):
            header.council = _tidy_case(groups["council"])
        rest = text[match.end() :]
        _read_when_where(header, rest if find_meeting_date(rest) or _venue_in(rest) else text)
        return


def _read_when_where(header: Header, text: str) -> None:
    """Date, the time it was called for, and the venue, from the rest of the sentence naming the meeting."""
    found = find_meeting_date(text)
    if found and header.date is None:
        header.date = found[0]
        after = text[found[1].end() : found[1].end() + _TIME_NEAR]
        time = find_meeting_time(after)
        if time and header.start_time is None and re.match(r"^[\s,]*(?:at|à|om|,|-|–|aanvang)?[\s,]*(?:aanvang\s*)?\d", after, re.I):
            header.start_time = time[0]
    if header.venue is None:
        header.venue = _venue_in(text)


def _venue_in(text: str) -> str | None:
    """The venue a sentence names ('held in the Darent Room, Shire Hall, Kingsmere on ...')."""
    venue_words = _patterns()["venue"]
    for regex in _venue_patterns():
        for match in regex.finditer(text):
            venue = _trim_venue(match.group("venue"))
            if venue and venue_words and venue_words.search(venue):
                return venue
    return None


def _trim_venue(venue: str) -> str:
    """A venue without the date, time or 'commencing at' that follow it in the sentence."""
    venue = " ".join(venue.split())
    cut = [found[1].start() for found in (find_meeting_date(venue), find_meeting_time(venue)) if found]
    start = _patterns()["start"]
    if start and (found := start.search(venue)):
        cut.append(found.start())
    for tail in (r",?\s+(?:on|le|op)\s+\w+day\b", r",?\s+(?:on|le|op)\s+\d", r",\s+(?:and|et|en)\s", r",\s+(?:by|par|door)\s"):
        found = re.search(tail, venue, re.I)
        if found:
            cut.append(found.start())
    if cut:
        venue = venue[: min(cut)]
    venue = re.sub(r"\s+(?:at|on|in|à|le|om|op)$", "", venue.strip(" ,.;:-–"), flags=re.I)
    return venue.strip(" ,.;:-–")


# -- title lines ------------------------------------------------------------------------------


def _title_rows(paras: list[Para]) -> list[list[str]]:
    """The text segments of each row of the title block: the rows before the first list or sentence of prose."""
    rows: list[list[str]] = []
    for para in paras:
        if _is_list(para.text):
            break
        for row in para.rows:
            if len(row.text) > 160 or (len(sentences(row.text)) > 1 and not find_meeting_date(row.text)):
                return rows
            rows.append([" ".join(line.text.split()) for line in row.row.lines if line.text.strip()])
    return rows


def _read_title_lines(header: Header, rows: list[list[str]]) -> None:
    patterns = _patterns()
    for segments in rows:
        line = " ".join(segments)
        if patterns["title_words"] and patterns["title_words"].match(line):
            continue
        if patterns["other_date_line"] and patterns["other_date_line"].match(line):
            continue  # 'Deadline for Escalation Panel referral' (its date left blank) names no body
        if find_meeting_date(line):
            if _meeting_date(line):
                _read_date_line(header, segments)
            continue
        for regex in _title_patterns():
            match = regex.search(line)
            if match and match.groupdict().get("body") and header.body is None:
                header.body = _tidy_case(_strip_article(match.group("body")))
            if match and match.groupdict().get("type") and header.meeting_type is None:
                header.meeting_type = match.group("type").lower()
            if match:
                break
        else:
            _read_name_line(header, line)


def _read_name_line(header: Header, line: str) -> None:
    """A line naming the authority, the body, the kind of meeting or the venue."""
    patterns = _patterns()
    types = patterns["types"]
    if (types and types.fullmatch(line.strip(" ."))) or re.fullmatch(r"(?i)\s*(?:\w+\s+)?meeting\s*", line):
        kind = types.search(line) if types else None
        header.meeting_type = header.meeting_type or (kind.group(0).lower() if kind else None)
        return
    if patterns["council"] and patterns["council"].search(line) and len(line) <= _COUNCIL_MAX and header.council is None:
        header.council = _tidy_case(line)
        return
    if patterns["body"] and patterns["body"].search(line) and len(line) <= _COUNCIL_MAX and header.body is None:
        header.body = _tidy_case(_strip_article(line))
        return
    if patterns["venue"] and patterns["venue"].search(line) and header.venue is None:
        header.venue = _trim_venue(line)
        time = find_meeting_time(line)
        if time and header.start_time is None:
            header.start_time = time[0]


def _read_date_line(header: Header, segments: list[str]) -> None:
    """'Tuesday, February 17, 2026 | 6:30 PM | Council Chambers, 400 Main Street' or one segment holding all three."""
    line = " ".join(segments)
    found = find_meeting_date(line)
    if found and header.date is None:
        header.date = found[0]
    time = find_meeting_time(line)
    if time and header.start_time is None:
        header.start_time = time[0]
    venue_words = _patterns()["venue"]
    for segment in segments:
        rest = segment
        for match in (find_meeting_date(segment), find_meeting_time(segment)):
            if match:
                rest = rest.replace(match[1].group(0), " ")
        rest = re.sub(r"^[\s,–—-]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)?[\s,–—-]*", "", rest, flags=re.I)
        rest = _trim_venue(re.sub(r"^(?:(?:in|at|à|in de|op)\s+)?(?:the\s+)?", "", rest.strip(), flags=re.I))
        if header.venue is None and venue_words and venue_words.search(rest):
            header.venue = rest


def _before_date(text: str) -> str:
    """A body name run on into the title's date line ('CITY COUNCIL TUESDAY- -MAY 5, 2026- -6:00 P.M.') ends before it."""
    found = find_meeting_date(text)
    if found is None or found[1].start() == 0:
        return text
    head = text[: found[1].start()]
    return re.sub(r"[\s,–—-]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)?[\s,–—-]*$", "", head, flags=re.I) or text


def opening_venue(paras: list[Para]) -> str | None:
    """The venue a sentence about the meeting names at the start of the minutes ('The meeting was held in the
    Council Chambers, ...', '... was called to order at 7:00 PM at the Township Hall, 210 Mill Road, by ...')."""
    start = _patterns()["start"]
    for para in paras:
        for sentence in sentences(para.text):
            if re.search(r"\bmeeting\b", sentence, re.I) or (start and start.search(sentence)):
                venue = _venue_in(sentence)
                if venue:
                    return venue
    return None


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an|de|het|le|la|les)\s+", "", text.strip(), flags=re.I)


def _tidy_case(text: str) -> str:
    """Upper-case headings in title case ('KENT COUNTY COUNCIL' -> 'Kent County Council'); mixed case untouched."""
    text = " ".join(text.split()).strip(" .,:;-–")
    if not text.isupper():
        return text
    words = text.lower().split()
    return " ".join(w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _is_list(text: str) -> bool:
    hits = label_hits(text)
    return bool(hits) and hits[0].start == 0


# -- times from the text ------------------------------------------------------------------------


def _cue_time(text: str, cue: re.Pattern[str] | None) -> str | None:
    if cue is None:
        return None
    for match in cue.finditer(text):
        time = find_meeting_time(text[match.end() : match.end() + _TIME_NEAR])
        if time:
            return time[0]
    return None


def end_time(paras: list[Para]) -> tuple[str, Para] | None:
    """The time the meeting ended, from the last paragraph that states one."""
    cue = _patterns()["end"]
    for para in reversed(paras):
        time = _cue_time(para.text, cue)
        if time:
            return time, para
    return None


def convened_time(paras: list[Para]) -> str | None:
    """The time the meeting was called to order, from the first paragraph that states one."""
    cue = _patterns()["start"]
    for para in paras:
        time = _cue_time(para.text, cue)
        if time:
            return time
    return None
