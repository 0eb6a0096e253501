"""Segment: split a pack into sections by its outline first, by text cues otherwise.

An outline (bookmarks) is what the publisher says the pack holds, so it wins
where it exists. Text cues fill in when there is none, and split an outline
section where an "Agenda Item N" stamp or a frontsheet page reference shows
an item the outline left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from agendapack.extract.frontsheet import FrontsheetItem, frontsheet_pages, printed_to_physical, read_frontsheet
from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.document import Section, SectionSource
from agendapack.models.geometry import Provenance, union_all
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.source import TextLine
from agendapack.stages.blocks import HEADING_SIZE_FACTOR, body_font_size
from agendapack.stages.classify import title_kind
from agendapack.stages.cues import MINUTES_HEADER_RE, SUBDOCUMENT_KINDS, is_cover_sheet, row_texts
from agendapack.stages.outline import Bookmark, bookmarked_heading_style, content_above, vet_outline

OUTLINE_ITEM_RE = re.compile(r"^(\d{1,3}[a-z]?)(?:[.)]|\s*[|:–-])?\s+(\S.*)$")
_HEADER_SHARE = 0.35
_TAIL_CUE_CONFIDENCE = 0.6
_HEADING_MAX_LINES = 2


class Segmentation(BaseModel):
    """Output of the segment stage."""

    sections: list[Section]
    frontsheet: list[FrontsheetItem] = Field(default_factory=list, description="Frontsheet items, for the agenda extractor")
    issues: list[Issue] = Field(default_factory=list)


@dataclass(frozen=True)
class Cue:
    """Evidence from the text that a section starts on a page."""

    page: int
    title: str
    item_number: str | None
    confidence: float
    why: str


def segment_pack(pack: CleanPack) -> Segmentation:
    """Sections with physical page ranges; from the outline when it has usable entries."""
    issues: list[Issue] = []
    front = read_frontsheet(pack.pages)
    cues = text_cues(pack.pages, front, issues)
    usable = [entry for entry in pack.outline if entry.page is not None]
    marks: list[Bookmark] = []
    if usable:
        if sorted(usable, key=lambda e: e.page or 0) != usable:
            issues.append(make_issue(IssueCode.OUTLINE_OUT_OF_ORDER, Stage.SEGMENT, "Outline entries are not in page order; they were sorted by page."))
        marks, vetting = vet_outline(usable, pack.pages)
        issues.extend(vetting)
    if marks:
        spans = _outline_spans(marks, pack.pages)
        spans = _split_tail(spans, marks, cues, pack.pages, issues)
        spans = _fill_from_cues(spans, cues, pack.pages, issues)
    else:
        said = "No outline entry marks a document" if usable else "The PDF has no usable outline"
        message = f"{said}; sections come from text cues."
        issues.append(make_issue(IssueCode.NO_OUTLINE, Stage.SEGMENT, message))
        spans = _with_subdocuments(_cue_spans(cues, pack.pages), pack.pages)
    sections = _number_sections(spans, pack.pages)
    return Segmentation(sections=sections, frontsheet=front, issues=issues)


# -- outline ------------------------------------------------------------------


@dataclass
class Span:
    """A section before it has an id: a title, its level and pages."""

    level: int
    title: str
    item_number: str | None
    page_start: int
    page_end: int
    source: SectionSource
    confidence: float
    parent: int | None = None
    y_start: float | None = None  # None: the top of page_start
    y_end: float | None = None  # None: the foot of page_end


def split_item_number(title: str) -> tuple[str | None, str]:
    """'6 Draft Annual Report' gives ('6', 'Draft Annual Report'); '24/00108 - X' keeps its title."""
    match = OUTLINE_ITEM_RE.match(title)
    return (match.group(1), match.group(2)) if match else (None, title)


def _outline_spans(marks: list[Bookmark], pages: list[CleanPage]) -> list[Span]:
    page_count = len(pages)
    spans: list[Span] = []
    for mark in marks:
        number, title = split_item_number(mark.title)
        if number is None and mark.parent is not None:
            number = spans[mark.parent].item_number  # a paper inside agenda item N belongs to item N
        spans.append(Span(mark.level, title, number, mark.page, page_count, SectionSource.OUTLINE, 1.0, mark.parent, mark.y))
    _close_ranges(spans, pages)
    return spans


def _close_ranges(spans: list[Span], pages: list[CleanPage]) -> None:
    """Each section ends where its next sibling (or any later section at its level or above) starts:
    on that page when the later one starts part-way down it below other content, else the page before."""
    page_count = len(pages)
    by_page = {page.page: page for page in pages}
    for index, span in enumerate(spans):
        parent = spans[span.parent] if span.parent is not None else None
        end: tuple[int, float | None] = (parent.page_end, parent.y_end) if parent is not None else (page_count, None)
        later = next((s for s in spans[index + 1 :] if s.level <= span.level), None)
        if later is not None:
            if later.y_start is not None and content_above(by_page.get(later.page_start), later.y_start):
                stop: tuple[int, float | None] = (later.page_start, later.y_start)
            else:
                stop = (later.page_start - 1, None)
            end = min(end, stop, key=_position)
        if end[0] < span.page_start:
            end = (span.page_start, None)  # a sibling on the same page shares it
        span.page_end, span.y_end = min(end[0], page_count), end[1]


def _position(point: tuple[int, float | None]) -> tuple[int, float]:
    page, y = point
    return (page, y if y is not None else float("inf"))


def _fill_from_cues(spans: list[Span], cues: list[Cue], pages: list[CleanPage], issues: list[Issue]) -> list[Span]:
    """Add top-level sections for strong cues the outline does not account for."""
    added: list[Span] = []
    top = [s for s in spans if s.level == 1]
    for cue in cues:
        if cue.confidence < 0.85 or any(s.page_start == cue.page for s in spans):
            continue
        holder = next((s for s in reversed(top) if s.page_start <= cue.page), None)
        if holder is not None and holder.item_number == cue.item_number:
            continue
        added.append(Span(1, cue.title, cue.item_number, cue.page, cue.page, SectionSource.TEXT, cue.confidence))
        message = f"Outline has no entry for {cue.why} on page {cue.page}; a section was added from the text."
        issues.append(make_issue(IssueCode.OUTLINE_INCOMPLETE, Stage.SEGMENT, message, page=cue.page))
    first = spans[0]
    if first.page_start > 1 or (first.y_start is not None and content_above(pages[0] if pages else None, first.y_start)):
        lead = next((c for c in cues if c.page == 1), None)
        added.append(Span(1, lead.title if lead else _lead_title(pages), None, 1, 1, SectionSource.TEXT, 0.7))
    if not added:
        return spans
    return _rebuild_with(spans, added, pages)


def _split_tail(spans: list[Span], marks: list[Bookmark], cues: list[Cue], pages: list[CleanPage], issues: list[Issue]) -> list[Span]:
    """Pages after the last bookmark that open another document (a heading set like the bookmarked
    ones, or a text cue) start top-level sections of their own: publishers often leave the last
    paper unbookmarked."""
    last = max(mark.page for mark in marks)
    by_page = {page.page: page for page in pages}
    style = bookmarked_heading_style(marks, by_page, body_font_size(pages))
    cue_at = {cue.page: cue for cue in cues if cue.confidence >= _TAIL_CUE_CONFIDENCE}
    added: list[Span] = []
    previous_first = ""
    for page in pages[last:]:
        first = _opening_line(page)
        opening = " ".join(first.text.split()) if first else ""
        repeated, previous_first = opening == previous_first, opening  # a line opening every page is a running header
        cue = cue_at.get(page.page)
        if cue is None and style is not None and first is not None and style.matches(first) and not repeated:
            cue = Cue(page.page, opening, None, 0.75, "a heading set like the bookmarked ones")
        if cue is None:
            continue
        added.append(Span(1, cue.title, cue.item_number, page.page, page.page, SectionSource.TEXT, cue.confidence))
        why = cue.why
        message = f"Page {page.page} starts a document the outline does not list ({why}); a section was added from the text."
        issues.append(make_issue(IssueCode.OUTLINE_INCOMPLETE, Stage.SEGMENT, message, page=page.page))
    return _rebuild_with(spans, added, pages) if added else spans


def _opening_line(page: CleanPage) -> TextLine | None:
    """The page's first line when it stands alone on its row (a heading, not a table's header cells)."""
    lines = [line for line in page.lines if line.text.strip()]
    if not lines:
        return None
    first = min(lines, key=lambda line: (line.bbox.top, line.bbox.x0))
    alone = not any(other is not first and abs(other.bbox.top - first.bbox.top) <= 3 for other in lines)
    return first if alone else None


def _rebuild_with(spans: list[Span], added: list[Span], pages: list[CleanPage]) -> list[Span]:
    """Insert added top-level spans in document order and recompute parents and ranges."""
    merged = sorted(spans + added, key=lambda s: (s.page_start, s.y_start if s.y_start is not None else -1.0, s.level))
    stack: list[int] = []
    for index, span in enumerate(merged):
        while stack and merged[stack[-1]].level >= span.level:
            stack.pop()
        span.parent = stack[-1] if stack else None
        stack.append(index)
    _close_ranges(merged, pages)
    return merged


# -- text cues ------------------------------------------------------------------


def text_cues(pages: list[CleanPage], front: list[FrontsheetItem], issues: list[Issue]) -> list[Cue]:
    """Every page where the text says a new section starts, strongest cue per page."""
    titles = {item.number: item.title for item in front}
    found: dict[int, Cue] = {}
    for cue in _frontsheet_cues(pages, front, issues) + _page_cues(pages, titles):
        if cue.page not in found or cue.confidence > found[cue.page].confidence:
            found[cue.page] = cue
    return [found[page] for page in sorted(found)]


def _frontsheet_cues(pages: list[CleanPage], front: list[FrontsheetItem], issues: list[Issue]) -> list[Cue]:
    cues: list[Cue] = []
    if front:
        first = frontsheet_pages(pages)[0].page
        cues.append(Cue(first, "Agenda", None, 0.95, "the agenda frontsheet"))
    physical = printed_to_physical(pages)
    referenced = [item for item in front if item.printed_start is not None]
    if referenced and not physical:
        message = f"The agenda refers to {len(referenced)} items' pages, but no page of this file prints a page number: the papers are published separately."
        issues.append(make_issue(IssueCode.PAPERS_NOT_IN_FILE, Stage.SEGMENT, message, page=referenced[0].page))
        return cues
    for item in referenced:
        assert item.printed_start is not None
        page = physical.get(item.printed_start)
        if page is None:
            message = f"Agenda item {item.number} refers to printed page {item.printed_start}, which is not in this file."
            issues.append(make_issue(IssueCode.PAGE_REFERENCE_MISMATCH, Stage.SEGMENT, message, page=item.page))
            continue
        cues.append(Cue(page, item.title, item.number, 0.95, f"agenda item {item.number}"))
    return cues


def _page_cues(pages: list[CleanPage], titles: dict[str, str]) -> list[Cue]:
    cues: list[Cue] = []
    previous_label: str | None = None
    for page in pages:
        cue = _page_cue(page, titles, previous_label)
        if cue is not None:
            cues.append(cue)
        previous_label = page.printed_label or previous_label
    return cues


def _page_cue(page: CleanPage, titles: dict[str, str], previous_label: str | None) -> Cue | None:
    if page.agenda_item_stamp:
        number = page.agenda_item_stamp
        title = titles.get(number) or first_heading(page) or f"Agenda Item {number}"
        return Cue(page.page, title, number, 0.9, f"the 'Agenda Item {number}' stamp")
    header = _header_text_lines(page)
    if is_cover_sheet(page):
        return Cue(page.page, _cover_title(page) or first_heading(page) or "Report", None, 0.75, "a report cover sheet")
    if any(MINUTES_HEADER_RE.match(text) for text in header):
        return Cue(page.page, "Minutes", None, 0.7, "a minutes heading")
    if page.printed_label == "1" and previous_label not in (None, "1"):
        return Cue(page.page, first_heading(page) or "Untitled", None, 0.6, "page numbering restarting at 1")
    return None


def _header_text_lines(page: CleanPage) -> list[str]:
    limit = page.height * _HEADER_SHARE
    return [" ".join(line.text.split()) for line in page.lines if line.bbox.top <= limit]


def _cover_title(page: CleanPage) -> str | None:
    for text in row_texts(page):
        match = re.match(r"^(?:report\s+)?title\s*:\s*(.+)$", text, re.I)
        if match and len(match.group(1)) > 3:
            return match.group(1)
    return None


def _lead_title(pages: list[CleanPage]) -> str:
    """A title for the pages before any cue: the first page's heading, else 'Front matter'."""
    first = next((page for page in pages if page.lines), None)
    return (first_heading(first) if first else None) or "Front matter"


