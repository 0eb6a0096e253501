"""Paragraphs of a section: visual rows joined where the page shows one paragraph.

Minutes are read paragraph by paragraph: a heading, a numbered paragraph, a
list of people, a RESOLVED block. A paragraph starts after a vertical gap,
at a numbered or lettered marker, at a bullet, or at a bold heading after
plain text; it runs on over a page break when the page ended mid-sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from agendapack.extract.layout import Row, visual_rows
from agendapack.models.clean import CleanPage
from agendapack.models.geometry import Provenance, union_all

# Markers that open a new paragraph even without a gap above them.
MARKER_RE = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,2})+\.?\s|\d{1,3}[.)]\s|\(\d{1,2}\)\s|\(?[a-zA-Z]\)\s|[a-z]\.\s|\d{1,2}[a-z][.)]?\s|"
    r"\((?:\*)?\d{2}-\d{3,4}|R\d{4}-\d{1,4}\b|RESOLVED\b|It was (?:RESOLVED|APPROVED|AGREED)\b|The [\w&'’ -]{0,60}? RESOLVED\b|\*{3}|[ivx]{1,4}\)\s)"
)
BARE_NUMBER_RE = re.compile(r"^\d{1,3}\s+\S")
# Markers that cannot continue a sentence: they open a paragraph wherever they stand.
STRONG_MARKER_RE = re.compile(
    r"^(?:\((?:\*)?\d{2}-\d{3,4}[A-Z ]*\)|R\d{4}-\d{1,4}\s|\*{3}|RESOLVED\b|It was (?:RESOLVED|APPROVED|AGREED)\b"
    r"|(?i:(?:members |councillors )?present|also present|officers(?: present)?|staff(?: present)?|in attendance(?: virtually)?|"
    r"apologies(?: for absence)?|regrets|absent|substitutes?|guests?|disclosures? of [a-z ]*interests?|declarations? of interests?)\s*[:\-–])"
)
_GAP_FACTOR = 0.6
_SENTENCE_END = (".", ":", ";", "?", "!")
# A row that ends a sentence, a bracket or a list entry ('...; and') lets a marker below it open a paragraph.
_ENDED_RE = re.compile(r"(?:[.:;?!)]|;\s*(?:and|or))$")


@dataclass(frozen=True)
class PageRow:
    """A visual row with the page it sits on."""

    page: int
    row: Row

    @property
    def text(self) -> str:
        return self.row.text

    @property
    def bold(self) -> bool:
        return self.row.bold


@dataclass(eq=False)
class Para:
    """A paragraph: its rows (possibly over two pages) and their joined text (computed once)."""

    index: int
    rows: tuple[PageRow, ...]
    bulleted: bool = False

    @cached_property
    def text(self) -> str:
        return join_row_texts([r.text for r in self.rows])

    @property
    def page(self) -> int:
        return self.rows[0].page

    @property
    def last_page(self) -> int:
        return self.rows[-1].page

    @property
    def x0(self) -> float:
        return self.rows[0].row.bbox.x0

    @property
    def bold(self) -> bool:
        return all(r.bold for r in self.rows)

    def bold_prefix(self) -> tuple[PageRow, ...]:
        """The leading bold rows (a heading), before any plain row."""
        out: list[PageRow] = []
        for row in self.rows:
            if not row.bold:
                break
            out.append(row)
        return tuple(out)

    def provenance(self) -> list[Provenance]:
        return rows_provenance(self.rows)

    @cached_property
    def bold_lead(self) -> str:
        """The text of the bold spans the paragraph starts with ('1. Opening.' of '1. Opening. Er is ...')."""
        return bold_lead_of(self.rows)

    @cached_property
    def size(self) -> float:
        """The font size of the paragraph's first row (its heading, when it has one)."""
        return max((line.size for line in self.rows[0].row.lines), default=0.0) if self.rows else 0.0

    @property
    def x1(self) -> float:
        return max(r.row.bbox.x1 for r in self.rows)

    def line_x0s(self) -> list[float]:
        """Left edges of the first row's text segments ('283.' at 54, 'Apologies' at 90)."""
        return [line.bbox.x0 for line in self.rows[0].row.lines] if self.rows else []


