"""Killed ten times mid-workshop (SIGKILL), the bot loses and duplicates no answer.

The bot runs as its own process (`partnerschapkaart run`) against the sandbox on
127.0.0.1; the test kills it at seeded random moments and starts it again on the same
SQLite file. Telegram (the sandbox) redelivers every update the bot had not confirmed.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from bot.sandbox import Sandbox

SUBGROUPS, MEMBERS, ANSWERS_EACH, KILLS, SEED = 5, 4, 40, 10, 20261129
PER_COLUMN = ANSWERS_EACH // 5  # 8 answers per member per column


class BotUnderTest:
    """`partnerschapkaart run` in a child process, killed and started at will."""

    def __init__(self, sandbox: Sandbox, db: Path) -> None:
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": sandbox.token,
            "TELEGRAM_API_BASE_URL": sandbox.base_url,
            "PARTNERSCHAPKAART_DB": str(db),
            "PARTNERSCHAPKAART_WEB": "127.0.0.1:0",  # the room's screen on any free port
        }
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=self.env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout=20)
            except TimeoutError:
                await self.kill()


def stored_answers(db: Path) -> list[tuple[int, int, str]]:
    """(subgroup chat, column, text) of every stored answer, read beside the bot."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn, conn:
        return conn.execute(
            "SELECT s.chat_id, a.column_no, a.text FROM answers a"
            " JOIN subgroups s ON s.id = a.subgroup_id"
        ).fetchall()


@pytest.mark.slow
async def test_ten_kills_lose_and_duplicate_no_answer(tmp_path):
    rng = random.Random(SEED)
    db = tmp_path / "crash.sqlite3"
    async with Sandbox() as sandbox:
        bot = BotUnderTest(sandbox, db)
        fac = sandbox.add_user("Fatima")
        groups = [sandbox.add_group(f"Tafel {g}") for g in range(1, SUBGROUPS + 1)]
        members = {g.id: [sandbox.add_user(f"Lid {g.id % 1000}-{m}") for m in range(MEMBERS)]
                   for g in groups}  # fmt: skip
        private = sandbox.private_chat(fac)

        # The script: every step the driver takes, in order.
        steps: list[tuple[object, object, str]] = [(private, fac, "/nieuw de wijk")]
        steps += [(g, members[g.id][0], "/join {code}") for g in groups]
        steps.append((private, fac, "/begin"))
        expected: list[tuple[int, int, str]] = []
        for column in range(1, 6):
            for n in range(PER_COLUMN):
                for g in groups:
                    for m, member in enumerate(members[g.id]):
                        text = f"k{column} t{g.id % 1000} l{m} nr{n}"
                        steps.append((g, member, f"/idee {text}"))
                        expected.append((g.id, column, text))
            # The group decides together: one asks, a second member's /klaar is a yes.
            steps += [(g, members[g.id][m], "/klaar") for g in groups for m in (0, 1)]
            if column == 1:
                steps += [(private, fac, "/plenair"), (private, fac, "/bevestig")]
        kill_at = sorted(rng.sample(range(len(steps) // 20, len(steps)), KILLS))
        print(f"\nseed {SEED}: {len(steps)} steps, SIGKILL before steps {kill_at}")

        await bot.start()
        code = None
        try:
            for index, (chat, user, text) in enumerate(steps):
                if index in kill_at:
                    await bot.kill()
                    # Some messages arrive while the bot is down; Telegram keeps them.
                    await asyncio.sleep(rng.uniform(0.0, 0.3))
                    await bot.start()
                if "{code}" in text:
                    if code is None:
                        await sandbox.wait_until(
                            lambda: "/join " in sandbox.last_bot_message(private).text
                            if sandbox.bot_messages(private) else False, timeout=60,
                        )  # fmt: skip
                        code = sandbox.last_bot_message(private).text.split("/join ")[1].split()[0]
                    text = text.format(code=code)
                await sandbox.send_message(chat, user, text)
                # A /klaar counts for the question its sender saw: the next column's
                # answers come once its question is there.
                if text in ("/begin", "/plenair", "/bevestig", "/klaar") or text.startswith(
                    "/join"
                ):
                    await sandbox.wait_idle(quiet=0.3, timeout=60)
                elif index % 50 == 0:
                    await asyncio.sleep(0.05)  # answers arrive in bursts, not all at once
            await sandbox.wait_idle(quiet=1.0, timeout=120)
        finally:
            await bot.stop()

        stored = stored_answers(db)
        delivered = len(expected)
        duplicated = len(stored) - len(set(stored))
        lost = len(set(expected) - set(stored))
        print(f"answers delivered {delivered} / stored {len(stored)} / duplicated {duplicated}"
              f" / lost {lost}")  # fmt: skip
        assert duplicated == 0
        assert lost == 0
        assert sorted(stored) == sorted(expected)  # each in the right subgroup and column
        # Every subgroup finished its map in a consistent state, and every broadcast (the
        # column-2 question with the confirmed values) reached every subgroup.
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn, conn:
            states = conn.execute("SELECT status, column_no FROM subgroups").fetchall()
        assert states == [("wacht", 5)] * SUBGROUPS
        for g in groups:
            asked = [m.text for m in sandbox.bot_messages(g) if m.force_reply]
            assert any("Kolom 2 van 5" in q and "Jullie waarden:" in q for q in asked), g.title
