"""Records made smaller once built: objects of one class with the same fields set share one fields-set.

pydantic keeps, on every model object, the set of field names that were given when it was built
(`__pydantic_fields_set__`). A set of 11 names (a table cell) is 728 bytes and one of 2-4 names is
216 bytes, while the cell's own values take about as much again: on a 1,000-page pack the records and
blocks held 49 MB of such sets out of 133 MB. The values are untouched, so every output is the same.

A set is shared only where pydantic can never change it: on a frozen model (no assignment) or when
every field was given (assigning a field then adds a name that is already there). `model_copy` copies
the set before it updates it. Nothing in the project reads the sets (no `exclude_unset`).
"""

from __future__ import annotations

from pydantic import BaseModel

_set_fields_set = BaseModel.__pydantic_fields_set__.__set__  # type: ignore[attr-defined]
_SHARED: dict[tuple[type, frozenset[str]], set[str]] = {}
_SHAREABLE: dict[type, tuple[bool, int]] = {}  # per class: frozen, number of fields
_HOLDERS = (BaseModel, list, tuple, dict)


def share_fields_sets(*roots: object) -> None:
    """Walk models, and the lists, tuples and dicts that hold them, giving each model a shared fields-set where safe."""
    seen: set[int] = set()
    pending = [root for root in roots if isinstance(root, _HOLDERS)]
    while pending:
        item = pending.pop()
        if isinstance(item, BaseModel):
            if id(item) in seen:
                continue
            seen.add(id(item))
            _share(item)
            values = item.__dict__.values()
        else:
            values = item.values() if isinstance(item, dict) else item
        pending.extend(value for value in values if isinstance(value, _HOLDERS))


def _share(model: BaseModel) -> None:
    cls = type(model)
    shareable = _SHAREABLE.get(cls)
    if shareable is None:
        shareable = _SHAREABLE[cls] = (bool(cls.model_config.get("frozen")), len(cls.model_fields))
    names = model.__pydantic_fields_set__
    if not shareable[0] and len(names) != shareable[1]:
        return
    key = (cls, frozenset(names))
    shared = _SHARED.get(key)
    if shared is None:
        shared = _SHARED[key] = set(names)
    if shared is not names:
        _set_fields_set(model, shared)
