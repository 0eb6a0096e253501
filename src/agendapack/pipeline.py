"""The pipeline: load -> clean -> segment -> classify -> blocks -> extract, into one `PackDocument`.

Each stage is a typed function; this module only chains them and turns a
stage that raises into an issue and a partial result, so one odd PDF never
takes a batch down.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from agendapack import __version__
from agendapack.catalogue import finish_document
from agendapack.collector import parse_collector
from agendapack.extract.tables import with_tables
from agendapack.ids import make_pack_id
from agendapack.memory import MemoryBudgetExceeded, check_budget
from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.compact import share_fields_sets
from agendapack.models.document import PackDocument, PageRecord, Section, SectionSource, Status
from agendapack.models.issues import Issue, IssueCode, Severity, Stage, make_issue
from agendapack.models.records import Records
from agendapack.models.source import LoadedPack
from agendapack.ocr import OcrMode
from agendapack.ocr.provenance import mark_ocr_provenance
from agendapack.profiles import choose_profile, get_profile
from agendapack.stages.blocks import build_blocks, innermost_section_by_page
from agendapack.stages.classify import classify_sections
from agendapack.stages.clean import clean_pack
from agendapack.stages.extract import extract_records
from agendapack.stages.load import OpenPdf, load_pack
from agendapack.stages.segment import Segmentation, segment_pack

T = TypeVar("T")
PRODUCER = f"agendapack {__version__}"


def parse(
    source: str | Path | bytes | BinaryIO, *, name: str | None = None, profile: str | None = None, extract: bool = True,
    ocr: OcrMode | str | None = None,
) -> PackDocument:
    """Read one agenda pack into a typed document; bad input gives a failure document, not an exception.

    `source` is a path, the PDF's bytes, or a binary file object (an upload, a response body); `name` is the
    file name to report and build the pack id from (default: the file object's own name, else 'document.pdf').
    `ocr`: `auto` (the default) reads pages without a usable text layer by OCR when an engine
    is installed; `always` reads every page by OCR; `never` reads only the text layer.
    `extract=False` stops after segmentation and classification (no records): the
    benchmark uses it to measure what the extractors cost. An unknown `profile` is a ValueError.
    """
    if not isinstance(source, str | os.PathLike):
        return _parse_data(source, name, profile=profile, extract=extract, ocr=ocr)
    path = Path(source)
    with parse_collector(), OpenPdf(path) as pdf:  # one read of the file: the table pass reads the document the load opened
        return _parse_open(path, pdf, profile=profile, extract=extract, ocr=ocr)


def _parse_open(path: Path, pdf: OpenPdf, *, profile: str | None, extract: bool, ocr: OcrMode | str | None) -> PackDocument:
    loaded = load_pack(path, ocr=ocr, opened=pdf)
    pack_id = make_pack_id(loaded.source.file_name, loaded.source.sha256)
    if loaded.fatal:
        return _unreadable_document(pack_id, loaded)
    chosen = get_profile(profile) if profile else choose_profile(loaded)
    issues: list[Issue] = list(loaded.issues)
    cleaned = _run(Stage.CLEAN, issues, lambda: clean_pack(loaded, chosen), lambda: _uncleaned(loaded))
    issues.extend(cleaned.issues)
    segmentation = _run(Stage.SEGMENT, issues, lambda: segment_pack(cleaned), lambda: _one_section(cleaned))
    issues.extend(segmentation.issues)
    sections, kind_issues = _run(Stage.CLASSIFY, issues, lambda: classify_sections(segmentation.sections, cleaned, chosen), lambda: (segmentation.sections, []))
    issues.extend(kind_issues)
    blocks = _run(Stage.SEGMENT, issues, lambda: build_blocks(cleaned, sections), list)
    share_fields_sets(blocks)  # held to the end: a third of a block's memory was its own copy of one set of field names
    records, record_issues = (Records(), [])
    if extract:
        records, record_issues = _run(
            Stage.EXTRACT, issues, lambda: extract_records(pack_id, sections, cleaned, segmentation.frontsheet, blocks), lambda: (Records(), [])
        )
        found = records  # tables run on every page that holds one, whatever the section's kind
        records, table_issues = _run(Stage.EXTRACT, issues, lambda: with_tables(pdf, sections, cleaned, found), lambda: (found, []))
        record_issues = record_issues + table_issues
    issues.extend(record_issues)
    records, sections = mark_ocr_provenance(records, sections, cleaned.pages)
    share_fields_sets(sections, *(getattr(records, name) for name in Records.model_fields if name != "table_cells"))  # cells are built shared
    document = PackDocument(
        pack_id=pack_id,
        producer=PRODUCER,
        source=loaded.source,
        profile=chosen.name,
        status=document_status(cleaned.pages, issues),
        outline=loaded.outline,
        pages=_page_records(cleaned, sections),
        sections=sections,
        blocks=blocks,
        furniture=cleaned.furniture,
        records=records,
        issues=issues,
    )
    return finish_document(document, chosen)  # keys made consistent, councils filled in (catalogue.py, keys.py)


def _parse_data(source: bytes | bytearray | memoryview | BinaryIO, name: str | None, **options: Any) -> PackDocument:
    """Bytes or a file object: written to a private temporary file under its name, so every stage reads a real file."""
    data = bytes(source) if isinstance(source, bytes | bytearray | memoryview) else source.read()
    given = name or getattr(source, "name", None)
    file_name = os.path.basename(given) if isinstance(given, str) and os.path.basename(given) else "document.pdf"
    with tempfile.TemporaryDirectory(prefix="agendapack-") as folder:
        path = Path(folder) / file_name
        path.write_bytes(data)
        return parse(path, **options)


def _run(stage: Stage, issues: list[Issue], step: Callable[[], T], fallback: Callable[[], T]) -> T:
    """Run a stage; when it raises, record why and carry on with the fallback.

    A batch worker's memory budget is checked before each stage, and a passed budget is not a stage
    failure: it stops the file, so the worker reports `memory-limit` before the hard cap makes an
    allocation fail inside a library (at the cap, pydantic-core's JSON writer panicked and the worker died of SIGABRT).
    """
    check_budget()
    try:
        return step()
    except MemoryBudgetExceeded:
        raise
    except Exception as exc:  # the point of this wrapper: no stage failure escapes as a traceback
        issues.append(make_issue(IssueCode.STAGE_FAILED, stage, f"The {stage} stage failed: {type(exc).__name__}: {exc}"))
        return fallback()


def document_status(pages: list[CleanPage], issues: list[Issue]) -> Status:
    if pages and all(page.needs_ocr or page.is_blank or not page.readable for page in pages) and any(p.needs_ocr for p in pages):
        issues.append(make_issue(IssueCode.DOCUMENT_NO_TEXT, Stage.CLEAN, "No page has a text layer: the pack is scanned and needs OCR before it can be read."))
        return Status.SKIPPED
    if any(issue.severity is Severity.ERROR for issue in issues) or any(p.needs_ocr for p in pages):
        return Status.PARTIAL_SUCCESS
    return Status.SUCCESS


def _unreadable_document(pack_id: str, loaded: LoadedPack) -> PackDocument:
    codes = {issue.code for issue in loaded.issues}
    status = Status.SKIPPED if IssueCode.NO_PAGES in codes else Status.FAILURE
    return PackDocument(pack_id=pack_id, producer=PRODUCER, source=loaded.source, profile="none", status=status, issues=loaded.issues)


def _uncleaned(loaded: LoadedPack) -> CleanPack:
    pages = [CleanPage(page=p.page, width=p.width, height=p.height, lines=p.lines, readable=p.readable) for p in loaded.pages]
    return CleanPack(source=loaded.source, outline=loaded.outline, pages=pages)


def _one_section(pack: CleanPack) -> Segmentation:
    whole = Section(
        section_id="s01",
        level=1,
        title=pack.source.title or pack.source.file_name,
        page_start=1,
        page_end=max(len(pack.pages), 1),
        source=SectionSource.TEXT,
        confidence=0.1,
    )
    return Segmentation(sections=[whole])


def _page_records(pack: CleanPack, sections: list[Section]) -> list[PageRecord]:
    owner = innermost_section_by_page(sections)
    furniture = Counter(item.page for item in pack.furniture)
    return [
        PageRecord(
            page=page.page,
            printed_label=page.printed_label,
            pdf_label=page.pdf_label,
            width=page.width,
            height=page.height,
            rotation=page.rotation,
            landscape=page.landscape,
            is_blank=page.is_blank,
            has_text_layer=page.has_text_layer,
            needs_ocr=page.needs_ocr,
            text_source=page.text_source,
            ocr_confidence=page.ocr_confidence,
            readable=page.readable,
            furniture_count=furniture[page.page],
            section_id=owner.get(page.page),
        )
        for page in pack.pages
    ]
