"""Reading an action (kolom 5: "wat, wie en wanneer") from free text.

Pure functions, no I/O. ``parse_action`` splits what participants type into *what*, *who*
and *when*; it recognises the forms people use at a table:

- ``"Gemeente, voor 1 maart: buurtavond organiseren"`` (who, when: what)
- ``"Wie: Anna. Wat: flyers maken. Wanneer: week 12"`` (labels, Dutch or English)
- ``"buurtavond organiseren (gemeente, 1 maart)"`` (who/when between brackets at the end)
- ``"Gemeente - 1 maart - buurtavond organiseren"`` (comma or dash separated parts)
- ``"Voor de zomer organiseert de wijkraad een schouw"`` (a sentence)

Dates and periods are recognised loosely in Dutch and English (``1 maart``, ``voor de
zomer``, ``by March 1`` …) by :mod:`flows.acties_tijd`. ``link_condition`` links an action
to the condition it shares the most distinctive words with.

Nothing is ever lost: only whitespace, separators (``, ; : . - – — | ( )``) at the edges of a
part and the labels ``wie:``/``wat:``/``wanneer:`` (``who:``/``what:``/``when:``) are dropped;
every other character of the input is in ``what``, ``who`` or ``when``. Text that does not
fit any form stays whole in ``what``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flows.acties_tijd import cut, find_when, is_when, join, split_when, trim
from flows.merge_normalise import INFLECTION, Token, match_kind, tokens

__all__ = [
    "LABELS",
    "LABEL_RE",
    "ParsedAction",
    "find_when",
    "is_when",
    "link_condition",
    "looks_like_party",
    "parse_action",
]


@dataclass(frozen=True)
class ParsedAction:
    """An action split into what is done, by whom and when (empty strings when unknown)."""

    what: str
    who: str = ""
    when: str = ""


# --- who -----------------------------------------------------------------------------------

_PARTY_WORDS = frozenset(
    """
    gemeente wijkraad bewoners bewonerscommissie bewonersraad bewonersgroep welzijnswerk
    welzijn corporatie woningcorporatie woningbouwcorporatie wijkteam buurtteam politie
    school scholen ondernemers ondernemersvereniging opbouwwerk opbouwwerker wijkagent
    wethouder gemeenteraad college facilitator werkgroep projectgroep stuurgroep kerngroep
    vrijwilligers jongerenwerk jongerenwerker huurders huurdersvereniging provincie
    waterschap ggd buurtcoach wijkcoach wijkverpleging bibliotheek bestuur directie
    iedereen allemaal wij we ik zij jij jullie
    council municipality residents committee volunteers police everyone we i they
    """.split()
)
_PARTY_SUFFIXES = (
    "raad", "commissie", "vereniging", "werker", "werkers", "team", "groep", "corporatie",
    "stichting", "organisatie", "coördinator", "coordinator", "agent", "bestuur", "welzijn",
    "council", "committee", "association", "foundation", "office",
)  # fmt: skip
_ARTICLES = frozenset({"de", "het", "the", "een", "onze", "our"})
_CONNECTORS = frozenset({"en", "&", "and", "of", "or", "/", "+", "van", "de", "het", "the"})
_WORD = re.compile(r"[^\s,;:()]+")


def _is_party_word(word: str) -> bool:
    bare = word.strip(".!?\"'‘’“”").lower()
    return bare in _PARTY_WORDS or (len(bare) > 5 and bare.endswith(_PARTY_SUFFIXES))


def looks_like_party(text: str) -> bool:
    """True when text reads as who: a known kind of partner, or a short name ("Anna")."""
    words = trim(text).split()
    if not words or len(words) > 5:
        return False
    if any(_is_party_word(w) for w in words):
        return True
    return len(words) <= 3 and all(
        w[:1].isupper() or w.lower() in _CONNECTORS for w in words
    ) and words[0][:1].isupper()  # fmt: skip


# --- the forms -----------------------------------------------------------------------------

LABELS = {
    "wie": "who", "who": "who", "door wie": "who",
    "wat": "what", "what": "what",
    "wanneer": "when", "when": "when", "datum": "when", "date": "when", "deadline": "when",
}  # fmt: skip
LABEL_RE = re.compile(
    r"(?<!\w)(door wie|wanneer|deadline|datum|date|wie|who|wat|what|when)\s*:", re.IGNORECASE
)


def _labelled(text: str) -> ParsedAction | None:
    found = list(LABEL_RE.finditer(text))
    if not found:
        return None
    fields: dict[str, list[str]] = {"what": [], "who": [], "when": []}
    lead = text[: found[0].start()]
    for n, match in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(text)
        value = trim(text[match.end() : end])
        if value:
            fields[LABELS[match.group(1).lower()]].append(value)
    what = join(lead, *fields["what"])
    who, when = "; ".join(fields["who"]), "; ".join(fields["when"])
    if not when and what:
        what, when = split_when(what)
    return ParsedAction(what, who, when)


def _head_parts(head: str) -> tuple[str, str]:
    """(who, when) from the part before a colon or inside brackets."""
    who_parts, when_parts = [], []
    for part in re.split(r"\s*[,;]\s*|\s+[-–—|]\s+", head):
        if not trim(part):
            continue
        if is_when(part):
            when_parts.append(trim(part))
            continue
        rest, when = split_when(part) if not when_parts else (part, "")
        if when:
            when_parts.append(when)
        if trim(rest):
            who_parts.append(trim(rest))
    return ", ".join(who_parts), ", ".join(when_parts)


_COLON = re.compile(r"(?<!\d):(?!\d)|:(?=\s)")


def _colon_form(text: str) -> ParsedAction | None:
    match = _COLON.search(text)
    if match is None:
        return None
    head, tail = text[: match.start()], text[match.end() :]
    if not trim(head) or not trim(tail) or len(head.split()) > 8:
        return None
    who, when = _head_parts(head)
    if who and len(who.split()) > 5:
        return None
    what = trim(tail)
    if not when:
        what, when = split_when(what)
    return ParsedAction(what, who, when)


_BRACKETS = re.compile(r"\(([^()]*)\)\s*[.!]?\s*$")


def _bracket_form(text: str) -> ParsedAction | None:
    match = _BRACKETS.search(text)
    if match is None or not trim(text[: match.start()]):
        return None
    inner = match.group(1)
    if len(inner.split()) > 8:
        return None
    who, when = _head_parts(inner)
    if not when and not looks_like_party(who):
        return None
    what = trim(text[: match.start()])
    if not when:
        what, when = split_when(what)
    return ParsedAction(what, who, when)


_PART_SPLIT = re.compile(r"\s*,\s*|\s+[-–—|]\s+")


def _parts_form(text: str) -> ParsedAction | None:
    """'Gemeente, 1 maart, buurtavond' or 'buurtavond - gemeente - 1 maart'."""
    pieces = _PART_SPLIT.split(text)
    if len(pieces) < 2:
        return None
    seps = _PART_SPLIT.findall(text)

    def rejoin(chunk: list[str], chunk_seps: list[str]) -> str:
        out = chunk[0]
        for sep, piece in zip(chunk_seps, chunk[1:], strict=True):
            out += sep + piece
        return out

    for lead in (2, 1):  # who/when first
        if len(pieces) > lead:
            head = pieces[:lead]
            if any(is_when(p) for p in head) and all(
                is_when(p) or looks_like_party(p) for p in head
            ):
                who = ", ".join(trim(p) for p in head if not is_when(p))
                when = ", ".join(trim(p) for p in head if is_when(p))
                return ParsedAction(trim(rejoin(pieces[lead:], seps[lead:])), who, when)
    for lead in (2, 1):  # who/when last
        if len(pieces) > lead:
            tail = pieces[-lead:]
            if any(is_when(p) for p in tail) and all(
                is_when(p) or looks_like_party(p) for p in tail
            ):
                who = ", ".join(trim(p) for p in tail if not is_when(p))
                when = ", ".join(trim(p) for p in tail if is_when(p))
                what = trim(rejoin(pieces[:-lead], seps[: len(pieces) - lead - 1]))
                return ParsedAction(what, who, when)
    return None


_SUBJECT = re.compile(
    r"^(?P<verb>[a-zà-ÿ]+t)\s+(?P<who>(?:(?:de|het|the)\s+)?[\w'-]+)(?=\s|$)", re.IGNORECASE
)


def _sentence_form(text: str) -> ParsedAction:
    rest, when = split_when(text)
    who = ""
    words = rest.split()
    if words:
        # Subject first: "De wijkraad organiseert …", "Anna maakt …", "Wij organiseren …".
        first = words[0]
        lead = 2 if first.lower() in _ARTICLES and len(words) > 1 else 1
        subject_words = words[:lead]
        following = words[lead] if len(words) > lead else ""
        if _is_party_word(subject_words[-1]) and (following or lead == 2):
            who = " ".join(subject_words)
        elif (
            lead == 1
            and first[:1].isupper()
            and first.lower() not in _ARTICLES
            and len(following) > 3
            and following.lower().endswith("t")
            and following[:1].islower()
        ):
            who = first
        if who:
            rest = " ".join(words[lead:])
        elif when and text.lower().startswith(when.lower()):
            # Inverted after a time: "Voor de zomer organiseert de wijkraad een schouw".
            match = _SUBJECT.match(rest)
            if match and (
                _is_party_word(match.group("who"))
                or match.group("who")[:1].isupper()
                or match.group("who").lower().split()[0] in {"de", "het", "the"}
            ):
                who = match.group("who")
                rest = cut(rest, match.start("who"), match.end("who"))
    return ParsedAction(trim(rest) or (text.strip() if not (who or when) else ""), who, when)


def parse_action(text: str) -> ParsedAction:
    """Split an action into what / who / when; unparseable text stays whole in ``what``."""
    cleaned = text.strip()
    if not cleaned:
        return ParsedAction("")
    for form in (_labelled, _colon_form, _bracket_form, _parts_form):
        parsed = form(cleaned)
        if parsed is not None and (parsed.who or parsed.when):
            return parsed
    return _sentence_form(cleaned)


# --- linking an action to a condition ------------------------------------------------------


def _content(text: str, lang: str) -> tuple[Token, ...]:
    return tuple(t for t in tokens(text, lang if lang in ("nl", "en") else "nl") if not t.common)


def _shares(a: Token, pool: Sequence[Token]) -> bool:
    return any((kind := match_kind(a, b)) is not None and kind <= INFLECTION for b in pool)


def link_condition(action_text: str, conditions: list[str], lang: str = "nl") -> str | None:
    """The condition that shares the most distinctive content words with the action.

    Dates and periods in the action are ignored. A word is not distinctive when it is a
    stop word, a word every answer in this method uses ("samen", "partners", …) or, with
    two or more conditions, a word all of them share. Ties go to the rarer shared words,
    then to the first condition. None when no condition shares a distinctive word.
    """
    if not conditions:
        return None
    rest, _ = split_when(action_text)
    words = _content(rest, lang)
    condition_tokens = [_content(c, lang) for c in conditions]
    counts = {w.word: sum(1 for pool in condition_tokens if _shares(w, pool)) for w in words}
    best: tuple[int, float, int] | None = None
    best_text: str | None = None
    for index, (condition, pool) in enumerate(zip(conditions, condition_tokens, strict=True)):
        shared = [
            w for w in words
            if _shares(w, pool) and (len(conditions) == 1 or counts[w.word] < len(conditions))
        ]  # fmt: skip
        if not shared:
            continue
        key = (len(shared), sum(1 / counts[w.word] for w in shared), -index)
        if best is None or key > best:
            best, best_text = key, condition
    return best_text
