"""What the load stage reads out of a PDF: spans with boxes and fonts, per page."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from agendapack.models.geometry import BBox, TextSource
from agendapack.models.issues import Issue


class TextSpan(BaseModel):
    """A run of text in one font, as the PDF draws it."""

    model_config = ConfigDict(frozen=True)

    text: str
    bbox: BBox
    font: str
    size: float
    bold: bool = False
    italic: bool = False
    confidence: float | None = Field(default=None, description="OCR word confidence 0-1; None for text from the text layer")


class TextLine(BaseModel):
    """A line of spans sharing a baseline and a writing direction."""

    model_config = ConfigDict(frozen=True)

    spans: list[TextSpan]
    bbox: BBox
    block_no: int = Field(description="Index of the PDF text block this line came from")
    horizontal: bool = Field(description="False for text rotated away from left-to-right")
    bulleted: bool = Field(default=False, description="A bullet glyph stood before it (removed by cleaning)")

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def size(self) -> float:
        return max((span.size for span in self.spans), default=0.0)

    @property
    def bold(self) -> bool:
        return bool(self.spans) and all(span.bold for span in self.spans if span.text.strip())


class OutlineEntry(BaseModel):
    """One bookmark of the PDF outline."""

    model_config = ConfigDict(frozen=True)

    level: int = Field(ge=1)
    title: str
    page: int | None = Field(description="1-based physical target page; None when it points nowhere")
    y: float | None = Field(default=None, description="Target position on the page, top-left origin")


class SourceInfo(BaseModel):
    """Facts about the input file itself."""

    file_name: str
    sha256: str
    size_bytes: int
    page_count: int = 0
    pdf_format: str | None = None
    title: str | None = None
    author: str | None = None
    subject: str | None = None
    creator: str | None = None
    producer: str | None = None
    encrypted: bool = False
    repaired: bool = False


class RawPage(BaseModel):
    """One page as loaded, before any cleaning."""

    page: int = Field(ge=1, description="1-based physical page number")
    width: float
    height: float
    rotation: int = 0
    pdf_label: str | None = Field(default=None, description="Page label from the PDF's /PageLabels")
    lines: list[TextLine] = Field(default_factory=list)
    image_count: int = 0
    image_coverage: float = Field(default=0.0, description="Share of the page area covered by images")
    drawing_count: int | None = None
    readable: bool = True
    text_source: TextSource = Field(default=TextSource.TEXT_LAYER, description="text_layer, ocr (the lines were read from the page image), or none")
    ocr_confidence: float | None = Field(default=None, description="Mean OCR word confidence 0-1 of an OCR'd page")
    garbled: str | None = Field(default=None, description="Why the text layer was judged not to be text, when it was")
    ocr_error: str | None = Field(default=None, description="Why OCR of this page failed, when it did")
    text_layer_chars: int | None = Field(default=None, description="Characters of the PDF's own text layer, kept when OCR replaced its lines")
    image_rulings: list[tuple[float, float, float, float]] = Field(
        default_factory=list, description="Table rulings (x0, y0, x1, y1) seen on the image of an OCR'd page, where a scan has no vector drawings"
    )

    @property
    def has_text_layer(self) -> bool:
        if self.text_layer_chars is not None:  # OCR replaced the lines: what the PDF itself carried
            return self.text_layer_chars > 0
        return any(line.text.strip() for line in self.lines)

    @property
    def landscape(self) -> bool:
        return self.width > self.height


class LoadedPack(BaseModel):
    """Output of the load stage."""

    source: SourceInfo
    outline: list[OutlineEntry] = Field(default_factory=list)
    pages: list[RawPage] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)
    fatal: bool = Field(default=False, description="True when nothing further can be read")
    ocr_mode: str = Field(default="auto", description="auto, always or never, as asked")
    ocr_problem: str | None = Field(default=None, description="Why OCR could not run (not installed), when it was wanted")
