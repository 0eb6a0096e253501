"""The general agenda reader on small hand-built pages: which numbered rows are items, their titles and parents,
group headings, sessions, and the lists inside an agenda's text that are not items."""

from __future__ import annotations

from agendapack.extract.agendas.meetings import agenda_meetings
from agendapack.extract.agendas.reader import AgendaRead, read_agenda
from agendapack.models.clean import CleanPage
from agendapack.models.geometry import BBox
from agendapack.models.source import TextLine, TextSpan

BODY = 10.0


class Page:
    """A page written top to bottom: each call adds a row of pieces [(x, text, bold, size)]."""

    def __init__(self, number: int = 1) -> None:
        self.number = number
        self.lines: list[TextLine] = []
        self.top = 60.0

    def row(self, *pieces: tuple[float, str] | tuple[float, str, bool] | tuple[float, str, bool, float], gap: float = 6.0) -> Page:
        height = 0.0
        for piece in pieces:
            x, text = piece[0], piece[1]
            bold = piece[2] if len(piece) > 2 else False
            size = piece[3] if len(piece) > 3 else BODY
            box = BBox(x0=x, top=self.top, x1=x + 0.5 * size * len(text), bottom=self.top + size * 1.2)
            span = TextSpan(text=text, bbox=box, font="Helvetica-Bold" if bold else "Helvetica", size=size, bold=bold)
            self.lines.append(TextLine(spans=[span], bbox=box, block_no=len(self.lines), horizontal=True))
            height = max(height, size * 1.2)
        self.top += height + gap
        return self

    def text(self, x: float, text: str, **kw: float) -> Page:
        return self.row((x, text), **kw)

    def para(self, x: float, *lines: str) -> Page:
        for index, line in enumerate(lines):
            self.row((x, line), gap=2.0 if index < len(lines) - 1 else 8.0)
        return self

    def done(self) -> CleanPage:
        return CleanPage(page=self.number, width=612, height=792, lines=self.lines)


def items(read: AgendaRead) -> list[tuple[str, str, str | None]]:
    return [(i.number, i.title, i.parent) for i in read.items]


def test_items_sub_items_and_the_recommendation_lists_inside_them() -> None:
    page = (
        Page()
        .row((60, "CITY COUNCIL REGULAR MEETING AGENDA", True, 14))
        .row((60, "1.", True), (90, "CALL TO ORDER", True))
        .row((60, "2.", True), (90, "ROLL CALL", True))
        .row((60, "3.", True), (90, "CONSENT CALENDAR", True))
        .para(90, "All matters listed on the consent calendar are considered routine and are acted on by one motion.")
        .row((60, "3.1", True), (90, "Approve the minutes of the meeting of 12 January", True))
        .row((90, "Recommendation:", False, BODY))
        .row((90, "1."), (108, "Approve the minutes as submitted; and"))
        .row((90, "2."), (108, "Authorise the Clerk to sign them."))
        .row((60, "3.2", True), (90, "Award a contract for street lighting maintenance and", True), gap=2)
        .row((90, "repairs in the north district", True))
        .row((90, "Recommendation: Award the contract to the lowest bidder."))
        .row((60, "4.", True), (90, "ADJOURNMENT", True))
        .done()
    )
    read = read_agenda([page])
    assert items(read) == [
        ("1", "CALL TO ORDER", None),
        ("2", "ROLL CALL", None),
        ("3", "CONSENT CALENDAR", None),
        ("3.1", "Approve the minutes of the meeting of 12 January", "3"),
        ("3.2", "Award a contract for street lighting maintenance and repairs in the north district", "3"),
        ("4", "ADJOURNMENT", None),
    ]
    assert [i.level for i in read.items] == [1, 1, 1, 2, 2, 1]
    rejected = [v.reason for v in read.verdicts.values() if not v.accepted]
    assert rejected == ["inside a recommendation block"]


