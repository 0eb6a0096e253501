"""Minute items: where each minute starts, its number as printed, its title and its text.

One reader for every convention. A heading is a paragraph that stands out from the body by its
typography (bold, capitals, a larger size) or that opens with an identifier ('(15-190)', 'R2024-138',
'24/123'); its number is read by any grammar in `numbering`. The numbering style most headings share is
the minutes' own; headings of that style are the items, numbers kept as printed (out of order or
repeated numbers too, with an issue). A heading without a number is:

- an item of its own (printed number empty, an ordinal), when it is set like the numbered titles:
  same font, at the column the titles start in when the numbers hang in the margin ('Election of
  Chair' above '283.  Apologies'), or when the minutes number nothing (caps or bold headings);
- a group heading ('CONSENT CALENDAR', 'UNFINISHED BUSINESS') when it outranks the item headings
  (larger, or capitals over mixed case): it closes the item before it, and numbering may restart;
- part of the item's text otherwise (a speaker's name in bold, 'Proponents:').

An item with no minute number that prints '(Item N)' takes the agenda item number N.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from agendapack import conventions
from agendapack.extract.meetings.attendance_cues import attendance_title, is_vote_list, label_hits
from agendapack.extract.meetings.dates import find_date
from agendapack.extract.meetings.numbering import Number, first_of_family, follows, leading_number
from agendapack.extract.meetings.paragraphs import Para, join_row_texts
from agendapack.extract.meetings.text import first_sentence, squash

BODY_OPENERS_KEY = conventions.declare(
    "items", "body_openers", "Words that open body text, never a heading, even in bold or capitals (RESOLVED, Motion:, Carried)"
)
TITLE_CUES_KEY = conventions.declare("items", "meeting_title_cues", "Headings that name the meeting, not an item ('Minutes of the ...', '... MEETING')")
INTERJECTION_KEY = conventions.declare(
    "items", "interjection_markers", "Lines ('***') around an item taken up in the middle of another; after the second one the first item resumes"
)
AGENDA_ITEM_RE = re.compile(r"\(\s*(?:agenda\s+)?item\s+(?P<num>\d{1,3}[a-z]?)\s*\)", re.I)
DOTTED_PARA_RE = re.compile(r"^(?P<num>\d{1,3}\.\d{1,2})\.?\s+(?P<text>\S.*)$")
NUMBERED_PARA_RE = re.compile(r"^(?P<num>\d{1,2})\.\s+(?P<text>\S.*)$")
# Kept for the readers of votes and decisions that still look for these conventions by pattern.
US_ITEM_RE = re.compile(r"^\((?P<consent>\*)?(?P<num>\d{2}-\d{3,4})(?:\s*(?P<letter>[A-Z]))?\)\s*(?P<rest>.*)$")
ONTARIO_RE = re.compile(r"^(?P<num>R\d{4}-\d{1,4})\s+(?P<movers>[^:;]{3,80}?)\s*[:;]\s*(?P<rest>.*)$")
ONTARIO_OUTCOME_RE = re.compile(r"\b(?P<outcome>Carried|Defeated|Lost|Withdrawn)\.?\s*$", re.I)
DISPOSITION_RE = re.compile(r"\s*\b(?P<d>Approved|Adopted|Finally passed|Introduced|Not heard|Accepted|Continued|Withdrawn|Received)\.\s*$")
DECISION_START_RE = re.compile(r"^(?:\d{1,2}[a-z]?[.)]\s+)?(?:It was\s+|The [\w&' -]{0,60}?)?(?:RESOLVED|APPROVED|AGREED|Resolved\s*(?::|that\b))")
SIGNATURE_RE = re.compile(
    r"(?:_{4,}|\.{6,})|^(?:chair(?:man)?|mayor|clerk|municipal administrator|signed|attest)\s*:?\s*$|^respectfully submitted\b", re.I
)
_MAX_TITLE = 250
_MAX_TITLE_WORDS = 30
_MAX_UNNUMBERED_WORDS = 16
_INDENT_MIN = 8.0
_HANGING_MIN = 8.0
_ALIGN = 4.0


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
    end_para: int | None = None  # kept for readers that stop an item early; the general reader does not
    ordinal: int = 0  # 1-based position among the meeting's items
    number_source: str | None = None  # 'printed', 'agenda_item', or None for an unnumbered heading
    group: str | None = None  # the group heading the item stands under ('CONSENT CALENDAR')
    style: str | None = None  # the numbering family ('decimal', 'file', ...), None when unnumbered

    @property
    def paras(self) -> list[Para]:
        return [self.heading, *self.body]

    @property
    def text(self) -> str:
        parts = [self.lead] if self.lead else []
        parts += [p.text for p in self.body if not SIGNATURE_RE.search(p.text) and not AGENDA_ITEM_RE.fullmatch(p.text.strip())]
        return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class LayoutIssue:
    page: int
    message: str


@dataclass
class Layout:
    """Items of one meeting's minutes and which item each paragraph belongs to."""

    convention: str  # the numbering family of the items ('decimal', 'file', 'resolution', ... or 'headings')
    header: list[Para]
    items: list[Item]
    paragraphs: list[Item]
    item_of: dict[int, str | None]
    issues: list[LayoutIssue] = field(default_factory=list)


