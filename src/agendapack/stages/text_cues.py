"""Text cues: evidence on a page that a new document starts there.

The agenda frontsheet's "(Pages x - y)" references mapped through the printed page numbers,
"Agenda Item N" stamps, report cover sheets, minutes headings, memo and form header blocks
(TO: / FROM: / SUBJECT:), and page numbering: numbers that restart at 1, that start at 2 on the
page after a document's unnumbered first page, that stop after a document's last page, or that
have reached it ("Page 5 of 5"). Page numbers are read wherever the page prints them near its top
or foot, also at the end of a running header ("Minutes - 3 December 2024 - Page 2") and below the
header band in a continuation header block, so a scanned page read by OCR gives the same evidence
as its text-layer twin.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from agendapack import conventions
from agendapack.extract.frontsheet import FrontsheetItem, frontsheet_pages, printed_to_physical
from agendapack.extract.layout import Row, visual_rows
from agendapack.models.clean import CleanPage, Furniture, FurnitureKind
from agendapack.models.document import KindEvidence, SectionKind
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.stages.cues import is_cover_sheet, row_texts
from agendapack.stages.page_text import line_texts, may_match

_HEADER_SHARE = 0.35
_HEADING_SIZE_FACTOR = 1.15
_PAGE_NUMBER_BAND = 0.12  # share of the page height at its top and foot where page numbers are printed
_FORM_ROWS = 5  # a decision form's agenda item reference follows its subject label within this many rows
_FORM_CONFIDENCE = 0.96  # above a frontsheet's: a form's numbered decisions are no agenda
_NUMBER_LINE_BAND = 0.18  # a "Page N" line this close to the top or foot is a page number (continuation header blocks)
_MEMO_LINES = 14  # a memo's or form's header block: field labels among the page's first lines
_MEMO_FIELDS = 3  # distinct field labels that make a header block
PAGE_OF_RE = re.compile(r"^(?:page\s*)?(\d{1,4})\s*(?:of|/)\s*(\d{1,4})$", re.I)
# "Page 2", "Page 2 of 7", or a running header ending in one ("Minutes - 3 December 2024 - Page 2").
PAGE_WORD_RE = re.compile(r"(?:^|[\s|,:;–—-])page\s*(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
MEMO_FIELD = conventions.declare("segment", "memo_fields", "the field labels a memo, staff report or form opens with (TO:, FROM:, SUBJECT:, Applicant:)")
MINUTES_HEADING = ("classify", "minutes_heading")
FORM_SUBJECT = conventions.declare("segment", "decision_form_subject", "the label a decision form puts before its subject (Subject:, Title of report:)")
FORM_ITEM = conventions.declare("segment", "decision_form_item", "a decision form's reference to its agenda item, the number in group 1: '(agenda item 7)'")


@dataclass(frozen=True)
class Cue:
    """Evidence from the text that a section starts on a page."""

    page: int
    title: str
    item_number: str | None
    confidence: float
    why: str
    y: float | None = None  # where on the page it starts, for a second document on the page; None: the top
    kind: SectionKind | None = None  # what the cue says the document is, when it says


_CUE_KIND_WEIGHT = 0.6


def cue_evidence(cue: Cue) -> list[KindEvidence]:
    """What a cue says about the kind of the document it starts, as classification evidence."""
    if cue.kind is None:
        return []
    return [KindEvidence(kind=cue.kind, cue="segment_cue", page=cue.page, text=cue.why[:80], weight=_CUE_KIND_WEIGHT)]


def text_cues(pages: list[CleanPage], front: list[FrontsheetItem], issues: list[Issue], furniture: list[Furniture] | None = None) -> list[Cue]:
    """Every page where the text says a new section starts, strongest cue per page (and the further
    documents that start part-way down a page, such as the second decision form on it)."""
    titles = {item.number: item.title for item in front}
    front_pages = {page.page for page in frontsheet_pages(pages)} if front else set()
    found: dict[int, Cue] = {}
    numbers = page_numbers(pages, furniture or [])
    cues = _frontsheet_cues(pages, front, issues) + _page_cues(pages, titles, front_pages, numbers)
    cues += _after_last_page_cues(pages, furniture or []) + _numbering_cues(pages, numbers)
    for cue in cues:
        if cue.y is None and (cue.page not in found or cue.confidence > found[cue.page].confidence):
            found[cue.page] = cue
    further = [cue for cue in cues if cue.y is not None]
    return sorted([*found.values(), *further], key=lambda cue: (cue.page, cue.y if cue.y is not None else -1.0))


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


def _page_cues(pages: list[CleanPage], titles: dict[str, str], front_pages: set[int], numbers: dict[int, int]) -> list[Cue]:
    cues: list[Cue] = []
    previous_number: int | None = None
    previous_heading: str | None = None
    for page in pages:
        heading = minutes_heading_text(page) if page.page not in front_pages else None
        repeated = heading is not None and heading == previous_heading  # the same heading atop every page is a running header
        cue = _page_cue(page, titles, previous_number, page.page in front_pages or repeated, numbers.get(page.page))
        if isinstance(cue, list):
            cues.extend(cue)
        elif cue is not None:
            cues.append(cue)
        previous_number = numbers.get(page.page, previous_number)
        previous_heading = heading
    return cues


def _page_cue(page: CleanPage, titles: dict[str, str], previous_number: int | None, on_frontsheet: bool, number: int | None) -> Cue | list[Cue] | None:
    if page.agenda_item_stamp:
        number = page.agenda_item_stamp
        title = titles.get(number) or first_heading(page) or f"Agenda Item {number}"
        return Cue(page.page, title, number, 0.9, f"the 'Agenda Item {number}' stamp")
    forms = decision_forms(page)
    if forms:
        return forms
    if is_cover_sheet(page):
        return Cue(page.page, _cover_title(page) or first_heading(page) or "Report", None, 0.75, "a report cover sheet")
    if not on_frontsheet and minutes_heading(page):
        return Cue(page.page, "Minutes", None, 0.7, "a minutes heading")
    if number == 1 and previous_number not in (None, 1):
        return Cue(page.page, first_heading(page) or "Untitled", None, 0.6, "page numbering restarting at 1")
    memo = memo_header(page)
    if memo:
        opening = next((text for text in line_texts(page) if len(text) > 3), None)  # the letterhead or the first field
        return Cue(page.page, opening or "Memo", None, 0.7, f"a header block of fields ({memo})")
    return None


def minutes_heading(page: CleanPage) -> bool:
    """A minutes heading in the top part of the page, set as a heading: an agenda's "Minutes" item
    is a numbered list line in body type."""
    return minutes_heading_text(page) is not None


def minutes_heading_text(page: CleanPage) -> str | None:
    """The minutes heading in the top part of the page, set as a heading (bold, larger than the text,
    or in capitals on a row of its own, as a scan read by OCR shows it), if any."""
    fast = conventions.any_cue(MINUTES_HEADING)
    if fast is None or not may_match(page, MINUTES_HEADING):
        return None
    limit = page.height * _HEADER_SHARE
    sizes = [line.size for line in page.lines]
    body = statistics.median(sizes) if sizes else 0.0
    for row in visual_rows([line for line in page.lines if line.bbox.top <= limit]):
        if row.bbox.top > limit:
            break
        if not fast.search(row.text):
            continue
        large = max(line.size for line in row.lines) >= body * _HEADING_SIZE_FACTOR
        if row.bold or large or len(page.lines) < 4 or (len(row.lines) == 1 and _in_capitals(row.text)):
            return " ".join(row.text.lower().split())
    return None


def _in_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 6 and all(char.isupper() for char in letters)


def memo_header(page: CleanPage) -> str:
    """The field labels a memo, staff report or form opens with ('to, from, date, subject'), when at
    least three different ones stand at the start of the page's first lines; else ''."""
    fields = conventions.cues(MEMO_FIELD)
    if not fields or not may_match(page, MEMO_FIELD):
        return ""
    found: dict[str, str] = {}  # pattern -> the label as printed
    for text in line_texts(page)[:_MEMO_LINES]:
        for cue in fields:
            match = cue.search(text)
            if match is not None:
                found.setdefault(cue.source, match.group(0).rstrip(" :").lower())
                break
    return ", ".join(found.values()) if len(found) >= _MEMO_FIELDS else ""


