"""`agendapack inspect` shows in the terminal what the review page draws: records with pages and boxes, tables, issues."""

from __future__ import annotations

from rich.console import Console
from typer.testing import CliRunner

from agendapack import PackDocument
from agendapack.cli import app
from agendapack.inspect_view import render_page, render_tree
from agendapack.models.clean import FurnitureKind
from agendapack.models.issues import IssueCode, Stage, make_issue
from conftest import SAMPLE_PACK
from test_review_support import with_demo_table


def _text(renderable: object) -> str:
    console = Console(width=240, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_tree_lists_record_types_with_pages_and_boxes(sample_doc: PackDocument) -> None:
    text = _text(render_tree(sample_doc))
    assert "Records" in text
    assert f"blocks: {len(sample_doc.blocks)} on pages" in text
    item = sample_doc.records.agenda_items[0]
    box = item.provenance[0].bbox
    assert f"agenda_items {item.record_id} p.{item.provenance[0].page} ({box.x0:.0f}, {box.top:.0f})-({box.x1:.0f}, {box.bottom:.0f})" in text
    assert "more (inspect --page N lists every box on a page)" in text, "long record lists are cut short"


def test_page_view_lists_every_box_on_the_page_top_to_bottom(sample_doc: PackDocument) -> None:
    text = _text(render_page(sample_doc, 4))
    (footer,) = [f for f in sample_doc.furniture if f.page == 4 and f.kind is FurnitureKind.PAGE_NUMBER]
    line = next(line for line in text.splitlines() if "page_number" in line)
    assert f"({footer.bbox.x0:.0f}, {footer.bbox.top:.0f})-({footer.bbox.x1:.0f}, {footer.bbox.bottom:.0f}) Page 1" in line
    blocks_on_page = [b for b in sample_doc.blocks if b.page == 4]
    assert sum(1 for line in text.splitlines() if "blocks p0004-" in line) == len(blocks_on_page)
    tops = [text.index(f"blocks {b.block_id}") for b in sorted(blocks_on_page, key=lambda b: (b.bbox.top, b.bbox.x0))]
    assert tops == sorted(tops), "boxes are listed top to bottom"
    assert text.index("sections s02") < text.index("furniture") and text.index("blocks") < text.rindex("page_number")


def test_page_view_shows_tables_and_the_page_issues(sample_doc: PackDocument) -> None:
    doc, _ = with_demo_table(sample_doc, page=12)
    doc = doc.model_copy(update={"issues": [make_issue(IssueCode.PAGE_REFERENCE_MISMATCH, Stage.SEGMENT, "Pages do not match", page=12)]})
    text = _text(render_page(doc, 12))
    assert "t001: page 12, 3 x 3" in text
    assert "Spans two rows" in text and "£12,000" in text
    assert "tables.cells t001.r2c2" in text
    assert "page-reference-mismatch page 12: Pages do not match" in text
    assert "Issues (0)" in _text(render_page(doc, 11))


def test_inspect_page_option() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["inspect", str(SAMPLE_PACK), "--page", "4"])
    assert result.exit_code == 0, result.output
    assert "Page 4 of sample_pack.pdf" in result.output and "page_number" in result.output
    result = runner.invoke(app, ["inspect", str(SAMPLE_PACK), "--page", "99"])
    assert "No page 99" in result.output
