"""Does an answer sound specific to the writer's own network? (the stap-4 heuristic)

The method asks subgroups in stap 4 not to get stuck in "specific things from their own
network" but to work towards general traits; a facilitator then asks: *how would this
translate to another network?* The bot cannot understand an answer, so it looks for
surface signs that a sentence is about one particular place, organisation or person:

1. **Own-network phrases**: "bij ons", "in onze wijk", "mijn buurt", "hier in", "ons team".
   "ons/onze/mijn" only count together with a place or organisation word, because "onze
   waarden" or "wij als bewoners" speak for the group, not for one network.
2. **Named organisations and places**: "stichting X", "gemeente X", "woningcorporatie X",
   "basisschool X" (only with a name: "de woningcorporatie" alone is a role every network
   has) and street names (Kerkstraat, Stationsweg, Dorpsplein).
3. **Acronyms** (GGD, CJG, WMO): almost always a specific organisation or local scheme;
   a few generic ones (ICT, AVG, OK) are ignored.
4. **Capitalised words that do not start a sentence**: in Dutch only names are written
   with a capital mid-sentence ("Wijkteam Noord", "De Sleutel", "Jan"). Sentence starts,
   list items (after a comma, semicolon, colon, dash or bullet) and Title Case Answers are
   skipped, and so are role words people capitalise out of respect ("de Gemeente").

What it cannot see: a name at the very start of an answer ("Jan regelt het") or written in
lower case. That is on purpose: a missed hint costs nothing, a wrong one is noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Places and organisations: with "ons/onze/mijn" in front they point at the writer's own.
_LOCAL_NOUNS = (
    "wijk|buurt|straat|dorp|stad|gemeente|regio|school|organisatie|club|vereniging|kerk"
    "|moskee|buurthuis|wijkteam|team|afdeling|locatie|bedrijf|werk|praktijk|project"
    "|netwerk|flat|complex|huurders|buren|collega's|collega|cliënten|kantoor"
)

# Phrases that place the answer in the writer's own network; the first match is named.
_OWN_NETWORK = re.compile(
    r"\b(?:"
    r"bij\s+(?:ons|mij|onze|mijn)\b(?:\s+op\s+(?:het\s+)?werk)?"
    rf"|(?:in|op|van|voor|met|uit)\s+(?:ons|onze|mijn)\s+(?:{_LOCAL_NOUNS})\b"
    rf"|(?:ons|onze|mijn)\s+(?:{_LOCAL_NOUNS})\b"
    r"|hier\s+(?:in|bij|op)\b"
    r")",
    re.IGNORECASE,
)

# An organisation type followed by its name ("stichting Present", "gemeente Utrecht").
_NAMED_ORGANISATION = re.compile(
    r"\b(?:stichting|gemeente|woningcorporatie|corporatie|vereniging|basisschool|school"
    r"|scholen|buurthuis|wijkcentrum|bibliotheek)\s+(?:(?:De|Het|'t)\s+)?[A-Z][\w'-]*",
    re.IGNORECASE,
)
# The name after the organisation type must be capitalised even when the type is not.
_NAME_AFTER_TYPE = re.compile(r"\s(?:(?:De|Het|'t)\s+)?[A-Z][\w'-]*$")

# Street and square names: one capitalised word ending in a street type.
_STREET = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:straat|laan|weg|plein|singel|gracht|kade|dijk)\b")
# Ordinary words that happen to end like a street (capitalised at a sentence start).
_NOT_STREETS = frozenset({"onderweg", "omweg", "uitweg", "snelweg", "zijweg", "halfweg"})

# Two to six capitals (digits allowed after the first): GGD, CJG, WMO, U10.
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
_GENERIC_ACRONYMS = frozenset(
    {"OK", "NB", "ICT", "AVG", "PS", "KPI", "FAQ", "PR", "HR", "ZZP", "IT", "AI", "TV", "EN"}
)

# A word with a leading capital (letters, apostrophes and hyphens: "Amsterdam-Noord").
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Where a new sentence or list item starts, so its first word may have a capital anyway.
_BOUNDARY = re.compile(r"(?:^|[.!?:;,•·\n(]|\s[-–—*]\s|^\s*[-–—*]\s)\s*[\"'“‘(]*$")
# Words people capitalise without naming anything particular.
_GENERIC_CAPITALISED = frozenset(
    {
        "ik", "u", "gemeente", "provincie", "rijk", "overheid", "politie", "wijkteam",
        "buurthuis", "woningcorporatie", "corporatie", "bewoners", "burgers", "professionals",
        "partners", "nederland", "nederlandse", "europa", "europese", "internet", "whatsapp",
        "facebook", "instagram", "teams", "zoom", "google",
    }
)  # fmt: skip
# Small words that belong inside a multi-word name ("Jan van der Berg").
_NAME_PARTICLES = frozenset({"van", "de", "der", "den", "het", "'t", "op", "aan", "ter", "te"})
# At or above this share of capitalised words (in an answer of at least three words) the
# writer uses Title Case or capitals for emphasis: capitals then say nothing about names.
_TITLE_CASE_SHARE = 0.8


@dataclass(frozen=True)
class Opgemerkt:
    """What the heuristic noticed: the fragment itself and the kind of signal."""

    fragment: str
    signaal: str

    @property
    def reason(self) -> str:
        """What and why, in one line. It quotes the answer: for tests and the board, never
        for a log line (a reminder's reason names only the kind of signal)."""
        return f"{self.signaal} '{self.fragment}'"


def _own_network(text: str) -> Opgemerkt | None:
    match = _OWN_NETWORK.search(text)
    return Opgemerkt(match.group(0), "own-network phrase") if match else None


def _named_organisation(text: str) -> Opgemerkt | None:
    for match in _NAMED_ORGANISATION.finditer(text):
        # IGNORECASE also matched a lower-case word after the type; a name needs a capital.
        if _NAME_AFTER_TYPE.search(match.group(0)):
            return Opgemerkt(match.group(0), "named organisation")
    return None


def _street(text: str) -> Opgemerkt | None:
    for match in _STREET.finditer(text):
        if match.group(0).lower() not in _NOT_STREETS:
            return Opgemerkt(match.group(0), "street or square name")
    return None


def _acronym(text: str) -> Opgemerkt | None:
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) >= _TITLE_CASE_SHARE:
        return None  # SHOUTED TEXT: every word looks like an acronym
    for match in _ACRONYM.finditer(text):
        if match.group(0) not in _GENERIC_ACRONYMS:
            return Opgemerkt(match.group(0), "acronym")
    return None


