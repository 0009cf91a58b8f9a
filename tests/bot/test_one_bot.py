"""One bot per database: a second `partnerschapkaart run` on the same file refuses to
start, with one line naming the bot that runs, before it touches the network; a bot that
was killed is taken over at the next start. Real processes against the sandbox."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from bot.sandbox import Sandbox
from tests.bot.story import facilitator_says


def _env(sandbox: Sandbox, db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": sandbox.token,
        "TELEGRAM_API_BASE_URL": sandbox.base_url,
        "PARTNERSCHAPKAART_DB": str(db),
        "PARTNERSCHAPKAART_WEB": "127.0.0.1:0",  # the room's screen on any free port
        "LANG": "nl_NL.UTF-8",
    }


async def _start(sandbox: Sandbox, db: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=_env(sandbox, db),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


def _lease(db: Path) -> tuple[str, int] | None:
    """Who holds the lease, read beside the bot (None also while the file is being made)."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn, conn:
            row = conn.execute("SELECT host, pid FROM bot_lease").fetchone()
    except sqlite3.OperationalError:
        return None
    return (row[0], row[1]) if row else None


async def _answers(sandbox: Sandbox) -> None:
    """The bot that runs answers a message."""
    someone = sandbox.add_user("Fatima")
    assert "/nieuw" in await facilitator_says(sandbox, someone, "/help")


async def _stop(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), timeout=30)
        except TimeoutError:
            process.kill()
            await process.wait()
    return process.returncode


async def test_a_second_bot_on_the_same_database_refuses_with_one_line(sandbox, tmp_path):
    db = tmp_path / "kaart.sqlite3"
    first = await _start(sandbox, db)
    try:
        await _answers(sandbox)
        asked_before = len(sandbox.calls)

        second = await _start(sandbox, db)
        try:
            _, stderr = await asyncio.wait_for(second.communicate(), timeout=60)
        finally:
            await _stop(second)  # on a failure: not left polling beside the first
        assert second.returncode == 2
        lines = [line for line in stderr.decode().splitlines() if line.strip()]
        assert len(lines) == 1, stderr.decode()
        assert "er draait al een bot op" in lines[0]
        assert f"computer {socket.gethostname()}, proces {first.pid}, sinds 20" in lines[0]
        # It stopped before it touched the network: Telegram heard nothing from it.
        assert len(sandbox.calls) == asked_before
        # The first one runs on as before, and holds the lease.
        await _answers(sandbox)
        assert _lease(db) == (socket.gethostname(), first.pid)
    finally:
        assert await _stop(first) == 0
    assert _lease(db) is None  # stopped: the next one may start at once


async def test_a_killed_bot_is_taken_over_at_the_next_start(sandbox, tmp_path):
    db = tmp_path / "kaart.sqlite3"
    first = await _start(sandbox, db)
    try:
        await _answers(sandbox)
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()
    assert _lease(db) == (socket.gethostname(), first.pid)  # a kill leaves the lease behind

    second = await _start(sandbox, db)
    try:
        await _answers(sandbox)
        assert _lease(db) == (socket.gethostname(), second.pid)
    finally:
        assert await _stop(second) == 0
