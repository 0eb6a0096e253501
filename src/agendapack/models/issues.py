"""Problems travel with the data: every issue is a typed record with a slug."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Stage(StrEnum):
    LOAD = "load"
    CLEAN = "clean"
    SEGMENT = "segment"
    CLASSIFY = "classify"
    EXTRACT = "extract"
    WRITE = "write"
    BATCH = "batch"


class IssueCode(StrEnum):
    """Controlled vocabulary of issue slugs; `ISSUE_SEVERITY` gives each one's weight."""

    NOT_A_PDF = "not-a-pdf"
    FILE_NOT_FOUND = "file-not-found"
    EMPTY_FILE = "empty-file"
    ENCRYPTED = "encrypted"
    BROKEN_PDF = "broken-pdf"
    REPAIRED_PDF = "repaired-pdf"
    NO_PAGES = "no-pages"
    PAGE_UNREADABLE = "page-unreadable"
    NO_TEXT_LAYER = "no-text-layer"
    DOCUMENT_NO_TEXT = "document-no-text"
    OUTLINE_TARGET_INVALID = "outline-target-invalid"
    OUTLINE_OUT_OF_ORDER = "outline-out-of-order"
    OUTLINE_INCOMPLETE = "outline-incomplete"
    NO_OUTLINE = "no-outline"
    OUTLINE_ENTRY_NOT_SECTION = "outline-entry-not-a-section"
    PAGE_REFERENCE_MISMATCH = "page-reference-mismatch"
    PAPERS_NOT_IN_FILE = "papers-not-in-file"
    SECTION_UNCLASSIFIED = "section-unclassified"
    STAGE_FAILED = "stage-failed"
    EXTRACTOR_FAILED = "extractor-failed"
    TABLE_TOTAL_MISMATCH = "table-total-mismatch"
    TABLE_UNSTRUCTURED = "table-unstructured"
    TABLE_VALUE_UNPARSED = "table-value-unparsed"
    TABLE_PAGE_UNREADABLE = "table-page-unreadable"
    TABLE_CHART = "table-chart"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory-limit"
    WORKER_CRASHED = "worker-crashed"
    BATCH_ERROR = "batch-error"
    MINUTES_NO_ATTENDANCE = "minutes-no-attendance"
    MINUTES_NO_ITEMS = "minutes-no-items"
    MINUTES_NO_DATE = "minutes-no-date"
    AGENDA_ITEM_PAPERS_MISMATCH = "agenda-item-papers-mismatch"
    AGENDA_NO_ITEMS = "agenda-no-items"
    AGENDA_NUMBERING_IRREGULAR = "agenda-numbering-irregular"
    AGENDA_ITEM_UNREAD = "agenda-item-unread"
    AGENDA_NO_DATE = "agenda-no-date"
    GARBLED_TEXT_LAYER = "garbled-text-layer"
    OCR_LOW_CONFIDENCE = "ocr-low-confidence"
    OCR_FAILED = "ocr-failed"
    OCR_FIGURE_REPAIRED = "ocr-figure-repaired"
    DUPLICATE_ID = "duplicate-id"
    DANGLING_REFERENCE = "dangling-reference"
    XLSX_CELL_TRUNCATED = "xlsx-cell-truncated"
    VOTE_COUNT_MISMATCH = "vote-count-mismatch"
    ATTENDANCE_COUNT_MISMATCH = "attendance-count-mismatch"
    MINUTE_NUMBERING_IRREGULAR = "minute-numbering-irregular"


