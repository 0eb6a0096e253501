"""Lists of people as minutes print them: honorifics, names, roles in brackets or before the name.

'Councillors Jonathan Glanz (Chairman), Margot Bright and Azizi Toki',
'Mr R W Gough (Chairman), Mr R C Love, OBE, Mr D Murphy',
'Mayor Tom Piper and Councillors Stephen Kirkey, Shelly Foote and Dave Yemm',
'Fire Chief-MLEO-CEMC Will Bateman and Municipal Administrator-Clerk-Treasurer Kris Croskery-Hodgins'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest first, so 'Vice Mayor' wins over 'Mayor' and 'Councillors' over 'Councillor'.
HONORIFICS = (
    "Deputy Mayor",
    "Vice Mayor",
    "Deputy Reeve",
    "Councilmembers",
    "Councilmember",
    "Council Members",
    "Council Member",
    "Councillors",
    "Councillor",
    "Councilors",
    "Councilor",
    "Cllrs",
    "Cllr",
    "Commissioners",
    "Commissioner",
    "Boardmembers",
    "Boardmember",
    "Trustees",
    "Trustee",
    "Alderman",
    "Vice Chair",
    "Chair",
    "Mayor",
    "Reeve",
    "Professor",
    "Prof",
    "Baroness",
    "Dame",
    "Lady",
    "Lord",
    "Sir",
    "Revd",
    "Rev",
    "Mrs",
    "Miss",
    "Ms",
    "Mr",
    "Dr",
)
# A collective honorific sets the honorific of the names after it.
COLLECTIVE = {
    "Councillors": "Councillor",
    "Councilors": "Councilor",
    "Councilmembers": "Councilmember",
    "Council Members": "Council Member",
    "Cllrs": "Cllr",
    "Commissioners": "Commissioner",
    "Boardmembers": "Boardmember",
    "Trustees": "Trustee",
}
# Honorifics that are also the person's office.
OFFICE_HONORIFICS = {"Mayor", "Deputy Mayor", "Vice Mayor", "Reeve", "Deputy Reeve", "Chair", "Vice Chair"}
HONORIFIC_RE = re.compile(r"^(?P<h>" + "|".join(re.escape(h) for h in HONORIFICS) + r")\.?(?=\s|:|$)[\s:]*", re.I)
POSTNOMINALS = {"OBE", "MBE", "CBE", "KBE", "DBE", "JP", "DL", "MP", "QC", "KC", "FRS", "PhD", "BEM"}
ROLE_WORDS_RE = re.compile(
    r"\b(?:chief|administrator|clerk|treasurer|director|manager|officer|head|lead|executive|coordinator|co-ordinator|"
    r"secretary|counsel|solicitor|accountant|analyst|planner|engineer|inspector|superintendent|commander|advisor|adviser|"
    r"consultant|assistant|deputy|interim|acting|principal|specialist|chair|chairman|chairperson|leader|member|cemc|mleo|"
    r"fire|police|municipal|legal|finance|democratic|services|committee)\b",
    re.I,
)
CHAIR_RE = re.compile(r"^(?:chair|chairman|chairperson|chairwoman|presiding member|in the chair)$", re.I)
VICE_CHAIR_RE = re.compile(r"^(?:vice[- ]chair(?:man|person|woman)?|deputy chair(?:man|person)?)$", re.I)
_COUNT_SUFFIX_RE = re.compile(r"\s*[–—-]\s*\d+\.?\s*$")
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][\w'’.]*(?:-[A-Z]?[\w'’.]+)*|[A-Z]\.?|d[eu]|van|von|de|la|le|[Oo]'[A-Z]\w*)$")


@dataclass(frozen=True)
class Person:
    name: str
    honorific: str | None = None
    role: str | None = None
    postnominals: str | None = None

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name else ""


def split_people(text: str) -> list[str]:
    """Split a list on commas, semicolons and 'and', never inside brackets."""
    text = _COUNT_SUFFIX_RE.sub("", text.strip()).rstrip(" .;")
    pieces: list[str] = []
    depth, start = 0, 0
    i = 0
    while i < len(text):
        char = text[i]
        depth += 1 if char == "(" else -1 if char == ")" else 0
        if depth == 0 and char in ",;":
            pieces.append(text[start:i])
            start = i + 1
        elif depth == 0 and text.startswith(" and ", i):
            pieces.append(text[start:i])
            start = i + 5
            i += 4
        elif depth == 0 and text.startswith(" & ", i):
            pieces.append(text[start:i])
            start = i + 3
            i += 2
        i += 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def parse_people(text: str, default_honorific: str | None = None) -> list[Person]:
    """People in a printed list; a post-nominal standing alone ('OBE') joins the person before it."""
    people: list[Person] = []
    honorific = default_honorific
    for piece in split_people(text):
        if piece in POSTNOMINALS and people:
            last = people[-1]
            people[-1] = Person(last.name, last.honorific, last.role, piece)
            continue
        person, honorific = parse_person(piece, honorific)
        if person is not None:
            people.append(person)
    return people


def parse_person(piece: str, default_honorific: str | None = None) -> tuple[Person | None, str | None]:
    """One person and the honorific later names in the list inherit (after 'Councillors')."""
    role = None
    bracket = re.search(r"\(([^()]*)\)\s*$", piece)
    if bracket:
        role = " ".join(bracket.group(1).split()) or None
        piece = piece[: bracket.start()].strip()
    honorific, piece, inherited = _leading_honorific(piece, default_honorific)
    prefix_role, name = _role_prefix(piece)
    name = name.strip(" ,.:;")
    if not _looks_like_name(name):
        return None, inherited
    if honorific in OFFICE_HONORIFICS and role is None:
        role = honorific
    return Person(name=name, honorific=honorific, role=role or prefix_role), inherited


def _leading_honorific(piece: str, default: str | None) -> tuple[str | None, str, str | None]:
    match = HONORIFIC_RE.match(piece)
    if not match:
        return default, piece, default
    word = _canonical_honorific(match.group("h"))
    rest = piece[match.end() :]
    if word in COLLECTIVE:
        single = COLLECTIVE[word]
        return single, rest, single
    return word, rest, default


def _canonical_honorific(text: str) -> str:
    lowered = text.lower()
    return next(h for h in HONORIFICS if h.lower() == lowered)


def _role_prefix(piece: str) -> tuple[str | None, str]:
    """'Fire Chief-MLEO-CEMC Will Bateman' -> ('Fire Chief-MLEO-CEMC', 'Will Bateman')."""
    words = piece.split()
    if len(words) <= 3 or not ROLE_WORDS_RE.search(piece):
        return None, piece
    split = len(words)
    while split > 0 and not ROLE_WORDS_RE.search(words[split - 1]) and len(words) - split < 3:
        split -= 1
    if split == 0 or split == len(words):
        return None, piece
    return " ".join(words[:split]), " ".join(words[split:])


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 5 or name.lower() in {"none", "nil", "n/a", "no one"}:
        return False
    return all(_NAME_TOKEN_RE.match(word) for word in words) and any(len(w.strip(".")) > 1 for w in words)


def attendance_type_for_role(role: str | None) -> str | None:
    """'chair' or 'vice_chair' when the bracketed role says so."""
    if role is None:
        return None
    if CHAIR_RE.match(role.strip()):
        return "chair"
    if VICE_CHAIR_RE.match(role.strip()):
        return "vice_chair"
    return None


def same_person(a: Person, name: str) -> bool:
    """Whether a mention ('Mr Watkins', 'Heather Acton', 'Mrs S Chandler') names this person."""
    words = [w.strip(".") for w in name.split()]
    if not words or words[-1].lower() != a.surname.lower():
        return False
    own = [w.strip(".") for w in a.name.split()[:-1]]
    given = words[:-1]
    if not given or not own:
        return True
    return given[0][:1].lower() == own[0][:1].lower()