def test_group_headings_group_items_and_are_not_items_themselves() -> None:
    page = (
        Page()
        .row((60, "AGENDA", True, 14))
        .row((60, "1.", False), (90, "Call meeting to order"))
        .row((60, "2.", False), (90, "Approve the agenda"))
        .row((40, "NEW BUSINESS", True))
        .row((60, "3.", False), (90, "Road maintenance contract"))
        .row((60, "4.", False), (90, "Set the budget workshop"))
        .row((40, "ADJOURNMENT", True))
        .done()
    )
    read = read_agenda([page])
    assert [(i.number, i.group) for i in read.items] == [("1", None), ("2", None), ("3", "NEW BUSINESS"), ("4", "NEW BUSINESS")]


def test_public_participation_options_and_prose_lists_are_not_items() -> None:
    page = (
        Page()
        .para(60, "Members of the public may take part in the following ways:")
        .row((60, "1."), (80, "IN PERSON - Council Chambers, 1 Main Street"))
        .row((60, "2."), (80, "ZOOM - https://example.zoom.us/j/123 and raise your hand"))
        .row((60, "3."), (80, "EMAIL - comments to clerk@example.gov by 3:00 p.m."))
        .row((60, "THE ORDER OF BUSINESS", True))
        .para(60, "The order of business for regular meetings usually follows the sequence below.")
        .para(60, "1. Preliminary Matters: The President opens the meeting with remarks. Public comment follows.")
        .para(60, "2. Reports: Reports from management are presented for information. No action is taken on them.")
        .row((60, "A.", True), (80, "Roll Call", True))
        .row((60, "B.", True), (80, "General Public Comment", True))
        .row((60, "C.", True), (80, "Adjournment", True))
        .done()
    )
    read = read_agenda([page])
    assert items(read) == [("A", "Roll Call", None), ("B", "General Public Comment", None), ("C", "Adjournment", None)]
    reasons = sorted(v.reason for v in read.verdicts.values() if not v.accepted)
    assert reasons == ["entries give addresses, links or phone numbers", "paragraphs of text after a paragraph of text"]


def test_lists_after_the_adjournment_are_appendices() -> None:
    first = (
        Page()
        .row((60, "1."), (80, "Call to Order."))
        .row((60, "2."), (80, "Approval of the Consent Agenda as set forth in the attached schedules."))
        .row((60, "3."), (80, "Motion to adjourn the meeting."))
        .done()
    )
    schedule = Page(2).row((200, "SCHEDULE A", True)).row((60, "1."), (80, "Establish Budgets")).row((60, "2."), (80, "Budget Revisions")).done()
    read = read_agenda([first, schedule])
    assert [i.number for i in read.items] == ["1", "2", "3"]
    assert [v.reason for v in read.verdicts.values() if not v.accepted] == ["starts after the adjournment"]


def test_numbering_kept_as_printed_when_it_repeats() -> None:
    page = Page().row((60, "AGENDA", True, 14))
    printed = [("1.", "Call Meeting to Order"), ("2.", "Minutes"), ("3.", "Pay the Bills"), ("2.", "Salary Resolutions"), ("3.", "Set Budget Workshop")]
    for number, title in printed:
        page.row((60, number), (80, title))
    read = read_agenda([page.done()])
    assert [i.number for i in read.items] == ["1", "2", "3", "2", "3"]
    assert [(item.number, how) for item, how in read.irregular] == [("2", "repeat"), ("3", "repeat")]


