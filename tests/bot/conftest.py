"""End-to-end fixtures: the real Application against the sandbox Bot API over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import RunningBot, Settings, build_application
from bot.sandbox import Sandbox


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox() as sb:
        yield sb


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workshop.sqlite3"


class BotProcess:
    """Starts and stops the bot on one database file, as often as a test needs."""

    def __init__(self, sandbox: Sandbox, db_path: Path, clock=None, tick_seconds=30.0) -> None:
        self.sandbox = sandbox
        self.settings = Settings(
            token=sandbox.token,
            base_url=sandbox.base_url,
            db_path=db_path,
            board_delay=0.05,
            poll_timeout=1,
            tick_seconds=tick_seconds,
        )
        self.clock = clock
        self.running: RunningBot | None = None

    async def start(self) -> RunningBot:
        app = (
            build_application(self.settings, self.clock)
            if self.clock
            else build_application(self.settings)
        )
        self.running = RunningBot(app, poll_timeout=1)
        await self.running.start()
        return self.running

    async def stop(self) -> None:
        if self.running is not None:
            await self.running.stop()
            self.running = None

    @property
    def storage(self):
        assert self.running is not None
        return self.running.app.bot_data.services.storage


@pytest.fixture
async def bot(sandbox: Sandbox, db_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(sandbox, db_path)
    await process.start()
    yield process
    await process.stop()
