"""The matching rules of the convention tests themselves: a rule that matched too much would let a wrong reader pass."""

from __future__ import annotations

from types import SimpleNamespace

from conventions_match import Block, _outcome, _resolution, _vote, name_tokens, norm_number, same_name, starts_like


def test_names_match_without_honorifics_and_never_by_part() -> None:
    assert same_name("Councillor Sandhu", "Sandhu")
    assert same_name("M. le conseiller Pierre-Luc Ouellet", "Pierre-Luc Ouellet")
    assert same_name("Anjali Patel", "Patel")  # fuller than printed
    assert same_name("Dafydd Jones", "D Jones")  # an initial spelled out
    assert not same_name("Eleri Jones", "D Jones")
    assert not same_name("Cole", "P Cole")
    assert not same_name("P T Cole", "P Cole")
    assert not same_name("Mr P Cole", "P T Cole")
    assert not same_name(None, "Vance")
    assert same_name(None, None)
    assert name_tokens("Cllr M Hargreaves") == ["m", "hargreaves"]  # an initial M is not the French 'M.'


def test_text_starts_allow_a_short_lead_in_only() -> None:
    assert starts_like("Motion to approve the agenda as posted.", "approve the agenda as posted")
    assert starts_like("that the minutes be approved", "That the minutes be approved")
    assert not starts_like("26/00041/HOUSE - Single storey rear extension, 4 Mill Row. It was proposed by Cllr D Evans and RESOLVED that "
                           "the Council raise no objection", "that the Council raise no objection")
    assert not starts_like("", "anything")


def test_numbers_as_printed_lose_only_their_punctuation() -> None:
    assert norm_number("31.") == norm_number("31") == "31"
    assert norm_number("(15-190)") == "15-190"
    assert norm_number("(*26-204)") == "26-204"
    assert norm_number("(a)") == "a"
    assert norm_number("6.1") != norm_number("6")
    assert norm_number(None) == norm_number("") == ""


def test_an_outcome_not_printed_accepts_only_the_neutral_readings() -> None:
    assert _outcome(None, None) and _outcome("carried", None) and _outcome("noted", None)
    assert not _outcome("lost", None)
    assert _outcome("lost", "lost") and not _outcome("carried", "lost")


def _found_vote(**fields: object) -> SimpleNamespace:
    base = {"item_number": "6", "outcome": "carried", "unanimous": False, "ayes": None, "noes": None, "abstentions": None, "absent": None,
            "ayes_names": [], "noes_names": [], "abstention_names": [], "absent_names": []}
    return SimpleNamespace(**{**base, **fields})


def test_vote_counts_and_names_must_agree() -> None:
    want = {"item_number": "6", "outcome": "carried", "ayes": 3, "noes": 1, "ayes_names": ["Patel", "Whitaker", "Ortega"], "noes_names": ["Bell"]}
    assert _vote(_found_vote(ayes=3, noes=1, ayes_names=["Patel", "Whitaker", "Ortega"], noes_names=["Bell"]), want)
    assert not _vote(_found_vote(ayes=3, noes=1, ayes_names=["Patel", "Whitaker"], noes_names=["Bell", "Ortega"]), want)
    assert not _vote(_found_vote(ayes=4, noes=1, ayes_names=["Patel", "Whitaker", "Ortega"], noes_names=["Bell"]), want)
    assert not _vote(_found_vote(ayes=3, noes=1, unanimous=True, ayes_names=["Patel", "Whitaker", "Ortega"], noes_names=["Bell"]), want)
    # a count the page does not print may be counted from the printed names, and from nothing else
    names_only = {"item_number": "6", "outcome": "carried", "ayes_names": ["Dufresne", "Sandhu"], "noes_names": ["Tkachuk"]}
    assert _vote(_found_vote(ayes=2, noes=1, ayes_names=["Mayor Dufresne", "Councillor Sandhu"], noes_names=["Tkachuk"]), names_only)
    assert not _vote(_found_vote(ayes=3, noes=1, ayes_names=["Dufresne", "Sandhu"], noes_names=["Tkachuk"]), names_only)


def test_a_decision_block_needs_its_parts_in_order() -> None:
    want = {"item_number": "35", "text_startswith": "that the Cabinet Member be recommended to", "outcome": None,
            "parts": [{"part": "(a)", "text_startswith": "approve"}, {"part": "(b)", "text_startswith": "delegate"}]}
    block = Block("35.", None, ["that the Cabinet Member be recommended to: approve the plan"], None, None, None,
                  [("a", "approve the plan;"), ("b", "delegate the rest")], 3)
    assert _resolution(block, want)
    swapped = Block("35.", None, block.texts, None, None, None, [("a", "delegate the rest"), ("b", "approve the plan;")], 3)
    assert not _resolution(swapped, want)
    unsplit = Block("35.", None, block.texts, None, None, None, [], 3)
    assert not _resolution(unsplit, want)
    moved = Block("35.", None, block.texts, "Councillor Vance", None, None, block.parts, 3)
    assert not _resolution(moved, want)  # a mover the page does not print is wrong
