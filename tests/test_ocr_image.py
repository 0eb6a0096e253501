"""Rulings on a scanned page's image: found through the scanner's noise, painted out before OCR, and turned into cells."""

from __future__ import annotations

import numpy as np

from agendapack.ocr.cells import ruled_cells
from agendapack.ocr.engine import PageImage
from agendapack.ocr.image import grey_array, rulings, without_rulings

DPI = 300


def _image(grey: np.ndarray) -> PageImage:
    height, width = grey.shape
    return PageImage(width=width, height=height, stride=width, samples=grey.astype(np.uint8).tobytes(), dpi=DPI)


def _grid_page(broken: bool = False) -> np.ndarray:
    """White paper with a 2 x 2 ruled grid (3 px lines) and a blot of 'text' in the first cell."""
    grey = np.full((600, 800), 255, dtype=np.uint8)
    for y in (100, 250, 400):
        grey[y : y + 3, 100:700] = 0
    for x in (100, 400, 697):
        grey[100:403, x : x + 3] = 0
    if broken:  # the scanner's noise: a white pixel every 20 along each ruling
        grey[100:103, 110:700:20] = 255
        grey[110:403:20, 400:403] = 255
    grey[160:190, 150:300:4] = 0  # strokes of letters, apart from the rulings
    return grey


def test_rulings_broken_by_specks_of_white_are_still_found() -> None:
    across, down = rulings(_image(_grid_page(broken=True)))
    assert sorted(round(y) for _, y, _, _ in across) == [102, 252, 402]
    assert sorted(round(x) for x, _, _, _ in down) == [102, 402, 698]
    # each is one ruling the whole way, not pieces
    assert all(x1 - x0 > 590 for x0, _, x1, _ in across)


def test_a_row_through_bold_letters_that_touch_is_not_a_ruling() -> None:
    grey = np.full((300, 800), 255, dtype=np.uint8)
    grey[100:140, 100:700] = 0  # letters: two thirds ink, row after row
    grey[100:140, 101:700:3] = 255
    grey[120, 100:700] = 0  # and one row where they all touch
    assert rulings(_image(grey)) == ([], [])
    grey[100:119, 100:700] = 255  # with paper above it, the same row is a ruling under the text
    assert len(rulings(_image(grey))[0]) == 1


def test_rulings_are_painted_out_and_the_text_between_them_kept() -> None:
    page = _grid_page()
    clean, (horizontal, vertical) = without_rulings(_image(page))
    grey = grey_array(clean)
    assert len(horizontal) == 3 and len(vertical) == 3
    assert grey[100:103, 100:700].min() == 255 and grey[100:403, 400:403].min() == 255
    assert (grey[160:190, 150:300] == page[160:190, 150:300]).all()


def test_a_page_without_rulings_is_read_as_it_is() -> None:
    image = _image(np.full((100, 100), 255, dtype=np.uint8))
    assert without_rulings(image) == (image, ([], []))


def test_the_cells_rulings_draw_are_found_inset_from_their_walls() -> None:
    _, bands = without_rulings(_image(_grid_page()))
    cells = ruled_cells(*bands, DPI)
    assert len(cells) == 4
    first = cells[0]
    assert 101 < first[0] < 110 and 101 < first[1] < 110 and 390 < first[2] < 402 and 240 < first[3] < 252


def test_a_cell_spanning_two_columns_is_one_cell_and_an_open_box_none() -> None:
    page = _grid_page()
    page[253:403, 400:403] = 255  # the lower row is one cell over both columns
    _, bands = without_rulings(_image(page))
    cells = ruled_cells(*bands, DPI)
    assert len(cells) == 3
    assert any(x1 - x0 > 550 for x0, _, x1, _ in cells)
    page[400:403, 100:700] = 255  # no ruling under it: an open box, not a cell
    _, bands = without_rulings(_image(page))
    assert len(ruled_cells(*bands, DPI)) == 2
