"""The command line: every command runs, exits with the documented code, and is documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agendapack import __version__
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
    result = runner.invoke(app, ["parse", str(SAMPLE_PACK), "-o", str(tmp_path), "--format", "ods"])
    assert result.exit_code == 2
    assert "ods" in result.output and "xlsx" in result.output  # names the choices


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    missing = [name for name in commands if not re.search(rf"agendapack {name}\b", readme)]
    assert not missing, f"README does not show: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()[1:]] == ["make run", "make test"]


# -- what a user meets first: version, help, exit codes, usage errors, untrusted text ---------


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command in a child process: stdout and stderr are pipes, not a terminal, as under cron."""
    return subprocess.run([sys.executable, "-m", "agendapack", *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def test_version_option_and_command_print_the_version() -> None:
    assert run("--version").stdout.strip() == __version__
    assert run("version").stdout.strip() == __version__


@pytest.mark.parametrize("command", ["parse", "inspect", "review", "batch"])
def test_help_lists_the_exit_codes_and_shows_flags_as_flags(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "Exit codes" in result.stdout
    for code in ("0", "1", "2", "3", "4", "5"):
        assert re.search(rf"^\s+{code}\s+\S", result.stdout, re.M), (command, code)
    assert "<bool>" not in result.stdout and "BOOLEAN" not in result.stdout
    flags = {"parse": "--review", "batch": "--force", "inspect": "--help", "review": "--help"}[command]
    assert re.search(rf"^\s+{flags}\s{{2,}}\w", result.stdout, re.M), result.stdout  # the flag, then its help: no value


def test_batch_help_lists_its_own_exit_codes() -> None:
    text = run("batch", "--help").stdout
    assert re.search(r"^\s+5\s+the batch could not run", text, re.M) and re.search(r"^\s+130\s+interrupted", text, re.M)


def test_output_off_a_terminal_is_not_wrapped_at_80_columns(tmp_path: Path) -> None:
    deep = tmp_path / ("a-folder-with-a-long-name-" * 3)
    deep.mkdir()
    pdf = deep / ("minutes-of-the-meeting-of-the-cabinet-held-on-thursday-" * 2 + ".pdf")
    pdf.write_bytes(SAMPLE_PACK.read_bytes())
    result = run("parse", str(pdf), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("success")]
    assert len(line) > 200 and line.endswith(str(next((tmp_path / "out").iterdir())))
    help_lines = run("batch", "--help").stdout.splitlines()
    assert max(len(line) for line in help_lines) > 100  # help is laid out to 120 columns, not 80


def test_parse_given_a_folder_says_to_use_batch(tmp_path: Path) -> None:
    result = run("parse", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "agendapack batch" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_parse_into_a_file_and_review_into_a_folder_are_usage_errors(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("a file")
    parsed = run("parse", str(SAMPLE_PACK), "-o", str(target))
    assert parsed.returncode == 2 and "not a folder" in parsed.stderr and "Traceback" not in parsed.stderr
    reviewed = run("review", str(SAMPLE_PACK), "-o", str(tmp_path))
    assert reviewed.returncode == 2 and "is a folder" in reviewed.stderr and "Traceback" not in reviewed.stderr


def test_an_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    result = run("parse", str(SAMPLE_PACK), "-o", str(tmp_path), "--profile", "no-such-council")
    assert result.returncode == 2 and "known profiles" in result.stderr and "Traceback" not in result.stderr


def test_markup_in_a_path_is_printed_as_it_is(tmp_path: Path) -> None:
    pdf = tmp_path / "minutes [red]x[bold].pdf"
    pdf.write_bytes(SAMPLE_PACK.read_bytes())
    out = tmp_path / "[" / "b] out"  # the path holds '[/b]', a closing tag with nothing open: rich raised MarkupError
    result = run("parse", str(pdf), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "minutes [red]x[bold].pdf" in result.stderr and "[/b] out" in result.stderr


def test_inspect_prints_escape_sequences_from_a_pdf_as_text(tmp_path: Path) -> None:
    from bad_inputs import outlined_pdf

    title = "\x1b]0;pwned\x07\x1b[31mAgenda [bold]x".encode("utf-16-be").hex().upper().encode()  # UTF-16: control codes kept as such
    hostile = outlined_pdf([b"<< /Title <FEFF" + title + b"> /Parent {root} /Dest [{p1} /Fit] >>"])
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(hostile)
    result = run("inspect", str(pdf))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[31mAgenda [bold]x" in result.stdout


def test_parse_never_silently_overwrites_another_file_whose_id_collides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agendapack import ids

    monkeypatch.setattr("agendapack.pipeline.make_pack_id", lambda name, sha: ids.make_pack_id(name, sha, hex_digits=0))
    for folder, source in (("a", SAMPLE_PACK), ("b", SCANNED)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "pack.pdf").write_bytes(source.read_bytes())
        result = runner.invoke(app, ["parse", str(tmp_path / folder / "pack.pdf"), "-o", str(tmp_path / "out")])
        assert result.exit_code in (0, 3), result.output
    folders = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(folders) == 2 and folders[0] == "pack-"
    shas = {json.loads((tmp_path / "out" / name / "document.json").read_text())["source"]["sha256"] for name in folders}
    assert len(shas) == 2
