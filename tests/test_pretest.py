"""First tests built from a pattern's required tail: never skip a text the whole pattern matches."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from agendapack import conventions
from agendapack.extract.meetings import attendance_cues, decision_cues
from agendapack.extract.meetings.pretest import required_tail
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
