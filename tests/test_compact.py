"""Records made smaller once built (`agendapack.models.compact`): shared fields-sets, same values, no leak between objects."""

from __future__ import annotations

from agendapack.models.compact import share_fields_sets
from agendapack.models.geometry import BBox, Provenance
from agendapack.models.tabular import TableCell
from agendapack.pipeline import parse
from conftest import SAMPLE_PACK


def _cell(n: int, heading: bool) -> TableCell:
    values = {"heading": "Title"} if heading else {}
    return TableCell(
        record_id=f"t-r{n}c0", table_id="t", section_id=None, row=n, col=0, row_span=1, col_span=1, text=str(n), is_header=False,
        provenance=[Provenance(page=1, bbox=BBox(x0=0, top=n, x1=10, bottom=n + 1))], **values,
    )


def test_complete_and_frozen_models_share_one_set_and_keep_their_values() -> None:
    cells = [_cell(n, heading=True) for n in range(3)]
    dumped = [cell.model_dump_json() for cell in cells]
    share_fields_sets(cells)
    assert len({id(cell.__pydantic_fields_set__) for cell in cells}) == 1  # every field given: one set for all
    assert len({id(cell.provenance[0].__pydantic_fields_set__) for cell in cells}) == 1  # frozen: shared although defaults were used
    assert [cell.model_dump_json() for cell in cells] == dumped


def test_a_model_with_unset_fields_keeps_its_own_set_so_an_assignment_cannot_reach_another() -> None:
    cells = [_cell(n, heading=False) for n in range(2)]  # `heading` left to its default
    share_fields_sets(cells)
    cells[0].heading = "Set later"
    assert "heading" in cells[0].model_fields_set
    assert "heading" not in cells[1].model_fields_set


def test_a_parsed_document_holds_shared_sets_for_its_blocks() -> None:
    doc = parse(SAMPLE_PACK)
    shared = {id(block.__pydantic_fields_set__) for block in doc.blocks}
    assert len(doc.blocks) > 100 and len(shared) <= 3  # one per combination of fields given, not one per block
    cells = doc.records.table_cells
    assert cells and len({id(cell.__pydantic_fields_set__) for cell in cells}) == 1


def test_a_line_of_one_span_shares_the_spans_box_and_other_lines_keep_their_own() -> None:
    from agendapack.stages.load import load_pack

    lines = [line for page in load_pack(SAMPLE_PACK, ocr="never").pages for line in page.lines]
    single = [line for line in lines if len(line.spans) == 1]
    assert single and all(line.bbox is line.spans[0].bbox for line in single if line.bbox == line.spans[0].bbox)
    several = [line for line in lines if len(line.spans) > 1]
    assert several and all(line.bbox is not span.bbox for line in several for span in line.spans)
    assert sum(line.bbox is line.spans[0].bbox for line in single) > 0.9 * len(single)  # what saves the memory
