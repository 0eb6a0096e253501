"""Flat tables of the meetings, attendance, declarations, minute items, resolutions, votes, actions, report covers, entities records.

Every row has pack_id, record_id, section_id, meeting_id, the page and box of
the record's first provenance entry; lists of names are joined with '; '.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from agendapack.output.spec import (
    BOX_COLUMNS,
    PACK,
    PAGE,
    SECTION_ID,
    TO_MEETING,
    TO_MEETING_ALWAYS,
    TO_PACK,
    TO_PAGE,
    TO_SECTION,
    Column,
    ForeignKey,
    TableSpec,
    col,
    fk,
    iso_date,
    iso_time,
    record_rows,
)

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

RECORD = col("record_id", "string", "Record id within the pack")
MEETING = col("meeting_id", "string", "The meeting the record belongs to (meetings.meeting_id, unique within the pack): date and body slug")
ITEM = col("item_number", "string", "Minute item it was taken under, as printed")
TEXT = col("text", "string", "The text as printed")


def _joined(names: list[str]) -> str | None:
    return "; ".join(names) if names else None


def _rows(doc: PackDocument, field: str, values) -> Iterator[dict]:
    """One row per record of `field`: the common columns and the meeting, then the record's own."""
    return record_rows(doc, field, lambda record: {"meeting_id": record.meeting_id, **values(record)})


def _meeting_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "meetings",
        lambda m: {
            "source": m.source.value,
            "title": m.title,
            "meeting_type": m.meeting_type,
            "council": m.council,
            "council_source": m.council_source,
            "body": m.body,
            "body_source": m.body_source,
            "date": iso_date(m.date),
            "start_time": iso_time(m.start_time),
            "scheduled_start_time": iso_time(m.scheduled_start_time),
            "end_time": iso_time(m.end_time),
            "venue": m.venue,
            "members": _joined(m.members),
        },
    )


def _attendance_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "attendance",
        lambda a: {
            "name": a.name,
            "honorific": a.honorific,
            "postnominals": a.postnominals,
            "role": a.role,
            "attendance_type": a.attendance_type.value,
            "list_label": a.list_label,
        },
    )


def _declaration_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "declarations",
        lambda d: {"none_declared": d.none_declared, "person": d.person, "item_number": d.item_number, "interest": d.interest, "text": d.text},
    )


def _minute_item_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "minute_items",
        lambda i: {
            "level": i.level,
            "item_number": i.item_number,
            "parent_number": i.parent_number,
            "agenda_item_number": i.agenda_item_number,
            "title": i.title,
            "text": i.text,
            "disposition": i.disposition,
            "page_start": i.page_start,
            "page_end": i.page_end,
        },
    )


def _resolution_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "resolutions",
        lambda r: {
            "item_number": r.item_number,
            "block_no": r.block_no,
            "resolution_number": r.resolution_number,
            "part": r.part,
            "wording": r.wording,
            "preamble": r.preamble,
            "text": r.text,
            "moved_by": r.moved_by,
            "seconded_by": r.seconded_by,
            "outcome": r.outcome.value if r.outcome else None,
            "item_title": r.item_title,
            "evidence": r.evidence,
        },
    )


def _vote_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "votes",
        lambda v: {
            "item_number": v.item_number,
            "resolution_id": v.resolution_id,
            "motion": v.motion,
            "moved_by": v.moved_by,
            "seconded_by": v.seconded_by,
            "outcome": v.outcome.value if v.outcome else None,
            "unanimous": v.unanimous,
            "method": v.method,
            "ayes": v.ayes,
            "noes": v.noes,
            "abstentions": v.abstentions,
            "absent": v.absent,
            "ayes_names": _joined(v.ayes_names),
            "noes_names": _joined(v.noes_names),
            "abstention_names": _joined(v.abstention_names),
            "absent_names": _joined(v.absent_names),
            "text": v.text,
        },
    )


def _action_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "actions",
        lambda a: {"item_number": a.item_number, "text": a.text, "owner": a.owner, "due": a.due, "item_title": a.item_title, "explicit": a.explicit},
    )


