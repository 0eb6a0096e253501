"""agendapack: council agenda packs in, typed provenance-carrying data out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from agendapack.models.document import PackDocument, Status

if TYPE_CHECKING:
    from agendapack.pipeline import parse

__all__ = ["PackDocument", "Status", "__version__", "parse"]


def __getattr__(name: str) -> Any:
    # `parse` pulls in PyMuPDF and the extractors; loading them lazily keeps
    # `agendapack batch` reruns (which skip every file) and `--help` fast.
    if name == "parse":
        from agendapack.pipeline import parse

        return parse
    raise AttributeError(f"module 'agendapack' has no attribute {name!r}")
