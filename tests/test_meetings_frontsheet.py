"""The pack's meeting from its frontsheet, agenda items (sub-items, page sources, the papers cross-check) and report cover sheets."""

from __future__ import annotations

from agendapack import PackDocument
from agendapack.extract.frontsheet import read_frontsheet
from agendapack.extract.meetings.agenda_check import papers_mismatch
from agendapack.extract.registry import ExtractionContext
from agendapack.models.clean import CleanPage
from agendapack.models.document import Section, SectionKind, SectionSource
from agendapack.models.geometry import BBox, Provenance
from agendapack.models.issues import IssueCode
from agendapack.models.records import AgendaItemRef
from agendapack.models.source import TextLine, TextSpan

PACK_MEETING = "2020-01-27-family-and-people-services-policy-scrutiny-committee"


def line(text: str, x0: float, top: float, bold: bool = False, block: int = 0) -> TextLine:
    box = BBox(x0=x0, top=top, x1=x0 + 6 * len(text), bottom=top + 11)
    return TextLine(spans=[TextSpan(text=text, bbox=box, font="Arial", size=11, bold=bold)], bbox=box, block_no=block, horizontal=True)


def test_frontsheet_meeting(sample_doc: PackDocument) -> None:
    meeting = next(m for m in sample_doc.records.meetings if m.source == "frontsheet")
    assert meeting.meeting_id == PACK_MEETING
    assert (meeting.council, meeting.body, meeting.date, meeting.start_time) == (
        "City of Westminster",
        "Family and People Services Policy & Scrutiny Committee",
        "2020-01-27",
        "19:00",
    )
    assert meeting.venue == "Rooms 18.01 - 18.03, 18th Floor, 64 Victoria Street, London, SW1E 6 QP"
    assert meeting.members == [
        "Jonathan Glanz (Chairman)",
        "Margot Bright",
        "Nafsika Butler-Thalassis",
        "Peter Freeman",
        "Patricia McAllister",
        "Emily Payne",
        "Selina Short",
        "Azizi Toki",
    ]
    assert meeting.section_id == "s01" and meeting.provenance[0].page == 1


def test_agenda_items_carry_the_meeting_and_where_their_pages_came_from(sample_doc: PackDocument) -> None:
    rows = [(a.item_number, a.page_start, a.page_end, a.page_source, a.meeting_id) for a in sample_doc.records.agenda_items]
    assert rows == [
        ("1", None, None, None, PACK_MEETING),
        ("2", None, None, None, PACK_MEETING),
        ("3", 4, 8, "frontsheet", PACK_MEETING),
        ("4", None, None, None, PACK_MEETING),
        ("5", 10, 13, "frontsheet", PACK_MEETING),
        ("6", 14, 20, "frontsheet", PACK_MEETING),
        ("7", 21, 24, "frontsheet", PACK_MEETING),
        ("8", 25, 30, "frontsheet", PACK_MEETING),
    ]
    # every referenced range holds its item's papers, so there is no cross-check issue
    assert not [i for i in sample_doc.issues if i.code is IssueCode.AGENDA_ITEM_PAPERS_MISMATCH]


def _context(sections: tuple[Section, ...], stamps: dict[int, str]) -> ExtractionContext:
    pages = {p: CleanPage(page=p, width=595, height=842, agenda_item_stamp=stamps.get(p)) for p in range(1, 16)}
    agenda = Section(section_id="s01", level=1, title="Agenda", page_start=1, page_end=2, source=SectionSource.TEXT, confidence=1.0, kind=SectionKind.AGENDA)
    return ExtractionContext(pack_id="p", section=agenda, pages=pages, sections=(agenda, *sections))


def _ref(start: int, end: int) -> AgendaItemRef:
    return AgendaItemRef(
        record_id="s01-item-5",
        section_id="s01",
        item_number="5",
        title="Report",
        printed_page_start=7,
        printed_page_end=10,
        page_start=start,
        page_end=end,
        page_source="frontsheet",
        provenance=[Provenance(page=1, bbox=None)],
    )


