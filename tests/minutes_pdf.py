"""Small generated minutes for rule tests: one page of text lines placed as a publisher sets them."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def write_pdf(path: Path, lines: list[tuple]) -> Path:
    """A one-page PDF; each line is (top, text, bold) or (top, text, bold, x, size), top in points from the page's top."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Minutes")
    height = A4[1]
    for line in lines:
        top, text, bold = line[:3]
        x, size = (line[3], line[4]) if len(line) > 3 else (57, 11)
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        pdf.drawString(x, height - top, text)
    pdf.save()
    return path
