"""The cue words of decisions, motions, votes and actions, read from `extractors/conventions/*.toml`.

Every convention's patterns for a key are tried, and a match says which convention's pattern it
was, so a decision can be traced to one line of data. Patterns may use placeholders that stand
for a person or a body as minutes print them, so a file says 'seconded by @SECONDER@' instead of
repeating a name grammar:

- `@MOVER@`, `@SECONDER@`: an optional title ('Councillor', 'Trustee', 'Cr', from every
  convention's `[decisions] member_titles`) and a name, captured as groups `mover` / `seconder`;
- `@TMOVER@`, `@TSECONDER@`: the same with the title required (a bare capitalised word at a
  sentence start, 'It moved', is not a person);
- `@MEMBER@`: a titled or untitled name, not captured (`@TMEMBER@`: titled); `@NAME@`: a name, captured as `name`;
- `@BODY@`: a noun phrase naming a decision-making body ('The Policy Committee for Transport',
  'The Housing Authority'), built from `[decisions] body_words`.

Names are matched case-sensitively (capitalised words, initials, particles such as 'van der');
everything else is case-insensitive unless the pattern says `(?-i:...)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.meetings.pretest import AnyPattern, required_tail

AREA_DECISIONS, AREA_VOTES, AREA_ACTIONS = "decisions", "votes", "actions"


def _d(key: str, description: str) -> tuple[str, str]:
    return conventions.declare(AREA_DECISIONS, key, description)


def _v(key: str, description: str) -> tuple[str, str]:
    return conventions.declare(AREA_VOTES, key, description)


def _a(key: str, description: str) -> tuple[str, str]:
    return conventions.declare(AREA_ACTIONS, key, description)


# -- decisions ---------------------------------------------------------------------
MEMBER_TITLES = _d("member_titles", "Titles printed before a member's name (words, not patterns): Councillor, Trustee, Cr, Commissioner")
BODY_WORDS = _d("body_words", "Nouns naming a decision-making body (words): Committee, Council, Board, Authority")
BLOCK_INTRO = _d("block_intro", "A decision block opening at a sentence start; group `word` is the wording (RESOLVED, AGREED, besluit)")
DECISION_LABEL = _d("decision_label", "A form field or label whose body is the decision ('(d) Decision taken', 'Decision:')")
LEAD_IN = _d("lead_in", "A paragraph that leads into a decision's numbered or bulleted parts without a decision word ('That the Committee:')")
RESOLUTION_TEXT = _d("resolution_text", "How a resolution's own text starts after a mover/seconder heading ('That', 'WHEREAS', 'QUE')")
STATEMENT = _d("statement", "A sentence in which the body records its decision ('The Committee noted the report'); group `word` is the verb")
MOTION = _d("motion", "A sentence that records a motion ('A motion was made ...', 'X moved ...', 'after motion by X')")
MOTION_LABEL = _d("motion_label", "A label line that opens a motion and names its mover ('Moved: Cr A Smith', 'MOVER: ...')")
MOTION_CONTENT = _d("motion_content", "Where a motion's own text starts after the words saying who moved it; what is before it is the preamble")
BLOCK_LABELS = _d("block_labels", "Labels of a vote block printed in a label column (words): RESULT, MOVER, SECONDER, AYES; each starts a line")
MOTION_PREFIX = _d("motion_prefix", "A label printed before a motion's text and not part of it ('Motion:')")
MOVER = _d("mover", "Where a motion's mover is named (group `mover`)")
SECONDER = _d("seconder", "Where a motion's seconder is named (group `seconder`)")
REFERENCE = _d("reference", "Motion wording that only points at text printed elsewhere ('moved the recommendations', 'the amendment')")
AMENDMENT = _d("amendment", "A motion that amends another one (its loss or success does not decide the item by itself)")
RESOLUTION_NUMBER = _d("resolution_number", "A printed resolution number opening a paragraph (group `num`): R2024-138, Resolution No. 2024-12")
NUMBERED_MOVERS = _d("numbered_movers", "Movers printed right after a resolution number ('T. Butler, D. Yemm:')")
TRAILING_MOVERS = _d("trailing_movers", "Who moved and seconded a decision, printed after it ('(Proposed Cllr X, seconded Cllr Y.)')")
REJECTED = _d("rejected", "A line saying the recommendations after it were not adopted ('Recommendation 3 was not approved:')")
SUB_ITEM_REFERENCE = _d("sub_item_reference", "What follows a sub-item's number when it is a titled heading (a file number: '26-0119')")
NOTICE_FIELD = _d("notice_field", "A field of a decision notice or recording form other than the decision (ends the decision's text)")
AGENDA_ITEM = _d("agenda_item", "An agenda item reference that numbers a decision where the minutes give no item (group `num`)")
NOTICE_MEETING = _d(
    "notice_meeting", "The line of a decision notice naming the meeting that took its decisions (group `body`); the meeting's date follows it"
)

# -- votes ---------------------------------------------------------------------------
CARRIED = _v("carried", "The motion or recommendation was carried, passed, adopted")
LOST = _v("lost", "It was lost, defeated, failed, fell")
DEFERRED = _v("deferred", "It was deferred, tabled, postponed, continued")
WITHDRAWN = _v("withdrawn", "It was withdrawn")
NOTED = _v("noted", "It was noted, received and filed")
NOT_VOTED = _v("not_voted", "An outcome reached without a vote ('died for lack of a second', 'was withdrawn'): no vote record")
UNANIMOUS = _v("unanimous", "The vote was unanimous (or all in favour, by acclamation)")
RESULT_LABEL = _v("result_label", "A 'RESULT:' line of a block vote; group `result` is the outcome word, `detail` the bracketed rest")
RESULT_WORDS = {
    outcome: _v(f"result_{outcome}", f"Words a 'RESULT:' line prints that mean {outcome} (a prefix of the printed words)")
    for outcome in ("carried", "lost", "deferred", "withdrawn", "noted")
}
DISSENT = _v("dissent", "A member recorded as voting against or abstaining after the vote (groups `name`, and `abstained` for an abstention)")
TALLY = _v("tally", "A printed tally after an outcome (groups ayes, noes, abstentions): 'passed 5-0', '16 stemmen voor en 14 tegen'")
AYES_COUNT = _v("ayes_count", "A number voting for (group `n`)")
NOES_COUNT = _v("noes_count", "A number voting against (group `n`)")
ABSTAIN_COUNT = _v("abstain_count", "A number abstaining (group `n`)")
ABSENT_COUNT = _v("absent_count", "A number absent (group `n`)")
AYES_LABEL = _v("ayes_label", "Roll-call label of those voting for (AYES, Yeas, For)")
NOES_LABEL = _v("noes_label", "Roll-call label of those voting against (NOES, NAYS, Against)")
ABSTAIN_LABEL = _v("abstain_label", "Roll-call label of abstentions (ABSTAIN, Abstentions)")
ABSENT_LABEL = _v("absent_label", "Roll-call label of members absent or recused (ABSENT, RECUSED)")
ROLL_PHRASE = _v("roll_phrase", "A sentence naming who voted for or against (groups ayes / noes / abstentions / absent hold the names)")
LIST_AND = _v("list_and", "The word that joins the last two names of a list (words): and, en, et")
ROLL_LIST_LEAD = _v("roll_list_lead", "Words before the names of a roll-call list ('de leden ...') that are not a name")
ROLL_CALL = _v("roll_call", "Words saying the vote was a roll call or a recorded vote")
VOTE_WORDS = _v("vote_words", "Words that say a vote is being reported (a vote printed with no motion before it needs one)")
VOICE_VOTE = _v("voice_vote", "Words saying the vote was a voice vote or a show of hands")
MEMBER_YES = _v("member_yes", "A member's own vote 'yes' in an inline roll call ('Elton – yes'), as words")
MEMBER_NO = _v("member_no", "A member's own vote 'no', as words")
MEMBER_ABSTAIN = _v("member_abstain", "A member's own abstention, as words")
MEMBER_ABSENT = _v("member_absent", "A member absent at the roll call, as words")

# -- actions -------------------------------------------------------------------------
ACTION_MARKER = _a("marker", "An explicit action marker ('ACTION:', '(ACTION: ...)'); the action's text follows it")
ACTION_REQUEST = _a("request", "A sentence recording a request or promise ('requested an update', 'agreed to circulate')")
ACTION_LINE = _a("line", "An action line of the minutes, anchored at its sentence's start: 'Clerk to chase the contractor for a date.'")
ACTION_PROMISE = _a("promise", "A person's own undertaking ('X undertook to provide', 'offered to raise'): an action even where actions are marked")
ACTION_DIRECTION = _a("direction", "The meeting's instruction to someone ('Council directed staff to ...'): an action even where actions are marked")
ACTION_OWNER = _a("owner", "Who is to act (group `owner`)")
ACTION_PRONOUN = _a("pronoun_subjects", "Pronouns an owner may be printed as ('He undertook to ask'): the owner is the person named before (words)")
ACTION_DUE = _a("due", "When it is due ('at the next meeting', 'by March 2026')")

# words printed right after a name in label lines ('Moved by: Councillor Sandhu Seconded by: ...') are never part of it
_STOP = r"(?!(?:Seconded|Second|Moved|Carried|CARRIED|Defeated|DEFEATED|Lost|LOST|That|THAT|Whereas|WHEREAS|Motion|MOTION|And|The)\b)"
_TOKEN = rf"(?:{_STOP}(?:[A-Z]\.(?=\s|$)|O['’][A-Z]\w+|[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*))"
_PARTICLE = r"(?:van der|van den|van de|van|von|de la|de|del|della|di|da|du|le|la|ter|ten|den|der|ap|ab)"
# One to four name words ('Crockett', 'T. Butler', 'Herrera Spencer', 'R W Gough', 'de Knijf'), case-sensitive.
NAME = rf"(?-i:(?:{_PARTICLE}\s+)?{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{0,3}})"
_NOT_A_NAME = r"(?!(?-i:(?:The|This|That|These|It|All|A|An|And|Motion|Council|Committee|Board|Roll|On|In|Following)\b))"


_PERSONS = {"@MOVER@": ("mover", False), "@SECONDER@": ("seconder", False), "@TMOVER@": ("mover", True), "@TSECONDER@": ("seconder", True)}
_LOOSE_SPAN = r"(?:\S+\s+){0,6}?\S+"


class CueMatch:
    """A match whose person groups ('mover', 'seconder') were checked against the name grammar and trimmed to it."""

    def __init__(self, match: re.Match[str], persons: dict[str, tuple[int, int]]) -> None:
        self._match = match
        self._persons = persons

    def group(self, name: int | str = 0) -> str:
        if isinstance(name, str) and name in self._persons:
            start, end = self._persons[name]
            return self._match.string[start:end]
        return self._match.group(name)

    def groupdict(self) -> dict[str, str | None]:
        out = self._match.groupdict()
        for name in self._persons:
            out[name] = self.group(name)
        return out

    def start(self, group: int | str = 0) -> int:
        return self._persons[group][0] if isinstance(group, str) and group in self._persons else self._match.start(group)

    def end(self, group: int | str = 0) -> int:
        if isinstance(group, str) and group in self._persons:
            return self._persons[group][1]
        if group == 0:  # a name the pattern ends with may run past the loose span
            return max([self._match.end(), *(end for _, end in self._persons.values())])
        return self._match.end(group)


@dataclass(frozen=True)
class DecisionCue:
    """One convention's pattern for one key, compiled; a person in it is a loose span checked by the name grammar.

    Compiling the name grammar into every pattern would make each one large and slow to compile, so
    '@MOVER@' matches any few words and the match then stands only if a member's name starts there."""

    convention: str
    key: str
    source: str
    regex: re.Pattern[str]
    persons: tuple[tuple[str, bool], ...] = ()  # (group, title required)

    def search(self, text: str, pos: int = 0) -> CueMatch | None:
        for match in self.regex.finditer(text, pos):
            checked = self._checked(match)
            if checked is not None:
                return checked
        return None

    def match(self, text: str) -> CueMatch | None:
        found = self.regex.match(text)
        return self._checked(found) if found else None

    def finditer(self, text: str) -> list[CueMatch]:
        return [checked for match in self.regex.finditer(text) if (checked := self._checked(match)) is not None]

    def _checked(self, match: re.Match[str]) -> CueMatch | None:
        spans: dict[str, tuple[int, int]] = {}
        for group, titled in self.persons:
            start = match.start(group)
            if start < 0:
                continue
            person = _person_regex(titled).match(match.string, start)
            if person is None:
                return None
            if group != self._last_group() and match.string[person.end() : match.end(group)].strip(",.;:") != "":
                return None  # words between the name and the rest of the pattern: not a name ('Mayor Kibbey asked Mr ...')
            spans[group] = (start, person.end())
        return CueMatch(match, spans)

    def _last_group(self) -> str | None:
        """The person group the pattern ends with ('seconded by @SECONDER@'): its name may run past the loose span."""
        tail = self.source.rstrip("'\\b)$ ")
        for placeholder, (group, _) in _PERSONS.items():
            if tail.endswith(placeholder):
                return group
        return None

    @property
    def label(self) -> str:
        return f"{self.convention} {self.key}"