def test_cross_check_flags_a_range_that_misses_the_papers() -> None:
    papers = Section(section_id="s03", level=1, item_number="5", title="Report", page_start=10, page_end=14, source=SectionSource.OUTLINE, confidence=1.0)
    issue = papers_mismatch(_ref(10, 13), _context((papers,), {10: "5"}))
    assert issue is not None and issue.code is IssueCode.AGENDA_ITEM_PAPERS_MISMATCH and issue.page == 1
    assert "physical 10-13" in issue.message and "physical pages 10-14" in issue.message
    assert papers_mismatch(_ref(10, 14), _context((papers,), {10: "5"})) is None


def test_cross_check_uses_agenda_item_stamps_without_a_section() -> None:
    assert papers_mismatch(_ref(10, 13), _context((), {11: "5"})) is not None  # papers start a page late
    assert papers_mismatch(_ref(10, 13), _context((), {10: "5", 12: "5"})) is None


def test_sub_items_under_an_item() -> None:
    page = CleanPage(
        page=1,
        width=595,
        height=842,
        lines=[
            line("AGENDA", 250, 60, bold=True),
            line("6.", 57, 120),
            line("Finance reports", 93, 120, block=1),
            line("(a) Budget monitoring (Pages 5 - 8)", 110, 140, block=2),
            line("(b) Treasury management (Pages 9 - 12)", 110, 160, block=3),
            line("7.", 57, 200),
            line("Any other business", 93, 200, block=4),
            line("8.", 57, 240),
            line("Date of next meeting", 93, 240, block=5),
        ],
    )
    items = [(i.number, i.title, i.printed_start, i.printed_end, i.parent) for i in read_frontsheet([page])]
    assert items == [
        ("6", "Finance reports", None, None, None),
        ("6a", "Budget monitoring", 5, 8, "6"),
        ("6b", "Treasury management", 9, 12, "6"),
        ("7", "Any other business", None, None, None),
        ("8", "Date of next meeting", None, None, None),
    ]


def test_minutes_are_not_read_as_a_frontsheet() -> None:
    page = CleanPage(
        page=1,
        width=595,
        height=842,
        lines=[
            line("Minutes of the Transport Committee", 57, 60, bold=True),
            line("1", 42, 200, bold=True),
            line("Welcome", 70, 200, bold=True, block=1),
            line("2", 42, 240, bold=True),
            line("Apologies", 70, 240, bold=True, block=2),
            line("3", 42, 280, bold=True),
            line("Minutes of the last meeting", 70, 280, bold=True, block=3),
            line("The relevant agenda items were noted.", 42, 320, block=4),
        ],
    )
    assert read_frontsheet([page]) == []


def test_report_cover_sheets(sample_doc: PackDocument) -> None:
    covers = {c.section_id: c for c in sample_doc.records.report_covers}
    assert sorted(covers) == ["s03", "s04", "s05", "s06"]
    young_carers = covers["s03"]
    assert young_carers.model_dump(exclude={"provenance", "record_id"}) == {
        "section_id": "s03",
        "meeting_id": PACK_MEETING,
        "title": "Support for Young Carers in Westminster",
        "meeting_date": "2020-01-27",
        "classification": "General Release",
        "report_of": "Sarah Newman, Bi-Borough Executive Director of Children’s Services",
        "cabinet_member_portfolio": "Cabinet Member for Family Services and Public Health",
        "wards_involved": "All",
        "policy_context": "City for All: a caring and fair city",
        "key_decision": None,
        "decision_reference": None,
        "report_author": "Jayne Vertkin, Head of Early Help",
        "emails": ["jvertkin@westminster.gov.uk"],
        "phones": ["020 7641 5745"],
    }
    assert young_carers.provenance[0].page == 10
    assert (covers["s06"].report_of, covers["s06"].policy_context, covers["s06"].emails) == (
        "Director of Policy, Performance and Communications",
        "All",
        ["ebarrett@westminster.gov.uk"],
    )
    assert covers["s04"].phones == []
