"""Real packs from ../shared/corpus (marked `corpus`): furniture, blank pages, outline sections."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from agendapack import PackDocument, Status, parse
from agendapack.models.clean import FurnitureKind
from agendapack.models.issues import IssueCode

QUESTIONS = "kent-cc/Questions put and answers given 13th-Mar-2025 10.00 County Council.pdf"
PUBLIC_PACK = "kent-cc/Public reports pack 13th-Mar-2025 15.00 Cabinet.pdf"
FOOTER_RE = re.compile(r"(?:^|\s)Page \d{1,3}(?:\s|$)")


def footer_leaks(doc: PackDocument) -> list[str]:
    return [block.text for block in doc.blocks if FOOTER_RE.search(block.text)]


def test_questions_pack_blank_pages_footers_and_sections(corpus: Path) -> None:
    doc = parse(corpus / QUESTIONS)
    assert doc.status is Status.SUCCESS
    assert [p.page for p in doc.pages if p.is_blank] == [2, 20]
    footers = [(f.page, f.value) for f in doc.furniture if f.kind is FurnitureKind.PAGE_NUMBER]
    assert footers == [(page, str(page - 2)) for page in range(3, 20)]
    assert footer_leaks(doc) == []
    assert [(s.item_number, s.title, s.page_start, s.page_end, s.kind.value, s.source.value) for s in doc.sections] == [
        (None, "Agenda", 1, 2, "agenda", "outline"),
        ("6", "Questions", 3, 20, "questions", "outline"),
    ]
    stamps = [(f.page, f.value) for f in doc.furniture if f.kind is FurnitureKind.AGENDA_ITEM_STAMP]
    assert stamps == [(3, "6")]


def test_public_reports_pack(corpus: Path) -> None:
    doc = parse(corpus / PUBLIC_PACK)
    assert [p.is_blank for p in doc.pages] == [False, True]
    assert [(s.title, s.page_start, s.page_end, s.kind.value) for s in doc.sections] == [("Agenda", 1, 2, "agenda")]
    assert footer_leaks(doc) == []
    blank_notice = [f for f in doc.furniture if f.kind is FurnitureKind.BLANK_PAGE_NOTICE]
    assert [f.page for f in blank_notice] == [2]


def test_outline_sections_cover_finance_report_children(corpus: Path) -> None:
    doc = parse(corpus / "kent-cc/24-00108 - Finance Monitoring Report - Q3 - November 2024-25.pdf")
    by_title = {s.title: s for s in doc.sections}
    revenue = by_title["Revenue Budget Forecast"]
    assert (revenue.item_number, revenue.page_start, revenue.page_end) == ("3", 5, 28)
    child = by_title["Adult Social Care & Health including Public Health"]
    assert (child.parent_id, child.level, child.page_start, child.page_end) == (revenue.section_id, 2, 7, 10)
    # two entries on page 3: the first ends on its own page, the second runs on
    assert [(s.title, s.page_start, s.page_end) for s in doc.sections[1:3]] == [("Introduction and Headlines", 3, 3), ("Recommendations", 3, 4)]
    assert all(p.printed_label == str(p.page) for p in doc.pages)  # "Page N of 54" footers


def manifest(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["local_path"].endswith(".pdf")]


def test_every_corpus_pdf_parses_from_the_cli_without_a_traceback(corpus: Path, tmp_path: Path) -> None:
    rows = manifest(corpus)
    assert len(rows) >= 49
    paths = [str(corpus / row["local_path"]) for row in rows]
    # text layers only here: the scanned files are read by OCR in test_scanned_files_are_read_by_ocr
    command = [sys.executable, "-m", "agendapack", "parse", *paths, "--out", str(tmp_path), "--ocr", "never"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stdout + result.stderr
    documents = {json.loads(p.read_text())["source"]["file_name"]: json.loads(p.read_text()) for p in tmp_path.glob("*/document.json")}
    assert len(documents) == len({Path(p).name for p in paths})
    scanned = {Path(row["local_path"]).name for row in rows if row["text_ok"] == "no"}
    for name, doc in documents.items():
        codes = {issue["code"] for issue in doc["issues"]}
        if name in scanned:
            assert doc["status"] == "skipped" and IssueCode.NO_TEXT_LAYER in codes, name
        else:
            assert doc["status"] in ("success", "partial_success"), (name, doc["status"], doc["issues"])
    # a scanned file makes the run's exit code say "skipped" unless something worse happened
    assert result.returncode in (0, 3, 4)


@pytest.mark.parametrize("name", ["nipissing/June-18-2024-Council-Agenda-Package.pdf", "camelot/image.pdf"])
def test_scanned_files_report_every_page_when_ocr_is_off(corpus: Path, name: str) -> None:
    doc = parse(corpus / name, ocr="never")
    scanned_pages = [issue.page for issue in doc.issues if issue.code is IssueCode.NO_TEXT_LAYER]
    assert scanned_pages == [p.page for p in doc.pages] and scanned_pages
    assert doc.status is Status.SKIPPED
