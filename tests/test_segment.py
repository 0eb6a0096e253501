"""Segmentation rules on hand-built pages: outline order, incomplete outlines, text cues."""

from __future__ import annotations

from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.geometry import BBox
from agendapack.models.issues import IssueCode
from agendapack.models.source import OutlineEntry, SourceInfo, TextLine, TextSpan
from agendapack.stages.segment import segment_pack, split_item_number


def line(text: str, top: float, size: float = 11, bold: bool = False) -> TextLine:
    box = BBox(x0=72, top=top, x1=72 + 6 * len(text), bottom=top + size)
    return TextLine(spans=[TextSpan(text=text, bbox=box, font="Helvetica", size=size, bold=bold)], bbox=box, block_no=0, horizontal=True)


def page(number: int, *texts: str, label: str | None = None, stamp: str | None = None) -> CleanPage:
    lines = [line(text, 100 + 20 * i) for i, text in enumerate(texts)] or [line("Body text.", 100)]
    return CleanPage(page=number, width=595, height=842, printed_label=label, agenda_item_stamp=stamp, lines=lines)


def pack(pages: list[CleanPage], outline: list[OutlineEntry] | None = None) -> CleanPack:
    return CleanPack(source=SourceInfo(file_name="t.pdf", sha256="0" * 64, size_bytes=1, page_count=len(pages)), pages=pages, outline=outline or [])


def ranges(result) -> list[tuple]:
    return [(s.section_id, s.item_number, s.page_start, s.page_end, s.source.value) for s in result.sections]


def test_item_numbers_are_split_from_outline_titles() -> None:
    assert split_item_number("6 Draft Annual Report") == ("6", "Draft Annual Report")
    assert split_item_number("6a. Appendix") == ("6a", "Appendix")
    assert split_item_number("1 | Introduction") == ("1", "Introduction")
    assert split_item_number("24/00108 - Budget") == (None, "24/00108 - Budget")
    assert split_item_number("2019/20 Work Programme") == (None, "2019/20 Work Programme")


def test_outline_out_of_order_is_sorted_and_reported() -> None:
    outline = [OutlineEntry(level=1, title="5 Report", page=3), OutlineEntry(level=1, title="Agenda", page=1)]
    result = segment_pack(pack([page(n) for n in range(1, 5)], outline))
    assert ranges(result) == [("s01", None, 1, 2, "outline"), ("s02", "5", 3, 4, "outline")]
    assert IssueCode.OUTLINE_OUT_OF_ORDER in {i.code for i in result.issues}


def test_stamp_the_outline_misses_adds_a_section() -> None:
    pages = [page(1, "AGENDA"), page(2, label="1", stamp="3"), page(3, label="2"), page(4, label="3", stamp="4"), page(5, label="4")]
    outline = [OutlineEntry(level=1, title="Agenda", page=1), OutlineEntry(level=1, title="3 Minutes", page=2)]
    result = segment_pack(pack(pages, outline))
    assert ranges(result) == [("s01", None, 1, 1, "outline"), ("s02", "3", 2, 3, "outline"), ("s03", "4", 4, 5, "text")]
    assert [(i.code, i.page) for i in result.issues] == [(IssueCode.OUTLINE_INCOMPLETE, 4)]


def test_outline_starting_late_gets_a_leading_section() -> None:
    outline = [OutlineEntry(level=1, title="Table 1", page=3)]
    result = segment_pack(pack([page(n) for n in range(1, 5)], outline))
    assert ranges(result) == [("s01", None, 1, 2, "text"), ("s02", None, 3, 4, "outline")]


def test_nested_outline_children_end_with_their_parent() -> None:
    outline = [
        OutlineEntry(level=1, title="8 Trackers", page=1),
        OutlineEntry(level=2, title="Work Programme", page=2),
        OutlineEntry(level=2, title="Action Tracker", page=4),
        OutlineEntry(level=1, title="9 Any Other Business", page=6),
    ]
    result = segment_pack(pack([page(n) for n in range(1, 8)], outline))
    assert ranges(result) == [
        ("s01", "8", 1, 5, "outline"),
        ("s01.01", "8", 2, 3, "outline"),
        ("s01.02", "8", 4, 5, "outline"),
        ("s02", "9", 6, 7, "outline"),
    ]
    assert [s.parent_id for s in result.sections] == [None, "s01", "s01", None]


