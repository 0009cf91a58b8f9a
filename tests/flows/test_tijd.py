"""Keeping time with a fake clock."""

from datetime import UTC, date, datetime, timedelta

import pytest

from flows.fase import Fase
from flows.kaart import Kolom
from flows.subgroep import Status, SubgroepStand
from flows.tijd import Melding, due, is_behind, minutes_for, workshop_day

START = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def test_the_method_gives_each_step_its_time_and_the_facilitator_may_change_it():
    assert [minutes_for(f) for f in Fase] == [15, 45, 30, 60, 45, None]
    assert minutes_for(Fase.KOLOMMEN, {"kolommen": 75}) == 75


@pytest.mark.parametrize(
    ("minute", "expected"),
    [(0, None), (29.9, None), (30, Melding.HALF), (54.9, Melding.HALF),
     (55, Melding.LAATSTE), (59, Melding.LAATSTE), (60, Melding.OM), (90, Melding.OM)],
)  # fmt: skip
def test_stap_4_hears_at_half_time_five_minutes_before_and_at_the_end(minute, expected):
    found = due(Fase.KOLOMMEN, START, 60, at(minute), [], workshop_id=1)
    assert [n.melding for n in found] == ([expected] if expected else [])


def test_a_heads_up_comes_once_even_when_asked_every_minute():
    sent: list[str] = []
    heard = []
    for minute in range(70):
        for notice in due(Fase.KOLOMMEN, START, 60, at(minute), sent, workshop_id=1):
            sent.append(notice.key)
            heard.append((minute, notice.melding))
    assert heard == [(30, Melding.HALF), (55, Melding.LAATSTE), (60, Melding.OM)]


def test_after_a_restart_only_the_latest_heads_up_is_sent():
    # The bot was down from minute 20 to 57: the half-time notice is skipped.
    found = due(Fase.KOLOMMEN, START, 60, at(57), [], workshop_id=1)
    assert [n.melding for n in found] == [Melding.LAATSTE]
    assert found[0].minuten_over == 3


def test_a_new_step_start_has_its_own_notices():
    first = due(Fase.KOLOMMEN, START, 60, at(30), [], workshop_id=1)
    again = due(Fase.KOLOMMEN, at(100), 60, at(130), [first[0].key], workshop_id=1)
    assert [n.melding for n in again] == [Melding.HALF]


def test_stap_6_has_no_clock():
    assert due(Fase.AFGEROND, START, minutes_for(Fase.AFGEROND), at(500), [], workshop_id=1) == []


@pytest.mark.parametrize(
    ("fraction", "kolom", "behind"),
    [(0.1, 2, False), (0.5, 2, True), (0.5, 3, False), (0.8, 3, True), (0.95, 4, True),
     (0.95, 5, False)],
)  # fmt: skip
def test_a_subgroup_more_than_a_column_behind_the_pace_of_stap_4_is_behind(fraction, kolom, behind):
    stand = SubgroepStand(Status.BEANTWOORDT, Kolom(kolom))
    assert is_behind(Fase.KOLOMMEN, stand, fraction) is behind


def test_a_waiting_subgroup_is_never_behind():
    assert not is_behind(Fase.KOLOMMEN, SubgroepStand(Status.WACHT, Kolom.ACTIES), 0.99)


@pytest.mark.parametrize(
    ("created_at", "phase_changes", "day"),
    [
        # Made a week before, held on the day the subgroups began.
        ("2026-11-22T10:00:00.000+00:00", ["2026-11-29T09:15:00.000+00:00"], date(2026, 11, 29)),
        # Never begun: the day it was made.
        ("2026-11-22T10:00:00.000+00:00", [], date(2026, 11, 22)),
        # Half past midnight in Amsterdam is still the previous day in UTC.
        ("2026-06-30T22:30:00.000+00:00", [], date(2026, 7, 1)),
        ("2026-12-31T23:30:00.000+00:00", [], date(2027, 1, 1)),
    ],
)
def test_the_workshop_day_is_the_day_the_room_met_in_dutch_time(created_at, phase_changes, day):
    assert workshop_day(created_at, phase_changes) == day
