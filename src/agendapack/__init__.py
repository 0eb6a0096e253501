"""agendapack: council agenda packs in, typed provenance-carrying data out."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument, Status
    from agendapack.output.frames import read_table
    from agendapack.pipeline import parse

__all__ = ["PackDocument", "Status", "__version__", "parse", "read_table"]
_HOMES = {
    "PackDocument": "agendapack.models.document", "Status": "agendapack.models.document", "parse": "agendapack.pipeline",
    "read_table": "agendapack.output.frames",
}


def __getattr__(name: str) -> Any:
    # Loaded on first use: `parse` pulls in PyMuPDF and the extractors, and the models pydantic (a tenth of a
    # second). Lazy, `agendapack batch` reruns (which skip every file) and `--help` stay fast, and a batch worker
    # can switch its garbage collector off before the heavy imports (`batch/worker.py`).
    if name not in _HOMES:
        raise AttributeError(f"module 'agendapack' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
