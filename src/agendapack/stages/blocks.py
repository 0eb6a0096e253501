"""Blocks: cleaned lines joined into paragraph-sized text blocks, each in its section."""

from __future__ import annotations

import statistics
from itertools import groupby

from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.document import BlockRole, Section, TextBlock
from agendapack.models.geometry import union_all
from agendapack.models.source import TextLine

_HEADING_MAX_CHARS = 120
# Text this much larger than the body is a heading (blocks) or a page-opening title (segment).
HEADING_SIZE_FACTOR = 1.15
_LINE_GAP_FACTOR = 0.9


def build_blocks(pack: CleanPack, sections: list[Section]) -> list[TextBlock]:
    """Every content line of every page, grouped into blocks in the page's drawing order."""
    body_size = body_font_size(pack.pages)
    on_page = sections_by_page(sections)
    blocks: list[TextBlock] = []
    for page in pack.pages:
        for index, group in enumerate(_page_groups(page)):
            owner = innermost_section_at(on_page.get(page.page, []), page.page, group[0].bbox.top)
            blocks.append(_block(page, index, group, owner, body_size))
    return blocks


def sections_by_page(sections: list[Section]) -> dict[int, list[Section]]:
    """The sections holding each page, outermost first (later siblings after earlier ones)."""
    out: dict[int, list[Section]] = {}
    for section in sections:
        for page in section.pages:
            out.setdefault(page, []).append(section)
    for held in out.values():
        held.sort(key=lambda s: s.level)
    return out


def innermost_section_at(held: list[Section], page: int, top: float) -> str | None:
    """The deepest section whose range holds a line at this height of the page (a section that starts
    part-way down a page owns what is below its start, the one before it what is above)."""
    owner = None
    for section in held:
        if section.holds(page, top):
            owner = section.section_id
    return owner


def innermost_section_by_page(sections: list[Section]) -> dict[int, str]:
    """The deepest section holding each page (later siblings win a shared page)."""
    owner: dict[int, tuple[int, str]] = {}
    for section in sections:
        for page in section.pages:
            if page not in owner or section.level >= owner[page][0]:
                owner[page] = (section.level, section.section_id)
    return {page: section_id for page, (_, section_id) in owner.items()}


def body_font_size(pages: list[CleanPage]) -> float:
    """The median line size over the pack: the body text's size."""
    sizes = [round(line.size, 1) for page in pages for line in page.lines]
    return statistics.median(sizes) if sizes else 10.0


def _page_groups(page: CleanPage) -> list[list[TextLine]]:
    """PyMuPDF's blocks, split again where a line is far below the previous one or starts a bullet."""
    groups: list[list[TextLine]] = []
    for _, lines in groupby(page.lines, key=lambda line: line.block_no):
        current: list[TextLine] = []
        for line in lines:
            if current and _starts_new_block(current[-1], line):
                groups.append(current)
                current = []
            current.append(line)
        if current:
            groups.append(current)
    return groups


def _starts_new_block(previous: TextLine, line: TextLine) -> bool:
    gap = line.bbox.top - previous.bbox.bottom
    return line.bulleted or gap > max(previous.bbox.height, 1.0) * _LINE_GAP_FACTOR or line.bold != previous.bold


def _block(page: CleanPage, index: int, lines: list[TextLine], section_id: str | None, body_size: float) -> TextBlock:
    text = join_lines(lines)
    size = max(line.size for line in lines)
    bbox = union_all([line.bbox for line in lines])
    assert bbox is not None
    return TextBlock(
        block_id=f"p{page.page:04d}-b{index:03d}",
        section_id=section_id,
        page=page.page,
        bbox=bbox,
        role=_role(lines, text, size, body_size),
        text=text,
        font_size=round(size, 2),
    )


def _role(lines: list[TextLine], text: str, size: float, body_size: float) -> BlockRole:
    if lines[0].bulleted:
        return BlockRole.LIST_ITEM
    short = len(text) <= _HEADING_MAX_CHARS
    if short and (all(line.bold for line in lines) or size >= body_size * HEADING_SIZE_FACTOR):
        return BlockRole.HEADING
    return BlockRole.PARAGRAPH


def join_lines(lines: list[TextLine]) -> str:
    """Lines joined with spaces; a line ending in a hyphen before a lower-case word joins without one."""
    out = ""
    for line in lines:
        text = " ".join(line.text.split())
        if not text:
            continue
        if out.endswith("-") and text[:1].islower():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out
