"""Council profiles: every file is valid and the right one is chosen for real packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from agendapack import parse
from agendapack.profiles import get_profile, load_profiles, profiles_dir


def test_every_profile_file_loads() -> None:
    names = {p.name for p in load_profiles()}
    files = {path.stem for path in profiles_dir().glob("*.toml")}
    assert names == files
    assert {"default", "uk-moderngov", "westminster", "kent", "bristol", "alameda", "nipissing"} <= names


def test_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"known profiles: .*kent"):
        get_profile("nowhere")


@pytest.mark.parametrize(
    ("name", "profile"),
    [
        ("kent-cc/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf", "kent"),
        ("kent-cc/Questions put and answers given 13th-Mar-2025 10.00 County Council.pdf", "kent"),
        ("kent-cc/Public reports pack 13th-Mar-2025 15.00 Cabinet.pdf", "uk-moderngov"),
        ("bristol-wpl/src-bcc-0022_src-bcc-0022-printed-minutes-transport-and-connectivity-policy-committee-12-september-2024.pdf", "bristol"),
        ("alameda/2015-03-17.pdf", "alameda"),
        ("nipissing/Minutes-June-18-2024.pdf", "nipissing"),
        ("pdfplumber/senate-expenditures.pdf", "default"),
    ],
)
def test_profile_choice_on_real_packs(corpus: Path, name: str, profile: str) -> None:
    assert parse(corpus / name).profile == profile


def test_alameda_footer_is_furniture_thanks_to_its_profile(corpus: Path) -> None:
    doc = parse(corpus / "alameda/2015-03-17.pdf")
    assert not any("Alameda City Council" == b.text.strip() for b in doc.blocks)
    assert sum(1 for f in doc.furniture if f.text.strip() == "Alameda City Council") >= 15