def decision_forms(page: CleanPage) -> list[Cue]:
    """The decision recording forms that start on the page: a subject label, then its '(agenda item N)'
    reference. The first takes the page from its top (what is above it is its heading); each further
    one starts at its subject label."""
    subject, item = conventions.any_cue(FORM_SUBJECT), conventions.any_cue(FORM_ITEM)
    if subject is None or item is None or not may_match(page, FORM_ITEM) or not any(item.search(text) for text in line_texts(page)):
        return []
    rows = visual_rows(page.lines)
    forms: list[Cue] = []
    for index, row in enumerate(rows):
        label = subject.search(row.text)
        if label is None:
            continue
        for later in rows[index : index + _FORM_ROWS]:
            found = conventions.first_cue(FORM_ITEM, later.text)
            if found is None:
                continue
            number = found[1].group(1)
            title = _subject_text(rows, index, later, label)
            y = row.bbox.top if forms else None
            why = f"a decision form for agenda item {number}"
            forms.append(Cue(page.page, title or f"Agenda item {number}", number, _FORM_CONFIDENCE, why, y, SectionKind.DECISION_NOTICE))
            break
    return forms


def _subject_text(rows: list[Row], start: int, stop: Row, label: re.Match[str]) -> str:
    """The subject: what follows its label, on that row and the rows down to the item reference."""
    parts = [rows[start].text[label.end() :].strip()]
    for row in rows[start + 1 :]:
        if row is stop:
            break
        parts.append(row.text)
    return " ".join(part for part in parts if part).strip()


