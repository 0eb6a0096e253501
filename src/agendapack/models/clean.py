"""What the clean stage produces: pages without their furniture, and the furniture kept aside."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from agendapack.models.geometry import BBox
from agendapack.models.issues import Issue
from agendapack.models.source import OutlineEntry, SourceInfo, TextLine, TextSource


class FurnitureKind(StrEnum):
    PAGE_NUMBER = "page_number"
    RUNNING_HEADER = "running_header"
    RUNNING_FOOTER = "running_footer"
    ROTATED_LABEL = "rotated_label"
    BLANK_PAGE_NOTICE = "blank_page_notice"
    DUPLICATE_TEXT = "duplicate_text"
    BULLET_GLYPH = "bullet_glyph"
    AGENDA_ITEM_STAMP = "agenda_item_stamp"


class Furniture(BaseModel):
    """Text removed from the content because it belongs to the page, not the document."""

    model_config = ConfigDict(frozen=True)

    kind: FurnitureKind
    page: int = Field(ge=1)
    bbox: BBox
    text: str
    value: str | None = Field(default=None, description="What it says: the page number or agenda item number")


class CleanPage(BaseModel):
    """One page after cleaning: content lines only, with what the furniture told us."""

    page: int = Field(ge=1)
    width: float
    height: float
    rotation: int = 0
    landscape: bool = False
    printed_label: str | None = Field(default=None, description="The page number printed on the page, if any")
    pdf_label: str | None = None
    is_blank: bool = False
    has_text_layer: bool = True
    needs_ocr: bool = Field(default=False, description="No text layer but an image covering the page (a scan), and not OCR'd")
    text_source: TextSource = Field(default=TextSource.TEXT_LAYER, description="Where the page's lines came from: text_layer, ocr, or none")
    ocr_confidence: float | None = Field(default=None, description="Mean OCR word confidence 0-1, for an OCR'd page")
    image_rulings: list[tuple[float, float, float, float]] = Field(default_factory=list, description="Table rulings seen on an OCR'd page's image")
    readable: bool = True
    image_coverage: float = 0.0
    lines: list[TextLine] = Field(default_factory=list)
    agenda_item_stamp: str | None = Field(default=None, description="N of an 'Agenda Item N' stamp on the page")

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class CleanPack(BaseModel):
    """Output of the clean stage."""

    source: SourceInfo
    outline: list[OutlineEntry] = Field(default_factory=list)
    pages: list[CleanPage] = Field(default_factory=list)
    furniture: list[Furniture] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)
