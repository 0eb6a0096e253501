"""Decisions and votes the shared grammar reads in any convention: a moved/seconded motion with its vote counts in
a sentence of their own ('VOTE: 4-0-1', 'On a vote: 3 for, 1 against, 1 abstention'), names in brackets after a
tally, and printed counts checked against the names printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from agendapack import parse
from agendapack.extract.meetings.motions import _counted_vote, _strip_run_in
from agendapack.models.issues import IssueCode
from minutes_pdf import write_pdf


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("VOTE: 4-0-1 (Commissioner Whitfield abstained).", True),
        ("On a vote: 3 for, 1 against, 1 abstention.", True),
        ("The budget for 2026 was discussed.", False),  # a number after 'for' is no count without a vote word
        ("Members voted on the plan.", False),  # a vote word without counts
    ],
)
def test_a_sentence_of_counts_reports_a_vote_only_with_a_vote_word(sentence: str, counted: bool) -> None:
    assert _counted_vote(sentence) is counted


def test_a_numbered_paragraph_title_before_a_colon_is_not_part_of_the_motion() -> None:
    sentence = "7.2 Grant request from the Young Farmers Club: a motion by Cllr Lee, seconded by Cllr Ray, that ..."
    assert _strip_run_in(sentence) == "a motion by Cllr Lee, seconded by Cllr Ray, that ..."
    prose = "the contractor had not yet replied: a motion by Cllr Lee"  # no number: prose, not a paragraph's title
    assert _strip_run_in(prose) == prose


def test_motion_block_with_a_tally_line_names_in_brackets_and_a_count_that_disagrees(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "planning-like.pdf",
        [
            (60, "MINUTES OF THE PLANNING COMMISSION", True),
            (80, "Wednesday, May 13, 2026 - 7:00 p.m.", True),
            (110, "COMMISSIONERS PRESENT: Chair Ann Lee, Commissioners Bob Ray, Cy Dee, Di Fox and Ed Gray", False),
            (150, "1. APPROVAL OF MINUTES", True),
            (175, "MOTION: Commissioner Ray moved to approve the minutes as presented.", False),
            (190, "SECOND: Commissioner Dee.", False),
            (205, "VOTE: 4-0-1 (Commissioner Fox abstained).", False),
            (220, "MOTION CARRIED.", True),
            (255, "2. DESIGN REVIEW", True),
            (280, "MOTION: Commissioner Fox moved to deny the application.", False),
            (295, "SECOND: Commissioner Gray.", False),
            (310, "VOTE: 2-3 (Chair Lee and Commissioner Ray opposed).", False),
            (325, "MOTION FAILED.", True),
        ],
    )
    doc = parse(pdf)
    records = doc.records
    assert [(r.item_number, r.moved_by, r.seconded_by, r.outcome) for r in records.resolutions] == [
        ("1.", "Ray", "Dee", "carried"),
        ("2.", "Fox", "Gray", "lost"),
    ]
    assert [(v.outcome, v.ayes, v.noes, v.abstentions, v.abstention_names, v.noes_names) for v in records.votes] == [
        ("carried", 4, 0, 1, ["Fox"], []),
        ("lost", 2, 3, None, [], ["Lee", "Ray"]),
    ]
    # three printed against, two named: the page disagrees with itself, and says so in an issue
    mismatches = [issue for issue in doc.issues if issue.code == IssueCode.VOTE_COUNT_MISMATCH]
    assert len(mismatches) == 1 and "3 printed as noes but 2 names read" in mismatches[0].message


def test_proposed_and_seconded_motion_with_its_counts_after_it_and_the_outcome_in_prose(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "community-like.pdf",
        [
            (60, "Minutes of the Ordinary Meeting of the Community Council", True),
            (80, "Tuesday 14 April 2026 at 7.00pm", True),
            (110, "Present: Councillors Ann Lee (Chair), Bob Ray, Cy Dee, Di Fox and Ed Gray.", False),
            (150, "1. Planning", True),
            (175, "It was proposed by Cllr Lee and seconded by Cllr Ray that the Council object to the application.", False),
            (190, "On a vote: 3 for, 1 against, 1 abstention. The motion was carried.", False),
            (225, "2. Grants", True),
            (250, "2.1 Grant request from the Club: a motion by Cllr Dee, seconded by Cllr Fox, that the Council", False),
            (265, "award a grant of 250 pounds was LOST (2 for, 3 against).", False),
        ],
    )
    records = parse(pdf).records
    assert [(r.item_number, r.text[:38], r.moved_by, r.seconded_by, r.outcome) for r in records.resolutions] == [
        ("1.", "that the Council object to the applica", "Lee", "Ray", "carried"),
        ("2.", "that the Council award a grant of 250 ", "Dee", "Fox", "lost"),
    ]
    # 'The motion was carried' is the motion's outcome, not a motion of its own
    assert [(v.item_number, v.outcome, v.ayes, v.noes, v.abstentions) for v in records.votes] == [
        ("1.", "carried", 3, 1, 1),
        ("2.", "lost", 2, 3, None),
    ]
