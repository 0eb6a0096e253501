"""Shared fixtures: the generated sample packs and the real-world corpus."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from agendapack import PackDocument, parse

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SAMPLE_PACK = FIXTURES / "sample_pack.pdf"
SAMPLE_NO_OUTLINE = FIXTURES / "sample_pack_no_outline.pdf"
SCANNED = FIXTURES / "scanned_page.pdf"
EXPECTED = FIXTURES / "expected" / "sample_pack.expected.json"
CORPUS = Path(os.environ.get("AGENDAPACK_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_doc() -> PackDocument:
    return parse(SAMPLE_PACK)


@pytest.fixture(scope="session")
def no_outline_doc() -> PackDocument:
    return parse(SAMPLE_NO_OUTLINE)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real PDFs: skipped when absent on a developer machine, a failure when absent in CI."""
    if not CORPUS.is_dir():
        message = f"corpus folder {CORPUS} not found (set AGENDAPACK_CORPUS)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " - CI always has it")
        pytest.skip(message)
    return CORPUS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)
