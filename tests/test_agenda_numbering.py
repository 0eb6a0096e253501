"""The numbering grammar of agenda items: every shape a printed item number takes, and what it is not."""

from __future__ import annotations

import pytest

from agendapack.extract.agendas.numbering import (
    ARABIC,
    DOTTED,
    HYPHEN,
    LETTER_NUM,
    LOWER,
    NUM_LETTER,
    PAREN_HYPHEN,
    ROMAN,
    ROMAN_LOWER,
    UPPER,
    WORD,
    follows,
    read_markers,
    roman_value,
)


def readings(text: str, separate: bool = False) -> list[tuple[str, str, int, str | None]]:
    return [(m.family, m.number, m.value, m.parent) for m in read_markers(text, separate=separate)]


@pytest.mark.parametrize(
    ("text", "family", "number", "value", "parent"),
    [
        ("1. Call to Order", ARABIC, "1", 1, None),
        ("12) Adjournment", ARABIC, "12", 12, None),
        ("(3) Public comment", ARABIC, "3", 3, None),
        ("4.1 Approve Meeting Minutes", DOTTED, "4.1", 1, "4"),
        ("4.1. WAIVE THE READING", DOTTED, "4.1", 1, "4"),
        ("18.11.1 Budget", DOTTED, "18.11.1", 1, "18.11"),
        ("1.A 21-0109 Approve Minutes", NUM_LETTER, "1.A", 1, "1"),
        ("3a. Consideration of", NUM_LETTER, "3a", 1, "3"),
        ("6(b) Treasury management", NUM_LETTER, "6(b)", 2, "6"),
        ("C1. Provide direction", LETTER_NUM, "C1", 1, "C"),
        ("F5. Approve contract", LETTER_NUM, "F5", 5, "F"),
        ("4-1 Staff report", HYPHEN, "4-1", 1, "4"),
        ("5-B Resolution", HYPHEN, "5-B", 2, "5"),
        ("(15-190) Minutes", PAREN_HYPHEN, "15-190", 190, None),
        ("ITEM 1: *3903 HAINES STREET", WORD, "1", 1, None),
        ("Agenda Item 7. Reports", WORD, "7", 7, None),
        ("Item No. 3 - Budget", WORD, "3", 3, None),
        ("IV. CLOSED SESSION REPORT", ROMAN, "IV", 4, None),
        ("b) CONFERENCE WITH LEGAL COUNSEL", LOWER, "b", 2, None),
        ("(ii) second point", ROMAN_LOWER, "ii", 2, None),
        ("D. INVESTMENT", UPPER, "D", 4, None),
    ],
)
def test_marker_shapes(text: str, family: str, number: str, value: int, parent: str | None) -> None:
    assert (family, number, value, parent) in readings(text)


def test_title_starts_after_the_number() -> None:
    (marker,) = read_markers("4.1. WAIVE THE READING")
    assert "4.1. WAIVE THE READING"[marker.end :].strip() == "WAIVE THE READING"
    assert marker.printed == "4.1." and marker.decoration == "."


def test_a_letter_that_is_also_a_roman_numeral_has_both_readings() -> None:
    assert readings("I. Management Reports") == [(UPPER, "I", 9, None), (ROMAN, "I", 1, None)]
    assert readings("V. COMMITTEE REPORTS") == [(UPPER, "V", 22, None), (ROMAN, "V", 5, None)]
    assert readings("i) first") == [(LOWER, "i", 9, None), (ROMAN_LOWER, "i", 1, None)]
    assert readings("VI. ADJOURNMENT") == [(ROMAN, "VI", 6, None)]


@pytest.mark.parametrize(
    "text",
    [
        "17 January 2020 at 7pm",  # a date
        "2020 STEM Winners",  # a year
        "21-0110 Tentative Council Meeting Agenda Calendar",  # a file number with no item number
        "1.5 million residents",  # a decimal
        "No. 16 in the amount of $134,435",
        "(Pages 1 - 26)",
        "Recommendation: 1. Approve",
        "4th Floor",
        "Items listed under the Consent Calendar are routine",  # the cue word in a sentence
        "AGENDA ITEMS",
        "",
    ],
)
def test_not_an_item_number(text: str) -> None:
    assert read_markers(text) == ()


def test_a_bare_number_inline_is_only_marked_bare() -> None:
    # '12 Journey' (an address) and '3 Minutes of the last meeting' look alike: both are read as bare numbers,
    # and only the list rules (a bare number must continue or start a list of its kind) tell them apart
    assert [(m.bare, m.value) for m in read_markers("12 Journey, Aliso Viejo")] == [(True, 12)]
    assert [(m.bare, m.value) for m in read_markers("3 Minutes of the last meeting")] == [(True, 3)]


def test_a_bare_number_counts_when_it_stands_in_its_own_column() -> None:
    assert readings("A", separate=True) == [(UPPER, "A", 1, None)]
    assert read_markers("A", separate=False) == ()
    (bare,) = read_markers("2", separate=True)
    assert bare.bare and bare.value == 2


def test_roman_values_and_list_successors() -> None:
    assert [roman_value(t) for t in ("I", "IV", "IX", "XIV", "XVI", "IIII", "VV")] == [1, 4, 9, 14, 16, None, None]
    assert follows(3, 4, ARABIC) and not follows(3, 5, ARABIC) and not follows(3, 3, ARABIC)
    assert follows(186, 188, PAREN_HYPHEN)  # year-sequence numbers skip those used by other bodies
