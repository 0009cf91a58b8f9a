"""The live board's web server: pages, a live stream of the board, and the control API.

The bot process serves it beside the Telegram shell (aiohttp, one port). Every change the
control view makes runs the same use case as the chat command, in the same unit of work
(``bot.usecases.unit.handle``): the chat list and the room's screen show one list.

Nothing here logs a token, initData or a request line: tokens travel in the URL fragment
(which browsers never send) and in the ``Authorization`` header.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.actions import Outcome, React, Say
from bot.incoming import Incoming
from bot.metrics import CONTENT_TYPE_LATEST, Metrics
from bot.usecases import Refused, Services, confirm, count_votes, start_vote, undo_edit
from bot.usecases.plenary import apply_draft_edit
from bot.usecases.unit import Handled, handle
from flows import plenair
from flows.texts import DEFAULT_LANGUAGE, plain
from storage import Store
from web.auth import Control, Signer, new_screen_token, screen_tag
from web.state import read_board

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
# A change in storage reaches the open pages after this pause, so a burst of writes (a
# vote, a merge and its outbox rows) costs one read of the board.
SETTLE_SECONDS = 0.03
PING_SECONDS = 15.0
# The board also changes with the clock alone (minutes left): read it again this often.
CLOCK_SECONDS = 30.0
MAX_BODY = 16 * 1024
MAX_TEXT = 2000
WEB_MESSAGE = 0  # the "message id" of a change made on the page: replies go to the page
_REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
_TAG = re.compile(r"<[^>]+>")
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
        "form-action 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
# The changes the control view can make: the op names are the chat commands'.
EDIT_OPS = {op.value: op for op in plenair.Op}
OTHER_OPS = frozenset({"ongedaan", "stemmen", "telling", "bevestig"})


class Denied(Exception):
    """A request without the right to what it asks; ``key`` is the page's message."""

    def __init__(self, key: str, status: int = 403) -> None:
        super().__init__(key)
        self.key = key
        self.status = status


@dataclass(frozen=True)
class Access:
    """Who is asking: which workshop's board, and whether they may change it."""

    workshop_id: int
    token: str  # the projector token, or the control link's token
    control: Control | None = None


@dataclass(eq=False)
class Stream:
    """One open page: the newest state waiting for it, and whether it was closed."""

    access: Access
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    pending: bytes | None = None
    closed: str | None = None  # the message shown when access ended

    def push(self, event: bytes) -> None:
        self.pending = event  # a slow page skips states it had no time for: only the newest
        self.wake.set()

    def close(self, message: str) -> None:
        self.closed = message
        self.wake.set()


