"""The PDF outline as evidence: which bookmarks start a document, and where on their page.

Publishers' tools make bookmarks for many things that are not documents: one per page
("Pg 1", "Pg 2"), one per heading of a word-processor file (down to table rows and title
lines), duplicates of their parent, field labels of a memo ("BASIS FOR RECOMMENDATION:").
Each bookmark is checked against the text of its pages; the ones that cannot be a
section are left out with the reason, and every kept one carries the position on its
page that it points at, so a section that starts part-way down a page ends the one
before it on that page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from agendapack.models.clean import CleanPage
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.source import OutlineEntry, TextLine
from agendapack.stages.blocks import HEADING_SIZE_FACTOR as _HEADING_SIZE_FACTOR
from agendapack.stages.blocks import body_font_size

# "Pg 1", "Page 2", "p. 3", "12": a bookmark per page, not per document.
PAGE_BOOKMARK_RE = re.compile(r"^(?:pg|page|p|pp|sheet)?\.?\s*\d{1,4}$", re.I)
# A memo's field label ("BASIS FOR RECOMMENDATION:", "FOR QUESTIONS CONTACT: J Smith") is a heading.
FIELD_LABEL_RE = re.compile(r"^[^a-z:]{3,60}:(?:\s|$)")
DOCUMENT_WORD_RE = re.compile(r"^(?:\d{1,3}\s*[-.)|:]?\s*)?(?:appendix|annex|annexe|attachment|exhibit|schedule|enclosure|item|part|section)\b", re.I)
# A table row: a label followed by a figure in its own column ("Year 1      $32,300.00").
TABLE_ROW_RE = re.compile(r"\S\s{3,}[$£€]?\s*[-(]?\d[\d,. ]*\)?$|[$£€]\s*\d[\d,]*\.\d\d\s*$")
_DENSE_PER_PAGE = 3.0  # siblings per page from which an outline is a list of headings
_MIN_SECTION_LINES = 2  # a bookmark over fewer content lines is a title line or table row
_TOP_TOLERANCE = 2.0  # points: a line this close above a destination still starts it


@dataclass
class Bookmark:
    """One outline entry with what its pages say about it."""

    order: int
    level: int
    title: str
    page: int
    y: float | None  # where on the page it points; None: the top
    parent: int | None = None  # index into the list of bookmarks
    dropped: str | None = None  # why it is not a section

    def position(self) -> tuple[int, float]:
        return (self.page, self.y if self.y is not None else -1.0)


def vet_outline(entries: list[OutlineEntry], pages: list[CleanPage], cue_pages: frozenset[int] = frozenset()) -> tuple[list[Bookmark], list[Issue]]:
    """The bookmarks that can start a section, in page order, each with its parent; issues for the rest.
    `cue_pages`: pages where the text itself says a document starts."""
    by_page = {page.page: page for page in pages}
    marks = _bookmarks(entries, by_page)
    _drop_page_bookmarks(marks)
    _drop_aliases(marks)
    _drop_dense_groups(marks)
    _drop_field_labels(marks)
    _drop_thin(marks, by_page)
    _drop_inner_first(marks, by_page, cue_pages)
    issues = [_dropped_issue(mark) for mark in marks if mark.dropped]
    kept = [mark for mark in marks if not mark.dropped]
    _reparent(kept)
    return kept, issues


def _bookmarks(entries: list[OutlineEntry], by_page: dict[int, CleanPage]) -> list[Bookmark]:
    marks: list[Bookmark] = []
    for order, entry in enumerate(entries):
        assert entry.page is not None
        marks.append(Bookmark(order, entry.level, entry.title, entry.page, _destination_y(entry, by_page.get(entry.page))))
    marks.sort(key=lambda m: (m.page, m.y if m.y is not None else -1.0, m.order))
    _reparent(marks)
    return marks


def _destination_y(entry: OutlineEntry, page: CleanPage | None) -> float | None:
    """The destination's height on its page, or None when it is at (or above) the first content line."""
    if entry.y is None or page is None or entry.y <= 0 or entry.y >= page.height:
        return None
    first = min((line.bbox.top for line in page.lines), default=None)
    if first is None or entry.y <= first + _TOP_TOLERANCE:
        return None
    return entry.y


