"""Read an agenda's items from its pages, whatever the publisher.

rows (numbering, typography, labels) -> outline (lists of numbered entries, headings, sessions)
-> verdicts (which lists are items) -> items, each with its printed number, title, parent, the
heading it is grouped under, its file number or page reference, and its page and box.
Unnumbered headings are never items; they become the `group` of the items under them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.agendas.accept import ListVerdict, judge_lists, title_text
from agendapack.extract.agendas.outline import Entry, Outline, OutlineBuilder
from agendapack.extract.agendas.rows import PAGE_REF_RE, AgendaRow, agenda_rows, body_style, is_group_heading_text
from agendapack.extract.agendas.sessions import is_session_heading
from agendapack.models.clean import CleanPage
from agendapack.models.geometry import BBox, union_all

END_TITLES = conventions.declare("agenda", "end_titles", "Titles that end an agenda's business (adjournment); lists starting after them are appendices")
TITLE_TRAILERS = conventions.declare("agenda", "title_trailers", "Trailing link labels printed after a title ('(Staff Report #21-037-CC)')")


@dataclass(frozen=True)
class AgendaItem:
    """One agenda item as read: printed number, title, place in the outline, where it is printed."""

    ordinal: int
    number: str
    printed: str
    title: str
    parent: str | None
    level: int
    group: str | None
    file_number: str | None
    page_ref: tuple[int, int] | None
    session: int
    page: int
    bbox: BBox
    reason: str
    row_index: int  # index of its number's row among the agenda's rows


@dataclass
class AgendaRead:
    """Everything read from one agenda: items, the outline they came from, and what looked wrong."""

    items: list[AgendaItem]
    rows: list[AgendaRow]
    outline: Outline
    verdicts: dict[int, ListVerdict]
    irregular: list[tuple[AgendaItem, str]] = field(default_factory=list)  # numbering that skips or repeats
    unread: list[AgendaRow] = field(default_factory=list)  # rows that look like items but fit no list


def read_agenda(pages: list[CleanPage]) -> AgendaRead:
    rows = agenda_rows(pages)
    body = body_style(rows)
    outline = OutlineBuilder(body, is_session_heading, is_end_title).build(rows)
    verdicts = judge_lists(outline)
    accepted = [entry for entry in outline.entries if verdicts[entry.level.id].accepted]
    items: list[AgendaItem] = []
    by_entry: dict[int, AgendaItem] = {}
    irregular: list[tuple[AgendaItem, str]] = []
    first_entry: dict[int, Entry] = {}
    for entry in accepted:
        first_entry.setdefault(entry.session, entry)
    for entry in accepted:
        item = _item(entry, len(items) + 1, by_entry, verdicts[entry.level.id].reason, first_entry)
        by_entry[entry.id] = item
        items.append(item)
        if entry.placement in ("gap", "repeat", "late", "misplaced"):
            irregular.append((item, entry.placement))
    return AgendaRead(items, rows, outline, verdicts, irregular, _unread(outline, accepted))


def is_end_title(text: str) -> bool:
    return _is_end(text.strip(" .:-–*").lower()[:80])


@lru_cache(maxsize=4096)
def _is_end(text: str) -> bool:
    return conventions.first_cue(END_TITLES, text) is not None


def _item(entry: Entry, ordinal: int, by_entry: dict[int, AgendaItem], reason: str, first_entry: dict[int, Entry]) -> AgendaItem:
    parent = _accepted_parent(entry, by_entry)
    bbox = union_all([row.row.bbox for row in entry.title_rows])
    assert bbox is not None
    ref = _page_ref(title_text(entry)) or next((row.page_ref for row in entry.title_rows if row.page_ref), None)
    return AgendaItem(
        ordinal=ordinal,
        number=entry.marker.number,
        printed=entry.marker.printed.strip(),
        title=clean_title(title_text(entry)),
        parent=entry.marker.parent or (parent.number if parent else None),  # a compound number names its parent as printed
        level=(parent.level + 1) if parent else 1,
        group=_group(entry, parent, first_entry),
        file_number=next((row.file_number for row in entry.title_rows if row.file_number), None) or entry.row.extra.get("file_number"),
        page_ref=ref,
        session=entry.session,
        page=entry.row.page,
        bbox=bbox,
        reason=reason,
        row_index=entry.row.index,
    )


def _page_ref(text: str) -> tuple[int, int] | None:
    """'(Pages 461 - 610)', also when the reference wraps onto the title's next line."""
    match = PAGE_REF_RE.search(" ".join(text.split()))
    if match is None:
        return None
    start = int(match.group(1))
    return (start, int(match.group(2)) if match.group(2) else start)


def _accepted_parent(entry: Entry, by_entry: dict[int, AgendaItem]) -> AgendaItem | None:
    parent = entry.parent
    while parent is not None and parent.id not in by_entry:
        parent = parent.parent
    return by_entry.get(parent.id) if parent is not None else None


def _group(entry: Entry, parent: AgendaItem | None, first_entry: dict[int, Entry]) -> str | None:
    """The unnumbered heading that groups the item: named as a group, or set above the items it heads.

    A heading level with the items and no more prominent than them is an unnumbered item of its
    own ('ROLL CALL'), and a heading above the first item is the agenda's masthead: neither groups.
    """
    heading = entry.heading
    if heading is None or is_session_heading(heading) or heading.x0 > entry.row.x0 + 2:
        return None
    if parent is not None and (heading.page, heading.top) < (parent.page, parent.bbox.top):
        return None
    text = heading_text(heading)
    if is_group_heading_text(text):
        return clean_title(text)
    first = first_entry.get(entry.session)
    if first is None or heading.index < first.row.index:
        return None
    indented = heading.x0 < entry.row.x0 - 2
    bold, size, caps = heading.looks()
    item_bold, item_size, item_caps = entry.row.looks()
    stronger = size > item_size + 0.4 or (bold and not item_bold) or (caps and not item_caps)
    return clean_title(text) if indented or stronger else None


def heading_text(row: AgendaRow) -> str:
    """A heading's text, with the line it wraps onto."""
    return " ".join([row.text, *(more.text for more in row.extra.get("more", []))])


def clean_title(text: str) -> str:
    """The title as printed, without page references, trailing link labels or closing punctuation."""
    text = PAGE_REF_RE.sub(" ", text)
    text = " ".join(text.split())
    for _ in range(3):
        trimmed = _strip_trailers(text)
        if trimmed == text:
            break
        text = trimmed
    return text.strip(" :;,–—-").rstrip()


def _strip_trailers(text: str) -> str:
    for cue in conventions.cues(TITLE_TRAILERS):
        match = re.search(rf"(?:{cue.source})\s*$", text, re.I)
        if match and match.start() > 0:
            return text[: match.start()].rstrip()
    return text


def _unread(outline: Outline, accepted: list[Entry]) -> list[AgendaRow]:
    """Numbered rows that fit no list but sit in an item column and look like its items."""
    if not accepted:
        return []
    columns = {(round(entry.row.x0), entry.row.looks()) for entry in accepted}
    return [row for row in outline.orphans if any(abs(row.x0 - x) <= 3 and looks == row.looks() for x, looks in columns)]
