"""Cleaning rules on small, hand-built pages."""

from __future__ import annotations

import pytest

from agendapack.models.clean import FurnitureKind
from agendapack.models.geometry import BBox
from agendapack.models.profile import Profile
from agendapack.models.source import LoadedPack, RawPage, SourceInfo, TextLine, TextSpan
from agendapack.stages.clean import clean_pack, is_bullet_glyph, page_number_value


def line(text: str, x0: float, top: float, horizontal: bool = True, font: str = "Helvetica", size: float = 11) -> TextLine:
    box = BBox(x0=x0, top=top, x1=x0 + 6 * len(text), bottom=top + size)
    return TextLine(spans=[TextSpan(text=text, bbox=box, font=font, size=size)], bbox=box, block_no=0, horizontal=horizontal)


def page(number: int, *lines: TextLine) -> RawPage:
    return RawPage(page=number, width=595, height=842, lines=list(lines))


def pack(*pages: RawPage) -> LoadedPack:
    return LoadedPack(source=SourceInfo(file_name="t.pdf", sha256="0" * 64, size_bytes=1, page_count=len(pages)), pages=list(pages))


@pytest.mark.parametrize(
    ("text", "value"),
    [("Page 12", "12"), ("12", "12"), ("Page 3 of 54", "3"), ("- 7 -", "7"), ("page 1", "1"), ("Page twelve", None), ("2019", "2019"), ("Item 4", None)],
)
def test_page_number_value(text: str, value: str | None) -> None:
    assert page_number_value(text) == value


def test_bullet_glyphs() -> None:
    assert is_bullet_glyph("\uf0b7") and is_bullet_glyph("•") and is_bullet_glyph(" ● ")
    assert is_bullet_glyph("G", "ZapfDingbats") and is_bullet_glyph("l", "Wingdings-Regular")
    assert not is_bullet_glyph("-") and not is_bullet_glyph("a") and not is_bullet_glyph("••") and not is_bullet_glyph("G", "Helvetica")


def test_footer_page_number_is_furniture_and_gives_the_label() -> None:
    cleaned = clean_pack(pack(page(1, line("Body text here", 72, 100), line("Page 7", 280, 810))), Profile(name="t"))
    assert [line.text for line in cleaned.pages[0].lines] == ["Body text here"]
    assert cleaned.pages[0].printed_label == "7"
    assert [(f.kind, f.value) for f in cleaned.furniture] == [(FurnitureKind.PAGE_NUMBER, "7")]


def test_a_number_in_the_body_is_not_a_page_number() -> None:
    cleaned = clean_pack(pack(page(1, line("42", 72, 400))), Profile(name="t"))
    assert cleaned.pages[0].lines and not cleaned.furniture


def test_rotated_margin_label() -> None:
    cleaned = clean_pack(pack(page(1, line("Body", 72, 100), line("Page 26", 570, 400, horizontal=False))), Profile(name="t"))
    assert [f.kind for f in cleaned.furniture] == [FurnitureKind.ROTATED_LABEL]
    assert cleaned.pages[0].printed_label == "26"


def test_text_drawn_twice_is_kept_once() -> None:
    twice = [line("What is Domestic Abuse?", 72, 200), line("What is Domestic Abuse?", 72.5, 200.3)]
    cleaned = clean_pack(pack(page(1, *twice)), Profile(name="t"))
    assert [line.text for line in cleaned.pages[0].lines] == ["What is Domestic Abuse?"]
    assert [f.kind for f in cleaned.furniture] == [FurnitureKind.DUPLICATE_TEXT]


def test_same_text_elsewhere_on_the_page_is_not_a_duplicate() -> None:
    cleaned = clean_pack(pack(page(1, line("Completed", 72, 200), line("Completed", 72, 300))), Profile(name="t"))
    assert len(cleaned.pages[0].lines) == 2


def test_blank_notice_and_empty_page() -> None:
    cleaned = clean_pack(pack(page(1, line("This page is intentionally left blank", 200, 400)), page(2)), Profile(name="t"))
    assert [p.is_blank for p in cleaned.pages] == [True, True]
    assert [f.kind for f in cleaned.furniture] == [FurnitureKind.BLANK_PAGE_NOTICE]


def test_running_header_repeating_on_most_pages() -> None:
    pages = [page(n, line("Alameda City Council", 72, 20), line(f"Body {n}", 72, 300)) for n in range(1, 5)]
    cleaned = clean_pack(pack(*pages), Profile(name="t"))
    assert {f.kind for f in cleaned.furniture} == {FurnitureKind.RUNNING_HEADER}
    assert all(p.text.startswith("Body") for p in cleaned.pages)


def test_bullet_glyph_removed_and_line_marked() -> None:
    bullet = BBox(x0=72, top=300, x1=78, bottom=311)
    text_box = BBox(x0=90, top=300, x1=300, bottom=311)
    spans = [TextSpan(text="\uf0b7", bbox=bullet, font="Symbol", size=11), TextSpan(text="Meals on Wheels", bbox=text_box, font="Helvetica", size=11)]
    raw = page(1, TextLine(spans=spans, bbox=bullet.union(text_box), block_no=0, horizontal=True))
    cleaned = clean_pack(pack(raw), Profile(name="t"))
    (kept,) = cleaned.pages[0].lines
    assert kept.text == "Meals on Wheels" and kept.bulleted
    assert [f.kind for f in cleaned.furniture] == [FurnitureKind.BULLET_GLYPH]


def test_a_page_with_only_a_logo_and_its_running_header_is_blank() -> None:
    header = [line("committees@example.gov.uk", 400, 20)]
    pages = [page(n, *header, line(f"Decision form {n}", 72, 200)) for n in (1, 2, 3)]
    logo_only = page(4, *header).model_copy(update={"image_count": 1, "image_coverage": 0.065})
    picture = page(5, *header).model_copy(update={"image_count": 1, "image_coverage": 0.3})
    cleaned = clean_pack(pack(*pages, logo_only, picture), Profile(name="t"))
    assert [p.is_blank for p in cleaned.pages] == [False, False, False, True, False]
