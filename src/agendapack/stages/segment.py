"""Segment: split a pack into sections by its outline first, by text cues otherwise.

An outline (bookmarks) is what the publisher says the pack holds, so it wins
where it exists. Text cues fill in when there is none, and split an outline
section where an "Agenda Item N" stamp or a frontsheet page reference shows
an item the outline left out.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from agendapack import conventions
from agendapack.extract.frontsheet import FrontsheetItem, read_frontsheet
from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.document import Section, SectionKind, SectionSource
from agendapack.models.geometry import Provenance, union_all
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.source import TextLine
from agendapack.stages.blocks import HEADING_SIZE_FACTOR, body_font_size
from agendapack.stages.classify import title_kind
from agendapack.stages.cues import SUBDOCUMENT_KINDS
from agendapack.stages.nesting import nest_attachments
from agendapack.stages.outline import Bookmark, bookmarked_heading_style, content_above, vet_outline
from agendapack.stages.page_text import forget
from agendapack.stages.spans import Span, close_ranges, rebuild_with
from agendapack.stages.text_cues import Cue, continues_numbering, cue_evidence, lead_title, page_numbers, text_cues

APPENDIX_HEADING = ("classify", "appendix_heading")
GLOSSARY_HEADING = ("classify", "glossary_heading")
OUTLINE_ITEM_RE = re.compile(r"^(\d{1,3}[a-z]?)(?:[.)]|\s*[|:–-])?\s+(\S.*)$")
_TAIL_CUE_CONFIDENCE = 0.6
_HEADING_MAX_LINES = 2
_STAMP_MAX_WORDS = 3  # 'ATTACHMENT 1', 'Appendix B - Map': a label, not a sentence


class Segmentation(BaseModel):
    """Output of the segment stage."""

    sections: list[Section]
    frontsheet: list[FrontsheetItem] = Field(default_factory=list, description="Frontsheet items, for the agenda extractor")
    issues: list[Issue] = Field(default_factory=list)


def segment_pack(pack: CleanPack) -> Segmentation:
    """Sections with physical page ranges; from the outline when it has usable entries."""
    forget()  # another pack's page texts
    issues: list[Issue] = []
    front = read_frontsheet(pack.pages)
    cues = text_cues(pack.pages, front, issues, pack.furniture)
    body = body_font_size(pack.pages)
    usable = [entry for entry in pack.outline if entry.page is not None]
    marks: list[Bookmark] = []
    if usable:
        if sorted(usable, key=lambda e: e.page or 0) != usable:
            issues.append(make_issue(IssueCode.OUTLINE_OUT_OF_ORDER, Stage.SEGMENT, "Outline entries are not in page order; they were sorted by page."))
        marks, vetting = vet_outline(usable, pack.pages, frozenset(cue.page for cue in cues))
        issues.extend(vetting)
    if marks:
        spans = _outline_spans(marks, pack.pages)
        spans = _split_tail(spans, marks, cues, pack, issues, body)
        spans = _fill_from_cues(spans, cues, pack.pages, issues)
        spans = nest_attachments(spans, pack.pages)
    else:
        said = "No outline entry marks a document" if usable else "The PDF has no usable outline"
        message = f"{said}; sections come from text cues."
        issues.append(make_issue(IssueCode.NO_OUTLINE, Stage.SEGMENT, message))
        spans = _with_subdocuments(nest_attachments(_cue_spans(cues, pack.pages), pack.pages), pack.pages, body)
    sections = _number_sections(spans, pack.pages)
    return Segmentation(sections=sections, frontsheet=front, issues=issues)


# -- outline ------------------------------------------------------------------


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
    close_ranges(spans, pages)
    return spans


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
        added.append(Span(1, cue.title, cue.item_number, cue.page, cue.page, SectionSource.TEXT, cue.confidence, y_start=cue.y, evidence=cue_evidence(cue)))
        message = f"Outline has no entry for {cue.why} on page {cue.page}; a section was added from the text."
        issues.append(make_issue(IssueCode.OUTLINE_INCOMPLETE, Stage.SEGMENT, message, page=cue.page))
    first = spans[0]
    if first.page_start > 1 or (first.y_start is not None and content_above(pages[0] if pages else None, first.y_start)):
        lead = next((c for c in cues if c.page == 1), None)
        added.append(Span(1, lead.title if lead else lead_title(pages), None, 1, 1, SectionSource.TEXT, 0.7))
    if not added:
        return spans
    return rebuild_with(spans, added, pages)


def _split_tail(
    spans: list[Span], marks: list[Bookmark], cues: list[Cue], pack: CleanPack, issues: list[Issue], body: float
) -> list[Span]:
    """Pages after the last bookmark that open another document (a heading set like the bookmarked
    ones, or a text cue) start top-level sections of their own: publishers often leave the last
    paper unbookmarked."""
    pages = pack.pages
    numbers = page_numbers(pages, pack.furniture)
    last = max(mark.page for mark in marks)
    by_page = {page.page: page for page in pages}
    style = bookmarked_heading_style(marks, by_page, body)
    cue_at = {cue.page: cue for cue in cues if cue.confidence >= _TAIL_CUE_CONFIDENCE and cue.y is None}
    added: list[Span] = []
    previous_first = ""
    for page in pages[last:]:
        first = opening_line(page)
        opening = " ".join(first.text.split()) if first else ""
        repeated, previous_first = opening == previous_first, opening  # a line opening every page is a running header
        cue = cue_at.get(page.page)
        if cue is None and style is not None and first is not None and style.matches(first) and not repeated:
            cue = Cue(page.page, opening, None, 0.75, "a heading set like the bookmarked ones")
        stamp = first is not None and not repeated and _stamp_kind(opening) is SectionKind.APPENDIX and _is_stamp(first, body)
        if cue is None and stamp and not continues_numbering(numbers, page.page):
            cue = Cue(page.page, opening, None, 0.65, f"the stamp {opening!r} atop the page")
        if cue is None:
            continue
        added.append(Span(1, cue.title, cue.item_number, page.page, page.page, SectionSource.TEXT, cue.confidence))
        why = cue.why
        message = f"Page {page.page} starts a document the outline does not list ({why}); a section was added from the text."
        issues.append(make_issue(IssueCode.OUTLINE_INCOMPLETE, Stage.SEGMENT, message, page=page.page))
    return rebuild_with(spans, added, pages) if added else spans


def opening_line(page: CleanPage) -> TextLine | None:
    """The page's first line when it stands alone on its row (a heading, not a table's header cells)."""
    lines = [line for line in page.lines if line.text.strip()]
    if not lines:
        return None
    first = min(lines, key=lambda line: (line.bbox.top, line.bbox.x0))
    alone = not any(other is not first and abs(other.bbox.top - first.bbox.top) <= 3 for other in lines)
    return first if alone else None


# -- text cues ------------------------------------------------------------------


def _cue_spans(cues: list[Cue], pages: list[CleanPage]) -> list[Span]:
    page_count = len(pages)
    if not cues or cues[0].page != 1:
        cues = [Cue(1, lead_title(pages), None, 0.5, "the first page"), *cues]
    spans = [Span(1, c.title, c.item_number, c.page, page_count, SectionSource.TEXT, c.confidence, y_start=c.y, evidence=cue_evidence(c)) for c in cues]
    close_ranges(spans, pages)
    return spans


def _with_subdocuments(spans: list[Span], pages: list[CleanPage], body: float) -> list[Span]:
    """Without an outline, a page inside a section that opens with a tracker, work programme, annual
    report or minutes heading (set large) starts a section one level down there; a page that opens
    with an appendix / schedule / attachment stamp or a glossary heading (set large or bold) starts
    one inside the innermost section holding it (an annual report's appendix is the report's). A
    glossary ends at the next page that opens with another heading."""
    added: list[Span] = []
    open_sub: Span | None = None
    for page in pages:
        host = next((span for span in reversed(spans) if span.page_start < page.page <= span.page_end), None)
        if host is None:
            open_sub = None
            continue
        if open_sub is not None and not _inside(open_sub, host, page.page):
            open_sub = None
        heading = top_heading(page, body)
        found = title_kind(heading) if heading else None
        if heading and found and found[0] in SUBDOCUMENT_KINDS:
            open_sub = Span(host.level + 1, heading, host.item_number, page.page, host.page_end, SectionSource.TEXT, 0.7)
            added.append(open_sub)
            continue
        stamp = opening_heading(page, body)
        kind = _stamp_kind(stamp) if stamp else None
        if stamp and kind is not None:
            inside = open_sub if open_sub is not None and open_sub.page_start < page.page else host
            last = _glossary_end(pages, page, body, host.page_end) if kind is SectionKind.GLOSSARY else None
            added.append(Span(inside.level + 1, stamp, host.item_number, page.page, host.page_end, SectionSource.TEXT, 0.65, last_page=last))
    return rebuild_with(spans, added, pages) if added else spans


def _inside(sub: Span, host: Span, page: int) -> bool:
    """Whether a sub-document found earlier is still open on this page of its host section."""
    return sub.level == host.level + 1 and sub.item_number == host.item_number and sub.page_start <= page <= host.page_end


def _stamp_kind(text: str) -> SectionKind | None:
    if conventions.first_cue(APPENDIX_HEADING, text):
        return SectionKind.APPENDIX
    if conventions.first_cue(GLOSSARY_HEADING, text):
        return SectionKind.GLOSSARY
    return None


def _glossary_end(pages: list[CleanPage], start: CleanPage, body: float, limit: int) -> int:
    """The page before the next one that opens with a heading of its own."""
    for page in pages[start.page : limit]:
        if opening_heading(page, body):
            return page.page - 1
    return limit


def top_heading(page: CleanPage, body_size: float) -> str | None:
    """The large, unnumbered text the page opens with (one or more lines), if any."""
    parts: list[str] = []
    for line in page.lines:
        text = " ".join(line.text.split())
        if line.size < body_size * HEADING_SIZE_FACTOR or (not parts and text[:1].isdigit()) or len(parts) == _HEADING_MAX_LINES:
            break
        parts.append(text)
    return " ".join(parts) or None


def opening_heading(page: CleanPage, body_size: float) -> str | None:
    """The page's first line when it is a heading: bold or large, or a short stamp alone on its row
    ('ATTACHMENT 1', 'Appendix B', in body type too, as a scan read by OCR shows it), not numbered."""
    line = opening_line(page)
    if line is None:
        return None
    text = " ".join(line.text.split())
    if text[:1].isdigit() or not (line.bold or line.size >= body_size * HEADING_SIZE_FACTOR or _is_stamp(line, body_size)):
        return None
    return text


def _is_stamp(line: TextLine, body_size: float) -> bool:
    """A short line that is only an appendix / attachment label, or any such label set as a heading."""
    text = " ".join(line.text.split())
    if line.bold or line.size >= body_size * HEADING_SIZE_FACTOR:
        return True
    return len(text.split()) <= _STAMP_MAX_WORDS and _stamp_kind(text) is SectionKind.APPENDIX


# -- ids and provenance ---------------------------------------------------------


def _number_sections(spans: list[Span], pages: list[CleanPage]) -> list[Section]:
    ids: list[str] = []
    counters: dict[int | None, int] = {}
    for span in spans:
        counters[span.parent] = counters.get(span.parent, 0) + 1
        own = f"{counters[span.parent]:02d}"
        ids.append(own if span.parent is None else f"{ids[span.parent]}.{own}")
    by_page = {page.page: page for page in pages}
    whole: dict[int, Provenance] = {}  # a page's box, shared by every section holding all of it
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
            kind_evidence=span.evidence,
            source=span.source,
            confidence=span.confidence,
        )
        provenance = [_page_provenance(section, by_page[p], whole) for p in section.pages if p in by_page]
        sections.append(section.model_copy(update={"provenance": provenance}))
    return sections


def _page_provenance(section: Section, page: CleanPage, whole: dict[int, Provenance]) -> Provenance:
    """The box of the section's content on one page: only the part below its start and above its end."""
    partial = (page.page == section.page_start and section.y_start is not None) or (page.page == section.page_end and section.y_end is not None)
    if partial:
        return Provenance(page=page.page, bbox=union_all([line.bbox for line in page.lines if section.holds(page.page, line.bbox.top)]))
    if page.page not in whole:
        whole[page.page] = Provenance(page=page.page, bbox=union_all([line.bbox for line in page.lines]))
    return whole[page.page]
