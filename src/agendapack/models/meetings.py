"""Meeting records: who met when and where, who attended, what was declared, discussed, decided and asked for.

Every record names the meeting it belongs to (`meeting_id`, unique within a
pack) and the section it was read from, and carries its provenance. A pack
holds more than one meeting: its own (from the agenda frontsheet) and the one
whose minutes it prints for approval.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from agendapack.models.geometry import Provenance


class MeetingSource(StrEnum):
    FRONTSHEET = "frontsheet"
    MINUTES = "minutes"


class AttendanceType(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    PRESENT = "present"
    PRESENT_VIRTUAL = "present_virtual"
    ALSO_PRESENT = "also_present"
    OFFICER = "officer"
    OFFICER_VIRTUAL = "officer_virtual"
    SUBSTITUTE = "substitute"
    GUEST = "guest"
    APOLOGY = "apology"
    ABSENT = "absent"


class VoteOutcome(StrEnum):
    """What became of a motion or decision: carried (passed, adopted, agreed), lost (failed, defeated, fell),
    deferred (tabled, postponed, continued), withdrawn, or noted (received, no decision of substance)."""

    CARRIED = "carried"
    LOST = "lost"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"
    NOTED = "noted"


class Meeting(BaseModel):
    """One meeting: from an agenda frontsheet (the pack's own) or from minutes (a past one)."""

    record_id: str
    section_id: str | None
    meeting_id: str = Field(description="Readable id unique within the pack: date and body slug")
    source: MeetingSource
    title: str | None = Field(default=None, description="The heading as printed, e.g. 'Minutes of the Regular City Council Meeting'")
    meeting_type: str | None = Field(default=None, description="regular, special, extraordinary, annual, joint, closed, when the heading says")
    council: str | None = Field(default=None, description="The authority, e.g. 'Kent County Council'")
    council_source: str | None = Field(
        default=None, description="Where council came from: 'document' (printed in the pack), 'profile' (the council profile) or 'manifest' (a batch manifest)"
    )
    body: str | None = Field(default=None, description="The committee or council that met, e.g. 'Cabinet'")
    body_source: str | None = Field(default=None, description="Where body came from: 'document' or 'manifest' (its committee column)")
    date: str | None = Field(default=None, description="ISO date, YYYY-MM-DD")
    start_time: str | None = Field(default=None, description="24-hour HH:MM; the time the meeting was convened when printed, else the time it was called for")
    scheduled_start_time: str | None = Field(
        default=None, description="24-hour HH:MM: the time the meeting was called for, as its heading or notice prints it"
    )
    end_time: str | None = Field(default=None, description="24-hour HH:MM, from 'The meeting ended at ...' or an adjournment")
    venue: str | None = None
    members: list[str] = Field(default_factory=list, description="Membership listed on a frontsheet, as printed")
    provenance: list[Provenance]


class Attendance(BaseModel):
    """One person's place at a meeting: present, chairing, an officer, sending apologies, ..."""

    record_id: str
    section_id: str | None
    meeting_id: str
    name: str = Field(description="Name without honorific or post-nominals")
    honorific: str | None = Field(default=None, description="Councillor, Cllr, Mr, Mrs, Dr, Mayor, Councilmember, ...")
    postnominals: str | None = Field(default=None, description="OBE, MBE, ... as printed after the name")
    role: str | None = Field(
        default=None, description="Role printed in brackets or before the name; filled from a later '(Role)' mention in the minutes when the list gives none"
    )
    attendance_type: AttendanceType
    list_label: str | None = Field(default=None, description="The label of the list or the sentence the person came from")
    provenance: list[Provenance]


class Declaration(BaseModel):
    """A declaration of interest, or the printed statement that there were none."""

    record_id: str
    section_id: str | None
    meeting_id: str
    none_declared: bool = Field(description="True for 'There were no declarations of interest' and the like")
    person: str | None = None
    item_number: str | None = Field(default=None, description="The item the interest concerns, when printed")
    interest: str | None = Field(default=None, description="The interest as printed")
    text: str = Field(description="The sentence the declaration was read from")
    provenance: list[Provenance]


class MinuteItem(BaseModel):
    """A numbered minute (level 1) or a numbered paragraph within it (level 2)."""

    record_id: str
    section_id: str | None
    meeting_id: str
    level: int = Field(ge=1, le=2)
    item_number: str = Field(description="As printed: '4', '84.', '4.1', '15-190', 'R2024-138'")
    parent_number: str | None = Field(default=None, description="For a paragraph: the item it belongs to")
    agenda_item_number: str | None = Field(default=None, description="From '(Item N)' where the minutes print it")
    title: str
    text: str = Field(description="The minute's text without its heading")
    disposition: str | None = Field(
        default=None, description="A closing word printed after the title: Approved, Adopted, Finally passed, Introduced, Not heard"
    )
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)
    provenance: list[Provenance]


