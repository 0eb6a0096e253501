"""The convention files under extractors/conventions/: they load, and every key in them is read by a reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agendapack import conventions
from agendapack.extract.registry import registered_kinds

ROOT = Path(__file__).resolve().parents[1]


def test_every_convention_file_loads_with_a_name_and_description() -> None:
    loaded = conventions.load_conventions(ROOT / "extractors" / "conventions")
    names = [c.name for c in loaded]
    assert {"uk-moderngov", "uk-parish", "us-legistar", "canada", "australia-nz", "fr", "nl"} <= set(names)
    assert len(names) == len(set(names)), "two files share a convention name"
    assert all(c.description for c in loaded)


def test_every_key_in_the_files_is_declared_by_a_reader() -> None:
    registered_kinds()  # imports every built-in extractor, so their declarations have run
    assert conventions.undeclared_keys(ROOT / "extractors" / "conventions") == []


def test_a_broken_file_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('name = "bad"\n[attendance]\npresent = [1, 2]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(str(tmp_path / "bad.toml"))):
        conventions.load_conventions(tmp_path)


def test_cues_merge_every_convention_and_say_which_matched(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('name = "a"\n[attendance]\npresent = ["^present:"]\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('name = "b"\n[attendance]\npresent = ["^aanwezig:"]\n', encoding="utf-8")
    key = ("attendance", "present")
    found = conventions.first_cue(key, "Aanwezig: de heer Jansen", tmp_path)
    assert found is not None and found[0].convention == "b"
    assert conventions.first_cue(key, "Absent: Mr Smith", tmp_path) is None
    assert [c.convention for c in conventions.cues(key, tmp_path)] == ["a", "b"]
