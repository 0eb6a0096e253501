"""Every record of a document with its boxes, gathered generically for the review page and `inspect`.

Record types are not listed here by name: the core lists (sections, blocks, furniture, blank
pages) come first, then every list field of `Records` in declaration order, so a record family
added to `Records` shows up without touching this module. A record is placed by its
`provenance` (page + box), or by `page` and `bbox` fields; a list field of located
sub-records (a table's `cells`) becomes a layer of its own, named `<layer>.<field>`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from agendapack.models.document import PackDocument
from agendapack.models.geometry import BBox

# Fields that name a record, tried in order; the first present wins.
_ID_FIELDS = ("record_id", "block_id", "section_id", "cell_id", "id")
# Fields that describe a record in one line, tried in order.
_SUMMARY_FIELDS = ("title", "text", "name", "label", "description", "line_item", "value", "message")
_SUMMARY_CHARS = 90
# Layers drawn under everything else and picked last when boxes overlap: they cover whole pages.
_BACKGROUND_LAYERS = {"sections": 3, "pages": 3, "blocks": 2}


@dataclass(frozen=True)
class Placement:
    """One box of a record on one page; `bbox` None means the record names the page but no box."""

    page: int
    bbox: BBox | None


@dataclass
class Entry:
    """One record as the review shows it."""

    layer: str
    record_id: str
    kind: str | None
    summary: str
    fields: dict[str, Any]
    placements: list[Placement]
    parent_key: str | None = None
    model: BaseModel | None = None

    @property
    def key(self) -> str:
        return f"{self.layer}:{self.record_id}"

    @property
    def pages(self) -> list[int]:
        return sorted({p.page for p in self.placements})


@dataclass
class Layer:
    """All records of one type, drawn in one colour."""

    name: str
    label: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def rank(self) -> int:
        """Lower ranks are picked first where boxes overlap (a cell before its table's block)."""
        return _BACKGROUND_LAYERS.get(self.name, 0 if "." in self.name else 1)


def collect_layers(doc: PackDocument) -> list[Layer]:
    """The document's records grouped in layers, core layers first, empty layers left out."""
    layers = [
        Layer("sections", "Sections", [_section_entry(s) for s in doc.sections]),
        Layer("blocks", "Text blocks", [_entry("blocks", b, i, default_page=b.page) for i, b in enumerate(doc.blocks)]),
        Layer("furniture", "Removed furniture", [_furniture_entry(f, i) for i, f in enumerate(doc.furniture)]),
        Layer("pages", "Blank pages", [_blank_page_entry(p) for p in doc.pages if p.is_blank]),
    ]
    for name in type(doc.records).model_fields:
        layers.extend(_record_layers(name, getattr(doc.records, name)))
    layers = [layer for layer in layers if layer.entries]
    _make_keys_unique(layers)
    return layers


def _make_keys_unique(layers: list[Layer]) -> None:
    """Two records of a layer sharing an id would share a box's details: number the repeats."""
    for layer in layers:
        seen: dict[str, int] = {}
        for entry in layer.entries:
            seen[entry.record_id] = seen.get(entry.record_id, 0) + 1
            if seen[entry.record_id] > 1:
                entry.record_id = f"{entry.record_id}~{seen[entry.record_id]}"


def layer_label(name: str) -> str:
    """'budget_lines' -> 'Budget lines'; 'tables.cells' -> 'Tables: cells'."""
    parts = [part.replace("_", " ") for part in name.split(".")]
    return ": ".join([parts[0].capitalize(), *parts[1:]])


def summary_of(fields: dict[str, Any]) -> str:
    """The first descriptive field of a record, on one line and shortened."""
    for name in _SUMMARY_FIELDS:
        value = fields.get(name)
        if isinstance(value, str | int | float) and str(value).strip():
            text = " ".join(str(value).split())
            return text if len(text) <= _SUMMARY_CHARS else text[: _SUMMARY_CHARS - 1] + "…"
    return ""


def _record_layers(name: str, value: object) -> Iterator[Layer]:
    """A `Records` field as a layer, plus one layer per list of located sub-records."""
    items = _as_models(value)
    if not items:
        return
    layer = Layer(name, layer_label(name))
    sublayers: dict[str, Layer] = {}
    for index, record in enumerate(items):
        entry = _entry(name, record, index)
        layer.entries.append(entry)
        for sub_name, sub_items in _located_sublists(record):
            sub_layer = sublayers.setdefault(sub_name, Layer(f"{name}.{sub_name}", layer_label(f"{name}.{sub_name}")))
            default_page = entry.placements[0].page if entry.placements else None
            for sub_index, sub in enumerate(sub_items):
                sub_entry = _entry(sub_layer.name, sub, sub_index, default_page=default_page, parent_id=entry.record_id)
                sub_entry.parent_key = entry.key
                sub_layer.entries.append(sub_entry)
    yield layer
    yield from sublayers.values()


def _as_models(value: object) -> list[BaseModel]:
    if isinstance(value, BaseModel):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, BaseModel)]
    return []


