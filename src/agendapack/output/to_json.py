"""document.json: the whole typed document as compact JSON (no indentation: it was 45% of the file), with a final newline.

`python -m json.tool document.json` or `jq . document.json` prints it indented.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from agendapack.memory import check_budget

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

_ITEMS_PER_PIECE = 4000  # a long list goes out this many records at a time: about 1-2 MB of JSON


def document_json(doc: PackDocument) -> Iterator[bytes]:
    """The JSON in pieces, for `atomic_write_files` to write in turn: never the whole file in memory.

    At 5,000 pages the JSON is 170 MB, and serialising it at once held it twice (the serializer's buffer, then
    its bytes). Each piece is the document's own serializer run on a part of it (`include`), so the bytes are
    those `doc.__pydantic_serializer__.to_json(doc)` gives, joined: the field order, field serializers and
    rounding are pydantic's, not a copy of them here (the tests compare the two).
    """
    yield b"{"
    for k, name in enumerate(type(doc).model_fields):
        if k:
            yield b","
        yield from _field_pieces(doc, (name,), getattr(doc, name))
    yield b"}\n"


def _field_pieces(doc: PackDocument, path: tuple[str, ...], value: Any) -> Iterator[bytes]:
    """`"name":value` of the field at `path` (names from the document down); the records' lists go one by one."""
    if path == ("records",):
        yield _key(path[-1]) + b"{"
        for k, name in enumerate(type(value).model_fields):
            if k:
                yield b","
            yield from _field_pieces(doc, (*path, name), getattr(value, name))
        yield b"}"
    elif isinstance(value, list) and len(value) > _ITEMS_PER_PIECE:
        yield _key(path[-1]) + b"["
        for start in range(0, len(value), _ITEMS_PER_PIECE):
            check_budget()  # a batch worker stops a file over its memory budget here too
            part = _with_value(doc, path, value[start : start + _ITEMS_PER_PIECE])
            yield (b"," if start else b"") + _serialised(part, path, b"[", b"]")
        yield b"]"
    else:
        yield _key(path[-1]) + _serialised(doc, path, b"", b"")


def _with_value(doc: PackDocument, path: tuple[str, ...], value: list) -> PackDocument:
    """The document with the list at `path` replaced by a part of it: shallow copies, so nothing else is copied
    (and the serializer does not pass over the whole list to pick the part out)."""
    holders = [doc]
    for name in path[:-1]:
        holders.append(getattr(holders[-1], name))
    for holder, name in zip(reversed(holders), reversed(path), strict=True):
        value = holder.model_copy(update={name: value})
    return value


def _serialised(doc: PackDocument, path: tuple[str, ...], opening: bytes, closing: bytes) -> bytes:
    """The JSON of the value at `path` (a list's items without its brackets), cut out of the serializer's
    output for the document restricted to it: `{"records":{"tables":[...]}}`."""
    include: Any = True
    for name in reversed(path):
        include = {name: include}
    whole = doc.__pydantic_serializer__.to_json(doc, include=include)
    head = b"".join(b"{" + _key(name) for name in path) + opening
    tail = closing + b"}" * len(path)
    if not (whole.startswith(head) and whole.endswith(tail)):  # cannot happen for these models; guards the cut
        raise ValueError(f"document.json: the serializer's output for {'.'.join(path)} is not shaped as expected")
    return whole[len(head) : len(whole) - len(tail)]


def _key(name: str) -> bytes:
    return json.dumps(name).encode("ascii") + b":"
