"""Decision notices and decision recording forms: which meeting took the decisions they record.

A notice prints one form per decision ('(a) Subject: ... (agenda item 7)', '(d) Decision taken',
'(e) Exempt information', ...), and says once, at the top of the first form, which meeting took
them ('Decision determined at Transport and Connectivity Policy Committee meeting on 12 September
2024'). Every form of that document records a decision of that one meeting: a form that does not
repeat the line takes the meeting of the nearest earlier form. A date printed in a field of the
form (a call-in or referral deadline, a publication date) is never the meeting's date, and a
field's label is never the meeting's body. The form's lettered fields are not minute items; its
decision is numbered by the form's agenda item (`decisions`). Cue words are data:
`[decisions] notice_meeting` and `notice_field` in extractors/conventions/*.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

from agendapack.extract.meetings import decision_cues as cue
from agendapack.extract.meetings.header import Header, read_header
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.when import find_meeting_date
from agendapack.extract.registry import ExtractionContext
from agendapack.models.document import Section, SectionKind

_DATE_REACH = 60  # characters after the body's name within which the meeting's date is printed


@dataclass(frozen=True)
class Notice:
    """A decision notice section being read: the meeting its decisions were taken at, where one is printed.

    `inherited` is True when the line naming the meeting is printed on an earlier form of the same
    document, not on this one (so this form prints no attendance of its own either)."""

    body: str | None = None
    date: str | None = None
    inherited: bool = False

    def header(self, paras: list[Para]) -> Header:
        """The meeting's header: the printed meeting line's body and date over what the form's other lines say."""
        header = read_header([para for para in paras if not is_form_field(para.text)])
        header.paras = paras
        if self.body:
            header.body, header.title = self.body, None
        if self.date:
            header.date = self.date
        return header


def reads_notice(context: ExtractionContext) -> bool:
    """Whether the section is read as a decision notice (its kind, or the kind it was dispatched for)."""
    kind = context.reading_as or context.section.kind
    return kind is SectionKind.DECISION_NOTICE


def is_form_field(text: str) -> bool:
    """A field of the form other than the decision ('Deadline for call-in: 23 April 2026', '(b) Ward:')."""
    return cue.first(cue.NOTICE_FIELD, text, at_start=True) is not None


def meeting_line(text: str) -> tuple[str | None, str | None] | None:
    """(body, date) of a line naming the meeting that took the decisions, or None."""
    found = cue.first(cue.NOTICE_MEETING, text)
    if found is None:
        return None
    match = found[1]
    body = " ".join((match.groupdict().get("body") or "").split()) or None
    date = find_meeting_date(text[match.end() : match.end() + _DATE_REACH])
    return body, date[0] if date else None


def notice_of(context: ExtractionContext, paras: list[Para]) -> Notice:
    """The notice's meeting: from this form's own line, else from the nearest earlier form of the document."""
    for para in paras:
        if (held := meeting_line(para.text)) is not None:
            return Notice(*held)
    for section in _earlier_forms(context):
        text = " ".join(line.text for page in section.pages if page in context.pages for line in context.pages[page].lines)
        if (held := meeting_line(text)) is not None:
            return Notice(*held, inherited=True)
    return Notice()


def _earlier_forms(context: ExtractionContext) -> list[Section]:
    """The decision-notice sections just before this one, nearest first, up to the first section of another kind."""
    this = context.section
    before = [s for s in context.sections if s.page_start <= this.page_start and s.section_id != this.section_id and not _holds(s, this)]
    forms: list[Section] = []
    for section in sorted(before, key=lambda s: (s.page_start, s.page_end), reverse=True):
        if section.kind is not SectionKind.DECISION_NOTICE:
            break
        forms.append(section)
    return forms


def _holds(outer: Section, inner: Section) -> bool:
    return outer.page_start <= inner.page_start and outer.page_end >= inner.page_end and outer.page_end > inner.page_start