def _cover_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "report_covers",
        lambda c: {
            "title": c.title,
            "meeting_date": iso_date(c.meeting_date),
            "classification": c.classification,
            "report_of": c.report_of,
            "cabinet_member_portfolio": c.cabinet_member_portfolio,
            "wards_involved": c.wards_involved,
            "policy_context": c.policy_context,
            "key_decision": c.key_decision,
            "decision_reference": c.decision_reference,
            "report_author": c.report_author,
            "emails": _joined(c.emails),
            "phones": _joined(c.phones),
        },
    )


def _entity_rows(doc: PackDocument) -> Iterator[dict]:
    return _rows(
        doc,
        "entities",
        lambda e: {
            "block_id": e.block_id,
            "label": e.label,
            "text": e.text,
            "role": e.role,
            "start_char": e.start_char,
            "end_char": e.end_char,
            "method": e.method,
        },
    )


_MEETING_OPTIONAL = {"report_covers", "entities"}  # records that may belong to no meeting (meeting_id empty)


def _spec(name: str, description: str, own: tuple[Column, ...], rows, *more_keys: ForeignKey) -> TableSpec:
    """Keyed by (pack_id, record_id), each row pointing to its pack, section, meeting and page; meetings by (pack_id, meeting_id)."""
    if name == "meetings":
        return TableSpec(name, description, (PACK, RECORD, SECTION_ID, MEETING, *own, PAGE, *BOX_COLUMNS), rows, ("pack_id", "meeting_id"),
                         (TO_PACK, TO_SECTION, TO_PAGE))
    keys = (TO_PACK, TO_SECTION, TO_MEETING if name in _MEETING_OPTIONAL else TO_MEETING_ALWAYS, TO_PAGE, *more_keys)
    return TableSpec(name, description, (PACK, RECORD, SECTION_ID, MEETING, *own, PAGE, *BOX_COLUMNS), rows, ("pack_id", "record_id"), keys)


