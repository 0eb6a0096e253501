"""The address-space budget a batch worker sets: checked by the loader before each page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agendapack.memory import MemoryBudgetExceeded, address_space_bytes, check_budget, set_budget
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
