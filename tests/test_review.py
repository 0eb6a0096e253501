"""The review page as HTML: self-contained, every record drawn where it sits, every issue listed."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agendapack import PackDocument, parse
from agendapack.cli import app
from agendapack.models.clean import FurnitureKind
from agendapack.models.issues import IssueCode, Stage, make_issue
from agendapack.review import build_review_html
from bad_inputs import write
from conftest import SAMPLE_NO_OUTLINE, SAMPLE_PACK
from test_review_support import artifact, read_review, with_demo_table, with_flat_cells

EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def sample_html(sample_doc: PackDocument) -> str:
    html = build_review_html(SAMPLE_PACK, sample_doc)
    artifact("sample_pack.review.html").write_text(html, encoding="utf-8")
    return html


def test_page_is_self_contained(sample_html: str) -> None:
    page = read_review(sample_html)
    assert not EXTERNAL.search(sample_html), "a src/href points to the network"
    assert not [attrs for tag, attrs in page.tags if tag == "link"], "no <link> at all: styles are inline"
    assert not page.with_attr("script", "src")
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", "\n".join(page.styles))
    images = page.with_attr("img", "data-src")
    assert len(images) == 31
    assert all(img["data-src"].startswith(("data:image/png;base64,", "data:image/jpeg;base64,")) for img in images)
    # Lazy: no image is decoded until its page comes near the viewport.
    assert all(img.get("loading") == "lazy" and "src" not in img for img in images)


def test_every_record_with_a_box_is_drawn_on_its_page(sample_doc: PackDocument, sample_html: str) -> None:
    page = read_review(sample_html)
    drawn = Counter((b["data-layer"], int(b["data-page"])) for b in page.boxes)
    wanted: Counter = Counter()
    wanted.update(("sections", p.page) for s in sample_doc.sections for p in s.provenance if p.bbox is not None)
    wanted.update(("blocks", b.page) for b in sample_doc.blocks)
    wanted.update(("furniture", f.page) for f in sample_doc.furniture)
    wanted.update(("pages", p.page) for p in sample_doc.pages if p.is_blank)
    for name in type(sample_doc.records).model_fields:
        wanted.update((name, p.page) for record in getattr(sample_doc.records, name) for p in record.provenance if p.bbox is not None)
    assert drawn == wanted
    assert sum(wanted.values()) > 500


def test_boxes_sit_where_the_text_is(sample_doc: PackDocument, sample_html: str) -> None:
    """The 'Page 1' footer of page 4 (printed page 1) is drawn at its place, in percent of the page."""
    page = read_review(sample_html)
    (footer,) = [f for f in sample_doc.furniture if f.page == 4 and f.kind is FurnitureKind.PAGE_NUMBER]
    (box,) = page.boxes_where(layer="furniture", kind="page_number", page="4")
    size = sample_doc.pages[3]
    left, top, right, bottom = (float(v) for v in box["data-b"].split())
    assert left == pytest.approx(footer.bbox.x0 / size.width * 100, abs=0.01)
    assert bottom == pytest.approx(footer.bbox.bottom / size.height * 100, abs=0.01)
    assert top > 90, "a footer sits in the bottom tenth of the page"
    assert 40 < left < right < 60, "... centred"
    assert page.data["records"][box["data-rec"]]["fields"]["text"] == "Page 1"


def test_every_box_has_its_record_in_the_data(sample_html: str) -> None:
    page = read_review(sample_html)
    records = page.data["records"]
    assert all(b["data-rec"] in records for b in page.boxes)
    ids = [b["id"] for b in page.boxes]
    assert len(ids) == len(set(ids))
    for key, record in records.items():
        assert all(box_id in ids for box_id in record["boxes"]), key


def test_section_tree_links_to_first_pages_and_nests(sample_doc: PackDocument, sample_html: str) -> None:
    page = read_review(sample_html)
    links = {a["data-rec"]: a for a in page.with_attr("a", "data-rec") if "section-link" in a.get("class", "")}
    assert set(links) == {f"sections:{s.section_id}" for s in sample_doc.sections}
    for section in sample_doc.sections:
        assert links[f"sections:{section.section_id}"]["href"] == f"#page-{section.page_start}"
    # s04.01 is listed inside s04's entry: its link comes after s04's and before s05's.
    order = [a["data-rec"] for a in page.with_attr("a", "data-rec") if "section-link" in a.get("class", "")]
    assert order.index("sections:s04") < order.index("sections:s04.01") < order.index("sections:s05")
    assert re.search(r'data-rec="sections:s04".*?<ul><li><a class="section-link" href="#page-15"', sample_html)


def test_every_issue_is_listed_with_a_link_to_its_page(sample_doc: PackDocument) -> None:
    issues = [
        make_issue(IssueCode.PAGE_REFERENCE_MISMATCH, Stage.SEGMENT, "Item 5 says pages 7-10 but <script>alert(1)</script> starts on 11", page=10),
        make_issue(IssueCode.NO_OUTLINE, Stage.SEGMENT, "No usable outline."),
        make_issue(IssueCode.PAGE_UNREADABLE, Stage.LOAD, "Page 31 could not be read.", page=31),
    ]
    doc = sample_doc.model_copy(update={"issues": issues})
    html = build_review_html(SAMPLE_PACK, doc)
    page = read_review(html)
    listed = [attrs for tag, attrs in page.tags if tag == "li" and "issue" in attrs.get("class", "").split()]
    assert [item["data-page"] for item in listed] == ["10", "", "31"]
    assert [a["href"] for a in page.with_attr("a", "href") if "issue-page" in a.get("class", "")] == ["#page-10", "#page-31"]
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Issues (3)" in html


def test_no_outline_pack_lists_its_issue() -> None:
    doc = parse(SAMPLE_NO_OUTLINE)
    assert doc.issues, "this pack has at least the no-outline issue"
    html = build_review_html(SAMPLE_NO_OUTLINE, doc)
    for issue in doc.issues:
        assert issue.code.value in html


def test_a_record_type_it_was_never_told_about_is_drawn_with_its_cells_and_table(sample_doc: PackDocument) -> None:
    doc, table = with_demo_table(sample_doc, page=12)
    html = build_review_html(SAMPLE_PACK, doc)
    page = read_review(html)
    assert len(page.boxes_where(layer="tables", page="12")) == 1
    cells = page.boxes_where(layer="tables.cells", page="12")
    assert len(cells) == len(table.cells) == 8
    assert len(page.boxes_where(layer="budget_lines", page="12")) == 1
    # The grid beside page 12: header cells as <th>, the spanning cell with rowspan, each cell tied to its box.
    cell_ids = {c["id"] for c in cells}
    tds = [attrs for tag, attrs in page.tags if tag in ("td", "th") and "cell" in attrs.get("class", "")]
    assert len(tds) == 8 and {td["data-box"] for td in tds} == cell_ids
    assert [attrs.get("rowspan") for tag, attrs in page.tags if tag == "td" and "cell" in attrs.get("class", "")].count("2") == 1
    assert len([1 for tag, attrs in page.tags if tag == "th" and "cell" in attrs.get("class", "")]) == 3
    grid_at = html.index('<table class="extracted"')
    assert html.rindex('id="page-12"', 0, grid_at) > html.rindex('id="page-11"', 0, grid_at), "the grid is beside page 12"
    # The table's own fields stay readable; its cells are summarised there, not repeated.
    assert page.data["records"]["tables:t001"]["fields"]["cells"].startswith("8 records")
    assert page.data["records"]["tables.cells:t001.r1c0"]["fields"]["text"] == "Spans two rows"
    assert page.data["records"]["tables.cells:t001.r1c0"]["parent"] == "tables:t001"


def test_same_document_gives_the_same_bytes(sample_doc: PackDocument, sample_html: str) -> None:
    assert build_review_html(SAMPLE_PACK, sample_doc) == sample_html


def test_a_file_that_is_not_a_pdf_still_gets_a_page_with_its_issue(tmp_path: Path) -> None:
    path = write(tmp_path, "minutes.pdf", b"<html>Not found</html>")
    doc = parse(path)
    html = build_review_html(path, doc)
    assert "not-a-pdf" in html and "no pages to show" in html


def test_review_command_and_parse_review_option(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "review.html"
    result = runner.invoke(app, ["review", str(SAMPLE_PACK), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["parse", str(SAMPLE_PACK), "-o", str(tmp_path / "out"), "--review"])
    assert result.exit_code == 0, result.output
    (folder,) = (tmp_path / "out").iterdir()
    assert (folder / "review.html").read_bytes() == out.read_bytes()


def test_cells_kept_as_their_own_record_list_are_drawn_and_gridded(sample_doc: PackDocument) -> None:
    doc = with_flat_cells(sample_doc, page=5)
    page = read_review(build_review_html(SAMPLE_PACK, doc))
    cells = page.boxes_where(layer="table_cells", page="5")
    assert sorted(b["data-rec"] for b in cells) == ["table_cells:c00", "table_cells:c01", "table_cells:c10", "table_cells:c11"]
    block = next(b for b in doc.blocks if b.page == 5).bbox
    (c00,) = page.boxes_where(layer="table_cells", page="5", rec="table_cells:c00")
    assert float(c00["data-b"].split()[0]) == pytest.approx(block.x0 / doc.pages[4].width * 100, abs=0.01)
    grid = [(tag, attrs["data-rec"]) for tag, attrs in page.tags if tag in ("td", "th") and "cell" in attrs.get("class", "")]
    assert grid == [("th", "table_cells:c00"), ("th", "table_cells:c01"), ("td", "table_cells:c10"), ("td", "table_cells:c11")]