def test_letters_restart_under_roman_items_and_file_numbers_are_kept_apart() -> None:
    page = (
        Page()
        .row((55, "I. PROCLAMATIONS / PRESENTATIONS", True, 11))
        .row((55, "a)", True), (90, "23-0015", True), (200, "RECOGNIZING JUNIOR LIFEGUARDS", True))
        .row((55, "b)", True), (90, "23-0018", True), (200, "PARKING PERMIT ART CONTEST", True))
        .row((55, "II. CITY MANAGER REPORT", True, 11))
        .row((55, "a)", True), (90, "23-0029", True), (200, "POLICE CHIEF UPDATE", True))
        .row((55, "III. ADJOURNMENT", True, 11))
        .done()
    )
    read = read_agenda([page])
    got = [(i.printed, i.title, i.parent, i.file_number) for i in read.items]
    assert got == [
        ("I.", "PROCLAMATIONS / PRESENTATIONS", None, None),
        ("a)", "RECOGNIZING JUNIOR LIFEGUARDS", "I", "23-0015"),
        ("b)", "PARKING PERMIT ART CONTEST", "I", "23-0018"),
        ("II.", "CITY MANAGER REPORT", None, None),
        ("a)", "POLICE CHIEF UPDATE", "II", "23-0029"),
        ("III.", "ADJOURNMENT", None, None),
    ]


def test_compound_numbers_without_their_parent_and_unnumbered_items() -> None:
    """'1.A' under an unnumbered CONSENT CALENDAR heading implies item 1, so a later bare '2' continues it;
    a row with only a file number is an unnumbered item and no item is invented for it."""
    page = (
        Page()
        .row((55, "CONSENT CALENDAR", True, 11))
        .row((55, "1.A", True), (90, "21-0109"), (180, "Approve City Council Meeting Minutes"))
        .row((55, "1.B", True), (90, "21-0171"), (180, "Approve the List of Claims and Bills"))
        .row((55, "PUBLIC HEARINGS/GENERAL BUSINESS", True, 11))
        .row((55, "2", True), (90, "21-0079"), (180, "Consideration of Grant Program Changes"))
        .row((55, "INFORMATION ONLY REPORTS", True, 11))
        .row((90, "21-0110"), (180, "Tentative Council Meeting Agenda Calendar"))
        .row((55, "ADJOURNMENT", True, 11))
        .done()
    )
    read = read_agenda([page])
    assert [(i.number, i.parent, i.file_number, i.group) for i in read.items] == [
        ("1.A", "1", "21-0109", "CONSENT CALENDAR"),
        ("1.B", "1", "21-0171", "CONSENT CALENDAR"),
        ("2", None, "21-0079", "PUBLIC HEARINGS/GENERAL BUSINESS"),
    ]


def test_two_meetings_in_one_agenda_each_with_its_own_numbering() -> None:
    cover = (
        Page()
        .row((200, "CITY COUNCIL AGENDA", True, 16))
        .row((200, "Tuesday, January 10, 2023", True, 12))
        .row((200, "5:00 PM Closed Session", True, 12))
        .row((200, "6:00 PM Regular Meeting", True, 12))
        .done()
    )
    body = (
        Page(2)
        .row((230, "5:00 PM - CLOSED SESSION", True, 11))
        .row((55, "1.", True), (80, "CONFERENCE WITH LEGAL COUNSEL", True))
        .row((230, "6:00 PM - REGULAR MEETING", True, 11))
        .row((55, "1.", True), (80, "CALL TO ORDER", True))
        .row((55, "2.", True), (80, "ADJOURNMENT", True))
        .done()
    )
    read = read_agenda([cover, body])
    assert [i.number for i in read.items] == ["1", "1", "2"]
    meetings, by_session = agenda_meetings(read, "s01")
    assert [(m.date, m.start_time, m.meeting_type) for m in meetings] == [("2023-01-10", "17:00", "closed"), ("2023-01-10", "18:00", "regular")]
    assert [by_session[i.session] for i in read.items] == [meetings[0].meeting_id, meetings[1].meeting_id, meetings[1].meeting_id]
    assert meetings[0].body == "City Council" and len({m.meeting_id for m in meetings}) == 2


