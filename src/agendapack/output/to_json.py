"""document.json: the whole typed document, indented, with a final newline."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument


def document_json(doc: PackDocument) -> bytes:
    return (doc.model_dump_json(indent=2) + "\n").encode("utf-8")
