"""An agenda's text as rows, each with what an agenda reader needs to know about it.

A row is one visual line of a page (its pieces side by side: number, file number, title, page
reference). For each row: the item numbers it may start with, its typography against the body
text (bold, size, capitals), whether it opens a labelled block (a recommendation, an attachment
list), and the file number or page reference printed beside a title.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.agendas.numbering import Marker, read_markers
from agendapack.extract.frontsheet import PAGE_REF_RE  # one pattern for '(Pages x - y)', also read by segmentation
from agendapack.extract.layout import Row, visual_rows
from agendapack.models.clean import CleanPage
from agendapack.models.geometry import union_all
from agendapack.models.source import TextLine

RECOMMENDATION_LABELS = conventions.declare(
    "agenda", "recommendation_labels", "A row opening a recommendation or proposed-action block: its lists are not agenda items"
)
DETAIL_LABELS = conventions.declare("agenda", "detail_labels", "A row opening an item's detail (attachments, staff, district): it ends the title")
FILE_NUMBERS = conventions.declare("agenda", "file_numbers", "A legislative file number printed beside an item number ('21-0109')")
LINK_LABELS = conventions.declare("agenda", "link_labels", "A hyperlink label printed in the file-number column ('REPORT')")
GROUP_HEADINGS = conventions.declare("agenda", "group_headings", "Unnumbered headings that group items ('CONSENT CALENDAR'), even in body type")

# OCR of a scan may drop the range's short dash ("(Pages 1 5)"): two numbers after "Pages" are still a range
CONTACT_RE = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.[\w.]+|\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\.(?:com|org|gov|net)\b", re.I)
_SENTENCE_RE = re.compile(r"[.!?](?:\s+[\"'‘“(]?[A-Z]|\s*$)")
_CAPS_SHARE = 0.8
_MIN_CAPS_LETTERS = 4
_TOP_SHARE = 0.3
_COLUMN_GAP = 40.0
TIME_ONLY_RE = re.compile(r"^\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s*m\.?)?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s*m\.?)?)?$", re.I)


@dataclass(frozen=True)
class Style:
    """What the body text of an agenda looks like: its commonest size and weight."""

    size: float
    bold: bool


@dataclass
class AgendaRow:
    """One visual row of an agenda page, read for numbering, typography and labels."""

    index: int
    page: int
    row: Row
    text: str
    markers: tuple[Marker, ...]
    title: str  # the text after the number, file number and link label
    title_lines: tuple[TextLine, ...]  # the lines holding the title (all lines when there is no number)
    marker_x1: float  # right edge of the number (for right-aligned numbers)
    file_number: str | None = None
    page_ref: tuple[int, int] | None = None
    label: str | None = None  # 'recommendation' or 'detail' when the row opens a labelled block
    words: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def x0(self) -> float:
        return self.row.bbox.x0

    @property
    def top(self) -> float:
        return self.row.bbox.top

    @property
    def bottom(self) -> float:
        return self.row.bbox.bottom

    @property
    def height(self) -> float:
        return max(self.row.bbox.height, 1.0)

    @property
    def title_x(self) -> float:
        return self.title_lines[0].bbox.x0 if self.title_lines else self.x0

    @property
    def size(self) -> float:
        return max((line.size for line in self.title_lines), default=0.0)

    @property
    def bold(self) -> bool:
        lines = [line for line in self.title_lines if line.text.strip()]
        return bool(lines) and all(line.bold for line in lines)

    @property
    def marker_bold(self) -> bool:
        return bool(self.row.lines) and self.row.lines[0].bold

    @property
    def caps(self) -> bool:
        return is_caps(self.title)

    @property
    def italic(self) -> bool:
        spans = [span for line in self.title_lines for span in line.spans if span.text.strip()]
        return bool(spans) and all(span.italic for span in spans)

    def looks(self) -> tuple[bool, float, bool]:
        """The title's typography, to compare rows: weight, size (to half a point), capitals."""
        return (self.bold, round(self.size * 2) / 2, self.caps)

    def prominent(self, body: Style) -> bool:
        """Set apart from body text: bold where the body is not, larger, or in capitals."""
        return (self.bold and not body.bold) or self.size >= body.size + 0.9 or self.caps


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= _MIN_CAPS_LETTERS and sum(c.isupper() for c in letters) >= _CAPS_SHARE * len(letters)


def sentence_count(text: str) -> int:
    return len(_SENTENCE_RE.findall(text.strip()))


def agenda_rows(pages: list[CleanPage]) -> list[AgendaRow]:
    """Every content row of the pages, in reading order, without a masthead repeated at the top of each page."""
    per_page = [(page, visual_rows(page.lines)) for page in pages]
    repeated = _repeated_top_rows(per_page)
    rows: list[AgendaRow] = []
    seen: set[tuple[str, int]] = set()
    for page, page_rows in per_page:
        for row in page_rows:
            key = (row.text, round(row.bbox.top / 4))
            if key in repeated and key in seen:
                continue  # kept where it first appears: there it is the masthead
            seen.add(key)
            rows.append(_agenda_row(len(rows), page.page, row))
    return rows


def _repeated_top_rows(per_page: list[tuple[CleanPage, list[Row]]]) -> set[tuple[str, int]]:
    """Rows printed at the same place near the top of several pages (a masthead the cleaner kept)."""
    seen: Counter[tuple[str, int]] = Counter()
    for page, page_rows in per_page:
        for row in page_rows:
            if row.bbox.top < page.height * _TOP_SHARE:
                seen[(row.text, round(row.bbox.top / 4))] += 1
    return {key for key, count in seen.items() if count >= 2}


