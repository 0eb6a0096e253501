"""The meeting (or meetings) an agenda pack is for, read once per pack from its agenda section.

The reading itself is `agendapack.extract.agendas` (items, sessions, masthead); this module keeps it
per pack, so the agenda extractor, report covers and entity records all name the same meeting.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from agendapack.extract.agendas.meetings import agenda_meetings
from agendapack.extract.agendas.reader import AgendaRead, read_agenda
from agendapack.extract.registry import ExtractionContext
from agendapack.models.clean import CleanPage
from agendapack.models.document import Section, SectionKind
from agendapack.models.meetings import Meeting

_CACHE_MAX = 32


@dataclass(frozen=True)
class AgendaReading:
    """One agenda section read: its items and outline, its meetings, and each session's meeting id."""

    section_id: str
    read: AgendaRead
    meetings: list[Meeting]
    session_meeting: dict[int, str]

    def meeting_id_of(self, session: int) -> str | None:
        return self.session_meeting.get(session) or (self.meetings[0].meeting_id if self.meetings else None)

    @property
    def main(self) -> Meeting | None:
        """The meeting the pack is for: the regular one when the agenda prints several."""
        regular = [m for m in self.meetings if m.meeting_type == "regular"]
        return regular[0] if regular else (self.meetings[0] if self.meetings else None)


_READINGS: OrderedDict[tuple[str, str], AgendaReading] = OrderedDict()


def agenda_reading(context: ExtractionContext, section: Section | None = None) -> AgendaReading:
    """The agenda reading of a section (the context's own by default), computed once per pack and section."""
    section = section or context.section
    key = (context.pack_id, section.section_id)
    if key not in _READINGS:
        pages = [context.pages[p] for p in section.pages if p in context.pages]
        _READINGS[key] = read_section(pages, section.section_id)
        while len(_READINGS) > _CACHE_MAX:
            _READINGS.popitem(last=False)
    return _READINGS[key]


def read_section(pages: list[CleanPage], section_id: str) -> AgendaReading:
    read = read_agenda(pages)
    meetings, by_session = agenda_meetings(read, section_id)
    return AgendaReading(section_id, read, meetings, by_session)


def pack_agenda_section(context: ExtractionContext) -> Section | None:
    return next((s for s in context.sections if s.kind == SectionKind.AGENDA), None)


def pack_meeting(context: ExtractionContext) -> Meeting | None:
    """The pack's own meeting, from its (first) agenda section."""
    agenda = pack_agenda_section(context)
    return agenda_reading(context, agenda).main if agenda is not None else None


def pack_meeting_id(context: ExtractionContext) -> str | None:
    meeting = pack_meeting(context)
    return meeting.meeting_id if meeting else None


def frontsheet_meeting(pages: list[CleanPage], section_id: str | None) -> Meeting | None:
    """The main meeting of an agenda printed on these pages (kept for callers that hold pages, not a context)."""
    return read_section(pages, section_id or "front").main
