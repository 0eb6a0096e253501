"""The review page's middle column: each page image with its records' boxes, and its tables beside it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape

from agendapack.models.document import PackDocument, PageRecord
from agendapack.review.collect import Entry, Layer
from agendapack.review.geometry import PageFrame, percent_box
from agendapack.review.images import PageImage
from agendapack.review.tables_view import MAX_GRID_CELLS, TableGrid, grid_matrix, is_covered

CSS_PX_PER_POINT = 96 / 72
# Short visible tags on boxes of these layers: small boxes a reader must be able to spot unhovered.
_TAGGED_LAYERS = ("furniture", "pages")


@dataclass(frozen=True)
class DrawnBox:
    """One box as drawn: its DOM id, its record and where it sits in percent of the page."""

    box_id: str
    entry: Entry
    rank: int
    page: int
    edges: tuple[float, float, float, float]

    @property
    def area(self) -> float:
        left, top, right, bottom = self.edges
        return max(right - left, 0.0) * max(bottom - top, 0.0)


def place_boxes(doc: PackDocument, layers: list[Layer]) -> dict[int, list[DrawnBox]]:
    """Every box of every record, per page, with ids b1, b2, ... in a fixed order."""
    frames = {p.page: PageFrame.of(p.width, p.height, p.rotation) for p in doc.pages}
    by_page: dict[int, list[DrawnBox]] = defaultdict(list)
    counter = 0
    for layer in layers:
        for entry in layer.entries:
            for placement in entry.placements:
                if placement.bbox is None or placement.page not in frames:
                    continue
                counter += 1
                edges = percent_box(placement.bbox, frames[placement.page])
                by_page[placement.page].append(DrawnBox(f"b{counter}", entry, layer.rank, placement.page, edges))
    for boxes in by_page.values():
        # Painted back to front: whole-page layers first, then larger boxes under smaller ones.
        boxes.sort(key=lambda b: (-b.rank, -b.area, b.box_id))
    return by_page


def pages_html(
    doc: PackDocument, boxes: dict[int, list[DrawnBox]], images: dict[int, PageImage], grids: list[TableGrid], unboxed: dict[int, list[Entry]]
) -> str:
    grids_by_page: dict[int, list[TableGrid]] = defaultdict(list)
    for grid in grids:
        if grid.page is not None:
            grids_by_page[grid.page].append(grid)
    cell_boxes = _first_box_per_record(boxes)
    articles = [
        _page_article(doc, page, boxes.get(page.page, []), images.get(page.page), grids_by_page.get(page.page, []), unboxed.get(page.page, []), cell_boxes)
        for page in doc.pages
    ]
    body = "\n".join(articles) if articles else '<p class="none">This pack has no pages to show.</p>'
    return f'<main id="pages">\n{body}\n</main>'


def _first_box_per_record(boxes: dict[int, list[DrawnBox]]) -> dict[str, str]:
    first: dict[str, tuple[int, str]] = {}
    for page, page_boxes in boxes.items():
        for box in page_boxes:
            order = (page, box.box_id)
            if box.entry.key not in first or order < first[box.entry.key]:
                first[box.entry.key] = order
    return {key: box_id for key, (_, box_id) in first.items()}


def _page_article(
    doc: PackDocument, page: PageRecord, boxes: list[DrawnBox], image: PageImage | None, grids: list[TableGrid], unboxed: list[Entry], box_of: dict[str, str]
) -> str:
    frame = PageFrame.of(page.width, page.height, page.rotation)
    return (
        f'<article class="page" id="page-{page.page}" data-page="{page.page}">'
        f"{_page_header(doc, page)}"
        '<div class="page-body">'
        f"{_sheet(page.page, frame, boxes, image)}"
        f"{_page_side(page.page, boxes, grids, unboxed, box_of)}"
        "</div></article>"
    )


def _page_header(doc: PackDocument, page: PageRecord) -> str:
    parts = [f'<button class="page-title" data-rec="page:{page.page}">Page {page.page}</button>']
    if page.printed_label:
        parts.append(f'<span class="printed">printed “{escape(page.printed_label)}”</span>')
    if page.section_id:
        title = next((s.title for s in doc.sections if s.section_id == page.section_id), "")
        parts.append(f'<span class="section" data-rec="sections:{escape(page.section_id)}">{escape(page.section_id)} {escape(title)}</span>')
    states = (("blank", page.is_blank), ("needs OCR", page.needs_ocr), ("landscape", page.landscape), ("unreadable", not page.readable))
    flags = [name for name, on in states if on]
    parts.extend(f'<span class="flag">{flag}</span>' for flag in flags)
    if page.furniture_count:
        parts.append(f'<span class="furniture-count">{page.furniture_count} furniture</span>')
    issues = [i for i in doc.issues if i.page == page.page]
    if issues:
        codes = ", ".join(sorted({i.code.value for i in issues}))
        parts.append(f'<span class="page-issues">{len(issues)} issue{"s" if len(issues) > 1 else ""}: {escape(codes)}</span>')
    return f'<header class="page-head">{" ".join(parts)}</header>'


def _sheet(page_no: int, frame: PageFrame, boxes: list[DrawnBox], image: PageImage | None) -> str:
    width_px = round(frame.width * CSS_PX_PER_POINT)
    height_px = round(frame.height * CSS_PX_PER_POINT)
    if image is not None and image.data_uri:
        picture = f'<img class="page-image" alt="Page {page_no}" loading="lazy" width="{width_px}" height="{height_px}" data-src="{image.data_uri}">'
    else:
        reason = image.error if image is not None else "No image was rendered."
        picture = f'<div class="no-image">{escape(reason or "")}</div>'
    drawn = "".join(_box_html(box) for box in boxes)
    return (
        f'<div class="sheet" data-page="{page_no}" style="width:{width_px}px;aspect-ratio:{width_px}/{height_px}">'
        f"{picture}{drawn}</div>"
    )


def _box_html(box: DrawnBox) -> str:
    left, top, right, bottom = box.edges
    entry = box.entry
    kind = f' data-kind="{escape(entry.kind)}"' if entry.kind else ""
    tag = f'<span class="tag">{escape((entry.kind or entry.layer).replace("_", " "))}</span>' if entry.layer in _TAGGED_LAYERS else ""
    return (
        f'<div class="box" id="{box.box_id}" data-rec="{escape(entry.key)}" data-layer="{escape(entry.layer)}"{kind} '
        f'data-page="{box.page}" data-rank="{box.rank}" data-b="{left} {top} {right} {bottom}" '
        f'style="left:{left}%;top:{top}%;width:{round(right - left, 3)}%;height:{round(bottom - top, 3)}%">{tag}</div>'
    )


def _page_side(page_no: int, boxes: list[DrawnBox], grids: list[TableGrid], unboxed: list[Entry], box_of: dict[str, str]) -> str:
    parts = [_table_html(grid, box_of) for grid in grids]
    in_grids = {cell.entry_key for grid in grids for cell in grid.cells if cell.entry_key}
    listed = _record_list([b for b in boxes if b.entry.key not in in_grids], unboxed)
    if listed:
        parts.append(listed)
    return f'<div class="page-side">{"".join(parts)}</div>' if parts else '<div class="page-side empty"></div>'


def _record_list(boxes: list[DrawnBox], unboxed: list[Entry]) -> str:
    """The page's records other than blocks and sections (those are many, and shown by the boxes and tree).

    Cells drawn in a grid beside the page are left out by the caller: the grid lists them already.
    """
    rows: list[tuple[float, float, str]] = []
    seen: set[str] = set()
    for box in sorted(boxes, key=lambda b: (b.edges[1], b.edges[0], b.box_id)):
        if box.entry.layer in ("blocks", "sections") or box.entry.key in seen:
            continue
        seen.add(box.entry.key)
        rows.append((box.edges[1], box.edges[0], _record_item(box.entry, box.box_id)))
    without_box = [entry for entry in unboxed if entry.key not in seen and entry.layer not in ("blocks", "sections")]
    items = [html for _, _, html in rows] + [_record_item(entry, None) for entry in without_box]
    if not items:
        return ""
    return f'<section class="on-page"><h3>Records on this page ({len(items)})</h3><ul>{"".join(items)}</ul></section>'


def _record_item(entry: Entry, box_id: str | None) -> str:
    target = f' data-box="{box_id}"' if box_id else ""
    where = "" if box_id else ' <span class="no-box">(no box)</span>'
    kind = f" {escape(entry.kind)}" if entry.kind and entry.layer != "sections" else ""
    return (
        f'<li><button class="rec-link" data-rec="{escape(entry.key)}"{target}>'
        f'<span class="swatch" data-layer="{escape(entry.layer)}"></span> <b>{escape(entry.layer)}</b>{kind} '
        f"<code>{escape(entry.record_id)}</code> {escape(entry.summary)}</button>{where}</li>"
    )


def _table_html(grid: TableGrid, box_of: dict[str, str]) -> str:
    entry = grid.entry
    rows, cols = grid.shape
    other_pages = [p for p in entry.pages if p != grid.page]
    continued = f" · continues on page{'s' if len(other_pages) > 1 else ''} {', '.join(map(str, other_pages))}" if other_pages else ""
    caption = (
        f'<caption><button class="rec-link" data-rec="{escape(entry.key)}"{_box_attr(box_of, entry.key)}>'
        f"<b>{escape(entry.layer)}</b> <code>{escape(entry.record_id)}</code></button> {rows} × {cols}{continued}"
        f'{" · " + escape(entry.summary) if entry.summary else ""}</caption>'
    )
    if not grid.cells:
        return f'<table class="extracted" data-rec="{escape(entry.key)}">{caption}<tr><td class="none">No cells recorded.</td></tr></table>'
    if rows * cols > MAX_GRID_CELLS:
        note = f"Too large to draw here ({rows * cols} positions)."
        return f'<table class="extracted" data-rec="{escape(entry.key)}">{caption}<tr><td class="none">{note}</td></tr></table>'
    body = []
    for row in grid_matrix(grid):
        tds = []
        for cell in row:
            if is_covered(cell):
                continue
            if cell is None:
                tds.append("<td></td>")
                continue
            tag = "th" if cell.header else "td"
            span = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + (f' colspan="{cell.col_span}"' if cell.col_span > 1 else "")
            rec = f' data-rec="{escape(cell.entry_key)}"{_box_attr(box_of, cell.entry_key)}' if cell.entry_key else ""
            tds.append(f'<{tag} class="cell"{span}{rec}>{escape(cell.text)}</{tag}>')
        body.append(f"<tr>{''.join(tds)}</tr>")
    return f'<table class="extracted" data-rec="{escape(entry.key)}">{caption}{"".join(body)}</table>'


def _box_attr(box_of: dict[str, str], key: str) -> str:
    return f' data-box="{box_of[key]}"' if key in box_of else ""
