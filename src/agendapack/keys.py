"""Keys and references of a document: every id unique where the tables promise it, every reference resolving.

The flat tables declare primary and foreign keys (`output/spec.py`) and the database enforces them, so a
batch must never meet a pack whose ids clash or whose records point at nothing. The extractors are meant
to produce consistent ids; `enforce_keys`, run at the end of `parse`, checks that they did and, where one
slipped, makes the document consistent and says so in an issue naming what it changed:

- a duplicated id (two meetings with one meeting_id, two records with one record_id) keeps the first and
  gives each later one a suffix (`-2`, `-3`); what referred to the id still refers to the first;
- a reference to something the document does not hold is emptied where the field may be empty; a record
  whose meeting was never read gets a stub meeting (only its id and the record's page), so attendance and
  decisions are not lost; any other record that cannot stand without its target (a cell without its table)
  is left out, and counted in the issue.

The references are found from the record models themselves (a `section_id`, `meeting_id`, `table_id`,
`resolution_id`, `block_id` or `action_id` field, and the page of each record's first provenance entry), so a
record type added later is covered without a change here.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.meetings import Meeting, MeetingSource
from agendapack.models.records import Records

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument


@dataclass(frozen=True)
class Reference:
    """Objects of `source` name, in `attribute`, an object of `target` by its `target_attribute`."""

    source: str
    attribute: str
    target: str
    target_attribute: str


# A record field naming another record, and the collection it names.
_RECORD_LINKS = {
    "section_id": ("sections", "section_id"),
    "meeting_id": ("records.meetings", "meeting_id"),
    "table_id": ("records.tables", "record_id"),
    "resolution_id": ("records.resolutions", "record_id"),
    "block_id": ("blocks", "block_id"),
    "action_id": ("records.actions", "record_id"),
}


def _record_models() -> dict[str, type[BaseModel]]:
    models = {}
    for name, field in Records.model_fields.items():
        (item,) = typing.get_args(field.annotation)
        models[name] = item
    return models


def unique_keys() -> list[tuple[str, str]]:
    """(collection, attribute) pairs whose values must be unique within a document."""
    keys = [("sections", "section_id"), ("blocks", "block_id"), ("records.meetings", "meeting_id")]
    return keys + [(f"records.{name}", "record_id") for name, model in _record_models().items() if "record_id" in model.model_fields]


def references() -> list[Reference]:
    """Every reference a document holds, as the table specs' foreign keys declare them."""
    found = [
        Reference("sections", "parent_id", "sections", "section_id"),
        Reference("pages", "section_id", "sections", "section_id"),
        Reference("blocks", "section_id", "sections", "section_id"),
        Reference("blocks", "page", "pages", "page"),
        Reference("furniture", "page", "pages", "page"),
        Reference("issues", "page", "pages", "page"),
    ]
    for name, model in _record_models().items():
        if "provenance" in model.model_fields:  # first: a stub meeting takes its page from a record already checked
            found.append(Reference(f"records.{name}", "page", "pages", "page"))
        for attribute, (target, target_attribute) in _RECORD_LINKS.items():
            if attribute in model.model_fields and f"records.{name}" != target:
                found.append(Reference(f"records.{name}", attribute, target, target_attribute))
    return found


def enforce_keys(doc: PackDocument) -> list[Issue]:
    """Make `doc`'s ids unique and its references resolve, in place; return an issue for each kind of repair."""
    issues = [issue for key in unique_keys() if (issue := _deduplicate(doc, *key)) is not None]
    for reference in references():
        issue = _resolve(doc, reference)
        if issue is not None:
            issues.append(issue)
    return issues


# -- collections ---------------------------------------------------------------------


def _items(doc: PackDocument, collection: str) -> list[Any]:
    owner, name = _owner(doc, collection)
    return getattr(owner, name)


def _store(doc: PackDocument, collection: str, items: list[Any]) -> None:
    owner, name = _owner(doc, collection)
    setattr(owner, name, items)


def _owner(doc: PackDocument, collection: str) -> tuple[Any, str]:
    if collection.startswith("records."):
        return doc.records, collection.removeprefix("records.")
    return doc, collection


