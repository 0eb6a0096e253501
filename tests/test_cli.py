"""The command line: every command runs, exits with the documented code, and is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from agendapack.cli import EXIT_CODES, app
from agendapack.models.document import Status
from conftest import ROOT, SAMPLE_PACK, SCANNED

runner = CliRunner()


def test_parse_writes_the_pack_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE_PACK), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (folder,) = tmp_path.iterdir()
    assert folder.name.startswith("sample-pack-")
    assert json.loads((folder / "document.json").read_text())["status"] == "success"


def test_partial_success_exit_code(tmp_path: Path) -> None:
    # with OCR off the scanned page stays unread: the pack is read only in part
    result = runner.invoke(app, ["parse", str(SCANNED), "-o", str(tmp_path), "--ocr", "never"])
    assert result.exit_code == EXIT_CODES[Status.PARTIAL_SUCCESS] == 3


def test_inspect_prints_outline_sections_and_furniture() -> None:
    result = runner.invoke(app, ["inspect", str(SAMPLE_PACK)])
    assert result.exit_code == 0, result.output
    for text in (
        "Outline",
        "3 Minutes -> page 4",
        "FPS Action Tracker",
        "action_tracker",
        "pages 28-29",
        "rotated_label: 2 on pages 19, 28",
        "blank pages: 3, 9, 31",
    ):
        assert text in result.output


def test_schema_command_writes_the_committed_schema(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "pack_document.schema.json").read_text() == (ROOT / "schemas" / "pack_document.schema.json").read_text()


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE_PACK), "-o", str(tmp_path), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "xlsx" in result.output


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    missing = [name for name in commands if not re.search(rf"agendapack {name}\b", readme)]
    assert not missing, f"README does not show: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()[1:]] == ["make run", "make test"]
