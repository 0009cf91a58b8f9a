"""Sending what use cases decided: per lane, in order, lanes side by side.

A lane is one chat (or a subgroup without a chat, or a workshop's plenary list). Within
a lane the messages go in the order they were decided; lanes do not wait for each other,
so a chat that waits for Telegram's 20-a-minute group budget holds up only itself.
Handling updates never waits for sending: a use case's messages are in the outbox
(committed with its state change) before the first one is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Iterable

from bot.actions import Action, decode, repeatable
from bot.usecases.unit import Queued
from storage import Store

log = logging.getLogger(__name__)

# Rows of repeatable actions (reactions, edits) are deleted together, at most this long
# after they went out: one write for many, and a crash in between only repeats an edit.
FLUSH_SECONDS = 0.25


class OutboxSender:
    """Sends queued actions per lane and deletes each outbox row once it is out."""

    def __init__(self, storage: Store, perform: Callable[[Action], Awaitable[None]]) -> None:
        self.storage = storage
        self.perform = perform
        self._lanes: dict[str, deque[Queued]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._done: list[int] = []  # sent rows of repeatable actions, not yet deleted
        self._flush: asyncio.Task[None] | None = None
        self._flush_now = asyncio.Event()

    def submit(self, queued: Iterable[Queued]) -> None:
        """Hand actions to their lanes; returns at once."""
        for item in queued:
            self._lanes.setdefault(item.lane, deque()).append(item)
            worker = self._workers.get(item.lane)
            if worker is None or worker.done():
                self._workers[item.lane] = asyncio.get_running_loop().create_task(
                    self._work(item.lane), name=f"outbox {item.lane}"
                )

    async def resume(self) -> int:
        """At start-up: send what was decided but not sent when the bot last stopped."""
        rows = await self.storage.pending_outbox()
        self.submit(Queued(row.id, row.lane, decode(row.action)) for row in rows)
        if rows:
            log.info("sending %d message(s) left from before the restart", len(rows))
        return len(rows)

    def busy(self) -> bool:
        """True while something waits in a lane or a sent row waits to be deleted."""
        return any(not t.done() for t in self._workers.values()) or (
            self._flush is not None and not self._flush.done()
        )

    def backlog(self) -> int:
        """How many actions wait in the lanes."""
        return sum(len(q) for q in self._lanes.values())

    async def drain(self) -> None:
        """Wait until every lane is empty (at shut-down, in tests and benchmarks)."""
        while True:
            running = [t for t in self._workers.values() if not t.done()]
            if self._flush is not None and not self._flush.done():
                self._flush_now.set()  # no need to wait for more to delete together
                running.append(self._flush)
            if not running:
                return
            await asyncio.gather(*running, return_exceptions=True)

    async def close(self, grace: float = 5.0) -> None:
        """At shut-down: let the lanes finish for a moment, then stop them. What is not
        sent stays in the outbox and goes out at the next start (a chat that waits for
        Telegram's 20-a-minute budget must not hold up a restart)."""
        try:
            await asyncio.wait_for(self.drain(), grace)
        except TimeoutError:
            log.info("stopping with %d message(s) still to send; they go at the next start",
                     self.backlog())  # fmt: skip
            for worker in self._workers.values():
                worker.cancel()
            await asyncio.gather(*self._workers.values(), return_exceptions=True)
            if self._done:  # what did go out is not sent again
                await self.storage.outbox_sent(*self._done)
                self._done = []

    async def _work(self, lane: str) -> None:
        queue = self._lanes[lane]
        while queue:
            item = queue[0]
            try:
                await self.perform(item.action)
            except Exception:  # one failing message must not stop its lane
                log.exception("sending %s failed", type(item.action).__name__)
            if item.outbox_id is not None:
                if repeatable(item.action):
                    self._done.append(item.outbox_id)
                    if self._flush is None or self._flush.done():
                        self._flush = asyncio.get_running_loop().create_task(self._flush_done())
                else:  # a new message: written down at once, so it is never sent twice
                    await self.storage.outbox_sent(item.outbox_id)
            queue.popleft()
        del self._lanes[lane]

    async def _flush_done(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._flush_now.wait(), FLUSH_SECONDS)
        self._flush_now.clear()
        done, self._done = self._done, []
        await self.storage.outbox_sent(*done)