def _alternation(key: tuple[str, str]) -> str:
    """Every convention's words for the key as one compact alternation (a prefix tree), spaces matching any whitespace."""
    return _trie({" ".join(text.split()) for _, text in conventions.words(key)}) or "(?!)"


def _trie(words: set[str]) -> str:
    """A regular expression matching exactly these words, longest alternative first, shared prefixes factored out."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(tree)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [(_escape(char) + _trie_regex(child)) for char, child in sorted(node.items()) if char != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(sorted(branches, key=len, reverse=True)) + ")"
    return f"(?:{body})?" if ends else body


def _escape(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


@lru_cache(maxsize=2)
def _placeholders(light: bool = False) -> dict[str, str]:
    if light:  # for a fast first test only: anything that could be a name or a body
        some_words = r"(?:\S+\s+){0,6}?\S+"
        return {name: some_words for name in ("@MOVER@", "@SECONDER@", "@TMOVER@", "@TSECONDER@", "@MEMBER@", "@TMEMBER@", "@NAME@")} | {
            "@BODY@": r"(?:\S+\s+){0,14}?\S+"
        }
    titles = _alternation(MEMBER_TITLES)
    # a title and a name ('Trustee Elton', 'Council President Arne Nyberg'), a name alone, or a title alone ('the Chair')
    # 'Councilmember/Commissioner Novak', 'Mayor/Chair Lindqvist': one member under two titles
    compound = rf"(?:{titles})(?:\s*/\s*(?:{titles}))?"
    # titles may stack: 'M. le conseiller Pierre-Luc Ouellet', 'Deputy Mayor Councillor X'
    titled_name = rf"(?:the\s+)?(?:{compound}\.?\s+){{0,2}}{compound}(?:\.?\s+{_NOT_A_NAME}{NAME}|\b)"
    member = rf"(?:{titled_name}|{_NOT_A_NAME}{NAME})"
    titled = rf"(?:{titled_name})"
    bodies = _alternation(BODY_WORDS)
    not_person = r"(?!(?:Chair|Chairman|Vice|Leader|Members?|Officers?|Director|Clerk|Mayor|Councillors?|Cllr|of\s+the)\b)"
    body = rf"(?:The\s+)?(?:{not_person}[\w&'’,-]+\s+){{0,8}}?(?:{bodies})\b(?:\s+(?:for|of|on)\s+(?:[\w&'’,-]+\s+){{0,6}}?[\w&'’-]+)?"
    return {
        "@MOVER@": rf"(?P<mover>{member})",
        "@SECONDER@": rf"(?P<seconder>{member})",
        "@TMOVER@": rf"(?P<mover>{titled})",
        "@TSECONDER@": rf"(?P<seconder>{titled})",
        "@MEMBER@": rf"(?:{member})",
        "@TMEMBER@": rf"(?:{titled})",
        "@NAME@": rf"(?P<name>{member})",
        "@BODY@": rf"(?:{body})",
    }


def expand(source: str, light: bool = False) -> str:
    """The pattern with its placeholders replaced by their regular expressions (`light`: by loose ones, for pre-tests)."""
    for placeholder, regex in _placeholders(light).items():
        source = source.replace(placeholder, regex)
    return source


@lru_cache(maxsize=128)
def cues(key: tuple[str, str]) -> tuple[DecisionCue, ...]:
    """Every convention's patterns for the key, expanded and compiled once."""
    out = []
    for convention, source in conventions.words(key):
        persons = tuple((group, titled) for placeholder, (group, titled) in _PERSONS.items() if placeholder in source)
        loose = source
        for placeholder, (group, _) in _PERSONS.items():
            loose = loose.replace(placeholder, f"(?P<{group}>{_LOOSE_SPAN})")
        out.append(DecisionCue(convention, key[1], source, re.compile(expand(loose), re.I), persons))
    return tuple(out)


