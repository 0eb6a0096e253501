"""Table detection and structure scored the ICDAR 2013 table competition's way.

Ground truth is in the competition's own XML: per table region its page and bounding box
(`-reg.xml`) and its cells with start/end row and column and content (`-str.xml`), boxes in
PDF points with the origin at the bottom left.

- Detection (character level, as in the competition): recall is the share of the characters
  inside ground-truth table regions that fall inside a found table; precision the share of
  the characters inside found tables that belong to a ground-truth table. A ground-truth
  table is *complete* when one found table holds all of its characters, a found table *pure*
  when all of its characters belong to one ground-truth table.
- Structure (adjacency relations, as in the competition): every non-empty cell is related
  to the nearest non-empty cell to its right and the one below it; a relation is the two
  contents (whitespace removed) and the direction. Precision and recall count the relations
  a found table shares with the ground-truth table it covers best.

Two sets are scored: the two ICDAR 2013 documents the corpus holds (eu-004, us-017), and a
generated competition set (`generate`) of pages laid out like council and statistical
reports: prose, captions, footnotes, bar-chart distractors, and tables in six styles (full
grid, rulings between rows only, no rulings, a frame around groups of columns, shaded bands,
Excel-like with the label column between two year groups), with two-level headers, wrapped
header cells, nil dashes, negative figures and total rows. The generator draws every string
itself, so its ground truth is exact. It is seeded: the same seed gives the same set.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

Box = tuple[float, float, float, float]  # x0, top, x1, bottom; top-left origin


@dataclass
class Cell:
    start_row: int
    end_row: int
    start_col: int
    end_col: int
    text: str
    box: Box | None = None


@dataclass
class Region:
    table: str
    page: int
    box: Box
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Found:
    page: int
    box: Box
    cells: list[Cell]


# --- ICDAR 2013 XML


def load_icdar(reg_path: Path, str_path: Path, heights: dict[int, float]) -> list[Region]:
    """Regions from a -reg.xml with their cells from the matching -str.xml (pages 1-based)."""
    regions: dict[tuple[str, str], Region] = {}
    for table in ET.parse(reg_path).getroot().iter("table"):
        for region in table.iter("region"):
            page = int(region.get("page"))
            regions[(table.get("id"), region.get("id"))] = Region(table.get("id"), page, _box(region.find("bounding-box"), heights[page]))
    for table in ET.parse(str_path).getroot().iter("table"):
        for region in table.iter("region"):
            target = regions.get((table.get("id"), region.get("id")))
            if target is None:
                continue
            for cell in region.iter("cell"):
                r0, c0 = int(cell.get("start-row")), int(cell.get("start-col"))
                r1, c1 = int(cell.get("end-row", r0)), int(cell.get("end-col", c0))
                bb = cell.find("bounding-box")
                target.cells.append(Cell(r0, r1, c0, c1, cell.findtext("content") or "", _box(bb, heights[target.page]) if bb is not None else None))
    return list(regions.values())


def _box(element: ET.Element, height: float) -> Box:
    x1, y1, x2, y2 = (float(element.get(k)) for k in ("x1", "y1", "x2", "y2"))
    return (min(x1, x2), height - max(y1, y2), max(x1, x2), height - min(y1, y2))


def write_icdar(regions: list[Region], reg_path: Path, str_path: Path, heights: dict[int, float]) -> None:
    reg, struct = ET.Element("document", filename=reg_path.name), ET.Element("document", filename=str_path.name)
    for k, region in enumerate(regions, start=1):
        for root in (reg, struct):
            table = ET.SubElement(root, "table", id=str(k))
            element = ET.SubElement(table, "region", id="1", page=str(region.page))
            if root is reg:
                ET.SubElement(element, "bounding-box", **_xml_box(region.box, heights[region.page]))
                continue
            for n, cell in enumerate(region.cells, start=1):
                attrs = {"id": str(n), "start-row": str(cell.start_row), "start-col": str(cell.start_col)}
                if cell.end_row != cell.start_row:
                    attrs["end-row"] = str(cell.end_row)
                if cell.end_col != cell.start_col:
                    attrs["end-col"] = str(cell.end_col)
                node = ET.SubElement(element, "cell", **attrs)
                if cell.box is not None:
                    ET.SubElement(node, "bounding-box", **_xml_box(cell.box, heights[region.page]))
                ET.SubElement(node, "content").text = cell.text
    ET.ElementTree(reg).write(reg_path, encoding="utf-8", xml_declaration=True)
    ET.ElementTree(struct).write(str_path, encoding="utf-8", xml_declaration=True)


def _xml_box(box: Box, height: float) -> dict[str, str]:
    x0, top, x1, bottom = box
    return {"x1": f"{x0:.0f}", "y1": f"{height - bottom:.0f}", "x2": f"{x1:.0f}", "y2": f"{height - top:.0f}"}


# --- what a finder found


def agendapack_found(path: Path) -> list[Found]:
    from agendapack import parse

    doc = parse(path)
    out = []
    for table in doc.records.tables:
        if table.kind.value == "chart":
            continue  # told apart as a chart: not claimed as a table
        for where in table.provenance:
            if where.bbox is None:
                continue
            cells = [
                Cell(c.row, c.row + c.row_span - 1, c.col, c.col + c.col_span - 1, c.text)
                for c in doc.records.table_cells
                if c.table_id == table.record_id and c.provenance and c.provenance[0].page == where.page
            ]
            b = where.bbox
            out.append(Found(where.page, (b.x0, b.top, b.x1, b.bottom), cells))
    return out


def pdfplumber_found(path: Path) -> list[Found]:
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                cells = [Cell(r, r, c, c, text or "") for r, row in enumerate(table.extract()) for c, text in enumerate(row)]
                out.append(Found(page.page_number, tuple(table.bbox), cells))
    return out


def page_chars(path: Path) -> tuple[dict[int, list[tuple[float, float]]], dict[int, float]]:
    """Centres of the printed characters on each page (spaces left out), and each page's height."""
    import pdfplumber

    chars: dict[int, list[tuple[float, float]]] = {}
    heights: dict[int, float] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            heights[page.page_number] = float(page.height)
            chars[page.page_number] = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in page.chars if c["text"].strip()]
    return chars, heights


