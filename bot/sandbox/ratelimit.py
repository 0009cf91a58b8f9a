"""Telegram's flood limits, simulated with sliding windows (off unless ``rate_limits``)."""

from __future__ import annotations

import math
import time
from collections import deque

from .core import SandboxCore
from .models import ApiError, SandboxChat

# Methods that post a message (count for rate limits).
_SENDING_METHODS = frozenset({"sendmessage", "senddocument", "sendpoll"})
_PER_CHAT_ONLY_METHODS = frozenset({"editmessagetext"})


class Window:
    """A sliding window: at most ``limit`` calls in any ``period`` seconds."""

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


class RateLimitMixin(SandboxCore):
    """Raises 429 ``Too Many Requests`` like Telegram when a window is full."""

    _windows: dict[tuple, Window]

    def _check_rate(self, method: str, chat: SandboxChat) -> None:
        if not self.rate_limits:
            return
        m = method.lower()
        if m not in _SENDING_METHODS and m not in _PER_CHAT_ONLY_METHODS:
            return
        windows: list[Window] = []
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

    def _window(self, key: tuple, spec: tuple[int, float]) -> Window:
        w = self._windows.get(key)
        if w is None or (w.limit, w.period) != spec:
            w = self._windows[key] = Window(spec[0], spec[1])
        return w
