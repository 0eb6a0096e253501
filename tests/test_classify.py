"""Classification from evidence: per-kind scores, the evidence kept on the section, and its reason."""

from __future__ import annotations

from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.document import KindEvidence, Section, SectionKind, SectionSource
from agendapack.models.geometry import BBox
from agendapack.models.profile import Profile
from agendapack.models.source import SourceInfo, TextLine, TextSpan
from agendapack.stages.classify import MIN_KIND_SCORE, classify_sections, kind_scores, records_a_meeting

K = SectionKind


def line(text: str, top: float, size: float = 11, bold: bool = False) -> TextLine:
    box = BBox(x0=72, top=top, x1=72 + 5 * len(text), bottom=top + size)
    return TextLine(spans=[TextSpan(text=text, bbox=box, font="Helvetica", size=size, bold=bold)], bbox=box, block_no=0, horizontal=True)


def page(number: int, *texts: str, start: float = 80) -> CleanPage:
    return CleanPage(page=number, width=612, height=792, lines=[line(text, start + 16 * i) for i, text in enumerate(texts)])


def section(section_id: str, start: int, end: int, title: str = "Untitled", level: int = 1, parent: str | None = None, **extra) -> Section:
    return Section(
        section_id=section_id, parent_id=parent, level=level, title=title, page_start=start, page_end=end, source=SectionSource.TEXT, confidence=0.5, **extra
    )


def classify(pages: list[CleanPage], sections: list[Section]) -> list[Section]:
    pack = CleanPack(source=SourceInfo(file_name="t.pdf", sha256="0" * 64, size_bytes=1, page_count=len(pages)), pages=pages)
    out, _ = classify_sections(sections, pack, Profile(name="test"))
    return out


US_MINUTES = [
    page(
        1,
        "TOWN OF ELMWOOD",
        "Regular meeting of the Board of Trustees, March 3, 2025",
        "The meeting was called to order at 7:02 p.m. by President Ruiz.",
        "Trustees present: Ruiz, Okafor, Lindqvist, Park.",
        "A motion was made by Trustee Okafor, seconded by Trustee Park, to approve the bills.",
        "Ayes: Ruiz, Okafor, Lindqvist, Park. Nays: none.",
    ),
    page(2, "There being no further business, the meeting was adjourned at 8:15 p.m."),
]


def test_minutes_without_a_minutes_title_are_known_by_their_text() -> None:
    [found] = classify(US_MINUTES, [section("s01", 1, 2, title="TOWN OF ELMWOOD")])
    assert found.kind is K.MINUTES
    assert found.kind_confidence > 0.9
    cues = {item.cue for item in found.kind_evidence if item.kind is K.MINUTES}
    assert {"minutes_opened", "minutes_attendance", "minutes_motion", "minutes_vote", "minutes_closed"} <= cues
    closed = next(item for item in found.kind_evidence if item.cue == "minutes_closed")
    assert closed.page == 2 and closed.convention == "us-legistar"
    assert found.kind_reason.startswith("minutes 0.9") and "minutes_opened" in found.kind_reason
    assert found.kind_scores[K.MINUTES] == found.kind_confidence


def test_an_agenda_listing_a_minutes_item_stays_an_agenda() -> None:
    frontsheet = page(
        1,
        "PLANNING COMMITTEE",
        "AGENDA",
        "1. Apologies for absence",
        "2. Declarations of interest",
        "3. Minutes of the meeting held on 4 June (Pages 1 - 6)",
        "4. Land at Mill Lane (Pages 7 - 20)",
        "5. Any other business",
    )
    [found] = classify([frontsheet], [section("s01", 1, 1, title="PLANNING COMMITTEE")])
    assert found.kind is K.AGENDA
    assert K.MINUTES not in found.kind_scores or found.kind_scores[K.MINUTES] < MIN_KIND_SCORE


