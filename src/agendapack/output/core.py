"""Column specs of the core tables: sections, pages, issues, blocks, furniture and agenda items.

Each record family has its own module of specs beside this one (`meetings`, `tabular`);
`output.tables.TABLES` is all of them, in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from agendapack.output.spec import BOX_COLUMNS, PACK, PAGE, SECTION_ID, TableSpec, box_values, col

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument


def _section_rows(doc: PackDocument) -> Iterator[dict]:
    for s in doc.sections:
        first = s.provenance[0].bbox if s.provenance else None
        yield {
            "pack_id": doc.pack_id,
            "section_id": s.section_id,
            "parent_id": s.parent_id,
            "level": s.level,
            "item_number": s.item_number,
            "title": s.title,
            "kind": s.kind.value,
            "kind_confidence": s.kind_confidence,
            "page_start": s.page_start,
            "page_end": s.page_end,
            "source": s.source.value,
            "confidence": s.confidence,
            **box_values(first),
        }


def _page_rows(doc: PackDocument) -> Iterator[dict]:
    for p in doc.pages:
        yield {
            "pack_id": doc.pack_id,
            "page": p.page,
            "printed_label": p.printed_label,
            "pdf_label": p.pdf_label,
            "width": round(p.width, 2),
            "height": round(p.height, 2),
            "rotation": p.rotation,
            "landscape": p.landscape,
            "is_blank": p.is_blank,
            "has_text_layer": p.has_text_layer,
            "needs_ocr": p.needs_ocr,
            "furniture_count": p.furniture_count,
            "section_id": p.section_id,
        }


def _issue_rows(doc: PackDocument) -> Iterator[dict]:
    for index, i in enumerate(doc.issues, start=1):
        yield {
            "pack_id": doc.pack_id,
            "issue_no": index,
            "code": i.code.value,
            "severity": i.severity.value,
            "stage": i.stage.value,
            "page": i.page,
            "message": i.message,
        }


def _block_rows(doc: PackDocument) -> Iterator[dict]:
    for b in doc.blocks:
        yield {
            "pack_id": doc.pack_id,
            "block_id": b.block_id,
            "section_id": b.section_id,
            "page": b.page,
            "role": b.role.value,
            "font_size": b.font_size,
            "text": b.text,
            **box_values(b.bbox),
        }


def _furniture_rows(doc: PackDocument) -> Iterator[dict]:
    for index, f in enumerate(doc.furniture, start=1):
        yield {"pack_id": doc.pack_id, "furniture_no": index, "page": f.page, "kind": f.kind.value, "text": f.text, "value": f.value, **box_values(f.bbox)}


def _agenda_item_rows(doc: PackDocument) -> Iterator[dict]:
    for a in doc.records.agenda_items:
        where = a.provenance[0]
        yield {
            "pack_id": doc.pack_id,
            "record_id": a.record_id,
            "section_id": a.section_id,
            "item_number": a.item_number,
            "title": a.title,
            "printed_page_start": a.printed_page_start,
            "printed_page_end": a.printed_page_end,
            "page_start": a.page_start,
            "page_end": a.page_end,
            "meeting_id": a.meeting_id,
            "parent_number": a.parent_number,
            "page_source": a.page_source,
            "page": where.page,
            **box_values(where.bbox),
        }


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "sections",
        "Sections of each pack with their physical page ranges and kinds",
        (
            PACK,
            SECTION_ID,
            col("parent_id", "string", "Enclosing section, empty at the top level"),
            col("level", "integer", "Depth, 1 at the top"),
            col("item_number", "string", "Agenda item number as printed"),
            col("title", "string", "Section title"),
            col("kind", "string", "agenda, minutes, report, ..."),
            col("kind_confidence", "number", "Confidence in the kind, 0-1"),
            col("page_start", "integer", "First physical page"),
            col("page_end", "integer", "Last physical page"),
            col("source", "string", "outline or text: where the boundary came from"),
            col("confidence", "number", "Confidence in the boundaries, 0-1"),
            *BOX_COLUMNS,
        ),
        _section_rows,
        ("pack_id", "section_id"),
    ),
    TableSpec(
        "pages",
        "Every physical page with its printed label and state",
        (
            PACK,
            PAGE,
            col("printed_label", "string", "Page number printed on the page"),
            col("pdf_label", "string", "Label from the PDF's page labels"),
            col("width", "number", "Width in points"),
            col("height", "number", "Height in points"),
            col("rotation", "integer", "Page rotation in degrees"),
            col("landscape", "boolean", "Wider than tall"),
            col("is_blank", "boolean", "Blank or 'intentionally left blank'"),
            col("has_text_layer", "boolean", "The page has extractable text"),
            col("needs_ocr", "boolean", "An image-only page: a scan"),
            col("furniture_count", "integer", "Pieces of page furniture removed"),
            col("section_id", "string", "Innermost section holding the page"),
        ),
        _page_rows,
        ("pack_id", "page"),
    ),
    TableSpec(
        "issues",
        "Problems found while reading each pack",
        (
            PACK,
            col("issue_no", "integer", "Sequence number within the pack"),
            col("code", "string", "Issue slug"),
            col("severity", "string", "info, warning or error"),
            col("stage", "string", "Pipeline stage"),
            PAGE,
            col("message", "string", "What happened"),
        ),
        _issue_rows,
        ("pack_id", "issue_no"),
    ),
    TableSpec(
        "blocks",
        "Cleaned text blocks in page order",
        (
            PACK,
            col("block_id", "string", "Block id within the pack"),
            SECTION_ID,
            PAGE,
            col("role", "string", "heading, paragraph or list_item"),
            col("font_size", "number", "Largest font size in points"),
            col("text", "string", "Cleaned text"),
            *BOX_COLUMNS,
        ),
        _block_rows,
        ("pack_id", "block_id"),
    ),
    TableSpec(
        "furniture",
        "Page furniture removed from the content, kept here",
        (
            PACK,
            col("furniture_no", "integer", "Sequence number within the pack"),
            PAGE,
            col("kind", "string", "page_number, running_header, ..."),
            col("text", "string", "The removed text"),
            col("value", "string", "Page or agenda item number it states"),
            *BOX_COLUMNS,
        ),
        _furniture_rows,
        ("pack_id", "furniture_no"),
    ),
    TableSpec(
        "agenda_items",
        "Items listed on agenda frontsheets",
        (
            PACK,
            col("record_id", "string", "Record id within the pack"),
            SECTION_ID,
            col("item_number", "string", "Item number as printed"),
            col("title", "string", "Item title"),
            col("printed_page_start", "integer", "From '(Pages x - y)'"),
            col("printed_page_end", "integer", "From '(Pages x - y)'"),
            col("page_start", "integer", "Physical first page of the item's papers"),
            col("page_end", "integer", "Physical last page"),
            col("meeting_id", "string", "The meeting the agenda is for"),
            col("parent_number", "string", "For a sub-item: its item"),
            col("page_source", "string", "frontsheet or outline: where the physical pages came from"),
            col("page", "integer", "Physical page of the frontsheet line"),
            *BOX_COLUMNS,
        ),
        _agenda_item_rows,
        ("pack_id", "record_id"),
    ),
)
