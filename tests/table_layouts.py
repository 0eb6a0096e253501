"""Small PDFs drawn the way councils print their tables, for the table tests (reportlab, top-down coordinates).

Each function draws one convention seen in real council papers, in words and figures of
its own: an Excel export with the row label between two year groups and rulings only
around the groups, a spreadsheet with a "Row Ref" column and a shaded total band, a contact
list with phone numbers, a performance panel framing a chart picture, a bar chart drawn as
vectors, a recommendation tracker per organisation, a table whose rulings an OCR engine read
as characters, and a caption printed in the table's first row. The expected values in the
tests were worked out by hand from the figures below.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

Draw = Callable[["Page"], None]


class Page:
    """A canvas page addressed top-down, as the finder sees it."""

    def __init__(self, canvas: Canvas, height: float) -> None:
        self.c = canvas
        self.h = height

    def text(self, x: float, top: float, text: str, size: float = 8.0, bold: bool = False) -> None:
        self.c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.c.drawString(x, self.h - top - size, text)

    def right(self, x: float, top: float, text: str, size: float = 8.0, bold: bool = False) -> None:
        self.c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.c.drawRightString(x, self.h - top - size, text)

    def centre(self, x: float, top: float, text: str, size: float = 8.0, bold: bool = False) -> None:
        self.c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.c.drawCentredString(x, self.h - top - size, text)

    def hline(self, x0: float, x1: float, top: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0, self.h - top, x1, self.h - top)

    def vline(self, x: float, top: float, bottom: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.line(x, self.h - top, x, self.h - bottom)

    def box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.rect(x0, self.h - bottom, x1 - x0, bottom - top, stroke=1, fill=0)

    def shade(self, x0: float, top: float, x1: float, bottom: float, grey: float = 0.8) -> None:
        self.c.setFillGray(grey)
        self.c.rect(x0, self.h - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        self.c.setFillGray(0)


def write_pdf(path: Path, pages: list[Draw], size: tuple[float, float] = A4) -> Path:
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    for draw in pages:
        draw(Page(canvas, size[1]))
        canvas.showPage()
    canvas.save()
    return path


# --- an Excel export: 2024-25 figures, the row label, 2025-26 figures; rulings only around the groups

GROUP_ROWS = [
    ("Staff costs", ("1,200.0", "300.0", "1,500.0"), ("1,260.0", "310.5", "1,570.5")),
    ("Premises", ("400.0", "-", "400.0"), ("420.0", "0.0", "420.0")),
    ("Transport", ("250.5", "49.5", "300.0"), ("240.0", "60.0", "300.0")),
]
GROUP_TOTAL = ("TOTAL SPENDING", ("1,850.5", "349.5", "2,200.0"), ("1,920.0", "370.5", "2,290.5"))
GROUP_MORE = [
    ("Grants paid", ("75.0", "25.0", "100.0"), ("80.0", "20.0", "100.0")),
    ("Insurance", ("60.0", "0.0", "60.0"), ("64.5", "0.0", "64.5")),
    ("Audit fees", ("30.0", "0.0", "30.0"), ("31.5", "0.0", "31.5")),
]
_G_LEFT, _G_LABEL, _G_RIGHT, _G_END = 40.0, 220.0, 420.0, 600.0
_G_FIGURES = (100.0, 160.0, 218.0)  # right edges of Core, External, Total in the first group (the last touches the rule)


def _group_header(p: Page, top: float) -> float:
    p.centre((_G_LEFT + _G_LABEL) / 2, top, "2024-25", bold=True)
    p.centre((_G_RIGHT + _G_END) / 2, top, "2025-26", bold=True)
    for offset in (0.0, _G_RIGHT - _G_LEFT):
        for right, word in zip(_G_FIGURES, ("Core", "External", "Total"), strict=True):
            p.right(right + offset, top + 12, word)
            p.right(right + offset, top + 24, "£000s")
    return top + 38


def _group_row(p: Page, top: float, label: str, first: tuple[str, ...], second: tuple[str, ...], bold: bool = False) -> None:
    for right, figure in zip(_G_FIGURES, first, strict=True):
        p.right(right, top, figure, bold=bold)
    p.text(_G_LABEL + 2, top, label, bold=bold)
    for right, figure in zip(_G_FIGURES, second, strict=True):
        p.right(right + _G_RIGHT - _G_LEFT, top, figure, bold=bold)


def _group_frame(p: Page, top: float, bottom: float) -> None:
    p.box(_G_LEFT - 10, top, _G_END, bottom)
    for x in (_G_LABEL, _G_RIGHT):
        p.vline(x, top, bottom, width=0.4)


def excel_groups_page(p: Page) -> None:
    p.text(30, 30, "Revenue plan by year (figures in £000s)", size=11, bold=True)
    top = 60.0
    body = _group_header(p, top)
    p.hline(_G_LEFT - 10, _G_END, body - 4)
    y = body
    for label, first, second in GROUP_ROWS:
        _group_row(p, y, label, first, second)
        y += 14
    p.hline(_G_LEFT - 10, _G_END, y - 2)
    _group_row(p, y, *GROUP_TOTAL, bold=True)
    y += 14
    _group_frame(p, top - 4, y + 2)


def excel_groups_continued_page(p: Page) -> None:
    """The same table's next page: no header repeated, figures in the same columns."""
    top = 60.0
    y = top
    for label, first, second in GROUP_MORE:
        _group_row(p, y, label, first, second)
        y += 14
    _group_frame(p, top - 4, y + 2)