@dataclass(frozen=True)
class Heading:
    """A paragraph read as a heading: its number (if any), title and typography."""

    para: Para
    number: Number | None
    title: str
    lead: str
    bold: bool
    caps: bool
    size: float
    title_x0: float
    number_x0: float

    def rank_against(self, other: Heading) -> int:
        """1 when this heading outranks the other (larger, or capitals over mixed case, or bold over plain), -1 below, 0 level."""
        if self.size > other.size + 0.5:
            return 1
        if self.size < other.size - 0.5:
            return -1
        if self.caps != other.caps:
            return 1 if self.caps else -1
        if self.bold != other.bold:
            return 1 if self.bold else -1
        return 0


@dataclass
class _Reference:
    """How the minutes' numbered headings look: the pattern unnumbered headings are compared with."""

    style: tuple[str, str]
    heading: Heading
    title_x0: float
    hanging: bool


def read_items(paras: list[Para]) -> Layout:
    body_size = _body_size(paras)
    heads = {p.index: h for p in paras if (h := _heading(p, body_size)) is not None}
    reference = _reference(list(heads.values()))
    if reference is None:
        return _unnumbered_layout(paras, heads)
    return _numbered_layout(paras, heads, reference)


# -- headings -------------------------------------------------------------------------


def _body_size(paras: list[Para]) -> float:
    sizes: Counter[float] = Counter()
    for para in paras:
        for row in para.rows:
            for line in row.row.lines:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


@lru_cache(maxsize=1)
def _body_opener_re() -> re.Pattern[str] | None:
    words = [w for _, w in conventions.words(BODY_OPENERS_KEY)]
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{w})" for w in words) + ")", re.I) if words else None


@lru_cache(maxsize=1)
def _title_cue_re() -> re.Pattern[str] | None:
    words = [w for _, w in conventions.words(TITLE_CUES_KEY)]
    return re.compile("|".join(f"(?:{w})" for w in words), re.I) if words else None


def _heading(para: Para, body_size: float) -> Heading | None:
    """The paragraph as a heading, when its number or typography says it is one."""
    text = para.text
    opener = _body_opener_re()
    if SIGNATURE_RE.search(text) or (opener and opener.match(text)) or is_vote_list(text[:60]):
        return None
    hits = label_hits(text)
    if hits and hits[0].start == 0 and not _attendance_run_in(para):
        return None  # 'Present: ...', 'Apologies: ...'
    margin = margin_note(para)
    if margin:
        text = text[len(margin) :].strip()
    number = leading_number(text)
    if number is not None and number.family == "decimal" and (found := find_date(text)) and found[1].start() == 0:
        return None  # '12 September 2024 at 5.00 pm' is a date line, not item 12
    rest = text[number.end :].strip() if number else text
    title, lead, bold, caps = _title(para, number, rest, body_size, margin)
    if title is None or not _plausible_title(title, number):
        return None
    segments = para.line_x0s()[1:] if margin else para.line_x0s()
    lines = para.rows[0].row.lines[1:] if margin else para.rows[0].row.lines
    number_x0 = segments[0] if margin else para.x0
    title_x0 = segments[1] if number and len(segments) > 1 and lines[0].text.strip() == number.printed else number_x0
    return Heading(para, number, title, lead, bold, caps, para.size, title_x0, number_x0)


