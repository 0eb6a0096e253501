"""Generators of broken input files, for the bad-input tests (and later the batch suite)."""

from __future__ import annotations

import io
import os
from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from agendapack.batch.warmup import assemble_pdf

ZERO_PAGE_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
trailer << /Root 1 0 R /Size 3 >>
%%EOF
"""


def small_pdf(pages: int = 3, encrypt: pdfencrypt.StandardEncryption | None = None) -> bytes:
    """A valid text PDF with a 'Page N' footer on each page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1, encrypt=encrypt)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 760, f"Report heading {number}")
        pdf.drawString(72, 740, "The committee noted the report and its recommendations.")
        pdf.setFont("Helvetica", 9)
        pdf.drawCentredString(297, 30, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    return small_pdf(encrypt=pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=0))


def truncated(data: bytes, share: float) -> bytes:
    return data[: max(int(len(data) * share), 1)]


def broken_xref(data: bytes) -> bytes:
    """Make `startxref` point into the middle of the file, so no cross-reference table is found there."""
    marker = data.rfind(b"startxref")
    return data[:marker] + b"startxref\n17\n%%EOF\n"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# -- hand-built PDFs: structures a PDF writer library will not produce ----------


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct cross-reference table."""
    return assemble_pdf(objects, header=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")


def _stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)


def _text_page_objects(texts: list[str], first_object: int) -> tuple[list[bytes], list[int]]:
    """Page objects (parent 2, font 3) each followed by its content stream; returns the bodies and page object numbers."""
    bodies: list[bytes] = []
    numbers: list[int] = []
    for text in texts:
        page_no = first_object + len(bodies)
        numbers.append(page_no)
        content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
        bodies.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_no + 1))
        bodies.append(_stream(content))
    return bodies, numbers


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def outlined_pdf(outline_items: list[bytes], page_texts: tuple[str, ...] = ("Agenda", "Minutes of the last meeting")) -> bytes:
    """Pages of text plus an outline whose items are given raw (objects numbered after the pages).

    Items may refer to pages as `{p1}`, `{p2}` ... and to other items as `{o1}`, `{o2}` ...
    """
    page_bodies, page_numbers = _text_page_objects(list(page_texts), first_object=4)
    outline_root = 4 + len(page_bodies)
    item_numbers = [outline_root + 1 + index for index in range(len(outline_items))]
    names = {f"p{i}": b"%d 0 R" % n for i, n in enumerate(page_numbers, start=1)} | {f"o{i}": b"%d 0 R" % n for i, n in enumerate(item_numbers, start=1)}
    items = [_fill(item, names | {"root": b"%d 0 R" % outline_root}) for item in outline_items]
    kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Outlines %d 0 R /PageMode /UseOutlines >>" % outline_root,
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_numbers)),
        _FONT,
        *page_bodies,
        b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (item_numbers[0], item_numbers[-1], len(item_numbers)),
        *items,
    ]
    return raw_pdf(objects)


def _fill(template: bytes, names: dict[str, bytes]) -> bytes:
    for name, value in names.items():
        template = template.replace(b"{" + name.encode() + b"}", value)
    return template


def cyclic_outline_pdf() -> bytes:
    """Two outline items whose /Next pointers loop back to each other forever."""
    return outlined_pdf([
        b"<< /Title (1. Agenda) /Parent {root} /Next {o2} /Dest [{p1} /Fit] >>",
        b"<< /Title (2. Minutes) /Parent {root} /Prev {o1} /Next {o1} /Dest [{p2} /Fit] >>",
    ])


def self_child_outline_pdf() -> bytes:
    """An outline item that is its own first child."""
    return outlined_pdf([b"<< /Title (1. Agenda) /Parent {root} /First {o1} /Last {o1} /Count 1 /Dest [{p1} /Fit] >>"])


def outline_past_last_page_pdf() -> bytes:
    """A two-page file whose second outline item targets page 99 (a page index far past the end)."""
    return outlined_pdf([
        b"<< /Title (1. Agenda) /Parent {root} /Next {o2} /Dest [{p1} /Fit] >>",
        b"<< /Title (2. Minutes) /Parent {root} /Prev {o1} /Dest [98 /XYZ 0 792 0] >>",
    ])


def page_tree_cycle_pdf() -> bytes:
    """A page tree whose /Kids holds the tree itself besides one real page."""
    page_bodies, _ = _text_page_objects(["Agenda"], first_object=4)
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>", _FONT, *page_bodies])


def zero_size_page_pdf() -> bytes:
    """One page with an empty MediaBox."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 0 0] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        _stream(b"BT /F1 12 Tf 0 0 Td (Nothing fits) Tj ET"),
    ])


