"""Documents found by their own page numbers and header blocks, on hand-built pages laid out as a
scanned case packet reads after OCR: no outline, no bold, headings in body size."""

from __future__ import annotations

from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.geometry import BBox
from agendapack.models.source import SourceInfo, TextLine, TextSpan
from agendapack.stages.segment import segment_pack
from agendapack.stages.text_cues import memo_header, minutes_heading, page_numbers

HEIGHT = 792.0


def line(text: str, top: float, x0: float = 72) -> TextLine:
    box = BBox(x0=x0, top=top, x1=x0 + 5 * len(text), bottom=top + 10)
    return TextLine(spans=[TextSpan(text=text, bbox=box, font="OCR", size=10)], bbox=box, block_no=0, horizontal=True)


def body(start: float, count: int = 4) -> list[TextLine]:
    return [line(f"Body text of the document, line {i + 1}, in the same size as everything else.", start + 14 * i) for i in range(count)]


def page(number: int, lines: list[TextLine]) -> CleanPage:
    return CleanPage(page=number, width=612, height=HEIGHT, lines=lines)


def continuation(number: int, title: str, printed: int) -> CleanPage:
    """A continuation page whose three-line header block ends ~110 pt down, below the header band."""
    header = [line(title, 75, 430), line("Case #C10-11-099", 88, 420), line(f"Page {printed}", 100, 525)]
    return page(number, header + body(150))


def memo(number: int) -> CleanPage:
    fields = [line("TO: Chairman and Members of the Board", 134), line("FROM: Planning Director", 159), line("DATE: July 27, 2011", 196)]
    fields.append(line("SUBJECT: East of 99th Street", 221))
    return page(number, [line("INTER-OFFICE COMMUNICATION", 72, 230), *fields, *body(260)])


def pack(pages: list[CleanPage]) -> CleanPack:
    return CleanPack(source=SourceInfo(file_name="t.pdf", sha256="0" * 64, size_bytes=1, page_count=len(pages)), pages=pages)


def starts(pages: list[CleanPage]) -> list[tuple[int, int]]:
    return [(s.page_start, s.page_end) for s in segment_pack(pack(pages)).sections if s.level == 1]


def test_page_numbers_are_read_below_the_header_band_and_at_the_end_of_a_running_header() -> None:
    pages = [
        continuation(1, "Interoffice Communication", 2),
        page(2, [line("Minutes - December 3, 2024 — Page 3", 38, 390), *body(70)]),
        page(3, [*body(100), line("Page 4 of 9", 760, 280)]),
        page(4, [line("Page 5", 400), *body(100)]),  # mid-page: body text, not a page number
    ]
    assert page_numbers(pages, []) == {1: 2, 2: 3, 3: 4}


def test_a_case_packet_splits_where_its_documents_number_their_pages() -> None:
    pages = [
        page(1, [line("Planning Department", 52, 445), line("Honorable President", 232), *body(287)]),
        memo(2),
        continuation(3, "Interoffice Communication", 2),
        continuation(4, "Interoffice Communication", 3),
        page(5, [line("CITY PLANNING DEPARTMENT", 52, 227), line("RECOMMENDATION REPORT", 64, 255), *body(115)]),
        continuation(6, "Recommendation Report", 2),
        continuation(7, "Recommendation Report", 3),
        page(8, [line("SITE PLAN", 30, 275), line("drawing label", 300, 400)]),
        page(9, [line("PLANNING BOARD MINUTES", 82, 245), *body(104)]),
    ]
    # p2 and p5: the page before one numbered 2; p8: the page after a document's last numbered page;
    # p9: a minutes heading in capitals on its own row.
    assert starts(pages) == [(1, 1), (2, 4), (5, 7), (8, 8), (9, 9)]


def test_a_gap_in_numbering_that_resumes_is_a_missed_number_not_a_new_document() -> None:
    pages = [
        memo(1),
        continuation(2, "Memo", 2),
        page(3, body(100)),  # its number was not read
        continuation(4, "Memo", 4),
    ]
    assert starts(pages) == [(1, 4)]


def test_a_pack_numbered_from_its_first_page_gives_no_document_ends() -> None:
    pages = [page(n, [*body(120), line(f"Page {n}", 760, 280)]) for n in range(1, 4)]
    pages.append(page(4, body(120)))  # a page without its number
    pages.append(page(5, [*body(120), line("Page 9", 760, 280)]))
    assert starts(pages) == [(1, 5)]


def test_a_minutes_heading_repeated_atop_every_page_is_a_running_header() -> None:
    pages = [page(n, [line("RECREATION COMMITTEE MINUTES", 28, 396), *body(80)]) for n in range(2, 5)]
    assert minutes_heading(pages[0])
    assert starts([page(1, [line("AGENDA", 80, 250), *body(120)]), *pages]) == [(1, 1), (2, 4)]


def test_a_minutes_word_in_body_type_and_lower_case_is_no_heading() -> None:
    assert not minutes_heading(page(1, [line("Approval of the minutes", 82, 72), *body(104)]))


def test_memo_header_needs_three_different_fields_among_the_first_lines() -> None:
    assert memo_header(memo(1)) == "to, from, date, subject"
    two = page(1, [line("TO: Council", 100), line("FROM: Clerk", 120), *body(140)])
    assert memo_header(two) == ""
    late = page(1, [*body(100, 15), line("TO: Council", 400), line("FROM: Clerk", 420), line("SUBJECT: Roads", 440)])
    assert memo_header(late) == ""
