"""Kent's questions pack: every removed "Page N" footer and both blank pages are visible on the review page.

Expected values read from the page images (pdftoppm -r 60): physical pages 3-19 print a centred
"Page 1" ... "Page 17" footer; pages 2 and 20 say only "This page is intentionally left blank";
page 1 (the frontsheet letter) has no page number.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from agendapack import PackDocument, parse
from agendapack.models.clean import FurnitureKind
from agendapack.review import build_review_html
from test_review_support import (
    artifact,
    browser,  # noqa: F401  (a fixture)
    click_box_centre,
    open_review,
    read_review,
    selection,
    wait_for_page_image,
)

KENT_QUESTIONS = "kent-cc/Questions put and answers given 13th-Mar-2025 10.00 County Council.pdf"
FOOTERS = {physical: f"Page {physical - 2}" for physical in range(3, 20)}
BLANK_PAGES = (2, 20)


@pytest.fixture(scope="module")
def kent(corpus: Path) -> tuple[Path, PackDocument, str]:
    pdf = corpus / KENT_QUESTIONS
    doc = parse(pdf)
    html = build_review_html(pdf, doc)
    artifact("kent_questions.review.html").write_text(html, encoding="utf-8")
    return pdf, doc, html


def test_the_pack_reads_as_the_page_images_show(kent: tuple[Path, PackDocument, str]) -> None:
    _, doc, _ = kent
    footers = {f.page: f.text for f in doc.furniture if f.kind is FurnitureKind.PAGE_NUMBER}
    assert footers == FOOTERS
    assert sorted(f.page for f in doc.furniture if f.kind is FurnitureKind.BLANK_PAGE_NOTICE) == list(BLANK_PAGES)
    assert [p.page for p in doc.pages if p.is_blank] == list(BLANK_PAGES)


def test_every_footer_and_blank_page_is_drawn_as_furniture(kent: tuple[Path, PackDocument, str]) -> None:
    _, doc, html = kent
    page = read_review(html)
    records = page.data["records"]
    for kind in (FurnitureKind.PAGE_NUMBER, FurnitureKind.BLANK_PAGE_NOTICE):
        drawn = Counter(int(b["data-page"]) for b in page.boxes_where(layer="furniture", kind=kind.value))
        assert drawn == Counter(f.page for f in doc.furniture if f.kind is kind), kind
    for number, text in FOOTERS.items():
        (box,) = page.boxes_where(layer="furniture", kind="page_number", page=str(number))
        left, top, right, _ = (float(v) for v in box["data-b"].split())
        assert records[box["data-rec"]]["fields"]["text"] == text
        assert top > 90 and 40 < left < right < 60, f"page {number}: the footer box sits bottom centre"
    for number in BLANK_PAGES:
        assert len(page.boxes_where(layer="furniture", kind="blank_page_notice", page=str(number))) == 1
        (whole,) = page.boxes_where(layer="pages", page=str(number))
        assert whole["data-b"] == "0.0 0.0 100.0 100.0"
    assert not page.boxes_where(layer="furniture", kind="page_number", page="1")


def test_footer_and_blank_page_in_the_browser(browser, kent: tuple[Path, PackDocument, str]) -> None:  # noqa: F811
    _, _, html = kent
    html_file = artifact("kent_questions.review.html")
    tab = open_review(browser, html_file)
    page = read_review(html)

    (footer,) = page.boxes_where(layer="furniture", kind="page_number", page="11")
    tab.click(f"#page-11 .rec-link[data-rec='{footer['data-rec']}']")
    wait_for_page_image(tab, 11)
    drawn = tab.locator(f"#{footer['id']}")
    assert drawn.is_visible()
    box = drawn.bounding_box()
    sheet = tab.locator("#page-11 .sheet").bounding_box()
    assert box["width"] > 10 and box["y"] > sheet["y"] + 0.9 * sheet["height"]
    assert drawn.locator(".tag").inner_text() == "page number"
    chosen = selection(tab)
    assert chosen["key"] == footer["data-rec"] and chosen["boxPage"] == "11"
    assert "Page 9" in tab.locator("#detail-fields").inner_text()
    tab.screenshot(path=str(artifact("kent_questions.footer.png")))

    (notice,) = page.boxes_where(layer="furniture", kind="blank_page_notice", page="20")
    click_box_centre(tab, notice["id"])
    wait_for_page_image(tab, 20)
    assert selection(tab)["key"] == notice["data-rec"]
    assert tab.locator('.box[data-layer="pages"][data-page="20"]').is_visible()
    assert "intentionally left blank" in tab.locator("#detail-fields").inner_text()
    tab.screenshot(path=str(artifact("kent_questions.blank_page.png")))
    assert tab.errors == []