def sse(event: str, data: Any) -> bytes:
    """One Server-Sent Event."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event}\ndata: {body}\n\n".encode()


def page_text(message: str) -> str:
    """A chat reply (Telegram HTML) as plain text for the page."""
    return html.unescape(_TAG.sub("", message)).strip()


API_GRACE = 60  # seconds without an answer from the Bot API beyond three long polls


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


class BoardServer:
    """The web app of one bot: serves the pages, streams boards, takes the control view's
    changes. ``services`` and ``send`` come from the running bot."""

    def __init__(
        self,
        services: Services,
        send: Callable[[Handled], None],
        signer: Signer,
        *,
        clock_seconds: float = CLOCK_SECONDS,
        metrics: Metrics | None = None,
        metrics_token: str | None = None,
    ) -> None:
        self.services = services
        self.metrics = metrics
        self.metrics_token = metrics_token
        self.send = send
        self.signer = signer
        self.public_url = ""
        self.poller: Any = None  # the bot's DurablePoller (or WebhookReceiver), for /healthz
        # More routes the composition root adds before start (web/webhook.py).
        self.routes: list[Callable[[web.Application], None]] = []
        self.clock_seconds = clock_seconds
        self._streams: dict[int, set[Stream]] = {}
        self._refresh: asyncio.Task[None] | None = None
        self._dirty = False
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task[None] | None = None
        self.sent_events = 0  # for the benchmark
        services.storage.on_commit(self.changed)

    @property
    def store(self) -> Store:
        return self.services.storage

    # -- links (ScreenAccess, for /scherm) ----------------------------------------------

    def new_token(self) -> str:
        return new_screen_token()

    def control_token(self, workshop_id: int, user_id: int, screen_token: str, now: float) -> str:
        return self.signer.control_token(workshop_id, user_id, screen_token, now)

    # -- running --------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._headers])
        app.router.add_get("/", self._home)
        app.router.add_get("/scherm", self._page("scherm.html"))
        app.router.add_get("/bediening", self._page("bediening.html"))
        app.router.add_get("/healthz", self._health)
        app.router.add_get("/metrics", self._metrics)
        app.router.add_static("/static/", STATIC, show_index=False, append_version=False)
        app.router.add_get("/api/stream", self._stream)
        app.router.add_post("/api/session", self._session)
        app.router.add_post("/api/action", self._action)
        for add_route in self.routes:
            add_route(app)
        return app

    async def start(self, host: str, port: int, public_url: str | None = None) -> str:
        """Listen on host:port (0: any free port); the address people open."""
        self._runner = web.AppRunner(
            self.app(), access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0]
        shown = f"[{bound[0]}]" if ":" in str(bound[0]) else str(bound[0])
        self.public_url = (public_url or f"http://{shown}:{bound[1]}").rstrip("/")
        self._ticker = asyncio.get_running_loop().create_task(self._tick())
        log.info("live board on %s:%s", bound[0], bound[1])
        return self.public_url

    async def stop(self) -> None:
        """Close every open page's stream and stop listening."""
        for task in (self._ticker, self._refresh):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        for streams in self._streams.values():
            for stream in streams:
                stream.close("")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def open_pages(self) -> int:
        return sum(len(s) for s in self._streams.values())

    # -- following storage ----------------------------------------------------------------

    def changed(self) -> None:
        """Storage committed a change: read the open boards again, soon (once per burst)."""
        if not self._streams:
            return
        self._dirty = True
        if self._refresh is None or self._refresh.done():
            self._refresh = asyncio.get_running_loop().create_task(self._push_all())

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.clock_seconds)
            self.changed()

    async def _push_all(self) -> None:
        while self._dirty:
            self._dirty = False
            await asyncio.sleep(SETTLE_SECONDS)
            for workshop_id in list(self._streams):
                try:
                    await self._push(workshop_id)
                except Exception:  # one board that fails to read must not stop the others
                    log.exception("reading the board of workshop %d failed", workshop_id)

    async def _push(self, workshop_id: int) -> None:
        streams = self._streams.get(workshop_id)
        if not streams:
            return
        state = await read_board(self.store, workshop_id, self.services.clock())
        events: dict[bool, bytes] = {}
        for stream in list(streams):
            try:
                await self._check(stream.access)
            except Denied as denied:
                stream.close(plain(denied.key, state["lang"] if state else DEFAULT_LANGUAGE))
                continue
            if state is None:
                continue
            control = stream.access.control is not None
            if control not in events:
                events[control] = sse("state", {**state, "control": control})
            stream.push(events[control])

    # -- who may do what ------------------------------------------------------------------

    async def _access(self, request: web.Request, *, control: bool = False) -> Access:
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header.startswith("Bearer ") else ""
        if not token or len(token) > 512:
            raise Denied("web.geen_toegang", 401)
        access = await self._resolve(token)
        if control and access.control is None:
            raise Denied("web.alleen_kijken")
        await self._check(access)
        return access

    async def _resolve(self, token: str) -> Access:
        if token.startswith("c1."):
            claims = self.signer.read_control(token, self.services.clock().timestamp())
            if claims is None:
                raise Denied("web.link_verlopen", 401)
            return Access(claims.workshop_id, token, claims)
        workshop_id = await self.store.workshop_of_screen(token)
        if workshop_id is None:
            raise Denied("web.geen_toegang", 401)
        return Access(workshop_id, token)

    async def _check(self, access: Access) -> None:
        """Still allowed: the screen is on (with this token), the person still facilitates."""
        current = await self.store.screen_token(access.workshop_id)
        if current is None:
            workshop = await self.store.get_workshop(access.workshop_id)
            ended = workshop is not None and workshop.ended_at is not None
            raise Denied("web.afgerond" if ended else "web.scherm_uit")
        if access.control is None:
            if current != access.token:
                raise Denied("web.scherm_uit")
            return
        if access.control.tag != screen_tag(current):
            raise Denied("web.scherm_uit")
        workshop = await self.store.get_workshop(access.workshop_id)
        if workshop is None or not await self.store.is_facilitator(
            workshop, access.control.user_id
        ):
            raise Denied("web.alleen_facilitator")

    # -- handlers ---------------------------------------------------------------------------

    @web.middleware
    async def _headers(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except Denied as denied:
            response = web.json_response(
                {"message": plain(denied.key, DEFAULT_LANGUAGE)}, status=denied.status
            )
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            response = web.json_response(
                {"message": plain("web.fout_verzoek", DEFAULT_LANGUAGE)}, status=exc.status
            )
        if not response.prepared:
            response.headers.update(_SECURITY_HEADERS)
            if request.path.startswith("/api/"):
                response.headers["Cache-Control"] = "no-store"
        return response

    def _page(self, name: str):
        async def page(request: web.Request) -> web.StreamResponse:
            return web.FileResponse(STATIC / name, headers={"Cache-Control": "no-cache"})

        return page

    async def _home(self, request: web.Request) -> web.Response:
        return web.Response(text=plain("web.home", DEFAULT_LANGUAGE), content_type="text/plain")

    async def _health(self, request: web.Request) -> web.Response:
        """For a monitor or Docker's HEALTHCHECK: 200 when the database takes writes and
        the Bot API answered lately, 503 when not; the details as JSON."""
        now = datetime.now(UTC)
        writable = await self.store.writable()
        report: dict[str, Any] = {"database": {"writable": writable}, "pages": self.open_pages()}
        ok = writable
        poller = self.poller
        if poller is not None:
            answered, error = poller.api_answered, poller.api_error
            api_ok = (
                answered is not None and error is None
                and now - answered <= timedelta(seconds=3 * poller.poll_timeout + API_GRACE)
            )  # fmt: skip
            report["bot_api"] = {"reachable": api_ok, "last_answer": _stamp(answered),
                                 "error": error}  # fmt: skip
            report["last_update"] = _stamp(poller.last_update)
            ok = ok and api_ok
        report["ok"] = ok
        return web.json_response(report, status=200 if ok else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        """Prometheus's text format: counts only (bot/metrics.py), behind a Bearer token
        when PARTNERSCHAPKAART_METRICS_TOKEN is set."""
        if self.metrics is None:
            raise web.HTTPNotFound()
        if self.metrics_token:
            given = request.headers.get("Authorization", "").encode()
            if not hmac.compare_digest(given, f"Bearer {self.metrics_token}".encode()):
                raise Denied("web.geen_toegang", 401)
        body = await self.metrics.render(self.store)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        access = await self._access(request)
        state = await read_board(self.store, access.workshop_id, self.services.clock())
        if state is None:
            raise Denied("web.scherm_uit")
        response = web.StreamResponse(
            headers={
                **_SECURITY_HEADERS,
                "Content-Type": "text/event-stream; charset=utf-8",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",  # a reverse proxy must not hold events back
            }
        )
        await response.prepare(request)
        stream = Stream(access)
        self._streams.setdefault(access.workshop_id, set()).add(stream)
        try:
            await response.write(sse("state", {**state, "control": access.control is not None}))
            while True:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stream.wake.wait(), PING_SECONDS)
                stream.wake.clear()
                if stream.closed is not None:
                    if stream.closed:
                        await response.write(sse("closed", {"message": stream.closed}))
                    break
                if stream.pending is not None:
                    event, stream.pending = stream.pending, None
                    await response.write(event)
                    self.sent_events += 1
                else:
                    await response.write(b": ping\n\n")
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            streams = self._streams.get(access.workshop_id)
            if streams is not None:
                streams.discard(stream)
                if not streams:
                    del self._streams[access.workshop_id]
        return response

    async def _session(self, request: web.Request) -> web.Response:
        """Telegram's Mini App: exchange signed initData for a control link's token."""
        body = await _json_body(request)
        init_data, workshop_id = body.get("init_data"), body.get("workshop")
        if not isinstance(init_data, str) or not isinstance(workshop_id, int):
            raise Denied("web.fout_verzoek", 400)
        now = self.services.clock().timestamp()
        user_id = self.signer.read_init_data(init_data, now)
        if user_id is None:
            raise Denied("web.geen_toegang", 401)
        workshop = await self.store.get_workshop(workshop_id)
        if workshop is None or not await self.store.is_facilitator(workshop, user_id):
            raise Denied("web.alleen_facilitator")
        screen_token = await self.store.screen_token(workshop_id)
        if screen_token is None:
            raise Denied("web.scherm_uit")
        token = self.signer.control_token(workshop_id, user_id, screen_token, now)
        return web.json_response({"token": token})

    async def _action(self, request: web.Request) -> web.Response:
        access = await self._access(request, control=True)
        assert access.control is not None
        body = await _json_body(request)
        change = _read_change(body)
        workshop = await self.store.get_workshop(access.workshop_id)
        assert workshop is not None  # _check saw it
        before = await _signature(self.store, access.workshop_id)
        source = f"web:{workshop.id}:{change.request}"
        inc = await self._incoming(
            workshop.id, workshop.plenary_chat_id, access.control.user_id, source
        )
        messages: list[str] = []
        work = self._capture(lambda: self._use_case(inc, change), messages)
        handled = await handle(self.services, work, source=source)
        self.send(handled)
        after = await _signature(self.store, access.workshop_id)
        state = await read_board(self.store, access.workshop_id, self.services.clock())
        ok = handled.repeated or after != before
        return web.json_response(
            {
                "ok": ok,
                "message": "\n".join(messages),
                "state": {**(state or {}), "control": True},
            }
        )

    async def _incoming(
        self, workshop_id: int, plenary_chat: int, user_id: int, source: str
    ) -> Incoming:
        """The control view's change as the use cases read a message: from the facilitator,
        in the chat where the plenary list stands."""
        chat_id, thread_id = plenary_chat, None
        workshop = await self.store.get_workshop(workshop_id)
        if workshop is not None and workshop.plenary_column is not None:
            draft = await self.store.get_draft(workshop_id, workshop.plenary_column)
            if draft is not None and draft.chat_id is not None:
                chat_id, thread_id = draft.chat_id, draft.thread_id
        return Incoming(
            chat_id=chat_id,
            chat_type="private" if chat_id == user_id else "group",
            chat_title=None,
            thread_id=thread_id,
            topic_name=None,
            message_id=WEB_MESSAGE,
            user_id=user_id,
            first_name="",
            username=None,
            language_code=None,
            text=None,
            reply_to_bot=False,
            reply_to_person=False,
            anonymous_admin=False,
            workshop_id=workshop_id,
            change_key=source,
        )

    def _use_case(self, inc: Incoming, change: Change) -> Awaitable[Outcome]:
        s, seen = self.services, (change.column, change.version)
        match change.op:
            case "ongedaan":
                return undo_edit(s, inc, seen=seen)
            case "stemmen":
                return start_vote(s, inc, str(change.votes), seen=seen)
            case "telling":
                return count_votes(s, inc, seen=seen)
            case "bevestig":
                return confirm(s, inc, version=change.version, column=change.column)
        edit = plenair.Edit(EDIT_OPS[change.op], change.numbers, change.text)
        return apply_draft_edit(s, inc, edit, seen=seen)

    @staticmethod
    async def _capture(use_case: Callable[[], Awaitable[Outcome]], messages: list[str]) -> Outcome:
        """Run the use case; its replies to the page go to ``messages``, the rest on. (It
        is made only here: a change sent twice never starts the second time.)"""
        try:
            outcome = await use_case()
        except Refused as refused:
            outcome = refused.outcome
        kept = Outcome()
        for action in outcome.actions:
            if isinstance(action, Say) and action.reply_to == WEB_MESSAGE:
                messages.append(page_text(action.text))
            elif isinstance(action, React) and action.message_id == WEB_MESSAGE:
                continue
            else:
                kept.add(action)
        if outcome.toast:
            messages.append(outcome.toast)
        return kept


@dataclass(frozen=True)
class Change:
    """A change asked for by the control view, checked for shape (not yet for sense)."""

    request: str
    op: str
    column: int
    version: int
    numbers: tuple[int, ...] = ()
    text: str = ""
    votes: int = 3


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError) as exc:
        raise Denied("web.fout_verzoek", 400) from exc
    if not isinstance(body, dict):
        raise Denied("web.fout_verzoek", 400)
    return body


