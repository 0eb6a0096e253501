"""Minute items: where each numbered minute starts, its number, title and text.

Three conventions are recognised:
- uk: bold numbered headings ('84. Apologies', '1 Welcome', '1. MEMBERSHIP'),
  numbers rising through the document, with numbered paragraphs inside
  ('4.1', or '1.' indented under the heading);
- us: paragraphs opening with a file number in brackets ('(15-190) ...',
  '(*15-186) ...'), grouped under upper-case headings ('CONSENT CALENDAR');
- ontario: resolutions numbered 'R2024-138 D. Yemm, S. Foote:' ending 'Carried.'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agendapack.extract.meetings.dates import find_date
from agendapack.extract.meetings.paragraphs import PageRow, Para, join_row_texts
from agendapack.extract.meetings.text import first_sentence

UK_HEADING_RE = re.compile(r"^(?P<num>\d{1,3})(?P<dot>[.)])?\s+(?P<title>\S.*)$")
AGENDA_ITEM_RE = re.compile(r"\(\s*(?:agenda\s+)?item\s+(?P<num>\d{1,3}[a-z]?)\s*\)", re.I)
DOTTED_PARA_RE = re.compile(r"^(?P<num>\d{1,3}\.\d{1,2})\.?\s+(?P<text>\S.*)$")
NUMBERED_PARA_RE = re.compile(r"^(?P<num>\d{1,2})\.\s+(?P<text>\S.*)$")
US_ITEM_RE = re.compile(r"^\((?P<consent>\*)?(?P<num>\d{2}-\d{3,4})(?:\s*(?P<letter>[A-Z]))?\)\s*(?P<rest>.*)$")
ONTARIO_RE = re.compile(r"^(?P<num>R\d{4}-\d{1,4})\s+(?P<movers>[^:;]{3,80}?)\s*[:;]\s*(?P<rest>.*)$")
ONTARIO_OUTCOME_RE = re.compile(r"\b(?P<outcome>Carried|Defeated|Lost|Withdrawn)\.?\s*$", re.I)
DISPOSITION_RE = re.compile(r"\s*\b(?P<d>Approved|Adopted|Finally passed|Introduced|Not heard|Accepted|Continued|Withdrawn|Received)\.\s*$")
DECISION_START_RE = re.compile(r"^(?:\d{1,2}[a-z]?[.)]\s+)?(?:It was\s+|The [\w&' -]{0,60}?)?(?:RESOLVED|APPROVED|AGREED|Resolved\s*(?::|that\b))")
SIGNATURE_RE = re.compile(r"(?:_{4,}|\.{6,})|^(?:chair(?:man)?|mayor|clerk|municipal administrator|signed)\s*:?\s*$", re.I)
_MAX_NUMBER_STEP = 5
_MAX_TITLE = 250
_INDENT_MIN = 8.0


@dataclass
class Item:
    """A minute item (level 1) or a numbered paragraph (level 2) and the paragraphs it holds."""

    number: str
    title: str
    level: int
    heading: Para
    parent: str | None = None
    agenda_item: str | None = None
    disposition: str | None = None
    lead: str = ""  # text of the heading paragraph after the title
    body: list[Para] = field(default_factory=list)
    end_para: int | None = None  # Ontario: the paragraph with the outcome

    @property
    def paras(self) -> list[Para]:
        return [self.heading, *self.body]

    @property
    def text(self) -> str:
        parts = [self.lead] if self.lead else []
        parts += [p.text for p in self.body if not SIGNATURE_RE.search(p.text)]
        return "\n".join(part for part in parts if part)


@dataclass
class Layout:
    """Items of one meeting's minutes and which item each paragraph belongs to."""

    convention: str
    header: list[Para]
    items: list[Item]
    paragraphs: list[Item]
    item_of: dict[int, str | None]


def detect_convention(paras: list[Para]) -> str:
    texts = [p.text for p in paras]
    if sum(1 for t in texts if US_ITEM_RE.match(t)) >= 2:
        return "us"
    if any(ONTARIO_RE.match(t) for t in texts):
        return "ontario"
    return "uk"


def read_items(paras: list[Para]) -> Layout:
    convention = detect_convention(paras)
    reader = {"us": _us_items, "ontario": _ontario_items}.get(convention, _uk_items)
    items, item_of = reader(paras)
    first = min((item.heading.index for item in items), default=len(paras) + (paras[0].index if paras else 0))
    header = [p for p in paras if p.index < first]
    paragraphs = _uk_paragraphs(items) if convention == "uk" else []
    return Layout(convention, header, items, paragraphs, item_of)


# -- uk -----------------------------------------------------------------------


@dataclass
class _UkState:
    last: int | None = None
    dotted: bool | None = None


def _uk_items(paras: list[Para]) -> tuple[list[Item], dict[int, str | None]]:
    items: list[Item] = []
    item_of: dict[int, str | None] = {}
    state = _UkState()
    for para in paras:
        heading = _uk_heading(para, state)
        if heading is not None:
            items.append(heading)
        elif items:
            items[-1].body.append(para)
        item_of[para.index] = items[-1].number if items else None
    return items, item_of


