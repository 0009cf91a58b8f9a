"""Use cases driven directly: a real SQLite file, a clock the test moves, and the real
shell sending to a fake Telegram that only records what it is asked.

The sandbox journeys (story.py) prove the whole bot over HTTP; this world runs a use case
in milliseconds, so a test can run one hundreds of times (every crash point, every
ordering) and never waits on a wall clock.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from bot.actions import Outcome
from bot.incoming import Incoming
from bot.shell import Shell
from bot.usecases import Services
from bot.usecases.unit import Handled, handle
from flows.codes import new_join_code
from storage import Storage
from storage.db import SimulatedCrash


class FakeClock:
    """Workshop time that moves only when the test says so."""

    def __init__(self, start: datetime = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def forward(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@dataclass
class FakeTelegram:
    """The four Bot API calls the shell makes, recorded; message ids count up.

    Shared by every 'process' of a test, as Telegram outlives a crashed bot.
    """

    sent: list[tuple[int, int | None, str]] = field(default_factory=list)
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    reactions: list[tuple[int, int]] = field(default_factory=list)
    documents: list[tuple[int, str]] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(5000))
    # The process that talks to it; a dead process sends nothing more.
    sender_alive: Callable[[], bool] = lambda: True

    def _check(self) -> None:
        if not self.sender_alive():
            raise SimulatedCrash("the process has stopped")

    async def send_message(self, chat_id, text, *, message_thread_id=None, **_):
        self._check()
        self.sent.append((chat_id, message_thread_id, str(text)))
        return SimpleNamespace(message_id=next(self._ids), chat_id=chat_id)

    async def edit_message_text(self, text, *, chat_id=None, message_id=None, **_):
        self._check()
        self.edits.append((chat_id, message_id, str(text)))
        return True

    async def set_message_reaction(self, chat_id, message_id, reaction, **_):
        self._check()
        self.reactions.append((chat_id, message_id))
        return True

    async def send_document(self, chat_id, document, **_):
        self._check()
        self.documents.append((chat_id, document.filename))
        return SimpleNamespace(message_id=next(self._ids), chat_id=chat_id)

    def texts_to(self, chat_id: int) -> list[str]:
        return [text for chat, _, text in self.sent if chat == chat_id]


@dataclass(frozen=True)
class Person:
    user_id: int
    first_name: str


@dataclass(frozen=True)
class Chat:
    chat_id: int
    title: str | None  # None: a private chat

    @property
    def kind(self) -> str:
        return "private" if self.title is None else "group"


UseCase = Callable[[Services, Incoming], Awaitable[Outcome]]


class World:
    """One bot process on a database file: storage, clock, shell and fake Telegram."""

    def __init__(self, path: Path, clock: FakeClock, telegram: FakeTelegram) -> None:
        self.path = path
        self.clock = clock
        self.telegram = telegram
        self.storage: Storage | None = None
        self.shell: Shell | None = None
        self.services: Services | None = None

    async def start(self) -> World:
        """Open the database and send what the last process left in the outbox."""
        self.storage = await Storage.open(self.path)
        db = self.storage.db
        self.telegram.sender_alive = lambda: not db.crashed
        codes = random.Random(2026)  # each process makes the same codes: repeatable runs
        self.services = Services(
            storage=self.storage,
            clock=self.clock,
            bot_username="bot",
            new_code=lambda: new_join_code(codes.choice),
        )
        self.shell = Shell(self.telegram, self.storage, board_delay=0, clock=self.clock)
        await self.shell.outbox.resume()
        await self.settle()
        return self

    async def stop(self) -> None:
        """Close the database (what was not committed is gone, as in a killed process)."""
        if self.storage is not None:
            await self.storage.close()
        self.storage = self.shell = self.services = None

    async def settle(self) -> None:
        """Wait until everything decided is sent (no wall clock: the lanes just finish)."""
        assert self.shell is not None
        await self.shell.outbox.drain()
        await self.shell.flush_boards()
        await self.shell.outbox.drain()

    @staticmethod
    def incoming(chat: Chat, person: Person, text: str | None, message_id: int) -> Incoming:
        return Incoming(
            chat_id=chat.chat_id,
            chat_type=chat.kind,
            chat_title=chat.title,
            thread_id=None,
            topic_name=None,
            message_id=message_id,
            user_id=person.user_id,
            first_name=person.first_name,
            username=None,
            language_code="nl",
            text=text,
            reply_to_bot=False,
            reply_to_person=False,
            anonymous_admin=False,
        )

    async def deliver(
        self, work: Callable[[Services], Awaitable[Outcome]], source: str, *, atomic: bool = True
    ) -> Handled:
        """Telegram delivers an update: run its use case in one unit of work, send."""
        assert self.services is not None
        assert self.shell is not None
        db = self.storage.db
        handled = await handle(self.services, work(self.services), source=source, atomic=atomic)
        self.shell.send(handled)
        await self.settle()
        if db.crashed:  # a lane stopped the process while sending
            raise SimulatedCrash("stopped while sending")
        return handled
