"""The extraction context's blocks of one section: grouped once per pack, same blocks and order as filtering."""

from __future__ import annotations

from agendapack.extract.registry import ExtractionContext
from agendapack.pipeline import parse
from agendapack.stages.extract import blocks_by_section
from conftest import SAMPLE_PACK


def test_grouped_blocks_are_the_filtered_blocks_in_the_same_order() -> None:
    doc = parse(SAMPLE_PACK)
    blocks = tuple(doc.blocks)
    grouped = blocks_by_section(blocks)
    assert len(grouped) > 3
    for section in doc.sections:
        filtered = [b.block_id for b in blocks if b.section_id == section.section_id]
        indexed = ExtractionContext(pack_id=doc.pack_id, section=section, pages={}, blocks_by_section=grouped).own_blocks()
        assert [b.block_id for b in indexed] == filtered
    assert sum(len(group) for group in grouped.values()) == len(blocks)
