"""Meeting records of five real files against the hand-written expectations in tests/expected/meetings/."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from agendapack import parse
from agendapack.models.issues import IssueCode
from conftest import ROOT

EXPECTED = sorted((ROOT / "tests" / "expected" / "meetings").glob("*.json"))


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_meetings", ROOT / "bench" / "eval_meetings.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_records_match_the_hand_written_expectations(corpus: Path, expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    doc = parse(corpus / expected["file"])
    scores = _eval_module().score_file(doc, expected)
    for name, score in scores.items():
        assert (score.matched, score.extracted) == (score.expected, score.expected), (name, score)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_meeting_details(corpus: Path, expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    doc = parse(corpus / expected["file"])
    got = [(m.body, m.date, m.start_time, m.end_time, m.venue) for m in doc.records.meetings if m.source == "minutes"]
    want = [(m["body"], m["date"], m["start_time"], m["end_time"], m["venue"]) for m in expected["meetings"]]
    assert got == want
    none_declared = [
        bool([d for d in doc.records.declarations if d.meeting_id == m.meeting_id and d.none_declared]) for m in doc.records.meetings if m.source == "minutes"
    ]
    assert none_declared == [m["declarations_none"] for m in expected["meetings"]]
    front = expected.get("frontsheet_meeting")
    if front:
        meeting = next(m for m in doc.records.meetings if m.source == "frontsheet")
        assert (meeting.body, meeting.date, meeting.start_time, meeting.venue) == (front["body"], front["date"], front["start_time"], front["venue"])


def test_papers_published_separately_are_not_cross_checked(corpus: Path) -> None:
    doc = parse(corpus / "kent-cc/Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf")
    assert all(a.page_start is None and a.page_source is None for a in doc.records.agenda_items)
    assert not [i for i in doc.issues if i.code is IssueCode.AGENDA_ITEM_PAPERS_MISMATCH]


def test_us_roll_call_names(corpus: Path) -> None:
    doc = parse(corpus / "alameda/2015-03-17.pdf")
    split = [v for v in doc.records.votes if v.noes]
    assert [(v.item_number, v.ayes_names, v.noes_names, v.method) for v in split] == [
        ("15-190", ["Daysog", "Ezzy Ashcraft", "Matarrese", "Oddie"], ["Spencer"], "voice"),
        ("15-191 A", ["Daysog", "Ezzy Ashcraft", "Matarrese", "Oddie"], ["Spencer"], "voice"),
        ("15-191 A", ["Daysog", "Ezzy Ashcraft", "Matarrese", "Oddie"], ["Spencer"], "voice"),
    ]
    consent = {i.item_number: i.disposition for i in doc.records.minute_items}
    assert (consent["15-186"], consent["15-188"], consent["15-189"], consent["15-193"]) == ("Approved", "Adopted", "Finally passed", "Not heard")


def test_ontario_movers(corpus: Path) -> None:
    doc = parse(corpus / "nipissing/Minutes-June-18-2024.pdf")
    first = doc.records.resolutions[0]
    assert (first.resolution_number, first.moved_by, first.seconded_by, first.outcome) == ("R2024-138", "D. Yemm", "S. Foote", "carried")
    assert first.text == "That the minutes of the regular Council Meeting held June 4, 2024, be adopted as published."
