"""agendapack: council agenda packs in, typed provenance-carrying data out."""

__version__ = "0.1.0"

from agendapack.models.document import PackDocument, Status
from agendapack.pipeline import parse

__all__ = ["PackDocument", "Status", "__version__", "parse"]
