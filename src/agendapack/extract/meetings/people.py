"""Lists of people as minutes print them: honorifics, names, roles in brackets, before or after the name.

'Councillors Jonathan Glanz (Chairman), Margot Bright and Azizi Toki',
'Mr R W Gough (Chairman), Mr R C Love, OBE, Mr D Murphy',
'Mayor Tom Piper and Councillors Stephen Kirkey, Shelly Foote and Dave Yemm',
'Fire Chief-MLEO-CEMC Will Bateman; Land Planning and Technology Administrator John-Paul Negrinotti',
'Jesus M. Gomez, Executive Director; Arnold M. Alvarez-Glasman, Authority Counsel',
'Councillor Ed Plowden Councillor Graham Morris Councillor Donald Alexander' (one name a line),
'Councilmembers/Commissioners Ezzy Ashcraft, Matarrese, Oddie, Vella and Mayor/Chair Spencer – 5'.

What differs between conventions (honorifics and their plurals, offices, the words that make a phrase
a role or an organisation rather than a name, list conjunctions) is data in the [attendance] tables of
extractors/conventions/*.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from agendapack import conventions

HONORIFICS_KEY = conventions.declare("attendance", "honorifics", "Words printed before a name: Mr, Councillor, Trustee, de heer (literal, any case)")
COLLECTIVE_KEY = conventions.declare(
    "attendance", "collective_honorifics", "'Plural=Singular': a plural honorific sets the honorific of every name after it ('Councillors=Councillor')"
)
OFFICES_KEY = conventions.declare("attendance", "office_honorifics", "Honorifics that are also the person's office and become their role (Mayor, Chair)")
POSTNOMINALS_KEY = conventions.declare("attendance", "postnominals", "Letters after a name (OBE, MBE, JP), literal")
NOT_NAME_KEY = conventions.declare(
    "attendance", "not_name_words", "Words (lower case, literal) that make a phrase a role, body or organisation, never a person's name"
)
ROLE_WORDS_KEY = conventions.declare("attendance", "role_words", "Words (lower case, literal) of a role or office: director, clerk, treasurer")
CONJUNCTIONS_KEY = conventions.declare("attendance", "list_conjunctions", "Words joining the last two names of a list: and, &, en, et")
PARTICLES_KEY = conventions.declare("attendance", "name_particles", "Lower-case words inside names: de, van, von, der, la")
GENDER_KEY = conventions.declare(
    "attendance", "honorific_gender", "'Honorific=m|f': two list entries whose honorifics differ this way are two people (Ms J Meade, Mr J Meade)"
)

# The post-nominal letters of every convention, for readers that strip them from names (votes).
POSTNOMINALS = frozenset(w for _, w in conventions.words(POSTNOMINALS_KEY))
_COUNT_SUFFIX_RE = re.compile(r"\s*(?:[–—-]\s*|\(\s*)\d+\s*\)?\.?\s*$")
_COUNT_PIECE_RE = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|some)\s+(?:\w+\s+){0,3}\w+$", re.I)
_MARKS_RE = re.compile(r"[*†‡§#]+")
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][\w'’.]*(?:-[A-Z]?[\w'’.]+)*|[A-Z]\.?|(?:[Oo]|[Dd])['’][A-Z][\w'’-]*|Mc[A-Z]\w*)$")
_DASH_ROLE_RE = re.compile(r"\s+[-–—]\s+(?P<role>[A-Za-z][^-–—]*)$")
_INITIALS_RE = re.compile(r"^(?:[A-Z]\.){2,}[A-Z]?\.?$")
_TRAILING_PHRASE_RE = re.compile(
    r"\s+(?:in person|in the chair|via (?:video|tele)?conference|via zoom|via teams|virtually|remotely|online|by telephone|by phone)\s*$", re.I
)


@dataclass(frozen=True)
class Person:
    name: str
    honorific: str | None = None
    role: str | None = None
    postnominals: str | None = None
    organisation: str | None = None
    duty: str | None = None  # what they did at this meeting, printed after a dash ('Presiding Member')

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name else ""


@dataclass(frozen=True)
class _Vocabulary:
    """The convention data this module reads, compiled once."""

    honorific_re: re.Pattern[str]
    canonical: dict[str, str]
    collective: dict[str, str]
    offices: frozenset[str]
    postnominals: frozenset[str]
    not_name: frozenset[str]
    role_words: frozenset[str]
    particles: frozenset[str]
    conjunctions: tuple[str, ...]
    gender: dict[str, str]


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    collective: dict[str, str] = {}
    for _, entry in conventions.words(COLLECTIVE_KEY):
        plural, _, single = entry.partition("=")
        collective[plural.strip().lower()] = single.strip()
    words = {w for _, w in conventions.words(HONORIFICS_KEY)} | set(collective) | set(collective.values())
    canonical = {w.lower(): w for w in sorted(words, key=len)}
    for _, w in conventions.words(HONORIFICS_KEY):
        canonical[w.lower()] = w
    alternation = "|".join(re.escape(w) for w in sorted(canonical, key=len, reverse=True))
    # 'Mayor/Chair', 'Councilmembers/Commissioners': one honorific or several joined by slashes
    one = rf"(?:{alternation})\.?"
    honorific_re = re.compile(rf"^(?P<h>{one}(?:\s*/\s*{one})*)(?=[\s:]|$)[\s:]*", re.I)
    # an honorific inside a piece, starting a further name: 'Councillor Ed Plowden Councillor Graham Morris'
    return _Vocabulary(
        honorific_re=honorific_re,
        canonical=canonical,
        collective=collective,
        offices=frozenset(w.lower() for _, w in conventions.words(OFFICES_KEY)),
        postnominals=frozenset(w for _, w in conventions.words(POSTNOMINALS_KEY)),
        not_name=frozenset(w.lower() for _, w in conventions.words(NOT_NAME_KEY)),
        role_words=frozenset(w.lower() for _, w in conventions.words(ROLE_WORDS_KEY)),
        particles=frozenset(w for _, w in conventions.words(PARTICLES_KEY)),
        conjunctions=tuple(f" {w.strip()} " for _, w in conventions.words(CONJUNCTIONS_KEY)),
        gender={h.strip().lower(): g.strip() for _, entry in conventions.words(GENDER_KEY) for h, _, g in [entry.partition("=")]},
    )


def split_people(text: str) -> list[str]:
    """Split a list into pieces, never inside brackets.

    Semicolons, where the list uses them, separate people and commas then separate a name from its
    role ('Jesus M. Gomez, Executive Director; ...'); otherwise commas and the last 'and' do.
    """
    text = _COUNT_SUFFIX_RE.sub("", _MARKS_RE.sub("", text.strip())).rstrip(" .;,")
    pieces: list[str] = []
    if _depth_zero_split(text, ";") != [text]:
        for part in _depth_zero_split(text, ";"):
            for piece in _split_conjunction(_without_leading_conjunction(part)):
                pieces.extend(_depth_zero_split(piece, ","))
    else:
        for part in _depth_zero_split(text, ","):
            pieces.extend(_split_conjunction(_without_leading_conjunction(part)))
    return [p for p in (_without_leading_conjunction(p) for p in pieces) if p]


def _without_leading_conjunction(piece: str) -> str:
    """' and Perez' (after an Oxford comma) -> 'Perez'."""
    piece = piece.strip()
    lowered = piece.lower()
    for conjunction in vocabulary().conjunctions:
        word = conjunction.strip()
        if lowered.startswith(word + " "):
            return piece[len(word) :].strip()
    return piece


def _depth_zero_split(text: str, separator: str) -> list[str]:
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += 1 if char == "(" else -1 if char == ")" else 0
        if depth == 0 and char == separator:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces


def _split_conjunction(piece: str) -> list[str]:
    """'A and B' -> ['A', 'B'] unless 'and' joins words of one role ('Land Planning and Technology Administrator X')."""
    conjunctions = vocabulary().conjunctions
    lowered = piece.lower()
    for conjunction in conjunctions:
        position = _outside_brackets(lowered, conjunction)
        if position < 0:
            continue
        left, right = piece[:position], piece[position + len(conjunction) :]
        # 'Land Planning and Technology Administrator X' and 'R.J. Burnside & Associates Limited' are one entry
        if left.strip() and right.strip() and not _role_phrase(left.strip()) and not _organisation_phrase(right.strip()):
            return [*_split_conjunction(left), *_split_conjunction(right)]
    return _split_inline_honorifics(piece)


def _outside_brackets(lowered: str, needle: str) -> int:
    start = 0
    while (found := lowered.find(needle, start)) >= 0:
        if lowered.count("(", 0, found) == lowered.count(")", 0, found):
            return found
        start = found + 1
    return -1


def _split_inline_honorifics(piece: str) -> list[str]:
    """'Councillor Ed Plowden Councillor Graham Morris' (one name a line, no commas) -> two pieces.

    Only the piece's own leading honorific, printed again before a capitalised word, starts another
    name ('Vice Chair Valencia' and 'Council President Arne Nyberg' stay whole).
    """
    match = vocabulary().honorific_re.match(piece)
    if "(" in piece or not match:
        return [piece]
    word = match.group("h").strip()
    again = re.compile(rf"(?<=\S)\s+(?={re.escape(word)}\s+[A-Z])")
    return [p for p in again.split(piece) if p.strip()]


def parse_people(text: str, default_honorific: str | None = None) -> list[Person]:
    """People in a printed list.

    A post-nominal standing alone ('OBE') joins the person before it; a role standing alone after a
    name ('Jesus M. Gomez, Executive Director') becomes that person's role; a single word after a
    full name, in a list of full names, is their organisation ('Alana Valle, Pinchin').
    """
    pieces = split_people(text)
    full_names = sum(1 for p in pieces if len(_strip_honorific(p).split()) >= 2)
    people: list[Person] = []
    honorific = default_honorific
    vocab = vocabulary()
    for piece in pieces:
        last = people[-1] if people else None
        if last is not None and piece.strip(". ") in vocab.postnominals:
            people[-1] = replace(last, postnominals=piece.strip(". "))
            continue
        if is_count_piece(piece):
            continue
        if last is not None and _affiliation(piece, full_names, len(pieces)):
            people[-1] = replace(last, organisation=piece.strip())
            continue
        person, inherited = parse_person(piece, honorific)
        if person is not None:
            people.append(person)
            honorific = inherited
        elif last is not None and last.role is None and _role_phrase(piece):
            people[-1] = replace(last, role=" ".join(piece.split()))
    return people


def _strip_honorific(piece: str) -> str:
    match = vocabulary().honorific_re.match(piece)
    return piece[match.end() :] if match else piece


def _affiliation(piece: str, full_names: int, pieces: int) -> bool:
    words = piece.split()
    if len(words) != 1 or _role_phrase(piece) or vocabulary().honorific_re.match(piece):
        return False
    return full_names * 2 > pieces and words[0][:1].isupper()


def parse_person(piece: str, default_honorific: str | None = None) -> tuple[Person | None, str | None]:
    """One person and the honorific later names in the list inherit (after 'Councillors')."""
    piece = _TRAILING_PHRASE_RE.sub("", piece.strip())
    role, duty = None, None
    dashed = _DASH_ROLE_RE.search(piece)
    if dashed and _role_phrase(dashed.group("role")):
        duty = " ".join(dashed.group("role").split())  # 'Mr G Fairweather - Chief Executive Officer'
        piece = piece[: dashed.start()].strip()
    bracket = re.search(r"\(([^()]*)\)\s*$", piece)
    if bracket:
        role = " ".join(bracket.group(1).split()) or None
        piece = piece[: bracket.start()].strip()
        dashed = _DASH_ROLE_RE.search(piece) if duty is None else None
        if dashed and _role_phrase(dashed.group("role")):
            # 'Mrs Tui Moana - Governance Officer (Minutes)': the role, then what they did in brackets
            role, duty = " ".join(dashed.group("role").split()), role
            piece = piece[: dashed.start()].strip()
    postnominals = _trailing_postnominals(piece)
    if postnominals:
        piece = piece[: -len(postnominals)].rstrip(" ,")
    if role and not has_role_word(role) and looks_like_name(role) and has_role_word(piece) and not looks_like_name(piece):
        role, piece = piece, role  # 'Chief Executive (Sam Hobbs)': the role outside, the name in brackets
    honorific, piece, inherited = _leading_honorific(piece, default_honorific)
    office = _office_before_honorific(honorific, piece, default_honorific)
    if office is not None:
        # 'de wethouders mevrouw H. Mulder en de heer F. Koster': the office the list opened with, then each one's own honorific
        if vocabulary().honorific_re.match(piece):
            honorific, piece, _ = _leading_honorific(piece, None)
        role = role or office
    prefix_role, name = role_prefix(piece)
    if prefix_role is None and honorific is None:
        # 'Council President Arne Nyberg': an office before the name
        prefix_role, name = _office_prefix(piece)
    name = name.strip(" ,.:;")
    if not looks_like_name(name, titled=honorific is not None):
        return None, inherited
    if honorific and honorific.split("/")[-1].strip().lower() in vocabulary().offices and role is None:
        role = honorific
    # 'Cr Fiona Talbot (Mayor) - Presiding Member': the office stays the role, the duty after the dash is kept too
    role = role or prefix_role
    if duty and not role:
        role, duty = duty, None
    return Person(name=name, honorific=honorific, role=role, postnominals=postnominals, duty=duty), inherited


def _office_before_honorific(honorific: str | None, rest: str, inherited: str | None) -> str | None:
    """The office that stands before a person's own honorific: printed just before it ('wethouder mevrouw X'), or
    inherited from the plural that opened the list ('de wethouders mevrouw X en de heer Y')."""
    offices = vocabulary().offices
    if honorific and honorific.lower() in offices and vocabulary().honorific_re.match(rest):
        return honorific
    if inherited and inherited.lower() in offices and honorific and honorific != inherited and honorific.lower() not in offices:
        return inherited
    return None


def from_last_honorific(text: str) -> str:
    """'Seconded Cr Dale Mercer' -> 'Cr Dale Mercer': a mention starts at its last honorific, when it has one."""
    words = text.split()
    for start in range(len(words) - 1, -1, -1):
        if vocabulary().honorific_re.match(" ".join(words[start:])):
            return " ".join(words[start:])
    return text


def _trailing_postnominals(piece: str) -> str | None:
    words = piece.replace(",", " ").split()
    tail: list[str] = []
    while words and words[-1].strip(".") in vocabulary().postnominals:
        tail.insert(0, words.pop().strip("."))
    if not tail or not words:
        return None
    # the piece ends with these letters exactly (commas and spaces between them)
    match = re.search(r"[\s,]*" + r"[\s,]+".join(re.escape(t) + r"\.?" for t in tail) + r"$", piece)
    return piece[match.start() :].strip(" ,") if match else None


def _leading_honorific(piece: str, default: str | None) -> tuple[str | None, str, str | None]:
    vocab = vocabulary()
    match = vocab.honorific_re.match(piece)
    if not match:
        return default, piece, default
    parts = [vocab.canonical.get(p.strip().rstrip(".").lower(), p.strip()) for p in match.group("h").split("/")]
    rest = piece[match.end() :]
    singles = [vocab.collective.get(p.lower(), p) for p in parts]
    word = "/".join(singles)
    if any(p.lower() in vocab.collective for p in parts):
        return word, rest, word
    return word, rest, default


def role_prefix(piece: str) -> tuple[str | None, str]:
    """'Fire Chief-MLEO-CEMC Will Bateman' -> ('Fire Chief-MLEO-CEMC', 'Will Bateman'); 'Clerk Buiter' -> ('Clerk', 'Buiter')."""
    words = piece.split()
    if len(words) < 2:
        return None, piece
    split = 0
    for index, word in enumerate(words):
        if _is_role_word(word):
            split = index + 1
    if split == 0 or split == len(words):
        return None, piece
    name = words[split:]
    if len(name) > 4 or any(w.lower() in ("of", "for", "and", "the") for w in name):
        return None, piece
    return " ".join(words[:split]), " ".join(name)


def _office_prefix(piece: str) -> tuple[str | None, str]:
    """An office made of honorific words before the name: 'Council President Arne Nyberg'."""
    words = piece.split()
    for cut in range(min(3, len(words) - 1), 0, -1):
        head = " ".join(words[:cut])
        if head.lower() in vocabulary().offices:
            return head, " ".join(words[cut:])
    return None, piece


def _is_role_word(word: str) -> bool:
    vocab = vocabulary()
    parts = [p for p in re.split(r"[-/]", word.strip(",.;:()").lower()) if p]
    return bool(parts) and any(p in vocab.role_words for p in parts)


def _organisation_phrase(text: str) -> bool:
    """A phrase ending in an organisation word ('Associates Limited', 'Housing Services')."""
    words = [w.strip(",.;:") for w in text.split()]
    return bool(words) and words[-1].lower() in vocabulary().not_name and len(words) <= 6 and words[0][:1].isupper()


def has_role_word(text: str) -> bool:
    """Whether a phrase holds a word of a role or office ('Head of Early Help', 'City Attorney')."""
    return any(_is_role_word(w) for w in text.split())


def _role_phrase(text: str) -> bool:
    """A phrase naming a role or a body, not a person: 'Executive Director', 'Land Planning', 'Director of Public Health'.

    It ends in a role or organisation word, or a role word is followed by 'of'/'for' ('Head of Early Help').
    """
    if "(" in text:
        return False
    words = [w.strip(",.;:") for w in text.split()]
    words = [w for w in words if w]
    if not words or len(words) > 14:
        return False
    last = words[-1].lower()
    if _is_role_word(words[-1]) or last in vocabulary().not_name:
        return True
    lowered = [w.lower() for w in words]
    return any(_is_role_word(w) and i + 1 < len(words) and lowered[i + 1] in ("of", "for", "to") for i, w in enumerate(words))


def looks_like_name(name: str, titled: bool = False) -> bool:
    """Capitalised words or initials, one of them more than a letter, none a role or organisation word.

    After an honorific ('Mr J Cook') a role word may be a surname, so only organisation words disqualify.
    """
    words = name.split()
    if not words or len(words) > 6 or name.lower() in {"none", "nil", "n/a", "no one", "not applicable"}:
        return False
    vocab = vocabulary()
    if not all(_NAME_TOKEN_RE.match(w) or _INITIALS_RE.match(w) or w in vocab.particles for w in words):
        return False
    if not any(len(w.strip(".")) > 1 and not _INITIALS_RE.match(w) for w in words):
        return False
    if words[0] in vocab.particles and len(words) == 1:
        return False
    lowered = [w.strip(".,").lower() for w in words]
    if any(w in vocab.not_name for w in lowered):
        return False
    return titled or not any(_is_role_word(w) for w in words)


def is_count_piece(piece: str) -> bool:
    """'10 guests', 'two members of the public': a count, not a person."""
    return bool(_COUNT_PIECE_RE.match(piece.strip()))


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


def same_listed_person(a: Person, b: Person) -> bool:
    """Two entries of different lists name one person: same surname, no clash of given names, initials or honorific.

    'Mrs P T Cole' and 'Mr P Cole' are two people; 'Ms J Meade' and 'Mr J Meade' too; 'Mr Meade' may be either.
    """
    if a.surname.lower() != b.surname.lower():
        return False
    if a.honorific and b.honorific and _gendered(a.honorific) and _gendered(b.honorific) and _gendered(a.honorific) != _gendered(b.honorific):
        return False
    given_a = [w.strip(".") for w in a.name.split()[:-1]]
    given_b = [w.strip(".") for w in b.name.split()[:-1]]
    if not given_a or not given_b:
        return True
    initials_a = "".join(w[:1].lower() for w in given_a)
    initials_b = "".join(w[:1].lower() for w in given_b)
    if initials_a[0] != initials_b[0]:
        return False
    full_a = [w.lower() for w in given_a if len(w) > 1]
    full_b = [w.lower() for w in given_b if len(w) > 1]
    if full_a and full_b and full_a[0] != full_b[0]:
        return False
    return initials_a.startswith(initials_b) or initials_b.startswith(initials_a)


def _gendered(honorific: str) -> str | None:
    return vocabulary().gender.get(honorific.lower().rstrip("."))
