"""What the running bot counts, for Prometheus (`/metrics` on the live board's address).

One ``Metrics`` per Application, each with its own registry (not prometheus-client's
global one), so several bots in one process (tests, benchmarks) do not mix their figures.
The Telegram shell records (the poller, the rate limiter); the web server serves. Only
counts, method names and update kinds: never a message text, a name or the token.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from telegram import Update
from telegram.error import RetryAfter

from storage import Store

# The kinds of update the bot asks Telegram for (bot/polling.py ALLOWED_UPDATES).
KINDS = ("message", "edited_message", "callback_query", "my_chat_member", "chat_member")
# Handling takes milliseconds; waiting behind a busy chat or a barrier can take seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

__all__ = ["CONTENT_TYPE_LATEST", "Metrics", "update_kind"]


def update_kind(update: object) -> str:
    """'message', 'callback_query', … (what kind of update it is, nothing of its content)."""
    if isinstance(update, Update):
        for kind in KINDS:
            if getattr(update, kind, None) is not None:
                return kind
    return "other"


class Metrics:
    """The bot's counters, histogram and gauges, in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            "partnerschapkaart_updates_received", "Updates received from Telegram, by kind",
            ["kind"], registry=r,
        )  # fmt: skip
        self.api_calls = Counter(
            "partnerschapkaart_bot_api_calls", "Bot API calls made (each try), by method",
            ["method"], registry=r,
        )  # fmt: skip
        self.api_errors = Counter(
            "partnerschapkaart_bot_api_errors",
            "Bot API calls that failed (not counting 429s), by method", ["method"], registry=r,
        )  # fmt: skip
        self.retry_after = Counter(
            "partnerschapkaart_bot_api_retry_after",
            "Bot API calls Telegram refused with 429 Too Many Requests, by method",
            ["method"], registry=r,
        )  # fmt: skip
        self.handling = Histogram(
            "partnerschapkaart_update_handling_seconds",
            "From an update's arrival until it was handled (its messages are in the outbox)",
            buckets=LATENCY_BUCKETS, registry=r,
        )  # fmt: skip
        # Read from the database at each scrape (see ``render``).
        self.outbox = Gauge(
            "partnerschapkaart_outbox_length", "Messages decided and not yet sent", registry=r
        )
        self.answers = Gauge(
            "partnerschapkaart_answers_stored", "Answers in the database (every workshop)",
            registry=r,
        )  # fmt: skip

    def update_received(self, update: object) -> None:
        self.updates.labels(update_kind(update)).inc()

    @contextlib.contextmanager
    def calling(self, method: str) -> Iterator[None]:
        """Count one Bot API call (around the awaited call), and how it failed."""
        self.api_calls.labels(method).inc()
        try:
            yield
        except RetryAfter:
            self.retry_after.labels(method).inc()
            raise
        except Exception:
            self.api_errors.labels(method).inc()
            raise

    async def render(self, store: Store) -> bytes:
        """The text format for Prometheus; the gauges are read from storage now."""
        self.outbox.set(await store.outbox_length())
        self.answers.set(await store.answers_in_total())
        return generate_latest(self.registry)