def _small_int(value: object, low: int = 0, high: int = 1_000_000) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Denied("web.fout_verzoek", 400)
    return value


def _read_change(body: dict[str, Any]) -> Change:
    request, op = body.get("request"), body.get("op")
    if not isinstance(request, str) or not _REQUEST_ID.fullmatch(request):
        raise Denied("web.fout_verzoek", 400)
    if op not in EDIT_OPS and op not in OTHER_OPS:
        raise Denied("web.fout_verzoek", 400)
    numbers = body.get("numbers", [])
    if not isinstance(numbers, list) or len(numbers) > 100:
        raise Denied("web.fout_verzoek", 400)
    text = body.get("text", "")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise Denied("web.fout_verzoek", 400)
    return Change(
        request=request,
        op=op,
        column=_small_int(body.get("column"), 0, 5),
        version=_small_int(body.get("version")),
        numbers=tuple(_small_int(n) for n in numbers),
        text=text,
        votes=_small_int(body.get("votes", 3), 0, 100),
    )


async def _signature(store: Store, workshop_id: int) -> tuple[object, ...]:
    """What a change that went through alters: the phase, the list, its version."""
    workshop = await store.get_workshop(workshop_id)
    if workshop is None:
        return ()
    draft = None
    if workshop.plenary_column is not None:
        draft = await store.get_draft(workshop_id, workshop.plenary_column)
    return (
        workshop.fase,
        workshop.plenary_column,
        draft.version if draft else None,
        draft.voting if draft else None,
        draft.confirmed if draft else None,
    )
