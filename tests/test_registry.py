"""Extractor dispatch: by a section's kind, and by its evidence for other kinds."""

from __future__ import annotations

import pytest

from agendapack.extract import registry
from agendapack.extract.registry import DISPATCH_THRESHOLD, Extracted, ExtractionContext, dispatch_for, register
from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.document import Section, SectionKind, SectionSource
from agendapack.models.geometry import BBox
from agendapack.models.source import SourceInfo, TextLine, TextSpan
from agendapack.stages.extract import extract_records

K = SectionKind


@pytest.fixture
def only_test_extractors(monkeypatch: pytest.MonkeyPatch) -> list[ExtractionContext]:
    """An empty registry (the built-in extractors are not loaded), and a log of what ran."""
    monkeypatch.setattr(registry, "_REGISTRY", [])
    monkeypatch.setattr(registry, "_load_builtin_extractors", lambda: None)
    seen: list[ExtractionContext] = []

    @register(K.MINUTES)
    def read_minutes(context: ExtractionContext) -> Extracted:
        seen.append(context)
        return Extracted()

    @register(K.AGENDA, K.MINUTES)
    def read_meetings(context: ExtractionContext) -> Extracted:
        seen.append(context)
        return Extracted()

    @register(K.REPORT, min_score=None)
    def read_covers(context: ExtractionContext) -> Extracted:
        seen.append(context)
        return Extracted()

    return seen


def section(kind: SectionKind, scores: dict[SectionKind, float], section_id: str = "s01") -> Section:
    return Section(
        section_id=section_id,
        level=1,
        title="t",
        page_start=1,
        page_end=1,
        source=SectionSource.TEXT,
        confidence=0.5,
        kind=kind,
        kind_confidence=scores.get(kind, 0.2),
        kind_scores=scores,
    )


def names(found: list[registry.Dispatch]) -> list[tuple[str, str, bool]]:
    return [(d.name, d.kind.value, d.primary) for d in found]


def test_a_section_gets_the_extractors_of_its_kind_each_once(only_test_extractors) -> None:
    assert names(dispatch_for(section(K.MINUTES, {K.MINUTES: 0.9}))) == [("read_minutes", "minutes", True), ("read_meetings", "minutes", True)]


def test_an_unknown_section_with_enough_evidence_gets_the_reader_of_that_kind(only_test_extractors) -> None:
    found = dispatch_for(section(K.OTHER, {K.MINUTES: DISPATCH_THRESHOLD, K.REPORT: 0.9}))
    assert names(found) == [("read_minutes", "minutes", False), ("read_meetings", "minutes", False)]
    assert names(dispatch_for(section(K.OTHER, {K.MINUTES: DISPATCH_THRESHOLD - 0.01}))) == []


def test_a_classed_section_is_read_as_another_kind_only_when_the_evidence_comes_close(only_test_extractors) -> None:
    close = dispatch_for(section(K.REPORT, {K.REPORT: 0.75, K.MINUTES: 0.7}))
    assert names(close) == [("read_minutes", "minutes", False), ("read_meetings", "minutes", False), ("read_covers", "report", True)]
    far = dispatch_for(section(K.MINUTES, {K.MINUTES: 1.0, K.AGENDA: 0.65}))
    assert names(far) == [("read_minutes", "minutes", True), ("read_meetings", "minutes", True)]


def test_the_extract_stage_tells_an_extractor_why_it_runs(only_test_extractors) -> None:
    box = BBox(x0=72, top=100, x1=200, bottom=111)
    text = TextLine(spans=[TextSpan(text="Some text", bbox=box, font="Helvetica", size=11)], bbox=box, block_no=0, horizontal=True)
    pack = CleanPack(
        source=SourceInfo(file_name="t.pdf", sha256="0" * 64, size_bytes=1, page_count=1), pages=[CleanPage(page=1, width=612, height=792, lines=[text])]
    )
    extract_records("p", [section(K.OTHER, {K.MINUTES: 0.8})], pack, [])
    assert [(c.reading_as, c.primary) for c in only_test_extractors] == [(K.MINUTES, False), (K.MINUTES, False)]


def test_a_shared_page_holds_only_the_sections_own_lines() -> None:
    def at(text: str, top: float) -> TextLine:
        box = BBox(x0=72, top=top, x1=200, bottom=top + 11)
        return TextLine(spans=[TextSpan(text=text, bbox=box, font="Helvetica", size=11)], bbox=box, block_no=0, horizontal=True)

    pages = {1: CleanPage(page=1, width=612, height=792, lines=[at("end of the report", 100), at("MINUTES", 400), at("Present: A, B", 420)])}
    minutes = Section(section_id="s02", level=1, title="Minutes", page_start=1, page_end=1, y_start=398.0, source=SectionSource.OUTLINE, confidence=1.0)
    report = Section(section_id="s01", level=1, title="Report", page_start=1, page_end=1, y_end=398.0, source=SectionSource.OUTLINE, confidence=1.0)
    assert [line.text for line in ExtractionContext("p", minutes, pages).section_pages()[0].lines] == ["MINUTES", "Present: A, B"]
    assert [line.text for line in ExtractionContext("p", report, pages).section_pages()[0].lines] == ["end of the report"]