def _reparent(marks: list[Bookmark]) -> None:
    """Each bookmark's parent: the nearest earlier one of a lower level; levels never jump by more than one."""
    stack: list[int] = []
    for index, mark in enumerate(marks):
        while stack and marks[stack[-1]].level >= mark.level:
            stack.pop()
        mark.parent = stack[-1] if stack else None
        if mark.parent is None:
            mark.level = 1
        else:
            mark.level = min(mark.level, marks[mark.parent].level + 1)
        stack.append(index)


def _drop_page_bookmarks(marks: list[Bookmark]) -> None:
    for mark in marks:
        if PAGE_BOOKMARK_RE.match(mark.title.strip()):
            mark.dropped = "a bookmark per page, not per document"


def _drop_aliases(marks: list[Bookmark]) -> None:
    """A bookmark pointing where its parent points adds nothing (a drawing's 'Sheets and Views', 'Layout2')."""
    for mark in marks:
        parent = _live_parent(marks, mark)
        if parent is not None and parent.page == mark.page and (mark.y is None or (parent.y is not None and abs(parent.y - mark.y) < 1)):
            mark.dropped = "points where its parent does"


def _live_parent(marks: list[Bookmark], mark: Bookmark) -> Bookmark | None:
    parent = mark.parent
    while parent is not None and marks[parent].dropped:
        parent = marks[parent].parent
    return marks[parent] if parent is not None else None


def _drop_dense_groups(marks: list[Bookmark]) -> None:
    """Siblings crowded several to a page are the headings of one document (a word processor's
    outline: item lines, sub-headings, table rows), not documents."""
    groups: dict[int | None, list[Bookmark]] = {}
    for mark in marks:
        if not mark.dropped:
            groups.setdefault(mark.parent, []).append(mark)
    for siblings in groups.values():
        pages = Counter(mark.page for mark in siblings)
        if len(siblings) >= 3 and len(siblings) / len(pages) >= _DENSE_PER_PAGE:
            for mark in siblings:
                mark.dropped = f"one of {len(siblings)} bookmarks on {len(pages)} page(s): headings inside one document"
            _drop_descendants(marks, siblings)


def _drop_descendants(marks: list[Bookmark], roots: list[Bookmark]) -> None:
    dropped = {id(mark) for mark in roots}
    for mark in marks:
        if mark.parent is not None and id(marks[mark.parent]) in dropped and not mark.dropped:
            mark.dropped = "inside a bookmark that is not a section"
            dropped.add(id(mark))


def _drop_field_labels(marks: list[Bookmark]) -> None:
    for mark in marks:
        if mark.dropped or _live_parent(marks, mark) is None:
            continue
        title = mark.title.strip()
        if FIELD_LABEL_RE.match(title) and not DOCUMENT_WORD_RE.match(title):
            mark.dropped = "a field label inside its parent document"


def _drop_thin(marks: list[Bookmark], by_page: dict[int, CleanPage]) -> None:
    """A bookmark followed on its page by the next one within a line is a title line or a table row."""
    live = [mark for mark in marks if not mark.dropped]
    for index, mark in enumerate(live):
        following = live[index + 1] if index + 1 < len(live) else None
        if following is None or following.page != mark.page or following.level > mark.level:
            continue  # a page of its own can be a cover; a heading straight above its own sub-heading is a section
        title = mark.title.strip()
        lines = _lines_between(mark, following, by_page, limit=_MIN_SECTION_LINES)
        if lines < _MIN_SECTION_LINES or (TABLE_ROW_RE.search(title) and lines <= _MIN_SECTION_LINES):
            mark.dropped = "a title line or table row: the next bookmark follows within a line"
            following.y = mark.y  # a title set over several bookmarked lines starts at its first line