# --- a spreadsheet with a Row Ref column, a category, a description, two years and a shaded total band

REF_COLUMNS = [("Row\nRef", 30.0), ("Category", 90.0), ("Description of change", 190.0), ("2025-26\n£000's", 60.0), ("2026-27\n£000's", 60.0)]
REF_ROWS = [
    ("1", "Staffing", "Extra social workers for the duty team", "450.0", "460.0"),
    ("2", "Staffing", "Apprentice scheme", "100.0", "140.0"),
    ("3", "Staffing", "Agency cover ending", "-50.0", "-100.0"),
]
REF_TOTAL = ("4", "TOTAL STAFFING", "500.0", "500.0")


def row_ref_page(p: Page) -> None:
    p.text(30, 30, "Spending proposals", size=11, bold=True)
    x0, top, height = 30.0, 60.0, 26.0
    xs = [x0]
    for _, width in REF_COLUMNS:
        xs.append(xs[-1] + width)
    p.shade(xs[0], top, xs[-1], top + height, grey=0.85)
    for k, (label, _) in enumerate(REF_COLUMNS):
        for n, part in enumerate(label.split("\n")):
            p.text(xs[k] + 3, top + 3 + 9 * n, part, bold=True)
    rows_top = top + height
    y = rows_top
    for row in REF_ROWS:
        for k, value in enumerate(row):
            if k >= 3:
                p.right(xs[k + 1] - 3, y + 4, value)
            else:
                p.text(xs[k] + 3, y + 4, value)
        y += 18
    band = y
    p.shade(xs[1], band, xs[-1], band + 18, grey=0.75)  # the total band: one shaded box, no inner rulings
    ref, label, first, second = REF_TOTAL
    p.text(xs[0] + 3, band + 4, ref)
    p.text(xs[1] + 3, band + 4, label, bold=True)
    p.right(xs[4] - 3, band + 4, first, bold=True)
    p.right(xs[5] - 3, band + 4, second, bold=True)
    bottom = band + 18
    for yy in [top, rows_top] + [rows_top + 18 * k for k in range(1, len(REF_ROWS) + 1)] + [bottom]:
        p.hline(xs[0], xs[-1], yy)
    for k, x in enumerate(xs):
        p.vline(x, top, bottom if k in (0, 1, len(xs) - 1) else band)


# --- a contact list: names, phone numbers, e-mail addresses (no money)