# --- the competition's measures


@dataclass
class Scores:
    gt_chars: int = 0
    found_chars: int = 0
    found_in_gt: int = 0
    gt_in_found: int = 0
    gt_tables: int = 0
    complete: int = 0
    found_tables: int = 0
    pure: int = 0
    gt_relations: int = 0
    found_relations: int = 0
    shared_relations: int = 0

    def add(self, other: Scores) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        dr, dp = ratio(self.gt_in_found, self.gt_chars), ratio(self.found_in_gt, self.found_chars)
        sr, sp = ratio(self.shared_relations, self.gt_relations), ratio(self.shared_relations, self.found_relations)
        return (
            f"detection recall {dr:.3f} precision {dp:.3f} F1 {_f1(dr, dp):.3f} "
            f"(complete {self.complete}/{self.gt_tables}, pure {self.pure}/{self.found_tables}); "
            f"structure recall {sr:.3f} precision {sp:.3f} F1 {_f1(sr, sp):.3f} ({self.shared_relations}/{self.gt_relations} relations)"
        )


def _f1(r: float, p: float) -> float:
    return 2 * r * p / (r + p) if r + p else 0.0


def _inside(point: tuple[float, float], box: Box, margin: float = 1.0) -> bool:
    return box[0] - margin <= point[0] <= box[2] + margin and box[1] - margin <= point[1] <= box[3] + margin


