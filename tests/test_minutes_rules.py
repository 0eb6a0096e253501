"""Minutes rules on small inputs: people lists, dates, votes, declarations, and an unrecognised layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from agendapack import parse
from agendapack.extract.meetings.dates import parse_date, parse_time
from agendapack.extract.meetings.people import parse_people
from agendapack.extract.meetings.text import first_sentence
from agendapack.models.issues import IssueCode
from minutes_pdf import write_pdf


def people(text: str) -> list[tuple]:
    return [(p.name, p.honorific, p.role, p.postnominals) for p in parse_people(text)]


def test_people_with_honorifics_roles_and_postnominals() -> None:
    assert people("Mr R W Gough (Chairman), Mr R C Love, OBE, Mr D Murphy and McKay (Acting Chief Accountant)") == [
        ("R W Gough", "Mr", "Chairman", None),
        ("R C Love", "Mr", None, "OBE"),
        ("D Murphy", "Mr", None, None),
        ("McKay", None, "Acting Chief Accountant", None),
    ]


def test_a_collective_honorific_carries_over_and_offices_become_roles() -> None:
    assert people("Mayor Tom Piper and Councillors Stephen Kirkey, Shelly Foote and Dave Yemm.") == [
        ("Tom Piper", "Mayor", "Mayor", None),
        ("Stephen Kirkey", "Councillor", None, None),
        ("Shelly Foote", "Councillor", None, None),
        ("Dave Yemm", "Councillor", None, None),
    ]
    assert [p[0] for p in people("Councilmembers Daysog, Ezzy Ashcraft, Matarrese, Oddie and Mayor Spencer – 5.")] == [
        "Daysog",
        "Ezzy Ashcraft",
        "Matarrese",
        "Oddie",
        "Spencer",
    ]


def test_roles_printed_before_the_name_and_brackets_holding_commas() -> None:
    assert people("Fire Chief-MLEO-CEMC Will Bateman and Municipal Administrator-Clerk-Treasurer Kris Croskery-Hodgins.") == [
        ("Will Bateman", None, "Fire Chief-MLEO-CEMC", None),
        ("Kris Croskery-Hodgins", None, "Municipal Administrator-Clerk-Treasurer", None),
    ]
    assert people("Bernie Flaherty (Executive Director, Adult Social Care and Health) and Lizzie Barrett (Policy and Scrutiny Officer)") == [
        ("Bernie Flaherty", None, "Executive Director, Adult Social Care and Health", None),
        ("Lizzie Barrett", None, "Policy and Scrutiny Officer", None),
    ]
    assert people("None.") == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Monday 25 November 2019", "2019-11-25"),
        ("Thursday, 30th January, 2025, at 10.00 am", "2025-01-30"),
        ("TUESDAY- -MARCH 17, 2015- -7:00 P.M.", "2015-03-17"),
        ("held on 17/10/2019", "2019-10-17"),
        ("no date here", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "hhmm"), [("7.00 pm", "19:00"), ("The Meeting ended at 8:42pm.", "20:42"), ("at 10.00 am", "10:00"), ("11:52 p.m.", "23:52"), ("12 noon", "12:00")]
)
def test_times(text: str, hhmm: str) -> None:
    assert parse_time(text) == hhmm


def test_first_sentence_skips_abbreviations() -> None:
    assert first_sentence("Mayor Spencer announced that the Site A Update [paragraph no. 15-193] was withdrawn. Next.") == (
        "Mayor Spencer announced that the Site A Update [paragraph no. 15-193] was withdrawn."
    )
    assert first_sentence("It was made at 5:00 p.m. based on meetings held today.") == "It was made at 5:00 p.m. based on meetings held today."


def test_unrecognised_minutes_layout_is_reported_with_page_and_what_is_missing(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "odd-minutes.pdf",
        [
            (60, "MINUTES", True),
            (100, "The committee gathered and talked about many things over the evening.", False),
            (130, "Everyone agreed to think about it more before the next gathering.", False),
        ],
    )
    doc = parse(pdf)
    assert [s.kind.value for s in doc.sections] == ["minutes"]
    found = {i.code: i for i in doc.issues if i.code in (IssueCode.MINUTES_NO_ATTENDANCE, IssueCode.MINUTES_NO_ITEMS, IssueCode.MINUTES_NO_DATE)}
    assert set(found) == {IssueCode.MINUTES_NO_ATTENDANCE, IssueCode.MINUTES_NO_ITEMS, IssueCode.MINUTES_NO_DATE}
    assert all(issue.page == 1 for issue in found.values())
    assert "No attendance found" in found[IssueCode.MINUTES_NO_ATTENDANCE].message
    assert "No items found" in found[IssueCode.MINUTES_NO_ITEMS].message
    assert doc.records.attendance == [] and doc.records.minute_items == []


def test_uk_votes_counts_and_decisions_without_resolved(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "bristol-like.pdf",
        [
            (60, "Minutes of the Parks Committee", True),
            (80, "3 March 2025 at 6.00 pm", True),
            (110, "Members Present:- Councillors: Ann Lee (Chair), Bob Ray and Cy Dee", False),
            (150, "1    Minutes of the Previous Meeting", True),
            (175, "The minutes of the previous meeting were agreed as accurate.", False),
            (210, "2    Declarations of Interest", True),
            (235, "Councillor Bob Ray declared a personal interest in item 3 as a park volunteer.", False),
            (270, "3    Park Fees", True),
            (295, "The recommendation was moved by Councillor Lee and seconded by Councillor Dee.", False),
            (310, "On being put to the vote the recommendation was CARRIED (2 members voting", False),
            (325, "in favour, none against with 1 abstention)", False),
            (340, "It was APPROVED", True),
            (355, "a. Approve the new fees.", True),
            (370, "b. Review the fees in 2026.", True),
            (400, "Officers agreed to return to the Committee with a report at the next meeting.", False),
        ],
    )
    doc = parse(pdf)
    records = doc.records
    assert [(r.item_number, r.part, r.wording, r.text, r.outcome) for r in records.resolutions] == [
        # agreed without a vote printed: carried (a decision that only notes would be 'noted')
        ("1", None, "agreed", "The minutes of the previous meeting were agreed as accurate.", "carried"),
        ("3", "a", "APPROVED", "Approve the new fees.", "carried"),
        ("3", "b", "APPROVED", "Review the fees in 2026.", "carried"),
    ]
    vote = records.votes[0]
    assert (vote.item_number, vote.outcome, vote.ayes, vote.noes, vote.abstentions, vote.moved_by, vote.seconded_by) == (
        "3",
        "carried",
        2,
        0,
        1,
        "Lee",
        "Dee",
    )
    assert vote.resolution_id == records.resolutions[1].record_id
    assert [(d.person, d.item_number, d.none_declared) for d in records.declarations] == [("Councillor Bob Ray", "3", False)]
    assert [(a.owner, a.due) for a in records.actions] == [("Officers", "the next meeting")]
    assert [(a.name, a.attendance_type.value) for a in records.attendance] == [("Ann Lee", "chair"), ("Bob Ray", "present"), ("Cy Dee", "present")]


def test_actions_in_marked_minutes_keep_directions_and_undertakings_not_requests(tmp_path: Path) -> None:
    """Where the minutes mark their actions, a reported request is not one more, but the meeting's direction and a
    person's undertaking are; a pronoun owner is the person named before it; 'X would' prose is no action."""
    pdf = write_pdf(
        tmp_path / "marked-minutes.pdf",
        [
            (60, "Minutes of the Parks Committee", True),
            (80, "3 March 2025 at 6.00 pm", True),
            (110, "Members Present:- Councillors: Ann Lee (Chair), Bob Ray and Cy Dee", False),
            (150, "1    Park Fees", True),
            (175, "The fees were discussed. ACTION: Clerk to publish the new fees.", False),
            (210, "2    Play Areas", True),
            (235, "Councillor Bob Ray reported on the play areas. He undertook to ask the contractor for a date.", False),
            (260, "Members requested an update on the swings.", False),
            (295, "3    Correspondence", True),
            (320, "A letter was received. The Committee directed staff to reply to the letter.", False),
            (345, "A new bench would follow in the spring.", False),
        ],
    )
    actions = parse(pdf).records.actions
    assert [(a.item_number, a.owner, a.explicit, a.text) for a in actions] == [
        ("1", "Clerk", True, "Clerk to publish the new fees."),
        ("2", "Bob Ray", False, "He undertook to ask the contractor for a date."),
        ("3", "staff", False, "The Committee directed staff to reply to the letter."),
    ]