def test_the_meeting_date_is_the_mastheads_not_a_letters() -> None:
    page = (
        Page()
        .row((380, "Ask for:"), (440, "Jane Doe"))
        .row((380, "Date:"), (440, "27 February 2025"))
        .row((60, "Dear Member"))
        .row((60, "COUNTY COUNCIL - THURSDAY, 13 FEBRUARY 2025", True, 11))
        .para(60, "Enclosed are the amendments proposed during the meeting on 13 February 2025.")
        .done()
    )
    meetings, _ = agenda_meetings(read_agenda([page]), "s01")
    assert [(m.date, m.start_time, m.body) for m in meetings] == [("2025-02-13", None, "County Council")]


def test_a_supplementary_agenda_may_start_at_a_later_item() -> None:
    page = (
        Page()
        .row((200, "SUPPLEMENTARY AGENDA", True, 14))
        .row((57, "7."), (93, "Budget Monitoring Report"), (470, "(Pages 1 - 10)"))
        .row((57, "9."), (93, "Treasury Management Strategy"), (470, "(Pages 11 - 24)"))
        .done()
    )
    read = read_agenda([page])
    assert [(i.number, i.title, i.page_ref) for i in read.items] == [
        ("7", "Budget Monitoring Report", (1, 10)),
        ("9", "Treasury Management Strategy", (11, 24)),
    ]
    assert [(item.number, how) for item, how in read.irregular] == [("7", "late"), ("9", "gap")]


def test_a_page_reference_whose_dash_ocr_dropped_is_still_a_range_and_not_title() -> None:
    # a scan's OCR often loses the short dash of '(Pages 1 - 5)' and reads the reference into the title's run
    page = (
        Page()
        .row((57, "3."), (93, "MINUTES. (Pages 1 5)"))
        .row((57, "4."), (93, "Budget Monitoring Report (Pages 7 10)"))
        .row((57, "5."), (93, "Treasury Management Strategy (Pages 11 - 24)"))
        .done()
    )
    read = read_agenda([page])
    assert [(norm_title(i.title), i.page_ref) for i in read.items] == [
        ("MINUTES", (1, 5)),
        ("Budget Monitoring Report", (7, 10)),
        ("Treasury Management Strategy", (11, 24)),
    ]


def norm_title(title: str) -> str:
    return title.rstrip(" .")


def test_a_number_on_a_row_of_its_own_takes_the_next_row_as_its_title() -> None:
    page = Page().row((60, "1.", True, 14), gap=2).row((60, "Call to order", False)).row((60, "2.", True, 14), gap=2).row((60, "Roll call")).done()
    assert items(read_agenda([page])) == [("1", "Call to order", None), ("2", "Roll call", None)]


def test_a_reports_numbered_paragraphs_are_not_items() -> None:
    long = "The purpose of this report is to seek approval of the revised budget for the coming year and to set out the reasons for it."
    page = (
        Page()
        .row((60, "1.", True), (90, "PURPOSE OF THE REPORT", True))
        .row((60, "1.1"), (90, long))
        .row((90, "It follows the review agreed by the committee in March and the consultation that came after it over the summer."))
        .row((60, "1.2"), (90, long))
        .row((90, "Members are asked to note the changes to the capital programme and the effect they have on the revenue budget."))
        .done()
    )
    read = read_agenda([page])
    assert [v.reason for v in read.verdicts.values() if not v.accepted] == ["numbered paragraphs of several sentences, in body type"]


def test_times_before_numbers_asterisks_and_table_columns_are_not_part_of_items() -> None:
    page = (
        Page()
        .row((40, "6:30 PM"), (100, "1."), (120, "Call to Order"))
        .row((40, "6:35 PM"), (100, "2."), (120, "Public Hearing on the Water Rates"), (420, "Director of Finance"))
        .row((100, "*3."), (120, "Approve the Warrant Register"))
        .done()
    )
    read = read_agenda([page])
    assert items(read) == [("1", "Call to Order", None), ("2", "Public Hearing on the Water Rates", None), ("3", "Approve the Warrant Register", None)]
    assert read.rows[0].extra["time"] == "6:30 PM" and read.rows[1].extra["columns"] == ["Director of Finance"]
