"""Column specs of the core tables: sections, pages, issues, blocks, furniture and agenda items.

Each record family has its own module of specs beside this one (`meetings`, `tabular`);
`output.tables.TABLES` is all of them, in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from agendapack.output.spec import (
    BOX_COLUMNS,
    PACK,
    PAGE,
    SECTION_ID,
    TO_MEETING,
    TO_PACK,
    TO_PAGE,
    TO_PAGE_ALWAYS,
    TO_SECTION,
    TableSpec,
    box_values,
    col,
    fk,
    iso_date,
)

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument


def pack_context(doc: PackDocument) -> dict:
    """The pack's own meeting and where it sits: council, committee and date, each with where it came from.

    The pack's meeting is its frontsheet's, else the first whose minutes it prints. A council no meeting
    names comes from the council profile that matched the pack.
    """
    meetings = doc.records.meetings
    own = next((m for m in meetings if m.source.value == "frontsheet"), meetings[0] if meetings else None)
    council = next((m for m in ([own] if own else []) + meetings if m.council), None)
    body = own if own is not None and own.body else None
    context = {
        "meeting_id": own.meeting_id if own else None,
        "meeting_date": iso_date(own.date) if own else None,
        "council": council.council if council else None,
        "council_source": (council.council_source or "document") if council else None,
        "committee": body.body if body else None,
        "committee_source": (body.body_source or "document") if body else None,
    }
    if context["council"] is None and (named := _profile_council(doc.profile)):
        context |= {"council": named, "council_source": "profile"}
    return context


def _profile_council(name: str) -> str | None:
    from agendapack.profiles import get_profile  # the profile models: only for a pack whose meetings name no council

    try:
        return get_profile(name).council
    except ValueError:  # a failure document's "none"
        return None


def _pack_rows(doc: PackDocument) -> Iterator[dict]:
    source = doc.source
    severities = [issue.severity.value for issue in doc.issues]
    yield {
        "pack_id": doc.pack_id,
        "file_name": source.file_name,
        "sha256": source.sha256 or None,
        "size_bytes": source.size_bytes,
        "page_count": source.page_count,
        "status": doc.status.value,
        "profile": doc.profile,
        "producer": doc.producer,
        "schema_version": doc.schema_version,
        "pdf_title": source.title,
        "pdf_author": source.author,
        "pdf_creator": source.creator,
        "pdf_producer": source.producer,
        "encrypted": source.encrypted,
        "repaired": source.repaired,
        "issue_count": len(doc.issues),
        "error_count": severities.count("error"),
        "warning_count": severities.count("warning"),
        **pack_context(doc),
    }


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
            "text_source": p.text_source.value,
            "ocr_confidence": p.ocr_confidence,
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
            "printed_number": a.printed_number,
            "level": a.level,
            "group": a.group,
            "file_number": a.file_number,
            "method": a.method,
            "page": where.page,
            **box_values(where.bbox),
        }


PACKS = TableSpec(
    "packs",
    "One row per pack: the file, its status and counts, and the council, committee and date of its own meeting",
    (
        PACK,
        col("file_name", "string", "The file's name (bytes that are not UTF-8 as \\xNN)"),
        col("sha256", "string", "SHA-256 of the file's bytes"),
        col("size_bytes", "integer", "File size in bytes"),
        col("page_count", "integer", "Pages in the file"),
        col("status", "string", "success, partial_success, failure or skipped"),
        col("profile", "string", "The council profile applied"),
        col("producer", "string", "The agendapack version that read it"),
        col("schema_version", "string", "Version of the document schema"),
        col("pdf_title", "string", "Title in the PDF's metadata"),
        col("pdf_author", "string", "Author in the PDF's metadata"),
        col("pdf_creator", "string", "Creating application in the PDF's metadata"),
        col("pdf_producer", "string", "PDF producer in the PDF's metadata"),
        col("encrypted", "boolean", "The PDF is encrypted (readable without a password when its status is not failure)"),
        col("repaired", "boolean", "MuPDF repaired the file on opening"),
        col("issue_count", "integer", "Issues recorded"),
        col("error_count", "integer", "Issues of severity error"),
        col("warning_count", "integer", "Issues of severity warning"),
        col("meeting_id", "string", "The pack's own meeting (meetings.meeting_id): its frontsheet's, else the first whose minutes it prints"),
        col("meeting_date", "date", "Date of that meeting"),
        col("council", "string", "The council: as a meeting names it, else from the council profile (or the batch manifest)"),
        col("council_source", "string", "document, profile or manifest"),
        col("committee", "string", "The committee or body of the pack's meeting"),
        col("committee_source", "string", "document or manifest"),
    ),
    _pack_rows,
    ("pack_id",),
)

TABLES: tuple[TableSpec, ...] = (
    PACKS,
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
        (TO_PACK, fk("pack_id parent_id", "sections", "pack_id section_id")),
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
            col("needs_ocr", "boolean", "An image-only page (a scan) whose text was not read by OCR"),
            col("text_source", "string", "Where the page's text came from: text_layer, ocr (read from the page image) or none"),
            col("ocr_confidence", "number", "Mean OCR word confidence 0-1, for a page read by OCR"),
            col("furniture_count", "integer", "Pieces of page furniture removed"),
            col("section_id", "string", "Innermost section holding the page"),
        ),
        _page_rows,
        ("pack_id", "page"),
        (TO_PACK, TO_SECTION),
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
        (TO_PACK, TO_PAGE),
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
        (TO_PACK, TO_SECTION, TO_PAGE_ALWAYS),
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
        (TO_PACK, TO_PAGE_ALWAYS),
    ),
    TableSpec(
        "agenda_items",
        "Items listed on agendas (sub-items included; unnumbered headings are the items' group, not items)",
        (
            PACK,
            col("record_id", "string", "Record id within the pack"),
            SECTION_ID,
            col("item_number", "string", "Item number as printed, without its decoration ('4.1', 'a', 'IV')"),
            col("title", "string", "Item title"),
            col("printed_page_start", "integer", "From '(Pages x - y)'"),
            col("printed_page_end", "integer", "From '(Pages x - y)'"),
            col("page_start", "integer", "Physical first page of the item's papers"),
            col("page_end", "integer", "Physical last page"),
            col("meeting_id", "string", "The meeting the agenda is for"),
            col("parent_number", "string", "For a sub-item: its item"),
            col("page_source", "string", "frontsheet or outline: where the physical pages came from"),
            col("printed_number", "string", "The number exactly as printed ('4.1.', 'a)', 'ITEM 1:')"),
            col("level", "integer", "1 for an item, 2 for a sub-item, ..."),
            col("group", "string", "The unnumbered heading the item is printed under ('CONSENT CALENDAR')"),
            col("file_number", "string", "Legislative file number printed beside the item ('21-0109')"),
            col("method", "string", "Why the item's list was read as agenda items"),
            col("page", "integer", "Physical page of the agenda line"),
            *BOX_COLUMNS,
        ),
        _agenda_item_rows,
        ("pack_id", "record_id"),
        (TO_PACK, TO_SECTION, TO_MEETING, TO_PAGE),
    ),
)
