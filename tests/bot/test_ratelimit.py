"""The rate limiter spends a group's 20-a-minute budget on new messages only.

The limiter runs on an event loop whose clock moves only when the test moves it, so what
waits and what goes out is decided by the limiter, never by how fast this machine is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter

from bot.ratelimit import MessageRateLimiter

GROUP = -100_200_300
OTHER_GROUP = -100_200_301
STEP = 0.05  # seconds between two calls: more than the overall pace of 1/29 s


class StoppedClockLoop(asyncio.SelectorEventLoop):
    """An event loop whose time stands still until the test moves it on."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 1_000.0

    def time(self) -> float:
        return self.now


class Telegram:
    """Calls the limiter the way ExtBot does; records what reaches the (fake) Bot API."""

    def __init__(self, loop: StoppedClockLoop) -> None:
        self.loop = loop
        self.limiter = MessageRateLimiter()
        self.received: list[tuple[str, dict[str, Any]]] = []
        self.refusals: list[float] = []  # retry_after of each 429 still to hand out

    async def _post(self, endpoint: str, data: dict[str, Any]) -> bool:
        """The fake Bot API: answers 429 while refusals are planned, else accepts."""
        if self.refusals:
            raise RetryAfter(timedelta(seconds=self.refusals.pop(0)))
        self.received.append((endpoint, data))
        return True

    async def call(self, endpoint: str, **data: Any) -> asyncio.Task[Any]:
        """Start one Bot API call and let it go as far as the limiter allows right now."""
        task = asyncio.create_task(
            self.limiter.process_request(
                callback=self._post,
                args=(endpoint, data),
                kwargs={},
                endpoint=endpoint,
                data=data,
                rate_limit_args=None,
            )
        )
        await self.settle()
        return task

    async def later(self, seconds: float) -> None:
        """Move the clock on and let whatever was waiting for that moment go."""
        self.loop.now += seconds
        await self.settle()

    @staticmethod
    async def settle() -> None:
        # Without the clock moving only ready callbacks run; a fixed number of rounds
        # is plenty for a call to pass the limiter, and is the same on every machine.
        for _ in range(50):
            await asyncio.sleep(0)

    def endpoints(self) -> list[str]:
        return [endpoint for endpoint, _ in self.received]


def run(story: Callable[[Telegram], Coroutine[Any, Any, None]]) -> None:
    """Run a story on a stopped-clock loop of its own."""
    with asyncio.Runner(loop_factory=StoppedClockLoop) as runner:
        loop = runner.get_loop()
        assert isinstance(loop, StoppedClockLoop)
        runner.run(story(Telegram(loop)))


def test_a_busy_groups_next_question_is_not_held_back_by_its_reactions_and_board_edits():
    async def story(telegram: Telegram) -> None:
        acknowledged = []
        for n in range(30):  # more than the group's 20 a minute
            acknowledged.append(
                await telegram.call(
                    "setMessageReaction", chat_id=GROUP, message_id=n, reaction=[{"emoji": "👍"}]
                )
            )
            await telegram.later(STEP)
        for n in range(10):
            acknowledged.append(
                await telegram.call("editMessageText", chat_id=GROUP, message_id=1, text=f"{n}")
            )
            await telegram.later(STEP)
        assert all(call.done() for call in acknowledged)

        question = await telegram.call("sendMessage", chat_id=GROUP, text="Kolom 2 van 5")

        assert question.done(), "the question waited although the group sent no messages"
        assert telegram.endpoints() == [
            *["setMessageReaction"] * 30,
            *["editMessageText"] * 10,
            "sendMessage",
        ]

    run(story)


def test_a_groups_twenty_first_message_in_a_minute_waits_and_other_groups_do_not():
    async def story(telegram: Telegram) -> None:
        for n in range(20):
            sent = await telegram.call("sendMessage", chat_id=GROUP, text=f"bericht {n}")
            assert sent.done()
            await telegram.later(STEP)

        twenty_first = await telegram.call("sendMessage", chat_id=GROUP, text="bericht 20")
        assert not twenty_first.done()
        await telegram.later(STEP)
        elsewhere = await telegram.call("sendMessage", chat_id=OTHER_GROUP, text="hallo")
        assert elsewhere.done()
        assert not twenty_first.done()

        await telegram.later(60)  # the group's budget has filled up again
        assert twenty_first.done()
        texts = [data["text"] for _, data in telegram.received]
        assert texts == [*(f"bericht {n}" for n in range(20)), "hallo", "bericht 20"]

    run(story)


def test_a_reaction_still_reaches_its_group_unchanged():
    async def story(telegram: Telegram) -> None:
        reaction = {"chat_id": GROUP, "message_id": 7, "reaction": [{"emoji": "👍"}]}
        done = await telegram.call("setMessageReaction", **reaction)
        assert done.result() is True
        assert telegram.received == [("setMessageReaction", reaction)]

    run(story)


def test_a_reaction_refused_with_429_is_tried_again_after_the_wait():
    async def story(telegram: Telegram) -> None:
        telegram.refusals = [3.0]
        reaction = await telegram.call(
            "setMessageReaction", chat_id=GROUP, message_id=7, reaction=[{"emoji": "👍"}]
        )
        assert not reaction.done()
        assert telegram.received == []
        await telegram.later(2.0)  # less than Telegram asked to wait
        assert telegram.received == []
        await telegram.later(2.0)
        assert reaction.result() is True
        assert telegram.endpoints() == ["setMessageReaction"]

    run(story)