CONTACTS = [
    ("Head of Finance", "Ann Example", "01234 567 890", "ann.example@council.example"),
    ("Chief Accountant", "Bo Sample", "03000 412 345", "bo.sample@council.example"),
    ("Budget Manager", "Cy Placeholder", "020 7946 0018", "cy.placeholder@council.example"),
    ("Capital Finance Manager", "Di Dummy", "0161 496 0000", "di.dummy@council.example"),
]


def contacts_page(p: Page) -> None:
    p.text(40, 40, "Contact details for this budget report", size=10, bold=True)
    y = 70.0
    for role, name, phone, email in CONTACTS:
        p.text(40, y, role)
        p.text(200, y, name)
        p.text(300, y, phone)
        p.text(390, y, email)
        p.hline(40, 560, y + 11)
        y += 16


# --- a performance panel: a ruled box with a title, a picture of a chart, and its headline figures; then a real table


def kpi_panel_page(p: Page) -> None:
    p.text(40, 40, "Key performance indicators", size=11, bold=True)
    x0, x1, top = 40.0, 540.0, 60.0
    title_bottom, picture_bottom, bottom = top + 24, top + 164, top + 182
    p.shade(x0, top, 460, title_bottom, grey=0.85)
    p.text(x0 + 4, top + 8, "Share of calls answered within two minutes", size=9)
    p.text(470, top + 8, "GREEN", size=9, bold=True)
    # the chart is a picture: drawn here as a grey bitmap-like block with no text in it
    p.shade(x0 + 20, title_bottom + 10, x1 - 20, picture_bottom - 10, grey=0.92)
    for yy in (top, title_bottom, picture_bottom, bottom):
        p.hline(x0, x1, yy)
    p.vline(x0, top, bottom)
    p.vline(x1, top, bottom)
    p.vline(460, top, title_bottom)
    p.vline(200, picture_bottom, bottom)
    p.vline(370, picture_bottom, bottom)
    p.text(x0 + 4, picture_bottom + 5, "Latest: 91%")
    p.text(204, picture_bottom + 5, "Target: 90%, Floor: 80%")
    p.text(374, picture_bottom + 5, "Previous: 88% (Amber)")
    # a real table further down the same page
    p.text(40, 300, "Calls by quarter", size=10, bold=True)
    rows = [("Quarter", "Calls", "Answered"), ("Q1", "12,400", "11,200"), ("Q2", "13,050", "11,900"), ("Q3", "12,870", "11,640")]
    y = 320.0
    for k, row in enumerate(rows):
        p.text(44, y + 4, row[0], bold=k == 0)
        p.right(250, y + 4, row[1], bold=k == 0)
        p.right(350, y + 4, row[2], bold=k == 0)
        y += 16
    for k in range(len(rows) + 1):
        p.hline(40, 360, 320 + 16 * k)
    for x in (40, 160, 260, 360):
        p.vline(x, 320, 320 + 16 * len(rows))


# --- a bar chart drawn as vectors: category labels, bars, data labels, an axis of evenly spaced ticks

BARS = [("Grant funding", 18200), ("Business rates", 9400), ("Fees and charges", 4100), ("Investment income", 2600)]


def bar_chart_page(p: Page) -> None:
    p.text(40, 40, "Figure 2: Income by source (£000s)", size=10, bold=True)
    left, scale, top = 170.0, 0.016, 70.0
    for k, (label, value) in enumerate(BARS):
        y = top + 24 * k
        p.right(left - 6, y + 3, label)
        p.shade(left, y, left + value * scale, y + 14, grey=0.6)
        p.text(left + value * scale + 4, y + 3, f"{value:,}")
    axis = top + 24 * len(BARS) + 6
    p.hline(left, left + 20000 * scale, axis)
    for tick in range(0, 20001, 5000):
        p.centre(left + tick * scale, axis + 4, f"{tick:,}" if tick else "-")


# --- a recommendation tracker printed per organisation: "Recommendation | <Organisation> comments:"

