"""One bot per database: a second `partnerschapkaart run` on the same file stops at once.

Two bots polling with one token fight over Telegram's updates (409 Conflict) and both
write the same workshops. So the bot that runs holds a lease in the database (a row
with its computer, process id and start) and renews its heartbeat every few seconds. A
bot that starts takes the lease only when nobody holds it or the holder is gone: its
heartbeat is old, or it ran on this computer and its process no longer exists (killed,
crashed). That is decided before anything touches the network.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage import Store
from storage.models import Lease

log = logging.getLogger(__name__)

HEARTBEAT = timedelta(seconds=10)  # how often the running bot says it still runs
STALE = timedelta(seconds=60)  # a heartbeat this old: that bot is gone


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def process_exists(pid: int) -> bool:
    """Whether a process with this id runs on this computer (a zombie does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    try:  # killed but not yet reaped by its parent: gone all the same
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def holder_gone(
    holder: Lease,
    me: Lease,
    now: datetime,
    exists: Callable[[int], bool] = process_exists,
) -> bool:
    """Whether the bot that holds the lease has stopped, so ``me`` may take over."""
    if now - datetime.fromisoformat(holder.heartbeat) > STALE:
        return True
    if holder.host != me.host:
        return False  # another computer: only its heartbeat can tell
    # On this computer: its process is gone, or it had the id this process has now (a
    # container that restarted gives the bot the same id again).
    return holder.pid == me.pid or not exists(holder.pid)


def this_process(now: datetime) -> Lease:
    """The lease this process asks for."""
    return Lease(host=socket.gethostname(), pid=os.getpid(), since=_stamp(now),
                 heartbeat=_stamp(now))  # fmt: skip


async def claim(
    store: Store,
    me: Lease,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    exists: Callable[[int], bool] = process_exists,
) -> Lease | None:
    """Take the lease for ``me``; the running bot that holds it instead, or None."""
    for _ in range(3):  # another bot may start at the very same moment
        holder = await store.read_lease()
        if holder is None:
            if await store.take_lease(me, None):
                return None
            continue
        if not holder_gone(holder, me, clock(), exists):
            return holder
        if await store.take_lease(me, holder):
            log.info("took over the database from a bot that is gone (pid %d)", holder.pid)
            return None
    return await store.read_lease()


class KeptLease:
    """Renews the lease while the bot runs; ``lost`` is set if another bot took it."""

    def __init__(
        self,
        store: Store,
        lease: Lease,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        every: timedelta = HEARTBEAT,
    ) -> None:
        self.store = store
        self.lease = lease
        self.clock = clock
        self.every = every
        self.lost = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._renew())

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(self.every.total_seconds())
            try:
                still = await self.store.renew_lease(self.lease, _stamp(self.clock()))
            except Exception as exc:  # a busy or locked file: try again next time
                log.warning("renewing the lease failed: %s", exc)
                continue
            if not still:
                log.error("another bot took over this database: stopping")
                self.lost.set()
                return

    async def stop(self) -> None:
        """Stop renewing and give the lease up (unless it was lost)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if not self.lost.is_set():
            await self.store.release_lease(self.lease)
