"""Rate limiting that spends Telegram's per-group budget on new messages only."""

from __future__ import annotations

from typing import Any

from telegram.ext import AIORateLimiter

from bot.metrics import Metrics

# Telegram's published "20 messages per minute per group" is about new messages. PTB's
# AIORateLimiter counts every call that names a group chat, so reactions (our cheap
# acknowledgement of each answer) and board edits would eat the budget of a busy
# subgroup and delay its next question. Those calls still retry on a 429.
NEW_MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendPoll",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
        "sendSticker",
        "sendVoice",
        "sendAudio",
        "sendVideo",
        "sendAnimation",
        "sendLocation",
        "sendContact",
    }
)


# Telegram allows about 30 messages per second overall. A bucket that lets 30 go at
# once and then 30 per second sends up to 60 in the first second, which a strict
# per-second counter answers with 429s and a pause for everyone. So the overall limit
# is a steady pace without a burst, a little under 30/s so timing jitter stays safe;
# a broadcast to N chats then takes about N/29 seconds, the least the limit allows.
OVERALL_PER_SECOND = 29


class MessageRateLimiter(AIORateLimiter):
    """AIORateLimiter whose group and overall limits apply to new messages only."""

    def __init__(self, *, max_retries: int = 5, metrics: Metrics | None = None) -> None:
        super().__init__(
            overall_max_rate=1,
            overall_time_period=1 / OVERALL_PER_SECOND,
            max_retries=max_retries,
        )
        self.metrics = metrics

    async def process_request(  # type: ignore[override]
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if endpoint not in NEW_MESSAGE_METHODS and "chat_id" in data:
            data = {k: v for k, v in data.items() if k != "chat_id"}
        if self.metrics is not None:
            callback = _counted(self.metrics, endpoint, callback)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


def _counted(metrics: Metrics, method: str, callback: Any) -> Any:
    """The call, counted on each try (a 429 is retried here, and counted each time)."""

    async def call(*args: Any, **kwargs: Any) -> Any:
        with metrics.calling(method):
            return await callback(*args, **kwargs)

    return call
