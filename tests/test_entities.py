"""Named entities: the rule pipeline (no trained model installed) and how a trained pipeline's entities are merged."""

from __future__ import annotations

import pytest

from agendapack import PackDocument, nlp


def entities(text: str) -> list[tuple]:
    return [(e.label, e.text, e.role) for e in nlp.find_entities([text], use_trained=False)[0]]


def test_people_with_roles_money_percentages_dates_and_organisations() -> None:
    text = (
        "Jayne Vertkin (Head of Early Help) said Kent County Council projected an overspend of £23.3 million, 1.6% of its budget, "
        "and £000s elsewhere; the Care Quality Commission reported on Monday 25 November 2019 and NHS England agreed 10 per cent."
    )
    assert entities(text) == [
        ("PERSON", "Jayne Vertkin", "Head of Early Help"),
        ("ORG", "Kent County Council", None),
        ("MONEY", "£23.3 million", None),
        ("PERCENT", "1.6%", None),
        ("MONEY", "£000s", None),
        ("ORG", "Care Quality Commission", None),
        ("DATE", "Monday 25 November 2019", None),
        ("ORG", "NHS England", None),
        ("PERCENT", "10 per cent", None),
    ]


def test_a_role_bracket_is_not_an_organisation_and_a_bare_acronym_is_not_a_person() -> None:
    assert entities("Nicky Crouch (Interim Director of Family Services) updated the Committee.") == [
        ("PERSON", "Nicky Crouch", "Interim Director of Family Services")
    ]
    assert entities("The Youth Offending Team (YOT) met.") == [("ORG", "Youth Offending Team", None)]
    assert entities("Councillor Heather Acton (Cabinet Member for Family Services and Public Health) briefed.") == [
        ("PERSON", "Heather Acton", "Cabinet Member for Family Services and Public Health"),
    ]


def test_sample_pack_entities_point_into_their_blocks(sample_doc: PackDocument) -> None:
    assert nlp.trained_pipeline() is None  # this environment runs the rule pipeline only
    blocks = {b.block_id: b for b in sample_doc.blocks}
    found = sample_doc.records.entities
    assert found
    for entity in found:
        block = blocks[entity.block_id]
        assert block.text[entity.start_char : entity.end_char] == entity.text
        assert entity.section_id == block.section_id and entity.provenance[0].page == block.page
        assert entity.method == "rules"
    people = {(e.text, e.role) for e in found if e.label == "PERSON"}
    assert ("Jayne Vertkin", "Head of Early Help") in people
    assert ("Houda Al-Sharifi", "Interim Director of Public Health") in people
    minutes = {e.meeting_id for e in found if e.section_id == "s02"}
    reports = {e.meeting_id for e in found if e.section_id != "s02"}
    assert minutes == {"2019-11-25-family-and-people-services-policy-scrutiny-committee"}
    assert reports == {"2020-01-27-family-and-people-services-policy-scrutiny-committee"}
    # tables and trackers are not prose: no entities from the work programme or the trackers
    assert not [e for e in found if e.section_id in ("s06.01", "s06.02", "s06.03")]


def test_a_trained_pipeline_adds_entities_where_the_rules_found_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stands in for en_core_web_sm (not installed here): a pipeline whose entity ruler labels places."""
    import spacy

    fake = spacy.blank("en")
    ruler = fake.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Maidstone"}, {"label": "ORG", "pattern": "Kent County"}])
    monkeypatch.setattr(nlp, "trained_pipeline", lambda: fake)
    found = nlp.find_entities(["Kent County Council met in Maidstone on 30 January 2025."])[0]
    assert [(e.label, e.text, e.method) for e in found] == [
        ("ORG", "Kent County Council", "rules"),  # the rule entity wins over the overlapping trained one
        ("GPE", "Maidstone", nlp.TRAINED_MODEL),
        ("DATE", "30 January 2025", "rules"),
    ]
