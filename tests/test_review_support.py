"""Shared code for the review page tests: read a review page's HTML back, build documents with table records.

No tests here; the review test modules import these.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field

from agendapack import PackDocument
from agendapack.models.geometry import BBox, Provenance
from agendapack.models.records import Records
from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "review"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class ParsedReview:
    """The parts of a review page the tests look at."""

    boxes: list[dict[str, str]] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)

    @property
    def data(self) -> dict:
        return json.loads(next(text for text in self.scripts if text.startswith("{")))

    def with_attr(self, tag: str, attr: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag and attr in attrs]

    def boxes_where(self, **attrs: str) -> list[dict[str, str]]:
        return [b for b in self.boxes if all(b.get(f"data-{k}") == v for k, v in attrs.items())]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = ParsedReview()
        self._capture: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.out.tags.append((tag, values))
        if tag == "div" and "box" in values.get("class", "").split():
            self.out.boxes.append(values)
        if tag in ("script", "style"):
            self._capture = tag
            (self.out.scripts if tag == "script" else self.out.styles).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._capture:
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture == "script":
            self.out.scripts[-1] += data
        elif self._capture == "style":
            self.out.styles[-1] += data


def read_review(html: str) -> ParsedReview:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.out


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


# A table record family as the table extractor shapes them: a table with its cells, each cell with
# its own box. Used to check that the review page draws a record type it was never told about.
class DemoCell(BaseModel):
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str
    is_header: bool = False
    page: int
    bbox: BBox


class DemoTable(BaseModel):
    record_id: str
    section_id: str | None
    method: str = "ruled"
    cells: list[DemoCell]
    provenance: list[Provenance]


class DemoBudgetLine(BaseModel):
    record_id: str
    section_id: str | None
    line_item: str
    amount: str
    provenance: list[Provenance]


class RecordsWithTables(Records):
    tables: list[DemoTable] = Field(default_factory=list)
    budget_lines: list[DemoBudgetLine] = Field(default_factory=list)


def with_demo_table(doc: PackDocument, page: int) -> tuple[PackDocument, DemoTable]:
    """`doc` with one 3 x 3 table on `page` (a header row, a cell spanning two rows) and a budget line.

    The cells tile the box of the page's second text block, so their boxes land on printed text.
    """
    blocks = [b for b in doc.blocks if b.page == page]
    area = blocks[min(1, len(blocks) - 1)].bbox
    width, height = area.width / 3, area.height / 3

    def cell_box(row: int, col: int, rows: int = 1) -> BBox:
        return BBox(x0=area.x0 + col * width, top=area.top + row * height, x1=area.x0 + (col + 1) * width, bottom=area.top + (row + rows) * height)

    cells = [DemoCell(row=0, col=c, text=f"Head {c}", is_header=True, page=page, bbox=cell_box(0, c)) for c in range(3)]
    cells.append(DemoCell(row=1, col=0, row_span=2, text="Spans two rows", page=page, bbox=cell_box(1, 0, rows=2)))
    cells += [DemoCell(row=r, col=c, text=f"£{r}{c},000", page=page, bbox=cell_box(r, c)) for r in (1, 2) for c in (1, 2)]
    table = DemoTable(record_id="t001", section_id=blocks[0].section_id, cells=cells, provenance=[Provenance(page=page, bbox=area)])
    line_box = [Provenance(page=page, bbox=cell_box(1, 1))]
    line = DemoBudgetLine(record_id="bl001", section_id=blocks[0].section_id, line_item="Spans two rows", amount="11000", provenance=line_box)
    kept = doc.records.model_dump(exclude={"tables", "budget_lines"})
    records = RecordsWithTables(**kept, tables=[table], budget_lines=[line])
    return doc.model_copy(update={"records": records}), table


def browser_unavailable(reason: str) -> None:
    """No Chromium: a skip on a developer's machine, a failure in CI (which installs it: `make browser`)."""
    if in_ci():
        pytest.fail(f"{reason} - CI installs Chromium from Debian's packages (make browser)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, driven by playwright; playwright's own browser download is never used."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        browser_unavailable(f"playwright is not installed: {exc}")
    if not CHROMIUM.exists():
        browser_unavailable(f"{CHROMIUM} not found")
    driver = sync_playwright().start()
    try:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as exc:  # any launch failure means the same thing here: no browser to test with
        driver.stop()
        browser_unavailable(f"Chromium could not be launched: {exc}")
    try:
        yield chromium
    finally:
        chromium.close()
        driver.stop()


def open_review(browser: Any, html_file: Path, width: int = 1900, height: int = 1100) -> Any:
    """A new tab showing the review page from disk, with script errors collected in `tab.errors`."""
    tab = browser.new_page(viewport={"width": width, "height": height})
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.goto(html_file.resolve().as_uri())
    return tab


def wait_for_page_image(tab: Any, page: int) -> None:
    tab.wait_for_function(f"() => {{ const i = document.querySelector('#page-{page} img.page-image'); return i && i.complete && i.naturalWidth > 0; }}")


def page_offset_in_pane(tab: Any, page: int) -> float:
    """How far the top of page `page` is from the top of the scrolling pages pane, in CSS pixels."""
    script = f"() => document.getElementById('page-{page}').getBoundingClientRect().top - document.getElementById('pages').getBoundingClientRect().top"
    return tab.evaluate(script)


def click_box_centre(tab: Any, box_id: str) -> None:
    """Click where a box is drawn, as a reader would (boxes let the click through to the page's hit test)."""
    box = tab.locator(f"#{box_id}")
    box.scroll_into_view_if_needed()
    where = box.bounding_box()
    tab.mouse.click(where["x"] + where["width"] / 2, where["y"] + where["height"] / 2)


def selection(tab: Any) -> dict[str, str]:
    return tab.evaluate(
        """() => ({
            key: document.body.dataset.selected || '',
            page: document.body.dataset.selectedPage || '',
            record: document.getElementById('detail-record').textContent,
            where: document.getElementById('detail-page').textContent,
            box: (document.querySelector('.box.selected') || {id: ''}).id,
            boxPage: (document.querySelector('.box.selected') || {dataset: {page: ''}}).dataset.page,
        })"""
    )


# The other shape a table family may take: tables and their cells as two record lists, a cell
# naming its table by `table_id` and carrying its box as flat x0/top/x1/bottom fields.
class FlatTable(BaseModel):
    record_id: str
    section_id: str | None
    n_rows: int
    n_cols: int
    provenance: list[Provenance]


class FlatCell(BaseModel):
    record_id: str
    table_id: str
    row_index: int
    column_index: int
    text: str
    header: bool = False
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


class RecordsWithCellList(Records):
    tables: list[FlatTable] = Field(default_factory=list)
    table_cells: list[FlatCell] = Field(default_factory=list)


def with_flat_cells(doc: PackDocument, page: int) -> PackDocument:
    """`doc` with a 2 x 2 table on `page` whose cells are a record list of their own."""
    area = next(b for b in doc.blocks if b.page == page).bbox
    half_w, half_h = area.width / 2, area.height / 2
    cells = [
        FlatCell(record_id=f"c{r}{c}", table_id="tab1", row_index=r, column_index=c, text=f"R{r}C{c}", header=r == 0, page=page,
                 x0=area.x0 + c * half_w, top=area.top + r * half_h, x1=area.x0 + (c + 1) * half_w, bottom=area.top + (r + 1) * half_h)
        for r in range(2) for c in range(2)
    ]
    table = FlatTable(record_id="tab1", section_id=None, n_rows=2, n_cols=2, provenance=[Provenance(page=page, bbox=area)])
    kept = doc.records.model_dump(exclude={"tables", "table_cells"})
    return doc.model_copy(update={"records": RecordsWithCellList(**kept, tables=[table], table_cells=cells)})
