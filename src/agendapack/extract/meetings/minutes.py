"""The minutes extractor: meetings, attendance, declarations, items, resolutions, votes and actions.

A minutes section may hold more than one meeting (US packs bundle a regular
and a special meeting); each new 'MINUTES OF THE ...' heading after an item
starts the next. A layout the extractor does not recognise is reported as
issues naming the page and what was missing, never as an empty success.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from agendapack.extract.meetings import entities
from agendapack.extract.meetings.actions import find_actions
from agendapack.extract.meetings.attendance import read_attendance
from agendapack.extract.meetings.decisions import Decision, innermost_items, read_decisions
from agendapack.extract.meetings.declarations import find_declarations
from agendapack.extract.meetings.header import Header, convened_time, end_time, opening_venue, read_header
from agendapack.extract.meetings.ids import meeting_id
from agendapack.extract.meetings.items import US_ITEM_RE, Layout, read_items
from agendapack.extract.meetings.notices import Notice, notice_of, reads_notice
from agendapack.extract.meetings.paragraphs import Para, rows_provenance, section_paragraphs
from agendapack.extract.meetings.records import MeetingRecords, build_records
from agendapack.extract.meetings.votes import VoteFound
from agendapack.extract.registry import Extracted, ExtractionContext, register
from agendapack.models.document import SectionKind
from agendapack.models.issues import IssueCode, Stage, make_issue
from agendapack.models.meetings import Meeting, MeetingSource

NEW_MEETING_RE = re.compile(r"^minutes of (?:the|a|an)\b", re.I)


@dataclass
class ReadMeeting:
    """Everything read for one meeting, before records are built."""

    meeting: Meeting
    layout: Layout
    paras: list[Para]
    attendance: list = field(default_factory=list)
    declarations: list = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    votes: list[VoteFound] = field(default_factory=list)
    actions: list = field(default_factory=list)
    count_mismatches: list = field(default_factory=list)
    issues: list = field(default_factory=list)


@register(SectionKind.MINUTES, SectionKind.DECISION_NOTICE)
def minutes_records(context: ExtractionContext) -> Extracted:
    """All meeting records of a minutes section, and issues for what could not be found."""
    section = context.section
    paras = section_paragraphs(context.section_pages())
    out = Extracted()
    read: list[ReadMeeting] = []
    block_no = 1
    notice = notice_of(context, paras) if reads_notice(context) else None
    for chunk in split_meetings(paras):
        meeting = read_meeting(section.section_id, chunk, block_no, notice)
        block_no += len({d.block for d in meeting.decisions})
        read.append(meeting)
    _unique_ids(read)
    built = MeetingRecords(section.section_id)
    for meeting in read:
        build_records(built, meeting)
        out.issues.extend(_layout_issues(meeting, section.page_start, notice))
        out.issues.extend(meeting.issues)
    if not read:
        out.issues.append(
            make_issue(
                IssueCode.MINUTES_NO_ITEMS,
                Stage.EXTRACT,
                f"Minutes section {section.section_id} has no text to read: no attendance found, no items found.",
                page=section.page_start,
            )
        )
    owner = {p: m.meeting.meeting_id for m in read for para in m.paras for p in (para.page, para.last_page)}
    built.records.entities = entities.section_entities(context, lambda page: owner.get(page))
    out.records = built.records
    return out


def split_meetings(paras: list[Para]) -> list[list[Para]]:
    """Paragraphs per meeting: a 'MINUTES OF THE ...' heading after numbered items starts another."""
    chunks: list[list[Para]] = [[]]
    seen_item = False
    for para in paras:
        if seen_item and NEW_MEETING_RE.match(para.text) and para.text.isupper():
            chunks.append([])
            seen_item = False
        chunks[-1].append(para)
        seen_item = seen_item or bool(US_ITEM_RE.match(para.text)) or bool(re.match(r"^\d{1,3}\.?\s", para.text) and para.bold)
    return [chunk for chunk in chunks if chunk]


def read_meeting(section_id: str, paras: list[Para], first_block: int, notice: Notice | None = None) -> ReadMeeting:
    """One meeting's records; a decision notice's meeting is the one its forms name, its fields are not minute items."""
    layout = read_items(paras)
    header = notice.header(layout.header) if notice is not None else read_header(layout.header)
    meeting = _meeting(section_id, header, layout, paras)
    read = ReadMeeting(meeting, layout, paras)
    read.attendance, read.count_mismatches = read_attendance(layout.header, layout.items, paras)
    read.declarations = find_declarations(layout.header, layout.items)
    found = read_decisions(layout, paras, first_block)
    read.decisions, read.votes, read.issues = found.decisions, found.votes, found.issues
    decided = {p.index for d in read.decisions if d.wording != "motion" for p in d.paras}
    # attendance lists hold no actions; without items every paragraph is 'header', so only the lists read are skipped
    header = {p.index for p in layout.header} if layout.items else {entry.para.index for entry in read.attendance}
    item_by_para = innermost_items(layout)
    scan = [(item_by_para.get(p.index), p) for p in paras if p.index not in decided and p.index not in header]
    marked_only = [(item_by_para.get(p.index), p) for p in paras if p.index in decided and p.index not in header]
    decision_texts = tuple(t for d in read.decisions for t in (d.text, d.preamble) if t)
    read.actions = find_actions(scan, marked_only, decision_texts)
    if notice is not None:
        read.layout = replace(layout, items=[], paragraphs=[])
    return read


def _meeting(section_id: str, header: Header, layout: Layout, paras: list[Para]) -> Meeting:
    ended = end_time(paras)
    # called to order: said at the top, not in a later minute ('the public hearing opened at 7:05 pm')
    opening = header.paras + [p for item in layout.items[:2] for p in item.paras]
    start = convened_time(opening) or header.start_time
    anchor = header.paras or paras[:1]
    provenance = rows_provenance([row for para in anchor for row in para.rows]) if anchor else []
    return Meeting(
        record_id="",
        section_id=section_id,
        meeting_id=meeting_id(header.date, header.body, header.meeting_type, section_id),
        source=MeetingSource.MINUTES,
        title=header.title,
        meeting_type=header.meeting_type,
        council=header.council,
        body=header.body,
        date=header.date,
        start_time=start,
        scheduled_start_time=header.start_time,
        end_time=ended[0] if ended else None,
        venue=header.venue or opening_venue(opening),
        provenance=provenance[:1],
    )


def _unique_ids(read: list[ReadMeeting]) -> None:
    """Two meetings in one section with the same date, body and type: the later ones' ids take their
    start time ('...-special-2230'), or -2, -3 ... in page order where none is printed."""
    taken: set[str] = set()
    for meeting in read:
        base = meeting.meeting.meeting_id
        new_id = base
        if new_id in taken and meeting.meeting.start_time:
            new_id = f"{base}-{meeting.meeting.start_time.replace(':', '')}"
        count = 2
        while new_id in taken:
            new_id, count = f"{base}-{count}", count + 1
        taken.add(new_id)
        if new_id != base:
            meeting.meeting = meeting.meeting.model_copy(update={"meeting_id": new_id})


def _layout_issues(read: ReadMeeting, fallback_page: int, notice: Notice | None = None) -> list:
    """What a recognised layout should have given and this one did not (a decision notice's form has fields, not
    items, and prints the attendance once, on the form that names the meeting)."""
    page = read.paras[0].page if read.paras else fallback_page
    label = read.meeting.title or read.meeting.body or "the minutes"
    issues = []
    if not read.attendance and not (notice is not None and notice.inherited):
        issues.append(
            make_issue(
                IssueCode.MINUTES_NO_ATTENDANCE,
                Stage.EXTRACT,
                f"No attendance found in {label} starting on page {page}: no 'Present:' or roll-call list was recognised.",
                page=page,
            )
        )
    if not read.layout.items and notice is None:
        issues.append(
            make_issue(
                IssueCode.MINUTES_NO_ITEMS,
                Stage.EXTRACT,
                f"No items found in {label} starting on page {page}: no numbered minute headings were recognised.",
                page=page,
            )
        )
    for para, printed, found, list_label in read.count_mismatches:
        issues.append(
            make_issue(
                IssueCode.ATTENDANCE_COUNT_MISMATCH,
                Stage.EXTRACT,
                f"The '{list_label}' list on page {para.page} prints a count of {printed} but {found} names were read from it.",
                page=para.page,
            )
        )
    for irregular in read.layout.issues:
        issues.append(make_issue(IssueCode.MINUTE_NUMBERING_IRREGULAR, Stage.EXTRACT, irregular.message, page=irregular.page))
    if read.meeting.date is None:
        issues.append(make_issue(IssueCode.MINUTES_NO_DATE, Stage.EXTRACT, f"No meeting date found in {label} starting on page {page}.", page=page))
    return issues
