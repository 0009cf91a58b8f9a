"""A local stand-in of the Telegram Bot API over real HTTP on 127.0.0.1.

The real python-telegram-bot ``Application`` talks to it like to api.telegram.org::

    async with Sandbox() as sandbox:
        app = (ApplicationBuilder().token(sandbox.token).base_url(sandbox.base_url)
               .base_file_url(sandbox.base_file_url).build())
        ...  # start polling
        anna = sandbox.add_user("Anna")
        group = sandbox.add_group("Workshop", forum=True, supergroup=True, bot_is_admin=True)
        await sandbox.send_message(group, anna, "/start@partnerschapkaart_bot")
        await sandbox.wait_idle()
        assert "Welkom" in sandbox.last_bot_message(group).text

Two sides share one object and one event loop:

* the *server side* (``_api_*`` methods) answers the Bot API methods the bot calls, with
  Telegram's JSON shapes, validation rules and error descriptions;
* the *driver side* (public methods) acts as the users: it creates users, chats and
  topics, sends messages, presses buttons, and reads what the bot did.

Waiting for the bot: ``await sandbox.wait_idle()`` returns once every queued update has
been confirmed by the bot (``getUpdates`` with a higher offset, or fetched and followed by
another ``getUpdates``), no Bot API call other than ``getUpdates`` is in flight, and no
such call has started or finished for ``quiet`` seconds. A handler that thinks longer than
``quiet`` before its first API call can fool it: then use ``wait_until(predicate)``.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import itertools
import json
import logging
import math
import mimetypes
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from aiohttp import web

from .html_text import EntityParseError, parse_html, to_html, utf16_len

__all__ = [
    "ApiCall",
    "CallbackAnswer",
    "Sandbox",
    "SandboxChat",
    "SandboxUser",
    "SentDocument",
    "SentMessage",
    "TranscriptEvent",
]

_log = logging.getLogger(__name__)

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_BUTTONS = 100
TOPIC_ICON_COLOR = 7322096
_TOPIC_COLORS = {7322096, 16766590, 13338331, 9367192, 16749490, 16478047}

# Form parameters whose value is a plain string (never JSON-decoded).
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "caption_parse_mode",
        "question",
        "question_parse_mode",
        "explanation",
        "explanation_parse_mode",
        "name",
        "callback_query_id",
        "url",
        "title",
        "description",
        "short_description",
        "language_code",
        "emoji",
        "icon_custom_emoji_id",
        "custom_title",
        "business_connection_id",
        "message_effect_id",
        "inline_message_id",
        "file_id",
        "document",
        "thumbnail",
        "action",
        "type",
        "secret_token",
    }
)

_TEXT_BUTTONS = (
    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
)

# Methods that post a message (count for rate limits).
_SENDING_METHODS = frozenset({"sendmessage", "senddocument", "sendpoll"})
_PER_CHAT_ONLY_METHODS = frozenset({"editmessagetext"})


# --------------------------------------------------------------------------- data


@dataclass
class SandboxUser:
    """A Telegram user played by the driver."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "nl"
    last_name: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            d["last_name"] = self.last_name
        if self.username:
            d["username"] = self.username
        if self.language_code and not self.is_bot:
            d["language_code"] = self.language_code
        return d

    @property
    def display_name(self) -> str:
        return self.first_name + (f" {self.last_name}" if self.last_name else "")


@dataclass
class SandboxChat:
    """A private chat, group or supergroup (optionally a forum)."""

    id: int
    type: str  # "private" | "group" | "supergroup"
    title: str | None = None
    is_forum: bool = False
    user: SandboxUser | None = None  # the other party of a private chat
    bot_status: str = "member"  # member | administrator | left | kicked
    bot_rights: dict[str, bool] = field(default_factory=dict)
    owner_id: int | None = None
    admin_ids: set[int] = field(default_factory=set)
    member_ids: set[int] = field(default_factory=set)
    topics: dict[int, str] = field(default_factory=dict)
    migrated_to: int | None = None
    migrated_from: int | None = None

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    @property
    def bot_is_admin(self) -> bool:
        return self.bot_status == "administrator"

    @property
    def label(self) -> str:
        return self.title or (self.user.display_name if self.user else str(self.id))

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            d["first_name"] = self.user.first_name
            if self.user.last_name:
                d["last_name"] = self.user.last_name
            if self.user.username:
                d["username"] = self.user.username
        else:
            d["title"] = self.title
            if self.type == "group":
                d["all_members_are_administrators"] = False
        if self.is_forum:
            d["is_forum"] = True
        return d


