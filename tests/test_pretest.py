"""First tests built from a pattern's required tail: never skip a text the whole pattern matches."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from agendapack import conventions
from agendapack.extract.meetings import attendance_cues, decision_cues
from agendapack.extract.meetings.pretest import AnyPattern, has_reference, required_tail, required_words
from agendapack.stages.load import load_pack
from conftest import FIXTURES, SAMPLE_PACK


@pytest.mark.parametrize(
    ("source", "tail"),
    [
        (r"@TMOVER@\s+(?:moved|proposed)\b", r"(?:moved|proposed)\b"),
        (r"(?:That\s+)?@BODY@\s+(?P<word>noted)\b(?!\s+that\b)", r"(?P<word>noted)\b(?!\s+that\b)"),
        (r"{names} (?:sent|gave) (?:(?:his|her) )?apolog(?:y|ies)", r"(?:sent|gave) (?:(?:his|her) )?apolog(?:y|ies)"),
        (r"(?:The\s+)?[\w&'’ ,-]{0,80}?\b(?:Committee|Council)\s+(?:resolved|agreed)", r"(?:Committee|Council)\s+(?:resolved|agreed)"),
        (r"@TSECONDER@\.?\s+seconded\b", r"seconded\b"),
        (r"^[\w ]{0,40}\brecommendations?\s*:\s*$", r"recommendations?\s*:\s*$"),
        (r"\bheard from {names}", r"heard from {names}"),
        (r"\x41+ and \u00e9", r"\x41+ and \u00e9"),  # an escape is one element, never cut in two
    ],
)
def test_the_open_ended_lead_is_dropped(source: str, tail: str) -> None:
    assert required_tail(source) == tail


@pytest.mark.parametrize(
    "source",
    [
        r"moved|@MOVER@ proposed",  # an alternation at the top: no common tail
        r"@NAME@",  # nothing but a placeholder
        r"(?i)@MOVER@ moved",  # a flag for the whole pattern
        r"(?P<w>\w+)\s+said\s+(?P=w)",  # the tail refers back to the dropped group
        r"(unbalanced",
    ],
)
def test_a_pattern_that_cannot_be_split_safely_is_kept_whole(source: str) -> None:
    assert required_tail(source) == source


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    """Paragraph-like texts of real layouts: every line of the sample pack and the convention fixtures, and each page's text."""
    out: list[str] = []
    for path in [SAMPLE_PACK, *sorted((FIXTURES / "conventions").glob("*.pdf"))]:
        for page in load_pack(Path(path), ocr="never").pages:
            lines = [line.text for line in page.lines]
            out += lines
            out.append(" ".join(lines))
    return tuple(out)


def _decision_sources() -> list[str]:
    keys = [value for name, value in vars(decision_cues).items() if name.isupper() and isinstance(value, tuple) and len(value) == 2]
    return sorted({source.removeprefix("^") for key in keys for _, source in conventions.words(key)})


def test_every_decision_cue_tail_matches_wherever_its_pattern_does() -> None:
    texts = _texts()
    checked = 0
    for source in _decision_sources():
        whole = re.compile(decision_cues._GROUP_NAME_RE.sub("(?:", decision_cues.expand(source)), re.I)
        tail = re.compile(decision_cues._GROUP_NAME_RE.sub("(?:", decision_cues.expand(required_tail(source), light=True)), re.I)
        for text in texts:
            if whole.search(text):
                checked += 1
                assert tail.search(text), (source, text)
    assert checked > 50, "the fixtures exercise the decision cues"


def test_every_attendance_sentence_passes_its_first_test() -> None:
    texts = _texts()
    checked = 0
    for kind, patterns in (
        ("people", attendance_cues._sentence_patterns()),
        ("chair", attendance_cues._chair_patterns()),
        ("mention", attendance_cues._mention_patterns()),
    ):
        quick = attendance_cues._quick(kind)
        for text in texts:
            if any(p.regex.search(text) for p in patterns):
                checked += 1
                assert quick is not None and quick.search(text), (kind, text)
    assert checked > 10


