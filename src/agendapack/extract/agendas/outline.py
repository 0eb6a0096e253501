"""An agenda as an outline: numbered entries in lists, lists nested under entries, headings between.

Rows are read top to bottom. A row whose number continues an open list (same family, same
decoration, the next value) joins it; a first value ('1.', 'A.', 'a)', 'I.') opens a list, under
the entry it is indented below (or, at the same indent, under an entry of higher conventional rank:
roman above letters above numbers); a compound number ('4.1', 'C1', '1.A') opens or joins the list
under the entry it names. A row that fits no list (a '2.' that follows nothing) is not an entry.
Rows after an entry's number row that carry on its title (same typography, close below, in the
title's column) are its title; the rest are its content, where recommendation blocks and
explanatory text live.

This module only builds the structure; `accept` decides which lists are agenda items and which
are lists inside the text (recommendations, public participation options).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from agendapack.extract.agendas.numbering import RANK, Marker, follows
from agendapack.extract.agendas.rows import AgendaRow, Style, is_group_heading_text

_SAME_X = 3.0
_TITLE_GAP = 0.75  # a wrapped title line starts within this many row heights below the line above
_TITLE_MAX_ROWS = 12
_TITLE_INDENT_SLACK = 6.0
_HEADING_MAX_WORDS = 16
_GAP_MAX = 2  # a number may skip this many values and still continue its list (a withdrawn item)


@dataclass(eq=False)
class Level:
    """One list: entries of one numbering family and decoration, under one parent."""

    id: int
    family: str
    decoration: str
    x: float
    x1: float
    parent: Entry | None
    prefix: str | None
    last: int
    entries: list[Entry] = field(default_factory=list)
    implied: bool = False  # stands for a parent number only seen inside compound numbers ('1' of '1.A')

    def matches_style(self, marker: Marker) -> bool:
        return self.family == marker.family and (self.implied or self.decoration == marker.decoration or marker.bare)

    def at_x(self, row: AgendaRow) -> bool:
        return abs(self.x - row.x0) <= _SAME_X or abs(self.x1 - row.marker_x1) <= _SAME_X


@dataclass(eq=False)
class Entry:
    """A numbered row that joined a list, with its title rows and the rows of content after it."""

    id: int
    row: AgendaRow
    marker: Marker
    level: Level
    parent: Entry | None
    session: int
    heading: AgendaRow | None  # the last unnumbered heading above it
    before: list[AgendaRow] = field(default_factory=list)  # rows since the previous entry or heading
    title_rows: list[AgendaRow] = field(default_factory=list)
    after: list[AgendaRow] = field(default_factory=list)
    placement: str = "continue"  # continue, open, open-implied, restart, resume, gap, repeat, late, misplaced
    after_end: bool = False  # starts a list after the agenda's adjournment

    @property
    def number(self) -> str:
        return self.marker.number


@dataclass
class Outline:
    """What the builder found: entries and lists in reading order, headings, session boundaries."""

    entries: list[Entry]
    levels: list[Level]
    headings: list[AgendaRow]
    sessions: list[AgendaRow]  # headings that start a new meeting (a time, or 'special meeting')
    sessions_after_end: list[bool]  # whether each came after the agenda's adjournment (a list of future meetings)
    orphans: list[AgendaRow]  # numbered rows that fit no list
    body: Style


@dataclass(order=True)
class _Option:
    score: float
    order: int
    kind: str = field(compare=False)
    marker: Marker = field(compare=False)
    depth: int = field(compare=False)
    level: Level | None = field(compare=False, default=None)
    parent: Entry | None = field(compare=False, default=None)


class OutlineBuilder:
    """Reads rows in order into an `Outline`; `is_session` and `is_end` come from the reader."""

    def __init__(self, body: Style, is_session: Callable[[AgendaRow], bool], is_end: Callable[[str], bool]) -> None:
        self.body = body
        self.is_session = is_session
        self.is_end = is_end
        self.stack: list[Level] = []
        self.recent: list[Level] = []
        self.levels: list[Level] = []
        self.entries: list[Entry] = []
        self.headings: list[AgendaRow] = []
        self.sessions: list[AgendaRow] = []
        self.sessions_after_end: list[bool] = []
        self.orphans: list[AgendaRow] = []
        self.pending: list[AgendaRow] = []
        self.heading: AgendaRow | None = None
        self.current: Entry | None = None
        self.title_open = False
        self.session = 0
        self.ended = False
        self.previous: tuple[AgendaRow, str] | None = None

    def build(self, rows: list[AgendaRow]) -> Outline:
        for row in rows:
            self._read(row)
        return Outline(self.entries, self.levels, self.headings, self.sessions, self.sessions_after_end, self.orphans, self.body)

    # -- one row ------------------------------------------------------------

    def _read(self, row: AgendaRow) -> None:
        option = self._best_option(row) if row.markers else None
        if option is not None:
            self._add_entry(row, option)
            self.previous = (row, "title")
            return
        if self.current is not None and self.title_open and self._continues_title(self.current, row):
            self.current.title_rows.append(row)
            self.previous = (row, "title")
            return
        if self.current is not None and self.title_open and self._presenter_line(self.current, row):
            self.previous = (row, "body")
            self.current.after.append(row)
            return
        self.title_open = False
        if row.markers:
            self.orphans.append(row)
        previous, role = self.previous if self.previous else (None, "")
        close = previous is not None and _close_below(previous, row)
        if close and role == "heading" and _same_look(previous, row) and self.headings and not self.is_session(row):
            self.headings[-1].extra.setdefault("more", []).append(row)  # a heading wrapped over two lines
            self.previous = (row, "heading")
            return
        if self.is_session(row) and row.prominent(self.body):
            self._start_session(row)
            self.previous = (row, "session")
        elif not (close and role in ("body", "label")) and self._is_heading(row):
            self._add_heading(row)
            self.previous = (row, "heading")
        else:
            self.pending.append(row)
            if self.current is not None:
                self.current.after.append(row)
            self.previous = (row, "label" if row.label else "body")

    def _presenter_line(self, entry: Entry, row: AgendaRow) -> bool:
        """'(City Clerk Jane Doe)' or a file number alone under a title: taken as the item's, not its title."""
        last = entry.title_rows[-1]
        if row.page != last.page or row.top - last.bottom > last.height * _TITLE_GAP or row.markers:
            return False
        title = row.title.strip()
        parenthesised = title.startswith("(") and title.endswith(")")
        if row.file_number and not any(r.file_number for r in entry.title_rows) and (not title or parenthesised):
            entry.row.extra["file_number"] = row.file_number
            return True
        return bool(title) and parenthesised and row.x0 > entry.row.x0

    def _start_session(self, row: AgendaRow) -> None:
        self.sessions.append(row)
        self.sessions_after_end.append(self.ended)
        self.session += 1
        for level in self.stack:
            self._remember(level)
        self.stack = []
        self.heading, self.current, self.ended = row, None, False
        self.pending = [row]

    def _add_heading(self, row: AgendaRow) -> None:
        """An unnumbered heading: it groups what follows, and closes lists at or right of its indent."""
        self.headings.append(row)
        self.heading = row
        self.pending.append(row)
        if self.current is not None:
            self.current.after.append(row)
        cut = next((depth for depth, level in enumerate(self.stack) if level.x >= row.x0 - 2), len(self.stack))
        self._pop_to(cut)
        if self.is_end(row.text):
            self.ended = True

    def _is_heading(self, row: AgendaRow) -> bool:
        """Short, set apart from the body (bold, larger, capitals), and not a sentence."""
        if row.label is not None or not row.text or row.words > _HEADING_MAX_WORDS:
            return False
        if is_group_heading_text(row.text) and (row.prominent(self.body) or row.words <= 6):
            return True
        if not row.prominent(self.body) or (row.text.endswith(".") and row.words > 6):
            return False
        return row.caps or row.words <= 10 or row.text.endswith(":")

    # -- titles -------------------------------------------------------------

    def _continues_title(self, entry: Entry, row: AgendaRow) -> bool:
        """A wrapped line of the title: close below it, in its column, in the same type, not a label."""
        last, first = entry.title_rows[-1], entry.title_rows[0]
        if row.page != last.page or len(entry.title_rows) >= _TITLE_MAX_ROWS or row.label is not None or row.markers:
            return False
        if row.top < last.top or row.top - last.bottom > last.height * _TITLE_GAP:
            return False
        if len(entry.title_rows) == 1 and not first.title.strip():
            return row.x0 >= first.x0 - 1  # a number printed on a row of its own: the next row is its title
        # a page reference closes a title: the row that carries it still belongs to the title, whatever its type
        closes = row.page_ref is not None and not any(r.page_ref for r in entry.title_rows) and row.x0 > first.x0 + 2
        if (not _same_look(first, row) and not closes) or is_group_heading_text(row.text):
            return False
        if len(first.row.lines) > 1 and first.title_lines and first.title_lines[0] is not first.row.lines[0]:
            # the number stands in a column of its own: the title wraps in the title's column, or is centred in it
            in_column = row.title_x >= max(first.marker_x1 - 1, first.title_x - _TITLE_INDENT_SLACK * 2)
            return in_column or (row.title_x > first.marker_x1 and abs(_title_centre(row) - _title_centre(last)) <= _TITLE_INDENT_SLACK * 1.5)
        return row.title_x >= first.x0 - 1

    # -- placing a numbered row ------------------------------------------------

    def _best_option(self, row: AgendaRow) -> _Option | None:
        options: list[_Option] = []
        for order, marker in enumerate(row.markers):
            options.extend(self._options(row, marker, order))
        return max(options) if options else None

    def _options(self, row: AgendaRow, marker: Marker, order: int) -> list[_Option]:
        found: list[_Option] = []
        bonus = -0.01 * order
        for depth in range(len(self.stack) - 1, -1, -1):
            level = self.stack[depth]
            if not self._same_list(level, marker):
                continue
            fit = self._fit(level, row)
            if follows(level.last, marker.value, marker.family) and (fit > 0 or level.implied):
                found.append(_Option(3.0 + fit + bonus, -order, "continue", marker, depth, level))
            elif level.at_x(row) and fit > 0.4 and level.last < marker.value <= level.last + 1 + _GAP_MAX:
                found.append(_Option(2.0 + fit + bonus, -order, "gap", marker, depth, level))
            elif level.at_x(row) and fit > 0.4 and 1 < marker.value <= level.last:
                found.append(_Option(1.2 + fit + bonus, -order, "repeat", marker, depth, level))
        for level in reversed(self.recent):
            if self._same_list(level, marker) and level.at_x(row) and follows(level.last, marker.value, marker.family) and self._parent_open(level):
                found.append(_Option(2.5 + self._fit(level, row) + bonus, -order, "resume", marker, -1, level))
                break
        if marker.compound:
            found.extend(self._compound_options(row, marker, order, bonus))
        elif marker.is_first:
            found.append(self._open_option(row, marker, order, bonus))
        elif not found and _announces_itself(row, marker):
            # 'Item 7' or '7. Budget (Pages 1 - 10)' with no item before it (a supplementary agenda): a list starting late
            parent = self._parent_for(row, marker)
            found.append(_Option(1.4 + bonus, -order, "late", marker, self._depth_of(parent) + 1, parent=parent))
        return found

    def _same_list(self, level: Level, marker: Marker) -> bool:
        return level.matches_style(marker) and level.prefix == marker.parent

    def _fit(self, level: Level, row: AgendaRow) -> float:
        """How well the row looks like the list's entries: same indent, same type."""
        score = 0.5 if level.at_x(row) else 0.0
        if level.entries and _same_look(level.entries[-1].row, row):
            score += 0.5
        return score

    def _parent_open(self, level: Level) -> bool:
        return level.parent is None or any(level.parent in lv.entries for lv in self.stack)

    def _compound_options(self, row: AgendaRow, marker: Marker, order: int, bonus: float) -> list[_Option]:
        for depth in range(len(self.stack) - 1, -1, -1):
            entry = self.stack[depth].entries[-1] if self.stack[depth].entries else None
            if entry is not None and _same_number(entry.number, marker.parent or ""):
                score = 3.0 if marker.is_first else 2.2
                return [_Option(score + bonus, -order, "open", marker, depth + 1, parent=entry)]
        if not marker.is_first:
            return []
        parent = self._parent_for(row, marker)
        if parent is not None and any(_same_number(e.number, marker.parent or "") for lv in self.stack for e in lv.entries[:-1]):
            # '2.1' printed under item 3 when item 2 came before: kept where it is printed, and said
            return [_Option(2.0 + bonus, -order, "misplaced", marker, self._depth_of(parent) + 1, parent=parent)]
        depth = self._depth_of(parent) + 1
        return [_Option(2.0 + bonus, -order, "open-implied", marker, depth + 1, parent=parent)]

    def _open_option(self, row: AgendaRow, marker: Marker, order: int, bonus: float) -> _Option:
        for depth, level in enumerate(self.stack):
            if self._same_list(level, marker) and level.at_x(row):
                return _Option(1.8 + bonus, -order, "restart", marker, depth, parent=level.parent)
        parent = self._parent_for(row, marker)
        return _Option(1.6 + bonus, -order, "open", marker, self._depth_of(parent) + 1, parent=parent)

    def _parent_for(self, row: AgendaRow, marker: Marker) -> Entry | None:
        """The entry a new list belongs under: the nearest one left of it, or level with it and of higher rank."""
        for level in reversed(self.stack):
            entry = level.entries[-1] if level.entries else None
            if entry is None:
                continue
            if entry.row.x0 < row.x0 - 2:
                return entry
            if abs(entry.row.x0 - row.x0) <= 2 and (self._heading_inside(entry) or RANK[marker.family] > RANK[level.family]):
                return entry
        return None

    def _heading_inside(self, entry: Entry) -> bool:
        """A heading printed after the entry and indented under it ('REGULAR ACTIONS OF THE BOARD:' under 10.)."""
        return self.heading is not None and self.heading in entry.after and self.heading.x0 > entry.row.x0 + 2

    def _depth_of(self, entry: Entry | None) -> int:
        if entry is None:
            return -1
        return next((d for d, level in enumerate(self.stack) if entry in level.entries), -1)

    def _add_entry(self, row: AgendaRow, option: _Option) -> None:
        marker = option.marker
        level = self._level_for(row, option)
        entry = Entry(
            id=len(self.entries),
            row=row,
            marker=marker,
            level=level,
            parent=level.parent,
            session=self.session,
            heading=self.heading,
            before=self.pending,
            title_rows=[row],
            placement=option.kind,
            after_end=self.ended and option.kind not in ("continue", "gap", "repeat", "resume"),
        )
        level.entries.append(entry)
        level.last = max(level.last, marker.value) if option.kind != "repeat" else level.last
        if option.kind in ("continue", "gap"):
            level.last = marker.value
        self.entries.append(entry)
        self.current, self.title_open, self.pending = entry, True, []
        if self.is_end(row.title):
            self.ended = True

    def _level_for(self, row: AgendaRow, option: _Option) -> Level:
        """The list the entry joins: an open one, a resumed one, or a new one at the option's depth."""
        marker = option.marker
        if option.level is not None:
            level = option.level
            if option.kind == "resume":
                self.recent.remove(level)
                self._pop_to(self._depth_of(level.parent) + 1)
                self.stack.append(level)
            else:
                self._pop_to(option.depth + 1)
            if level.implied:
                level.implied, level.decoration, level.x, level.x1 = False, marker.decoration, row.x0, row.marker_x1
            return level
        depth = max(option.depth, 0)
        if option.kind == "open-implied" and marker.parent:
            self._pop_to(depth - 1)
            self.stack.append(self._implied_level(row, marker, option.parent))
            depth = len(self.stack)
        self._pop_to(depth)
        level = Level(len(self.levels), marker.family, marker.decoration, row.x0, row.marker_x1, option.parent, marker.parent, 0)
        self.levels.append(level)
        self.stack.append(level)
        return level

    def _implied_level(self, row: AgendaRow, marker: Marker, parent: Entry | None) -> Level:
        """'1.A' with no item '1' printed: a list standing for '1', so that a later '2' continues it."""
        number = marker.parent or ""
        family = "arabic" if number.isdigit() else "upper"
        value = int(number) if number.isdigit() else ord(number.upper()) - ord("A") + 1
        level = Level(len(self.levels), family, "", row.x0, row.marker_x1, parent, None, value, implied=True)
        self.levels.append(level)
        return level

    def _pop_to(self, depth: int) -> None:
        while len(self.stack) > max(depth, 0):
            self._remember(self.stack.pop())

    def _remember(self, level: Level) -> None:
        if level.entries or level.implied:
            self.recent.append(level)
            del self.recent[:-8]


def _announces_itself(row: AgendaRow, marker: Marker) -> bool:
    """An item number that needs no list before it: a cue word ('Item 7') or a page reference or file number beside it."""
    return marker.family == "word" or row.page_ref is not None or row.file_number is not None


def _title_centre(row: AgendaRow) -> float:
    lines = row.title_lines or row.row.lines
    return (lines[0].bbox.x0 + lines[-1].bbox.x1) / 2


def _close_below(above: AgendaRow, row: AgendaRow) -> bool:
    """The next line of the same paragraph: on the same page, just below, not left of it."""
    return row.page == above.page and -3 <= row.top - above.bottom <= above.height * _TITLE_GAP and row.x0 >= above.x0 - 2


def _same_number(a: str, b: str) -> bool:
    return a.strip(".)( ").lower() == b.strip(".)( ").lower()


def _same_look(a: AgendaRow, b: AgendaRow) -> bool:
    bold_a, size_a, caps_a = a.looks()
    bold_b, size_b, caps_b = b.looks()
    return bold_a == bold_b and abs(size_a - size_b) <= 0.6 and caps_a == caps_b