s, i, b = "string", "integer", "boolean"
TABLES: tuple[TableSpec, ...] = (
    _spec(
        "meetings",
        "Meetings: the pack's own (frontsheet) and those whose minutes it prints",
        (
            col("source", s, "frontsheet or minutes"),
            col("title", s, "Heading as printed"),
            col("meeting_type", s, "regular, special, ..."),
            col("council", s, "The authority"),
            col("council_source", s, "Where council came from: document (printed in the pack), profile (the council profile) or manifest (the batch's CSV)"),
            col("body", s, "Committee or council that met"),
            col("body_source", s, "Where body came from: document or manifest (its committee column)"),
            col("date", "date", "Meeting date"),
            col("start_time", "time", "Start time, 24-hour: when the meeting was convened where the minutes print it, else the time it was called for"),
            col("scheduled_start_time", "time", "The time the meeting was called for, as its heading or notice prints it"),
            col("end_time", "time", "End time, 24-hour"),
            col("venue", s, "Where it met"),
            col("members", s, "Membership listed on a frontsheet, '; '-separated"),
        ),
        _meeting_rows,
    ),
    _spec(
        "attendance",
        "One row per person per meeting: present, chair, officer, apology, ...",
        (
            col("name", s, "Name without honorific"),
            col("honorific", s, "Councillor, Mr, Mayor, ..."),
            col("postnominals", s, "OBE, MBE, ..."),
            col("role", s, "Role printed in brackets or before the name"),
            col("attendance_type", s, "chair, vice_chair, present, also_present, officer, ..."),
            col("list_label", s, "The list or sentence the person came from"),
        ),
        _attendance_rows,
    ),
    _spec(
        "declarations",
        "Declarations of interest, or the statement that there were none",
        (col("none_declared", b, "True for 'no declarations'"), col("person", s, "Who declared"), ITEM, col("interest", s, "The interest as printed"), TEXT),
        _declaration_rows,
    ),
    _spec(
        "minute_items",
        "Minute items (level 1) and their numbered paragraphs (level 2)",
        (
            col("level", i, "1 item, 2 paragraph"),
            ITEM,
            col("parent_number", s, "The item a paragraph belongs to"),
            col("agenda_item_number", s, "From '(Item N)'"),
            col("title", s, "Item title"),
            TEXT,
            col("disposition", s, "Approved, Adopted, ... after the title"),
            col("page_start", i, "First physical page"),
            col("page_end", i, "Last physical page"),
        ),
        _minute_item_rows,
    ),
    _spec(
        "resolutions",
        "Decisions: RESOLVED and APPROVED blocks split into parts, motions, numbered resolutions",
        (
            ITEM,
            col("block_no", i, "Decision block; the parts of one block share it"),
            col("resolution_number", s, "Printed number, e.g. R2024-138"),
            col("part", s, "Printed part marker"),
            col("wording", s, "RESOLVED, APPROVED, motion, resolution, agreed, noted"),
            col("preamble", s, "Text before the parts"),
            TEXT,
            col("moved_by", s, "Mover"),
            col("seconded_by", s, "Seconder"),
            col("outcome", s, "carried, lost, deferred, withdrawn or noted"),
            col("item_title", s, "Title of the minute item"),
            col("evidence", s, "Which convention's cue found it"),
        ),
        _resolution_rows,
    ),
    _spec(
        "votes",
        "Votes with their outcome, counts and roll-call names",
        (
            ITEM,
            col("resolution_id", s, "The resolution decided"),
            col("motion", s, "What was put"),
            col("moved_by", s, "Mover"),
            col("seconded_by", s, "Seconder"),
            col("outcome", s, "carried, lost, deferred, withdrawn or noted; empty when not printed"),
            col("unanimous", b, "Carried unanimously"),
            col("method", s, "voice, roll call, ..."),
            col("ayes", i, "Votes for"),
            col("noes", i, "Votes against"),
            col("abstentions", i, "Abstentions"),
            col("absent", i, "Absent"),
            col("ayes_names", s, "Names voting for"),
            col("noes_names", s, "Names voting against"),
            col("abstention_names", s, "Names abstaining"),
            col("absent_names", s, "Names absent"),
            TEXT,
        ),
        _vote_rows,
        fk("pack_id resolution_id", "resolutions", "pack_id record_id"),
    ),
    _spec(
        "actions",
        "Requests and promises recorded in minutes",
        (
            ITEM,
            col("text", s, "The sentence recording it, or the text after an 'ACTION:' marker"),
            col("owner", s, "Who is to act, where named"),
            col("due", s, "When, where stated"),
            col("item_title", s, "Title of the minute item"),
            col("explicit", b, "Marked as an action in the minutes ('ACTION:')"),
        ),
        _action_rows,
    ),
    _spec(
        "report_covers",
        "Officer report cover sheets",
        (
            col("title", s, "Report title"),
            col("meeting_date", "date", "Meeting date printed on the cover"),
            col("classification", s, "Classification"),
            col("report_of", s, "Report of"),
            col("cabinet_member_portfolio", s, "Portfolio"),
            col("wards_involved", s, "Wards"),
            col("policy_context", s, "Policy context"),
            col("key_decision", b, "Key decision, where printed"),
            col("decision_reference", s, "Decision reference"),
            col("report_author", s, "Author and role"),
            col("emails", s, "'; '-separated"),
            col("phones", s, "'; '-separated"),
        ),
        _cover_rows,
    ),
    _spec(
        "entities",
        "Named entities in text blocks, with character offsets into the block's text",
        (
            col("block_id", s, "Block in blocks.csv"),
            col("label", s, "PERSON, ORG, MONEY, PERCENT, DATE, ..."),
            col("text", s, "The entity"),
            col("role", s, "A person's bracketed role"),
            col("start_char", i, "Offset in the block text"),
            col("end_char", i, "End offset"),
            col("method", s, "rules or the trained pipeline's name"),
        ),
        _entity_rows,
        fk("pack_id block_id", "blocks", "pack_id block_id", always=True),
    ),
)
del s, i, b
