"""Stitched tables into `Table` and `TableCell` records, with page provenance and a quality report."""

from __future__ import annotations

from agendapack.extract.tables.grid import RawTable, group_lines, text_of
from agendapack.extract.tables.primitives import Word
from agendapack.extract.tables.stitch import Stitched
from agendapack.extract.tables.values import table_unit
from agendapack.models.geometry import BBox, Provenance, TextSource, trusted
from agendapack.models.tabular import Table, TableCell, TableMethod, TableQuality


def table_records(stitched: Stitched, table_id: str, section_id: str | None) -> tuple[Table, list[TableCell]]:
    cells: list[TableCell] = []
    offset = 0
    for part, dropped in zip(stitched.parts, stitched.dropped_header_rows, strict=True):
        for cell in part.cells:
            if cell.row < dropped:
                continue
            row = offset + cell.row - dropped
            box = part.frame.page_bbox(cell.box)
            # Tens of thousands of cells a pack, every value built here with its type: no validation, and one
            # shared fields-set per class (`trusted`), which was a third of a cell's memory.
            cells.append(
                trusted(
                    TableCell,
                    record_id=f"{table_id}-r{row}c{cell.col}",
                    table_id=table_id,
                    section_id=section_id,
                    row=int(row),
                    col=int(cell.col),
                    row_span=int(cell.row_span),
                    col_span=int(cell.col_span),
                    text=str(cell.text),
                    heading=bold_heading(cell.words) if any(w.bold for w in cell.words) else None,
                    is_header=bool(cell.header and offset == 0),
                    provenance=[trusted(Provenance, page=int(part.page), bbox=box, text_source=TextSource.TEXT_LAYER, ocr_confidence=None)],
                )
            )
        offset += part.n_rows - dropped
    first = stitched.first
    header_texts = [c.text for c in cells if c.is_header]
    table = Table(
        record_id=table_id,
        section_id=section_id,
        pages=[p.page for p in stitched.parts],
        method=TableMethod(first.method.value),
        rotation=int(first.frame.orientation),
        n_rows=offset,
        n_cols=first.n_cols,
        header_rows=first.header_rows,
        repeated_header_rows=sum(stitched.dropped_header_rows),
        title=first.context[0] if first.context else None,
        context=first.context,
        unit=table_unit(first.context, header_texts),
        quality=quality(stitched.parts, cells, offset, first.n_cols),
        provenance=[Provenance(page=p.page, bbox=p.frame.page_bbox(p.box)) for p in stitched.parts],
    )
    return table, cells


def quality(parts: list[RawTable], cells: list[TableCell], n_rows: int, n_cols: int) -> TableQuality:
    area = n_rows * n_cols or 1
    filled = sum(c.row_span * c.col_span for c in cells if c.text.strip())
    in_box = sum(p.words_in_box for p in parts)
    in_cells = sum(p.words_in_cells for p in parts)
    return TableQuality(
        empty_cell_share=round(max(area - filled, 0) / area, 4),
        text_in_cells_share=round(in_cells / in_box, 4) if in_box else 1.0,
        split_words=sum(p.words_split for p in parts),
    )


def cell_box(cell: TableCell) -> BBox | None:
    return cell.provenance[0].bbox if cell.provenance else None


def bold_heading(words: list[Word]) -> str | None:
    """The leading bold lines of a cell whose text goes on in regular type, or None."""
    lines = group_lines(words)
    bold = 0
    for line in lines:
        if not all(w.bold for w in line):
            break
        bold += 1
    if bold == 0 or bold == len(lines):
        return None
    return text_of([w for line in lines[:bold] for w in line])
