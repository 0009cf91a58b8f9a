"""/healthz tells a monitor (or Docker's HEALTHCHECK) whether the bot can do its work."""

from __future__ import annotations

import asyncio
import sqlite3

import aiohttp

from bot.sandbox import Sandbox
from bot.sandbox.faults import FaultPlan
from tests.bot.story import new_workshop


async def health(web_bot) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{web_bot.url}/healthz") as response:
            return response.status, await response.json()


async def until(check, attempts: int = 200) -> None:
    """Wait for a condition the bot reaches on its own (no fixed delay is asserted)."""
    for _ in range(attempts):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the condition was not reached")


async def test_a_healthy_bot_says_so_with_the_last_update(sandbox: Sandbox, web_bot):
    status, report = await health(web_bot)
    assert status == 200
    assert report["ok"] is True
    assert report["database"]["writable"] is True
    assert report["bot_api"]["reachable"] is True
    assert report["last_update"] is None
    await new_workshop(sandbox, sandbox.add_user("Fatima"), "de wijk")
    status, report = await health(web_bot)
    assert status == 200
    assert report["last_update"] is not None


async def test_an_unreachable_bot_api_is_503(sandbox: Sandbox, web_bot):
    sandbox.set_faults(FaultPlan(share=1, kinds=("502",), methods=frozenset({"getUpdates"})))

    async def failing() -> bool:
        return (await health(web_bot))[0] == 503

    await until(failing)
    _, report = await health(web_bot)
    assert report["bot_api"]["reachable"] is False
    assert report["bot_api"]["error"]
    assert report["database"]["writable"] is True
    sandbox.set_faults(None)

    async def healthy() -> bool:
        return (await health(web_bot))[0] == 200

    await until(healthy)


async def test_a_database_that_takes_no_writes_is_503(sandbox: Sandbox, web_bot, db_path):
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        status, report = await health(web_bot)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert status == 503
    assert report["database"]["writable"] is False
    assert report["ok"] is False
    status, _ = await health(web_bot)
    assert status == 200
