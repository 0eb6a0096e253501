"""Placing boxes on page images: from PDF points (unrotated page space) to shares of the displayed page."""

from __future__ import annotations

from dataclasses import dataclass

from agendapack.models.geometry import BBox

# A4 portrait, for pages whose size could not be read: their boxes still get a place to go.
DEFAULT_PAGE_SIZE = (595.28, 841.89)


@dataclass(frozen=True)
class PageFrame:
    """A page as displayed: its size after /Rotate, and the rotation to apply to stored boxes."""

    width: float
    height: float
    rotation: int = 0

    @classmethod
    def of(cls, width: float, height: float, rotation: int) -> PageFrame:
        if width <= 0 or height <= 0:
            width, height = DEFAULT_PAGE_SIZE
        return cls(width, height, rotation % 360)


def displayed_box(bbox: BBox, frame: PageFrame) -> BBox:
    """The box in the displayed page's space.

    Boxes are stored as the text layer gives them, in the page's unrotated space; a page
    with /Rotate is shown turned, so its boxes turn with it. `frame` has the displayed
    (rotated) width and height.
    """
    w, h = frame.width, frame.height
    if frame.rotation == 90:
        return BBox(x0=w - bbox.bottom, top=bbox.x0, x1=w - bbox.top, bottom=bbox.x1)
    if frame.rotation == 180:
        return BBox(x0=w - bbox.x1, top=h - bbox.bottom, x1=w - bbox.x0, bottom=h - bbox.top)
    if frame.rotation == 270:
        return BBox(x0=bbox.top, top=h - bbox.x1, x1=bbox.bottom, bottom=h - bbox.x0)
    return bbox


def percent_box(bbox: BBox, frame: PageFrame) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) as percentages of the displayed page, clipped to the page, 3 decimals."""
    shown = displayed_box(bbox, frame)

    def share(value: float, whole: float) -> float:
        return round(min(max(value / whole * 100.0, 0.0), 100.0), 3)

    return (share(shown.x0, frame.width), share(shown.top, frame.height), share(shown.x1, frame.width), share(shown.bottom, frame.height))
