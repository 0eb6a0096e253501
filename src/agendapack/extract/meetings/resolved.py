"""Decision blocks: a decision word or label and the body it introduces, split into its printed parts.

'RESOLVED that Cabinet note the report', 'It was APPROVED that; That the Committee ...: 1. Noted
... 2. Approved ...', '(d) Decision taken  The Policy Committee: 1. Initiated ...', 'De raad besluit
unaniem: 1. ... 2. ...'. The words that open a block, lead into its parts or end it are convention
data (`[decisions] block_intro`, `decision_label`, `lead_in`, `rejected`, `notice_field`).

A block ends where its parts end: at an item heading, another decision, a paragraph that is not a
part, or a line saying the recommendations after it were not adopted ('Recommendation 3 was not
approved:'), whose parts are then skipped: a rejected recommendation is not part of the decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from agendapack.extract.meetings import decision_cues as cue
from agendapack.extract.meetings.decision_cues import DecisionCue
from agendapack.extract.meetings.items import DOTTED_PARA_RE
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.text import squash

PART_RE = re.compile(r"^(?:\((?P<a>[a-zA-Z]|[ivx]{1,4}|\d{1,2})\)|(?P<b>\d{1,2}[a-z]?|[a-zA-Z]|[ivx]{1,4})[.)])\s+(?P<text>\S.*)$", re.S)
MARKER_RE = re.compile(r"^(?P<marker>\(?(?:\d{1,2}[a-z]?|[a-z]|[ivx]{1,4})[.)])\s+")
BULLET_RE = re.compile(r"^[•●▪◦·‣∙○■□➢►–-]\s*(?=\S)")
_SENTENCE_BREAK_RE = re.compile(r"[.;:!?][\"'’”)]*\s+")
_OPEN_END_RE = re.compile(r"(?:[:;–—-]|\bthat)\s*$", re.I)
_LABEL_BEFORE_RE = re.compile(r"(?-i:\b[A-Z]{3,})\s*:\s*$")
_COMPLETE_RE = re.compile(r"[.!?][\"'’”)\]]*\s*$")  # a decision that ends with its full stop ('... signed by the Chair. (Proposed ...)')
_ENGLISH_WORDS = {"resolved", "agreed", "approved", "decided"}
_HEADING_MAX = 100
_MAX_PART_GAP = 2
_SUBHEADING_MAX = 40
_LEAD_IN_MAX = 160
_SAME_INDENT = 3.0


@dataclass
class Part:
    label: str | None
    text: str
    para: Para
    dotted: bool = False


@dataclass
class Block:
    """A decision block as read: its intro, the text after the intro, its lead-in lines and parts."""

    wording: str
    intro: Para
    rest: str
    evidence: str
    marker: str | None = None
    qualifier: str | None = None
    mover: str | None = None  # 'It was proposed by Cllr X, seconded by Cllr Y and RESOLVED'
    seconder: str | None = None
    parts: list[Part] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    skipped: list[Para] = field(default_factory=list)  # rejected recommendations printed after it
    end: int = 0  # position after the block's last paragraph

    @property
    def paras(self) -> list[Para]:
        out = [self.intro]
        for part in self.parts:
            if all(p is not part.para for p in out):
                out.append(part.para)
        return out


@dataclass(frozen=True)
class Intro:
    """Where a decision word opens a block inside a paragraph."""

    start: int
    end: int
    wording: str
    marker: str | None
    qualifier: str | None
    cue: DecisionCue
    mover: str | None = None
    seconder: str | None = None
    upper: bool = False  # the word is printed in capitals ('RESOLVED', not 'Agreed')


def find_intro(text: str, also_at: Iterable[int] = ()) -> Intro | None:
    """The first block intro at the start of the paragraph (after a marker such as '5)'), of a sentence in it, or at
    `also_at` (where a run-in heading or a printed row ends: '26/017 Minutes of the previous meeting It was proposed ...')."""
    starts = _sentence_starts(text)
    for start in also_at:
        starts.setdefault(start, None)
    for found_cue, match in cue.all_matches(cue.BLOCK_INTRO, text):
        if match.start() not in starts or _LABEL_BEFORE_RE.search(text[: match.start()]):
            continue  # 'RESULT: APPROVED [UNANIMOUS]' is a vote's result, not a decision block
        word = " ".join(match.group("word").split())
        wording = word.upper() if word.isupper() or word.lower() in _ENGLISH_WORDS else word.lower()
        groups = match.groupdict()
        qualifier = (groups.get("qualifier") or "").strip() or None
        mover, seconder = (cue.strip_title(groups[g]) if groups.get(g) else None for g in ("mover", "seconder"))
        return Intro(match.start(), match.end(), wording, starts[match.start()], qualifier, found_cue, mover, seconder, word.isupper())
    return None


def _sentence_starts(text: str) -> dict[int, str | None]:
    """Offsets where a sentence starts, mapped to the list marker before it at the paragraph start ('5)')."""
    starts: dict[int, str | None] = {0: None}
    marker = MARKER_RE.match(text)
    if marker:
        starts[marker.end()] = marker.group("marker")
    for match in _SENTENCE_BREAK_RE.finditer(text):
        starts.setdefault(match.end(), None)
    return starts


def intro_rest(text: str, intro: Intro) -> str:
    """The text after the decision word, without the separator ('RESOLVED – that ...' -> 'that ...')."""
    rest = text[intro.end :]
    return squash(re.sub(r"^\s*[:;,]\s*", "", rest))


def is_lead_in(text: str) -> bool:
    return len(text) <= _LEAD_IN_MAX and cue.first(cue.LEAD_IN, text, at_start=True) is not None


def is_rejection(text: str) -> bool:
    return cue.first(cue.REJECTED, text, at_start=True) is not None


def read_block(block: Block, paras: list[Para], position: int, stop: Callable[[int], bool], notice: bool = False) -> Block:
    """Read the block's parts from `position` on; `stop(position)` says where another structure starts."""
    if _OPEN_END_RE.search(block.rest) and block.rest:
        block.preamble.append(block.rest)  # 'RESOLVED that:' / 'RESOLVED that Council:' -> its parts follow
        block.rest = ""
    rejected = False
    while position < len(paras):
        para = paras[position]
        text = para.text
        if stop(position) or (notice and cue.first(cue.NOTICE_FIELD, text, at_start=True)):
            break
        if is_rejection(text):
            rejected = True
            block.skipped.append(para)
            position += 1
            continue
        if rejected:
            if PART_RE.match(text) or DOTTED_PARA_RE.match(text) or para.bulleted:
                block.skipped.append(para)
                position += 1
                continue
            break
        if not _take(block, para):
            break
        position += 1
    block.end = position
    _lead_in_to_preamble(block)
    return block