def _located_sublists(record: BaseModel) -> Iterator[tuple[str, list[BaseModel]]]:
    """List fields whose items carry their own boxes: drawn as a layer, not repeated in the parent's fields."""
    for name in type(record).model_fields:
        if name == "provenance":
            continue
        items = _as_models(getattr(record, name, None))
        if isinstance(getattr(record, name, None), list) and items and any(_has_geometry(item) for item in items):
            yield name, items


def _entry(layer: str, record: BaseModel, index: int, *, default_page: int | None = None, parent_id: str | None = None) -> Entry:
    fields = _display_fields(record)
    return Entry(
        layer=layer,
        record_id=_record_id(record, layer, index, parent_id),
        kind=_kind(record),
        summary=summary_of(fields),
        fields=fields,
        placements=_placements(record, default_page),
        model=record,
    )


def _record_id(record: BaseModel, layer: str, index: int, parent_id: str | None) -> str:
    for name in _ID_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str | int) and str(value):
            return str(value)
    row, col = _first_attr(record, ("row", "row_index")), _first_attr(record, ("col", "column", "col_index", "column_index"))
    prefix = parent_id or layer.split(".")[0]
    if isinstance(row, int) and isinstance(col, int):
        return f"{prefix}.r{row}c{col}"
    return f"{prefix}.{index + 1}"


def _first_attr(record: BaseModel, names: tuple[str, ...]) -> object:
    return next((getattr(record, n) for n in names if getattr(record, n, None) is not None), None)


def _kind(record: BaseModel) -> str | None:
    value = getattr(record, "kind", None) or getattr(record, "type", None)
    return str(getattr(value, "value", value)) if isinstance(value, str) else None


def _placements(record: BaseModel, default_page: int | None) -> list[Placement]:
    """Where a record sits: its provenance entries, else its page and box, else its box on the parent's page."""
    provenance = getattr(record, "provenance", None)
    if isinstance(provenance, BaseModel):
        provenance = [provenance]
    if isinstance(provenance, list) and provenance:
        return [Placement(p.page, _box_of(p)) for p in provenance if isinstance(getattr(p, "page", None), int)]
    own_page = getattr(record, "page", None)
    page = own_page if isinstance(own_page, int) else default_page
    box = _box_of(record)
    if page is None or (box is None and not isinstance(own_page, int)):
        return []
    return [Placement(page, box)]


def _has_geometry(record: BaseModel) -> bool:
    return bool(getattr(record, "provenance", None)) or _box_of(record) is not None


def _box_of(record: object) -> BBox | None:
    """A `bbox` field (a BBox, or four numbers), or x0/top/x1/bottom fields on the record itself."""
    box = getattr(record, "bbox", None)
    if isinstance(box, BBox):
        return box
    if isinstance(box, list | tuple) and len(box) == 4 and all(isinstance(v, int | float) for v in box):
        return BBox.from_tuple(box)
    edges = [getattr(box if box is not None else record, name, None) for name in ("x0", "top", "x1", "bottom")]
    if all(isinstance(v, int | float) for v in edges):
        return BBox.from_tuple(edges)  # type: ignore[arg-type]
    return None


def _display_fields(record: BaseModel) -> dict[str, Any]:
    """The record as JSON-ready fields; lists of located sub-records become a count (they have their own layer)."""
    fields = record.model_dump(mode="json")
    for name, items in _located_sublists(record):
        fields[name] = f"{len(items)} records, drawn as their own layer"
    return fields


def _section_entry(section: BaseModel) -> Entry:
    entry = _entry("sections", section, 0)
    entry.kind = str(section.kind.value)  # type: ignore[attr-defined]
    return entry


def _furniture_entry(item: BaseModel, index: int) -> Entry:
    # Numbered like furniture.csv's furniture_no, so the two can be matched up.
    entry = _entry("furniture", item, index)
    entry.record_id = f"furniture-{index + 1}"
    return entry


def _blank_page_entry(page: BaseModel) -> Entry:
    """A blank page as a whole-page box, so it is visible even when it prints no notice."""
    page_no: int = page.page  # type: ignore[attr-defined]
    width, height = page.width, page.height  # type: ignore[attr-defined]
    bbox = BBox(x0=0.0, top=0.0, x1=width, bottom=height) if width > 0 and height > 0 else None
    fields = page.model_dump(mode="json")
    return Entry("pages", f"page-{page_no}", "blank_page", f"page {page_no} is blank", fields, [Placement(page_no, bbox)], model=page)
