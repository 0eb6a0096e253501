"""Clean: take page furniture out of the content and keep it aside with its page.

Furniture is what a page carries because it is a page (page numbers, running
headers and footers, rotated margin labels, "intentionally left blank"
notices, ModernGov's "Agenda Item N" stamps) or because of how the PDF was
made (text boxes drawn twice, bullet glyphs from symbol fonts). Nothing is
thrown away: each removed piece becomes a `Furniture` record.
"""

from __future__ import annotations

import re
from collections import defaultdict

from agendapack.models.clean import CleanPack, CleanPage, Furniture, FurnitureKind
from agendapack.models.geometry import BBox
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.profile import FurnitureSettings, Profile
from agendapack.models.source import LoadedPack, RawPage, TextLine, TextSource

PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–]\s*(\d{1,4})\s*[-–]$", re.I)
AGENDA_STAMP_RE = re.compile(r"^agenda\s+item\s+(\d{1,3}[a-z]?(?:\.\d{1,2})?)$", re.I)
BLANK_NOTICE_RE = re.compile(r"this\s+page\s+(?:has\s+been\s+|is\s+)?(?:intentionally|deliberately)\s+(?:left\s+)?blank", re.I)
_BULLET_CHARS = set("•●▪■◦○◆♦➢➤►▶❖·∙\u2023\u2043\u25cf\u25aa\u25a0\u00b7")
_BLANK_NOTICE_MAX_CHARS = 80
_BLANK_MAX_IMAGE_COVERAGE = 0.10  # no text and no more picture than a logo or letterhead strip: a blank page
_SYMBOL_FONT_RE = re.compile(r"dingbat|symbol|wingding|webding", re.I)
_SCANNED_IMAGE_COVERAGE = 0.3
# Mean word confidence below this: the OCR text of the page is not to be trusted without a look.
# Clean 200-300 dpi scans of print give 0.90-0.97 (README, "OCR").
OCR_LOW_CONFIDENCE = 0.75
_DUPLICATE_OVERLAP = 0.8
_DUPLICATE_BUCKET = 4.0


def clean_pack(loaded: LoadedPack, profile: Profile) -> CleanPack:
    """Remove and record furniture on every page; mark blank and image-only pages."""
    settings = profile.furniture
    furniture: list[Furniture] = []
    issues: list[Issue] = []
    running = _running_signatures(loaded.pages, settings)
    pages = [_clean_page(raw, settings, running, furniture) for raw in loaded.pages]
    for raw, page in zip(loaded.pages, pages, strict=True):
        issues.extend(_text_issues(loaded, raw, page))
    return CleanPack(source=loaded.source, outline=loaded.outline, pages=pages, furniture=furniture, issues=issues)


def _text_issues(loaded: LoadedPack, raw: RawPage, page: CleanPage) -> list[Issue]:
    """What is wrong with where a page's text came from: no text layer, a garbled one, OCR failed or unsure."""
    out: list[Issue] = []
    n = page.page
    if raw.garbled is not None:
        then = "it was read by OCR instead" if page.text_source is TextSource.OCR else f"its text is not usable; {_why_no_ocr(loaded, raw)}"
        out.append(make_issue(IssueCode.GARBLED_TEXT_LAYER, Stage.CLEAN, f"Page {n} has a text layer that is not text ({raw.garbled}); {then}.", page=n))
    if raw.ocr_error is not None:
        out.append(make_issue(IssueCode.OCR_FAILED, Stage.LOAD, f"OCR of page {n} failed: {raw.ocr_error}", page=n))
    if page.needs_ocr:
        message = f"Page {n} has no text layer (an image only, {page.image_coverage:.0%} covered); it needs OCR, and {_why_no_ocr(loaded, raw)}."
        out.append(make_issue(IssueCode.NO_TEXT_LAYER, Stage.CLEAN, message, page=n))
    if page.ocr_confidence is not None and page.ocr_confidence < OCR_LOW_CONFIDENCE:
        message = f"OCR of page {n} is unsure: mean word confidence {page.ocr_confidence:.2f} (below {OCR_LOW_CONFIDENCE}); check its text against the page."
        out.append(make_issue(IssueCode.OCR_LOW_CONFIDENCE, Stage.CLEAN, message, page=n))
    return out


