"""The agenda reader on the generated agendas of fixtures/agendas/ (Australia, Ontario, the Netherlands),
against their hand-written expectations, and the builder reproducing them byte for byte.

These read the fixture's pages as one agenda (load, clean, then the agenda reader), so they test
the reader itself; which section of a pack is an agenda is segmentation's and classification's.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from agendapack.extract.meetings.frontsheet_meeting import AgendaReading, read_section
from agendapack.profiles import choose_profile
from agendapack.stages.clean import clean_pack
from agendapack.stages.load import load_pack
from conftest import FIXTURES
from conventions_match import norm_number, norm_text

AGENDAS = FIXTURES / "agendas"
NAMES = sorted(path.stem for path in AGENDAS.glob("*.pdf"))


def reading(name: str) -> AgendaReading:
    loaded = load_pack(AGENDAS / f"{name}.pdf")
    return read_section(clean_pack(loaded, choose_profile(loaded)).pages, "s01")


def expected(name: str) -> dict:
    return json.loads((AGENDAS / f"{name}.expected.json").read_text(encoding="utf-8"))


def test_builder_reproduces_the_committed_agenda_fixtures(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(AGENDAS / "build_agendas.py"), "--out-dir", str(tmp_path)], check=True, timeout=300)
    built = sorted(path.name for path in tmp_path.glob("*.pdf"))
    assert built == [f"{name}.pdf" for name in NAMES]
    for name in built:
        fresh, committed = (tmp_path / name).read_bytes(), (AGENDAS / name).read_bytes()
        assert hashlib.sha256(fresh).digest() == hashlib.sha256(committed).digest(), f"agendas/{name} differs from a fresh build"


@pytest.mark.parametrize("name", NAMES)
def test_agenda_items(name: str) -> None:
    got = [(norm_number(i.number), norm_text(i.title), norm_number(i.parent), i.page) for i in reading(name).read.items]
    want = [(norm_number(i["number"]), norm_text(i["title"]), norm_number(i["parent_number"]), i["page"]) for i in expected(name)["agenda_items"]]
    assert got == want


@pytest.mark.parametrize("name", NAMES)
def test_meetings(name: str) -> None:
    got = reading(name).meetings
    want = expected(name)["meetings"]
    assert [(m.date, m.start_time, m.end_time) for m in got] == [(m["date"], m["start_time"], m["end_time"]) for m in want]
    for found, meeting in zip(got, want, strict=True):
        assert norm_text(meeting["body"]) in norm_text(found.body)
        assert norm_text(meeting["council"]) in norm_text(found.council)
        assert norm_text(meeting["venue_contains"]) in norm_text(found.venue)
        assert found.provenance[0].page == meeting["page"]
