"""The poller and the update processor on their own: a fake Telegram hands out scripted
batches, a real SQLite file is the inbox, and the 'handlers' record what they saw.

No wall clock: slow handlers wait on events the test sets.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable

import pytest
from telegram import Chat, Message, Update, User
from telegram.error import BadRequest, InvalidToken, TimedOut

from bot.polling import ChatOrderedUpdateProcessor, DurablePoller
from storage import Storage

PERSON = User(7, "Anna", is_bot=False)


def text_update(update_id: int, chat_id: int, text: str) -> Update:
    chat = Chat(chat_id, Chat.GROUP if chat_id < 0 else Chat.PRIVATE)
    message = Message(update_id, dt.datetime(2026, 11, 29, tzinfo=dt.UTC), chat,
                      from_user=PERSON, text=text)  # fmt: skip
    return Update(update_id, message=message)


class FakeTelegram:
    """getUpdates as Telegram does it: everything from the offset on, confirmed below it."""

    def __init__(self, updates: list[Update], failures: list[Exception] | None = None):
        self.pending = list(updates)
        self.failures = list(failures or [])
        self.offsets: list[int | None] = []
        self.inbox_at_poll: list[list[str]] = []
        self.inbox: Callable[[], Storage] | None = None
        self.more = asyncio.Event()

    async def delete_webhook(self, drop_pending_updates: bool = False) -> bool:
        return True

    async def get_updates(self, offset=None, timeout=None, allowed_updates=None):  # noqa: ASYNC109
        kept = await self.inbox().kept_updates() if self.inbox is not None else []
        if offset is not None:
            self.pending = [u for u in self.pending if u.update_id >= offset]
        self.inbox_at_poll.append(kept)
        self.offsets.append(offset)
        if self.failures:
            raise self.failures.pop(0)
        if not self.pending:
            self.more.clear()
            await self.more.wait()
        return list(self.pending)


class FakeApp:
    """What the poller uses of an Application: its bot, its update processor, and the
    handlers (here: record the text, optionally wait for the test)."""

    def __init__(self, bot: FakeTelegram, processor: ChatOrderedUpdateProcessor):
        self.bot = bot
        self.update_processor = processor
        self.handled: list[str] = []
        self.hold: dict[str, asyncio.Event] = {}

    async def process_update(self, update: Update) -> None:
        text = update.effective_message.text
        if text in self.hold:
            await self.hold[text].wait()
        self.handled.append(text)


@pytest.fixture
async def storage(tmp_path):
    store = await Storage.open(tmp_path / "inbox.sqlite3")
    yield store
    await store.close()


async def _until(condition: Callable[[], bool]) -> None:
    """Let the event loop run until the condition holds (the test's timeout bounds it)."""
    while not condition():  # noqa: ASYNC110 (nothing to wait on: the poller runs meanwhile)
        await asyncio.sleep(0)


def _poller(app: FakeApp, storage: Storage) -> DurablePoller:
    app.bot.inbox = lambda: storage
    return DurablePoller(app, poll_timeout=1, inbox=lambda: storage)  # type: ignore[arg-type]


async def test_an_update_is_in_the_inbox_before_telegram_may_forget_it(storage):
    bot = FakeTelegram([text_update(1, -1, "a"), text_update(2, -2, "b")])
    app = FakeApp(bot, ChatOrderedUpdateProcessor())
    poller = _poller(app, storage)
    await poller.start()
    await _until(lambda: len(bot.offsets) >= 2)
    await poller.stop()
    assert bot.offsets[:2] == [None, 3]  # the second poll confirms both
    # ...and when it did, they were written down (or already handled and gone).
    assert len(bot.inbox_at_poll[1]) + len(app.handled) >= 2
    assert sorted(app.handled) == ["a", "b"]
    assert await storage.kept_updates() == []  # handled: out of the inbox


async def test_what_the_inbox_kept_is_handled_after_a_restart(storage):
    bot = FakeTelegram([text_update(1, -1, "stuck"), text_update(2, -1, "after")])
    app = FakeApp(bot, ChatOrderedUpdateProcessor())
    app.hold["stuck"] = asyncio.Event()  # the process 'dies' while handling it
    poller = _poller(app, storage)
    await poller.start()
    await _until(lambda: len(bot.offsets) >= 2)  # both fetched and confirmed to Telegram
    poller._stopping.set()
    poller._task.cancel()
    for task in list(poller._in_hand):
        task.cancel()
    await asyncio.gather(*poller._in_hand, return_exceptions=True)
    await _until(lambda: not poller.busy())  # nothing of the first run still under way
    assert app.handled == []
    assert bot.pending == []  # Telegram will not send them again...
    assert len(await storage.kept_updates()) == 2  # cut off is not handled: both kept

    again = FakeApp(FakeTelegram([]), ChatOrderedUpdateProcessor())
    restarted = _poller(again, storage)
    await restarted.start()  # ...but the inbox kept them
    await _until(lambda: len(again.handled) == 2)
    await restarted.stop()
    assert again.handled == ["stuck", "after"]  # in their chat's order


async def test_chats_go_side_by_side_and_each_chat_keeps_its_order(storage):
    bot = FakeTelegram([text_update(1, -1, "A1 slow"), text_update(2, -1, "A2"),
                        text_update(3, -2, "B1")])  # fmt: skip
    app = FakeApp(bot, ChatOrderedUpdateProcessor())
    app.hold["A1 slow"] = asyncio.Event()
    poller = _poller(app, storage)
    await poller.start()
    await _until(lambda: "B1" in app.handled)  # chat B does not wait for chat A
    assert app.handled == ["B1"]
    app.hold["A1 slow"].set()
    await _until(lambda: len(app.handled) == 3)
    await poller.stop()
    assert app.handled == ["B1", "A1 slow", "A2"]  # A2 waited for A1


async def test_a_barrier_waits_for_what_came_before_and_holds_up_what_comes_after(storage):
    bot = FakeTelegram([text_update(1, -1, "answer slow"), text_update(2, 5, "/plenair"),
                        text_update(3, -2, "later answer")])  # fmt: skip
    app = FakeApp(bot, ChatOrderedUpdateProcessor(
        lambda u: u.effective_message.text.startswith("/")))  # fmt: skip
    app.hold["answer slow"] = asyncio.Event()
    poller = _poller(app, storage)
    await poller.start()
    await _until(lambda: len(bot.offsets) >= 2)
    for _ in range(50):
        await asyncio.sleep(0)
    assert app.handled == []  # /plenair waits for the answer, the later one for /plenair
    app.hold["answer slow"].set()
    await _until(lambda: len(app.handled) == 3)
    await poller.stop()
    assert app.handled == ["answer slow", "/plenair", "later answer"]


@pytest.mark.parametrize("refusal", [InvalidToken("Unauthorized"), BadRequest("bad offset")])
async def test_a_refusal_for_good_stops_polling_with_its_reason(storage, refusal):
    bot = FakeTelegram([], failures=[TimedOut(), refusal])
    app = FakeApp(bot, ChatOrderedUpdateProcessor())
    poller = _poller(app, storage)
    await poller.start()
    await asyncio.wait_for(poller.stopped.wait(), 30)
    await poller.stop()
    assert poller.error is refusal
    assert len(bot.offsets) == 2  # a time-out is tried again, a refusal is not
