"""The review page's left column: what the pack is, the layer legend, the section tree, the issues."""

from __future__ import annotations

from html import escape

from agendapack.models.document import PackDocument, Section
from agendapack.review.collect import Layer


def sidebar_html(doc: PackDocument, layers: list[Layer]) -> str:
    return "\n".join(
        [
            '<aside id="sidebar">',
            _pack_header(doc),
            _legend(layers),
            _section_tree(doc),
            _issue_list(doc),
            "</aside>",
        ]
    )


def _pack_header(doc: PackDocument) -> str:
    source = doc.source
    facts = [
        f'<span class="status status-{escape(doc.status.value)}">{escape(doc.status.value)}</span>',
        f"{source.page_count} pages",
        f"{len(doc.sections)} sections",
        f"profile {escape(doc.profile)}",
    ]
    return (
        '<header id="pack">'
        f'<h1 title="{escape(source.file_name)}">{escape(source.file_name)}</h1>'
        f'<p class="pack-id">{escape(doc.pack_id)}</p>'
        f'<p class="facts">{" · ".join(facts)}</p>'
        f'<p class="producer">{escape(doc.producer)}</p>'
        "</header>"
    )


def _legend(layers: list[Layer]) -> str:
    rows = []
    for layer in layers:
        name = escape(layer.name)
        rows.append(
            f'<li><label><input type="checkbox" checked data-layer="{name}"> '
            f'<span class="swatch" data-layer="{name}"></span> {escape(layer.label)} '
            f'<span class="count">{len(layer.entries)}</span></label></li>'
        )
    hint = '<p class="hint">Hover a box to see its record; click to pin it. Click again on the same spot for the next box under it.</p>'
    return f'<section id="legend"><h2>Record types</h2><ul>{"".join(rows)}</ul>{hint}</section>'


def _section_tree(doc: PackDocument) -> str:
    children: dict[str | None, list[Section]] = {}
    known = {s.section_id for s in doc.sections}
    for section in doc.sections:
        parent = section.parent_id if section.parent_id in known else None
        children.setdefault(parent, []).append(section)
    body = _section_list(children, None) if doc.sections else '<p class="none">No sections.</p>'
    return f'<nav id="sections"><h2>Sections</h2>{body}</nav>'


def _section_list(children: dict[str | None, list[Section]], parent: str | None) -> str:
    items = []
    for section in children.get(parent, []):
        nested = _section_list(children, section.section_id) if section.section_id in children else ""
        items.append(f"<li>{_section_link(section)}{nested}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _section_link(s: Section) -> str:
    item = f'<span class="item-no">{escape(s.item_number)}</span> ' if s.item_number else ""
    pages = f"p. {s.page_start}" if s.page_start == s.page_end else f"pp. {s.page_start}–{s.page_end}"
    return (
        f'<a class="section-link" href="#page-{s.page_start}" data-page="{s.page_start}" data-rec="sections:{escape(s.section_id)}">'
        f'<span class="sid">{escape(s.section_id)}</span> {item}<span class="title">{escape(s.title)}</span> '
        f'<span class="kind kind-{escape(s.kind.value)}">{escape(s.kind.value)}</span> <span class="range">{pages}</span></a>'
    )


def _issue_list(doc: PackDocument) -> str:
    if not doc.issues:
        return '<section id="issues"><h2>Issues (0)</h2><p class="none">No issues.</p></section>'
    items = []
    for number, issue in enumerate(doc.issues, start=1):
        where = (
            f'<a class="issue-page" href="#page-{issue.page}" data-page="{issue.page}">page {issue.page}</a>'
            if issue.page
            else '<span class="issue-page">whole pack</span>'
        )
        items.append(
            f'<li class="issue sev-{escape(issue.severity.value)}" data-issue="{number}" data-page="{issue.page or ""}">'
            f'<span class="sev">{escape(issue.severity.value)}</span> <code>{escape(issue.code.value)}</code> '
            f'<span class="stage">{escape(issue.stage.value)}</span> {where}'
            f'<div class="message">{escape(issue.message)}</div></li>'
        )
    return f'<section id="issues"><h2>Issues ({len(doc.issues)})</h2><ol>{"".join(items)}</ol></section>'
