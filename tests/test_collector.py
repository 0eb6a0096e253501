"""The garbage-collector policy of one parse: applied for the call, the caller's settings back on return."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import agendapack.pipeline as pipeline_module
from agendapack import parse
from agendapack.collector import PARSE_THRESHOLDS, parse_collector
from conftest import SAMPLE_PACK


@pytest.fixture(autouse=True)
def caller_settings() -> Iterator[None]:
    """Each test starts from Python's defaults and leaves them so, whatever it changed."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    gc.enable()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    (gc.enable if enabled else gc.disable)()


def test_the_policy_holds_inside_and_the_defaults_come_back_after() -> None:
    held = [object() for _ in range(10)]
    with parse_collector():
        assert gc.get_threshold() == PARSE_THRESHOLDS
        assert gc.get_freeze_count() > len(held), "the caller's objects are out of the collector's sight"
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_settings_come_back_when_the_block_raises() -> None:
    with pytest.raises(RuntimeError), parse_collector():
        raise RuntimeError("a stage escaped")
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_caller_who_froze_its_own_objects_keeps_them_frozen() -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    with parse_collector():
        assert gc.get_freeze_count() >= frozen
    assert gc.get_freeze_count() == frozen, "the caller's freeze is not undone"


def test_higher_thresholds_and_a_disabled_collector_are_the_callers_to_keep() -> None:
    gc.set_threshold(50_000, 5, 500)
    gc.disable()
    with parse_collector():
        assert gc.get_threshold() == (50_000, 50, 500)
        assert not gc.isenabled()
    assert gc.get_threshold() == (50_000, 5, 500)
    assert not gc.isenabled()


def test_nested_calls_restore_only_when_the_outermost_ends() -> None:
    with parse_collector():
        with parse_collector():
            assert gc.get_threshold() == PARSE_THRESHOLDS
        assert gc.get_threshold() == PARSE_THRESHOLDS, "the inner call must not restore while the outer runs"
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_parse_runs_its_stages_under_the_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[tuple[int, ...], int]] = []
    real_load = pipeline_module.load_pack

    def observed_load(*args, **kwargs):
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(pipeline_module, "load_pack", observed_load)
    doc = parse(SAMPLE_PACK, extract=False)
    assert doc.sections
    assert len(seen) == 1
    assert seen[0][0] == PARSE_THRESHOLDS and seen[0][1] > 0
    assert gc.get_threshold() == (700, 10, 10) and gc.get_freeze_count() == 0
