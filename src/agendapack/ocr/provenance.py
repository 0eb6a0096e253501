"""Records read from OCR text say so: `text_source = ocr` and the mean confidence of the words in their box.

Runs once after extraction, over every record family's provenance (and the sections'), so no
reader needs to know where its text came from. A pack without OCR'd pages is returned as is.
"""

from __future__ import annotations

from agendapack.models.clean import CleanPage
from agendapack.models.document import Section
from agendapack.models.geometry import BBox, Provenance, TextSource
from agendapack.models.records import Records

_Words = list[tuple[float, float, float]]  # (centre x, centre y, confidence) of each OCR word on a page


def mark_ocr_provenance(records: Records, sections: list[Section], pages: list[CleanPage]) -> tuple[Records, list[Section]]:
    """Records and sections with the provenance on OCR'd pages marked, each with its words' mean confidence."""
    words = {page.page: page_words(page) for page in pages if page.text_source is TextSource.OCR}
    if not words:
        return records, sections
    means = {page.page: page.ocr_confidence for page in pages if page.text_source is TextSource.OCR}
    update = {}
    for name in Records.model_fields:
        items = getattr(records, name)
        update[name] = [_marked(item, words, means) for item in items]
    return records.model_copy(update=update), [_marked(section, words, means) for section in sections]


def page_words(page: CleanPage) -> _Words:
    """Centre and confidence of each OCR word on a page."""
    out: _Words = []
    for line in page.lines:
        for span in line.spans:
            if span.confidence is not None:
                box = span.bbox
                out.append(((box.x0 + box.x1) / 2, (box.top + box.bottom) / 2, span.confidence))
    return out


def _marked(item, words: dict[int, _Words], means: dict[int, float | None]):
    provenance = getattr(item, "provenance", None)
    if not provenance or not any(p.page in words for p in provenance):
        return item
    marked = [_marked_one(p, words, means) for p in provenance]
    return item.model_copy(update={"provenance": marked})


def _marked_one(provenance: Provenance, words: dict[int, _Words], means: dict[int, float | None]) -> Provenance:
    if provenance.page not in words:
        return provenance
    confidence = _mean_inside(provenance.bbox, words[provenance.page])
    if confidence is None:
        confidence = means.get(provenance.page)
    return provenance.model_copy(update={"text_source": TextSource.OCR, "ocr_confidence": confidence})


def _mean_inside(box: BBox | None, words: _Words) -> float | None:
    return mean_confidence(confidences_inside(box, words))


def confidences_inside(box: BBox | None, words: _Words) -> list[float]:
    """The confidence of each OCR word whose centre lies in `box` (none for a record without a box)."""
    if box is None:
        return []
    return [c for x, y, c in words if box.x0 <= x <= box.x1 and box.top <= y <= box.bottom]


def mean_confidence(confidences: list[float]) -> float | None:
    return round(sum(confidences) / len(confidences), 3) if confidences else None
