"""The table finder on small hand-built pages: rulings, spans, text columns, sideways text, stitching, raw fallback."""

from __future__ import annotations

from agendapack.extract.tables.detect import is_table_candidate
from agendapack.extract.tables.finder import find_frame_tables
from agendapack.extract.tables.grid import Method, RawCell, RawTable
from agendapack.extract.tables.primitives import Frame, FramePage, Orientation, Rule, Word, merge_rules, rules_and_fills, words_from_blocks
from agendapack.extract.tables.stitch import stitch
from agendapack.models.clean import CleanPage
from agendapack.models.geometry import BBox
from agendapack.models.source import TextLine, TextSpan

UPRIGHT = Frame(Orientation.UPRIGHT, 600.0, 800.0)


def word(text: str, x0: float, top: float, size: float = 10.0, bold: bool = False) -> Word:
    width = 5.0 * len(text)
    chars = [(x0 + 5.0 * k, x0 + 5.0 * (k + 1)) for k in range(len(text))]
    return Word(text, x0, top, x0 + width, top + size, size, bold, False, chars)


def grid_rules(xs: list[float], ys: list[float], skip_v: set[tuple[int, int]] = frozenset()) -> tuple[list[Rule], list[Rule]]:
    """Rulings of a grid; `skip_v` leaves out the vertical piece at column line c between rows r and r+1."""
    hs = [Rule(xs[0], y, xs[-1], y) for y in ys]
    vs = [Rule(x, ys[r], x, ys[r + 1]) for c, x in enumerate(xs) for r in range(len(ys) - 1) if (c, r) not in skip_v]
    return hs, vs


def page(words: list[Word], hs: list[Rule] = (), vs: list[Rule] = ()) -> FramePage:
    return FramePage(1, UPRIGHT, list(words), list(hs), list(vs), [])


def texts(table: RawTable) -> list[list[str]]:
    grid = table.grid()
    return [[c.text if c is not None and c.row == r and c.col == k else "" for k, c in enumerate(row)] for r, row in enumerate(grid)]


def test_ruled_table_with_a_cell_spanning_rows() -> None:
    xs, ys = [50.0, 200.0, 400.0], [100.0, 120.0, 140.0, 160.0]
    # the first column has no ruling between rows 1 and 2: 'Item 4' spans them
    hs, vs = grid_rules(xs, ys)
    hs = [h for h in hs if h.top != 140.0] + [Rule(200.0, 140.0, 400.0, 140.0)]
    words = [
        word("Item", 55, 104, bold=True),
        word("Action", 205, 104, bold=True),
        word("Item", 55, 124),
        word("4", 80, 124),
        word("First", 205, 124),
        word("Second", 205, 144),
    ]
    tables = find_frame_tables(page(words, hs, vs))
    assert len(tables) == 1
    table = tables[0]
    assert table.method is Method.RULED and (table.n_rows, table.n_cols) == (3, 2)
    spanning = next(c for c in table.cells if c.text == "Item 4")
    assert (spanning.row, spanning.col, spanning.row_span, spanning.col_span) == (1, 0, 2, 1)
    assert table.header_rows == 1 and all(c.header for c in table.cells if c.row == 0)


def test_word_cut_by_a_cell_border_is_split() -> None:
    xs, ys = [50.0, 100.0, 200.0], [100.0, 120.0, 140.0, 160.0]
    hs, vs = grid_rules(xs, ys)
    words = [word("AB", 55, 104), word("CD", 105, 104), word("abcdefghijkl", 60, 124), word("x", 55, 144), word("y", 105, 144)]
    table = find_frame_tables(page(words, hs, vs))[0]
    assert texts(table)[1] == ["abcdefgh", "ijkl"]
    assert table.words_split == 1


def test_unruled_table_columns_from_alignment() -> None:
    rows = [("Budget", "Forecast", "Variance"), ("586.1", "621.6", "+35.4"), ("430.6", "420.8", "-9.9"), ("30.5", "29.3", "-1.2")]
    labels = ["", "Adult Social Care", "Children", "Chief Executive"]
    words = []
    for r, (label, figures) in enumerate(zip(labels, rows, strict=True)):
        y = 100.0 + 14 * r
        x = 50.0
        for part in label.split():
            words.append(word(part, x, y))
            x += 5.0 * len(part) + 3.0
        words.extend(word(text, 250 + 80 * k, y) for k, text in enumerate(figures))
    table = find_frame_tables(page(words))[0]
    assert table.method is Method.TEXT
    assert texts(table) == [
        ["", "Budget", "Forecast", "Variance"],
        ["Adult Social Care", "586.1", "621.6", "+35.4"],
        ["Children", "430.6", "420.8", "-9.9"],
        ["Chief Executive", "30.5", "29.3", "-1.2"],
    ]
    assert table.header_rows == 1


def test_numbered_paragraphs_are_not_a_table() -> None:
    words = []
    for r in range(6):
        y = 100.0 + 14 * r
        words.append(word(f"{r + 1}.{r + 1}", 50, y))
        words.extend(word(w, 100 + 45 * k, y) for k, w in enumerate("The Committee noted the report and thanked officers".split()))
    assert find_frame_tables(page(words)) == []