def _why_no_ocr(loaded: LoadedPack, raw: RawPage) -> str:
    if raw.ocr_error is not None:
        return "OCR of it failed"
    if loaded.ocr_mode == "never":
        return "OCR is off (--ocr never)"
    if loaded.ocr_problem:
        return loaded.ocr_problem
    return "it was not OCR'd"


def _clean_page(raw: RawPage, settings: FurnitureSettings, running: set[str], out: list[Furniture]) -> CleanPage:
    found: list[Furniture] = []
    lines = _strip_bullets(raw, found)
    lines = _drop_duplicates(raw.page, lines, found)
    lines = [line for line in lines if not _margin_furniture(raw, line, settings, running, found)]
    lines, is_blank = _blank_notice(raw, lines, found)
    out.extend(found)
    return CleanPage(
        page=raw.page,
        width=raw.width,
        height=raw.height,
        rotation=raw.rotation,
        landscape=raw.landscape,
        printed_label=_printed_label(found) or raw.pdf_label,
        pdf_label=raw.pdf_label,
        is_blank=is_blank,
        has_text_layer=raw.has_text_layer,
        needs_ocr=raw.text_source is not TextSource.OCR and not raw.has_text_layer and raw.image_coverage >= _SCANNED_IMAGE_COVERAGE,
        text_source=_text_source(raw),
        ocr_confidence=raw.ocr_confidence,
        image_rulings=raw.image_rulings,
        readable=raw.readable,
        image_coverage=raw.image_coverage,
        lines=lines,
        agenda_item_stamp=next((f.value for f in found if f.kind is FurnitureKind.AGENDA_ITEM_STAMP), None),
    )


def _text_source(raw: RawPage) -> TextSource:
    if raw.text_source is TextSource.OCR:
        return TextSource.OCR
    return TextSource.TEXT_LAYER if raw.has_text_layer else TextSource.NONE


def _printed_label(found: list[Furniture]) -> str | None:
    numbers = [f for f in found if f.kind in (FurnitureKind.PAGE_NUMBER, FurnitureKind.ROTATED_LABEL) and f.value]
    return numbers[0].value if numbers else None


# -- bullets ---------------------------------------------------------------


def is_bullet_glyph(text: str, font: str = "") -> bool:
    """A span that is only a bullet mark: a bullet character, a private-use glyph, or any single
    character in a symbol font (ZapfDingbats' bullet reads as "G" or "l" in the text layer)."""
    stripped = text.strip()
    if len(stripped) != 1:
        return False
    return stripped in _BULLET_CHARS or 0xE000 <= ord(stripped) <= 0xF8FF or _SYMBOL_FONT_RE.search(font) is not None


def _strip_bullets(raw: RawPage, found: list[Furniture]) -> list[TextLine]:
    kept: list[TextLine] = []
    for line in raw.lines:
        spans = list(line.spans)
        while spans and (is_bullet_glyph(spans[0].text, spans[0].font) or not spans[0].text.strip()):
            span = spans.pop(0)
            if span.text.strip():
                found.append(Furniture(kind=FurnitureKind.BULLET_GLYPH, page=raw.page, bbox=span.bbox, text=span.text))
        if spans and len(spans) != len(line.spans):
            bulleted = any(is_bullet_glyph(span.text, span.font) for span in line.spans[: len(line.spans) - len(spans)])
            line = line.model_copy(update={"spans": spans, "bulleted": bulleted})
        if spans:
            kept.append(line)
    return kept


# -- text drawn twice -------------------------------------------------------


