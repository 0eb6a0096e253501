"""Session headings: where one agenda starts a new meeting ('5:00 PM - CLOSED SESSION', 'Special Session').

US agendas often print two or three meetings in one document (a closed or special session before
the regular meeting), each with its own start time and its own numbering. A session heading is a
short unnumbered row that, once a clock time is taken out, names a meeting or session; the type
(regular, special, closed, study, ...) comes from the [agenda] meeting_types cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.agendas.rows import AgendaRow
from agendapack.extract.meetings.dates import TIME_RE, find_time

SESSION_HEADINGS = conventions.declare(
    "agenda", "session_headings", "A heading (clock time taken out) that starts a meeting within an agenda ('CLOSED SESSION', 'Regular Meeting')"
)
MEETING_TYPES = conventions.declare(
    "agenda", "meeting_types", "Meeting types, one named group per type: (?P<special>...) (read pattern by pattern: names repeat across files)"
)
_MAX_WORDS = 14
_TIMED_MEETING_RE = re.compile(r"\b(?:meeting|session)\b", re.I)


@dataclass(frozen=True)
class Session:
    """A meeting announced inside an agenda: its type and start time when printed, and where."""

    type: str | None
    time: str | None
    text: str
    page: int
    row: AgendaRow | None = None


def is_session_heading(row: AgendaRow) -> bool:
    return row.words <= _MAX_WORDS and not row.markers and session_words(row.text) is not None


def session_words(text: str) -> str | None:
    """What names the session once a clock time is taken out ('CLOSED SESSION'), or None."""
    return _session_words(" ".join(text.split()))


@lru_cache(maxsize=4096)
def _session_words(text: str) -> str | None:
    time = find_time(text)
    rest = TIME_RE.sub(" ", text) if time else text
    rest = re.sub(r"^[\s*•:–—-]+|[\s*•:–—-]+$", "", re.sub(r"\s+", " ", rest)).strip()
    if not rest:
        return None
    lowered = rest.lower()
    if conventions.first_cue(SESSION_HEADINGS, lowered):
        return rest
    if time and len(rest.split()) <= 5 and _TIMED_MEETING_RE.search(rest):
        return rest
    return None


def session_of(row: AgendaRow) -> Session:
    found = find_time(row.text)
    return Session(meeting_type(row.text), found[0] if found else None, row.text, row.page, row)


@lru_cache(maxsize=4096)
def meeting_type(text: str) -> str | None:
    """'special', 'closed', 'regular', ... from the first meeting-type cue in the text."""
    for cue in conventions.cues(MEETING_TYPES):
        match = cue.search(text)
        if match and match.lastgroup:
            return match.lastgroup
    return None
