"""Where extractors are looked up, by section kind and by the evidence for each kind.

An extractor is a function from an `ExtractionContext` (one section, the
cleaned pages, what segmentation found) to records and issues. Registering
one is a decorator naming the kinds it reads. The extract stage runs it on a
section classed as one of those kinds (a primary read), and also on a section
classed otherwise whose evidence for one of its kinds reaches the extractor's
threshold (a secondary read): a document of unknown kind that reads like
minutes still gets the minutes reader. A failure becomes an issue, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from agendapack.extract.frontsheet import FrontsheetItem
from agendapack.models.clean import CleanPage
from agendapack.models.document import Section, SectionKind, TextBlock
from agendapack.models.issues import Issue
from agendapack.models.records import Records

# A section classed otherwise is read for a kind only on this much evidence for it:
# high enough that an agenda listing "Approval of minutes" is not read as minutes.
DISPATCH_THRESHOLD = 0.6
# ... and, on a section classed as a kind, only when the evidence for the other kind comes close:
# minutes follow their agenda's headings, which is no reason to read them as an agenda too.
SECONDARY_MARGIN = 0.2


@dataclass(frozen=True)
class ExtractionContext:
    """What an extractor may read: its section, the pack's cleaned pages, the frontsheet."""

    pack_id: str
    section: Section
    pages: dict[int, CleanPage]
    frontsheet: list[FrontsheetItem] = field(default_factory=list)
    sections: tuple[Section, ...] = ()  # every section of the pack, for cross-checks
    # every text block of the pack by its innermost section id, grouped once per pack: filtering every block
    # for every section made a long pack's entity pass grow with the square of its length (4x the time for twice the pages)
    blocks_by_section: Mapping[str | None, tuple[TextBlock, ...]] = field(default_factory=dict)
    reading_as: SectionKind | None = None  # the kind this extractor was dispatched for
    primary: bool = True  # False: the section is classed otherwise and is read on its evidence for `reading_as`

    def own_blocks(self) -> tuple[TextBlock, ...]:
        """The blocks whose innermost section is this one, in reading order."""
        return self.blocks_by_section.get(self.section.section_id, ())

    def section_pages(self) -> list[CleanPage]:
        """The section's pages; a first or last page it shares with another section holds only its own lines."""
        return [_own_part(self.pages[p], self.section) for p in self.section.pages if p in self.pages]


def _own_part(page: CleanPage, section: Section) -> CleanPage:
    shared = (page.page == section.page_start and section.y_start is not None) or (page.page == section.page_end and section.y_end is not None)
    if not shared:
        return page
    return page.model_copy(update={"lines": [line for line in page.lines if section.holds(page.page, line.bbox.top)]})


@dataclass
class Extracted:
    """What an extractor returns: records to add to the document, and issues."""

    records: Records = field(default_factory=Records)
    issues: list[Issue] = field(default_factory=list)


Extractor = Callable[[ExtractionContext], Extracted]


@dataclass(frozen=True)
class Registration:
    name: str
    function: Extractor
    kinds: tuple[SectionKind, ...]
    min_score: float | None  # None: only sections classed as one of `kinds`


@dataclass(frozen=True)
class Dispatch:
    """One extractor to run on one section, and why."""

    name: str
    extractor: Extractor
    kind: SectionKind
    score: float
    primary: bool


_REGISTRY: list[Registration] = []


def register(*kinds: SectionKind, min_score: float | None = DISPATCH_THRESHOLD) -> Callable[[Extractor], Extractor]:
    """Decorator: run this extractor on sections of these kinds, and on sections whose evidence for one
    of them reaches `min_score` (None: on the kinds only)."""

    def add(function: Extractor) -> Extractor:
        _REGISTRY.append(Registration(function.__name__, function, tuple(kinds), min_score))
        return function

    return add


def dispatch_for(section: Section) -> list[Dispatch]:
    """The extractors to run on a section, each once, in registration order."""
    _load_builtin_extractors()
    out: list[Dispatch] = []
    for entry in _REGISTRY:
        if section.kind in entry.kinds:
            out.append(Dispatch(entry.name, entry.function, section.kind, section.kind_scores.get(section.kind, section.kind_confidence), True))
            continue
        if entry.min_score is None:
            continue
        scored = [(section.kind_scores.get(kind, 0.0), kind) for kind in entry.kinds]
        score, kind = max(scored, key=lambda pair: pair[0], default=(0.0, SectionKind.OTHER))
        if score >= entry.min_score and _close_enough(section, score):
            out.append(Dispatch(entry.name, entry.function, kind, score, False))
    return out


def _close_enough(section: Section, score: float) -> bool:
    if section.kind is SectionKind.OTHER:
        return True
    return score >= section.kind_scores.get(section.kind, section.kind_confidence) - SECONDARY_MARGIN


def extractors_for(kind: SectionKind) -> list[tuple[str, Extractor]]:
    """The extractors registered for a kind (primary reads only)."""
    _load_builtin_extractors()
    return [(entry.name, entry.function) for entry in _REGISTRY if kind in entry.kinds]


def registered_kinds() -> dict[SectionKind, list[str]]:
    _load_builtin_extractors()
    out: dict[SectionKind, list[str]] = {}
    for entry in _REGISTRY:
        for kind in entry.kinds:
            out.setdefault(kind, []).append(entry.name)
    return out


def _load_builtin_extractors() -> None:
    # Imported for their @register side effect; late so the registry has no import cycle.
    from agendapack.extract import agenda  # noqa: F401
    from agendapack.extract.meetings import covers, entities, minutes  # noqa: F401