def test_text_cues_without_outline() -> None:
    pages = [
        page(1, "Front cover"),
        page(2, "MINUTES", "Minutes of a meeting of the Cabinet held on 9 January"),
        page(3, "Classification: Public", "Report of: Director", "Wards Involved: All", "Title: Budget Update"),
        page(4, "More report text"),
        page(5, "Another document", label="1"),
        page(6, "Its second page", label="2"),
        page(7, "A third document restarts its numbering", label="1"),
    ]
    result = segment_pack(pack(pages))
    assert [(s.title, s.page_start, s.page_end) for s in result.sections] == [
        ("Front cover", 1, 1),
        ("Minutes", 2, 2),
        ("Budget Update", 3, 6),
        ("A third document restarts its numbering", 7, 7),
    ]
    assert IssueCode.NO_OUTLINE in {i.code for i in result.issues}


def test_frontsheet_pages_map_through_printed_numbers() -> None:
    front = page(1, "AGENDA")
    front.lines.extend([line("3.", 300), line("Minutes (Pages 1 - 2)", 300)])
    front.lines[-1] = front.lines[-1].model_copy(update={"bbox": BBox(x0=100, top=300, x1=300, bottom=311)})
    front.lines.extend([line("4.", 330)])
    front.lines.append(line("Budget (Pages 3 - 4)", 330).model_copy(update={"bbox": BBox(x0=100, top=330, x1=300, bottom=341)}))
    pages = [front, page(2, "blank"), page(3, label="1"), page(4, label="2"), page(5, label="3"), page(6, label="4")]
    result = segment_pack(pack(pages))
    assert [(s.item_number, s.title, s.page_start, s.page_end) for s in result.sections] == [
        (None, "Agenda", 1, 2),
        ("3", "Minutes", 3, 4),
        ("4", "Budget", 5, 6),
    ]


def styled_page(number: int, heading: str | None, body_lines: int = 6, heading_top: float = 100, size: float = 14) -> CleanPage:
    """A page with an optional bold heading at `heading_top` and body lines under it (or from the top)."""
    lines = []
    top = 100.0
    if heading is not None:
        lines.append(line(heading, heading_top, size=size, bold=True))
        top = heading_top + 24
    lines += [line(f"Body text line {i} of page {number}.", top + 16 * i) for i in range(body_lines)]
    if heading is not None and heading_top > 120:
        lines = [line(f"Text above the heading on page {number}.", 80), *lines]
    return CleanPage(page=number, width=595, height=842, lines=lines)


def test_a_bookmark_part_way_down_a_page_ends_the_section_before_on_that_page() -> None:
    pages = [styled_page(1, "Economy"), styled_page(2, "Housing", heading_top=400), styled_page(3, "Transport")]
    outline = [
        OutlineEntry(level=1, title="Economy", page=1, y=99),
        OutlineEntry(level=1, title="Housing", page=2, y=399),
        OutlineEntry(level=1, title="Transport", page=3, y=99),
    ]
    result = segment_pack(pack(pages, outline))
    assert [(s.title, s.page_start, s.page_end, s.y_start, s.y_end) for s in result.sections] == [
        ("Economy", 1, 2, None, 399),
        ("Housing", 2, 2, 399, None),
        ("Transport", 3, 3, None, None),
    ]
    # the shared page's box for each section covers only its own part of the page
    economy, housing = result.sections[0], result.sections[1]
    assert economy.provenance[1].bbox.bottom < 399 <= housing.provenance[0].bbox.top


def test_bookmarks_per_page_are_not_documents() -> None:
    pages = [styled_page(1, "AGENDA"), styled_page(2, None), styled_page(3, "MINUTES"), styled_page(4, None)]
    outline = [
        OutlineEntry(level=1, title="Pg 1", page=1),
        OutlineEntry(level=1, title="Pg 2", page=2),
        OutlineEntry(level=1, title="Minutes 10/18/22", page=3),
    ]
    result = segment_pack(pack(pages, outline))
    assert [(s.page_start, s.page_end, s.source.value) for s in result.sections] == [(1, 2, "text"), (3, 4, "outline")]
    dropped = [i for i in result.issues if i.code is IssueCode.OUTLINE_ENTRY_NOT_SECTION]
    assert [i.page for i in dropped] == [1, 2] and "per page" in dropped[0].message