class Resolution(BaseModel):
    """One decision, or one numbered part of a decision: a RESOLVED block, an APPROVED block, a motion, an Ontario resolution."""

    record_id: str
    section_id: str | None
    meeting_id: str
    item_number: str | None = Field(description="The minute item it was taken under, as printed")
    block_no: int = Field(ge=1, description="Decision block within the meeting; the parts of one block share it")
    resolution_number: str | None = Field(default=None, description="A printed number such as Ontario's 'R2024-138'")
    part: str | None = Field(default=None, description="Printed marker of this part: '1', 'a', '2a'")
    wording: str = Field(description="The word that introduced it: RESOLVED, APPROVED, agreed, noted, motion, resolution")
    preamble: str | None = Field(default=None, description="Text before the parts, e.g. 'that Cabinet agree to:'")
    text: str
    moved_by: str | None = Field(default=None, description="Mover's name as printed, without title ('Councilor Tuttle' -> 'Tuttle')")
    seconded_by: str | None = Field(default=None, description="Seconder's name as printed, without title")
    outcome: VoteOutcome | None = Field(
        default=None,
        description="The vote's outcome where printed; a RESOLVED/AGREED block without one is carried (noted when it only notes); a motion without one is null",
    )
    item_title: str | None = Field(default=None, description="Title of the minute item it was taken under")
    evidence: str | None = Field(default=None, description="Which convention's cue found it: '<convention> <key>' (e.g. 'us-legistar motion')")
    provenance: list[Provenance]


class Vote(BaseModel):
    """A vote as printed: the outcome, counts and, for a roll call, the names."""

    record_id: str
    section_id: str | None
    meeting_id: str
    item_number: str | None
    resolution_id: str | None = Field(default=None, description="The resolution this vote decided, when it is clear")
    motion: str | None = Field(default=None, description="What was put: 'the recommendation', 'the amendment', 'the motion'")
    moved_by: str | None = None
    seconded_by: str | None = None
    outcome: VoteOutcome | None = Field(default=None, description="Null when a roll call is printed without an outcome")
    unanimous: bool = False
    method: str | None = Field(default=None, description="voice, roll call, show of hands, when printed")
    ayes: int | None = None
    noes: int | None = None
    abstentions: int | None = None
    absent: int | None = None
    ayes_names: list[str] = Field(default_factory=list)
    noes_names: list[str] = Field(default_factory=list)
    abstention_names: list[str] = Field(default_factory=list)
    absent_names: list[str] = Field(default_factory=list)
    text: str
    provenance: list[Provenance]


class Action(BaseModel):
    """Something the minutes record as asked for or promised: an update, a circulation, a report back."""

    record_id: str
    section_id: str | None
    meeting_id: str
    item_number: str | None
    item_title: str | None = Field(default=None, description="Title of the minute item it was recorded under")
    text: str = Field(description="The sentence recording the request (for an explicit 'ACTION:' marker, the text after it)")
    owner: str | None = Field(default=None, description="Who is to act, where the sentence names them")
    due: str | None = Field(default=None, description="When, where stated: 'the next meeting', 'in due course', a date")
    explicit: bool = Field(default=False, description="True when the minutes mark it as an action ('ACTION:'), False when read from the wording")
    provenance: list[Provenance]


class ReportCover(BaseModel):
    """The cover sheet of an officer report."""

    record_id: str
    section_id: str | None
    meeting_id: str | None
    title: str | None = None
    meeting_date: str | None = Field(default=None, description="ISO date printed on the cover")
    classification: str | None = None
    report_of: str | None = None
    cabinet_member_portfolio: str | None = None
    wards_involved: str | None = None
    policy_context: str | None = None
    key_decision: bool | None = Field(default=None, description="Only where a key-decision line is printed")
    decision_reference: str | None = None
    report_author: str | None = Field(default=None, description="Author name and role, as printed")
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    provenance: list[Provenance]


class Entity(BaseModel):
    """A named entity in a text block: a person (with a role when printed), an organisation, money, a percentage, a date."""

    record_id: str
    section_id: str | None
    meeting_id: str | None
    block_id: str = Field(description="The text block in document.json that holds it")
    label: str = Field(description="PERSON, ORG, MONEY, PERCENT, DATE, or a trained model's label")
    text: str
    role: str | None = Field(default=None, description="For PERSON: the role printed in brackets after the name")
    start_char: int = Field(ge=0, description="Offset of the entity in the block's text")
    end_char: int = Field(ge=0)
    method: str = Field(description="rules (spaCy matchers) or the trained pipeline's name")
    provenance: list[Provenance]
