"""Boxes land on their text in the page image, also on pages turned by /Rotate; images keep to their budget."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from agendapack import parse
from agendapack.models.geometry import BBox
from agendapack.review import images as review_images
from agendapack.review.geometry import PageFrame, displayed_box, percent_box
from agendapack.review.images import render_pages


def _rotated_pages(path: Path) -> Path:
    """Four pages, each with one short black line of text off-centre, turned 0, 90, 180 and 270 degrees."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for rotation in (0, 90, 180, 270):
        pdf.setPageRotation(rotation)
        pdf.setFont("Helvetica-Bold", 28)
        pdf.drawString(80, 450, "MARKED TEXT")  # inside the page however reportlab lays out a turned page
        pdf.showPage()
    pdf.save()
    return path


def _ink_box(data_uri: str) -> tuple[float, float, float, float]:
    """The box around the dark pixels of a page image, in percent of its width and height."""
    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))).convert("L")
    dark = image.point(lambda value: 255 if value < 100 else 0)
    left, top, right, bottom = dark.getbbox()
    return (left / image.width * 100, top / image.height * 100, right / image.width * 100, bottom / image.height * 100)


def test_boxes_follow_the_page_rotation(tmp_path: Path) -> None:
    pdf = _rotated_pages(tmp_path / "rotated.pdf")
    doc = parse(pdf)
    assert [p.rotation for p in doc.pages] == [0, 90, 180, 270]
    images = {image.page: image for image in render_pages(pdf, [1, 2, 3, 4])}
    for page in doc.pages:
        (block,) = [b for b in doc.blocks if b.page == page.page]
        drawn = percent_box(block.bbox, PageFrame.of(page.width, page.height, page.rotation))
        ink = _ink_box(images[page.page].data_uri)
        # The ink sits inside the drawn box (a point of slack for anti-aliasing), and fills most of it.
        assert drawn[0] - 1 <= ink[0] and drawn[1] - 1 <= ink[1] and ink[2] <= drawn[2] + 1 and ink[3] <= drawn[3] + 1, (page.rotation, drawn, ink)
        ink_area = (ink[2] - ink[0]) * (ink[3] - ink[1])
        assert ink_area > 0.4 * (drawn[2] - drawn[0]) * (drawn[3] - drawn[1]), page.rotation


def test_displayed_box_turns_corners_the_right_way() -> None:
    box = BBox(x0=10, top=20, x1=30, bottom=60)
    # A 100 x 200 page (unrotated) shows as 200 x 100 when turned by 90 or 270 degrees.
    assert displayed_box(box, PageFrame(200, 100, 90)) == BBox(x0=140, top=10, x1=180, bottom=30)
    assert displayed_box(box, PageFrame(100, 200, 180)) == BBox(x0=70, top=140, x1=90, bottom=180)
    assert displayed_box(box, PageFrame(200, 100, 270)) == BBox(x0=20, top=70, x1=60, bottom=90)
    assert displayed_box(box, PageFrame(100, 200, 0)) == box


def test_boxes_outside_the_page_are_clipped_and_a_sizeless_page_still_has_a_frame() -> None:
    assert percent_box(BBox(x0=-5, top=-5, x1=700, bottom=900), PageFrame(595, 842, 0)) == (0.0, 0.0, 100.0, 100.0)
    frame = PageFrame.of(0, 0, 0)
    assert frame.width > 0 and frame.height > 0


def test_a_page_over_its_budget_is_made_smaller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _rotated_pages(tmp_path / "rotated.pdf")
    (roomy,) = render_pages(pdf, [1])
    monkeypatch.setattr(review_images, "MIN_PAGE_BYTES", roomy.size // 3)
    (squeezed,) = render_pages(pdf, [1], budget_bytes=0)
    assert squeezed.size < roomy.size
    assert squeezed.data_uri is not None and squeezed.error is None


def test_an_unreadable_file_gives_images_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really")
    (image,) = render_pages(path, [1])
    assert image.data_uri is None and image.error
