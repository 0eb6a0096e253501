"""Assembles the review page: one self-contained HTML file (images, styles, script and data inline)."""

from __future__ import annotations

import json
from collections import defaultdict
from html import escape
from importlib import resources
from pathlib import Path

from agendapack.models.document import PackDocument
from agendapack.output.atomic import atomic_write_bytes
from agendapack.review.collect import Entry, Layer, collect_layers
from agendapack.review.images import DEFAULT_DPI, PageImage, render_pages
from agendapack.review.pages_html import DrawnBox, pages_html, place_boxes
from agendapack.review.palette import fill_colour, layer_colour
from agendapack.review.sidebar import sidebar_html
from agendapack.review.tables_view import table_grids

# The whole file's target size: a 100-page pack must stay under 25 MB, and a margin is kept.
TARGET_BYTES = 24_000_000


def build_review_html(pdf: Path, doc: PackDocument, *, dpi: int = DEFAULT_DPI) -> str:
    """The review page of `doc`, read from `pdf`, as one HTML string.

    The page is built once without images to measure what the boxes and records take; the
    images share what is left of `TARGET_BYTES`, so a pack dense with records gets smaller
    images rather than a file over the limit.
    """
    layers = collect_layers(doc)
    boxes = place_boxes(doc, layers)
    without_images = len(page_html(doc, layers, boxes, {}).encode("utf-8"))
    budget = max(TARGET_BYTES - without_images, 0)
    images = {image.page: image for image in render_pages(pdf, [p.page for p in doc.pages], dpi, budget)}
    return page_html(doc, layers, boxes, images)


def write_review(pdf: Path, out: Path, doc: PackDocument, *, dpi: int = DEFAULT_DPI) -> Path:
    """Write the review page of `doc` to `out` (atomically) and return `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(out, build_review_html(pdf, doc, dpi=dpi).encode("utf-8"))
    return out


def page_html(doc: PackDocument, layers: list[Layer], boxes: dict[int, list[DrawnBox]], images: dict[int, PageImage]) -> str:
    unboxed = _records_without_boxes(layers)
    data = _review_data(doc, layers, boxes)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>Review: {escape(doc.source.file_name)}</title>",
            f"<style>{_asset('review.css')}\n{_layer_css(layers)}</style>",
            '<style id="layer-visibility"></style>',
            "</head><body>",
            sidebar_html(doc, layers),
            pages_html(doc, boxes, images, table_grids(layers), unboxed),
            _details_panel(),
            '<div id="tooltip" role="tooltip" hidden></div>',
            f'<script type="application/json" id="review-data">{_json_for_script(data)}</script>',
            f"<script>{_asset('review.js')}</script>",
            "</body></html>",
            "",
        ]
    )


def _asset(name: str) -> str:
    return resources.files("agendapack.review").joinpath("assets", name).read_text(encoding="utf-8")


def _layer_css(layers: list[Layer]) -> str:
    rules = []
    for layer in layers:
        colour = layer_colour(layer.name)
        selector = f'[data-layer="{layer.name}"]'
        rules.append(f"{selector}{{--c:{colour};--f:{fill_colour(colour, 0.07)};--fs:{fill_colour(colour, 0.28)}}}")
    return "\n".join(rules)


def _details_panel() -> str:
    return (
        '<aside id="details"><h2>Selected record</h2>'
        '<p id="detail-empty">Nothing selected: hover a box to preview a record, click to pin it here.</p>'
        '<div id="detail" hidden><p id="detail-type"></p><p id="detail-record"></p><p id="detail-page"></p>'
        '<table id="detail-fields"></table></div></aside>'
    )


def _records_without_boxes(layers: list[Layer]) -> dict[int, list[Entry]]:
    """Records that name a page but give no box there: listed beside the page so none is lost."""
    out: dict[int, list[Entry]] = defaultdict(list)
    for layer in layers:
        for entry in layer.entries:
            for page in sorted({p.page for p in entry.placements if p.bbox is None}):
                out[page].append(entry)
    return out


def _review_data(doc: PackDocument, layers: list[Layer], boxes: dict[int, list[DrawnBox]]) -> dict:
    """What the script shows on hover and click: every record's fields, keyed like the boxes' data-rec."""
    box_ids: dict[str, list[str]] = defaultdict(list)
    for page in sorted(boxes):
        for box in sorted(boxes[page], key=lambda b: int(b.box_id[1:])):
            box_ids[box.entry.key].append(box.box_id)
    records: dict[str, dict] = {}
    for layer in layers:
        for entry in layer.entries:
            records[entry.key] = {
                "layer": entry.layer,
                "label": layer.label,
                "id": entry.record_id,
                "kind": entry.kind,
                "summary": entry.summary,
                "pages": entry.pages,
                "boxes": box_ids.get(entry.key, []),
                "parent": entry.parent_key,
                "fields": entry.fields,
            }
    for page in doc.pages:
        records[f"page:{page.page}"] = {"layer": "page", "label": "Page", "id": f"page {page.page}", "kind": None, "summary": "",
                                         "pages": [page.page], "boxes": [], "parent": None, "fields": page.model_dump(mode="json")}
    return {"pack_id": doc.pack_id, "records": records}


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> element early, whatever text the records hold."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
