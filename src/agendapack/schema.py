"""JSON Schemas generated from the models, committed in `schemas/` and checked for drift by a test."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from agendapack.models.document import PackDocument
from agendapack.models.version import SCHEMA_NAME, SCHEMA_VERSION

SCHEMA_MODELS: dict[str, type[BaseModel]] = {"pack_document": PackDocument}


def schema_files() -> dict[str, str]:
    """File name -> JSON text of every published schema."""
    files = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$id"] = f"https://agendapack.invalid/schemas/{name}-{SCHEMA_VERSION}.json"
        schema["title"] = SCHEMA_NAME
        schema["x-schema-version"] = SCHEMA_VERSION
        files[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return files


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
