"""The lease that keeps one bot per database: taken when free, kept while renewed, taken
over only from a bot that is gone."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.lease import STALE, KeptLease, claim, holder_gone
from storage.models import Lease

T0 = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def lease(host="laptop", pid=100, at=T0) -> Lease:
    stamp = at.isoformat(timespec="seconds")
    return Lease(host=host, pid=pid, since=stamp, heartbeat=stamp)


async def test_the_first_takes_it_and_a_second_finds_the_first(storage):
    first, second = lease(pid=100), lease(pid=200)
    assert await claim(storage, first, lambda: T0, exists=lambda pid: True) is None
    assert await claim(storage, second, lambda: T0, exists=lambda pid: True) == first
    assert await storage.read_lease() == first


async def test_a_bot_whose_process_is_gone_is_taken_over_on_the_same_computer(storage):
    first, second = lease(pid=100), lease(pid=200)
    await claim(storage, first, lambda: T0)
    assert await claim(storage, second, lambda: T0, exists=lambda pid: pid != 100) is None
    assert await storage.read_lease() == second
    # The first, had it only been slow, learns at its next heartbeat that it lost it.
    assert not await storage.renew_lease(first, T0.isoformat())
    assert await storage.renew_lease(second, T0.isoformat())


async def test_on_another_computer_only_an_old_heartbeat_means_gone(storage):
    there, here = lease(host="server"), lease(host="laptop", pid=200)
    await claim(storage, there, lambda: T0)
    later = T0 + STALE
    assert await claim(storage, here, lambda: later, exists=lambda pid: False) == there
    await storage.renew_lease(there, later.isoformat(timespec="seconds"))
    much_later = later + STALE + timedelta(seconds=1)
    assert await claim(storage, here, lambda: much_later) is None
    assert await storage.read_lease() == here


async def test_a_holder_that_renews_meanwhile_keeps_it(storage):
    old, me = lease(pid=100), lease(pid=200)
    await storage.take_lease(old, None)
    await storage.renew_lease(old, (T0 + timedelta(seconds=10)).isoformat(timespec="seconds"))
    assert not await storage.take_lease(me, old)  # it renewed: not gone after all
    assert (await storage.read_lease()).pid == 100


async def test_released_it_is_free_again(storage):
    first = lease()
    await claim(storage, first, lambda: T0)
    await storage.release_lease(lease(pid=999))  # not the holder: nothing happens
    assert await storage.read_lease() == first
    await storage.release_lease(first)
    assert await storage.read_lease() is None


@pytest.mark.parametrize(
    ("holder", "seconds_later", "alive", "gone"),
    [
        (lease(host="laptop", pid=100), 5, True, False),
        (lease(host="laptop", pid=100), 5, False, True),
        (lease(host="laptop", pid=4242), 5, True, True),  # this very id: a restarted container
        (lease(host="server", pid=100), 5, False, False),
        (lease(host="server", pid=100), int(STALE.total_seconds()) + 1, True, True),
    ],
)
def test_when_the_holder_is_gone(holder, seconds_later, alive, gone):
    me = lease(host="laptop", pid=4242)
    now = T0 + timedelta(seconds=seconds_later)
    assert holder_gone(holder, me, now, exists=lambda pid: alive) is gone


async def test_a_bot_that_lost_its_lease_notices_and_leaves_the_new_holder_alone(storage):
    mine, theirs = lease(pid=100), lease(pid=200)
    await claim(storage, mine, lambda: T0)
    kept = KeptLease(storage, mine, lambda: T0, every=timedelta(milliseconds=10))
    kept.start()
    await asyncio.sleep(0.05)
    assert not kept.lost.is_set()  # renewing as it should
    assert await storage.take_lease(theirs, await storage.read_lease())
    await asyncio.wait_for(kept.lost.wait(), timeout=5)
    await kept.stop()
    assert await storage.read_lease() == theirs
