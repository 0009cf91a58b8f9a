"""Long polling that confirms an update to Telegram only after it was handled, and
handles the updates of different chats side by side, each chat's in order.

python-telegram-bot's Updater confirms a batch of updates (by the next getUpdates offset)
as soon as it has fetched them, before the handlers ran. A bot killed in between loses
those updates: Telegram will not send them again. This poller moves the offset only past
updates that went through the handlers, so after a crash Telegram redelivers whatever was
not finished, and the unit of work (each update's id is stored with what it changed)
makes handling it twice harmless: at least once delivered, exactly once applied.

Telegram's offset confirms everything below it, so while one chat's update is still being
handled, later updates are fetched without moving the offset past it: Telegram sends the
unfinished ones again with the new ones, and the poller skips those it already has.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.error import (
    BadRequest,
    Conflict,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, BaseUpdateProcessor

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
# Waits after a failed getUpdates: short first, then longer, never more than half a minute.
BACKOFF = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
# While updates are being handled, Telegram answers getUpdates at once (they are not yet
# confirmed); wait this long for one of them to finish before asking again.
BUSY_WAIT = 0.2


def chat_key(update: object) -> int:
    """What keeps updates in order: their chat (a button press: its message's chat)."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return 0


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    """Chats in parallel, each chat's updates one after another, in the order they came.

    A *barrier* (a facilitator's step, like /plenair) waits for every update that came
    before it, and every update after it waits for it: an answer sent before the plenary
    began still counts, one sent after it does not slip in before it.
    """

    def __init__(
        self,
        is_barrier: Callable[[object], bool] = lambda update: False,
        max_concurrent_updates: int = 256,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.is_barrier = is_barrier
        self._tails: dict[int, asyncio.Future[None]] = {}
        self._open: set[asyncio.Future[None]] = set()
        self._barrier: asyncio.Future[None] | None = None

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        key = chat_key(update)
        barrier = self.is_barrier(update)
        waits_for = {self._tails.get(key), self._barrier}
        if barrier:
            waits_for |= self._open
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        # Registered before the first await, so arrival order is kept.
        self._tails[key] = mine
        self._open.add(mine)
        if barrier:
            self._barrier = mine
        try:
            earlier = [asyncio.shield(f) for f in waits_for if f is not None and not f.done()]
            if earlier:
                await asyncio.gather(*earlier)
            await coroutine
        finally:
            mine.set_result(None)
            self._open.discard(mine)
            if self._tails.get(key) is mine:
                del self._tails[key]
            if self._barrier is mine:
                self._barrier = None

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down: the poller waits for updates in hand."""


class DurablePoller:
    """Fetch updates, hand each to the application, and confirm only what was handled."""

    def __init__(self, app: Application, poll_timeout: int) -> None:
        self.app = app
        self.poll_timeout = poll_timeout
        self.offset: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self.first_poll = asyncio.Event()  # set when the first getUpdates was sent
        self.stopped = asyncio.Event()  # set when polling ended on its own (see ``error``)
        self.error: BaseException | None = None
        self._in_hand: dict[int, asyncio.Task[None]] = {}  # update id → its handling
        self._handled: set[int] = set()  # handled, but an earlier one is still in hand

    async def start(self) -> None:
        """Delete any webhook (polling and webhooks exclude each other) and start polling."""
        await self.app.bot.delete_webhook(drop_pending_updates=False)
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop polling; what was not handled will come again."""
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._in_hand:  # let updates in hand finish, so their sends are decided
            await asyncio.gather(*self._in_hand.values(), return_exceptions=True)

    async def _run(self) -> None:
        try:
            await self._poll()
        except Exception as exc:  # the bot cannot go on without updates: say why, stop
            log.error("polling stopped: %s", exc)
            self.error = exc
        finally:
            self.stopped.set()

    async def _poll(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            self._advance_offset()
            self.first_poll.set()
            try:
                updates = await self.app.bot.get_updates(
                    offset=self.offset,
                    timeout=0 if self._in_hand else self.poll_timeout,
                    allowed_updates=ALLOWED_UPDATES,
                )
            except RetryAfter as exc:
                await asyncio.sleep(exc.retry_after.total_seconds())  # type: ignore[union-attr]
                continue
            except (InvalidToken, BadRequest):
                # InvalidToken: the token was revoked; BadRequest: our request is wrong.
                # Asking again the same way cannot help: stop with the reason.
                raise
            except (TimedOut, NetworkError, Conflict) as exc:
                delay = BACKOFF[min(failures, len(BACKOFF) - 1)]
                failures += 1
                log.warning("getUpdates failed (%s); trying again in %.1f s", exc, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            fresh = [
                u for u in updates if u.update_id not in self._in_hand
                and u.update_id not in self._handled
            ]  # fmt: skip
            for update in fresh:
                self._start(update)
            if self._in_hand and not fresh:
                await asyncio.wait(
                    self._in_hand.values(), timeout=BUSY_WAIT, return_when="FIRST_COMPLETED"
                )

    def _start(self, update: Update) -> None:
        processor = self.app.update_processor
        task = asyncio.get_running_loop().create_task(
            processor.process_update(update, self._handle(update))
        )
        self._in_hand[update.update_id] = task

    async def _handle(self, update: Update) -> None:
        try:
            # Handlers log their own errors (the application's error handler); an update
            # that fails is not retried forever, so the offset moves on.
            await self.app.process_update(update)
        finally:
            del self._in_hand[update.update_id]
            self._handled.add(update.update_id)

    def _advance_offset(self) -> None:
        """Confirm every update below the first one still in hand (all of them when none
        is): each update fetched was started at once, so those below it are handled."""
        if self._in_hand:
            first_open = min(self._in_hand)
            if self.offset is None or first_open > self.offset:
                self.offset = first_open
        elif self._handled:
            self.offset = max(self._handled) + 1
        self._handled = {i for i in self._handled if self.offset is None or i >= self.offset}