def _drop_inner_first(marks: list[Bookmark], by_page: dict[int, CleanPage], cue_pages: frozenset[int]) -> None:
    """An outline whose first bookmark points part-way down a later page, after text the outline
    does not mark, bookmarks a heading inside the document that text belongs to (a publisher marks
    its documents from the first page): unless the text says a document starts there."""
    first = next((mark for mark in marks if not mark.dropped), None)
    if first is None or first.page <= 1 or first.page in cue_pages or not content_above(by_page.get(first.page), first.y):
        return
    line = _destination_line(first, by_page.get(first.page))
    if line is None or line.bold or line.size >= body_font_size(list(by_page.values())) * _HEADING_SIZE_FACTOR:
        return  # set as a heading: it may well open a document
    first.dropped = "it points part-way down a page, after unbookmarked pages, at a line set in body type: a paragraph inside the document before it"
    _drop_descendants(marks, [first])


def _destination_line(mark: Bookmark, page: CleanPage | None) -> TextLine | None:
    """The first content line at or below a bookmark's destination."""
    if page is None:
        return None
    top = (mark.y if mark.y is not None else -1.0) - _TOP_TOLERANCE
    return min((line for line in page.lines if line.bbox.top >= top and line.text.strip()), key=lambda line: line.bbox.top, default=None)


def _lines_between(start: Bookmark, end: Bookmark, by_page: dict[int, CleanPage], limit: int) -> int:
    """Content lines from one bookmark's destination to the next one's, counted up to `limit`."""
    count = 0
    for page_no in range(start.page, end.page + 1):
        page = by_page.get(page_no)
        if page is None:
            continue
        low = start.y if page_no == start.page and start.y is not None else -1.0
        high = end.y if page_no == end.page and end.y is not None else (-1.0 if page_no == end.page else page.height + 1)
        for line in page.lines:
            if low - _TOP_TOLERANCE <= line.bbox.top < high - _TOP_TOLERANCE and line.text.strip():
                count += 1
                if count > limit:
                    return count
    return count


def _dropped_issue(mark: Bookmark) -> Issue:
    message = f"Outline entry {mark.title!r} (page {mark.page}) is not taken as a section: {mark.dropped}."
    return make_issue(IssueCode.OUTLINE_ENTRY_NOT_SECTION, Stage.SEGMENT, message, page=mark.page)


def content_above(page: CleanPage | None, y: float | None) -> bool:
    """Whether the page has content above a destination (so the section before ends on this page)."""
    if page is None or y is None:
        return False
    return any(line.bbox.top < y - _TOP_TOLERANCE and line.text.strip() for line in page.lines)


# -- how the publisher sets a bookmarked heading ----------------------------------

_STYLE_SIZE_TOLERANCE = 0.6
_TITLE_PREFIX = 12


@dataclass(frozen=True)
class HeadingStyle:
    """The font size and weight of the line a bookmark points at."""

    size: float
    bold: bool

    def matches(self, line: TextLine) -> bool:
        return abs(line.size - self.size) <= _STYLE_SIZE_TOLERANCE and line.bold == self.bold


def bookmarked_heading_style(marks: list[Bookmark], by_page: dict[int, CleanPage], body_size: float) -> HeadingStyle | None:
    """The style most top-level bookmarks' headings share, when at least two do and it stands out from the body."""
    styles: Counter[HeadingStyle] = Counter()
    for mark in marks:
        if mark.level != 1:
            continue
        line = _heading_line(mark, by_page.get(mark.page))
        if line is not None:
            styles[HeadingStyle(round(line.size, 1), line.bold)] += 1
    if not styles:
        return None
    style, count = styles.most_common(1)[0]
    if count < 2 or not (style.bold or style.size >= body_size * 1.15):
        return None
    return style


def _heading_line(mark: Bookmark, page: CleanPage | None) -> TextLine | None:
    """The line at a bookmark's destination, when its text is the bookmark's title."""
    if page is None:
        return None
    top = (mark.y if mark.y is not None else -1.0) - _TOP_TOLERANCE
    line = next((line for line in page.lines if line.bbox.top >= top and line.text.strip()), None)
    if line is None:
        return None
    title, text = _simple(mark.title), _simple(line.text)
    size = min(len(title), len(text), _TITLE_PREFIX)
    return line if size >= 3 and title[:size] == text[:size] else None


def _simple(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()