def score_document(regions: list[Region], found: list[Found], chars: dict[int, list[tuple[float, float]]]) -> Scores:
    s = Scores(gt_tables=len(regions), found_tables=len(found))
    for page, points in chars.items():
        gt_boxes = [r.box for r in regions if r.page == page]
        found_boxes = [f.box for f in found if f.page == page]
        for point in points:
            in_gt = any(_inside(point, b) for b in gt_boxes)
            in_found = any(_inside(point, b) for b in found_boxes)
            s.gt_chars += in_gt
            s.found_chars += in_found
            s.gt_in_found += in_gt and in_found
            s.found_in_gt += in_gt and in_found
    for region in regions:
        points = [p for p in chars.get(region.page, []) if _inside(p, region.box)]
        on_page = [f for f in found if f.page == region.page]
        if points and any(all(_inside(p, f.box) for p in points) for f in on_page):
            s.complete += 1
        best = max(on_page, key=lambda f: sum(1 for p in points if _inside(p, f.box)), default=None)
        gt_rel = relations(region.cells)
        s.gt_relations += sum(gt_rel.values())
        if best is not None and any(_inside(p, best.box) for p in points):
            found_rel = relations(best.cells)
            s.shared_relations += sum((gt_rel & found_rel).values())
    for table in found:
        points = [p for p in chars.get(table.page, []) if _inside(p, table.box)]
        owners = {k for k, r in enumerate(regions) if r.page == table.page and any(_inside(p, r.box) for p in points)}
        if points and len(owners) == 1 and all(any(_inside(p, regions[k].box) for k in owners) for p in points):
            s.pure += 1
        s.found_relations += sum(relations(table.cells).values())
    return s


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def relations(cells: list[Cell]) -> Counter:
    """Adjacency relations: each non-empty cell with the nearest non-empty cell right of it and below it."""
    grid: dict[tuple[int, int], int] = {}
    filled = [c for c in cells if _norm(c.text)]
    for k, cell in enumerate(filled):
        for r in range(cell.start_row, cell.end_row + 1):
            for c in range(cell.start_col, cell.end_col + 1):
                grid[(r, c)] = k
    if not grid:
        return Counter()
    max_row = max(r for r, _ in grid)
    max_col = max(c for _, c in grid)
    out: Counter = Counter()
    for k, cell in enumerate(filled):
        right = {grid.get((r, c)) for r in range(cell.start_row, cell.end_row + 1) for c in _first_filled(grid, r, cell.end_col + 1, max_col, k, True)}
        below = {grid.get((r, c)) for c in range(cell.start_col, cell.end_col + 1) for r in _first_filled(grid, c, cell.end_row + 1, max_row, k, False)}
        for other in right - {None}:
            out[(_norm(cell.text), _norm(filled[other].text), "right")] += 1
        for other in below - {None}:
            out[(_norm(cell.text), _norm(filled[other].text), "below")] += 1
    return out


def _first_filled(grid: dict[tuple[int, int], int], fixed: int, start: int, stop: int, own: int, across: bool) -> list[int]:
    for k in range(start, stop + 1):
        key = (fixed, k) if across else (k, fixed)
        if key in grid and grid[key] != own:
            return [k]
    return []


# --- the generated competition set

_SERVICES = [
    "Adult social care",
    "Children's services",
    "Highways maintenance",
    "Waste collection",
    "Libraries",
    "Parks and open spaces",
    "Housing benefit",
    "Planning and building control",
    "Public health",
    "Leisure centres",
    "Street lighting",
    "Home to school transport",
    "Trading standards",
    "Registration services",
    "Coroner's service",
    "Museums and archives",
    "Car parking",
    "Economic development",
    "Community safety",
    "Environmental health",
    "Council tax collection",
    "Democratic services",
]
_PLACES = ["North ward", "South ward", "East ward", "West ward", "Riverside", "Hillside", "Old town", "Harbour", "Castle", "Market"]
_PROSE = (
    "The committee is asked to note the position set out in this report and the figures in the tables below. "
    "Spending remains within the approved envelope although demand pressures continue in several services. "
    "Officers will report again at the next meeting with an updated forecast and the actions being taken. "
    "The figures are provisional and may change when the year end accounts are closed and audited. "
    "Members asked that the comparison with the previous year be shown alongside the current budget."
)
_STYLES = ("grid", "rows", "open", "groups", "bands", "middle_label")


