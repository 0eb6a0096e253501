"""Generators of broken input files, for the bad-input tests (and later the batch suite)."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

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