_MARGIN_GAP = 12.0
_MARGIN_NOTE_RE = re.compile(r"^[\w./-]*\d[\w./-]*$")


def margin_note(para: Para) -> str:
    """A reference printed in the left margin of a heading's first row, apart from it ('2026-03-041' beside
    '2. ADOPTION DE L'ORDRE DU JOUR'): one token with a digit, a wide gap, then a numbered heading."""
    lines = para.rows[0].row.lines if para.rows else ()
    if len(lines) < 2:
        return ""
    note = lines[0].text.strip()
    # '7.1  26-0119 Ordinance ...' is a sub-item number and a file number, not a note beside a heading
    if not _MARGIN_NOTE_RE.match(note) or lines[1].bbox.x0 - lines[0].bbox.x1 < _MARGIN_GAP or leading_number(note) is not None:
        return ""
    return note if leading_number(" ".join(line.text for line in lines[1:]).strip()) is not None else ""


def _attendance_run_in(para: Para) -> bool:
    """A bold heading in capitals run into its text that names an attendance minute ('ROLL CALL: Board members
    present were ...'): a heading like the others, whose text the attendance reader reads."""
    lead = para.bold_lead
    return lead.endswith(":") and _is_caps(lead) and attendance_title(lead) and len(lead) < len(para.text)


def _title(para: Para, number: Number | None, rest: str, body_size: float, margin: str = "") -> tuple[str | None, str, bool, bool]:
    """(title, text after it, bold, capitals) by the first typographic evidence that holds."""
    bold_lead = _cut_at_opener(_bold_title_rows(para) or para.bold_lead)
    if margin and bold_lead.startswith(margin):
        bold_lead = bold_lead[len(margin) :].strip()
    skip = len(number.printed) if number else 0
    if bold_lead and len(bold_lead) > skip + 1:
        title = bold_lead[skip:].strip() if number else bold_lead
        if number and bold_lead.startswith(number.printed):
            title = bold_lead[len(number.printed) :].strip()
        lead = rest[len(title) :].strip() if rest.startswith(title) else _after(rest, title)
        if number and number.identifier and (title.endswith((":", ";")) or lead.startswith((":", ";"))) and lead.strip(":; "):
            # 'R2024-138 D. Yemm, S. Foote:' in bold: the movers, then the resolution, whose first sentence is the title
            lead = lead.lstrip(":; ")
            return _identifier_title(lead), lead, True, False
        return title, lead, True, _is_caps(title)
    caps = _caps_lead(rest)
    if caps:
        return caps, rest[len(caps) :].strip(" :–—-"), False, True
    if number and number.identifier:
        return _identifier_title(rest), rest, False, False
    if para.size > body_size + 0.5 and len(para.rows[0].text) < 120:
        first = para.rows[0].text
        title = first[number.end :].strip() if number and first.startswith(number.printed) else first
        return title, rest[len(title) :].strip(), False, _is_caps(title)
    return None, "", False, False


_SMALL_WORDS = ("of", "and", "the", "for", "to", "in", "on", "at", "with", "a", "an", "or", "&", "-", "–", ",", "/")


def _bold_title_rows(para: Para) -> str | None:
    """The bold rows a heading's title runs over: a row continues onto the next only when it was wrapped
    (it reaches the text's right edge, ends in 'of', 'and', a comma, or the next row goes on in lower case).

    '284. Declarations of ... Significant' / 'Interests in items on the agenda' is one title;
    '2. ADOPTION OF THE AGENDA' / 'Resolution No. R2026-041' is a title and the first line of its text.
    """
    rows = para.bold_prefix()
    if not rows:
        return None
    right = max(r.row.bbox.x1 for r in para.rows)
    reach = right - 0.15 * (right - para.x0)
    taken = [rows[0]]
    for previous, row in itertools.pairwise(rows):
        wrapped = previous.row.bbox.x1 >= reach or row.text[:1].islower() or previous.text.rstrip().lower().endswith(_SMALL_WORDS)
        if not wrapped or _is_caps(previous.text) != _is_caps(row.text):
            break
        taken.append(row)
    return join_row_texts([r.text for r in taken])


