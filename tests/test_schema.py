"""The committed JSON Schemas must match the models: a model change shows up as a schema diff."""

from __future__ import annotations

import json

from agendapack import PackDocument, parse
from agendapack.schema import schema_files
from conftest import ROOT, SAMPLE_PACK


def test_committed_schemas_match_the_models() -> None:
    for name, text in schema_files().items():
        committed = ROOT / "schemas" / name
        assert committed.exists(), f"{committed} is missing: run `make schemas`"
        assert committed.read_text(encoding="utf-8") == text, f"{name} drifted from the models: run `make schemas` and review the diff"


def test_document_round_trips_through_json() -> None:
    doc = parse(SAMPLE_PACK)
    again = PackDocument.model_validate_json(doc.model_dump_json())
    assert again.model_dump_json() == doc.model_dump_json()


def test_schema_declares_name_and_semver() -> None:
    schema = json.loads(schema_files()["pack_document.schema.json"])
    assert schema["title"] == "agendapack.PackDocument"
    major, minor, patch = schema["x-schema-version"].split(".")
    assert all(part.isdigit() for part in (major, minor, patch))