def _take(block: Block, para: Para) -> bool:
    """Add the paragraph to the block if it is one of its parts or lead-in lines."""
    text = para.text
    part = PART_RE.match(text)
    dotted = DOTTED_PARA_RE.match(text)
    bullet = BULLET_RE.match(text)
    if block.rest and _COMPLETE_RE.search(block.rest) and not block.parts:
        return False  # 'RESOLVED that the report be noted.': complete; what follows is the next paragraph of the minutes
    marker = block.marker or _leading_marker(block.intro.text)
    if (part or dotted) and _continues_marker(marker, part):
        return False  # '3) RESOLVED that ...' then '4) Mr X proposed ...', 'a) ... RESOLVED ...' then 'b) ...': the item's own list
    if dotted and (not block.parts or block.parts[-1].dotted):
        block.parts.append(Part(dotted.group("num"), squash(dotted.group("text")), para, dotted=True))
    elif part and not dotted:
        label = part.group("a") or part.group("b")
        if not _follows(block.parts, label):
            return False  # '1.', '2.', '3.' then '10. Voorstel ...': the next item's number, not a part
        block.parts.extend(_run_on_parts(label, squash(part.group("text")), para))
    elif para.bulleted or bullet:
        block.parts.append(Part(None, squash(text[bullet.end() :] if bullet else text), para))
    elif text.rstrip().endswith((":", ";")) and len(text) <= (_LEAD_IN_MAX if not block.parts else _SUBHEADING_MAX):
        if not block.parts:
            block.preamble.append(squash(text))  # 'That the Committee for Transport and Connectivity:'
        # after parts: a sub-heading such as 'Contractual:' inside the block
    elif not block.parts and not block.rest:
        block.parts.append(Part(None, squash(text), para))
    elif block.parts and block.parts[-1].label is None and (text.startswith(("That ", "THAT ")) or _listed_after_colon(block, para)):
        block.parts.append(Part(None, squash(text), para))
    else:
        return False
    return True


def _next_label(label: str | None) -> str | None:
    if label is None:
        return None
    if label.isdigit():
        return str(int(label) + 1)
    if len(label) == 1 and label.isalpha() and label.lower() not in "zi":
        return chr(ord(label) + 1)
    return None


def _run_on_parts(label: str | None, text: str, para: Para) -> list[Part]:
    """A part whose next part was run into its paragraph ('... 28 days; and 3. note that ...', where the 'and' line
    joined the two): one part per printed label, split only after a ';' or ',' (and an optional 'and'/'or')."""
    parts: list[Part] = []
    while (following := _next_label(label)) is not None:
        found = re.search(rf"(?<=[;,])\s+(?:(?:and|or)\s+)?\(?{re.escape(following)}[.)]\s+(?=\S)", text)
        if found is None:
            break
        parts.append(Part(label, text[: found.start()].strip(), para))
        label, text = following, text[found.end() :].strip()
    parts.append(Part(label, text, para))
    return parts


