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
    PAGE_REFERENCE_MISMATCH = "page-reference-mismatch"
    PAPERS_NOT_IN_FILE = "papers-not-in-file"
    SECTION_UNCLASSIFIED = "section-unclassified"
    STAGE_FAILED = "stage-failed"
    EXTRACTOR_FAILED = "extractor-failed"


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
    IssueCode.PAGE_REFERENCE_MISMATCH: Severity.WARNING,
    IssueCode.PAPERS_NOT_IN_FILE: Severity.INFO,
    IssueCode.SECTION_UNCLASSIFIED: Severity.INFO,
    IssueCode.STAGE_FAILED: Severity.ERROR,
    IssueCode.EXTRACTOR_FAILED: Severity.ERROR,
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