def test_sideways_text_is_read_in_its_own_frame() -> None:
    frame = Frame(Orientation.UP, 600.0, 800.0)
    box = (10.0, 20.0, 30.0, 60.0)
    assert frame.to_page(frame.to_frame(box)) == box
    # text running up the page: a char lower on the page comes first in the turned frame
    first, second = frame.to_frame((100.0, 500.0, 110.0, 505.0)), frame.to_frame((100.0, 490.0, 110.0, 495.0))
    assert first[0] < second[0] and first[1] == second[1]
    blocks = [
        {
            "lines": [
                {
                    "dir": (0.0, -1.0),
                    "spans": [
                        {
                            "size": 10.0,
                            "flags": 0,
                            "font": "Arial",
                            "chars": [{"c": "4", "bbox": (100.0, 500.0, 110.0, 505.0)}, {"c": "2", "bbox": (100.0, 494.0, 110.0, 499.0)}],
                        }
                    ],
                }
            ]
        }
    ]
    words = words_from_blocks(blocks, frame, [])
    assert [w.text for w in words] == ["42"]
    assert words_from_blocks(blocks, UPRIGHT, []) == []


def test_white_rulings_count_only_over_shading() -> None:
    white_line = {"type": "s", "color": (1.0, 1.0, 1.0), "items": [("l", (50.0, 110.0), (300.0, 110.0))]}
    shade = {"type": "f", "fill": (0.8, 0.2, 0.2), "rect": (40.0, 100.0, 310.0, 140.0), "items": [("re", (40.0, 100.0, 310.0, 140.0), 1)]}
    hs, _, fills = rules_and_fills([white_line], UPRIGHT)
    assert hs == [] and fills == []
    hs, _, fills = rules_and_fills([shade, white_line], UPRIGHT)
    assert len(hs) == 1 and len(fills) == 1


def test_dotted_ruling_is_joined() -> None:
    dots = [Rule(50.0 + 4 * k, 100.0, 52.0 + 4 * k, 100.0) for k in range(50)]
    assert [(r.x0, r.x1) for r in merge_rules(dots, True)] == [(50.0, 248.0)]


def test_grid_of_stacked_figures_that_nothing_else_reads_is_kept_raw() -> None:
    xs, ys = [50.0, 150.0, 250.0], [100.0, 140.0]
    hs, vs = grid_rules(xs, ys)
    words = [word("1", 60, 104), word("2", 60, 118), word("3", 160, 104), word("4", 160, 118)]
    tables = find_frame_tables(page(words, hs, vs))
    assert len(tables) == 1 and tables[0].method is Method.RAW
    assert [c.text for c in tables[0].cells] == ["1 3", "2 4"]
    assert tables[0].words_in_cells == 4


def _part(page_no: int, header: str, body: str, context: list[str] | None = None) -> RawTable:
    cells = [
        RawCell(0, 0, 1, 1, (50, 50, 150, 60), text=header, header=True),
        RawCell(0, 1, 1, 1, (150, 50, 300, 60), text="Date", header=True),
        RawCell(1, 0, 1, 1, (50, 60, 150, 70), text=body),
        RawCell(1, 1, 1, 1, (150, 60, 300, 70), text="5 Feb 2026"),
    ]
    table = RawTable(page_no, UPRIGHT, Method.RULED, (50, 50, 300, 70), 2, 2, cells, header_rows=1)
    table.context = context or []
    return table


def test_continued_table_with_repeated_header_is_stitched() -> None:
    joined = list(stitch([_part(5, "Lead Officer", "A"), _part(6, "Lead Officer", "B"), _part(7, "Lead Officer", "C", ["ROUND TWO"])]))
    assert [[p.page for p in s.parts] for s in joined] == [[5, 6], [7]]
    assert joined[0].dropped_header_rows == [0, 1]


def test_stitching_gives_each_table_out_once_no_later_page_can_continue_it() -> None:
    """The pass reads a pack's tables as a stream: a table comes out by the time the page after its last part ends, never at the end."""
    parts = [
        _part(3, "Item", "A"), _part(3, "Lead Officer", "B"),  # the second goes on over page 4
        _part(4, "Lead Officer", "C"), _part(4, "Lead Officer", "D"),
        _part(6, "Lead Officer", "E"),  # page 5 has no table: nothing continues D
        _part(7, "Lead Officer", "F", ["ROUND TWO"]),  # a heading above it: a new table
    ]
    taken: list[int] = []

    def found():
        for part in parts:
            taken.append(part.page)
            yield part

    given = []
    for table in stitch(found()):
        given.append(([p.page for p in table.parts], [p.cells[2].text for p in table.parts], max(taken)))
    assert given == [
        ([3], ["A"], 4),  # out once page 4 begins: page 3 has ended, and only its last table can go on
        ([3, 4], ["B", "C"], 6),
        ([4], ["D"], 7),  # page 6's table does not continue it (page 5 between): out when page 6 ends
        ([6], ["E"], 7),
        ([7], ["F"], 7),
    ]


def _clean_page(rows: list[list[tuple[float, str]]]) -> CleanPage:
    lines = []
    for r, row in enumerate(rows):
        y = 100.0 + 14 * r
        for x, text in row:
            box = BBox(x0=x, top=y, x1=x + 5 * len(text), bottom=y + 10)
            lines.append(TextLine(spans=[TextSpan(text=text, bbox=box, font="Arial", size=10.0)], bbox=box, block_no=r, horizontal=True))
    return CleanPage(page=1, width=600, height=800, lines=lines)


def test_prose_pages_are_not_table_candidates() -> None:
    prose = _clean_page([[(50.0, "The Committee considered the report of the Director of Finance.")]] * 10)
    numbered = _clean_page([[(50.0, "1.1"), (90.0, "The Committee considered the report.")]] * 10)
    figures = _clean_page([[(50.0, "Pay"), (300.0, "21,845.7"), (400.0, "626.9")]] * 4)
    assert not is_table_candidate(prose)
    assert not is_table_candidate(numbered)
    assert is_table_candidate(figures)
