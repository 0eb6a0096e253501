"""Page images for the review page: readable, and small enough that a 100-page pack stays under 25 MB.

Each page is rendered in colour and encoded as PNG and as JPEG; the smaller is kept (PNG wins
on plain text pages, JPEG on photographs and tinted backgrounds). A page over its share of the
size budget is rendered again in grey (a grey PNG of a text page is about a third of the colour
one, with the text as sharp), then with a lower JPEG quality, then at a lower resolution.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from agendapack.stages.load import PageImageRenderer

DEFAULT_DPI = 96
JPEG_QUALITY = 75
# The images get what the rest of the page leaves of this (base64, as embedded), shared equally
# between the pages: a 100-page pack's file must stay under 25 MB.
DEFAULT_IMAGE_BUDGET = 20_000_000
# ... but no page is squeezed below this, however long the pack: past that, text is unreadable.
MIN_PAGE_BYTES = 60_000
# Tried in order while a page is over its share: (dpi or None for the one asked for, JPEG quality, grey).
_FALLBACKS: tuple[tuple[int | None, int, bool], ...] = ((None, 60, True), (None, 55, False), (72, 55, True), (60, 45, True))


@dataclass(frozen=True)
class PageImage:
    page: int
    data_uri: str | None
    dpi: int
    error: str | None = None

    @property
    def size(self) -> int:
        return len(self.data_uri or "")


def page_budget(page_count: int, budget_bytes: int = DEFAULT_IMAGE_BUDGET) -> int:
    """Bytes of embedded (base64) image one page may take."""
    return max(budget_bytes // max(page_count, 1), MIN_PAGE_BYTES)


def render_pages(pdf: Path, pages: list[int], dpi: int = DEFAULT_DPI, budget_bytes: int = DEFAULT_IMAGE_BUDGET) -> Iterator[PageImage]:
    """One image per page, all together within `budget_bytes` where possible.

    A page (or a file) that cannot be rendered gives an image with `error` set.
    """
    try:
        renderer = PageImageRenderer(pdf)
    except Exception as exc:  # not a PDF, encrypted, unreadable: the review still shows records and issues
        for page in pages:
            yield PageImage(page, None, dpi, f"The file could not be opened for rendering: {exc}")
        return
    budget = page_budget(len(pages), budget_bytes)
    with renderer:
        for page in pages:
            try:
                yield _fitted_image(renderer, page, dpi, budget)
            except Exception as exc:  # one broken page must not lose the others
                yield PageImage(page, None, dpi, f"Page {page} could not be rendered: {exc}")


def _fitted_image(renderer: PageImageRenderer, page: int, dpi: int, budget: int) -> PageImage:
    """The first encoding that fits the page's budget, in order of readability; the smallest when none does."""
    image = _smallest(renderer, page, dpi, JPEG_QUALITY, gray=False)
    for fallback_dpi, quality, gray in _FALLBACKS:
        if image.size <= budget:
            break
        image = min(image, _smallest(renderer, page, fallback_dpi or dpi, quality, gray), key=lambda i: i.size)
    return image


def _smallest(renderer: PageImageRenderer, page: int, dpi: int, quality: int, gray: bool) -> PageImage:
    encodings = renderer.encodings(page, dpi, quality, gray=gray)
    mime, data = min(encodings.items(), key=lambda item: (len(item[1]), item[0]))
    return PageImage(page, f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}", dpi)