def test_the_label_first_test_lets_every_inside_label_through() -> None:
    gate = attendance_cues._any_label_inside()
    assert gate is not None
    texts = [*_texts(), "Roll Call – Present: Mayor Smith, Cllr Jones – 2. Absent: None.", "Present: A, B. Apologies: C."]
    checked = 0
    for text in texts:
        if any(p.inside.search(text) for p in attendance_cues._label_patterns()):
            checked += 1
            assert gate.search(text), text
    assert checked >= 2


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (r"seconded\b", {"seconded"}),
        (r"(?:moved|proposed)\s+by\s+\S+", {"moved", "proposed"}),  # one of a group's alternatives
        (r"(?-i:Carried|CARRIED)(?:\s+unanimously)?", {"Carried", "CARRIED"}),  # an optional group is never required
        (r"abc(?:de|fgh)", {"abc"}),  # a group with a short alternative gives nothing: the run stands
        (r"(?:^|[.;]\s+)noted\.?", {"noted"}),  # an optional character ends the run before it
        (r"(?=minutes)\w+", set()),  # a lookahead is not printed where it stands
        (r"(?x:ab cd)", set()),  # spaces mean nothing in a verbose group
        (r"\d{4}-\d{2}", set()),
    ],
)
def test_required_words_are_words_every_match_prints(source: str, words: set[str]) -> None:
    assert required_words(source) == words


def test_any_pattern_answers_as_the_alternation_does() -> None:
    """Every key's unanchored tails, as the motion reader's first test uses them, over real texts and awkward ones."""
    keys = [value for name, value in vars(decision_cues).items() if name.isupper() and isinstance(value, tuple) and len(value) == 2]
    sources = [source for key in keys for source in decision_cues.unanchored_sources(key)]
    screen = AnyPattern(sources)
    texts = [*_texts(), "Moved by Cllr Smith, seconded by Cllr Jones.", "MOVED: Trustee Elton", "adopté à l'unanimité", "The motion was CARRİED"]
    hits = 0
    for text in texts:
        expected = screen.whole.search(text) is not None
        hits += expected
        assert screen.search(text) is expected, text
    assert 10 < hits < len(texts), "the texts hold both kinds"


def test_a_letter_a_regex_folds_otherwise_than_lower_case_is_still_found() -> None:
    # 'ſ' (long s) matches 's' in a case-insensitive regex, but str.lower() leaves it as it is
    screen = AnyPattern([r"seconded\b", r"carried\b"])
    assert screen.search("ſeconded by Cllr Smith")
    assert screen.search("CARRIED") and not screen.search("noted")


def test_a_pattern_with_a_back_reference_is_searched_in_the_alternation() -> None:
    # alone, '\1' would name the pattern's own first group; in the alternation it names the first pattern's
    sources = [r"(a)b", r"(c)\1"]
    screen = AnyPattern(sources)
    for text in ("ab", "cc", "ca", "cd"):
        assert screen.search(text) is (screen.whole.search(text) is not None), text


@pytest.mark.parametrize(
    ("source", "refers"),
    [
        (r"(a)\1", True),
        (r"(?P<w>\w+) said (?P=w)", True),
        (r"(<)?x(?(1)>)", True),
        (r"(?P<w>x)\g<w>", True),
        (r"\(?(?:\d{1,2})\s*-\s*(?:\d{1,2})", False),  # an optional bracket, then a group: no conditional
        (r"\\1", False),  # a printed backslash, then a 1
        (r"[(?(]x", False),  # brackets in a class
        (r"\x31", False),
    ],
)
def test_a_reference_is_told_from_escaped_brackets(source: str, refers: bool) -> None:
    assert has_reference(source) is refers


def test_every_cue_keys_first_test_searches_by_required_words() -> None:
    """No convention pattern holds a back reference, so no key's first test falls back to its whole alternation on every
    text (one misread '\\(?(?:' made the vote patterns' test cost 6% of parse time); each still answers as the alternation."""
    keys = [value for name, value in vars(decision_cues).items() if name.isupper() and isinstance(value, tuple) and len(value) == 2]
    texts = _texts()
    for key in keys:
        screen = decision_cues._any_of(key)
        assert screen._exact, key
        for text in texts:
            assert screen.search(text) is (screen.whole.search(text) is not None), (key, text)
