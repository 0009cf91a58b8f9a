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

The parts live in their own modules, as mixins that :class:`Sandbox` composes:

* :mod:`.models` the data (users, chats, sent messages, transcript events, ``ApiError``);
* :mod:`.core` the shared state and helpers (stored messages, transcript, update queue);
* :mod:`.validation` and :mod:`.ratelimit` Telegram's parameter rules and flood limits;
* :mod:`.faults` injected failures (429, 5xx, slow replies, dropped connections) on a
  chosen share of calls: ``Sandbox(faults=FaultPlan(...))`` or ``set_faults(plan)``;
* :mod:`.webhook` setWebhook and the delivery of updates by POST, as Telegram does;
* :mod:`.api_updates`, :mod:`.api_commands`, :mod:`.api_messages`, :mod:`.api_files`,
  :mod:`.api_interactive`, :mod:`.api_chats` the Bot API methods by topic;
* :mod:`.driver_chats`, :mod:`.driver_messages` and :mod:`.observe` the driver side.

This module holds :class:`Sandbox` itself: its state, the HTTP app and the dispatch.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import logging
import mimetypes
import re
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .api_chats import ChatsApi
from .api_commands import CommandsApi
from .api_files import FilesApi
from .api_interactive import InteractiveApi
from .api_messages import MessagesApi
from .api_updates import UpdatesApi
from .core import SandboxCore
from .driver_chats import ChatsDriver
from .driver_messages import MessagesDriver
from .faults import FaultMixin, FaultPlan, InjectedFault
from .models import (
    ApiCall,
    ApiError,
    CallbackAnswer,
    SandboxChat,
    SandboxUser,
    SentDocument,
    SentMessage,
    StoredFile,
    StoredMessage,
    TranscriptEvent,
)
from .observe import ObserverMixin
from .ratelimit import RateLimitMixin, Window
from .validation import ValidationMixin, bad, decode_form_value

__all__ = [
    "ApiCall",
    "CallbackAnswer",
    "FaultPlan",
    "InjectedFault",
    "Sandbox",
    "SandboxChat",
    "SandboxUser",
    "SentDocument",
    "SentMessage",
    "TranscriptEvent",
]

_log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- sandbox


class Sandbox(
    UpdatesApi,
    CommandsApi,
    MessagesApi,
    FilesApi,
    InteractiveApi,
    ChatsApi,
    ChatsDriver,
    MessagesDriver,
    ObserverMixin,
    FaultMixin,
    ValidationMixin,
    RateLimitMixin,
    SandboxCore,
):
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
        faults: FaultPlan | None = None,
        latency: float = 0.0,
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
        self._messages: dict[int, dict[int, StoredMessage]] = {}
        self._files: dict[str, StoredFile] = {}
        self._docs: dict[int, list[SentDocument]] = {}
        self._file_paths: dict[str, StoredFile] = {}
        self._reactions: dict[tuple[int, int], list[str]] = {}
        self._pinned: dict[int, list[int]] = {}
        self._commands: dict[tuple[str, str], list[dict]] = {}
        self._blocked: set[int] = set()
        self._queries: dict[str, dict] = {}
        self._query_ids = itertools.count(4_242_000_001)
        self._windows: dict[tuple, Window] = {}

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
        self._allowed_updates: frozenset[str] | None = None

        # observation
        self.calls: list[ApiCall] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.rate_limited_count = 0
        self.internal_errors: list[str] = []
        # Calls Telegram would refuse (too long, bad markup, ...): (method, description).
        self.refused_calls: list[tuple[str, str]] = []
        self.events: list[TranscriptEvent] = []
        self._listeners: list[Callable[[TranscriptEvent], Any]] = []
        self._inflight = 0
        self._last_activity = time.monotonic()
        # Seconds each call (but getUpdates) takes to answer, as over the internet to
        # Telegram's servers; benchmarks set it, tests leave it at 0.
        self.latency = latency
        # A bot in this process can say it is still busy (wait_idle asks): handling an
        # update or sending takes no Bot API call for a moment.
        self.busy_checks: list[Callable[[], bool]] = []
        self.bot_name_info = {"name": bot_name, "description": "", "short_description": ""}

        # fault injection (see .faults)
        self.faults_injected: list[InjectedFault] = []
        self._held_replies: set[asyncio.Future[None]] = set()
        self.set_faults(faults)
        self._init_webhook()  # see .webhook

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
        self._release_held_replies()
        await self._close_webhook()
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
            return self._error_response(bad(f"can't parse request: {exc}"))

        is_poll = method.lower() == "getupdates"
        logged = dict(params)
        for key, f in files.items():
            logged[key] = {"file_name": f.name, "size": len(f.data)}
        self.calls.append(ApiCall(method, logged, time.monotonic()))
        fault = self._draw_fault(method, params)
        hold_for = self.faults.slow_seconds if fault == "slow" and self.faults else 0.0
        if fault is not None and fault != "slow":
            if not is_poll:
                self._last_activity = time.monotonic()
            if fault == "drop":
                return self._drop_connection(request)
            return self._error_response(self._fault_error(fault))
        if not is_poll:
            self._inflight += 1
            self._last_activity = time.monotonic()
        try:
            if self.latency and not is_poll:
                await asyncio.sleep(self.latency)
            response = await self._call(method, handler, params, files)
            if fault == "slow":
                if is_poll:
                    self._unfetch(response)
                await self._hold_reply(hold_for)
        finally:
            if not is_poll:
                self._inflight -= 1
                self._last_activity = time.monotonic()
        return response

    async def _call(
        self, method: str, handler: Callable[[dict, dict], Any], params: dict, files: dict
    ) -> web.Response:
        try:
            result = handler(params, files)
            if inspect.isawaitable(result):
                result = await result
        except ApiError as exc:
            self.refused_calls.append((method, exc.description))
            return self._error_response(exc)
        except Exception as exc:  # a sandbox bug: make it visible
            _log.exception("sandbox failed on %s", method)
            self.internal_errors.append(f"{method}: {exc!r}")
            return self._error_response(ApiError(f"Internal Server Error: {exc!r}", 500))
        return web.json_response({"ok": True, "result": result})

    def _unfetch(self, response: web.Response) -> None:
        """A getUpdates reply that the client will not receive: its updates count as not
        fetched yet, so ``wait_idle`` waits for the poll that really delivers them."""
        if response.status != 200 or not isinstance(response.body, bytes):
            return
        for update in json.loads(response.body).get("result") or []:
            self._fetched_in.pop(update.get("update_id"), None)

    def _error_response(self, exc: ApiError) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.code)

    async def _read_params(self, request: web.Request) -> tuple[dict, dict[str, StoredFile]]:
        params: dict[str, Any] = {k: decode_form_value(k, v) for k, v in request.query.items()}
        files: dict[str, StoredFile] = {}
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
                        files[key] = StoredFile("", "", name, mime, data, "")
                    elif isinstance(value, bytes | bytearray):
                        params[key] = decode_form_value(key, value.decode("utf-8"))
                    else:
                        params[key] = decode_form_value(key, value)
        return params, files

    def _serve_file(self, rest: str) -> web.Response:
        token, _, path = rest.partition("/")
        if token != self._token:
            return self._error_response(ApiError("Unauthorized", 401))
        f = self._file_paths.get(path)
        if f is None:
            return self._error_response(ApiError("Not Found", 404))
        return web.Response(body=f.data, content_type=f.mime_type)
