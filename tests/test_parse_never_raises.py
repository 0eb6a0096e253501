"""`parse`, `inspect` and `review` never raise on hostile input: text that is not Unicode, a lying page count,
figures too large for a 64-bit integer, a file name that is not UTF-8."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from agendapack import Status, parse
from agendapack.cli import app
from agendapack.models.issues import IssueCode
from agendapack.output.write import OutputFormat, write_document
from bad_inputs import _FONT, _text_page_objects, outlined_pdf, raw_pdf, write
from conftest import SAMPLE_PACK

runner = CliRunner()
ALL = (OutputFormat.JSON, OutputFormat.CSV, OutputFormat.PARQUET)


def one_page_objects() -> list[bytes]:
    pages, _ = _text_page_objects(["Agenda"], first_object=4)
    return [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT, *pages]


def with_info(pdf: bytes, info_object: int) -> bytes:
    return pdf.replace(b"trailer\n<<", b"trailer\n<< /Info %d 0 R" % info_object)


# UTF-16BE text strings ending in a high or low surrogate with no partner: MuPDF hands them over as lone surrogates.
SURROGATE_OUTLINE = outlined_pdf([b"<< /Title <FEFF00410067D800> /Parent {root} /Dest [{p1} /Fit] >>"])
SURROGATE_TITLE = with_info(raw_pdf([*one_page_objects(), b"<< /Title <FEFF00410042DC00> >>"]), 6)
LYING_COUNT = raw_pdf([*one_page_objects()[:1], b"<< /Type /Pages /Kids [4 0 R] /Count 2000000000 >>", *one_page_objects()[2:]])


@pytest.mark.parametrize(("name", "data"), [("surrogate-outline.pdf", SURROGATE_OUTLINE), ("surrogate-title.pdf", SURROGATE_TITLE)])
def test_text_that_is_not_unicode_is_replaced_and_the_pack_is_written(tmp_path: Path, name: str, data: bytes) -> None:
    doc = parse(write(tmp_path, name, data))
    assert doc.status is Status.SUCCESS
    folder = write_document(doc, tmp_path / "out", ALL)
    written = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    text = json.dumps(written, ensure_ascii=False)
    assert "\ufffd" in text  # the bad code unit is shown as a replacement character, the rest kept
    if name == "surrogate-outline.pdf":
        assert written["outline"][0]["title"].startswith("Ag\ufffd")
    else:
        assert written["source"]["title"].startswith("AB\ufffd")


def test_a_lying_page_count_is_a_broken_pdf_in_parse_inspect_and_review(tmp_path: Path) -> None:
    path = write(tmp_path, "count-lie.pdf", LYING_COUNT)
    doc = parse(path)
    assert doc.status is Status.FAILURE
    assert [issue.code for issue in doc.issues] == [IssueCode.BROKEN_PDF]
    for args in (["parse", str(path), "-o", str(tmp_path / "out")], ["inspect", str(path)], ["review", str(path), "-o", str(tmp_path / "r.html")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)


def test_a_money_figure_beyond_64_bits_is_written_as_a_float_and_kept_exact_in_json(sample_doc, tmp_path: Path) -> None:
    lines = sample_doc.records.budget_lines
    assert lines, "the sample pack has budget lines"
    huge = [lines[0].model_copy(update={"amount": Decimal(2**63), "amount_pounds": Decimal(10**400)}), *lines[1:]]
    doc = sample_doc.model_copy(update={"records": sample_doc.records.model_copy(update={"budget_lines": huge})})
    folder = write_document(doc, tmp_path, ALL)
    table = pq.read_table(folder / "budget_lines.parquet").to_pylist()
    assert table[0]["amount"] == float(2**63)
    assert table[0]["amount_pounds"] is None  # no float holds 10^400; document.json has it exactly
    first_csv_row = (folder / "budget_lines.csv").read_text(encoding="utf-8").splitlines()[1]
    assert "9.223372036854776e+18" in first_csv_row
    assert json.loads((folder / "document.json").read_text())["records"]["budget_lines"][0]["amount"] == str(2**63)


def test_an_integer_beyond_64_bits_in_any_column_is_left_empty_in_every_format(sample_doc, tmp_path: Path) -> None:
    items = sample_doc.records.agenda_items
    misread = [items[0].model_copy(update={"printed_page_start": 10**30}), *items[1:]]
    doc = sample_doc.model_copy(update={"records": sample_doc.records.model_copy(update={"agenda_items": misread})})
    folder = write_document(doc, tmp_path, ALL)
    assert pq.read_table(folder / "agenda_items.parquet").to_pylist()[0]["printed_page_start"] is None
    header, first = (folder / "agenda_items.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert dict(zip(header.split(","), first.split(","), strict=False))["printed_page_start"] == ""


def test_a_file_name_that_is_not_utf8_keeps_its_tables(tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xff\xfe minutes-\xe9.pdf"))
    path.write_bytes(SAMPLE_PACK.read_bytes())
    normal, latin = parse(SAMPLE_PACK), parse(path)
    assert len(latin.records.tables) == len(normal.records.tables) > 5
    assert len(latin.records.table_cells) == len(normal.records.table_cells)
    assert not [issue for issue in latin.issues if issue.code is IssueCode.TABLE_PAGE_UNREADABLE]
    from agendapack.stages.load import render_page_png  # the review's page images open the file the same way

    assert render_page_png(path, 1, dpi=36).startswith(b"\x89PNG") and render_page_png(path, 1, dpi=36) == render_page_png(SAMPLE_PACK, 1, dpi=36)


def test_a_name_too_long_for_the_file_system_is_a_missing_file_not_an_exception(tmp_path: Path) -> None:
    doc = parse(tmp_path / ("a" * 300 + ".pdf"))
    assert doc.status is Status.FAILURE
    assert [issue.code for issue in doc.issues] == [IssueCode.FILE_NOT_FOUND]
    assert "too long" in doc.issues[0].message
