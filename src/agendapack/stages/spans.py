"""Sections before they have ids: spans of pages (and of a page's height), and how each one ends."""

from __future__ import annotations

from dataclasses import dataclass, field

from agendapack.models.clean import CleanPage
from agendapack.models.document import KindEvidence, SectionSource
from agendapack.stages.outline import content_above


@dataclass
class Span:
    """A section before it has an id: a title, its level and pages."""

    level: int
    title: str
    item_number: str | None
    page_start: int
    page_end: int
    source: SectionSource
    confidence: float
    parent: int | None = None
    y_start: float | None = None  # None: the top of page_start
    y_end: float | None = None  # None: the foot of page_end
    last_page: int | None = None  # a page it cannot run past, when its text says where it ends
    evidence: list[KindEvidence] = field(default_factory=list)  # what finding it said about its kind


def close_ranges(spans: list[Span], pages: list[CleanPage]) -> None:
    """Each section ends where its next sibling (or any later section at its level or above) starts:
    on that page when the later one starts part-way down it below other content, else the page before."""
    page_count = len(pages)
    by_page = {page.page: page for page in pages}
    for index, span in enumerate(spans):
        parent = spans[span.parent] if span.parent is not None else None
        end: tuple[int, float | None] = (parent.page_end, parent.y_end) if parent is not None else (page_count, None)
        later = next((s for s in spans[index + 1 :] if s.level <= span.level), None)
        if later is not None:
            if later.y_start is not None and content_above(by_page.get(later.page_start), later.y_start):
                stop: tuple[int, float | None] = (later.page_start, later.y_start)
            else:
                stop = (later.page_start - 1, None)
            end = min(end, stop, key=_position)
        if span.last_page is not None:
            end = min(end, (span.last_page, None), key=_position)
        if end[0] < span.page_start:
            end = (span.page_start, None)  # a sibling on the same page shares it
        span.page_end, span.y_end = min(end[0], page_count), end[1]


def _position(point: tuple[int, float | None]) -> tuple[int, float]:
    page, y = point
    return (page, y if y is not None else float("inf"))


def rebuild_with(spans: list[Span], added: list[Span], pages: list[CleanPage]) -> list[Span]:
    """Insert added top-level spans in document order and recompute parents and ranges."""
    merged = sorted(spans + added, key=lambda s: (s.page_start, s.y_start if s.y_start is not None else -1.0, s.level))
    stack: list[int] = []
    for index, span in enumerate(merged):
        while stack and merged[stack[-1]].level >= span.level:
            stack.pop()
        span.parent = stack[-1] if stack else None
        stack.append(index)
    close_ranges(merged, pages)
    return merged
