"""Decisions in UK minutes: RESOLVED / APPROVED blocks split into their numbered parts, and the
decisions of minutes that never say RESOLVED ('The minutes of the previous meeting were agreed',
'The Committee noted the report').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agendapack.extract.meetings.items import DOTTED_PARA_RE, NUMBERED_PARA_RE, Item
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.text import sentences, squash

INTRO_RE = re.compile(
    r"^(?:(?P<marker>\d{1,2}[a-z]?)[.)]\s+)?(?P<lead>It was\s+|The [\w&'’ -]{0,60}?\s)?(?P<word>RESOLVED|APPROVED|AGREED|Resolved(?=\s*[:–-]|\s+that\b))"
    r"\s*(?:[:;,–-]\s*)?(?P<rest>.*)$",
    re.S,
)
PART_RE = re.compile(r"^(?:\((?P<a>[a-zA-Z]|[ivx]{1,4}|\d{1,2})\)|(?P<b>\d{1,2}[a-z]?|[a-zA-Z]|[ivx]{1,4})[.)])\s+(?P<text>\S.*)$", re.S)
FALLBACK_RE = re.compile(
    r"^(?:The\s+)?(?:[\w&'’-]+\s+){0,6}?(?:Committee|Council|Cabinet|Board|Panel|Sub-Committee|Forum)\s+(?P<v1>noted|agreed|approved|endorsed|confirmed)\b"
    r"|^The minutes of the (?:previous|last) meeting (?:were|was) (?P<v2>agreed|approved|confirmed|signed)\b",
    re.I,
)
_HEADING_MAX = 100
_SUBHEADING_MAX = 40


@dataclass
class Decision:
    """One resolution part before it becomes a record."""

    item: str | None
    block: int
    wording: str
    text: str
    paras: list[Para]
    part: str | None = None
    preamble: str | None = None
    resolution_number: str | None = None
    moved_by: str | None = None
    seconded_by: str | None = None
    outcome: str | None = None
    record_id: str | None = None

    @property
    def first_para(self) -> int:
        return self.paras[0].index


@dataclass
class _Part:
    label: str | None
    text: str
    para: Para
    dotted: bool = False


@dataclass
class _Block:
    marker: str | None
    wording: str
    rest: str
    intro: Para
    parts: list[_Part] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)


def uk_decisions(items: list[Item], first_block: int = 1) -> list[Decision]:
    """Every decision block of every item, in order; items without one fall back to their wording."""
    decisions: list[Decision] = []
    block_no = first_block
    for item in items:
        found = _item_blocks(item)
        if not found:
            found = _fallback_block(item)
        for block in found:
            decisions.extend(_block_decisions(item, block, block_no, _numbered_before(item, block.intro)))
            block_no += 1
    return decisions


def _item_blocks(item: Item) -> list[_Block]:
    blocks: list[_Block] = []
    paras = item.body
    position = 0
    while position < len(paras):
        match = INTRO_RE.match(paras[position].text)
        if not match:
            position += 1
            continue
        block = _Block(match.group("marker"), match.group("word").upper(), squash(match.group("rest")), paras[position])
        position = _read_parts(block, paras, position + 1)
        blocks.append(block)
    return blocks


def _read_parts(block: _Block, paras: list[Para], position: int) -> int:
    """Consume the paragraphs that belong to the block; return where the block ends."""
    while position < len(paras):
        text = paras[position].text
        if INTRO_RE.match(text):
            break
        part = PART_RE.match(text)
        dotted = DOTTED_PARA_RE.match(text)
        if dotted and (not block.parts or block.parts[-1].dotted):
            block.parts.append(_Part(dotted.group("num"), squash(dotted.group("text")), paras[position], dotted=True))
        elif part and not dotted:
            block.parts.append(_Part(part.group("a") or part.group("b"), squash(part.group("text")), paras[position]))
        elif text.rstrip().endswith(":") and len(text) <= (160 if not block.parts else _SUBHEADING_MAX):
            if not block.parts:
                block.preamble.append(squash(text))  # 'That the Committee for Transport and Connectivity:'
            # after parts: a sub-heading such as 'Contractual:' inside the block
        elif not block.parts and not block.rest and not block.preamble:
            block.parts.append(_Part(None, squash(text), paras[position]))
        elif block.parts and block.parts[-1].label is None and text.startswith("That "):
            block.parts.append(_Part(None, squash(text), paras[position]))
        else:
            break
        position += 1
    return position


def _block_decisions(item: Item, block: _Block, block_no: int, numbered_before: bool) -> list[Decision]:
    parts = _nest_letters(block.parts)
    wording = block.wording
    if not parts:
        part = None if numbered_before else block.marker
        return [Decision(item.number, block_no, wording, block.rest, [block.intro], part=part)]
    preamble = " ".join([block.rest, *block.preamble]).strip() or None
    if len(parts) == 1 and parts[0].dotted:
        parts[0].label = None
    return [
        Decision(item.number, block_no, wording, p.text, [block.intro, p.para] if i == 0 else [p.para], part=p.label, preamble=preamble)
        for i, p in enumerate(parts)
    ]


def _nest_letters(parts: list[_Part]) -> list[_Part]:
    """'2. Residents Parking' then 'a.', 'b.' -> parts '2a', '2b' (the bare heading is dropped)."""
    out: list[_Part] = []
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
            part = _Part(prefix + label, part.text, part.para, part.dotted)
        out.append(part)
    return out


def _heading_like(text: str) -> bool:
    return len(text) <= _HEADING_MAX and not text.rstrip().endswith(".")


def _numbered_before(item: Item, intro: Para) -> bool:
    """Whether the item numbers its paragraphs ('1.', '2.' before '3. RESOLVED'): then the number is not a part."""
    return any(NUMBERED_PARA_RE.match(p.text) for p in item.body if p.index < intro.index)


def _fallback_block(item: Item) -> list[_Block]:
    """The last sentence saying what the body did ('The Committee noted the report.'), as a one-part block."""
    found: tuple[Para, str, str] | None = None
    for para in item.body:
        for sentence in sentences(para.text):
            match = FALLBACK_RE.match(sentence)
            if match:
                found = (para, (match.group("v1") or match.group("v2")).lower(), sentence)
    if found is None:
        return []
    para, verb, sentence = found
    return [_Block(None, verb, sentence, para)]
