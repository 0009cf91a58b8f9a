"""Bot API: webhooks. With a webhook set, the sandbox delivers updates by HTTP POST as
Telegram does, instead of answering getUpdates.

What Telegram documents, and the sandbox does:

* ``setWebhook(url, secret_token, max_connections, allowed_updates, drop_pending_updates)``:
  every update is POSTed as JSON to ``url``, with the header
  ``X-Telegram-Bot-Api-Secret-Token`` when a secret was given (1-256 characters of
  ``A-Z a-z 0-9 _ -``). ``max_connections`` (1-100, default 40) caps the requests in flight.
* An answer other than 2xx (or no answer) is tried again later; Telegram gives up "after
  a reasonable number of attempts". The sandbox waits ``webhook_backoff`` seconds after the
  first failure, twice as long after each next one (at most ``webhook_backoff_max``), and
  drops the update after ``webhook_max_attempts`` tries. ``getWebhookInfo`` reports the
  last error.
* Updates of one chat arrive in order (the next one waits until the one before was
  answered with 2xx); different chats concurrently.
* ``getUpdates`` answers 409 Conflict while a webhook is set; ``deleteWebhook`` (or
  ``setWebhook`` with an empty url) switches back to getUpdates.

Telegram accepts only https on ports 443, 80, 88 and 8443; the sandbox also takes
``http://`` on a loopback address (127.0.0.1, localhost, [::1]) on any port, for tests.

For tests: ``webhook_deliveries`` records every attempt (update id, HTTP status or None,
whether its answer was lost), and ``lose_webhook_replies(n)`` makes the next ``n``
successful deliveries count as failed, as when the connection breaks after the bot
handled the update but before its answer reached Telegram: Telegram sends it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

import aiohttp

from .core import SandboxCore
from .models import ApiError
from .validation import as_bool, bad

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_PORTS = (443, 80, 88, 8443)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)


class WebhookDelivery(NamedTuple):
    update_id: int
    status: int | None  # None: no answer (connection refused, dropped, timed out)
    lost: bool = False  # answered 2xx, but the sandbox played the answer as lost


@dataclass(eq=False)
class _Hook:
    url: str
    secret: str | None
    max_connections: int
    in_flight: dict[int, asyncio.Task[None]] = field(default_factory=dict)
    attempts: dict[int, int] = field(default_factory=dict)
    not_before: dict[int, float] = field(default_factory=dict)


def _chat_of(update: dict) -> object:
    """What keeps a chat's updates in order (a button press: its message's chat)."""
    for kind, body in update.items():
        if kind == "update_id" or not isinstance(body, dict):
            continue
        if isinstance(body.get("chat"), dict):
            return body["chat"].get("id")
        message = body.get("message")
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            return message["chat"].get("id")
        sender = body.get("from")
        if isinstance(sender, dict):
            return ("user", sender.get("id"))
    return ("update", update.get("update_id"))


class WebhookMixin(SandboxCore):
    """setWebhook, deleteWebhook, getWebhookInfo, and the delivery of updates by POST."""

    webhook_deliveries: list[WebhookDelivery]
    webhook_backoff: float
    webhook_backoff_max: float
    webhook_max_attempts: int
    webhook_timeout: float
    _hook: _Hook | None
    _delivery: asyncio.Task[None] | None
    _webhook_session: aiohttp.ClientSession | None
    _replies_to_lose: int
    _webhook_error: tuple[int, str] | None

    def _init_webhook(self) -> None:
        self.webhook_deliveries = []
        self.webhook_backoff = 0.05
        self.webhook_backoff_max = 1.0
        self.webhook_max_attempts = 12
        self.webhook_timeout = 30.0
        self._hook = None
        self._delivery = None
        self._webhook_session = None
        self._replies_to_lose = 0
        self._webhook_error = None

    # -- the driver's side ------------------------------------------------------------------

    @property
    def webhook_url(self) -> str:
        """The webhook that is set ('' when the bot uses getUpdates)."""
        return self._hook.url if self._hook is not None else ""

    def lose_webhook_replies(self, n: int = 1) -> None:
        """The next ``n`` 2xx answers count as lost: the update is delivered again."""
        self._replies_to_lose += n

    def webhook_statuses(self, update_id: int) -> list[int | None]:
        """The HTTP status of each delivery of this update, in order."""
        return [d.status for d in self.webhook_deliveries if d.update_id == update_id]

    # -- the Bot API methods ------------------------------------------------------------------

    def _webhook_conflict(self) -> None:
        """getUpdates with a webhook set: 409, as at Telegram."""
        if self._hook is not None:
            raise ApiError(WEBHOOK_CONFLICT, 409)

    def _api_setWebhook(self, p: dict, files: dict) -> bool:
        url = str(p.get("url") or "").strip()
        if not url:
            return self._api_deleteWebhook(p, files)
        self._check_webhook_url(url)
        secret = p.get("secret_token")
        if secret is not None:
            secret = str(secret)
            if not _SECRET.fullmatch(secret):
                raise bad("secret token contains unallowed characters")
        try:
            max_connections = int(p.get("max_connections") or 40)
        except (TypeError, ValueError):
            raise bad("max_connections must be an integer") from None
        if not 1 <= max_connections <= 100:
            raise bad("max_connections must be between 1 and 100")
        if p.get("allowed_updates") is not None:
            self._allow(p["allowed_updates"])  # type: ignore[attr-defined]
        if as_bool(p.get("drop_pending_updates", False)):
            self._pending.clear()
        self._stop_delivery()
        self._hook = _Hook(url, secret, max_connections)
        self._webhook_error = None
        self._wake_pollers()  # a long poll in progress ends (with 409 at its next call)
        self._delivery = asyncio.get_running_loop().create_task(self._deliver(self._hook))
        return True

    def _api_deleteWebhook(self, p: dict, files: dict) -> bool:
        self._stop_delivery()
        self._hook = None
        if as_bool(p.get("drop_pending_updates", False)):
            self._pending.clear()
        return True

    def _api_getWebhookInfo(self, p: dict, files: dict) -> dict:
        info: dict = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._hook is not None:
            info["max_connections"] = self._hook.max_connections
            if self._allowed_updates is not None:
                info["allowed_updates"] = sorted(self._allowed_updates)
        if self._webhook_error is not None:
            info["last_error_date"], info["last_error_message"] = self._webhook_error
        return info

    @staticmethod
    def _check_webhook_url(url: str) -> None:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise bad("bad webhook: invalid URL") from None
        host = parts.hostname or ""
        if parts.scheme == "http" and host in _LOOPBACK:
            return
        if parts.scheme != "https" or not host:
            raise bad("bad webhook: An HTTPS URL must be provided for webhook")
        if port is not None and port not in _PORTS:
            raise bad("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")

    # -- delivery -----------------------------------------------------------------------------

    def _stop_delivery(self) -> None:
        if self._delivery is not None:
            self._delivery.cancel()
            self._delivery = None
        if self._hook is not None:
            for task in self._hook.in_flight.values():
                task.cancel()

    async def _close_webhook(self) -> None:
        """The sandbox stops: no more deliveries."""
        delivery, hook = self._delivery, self._hook
        self._stop_delivery()
        tasks = [delivery] if delivery is not None else []
        if hook is not None:
            tasks += list(hook.in_flight.values())
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._webhook_session is not None:
            await self._webhook_session.close()
            self._webhook_session = None

    async def _deliver(self, hook: _Hook) -> None:
        """Send what is pending, each chat's updates in order, at most max_connections at
        a time; sleep until an update comes, a request ends or a retry is due."""
        while self._hook is hook and not self._stopping:
            event = self._update_event
            now = time.monotonic()
            next_try: float | None = None
            waiting: set[object] = set()  # chats with an earlier update still undelivered
            for update in list(self._pending):
                update_id, chat = update["update_id"], _chat_of(update)
                if chat in waiting:
                    continue
                waiting.add(chat)
                if update_id in hook.in_flight:
                    continue
                due = hook.not_before.get(update_id, 0.0)
                if due > now:
                    next_try = due if next_try is None else min(next_try, due)
                    continue
                if len(hook.in_flight) >= hook.max_connections:
                    break
                hook.in_flight[update_id] = asyncio.get_running_loop().create_task(
                    self._post(hook, update)
                )
            timeout = None if next_try is None else max(0.0, next_try - time.monotonic())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), timeout)

    async def _post(self, hook: _Hook, update: dict) -> None:
        update_id = update["update_id"]
        status: int | None = None
        error = ""
        try:
            if self._webhook_session is None:
                self._webhook_session = aiohttp.ClientSession()
            headers = {SECRET_HEADER: hook.secret} if hook.secret else {}
            async with self._webhook_session.post(
                hook.url, json=update, headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
            ) as response:  # fmt: skip
                status = response.status
                await response.read()
                error = f"Wrong response from the webhook: {status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            error = f"Connection failed: {type(exc).__name__}"
        finally:
            hook.in_flight.pop(update_id, None)
        ok = status is not None and 200 <= status < 300
        lost = ok and self._replies_to_lose > 0
        if lost:
            self._replies_to_lose -= 1
            error = "Connection lost before the answer"
        self.webhook_deliveries.append(WebhookDelivery(update_id, status, lost))
        if ok and not lost:
            hook.attempts.pop(update_id, None)
            hook.not_before.pop(update_id, None)
            self._pending = [u for u in self._pending if u["update_id"] != update_id]
        else:
            self._webhook_error = (self._now(), error)
            tries = hook.attempts[update_id] = hook.attempts.get(update_id, 0) + 1
            if tries >= self.webhook_max_attempts:  # Telegram gives up on it
                self._pending = [u for u in self._pending if u["update_id"] != update_id]
            else:
                delay = min(self.webhook_backoff * 2 ** (tries - 1), self.webhook_backoff_max)
                hook.not_before[update_id] = time.monotonic() + delay
        self._last_activity = time.monotonic()
        self._wake_pollers()
