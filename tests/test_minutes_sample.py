"""The sample pack's minutes (physical pages 4-8), read exactly.

Every expectation below was written from the rendered pages (pdftoppm -r 60),
not from the extractor's output.
"""

from __future__ import annotations

import pytest

from agendapack import PackDocument

MINUTES_MEETING = "2019-11-25-family-and-people-services-policy-scrutiny-committee"


@pytest.fixture(scope="module")
def minutes(sample_doc: PackDocument):
    return sample_doc.records


def test_meeting_details(minutes) -> None:
    meeting = next(m for m in minutes.meetings if m.source == "minutes")
    assert meeting.meeting_id == MINUTES_MEETING
    assert (meeting.body, meeting.date, meeting.start_time, meeting.end_time) == (
        "Family and People Services Policy & Scrutiny Committee",
        "2019-11-25",
        None,
        "20:42",
    )
    assert meeting.venue == "Rooms 18.01 and 18.02, 18th Floor, 64 Victoria Street, London SW1E 6QP"
    assert meeting.council == "City of Westminster"
    assert meeting.provenance[0].page == 4


def test_attendance(minutes) -> None:
    rows = [(a.name, a.honorific, a.role, a.attendance_type.value) for a in minutes.attendance if a.meeting_id == MINUTES_MEETING]
    assert rows == [
        ("Jonathan Glanz", "Councillor", "Chairman", "chair"),
        ("Margot Bright", "Councillor", None, "present"),
        ("Nafsika Butler-Thalassis", "Councillor", None, "present"),
        ("Peter Freeman", "Councillor", None, "present"),
        ("Patricia McAllister", "Councillor", None, "present"),
        ("Selina Short", "Councillor", None, "present"),
        ("Azizi Toki", "Councillor", None, "present"),
        # the cabinet member's role is printed in 4.1, not in the list
        ("Heather Acton", "Councillor", "Cabinet Member for Family Services and Public Health", "also_present"),
        ("Bernie Flaherty", None, "Executive Director, Adult Social Care and Health", "officer"),
        ("Sarah Newman", None, "Interim Executive Director of Children’s Services", "officer"),
        ("Nicky Crouch", None, "Interim Director of Family Services", "officer"),
        ("Jayne Vertkin", None, "Head of Early Help", "officer"),
        ("Angela Flahive", None, "Head of Safeguarding, Review and Quality Assurance", "officer"),
        ("Lizzie Barrett", None, "Policy and Scrutiny Officer", "officer"),
        ("Emily Payne", "Cllr", None, "apology"),
        # officers the Committee "also heard from" in 4.1, named there with their roles (issue 10: officers
        # named with their role in the text of a minute attended, whether or not a list names them)
        ("Senel Arkut", None, "Head of Health Partnerships and Development", "officer"),
        ("Houda Al-Sharifi", None, "Interim Director of Public Health", "officer"),
        ("Michelle Hill", None, "Special Programmes Director", "officer"),
        ("Dominic Stanton", None, "Acting Director of Adult Social Care", "officer"),
    ]
    assert all(a.provenance[0].page == 4 for a in minutes.attendance if a.meeting_id == MINUTES_MEETING)


def test_no_declarations(minutes) -> None:
    assert [(d.none_declared, d.person, d.item_number, d.text) for d in minutes.declarations] == [
        (True, None, "2.", "2.1 There were no declarations of interest."),
    ]