def body_style(rows: list[AgendaRow]) -> Style:
    """The commonest size and weight by characters: what running text looks like in this agenda."""
    counts: Counter[tuple[float, bool]] = Counter()
    for row in rows:
        for line in row.row.lines:
            counts[(round(line.size * 2) / 2, line.bold)] += len(line.text.strip())
    if not counts:
        return Style(10.0, False)
    (size, bold), _ = counts.most_common(1)[0]
    return Style(size, bold)


def _agenda_row(index: int, page: int, row: Row) -> AgendaRow:
    row, time = _without_time_column(row)
    text = row.text
    lines = row.lines
    first = " ".join(lines[0].text.split())
    markers: tuple[Marker, ...] = ()
    title_lines: tuple[TextLine, ...] = lines
    marker_x1 = lines[0].bbox.x0
    title = text
    separate = read_markers(first, separate=len(lines) > 1)
    if len(lines) > 1 and separate and separate[0].end >= len(first):
        markers, title_lines = separate, lines[1:]
        marker_x1 = lines[0].bbox.x1
        title = " ".join(" ".join(line.text.split()) for line in title_lines)
    else:
        markers = read_markers(text)
        if markers:
            end = markers[0].end
            title = text[end:].strip()
            marker_x1 = lines[0].bbox.x0 + lines[0].bbox.width * min(end / max(len(first), 1), 1.0)
    found = AgendaRow(index=index, page=page, row=row, text=text, markers=markers, title=title, title_lines=title_lines, marker_x1=marker_x1)
    if time:
        found.extra["time"] = time
    _take_file_number(found)
    _take_page_ref(found)
    if markers:
        _keep_title_column(found)
    found.label = None if markers else row_label(found.title)
    found.words = len(found.title.split())
    return found


def _without_time_column(row: Row) -> tuple[Row, str | None]:
    """A clock time printed in a column of its own before the item number ('6:35 PM   4. Public hearing')."""
    first = " ".join(row.lines[0].text.split()) if row.lines else ""
    if len(row.lines) < 2 or not TIME_ONLY_RE.match(first) or not read_markers(" ".join(row.lines[1].text.split()), separate=True):
        return row, None
    rest = row.lines[1:]
    box = union_all([line.bbox for line in rest])
    assert box is not None
    return Row(lines=rest, bbox=box), first


def _keep_title_column(row: AgendaRow) -> None:
    """In a tabled agenda the title's column ends at a wide gap; what stands beyond it (a lead member, a ward) is not title."""
    lines = list(row.title_lines)
    for position in range(1, len(lines)):
        if lines[position].bbox.x0 - lines[position - 1].bbox.x1 > _COLUMN_GAP:
            kept = lines[:position]
            row.extra["columns"] = [" ".join(line.text.split()) for line in lines[position:]]
            row.title_lines = tuple(kept)
            row.title = PAGE_REF_RE.sub(" ", " ".join(" ".join(line.text.split()) for line in kept)).strip()
            return


def _take_file_number(row: AgendaRow) -> None:
    """A file number or link label printed between the item number and the title, or at the row's right end."""
    lines = list(row.title_lines)
    if len(lines) == 1 and not row.markers and _is_file_number(lines[0].text):
        row.file_number, row.title = " ".join(lines[0].text.split()), ""
        return
    while len(lines) > 1 and (_is_file_number(lines[0].text) or _is_link_label(lines[0].text)):
        if _is_file_number(lines[0].text):
            row.file_number = " ".join(lines[0].text.split())
        lines.pop(0)
    if len(lines) > 1 and _is_file_number(lines[-1].text):
        row.file_number = row.file_number or " ".join(lines[-1].text.split())
        lines.pop()
    if len(lines) != len(row.title_lines):
        row.title_lines = tuple(lines)
        row.title = " ".join(" ".join(line.text.split()) for line in lines)
        return
    if row.markers:
        head, _, rest = row.title.partition(" ")
        if rest and _is_file_number(head):
            row.file_number, row.title = head, rest.strip()


def _take_page_ref(row: AgendaRow) -> None:
    """'(Pages 11 - 17)' beside a title: kept as the item's reference, and its piece of text out of the title's type."""
    match = PAGE_REF_RE.search(row.title)
    if match:
        start = int(match.group(1))
        row.page_ref = (start, int(match.group(2)) if match.group(2) else start)
        lines = [line for line in row.title_lines if not PAGE_REF_RE.fullmatch(" ".join(line.text.split()))]
        if lines and len(lines) < len(row.title_lines):
            row.title_lines = tuple(lines)


@lru_cache(maxsize=4096)
def _is_file_number(text: str) -> bool:
    token = " ".join(text.split())
    return bool(token) and any(re.fullmatch(cue.source, token, re.I) for cue in conventions.cues(FILE_NUMBERS))


@lru_cache(maxsize=4096)
def _is_link_label(text: str) -> bool:
    token = " ".join(text.split())
    return bool(token) and any(re.fullmatch(cue.source, token, re.I) for cue in conventions.cues(LINK_LABELS))


def row_label(text: str) -> str | None:
    """'recommendation' or 'detail' when the text opens such a labelled block."""
    if conventions.first_cue(RECOMMENDATION_LABELS, text):
        return "recommendation"
    if conventions.first_cue(DETAIL_LABELS, text):
        return "detail"
    return None


def is_group_heading_text(text: str) -> bool:
    return conventions.first_cue(GROUP_HEADINGS, text) is not None