@lru_cache(maxsize=1)
def _inner_opener_re() -> re.Pattern[str] | None:
    words = [w for _, w in conventions.words(BODY_OPENERS_KEY)]
    return re.compile(r"(?<=\s)(?:" + "|".join(f"(?:{w})" for w in words) + ")", re.I) if words else None


def _cut_at_opener(bold: str) -> str:
    """A bold heading run on into a bold 'Motion:' or 'RESOLVED' below it ends before that word."""
    regex = _inner_opener_re()
    found = regex.search(bold) if regex and bold else None
    return bold[: found.start()].rstrip() if found else bold


def _after(rest: str, title: str) -> str:
    squashed = squash(rest)
    return squashed[len(title) :].strip() if squashed.startswith(title) else ""


def _identifier_title(rest: str) -> str:
    """A file-numbered paragraph's title is its first sentence ('(15-190) Recommendation to ... Approved.')."""
    found = DISPOSITION_RE.search(rest)
    if found:
        rest = rest[: found.start()].strip()
    return re.sub(r";\s*(?:and|or)$", "", first_sentence(rest)).strip()


def _is_caps(text: str) -> bool:
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", text)
    return len(letters) > 3 and letters.isupper()


_CAPS_WORD_RE = re.compile(r"^(?:[A-Z0-9À-Þ][A-Z0-9À-Þ'’&/.,()-]*|[&/–—-])$")


def _caps_lead(text: str) -> str | None:
    """The words in capitals a paragraph starts with ('CONSENT CALENDAR', 'APPROVAL OF MINUTES:'), when they make a title."""
    words = text.split()
    taken: list[str] = []
    for word in words:
        if not _CAPS_WORD_RE.match(word):
            break
        taken.append(word)
        if word.endswith(":"):
            break
    while taken and not re.search(r"[A-Z]", taken[-1]):
        taken.pop()
    following = words[len(taken)] if len(taken) < len(words) else None
    if taken and following and not taken[-1].endswith(":") and following[:1].islower():
        return None  # 'AND WHEREAS the Township ...' opens a sentence; a heading ends before a new one
    # a single capital letter or one short word ('A', 'THAT') opening a sentence is not a heading
    if len(taken) < len(words) and taken and len(" ".join(taken)) < 6:
        return None
    if len(taken) == 1 and len(words) > 1 and not taken[0].endswith(":"):
        return None
    title = " ".join(taken).rstrip(" –—-")
    letters = re.sub(r"[^A-Za-z]", "", title)
    return title if len(letters) > 3 else None


def _plausible_title(title: str, number: Number | None) -> bool:
    core = AGENDA_ITEM_RE.sub("", title).strip()
    if not re.search(r"[A-Za-zÀ-ÿ]{2}", core):
        return False
    if number is not None and number.identifier:
        return True  # an identifier marks an item whatever its first sentence's length
    if len(core) > _MAX_TITLE:
        return False
    limit = _MAX_TITLE_WORDS if number else _MAX_UNNUMBERED_WORDS
    return len(core.split()) <= limit


@lru_cache(maxsize=1)
def _interjection_re() -> re.Pattern[str] | None:
    words = [w for _, w in conventions.words(INTERJECTION_KEY)]
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{w})" for w in words) + r")\s*$") if words else None


def _interjection(para: Para) -> bool:
    regex = _interjection_re()
    return bool(regex and regex.match(para.text))


def _title_like(heading: Heading) -> bool:
    """A heading that names the meeting ('Minutes of the ...', a date) rather than an item."""
    cue = _title_cue_re()
    return bool(find_date(heading.title)) or bool(cue and cue.search(heading.title))