def _uk_heading(para: Para, state: _UkState) -> Item | None:
    rows = para.bold_prefix()
    text = join_row_texts([r.text for r in rows]) if rows else para.text
    match = UK_HEADING_RE.match(text)
    if not match:
        return None
    number, title = int(match.group("num")), match.group("title").strip()
    dotted = match.group("dot") is not None
    title_only = AGENDA_ITEM_RE.sub("", title).strip()
    if not rows and not (title_only.isupper() and len(title_only) > 3):
        return None
    if title_only.endswith(".") or len(title_only) > _MAX_TITLE or not re.search(r"[A-Za-z]{2}", title_only):
        return None
    dated = find_date(text)
    if dated and dated[1].start() == 0:
        return None  # '12 September 2024 at 5.00 pm' is the meeting's date line, not item 12
    if state.dotted is not None and dotted != state.dotted:
        return None
    if state.last is not None and not (state.last < number <= state.last + _MAX_NUMBER_STEP):
        return None
    state.last, state.dotted = number, dotted
    return _uk_item(para, match, rows)


def _uk_item(para: Para, match: re.Match[str], rows: tuple[PageRow, ...]) -> Item:
    heading_rows = rows or para.rows
    rest = [r.text for r in para.rows[len(heading_rows) :]]
    agenda = AGENDA_ITEM_RE.search(match.group("title")) or next((m for r in rest for m in [AGENDA_ITEM_RE.search(r)] if m), None)
    rest = [r for r in rest if not AGENDA_ITEM_RE.fullmatch(r.strip())]
    title = " ".join(AGENDA_ITEM_RE.sub("", match.group("title")).split()).strip(" -–")
    printed = match.group("num") + (match.group("dot") or "")
    return Item(number=printed, title=title, level=1, heading=para, agenda_item=agenda.group("num") if agenda else None, lead=join_row_texts(rest))


def _uk_paragraphs(items: list[Item]) -> list[Item]:
    """Numbered paragraphs inside items: '4.1' under item 4, or '1.' indented under a dotted heading."""
    out: list[Item] = []
    for item in items:
        current: Item | None = None
        for para in item.body:
            found = _paragraph_start(item, para)
            if found is not None:
                current = found
                out.append(current)
            elif DECISION_START_RE.match(para.text):
                current = None  # a RESOLVED block is the item's, not the paragraph's
            elif current is not None:
                current.body.append(para)
    return out


def _paragraph_start(item: Item, para: Para) -> Item | None:
    text = para.text
    dotted = DOTTED_PARA_RE.match(text)
    key = item.number.rstrip(".)")
    if dotted and dotted.group("num").split(".")[0] == key:
        return Item(number=dotted.group("num"), title="", level=2, heading=para, parent=item.number, lead=dotted.group("text"))
    numbered = NUMBERED_PARA_RE.match(text)
    if numbered and item.number.endswith(".") and not para.bold_prefix() and para.x0 >= item.heading.x0 + _INDENT_MIN and not DECISION_START_RE.match(text):
        return Item(number=numbered.group("num") + ".", title="", level=2, heading=para, parent=item.number, lead=numbered.group("text"))
    return None


# -- us -------------------------------------------------------------------------


def _us_items(paras: list[Para]) -> tuple[list[Item], dict[int, str | None]]:
    items: list[Item] = []
    item_of: dict[int, str | None] = {}
    current: Item | None = None
    resume: list[Item | None] = []
    for position, para in enumerate(paras):
        text = para.text
        match = US_ITEM_RE.match(text)
        if text.strip() == "***":
            current = _interjection(paras, position, current, resume)
        elif match:
            current = _us_item(para, match)
            items.append(current)
        elif group_heading(text):
            current = None
        elif current is not None:
            current.body.append(para)
        item_of[para.index] = current.number if current else None
    return items, item_of


def _interjection(paras: list[Para], position: int, current: Item | None, resume: list[Item | None]) -> Item | None:
    """'***' opens an interjected item (a procedural motion) and closes it, resuming the one before."""
    if resume:
        return resume.pop()
    following = paras[position + 1].text if position + 1 < len(paras) else ""
    if US_ITEM_RE.match(following):
        resume.append(current)
    return current


def _us_item(para: Para, match: re.Match[str]) -> Item:
    number = match.group("num") + (f" {match.group('letter')}" if match.group("letter") else "")
    rest = match.group("rest").strip()
    disposition = None
    found = DISPOSITION_RE.search(rest)
    if found:
        disposition = found.group("d")
        rest = rest[: found.start()].strip()
    title = first_sentence(rest)
    lead = rest[len(title) :].strip()
    title = re.sub(r";\s*(?:and|or)$", "", title).strip()
    return Item(number=number, title=title, level=1, heading=para, disposition=disposition, lead=lead)


def group_heading(text: str) -> bool:
    """An upper-case heading ('CONSENT CALENDAR') or a short bare title ('Adjournment') between items."""
    words = text.split()
    if not words or len(words) > 10 or re.search(r"\d", text):
        return False
    letters = re.sub(r"[^A-Za-z]", "", text)
    if letters.isupper() and len(letters) > 3:
        return True
    return len(words) <= 3 and text[:1].isupper() and not text.rstrip().endswith((".", ",", ":", ";"))


# -- ontario --------------------------------------------------------------------


def _ontario_items(paras: list[Para]) -> tuple[list[Item], dict[int, str | None]]:
    items: list[Item] = []
    item_of: dict[int, str | None] = {}
    current: Item | None = None
    for para in paras:
        match = ONTARIO_RE.match(para.text)
        if match:
            rest = match.group("rest")
            current = Item(number=match.group("num"), title=first_sentence(rest).strip(), level=1, heading=para, lead=rest)
            items.append(current)
        elif current is not None and current.end_para is None:
            current.body.append(para)
        item_of[para.index] = current.number if current and current.end_para is None else None
        if current is not None and current.end_para is None and ONTARIO_OUTCOME_RE.search(para.text):
            current.end_para = para.index
            item_of[para.index] = current.number
    return items, item_of