def _capitalised_name(text: str) -> Opgemerkt | None:
    words = list(_WORD.finditer(text))
    capitals = [w for w in words if w.group(0)[0].isupper()]
    if len(words) >= 3 and len(capitals) / len(words) >= _TITLE_CASE_SHARE:
        return None
    for i, word in enumerate(words):
        value = word.group(0)
        if not value[0].isupper() or len(value) < 2 or value.isupper():
            continue  # lower case, a single letter ("plan B"), or an acronym (own rule)
        if _BOUNDARY.search(text[: word.start()]):
            continue  # first word of a sentence or list item
        if value.split("-")[0].lower() in _GENERIC_CAPITALISED:
            continue
        return Opgemerkt(_name_around(words, i, text), "capitalised name")
    return None


def _name_around(words: list[re.Match[str]], i: int, text: str) -> str:
    """The whole name a capitalised word belongs to: "buurthuis De Sleutel" → "De Sleutel"."""
    start = i
    # Backwards only over capitalised words: "met het" before "Jan" is not part of the name.
    while (
        start > 0
        and words[start - 1].group(0)[0].isupper()
        and _part_of_name(words[start - 1], text, words[start])
    ):
        start -= 1
    end = i
    while end + 1 < len(words) and _part_of_name(words[end + 1], text, words[end]):
        end += 1
    # A name does not end on a particle ("Jan van" in "Jan van het buurthuis").
    while end > i and words[end].group(0).lower() in _NAME_PARTICLES:
        end -= 1
    return text[words[start].start() : words[end].end()]


def _part_of_name(word: re.Match[str], text: str, neighbour: re.Match[str]) -> bool:
    between = text[min(word.end(), neighbour.end()) : max(word.start(), neighbour.start())]
    if between.strip():
        return False  # punctuation between the two words ends the name
    value = word.group(0)
    return value[0].isupper() or value.lower() in _NAME_PARTICLES


# Checked in this order; the first signal found is the one reported.
_SIGNALS = (_own_network, _named_organisation, _street, _acronym, _capitalised_name)


def notice(text: str) -> Opgemerkt | None:
    """The first sign that text is about the writer's own network, or None."""
    for signal in _SIGNALS:
        found = signal(text)
        if found is not None:
            return found
    return None


def looks_network_specific(text: str) -> str | None:
    """What makes text look specific to one network (quoting it), or None."""
    found = notice(text)
    return found.reason if found else None
