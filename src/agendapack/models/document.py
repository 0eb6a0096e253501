"""The typed document: what `agendapack.parse` returns and `document.json` holds."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from agendapack.models.clean import Furniture
from agendapack.models.geometry import BBox, Provenance
from agendapack.models.issues import Issue
from agendapack.models.records import Records
from agendapack.models.source import OutlineEntry, SourceInfo, TextSource
from agendapack.models.status import Status
from agendapack.models.version import SCHEMA_NAME, SCHEMA_VERSION


class SectionKind(StrEnum):
    AGENDA = "agenda"
    MINUTES = "minutes"
    REPORT = "report"
    APPENDIX = "appendix"
    ANNUAL_REPORT = "annual_report"
    BUDGET = "budget"
    WORK_PROGRAMME = "work_programme"
    ACTION_TRACKER = "action_tracker"
    RECOMMENDATION_TRACKER = "recommendation_tracker"
    FORWARD_PLAN = "forward_plan"
    QUESTIONS = "questions"
    DECISION_NOTICE = "decision_notice"
    GLOSSARY = "glossary"
    OTHER = "other"


class SectionSource(StrEnum):
    OUTLINE = "outline"
    TEXT = "text"


class KindEvidence(BaseModel):
    """One piece of evidence for a section's kind: which cue matched, where, and what it weighs."""

    kind: SectionKind
    cue: str = Field(description="The [classify] cue key that matched, or 'title', 'heading', 'cover_sheet'")
    convention: str | None = Field(default=None, description="The convention file the matching pattern came from")
    page: int = Field(ge=1)
    text: str = Field(description="The matched words, at most 80 characters")
    weight: float = Field(ge=0.0, le=1.0)


class Section(BaseModel):
    """A contiguous run of physical pages holding one paper (or part of one)."""

    section_id: str
    parent_id: str | None = None
    level: int = Field(ge=1)
    item_number: str | None = Field(default=None, description="Agenda item number as printed, e.g. '6' or '6a'")
    title: str
    kind: SectionKind = SectionKind.OTHER
    kind_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    kind_reason: str = Field(default="", description="The evidence that decided the kind, with the runner-up's score")
    kind_scores: dict[SectionKind, float] = Field(
        default_factory=dict, description="Evidence score in [0, 1] per kind with any evidence; extractors of a kind whose score passes their threshold run too"
    )
    kind_evidence: list[KindEvidence] = Field(default_factory=list, description="Every cue that counted towards kind_scores")
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)
    y_start: float | None = Field(default=None, description="Where on page_start the section begins (points, top-left origin); None: the top of the page")
    y_end: float | None = Field(default=None, description="Where on page_end the next section begins and this one stops; None: the foot of the page")
    source: SectionSource
    confidence: float = Field(ge=0.0, le=1.0, description="Confidence in the section's boundaries")
    provenance: list[Provenance] = Field(default_factory=list, description="One entry per page: the content box on it")

    @property
    def pages(self) -> range:
        return range(self.page_start, self.page_end + 1)

    def holds(self, page: int, top: float) -> bool:
        """Whether a line at this height of this page is inside the section's range."""
        if not self.page_start <= page <= self.page_end:
            return False
        if page == self.page_start and self.y_start is not None and top < self.y_start - 2.0:
            return False
        return not (page == self.page_end and self.y_end is not None and top >= self.y_end - 2.0)


class BlockRole(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"


class TextBlock(BaseModel):
    """A paragraph-sized piece of cleaned text, in reading order within its page."""

    block_id: str
    section_id: str | None
    page: int = Field(ge=1)
    bbox: BBox
    role: BlockRole
    text: str
    font_size: float


class PageRecord(BaseModel):
    """One physical page: its printed label, state and the section it belongs to."""

    page: int = Field(ge=1)
    printed_label: str | None = None
    pdf_label: str | None = None
    width: float
    height: float
    rotation: int = 0
    landscape: bool = False
    is_blank: bool = False
    has_text_layer: bool = True
    needs_ocr: bool = Field(default=False, description="A scan (no text layer, images covering it) whose text was not read by OCR")
    text_source: TextSource = Field(default=TextSource.TEXT_LAYER, description="text_layer, ocr (read from the page image), or none (no text)")
    ocr_confidence: float | None = Field(default=None, description="Mean OCR word confidence 0-1, for an OCR'd page")
    readable: bool = True
    furniture_count: int = 0
    section_id: str | None = Field(default=None, description="The innermost section holding the page")


class PackDocument(BaseModel):
    """Everything agendapack read from one agenda pack."""

    schema_name: str = SCHEMA_NAME
    schema_version: str = SCHEMA_VERSION
    pack_id: str
    producer: str = Field(description="The agendapack version that wrote this document")
    source: SourceInfo
    profile: str = Field(description="Name of the per-council profile applied")
    status: Status
    outline: list[OutlineEntry] = Field(default_factory=list)
    pages: list[PageRecord] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    blocks: list[TextBlock] = Field(default_factory=list)
    furniture: list[Furniture] = Field(default_factory=list)
    records: Records = Field(default_factory=Records)
    issues: list[Issue] = Field(default_factory=list)

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError naming the known ids when there is none."""
        for section in self.sections:
            if section.section_id == section_id:
                return section
        known = ", ".join(s.section_id for s in self.sections) or "none"
        raise KeyError(f"No section {section_id!r} in pack {self.pack_id}; its sections: {known}")

    def section_text(self, section_id: str) -> str:
        """The cleaned text of a section and all its sub-sections, block by block; KeyError for an unknown id."""
        self.section(section_id)
        ids = {section_id}
        for section in self.sections:  # sections come parent first, so one pass collects every descendant
            if section.parent_id in ids:
                ids.add(section.section_id)
        return "\n".join(block.text for block in self.blocks if block.section_id in ids)

    def frames(self) -> dict[str, Any]:
        """The flat tables (sections, meetings, attendance, ...) as typed pandas DataFrames, by table name."""
        from agendapack.output.frames import frames

        return frames(self)
