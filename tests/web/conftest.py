"""Fixtures of the live board's tests: the sandbox, and the bot with its web server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox import Sandbox
from tests.bot.conftest import db_path, sandbox  # noqa: F401 (fixtures)
from tests.web.board import WebBot


@pytest.fixture
async def web_bot(sandbox: Sandbox, db_path: Path) -> AsyncIterator[WebBot]:  # noqa: F811
    process = WebBot(sandbox, db_path)
    await process.start()
    yield process
    await process.stop()


@pytest.fixture
def people(sandbox: Sandbox):  # noqa: F811
    fac = sandbox.add_user("Fatima")
    members = {n: sandbox.add_user(n) for n in ("Anna", "Bram", "Dewi", "Erik")}
    return fac, members


@pytest.fixture
def tables(sandbox: Sandbox, people):  # noqa: F811
    _, m = people
    return {
        "Noord": (sandbox.add_group("Noord"), m["Anna"]),
        "Zuid": (sandbox.add_group("Zuid"), m["Dewi"]),
    }
