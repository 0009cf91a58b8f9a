"""Webhook mode: Telegram POSTs each update to the live board's web server (one port), and
the bot answers only once the update was handled.

The same guarantee as the durable long polling (bot/polling.py): an update counts as
received only when what it changed is committed (its unit of work, which also stores the
update's key and the messages still to send). Until then Telegram hears nothing or an
error, and delivers it again; the unit of work makes a second delivery change nothing.

What the inbox kept from an earlier run in polling mode is handled first. Stopping does
not delete the webhook: Telegram keeps the updates that come meanwhile (up to 24 hours)
and delivers them when the bot is back.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.metrics import Metrics
from bot.polling import ALLOWED_UPDATES, DurablePoller
from storage import Store

log = logging.getLogger(__name__)

DEFAULT_MAX_CONNECTIONS = 40
# How often the bot asks Telegram about its webhook (getWebhookInfo), for /healthz.
WATCH_SECONDS = 30.0
# An update whose handling failed this often is let go (answered 200), so one that always
# fails does not come back for a day; the log says so.
MAX_ATTEMPTS = 5


def derive_secret(token: str) -> str:
    """The webhook's secret when none is set: an HMAC of the bot token (64 hex digits,
    characters Telegram allows), the same at every start, unknown without the token."""
    return hmac.new(b"partnerschapkaart-webhook", token.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret: str
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    watch_seconds: float = WATCH_SECONDS  # how often to ask getWebhookInfo (for /healthz)

    @property
    def path(self) -> str:
        """Where on the web server the updates arrive: the URL's path."""
        return urlsplit(self.url).path or "/"


class WebhookRefused(Exception):
    """Telegram refused the webhook (its address, its port, its secret)."""


# The failures of the update being handled in this task (the error handler notes them).
_failures: ContextVar[list[BaseException] | None] = ContextVar("webhook_failures", default=None)


def note_failure(error: BaseException | None) -> None:
    """The application's error handler saw a handler fail: the update was not handled."""
    failures = _failures.get()
    if failures is not None and error is not None:
        failures.append(error)


class WebhookReceiver(DurablePoller):
    """Receives updates from the web server's webhook route instead of polling.

    Shares the poller's bookkeeping (updates in hand, the inbox of a polling run before,
    the figures /healthz reports); ``poll_timeout`` is how often it asks Telegram about
    the webhook, so /healthz allows for the same silence.
    """

    def __init__(
        self,
        app: Application,
        config: WebhookConfig,
        inbox: Callable[[], Store],
        metrics: Metrics | None = None,
    ) -> None:
        super().__init__(app, max(1, round(config.watch_seconds)), inbox, metrics=metrics)
        self.config = config
        self.watch_seconds = config.watch_seconds
        self.ready = False
        self._failed: dict[int, int] = {}  # update id → failed attempts in this run
        self.received = 0  # updates that came in (for the benchmark)

    async def start(self) -> None:
        """Handle what the inbox kept, then tell Telegram where to deliver."""
        for body in await self.inbox().kept_updates():
            update = Update.de_json(json.loads(body), self.app.bot)
            if update is not None:
                self._start(update)
        try:
            await self.app.bot.set_webhook(
                url=self.config.url,
                secret_token=self.config.secret,
                allowed_updates=ALLOWED_UPDATES,
                max_connections=self.config.max_connections,
                drop_pending_updates=False,
            )
        except BadRequest as exc:
            raise WebhookRefused(exc.message) from exc
        self.api_answered = datetime.now(UTC)
        self.ready = True
        self.first_poll.set()
        self._task = asyncio.get_running_loop().create_task(self._watch())
        log.info("webhook set; updates arrive on %s", self.config.path)

    async def stop(self) -> None:
        """Take no more updates; let those in hand finish (their answers go out)."""
        self.ready = False
        await super().stop()

    async def _watch(self) -> None:
        """Ask Telegram now and then how the webhook does (for /healthz)."""
        while not self._stopping.is_set():
            await asyncio.sleep(self.watch_seconds)
            try:
                info = await self.app.bot.get_webhook_info()
            except TelegramError as exc:
                self.api_error = str(exc) or type(exc).__name__
                continue
            self.api_answered = datetime.now(UTC)
            if info.url != self.config.url:
                self.api_error = "the webhook is set elsewhere (another bot on this token?)"
                log.error("the webhook no longer points here: %s", info.url or "(none)")
            else:
                self.api_error = None

    async def receive(self, data: object) -> bool:
        """Handle one update Telegram POSTed; True once it is handled (answer 2xx), False
        when it is to come again (answer an error)."""
        self.last_update = datetime.now(UTC)
        self.received += 1
        update = Update.de_json(data, self.app.bot) if isinstance(data, dict) else None
        if update is None:
            return True  # nothing we can read will read better next time
        failures: list[BaseException] = []
        token = _failures.set(failures)
        try:
            task = self._start_webhook(update)
        finally:
            _failures.reset(token)
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # e.g. the database could not be written
            failures.append(exc)
        if not failures:
            self._failed.pop(update.update_id, None)
            return True
        tries = self._failed[update.update_id] = self._failed.get(update.update_id, 0) + 1
        if tries >= MAX_ATTEMPTS:
            self._failed.pop(update.update_id, None)
            log.error("update %d failed %d times; it is let go", update.update_id, tries)
            return True
        log.warning("update %d failed (%s); Telegram will send it again",
                    update.update_id, type(failures[0]).__name__)  # fmt: skip
        return False

    def _start_webhook(self, update: Update) -> asyncio.Task[None]:
        self.metrics.update_received(update)
        task = asyncio.get_running_loop().create_task(
            self.app.update_processor.process_update(update, self._process(update))
        )
        self._in_hand.add(task)
        task.add_done_callback(self._in_hand.discard)
        return task

    async def _process(self, update: Update) -> None:
        arrived = time.perf_counter()
        try:
            await self.app.process_update(update)
        finally:
            self.metrics.handling.observe(time.perf_counter() - arrived)
