"""Driver side: reading what the bot did, the transcript, and waiting for the bot."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any

from .core import SandboxCore
from .models import ApiCall, SandboxChat, SandboxUser, SentDocument, SentMessage, TranscriptEvent

QUIET_WITH_BUSY_CHECK = 0.03
QUIET_WITHOUT = 0.3


class ObserverMixin(SandboxCore):
    """What the bot sent, the transcript and the waiting helpers."""

    def bot_messages(
        self,
        chat: SandboxChat | SandboxUser | int,
        thread_id: int | None = None,
        include_deleted: bool = False,
    ) -> list[SentMessage]:
        """Messages the bot sent in the chat, oldest first (live objects, updated on edits).
        thread_id=None: all threads; 0: only outside topics; N: only topic N."""
        chat = self._chat(chat)
        result = []
        for stored in self._messages.get(chat.id, {}).values():
            sent = stored.sent
            if sent is None:
                continue
            if sent.deleted and not include_deleted:
                continue
            if thread_id is not None and (sent.thread_id or 0) != thread_id:
                continue
            result.append(sent)
        result.sort(key=lambda s: s.message_id)
        return result

    def last_bot_message(
        self, chat: SandboxChat | SandboxUser | int, thread_id: int | None = None
    ) -> SentMessage | None:
        msgs = self.bot_messages(chat, thread_id)
        return msgs[-1] if msgs else None

    def message(self, chat: SandboxChat | SandboxUser | int, message_id: int) -> dict:
        """Any stored message (bot's or user's) as a Message dict, current state."""
        chat = self._chat(chat)
        stored = self._stored(chat.id, int(message_id))
        if stored is None:
            raise KeyError(f"no message {message_id} in {chat.label}")
        return stored.message

    def documents(self, chat: SandboxChat | SandboxUser | int) -> list[SentDocument]:
        return list(self._documents_list(self._chat(chat).id))

    def reactions(self, chat: SandboxChat | SandboxUser | int, message_id: int | dict) -> list[str]:
        return list(self._reactions.get((self._chat(chat).id, self._mid(message_id)), []))

    def pinned(self, chat: SandboxChat | SandboxUser | int) -> list[int]:
        return list(self._pinned.get(self._chat(chat).id, []))

    def commands(self, scope: dict | None = None, language_code: str = "") -> list[dict]:
        return self._api_getMyCommands({"scope": scope, "language_code": language_code}, {})

    def calls_named(self, method: str) -> list[ApiCall]:
        low = method.lower()
        return [c for c in self.calls if c.method.lower() == low]

    @property
    def pending_updates(self) -> list[dict]:
        """Updates not yet confirmed by a getUpdates offset."""
        return list(self._pending)

    def on_event(self, callback: Callable[[TranscriptEvent], Any]) -> Callable[[], None]:
        """Call ``callback(event)`` for every transcript event; returns an unsubscribe."""
        self._listeners.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(callback)

        return unsubscribe

    def transcript(self, chat: SandboxChat | int | None = None) -> str:
        """The conversation so far, one event per line, in order."""
        cid = self._chat(chat).id if chat is not None else None
        return "\n".join(e.format() for e in self.events if cid is None or e.chat_id == cid)

    async def wait_until(
        self,
        predicate: Callable[[], bool | Awaitable[bool]],
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        interval: float = 0.02,
        message: str | None = None,
    ) -> None:
        """Poll ``predicate`` (sync or async) until true, else AssertionError."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate()
            if inspect.isawaitable(result):
                result = await result
            if result:
                return
            if time.monotonic() >= deadline:
                what = message or getattr(predicate, "__name__", repr(predicate))
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what}\n"
                    f"last transcript lines:\n{self._tail()}"
                )
            await asyncio.sleep(interval)

    async def wait_idle(
        self,
        quiet: float | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until the bot has finished reacting.

        Idle means: every queued update was confirmed (a getUpdates with a higher offset,
        or fetched and followed by a further getUpdates call), no Bot API call except
        getUpdates is running, no bot in this process says it is busy (``busy_checks``:
        an update in hand, a message still to send), and nothing (API call, confirmation,
        driver action) has happened for ``quiet`` seconds. Raises AssertionError on
        timeout and when the sandbox itself failed on a call.
        """
        if quiet is None:
            # A bot that says when it is busy needs only a breath of quiet; one that does
            # not (another process) gets time to start reacting.
            quiet = QUIET_WITH_BUSY_CHECK if self.busy_checks else QUIET_WITHOUT
        deadline = time.monotonic() + timeout
        while True:
            if self.internal_errors:
                raise AssertionError(f"sandbox internal errors: {self.internal_errors}")
            unconfirmed = self._unconfirmed()
            now = time.monotonic()
            if any(busy() for busy in self.busy_checks):
                self._last_activity = now  # quiet counts from when the bot is done
            elif not unconfirmed and self._inflight == 0 and now - self._last_activity >= quiet:
                return
            if now >= deadline:
                if unconfirmed:
                    polls = len(self.calls_named("getUpdates"))
                    reason = (
                        f"{len(unconfirmed)} update(s) not confirmed "
                        f"({polls} getUpdates calls so far; is the bot polling?): "
                        f"{[next(k for k in u if k != 'update_id') for u in unconfirmed]}"
                    )
                else:
                    recent = [c.method for c in self.calls[-5:]]
                    reason = (
                        f"bot still busy ({self._inflight} calls in flight; last calls {recent})"
                    )
                raise AssertionError(
                    f"wait_idle timed out after {timeout}s: {reason}\n"
                    f"last transcript lines:\n{self._tail()}"
                )
            await asyncio.sleep(min(0.02, max(0.001, quiet / 5)))

    def _tail(self, n: int = 12) -> str:
        return "\n".join(e.format() for e in self.events[-n:]) or "(nothing happened)"
