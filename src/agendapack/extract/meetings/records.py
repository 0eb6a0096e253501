"""Turn what was read from minutes into records with ids and provenance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agendapack.extract.meetings.actions import tracker_row
from agendapack.extract.meetings.items import Item
from agendapack.extract.meetings.paragraphs import Para, rows_provenance
from agendapack.extract.meetings.text import record_id
from agendapack.models.geometry import Provenance
from agendapack.models.meetings import Action, Attendance, Declaration, MinuteItem, Resolution, Vote, VoteOutcome
from agendapack.models.records import Records

if TYPE_CHECKING:
    from agendapack.extract.meetings.minutes import ReadMeeting


class MeetingRecords:
    """Records of one section, numbered in reading order."""

    def __init__(self, section_id: str) -> None:
        self.section_id = section_id
        self.records = Records()
        self._counters: dict[str, int] = {}

    def next_id(self, kind: str) -> str:
        self._counters[kind] = self._counters.get(kind, 0) + 1
        return record_id(self.section_id, kind, self._counters[kind])


def provenance_of(paras: list[Para]) -> list[Provenance]:
    return rows_provenance([row for para in paras for row in para.rows])


def build_records(out: MeetingRecords, read: ReadMeeting) -> None:
    mid = read.meeting.meeting_id
    out.records.meetings.append(read.meeting.model_copy(update={"record_id": out.next_id("meeting")}))
    _attendance(out, read, mid)
    _declarations(out, read, mid)
    _items(out, read.layout.items + read.layout.paragraphs, mid)
    _decisions_and_votes(out, read, mid)
    for action in read.actions:
        record = Action(
            record_id=out.next_id("action"),
            section_id=out.section_id,
            meeting_id=mid,
            item_number=action.item,
            item_title=action.item_title,
            text=action.text,
            owner=action.owner,
            due=action.due,
            explicit=action.explicit,
            provenance=provenance_of([action.para]),
        )
        out.records.actions.append(record)
        out.records.tracker_rows.append(tracker_row(record, read.meeting.date, out.next_id("action-log")))


def _attendance(out: MeetingRecords, read: ReadMeeting, mid: str) -> None:
    for entry in read.attendance:
        person = entry.person
        out.records.attendance.append(
            Attendance(
                record_id=out.next_id("attendance"),
                section_id=out.section_id,
                meeting_id=mid,
                name=person.name,
                honorific=person.honorific,
                postnominals=person.postnominals,
                role=person.role,
                attendance_type=entry.type,
                list_label=entry.label,
                provenance=provenance_of([entry.para]),
            )
        )


def _declarations(out: MeetingRecords, read: ReadMeeting, mid: str) -> None:
    for found in read.declarations:
        out.records.declarations.append(
            Declaration(
                record_id=out.next_id("declaration"),
                section_id=out.section_id,
                meeting_id=mid,
                none_declared=found.none_declared,
                person=found.person,
                item_number=found.interest_item or found.item,
                interest=found.interest,
                text=found.text,
                provenance=provenance_of([found.para]),
            )
        )


def _items(out: MeetingRecords, items: list[Item], mid: str) -> None:
    for item in sorted(items, key=lambda i: (i.heading.index, i.level)):
        paras = item.paras
        out.records.minute_items.append(
            MinuteItem(
                record_id=out.next_id("item"),
                section_id=out.section_id,
                meeting_id=mid,
                level=item.level,
                item_number=item.number,
                parent_number=item.parent,
                agenda_item_number=item.agenda_item,
                title=item.title,
                text=item.text,
                disposition=item.disposition,
                page_start=paras[0].page,
                page_end=max(p.last_page for p in paras),
                provenance=provenance_of(paras),
            )
        )


def _decisions_and_votes(out: MeetingRecords, read: ReadMeeting, mid: str) -> None:
    first_of_block: dict[int, str] = {}
    for decision in read.decisions:
        decision.record_id = out.next_id("resolution")
        first_of_block.setdefault(decision.block, decision.record_id)
        out.records.resolutions.append(
            Resolution(
                record_id=decision.record_id,
                section_id=out.section_id,
                meeting_id=mid,
                item_number=decision.item,
                block_no=decision.block,
                resolution_number=decision.resolution_number,
                part=decision.part,
                wording=decision.wording,
                preamble=decision.preamble,
                text=decision.text,
                moved_by=decision.moved_by,
                seconded_by=decision.seconded_by,
                outcome=VoteOutcome(decision.outcome) if decision.outcome else None,
                item_title=decision.item_title,
                evidence=decision.evidence,
                provenance=provenance_of(decision.paras),
            )
        )
    for vote in read.votes:
        names = vote.names
        out.records.votes.append(
            Vote(
                record_id=out.next_id("vote"),
                section_id=out.section_id,
                meeting_id=mid,
                item_number=vote.item,
                resolution_id=first_of_block.get(vote.decision.block) if vote.decision else None,
                motion=vote.motion,
                moved_by=vote.moved_by,
                seconded_by=vote.seconded_by,
                outcome=VoteOutcome(vote.outcome) if vote.outcome else None,
                unanimous=vote.unanimous,
                method=vote.method,
                ayes=vote.counts.get("ayes"),
                noes=vote.counts.get("noes"),
                abstentions=vote.counts.get("abstentions"),
                absent=vote.counts.get("absent"),
                ayes_names=names.get("ayes", []),
                noes_names=names.get("noes", []),
                abstention_names=names.get("abstentions", []),
                absent_names=names.get("absent", []),
                text=vote.text,
                provenance=provenance_of(vote.paras or [vote.para]),
            )
        )