# -- numbered minutes ---------------------------------------------------------------------


def _reference(heads: list[Heading]) -> _Reference | None:
    """The numbering style most headings share, and how its headings are set."""
    numbered = [h for h in heads if h.number is not None]
    if not numbered:
        return None
    styles = Counter(_style_key(h.number) for h in numbered)
    best = max(styles.items(), key=lambda kv: (kv[1], -next(i for i, h in enumerate(numbered) if _style_key(h.number) == kv[0])))[0]
    mine = [h for h in numbered if _style_key(h.number) == best]
    typical = Counter((h.bold, h.caps, round(h.size)) for h in mine).most_common(1)[0][0]
    example = next(h for h in mine if (h.bold, h.caps, round(h.size)) == typical)
    title_x0 = median(h.title_x0 for h in mine)
    number_x0 = median(h.number_x0 for h in mine)
    return _Reference(best, example, title_x0, title_x0 - number_x0 > _HANGING_MIN)


def _style_key(number: Number | None) -> tuple[str, str]:
    assert number is not None
    return (number.family, "") if number.identifier else number.style


def _same_level(heading: Heading, reference: _Reference) -> bool:
    """An unnumbered heading set like the numbered titles, at their column (when the numbers hang)."""
    return (
        reference.hanging
        and heading.number is None
        and abs(heading.para.x0 - reference.title_x0) <= _ALIGN
        and heading.rank_against(reference.heading) == 0
        and not _title_like(heading)
    )


def _numbered_layout(paras: list[Para], heads: dict[int, Heading], reference: _Reference) -> Layout:
    starts = _item_starts(paras, heads, reference)
    builder = _Builder(reference.style[0])
    numbered = [index for index in starts if heads[index].number is not None]
    for position, para in enumerate(paras):
        head = heads.get(para.index)
        if _interjection(para):
            following = paras[position + 1].index if position + 1 < len(paras) else None
            builder.interjection(following in starts)
            builder.item_of[para.index] = None
        elif para.index in starts:
            if starts[para.index]:
                builder.order_issue(head, starts[para.index])
            builder.start(head)
        elif head is not None and head.rank_against(reference.heading) > 0 and _closes_item(para.index, heads, numbered, reference):
            builder.close(head)
        else:
            builder.add(para)
    return builder.layout(paras)


def _item_starts(paras: list[Para], heads: dict[int, Heading], reference: _Reference) -> dict[int, Number | None]:
    """Paragraphs that start an item, each with the number it was printed out of order after (or None)."""
    starts: dict[int, Number | None] = {}
    previous: Number | None = None
    after_group = False
    typical = (reference.heading.bold, reference.heading.caps, round(reference.heading.size))
    for para in paras:
        head = heads.get(para.index)
        if head is None:
            continue
        if head.number is not None and _style_key(head.number) == reference.style:
            in_sequence = follows(previous, head.number) or (after_group and first_of_family(head.number))
            in_sequence = in_sequence or (previous is not None and first_of_family(head.number) and not previous.identifier)
            if in_sequence or (head.bold, head.caps, round(head.size)) == typical:
                starts[para.index] = None if in_sequence else previous
                previous, after_group = head.number, False
        elif head.number is None and _same_level(head, reference):
            starts[para.index] = None
        elif head.rank_against(reference.heading) > 0:
            after_group = True
    return starts


def _closes_item(index: int, heads: dict[int, Heading], numbered: list[int], reference: _Reference) -> bool:
    """Whether a heading that outranks the items is a group heading, closing the item before it.

    Minutes that mark items by identifiers ('(15-190)') set them as plain text, so any heading is a
    group ('CONSENT CALENDAR'). Where items are headings themselves, a group heading is followed by
    a numbering that starts again ('UNFINISHED BUSINESS' then '1.'), or by no more items; otherwise the
    heading is part of the item ('SUMMARY OF APPROVED RECOMMENDATIONS' inside minute 7).
    """
    if reference.heading.number is not None and reference.heading.number.identifier:
        return not heads[index].lead.strip()  # a run-in label with its text ('ACTION: Clerk to chase ...') is the item's own line
    after = [i for i in numbered if i > index]
    before = [i for i in numbered if i < index]
    if not after:
        return True
    following = heads[after[0]].number
    previous = heads[before[-1]].number if before else None
    assert following is not None
    return first_of_family(following) and (previous is None or not follows(previous, following))


