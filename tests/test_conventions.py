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
NOT_YET: dict[tuple[str, str], str] = {}


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


def test_expectations_quote_the_pages_they_name() -> None:
    """Every expected title, decision and action text (and every surname) is printed on the page the expectation names,
    as pdfplumber (not the reader under test) extracts it: an expectation cannot drift from its fixture unnoticed."""
    import pdfplumber

    from conventions_match import norm_text

    misses = []
    for name in fixture_names():
        expected = load_expected(name)
        with pdfplumber.open(CONVENTIONS / f"{name}.pdf") as pdf:
            pages = [norm_text(page.extract_text() or "") for page in pdf.pages]
        quotes = [(r["person"].split()[-1], r.get("page")) for r in expected.get("attendance", [])]
        quotes += [(r["title"], r.get("page")) for key in ("minute_items", "agenda_items") for r in expected.get(key, [])]
        quotes += [(r["text_startswith"], r.get("page")) for key in ("resolutions", "actions") for r in expected.get(key, [])]
        quotes += [(p["text_startswith"], r.get("page")) for r in expected.get("resolutions", []) for p in r.get("parts", [])]
        quotes += [(r["item_title"], None) for r in expected.get("actions", [])] + [(a, None) for a in expected.get("apologies", [])]
        for quote, page in quotes:
            text = pages[page - 1] if page else " ".join(pages)
            if norm_text(quote) not in text:
                misses.append((name, page, quote))
    assert not misses
