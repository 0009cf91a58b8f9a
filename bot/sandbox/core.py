"""State helpers shared by the server side and the driver side: stored messages, the
transcript and the update queue."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from .models import (
    ApiCall,
    CallbackAnswer,
    SandboxChat,
    SandboxUser,
    SentDocument,
    SentMessage,
    StoredFile,
    StoredMessage,
    TranscriptEvent,
)

_log = logging.getLogger("bot.sandbox.server")

# The kinds of update Telegram sends only to a bot that names them in allowed_updates.
DEFAULT_LEFT_OUT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class SandboxCore:
    """The state every part of :class:`~bot.sandbox.server.Sandbox` shares, and the helpers
    they all use. The attributes are set in ``Sandbox.__init__``; the mixins of the other
    modules (``api_*``, ``driver_*``, ``observe``, ``validation``, ``ratelimit``) build on
    this class."""

    bot: SandboxUser
    users: dict[int, SandboxUser]
    chats: dict[int, SandboxChat]
    rate_limits: bool
    rate_global: tuple[int, float]
    rate_group: tuple[int, float]
    rate_chat: tuple[int, float]
    max_upload_bytes: int
    privacy_mode: bool
    bot_name_info: dict[str, str]

    _token: str
    _user_ids: Iterator[int]
    _group_ids: Iterator[int]
    _supergroup_ids: Iterator[int]
    _msg_counters: dict[int, Iterator[int]]
    _messages: dict[int, dict[int, StoredMessage]]
    _files: dict[str, StoredFile]
    _docs: dict[int, list[SentDocument]]
    _file_paths: dict[str, StoredFile]
    _reactions: dict[tuple[int, int], list[str]]
    _pinned: dict[int, list[int]]
    _commands: dict[tuple[str, str], list[dict]]
    _blocked: set[int]
    _queries: dict[str, dict]
    _query_ids: Iterator[int]

    # update queue / long polling
    _update_ids: Iterator[int]
    _pending: list[dict]
    _all_updates: dict[int, dict]
    _last_driver_update_id: int | None
    _fetched_in: dict[int, int]
    _poll_seq: int
    _update_event: asyncio.Event
    _waiter_seq: int
    _stopping: bool
    # The kinds of update the bot asked for (getUpdates' allowed_updates, remembered as
    # Telegram does); None: Telegram's default, every kind but DEFAULT_LEFT_OUT.
    _allowed_updates: frozenset[str] | None

    # observation
    calls: list[ApiCall]
    callback_answers: list[CallbackAnswer]
    rate_limited_count: int
    internal_errors: list[str]
    refused_calls: list[tuple[str, str]]
    events: list[TranscriptEvent]
    _listeners: list[Callable[[TranscriptEvent], Any]]
    _inflight: int
    busy_checks: list[Callable[[], bool]]
    _last_activity: float

    # ------------------------------------------------------------------ helpers

    def _now(self) -> int:
        return int(time.time())

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._msg_counters.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def _chat(self, chat: SandboxChat | SandboxUser | int) -> SandboxChat:
        if isinstance(chat, SandboxUser):
            return self.private_chat(chat)
        if isinstance(chat, SandboxChat):
            return chat
        try:
            return self.chats[int(chat)]
        except KeyError:
            raise KeyError(f"unknown chat {chat!r}") from None

    @staticmethod
    def _mid(message: int | SentMessage | dict) -> int:
        if isinstance(message, SentMessage):
            return message.message_id
        if isinstance(message, dict):
            return int(message["message_id"])
        return int(message)

    def _stored(self, chat_id: int, message_id: int) -> StoredMessage | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def _plain(self, stored: StoredMessage) -> dict:
        """The message as it appears nested in reply_to_message."""
        return {k: v for k, v in stored.message.items() if k != "reply_to_message"}

    def _emit(
        self,
        chat: SandboxChat,
        actor: str,
        kind: str,
        text: str,
        *,
        thread_id: int | None = None,
        message_id: int | None = None,
    ) -> None:
        event = TranscriptEvent(
            seq=len(self.events) + 1,
            time=time.monotonic(),
            chat_id=chat.id,
            chat_title=chat.label,
            thread_id=thread_id,
            topic=chat.topics.get(thread_id) if thread_id else None,
            actor=actor,
            kind=kind,
            text=text,
            message_id=message_id,
        )
        self.events.append(event)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a transcript printer must not break the sandbox
                _log.exception("transcript listener failed")

    def _bot_actor(self) -> str:
        return f"🤖 {self.bot.first_name}"

    def _store(self, chat: SandboxChat, message: dict, *, from_bot: bool) -> StoredMessage:
        stored = StoredMessage(message=message, from_bot=from_bot)
        self._messages.setdefault(chat.id, {})[message["message_id"]] = stored
        return stored

    def _new_message(
        self,
        chat: SandboxChat,
        sender: SandboxUser,
        *,
        thread_id: int | None = None,
        reply_to: int | None = None,
        message_id: int | None = None,
    ) -> dict:
        msg: dict[str, Any] = {
            "message_id": message_id if message_id is not None else self._next_message_id(chat.id),
            "from": sender.to_dict(),
            "chat": chat.to_dict(),
            "date": self._now(),
        }
        reply_target = reply_to
        if thread_id is not None:
            msg["message_thread_id"] = thread_id
            if chat.is_forum:
                msg["is_topic_message"] = True
                if reply_target is None:
                    reply_target = thread_id
        if reply_target is not None:
            target = self._stored(chat.id, reply_target)
            if target is not None:
                msg["reply_to_message"] = self._plain(target)
        return msg

    # ------------------------------------------------------------------ update queue

    def _wanted(self, kind: str) -> bool:
        """Whether the bot receives updates of this kind (Telegram drops the others)."""
        if self._allowed_updates is None:
            return kind not in DEFAULT_LEFT_OUT
        return kind in self._allowed_updates

    def _enqueue(self, kind: str, payload: dict, *, driver: bool = True) -> dict:
        update_id = next(self._update_ids)
        # a snapshot: later edits of the stored message must not change a queued update
        update = {"update_id": update_id, kind: json.loads(json.dumps(payload))}
        if self._wanted(kind):
            self._pending.append(update)
        self._all_updates[update_id] = update
        if driver:
            self._last_driver_update_id = update_id
        self._last_activity = time.monotonic()
        self._wake_pollers()
        return update

    def _wake_pollers(self) -> None:
        self._update_event.set()
        self._update_event = asyncio.Event()

    def _confirm(self, offset: int | None) -> None:
        if offset is None:
            return
        if offset < 0:
            keep = -offset
            if len(self._pending) > keep:
                self._pending = self._pending[-keep:]
            return
        before = len(self._pending)
        self._pending = [u for u in self._pending if u["update_id"] >= offset]
        if len(self._pending) != before:
            self._last_activity = time.monotonic()

    def _unconfirmed(self) -> list[dict]:
        return [
            u
            for u in self._pending
            if self._fetched_in.get(u["update_id"], self._poll_seq + 1) >= self._poll_seq
        ]
