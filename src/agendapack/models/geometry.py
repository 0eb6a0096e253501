"""Boxes and provenance: one convention across the project.

Every box is in PDF points with a top-left origin (y grows downwards), the
convention PyMuPDF uses, so no coordinate is ever flipped between stages.
Coordinates keep full precision in memory and are rounded only when
serialised, so geometry arithmetic never accumulates rounding error.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_serializer

COORD_DECIMALS = 2
M = TypeVar("M", bound=BaseModel)


def trusted(cls: type[M], **values: object) -> M:
    """Build a model from values already of the right types, skipping validation.

    Only for hot loops whose values all come typed (the load stage's spans and boxes from
    PyMuPDF, the table pass's cells): measured 4x faster than validating and than
    `model_construct`, and a pack has tens of thousands of these. The slots are set through
    their descriptors, looked up once (half the cost of `object.__setattr__` by name).

    Objects of one class built with the same keys share one fields-set: a set of seven names is 472
    bytes, a third of a span's memory, and a pack holds one per span and box. Sharing is safe because
    pydantic never changes it: the models built here are frozen or are given every field (assigning
    one then adds a name already there), and `model_copy` copies the set before updating it.
    """
    obj = _new(cls)
    _set_attribute(obj, "__dict__", values)
    _set_fields_set(obj, _shared_fields_set(cls, values))
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


_FIELDS_SETS: dict[tuple[type, tuple[str, ...]], set[str]] = {}


def _shared_fields_set(cls: type, values: dict[str, object]) -> set[str]:
    key = (cls, tuple(values))
    found = _FIELDS_SETS.get(key)
    if found is None:
        found = _FIELDS_SETS[key] = set(values)
    return found


_new = object.__new__
_set_attribute = object.__setattr__
_set_fields_set = BaseModel.__pydantic_fields_set__.__set__  # type: ignore[attr-defined]
_set_extra = BaseModel.__pydantic_extra__.__set__  # type: ignore[attr-defined]
_set_private = BaseModel.__pydantic_private__.__set__  # type: ignore[attr-defined]


class BBox(BaseModel):
    """An axis-aligned box in PDF points, top-left origin."""

    model_config = ConfigDict(frozen=True)

    x0: float
    top: float
    x1: float
    bottom: float

    @field_serializer("x0", "top", "x1", "bottom")
    def _round(self, value: float) -> float:
        return round(value, COORD_DECIMALS)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def area(self) -> float:
        return max(self.width, 0.0) * max(self.height, 0.0)

    def union(self, other: BBox) -> BBox:
        return BBox(
            x0=min(self.x0, other.x0),
            top=min(self.top, other.top),
            x1=max(self.x1, other.x1),
            bottom=max(self.bottom, other.bottom),
        )

    def intersection_area(self, other: BBox) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        return w * h if w > 0 and h > 0 else 0.0

    def overlap_ratio(self, other: BBox) -> float:
        """Intersection over the smaller box: 1.0 when one covers the other."""
        smaller = min(self.area, other.area)
        return self.intersection_area(other) / smaller if smaller > 0 else 0.0

    @classmethod
    def from_tuple(cls, box: tuple[float, float, float, float] | list[float]) -> BBox:
        return cls(x0=box[0], top=box[1], x1=box[2], bottom=box[3])


def union_all(boxes: list[BBox]) -> BBox | None:
    """The box around all boxes, or None for an empty list."""
    if not boxes:
        return None
    out = boxes[0]
    for box in boxes[1:]:
        out = out.union(box)
    return out


class TextSource(StrEnum):
    """Where the text of a page (and of what was read from it) came from."""

    TEXT_LAYER = "text_layer"
    OCR = "ocr"  # read from the page image by OCR
    NONE = "none"  # no text at all


class Provenance(BaseModel):
    """Where something came from: a 1-based physical page and a box on it, and whether its text was read by OCR."""

    model_config = ConfigDict(frozen=True)

    page: int = Field(ge=1, description="1-based physical page number in the PDF")
    bbox: BBox | None = Field(description="Box on that page (PDF points, top-left origin)")
    text_source: TextSource = Field(default=TextSource.TEXT_LAYER, description="text_layer, or ocr when the text in the box was read from the page image")
    ocr_confidence: float | None = Field(default=None, description="Mean OCR confidence 0-1 of the words in the box, when read by OCR")
