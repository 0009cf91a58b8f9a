"""Guessing join codes is slowed down per chat."""

from datetime import UTC, datetime, timedelta

from flows.codes import FREE_TRIES, LONGEST_WAIT, CodeGuard

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


def test_a_few_wrong_codes_are_free_then_the_wait_doubles():
    guard = CodeGuard()
    for _ in range(FREE_TRIES):
        assert guard.wait_left(1, NOW) is None
        guard.failed(1, NOW)
    assert guard.wait_left(1, NOW) is None
    guard.failed(1, NOW)
    assert guard.wait_left(1, NOW) == timedelta(seconds=30)
    guard.failed(1, NOW)
    assert guard.wait_left(1, NOW) == timedelta(seconds=60)
    assert guard.wait_left(1, NOW + timedelta(seconds=61)) is None


def test_the_wait_has_a_ceiling_and_other_chats_are_not_affected():
    guard = CodeGuard()
    for _ in range(40):
        guard.failed(1, NOW)
    assert guard.wait_left(1, NOW) == LONGEST_WAIT
    assert guard.wait_left(2, NOW) is None


def test_a_right_code_starts_afresh():
    guard = CodeGuard()
    for _ in range(FREE_TRIES + 3):
        guard.failed(1, NOW)
    guard.succeeded(1)
    assert guard.wait_left(1, NOW) is None