def first_heading(page: CleanPage) -> str | None:
    """The largest text in the top part of the page: a fair title for a section found by its text."""
    top = [line for line in page.lines if line.bbox.top <= page.height * 0.5 and len(line.text.strip()) > 3]
    if not top:
        return None
    biggest = max(line.size for line in top)
    first = next(line for line in top if line.size >= biggest - 0.5)
    return " ".join(first.text.split())


def _cue_spans(cues: list[Cue], pages: list[CleanPage]) -> list[Span]:
    page_count = len(pages)
    if not cues or cues[0].page != 1:
        cues = [Cue(1, _lead_title(pages), None, 0.5, "the first page"), *cues]
    spans = [Span(1, c.title, c.item_number, c.page, page_count, SectionSource.TEXT, c.confidence) for c in cues]
    _close_ranges(spans, pages)
    return spans


def _with_subdocuments(spans: list[Span], pages: list[CleanPage]) -> list[Span]:
    """Without an outline, a page inside a section that opens with a tracker, work programme or
    annual report heading starts a level-2 section there."""
    body = body_font_size(pages)
    out: list[Span] = []
    for span in spans:
        out.append(span)
        parent = len(out) - 1
        for page in pages[span.page_start : span.page_end]:  # pages after the section's first
            heading = top_heading(page, body)
            found = title_kind(heading) if heading else None
            if found and found[0] in SUBDOCUMENT_KINDS:
                out.append(Span(2, heading, span.item_number, page.page, span.page_end, SectionSource.TEXT, 0.7, parent))
    _close_ranges(out, pages)
    return out