# -- heavy files: big or slow, for the batch limits -----------------------------


def many_drawings_pdf(count: int = 20_000) -> bytes:
    """One page of text holding `count` tiny filled rectangles."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 800, "Appendix B - site plan")
    for index in range(count):
        x, y = 20 + (index % 200) * 2.8, 40 + (index // 200) * 7.2
        pdf.rect(x, y, 1.2, 1.2, stroke=0, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def many_pages_pdf(pages: int = 5_000) -> bytes:
    """A long file: one short line and a page number per page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 760, f"Schedule of payments, line {number}")
        pdf.drawCentredString(297, 30, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def dense_pages_pdf(pages: int = 5_000, lines: int = 50) -> bytes:
    """A long file of full pages: `lines` lines on each, drawn once as a form and shown on every page.

    The file stays small and quick to build while reading it costs tens of times what
    `many_pages_pdf` does, so a test that needs a file to outlast a time limit does not depend
    on how fast the machine is.
    """
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.beginForm("body")
    pdf.setFont("Helvetica", 10)
    for line in range(lines):
        pdf.drawString(72, 780 - 14 * line, f"Payment {line + 1} to the supplier named in schedule {line % 7}, amount {line * 37 % 1000}.00")
    pdf.endForm()
    for number in range(1, pages + 1):
        pdf.doForm("body")
        pdf.setFont("Helvetica", 9)
        pdf.drawCentredString(297, 30, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def ruled_grid_pdf(lines: int = 200, pages: int = 1) -> bytes:
    """`pages` pages, each ruled into a `lines` x `lines` grid of cells with a digit in some: a table finder's worst case."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(842, 842), invariant=1)
    for _ in range(pages):
        _draw_ruled_grid(pdf, lines)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_ruled_grid(pdf: canvas.Canvas, lines: int) -> None:
    pdf.setLineWidth(0.1)
    step = 800 / lines
    for index in range(lines + 1):
        offset = 21 + index * step
        pdf.line(21, offset, 821, offset)
        pdf.line(offset, 21, offset, 821)
    pdf.setFont("Helvetica", 1.5)
    for row in range(0, lines, 7):
        for column in range(0, lines, 5):
            pdf.drawString(21.3 + column * step, 21.3 + row * step, str((row + column) % 10))


def garbage_after_header(size: int = 4096, seed: int = 7) -> bytes:
    """A PDF header followed by pseudo-random bytes."""
    import random

    return b"%PDF-1.5\n" + random.Random(seed).randbytes(size)


# -- the suite the batch command is run over -------------------------------------

# File names a careless writer would turn into paths outside its output folder, or fail to encode.
HOSTILE_NAMES: tuple[bytes, ...] = (
    b"..\\..\\escape-backslash.pdf",
    b"%2e%2e%2fescape-encoded.pdf",
    b"-o evil\nnewline.pdf",
    b"\xff\xfe minutes-latin1-\xe9.pdf",
)


def bad_input_suite(folder: Path) -> list[Path]:
    """Write the bad-input files of the batch suite into `folder` (nothing outside it) and return their paths."""
    valid = small_pdf(5)
    files: dict[bytes, bytes] = {
        b"not-a-pdf.pdf": b"<html><body>404 Not Found</body></html>",
        b"plain-text.txt": b"Minutes of the meeting held on 1 April\n",
        b"empty.pdf": b"",
        b"header-only.pdf": b"%PDF-1.4\n",
        b"garbage-after-header.pdf": garbage_after_header(),
        **{b"truncated-%02d.pdf" % int(share * 100): truncated(valid, share) for share in (0.05, 0.3, 0.6, 0.9, 0.99)},
        b"encrypted-user-password.pdf": encrypted_pdf("letmein"),
        b"encrypted-owner-only.pdf": encrypted_pdf(""),
        b"broken-xref.pdf": broken_xref(valid),
        b"zero-pages.pdf": ZERO_PAGE_PDF,
        b"drawings-20000.pdf": many_drawings_pdf(),
        b"pages-5000.pdf": many_pages_pdf(),
        b"cyclic-outline.pdf": cyclic_outline_pdf(),
        b"outline-self-child.pdf": self_child_outline_pdf(),
        b"outline-past-last-page.pdf": outline_past_last_page_pdf(),
        b"page-tree-cycle.pdf": page_tree_cycle_pdf(),
        b"zero-size-page.pdf": zero_size_page_pdf(),
        b"ruled-grid-table-finder.pdf": ruled_grid_pdf(),
        **dict.fromkeys(HOSTILE_NAMES, valid),
    }
    paths = []
    for name, data in files.items():
        path = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
        path.write_bytes(data)
        paths.append(path)
    return paths
