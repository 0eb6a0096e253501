"""Segmentation on generated PDFs: outlines that are not lists of documents, and documents with no bookmark.

The expected sections were written from the page plan in fixtures/segmentation/seg_content.py
(and checked on the page images): physical page ranges, levels, and the kind where the case is
about the kind.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from agendapack import parse
from agendapack.models.issues import IssueCode
from conftest import FIXTURES

SEGMENTATION = FIXTURES / "segmentation"


def sections(name: str) -> list[tuple[int, int, int]]:
    doc = parse(SEGMENTATION / f"{name}.pdf", extract=False)
    return [(s.level, s.page_start, s.page_end) for s in doc.sections]


def test_bookmarks_part_way_down_a_page_end_the_section_before_on_that_page() -> None:
    doc = parse(SEGMENTATION / "seg-performance-report.pdf", extract=False)
    assert [(s.level, s.title, s.page_start, s.page_end) for s in doc.sections] == [
        (1, "Harrowmere County Council", 1, 2),  # the cover and the unbookmarked top of page 2
        (1, "Reading the charts", 2, 2),
        (1, "Summary", 3, 3),
        (1, "Libraries and Archives", 4, 5),
        (2, "Opening hours", 4, 5),
        (2, "Visitor numbers", 5, 5),
        (1, "Roads and Transport", 6, 6),
        (2, "Road safety", 6, 6),
        (1, "Risk Register Overview", 7, 7),  # no bookmark: its heading is set like the bookmarked ones
    ]
    charts, opening = doc.sections[1], doc.sections[4]
    assert charts.y_start is not None and 250 < charts.y_start < 300
    assert doc.sections[0].y_end == charts.y_start
    assert opening.y_end == doc.sections[5].y_start
    assert [s.source.value for s in doc.sections][-1] == "text"


def test_an_outline_of_headings_and_table_rows_leaves_one_agenda_with_its_schedules() -> None:
    doc = parse(SEGMENTATION / "seg-heading-outline.pdf", extract=False)
    assert [(s.level, s.page_start, s.page_end, s.kind.value) for s in doc.sections] == [
        (1, 1, 5, "agenda"),
        (2, 3, 3, "appendix"),
        (2, 4, 5, "appendix"),
    ]
    dropped = [i for i in doc.issues if i.code is IssueCode.OUTLINE_ENTRY_NOT_SECTION]
    assert len(dropped) == len(doc.outline) == 14  # 8 bookmarks on page 1, 6 on page 2


def test_bookmarks_per_page_do_not_split_the_agenda() -> None:
    doc = parse(SEGMENTATION / "seg-page-bookmarks.pdf", extract=False)
    assert [(s.level, s.page_start, s.page_end, s.kind.value) for s in doc.sections] == [
        (1, 1, 2, "agenda"),
        (1, 3, 4, "minutes"),
        (1, 5, 6, "report"),
        (2, 6, 6, "appendix"),  # the unbookmarked page stamped 'ATTACHMENT 1' after the last bookmark is the report's
    ]


def test_a_title_block_bookmarked_line_by_line_is_one_document() -> None:
    assert sections("seg-title-bookmarks") == [(1, 1, 3)]


def test_a_reports_attachments_nest_under_it_and_the_unbookmarked_exhibit_is_found() -> None:
    doc = parse(SEGMENTATION / "seg-report-attachments.pdf", extract=False)
    assert [(s.level, s.page_start, s.page_end) for s in doc.sections] == [(1, 1, 8), (2, 3, 3), (2, 4, 6), (2, 7, 8)]
    assert doc.sections[0].kind.value == "report"
    assert [s.kind.value for s in doc.sections[2:]] == ["appendix", "appendix"]
    # the memo's field labels and the drawing's layout names are not sections
    titles = {i.message.split("'")[1] for i in doc.issues if i.code is IssueCode.OUTLINE_ENTRY_NOT_SECTION}
    assert titles == {"BASIS FOR RECOMMENDATION:", "FISCAL IMPACT:", "FOR QUESTIONS CONTACT: R. Ilves, Deputy Director, (555) 301-2200", "Model", "Layout1"}


def test_an_agenda_listing_a_minutes_item_is_not_taken_for_minutes() -> None:
    doc = parse(SEGMENTATION / "seg-agenda-minutes-no-outline.pdf", extract=False)
    assert [(s.page_start, s.page_end, s.kind.value) for s in doc.sections] == [(1, 1, "agenda"), (2, 3, "minutes")]
    assert doc.sections[0].title == "ASHCOMBE TOWN COUNCIL"


def test_one_decision_notice_per_agenda_item_form() -> None:
    doc = parse(SEGMENTATION / "seg-decision-forms.pdf", extract=False)
    assert [(s.item_number, s.page_start, s.page_end, s.kind.value) for s in doc.sections] == [
        ("5", 1, 2, "decision_notice"),
        ("6", 3, 3, "decision_notice"),
        ("7", 4, 5, "decision_notice"),
    ]
    assert doc.sections[1].title == "Air quality action plan update"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(path.name for path in SEGMENTATION.glob("*.pdf")))
def test_the_builder_reproduces_the_committed_fixture(name: str, built: Path) -> None:
    assert sha(built / name) == sha(SEGMENTATION / name), f"segmentation/{name} differs from a fresh build: rebuild with `make fixtures` and review"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("segmentation")
    subprocess.run([sys.executable, str(SEGMENTATION / "build_segmentation.py"), "--out-dir", str(out)], check=True, timeout=300)
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(p.name for p in SEGMENTATION.glob("*.pdf"))
    return out