@lru_cache(maxsize=2)
def _person_regex(titled: bool) -> re.Pattern[str]:
    """A member's name as minutes print it, with or without a title required."""
    placeholders = _placeholders()
    return re.compile(placeholders["@TMOVER@" if titled else "@MOVER@"], re.I)


_GROUP_NAME_RE = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=128)
def any_of(key: tuple[str, str]) -> re.Pattern[str]:
    """One alternation of every convention's patterns for the key (a fast first test); never matches when there are none."""
    return _any_of(key).whole


@lru_cache(maxsize=128)
def _any_of(key: tuple[str, str]) -> AnyPattern:
    # named groups repeat across patterns: drop their names in the alternation
    return AnyPattern([_GROUP_NAME_RE.sub("(?:", expand(source, light=True)) for _, source in conventions.words(key)])


@lru_cache(maxsize=32)
def any_unanchored(keys: tuple[tuple[str, str], ...]) -> AnyPattern:
    """A pre-test for the keys' patterns with each leading '^' dropped, so it also finds sentence starts mid-paragraph."""
    return AnyPattern([source for key in keys for source in unanchored_sources(key)])


@lru_cache(maxsize=128)
def unanchored_sources(key: tuple[str, str]) -> tuple[str, ...]:
    """The key's patterns with their leading '^' dropped, each standing by its required tail (`pretest.required_tail`:
    the open-ended lead, a name or a body, dropped), which matches wherever the pattern does and is cheap to search anywhere."""
    return tuple(_GROUP_NAME_RE.sub("(?:", expand(required_tail(source.removeprefix("^")), light=True)) for _, source in conventions.words(key))


