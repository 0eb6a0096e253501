"""Table extraction over a whole pack: pick the pages, find and stitch the tables, read what they hold.

Runs on every page that looks tabular, whatever its section's kind. Each table becomes a
`Table` and its `TableCell`s; tables that are understood also give budget lines,
attendance matrix entries or tracker rows. A page that cannot be read, or a reader
that fails on one table, becomes an issue, never a lost pack.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from agendapack.extract.tables.build import table_records
from agendapack.extract.tables.detect import has_sideways_text, is_table_candidate
from agendapack.extract.tables.finder import find_page_tables
from agendapack.extract.tables.grid import Method, RawTable
from agendapack.extract.tables.primitives import Box
from agendapack.extract.tables.stitch import stitch
from agendapack.extract.tables.view import TableView
from agendapack.memory import check_budget
from agendapack.models.clean import CleanPack, CleanPage, FurnitureKind
from agendapack.models.document import Section, SectionKind
from agendapack.models.geometry import TextSource
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.records import Records
from agendapack.models.tabular import Table, TableKind
from agendapack.ocr.provenance import page_words
from agendapack.stages.blocks import innermost_section_by_page

if TYPE_CHECKING:
    from agendapack.extract.tables import TablePages


def extract_tables(pages: TablePages, sections: list[Section], pack: CleanPack) -> tuple[Records, list[Issue]]:
    issues: list[Issue] = []  # what reading the tables found; the pages' own issues go first, as when all were found before any was read
    page_issues: list[Issue] = []
    owner = innermost_section_by_page(sections)
    kinds = {s.section_id: s.kind for s in sections}
    ocr_words = {page.page: page_words(page) for page in pack.pages if page.text_source is TextSource.OCR}
    out: dict[str, list] = {"tables": [], "table_cells": [], "budget_lines": [], "attendance_matrix": [], "tracker_rows": []}
    per_page: dict[int, int] = {}
    for stitched in stitch(find_pack_tables(pages, pack, page_issues)):  # found, read and dropped a table at a time
        first = stitched.first
        per_page[first.page] = per_page.get(first.page, 0) + 1
        table_id = f"tbl-p{first.page:03d}-{per_page[first.page]}"
        section_id = owner.get(first.page)
        table, cells = table_records(stitched, table_id, section_id)
        if table.method.value == Method.RAW:
            issues.append(
                make_issue(
                    IssueCode.TABLE_UNSTRUCTURED,
                    Stage.EXTRACT,
                    f"Table {table_id} could not be structured into rows and columns; its text is kept as one cell per line.",
                    page=first.page,
                )
            )
        if first.chart:
            issues.append(
                make_issue(
                    IssueCode.TABLE_CHART,
                    Stage.EXTRACT,
                    f"Table {table_id} is a chart, not a table of data ({first.chart}); its labels are kept as cells of kind 'chart'.",
                    page=first.page,
                )
            )
            table = table.model_copy(update={"kind": TableKind.CHART})
        else:
            view = TableView(table, cells, {p: ocr_words[p] for p in table.pages if p in ocr_words})
            table = _read(view, kinds.get(section_id or "", SectionKind.OTHER), out, issues)
        out["tables"].append(table)
        out["table_cells"].extend(cells)
    out["tracker_rows"].extend(_task_groups(out["tables"], pack, owner))
    return Records(**out), page_issues + issues


def _task_groups(tables: list[Table], pack: CleanPack, owner: dict[int, str]) -> list:
    """Task groups listed under a work programme's last table on a page."""
    from agendapack.extract.trackers import task_group_rows

    pages = {page.page: page for page in pack.pages}
    lowest: dict[int, float] = {}
    for table in tables:
        if table.kind is TableKind.WORK_PROGRAMME and table.rotation == 0:
            for where in table.provenance:
                if where.bbox is not None:
                    lowest[where.page] = max(lowest.get(where.page, 0.0), where.bbox.bottom)
    rows = []
    for page_no, bottom in sorted(lowest.items()):
        rows.extend(task_group_rows(pages[page_no], bottom, owner.get(page_no)))
    return rows


def find_pack_tables(pages: TablePages, pack: CleanPack, issues: list[Issue]) -> Iterator[RawTable]:
    """Raw tables of every candidate page, in page order, as a stream: each page's drawings are read when its turn comes and dropped after."""
    headers = _running_headers(pack)
    for page in pack.pages:
        if not is_table_candidate(page):
            continue
        check_budget()  # outside the page's handler below: a passed memory budget stops the file, it is not one bad page
        content = pages.content(page.page, chars=has_sideways_text(page))
        if content is None:
            issues.append(
                make_issue(IssueCode.TABLE_PAGE_UNREADABLE, Stage.EXTRACT, f"Page {page.page} could not be read again for its tables.", page=page.page)
            )
            continue
        blocks, drawings = content
        if page.image_rulings:  # a scanned page has no vector drawings: the rulings OCR saw on its image stand in
            from agendapack.ocr.image import as_drawings

            drawings = drawings + as_drawings(page.image_rulings)
        try:
            found = find_page_tables(page.page, page.lines, blocks, drawings, unrotated_size(page), headers.get(page.page, []))
        except Exception as exc:  # one odd page must not lose the others' tables
            issues.append(
                make_issue(
                    IssueCode.TABLE_PAGE_UNREADABLE, Stage.EXTRACT, f"Tables on page {page.page} could not be read: {type(exc).__name__}: {exc}", page=page.page
                )
            )
            continue
        del blocks, drawings, content  # not held while the page's tables are read
        yield from found


def unrotated_size(page: CleanPage) -> tuple[float, float]:
    """Width and height of the page before its /Rotate, the space PyMuPDF gives boxes in."""
    if page.rotation % 180 == 90:
        return page.height, page.width
    return page.width, page.height


def _running_headers(pack: CleanPack) -> dict[int, list[tuple[str, Box]]]:
    """Running headers and footers cleaning took out, per page: a repeated table header may be among them."""
    out: dict[int, list[tuple[str, Box]]] = {}
    for item in pack.furniture:
        if item.kind in (FurnitureKind.RUNNING_HEADER, FurnitureKind.RUNNING_FOOTER):
            out.setdefault(item.page, []).append((item.text, (item.bbox.x0, item.bbox.top, item.bbox.x1, item.bbox.bottom)))
    return out


def _read(view: TableView, section_kind: SectionKind, out: dict[str, list], issues: list[Issue]) -> Table:
    """Run the readers in order; the first that recognises the table decides its kind."""
    from agendapack.extract.tables.readers import READERS  # late: the readers live outside this package

    table = view.table
    if table.method.value == Method.RAW:
        return table
    for reader in READERS:
        try:
            result = reader(view, section_kind)
        except Exception as exc:  # a reader that fails on one table leaves it as cells
            issues.append(
                make_issue(
                    IssueCode.EXTRACTOR_FAILED, Stage.EXTRACT, f"Reading table {table.record_id} failed: {type(exc).__name__}: {exc}", page=table.pages[0]
                )
            )
            continue
        if result is None:
            continue
        for name, records in result.records.items():
            out[name].extend(records)
        issues.extend(result.issues)
        return table.model_copy(update={"kind": result.kind})
    return table
