"""document.json: the whole typed document as compact JSON (no indentation: it was 45% of the file), with a final newline.

`python -m json.tool document.json` or `jq . document.json` prints it indented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument


def document_json(doc: PackDocument) -> bytes:
    return (doc.model_dump_json() + "\n").encode("utf-8")