TRACKER_ORGS = [
    (
        "North Health Trust",
        [
            ("1", "That waiting times for hearing tests be published monthly.", "We will publish them from April on our website."),
            ("2", "That the trust report back on the new booking line.", "A report will come to the committee in the autumn."),
        ],
    ),
    (
        "Riverside Care Board",
        [("1", "That respite places for carers be reviewed.", "")],
    ),
]


def recommendation_tracker_page(p: Page) -> None:
    p.text(40, 40, "RECOMMENDATION TRACKER", size=11, bold=True)
    p.text(40, 56, "Recommendations from the meeting on 12 March 2025", size=9)
    y = 80.0
    xs = [40.0, 70.0, 300.0, 560.0]
    for organisation, rows in TRACKER_ORGS:
        p.text(40, y, organisation, size=9, bold=True)
        y += 16
        top = y
        p.shade(xs[0], y, xs[-1], y + 16, grey=0.85)
        for x, label in zip(xs, ("No.", "Recommendation", f"{organisation} comments:"), strict=False):
            p.text(x + 3, y + 4, label, bold=True)
        y += 16
        for number, text, response in rows:
            p.text(xs[0] + 3, y + 4, number)
            p.text(xs[1] + 3, y + 4, text)
            if response:
                p.text(xs[2] + 3, y + 4, response)
            y += 18
        for yy in [top, top + 16] + [top + 16 + 18 * k for k in range(1, len(rows) + 1)]:
            p.hline(xs[0], xs[-1], yy)
        for x in xs:
            p.vline(x, top, y)
        y += 20


# --- a table whose rulings an OCR engine spelled as characters ("|", "I", "l", dotted runs)

OCR_ROWS = [
    ("Salaries & Wages", "20-110-1", "1,010,000", "938,027"),
    ("Other Expenses", "20-110-2", "19,650", "19,650"),
    ("Printing", "20-110-3", "4,500", "3,980"),
    ("TOTAL OFFICE", "", "1,034,150", "961,657"),
]


def ocr_rulings_page(p: Page) -> None:
    glyphs = "|I|l|I|j|I|"
    p.text(30, 40, "GENERAL APPROPRIATIONS", size=9)
    rule_xs = (200.0, 270.0, 370.0)
    y = 70.0
    header = ("Account", "CY 2013", "CY 2012")
    p.text(210, y, header[0])
    p.right(360, y, header[1])
    p.right(460, y, header[2])
    for k, x in enumerate(rule_xs):
        p.text(x, y, glyphs[k])
    y += 14
    p.text(30, y, "." * 60)
    y += 10
    for n, (label, code, first, second) in enumerate(OCR_ROWS):
        p.text(30, y, label)
        p.text(210, y, code)
        p.right(360, y, first)
        p.right(460, y, second)
        for k, x in enumerate(rule_xs):
            p.text(x, y, glyphs[(n + k + 1) % len(glyphs)])
        y += 12
        p.text(30, y, "_" * 40)
        for k, x in enumerate(rule_xs):
            p.text(x, y, glyphs[(n + k + 2) % len(glyphs)])
        y += 12


# --- a caption printed in the table's own first row, on a shaded band


def caption_row_page(p: Page) -> None:
    p.text(40, 40, "The grants proposed are set out below.", size=10)
    x0, x1 = 120.0, 440.0
    rows = [("Scheme", "Amount"), ("Village hall roof", "$12,500"), ("Youth club minibus", "$30,000"), ("Footpath signs", "$2,250"), ("Total", "$44,750")]
    top = 70.0
    p.shade(x0, top, x1, top + 18, grey=0.8)
    p.centre((x0 + x1) / 2, top + 5, "Table 4: Community grants 2025-26", bold=True)
    y = top + 18
    for k, (label, amount) in enumerate(rows):
        p.text(x0 + 4, y + 5, label, bold=k == 0)
        p.right(x1 - 4, y + 5, amount, bold=k == 0)
        y += 18
    for k in range(len(rows) + 2):
        p.hline(x0, x1, top + 18 * k)
    p.vline(x0, top, y)
    p.vline(x1, top, y)


LANDSCAPE = landscape(A4)