def _money(rng: random.Random, lo: int = 10, hi: int = 90000) -> str:
    kind = rng.random()
    value = rng.randint(lo, hi)
    if kind < 0.08:
        return "-"
    if kind < 0.2:
        return f"({value:,})"
    if kind < 0.3:
        return f"{rng.randint(-99, 150)}.{rng.randint(0, 9)}%"
    if kind < 0.45:
        return f"{value / 10:,.1f}"
    return f"{value:,}"


@dataclass
class _Spec:
    style: str
    header: list[list[tuple[str, int]]]  # header rows: (text, columns spanned)
    body: list[list[str]]
    label_col: int


def _spec(rng: random.Random) -> _Spec:
    style = rng.choice(_STYLES)
    years = ["2023-24", "2024-25", "2025-26", "2026-27"]
    measures = rng.choice(
        [["Budget", "Actual", "Variance"], ["Core", "External", "Total"], ["Budget", "Forecast"], ["Original budget", "Revised budget", "Outturn"]]
    )
    groups = rng.randint(1, 3) if style != "middle_label" else 2
    start = rng.randint(0, len(years) - groups)
    n_body = rng.randint(3, 11)
    labels = rng.sample(_SERVICES + _PLACES, n_body)
    label_col = groups * 0 if style != "middle_label" else len(measures)
    figure_cols = groups * len(measures)
    body = []
    for label in labels:
        figures = [_money(rng) for _ in range(figure_cols)]
        row = [*figures[: len(measures)], label, *figures[len(measures) :]] if style == "middle_label" else [label, *figures]
        body.append(row)
    if rng.random() < 0.5:
        total = [f"{rng.randint(1000, 999999):,}" for _ in range(figure_cols)]
        body.append([*total[: len(measures)], "Total", *total[len(measures) :]] if style == "middle_label" else ["Total", *total])
    two_level = groups > 1 or rng.random() < 0.3
    leaf = measures * groups
    if style == "middle_label":
        leaf = [*measures, "", *measures]
        top = [(years[start], len(measures)), ("", 1), (years[start + 1], len(measures))]
    else:
        leaf = [rng.choice(["Service", "Area", "Line item", "Description of service"]), *leaf]
        top = [("", 1)] + [(years[start + g], len(measures)) for g in range(groups)]
    header = [top, [(t, 1) for t in leaf]] if two_level else [[(t, 1) for t in leaf]]
    return _Spec(style, header, body, label_col)


