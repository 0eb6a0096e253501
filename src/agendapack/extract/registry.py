"""Where extractors are looked up by section kind.

An extractor is a function from an `ExtractionContext` (one section, the
cleaned pages, what segmentation found) to records and issues. Registering
one is a decorator; the extract stage runs every extractor registered for a
section's kind and turns a failure into an issue, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from agendapack.extract.frontsheet import FrontsheetItem
from agendapack.models.clean import CleanPage
from agendapack.models.document import Section, SectionKind, TextBlock
from agendapack.models.issues import Issue
from agendapack.models.records import Records


@dataclass(frozen=True)
class ExtractionContext:
    """What an extractor may read: its section, the pack's cleaned pages, the frontsheet."""

    pack_id: str
    section: Section
    pages: dict[int, CleanPage]
    frontsheet: list[FrontsheetItem] = field(default_factory=list)
    sections: tuple[Section, ...] = ()  # every section of the pack, for cross-checks
    blocks: tuple[TextBlock, ...] = ()  # every text block of the pack, each with its innermost section

    def section_pages(self) -> list[CleanPage]:
        return [self.pages[p] for p in self.section.pages if p in self.pages]


@dataclass
class Extracted:
    """What an extractor returns: records to add to the document, and issues."""

    records: Records = field(default_factory=Records)
    issues: list[Issue] = field(default_factory=list)


Extractor = Callable[[ExtractionContext], Extracted]
_REGISTRY: dict[SectionKind, list[tuple[str, Extractor]]] = {}


def register(*kinds: SectionKind) -> Callable[[Extractor], Extractor]:
    """Decorator: run this extractor on sections of these kinds."""

    def add(function: Extractor) -> Extractor:
        for kind in kinds:
            _REGISTRY.setdefault(kind, []).append((function.__name__, function))
        return function

    return add


def extractors_for(kind: SectionKind) -> list[tuple[str, Extractor]]:
    _load_builtin_extractors()
    return list(_REGISTRY.get(kind, []))


def registered_kinds() -> dict[SectionKind, list[str]]:
    _load_builtin_extractors()
    return {kind: [name for name, _ in entries] for kind, entries in _REGISTRY.items()}


def _load_builtin_extractors() -> None:
    # Imported for their @register side effect; late so the registry has no import cycle.
    from agendapack.extract import agenda  # noqa: F401
    from agendapack.extract.meetings import covers, entities, minutes  # noqa: F401
