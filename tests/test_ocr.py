"""OCR: pages without a usable text layer are read from their image by Tesseract, then run through the same pipeline.

The scanned sample pack (`fixtures/sample_pack_scanned.pdf`) is the sample pack rendered at 200 dpi,
skewed, noised and thresholded, with no text layer at all, so its records can be compared with
those of the same pages read from their text layer (`sample_pack_no_outline.pdf`: a scan has no
bookmarks, so the fair comparison is the text version without its outline).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from agendapack import PackDocument, parse
from agendapack.batch.warmup import assemble_pdf
from agendapack.models.issues import IssueCode
from agendapack.models.source import TextSource
from agendapack.ocr import engine as ocr_engine
from agendapack.ocr.garbled import garbled_reason
from agendapack.output.write import write_document
from conftest import FIXTURES, SCANNED

SCANNED_PACK = FIXTURES / "sample_pack_scanned.pdf"
sys.path.insert(0, str(FIXTURES))
from pdf_layout import render_text_raster  # noqa: E402  (the fixtures' own 5x7 raster font)


@pytest.fixture(scope="session")
def scanned_doc() -> PackDocument:
    return parse(SCANNED_PACK)


def norm(text: object) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).strip()


def similar(a: object, b: object, at_least: float = 0.85) -> bool:
    """Equal after normalising, or nearly: OCR may misread a letter or two in a long text."""
    x, y = norm(a), norm(b)
    return x == y or SequenceMatcher(None, x, y).ratio() >= at_least


# -- the scanned sample pack against its text version -----------------------------------------


def test_every_page_of_the_scanned_pack_is_read_by_ocr(scanned_doc: PackDocument) -> None:
    assert len(scanned_doc.pages) == 31
    assert all(page.text_source is TextSource.OCR and not page.has_text_layer and not page.needs_ocr for page in scanned_doc.pages)
    # clean 200 dpi print: Tesseract is sure of most words on every page
    assert all(page.ocr_confidence is not None and page.ocr_confidence > 0.8 for page in scanned_doc.pages)
    assert IssueCode.DOCUMENT_NO_TEXT not in {issue.code for issue in scanned_doc.issues}
    assert IssueCode.NO_TEXT_LAYER not in {issue.code for issue in scanned_doc.issues}


def test_the_scanned_pack_has_the_sections_and_page_ranges_of_the_text_version(scanned_doc: PackDocument, no_outline_doc: PackDocument) -> None:
    def shape(doc: PackDocument) -> list[tuple]:
        return [(s.level, s.page_start, s.page_end, s.kind.value) for s in doc.sections]

    assert shape(scanned_doc) == shape(no_outline_doc)


def test_the_scanned_pack_finds_the_same_blank_pages(scanned_doc: PackDocument, no_outline_doc: PackDocument) -> None:
    assert [p.page for p in scanned_doc.pages if p.is_blank] == [p.page for p in no_outline_doc.pages if p.is_blank] == [3, 9, 31]


# For each record family: when a scanned record is the same as a text one. Exact on numbers,
# page and kind; text fields compared loosely, because OCR may misread a letter.
SAME: dict[str, Callable[[object, object], bool]] = {
    "agenda_items": lambda a, b: norm(a.item_number) == norm(b.item_number) and similar(a.title, b.title),
    "attendance": lambda a, b: a.attendance_type == b.attendance_type and similar(a.name, b.name, 0.8),
    "minute_items": lambda a, b: norm(a.item_number) == norm(b.item_number) and similar(a.title, b.title) and similar(a.text[:200], b.text[:200], 0.8),
    "resolutions": lambda a, b: similar(a.text, b.text, 0.8),
    "budget_lines": lambda a, b: a.amount == b.amount and a.is_total == b.is_total and similar(a.line_item, b.line_item, 0.8),
    "tracker_rows": lambda a, b: a.kind == b.kind and similar(a.item, b.item, 0.8),
}


def matched_share(text_records: list, scanned_records: list, same: Callable[[object, object], bool]) -> tuple[float, list]:
    unused = list(scanned_records)
    missed = []
    for record in text_records:
        match = next((other for other in unused if same(record, other)), None)
        if match is None:
            missed.append(record)
        else:
            unused.remove(match)
    return 1 - len(missed) / max(len(text_records), 1), missed


# Measured on the committed scan: agenda items 100%, attendance 95%, minute items 90%, resolutions
# 100%, budget lines 94%, tracker rows 91% (OCR reads ruled tables cell by cell, `ocr.cells`).
@pytest.mark.parametrize("family", sorted(SAME))
def test_the_scanned_pack_keeps_nine_in_ten_records_of_each_family(family: str, scanned_doc: PackDocument, no_outline_doc: PackDocument) -> None:
    text_records = getattr(no_outline_doc.records, family)
    assert text_records, f"the text version has no {family} to compare with"
    share, missed = matched_share(text_records, getattr(scanned_doc.records, family), SAME[family])
    assert share >= 0.9, f"{family}: {share:.0%} of {len(text_records)} found in the scan; missed: {missed[:5]}"


def test_misread_thousands_separators_in_the_scanned_budget_are_repaired_and_reported(scanned_doc: PackDocument) -> None:
    repaired = [issue for issue in scanned_doc.issues if issue.code is IssueCode.OCR_FIGURE_REPAIRED]
    assert repaired and all(issue.page == 19 for issue in repaired)
    assert re.search(r"read as '-?\d{1,3},\d{3}', OCR confidence 0\.\d\d", repaired[0].message)
    # the budget line keeps the figure as OCR read it; its amount is the repaired one
    line = next(line for line in scanned_doc.records.budget_lines if re.fullmatch(r"-?\d{1,3}[.;:]\d{3}", line.amount_text))
    assert abs(line.amount) >= 1000


def test_pages_csv_says_which_pages_were_read_by_ocr(scanned_doc: PackDocument, tmp_path: Path) -> None:
    folder = write_document(scanned_doc, tmp_path, ["csv"])
    header, *rows = (folder / "pages.csv").read_text(encoding="utf-8").splitlines()
    columns = header.split(",")
    source, confidence = columns.index("text_source"), columns.index("ocr_confidence")
    assert len(rows) == 31
    assert all(row.split(",")[source] == "ocr" and 0.8 < float(row.split(",")[confidence]) <= 1.0 for row in rows)


def test_records_read_from_ocr_text_say_so_with_their_confidence(scanned_doc: PackDocument) -> None:
    items = scanned_doc.records.minute_items
    assert items
    for item in items:
        assert all(p.text_source is TextSource.OCR and p.ocr_confidence is not None and 0.5 < p.ocr_confidence <= 1.0 for p in item.provenance)


def test_text_layer_records_carry_no_ocr_confidence(sample_doc: PackDocument) -> None:
    provenance = [p for item in sample_doc.records.minute_items for p in item.provenance]
    assert provenance and all(p.text_source is TextSource.TEXT_LAYER and p.ocr_confidence is None for p in provenance)


# -- modes, and OCR not installed ---------------------------------------------------------------


def test_ocr_always_rereads_pages_that_have_a_text_layer() -> None:
    doc = parse(SCANNED, ocr="always")
    assert [p.text_source for p in doc.pages] == [TextSource.OCR, TextSource.OCR]
    assert doc.pages[0].has_text_layer  # what the PDF carries is still said
    assert "Scanned agenda test" in " ".join(b.text for b in doc.blocks if b.page == 1)


def test_ocr_auto_leaves_text_layer_pages_alone() -> None:
    doc = parse(SCANNED)
    assert [p.text_source for p in doc.pages] == [TextSource.TEXT_LAYER, TextSource.OCR]
    page_two = " ".join(b.text for b in doc.blocks if b.page == 2)
    assert "MINUTES" in page_two


def test_auto_without_an_engine_behaves_as_before_and_says_ocr_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_engine, "engine_problem", lambda: "OCR is not installed: the tesserocr package is missing (pip install 'agendapack[ocr]')")
    doc = parse(SCANNED)
    issues = [issue for issue in doc.issues if issue.code is IssueCode.NO_TEXT_LAYER]
    assert [issue.page for issue in issues] == [2]
    assert "OCR is not installed" in issues[0].message and "agendapack[ocr]" in issues[0].message
    assert [p.text_source for p in doc.pages] == [TextSource.TEXT_LAYER, TextSource.NONE]
    assert doc.pages[1].needs_ocr


def test_a_bad_ocr_mode_is_a_usage_error() -> None:
    result = subprocess.run([sys.executable, "-m", "agendapack", "parse", str(SCANNED), "--ocr", "sometimes"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "--ocr" in result.stderr


def test_the_library_rejects_a_bad_ocr_mode() -> None:
    with pytest.raises(ValueError, match="OCR mode"):
        parse(SCANNED, ocr="sometimes")


# -- blank scans and garbled text layers -------------------------------------------------------


def _image_page(width: int, height: int, grey: bytes, extra_content: bytes = b"", fonts: bytes = b"") -> bytes:
    """A one-page PDF drawing an 8-bit grey image over the whole page, plus optional content."""
    import zlib

    data = zlib.compress(grey)
    header = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>"
    image = header % (width, height, len(data)) + b"\nstream\n%s\nendstream" % data
    content = b"q 612 0 0 792 0 0 cm /Im1 Do Q " + extra_content
    stream = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    resources = b"<< /XObject << /Im1 5 0 R >> %s >>" % fonts
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents 4 0 R >>" % resources,
        stream,
        image,
    ]
    if fonts:
        # every character code mapped to a private-use glyph name: the text layer reads as U+F0xx
        names = b" ".join(b"/uniF0%02X" % i for i in range(32, 127))
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [32 %s] >> >>" % names)
    return assemble_pdf(objects)


def test_a_scanned_blank_back_page_is_blank(tmp_path: Path) -> None:
    width, height = 850, 1100
    paper = bytearray([240]) * (width * height)
    for k in range(0, width * height, 7919):  # a few dust specks
        paper[k] = 90
    path = tmp_path / "blank-scan.pdf"
    path.write_bytes(_image_page(width, height, bytes(paper)))
    doc = parse(path)
    page = doc.pages[0]
    assert page.is_blank and page.text_source is TextSource.OCR and not page.needs_ocr
    assert not doc.blocks


def test_a_garbled_text_layer_is_reported_and_read_by_ocr_instead(tmp_path: Path) -> None:
    lines = ["MINUTES OF THE MEETING", "", "ITEM 3. MINUTES", "", "RESOLVED: THAT THE MINUTES BE APPROVED."]
    width, height = 1275, 1650
    raster = render_text_raster(lines, width, height, scale=6, margin=120)
    # an invisible (render mode 3) text layer of private-use glyphs over the scan: an old, broken OCR layer
    soup = b"BT 3 Tr /F1 11 Tf 72 720 Td 14 TL " + b" ".join([b"(Minutes of the meeting held on Tuesday) '"] * 8) + b" ET"
    path = tmp_path / "garbled.pdf"
    path.write_bytes(_image_page(width, height, raster, soup, b"/Font << /F1 6 0 R >>"))
    doc = parse(path)
    garbled = [issue for issue in doc.issues if issue.code is IssueCode.GARBLED_TEXT_LAYER]
    assert [issue.page for issue in garbled] == [1]
    assert "read by OCR instead" in garbled[0].message
    assert doc.pages[0].text_source is TextSource.OCR and doc.pages[0].has_text_layer
    assert "MINUTES" in " ".join(block.text for block in doc.blocks)
    off = parse(path, ocr="never")
    assert [issue.page for issue in off.issues if issue.code is IssueCode.GARBLED_TEXT_LAYER] == [1]
    assert off.pages[0].text_source is TextSource.TEXT_LAYER


@pytest.mark.parametrize(
    "text",
    [
        "\uf04d\uf069\uf06e\uf075\uf074\uf065\uf073 \uf06f\uf066 \uf074\uf068\uf065 " * 10,  # unmapped glyphs (private use)
        "The Elec[ons Commi[ee met on the no[fica[on of elec[ons and the cer[fica[on of the results for the ward. " * 2,
        "3+,6 ,6 $ 7(67 2) 7+( #$%^ &*() ;:<> ~`|\\ ]}{[ 3+,6 ,6 $ 7(67 2) 7+( #$%^ &*() ;:<> ~`|\\ ]}{[ 3+,6 ,6 $ 7(67",
    ],
)
def test_garbage_text_layers_are_recognised(text: str) -> None:
    assert garbled_reason(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Minutes of a meeting of the Family and People Services Policy & Scrutiny Committee held on Monday 25 November 2019.",
        "Sovereign Borough General Fund -79,169 -60,740 -77,710 -217,619 Metropolitan Police -5,000 -10,000 -5,000 -20,000 " * 2,
        "1. Introduction ........................ 4\n2. Background ........................ 5\n" * 2
        + "3. Budget | £000s | 2024-25 | (1,234) | 12.5% | R2024-138 | SW1E 6QP " * 2,
        "Procès-verbal de la séance du conseil municipal du 12 décembre 2024 : présents, excusés, "
        "délibérations adoptées à l'unanimité, résolutions et votes des conseillers présents.",
    ],
)
def test_real_text_is_not_called_garbled(text: str) -> None:
    assert garbled_reason(text) is None


# -- the corpus's scanned files -----------------------------------------------------------------


def scanned_corpus_files(corpus: Path) -> list[Path]:
    import csv

    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [corpus / row["local_path"] for row in csv.DictReader(handle, delimiter="\t") if row["text_ok"] == "no"]


def test_scanned_corpus_files_are_read_by_ocr(corpus: Path) -> None:
    files = scanned_corpus_files(corpus)
    assert len(files) >= 4  # the manifest marks the image-only files
    for path in files:
        doc = parse(path)
        assert doc.status.value != "skipped", (path.name, [i.message for i in doc.issues if i.severity.value == "error"])
        assert IssueCode.DOCUMENT_NO_TEXT not in {issue.code for issue in doc.issues}, path.name
        # no scanned page is left unread; the ones read say so (a page with neither text nor images stays 'none')
        assert not [page.page for page in doc.pages if page.needs_ocr], path.name
        assert any(page.text_source is TextSource.OCR for page in doc.pages), path.name
        assert all(page.text_source is not TextSource.TEXT_LAYER for page in doc.pages if not page.has_text_layer), path.name
        assert any(block.text for block in doc.blocks), path.name
