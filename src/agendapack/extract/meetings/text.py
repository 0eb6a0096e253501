"""Small text helpers for minutes: the first sentence of a paragraph, whitespace, record ids."""

from __future__ import annotations

import re

# A full stop after these is not a sentence end ('Mr. Cambra', 'paragraph no. 15-193', '7:13 p.m. based').
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "nos",
    "cllr",
    "prof",
    "rev",
    "revd",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "approx",
    "ref",
    "para",
    "p.m",
    "a.m",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
}
_SENTENCE_END_RE = re.compile(r"[.!?][\"'’”)\]]*(?=\s+(?:[\"'‘“(\[]*[A-Z0-9])|$)")


def first_sentence(text: str) -> str:
    """The text up to the first full stop that ends a sentence (not 'no.', 'Mr.', 'p.m.' or an initial)."""
    for match in _SENTENCE_END_RE.finditer(text):
        before = text[: match.start()]
        word = re.search(r"([\w.]+)$", before)
        token = word.group(1).lower() if word else ""
        initials = re.fullmatch(r"(?:[a-z]\.)+[a-z]", token) is not None  # 'R.J. Burnside', 'E.M. Krijns'
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or token.endswith(".m") or initials:
            continue
        return text[: match.end()].strip()
    return text.strip()


def squash(text: str) -> str:
    return " ".join(text.split())


def record_id(section_id: str, kind: str, number: int) -> str:
    return f"{section_id}-{kind}-{number:03d}"


def sentences(text: str) -> list[str]:
    """The text cut at each sentence end `first_sentence` recognises (a cheap splitter for short paragraphs)."""
    out: list[str] = []
    rest = text.strip()
    while rest:
        sentence = first_sentence(rest)
        out.append(sentence)
        rest = rest[len(sentence) :].strip()
    return out
