"""End-to-end fixtures: the real Application against the sandbox Bot API over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application, Job

from bot.app import RunningBot, Settings, build_application
from bot.handlers import keep_time
from bot.sandbox import Sandbox


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox() as sb:
        yield sb


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workshop.sqlite3"


class BotProcess:
    """Starts and stops the bot on one database file, as often as a test needs.

    With ``manual_time`` the bot's repeating time-keeping job is paused and the test runs
    it with ``tick()`` after moving its clock, so nothing depends on when the job fires.
    """

    def __init__(
        self,
        sandbox: Sandbox,
        db_path: Path,
        clock=None,
        tick_seconds=30.0,
        *,
        manual_time: bool = False,
    ) -> None:
        self.sandbox = sandbox
        self.manual_time = manual_time
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
        if self.manual_time:
            scheduled_by_the_bot = app.post_init
            assert scheduled_by_the_bot is not None

            async def post_init(application) -> None:
                await scheduled_by_the_bot(application)
                # Paused before the job queue starts, so no job runs on its own (the
                # time-keeping job also closes a group's /klaar at its deadline).
                for job in application.job_queue.jobs():
                    job.enabled = False

            app.post_init = post_init
        self.running = RunningBot(app, poll_timeout=1)
        await self.running.start()
        self.sandbox.busy_checks.append(self.running.busy)
        return self.running

    async def tick(self) -> None:
        """Run the bot's time-keeping once now, as its job would, and wait for what it sends."""
        assert self.running is not None
        app = self.running.app
        job = _time_keeping(app)
        # The job's own callback with the context the job queue would build; called
        # directly, so an error fails the test instead of going to the error handler.
        await job.callback(app.context_types.context.from_job(job, app))
        await app.bot_data.shell.outbox.drain()
        await self.sandbox.wait_idle()

    async def stop(self) -> None:
        if self.running is not None:
            self.sandbox.busy_checks.remove(self.running.busy)
            await self.running.stop()
            self.running = None

    @property
    def storage(self):
        assert self.running is not None
        return self.running.app.bot_data.services.storage


def _time_keeping(app: Application) -> Job:
    """The repeating job the bot scheduled at start-up to keep time."""
    [job] = [j for j in app.job_queue.jobs() if j.callback is keep_time]
    return job


@pytest.fixture
async def bot(sandbox: Sandbox, db_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(sandbox, db_path)
    await process.start()
    yield process
    await process.stop()
