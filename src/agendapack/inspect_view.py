"""A rich tree of what was read from a pack, for `agendapack inspect`."""

from __future__ import annotations

from collections import defaultdict

from rich.table import Table
from rich.tree import Tree

from agendapack.models.document import PackDocument, Section
from agendapack.review.collect import Entry, Layer, collect_layers
from agendapack.review.tables_view import TableGrid, grid_matrix, is_covered, table_grids
from agendapack.terminal import plain

# Records listed one per line under their type before the rest are only counted (`--page` shows all on a page).
RECORDS_LISTED_PER_TYPE = 12
TABLE_ROWS_SHOWN = 25
# Layers that are summarised by count: they are many, and the sections tree and page view cover them.
_COUNTED_ONLY = ("sections", "blocks")


def render_tree(doc: PackDocument) -> Tree:
    facts = f"status=[bold]{doc.status.value}[/] pages={doc.source.page_count} profile={doc.profile}"
    root = Tree(f"[bold]{plain(doc.source.file_name)}[/] [dim]{doc.pack_id}[/] {facts}")
    _outline(root.add("[bold]Outline[/]"), doc)
    _sections(root.add("[bold]Sections[/]"), doc)
    _furniture(root.add("[bold]Page furniture[/]"), doc)
    layers = collect_layers(doc)
    _records(root.add("[bold]Records[/] [dim](type, id, page, box in points: (x0, top)-(x1, bottom))[/]"), layers)
    _tables(root, table_grids(layers))
    _issues(root.add(f"[bold]Issues[/] ({len(doc.issues)})"), doc)
    return root


def render_page(doc: PackDocument, page: int) -> Tree:
    """Everything drawn on one page of the review page, as text: each record's box, its tables, its issues."""
    record = next((p for p in doc.pages if p.page == page), None)
    if record is None:
        return Tree(f"[red]No page {page}[/]: the pack has {len(doc.pages)} pages")
    flags = [name for name, on in (("blank", record.is_blank), ("needs OCR", record.needs_ocr), ("landscape", record.landscape)) if on]
    label = plain(repr(record.printed_label))
    root = Tree(f"[bold]Page {page}[/] of {plain(doc.source.file_name)} printed={label} section={record.section_id} {' '.join(flags)}")
    layers = collect_layers(doc)
    boxes = root.add("[bold]Boxes[/] [dim](top to bottom)[/]")
    for entry, box in sorted(_placed_on(layers, page), key=lambda pair: _reading_order(pair[1])):
        boxes.add(_entry_line(entry, page, box))
    _tables(root, [grid for grid in table_grids(layers) if grid.page == page])
    issues = [issue for issue in doc.issues if issue.page == page]
    _issues(root.add(f"[bold]Issues[/] ({len(issues)})"), doc.model_copy(update={"issues": issues}))
    return root


def _placed_on(layers: list[Layer], page: int) -> list[tuple[Entry, str]]:
    return [(entry, _box_text(placement.bbox)) for layer in layers for entry in layer.entries for placement in entry.placements if placement.page == page]


def _reading_order(box: str) -> tuple[float, float]:
    """'(57, 412)-(380, 444)' -> (412, 57); no box sorts last."""
    if not box.startswith("("):
        return (float("inf"), 0.0)
    x0, top = box[1:].split(")")[0].split(", ")
    return (float(top), float(x0))


def _records(node: Tree, layers: list[Layer]) -> None:
    for layer in layers:
        pages = sorted({page for entry in layer.entries for page in entry.pages})
        branch = node.add(f"[bold]{plain(layer.name)}[/]: {len(layer.entries)} on pages {_ranges(pages) or 'none'}")
        if layer.name in _COUNTED_ONLY:
            continue
        for entry in layer.entries[:RECORDS_LISTED_PER_TYPE]:
            first = entry.placements[0] if entry.placements else None
            branch.add(_entry_line(entry, first.page if first else None, _box_text(first.bbox) if first else "no page"))
        if len(layer.entries) > RECORDS_LISTED_PER_TYPE:
            branch.add(f"[dim]... {len(layer.entries) - RECORDS_LISTED_PER_TYPE} more (inspect --page N lists every box on a page)[/]")


def _entry_line(entry: Entry, page: int | None, box: str) -> str:
    kind = f" [cyan]{plain(entry.kind)}[/]" if entry.kind else ""
    where = f"p.{page} " if page is not None else ""
    return f"[bold]{plain(entry.layer)}[/] {plain(entry.record_id)}{kind} [dim]{where}{box}[/] {plain(entry.summary)}"


def _box_text(bbox: object) -> str:
    if bbox is None:
        return "no box"
    return f"({bbox.x0:.0f}, {bbox.top:.0f})-({bbox.x1:.0f}, {bbox.bottom:.0f})"  # type: ignore[attr-defined]


def _tables(node: Tree, grids: list[TableGrid]) -> None:
    if not grids:
        return
    branch = node.add(f"[bold]Tables[/] ({len(grids)})")
    for grid in grids:
        rows, cols = grid.shape
        caption = f"{grid.entry.record_id}: page {grid.page}, {rows} x {cols}"
        table = Table(title=plain(caption), show_header=False, show_lines=True)
        for _ in range(cols):
            table.add_column(overflow="fold", max_width=24)
        for row in grid_matrix(grid)[:TABLE_ROWS_SHOWN]:
            table.add_row(*[plain(cell.text) if cell is not None and not is_covered(cell) else "" for cell in row])
        branch.add(table)
        if rows > TABLE_ROWS_SHOWN:
            branch.add(f"[dim]... {rows - TABLE_ROWS_SHOWN} more rows[/]")


def _outline(node: Tree, doc: PackDocument) -> None:
    if not doc.outline:
        node.add("[dim](none)[/]")
    for entry in doc.outline:
        node.add(f"{'  ' * (entry.level - 1)}{plain(entry.title)} [dim]-> page {entry.page}[/]")


def _sections(node: Tree, doc: PackDocument) -> None:
    nodes: dict[str, Tree] = {}
    for section in doc.sections:
        parent = nodes.get(section.parent_id or "", node)
        nodes[section.section_id] = parent.add(_section_label(section))


def _section_label(s: Section) -> str:
    item = f"[bold]{plain(s.item_number)}[/] " if s.item_number else ""
    return (f"{s.section_id} {item}{plain(s.title)} [cyan]{s.kind.value}[/] "
            f"[dim]pages {s.page_start}-{s.page_end} from {s.source.value}, kind {s.kind_confidence:.2f}[/]")


def _furniture(node: Tree, doc: PackDocument) -> None:
    pages_by_kind: dict[str, list[int]] = defaultdict(list)
    for item in doc.furniture:
        pages_by_kind[item.kind.value].append(item.page)
    for kind, pages in sorted(pages_by_kind.items()):
        node.add(f"{kind}: {len(pages)} on pages {_ranges(sorted(set(pages)))}")
    blank = [p.page for p in doc.pages if p.is_blank]
    node.add(f"blank pages: {_ranges(blank) or 'none'}")


def _issues(node: Tree, doc: PackDocument) -> None:
    for issue in doc.issues:
        where = f" page {issue.page}" if issue.page else ""
        node.add(f"[{'red' if issue.severity == 'error' else 'yellow'}]{issue.severity.value}[/] {issue.code.value}{where}: {plain(issue.message)}")


def _ranges(pages: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    parts: list[str] = []
    for page in pages:
        if parts and page == int(parts[-1].split("-")[-1]) + 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{page}"
        else:
            parts.append(str(page))
    return ", ".join(parts)