@dataclass
class SentMessage:
    """A message the bot sent, in its current state (the object is updated on edits)."""

    chat_id: int
    message_id: int
    text: str  # visible plain text (the caption for documents)
    html: str  # the text as HTML (the original when sent with parse_mode HTML)
    reply_markup: dict | None  # as sent: inline_keyboard, force_reply, remove_keyboard, ...
    thread_id: int | None
    reply_to_message_id: int | None
    kind: str = "text"  # text | document | poll
    parse_mode: str | None = None
    entities: list[dict] = field(default_factory=list)
    edits: int = 0
    deleted: bool = False
    history: list[tuple[str, str, dict | None]] = field(default_factory=list)
    date: int = 0
    disable_notification: bool = False

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """All inline buttons as (label, callback_data or url)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [(b.get("text", ""), b.get("callback_data", b.get("url"))) for r in rows for b in r]

    def button_data(self, label_contains: str) -> str:
        """callback_data of the first inline button whose label contains the text."""
        for label, data in self.buttons:
            if label_contains in label:
                assert data is not None
                return data
        raise AssertionError(f"no button with {label_contains!r} in {self.buttons!r}")

    @property
    def force_reply(self) -> bool:
        return bool((self.reply_markup or {}).get("force_reply"))


@dataclass
class SentDocument:
    chat_id: int
    message_id: int
    file_name: str
    data: bytes
    caption: str | None
    mime_type: str
    file_id: str
    thread_id: int | None


@dataclass
class CallbackAnswer:
    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    user_id: int
    chat_id: int | None
    message_id: int | None
    data: str | None


class ApiCall(NamedTuple):
    method: str
    params: dict
    time: float  # time.monotonic()


@dataclass
class TranscriptEvent:
    seq: int
    time: float
    chat_id: int
    chat_title: str
    thread_id: int | None
    topic: str | None
    actor: str
    kind: str  # message, media, edit, press, service, bot_message, bot_edit, ...
    text: str
    message_id: int | None = None

    def format(self) -> str:
        where = self.chat_title + (f" › {self.topic}" if self.topic else "")
        ref = f" #{self.message_id}" if self.message_id is not None else ""
        body = self.text.replace("\n", "\n    ")
        return f"[{where}]{ref} {self.actor} ({self.kind}): {body}"


class ApiError(Exception):
    def __init__(self, description: str, code: int = 400, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.description = description
        self.code = code
        self.parameters = parameters


@dataclass
class _Stored:
    message: dict  # the Message dict as delivered (no nested reply_to_message)
    from_bot: bool
    deleted: bool = False
    sent: SentMessage | None = None


@dataclass
class _File:
    file_id: str
    unique_id: str
    name: str
    mime_type: str
    data: bytes
    path: str


class _Window:
    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.times: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.times and self.times[0] <= now - self.period:
            self.times.popleft()
        if len(self.times) >= self.limit:
            return self.times[0] + self.period - now
        return 0.0


def _bad(description: str) -> ApiError:
    return ApiError(f"Bad Request: {description}")


def _decode_form_value(key: str, value: str) -> Any:
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


# --------------------------------------------------------------------------- sandbox


class Sandbox:
    """In-process fake Telegram Bot API server plus user-side driver."""

    def __init__(
        self,
        bot_username: str = "partnerschapkaart_bot",
        bot_name: str = "Partnerschapkaart",
        token: str = "123456:sandbox-TOKEN",
        rate_limits: bool = False,
        *,
        rate_global: tuple[int, float] = (30, 1.0),
        rate_group: tuple[int, float] = (20, 60.0),
        rate_chat: tuple[int, float] = (3, 3.0),
        max_upload_bytes: int = 50 * 1024 * 1024,
        privacy_mode: bool = False,
        host: str = "127.0.0.1",
    ) -> None:
        self._token = token
        self.bot = SandboxUser(
            id=int(token.split(":", 1)[0]),
            first_name=bot_name,
            username=bot_username,
            language_code=None,
            is_bot=True,
        )
        self.rate_limits = rate_limits
        self.rate_global = rate_global
        self.rate_group = rate_group
        self.rate_chat = rate_chat
        self.max_upload_bytes = max_upload_bytes
        self.privacy_mode = privacy_mode
        self._host = host
        self._port: int | None = None
        self._runner: web.AppRunner | None = None

        self.users: dict[int, SandboxUser] = {}
        self.chats: dict[int, SandboxChat] = {}
        self._user_ids = itertools.count(1_000_001)
        self._group_ids = itertools.count(4_000_000_001)
        self._supergroup_ids = itertools.count(1_000_000_000_001)
        self._msg_counters: dict[int, itertools.count] = {}
        self._messages: dict[int, dict[int, _Stored]] = {}
        self._files: dict[str, _File] = {}
        self._docs: dict[int, list[SentDocument]] = {}
        self._file_paths: dict[str, _File] = {}
        self._reactions: dict[tuple[int, int], list[str]] = {}
        self._pinned: dict[int, list[int]] = {}
        self._commands: dict[tuple[str, str], list[dict]] = {}
        self._blocked: set[int] = set()
        self._queries: dict[str, dict] = {}
        self._query_ids = itertools.count(4_242_000_001)
        self._windows: dict[tuple, _Window] = {}

        # update queue / long polling
        self._update_ids = itertools.count(100_000_001)
        self._pending: list[dict] = []
        self._all_updates: dict[int, dict] = {}
        self._last_driver_update_id: int | None = None
        self._fetched_in: dict[int, int] = {}  # update_id -> getUpdates call number
        self._poll_seq = 0
        self._update_event = asyncio.Event()
        self._waiter_seq = 0
        self._stopping = False

        # observation
        self.calls: list[ApiCall] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.rate_limited_count = 0
        self.internal_errors: list[str] = []
        self.events: list[TranscriptEvent] = []
        self._listeners: list[Callable[[TranscriptEvent], Any]] = []
        self._inflight = 0
        self._last_activity = time.monotonic()
        self.bot_name_info = {"name": bot_name, "description": "", "short_description": ""}

        self._methods: dict[str, Callable[[dict, dict], Any]] = {
            name[len("_api_") :].lower(): getattr(self, name)
            for name in dir(self)
            if name.startswith("_api_")
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> Sandbox:
        self._stopping = False
        app = web.Application(client_max_size=self.max_upload_bytes + 5 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, 0)
        await site.start()
        self._port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        self._stopping = True
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Sandbox:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def token(self) -> str:
        return self._token

    @property
    def bot_id(self) -> int:
        return self.bot.id

    @property
    def bot_username(self) -> str:
        assert self.bot.username
        return self.bot.username

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("sandbox not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self._host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self._host}:{self.port}/file/bot"

    # ------------------------------------------------------------------ HTTP layer

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return self._serve_file(path[len("/file/bot") :])
        m = re.fullmatch(r"/bot([^/]*)/([A-Za-z]+)", path)
        if not m:
            return self._error_response(ApiError("Not Found", 404))
        token, method = m.groups()
        if token != self._token:
            return self._error_response(ApiError("Unauthorized", 401))
        handler = self._methods.get(method.lower())
        if handler is None:
            return self._error_response(ApiError("Not Found", 404))
        try:
            params, files = await self._read_params(request)
        except web.HTTPRequestEntityTooLarge:
            return self._error_response(ApiError("Request Entity Too Large", 413))
        except ValueError as exc:
            return self._error_response(_bad(f"can't parse request: {exc}"))

        is_poll = method.lower() == "getupdates"
        logged = dict(params)
        for key, f in files.items():
            logged[key] = {"file_name": f.name, "size": len(f.data)}
        self.calls.append(ApiCall(method, logged, time.monotonic()))
        if not is_poll:
            self._inflight += 1
            self._last_activity = time.monotonic()
        try:
            result = handler(params, files)
            if inspect.isawaitable(result):
                result = await result
        except ApiError as exc:
            return self._error_response(exc)
        except Exception as exc:  # a sandbox bug: make it visible
            _log.exception("sandbox failed on %s", method)
            self.internal_errors.append(f"{method}: {exc!r}")
            return self._error_response(ApiError(f"Internal Server Error: {exc!r}", 500))
        finally:
            if not is_poll:
                self._inflight -= 1
                self._last_activity = time.monotonic()
        return web.json_response({"ok": True, "result": result})

    def _error_response(self, exc: ApiError) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.code)

    async def _read_params(self, request: web.Request) -> tuple[dict, dict[str, _File]]:
        params: dict[str, Any] = {k: _decode_form_value(k, v) for k, v in request.query.items()}
        files: dict[str, _File] = {}
        if request.body_exists:
            ctype = request.content_type
            if ctype == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    params.update(body)
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                post = await request.post()
                for key, value in post.items():
                    if isinstance(value, web.FileField):
                        data = value.file.read()
                        name = value.filename or key
                        mime = value.content_type
                        if not mime or mime == "application/octet-stream":
                            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
                        files[key] = _File("", "", name, mime, data, "")
                    elif isinstance(value, bytes | bytearray):
                        params[key] = _decode_form_value(key, value.decode("utf-8"))
                    else:
                        params[key] = _decode_form_value(key, value)
        return params, files

    def _serve_file(self, rest: str) -> web.Response:
        token, _, path = rest.partition("/")
        if token != self._token:
            return self._error_response(ApiError("Unauthorized", 401))
        f = self._file_paths.get(path)
        if f is None:
            return self._error_response(ApiError("Not Found", 404))
        return web.Response(body=f.data, content_type=f.mime_type)

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

    def _stored(self, chat_id: int, message_id: int) -> _Stored | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def _plain(self, stored: _Stored) -> dict:
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

    def _store(self, chat: SandboxChat, message: dict, *, from_bot: bool) -> _Stored:
        stored = _Stored(message=message, from_bot=from_bot)
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

    def _enqueue(self, kind: str, payload: dict, *, driver: bool = True) -> dict:
        update_id = next(self._update_ids)
        # a snapshot: later edits of the stored message must not change a queued update
        update = {"update_id": update_id, kind: json.loads(json.dumps(payload))}
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

    async def _api_getUpdates(self, p: dict, files: dict) -> list[dict]:
        offset = p.get("offset")
        offset = int(offset) if offset is not None else None
        limit = max(1, min(100, int(p.get("limit") or 100)))
        timeout = max(0.0, float(p.get("timeout") or 0))
        self._confirm(offset)
        self._poll_seq += 1
        seq = self._poll_seq
        self._waiter_seq += 1
        my_waiter = self._waiter_seq
        self._wake_pollers()  # an older long poll is terminated (409), as Telegram does
        deadline = time.monotonic() + timeout
        while True:
            if self._stopping:
                return []
            if my_waiter != self._waiter_seq:
                raise ApiError(
                    "Conflict: terminated by other getUpdates request; make sure that only "
                    "one bot instance is running",
                    409,
                )
            batch = self._pending[:limit]
            if batch:
                for update in batch:
                    self._fetched_in.setdefault(update["update_id"], seq)
                self._last_activity = time.monotonic()
                return batch
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            event = self._update_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _unconfirmed(self) -> list[dict]:
        return [
            u
            for u in self._pending
            if self._fetched_in.get(u["update_id"], self._poll_seq + 1) >= self._poll_seq
        ]

    # ------------------------------------------------------------------ rate limits

    def _check_rate(self, method: str, chat: SandboxChat) -> None:
        if not self.rate_limits:
            return
        m = method.lower()
        if m not in _SENDING_METHODS and m not in _PER_CHAT_ONLY_METHODS:
            return
        windows: list[_Window] = []
        windows.append(self._window(("chat", chat.id), self.rate_chat))
        if m in _SENDING_METHODS:
            windows.append(self._window(("global",), self.rate_global))
            if chat.is_group:
                windows.append(self._window(("group", chat.id), self.rate_group))
        now = time.monotonic()
        wait = max(w.wait(now) for w in windows)
        if wait > 0:
            self.rate_limited_count += 1
            retry = max(1, math.ceil(wait))
            self._emit(chat, "⏳ sandbox", "rate_limited", f"{method}: retry after {retry}")
            raise ApiError(f"Too Many Requests: retry after {retry}", 429, {"retry_after": retry})
        for w in windows:
            w.times.append(now)

    def _window(self, key: tuple, spec: tuple[int, float]) -> _Window:
        w = self._windows.get(key)
        if w is None or (w.limit, w.period) != spec:
            w = self._windows[key] = _Window(spec[0], spec[1])
        return w

    # ------------------------------------------------------------------ validation

    def _resolve_chat(self, chat_id: Any, *, for_sending: bool = True) -> SandboxChat:
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        try:
            cid = int(chat_id)
        except (TypeError, ValueError):
            raise _bad("chat not found") from None
        chat = self.chats.get(cid)
        if chat is None:
            if cid in self.users:
                raise ApiError("Forbidden: bot can't initiate conversation with a user", 403)
            raise _bad("chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                "Bad Request: group chat was upgraded to a supergroup chat",
                400,
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.type == "private" and cid in self._blocked:
            raise ApiError("Forbidden: bot was blocked by the user", 403)
        if chat.is_group and chat.bot_status in ("kicked", "left"):
            kind = "supergroup" if chat.type == "supergroup" else "group"
            if chat.bot_status == "kicked":
                raise ApiError(f"Forbidden: bot was kicked from the {kind} chat", 403)
            raise ApiError(f"Forbidden: bot is not a member of the {kind} chat", 403)
        return chat

    def _resolve_thread(self, chat: SandboxChat, p: dict) -> int | None:
        raw = p.get("message_thread_id")
        if raw in (None, "", 0):
            return None
        thread_id = int(raw)
        if chat.type == "private":
            return None
        if chat.is_forum:
            if thread_id not in chat.topics:
                raise _bad("message thread not found")
            return thread_id
        stored = self._stored(chat.id, thread_id)
        if stored is None:
            raise _bad("message thread not found")
        return thread_id

    def _resolve_reply(self, chat: SandboxChat, p: dict) -> int | None:
        rp = p.get("reply_parameters")
        allow_missing = _as_bool(p.get("allow_sending_without_reply", False))
        target: int | None = None
        if isinstance(rp, dict):
            if rp.get("chat_id") not in (None, chat.id, str(chat.id)):
                raise _bad("cross-chat replies are not supported by the sandbox")
            target = int(rp["message_id"])
            allow_missing = _as_bool(rp.get("allow_sending_without_reply", allow_missing))
        elif p.get("reply_to_message_id") not in (None, ""):
            target = int(p["reply_to_message_id"])
        if target is None:
            return None
        stored = self._stored(chat.id, target)
        if stored is None or stored.deleted:
            if allow_missing:
                return None
            raise _bad("message to be replied not found")
        return target

    def _format_text(
        self,
        text: Any,
        parse_mode: Any,
        entities: Any,
        *,
        caption: bool = False,
    ) -> tuple[str, str, list[dict]]:
        """-> (visible text, html, entities). Validates like Telegram."""
        if text is None:
            text = ""
        text = str(text)
        mode = (parse_mode or "").strip()
        if mode.lower() == "html":
            try:
                visible, ents = parse_html(text)
            except EntityParseError as exc:
                raise ApiError(str(exc)) from None
            html_text = text
        elif mode == "":
            visible = text.strip()
            shift = utf16_len(text) - utf16_len(text.lstrip())
            ents = []
            for e in entities or []:
                if isinstance(e, dict) and "type" in e:
                    ents.append({**e, "offset": max(0, int(e["offset"]) - shift)})
            html_text = to_html(visible)
        else:
            raise _bad("unsupported parse_mode (the sandbox knows only HTML)")
        limit = MAX_CAPTION if caption else MAX_TEXT
        if utf16_len(visible) > limit:
            raise _bad("message caption is too long" if caption else "message is too long")
        if not caption and not visible:
            raise _bad("message text is empty")
        return visible, html_text, ents

    def _validate_markup(self, markup: Any) -> dict | None:
        if markup in (None, "", {}):
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad(
                    "can't parse inline keyboard button: "
                    'field "inline_keyboard" must be an Array of Arrays'
                )
            count = 0
            for row in rows:
                for button in row:
                    count += 1
                    if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                        raise _bad(_TEXT_BUTTONS)
                    actions = [
                        k
                        for k in (
                            "callback_data",
                            "url",
                            "switch_inline_query",
                            "switch_inline_query_current_chat",
                            "login_url",
                            "web_app",
                            "pay",
                            "copy_text",
                            "callback_game",
                            "switch_inline_query_chosen_chat",
                        )
                        if k in button
                    ]
                    if not actions:
                        raise _bad(_TEXT_BUTTONS)
                    if "callback_data" in button:
                        data = button["callback_data"]
                        if (
                            not isinstance(data, str)
                            or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA
                        ):
                            raise _bad("BUTTON_DATA_INVALID")
                    if "url" in button:
                        url = str(button["url"])
                        if not re.match(r"(https?|tg)://\S+$", url):
                            raise _bad(
                                f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL"
                            )
            if count > MAX_BUTTONS:
                raise _bad("REPLY_MARKUP_TOO_LONG")
            return markup
        if any(k in markup for k in ("force_reply", "remove_keyboard", "keyboard")):
            return markup
        raise _bad("can't parse reply keyboard markup JSON object")

    @staticmethod
    def _message_markup(markup: dict | None) -> dict | None:
        """Telegram echoes only inline keyboards in Message.reply_markup."""
        if markup and "inline_keyboard" in markup:
            return {"inline_keyboard": markup["inline_keyboard"]}
        return None

    def _bot_stored(self, chat: SandboxChat, message_id: Any, not_found: str) -> _Stored:
        if message_id in (None, ""):
            raise _bad("message identifier is not specified")
        stored = self._stored(chat.id, int(message_id))
        if stored is None or stored.deleted:
            raise _bad(not_found)
        return stored

    # ------------------------------------------------------------------ API: basics

    def _api_getMe(self, p: dict, files: dict) -> dict:
        return {
            **self.bot.to_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _api_deleteWebhook(self, p: dict, files: dict) -> bool:
        if _as_bool(p.get("drop_pending_updates", False)):
            self._pending.clear()
        return True

    def _api_setWebhook(self, p: dict, files: dict) -> bool:
        raise _bad("the sandbox supports only getUpdates")

    def _api_getWebhookInfo(self, p: dict, files: dict) -> dict:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    def _api_logOut(self, p: dict, files: dict) -> bool:
        return True

    def _api_close(self, p: dict, files: dict) -> bool:
        return True

    def _commands_key(self, p: dict) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code") or "")

    def _api_setMyCommands(self, p: dict, files: dict) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands")
        for c in commands:
            name = str(c.get("command", "")) if isinstance(c, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(c.get("description", ""))) <= 256:
                raise _bad("command description must be 1-256 characters")
        self._commands[self._commands_key(p)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _api_deleteMyCommands(self, p: dict, files: dict) -> bool:
        self._commands.pop(self._commands_key(p), None)
        return True

    def _api_getMyCommands(self, p: dict, files: dict) -> list[dict]:
        return list(self._commands.get(self._commands_key(p), []))

    def _api_setMyName(self, p: dict, files: dict) -> bool:
        self.bot_name_info["name"] = str(p.get("name") or "")
        return True

    def _api_setMyDescription(self, p: dict, files: dict) -> bool:
        self.bot_name_info["description"] = str(p.get("description") or "")
        return True

    def _api_setMyShortDescription(self, p: dict, files: dict) -> bool:
        self.bot_name_info["short_description"] = str(p.get("short_description") or "")
        return True

    def _api_sendChatAction(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        self._resolve_thread(chat, p)
        return True

    # ------------------------------------------------------------------ API: messages

    def _finish_bot_message(
        self,
        chat: SandboxChat,
        msg: dict,
        sent: SentMessage,
        transcript_kind: str,
        transcript_text: str,
    ) -> dict:
        stored = self._store(chat, msg, from_bot=True)
        stored.sent = sent
        self._emit(
            chat,
            self._bot_actor(),
            transcript_kind,
            transcript_text,
            thread_id=sent.thread_id,
            message_id=sent.message_id,
        )
        return msg

    @staticmethod
    def _markup_summary(markup: dict | None) -> str:
        if not markup:
            return ""
        if "inline_keyboard" in markup:
            labels = [
                f"{b.get('text')}→{b.get('callback_data', b.get('url', ''))}"
                for row in markup["inline_keyboard"]
                for b in row
            ]
            return "\n[buttons: " + " | ".join(labels) + "]"
        if markup.get("force_reply"):
            return "\n[force reply]"
        return ""

    def _api_sendMessage(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        thread_id = self._resolve_thread(chat, p)
        text, html_text, entities = self._format_text(
            p.get("text"), p.get("parse_mode"), p.get("entities")
        )
        markup = self._validate_markup(p.get("reply_markup"))
        reply_to = self._resolve_reply(chat, p)
        self._check_rate("sendMessage", chat)
        msg = self._new_message(chat, self.bot, thread_id=thread_id, reply_to=reply_to)
        msg["text"] = text
        if entities:
            msg["entities"] = entities
        lpo = p.get("link_preview_options")
        if isinstance(lpo, dict) and lpo:
            msg["link_preview_options"] = lpo
        if self._message_markup(markup):
            msg["reply_markup"] = self._message_markup(markup)
        sent = SentMessage(
            chat_id=chat.id,
            message_id=msg["message_id"],
            text=text,
            html=html_text,
            reply_markup=markup,
            thread_id=thread_id,
            reply_to_message_id=reply_to,
            parse_mode=p.get("parse_mode") or None,
            entities=entities,
            date=msg["date"],
            disable_notification=_as_bool(p.get("disable_notification", False)),
        )
        return self._finish_bot_message(
            chat, msg, sent, "message", text + self._markup_summary(markup)
        )

    def _api_editMessageText(self, p: dict, files: dict) -> dict:
        if p.get("inline_message_id"):
            raise _bad("inline messages are not supported by the sandbox")
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to edit not found")
        if not stored.from_bot or stored.sent is None:
            raise _bad("message can't be edited")
        if stored.sent.kind != "text":
            raise _bad("there is no text in the message to edit")
        text, html_text, entities = self._format_text(
            p.get("text"), p.get("parse_mode"), p.get("entities")
        )
        markup = self._validate_markup(p.get("reply_markup"))
        sent = stored.sent
        new_markup = self._message_markup(markup)
        if (
            text == sent.text
            and entities == sent.entities
            and new_markup == self._message_markup(sent.reply_markup)
        ):
            raise _bad(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        self._check_rate("editMessageText", chat)
        sent.history.append((sent.text, sent.html, sent.reply_markup))
        sent.text, sent.html, sent.entities = text, html_text, entities
        sent.reply_markup = markup
        sent.parse_mode = p.get("parse_mode") or None
        sent.edits += 1
        msg = stored.message
        msg["text"] = text
        msg.pop("entities", None)
        if entities:
            msg["entities"] = entities
        msg.pop("reply_markup", None)
        if new_markup:
            msg["reply_markup"] = new_markup
        msg["edit_date"] = self._now()
        self._emit(
            chat,
            self._bot_actor(),
            "edit",
            text + self._markup_summary(markup),
            thread_id=sent.thread_id,
            message_id=sent.message_id,
        )
        return dict(msg)

    def _api_editMessageReplyMarkup(self, p: dict, files: dict) -> dict:
        if p.get("inline_message_id"):
            raise _bad("inline messages are not supported by the sandbox")
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to edit not found")
        if not stored.from_bot or stored.sent is None:
            raise _bad("message can't be edited")
        markup = self._validate_markup(p.get("reply_markup"))
        sent = stored.sent
        new_markup = self._message_markup(markup)
        if new_markup == self._message_markup(sent.reply_markup):
            raise _bad(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        sent.history.append((sent.text, sent.html, sent.reply_markup))
        sent.reply_markup = markup
        sent.edits += 1
        msg = stored.message
        msg.pop("reply_markup", None)
        if new_markup:
            msg["reply_markup"] = new_markup
        msg["edit_date"] = self._now()
        self._emit(
            chat,
            self._bot_actor(),
            "edit_markup",
            self._markup_summary(markup).strip() or "[buttons removed]",
            thread_id=sent.thread_id,
            message_id=sent.message_id,
        )
        return dict(msg)

    def _api_deleteMessage(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to delete not found")
        if not stored.from_bot and chat.is_group:
            if not (chat.bot_is_admin and chat.bot_rights.get("can_delete_messages", True)):
                raise _bad("message can't be deleted")
        stored.deleted = True
        if stored.sent is not None:
            stored.sent.deleted = True
        self._emit(
            chat,
            self._bot_actor(),
            "delete",
            "deleted a message",
            thread_id=stored.message.get("message_thread_id"),
            message_id=stored.message["message_id"],
        )
        return True

    def _api_deleteMessages(self, p: dict, files: dict) -> bool:
        ids = p.get("message_ids") or []
        for mid in ids:
            with contextlib.suppress(ApiError):
                self._api_deleteMessage({"chat_id": p.get("chat_id"), "message_id": mid}, files)
        return True

    def _api_setMessageReaction(self, p: dict, files: dict) -> bool:
        from telegram.constants import ReactionEmoji

        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to react not found")
        reaction = p.get("reaction") or []
        if not isinstance(reaction, list):
            raise _bad("can't parse reaction types JSON object")
        allowed = {e.value for e in ReactionEmoji}
        emojis: list[str] = []
        for r in reaction:
            if not isinstance(r, dict) or r.get("type") != "emoji" or r.get("emoji") not in allowed:
                raise _bad("REACTION_INVALID")
            emojis.append(r["emoji"])
        if len(emojis) > 1:
            raise _bad("REACTIONS_TOO_MANY")
        key = (chat.id, stored.message["message_id"])
        self._reactions[key] = emojis
        self._emit(
            chat,
            self._bot_actor(),
            "reaction",
            " ".join(emojis) or "(reaction removed)",
            thread_id=stored.message.get("message_thread_id"),
            message_id=key[1],
        )
        return True

    def _api_pinChatMessage(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to pin not found")
        if chat.is_group and not (
            chat.bot_is_admin and chat.bot_rights.get("can_pin_messages", True)
        ):
            raise _bad("not enough rights to manage pinned messages in the chat")
        mid = stored.message["message_id"]
        pins = self._pinned.setdefault(chat.id, [])
        if mid in pins:
            pins.remove(mid)
        pins.append(mid)
        self._emit(chat, self._bot_actor(), "pin", "pinned a message", message_id=mid)
        return True

    def _api_unpinChatMessage(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        pins = self._pinned.setdefault(chat.id, [])
        mid = p.get("message_id")
        if mid in (None, ""):
            if pins:
                pins.pop()
        elif int(mid) in pins:
            pins.remove(int(mid))
        return True

    def _api_unpinAllChatMessages(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        self._pinned[chat.id] = []
        return True

    def _api_answerCallbackQuery(self, p: dict, files: dict) -> bool:
        qid = str(p.get("callback_query_id") or "")
        query = self._queries.pop(qid, None)
        if query is None:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        text = p.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        msg = query.get("message") or {}
        answer = CallbackAnswer(
            query_id=qid,
            text=str(text) if text is not None else None,
            show_alert=_as_bool(p.get("show_alert", False)),
            url=p.get("url"),
            user_id=query["from"]["id"],
            chat_id=(msg.get("chat") or {}).get("id"),
            message_id=msg.get("message_id"),
            data=query.get("data"),
        )
        self.callback_answers.append(answer)
        chat = self.chats.get(answer.chat_id or 0)
        if chat is not None and text:
            self._emit(
                chat,
                self._bot_actor(),
                "alert" if answer.show_alert else "toast",
                str(text),
                thread_id=msg.get("message_thread_id"),
                message_id=answer.message_id,
            )
        return True

    # ------------------------------------------------------------------ API: files

    def _register_file(self, f: _File) -> _File:
        n = len(self._files) + 1
        f.file_id = "BQACAgQAAxkBAAI" + secrets.token_urlsafe(24)
        f.unique_id = "AgAD" + secrets.token_urlsafe(8)
        ext = (f.name.rsplit(".", 1)[-1] if "." in f.name else "bin")[:8]
        f.path = f"documents/file_{n}.{ext}"
        self._files[f.file_id] = f
        self._file_paths[f.path] = f
        return f

    def _api_sendDocument(self, p: dict, files: dict[str, _File]) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        thread_id = self._resolve_thread(chat, p)
        doc = p.get("document")
        upload: _File | None = None
        if "document" in files:
            upload = files["document"]
        elif isinstance(doc, str) and doc.startswith("attach://"):
            upload = files.get(doc[len("attach://") :])
            if upload is None:
                raise _bad("wrong file identifier/HTTP URL specified")
        elif isinstance(doc, str) and doc in self._files:
            upload = self._files[doc]
        elif doc in (None, ""):
            raise _bad("there is no document in the request")
        else:
            raise _bad("wrong file identifier/HTTP URL specified")
        if not upload.data:
            raise _bad("file must be non-empty")
        if len(upload.data) > self.max_upload_bytes:
            raise _bad("file is too big")
        caption_raw = p.get("caption")
        caption, caption_html, caption_entities = self._format_text(
            caption_raw, p.get("parse_mode"), p.get("caption_entities"), caption=True
        )
        markup = self._validate_markup(p.get("reply_markup"))
        reply_to = self._resolve_reply(chat, p)
        self._check_rate("sendDocument", chat)
        if not upload.file_id:
            self._register_file(upload)
        msg = self._new_message(chat, self.bot, thread_id=thread_id, reply_to=reply_to)
        msg["document"] = {
            "file_id": upload.file_id,
            "file_unique_id": upload.unique_id,
            "file_name": upload.name,
            "mime_type": upload.mime_type,
            "file_size": len(upload.data),
        }
        if caption:
            msg["caption"] = caption
            if caption_entities:
                msg["caption_entities"] = caption_entities
        if self._message_markup(markup):
            msg["reply_markup"] = self._message_markup(markup)
        sent = SentMessage(
            chat_id=chat.id,
            message_id=msg["message_id"],
            text=caption,
            html=caption_html if caption else "",
            reply_markup=markup,
            thread_id=thread_id,
            reply_to_message_id=reply_to,
            kind="document",
            parse_mode=p.get("parse_mode") or None,
            entities=caption_entities,
            date=msg["date"],
        )
        self._documents_list(chat.id).append(
            SentDocument(
                chat_id=chat.id,
                message_id=msg["message_id"],
                file_name=upload.name,
                data=upload.data,
                caption=caption or None,
                mime_type=upload.mime_type,
                file_id=upload.file_id,
                thread_id=thread_id,
            )
        )
        summary = f"📎 {upload.name} ({len(upload.data)} bytes)" + (
            f"\n{caption}" if caption else ""
        )
        return self._finish_bot_message(chat, msg, sent, "document", summary)

    def _documents_list(self, chat_id: int) -> list[SentDocument]:
        return self._docs.setdefault(chat_id, [])

    def _api_getFile(self, p: dict, files: dict) -> dict:
        f = self._files.get(str(p.get("file_id") or ""))
        if f is None:
            raise _bad("invalid file_id")
        return {
            "file_id": f.file_id,
            "file_unique_id": f.unique_id,
            "file_size": len(f.data),
            "file_path": f.path,
        }

    # ------------------------------------------------------------------ API: polls

    def _api_sendPoll(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        thread_id = self._resolve_thread(chat, p)
        question = str(p.get("question") or "").strip()
        if not question:
            raise _bad("poll question must be non-empty")
        if len(question) > 300:
            raise _bad("poll question length must not exceed 300")
        options = p.get("options")
        if not isinstance(options, list):
            raise _bad("can't parse options JSON object")
        texts = [str(o.get("text", "") if isinstance(o, dict) else o).strip() for o in options]
        if not 2 <= len(texts) <= 12:
            raise _bad(
                "poll must have at least 2 option"
                if len(texts) < 2
                else "poll can't have more than 12 options"
            )
        if any(not t or len(t) > 100 for t in texts):
            raise _bad("poll options length must not exceed 100")
        markup = self._validate_markup(p.get("reply_markup"))
        reply_to = self._resolve_reply(chat, p)
        self._check_rate("sendPoll", chat)
        msg = self._new_message(chat, self.bot, thread_id=thread_id, reply_to=reply_to)
        msg["poll"] = {
            "id": str(5_000_000_000 + msg["message_id"] + abs(chat.id) % 100_000),
            "question": question,
            "options": [
                {"text": t, "voter_count": 0, "persistent_id": str(i)} for i, t in enumerate(texts)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": _as_bool(p.get("is_anonymous", True)),
            "type": str(p.get("type") or "regular"),
            "allows_multiple_answers": _as_bool(p.get("allows_multiple_answers", False)),
            "allows_revoting": _as_bool(p.get("allows_revoting", False)),
            "members_only": False,
        }
        if self._message_markup(markup):
            msg["reply_markup"] = self._message_markup(markup)
        sent = SentMessage(
            chat_id=chat.id,
            message_id=msg["message_id"],
            text=question,
            html=to_html(question),
            reply_markup=markup,
            thread_id=thread_id,
            reply_to_message_id=reply_to,
            kind="poll",
            date=msg["date"],
        )
        return self._finish_bot_message(
            chat, msg, sent, "poll", f"📊 {question}: " + " / ".join(texts)
        )

    def _api_stopPoll(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message with poll to stop not found")
        poll = stored.message.get("poll")
        if poll is None or not stored.from_bot:
            raise _bad("message with poll to stop not found")
        if poll["is_closed"]:
            raise _bad("poll has already been closed")
        poll["is_closed"] = True
        return dict(poll)

    # ------------------------------------------------------------------ API: chats

    def _api_getChat(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        info = chat.to_dict()
        info.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        pins = self._pinned.get(chat.id)
        if pins:
            stored = self._stored(chat.id, pins[-1])
            if stored is not None:
                info["pinned_message"] = self._plain(stored)
        return info

    def _member_dict(self, chat: SandboxChat, user: SandboxUser) -> dict:
        if user.id == self.bot.id:
            status = chat.bot_status if chat.is_group else "member"
        elif chat.type == "private":
            status = "member" if chat.id == user.id else "left"
        elif user.id == chat.owner_id:
            status = "creator"
        elif user.id in chat.admin_ids:
            status = "administrator"
        elif user.id in chat.member_ids:
            status = "member"
        else:
            status = "left"
        d: dict[str, Any] = {"status": status, "user": user.to_dict()}
        if status == "creator":
            d["is_anonymous"] = False
        elif status == "administrator":
            rights = self._full_rights()
            if user.id == self.bot.id:
                rights.update(chat.bot_rights)
            d.update(rights)
            d["can_be_edited"] = False
            d["is_anonymous"] = False
        elif status == "kicked":
            d["until_date"] = 0
        return d

    @staticmethod
    def _full_rights() -> dict[str, bool]:
        return {
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": True,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": True,
            "can_invite_users": True,
            "can_post_stories": False,
            "can_edit_stories": False,
            "can_delete_stories": False,
            "can_pin_messages": True,
            "can_manage_topics": True,
        }

    def _api_getChatMember(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        uid = int(p.get("user_id") or 0)
        user = self.bot if uid == self.bot.id else self.users.get(uid)
        if user is None:
            raise _bad("user not found")
        return self._member_dict(chat, user)

    def _api_getChatAdministrators(self, p: dict, files: dict) -> list[dict]:
        chat = self._resolve_chat(p.get("chat_id"))
        if not chat.is_group:
            raise _bad("there are no administrators in the private chat")
        ids = ([chat.owner_id] if chat.owner_id else []) + sorted(chat.admin_ids)
        result = [self._member_dict(chat, self.users[i]) for i in ids if i in self.users]
        if chat.bot_is_admin:
            result.append(self._member_dict(chat, self.bot))
        return result

    def _api_getChatMemberCount(self, p: dict, files: dict) -> int:
        chat = self._resolve_chat(p.get("chat_id"))
        if chat.type == "private":
            return 2
        return len(chat.member_ids | chat.admin_ids | ({chat.owner_id} - {None})) + 1

    def _api_leaveChat(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        if chat.is_group:
            chat.bot_status = "left"
            self._emit(chat, self._bot_actor(), "service", "left the group")
        return True

    def _api_createForumTopic(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        if not chat.is_forum:
            raise _bad("the chat is not a forum")
        if not (chat.bot_is_admin and chat.bot_rights.get("can_manage_topics", True)):
            raise _bad("not enough rights to create a topic")
        name = str(p.get("name") or "")
        if not name.strip():
            raise _bad("TOPIC_TITLE_EMPTY")
        if len(name) > 128:
            raise _bad("TOPIC_NAME_INVALID")
        color = int(p.get("icon_color") or TOPIC_ICON_COLOR)
        if color not in _TOPIC_COLORS:
            raise _bad("TOPIC_ICON_COLOR_INVALID")
        thread_id = self._create_topic(chat, self.bot, name, color, from_bot=True)
        topic = {"message_thread_id": thread_id, "name": name, "icon_color": color}
        if p.get("icon_custom_emoji_id"):
            topic["icon_custom_emoji_id"] = p["icon_custom_emoji_id"]
        return topic

    def _create_topic(
        self, chat: SandboxChat, creator: SandboxUser, name: str, color: int, *, from_bot: bool
    ) -> int:
        thread_id = self._next_message_id(chat.id)
        chat.topics[thread_id] = name
        msg = self._new_message(chat, creator, message_id=thread_id)
        msg["message_thread_id"] = thread_id
        msg["is_topic_message"] = True
        msg["forum_topic_created"] = {"name": name, "icon_color": color}
        self._store(chat, msg, from_bot=from_bot)
        actor = self._bot_actor() if from_bot else creator.display_name
        self._emit(
            chat,
            actor,
            "topic",
            f"created topic “{name}”",
            thread_id=thread_id,
            message_id=thread_id,
        )
        if not from_bot:
            self._enqueue("message", msg)
        return thread_id

    def _api_editForumTopic(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        thread_id = int(p.get("message_thread_id") or 0)
        if thread_id not in chat.topics:
            raise _bad("message thread not found")
        if p.get("name"):
            chat.topics[thread_id] = str(p["name"])
        return True

    # ================================================================== driver side

    def add_user(
        self,
        first_name: str,
        *,
        username: str | None = None,
        language_code: str | None = "nl",
        user_id: int | None = None,
        last_name: str | None = None,
    ) -> SandboxUser:
        uid = user_id if user_id is not None else next(self._user_ids)
        while user_id is None and uid in self.users:
            uid = next(self._user_ids)
        user = SandboxUser(
            id=uid,
            first_name=first_name,
            username=username,
            language_code=language_code,
            last_name=last_name,
        )
        self.users[uid] = user
        return user

    def add_group(
        self,
        title: str,
        *,
        forum: bool = False,
        supergroup: bool = False,
        bot_is_admin: bool = False,
        bot_member: bool = True,
        owner: SandboxUser | None = None,
        admins: Iterable[SandboxUser] = (),
        members: Iterable[SandboxUser] = (),
        bot_rights: dict[str, bool] | None = None,
    ) -> SandboxChat:
        """A group the bot is already in (bot_member=False: not yet; use add_bot_to_group)."""
        is_super = supergroup or forum
        if is_super:
            cid = -next(self._supergroup_ids)
        else:
            cid = -next(self._group_ids)
        chat = SandboxChat(
            id=cid,
            type="supergroup" if is_super else "group",
            title=title,
            is_forum=forum,
            bot_status=("administrator" if bot_is_admin else "member") if bot_member else "left",
            bot_rights=dict(bot_rights or {}),
            owner_id=owner.id if owner else None,
            admin_ids={a.id for a in admins},
            member_ids={m.id for m in members},
        )
        self.chats[cid] = chat
        return chat

    def private_chat(self, user: SandboxUser) -> SandboxChat:
        chat = self.chats.get(user.id)
        if chat is None:
            chat = SandboxChat(id=user.id, type="private", user=user)
            self.chats[user.id] = chat
        return chat

    def set_bot_admin(self, chat: SandboxChat | int, is_admin: bool = True, **rights: bool) -> None:
        """Promote/demote the bot (queues a my_chat_member update as Telegram does)."""
        chat = self._chat(chat)
        old = self._member_dict(chat, self.bot)
        chat.bot_status = "administrator" if is_admin else "member"
        chat.bot_rights.update(rights)
        self._my_chat_member(chat, None, old)

    def make_admin(self, chat: SandboxChat | int, user: SandboxUser) -> None:
        chat = self._chat(chat)
        chat.admin_ids.add(user.id)

    def add_topic(
        self, chat: SandboxChat | int, name: str, *, by: SandboxUser | None = None
    ) -> int:
        """A user creates a forum topic; returns its message_thread_id."""
        chat = self._chat(chat)
        if not chat.is_forum:
            raise ValueError(f"{chat.label} is not a forum")
        creator = by or self._some_user(chat)
        return self._create_topic(chat, creator, name, TOPIC_ICON_COLOR, from_bot=False)

    def topic_id(self, chat: SandboxChat | int, name: str) -> int:
        """Thread id of the topic with that name (e.g. one the bot created)."""
        chat = self._chat(chat)
        for tid, tname in chat.topics.items():
            if tname == name:
                return tid
        raise KeyError(f"no topic {name!r} in {chat.label}: {sorted(chat.topics.values())}")

    def _some_user(self, chat: SandboxChat) -> SandboxUser:
        for uid in [chat.owner_id, *sorted(chat.admin_ids), *sorted(chat.member_ids)]:
            if uid in self.users:
                return self.users[uid]
        if not self.users:
            return self.add_user("Admin")
        return next(iter(self.users.values()))

    def _delivered(self, chat: SandboxChat, msg: dict) -> bool:
        """Privacy mode: what a bot that is no admin receives in groups."""
        if not self.privacy_mode or not chat.is_group or chat.bot_is_admin:
            return True
        text = msg.get("text") or ""
        if text.startswith("/"):
            return True
        reply = msg.get("reply_to_message")
        if reply and (reply.get("from") or {}).get("id") == self.bot.id:
            return not msg.get("is_topic_message") or reply["message_id"] != msg.get(
                "message_thread_id"
            )
        return False

    def _check_user_can_post(self, chat: SandboxChat, user: SandboxUser) -> None:
        if chat.migrated_to is not None:
            raise ValueError(f"{chat.label} was migrated to {chat.migrated_to}")
        if chat.type == "private" and chat.id != user.id:
            raise ValueError(f"{user.display_name} is not the user of private chat {chat.id}")
        if chat.is_group:
            chat.member_ids.add(user.id)

    def _user_thread(
        self, chat: SandboxChat, thread_id: int | None, reply_to: int | None
    ) -> int | None:
        if thread_id is not None:
            if chat.is_forum and thread_id not in chat.topics:
                raise ValueError(f"no topic {thread_id} in {chat.label}")
            return thread_id
        if reply_to is not None and chat.is_forum:
            target = self._stored(chat.id, reply_to)
            if target is not None and target.message.get("is_topic_message"):
                return target.message.get("message_thread_id")
        return None

    def _reply_id(self, chat: SandboxChat, reply_to: Any) -> int | None:
        if reply_to is None:
            return None
        mid = self._mid(reply_to)
        if self._stored(chat.id, mid) is None:
            raise ValueError(f"no message {mid} in {chat.label}")
        return mid

    @staticmethod
    def _command_entities(text: str) -> list[dict]:
        m = re.match(r"/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,64})?", text)
        if not m:
            return []
        return [{"type": "bot_command", "offset": 0, "length": utf16_len(m.group(0))}]

    async def send_message(
        self,
        chat: SandboxChat | SandboxUser | int,
        user: SandboxUser,
        text: str,
        *,
        reply_to: int | SentMessage | dict | None = None,
        thread_id: int | None = None,
        entities: list[dict] | None = None,
    ) -> dict:
        """The user sends a text message; returns the Message dict as delivered."""
        chat = self._chat(chat)
        self._check_user_can_post(chat, user)
        reply_id = self._reply_id(chat, reply_to)
        thread = self._user_thread(chat, thread_id, reply_id)
        msg = self._new_message(chat, user, thread_id=thread, reply_to=reply_id)
        msg["text"] = text
        ents = list(entities) if entities is not None else self._command_entities(text)
        if ents:
            msg["entities"] = ents
        self._store(chat, msg, from_bot=False)
        self._emit(
            chat, user.display_name, "message", text, thread_id=thread, message_id=msg["message_id"]
        )
        if self._delivered(chat, msg):
            self._enqueue("message", msg)
        await asyncio.sleep(0)
        return msg

    async def send_media(
        self,
        chat: SandboxChat | SandboxUser | int,
        user: SandboxUser,
        kind: str,
        *,
        caption: str | None = None,
        thread_id: int | None = None,
        reply_to: int | SentMessage | dict | None = None,
        **fields: Any,
    ) -> dict:
        """The user sends a photo, sticker, voice, video, document, location, poll,
        contact or animation (plausible minimal objects; ``fields`` override them)."""
        chat = self._chat(chat)
        self._check_user_can_post(chat, user)
        reply_id = self._reply_id(chat, reply_to)
        thread = self._user_thread(chat, thread_id, reply_id)
        msg = self._new_message(chat, user, thread_id=thread, reply_to=reply_id)
        uid = secrets.token_hex(6)

        def file_obj(**extra: Any) -> dict:
            return {"file_id": f"AgAC{kind}{uid}", "file_unique_id": f"AQAD{uid}", **extra}

        media: dict[str, dict[str, Any]] = {
            "photo": {
                "photo": [
                    file_obj(width=90, height=67, file_size=1200),
                    file_obj(width=1280, height=960, file_size=120_000),
                ]
            },
            "sticker": {
                "sticker": file_obj(
                    type="regular",
                    width=512,
                    height=512,
                    is_animated=False,
                    is_video=False,
                    emoji="👍",
                )
            },
            "voice": {"voice": file_obj(duration=3, mime_type="audio/ogg", file_size=9000)},
            "video": {
                "video": file_obj(
                    width=640, height=360, duration=5, mime_type="video/mp4", file_size=500_000
                )
            },
            "document": {
                "document": file_obj(
                    file_name="notities.pdf", mime_type="application/pdf", file_size=20_000
                )
            },
            "location": {"location": {"latitude": 52.0907, "longitude": 5.1214}},
            "contact": {
                "contact": {
                    "phone_number": "+31600000000",
                    "first_name": user.first_name,
                    "user_id": user.id,
                }
            },
            "animation": {
                "animation": file_obj(
                    width=320, height=240, duration=2, file_name="a.mp4", mime_type="video/mp4"
                ),
                "document": file_obj(file_name="a.mp4", mime_type="video/mp4"),
            },
            "poll": {
                "poll": {
                    "id": f"6{uid}",
                    "question": "Wat vinden jullie?",
                    "options": [
                        {"text": "Ja", "voter_count": 0, "persistent_id": "0"},
                        {"text": "Nee", "voter_count": 0, "persistent_id": "1"},
                    ],
                    "total_voter_count": 0,
                    "is_closed": False,
                    "is_anonymous": True,
                    "type": "regular",
                    "allows_multiple_answers": False,
                    "allows_revoting": False,
                    "members_only": False,
                }
            },
        }
        if kind not in media:
            raise ValueError(f"unknown media kind {kind!r}; one of {sorted(media)}")
        if caption is not None and kind not in ("photo", "video", "voice", "document", "animation"):
            raise ValueError(f"{kind} has no caption")
        msg.update(media[kind])
        if caption is not None:
            msg["caption"] = caption
        msg.update(fields)
        self._store(chat, msg, from_bot=False)
        self._emit(
            chat,
            user.display_name,
            "media",
            f"[{kind}]" + (f" {caption}" if caption else ""),
            thread_id=thread,
            message_id=msg["message_id"],
        )
        if self._delivered(chat, msg):
            self._enqueue("message", msg)
        await asyncio.sleep(0)
        return msg

    async def edit_message(
        self, chat: SandboxChat | SandboxUser | int, message_id: int | dict, new_text: str
    ) -> dict:
        """The user edits one of their own text messages (an ``edited_message`` update)."""
        chat = self._chat(chat)
        mid = self._mid(message_id)
        stored = self._stored(chat.id, mid)
        if stored is None or stored.from_bot or stored.deleted:
            raise ValueError(f"no user message {mid} in {chat.label}")
        msg = stored.message
        msg["text"] = new_text
        msg.pop("entities", None)
        ents = self._command_entities(new_text)
        if ents:
            msg["entities"] = ents
        msg["edit_date"] = self._now()
        sender = (msg.get("from") or {}).get("first_name", "?")
        self._emit(
            chat, sender, "edit", new_text, thread_id=msg.get("message_thread_id"), message_id=mid
        )
        if self._delivered(chat, msg):
            self._enqueue("edited_message", dict(msg))
        await asyncio.sleep(0)
        return msg

    async def press_button(
        self,
        chat: SandboxChat | SandboxUser | int,
        user: SandboxUser,
        message_id: int | SentMessage | dict,
        callback_data: str | None = None,
        *,
        text: str | None = None,
        check: bool = True,
    ) -> dict:
        """The user presses an inline button (by callback_data, or by a label substring
        via ``text``); returns the CallbackQuery dict. With check=True the button must be
        on the message's current keyboard."""
        chat = self._chat(chat)
        mid = self._mid(message_id)
        stored = self._stored(chat.id, mid)
        if stored is None:
            raise ValueError(f"no message {mid} in {chat.label}")
        buttons = [
            b
            for row in (stored.message.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
        ]
        if text is not None:
            match = [b for b in buttons if text in b.get("text", "") and "callback_data" in b]
            if not match:
                raise AssertionError(f"no button labelled {text!r} on message {mid}: {buttons}")
            callback_data = match[0]["callback_data"]
        if callback_data is None:
            raise ValueError("give callback_data or text")
        if check and (
            stored.deleted or not any(b.get("callback_data") == callback_data for b in buttons)
        ):
            raise AssertionError(
                f"message {mid} in {chat.label} has no button with callback_data "
                f"{callback_data!r} (deleted={stored.deleted}); buttons: {buttons}"
            )
        if chat.is_group:
            chat.member_ids.add(user.id)
        qid = str(next(self._query_ids))
        query = {
            "id": qid,
            "from": user.to_dict(),
            "message": dict(stored.message),
            "chat_instance": str(abs(chat.id) * 7919 % 10**12),
            "data": callback_data,
        }
        self._queries[qid] = query
        label = next(
            (b.get("text") for b in buttons if b.get("callback_data") == callback_data), "?"
        )
        self._emit(
            chat,
            user.display_name,
            "press",
            f"[{label}] ({callback_data})",
            thread_id=stored.message.get("message_thread_id"),
            message_id=mid,
        )
        self._enqueue("callback_query", query)
        await asyncio.sleep(0)
        return query

    def deliver_again(self, update_id: int) -> dict:
        """Queue an earlier update again with the same content (fresh update_id)."""
        original = self._all_updates[update_id]
        payload = {k: v for k, v in original.items() if k != "update_id"}
        ((kind, body),) = payload.items()
        if kind == "callback_query":
            self._queries[body["id"]] = body
        return self._enqueue(kind, json.loads(json.dumps(body)))

    def duplicate_last_update(self) -> dict:
        if self._last_driver_update_id is None:
            raise ValueError("no update was sent yet")
        return self.deliver_again(self._last_driver_update_id)

    def _my_chat_member(self, chat: SandboxChat, by_user: SandboxUser | None, old: dict) -> dict:
        actor = by_user or self._some_user(chat)
        payload = {
            "chat": chat.to_dict(),
            "from": actor.to_dict(),
            "date": self._now(),
            "old_chat_member": old,
            "new_chat_member": self._member_dict(chat, self.bot),
        }
        return self._enqueue("my_chat_member", payload)

    async def add_bot_to_group(
        self,
        chat: SandboxChat | int,
        by_user: SandboxUser,
        start_payload: str | None = None,
        *,
        as_admin: bool | None = None,
    ) -> dict:
        """``by_user`` adds the bot: my_chat_member + new_chat_members service message;
        with ``start_payload`` also ``/start@bot PAYLOAD`` (a ?startgroup= deep link)."""
        chat = self._chat(chat)
        old = self._member_dict(chat, self.bot)
        if old["status"] in ("member", "administrator"):
            old = {"status": "left", "user": self.bot.to_dict()}
        if as_admin is not None:
            chat.bot_status = "administrator" if as_admin else "member"
        elif chat.bot_status not in ("administrator", "member"):
            chat.bot_status = "member"
        chat.member_ids.add(by_user.id)
        self._my_chat_member(chat, by_user, old)
        msg = self._new_message(chat, by_user)
        msg["new_chat_members"] = [self.bot.to_dict()]
        msg["new_chat_member"] = self.bot.to_dict()
        msg["new_chat_participant"] = self.bot.to_dict()
        self._store(chat, msg, from_bot=False)
        self._emit(
            chat,
            by_user.display_name,
            "service",
            f"added {self.bot.first_name}",
            message_id=msg["message_id"],
        )
        self._enqueue("message", msg)
        if start_payload is not None:
            await self.send_message(chat, by_user, f"/start@{self.bot_username} {start_payload}")
        await asyncio.sleep(0)
        return msg

    async def remove_bot(self, chat: SandboxChat | int, by_user: SandboxUser | None = None) -> dict:
        """The bot is kicked: a my_chat_member update; later sends fail with 403."""
        chat = self._chat(chat)
        old = self._member_dict(chat, self.bot)
        chat.bot_status = "kicked"
        self._emit(
            chat,
            by_user.display_name if by_user else "admin",
            "service",
            f"removed {self.bot.first_name}",
        )
        update = self._my_chat_member(chat, by_user, old)
        await asyncio.sleep(0)
        return update

    async def block_bot(self, user: SandboxUser) -> dict:
        """The user blocks the bot in private: sends then fail with 403."""
        chat = self.private_chat(user)
        old = {"status": "member", "user": self.bot.to_dict()}
        self._blocked.add(user.id)
        payload = {
            "chat": chat.to_dict(),
            "from": user.to_dict(),
            "date": self._now(),
            "old_chat_member": old,
            "new_chat_member": {"status": "kicked", "user": self.bot.to_dict(), "until_date": 0},
        }
        self._emit(chat, user.display_name, "service", "blocked the bot")
        update = self._enqueue("my_chat_member", payload)
        await asyncio.sleep(0)
        return update

    async def migrate_to_supergroup(
        self, chat: SandboxChat | int, by_user: SandboxUser | None = None
    ) -> SandboxChat:
        """Upgrade a basic group: new chat id, migrate_to/migrate_from service messages."""
        old = self._chat(chat)
        if old.type != "group":
            raise ValueError(f"{old.label} is not a basic group")
        new = SandboxChat(
            id=-next(self._supergroup_ids),
            type="supergroup",
            title=old.title,
            bot_status=old.bot_status,
            bot_rights=dict(old.bot_rights),
            owner_id=old.owner_id,
            admin_ids=set(old.admin_ids),
            member_ids=set(old.member_ids),
            migrated_from=old.id,
        )
        self.chats[new.id] = new
        actor = by_user or self._some_user(old)
        to_msg = self._new_message(old, actor)
        to_msg["migrate_to_chat_id"] = new.id
        self._store(old, to_msg, from_bot=False)
        old.migrated_to = new.id
        self._emit(old, actor.display_name, "service", f"upgraded the group to supergroup {new.id}")
        self._enqueue("message", to_msg)
        from_msg = self._new_message(new, actor)
        from_msg["migrate_from_chat_id"] = old.id
        self._store(new, from_msg, from_bot=False)
        self._enqueue("message", from_msg)
        await asyncio.sleep(0)
        return new

    # ------------------------------------------------------------------ reading

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

    # ------------------------------------------------------------------ waiting

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

    async def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has finished reacting.

        Idle means: every queued update was confirmed (a getUpdates with a higher offset,
        or fetched and followed by a further getUpdates call), no Bot API call except
        getUpdates is running, and nothing (API call, confirmation, driver action) has
        happened for ``quiet`` seconds. Raises AssertionError on timeout and when the
        sandbox itself failed on a call.
        """
        deadline = time.monotonic() + timeout
        while True:
            if self.internal_errors:
                raise AssertionError(f"sandbox internal errors: {self.internal_errors}")
            unconfirmed = self._unconfirmed()
            now = time.monotonic()
            if not unconfirmed and self._inflight == 0 and now - self._last_activity >= quiet:
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
