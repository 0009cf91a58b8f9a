"""Who decides that a column is done, and when it closes (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flows.groepsklaar import Besluit, Vraag, bij_antwoord, bij_klaar, deadline, verlopen

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
ANNA, BRAM = 1, 2
OPEN = Vraag(vrager=ANNA, deadline=deadline(NOW))


def test_a_group_of_one_closes_at_once_a_bigger_group_is_asked():
    assert bij_klaar(None, ANNA, frozenset({ANNA})) is Besluit.SLUIT
    assert bij_klaar(None, ANNA, frozenset()) is Besluit.SLUIT  # not known yet: alone
    assert bij_klaar(None, ANNA, frozenset({ANNA, BRAM})) is Besluit.VRAAG
    assert bij_klaar(None, BRAM, frozenset({ANNA})) is Besluit.VRAAG  # she counts too


def test_people_in_the_chat_who_never_typed_count_too():
    assert bij_klaar(None, ANNA, frozenset({ANNA}), in_chat=3) is Besluit.VRAAG
    assert bij_klaar(None, ANNA, frozenset({ANNA}), in_chat=1) is Besluit.SLUIT
    # Telegram's count is never less than who the bot knows is there.
    assert bij_klaar(None, ANNA, frozenset({ANNA, BRAM}), in_chat=1) is Besluit.VRAAG
    assert bij_klaar(None, 9, frozenset({ANNA}), facilitator=True, in_chat=5) is Besluit.SLUIT


def test_a_second_klaar_is_a_yes_from_another_member_and_nothing_from_the_same():
    assert bij_klaar(OPEN, BRAM, frozenset({ANNA, BRAM})) is Besluit.SLUIT
    assert bij_klaar(OPEN, ANNA, frozenset({ANNA, BRAM})) is Besluit.AL_GEVRAAGD


def test_the_facilitator_closes_at_once():
    assert bij_klaar(None, 9, frozenset({ANNA, BRAM}), facilitator=True) is Besluit.SLUIT
    assert bij_klaar(OPEN, ANNA, frozenset({ANNA, BRAM}), facilitator=True) is Besluit.SLUIT


def test_a_no_from_anyone_goes_on_a_yes_from_another_closes():
    assert bij_antwoord(OPEN, BRAM, True) is Besluit.SLUIT
    assert bij_antwoord(OPEN, ANNA, True) is Besluit.AL_GEVRAAGD
    assert bij_antwoord(OPEN, ANNA, False) is Besluit.GAAT_DOOR
    assert bij_antwoord(OPEN, BRAM, False) is Besluit.GAAT_DOOR


def test_it_closes_a_minute_after_it_was_asked():
    assert not verlopen(OPEN, NOW + timedelta(seconds=59))
    assert verlopen(OPEN, NOW + timedelta(seconds=60))
