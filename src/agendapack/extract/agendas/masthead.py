"""An agenda's masthead (the rows above its first item): the meeting's date, start time, venue, body and members.

The date in a heading or beside a weekday scores above a date in a side column of letter details
('Date:' next to 'Ask for:') or inside a paragraph of notice text; the time is the one printed with
that date, just below it, or after a 'Time:' label, never a closing time ('scheduled to end by
5.00 pm'). The body is named by a 'meeting of X will be held' sentence, by the document's title
('City Council Agenda'), or by the most prominent heading naming a council, board or committee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agendapack import conventions
from agendapack.extract.agendas.rows import AgendaRow, Style
from agendapack.extract.agendas.sessions import meeting_type, session_words
from agendapack.extract.meetings.dates import find_date, find_time
from agendapack.extract.meetings.people import parse_people

AGENDA_TITLES = conventions.declare("agenda", "agenda_titles", "Masthead titles that name the document, not the body ('AGENDA', 'Notice and Agenda')")

WEEKDAY_RE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
LETTER_LABEL_RE = re.compile(r"\b(?:ask for|direct dial|e-?mail|our ref|your ref|telephone|tel|contact)\s*[:/]", re.I)
BODY_IN_TITLE = conventions.declare(
    "agenda", "body_in_title", "The body named in a title line, as (?P<body>...): 'meeting of the (?P<body>...)' (read pattern by pattern)"
)
DATE_LABELS = conventions.declare("agenda", "date_labels", "Masthead labels before the meeting date ('Date:', 'Datum:')")
TIME_LABELS = conventions.declare("agenda", "time_labels", "Masthead labels before the start time ('Time:', 'Aanvang:')")
VENUE_LABELS = conventions.declare("agenda", "venue_labels", "Masthead labels before the venue ('Venue:', 'Plaats:')")
MEMBERS_LABEL_RE = re.compile(r"^(?:members|membership|committee members|councillors)\s*:\s*(?P<names>.+)$", re.I)
HELD_IN_RE = re.compile(r"\bwill be held (?:in|at) (?:the )?(?P<venue>.+?)\s+on\s+\w+day\b", re.I)
NOT_START_RE = re.compile(r"\b(?:end|ends|ending|close|closes|finish|finishes|until|conclude|concludes)\b[^.]{0,25}$", re.I)
BODY_WORD_RE = re.compile(
    r"\b(?:council|committee|cabinet|board|commission|commissioners|authority|trustees|panel|assembly|"
    r"sub-committee|subcommittee|forum|raad|gemeenteraad|conseil)\b",
    re.I,
)
PLACE_RE = re.compile(
    r"\b(?:chambers?|hall|room|building|centre|center|street|avenue|boulevard|road|drive|way|floor|park|library|"
    r"virtual|videoconference|teleconference|telepresence|zoom|webinar|online)\b",
    re.I,
)
# The authority, as opposed to the body that meets: 'City of X', 'X County Council', 'X Township' ('City Council' is a body).
COUNCIL_RE = re.compile(
    r"\b(?:city|county|borough|township|town|village|district|municipality|shire|commune|ville) (?:of|de)\b|^gemeente\b"
    r"|\b(?:county|borough|district|parish|town|community|shire|regional) council\b|\btownship\b",
    re.I,
)
HELD_OF_RE = re.compile(r"\bmeeting of (?:the )?(?P<body>[A-Z][\w&’'., -]{2,80}?) (?:will|is to|to) be held\b")
ROSTER_RE = re.compile(
    r"[,–—-]\s*(?:mayor|vice[- ]mayor|deputy mayor|council ?member|councillor|commissioner|chair(?:man|person)?|vice[- ]chair|trustee|"
    r"president|clerk|manager|attorney|treasurer|supervisor|secretary)\b|^to\s*:",
    re.I,
)
POSTCODE_RE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b\d{5}(?:-\d{4})?\b|\b\d{1,5} [A-Z][a-z]+ (?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Way|Lane|Ln)\b"
)
SUMMONS_RE = re.compile(r"^summons\b", re.I)
MEETING_WORDS_RE = re.compile(
    r"\b(?:(?:regular|special|adjourned|annual|joint|budget|ordinary|extraordinary)\s+)?meeting(?:\s+agenda)?\b"
    r"|\bagenda(?: and notice)?\b|\bnotice and\b|^(?:regular|special|ordinary|extraordinary)\s+",
    re.I
)
_NEAR_ROWS = 4
_PROSE_WORDS = 25


@dataclass
class Masthead:
    """What the rows before the first item say about the meeting."""

    date: str | None = None
    time: str | None = None
    venue: str | None = None
    council: str | None = None
    body: str | None = None
    meeting_type: str | None = None
    anchor: AgendaRow | None = None
    members: list[str] = field(default_factory=list)


def masthead(rows: list[AgendaRow], month_first: bool, body_style: Style | None = None) -> Masthead:
    header = Masthead()
    best: tuple[float, int] | None = None
    for position, row in enumerate(rows):
        found = find_date(row.text, month_first=month_first)
        if found is None:
            continue
        score = _date_score(row, rows, position)
        if best is None or score > best[0]:
            best = (score, position)
            header.date, header.anchor = found[0], row
    if best is not None:
        header.time = _time_near(rows, best[1], month_first)
    header.time = header.time or _labelled_time(rows)
    header.venue = _venue(rows, best[1] if best else None)
    header.council, header.body = _council_and_body(rows, best[1] if best else None, body_style or Style(10.0, False))
    header.members = _members(rows)
    header.meeting_type = next((meeting_type(row.text) for row in rows[:40] if row.words <= 12 and meeting_type(row.text)), None)
    return header


def _date_score(row: AgendaRow, rows: list[AgendaRow], position: int) -> float:
    """Mastheads print the meeting date in a heading or beside a weekday; letters and notices print other dates."""
    text = row.text
    score = -0.01 * position
    if WEEKDAY_RE.search(text):
        score += 3
    if row.bold or row.caps or row.size > 12.5:
        score += 2
    if row.words <= 12:
        score += 1
    if _labelled(DATE_LABELS, text) is not None:
        score += 2
    if re.search(r"\bmeeting\b.{0,80}\b(?:on|held)\b", text, re.I):
        score += 1
    if find_time(text):
        score += 2
    if row.words > _PROSE_WORDS and not re.search(r"\bwill be held\b", text, re.I):
        score -= 4
    if _letter_column(row, rows, position):
        score -= 5
    return score


def _letter_column(row: AgendaRow, rows: list[AgendaRow], position: int) -> bool:
    """A date among a letter's details ('Ask for:', 'Direct Dial:' in the same column), or alone at the right like a letter's date."""
    date_line = next((line for line in row.row.lines if find_date(line.text)), row.row.lines[0])
    near = [r for r in rows[max(position - 3, 0) : position + 4] if r.page == row.page]
    for other in near:
        for line in other.row.lines:
            label = LETTER_LABEL_RE.search(line.text)
            if label and (line is not date_line or label.start() < 3) and abs(line.bbox.x0 - date_line.bbox.x0) < 60:
                return True
    width_guess = max((r.row.bbox.x1 for r in rows if r.page == row.page), default=row.row.bbox.x1)
    return row.words <= 5 and row.x0 > width_guess * 0.55


def _time_near(rows: list[AgendaRow], position: int, month_first: bool) -> str | None:
    """The start time printed with the date: later on its row, or alone on one of the rows below it."""
    row = rows[position]
    date = find_date(row.text, month_first=month_first)
    rest = row.text[date[1].end() :] if date else row.text
    found = _start_time(rest) or _start_time(row.text[: date[1].start()] if date else "")
    if found:
        return found
    for below in rows[position + 1 : position + 1 + _NEAR_ROWS]:
        if below.page != row.page or below.words > 8:
            break
        found = _start_time(below.text)
        if found:
            return found
    return None


def _start_time(text: str) -> str | None:
    found = find_time(text)
    if found is None or NOT_START_RE.search(text[: found[1].start()]):
        return None
    return found[0]


def _labelled_time(rows: list[AgendaRow]) -> str | None:
    for row in rows:
        if _labelled(TIME_LABELS, row.text) is not None:
            return _start_time(row.text)
    return None


def _labelled(key: tuple[str, str], text: str) -> str | None:
    """The value after a masthead label of this kind ('Plaats: Raadzaal' -> 'Raadzaal'), or None."""
    found = conventions.first_cue(key, text)
    if found is None or found[1].start() != 0:
        return None
    return text[found[1].end() :].strip(" :")


def _members(rows: list[AgendaRow]) -> list[str]:
    """'Members: Councillors A (Chairman), B, C' and the rows it wraps onto, as printed."""
    for position, row in enumerate(rows):
        match = MEMBERS_LABEL_RE.match(row.text)
        if not match:
            continue
        parts = [match.group("names")]
        value_x = row.row.lines[1].bbox.x0 if len(row.row.lines) > 1 else row.x0
        for below in rows[position + 1 :]:
            if not _near(rows[position + len(parts) - 1], below) or below.x0 < value_x - 2 or re.match(r"^\w[\w ]{0,20}:", below.text):
                break
            parts.append(below.text)
        return [f"{p.name} ({p.role})" if p.role else p.name for p in parse_people(" ".join(parts))]
    return []


def _venue(rows: list[AgendaRow], date_position: int | None) -> str | None:
    """A 'Venue:' label, 'will be held in X on', or the place printed with the date (same row, or the rows around it)."""
    for row in rows:
        value = _labelled(VENUE_LABELS, row.text)
        if value is not None:
            return value or None
    held = HELD_IN_RE.search(" ".join(row.text for row in rows))
    if held:
        return held.group("venue").strip(" ,")
    if date_position is None:
        return None
    date_row = rows[date_position]
    after = _after_date_and_time(date_row.text)
    if after and PLACE_RE.search(after):
        return after
    parts: list[str] = []
    for row in _block_around(rows, date_position):
        if row is date_row:
            continue
        text = _first_column(row)
        label = LETTER_LABEL_RE.search(text)
        text = text[: label.start()].strip(" ,") if label else text  # a letter's 'Telephone:' column beside the venue
        place = PLACE_RE.search(text) or POSTCODE_RE.search(text)
        if len(text.split()) <= 8 and place and not find_date(text) and not session_words(text):
            parts.append(text.strip(" ,"))
        elif parts:
            break
    return ", ".join(parts) or None


def _after_date_and_time(text: str) -> str:
    date = find_date(text)
    rest = text[date[1].end() :] if date else text
    time = find_time(rest)
    if time:
        rest = rest[time[1].end() :]
    return rest.strip(" ,;:-–|")


def _block_around(rows: list[AgendaRow], position: int) -> list[AgendaRow]:
    """The masthead rows close above and below the date row (the date, the place, the time)."""
    start = end = position
    while start > 0 and _near(rows[start - 1], rows[start]):
        start -= 1
    while end + 1 < len(rows) and _near(rows[end], rows[end + 1]):
        end += 1
    return rows[start : end + 1]


def _near(above: AgendaRow, below: AgendaRow) -> bool:
    return above.page == below.page and -3 <= below.top - above.bottom <= max(above.height, below.height) * 1.3


def _council_and_body(rows: list[AgendaRow], date_position: int | None, style: Style) -> tuple[str | None, str | None]:
    """The authority and the body that meets, from the masthead: a 'meeting of X will be held' sentence, the
    body named in the document's title ('City Council Agenda'), the most prominent heading naming a council,
    board or committee, or the words before the date on the date row."""
    council = None
    held = HELD_OF_RE.search(" ".join(row.text for row in rows))
    titled: list[str] = []
    candidates: list[tuple[float, int, str]] = []
    for position, block in enumerate(_heading_blocks(rows[:40], style)):
        joined = " ".join(_first_column(row) for row in block).strip(" *")
        if find_date(joined) or find_time(joined) or ROSTER_RE.search(joined) or len(joined.split()) > 16:
            continue
        named = _body_in_title(joined) or _without_meeting_words(joined)
        if _is_title_row(joined):
            if BODY_WORD_RE.search(named) and not SUMMONS_RE.match(joined):
                titled.append(named)
            continue
        if PLACE_RE.search(joined) and not COUNCIL_RE.search(joined):
            continue
        if council is None and COUNCIL_RE.search(named) and not re.search(r"\b(?:committee|cabinet|board|commission|panel|authority)\b", named, re.I):
            council = tidy_case(named)
            continue
        if BODY_WORD_RE.search(named):
            candidates.append((max(row.size for row in block), -position, named))
    body = held.group("body") if held else (titled[0] if titled else (max(candidates)[2] if candidates else None))
    if body is None and date_position is not None:
        body = _body_before_date(rows[date_position].text)
    return council, tidy_case(body) if body else council


def _body_in_title(text: str) -> str | None:
    """'Agenda voor de openbare vergadering van de gemeenteraad' -> 'gemeenteraad'."""
    for cue in conventions.cues(BODY_IN_TITLE):
        match = cue.search(text)
        if match and match.groupdict().get("body"):
            return _without_meeting_words(match.group("body"))
    return None


def _is_title_row(text: str) -> bool:
    return conventions.first_cue(AGENDA_TITLES, text.strip(" *:").lower()) is not None or bool(SUMMONS_RE.match(text))


def _body_before_date(text: str) -> str | None:
    """'COUNTY COUNCIL - THURSDAY, 13 FEBRUARY 2025' -> 'County Council'."""
    found = find_date(text)
    before = WEEKDAY_RE.sub("", text[: found[1].start()] if found else "").strip(" ,-–—:")
    return tidy_case(before) if before and BODY_WORD_RE.search(before) else None


def _first_column(row: AgendaRow) -> str:
    """The row's text up to a wide gap (a masthead often prints a second column on the same line)."""
    parts = [row.row.lines[0]]
    for line in row.row.lines[1:]:
        if line.bbox.x0 - parts[-1].bbox.x1 > 30:
            break
        parts.append(line)
    return " ".join(" ".join(line.text.split()) for line in parts)


