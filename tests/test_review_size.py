"""A 100-page pack's review page stays under 25 MB and loads its images lazily.

The pack is generated here with reportlab: dense text, a ruled and shaded table, a tinted
banner on every page and a photograph-like image on every fifth page, which is heavier
than the packs in the corpus. The size and timing figures are printed (run with -s); only
the size is asserted.
"""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from agendapack import parse
from agendapack.review import build_review_html
from agendapack.review.builder import TARGET_BYTES
from agendapack.review.images import MIN_PAGE_BYTES, page_budget
from test_review_support import read_review

LIMIT_BYTES = 25_000_000
WORDS = "council committee budget report officers recommendation members revenue capital forecast variance scrutiny".split()


def _photo(seed: int) -> ImageReader:
    """A noisy colour image: the worst case for compression, like a photograph in an annual report."""
    rng = random.Random(seed)
    image = Image.new("RGB", (360, 240))
    image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(360 * 240)])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return ImageReader(buffer)


def _draw_page(pdf: canvas.Canvas, number: int, rng: random.Random) -> None:
    width, height = A4
    pdf.setFillColorRGB(0.85, 0.9, 0.97)
    pdf.rect(40, height - 90, width - 80, 50, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(50, height - 70, f"Report {number}: Revenue and Capital Budget Monitoring")
    pdf.setFont("Helvetica", 10)
    y = height - 120
    for _ in range(28 if number % 5 else 12):
        pdf.drawString(50, y, " ".join(rng.choice(WORDS) for _ in range(14)))
        y -= 14
    if number % 5 == 0:
        pdf.drawImage(_photo(number), 50, y - 250, width=360, height=240)
        y -= 260
    for row in range(8):
        for col in range(5):
            x, top = 50 + col * 99, y - 20 - row * 18
            if row == 0:
                pdf.setFillColorRGB(0.8, 0.8, 0.8)
                pdf.rect(x, top - 4, 99, 18, stroke=1, fill=1)
                pdf.setFillColorRGB(0, 0, 0)
            else:
                pdf.rect(x, top - 4, 99, 18, stroke=1, fill=0)
            pdf.drawString(x + 4, top + 2, f"{rng.randrange(-99999, 99999):,}" if col else rng.choice(WORDS))
    pdf.setFont("Helvetica", 9)
    pdf.drawCentredString(width / 2, 30, f"Page {number}")
    pdf.showPage()


def hundred_page_pack(path: Path) -> Path:
    rng = random.Random(6)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, 101):
        _draw_page(pdf, number, rng)
    pdf.save()
    return path


@pytest.fixture(scope="module")
def big_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hundred_page_pack(tmp_path_factory.mktemp("big") / "hundred_pages.pdf")


def test_a_hundred_page_pack_stays_under_25_mb(big_pack: Path) -> None:
    started = time.perf_counter()
    doc = parse(big_pack)
    parsed = time.perf_counter()
    html = build_review_html(big_pack, doc)
    built = time.perf_counter()
    size = len(html.encode("utf-8"))
    page = read_review(html)
    images = page.with_attr("img", "data-src")
    image_bytes = sum(len(img["data-src"]) for img in images)
    print(
        f"\n100-page pack: review.html {size / 1e6:.2f} MB ({image_bytes / 1e6:.2f} MB of images, largest page "
        f"{max(len(i['data-src']) for i in images) / 1e3:.0f} kB), {len(page.boxes)} boxes; "
        f"parse {parsed - started:.1f} s, review {built - parsed:.1f} s"
    )
    assert len(doc.pages) == len(images) == 100
    assert size < TARGET_BYTES < LIMIT_BYTES
    assert all(len(img["data-src"]) <= page_budget(100, TARGET_BYTES - (size - image_bytes)) for img in images), "each page keeps to its share"
    assert all("src" not in img and img["loading"] == "lazy" for img in images)


def test_the_budget_shrinks_per_page_but_not_below_readable() -> None:
    assert page_budget(10) > page_budget(100) > page_budget(1000)
    assert page_budget(100, 10_000_000) == 100_000
    assert page_budget(100, 5_000_000) == MIN_PAGE_BYTES
    assert page_budget(100_000) == page_budget(100, 0) == MIN_PAGE_BYTES