def _value(item: Any, attribute: str) -> Any:
    if attribute == "page" and "page" not in type(item).model_fields:
        return item.provenance[0].page if item.provenance else None
    return getattr(item, attribute)


def _with(item: Any, attribute: str, value: Any) -> Any:
    """The item with `attribute` set (a copy for frozen models such as issues)."""
    if type(item).model_config.get("frozen"):
        return item.model_copy(update={attribute: value})
    setattr(item, attribute, value)
    return item


def _page_of(item: Any) -> int | None:
    try:
        return _value(item, "page")
    except AttributeError:
        return None


# -- repairs -------------------------------------------------------------------------


def _deduplicate(doc: PackDocument, collection: str, attribute: str) -> Issue | None:
    items = _items(doc, collection)
    seen: set[Any] = {_value(item, attribute) for item in items}
    if len(seen) == len(items):
        return None
    counts: dict[Any, int] = defaultdict(int)
    renamed: list[str] = []
    first_page = None
    for index, item in enumerate(items):
        value = _value(item, attribute)
        counts[value] += 1
        if counts[value] == 1:
            continue
        new = _free(value, counts[value], seen)
        seen.add(new)
        items[index] = _with(item, attribute, new)
        renamed.append(f"{value} -> {new}")
        first_page = first_page if first_page is not None else _page_of(item)
    where = collection.removeprefix("records.")
    message = (f"{len(renamed)} {where} repeated a {attribute} already taken in this pack; each later one was renamed "
               f"({_examples(renamed)}), and references to the id still mean the first.")
    return make_issue(IssueCode.DUPLICATE_ID, Stage.EXTRACT, message, page=first_page)


def _free(value: Any, number: int, taken: set[Any]) -> str:
    while f"{value}-{number}" in taken:
        number += 1
    return f"{value}-{number}"


def _resolve(doc: PackDocument, reference: Reference) -> Issue | None:
    items = _items(doc, reference.source)
    if not items:
        return None
    targets = {_value(item, reference.target_attribute) for item in _items(doc, reference.target)}
    broken = [index for index, item in enumerate(items) if (value := _value(item, reference.attribute)) is not None and value not in targets]
    if not broken:
        return None
    values = sorted({str(_value(items[index], reference.attribute)) for index in broken})
    first_page = _page_of(items[broken[0]])
    model = type(items[0])
    field = model.model_fields.get(reference.attribute)
    if field is not None and _nullable(field):
        for index in broken:
            items[index] = _with(items[index], reference.attribute, None)
        done = f"their {reference.attribute} was emptied"
    elif reference.target == "records.meetings":
        doc.records.meetings = [*doc.records.meetings, *_stub_meetings(doc, [items[index] for index in broken])]
        done = "a meeting record with only its id was added for each, so the records keep their meeting"
    else:
        dropped = set(broken)
        _store(doc, reference.source, [item for index, item in enumerate(items) if index not in dropped])
        done = "they were left out, as they cannot stand without it"
    source, target = reference.source.removeprefix("records."), reference.target.removeprefix("records.")
    message = f"{len(broken)} {source} name a {reference.attribute} that no {target} has ({_examples(values)}): {done}."
    return make_issue(IssueCode.DANGLING_REFERENCE, Stage.EXTRACT, message, page=first_page)


def _nullable(field: Any) -> bool:
    return field.annotation is None or type(None) in typing.get_args(field.annotation)


def _stub_meetings(doc: PackDocument, records: list[Any]) -> Iterator[Meeting]:
    taken = {m.record_id for m in doc.records.meetings}
    made: set[str] = set()
    for record in records:
        if record.meeting_id in made:
            continue
        made.add(record.meeting_id)
        record_id = _free(f"meeting-{record.meeting_id}", 1, taken) if f"meeting-{record.meeting_id}" in taken else f"meeting-{record.meeting_id}"
        taken.add(record_id)
        yield Meeting(record_id=record_id, section_id=record.section_id, meeting_id=record.meeting_id, source=MeetingSource.MINUTES,
                      provenance=record.provenance[:1])


def _examples(values: list[str], shown: int = 5) -> str:
    more = f", ... {len(values) - shown} more" if len(values) > shown else ""
    return ", ".join(values[:shown]) + more
