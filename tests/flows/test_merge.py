"""Tests for merging similar answers (flows.merge)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.merge import (
    REASONS,
    MergeInput,
    ProposedItem,
    normalise,
    propose_items,
    similar,
    similarity,
)

# (a, b, expected reason): pairs that must be proposed as one item.
MUST_GROUP = [
    ("gelijkwaardige partners", "partners zijn gelijkwaardig", "verbuiging"),
    ("iedereen doet mee", "Iedereen doet mee!", "identiek"),
    # Separable verbs written together or apart.
    ("Iedereen kan meedoen", "Iedereen kan mee doen", "identiek"),
    ("bewoners beslissen mee", "bewoners mogen meebeslissen", "woordvolgorde"),
    ("bewoners worden gehoord", "de bewoners worden echt gehoord", "identiek"),
    ("vertrouwen in elkaar", "vertrouwen", "bevat"),
    ("veilige buurt", "een veilige buurt voor iedereen", "bevat"),
    ("groene wijk", "groene wijken", "verbuiging"),
    ("duidelijke afspraken", "duidelijke afpraken", "typfout"),
    ("korte lijnen", "Korte lijntjes", "verbuiging"),
    ("financiële zekerheid", "financiele zekerheid", "identiek"),
    ("de wijk is groen", "groene wijk", "verbuiging"),
    ("schone straten", "de straat is schoon", "verbuiging"),
    ("gelijke kansen", "kansen gelijk", "verbuiging"),
    ("samenwerking", "samenwerken", "verbuiging"),
    ("betaalbare woningen", "betaalbare woning", "verbuiging"),
    ("respect voor elkaar", "respect", "bevat"),
    ("open houding", "Open houding.", "identiek"),
    ("luisteren naar bewoners", "bewoners luisteren", "woordvolgorde"),
    ("regelmatig overleg", "overleg regelmatig", "woordvolgorde"),
    ("betrokken ouders", "ouders zijn betrokken", "woordvolgorde"),
    ("jongeren betrekken", "betrek jongeren", "verbuiging"),
    ("transparante besluiten", "besluiten transparant", "verbuiging"),
    ("toegankelijke voorzieningen", "voorzieningen toegankelijk", "verbuiging"),
    ("eerlijke verdeling", "eerlijk verdelen", "verbuiging"),
    ("speelplekken voor kinderen", "speelplek voor kinderen", "verbuiging"),
    ("ontmoetingsplek in de wijk", "ontmoetingsplekken in de wijk", "verbuiging"),
    ("kennis delen", "kennis deelen", "verbuiging"),
    ("duidelijke communicatie", "duidelijke comunicatie", "typfout"),
    ("wederzijds respect", "wederzijds respekt", "typfout"),
    ("korte lijnen met de gemeente", "korte lijnen", "bevat"),
    ("veiligheid", "veiligheid in de buurt", "bevat"),
    ("goede bereikbaarheid", "bereikbaarheid", "bevat"),
    ("samen beslissen over de wijk", "samen beslissen", "bevat"),
    ("vertrouwen", "vertrouwen!!", "identiek"),
    ("het is goed", "Het is goed.", "identiek"),
]

# Pairs that must stay apart: shared stop words or common words, or different content.
MUST_NOT_GROUP = [
    ("goede samenwerking", "samenwerking met scholen"),
    ("de wijk is schoon", "de wijk is veilig"),
    ("open communicatie", "open dag"),
    ("meer groen", "meer geld"),
    ("samen beslissen", "samen eten"),
    ("we zijn er voor elkaar", "zij zijn er niet"),
    ("goede partners", "sterke partners"),
    ("samenwerking", "samenwerking met de gemeente"),
    ("partnerschap", "samenwerking"),
    ("veilige wijk", "schone wijk"),
    ("geld voor de buurt", "tijd voor de buurt"),
    ("iedereen is welkom", "iedereen betaalt"),
    ("duidelijke afspraken", "duidelijke taal"),
    ("respect voor ouderen", "respect voor jongeren"),
    ("kansen voor jongeren", "kansen voor ouderen"),
    ("korte lijnen", "korte termijn"),
    ("meer groen in de wijk", "meer spelen in de wijk"),
    ("wijk", "wijn"),
    ("geld", "geel"),
    ("", "   "),
    ("😀", "😀"),
    ("🙂 !!", "vertrouwen"),
    ("de", "de"),
    ("\x00\t\n", "het is wat het is"),
]


@pytest.mark.parametrize(("a", "b", "reason"), MUST_GROUP)
def test_must_group(a: str, b: str, reason: str) -> None:
    assert similar(a, b) == (True, reason)
    assert similar(b, a) == (True, reason)


@pytest.mark.parametrize(("a", "b"), MUST_NOT_GROUP)
def test_must_not_group(a: str, b: str) -> None:
    assert similar(a, b) == (False, "")
    assert similar(b, a) == (False, "")


def test_tables_are_big_enough() -> None:
    assert len(MUST_GROUP) >= 25
    assert len(MUST_NOT_GROUP) >= 15
    assert {r for _, _, r in MUST_GROUP} <= set(REASONS)


def test_normalise_strips_case_accents_punctuation_stop_words() -> None:
    assert normalise("Financiële   zekerheid!!") == normalise("financiele zekerheid")
    assert normalise("de bewoners worden echt gehoord") == normalise("Bewoners gehoord.")
    assert normalise("😀 🎉") == ()
    assert normalise("de het een") == ()
    assert normalise("groene wijk") == ("groene", "wijk")  # in order of appearance


def test_english() -> None:
    assert similar("equal partners", "partners are equal", lang="en") == (True, "woordvolgorde")
    assert similar("good collaboration", "collaboration with schools", lang="en")[0] is False
    with pytest.raises(ValueError, match="unsupported language"):
        normalise("x", lang="xx")


def test_similarity_score_range() -> None:
    ok, reason, score = similarity("duidelijke afspraken", "duidelijke afpraken")
    assert ok
    assert reason == "typfout"
    assert 0.9 <= score < 1.0


def _inputs(rows: list[tuple[str, str]]) -> list[MergeInput]:
    return [MergeInput(i + 1, text, sub) for i, (text, sub) in enumerate(rows)]


ROWS = [
    ("Gelijkwaardige partners", "Groep A"),
    ("vertrouwen", "Groep A"),
    ("partners zijn gelijkwaardig", "Groep B"),
    ("open communicatie", "Groep B"),
    ("Vertrouwen in elkaar", "Groep C"),
    ("open dag", "Groep C"),
    ("🙂", "Groep C"),
    ("gelijkwaardige partners", "Groep C"),
    ("goede samenwerking", "Groep D"),
    ("samenwerking met scholen", "Groep D"),
]


def _partition(items: list[ProposedItem]) -> set[frozenset[int]]:
    return {frozenset(item.answer_ids) for item in items}


def test_propose_items_groups_across_subgroups() -> None:
    items = propose_items(_inputs(ROWS))
    by_ids = {item.answer_ids: item for item in items}
    equal = by_ids[(1, 3, 8)]
    assert equal.subgroups == ("Groep A", "Groep B", "Groep C")
    # Each form is named once: the most central one wins, then alphabetical.
    assert equal.text == "Gelijkwaardige partners"
    assert equal.reason == "verbuiging"
    assert equal.key_words == ("gelijkwaardige",)  # "partners" is too common to explain
    trust = by_ids[(2, 5)]
    assert trust.subgroups == ("Groep A", "Groep C")
    assert trust.reason == "bevat"
    assert trust.text == "vertrouwen"
    # Singletons stay, including the emoji-only answer, with an empty reason.
    for single in [(4,), (6,), (7,), (9,), (10,)]:
        assert by_ids[single].reason == ""
    assert by_ids[(7,)].text == "🙂"
    # Items come in order of first mention.
    assert [item.answer_ids[0] for item in items] == sorted(item.answer_ids[0] for item in items)


def test_complete_linkage_does_not_chain() -> None:
    items = propose_items(_inputs([("open", "A"), ("open communicatie", "B"), ("open dag", "C")]))
    assert len(items) == 2
    assert not any({2, 3} <= set(item.answer_ids) for item in items)


def test_proposed_text_is_a_member_and_ids_in_input_order() -> None:
    inputs = _inputs(ROWS)
    texts = {a.answer_id: a.text.strip() for a in inputs}
    for item in propose_items(inputs):
        assert item.text in {texts[i] for i in item.answer_ids}
        assert list(item.answer_ids) == sorted(item.answer_ids)  # ids were given in input order


def test_deterministic_under_shuffle() -> None:
    inputs = _inputs(ROWS * 3)
    expected = propose_items(inputs)
    rng = random.Random(7)
    for _ in range(10):
        shuffled = inputs[:]
        rng.shuffle(shuffled)
        got = propose_items(shuffled)
        assert _partition(got) == _partition(expected)
        assert {(frozenset(i.answer_ids), i.text, i.reason) for i in got} == {
            (frozenset(i.answer_ids), i.text, i.reason) for i in expected
        }
        order = {a.answer_id: n for n, a in enumerate(shuffled)}
        for item in got:
            assert [order[i] for i in item.answer_ids] == sorted(order[i] for i in item.answer_ids)


def test_empty_input() -> None:
    assert propose_items([]) == []


WORDS = [
    "gelijkwaardige",
    "partners",
    "vertrouwen",
    "de",
    "wijk",
    "groene",
    "wijken",
    "samenwerking",
    "open",
    "dag",
    "afspraken",
    "afpraken",
    "🙂",
    "!",
    "Veilige",
    "buurt",
    "is",
    "",
]


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join), max_size=25),
    seed=st.integers(0, 2**16),
)
def test_property_partition_and_permutation(texts: list[str], seed: int) -> None:
    inputs = [MergeInput(i, t, f"g{i % 4}") for i, t in enumerate(texts)]
    items = propose_items(inputs)
    ids = [i for item in items for i in item.answer_ids]
    assert sorted(ids) == list(range(len(texts)))  # every answer exactly once
    assert all(
        item.reason in REASONS or (item.reason == "" and len(item.answer_ids) == 1)
        for item in items
    )
    shuffled = inputs[:]
    random.Random(seed).shuffle(shuffled)
    assert _partition(propose_items(shuffled)) == _partition(items)
