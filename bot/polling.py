"""Long polling that confirms an update to Telegram only after it was handled.

python-telegram-bot's Updater confirms a batch of updates (by the next getUpdates offset)
as soon as it has fetched them, before the handlers ran. A bot killed in between loses
those updates: Telegram will not send them again. This poller asks for the next batch
only when every update of the previous one went through the handlers, so after a crash
Telegram redelivers whatever was not finished, and storage (keyed by chat and message
id) makes handling it twice harmless: at least once, stored exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
# Waits after a failed getUpdates: short first, then longer, never more than half a minute.
BACKOFF = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)


class DurablePoller:
    """Fetch updates, hand each to the application, and only then move the offset on."""

    def __init__(self, app: Application, poll_timeout: int) -> None:
        self.app = app
        self.poll_timeout = poll_timeout
        self.offset: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self.first_poll = asyncio.Event()  # set when the first getUpdates was sent

    async def start(self) -> None:
        """Delete any webhook (polling and webhooks exclude each other) and start polling."""
        await self.app.bot.delete_webhook(drop_pending_updates=False)
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop after the update being handled; what was not handled will come again."""
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            self.first_poll.set()
            try:
                updates = await self.app.bot.get_updates(
                    offset=self.offset, timeout=self.poll_timeout,
                    allowed_updates=ALLOWED_UPDATES,
                )  # fmt: skip
            except RetryAfter as exc:
                await asyncio.sleep(exc.retry_after.total_seconds())  # type: ignore[union-attr]
                continue
            except (TimedOut, NetworkError, Conflict) as exc:
                if isinstance(exc, InvalidToken):
                    raise
                delay = BACKOFF[min(failures, len(BACKOFF) - 1)]
                failures += 1
                log.warning("getUpdates failed (%s); trying again in %.1f s", exc, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            for update in updates:
                # Handlers log their own errors (the application's error handler); an
                # update that fails is not retried forever, so the offset moves on.
                await self.app.process_update(update)
                self.offset = update.update_id + 1