def _drop_duplicates(page_no: int, lines: list[TextLine], found: list[Furniture]) -> list[TextLine]:
    """Keep the first of lines with the same text drawn over each other."""
    # Bucketed by text and vertical position, so a table full of "0" cells stays linear.
    seen: dict[tuple[str, int], list[BBox]] = defaultdict(list)
    kept: list[TextLine] = []
    for line in lines:
        key = " ".join(line.text.split()).lower()
        row = int(line.bbox.top // _DUPLICATE_BUCKET)
        nearby = [box for r in (row - 1, row, row + 1) for box in seen.get((key, r), ())]
        if key and any(line.bbox.overlap_ratio(box) >= _DUPLICATE_OVERLAP for box in nearby):
            found.append(Furniture(kind=FurnitureKind.DUPLICATE_TEXT, page=page_no, bbox=line.bbox, text=line.text))
            continue
        seen[(key, row)].append(line.bbox)
        kept.append(line)
    return kept


# -- page numbers, stamps, margin labels, running headers and footers ---------


def _margin_furniture(raw: RawPage, line: TextLine, settings: FurnitureSettings, running: set[str], found: list[Furniture]) -> bool:
    """Record `line` as furniture and return True when it is furniture."""
    text = " ".join(line.text.split())
    kind, value = _furniture_kind(raw, line, text, settings, running)
    if kind is None:
        return False
    found.append(Furniture(kind=kind, page=raw.page, bbox=line.bbox, text=line.text, value=value))
    return True


def _furniture_kind(raw: RawPage, line: TextLine, text: str, settings: FurnitureSettings, running: set[str]) -> tuple[FurnitureKind | None, str | None]:
    stamp = AGENDA_STAMP_RE.match(text)
    if stamp:
        return FurnitureKind.AGENDA_ITEM_STAMP, stamp.group(1)
    if not line.horizontal and _in_side_band(raw, line.bbox, settings):
        return FurnitureKind.ROTATED_LABEL, page_number_value(text)
    band = _band(raw, line.bbox, settings)
    if band is None or not line.horizontal:
        return None, None
    number = page_number_value(text)
    if number is not None:
        return FurnitureKind.PAGE_NUMBER, number
    if _signature(text) in running or any(re.search(p, text, re.I) for p in settings.extra_patterns):
        return (FurnitureKind.RUNNING_HEADER if band == "header" else FurnitureKind.RUNNING_FOOTER), None
    return None, None


def page_number_value(text: str) -> str | None:
    """'Page 12', '12', '12 of 40' and '- 12 -' give '12'; anything else None."""
    match = PAGE_NUMBER_RE.match(" ".join(text.split()))
    if not match:
        return None
    return match.group(1) or match.group(2)


def _band(raw: RawPage, box: BBox, settings: FurnitureSettings) -> str | None:
    if raw.height <= 0:
        return None
    if box.bottom <= max(raw.height * settings.header_band, settings.band_min_points):
        return "header"
    if box.top >= raw.height - max(raw.height * settings.footer_band, settings.band_min_points):
        return "footer"
    return None


def _in_side_band(raw: RawPage, box: BBox, settings: FurnitureSettings) -> bool:
    edge = raw.width * settings.side_band
    return box.x1 <= edge or box.x0 >= raw.width - edge


def _signature(text: str) -> str:
    """Digits folded, so 'Report 3 of 9' and 'Report 4 of 9' repeat as one header."""
    return re.sub(r"\d+", "#", text.lower()).strip()


def _running_signatures(pages: list[RawPage], settings: FurnitureSettings) -> set[str]:
    """Header/footer lines that repeat on enough pages to be furniture."""
    pages_with: dict[str, set[int]] = defaultdict(set)
    text_pages = 0
    for raw in pages:
        if raw.lines:
            text_pages += 1
        for line in raw.lines:
            if line.horizontal and _band(raw, line.bbox, settings) is not None:
                signature = _signature(" ".join(line.text.split()))
                if len(signature) > 1:
                    pages_with[signature].add(raw.page)
    needed = max(settings.running_min_pages, int(settings.running_min_share * text_pages + 0.999))
    return {sig for sig, on in pages_with.items() if len(on) >= needed}


# -- blank pages --------------------------------------------------------------


def _blank_notice(raw: RawPage, lines: list[TextLine], found: list[Furniture]) -> tuple[list[TextLine], bool]:
    text = " ".join(" ".join(line.text for line in lines).split())
    if not text:
        # no text and no image, or a scanned sheet OCR found nothing on (a blank back page)
        return lines, raw.readable and (raw.image_coverage < _BLANK_MAX_IMAGE_COVERAGE or (raw.text_source is TextSource.OCR and raw.ocr_error is None))
    if len(text) <= _BLANK_NOTICE_MAX_CHARS and BLANK_NOTICE_RE.search(text):
        for line in lines:
            found.append(Furniture(kind=FurnitureKind.BLANK_PAGE_NOTICE, page=raw.page, bbox=line.bbox, text=line.text))
        return [], True
    return lines, False