def rows_provenance(rows: tuple[PageRow, ...] | list[PageRow]) -> list[Provenance]:
    """One provenance entry per page: the box around the rows on it."""
    by_page: dict[int, list] = {}
    for row in rows:
        by_page.setdefault(row.page, []).append(row.row.bbox)
    return [Provenance(page=page, bbox=union_all(boxes)) for page, boxes in sorted(by_page.items())]


def join_row_texts(texts: list[str]) -> str:
    """Rows joined with spaces; a row ending in a hyphen before a lower-case word joins without one."""
    out = ""
    for text in texts:
        text = " ".join(text.split())
        if not text:
            continue
        if out.endswith("-") and not out.endswith(" -") and text[:1].islower():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out


def section_paragraphs(pages: list[CleanPage]) -> list[Para]:
    """The paragraphs of these pages, in reading order."""
    groups: list[list[PageRow]] = []
    bullets: list[bool] = []
    previous: PageRow | None = None
    for page in pages:
        for row in visual_rows(page.lines):
            here = PageRow(page.page, row)
            bulleted = any(line.bulleted for line in row.lines)
            if previous is None or bulleted or starts_paragraph(previous, here):
                groups.append([])
                bullets.append(bulleted)
            groups[-1].append(here)
            previous = here
    return [Para(index=i, rows=tuple(rows), bulleted=bullets[i]) for i, rows in enumerate(groups)]


def starts_paragraph(previous: PageRow, row: PageRow) -> bool:
    ended = _ENDED_RE.search(previous.text.rstrip()) is not None
    if row.page == previous.page:
        height = max(previous.row.bbox.height, 1.0)
        if row.row.bbox.top - previous.row.bbox.bottom > height * _GAP_FACTOR:
            return True
    elif ended:
        # a page break splits a paragraph only where the text had come to an end
        return True
    text = row.text
    if STRONG_MARKER_RE.match(text) or previous.text.strip() == "***":
        return True
    # US minutes set headings as plain upper-case rows ('CONSENT CALENDAR'): a paragraph of their own
    if (_caps_heading(row) and ended) or (_caps_heading(previous) and not _caps_heading(row)):
        return True
    if ended and _run_in_heading(row):
        return True
    marker = MARKER_RE.match(text) or (row.bold and BARE_NUMBER_RE.match(text))
    # "... voice vote -" then "5." on the next row is a count, not a new paragraph
    if marker and (ended or _heading_like(previous) or row.bold):
        return True
    return row.bold and not previous.bold and ended


def _run_in_heading(row: PageRow) -> bool:
    """A row that opens with a bold heading run into plain text ('**CALL TO ORDER:** The regular meeting ...'):
    the bold words end in a colon or are in capitals."""
    if row.bold:
        return False
    lead = bold_lead_of([row])
    letters = re.sub(r"[^A-Za-z]", "", lead)
    return len(letters) > 3 and (lead.endswith(":") or letters.isupper())


def bold_lead_of(rows: list[PageRow] | tuple[PageRow, ...]) -> str:
    """The text of the bold spans the rows start with, up to the first plain span."""
    parts: list[str] = []
    for row in rows:
        for line in row.row.lines:
            for span in line.spans:
                if span.text.strip() and not span.bold:
                    return " ".join("".join(parts).split())
                parts.append(span.text)
            parts.append(" ")
    return " ".join("".join(parts).split())


def _caps_heading(row: PageRow) -> bool:
    return not row.bold and _heading_like(row) and not MARKER_RE.match(row.text)


def _heading_like(row: PageRow) -> bool:
    """A bold row, or a short upper-case one ('REGULAR AGENDA ITEMS')."""
    letters = re.sub(r"[^A-Za-z]", "", row.text)
    return row.bold or (letters.isupper() and len(letters) > 3 and len(row.text) < 80)
