"""Bad input gives a typed failure or skipped document and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from agendapack import Status, parse
from agendapack.cli import EXIT_CODES
from agendapack.models.issues import IssueCode
from bad_inputs import ZERO_PAGE_PDF, broken_xref, encrypted_pdf, small_pdf, truncated, write
from conftest import SCANNED


def codes(doc) -> set[str]:
    return {issue.code for issue in doc.issues}


def test_not_a_pdf_is_a_failure_with_a_clear_issue(tmp_path: Path) -> None:
    doc = parse(write(tmp_path, "minutes.pdf", b"<html><body>Not found</body></html>"))
    assert doc.status is Status.FAILURE
    assert codes(doc) == {IssueCode.NOT_A_PDF}
    assert "not a PDF" in doc.issues[0].message


def test_empty_file_is_a_failure(tmp_path: Path) -> None:
    doc = parse(write(tmp_path, "empty.pdf", b""))
    assert doc.status is Status.FAILURE
    assert codes(doc) == {IssueCode.EMPTY_FILE}


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    doc = parse(tmp_path / "nowhere.pdf")
    assert doc.status is Status.FAILURE
    assert codes(doc) == {IssueCode.FILE_NOT_FOUND}


def test_password_protected_pdf_is_a_failure(tmp_path: Path) -> None:
    doc = parse(write(tmp_path, "locked.pdf", encrypted_pdf("letmein")))
    assert doc.status is Status.FAILURE
    assert codes(doc) == {IssueCode.ENCRYPTED}
    assert doc.source.encrypted


def test_encrypted_pdf_without_user_password_is_read(tmp_path: Path) -> None:
    doc = parse(write(tmp_path, "owner-only.pdf", encrypted_pdf("")))
    assert doc.status is Status.SUCCESS
    assert doc.source.encrypted
    assert [p.printed_label for p in doc.pages] == ["1", "2", "3"]


def test_zero_pages_is_skipped(tmp_path: Path) -> None:
    doc = parse(write(tmp_path, "zero.pdf", ZERO_PAGE_PDF))
    assert doc.status is Status.SKIPPED
    assert IssueCode.NO_PAGES in codes(doc)


@pytest.mark.parametrize("share", [0.05, 0.3, 0.6, 0.9, 0.99])
def test_truncated_pdf_never_raises_and_reports(tmp_path: Path, share: float) -> None:
    doc = parse(write(tmp_path, f"cut-{share}.pdf", truncated(small_pdf(5), share)))
    # MuPDF repairs what it can: a repaired file is read with a warning, an unrepairable one fails.
    assert doc.status in (Status.FAILURE, Status.PARTIAL_SUCCESS, Status.SUCCESS, Status.SKIPPED)
    assert codes(doc) & {IssueCode.BROKEN_PDF, IssueCode.REPAIRED_PDF, IssueCode.NO_PAGES, IssueCode.PAGE_UNREADABLE}


def test_broken_xref_is_repaired_and_said(tmp_path: Path) -> None:
    doc = parse(write(tmp_path, "xref.pdf", broken_xref(small_pdf(2))))
    assert IssueCode.REPAIRED_PDF in codes(doc)
    assert doc.source.repaired
    assert len(doc.pages) == 2


def test_scanned_page_is_reported_with_its_page_when_ocr_is_off() -> None:
    doc = parse(SCANNED, ocr="never")
    scanned = [issue for issue in doc.issues if issue.code is IssueCode.NO_TEXT_LAYER]
    assert [issue.page for issue in scanned] == [2]
    assert "OCR is off" in scanned[0].message
    assert doc.status is Status.PARTIAL_SUCCESS
    assert [p.needs_ocr for p in doc.pages] == [False, True]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "agendapack", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("not.pdf", b"hello", Status.FAILURE),
        ("zero.pdf", ZERO_PAGE_PDF, Status.SKIPPED),
        ("locked.pdf", None, Status.FAILURE),
    ],
)
def test_cli_exit_code_is_non_zero_without_traceback(tmp_path: Path, name: str, data: bytes | None, status: Status) -> None:
    path = write(tmp_path, name, data if data is not None else encrypted_pdf("pw"))
    result = run_cli("parse", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == EXIT_CODES[status] != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert (tmp_path / "out").is_dir()


def test_non_utf8_file_name_is_read_and_written(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9 minutes.pdf")  # a Latin-1 name, as old Windows shares produce
    path = tmp_path / name
    path.write_bytes(small_pdf(2))
    doc = parse(path)
    assert doc.status is Status.SUCCESS
    assert doc.source.file_name == "caf\\xe9 minutes.pdf"
    assert doc.pack_id.startswith("caf-xe9-minutes-")
    result = run_cli("parse", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / doc.pack_id / "document.json").is_file()