def _after_last_page_cues(pages: list[CleanPage], furniture: list[Furniture]) -> list[Cue]:
    """The page after one numbered 'Page 5 of 5' starts another document (the number taken out as
    furniture, or still in the text near the top or foot of the page)."""
    texts = [(item.page, item.text) for item in furniture if item.kind is FurnitureKind.PAGE_NUMBER]
    for page in pages:
        band = page.height * _PAGE_NUMBER_BAND
        edge = [text for line, text in zip(page.lines, line_texts(page), strict=True) if line.bbox.bottom <= band or line.bbox.top >= page.height - band]
        texts += [(page.page, text) for text in edge]
    last = set()
    for number, text in texts:
        match = PAGE_OF_RE.match(" ".join(text.split()))
        if match and match.group(1) == match.group(2) and int(match.group(2)) > 1:
            last.add(number)
    by_page = {page.page: page for page in pages}
    return [
        Cue(number + 1, first_heading(by_page[number + 1]) or "Untitled", None, 0.65, f"the page after page {number}'s last-page number")
        for number in sorted(last)
        if number + 1 in by_page and by_page[number + 1].lines
    ]


def page_numbers(pages: list[CleanPage], furniture: list[Furniture]) -> dict[int, int]:
    """The number each page prints, where it prints one: its printed label, a page-number or running
    header/footer taken out as furniture, or a "Page N" line near its top or foot."""
    numbers: dict[int, int] = {}
    edge_texts: dict[int, list[str]] = {}
    for item in furniture:
        if item.kind in (FurnitureKind.PAGE_NUMBER, FurnitureKind.RUNNING_HEADER, FurnitureKind.RUNNING_FOOTER):
            edge_texts.setdefault(item.page, []).append(item.text)
    for page in pages:
        if page.printed_label and page.printed_label.isdigit():
            numbers[page.page] = int(page.printed_label)
            continue
        band = page.height * _NUMBER_LINE_BAND
        texts = edge_texts.get(page.page, []) + [
            text for line, text in zip(page.lines, line_texts(page), strict=True) if line.bbox.bottom <= band or line.bbox.top >= page.height - band
        ]
        for text in texts:
            match = PAGE_WORD_RE.search(" ".join(text.split()))
            if match:
                numbers[page.page] = int(match.group(1))
                break
    return numbers


def _numbering_cues(pages: list[CleanPage], numbers: dict[int, int]) -> list[Cue]:
    """Documents found by their own page numbers: a page numbered 2 after an unnumbered page shows
    that page is the document's first (letters and memos leave it unnumbered); once a document's
    numbering has run, the next page that carries no number starts another document."""
    cues: list[Cue] = []
    by_page = {page.page: page for page in pages}
    run_last: int | None = None  # last page of a document's own numbering (1, 2, 3 ... from its first page)
    for page in pages:
        number = numbers.get(page.page)
        previous = by_page.get(page.page - 1)
        if number == 2 and previous is not None and previous.page > 1 and previous.page not in numbers and _has_text(previous):
            cues.append(Cue(previous.page, first_heading(previous) or "Untitled", None, 0.6, "the next page numbered 2"))
        if number is not None:
            starts = number in (1, 2) and page.page > number  # a document's own numbering, not the pack's
            follows = run_last == page.page - 1 and numbers.get(page.page - 1) == number - 1
            run_last = page.page if starts or follows else None
        elif run_last is not None:
            if _has_text(page) and not _numbering_resumes(numbers, run_last, page.page):
                why = f"the page after page {run_last}, the last one numbered in its document"
                cues.append(Cue(page.page, first_heading(page) or "Untitled", None, 0.55, why))
            run_last = None
    return cues


def continues_numbering(numbers: dict[int, int], page: int) -> bool:
    """Whether a page carries on the page numbering of a document that began after the pack's first
    page (page 3 of an exhibit that starts on page 9): it is that document's, not a new one."""
    number, before = numbers.get(page), numbers.get(page - 1)
    return number is not None and before is not None and number == before + 1 and number < page


def _numbering_resumes(numbers: dict[int, int], last: int, gap: int) -> bool:
    """Whether a later page carries on the same numbering (a number the gap page did not print)."""
    offset = numbers[last] - last
    return any(page > gap and number - page == offset for page, number in numbers.items())


def _has_text(page: CleanPage) -> bool:
    return not page.is_blank and len(page.lines) >= 2


def _cover_title(page: CleanPage) -> str | None:
    for text in row_texts(page):
        match = re.match(r"^(?:report\s+)?title\s*:\s*(.+)$", text, re.I)
        if match and len(match.group(1)) > 3:
            return match.group(1)
    return None


def lead_title(pages: list[CleanPage]) -> str:
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
