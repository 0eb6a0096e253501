"""A small pack a worker reads before its first real file: an agenda, minutes with names and money, a ruled table.

Extractors load their libraries and models on first use (spaCy's pipeline, the
table finder); reading this pack first moves that cost out of the first real
file's time limit and out of the memory it is measured against. Written by
hand, so the worker needs no PDF writer.
"""

from __future__ import annotations

_PAGES: tuple[tuple[str, ...], ...] = (
    (
        "Cabinet",
        "Agenda",
        "1. Apologies for absence (Pages 1 - 2)",
        "2. Minutes of the meeting held on 30 January 2025 (Pages 2 - 3)",
        "3. Budget monitoring report (Page 3)",
    ),
    (
        "Minutes of the meeting of the Cabinet held on Thursday, 30 January 2025",
        "PRESENT: Councillor Jane Smith (Chair), Councillor Tom Brown and Councillor Amy Patel",
        "1. Apologies for absence",
        "Apologies were received from Councillor Lee Harris (Cabinet Member for Finance).",
        "2. Budget monitoring",
        "The Director of Finance reported an overspend of 1.2 million pounds, 3.5 per cent of the budget of Kent County Council.",
        "RESOLVED that the report be noted and the action plan be agreed.",
    ),
)
_TABLE_TITLE = "Appendix A - Budget by Directorate"
_TABLE_ROWS = (
    ("Directorate", "Budget 2025-26", "Forecast", "Variance"),
    ("Adult Social Care", "412,300", "418,900", "6,600"),
    ("Children's Services", "298,100", "301,400", "3,300"),
    ("Highways", "120,500", "119,800", "-700"),
    ("Total", "830,900", "840,100", "9,200"),
)
_COLUMNS = (56, 206, 336, 436)


def warm_up_pack() -> bytes:
    """The warm-up pack as PDF bytes."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    page_numbers = []
    for content in [*(_text(lines) for lines in _PAGES), _table_page()]:
        page_numbers.append(len(objects) + 1)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects) + 2))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    kids = b" ".join(b"%d 0 R" % number for number in page_numbers)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_numbers))
    return assemble_pdf(objects)


def _text(lines: tuple[str, ...]) -> bytes:
    rows = [b"BT /F1 11 Tf 56 740 Td 16 TL"]
    rows += [b"(%s) Tj T*" % _escape(line) for line in lines]
    rows.append(b"ET")
    return b"\n".join(rows)


def _table_page() -> bytes:
    """A title, then a ruled table whose cells are drawn apart, as a spreadsheet export draws them."""
    rows = [_text((_TABLE_TITLE,))]
    for index, cells in enumerate(_TABLE_ROWS):
        y = 700 - 20 * index
        rows += [b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x, y, _escape(cell)) for x, cell in zip(_COLUMNS, cells, strict=True)]
    top, bottom = 714, 714 - 20 * len(_TABLE_ROWS)
    rows.append(b"0.5 w")
    rows += [b"50 %d m 520 %d l S" % (y, y) for y in range(top, bottom - 1, -20)]
    rows += [b"%d %d m %d %d l S" % (x, top, x, bottom) for x in (50, 200, 330, 430, 520)]
    return b"\n".join(rows)


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def assemble_pdf(objects: list[bytes], header: bytes = b"%PDF-1.4\n") -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct cross-reference table."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
