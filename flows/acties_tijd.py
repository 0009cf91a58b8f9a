"""Recognising dates and periods in an action's free text (kolom 5: "wanneer").

Pure functions, no I/O; used by :mod:`flows.acties` to read *when* out of an action. Dates
and periods are recognised loosely in Dutch and English: ``1 maart``, ``01-03-2027``,
``1/3``, month names, ``voor de zomer``, ``in week 12``, ``elke maand``, ``volgend jaar``,
``Q2``, ``binnen 3 maanden``, ``by March 1``, ``every month`` …

Also the small text helpers the parsing shares: trimming separators from the edges of a part,
joining parts, and taking the first date/period out of a text.
"""

from __future__ import annotations

import re

# --- dates and periods -------------------------------------------------------------------

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|january|february|march|may|june|july|august|october"
    "|feb|mrt|apr|jun|jul|sept|okt|oct|nov"
)
_MONTH = rf"(?:{_MONTHS})\.?"
_NUMBER_WORDS = (
    r"\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|paar"
    r"|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple of"
)
_UNITS = (
    r"dagen|dag|weken|week|maanden|maand|kwartalen|kwartaal|jaren|jaar"
    r"|days?|weeks?|months?|quarters?|years?"
)
_WEEKDAYS = (
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_SEASONS = (
    r"zomervakantie|zomer|winter|lente|voorjaar|najaar|herfst|kerstvakantie|kerst"
    r"|meivakantie|herfstvakantie|voorjaarsvakantie|jaarwisseling|jaareinde"
    r"|summer holidays?|summer|winter|spring|autumn|fall|christmas"
)
_ORD = r"(?:e|ste|de|st|nd|rd|th)?"
_THE = r"(?:de\s+|het\s+|the\s+|deze\s+|dit\s+|this\s+|next\s+|volgende?\s+|komende?\s+)?"
_DATE_CORE = "|".join(
    (
        r"\d{4}-\d{1,2}-\d{1,2}",  # 2027-03-01
        r"\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?",  # 01-03-2027, 1/3
        rf"\d{{1,2}}{_ORD}\s+{_MONTH}(?:\s+\d{{4}})?",  # 1 maart (2027)
        rf"{_MONTH}\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?",  # March 1(, 2027)
        rf"(?:{_MONTH})(?:\s+\d{{4}})?",  # april (2027)
        r"week\s*\d{1,2}(?:\s+\d{4})?",  # week 12
        r"q[1-4](?:\s*\d{4})?",  # Q2
        r"(?:het\s+|the\s+)?(?:eerste|tweede|derde|vierde|first|second|third|fourth)\s+"
        r"(?:kwartaal|quarter|helft|half)(?:\s+(?:van\s+|of\s+)?\d{4})?",
        rf"(?:het\s+|de\s+|the\s+)?(?:eind|einde|begin|end|start)\s+(?:van\s+|of\s+)?"
        rf"{_THE}(?:{_UNITS}|{_SEASONS}|{_MONTH})",
        rf"{_THE}(?:{_SEASONS})(?:\s+\d{{4}})?",
        rf"(?:volgende?|komende?|deze|dit|next|this|coming)\s+(?:{_UNITS}|{_WEEKDAYS})",
        rf"(?:elke|iedere|ieder|elk|every|each)\s+(?:(?:twee|drie|vier|zes|two|three|four|six|"
        rf"\d+|other)\s+)?(?:{_UNITS}|{_WEEKDAYS}|ochtend|middag|avond|morning|evening)",
        rf"(?:{_NUMBER_WORDS})\s*(?:keer|x|times?)\s+(?:per|in\s+de|in\s+het|a|each)\s+"
        rf"(?:{_UNITS})",
        r"(?:once|twice)\s+a\s+(?:day|week|month|quarter|year)",
        r"(?:twee|drie|vier)?(?:dagelijks|wekelijks|maandelijks|jaarlijks)"
        r"|halfjaarlijks|daily|weekly|fortnightly|monthly|quarterly|yearly|annually",
        rf"(?:binnen|within|in|over|na|after|for)\s+(?:{_NUMBER_WORDS})\s+(?:{_UNITS})",
        rf"(?:op\s+|on\s+)?(?:{_WEEKDAYS})",
        r"20\d{2}",
        r"morgen|overmorgen|vandaag|tomorrow|today|zsm|z\.s\.m\.?|asap"
        r"|zo snel mogelijk|as soon as possible|meteen|binnenkort",
    )
)
_PREPOSITIONS = (
    r"voor|vóór|uiterlijk|vanaf|per|in|op|na|rond|rondom|tot|tussen|begin|eind|einde"
    r"|medio|halverwege|binnen|sinds|by|before|on|from|after|until|till|around|within"
    r"|early|late|mid|not\s+later\s+than|no\s+later\s+than|niet\s+later\s+dan"
)
_WHEN = re.compile(
    rf"(?<![\w-])(?:(?:{_PREPOSITIONS})\s+){{0,2}}(?:{_DATE_CORE})(?![\w-])",
    re.IGNORECASE,
)
# Words that are a date only with a preposition or a day number: "may", "march", "fall" …
_AMBIGUOUS = frozenset({"may", "march", "fall", "spring", "mid", "sept", "nov", "feb"})


def find_when(text: str) -> re.Match[str] | None:
    """The first date/period expression in text (with its prepositions), or None."""
    for match in _WHEN.finditer(text):
        if match.group(0).lower().rstrip(".") in _AMBIGUOUS:
            continue
        return match
    return None


def is_when(text: str) -> bool:
    """True when the whole text is one date/period expression."""
    stripped = trim(text)
    match = find_when(stripped)
    return bool(stripped) and match is not None and match.group(0) == stripped


# --- helpers -------------------------------------------------------------------------------

_EDGE = " \t\r\n,;:.-–—|"


def trim(text: str) -> str:
    """Strip whitespace and separators from the edges, and an unbalanced bracket."""
    out = text.strip(_EDGE)
    while True:
        before = out
        if out.endswith("(") or (out.endswith(")") and out.count("(") < out.count(")")):
            out = out[:-1].strip(_EDGE)
        if out.startswith(")") or (out.startswith("(") and out.count(")") < out.count("(")):
            out = out[1:].strip(_EDGE)
        if out.startswith("(") and out.endswith(")") and out.count("(") == 1:
            out = out[1:-1].strip(_EDGE)
        if out == before:
            return out


def join(*parts: str) -> str:
    """The trimmed, non-empty parts joined by single spaces."""
    return " ".join(p for p in (trim(p) for p in parts) if p)


def cut(text: str, start: int, end: int) -> str:
    """Text with [start:end] removed; the two sides stay separate words."""
    return join(text[:start], text[end:])


def split_when(text: str) -> tuple[str, str]:
    """(rest, when): the first date/period expression taken out of text."""
    match = find_when(text)
    if match is None:
        return text, ""
    return cut(text, match.start(), match.end()), trim(match.group(0))
