"""The general minutes reader, one shape at a time: names and lists, attendance labels and sentences,
numbering grammars, unnumbered headings, group headings, meeting headers.

Each input is written for the test (a string, or a one-page PDF drawn with reportlab); each expectation
is what the printed page says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agendapack import parse
from agendapack.extract.meetings.attendance_cues import label_hits, sentence_hits
from agendapack.extract.meetings.numbering import follows, leading_number
from agendapack.extract.meetings.people import parse_people, same_listed_person
from agendapack.extract.meetings.when import meeting_date, meeting_time
from agendapack.models.issues import IssueCode
from minutes_pdf import write_pdf


def names(text: str) -> list[tuple]:
    return [(p.name, p.honorific, p.role) for p in parse_people(text)]


# -- names and lists -----------------------------------------------------------------------------


def test_two_members_with_one_surname_and_initial_stay_two_people() -> None:
    people = parse_people("Mrs P T Cole, Mr P Cole, Ms J Meade, Mr J Meade and Mr Meade")
    assert [(p.name, p.honorific) for p in people] == [("P T Cole", "Mrs"), ("P Cole", "Mr"), ("J Meade", "Ms"), ("J Meade", "Mr"), ("Meade", "Mr")]
    cole_t, cole, meade_ms, meade_mr, meade = people
    assert not same_listed_person(cole_t, cole)
    assert not same_listed_person(meade_ms, meade_mr)
    assert same_listed_person(meade, meade_mr)


def test_a_role_or_a_firm_is_not_a_person() -> None:
    assert names("Operations Superintendent Dan MacInnis; Land Planning and Technology Administrator-Deputy Treasurer John-Paul Negrinotti") == [
        ("Dan MacInnis", None, "Operations Superintendent"),
        ("John-Paul Negrinotti", None, "Land Planning and Technology Administrator-Deputy Treasurer"),
    ]
    firm = parse_people("Tim McBride and Alana Valle, Pinchin.")
    assert [(p.name, p.organisation) for p in firm] == [("Tim McBride", None), ("Alana Valle", "Pinchin")]
    assert names("Scott Leblanc, R.J. Burnside & Associates Limited") == [("Scott Leblanc", None, "R.J. Burnside & Associates Limited")]


def test_roles_after_a_comma_a_dash_or_around_the_name() -> None:
    assert names("Jesus M. Gomez, Executive Director; Arnold M. Alvarez-Glasman, Authority Counsel; and Theresa Devoy, Clerk") == [
        ("Jesus M. Gomez", None, "Executive Director"),
        ("Arnold M. Alvarez-Glasman", None, "Authority Counsel"),
        ("Theresa Devoy", None, "Clerk"),
    ]
    assert names("Mr Graham Fairweather - Chief Executive Officer") == [("Graham Fairweather", "Mr", "Chief Executive Officer")]
    assert names("Chief Executive (Sam Hobbs)") == [("Sam Hobbs", None, "Chief Executive")]
    presiding = parse_people("Cr Fiona Talbot (Mayor) - Presiding Member")[0]
    assert (presiding.name, presiding.role, presiding.duty) == ("Fiona Talbot", "Mayor", "Presiding Member")


def test_compound_titles_counts_and_names_one_a_line() -> None:
    assert names("Councilmembers/Commissioners Ezzy Ashcraft, Matarrese and Mayor/Chair Spencer – 3.") == [
        ("Ezzy Ashcraft", "Councilmember/Commissioner", None),
        ("Matarrese", "Councilmember/Commissioner", None),
        ("Spencer", "Mayor/Chair", "Mayor/Chair"),
    ]
    assert [p.name for p in parse_people("Fales, Crockett, Wray and 10 guests")] == ["Fales", "Crockett", "Wray"]
    assert [p.name for p in parse_people("Councillor Ed Plowden Councillor Graham Morris Councillor Jos Clark")] == ["Ed Plowden", "Graham Morris", "Jos Clark"]
    assert names("Mayor Heather Kibbey, Council President Arne Nyberg, and Councilors Carolyn Bahrman") == [
        ("Heather Kibbey", "Mayor", "Mayor"),
        ("Arne Nyberg", "Council President", "Council President"),
        ("Carolyn Bahrman", "Councilor", None),
    ]


def test_dutch_and_french_honorifics() -> None:
    assert [(p.name, p.honorific) for p in parse_people("de dames Pater en Vorstman en de heer Van Delft")] == [
        ("Pater", "mevrouw"),
        ("Vorstman", "mevrouw"),
        ("Van Delft", "de heer"),
    ]
    assert [(p.name, p.honorific) for p in parse_people("Mme Sophie Lavoie et M. André Bouchard")] == [("Sophie Lavoie", "Mme"), ("André Bouchard", "M.")]


# -- labels and sentences --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("Present: Mayor Tom Piper", "present", "Present"),
        ("PRESENT Mr N Baker, Mr M Baldock", "present", "PRESENT"),
        ("Members Present:- Councillors: Ed Plowden (Chair)", "present", "Councillors"),
        ("Councillors present: Cllr M Hargreaves", "present", "Councillors present"),
        ("IN ATTENDANCE: Mr J Cook (Democratic Services Manager)", "officer", "IN ATTENDANCE"),
        ("IN ATTENDANCE VIRTUALLY: Ms F Murtagh", "officer_virtual", "IN ATTENDANCE VIRTUALLY"),
        ("Also present: Councillor Heather Acton.", "also_present", "Also present"),
        ("Staff Present: Tom Reyes, City Manager", "officer", "Staff Present"),
        ("Absent: None.", "absent", "Absent"),
        ("Regrets: Councillor James Scott.", "apology", "Regrets"),
        ("Afwezig met kennisgeving: de heer P. Smit", "apology", "Afwezig met kennisgeving"),
    ],
)
def test_list_labels(text: str, kind: str, label: str) -> None:
    hits = label_hits(text)
    assert (hits[0].type.value, hits[0].label, hits[0].start) == (kind, label, 0)


def test_a_sentence_that_mentions_presence_is_no_label() -> None:
    assert label_hits("Present at the meeting were many residents") == []
    assert label_hits("Members noted the report.") == []


def test_several_labels_in_one_paragraph() -> None:
    hits = label_hits("Roll Call – Present: Councilmembers Daysog, Vella and Mayor Spencer – 3. Absent: None.")
    assert [(h.type.value, h.label) for h in hits] == [("present", "Present"), ("absent", "Absent")]


@pytest.mark.parametrize(
    ("sentence", "kind", "who"),
    [
        (
            "Board members present were Trustee Elton, Trustee Albrecht and Supervisor Liccar.",
            "present",
            "Trustee Elton, Trustee Albrecht and Supervisor Liccar.",
        ),
        ("The Democratic Services Manager reported apologies from Mr Beaney and Mr Campkin.", "apology", "Mr Beaney and Mr Campkin."),
        ("Apologies were received and accepted from Cllr L Fairbrother.", "apology", "Cllr L Fairbrother."),
        ("Commissioners Davis and Hernandez participated via videoconference.", "present_virtual", "Commissioners Davis and Hernandez"),
        ("Commissioner Ayala and Rios were absent.", "absent", "Commissioner Ayala and Rios"),
        ("Clerk Buiter was also present.", "also_present", "Clerk Buiter"),
        ("Er is bericht van verhindering ontvangen van de heer Visser.", "apology", "de heer Visser."),
    ],
)
def test_attendance_sentences(sentence: str, kind: str, who: str) -> None:
    hits = [h for h in sentence_hits(sentence) if h.type is not None and h.type.value == kind]
    assert hits and hits[0].names.strip() == who


# -- numbering ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "family", "value"),
    [
        ("84. Apologies", "decimal", "84"),
        ("1 Welcome", "decimal", "1"),
        ("1.1 It was noted", "dotted", "1.1"),
        ("18.11.1 Budget", "dotted", "18.11.1"),
        ("(15-190) Recommendation", "file", "15-190"),
        ("(*23-564) Minutes", "file", "23-564"),
        ("(18-456 CC/18-008 SACIC) Recommendation", "file", "18-456 CC/18-008 SACIC"),
        ("R2024-138 D. Yemm, S. Foote:", "resolution", "R2024-138"),
        ("Item 5 Budget", "item", "5"),
        ("A. RESOLUTION", "letter", "A"),
        ("IV. New Business", "roman", "IV"),
        ("4-1 Consent", "hyphen", "4-1"),
        ("24/123 Apologies", "parish", "24/123"),
        ("Minute 84: Apologies", "minute", "84"),
        ("Agendapunt 5 Vaststelling", "item", "5"),
    ],
)
def test_numbering_grammars(text: str, family: str, value: str) -> None:
    number = leading_number(text)
    assert number is not None and (number.family, number.value) == (family, value)


def test_years_and_year_ranges_are_no_numbers() -> None:
    assert leading_number("2024 Budget") is None
    assert leading_number("2024/25 Budget monitoring") is None


def test_sequences() -> None:
    one, two, nine = (leading_number(f"{n}. Item") for n in (1, 2, 9))
    assert follows(one, two) and not follows(two, one) and not follows(one, nine)


# -- dates and times in other languages --------------------------------------------------------------------


def test_dates_and_clock_times_in_the_conventions_languages() -> None:
    assert meeting_date("Besluitenlijst raadsvergadering 29 juni 2015 aanvang 17.00 uur") == "2015-06-29"
    assert meeting_time("aanvang 17.00 uur") == "17:00"
    assert meeting_date("tenue le lundi 2 mars 2026 à 19 h 30") == "2026-03-02"
    assert meeting_time("à 19 h 30") == "19:30"
    assert meeting_time("at 7.30pm") == "19:30"


# -- whole minutes -----------------------------------------------------------------------------------------


def test_an_unnumbered_heading_set_like_the_titles_is_an_item_with_no_number(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "hanging.pdf",
        [
            (60, "MINUTES of a meeting of the Finance Committee held on 3 March 2025.", False, 90, 11),
            (90, "PRESENT: Mr A Brown, Mrs B Green and Ms C White", False, 90, 11),
            (130, "Election of Chair", True, 90, 11),
            (150, "RESOLVED that Mr Brown be elected to Chair the meeting.", False, 90, 11),
            (190, "12.", True, 54, 11),
            (190, "Apologies for Absence", True, 90, 11),
            (210, "Apologies were received from Mr D Black.", False, 90, 11),
            (250, "13.", True, 54, 11),
            (250, "Budget Monitoring", True, 90, 11),
            (270, "The Committee noted the report.", False, 90, 11),
            (310, "11.", True, 54, 11),
            (310, "Late Item", True, 90, 11),
            (330, "The Committee noted the late report.", False, 90, 11),
        ],
    )
    doc = parse(pdf)
    items = [(i.item_number, i.title) for i in doc.records.minute_items if i.level == 1]
    assert items == [("", "Election of Chair"), ("12.", "Apologies for Absence"), ("13.", "Budget Monitoring"), ("11.", "Late Item")]
    irregular = [i for i in doc.issues if i.code is IssueCode.MINUTE_NUMBERING_IRREGULAR]
    assert len(irregular) == 1 and "11." in irregular[0].message and irregular[0].page == 1
    people = {(a.name, a.attendance_type.value) for a in doc.records.attendance}
    # the member elected to chair the meeting presided; the apology stays apart from the people present
    assert people == {("A Brown", "chair"), ("B Green", "present"), ("C White", "present"), ("D Black", "apology")}


def test_group_headings_close_items_and_numbers_restart_under_them(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "groups.pdf",
        [
            (60, "Rivertown City Council Meeting Minutes", True),
            (75, "December 10, 2018", False),
            (100, "Present: Mayor Ann Lee, and Councilors Bo Ray and Cy Dee were present.", False),
            (130, "UNFINISHED BUSINESS", True),
            (145, "1. Review of a development permit", True),
            (160, "The City Attorney presented the findings.", False),
            (190, "2. Tree ordinance", True),
            (205, "Dave Pierce, 5700 Childs Road.", True),
            (220, "Mr. Pierce spoke in favour.", False),
            (250, "CONSENT AGENDA", True),
            (265, "1. Minutes of the November meeting", True),
            (280, "Motion: Councilor Ray moved to accept the minutes.", False),
        ],
    )
    doc = parse(pdf)
    items = [(i.item_number, i.title) for i in doc.records.minute_items if i.level == 1]
    assert items == [("1.", "Review of a development permit"), ("2.", "Tree ordinance"), ("1.", "Minutes of the November meeting")]
    tree = next(i for i in doc.records.minute_items if i.title == "Tree ordinance")
    assert "Mr. Pierce spoke in favour." in tree.text  # a bold speaker line inside the item is part of it
    assert not [i for i in doc.issues if i.code is IssueCode.MINUTE_NUMBERING_IRREGULAR]  # a restart under a group is no irregularity


def test_a_roll_call_that_prints_a_count_it_does_not_reach_is_reported(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "count.pdf",
        [
            (60, "MINUTES OF THE REGULAR CITY COUNCIL MEETING", True),
            (75, "TUESDAY, MARCH 3, 2015 - 7:00 P.M.", True),
            (100, "Mayor Lee convened the meeting at 7:05 p.m.", False),
            (120, "Roll Call - Present: Councilmembers Ray, Dee and Mayor Lee - 4.", False),
            (140, "(15-101) Recommendation to approve the budget.", False),
            (160, "The meeting was adjourned at 8:15 p.m.", False),
        ],
    )
    doc = parse(pdf)
    meeting = next(m for m in doc.records.meetings if m.source == "minutes")
    assert (meeting.date, meeting.start_time, meeting.scheduled_start_time, meeting.end_time) == ("2015-03-03", "19:05", "19:00", "20:15")
    assert [(a.name, a.attendance_type.value) for a in doc.records.attendance] == [("Ray", "present"), ("Dee", "present"), ("Lee", "chair")]
    counts = [i for i in doc.issues if i.code is IssueCode.ATTENDANCE_COUNT_MISMATCH]
    assert len(counts) == 1 and counts[0].page == 1 and "4" in counts[0].message
    assert [(i.item_number, i.title) for i in doc.records.minute_items] == [("15-101", "Recommendation to approve the budget.")]


# -- offices, other dates, headings in capitals -----------------------------------------------------


def test_an_office_before_each_persons_own_honorific_is_their_role() -> None:
    assert names("de wethouders mevrouw H. Mulder en de heer F. Koster") == [("H. Mulder", "mevrouw", "wethouder"), ("F. Koster", "de heer", "wethouder")]
    assert names("Mme Isabelle Côté, directrice générale et greffière-trésorière") == [
        ("Isabelle Côté", "Mme", "directrice générale et greffière-trésorière")
    ]
    # a plural honorific that is no office gives no role
    assert names("Councillors Smith, Jones and Mrs Brown") == [("Smith", "Councillor", None), ("Jones", "Councillor", None), ("Brown", "Mrs", None)]


def test_a_capitalised_heading_that_starts_with_a_label_word_is_no_label() -> None:
    assert not label_hits("PUBLIC COMMENT: Gary Holt, 1140 Oak Ridge Road, asked when the ditches would be cleared.")
    assert label_hits("PUBLIC 3 members of the public")[0].label == "PUBLIC"


def test_a_deadline_or_publication_date_is_not_the_meeting_date() -> None:
    from agendapack.extract.meetings.header import _meeting_date

    assert _meeting_date("Deadline for call-in: 23 April 2026 (a) Subject: Housing Allocations Policy Review") is None
    assert _meeting_date("Decision determined at Housing Committee meeting on 16 April 2026. Deadline for call-in: 23 April 2026") == "2026-04-16"
    assert _meeting_date("Published 2 March 2026; meeting of 9 March 2026") == "2026-03-09"
