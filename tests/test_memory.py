"""The address-space budget a batch worker sets: checked before each page, stage and output file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import agendapack.pipeline as pipeline_module
from agendapack.memory import MemoryBudgetExceeded, address_space_bytes, check_budget, set_budget
from agendapack.output.write import parse_formats, write_document
from agendapack.pipeline import parse
from agendapack.stages.load import load_pack
from conftest import SAMPLE_PACK


@pytest.fixture(autouse=True)
def no_budget_afterwards() -> Iterator[None]:
    yield
    set_budget(0)  # the budget is process-wide; later tests must not inherit it


def test_address_space_is_read_from_proc() -> None:
    assert address_space_bytes() > 50 << 20  # an interpreter with PyMuPDF loaded maps far more than 50 MB


def test_the_check_raises_only_once_a_set_budget_is_passed() -> None:
    check_budget()  # no budget set: nothing to check
    set_budget(address_space_bytes() + (1 << 30))
    check_budget()
    set_budget(address_space_bytes() // 2)
    with pytest.raises(MemoryBudgetExceeded, match="over the"):
        check_budget()


def test_the_loader_stops_the_file_rather_than_marking_pages_unreadable() -> None:
    set_budget(address_space_bytes() // 2)
    with pytest.raises(MemoryError):
        load_pack(SAMPLE_PACK)
    set_budget(0)
    assert all(page.readable for page in load_pack(SAMPLE_PACK).pages)


def test_a_budget_passed_after_the_load_stops_the_parse_rather_than_failing_a_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory that grows in a later stage stops the file as well: it is not recorded as that stage's failure and carried on from."""
    real_load = pipeline_module.load_pack

    def load_then_spend(*args, **kwargs):
        loaded = real_load(*args, **kwargs)
        set_budget(address_space_bytes() // 2)  # as if the pages read had filled the budget just after the last check
        return loaded

    monkeypatch.setattr(pipeline_module, "load_pack", load_then_spend)
    with pytest.raises(MemoryBudgetExceeded):
        parse(SAMPLE_PACK)


def test_the_writer_checks_the_budget_before_building_an_output(tmp_path) -> None:
    doc = parse(SAMPLE_PACK)
    set_budget(address_space_bytes() // 2)
    with pytest.raises(MemoryBudgetExceeded):
        write_document(doc, tmp_path, parse_formats("json,csv"))
    assert not list(tmp_path.rglob("*.json")) and not list(tmp_path.rglob("*.csv"))  # stopped before any file was built
    set_budget(0)
    assert (write_document(doc, tmp_path, parse_formats("json,csv")) / "document.json").is_file()