def test_items_and_paragraphs(minutes) -> None:
    items = [(i.item_number, i.title, i.page_start, i.page_end) for i in minutes.minute_items if i.level == 1]
    assert items == [
        ("1.", "MEMBERSHIP", 4, 4),
        ("2.", "DECLARATIONS OF INTEREST", 4, 4),
        ("3.", "MINUTES", 4, 4),
        ("4.", "CABINET MEMBER UPDATE", 4, 5),
        ("5.", "WESTMINSTER’S YOUTH JUSTICE, STRATEGIC PARTNERSHIP PLAN 2019-2022 – A PATHWAY TO POSITIVE CHOICES", 5, 6),
        ("6.", "LOOKED AFTER CHILDREN AND CARE LEAVERS REPORT: INDEPENDENT REVIEWING SERVICE", 6, 7),
        ("7.", "2019/20 COMMITTEE WORK PROGRAMME AND ACTION TRACKER", 7, 7),
        ("8.", "REPORTS OF ANY URGENT SAFEGUARDING ISSUES", 8, 8),
    ]
    paragraphs = [(i.parent_number, i.item_number) for i in minutes.minute_items if i.level == 2]
    assert paragraphs == [
        ("1.", "1.1"),
        ("1.", "1.2"),
        ("2.", "2.1"),
        ("3.", "3.1"),
        ("4.", "4.1"),
        ("4.", "4.2"),
        *[("5.", f"5.{n}") for n in range(1, 8)],
        *[("6.", f"6.{n}") for n in range(1, 7)],
        ("7.", "7.1"),
        ("7.", "7.2"),
        ("7.", "7.3"),
        ("8.", "8.1"),
    ]
    by_number = {i.item_number: i for i in minutes.minute_items}
    assert by_number["1.2"].text == "Apologies were received from Cllr Emily Payne."
    assert by_number["4.2"].text.startswith("The Committee received the update and discussed the following topics in detail:")
    assert "Sexual Health – Following the report received on 1 April 2019" in by_number["4.2"].text  # the bullets belong to 4.2
    assert (by_number["4.2"].page_start, by_number["6.3"].page_end) == (5, 6)
    assert by_number["7.3"].text.endswith("its recommendations on immunisations.")  # the RESOLVED block is not part of 7.3


def test_resolved_blocks(minutes) -> None:
    rows = [(r.item_number, r.block_no, r.part, r.wording, r.text) for r in minutes.resolutions]
    assert rows == [
        (
            "3.",
            1,
            None,
            "RESOLVED",
            "That the Minutes of the Family and People Services Policy and Scrutiny Committee meeting held on 17 October 2019 be approved.",
        ),
        ("7.", 2, "1", "RESOLVED", "That the Work Programme be noted;"),
        ("7.", 2, "2", "RESOLVED", "That the action tracker be noted; and"),
        ("7.", 2, "3", "RESOLVED", "That the recommendation tracker be noted."),
    ]
    assert minutes.votes == []


def test_actions(minutes) -> None:
    rows = [(a.item_number, a.due, a.text) for a in minutes.actions]
    wanted = [
        ("4.", "once published", "The findings would be shared with the Committee once published."),
        (
            "4.",
            None,
            "Sexual Health – Following the report received on 1 April 2019, the Council was still supporting the trial of PrEP, "
            "a medication that helps prevent HIV, and an update on the trial would be brought to the Committee.",
        ),
        ("5.", None, "An Early Help Strategy had recently been written and could be circulated to the Committee."),
        (
            "5.",
            "the next meeting",
            "The Committee welcomed this and requested an update at the next meeting on progress in engaging with the Westminster Kurdish community.",
        ),
        ("5.", None, "The Committee asked that the possibility of attending one of the IGU’s school workshops, which officers described, be explored."),
        ("6.", None, "An anonymised example of these minutes could be circulated to the Committee."),
        (
            "6.",
            None,
            "The Committee thanked officers for an excellent report and for their work in a complex area, and asked to be told of "
            "opportunities to observe the work of the Looked After Children Service.",
        ),
        (
            "7.",
            None,
            "The Committee noted the action tracker, including the actions from its meetings of 17 June and 17 October 2019, and asked for "
            "small changes to the designations on the recommendation tracker, which records the responses of NHS England, the CCGs and the "
            "Local Implementation Group to its recommendations on immunisations.",
        ),
        ("8.", None, "The Committee welcomed the suggestion that an example of a review be circulated for information."),
    ]
    assert rows == wanted
    assert [a.provenance[0].page for a in minutes.actions] == [5, 5, 6, 6, 6, 6, 7, 7, 8]


def test_every_minutes_record_points_into_the_minutes_pages(minutes) -> None:
    families = [minutes.attendance, minutes.declarations, minutes.minute_items, minutes.resolutions, minutes.actions]
    for record in (r for family in families for r in family):
        assert record.meeting_id == MINUTES_MEETING
        assert record.section_id == "s02"
        assert all(4 <= p.page <= 8 and p.bbox is not None for p in record.provenance), record
