"""The flat tables written beside document.json: one column spec per table, one row builder each.

The column specs are the single schema for CSV, Parquet and (later) the data
package description, so the three can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from agendapack.models.document import PackDocument
from agendapack.models.geometry import BBox


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # one of: string, integer, number, boolean
    description: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[PackDocument], Iterator[dict]]
    primary_key: tuple[str, ...]


def _c(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description)


BOX_COLUMNS = (
    _c("x0", "number", "Left edge, PDF points from the page's left"),
    _c("top", "number", "Top edge, PDF points from the page's top"),
    _c("x1", "number", "Right edge, PDF points"),
    _c("bottom", "number", "Bottom edge, PDF points from the page's top"),
)


def _box(bbox: BBox | None) -> dict:
    if bbox is None:
        return {"x0": None, "top": None, "x1": None, "bottom": None}
    return {"x0": round(bbox.x0, 2), "top": round(bbox.top, 2), "x1": round(bbox.x1, 2), "bottom": round(bbox.bottom, 2)}


def _section_rows(doc: PackDocument) -> Iterator[dict]:
    for s in doc.sections:
        first = s.provenance[0].bbox if s.provenance else None
        yield {
            "pack_id": doc.pack_id, "section_id": s.section_id, "parent_id": s.parent_id, "level": s.level,
            "item_number": s.item_number, "title": s.title, "kind": s.kind.value, "kind_confidence": s.kind_confidence,
            "page_start": s.page_start, "page_end": s.page_end, "source": s.source.value, "confidence": s.confidence,
            **_box(first),
        }


def _page_rows(doc: PackDocument) -> Iterator[dict]:
    for p in doc.pages:
        yield {
            "pack_id": doc.pack_id, "page": p.page, "printed_label": p.printed_label, "pdf_label": p.pdf_label,
            "width": round(p.width, 2), "height": round(p.height, 2), "rotation": p.rotation, "landscape": p.landscape,
            "is_blank": p.is_blank, "has_text_layer": p.has_text_layer, "needs_ocr": p.needs_ocr,
            "furniture_count": p.furniture_count, "section_id": p.section_id,
        }


def _issue_rows(doc: PackDocument) -> Iterator[dict]:
    for index, i in enumerate(doc.issues, start=1):
        yield {"pack_id": doc.pack_id, "issue_no": index, "code": i.code.value, "severity": i.severity.value, "stage": i.stage.value, "page": i.page, "message": i.message}


def _block_rows(doc: PackDocument) -> Iterator[dict]:
    for b in doc.blocks:
        yield {"pack_id": doc.pack_id, "block_id": b.block_id, "section_id": b.section_id, "page": b.page, "role": b.role.value, "font_size": b.font_size, "text": b.text, **_box(b.bbox)}


def _furniture_rows(doc: PackDocument) -> Iterator[dict]:
    for index, f in enumerate(doc.furniture, start=1):
        yield {"pack_id": doc.pack_id, "furniture_no": index, "page": f.page, "kind": f.kind.value, "text": f.text, "value": f.value, **_box(f.bbox)}


def _agenda_item_rows(doc: PackDocument) -> Iterator[dict]:
    for a in doc.records.agenda_items:
        where = a.provenance[0]
        yield {
            "pack_id": doc.pack_id, "record_id": a.record_id, "section_id": a.section_id, "item_number": a.item_number, "title": a.title,
            "printed_page_start": a.printed_page_start, "printed_page_end": a.printed_page_end,
            "page_start": a.page_start, "page_end": a.page_end, "page": where.page, **_box(where.bbox),
        }


PACK = _c("pack_id", "string", "Readable slug of the file name and the first 8 hex of its sha256")
SECTION_ID = _c("section_id", "string", "Section id within the pack (s01, s01.02, ...)")
PAGE = _c("page", "integer", "1-based physical page")

TABLES: tuple[TableSpec, ...] = (
    TableSpec("sections", "Sections of each pack with their physical page ranges and kinds", (
        PACK, SECTION_ID, _c("parent_id", "string", "Enclosing section, empty at the top level"), _c("level", "integer", "Depth, 1 at the top"),
        _c("item_number", "string", "Agenda item number as printed"), _c("title", "string", "Section title"),
        _c("kind", "string", "agenda, minutes, report, ..."), _c("kind_confidence", "number", "Confidence in the kind, 0-1"),
        _c("page_start", "integer", "First physical page"), _c("page_end", "integer", "Last physical page"),
        _c("source", "string", "outline or text: where the boundary came from"), _c("confidence", "number", "Confidence in the boundaries, 0-1"),
        *BOX_COLUMNS), _section_rows, ("pack_id", "section_id")),
    TableSpec("pages", "Every physical page with its printed label and state", (
        PACK, PAGE, _c("printed_label", "string", "Page number printed on the page"), _c("pdf_label", "string", "Label from the PDF's page labels"),
        _c("width", "number", "Width in points"), _c("height", "number", "Height in points"), _c("rotation", "integer", "Page rotation in degrees"),
        _c("landscape", "boolean", "Wider than tall"), _c("is_blank", "boolean", "Blank or 'intentionally left blank'"),
        _c("has_text_layer", "boolean", "The page has extractable text"), _c("needs_ocr", "boolean", "An image-only page: a scan"),
        _c("furniture_count", "integer", "Pieces of page furniture removed"), _c("section_id", "string", "Innermost section holding the page"),
    ), _page_rows, ("pack_id", "page")),
    TableSpec("issues", "Problems found while reading each pack", (
        PACK, _c("issue_no", "integer", "Sequence number within the pack"), _c("code", "string", "Issue slug"),
        _c("severity", "string", "info, warning or error"), _c("stage", "string", "Pipeline stage"), PAGE, _c("message", "string", "What happened"),
    ), _issue_rows, ("pack_id", "issue_no")),
    TableSpec("blocks", "Cleaned text blocks in page order", (
        PACK, _c("block_id", "string", "Block id within the pack"), SECTION_ID, PAGE, _c("role", "string", "heading, paragraph or list_item"),
        _c("font_size", "number", "Largest font size in points"), _c("text", "string", "Cleaned text"), *BOX_COLUMNS,
    ), _block_rows, ("pack_id", "block_id")),
    TableSpec("furniture", "Page furniture removed from the content, kept here", (
        PACK, _c("furniture_no", "integer", "Sequence number within the pack"), PAGE, _c("kind", "string", "page_number, running_header, ..."),
        _c("text", "string", "The removed text"), _c("value", "string", "Page or agenda item number it states"), *BOX_COLUMNS,
    ), _furniture_rows, ("pack_id", "furniture_no")),
    TableSpec("agenda_items", "Items listed on agenda frontsheets", (
        PACK, _c("record_id", "string", "Record id within the pack"), SECTION_ID, _c("item_number", "string", "Item number as printed"),
        _c("title", "string", "Item title"), _c("printed_page_start", "integer", "From '(Pages x - y)'"), _c("printed_page_end", "integer", "From '(Pages x - y)'"),
        _c("page_start", "integer", "Physical first page of the item's papers"), _c("page_end", "integer", "Physical last page"),
        _c("page", "integer", "Physical page of the frontsheet line"), *BOX_COLUMNS,
    ), _agenda_item_rows, ("pack_id", "record_id")),
)


def table_rows(spec: TableSpec, doc: PackDocument) -> list[dict]:
    return list(spec.rows(doc))
