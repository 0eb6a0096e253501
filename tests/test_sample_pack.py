"""The generated sample pack against its hand-checked expectations (fixtures/expected/)."""

from __future__ import annotations

import re

from agendapack import PackDocument, Status
from agendapack.models.clean import FurnitureKind
from agendapack.models.document import BlockRole

FOOTER_RE = re.compile(r"(?:^|\s)Page \d{1,3}(?:\s|$)")


def printed_title(section) -> str:
    """Titles as the outline prints them: level-1 entries carry their item number."""
    if section.level == 1 and section.item_number:
        return f"{section.item_number} {section.title}"
    return section.title


def test_status_profile_and_pages(sample_doc: PackDocument, expected: dict) -> None:
    assert sample_doc.status is Status.SUCCESS
    assert sample_doc.profile == "westminster"
    assert sample_doc.source.page_count == expected["page_count"] == len(sample_doc.pages)
    assert [p.page for p in sample_doc.pages if p.is_blank] == expected["blank_pages"]
    assert [(p.page, p.printed_label) for p in sample_doc.pages] == [(p["page"], p["printed_label"]) for p in expected["pages"]]
    assert [p.page for p in sample_doc.pages if p.landscape] == [p["page"] for p in expected["pages"] if p["landscape"]]
    assert sample_doc.issues == []


def test_sections_follow_the_outline(sample_doc: PackDocument, expected: dict) -> None:
    got = [(printed_title(s), s.item_number, s.level, s.page_start, s.page_end, s.kind.value) for s in sample_doc.sections]
    want = [(s["title"], s["item_number"], s["level"], s["page_start"], s["page_end"], s["kind"]) for s in expected["sections"]]
    assert got == want
    assert all(s.source.value == "outline" for s in sample_doc.sections)


def test_children_point_at_their_parents(sample_doc: PackDocument) -> None:
    by_id = {s.section_id: s for s in sample_doc.sections}
    for section in sample_doc.sections:
        if section.level == 2:
            parent = by_id[section.parent_id]
            assert parent.level == 1 and parent.page_start < section.page_start <= section.page_end <= parent.page_end


def test_furniture(sample_doc: PackDocument, expected: dict) -> None:
    want = expected["furniture"]

    def pages_of(kind: FurnitureKind) -> list[int]:
        return sorted({f.page for f in sample_doc.furniture if f.kind is kind})

    assert pages_of(FurnitureKind.PAGE_NUMBER) == want["page_footers"]
    assert pages_of(FurnitureKind.ROTATED_LABEL) == want["rotated_labels"]
    stamps = {str(f.page): f.value for f in sample_doc.furniture if f.kind is FurnitureKind.AGENDA_ITEM_STAMP}
    assert stamps == want["agenda_item_stamps"]
    assert pages_of(FurnitureKind.BLANK_PAGE_NOTICE) == expected["blank_pages"]
    duplicates = [f for f in sample_doc.furniture if f.kind is FurnitureKind.DUPLICATE_TEXT]
    assert {f.page for f in duplicates} == {d["page"] for d in want["duplicated_text"]}
    assert [f.text.strip() for f in duplicates].count("What is Domestic Abuse?") == 1


def test_no_furniture_left_in_the_text(sample_doc: PackDocument) -> None:
    assert [b.text for b in sample_doc.blocks if FOOTER_RE.search(b.text)] == []
    assert not any(re.search(r"Agenda Item \d", b.text) for b in sample_doc.blocks)
    assert not any("intentionally left blank" in b.text for b in sample_doc.blocks)
    page_17 = " ".join(b.text for b in sample_doc.blocks if b.page == 17)
    assert page_17.count("What is Domestic Abuse?") == 1


def test_minutes_bullets_become_list_items_without_glyphs(sample_doc: PackDocument) -> None:
    items = [b for b in sample_doc.blocks if b.page == 5 and b.role is BlockRole.LIST_ITEM]
    assert [b.text.split(" –")[0] for b in items] == ["Meals on Wheels", "Adapted Housing", "Residential Care Homes", "Oral Health", "Sexual Health"]
    assert all(not b.text.startswith(("G ", "•")) for b in items)


def test_every_section_and_block_has_provenance(sample_doc: PackDocument) -> None:
    for section in sample_doc.sections:
        assert [p.page for p in section.provenance] == list(section.pages)
    for block in sample_doc.blocks:
        assert 0 <= block.bbox.x0 < block.bbox.x1 <= 842 and 0 <= block.bbox.top < block.bbox.bottom <= 842
        assert block.section_id is not None


def test_agenda_items_from_the_frontsheet(sample_doc: PackDocument) -> None:
    got = [(a.item_number, a.printed_page_start, a.printed_page_end, a.page_start, a.page_end) for a in sample_doc.records.agenda_items]
    # printed "(Pages x - y)" read off pages 1-2; physical = printed + 3 (unnumbered frontsheet and blank page)
    assert got == [
        ("1", None, None, None, None),
        ("2", None, None, None, None),
        ("3", 1, 5, 4, 8),
        ("4", None, None, None, None),
        ("5", 7, 10, 10, 13),
        ("6", 11, 17, 14, 20),
        ("7", 18, 21, 21, 24),
        ("8", 22, 27, 25, 30),
    ]
    titles = {a.item_number: a.title for a in sample_doc.records.agenda_items}
    assert titles["6"] == "DRAFT LOCAL SAFEGUARDING CHILDREN BOARD ANNUAL REPORT 2018/19"
    assert titles["2"] == "DECLARATIONS OF INTEREST"


def test_without_an_outline_items_split_on_the_same_pages(no_outline_doc: PackDocument, expected: dict) -> None:
    top = [(s.item_number, s.page_start, s.page_end) for s in no_outline_doc.sections if s.level == 1]
    want = [(s["item_number"], s["page_start"], s["page_end"]) for s in expected["sections"] if s["level"] == 1]
    assert top == want
    assert all(s.source.value == "text" for s in no_outline_doc.sections)
    kinds = [s.kind.value for s in no_outline_doc.sections if s.level == 1]
    assert kinds == [s["kind"] for s in expected["sections"] if s["level"] == 1]


def test_without_an_outline_sub_documents_are_found_by_their_headings(no_outline_doc: PackDocument, expected: dict) -> None:
    children = [(s.item_number, s.page_start, s.page_end, s.kind.value) for s in no_outline_doc.sections if s.level == 2]
    want = [(s["item_number"], s["page_start"], s["page_end"], s["kind"]) for s in expected["sections"] if s["level"] == 2]
    assert children == want
