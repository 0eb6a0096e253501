"""Agenda frontsheets: the numbered item list with its "(Pages x - y)" references.

Used twice: segmentation takes the page references as its strongest text cue
when a pack has no outline, and the agenda extractor turns the same entries
into `AgendaItemRef` records.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from agendapack.extract.layout import Row, visual_rows
from agendapack.models.clean import CleanPage
from agendapack.models.geometry import BBox, Provenance, union_all

ITEM_START_RE = re.compile(r"^(\d{1,2}[a-z]?|[A-Z](?=[.)]))[.)]?\s+(\S.*)$")
NUMBER_ONLY_RE = re.compile(r"^(\d{1,2}[a-z]?|[A-Z])[.)]?$")
NUMBER_DOT_RE = re.compile(r"^(\d{1,2}[a-z]?|[A-Z])[.)]\s")
# A sub-item indented under its item: '(a) Title', 'a) Title', '6.1 Title'.
SUB_ITEM_RE = re.compile(r"^(?:\((?P<letter>[a-z])\)|(?P<bare>[a-z])\)|\d{1,2}\.(?P<sub>\d{1,2}))\s+(?P<title>\S.*)$")
SUB_NUMBER_RE = re.compile(r"^(?P<parent>\d{1,2})[a-z]$")
# OCR of a scan may drop the range's short dash ("(Pages 1 5)"): two numbers after "Pages" are still a range
PAGE_REF_RE = re.compile(r"\(\s*pages?\s+(\d{1,4})(?:(?:\s*(?:-|–|—|to)\s*|\s+)(\d{1,4}))?\s*\)", re.I)
AGENDA_WORD_RE = re.compile(r"\bagenda\b", re.I)
MINUTES_HEADING_RE = re.compile(r"^(?:(?:printed |draft |unconfirmed )?minutes\b\s*$|minutes of (?:a|an|the)\b)", re.I)
_MINUTES_HEADING_SHARE = 0.35
_MAX_FRONTSHEET_PAGES = 4
_ITEM_NUMBER_MAX_X_SHARE = 0.3
_ROW_GAP_FACTOR = 1.7
_SUB_INDENT = 4.0


class FrontsheetItem(BaseModel):
    """One numbered line of an agenda frontsheet."""

    model_config = ConfigDict(frozen=True)

    number: str
    title: str
    printed_start: int | None
    printed_end: int | None
    page: int
    bbox: BBox
    parent: str | None = None  # for a sub-item ('6a', '6.1'): its item ('6')

    @property
    def provenance(self) -> Provenance:
        return Provenance(page=self.page, bbox=self.bbox)


def frontsheet_pages(pages: list[CleanPage]) -> list[CleanPage]:
    """The leading pages before the papers start (a printed page number or an item stamp ends them)."""
    front: list[CleanPage] = []
    for page in pages[:_MAX_FRONTSHEET_PAGES]:
        if front and (page.printed_label is not None or page.agenda_item_stamp is not None):
            break
        front.append(page)
    return front


def read_frontsheet(pages: list[CleanPage]) -> list[FrontsheetItem]:
    """Items of the agenda on the leading pages; empty when the pack does not start with one."""
    front = frontsheet_pages(pages)
    if not any(AGENDA_WORD_RE.search(page.text) for page in front) or _opens_with_minutes(front[0]):
        return []
    items = [item for page in front for item in _page_items(page)]
    return items if _looks_like_item_list(items) else []


def _opens_with_minutes(page: CleanPage) -> bool:
    """Printed minutes number their items like an agenda; their heading says what they are."""
    top = page.height * _MINUTES_HEADING_SHARE
    return any(MINUTES_HEADING_RE.match(" ".join(line.text.split())) for line in page.lines if line.bbox.top <= top)


def _looks_like_item_list(items: list[FrontsheetItem]) -> bool:
    """At least two items, and at least one with a page reference or a numbered run 1, 2, ..."""
    if len(items) < 2:
        return False
    numbers = [int(re.sub(r"\D", "", item.number) or 0) for item in items if item.number[0].isdigit() and item.parent is None]
    has_refs = any(item.printed_start is not None for item in items)
    return has_refs or (len(numbers) >= 3 and numbers == sorted(numbers))


def _page_items(page: CleanPage) -> list[FrontsheetItem]:
    rows = visual_rows(page.lines)
    groups = _item_row_groups(rows, page.width)
    items: list[FrontsheetItem] = []
    for group in groups:
        if ITEM_START_RE.match(group[0].text):
            items.append(_item_from_rows(page.page, group))
        else:
            parent = next((i.number for i in reversed(items) if i.parent is None), "")
            items.append(_sub_item_from_rows(page.page, group, parent))
    return items


def _sub_item_from_rows(page_no: int, group: list[Row], parent: str) -> FrontsheetItem:
    """'(a) Title (Pages 5 - 8)' under item 6 -> item '6a' with parent '6'; '6.1 Title' -> '6.1'."""
    match = SUB_ITEM_RE.match(" ".join(row.text for row in group))
    assert match is not None  # the group's first row matched SUB_ITEM_RE
    letter = match.group("letter") or match.group("bare")
    number = f"{parent}{letter}" if letter else f"{parent}.{match.group('sub')}"
    rest = match.group("title")
    ref = PAGE_REF_RE.search(rest)
    title = " ".join((rest[: ref.start()] if ref else rest).split()).strip(" .:-–")
    start = int(ref.group(1)) if ref else None
    end = int(ref.group(2)) if ref and ref.group(2) else start
    bbox = union_all([row.bbox for row in group])
    assert bbox is not None
    return FrontsheetItem(number=number, title=title, printed_start=start, printed_end=end, page=page_no, bbox=bbox, parent=parent or None)


def _item_row_groups(rows: list[Row], width: float) -> list[list[Row]]:
    """Split rows into items: a row starting with an item number opens one; indented rows continue it."""
    groups: list[list[Row]] = []
    for row in rows:
        if _opens_item(row, width) or (groups and _is_sub_item(groups, row)):
            groups.append([row])
        elif groups and _continues(groups[-1], row):
            groups[-1].append(row)
    return groups


def _is_sub_item(groups: list[list[Row]], row: Row) -> bool:
    """A lettered or dotted row indented under the last numbered item ('(a) ...', '6.1 ...')."""
    parent = next((g[0] for g in reversed(groups) if ITEM_START_RE.match(g[0].text)), None)
    return parent is not None and SUB_ITEM_RE.match(row.text) is not None and row.bbox.x0 > parent.bbox.x0 + _SUB_INDENT


def _opens_item(row: Row, width: float) -> bool:
    """An item number in the left column, set apart as its own text or followed by '.' or ')'.

    That rules out dates ("17 January 2020") and sentences ("A report on ...").
    """
    if row.bbox.x0 > width * _ITEM_NUMBER_MAX_X_SHARE or not ITEM_START_RE.match(row.text):
        return False
    first = " ".join(row.lines[0].text.split())
    return (len(row.lines) > 1 and NUMBER_ONLY_RE.match(first) is not None) or NUMBER_DOT_RE.match(row.text) is not None


def _continues(group: list[Row], row: Row) -> bool:
    """A close, indented row continues the item until its page reference; after it, only a wrapped bold title does."""
    last = group[-1]
    height = max(last.bbox.height, 1.0)
    indent = group[0].lines[1].bbox.x0 if len(group[0].lines) > 1 else group[0].bbox.x0
    close = row.bbox.top - last.bbox.bottom <= height * _ROW_GAP_FACTOR
    if not close or row.bbox.x0 < indent - 4:
        return False
    seen_ref = PAGE_REF_RE.search(" ".join(r.text for r in group)) is not None
    return not seen_ref or (_title_is_bold(group) and all(r.bold for r in group[1:]) and row.bold)


def _title_is_bold(group: list[Row]) -> bool:
    """Whether the title (the first line after the item number) is set in bold."""
    first = group[0].lines
    return (first[1] if len(first) > 1 else first[0]).bold


def _item_from_rows(page_no: int, group: list[Row]) -> FrontsheetItem:
    text = " ".join(row.text for row in group)
    match = ITEM_START_RE.match(text)
    assert match is not None  # the group's first row matched ITEM_START_RE
    number, rest = match.group(1), match.group(2)
    ref = PAGE_REF_RE.search(rest)
    title_rows = _title_text(group, rest, ref)
    start = int(ref.group(1)) if ref else None
    end = int(ref.group(2)) if ref and ref.group(2) else start
    bbox = union_all([row.bbox for row in group])
    assert bbox is not None
    sub = SUB_NUMBER_RE.match(number)
    parent = sub.group("parent") if sub else None
    return FrontsheetItem(number=number, title=title_rows, printed_start=start, printed_end=end, page=page_no, bbox=bbox, parent=parent)


def _title_text(group: list[Row], rest: str, ref: re.Match[str] | None) -> str:
    """The title: a bold title's bold rows, or the rows up to the page reference, or the first row."""
    first = ITEM_START_RE.match(group[0].text).group(2)  # type: ignore[union-attr]
    parts = [first]
    bold = _title_is_bold(group)
    for row in group[1:]:
        if (bold and not row.bold) or (not bold and ref is None) or (PAGE_REF_RE.search(" ".join(parts)) and not bold):
            break
        parts.append(row.text)
    title = PAGE_REF_RE.sub(" ", " ".join(parts))
    return " ".join(title.split()).strip(" .:-–")


def printed_to_physical(pages: list[CleanPage]) -> dict[int, int]:
    """Map printed page numbers to physical pages (the first page printing each number wins)."""
    mapping: dict[int, int] = {}
    for page in pages:
        if page.printed_label and page.printed_label.isdigit():
            mapping.setdefault(int(page.printed_label), page.page)
    return mapping