def top_heading(page: CleanPage, body_size: float) -> str | None:
    """The large, unnumbered text the page opens with (one or more lines), if any."""
    parts: list[str] = []
    for line in page.lines:
        text = " ".join(line.text.split())
        if line.size < body_size * HEADING_SIZE_FACTOR or (not parts and text[:1].isdigit()) or len(parts) == _HEADING_MAX_LINES:
            break
        parts.append(text)
    return " ".join(parts) or None


# -- ids and provenance ---------------------------------------------------------


def _number_sections(spans: list[Span], pages: list[CleanPage]) -> list[Section]:
    ids: list[str] = []
    counters: dict[int | None, int] = {}
    for span in spans:
        counters[span.parent] = counters.get(span.parent, 0) + 1
        own = f"{counters[span.parent]:02d}"
        ids.append(own if span.parent is None else f"{ids[span.parent]}.{own}")
    by_page = {page.page: page for page in pages}
    sections = []
    for i, span in enumerate(spans):
        section = Section(
            section_id=f"s{ids[i]}",
            parent_id=f"s{ids[span.parent]}" if span.parent is not None else None,
            level=span.level,
            item_number=span.item_number,
            title=span.title,
            page_start=span.page_start,
            page_end=span.page_end,
            y_start=span.y_start,
            y_end=span.y_end,
            source=span.source,
            confidence=span.confidence,
        )
        provenance = [_page_provenance(section, by_page[p]) for p in section.pages if p in by_page]
        sections.append(section.model_copy(update={"provenance": provenance}))
    return sections


def _page_provenance(section: Section, page: CleanPage) -> Provenance:
    """The box of the section's content on one page: only the part below its start and above its end."""
    return Provenance(page=page.page, bbox=union_all([line.bbox for line in page.lines if section.holds(page.page, line.bbox.top)]))
