"""Tests for reading an action into what / who / when (flows.acties)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.acties import LABEL_RE, ParsedAction, find_when, link_condition, parse_action

# (input, what, who, when)
CASES = [
    # who, when: what
    ("Gemeente, voor 1 maart: buurtavond organiseren", "buurtavond organiseren", "Gemeente",
     "voor 1 maart"),
    ("Bewonerscommissie, in april: wensen ophalen", "wensen ophalen", "Bewonerscommissie",
     "in april"),
    ("Welzijnswerk, elke maand: spreekuur in het buurthuis", "spreekuur in het buurthuis",
     "Welzijnswerk", "elke maand"),
    ("Ondernemersvereniging, in mei: markt op het plein", "markt op het plein",
     "Ondernemersvereniging", "in mei"),
    ("Gemeente: buurtavond organiseren voor 01-03-2027", "buurtavond organiseren", "Gemeente",
     "voor 01-03-2027"),
    ("Wijkteam, 1/3: startbijeenkomst", "startbijeenkomst", "Wijkteam", "1/3"),
    ("Q2: evaluatie met alle partners", "evaluatie met alle partners", "", "Q2"),
    # labels
    ("Wie: Anna. Wat: flyers maken. Wanneer: week 12", "flyers maken", "Anna", "week 12"),
    ("Wat: flyers maken; wie: Anna", "flyers maken", "Anna", ""),
    ("Wijkavond organiseren (wie: Piet, wanneer: juni)", "Wijkavond organiseren", "Piet",
     "juni"),
    ("Who: the council. What: a street party. When: by March 1", "a street party",
     "the council", "by March 1"),
    # brackets and separated parts
    ("buurtavond organiseren (gemeente, 1 maart)", "buurtavond organiseren", "gemeente",
     "1 maart"),
    ("Schouw lopen (wijkraad)", "Schouw lopen", "wijkraad", ""),
    ("Gemeente - 1 maart - buurtavond organiseren", "buurtavond organiseren", "Gemeente",
     "1 maart"),
    ("Spreekuur in het buurthuis, elke maand", "Spreekuur in het buurthuis", "", "elke maand"),
    ("Flyers maken, ophangen en uitdelen, in week 12", "Flyers maken, ophangen en uitdelen", "",
     "in week 12"),
    # sentences
    ("Voor de zomer organiseert de wijkraad een schouw", "organiseert een schouw", "de wijkraad",
     "Voor de zomer"),
    ("De wijkraad organiseert voor de zomer een schouw", "organiseert een schouw", "De wijkraad",
     "voor de zomer"),
    ("Anna maakt flyers in week 12", "maakt flyers", "Anna", "in week 12"),
    ("Wij organiseren in april een buurtavond", "organiseren een buurtavond", "Wij", "in april"),
    ("Budget aanvragen binnen 3 maanden", "Budget aanvragen", "", "binnen 3 maanden"),
    ("volgend jaar een festival", "een festival", "", "volgend jaar"),
    ("Eind van het jaar evalueren", "evalueren", "", "Eind van het jaar"),
    ("The council organises a meeting by March 1", "organises a meeting", "The council",
     "by March 1"),
    ("Residents, every month: clean-up walk", "clean-up walk", "Residents", "every month"),
    # nothing to recognise: the whole text is what
    ("Meer bankjes in het park", "Meer bankjes in het park", "", ""),
    ("om 10:30 koffie", "om 10:30 koffie", "", ""),
    ("Geen idee nog 🤷", "Geen idee nog 🤷", "", ""),
    ("Jan maakt flyers", "maakt flyers", "Jan", ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "what", "who", "when"), CASES)
def test_parse_action(text, what, who, when):
    assert parse_action(text) == ParsedAction(what, who, when)


@pytest.mark.parametrize(
    "text",
    ["1 maart", "01-03-2027", "1/3", "april", "voor de zomer", "in week 12", "elke maand",
     "volgend jaar", "Q2", "binnen 3 maanden", "by March 1", "every month", "wekelijks",
     "2 keer per jaar", "eind maart", "het eerste kwartaal", "op dinsdag", "2027"],
)  # fmt: skip
def test_dates_and_periods_are_recognised(text):
    match = find_when(f"iets doen {text} samen")
    assert match is not None
    assert match.group(0) == text


@pytest.mark.parametrize("text", ["Jan komt", "we may help", "buurthuis open", "3 flyers"])
def test_no_false_dates(text):
    assert find_when(text) is None


def test_empty_text():
    assert parse_action("   ") == ParsedAction("")


# --- no word is ever lost ------------------------------------------------------------------

_SEPARATORS = set(",;:.-–—|()")


def _kept_words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in re.findall(r"\w+", LABEL_RE.sub(" ", text)))


def _kept_chars(text: str) -> Counter[str]:
    return Counter(c for c in LABEL_RE.sub(" ", text) if not c.isspace() and c not in _SEPARATORS)


def _assert_nothing_lost(text: str) -> None:
    parsed = parse_action(text)
    out = " ".join((parsed.what, parsed.who, parsed.when))
    assert not _kept_words(text) - _kept_words(out), (text, parsed)
    assert not _kept_chars(text) - _kept_chars(out), (text, parsed)


WORDS = st.sampled_from(
    "Gemeente gemeente Anna de het wijkraad voor in op 1 maart 01-03-2027 1/3 april zomer week "
    "12 elke maand volgend jaar Q2 binnen 3 maanden by March 1 every month wie: wat: wanneer: "
    'organiseert buurtavond flyers maken ( ) , ; : - – . 🤝 café "x" Wie: Wat:'.split()
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(min_size=1, max_size=8)), max_size=14))
def test_no_word_is_lost(words):
    _assert_nothing_lost(" ".join(words))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_no_character_is_lost_in_any_text(text):
    _assert_nothing_lost(text)


@pytest.mark.parametrize("text", [row[0] for row in CASES])
def test_no_word_is_lost_in_the_table(text):
    _assert_nothing_lost(text)


# --- linking to a condition ----------------------------------------------------------------

CONDITIONS = [
    "Een vaste plek in de wijk om elkaar te ontmoeten",
    "Budget dat bewoners zelf mogen besteden",
    "Tijd voor professionals om bij bewonersavonden te zijn",
]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("Wie: gemeente. Wat: budget regelen voor bewoners", CONDITIONS[1]),
        ("Welzijnswerk, elke maand: een vaste ontmoetingsplek zoeken", CONDITIONS[0]),
        ("Professionals krijgen tijd voor bewonersavonden", CONDITIONS[2]),
        ("Gemeente, voor 1 maart: buurtavond organiseren", None),
        ("Samen goed samenwerken", None),  # only words every answer uses
        ("", None),
    ],
)
def test_link_condition(action, expected):
    assert link_condition(action, CONDITIONS) == expected


def test_link_condition_ignores_words_all_conditions_share():
    conditions = ["Een plek in de wijk", "Geld voor de wijk"]
    assert link_condition("De wijk opknappen", conditions) is None
    assert link_condition("Geld voor de wijk vragen", conditions) == conditions[1]


def test_link_condition_without_conditions():
    assert link_condition("budget regelen", []) is None


def test_link_condition_english():
    conditions = ["A budget residents spend themselves", "Time for professionals"]
    assert link_condition("Council: ask for a budget", conditions, "en") == conditions[0]
