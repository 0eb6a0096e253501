"""Each convention fixture, read by `agendapack.parse`, against its hand-written expectation.

One test per fixture and record type (meetings, attendance, apologies, minute items, agenda
items, resolutions, votes, actions); `fixtures/conventions/README.md` has the format and the
matching rules. A test the readers do not pass yet is listed in `NOT_YET` with what is missing:
it runs as a strict xfail, so it fails the moment it starts passing, until its line is removed.
"""

from __future__ import annotations

from functools import cache

import pytest

from agendapack import PackDocument, parse
from conventions_match import CONVENTIONS, RECORD_TYPES, compare, fixture_names, load_expected

# (fixture, record type) -> what the readers miss today. Remove a line when its test passes.
NOT_YET: dict[tuple[str, str], str] = {
    ("uk-moderngov-minutes", "meetings"): "start time 'on Tuesday, 10 March 2026 at 10.00 am.' in the MINUTES line not read",
    ("uk-moderngov-minutes", "attendance"): "Mr P Cole is lost beside Mrs P T Cole (same surname and initial, two people)",
    ("uk-moderngov-minutes", "resolutions"): "item 36: the amendment moved, seconded and LOST is no decision; the CARRIED vote is not the RESOLVED's outcome",
    ("uk-moderngov-minutes", "votes"): "'was LOST (For 3, Against 7)' and 'was CARRIED (For 7, Against 2, Abstentions 1)' not read as votes",
    ("uk-moderngov-minutes", "actions"): "no item_title on actions; 'ACTION: Mrs Pennington to ...' not read; '(ACTION: role)' not the owner",
}


@cache
def parsed(name: str) -> PackDocument:
    return parse(CONVENTIONS / f"{name}.pdf")


def cases() -> list[pytest.param]:
    params = []
    for name in fixture_names():
        for record_type in RECORD_TYPES:
            reason = NOT_YET.get((name, record_type))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(name, record_type, marks=marks, id=f"{name}-{record_type}"))
    return params


@pytest.mark.parametrize(("name", "record_type"), cases())
def test_convention_fixture(name: str, record_type: str) -> None:
    comparison = compare(record_type, parsed(name), load_expected(name))
    assert comparison.agrees, comparison.report()


def test_every_fixture_has_its_pdf_and_every_pdf_its_expectation() -> None:
    pdfs = sorted(path.stem for path in CONVENTIONS.glob("*.pdf"))
    assert pdfs == fixture_names()
    assert len(pdfs) >= 1


def test_expectations_name_their_file_and_only_known_record_types() -> None:
    known = {*RECORD_TYPES, "file", "convention", "pages", "notes"}
    for name in fixture_names():
        expected = load_expected(name)
        assert expected["file"] == f"{name}.pdf"
        assert set(expected) <= known, f"{name}: unknown keys {set(expected) - known}"
        assert parsed(name).source.page_count == expected["pages"]


def test_no_stale_not_yet_entries() -> None:
    names = set(fixture_names())
    stale = [key for key in NOT_YET if key[0] not in names or key[1] not in RECORD_TYPES]
    assert not stale, f"NOT_YET names fixtures or record types that do not exist: {stale}"