def _follows(parts: list[Part], label: str) -> bool:
    """Whether a numbered label can follow the block's numbered parts (a gap of one is printed: '4.' then '6.')."""
    numbers = [int(p.label) for p in parts if p.label and p.label.isdigit()]
    if not label.isdigit() or not numbers:
        return True
    return numbers[-1] < int(label) <= numbers[-1] + _MAX_PART_GAP


def _leading_marker(text: str) -> str | None:
    found = MARKER_RE.match(text)
    return found.group("marker") if found else None


def _continues_marker(marker: str | None, part: re.Match[str] | None) -> bool:
    """Whether a numbered or lettered paragraph continues the list of the paragraph that held the intro ('3)' -> '4)', 'a)' -> 'b)')."""
    if marker is None or part is None:
        return False
    previous = marker.strip("().")
    label = part.group("a") or part.group("b") or ""
    same_style = marker.endswith(")") == part.group(0).lstrip().split()[0].endswith(")")
    if not same_style:
        return False
    if previous.isdigit() and label.isdigit():
        return int(label) == int(previous) + 1
    if len(previous) == 1 and len(label) == 1 and previous.isalpha() and label.isalpha():
        return ord(label.lower()) == ord(previous.lower()) + 1
    return False


def _listed_after_colon(block: Block, para: Para) -> bool:
    """'RESOLVED that:' then unmarked list entries at the first entry's indent."""
    if not block.preamble or not block.preamble[-1].rstrip().endswith(":"):
        return False
    first = block.parts[0].para
    return abs(para.x0 - first.x0) <= _SAME_INDENT and len(para.text) <= 600 and not cue.first(cue.MOTION, para.text)


def _lead_in_to_preamble(block: Block) -> None:
    """An unmarked first line followed by numbered parts is the lead-in ('That the Committee ...' then '1. Approved ...')."""
    parts = block.parts
    if len(parts) >= 2 and parts[0].label is None and parts[1].label is not None and len(parts[0].text) <= _LEAD_IN_MAX:
        block.preamble.append(parts[0].text)
        del parts[0]


# -- parts into decisions ------------------------------------------------------------------


@dataclass
class BlockPart:
    """One decision row of a block: its printed marker, text and paragraphs."""

    part: str | None
    text: str
    paras: list[Para]
    preamble: str | None


def block_rows(block: Block, marker_is_paragraph_number: bool) -> list[BlockPart]:
    """The block's rows: one per printed part, or one for a block without parts."""
    parts = _nest_letters(block.parts)
    if not parts:
        part = None if marker_is_paragraph_number else _clean_marker(block.marker)
        return [BlockPart(part, block.rest, [block.intro], None)]
    preamble = " ".join([block.rest, *block.preamble]).strip() or None
    if len(parts) == 1 and parts[0].dotted:
        parts[0].label = None
    rows = []
    for index, part in enumerate(parts):
        paras = [block.intro, part.para] if index == 0 and part.para is not block.intro else [part.para]
        rows.append(BlockPart(part.label, part.text, paras, preamble))
    return rows


def _clean_marker(marker: str | None) -> str | None:
    return marker.strip("().") if marker else None


def _nest_letters(parts: list[Part]) -> list[Part]:
    """'2. Residents Parking' then 'a.', 'b.' -> parts '2a', '2b' (the bare heading is dropped)."""
    out: list[Part] = []
    prefix: str | None = None
    for index, part in enumerate(parts):
        label = part.label or ""
        following = parts[index + 1].label if index + 1 < len(parts) else None
        if label.isdigit() and following and following.isalpha() and _heading_like(part.text):
            prefix = label
            continue
        if label.isdigit():
            prefix = None
        if prefix and label.isalpha() and len(label) == 1:
            part = Part(prefix + label, part.text, part.para, part.dotted)
        out.append(part)
    return out


def _heading_like(text: str) -> bool:
    return len(text) <= _HEADING_MAX and not text.rstrip().endswith(".")


def marker_numbers_paragraphs(marker: str | None, earlier: list[Para]) -> bool:
    """Whether '3)' before RESOLVED is the item's paragraph number: earlier paragraphs carry the same style of number."""
    if marker is None:
        return False
    style = marker[-1]
    pattern = re.compile(rf"^\(?\d{{1,2}}{re.escape(style)}\s")
    return any(pattern.match(p.text) for p in earlier)