class _Canvas:
    def __init__(self, path: Path, size: tuple[float, float]) -> None:
        from reportlab.pdfgen.canvas import Canvas

        self.c = Canvas(str(path), pagesize=size, invariant=1)
        self.w, self.h = size

    def text(self, x: float, top: float, text: str, size: float = 8.0, bold: bool = False, align: str = "left") -> None:
        self.c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        y = self.h - top - size
        {"left": self.c.drawString, "right": self.c.drawRightString, "centre": self.c.drawCentredString}[align](x, y, text)

    def width(self, text: str, size: float = 8.0, bold: bool = False) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", size)

    def line(self, x0: float, t0: float, x1: float, t1: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.line(x0, self.h - t0, x1, self.h - t1)

    def fill(self, x0: float, top: float, x1: float, bottom: float, grey: float) -> None:
        self.c.setFillGray(grey)
        self.c.rect(x0, self.h - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        self.c.setFillGray(0)


def _prose(canvas: _Canvas, rng: random.Random, top: float, left: float, right: float, lines: int) -> float:
    words = (_PROSE * 3).split()
    offset = rng.randint(0, 40)
    words = words[offset:] + words[:offset]
    line: list[str] = []
    for word in words:
        if canvas.width(" ".join([*line, word]), 9) > right - left:
            canvas.text(left, top, " ".join(line), 9)
            top += 13
            line = []
            lines -= 1
            if lines == 0:
                return top
        line.append(word)
    return top


def _layout(canvas: _Canvas, rng: random.Random, spec: _Spec, size: float) -> tuple[list[float], list[float], float, bool]:
    """Column widths, header row heights, body row height and whether header labels wrap onto two lines."""
    n_cols = len(spec.body[0])
    wrap = spec.style != "middle_label" and rng.random() < 0.3
    widths = []
    for c in range(n_cols):
        body = max((canvas.width(row[c], size, True) for row in spec.body), default=0.0)
        label = spec.header[-1][c][0] if c < len(spec.header[-1]) else ""
        head = max((canvas.width(w, size, True) for w in label.split()), default=0.0) if wrap else canvas.width(label, size, True)
        widths.append(max(body, head, 24.0) + 12)
    row_h = size + 6
    header_h = [row_h * (2 if wrap and k == len(spec.header) - 1 else 1) for k in range(len(spec.header))]
    return widths, header_h, row_h, wrap


def _draw_table(canvas: _Canvas, spec: _Spec, left: float, top: float, page: int, size: float, layout: tuple) -> Region:
    widths, header_h, row_h, wrap = layout
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    cells: list[Cell] = []
    y = top
    for r, row in enumerate(spec.header):
        c = 0
        for text, span in row:
            x0, x1 = xs[c], xs[c + span]
            if text:
                parts = _wrap(canvas, text, x1 - x0 - 8, size) if wrap and r == len(spec.header) - 1 else [text]
                for n, part in enumerate(parts):
                    at = y + 3 + n * (size + 2)
                    if span > 1 or r < len(spec.header) - 1:
                        canvas.text((x0 + x1) / 2, at, part, size, True, "centre")
                    elif c == spec.label_col:
                        canvas.text(x0 + 4, at, part, size, True)
                    else:
                        canvas.text(x1 - 4, at, part, size, True, "right")
                cells.append(Cell(r, r, c, c + span - 1, "\n".join(parts), (x0, y, x1, y + header_h[r])))
            c += span
        y += header_h[r]
    body_top = y
    for k, row in enumerate(spec.body):
        r = len(spec.header) + k
        if spec.style == "bands" and k % 2 == 0:
            canvas.fill(xs[0], y, xs[-1], y + row_h, 0.88)
        bold = row[spec.label_col] == "Total"
        for c, text in enumerate(row):
            if not text:
                continue
            if c == spec.label_col:
                canvas.text(xs[c] + 4, y + 3, text, size, bold)
            else:
                canvas.text(xs[c + 1] - 4, y + 3, text, size, bold, "right")
            cells.append(Cell(r, r, c, c, text, (xs[c], y, xs[c + 1], y + row_h)))
        y += row_h
    _rulings(canvas, spec, xs, top, body_top, y, header_h, row_h)
    return Region("", page, (xs[0], top, xs[-1], y), cells)


def _wrap(canvas: _Canvas, text: str, width: float, size: float) -> list[str]:
    words, lines = text.split(), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        if lines[-1] and canvas.width(trial, size, True) > width:
            lines.append(word)
        else:
            lines[-1] = trial
    return lines


def _rulings(canvas: _Canvas, spec: _Spec, xs: list[float], top: float, body_top: float, bottom: float, header_h: list[float], row_h: float) -> None:
    style = spec.style
    if style == "grid":
        ys = [top]
        for h in header_h:
            ys.append(ys[-1] + h)
        while ys[-1] < bottom - 0.5:
            ys.append(ys[-1] + row_h)
        for y in ys:
            canvas.line(xs[0], y, xs[-1], y)
        for x in xs:
            canvas.line(x, top, x, bottom)
    elif style == "rows":
        y = body_top
        canvas.line(xs[0], top, xs[-1], top)
        while y <= bottom + 0.5:
            canvas.line(xs[0], y, xs[-1], y)
            y += row_h
    elif style == "open":
        canvas.line(xs[0], body_top, xs[-1], body_top)
    elif style in ("groups", "middle_label"):
        canvas.line(xs[0], top, xs[-1], top)
        canvas.line(xs[0], bottom, xs[-1], bottom)
        canvas.line(xs[0], body_top, xs[-1], body_top)
        group_edges = {0, len(xs) - 1}
        c = 0
        for _, span in spec.header[0]:
            c += span
            group_edges.add(c)
        for k in sorted(group_edges):
            canvas.line(xs[k], top, xs[k], bottom)


def _bar_chart(canvas: _Canvas, rng: random.Random, left: float, top: float) -> float:
    """A horizontal bar chart with data labels and an axis of evenly spaced ticks: not a table."""
    labels = rng.sample(_SERVICES, 4)
    scale = 0.004
    for k, label in enumerate(labels):
        value = rng.randint(5000, 60000)
        y = top + 18 * k
        canvas.text(left + 110, y + 2, label, 7, align="right")
        canvas.fill(left + 116, y, left + 116 + value * scale, y + 12, 0.6)
        canvas.text(left + 120 + value * scale, y + 2, f"{value:,}", 7)
    axis = top + 18 * len(labels) + 4
    canvas.line(left + 116, axis, left + 116 + 60000 * scale, axis)
    for tick in range(0, 60001, 20000):
        canvas.text(left + 116 + tick * scale, axis + 3, f"{tick:,}" if tick else "0", 7, align="centre")
    return axis + 20


def generate(out_dir: Path, seed: int = 2013, documents: int = 12) -> list[tuple[Path, Path, Path]]:
    """Write `documents` PDFs of two pages each with their -reg.xml and -str.xml; returns (pdf, reg, str) per document."""
    from reportlab.lib.pagesizes import A4, landscape

    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for d in range(documents):
        size = landscape(A4) if rng.random() < 0.3 else A4
        path = out_dir / f"gen-{d:03d}.pdf"
        canvas = _Canvas(path, size)
        regions: list[Region] = []
        for page in (1, 2):
            top = 50.0
            canvas.text(50, top, f"Report section {d + 1}.{page}", 12, True)
            top = _prose(canvas, rng, top + 24, 50, canvas.w - 50, rng.randint(2, 5)) + 12
            for k in range(rng.randint(1, 2)):
                if rng.random() < 0.25:
                    top = _bar_chart(canvas, rng, 60, top + 10) + 10
                spec = _spec(rng)
                table_size = rng.choice([7.0, 8.0, 9.0])
                layout = _layout(canvas, rng, spec, table_size)
                left = 50.0 + rng.randint(0, 40)
                height = sum(layout[1]) + layout[2] * len(spec.body)
                if left + sum(layout[0]) > canvas.w - 30 or top + 18 + height > canvas.h - 60:
                    continue  # no room on this page: the next page starts afresh
                canvas.text(50, top, f"Table {page}.{k + 1}: {rng.choice(_SERVICES)} by year (£000s)", 9, True)
                region = _draw_table(canvas, spec, left, top + 18, page, table_size, layout)
                regions.append(region)
                top = region.box[3] + 8
                if rng.random() < 0.5:
                    canvas.text(50, top, "Source: finance system, figures rounded to the nearest thousand.", 7)
                    top += 12
                top = _prose(canvas, rng, top + 10, 50, canvas.w - 50, rng.randint(1, 3)) + 10
            canvas.c.showPage()
        canvas.c.save()
        heights = {1: size[1], 2: size[1]}
        reg, struct = out_dir / f"gen-{d:03d}-reg.xml", out_dir / f"gen-{d:03d}-str.xml"
        write_icdar(regions, reg, struct, heights)
        written.append((path, reg, struct))
    return written
