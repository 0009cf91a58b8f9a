"""Long polling that never loses an update, and handles the updates of different chats
side by side, each chat's in order.

python-telegram-bot's Updater confirms a batch of updates (by the next getUpdates offset)
as soon as it has fetched them, before the handlers ran. A bot killed in between loses
those updates: Telegram will not send them again. This poller first writes each fetched
update to the inbox in SQLite, and only then moves the offset on; an update leaves the
inbox once it went through the handlers. After a crash the inbox is handled first, and
the unit of work (each update's id is stored with what it changed) makes handling one
twice harmless: at least once delivered, exactly once applied.

Because the inbox, not Telegram, holds what is still being handled, one chat's slow
update never keeps the next batch from being fetched.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
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

from bot.metrics import Metrics
from storage import Store

log = logging.getLogger(__name__)

# "chat_member" must be asked for by name: Telegram then tells a bot that is admin in a group
# who joins and leaves it (who left no longer counts in a subgroup).
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member", "chat_member"]
# Waits after a failed getUpdates: short first, then longer, never more than half a minute.
BACKOFF = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)


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
                try:
                    await asyncio.gather(*earlier)
                except BaseException:  # stopped while waiting: the update never ran
                    coroutine.close()
                    raise
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


def _body(update: Update) -> str:
    """The update as JSON to keep in the inbox. Telegram passes on broken characters (a
    lone surrogate in a name or a title) that SQLite cannot store as UTF-8: then they are
    escaped, and the body still reads back as the very same update."""
    body = json.dumps(update.to_dict(), ensure_ascii=False)
    try:
        body.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(update.to_dict())
    return body


class DurablePoller:
    """Fetch updates, keep them in the inbox, hand each to the update processor."""

    def __init__(
        self,
        app: Application,
        poll_timeout: int,
        inbox: Callable[[], Store],
        metrics: Metrics | None = None,
    ) -> None:
        self.app = app
        self.metrics = metrics or Metrics()
        self.poll_timeout = poll_timeout
        self.inbox = inbox  # the storage, once it is open
        self.offset: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self.first_poll = asyncio.Event()  # set when the first getUpdates was sent
        self.stopped = asyncio.Event()  # set when polling ended on its own (see ``error``)
        self.error: BaseException | None = None
        self._in_hand: set[asyncio.Task[None]] = set()
        self._done: list[int] = []  # handled, still in the inbox
        self._flush: asyncio.Task[None] | None = None
        # For /healthz: when the Bot API last answered, whether the last call failed,
        # and when the last update came in.
        self.api_answered: datetime | None = None
        self.api_error: str | None = None
        self.last_update: datetime | None = None

    async def start(self) -> None:
        """Handle what the inbox kept from before a restart, delete any webhook (polling
        and webhooks exclude each other) and start polling."""
        for body in await self.inbox().kept_updates():
            update = Update.de_json(json.loads(body), self.app.bot)
            if update is not None:
                self._start(update)
        await self.app.bot.delete_webhook(drop_pending_updates=False)
        self.api_answered = datetime.now(UTC)
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop polling; let the updates in hand finish, so what they decided is sent."""
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.settle()

    def busy(self) -> bool:
        """True while an update is being handled or leaving the inbox."""
        return bool(self._in_hand) or (self._flush is not None and not self._flush.done())

    async def settle(self) -> None:
        """Wait until every update in hand is handled and out of the inbox."""
        while self._in_hand or (self._flush is not None and not self._flush.done()):
            await asyncio.gather(*self._in_hand, *filter(None, [self._flush]),
                                 return_exceptions=True)  # fmt: skip

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
            self.first_poll.set()
            try:
                with self.metrics.calling("getUpdates"):
                    updates = await self.app.bot.get_updates(
                        offset=self.offset, timeout=self.poll_timeout,
                        allowed_updates=ALLOWED_UPDATES,
                    )  # fmt: skip
            except RetryAfter as exc:
                await asyncio.sleep(exc.retry_after.total_seconds())  # type: ignore[union-attr]
                continue
            except (InvalidToken, BadRequest):
                # InvalidToken: the token was revoked; BadRequest: our request is wrong.
                # Asking again the same way cannot help: stop with the reason.
                raise
            except (TimedOut, NetworkError, Conflict) as exc:
                self.api_error = str(exc) or type(exc).__name__
                delay = BACKOFF[min(failures, len(BACKOFF) - 1)]
                failures += 1
                log.warning("getUpdates failed (%s); trying again in %.1f s", exc, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            self.api_answered, self.api_error = datetime.now(UTC), None
            if not updates:
                continue
            self.last_update = self.api_answered
            # Written down first: the next getUpdates tells Telegram it may forget them.
            await self.inbox().keep_updates([(u.update_id, _body(u)) for u in updates])
            self.offset = updates[-1].update_id + 1
            for update in updates:
                self._start(update)

    def _start(self, update: Update) -> None:
        self.metrics.update_received(update)
        task = asyncio.get_running_loop().create_task(
            self.app.update_processor.process_update(
                update, self._handle(update, time.perf_counter())
            )
        )
        self._in_hand.add(task)
        task.add_done_callback(self._in_hand.discard)

    async def _handle(self, update: Update, arrived: float) -> None:
        cut_off = False
        try:
            # Handlers log their own errors (the application's error handler); an update
            # that fails is not handled again and again, so it leaves the inbox too.
            await self.app.process_update(update)
        except asyncio.CancelledError:
            # Cut off (the bot stops hard): not handled, so it stays in the inbox and is
            # handled at the next start; its unit of work makes a second time change nothing.
            cut_off = True
            raise
        finally:
            self.metrics.handling.observe(time.perf_counter() - arrived)
            if not cut_off:
                self._done.append(update.update_id)
                if self._flush is None or self._flush.done():
                    self._flush = asyncio.get_running_loop().create_task(self._forget_done())

    async def _forget_done(self) -> None:
        await asyncio.sleep(0)  # updates finishing together leave the inbox together
        while self._done:
            done, self._done = self._done, []
            await self.inbox().updates_done(*done)
