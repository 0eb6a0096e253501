"""OUT/datapackage.json: a Frictionless tabular data package describing every combined CSV (fields, types, keys)."""

from __future__ import annotations

import json
from pathlib import Path

from agendapack import __version__
from agendapack.batch.combine import TABLES_DIR, CombinedTable
from agendapack.output.atomic import atomic_write_bytes
from agendapack.output.spec import ForeignKey

DATAPACKAGE_NAME = "datapackage.json"


def datapackage(tables: list[CombinedTable]) -> dict:
    """The descriptor: one CSV resource per table; no dates or run details, so it is the same on every rerun."""
    return {
        "profile": "tabular-data-package",
        "name": "agendapack-batch",
        "title": "Council agenda packs read by agendapack",
        "description": (
            f"Tables written by agendapack {__version__}: one row per record, every row keyed by pack_id; "
            "pages are 1-based physical pages and boxes are PDF points from the top-left corner."
        ),
        "resources": [_resource(table) for table in tables],
    }


def _resource_name(table_name: str) -> str:
    return table_name.replace("_", "-")


def _resource(table: CombinedTable) -> dict:
    schema: dict = {
        "fields": [_field(c.name, c.type, c.description) for c in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    declared = [key for key in table.foreign_keys if key.always]  # see ForeignKey: the databases hold every key
    if declared:
        schema["foreignKeys"] = [_foreign_key(table, key) for key in declared]
    return {
        "profile": "tabular-data-resource",
        "name": _resource_name(table.name),
        "path": f"{TABLES_DIR}/{table.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "dialect": {"delimiter": ",", "header": True, "quoteChar": '"', "doubleQuote": True},
        "schema": schema,
    }


def _foreign_key(table: CombinedTable, key: ForeignKey) -> dict:
    """A Frictionless foreign key; a reference to the table itself names the resource "" as the standard asks."""
    resource = "" if key.table == table.name else _resource_name(key.table)
    return {"fields": list(key.columns), "reference": {"resource": resource, "fields": list(key.references)}}


def _field(name: str, type_: str, description: str) -> dict:
    field = {"name": name, "type": type_, "description": description}
    if type_ == "boolean":
        field |= {"trueValues": ["true"], "falseValues": ["false"]}
    return field


def write_datapackage(out_dir: Path, tables: list[CombinedTable]) -> Path:
    path = out_dir / DATAPACKAGE_NAME
    atomic_write_bytes(path, (json.dumps(datapackage(tables), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path