# -- minutes without numbers ----------------------------------------------------------------


def _unnumbered_layout(paras: list[Para], heads: dict[int, Heading]) -> Layout:
    """Minutes that number nothing: the headings after the title block are the items, the most common
    heading style being the items' own."""
    candidates = _after_title_block(paras, heads)
    if not candidates:
        return _Builder("headings").layout(paras)
    ranks = Counter((h.size.__round__(), h.caps, h.bold) for h in candidates)
    typical = ranks.most_common(1)[0][0]
    example = next(h for h in candidates if (round(h.size), h.caps, h.bold) == typical)
    builder = _Builder("headings")
    chosen = {h.para.index for h in candidates}
    for para in paras:
        head = heads.get(para.index)
        if head is not None and para.index in chosen:
            rank = head.rank_against(example)
            if rank == 0:
                builder.start(head)
                continue
            if rank > 0:
                builder.close(head)
                continue
        builder.add(para)
    return builder.layout(paras)


def _after_title_block(paras: list[Para], heads: dict[int, Heading]) -> list[Heading]:
    """Headings after the first body paragraph, leaving out those that name the meeting (unless an '(Item N)'
    marker follows: 'Minutes of the meeting held on 30 July 2024' then '(Item 3)' is an item). A heading run into
    its text ('CALL TO ORDER: The regular meeting ...') is an item's, never the title block's."""
    seen_body = False
    out: list[Heading] = []
    for position, para in enumerate(paras):
        head = heads.get(para.index)
        if head is None:
            seen_body = True
            continue
        seen_body = seen_body or (head.title.endswith(":") and bool(head.lead.strip()))
        marked = _names_agenda_item(paras, position)
        # a one-word 'MINUTES' heading among items is the item that approves the last minutes, not a title
        lone_word = bool(out) and len(head.title.split()) == 1 and not find_date(head.title)
        if seen_body and (marked or lone_word or not _title_like(head)):
            out.append(head)
    return out


def _names_agenda_item(paras: list[Para], position: int) -> bool:
    """A heading that prints '(Item 3)' (after it or on the next line) is an item's, even one that reads like the
    meeting's title ('Minutes of the meeting held on 30 July 2024')."""
    if AGENDA_ITEM_RE.search(paras[position].text):
        return True
    following = paras[position + 1].text.strip() if position + 1 < len(paras) else ""
    return bool(AGENDA_ITEM_RE.fullmatch(following))


# -- building items ---------------------------------------------------------------------------