def test_a_motion_form_is_not_minutes() -> None:
    form = page(1, "Amendment to the budget", "Proposed by: Councillor A Jones", "Seconded by: Councillor B Smith", "It was AGREED that the amendment stands.")
    [found] = classify([form], [section("s01", 1, 1, title="Amendment to the budget")])
    assert found.kind is not K.MINUTES
    assert 0 < found.kind_scores[K.MINUTES] <= 0.3


def test_dutch_and_french_minutes_name_their_convention() -> None:
    dutch = page(
        1,
        "Besluitenlijst raadsvergadering 29 juni 2015",
        "1. Opening",
        "Er is bericht van verhindering ontvangen van de heer Jansen.",
        "De raad besluit unaniem:",
    )
    french = page(2, "PROCÈS-VERBAL", "La séance est ouverte à 19 h 00.", "Présents : M. Martin, Mme Durand", "La séance est levée à 21 h 10.")
    found = classify([dutch, french], [section("s01", 1, 1, title="Besluitenlijst"), section("s02", 2, 2, title="Conseil municipal")])
    assert [s.kind for s in found] == [K.MINUTES, K.MINUTES]
    assert {item.convention for item in found[0].kind_evidence if item.kind is K.MINUTES} == {"nl"}
    assert {item.convention for item in found[1].kind_evidence if item.kind is K.MINUTES} == {"fr"}


def test_a_title_names_one_kind_fully() -> None:
    [found] = classify([page(1, "Some text.")], [section("s01", 1, 1, title="Minutes of the Budget Committee")])
    weights = {item.cue: item.weight for item in found.kind_evidence}
    assert found.kind is K.MINUTES
    assert weights["budget_title"] < weights["minutes_title"]


def test_repeats_of_the_same_words_count_less_than_different_words() -> None:
    def evidence(*texts: str) -> list[KindEvidence]:
        return [KindEvidence(kind=K.REPORT, cue="report_fields", page=1, text=text, weight=0.2) for text in texts]

    repeated = kind_scores(evidence("Background", "BACKGROUND", "Background"))[K.REPORT]
    different = kind_scores(evidence("Background", "Fiscal impact", "Alternatives"))[K.REPORT]
    assert abs(repeated - (1 - 0.8 * 0.9 * 0.95)) < 1e-9
    assert abs(different - (1 - 0.8**3)) < 1e-9


def test_a_meeting_record_needs_a_heading_or_two_of_its_parts() -> None:
    def cue(name: str) -> KindEvidence:
        return KindEvidence(kind=K.MINUTES, cue=name, page=1, text=name, weight=0.3)

    assert records_a_meeting([cue("minutes_heading")])
    assert records_a_meeting([cue("minutes_opened"), cue("minutes_closed")])
    assert not records_a_meeting([cue("minutes_attendance"), cue("minutes_vote"), cue("minutes_motion")])


def test_evidence_belongs_to_the_innermost_section_holding_its_line() -> None:
    report = page(1, "Report of the Director", "Recommendations:", "Background:")
    minutes_below = page(2, "Report text continues here.", "MINUTES OF THE AUDIT PANEL", start=80)
    minutes_below.lines.extend([line("Members present: Cllr Reed", 400), line("The meeting closed at 4.10 pm.", 416)])
    parent = section("s01", 1, 2, title="Report of the Director", y_end=None)
    child = section("s01.01", 2, 2, title="Minutes of the Audit Panel", level=2, parent="s01", y_start=390.0)
    outer, inner = classify([report, minutes_below], [parent, child])
    assert inner.kind is K.MINUTES
    assert all(item.page != 2 or item.kind is not K.MINUTES for item in outer.kind_evidence)
    assert outer.kind is K.REPORT


def test_nothing_to_go_on_is_other_with_a_reason() -> None:
    [found] = classify([page(1, "Lorem ipsum dolor sit amet.")], [section("s01", 1, 1, title="Untitled")])
    assert found.kind is K.OTHER
    assert found.kind_reason == "no cue matched" and found.kind_scores == {}
