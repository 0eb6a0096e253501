"""One read of the file: the table pass reads the document the load stage opened, whatever the file is called."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pymupdf
import pytest

from agendapack import PackDocument, parse
from agendapack.models.issues import IssueCode
from agendapack.stages.load import OpenPdf, load_pack
from conftest import SAMPLE_PACK

# Latin-1 bytes in a file name: not UTF-8, so MuPDF cannot open the file by this name.
NOT_UTF8_NAME = b"comit\xe9-budget-\xff.pdf"


def _copy_named(folder: Path, name: bytes) -> Path:
    target = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
    shutil.copyfile(SAMPLE_PACK, target)
    return target


def _cells(doc: PackDocument) -> list[tuple[str, int, int, str]]:
    return [(c.table_id, c.row, c.col, c.text) for c in doc.records.table_cells]


def test_a_file_whose_name_is_not_utf8_keeps_its_tables(tmp_path: Path, sample_doc: PackDocument) -> None:
    path = _copy_named(tmp_path, NOT_UTF8_NAME)
    with pytest.raises(RuntimeError):  # the premise: MuPDF itself cannot open this name (FileDataError)
        pymupdf.open(path, filetype="pdf")
    doc = parse(path)
    assert sample_doc.records.tables, "the sample pack has tables"
    assert [t.record_id for t in doc.records.tables] == [t.record_id for t in sample_doc.records.tables]
    assert _cells(doc) == _cells(sample_doc)
    assert len(doc.records.budget_lines) == len(sample_doc.records.budget_lines)
    assert IssueCode.TABLE_PAGE_UNREADABLE not in {issue.code for issue in doc.issues}
    assert doc.source.file_name == "comit\\xe9-budget-\\xff.pdf"


def test_parse_opens_the_file_once(monkeypatch: pytest.MonkeyPatch, sample_doc: PackDocument) -> None:
    opened: list[object] = []
    real_open = pymupdf.open

    def counting_open(*args, **kwargs):
        opened.append(args[0] if args else kwargs.get("stream", kwargs.get("filename")))
        return real_open(*args, **kwargs)

    monkeypatch.setattr(pymupdf, "open", counting_open)
    doc = parse(SAMPLE_PACK)
    assert len(opened) == 1, opened
    assert len(doc.records.tables) == len(sample_doc.records.tables) > 0


def test_drawings_are_read_only_for_the_pages_the_table_pass_asks_for(monkeypatch: pytest.MonkeyPatch, sample_doc: PackDocument) -> None:
    asked: list[int] = []
    real_content = OpenPdf.content

    def recording_content(self: OpenPdf, page_no: int, chars: bool = False):
        asked.append(page_no)
        return real_content(self, page_no, chars)

    monkeypatch.setattr(OpenPdf, "content", recording_content)
    parse(SAMPLE_PACK)
    table_pages = {page for table in sample_doc.records.tables for page in table.pages}
    assert table_pages <= set(asked)
    assert len(asked) == len(set(asked)), "each candidate page is read once"
    assert len(asked) < sample_doc.source.page_count, "pages without table evidence are not read again"


def test_open_pdf_reads_one_page_at_a_time_and_reports_what_it_cannot_read_as_none() -> None:
    with OpenPdf(SAMPLE_PACK) as pdf:
        loaded = load_pack(SAMPLE_PACK, opened=pdf)
        blocks, drawings = pdf.content(1)
        assert blocks == [] and isinstance(drawings, list)
        with_chars, _ = pdf.content(1, chars=True)
        assert any(span.get("chars") for block in with_chars for line in block.get("lines", []) for span in line["spans"])
        assert pdf.content(len(loaded.pages) + 1) is None
    assert pdf.content(1) is None, "a closed handle does not open the file again"