ISSUE_SEVERITY: dict[IssueCode, Severity] = {
    IssueCode.NOT_A_PDF: Severity.ERROR,
    IssueCode.FILE_NOT_FOUND: Severity.ERROR,
    IssueCode.EMPTY_FILE: Severity.ERROR,
    IssueCode.ENCRYPTED: Severity.ERROR,
    IssueCode.BROKEN_PDF: Severity.ERROR,
    IssueCode.REPAIRED_PDF: Severity.WARNING,
    IssueCode.NO_PAGES: Severity.ERROR,
    IssueCode.PAGE_UNREADABLE: Severity.ERROR,
    IssueCode.NO_TEXT_LAYER: Severity.WARNING,
    IssueCode.DOCUMENT_NO_TEXT: Severity.ERROR,
    IssueCode.OUTLINE_TARGET_INVALID: Severity.WARNING,
    IssueCode.OUTLINE_OUT_OF_ORDER: Severity.WARNING,
    IssueCode.OUTLINE_INCOMPLETE: Severity.INFO,
    IssueCode.NO_OUTLINE: Severity.INFO,
    IssueCode.OUTLINE_ENTRY_NOT_SECTION: Severity.INFO,
    IssueCode.PAGE_REFERENCE_MISMATCH: Severity.WARNING,
    IssueCode.PAPERS_NOT_IN_FILE: Severity.INFO,
    IssueCode.SECTION_UNCLASSIFIED: Severity.INFO,
    IssueCode.STAGE_FAILED: Severity.ERROR,
    IssueCode.EXTRACTOR_FAILED: Severity.ERROR,
    IssueCode.TABLE_TOTAL_MISMATCH: Severity.WARNING,
    IssueCode.TABLE_UNSTRUCTURED: Severity.WARNING,
    IssueCode.TABLE_VALUE_UNPARSED: Severity.INFO,
    IssueCode.TABLE_PAGE_UNREADABLE: Severity.WARNING,
    IssueCode.TABLE_CHART: Severity.INFO,
    IssueCode.TIMEOUT: Severity.ERROR,
    IssueCode.MEMORY_LIMIT: Severity.ERROR,
    IssueCode.WORKER_CRASHED: Severity.ERROR,
    IssueCode.BATCH_ERROR: Severity.ERROR,
    IssueCode.MINUTES_NO_ATTENDANCE: Severity.WARNING,
    IssueCode.MINUTES_NO_ITEMS: Severity.WARNING,
    IssueCode.MINUTES_NO_DATE: Severity.WARNING,
    IssueCode.AGENDA_ITEM_PAPERS_MISMATCH: Severity.WARNING,
    IssueCode.AGENDA_NO_ITEMS: Severity.WARNING,
    IssueCode.AGENDA_NUMBERING_IRREGULAR: Severity.INFO,
    IssueCode.AGENDA_ITEM_UNREAD: Severity.WARNING,
    IssueCode.AGENDA_NO_DATE: Severity.WARNING,
    IssueCode.GARBLED_TEXT_LAYER: Severity.WARNING,
    IssueCode.OCR_LOW_CONFIDENCE: Severity.WARNING,
    IssueCode.OCR_FAILED: Severity.ERROR,
    IssueCode.OCR_FIGURE_REPAIRED: Severity.INFO,
    IssueCode.DUPLICATE_ID: Severity.WARNING,
    IssueCode.DANGLING_REFERENCE: Severity.WARNING,
    IssueCode.XLSX_CELL_TRUNCATED: Severity.WARNING,
    IssueCode.VOTE_COUNT_MISMATCH: Severity.WARNING,
    IssueCode.ATTENDANCE_COUNT_MISMATCH: Severity.WARNING,
    IssueCode.MINUTE_NUMBERING_IRREGULAR: Severity.INFO,
}


class Issue(BaseModel):
    """One problem found while reading a pack, with the page it concerns."""

    model_config = ConfigDict(frozen=True)

    code: IssueCode
    severity: Severity
    stage: Stage
    page: int | None = Field(default=None, description="1-based physical page, when the issue has one")
    message: str


def make_issue(code: IssueCode, stage: Stage, message: str, page: int | None = None) -> Issue:
    """Build an issue with the severity its code carries."""
    return Issue(code=code, severity=ISSUE_SEVERITY[code], stage=stage, page=page, message=message)
