"""The review page in a real headless Chromium: clicking a section and a table cell shows the right page and record."""

from __future__ import annotations

import pytest

from agendapack import PackDocument
from agendapack.models.issues import IssueCode, Stage, make_issue
from agendapack.review import build_review_html
from agendapack.review.collect import Entry, collect_layers
from conftest import SAMPLE_PACK
from test_review_support import (
    artifact,
    browser,  # noqa: F401  (a fixture)
    browser_unavailable,
    click_box_centre,
    open_review,
    page_offset_in_pane,
    selection,
    wait_for_page_image,
    with_demo_table,
)


def _first_with_box(doc: PackDocument, want) -> Entry | None:
    return next((e for layer in collect_layers(doc) if want(layer.name) for e in layer.entries if any(p.bbox for p in e.placements)), None)


def test_clicking_a_section_and_a_cell_shows_their_page_and_record(browser, sample_doc: PackDocument) -> None:  # noqa: F811
    html_file = artifact("sample_pack.review.html")
    html_file.write_text(build_review_html(SAMPLE_PACK, sample_doc), encoding="utf-8")
    tab = open_review(browser, html_file)

    section = next(s for s in sample_doc.sections if s.page_start > 5)
    tab.click(f'a.section-link[data-rec="sections:{section.section_id}"]')
    wait_for_page_image(tab, section.page_start)
    assert abs(page_offset_in_pane(tab, section.page_start)) < 30, "the section's first page is at the top of the pane"
    chosen = selection(tab)
    assert chosen["key"] == f"sections:{section.section_id}" and chosen["record"] == section.section_id
    assert chosen["page"] == chosen["boxPage"] == str(section.page_start)
    assert chosen["where"].startswith(f"page {section.page_start}")

    # A table cell when the pack has table records; until then, an agenda item (any located record).
    target = _first_with_box(sample_doc, lambda name: "cell" in name) or _first_with_box(sample_doc, lambda name: name == "agenda_items")
    assert target is not None
    page = target.placements[0].page
    cell_in_grid = tab.locator(f'#pages .cell[data-rec="{target.key}"]')
    if cell_in_grid.count():
        cell_in_grid.first.click()
    else:
        box_id = tab.locator(f'.box[data-rec="{target.key}"][data-page="{page}"]').first.get_attribute("id")
        click_box_centre(tab, box_id)
    wait_for_page_image(tab, page)
    chosen = selection(tab)
    assert chosen["key"] == target.key and chosen["record"] == target.record_id
    assert chosen["boxPage"] == str(page) and chosen["where"].startswith(f"page {page}")
    assert tab.locator(f"#{chosen['box']}").is_visible()
    tab.screenshot(path=str(artifact("sample_pack.review.png")))
    assert tab.errors == []


def test_a_table_cell_is_picked_from_its_grid_and_from_the_page(browser, sample_doc: PackDocument) -> None:  # noqa: F811
    doc, _ = with_demo_table(sample_doc, page=12)
    html_file = artifact("table_demo.review.html")
    html_file.write_text(build_review_html(SAMPLE_PACK, doc), encoding="utf-8")
    tab = open_review(browser, html_file)

    tab.click('#page-12 td.cell[rowspan="2"]')
    wait_for_page_image(tab, 12)
    chosen = selection(tab)
    assert chosen["key"] == "tables.cells:t001.r1c0" and chosen["boxPage"] == "12"
    assert tab.locator('#page-12 td.cell[rowspan="2"]').get_attribute("class").split() == ["cell", "current"]

    # On the page image: the smallest record under the pointer first, then the next one down on each click.
    cell_box = tab.locator('.box[data-rec="tables.cells:t001.r1c1"]').get_attribute("id")
    picked = []
    for _ in range(4):
        click_box_centre(tab, cell_box)
        picked.append(selection(tab)["key"])
    assert picked[:3] == ["tables.cells:t001.r1c1", "budget_lines:bl001", "tables:t001"]
    assert picked[3].startswith("blocks:")
    tab.screenshot(path=str(artifact("table_demo.review.png")))
    assert tab.errors == []


def test_hidden_layers_are_not_picked(browser, sample_doc: PackDocument) -> None:  # noqa: F811
    html_file = artifact("sample_pack.review.html")
    if not html_file.exists():
        html_file.write_text(build_review_html(SAMPLE_PACK, sample_doc), encoding="utf-8")
    tab = open_review(browser, html_file)
    # Leave only text blocks and sections showing: a block is then the most specific box at its centre.
    for toggle in tab.locator("#legend input[data-layer]").all():
        if toggle.get_attribute("data-layer") not in ("blocks", "sections"):
            toggle.uncheck()
    block = next(b for b in sample_doc.blocks if b.page == 4)
    box = tab.locator(f'.box[data-rec="blocks:{block.block_id}"]')
    box.scroll_into_view_if_needed()
    where = box.bounding_box()
    centre = (where["x"] + where["width"] / 2, where["y"] + where["height"] / 2)
    tab.mouse.click(*centre)
    assert selection(tab)["key"] == f"blocks:{block.block_id}"
    tab.uncheck('#legend input[data-layer="blocks"]')
    assert not box.is_visible()
    tab.mouse.click(*centre)
    assert selection(tab)["key"] == "sections:s02", "the same spot now gives the section under the hidden block"


def test_no_browser_in_ci_is_a_failure_not_a_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        browser_unavailable("Chromium could not be launched")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        browser_unavailable("Chromium could not be launched")


def test_hover_previews_a_record_and_issue_links_go_to_their_page(browser, sample_doc: PackDocument) -> None:  # noqa: F811
    issue = make_issue(IssueCode.PAGE_REFERENCE_MISMATCH, Stage.SEGMENT, "Item 7 is printed as pages 19-22", page=21)
    doc = sample_doc.model_copy(update={"issues": [issue]})
    html_file = artifact("issues.review.html")
    html_file.write_text(build_review_html(SAMPLE_PACK, doc), encoding="utf-8")
    tab = open_review(browser, html_file)

    tab.click('#issues a.issue-page[data-page="21"]')
    assert abs(page_offset_in_pane(tab, 21)) < 30
    footer = next(f for f in doc.furniture if f.page == 21 and f.kind.value == "page_number")
    box = tab.locator('#page-21 .box[data-layer="furniture"][data-kind="page_number"]')
    box.scroll_into_view_if_needed()
    where = box.bounding_box()
    tab.mouse.move(where["x"] + where["width"] / 2, where["y"] + where["height"] / 2)
    tooltip = tab.locator("#tooltip")
    assert tooltip.is_visible()
    assert "Removed furniture · page_number" in tooltip.inner_text() and footer.text in tooltip.inner_text()
    assert "hover" in box.get_attribute("class").split()
    assert tab.errors == []