def test_an_outline_of_every_heading_and_table_row_is_not_a_list_of_documents() -> None:
    first = styled_page(1, "AGENDA", body_lines=30)
    pages = [first, styled_page(2, None, body_lines=30), styled_page(3, None), styled_page(4, None)]
    outline = [OutlineEntry(level=1, title=f"Item {i}", page=1 + i // 5, y=120 + 16 * (i % 5) * 3) for i in range(10)]
    result = segment_pack(pack(pages, outline))
    assert [(s.page_start, s.page_end, s.source.value) for s in result.sections] == [(1, 4, "text")]
    assert sum(i.code is IssueCode.OUTLINE_ENTRY_NOT_SECTION for i in result.issues) == 10
    assert IssueCode.NO_OUTLINE in {i.code for i in result.issues}


def test_bookmarks_on_consecutive_title_lines_are_not_sections() -> None:
    cover = CleanPage(page=1, width=595, height=842, lines=[line("PLANNING COMMISSION AGENDA", 100), line("March 3, 2025 at 9:00 A.M.", 116)])
    cover.lines.extend(line(f"Procedure text {i}.", 160 + 16 * i) for i in range(10))
    outline = [
        OutlineEntry(level=1, title="PLANNING COMMISSION AGENDA", page=1, y=99),
        OutlineEntry(level=1, title="March 3, 2025 at 9:00 A.M.", page=1, y=115),
        OutlineEntry(level=1, title="Item 1 - Staff report", page=2),
    ]
    result = segment_pack(pack([cover, styled_page(2, "Staff report")], outline))
    # the first is a title line with the next bookmark on the line below: the second starts with it
    assert [(s.title, s.page_start, s.page_end, s.y_start) for s in result.sections] == [
        ("March 3, 2025 at 9:00 A.M.", 1, 1, None),
        ("Item 1 - Staff report", 2, 2, None),
    ]
    assert [i.page for i in result.issues if i.code is IssueCode.OUTLINE_ENTRY_NOT_SECTION] == [1]


def test_a_page_of_title_line_bookmarks_leaves_the_sections_to_the_text() -> None:
    cover = CleanPage(page=1, width=595, height=842, lines=[line(text, 100 + 16 * i) for i, text in enumerate(("AGENDA", "Council Chamber", "12 Main Street"))])
    outline = [OutlineEntry(level=1, title=text, page=1, y=99 + 16 * i) for i, text in enumerate(("AGENDA", "Council Chamber", "12 Main Street"))]
    result = segment_pack(pack([cover, styled_page(2, None)], outline))
    assert [(s.page_start, s.page_end, s.source.value) for s in result.sections] == [(1, 2, "text")]


def test_children_that_repeat_their_parent_or_label_its_fields_are_dropped() -> None:
    pages = [styled_page(1, "Council memo", body_lines=20), styled_page(2, None), styled_page(3, "Location map"), styled_page(4, "Exhibit A")]
    outline = [
        OutlineEntry(level=1, title="Council memo", page=1),
        OutlineEntry(level=2, title="BASIS FOR RECOMMENDATION:", page=1, y=250),
        OutlineEntry(level=2, title="FOR QUESTIONS CONTACT: J Smith, (555) 123-4567", page=2, y=150),
        OutlineEntry(level=1, title="Location map", page=3),
        OutlineEntry(level=2, title="Layout2", page=3),
        OutlineEntry(level=1, title="Exhibit A - Legal description", page=4),
    ]
    result = segment_pack(pack(pages, outline))
    assert [(s.title, s.level, s.page_start, s.page_end) for s in result.sections] == [
        ("Council memo", 1, 1, 2),
        ("Location map", 1, 3, 3),
        ("Exhibit A - Legal description", 1, 4, 4),
    ]


def test_an_unbookmarked_document_after_the_last_bookmark_is_split_off_by_its_heading() -> None:
    pages = [
        styled_page(1, "Customer Services"),
        styled_page(2, "Highways"),
        styled_page(3, None),
        styled_page(4, "Risk Register Overview"),
        styled_page(5, None),
    ]
    outline = [OutlineEntry(level=1, title="Customer Services", page=1), OutlineEntry(level=1, title="Highways", page=2)]
    result = segment_pack(pack(pages, outline))
    assert [(s.title, s.page_start, s.page_end, s.source.value) for s in result.sections] == [
        ("Customer Services", 1, 1, "outline"),
        ("Highways", 2, 3, "outline"),
        ("Risk Register Overview", 4, 5, "text"),
    ]


def test_each_decision_form_on_a_page_starts_a_section_at_its_subject() -> None:
    rows = [
        ("Decision Recording Form", 60),
        ("(a) Subject: Parks strategy", 100),
        ("(agenda item 4)", 114),
        ("(d) Decision taken: approved", 140),
        ("(a) Subject: Library hours", 400),
        ("(agenda item 5)", 414),
        ("(d) Decision taken: noted", 440),
    ]
    first = CleanPage(page=1, width=595, height=842, lines=[line(text, top) for text, top in rows])
    result = segment_pack(pack([first, page(2, "Reasons for decision: as in the report.")]))
    assert [(s.item_number, s.title, s.page_start, s.page_end, s.y_start, s.y_end) for s in result.sections] == [
        ("4", "Parks strategy", 1, 1, None, 400),
        ("5", "Library hours", 1, 2, 400, None),
    ]
    assert all(e.kind.value == "decision_notice" and e.cue == "segment_cue" for s in result.sections for e in s.kind_evidence)


def test_a_first_bookmark_part_way_down_a_later_page_is_a_heading_inside_the_document() -> None:
    pages = [page(1, "MINUTES", "PRESENT: Councillor A"), page(2, "Item 8 text"), page(3, "(Item 9)", "Guest speakers", "1. They spoke.")]
    outline = [OutlineEntry(level=1, title="Guest speakers", page=3, y=120)]
    result = segment_pack(pack(pages, outline))
    assert ranges(result) == [("s01", None, 1, 3, "text")]
    assert [(i.code, i.page) for i in result.issues if i.code is IssueCode.OUTLINE_ENTRY_NOT_SECTION] == [(IssueCode.OUTLINE_ENTRY_NOT_SECTION, 3)]


def test_a_first_bookmark_part_way_down_a_page_where_the_text_starts_a_document_is_kept() -> None:
    pages = [page(1, "Cover text"), page(2, "More"), page(3, "end of the last paper", "MINUTES", "PRESENT: Councillor A")]
    pages[2].lines[1] = line("MINUTES", 120, size=16, bold=True)
    outline = [OutlineEntry(level=1, title="Minutes", page=3, y=120)]
    result = segment_pack(pack(pages, outline))
    assert (3, 3) in [(s.page_start, s.page_end) for s in result.sections if s.source.value == "outline"]


def test_an_attachment_stamp_in_body_type_after_the_last_bookmark_nests_under_the_report() -> None:
    report = page(2, "TO: Board", "FROM: Director", "SUBJECT: Payments", "Attachments:", "1. Summary sheet", "2. Register")
    pages = [page(1, "AGENDA"), report, page(3, "ATTACHMENT 1", "Summary of the payments made this month."), page(4, "ATTACHMENT 2", "Register.")]
    outline = [OutlineEntry(level=1, title="Agenda", page=1), OutlineEntry(level=1, title="Payments", page=2)]
    result = segment_pack(pack(pages, outline))
    assert [(s.level, s.page_start, s.page_end) for s in result.sections] == [(1, 1, 1), (1, 2, 4), (2, 3, 3), (2, 4, 4)]


def test_a_sentence_naming_an_attachment_is_no_stamp() -> None:
    pages = [page(1, "AGENDA"), page(2, "Report text"), page(3, "Attachment 1 shows the figures for the year.", "More text.")]
    outline = [OutlineEntry(level=1, title="Agenda", page=1), OutlineEntry(level=1, title="Report", page=2)]
    assert [(s.page_start, s.page_end) for s in segment_pack(pack(pages, outline)).sections] == [(1, 1), (2, 3)]


def test_a_document_sharing_no_word_with_the_attachments_a_report_names_is_not_one_of_them() -> None:
    memo_fields = ("TO: Board", "FROM: Director", "SUBJECT: Rezoning")
    report = page(1, *memo_fields, "The request is set out below.", "ATTACHMENTS:", "Site Plans", "Elevations")
    own = page(2, "RECOMMENDATION REPORT", "Case Number: 11-100", "Applicant: Eagles Nest", "Request: Rezoning", "Location: East")
    result = segment_pack(pack([report, own]))
    assert [(s.level, s.page_start, s.page_end) for s in result.sections] == [(1, 1, 1), (1, 2, 2)]
    plans = page(2, "RECOMMENDATION REPORT", "Case Number: 11-100", "Applicant: Eagles Nest", "Request: Site plans", "Location: East")
    result = segment_pack(pack([report, plans]))
    assert [(s.level, s.page_start, s.page_end) for s in result.sections] == [(1, 1, 2), (2, 2, 2)]


def test_an_exhibit_stamp_on_the_last_page_of_a_numbered_drawing_starts_nothing() -> None:
    pages = [page(1, "AGENDA"), page(2, "Report text", label="4"), page(3, "COLEMAN AVENUE", label="1"), page(4, "WONDO WAY", label="2")]
    pages.append(page(5, 'EXHIBIT "B"', "AS SHOWN", label="3"))
    outline = [OutlineEntry(level=1, title="Agenda", page=1), OutlineEntry(level=1, title="Report", page=2)]
    assert [(s.page_start, s.page_end) for s in segment_pack(pack(pages, outline)).sections] == [(1, 1), (2, 2), (3, 5)]