def _heading_blocks(rows: list[AgendaRow], style: Style) -> list[list[AgendaRow]]:
    """Masthead headings (set apart from the body text), a heading wrapped over two rows kept together."""
    blocks: list[list[AgendaRow]] = []
    for row in rows:
        if not row.prominent(style) or row.words > 14:
            continue
        joins = blocks and _near(blocks[-1][-1], row) and blocks[-1][-1].looks() == row.looks()
        if joins and not find_date(row.text) and not _is_title_row(row.text) and not _is_title_row(blocks[-1][-1].text):
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


def _without_meeting_words(text: str) -> str:
    """'Regular Meeting of the Board of Trustees' -> 'Board of Trustees'; 'City Council Meeting Agenda' -> 'City Council'."""
    text = re.sub(r"^(?:(?:regular|special|adjourned|annual|joint|ordinary|extraordinary)\s+)?meeting of (?:the\s+)?", "", text, flags=re.I)
    text = MEETING_WORDS_RE.sub(" ", text)
    text = re.sub(r"\s*[-–—:]\s*$|^\s*[-–—:]\s*", "", " ".join(text.split()))
    text = re.sub(r"\s+(?:on|at|for|of|the|to)$", "", text.strip(" -–—:,"), flags=re.I)
    text = re.sub(r"^(?:of|for)\s+(?:the\s+)?", "", text, flags=re.I)
    return text.strip(" -–—:,")


def tidy_case(text: str) -> str:
    """Upper-case headings in title case ('KENT COUNTY COUNCIL' -> 'Kent County Council'); mixed case untouched."""
    text = " ".join(text.split()).strip(" .,:;-–")
    if not text.isupper():
        return text
    small = {"of", "and", "the", "for", "in", "on", "at", "to", "a", "an"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
