"""A rich tree of what was read from a pack, for `agendapack inspect`."""

from __future__ import annotations

from collections import defaultdict

from rich.markup import escape
from rich.tree import Tree

from agendapack.models.document import PackDocument, Section


def render_tree(doc: PackDocument) -> Tree:
    root = Tree(f"[bold]{escape(doc.source.file_name)}[/] [dim]{doc.pack_id}[/] status=[bold]{doc.status.value}[/] pages={doc.source.page_count} profile={doc.profile}")
    _outline(root.add("[bold]Outline[/]"), doc)
    _sections(root.add("[bold]Sections[/]"), doc)
    _furniture(root.add("[bold]Page furniture[/]"), doc)
    _issues(root.add(f"[bold]Issues[/] ({len(doc.issues)})"), doc)
    return root


def _outline(node: Tree, doc: PackDocument) -> None:
    if not doc.outline:
        node.add("[dim](none)[/]")
    for entry in doc.outline:
        node.add(f"{'  ' * (entry.level - 1)}{escape(entry.title)} [dim]-> page {entry.page}[/]")


def _sections(node: Tree, doc: PackDocument) -> None:
    nodes: dict[str, Tree] = {}
    for section in doc.sections:
        parent = nodes.get(section.parent_id or "", node)
        nodes[section.section_id] = parent.add(_section_label(section))


def _section_label(s: Section) -> str:
    item = f"[bold]{escape(s.item_number)}[/] " if s.item_number else ""
    return (f"{s.section_id} {item}{escape(s.title)} [cyan]{s.kind.value}[/] "
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
        node.add(f"[{'red' if issue.severity == 'error' else 'yellow'}]{issue.severity.value}[/] {issue.code.value}{where}: {escape(issue.message)}")


def _ranges(pages: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    parts: list[str] = []
    for page in pages:
        if parts and page == int(parts[-1].split("-")[-1]) + 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{page}"
        else:
            parts.append(str(page))
    return ", ".join(parts)