def first(key: tuple[str, str], text: str, *, at_start: bool = False) -> tuple[DecisionCue, CueMatch] | None:
    """The first convention pattern for the key that matches (at the start of the text, or anywhere)."""
    if not _any_of(key).search(text):
        return None
    for cue in cues(key):
        found = cue.match(text) if at_start else cue.search(text)
        if found:
            return cue, found
    return None


def all_matches(key: tuple[str, str], text: str) -> list[tuple[DecisionCue, CueMatch]]:
    """Every match of every convention's patterns for the key, in text order (overlaps kept)."""
    if not _any_of(key).search(text):
        return []
    found = [(cue, match) for cue in cues(key) for match in cue.finditer(text)]
    return sorted(found, key=lambda pair: (pair[1].start(), -pair[1].end()))


@lru_cache(maxsize=32)
def _unanchored(key: tuple[str, str]) -> tuple[DecisionCue, ...]:
    return tuple(
        DecisionCue(c.convention, c.key, c.source, re.compile(c.regex.pattern.removeprefix("^"), c.regex.flags), c.persons) for c in cues(key)
    )


def all_matches_anywhere(key: tuple[str, str], text: str) -> list[tuple[DecisionCue, CueMatch]]:
    """Every match of the key's patterns with their leading '^' dropped: where a line that pattern opens starts inside a text."""
    found = [(c, match) for c in _unanchored(key) for match in c.finditer(text)]
    return sorted(found, key=lambda pair: pair[1].start())


def words(key: tuple[str, str]) -> tuple[str, ...]:
    """The raw entries of a word-list key, every convention's, lower-cased."""
    return tuple(text.lower() for _, text in conventions.words(key))


@lru_cache(maxsize=1)
def _title_prefix() -> re.Pattern[str]:
    titles = _alternation(MEMBER_TITLES)
    return re.compile(rf"^(?:the\s+)?(?:(?:{titles})(?:\s*/\s*(?:{titles}))?\.?\s+)+", re.I)


def strip_title(name: str) -> str:
    """'Trustee Elton' -> 'Elton', 'Council President Arne Nyberg' -> 'Arne Nyberg'; a bare title stays ('Mayor')."""
    regex = _title_prefix()
    cleaned = " ".join(name.split()).strip(" ,.;:")
    stripped = regex.sub("", cleaned)
    stripped = re.sub(r"^the\s+", "", stripped if stripped else cleaned, flags=re.I)
    return stripped or cleaned