class _Builder:
    """Items in reading order, the paragraphs each holds, and the issues met on the way."""

    def __init__(self, convention: str) -> None:
        self.convention = convention
        self.items: list[Item] = []
        self.current: Item | None = None
        self.group: str | None = None
        self.item_of: dict[int, str | None] = {}
        self.header_end: int | None = None
        self.issues: list[LayoutIssue] = []
        self.resume: list[Item | None] = []

    def start(self, head: Heading) -> None:
        item = _item(head)
        item.ordinal = len(self.items) + 1
        item.group = self.group
        self.items.append(item)
        self.current = item
        self.item_of[head.para.index] = item.number or None
        if self.header_end is None:
            self.header_end = head.para.index

    def interjection(self, opens_item: bool) -> None:
        """'***' before an item taken up out of turn keeps the current item aside; the next '***' resumes it."""
        if self.resume:
            self.current = self.resume.pop()
        elif opens_item:
            self.resume.append(self.current)

    def close(self, head: Heading) -> None:
        """A group heading: the item before it ends here."""
        self.current = None
        self.group = head.title if self.items else None  # before the first item it is the document's title
        self.item_of[head.para.index] = None

    def add(self, para: Para) -> None:
        if SIGNATURE_RE.search(para.text):
            self.current = None  # the signatures close the minutes: what follows is no item's text
        if self.current is not None:
            self.current.body.append(para)
            if not self.current.agenda_item and len(self.current.body) == 1 and (ref := AGENDA_ITEM_RE.fullmatch(para.text.strip())):
                self._agenda_number(self.current, ref.group("num"))
        self.item_of[para.index] = self.current.number or None if self.current else None

    def order_issue(self, head: Heading, previous: Number | None) -> None:
        assert head.number is not None
        after = f" after {previous.printed}" if previous else ""
        self.issues.append(LayoutIssue(head.para.page, f"Minute {head.number.printed} is printed out of order{after} (kept as printed)."))

    @staticmethod
    def _agenda_number(item: Item, number: str) -> None:
        item.agenda_item = number
        if not item.number:
            item.number, item.number_source = number, "agenda_item"

    def layout(self, paras: list[Para]) -> Layout:
        first = self.header_end if self.header_end is not None else (paras[-1].index + 1 if paras else 0)
        header = [p for p in paras if p.index < first]
        for item in self.items:
            if not item.number and item.agenda_item:
                item.number, item.number_source = item.agenda_item, "agenda_item"
        item_of = {index: number for index, number in self.item_of.items()}
        for item in self.items:
            for para in item.paras:
                item_of[para.index] = item.number or None
        paragraphs = _numbered_paragraphs(self.items) if self.convention not in ("file", "resolution", "headings") else []
        return Layout(self.convention, header, self.items, paragraphs, item_of, self.issues)


def _item(head: Heading) -> Item:
    number = head.number
    title = head.title
    agenda = AGENDA_ITEM_RE.search(title) or AGENDA_ITEM_RE.search(head.lead)
    lead = head.lead
    if agenda and AGENDA_ITEM_RE.search(lead):
        lead = AGENDA_ITEM_RE.sub("", lead, count=1).strip()
    title = " ".join(AGENDA_ITEM_RE.sub("", title).split()).strip(" -–:")
    disposition = None
    if number is not None and number.identifier:
        found = DISPOSITION_RE.search(head.para.text[number.end :])
        disposition = found.group("d") if found else None
        if disposition:
            lead = DISPOSITION_RE.sub("", lead).strip()
    item = Item(
        number=number.value if number and number.identifier else (number.printed if number else ""),
        title=title.rstrip(".") if number is None else title,
        level=1,
        heading=head.para,
        agenda_item=agenda.group("num") if agenda else None,
        disposition=disposition,
        lead=lead,
        number_source="printed" if number else None,
        style=number.family if number else None,
    )
    if not item.number and item.agenda_item:
        item.number, item.number_source = item.agenda_item, "agenda_item"
    return item


def _numbered_paragraphs(items: list[Item]) -> list[Item]:
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
    margin = margin_note(para)
    if margin:
        text = text[len(margin) :].strip()  # '2026-03-044  6.2 Octroi du contrat ...'
    dotted = DOTTED_PARA_RE.match(text)
    key = item.number.rstrip(".)")
    if dotted and dotted.group("num").split(".")[0] == key:
        return Item(number=dotted.group("num"), title="", level=2, heading=para, parent=item.number, lead=dotted.group("text"))
    numbered = NUMBERED_PARA_RE.match(text)
    if (
        numbered
        and item.number.endswith(".")
        and not para.bold_prefix()
        and para.x0 >= item.heading.x0 + _INDENT_MIN
        and not DECISION_START_RE.match(text)
    ):
        return Item(number=numbered.group("num") + ".", title="", level=2, heading=para, parent=item.number, lead=numbered.group("text"))
    return None


def group_heading(text: str) -> bool:
    """An upper-case heading ('CONSENT CALENDAR') or a short bare title ('Adjournment') between items."""
    words = text.split()
    if not words or len(words) > 10 or re.search(r"\d", text):
        return False
    letters = re.sub(r"[^A-Za-z]", "", text)
    if letters.isupper() and len(letters) > 3:
        return True
    return len(words) <= 3 and text[:1].isupper() and not text.rstrip().endswith((".", ",", ":", ";"))
