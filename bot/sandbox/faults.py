"""Fault injection: the sandbox fails a chosen share of Bot API calls like Telegram and a
flaky network do, so the bot's retry handling can be tested.

::

    plan = FaultPlan(share=0.1, kinds=("429", "502", "slow", "drop"), seed=7)
    async with Sandbox(faults=plan) as sandbox:
        ...
        sandbox.set_faults(None)  # healthy again from the next call on

The kinds, and what the client sees:

* ``"429"``: HTTP 429 ``Too Many Requests: retry after N`` with ``parameters.retry_after``;
  the call is not applied (python-telegram-bot raises ``RetryAfter``).
* ``"500"`` / ``"502"``: HTTP 500 ``Internal Server Error`` / 502 ``Bad Gateway``; the call is
  not applied (``NetworkError``).
* ``"slow"``: the call IS applied (a sent message is stored, visible to the driver and
  delivered in the transcript), but the HTTP reply is held back for ``slow_seconds``, longer
  than the client's read timeout (``TimedOut``). This is the hard case: the client cannot
  know whether the action happened, and a blind retry sends the message twice. A held-back
  reply counts as in flight for ``wait_idle`` until it is written (or the sandbox stops).
* ``"drop"``: the connection is closed without any reply; the call is not applied
  (``NetworkError``: "Server disconnected without sending a response").

Which calls: each call of an eligible method draws from ``random.Random(seed)``: with
probability ``share`` it fails, with a kind chosen evenly from ``kinds``. So the same
sequence of calls gives the same faults. Eligible are all methods except ``getUpdates``
when ``methods`` is None, else exactly the listed methods (case-insensitive; list
``getUpdates`` to fail polls too). Unknown methods and wrong tokens are never faulted.

Every fault is recorded in ``sandbox.faults_injected`` as
``InjectedFault(method, kind, time.monotonic())`` and appears in the transcript as an event
of kind ``"fault"`` (actor ``⚡ sandbox``), in the chat of the call when it names a known
chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from dataclasses import dataclass
from typing import NamedTuple

from aiohttp import web

from .core import SandboxCore
from .models import ApiError, SandboxChat

FAULT_KINDS = ("429", "500", "502", "slow", "drop")

_FAULT_ACTOR = "⚡ sandbox"


@dataclass(frozen=True)
class FaultPlan:
    """Which share of calls fails, and how. See :mod:`bot.sandbox.faults`."""

    share: float
    kinds: tuple[str, ...] = FAULT_KINDS
    seed: int = 0
    methods: frozenset[str] | None = None
    slow_seconds: float = 12.0
    retry_after: int = 1

    def __post_init__(self) -> None:
        if not 0.0 <= self.share <= 1.0:
            raise ValueError(f"share must be between 0 and 1, not {self.share!r}")
        if isinstance(self.kinds, str):
            raise TypeError("kinds must be a tuple of kinds, not a string")
        if not self.kinds:
            raise ValueError("kinds must name at least one kind")
        unknown = [k for k in self.kinds if k not in FAULT_KINDS]
        if unknown:
            raise ValueError(f"unknown fault kinds {unknown}; choose from {FAULT_KINDS}")
        if isinstance(self.methods, str):
            raise TypeError("methods must be a set of method names, not a string")
        if self.slow_seconds < 0:
            raise ValueError("slow_seconds must not be negative")
        if self.retry_after < 1:
            raise ValueError("retry_after must be at least 1")

    def covers(self, method: str) -> bool:
        """Whether calls of ``method`` may fail under this plan."""
        low = method.lower()
        if self.methods is None:
            return low != "getupdates"
        return low in {m.lower() for m in self.methods}


class InjectedFault(NamedTuple):
    method: str
    kind: str
    time: float  # time.monotonic()


class FaultMixin(SandboxCore):
    """Decides, records and produces injected faults for :class:`Sandbox`."""

    faults: FaultPlan | None
    faults_injected: list[InjectedFault]
    _fault_rng: random.Random
    _held_replies: set[asyncio.Future[None]]

    def set_faults(self, plan: FaultPlan | None) -> None:
        """Inject faults from the next call on (None: no more faults). The random sequence
        restarts from ``plan.seed``."""
        if plan is not None and not isinstance(plan, FaultPlan):
            raise TypeError(f"expected a FaultPlan or None, not {type(plan).__name__}")
        self.faults = plan
        self._fault_rng = random.Random(plan.seed if plan is not None else 0)

    def _draw_fault(self, method: str, params: dict) -> str | None:
        """The fault kind for this call, or None; records and reports an injected fault."""
        plan = self.faults
        if plan is None or plan.share <= 0 or not plan.covers(method):
            return None
        if self._fault_rng.random() >= plan.share:
            return None
        kind = self._fault_rng.choice(plan.kinds)
        self.faults_injected.append(InjectedFault(method, kind, time.monotonic()))
        self._emit(self._fault_chat(params), _FAULT_ACTOR, "fault", self._fault_text(method, kind))
        return kind

    def _fault_text(self, method: str, kind: str) -> str:
        plan = self.faults
        assert plan is not None
        if kind == "429":
            return f"{method}: 429 retry after {plan.retry_after} (not applied)"
        if kind == "500":
            return f"{method}: 500 Internal Server Error (not applied)"
        if kind == "502":
            return f"{method}: 502 Bad Gateway (not applied)"
        if kind == "slow":
            return f"{method}: reply held back {plan.slow_seconds:g}s (applied)"
        return f"{method}: connection dropped (not applied)"

    def _fault_chat(self, params: dict) -> SandboxChat:
        chat = None
        with contextlib.suppress(TypeError, ValueError):
            chat = self.chats.get(int(params.get("chat_id", "")))
        return chat or SandboxChat(id=0, type="private", title="sandbox")

    def _fault_error(self, kind: str) -> ApiError:
        if kind == "429":
            assert self.faults is not None
            n = self.faults.retry_after
            return ApiError(f"Too Many Requests: retry after {n}", 429, {"retry_after": n})
        if kind == "500":
            return ApiError("Internal Server Error", 500)
        return ApiError("Bad Gateway", 502)

    @staticmethod
    def _drop_connection(request: web.Request) -> web.Response:
        """Close the connection without a reply. The returned response is never written:
        aiohttp finds the transport closed and gives up quietly."""
        transport = request.transport
        if transport is not None:
            transport.close()
        return web.Response(status=500)

    async def _hold_reply(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when the sandbox stops."""
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        timer = loop.call_later(seconds, _release, waiter)
        self._held_replies.add(waiter)
        try:
            await waiter
        finally:
            timer.cancel()
            self._held_replies.discard(waiter)

    def _release_held_replies(self) -> None:
        for waiter in list(self._held_replies):
            _release(waiter)


def _release(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
