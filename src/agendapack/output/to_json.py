"""document.json: the whole typed document as compact JSON (no indentation: it was 45% of the file), with a final newline.

`python -m json.tool document.json` or `jq . document.json` prints it indented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument


def document_json(doc: PackDocument) -> tuple[bytes, bytes]:
    """The JSON and its final newline, as two pieces for `atomic_write_files`.

    The serializer's own bytes, not `model_dump_json()` (a str, then encoded: two more copies), and the newline
    apart rather than appended (one more): at 5,000 pages the JSON is 170 MB, and each copy was held at once.
    """
    return doc.__pydantic_serializer__.to_json(doc), b"\n"
