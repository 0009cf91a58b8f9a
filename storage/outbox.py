"""Queries of the unit of work: updates handled once, and the outbox of messages to send."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from storage.db import Database, _Writer


@dataclass(frozen=True)
class OutboxRow:
    """A message (or edit) a use case decided to send and that is not sent yet."""

    id: int
    lane: str  # what keeps its order: one chat, one subgroup, one workshop's plenary
    action: str  # the action, encoded by the shell (bot/outbox.py)


class OutboxQueries:
    db: Database

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[_Writer]:
        """One use case: every write inside commits together, or none does."""
        async with self.db.transaction() as conn:
            yield conn

    async def was_handled(self, source: str) -> bool:
        """True when this update (message or button press) changed things already."""
        row = await self.db.fetch_one("SELECT 1 FROM handled_updates WHERE source = ?", (source,))
        return row is not None

    async def mark_handled(self, source: str, now: str) -> None:
        """Record that this update was handled (inside the use case's unit of work)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO handled_updates (source, at) VALUES (?, ?)", (source, now)
            )

    async def add_to_outbox(self, rows: Sequence[tuple[str, str]], now: str) -> list[int]:
        """Queue (lane, encoded action) pairs to send; their ids, in order."""
        ids = []
        async with self.db.transaction() as conn:
            for lane, action in rows:
                cursor = await conn.execute(
                    "INSERT INTO outbox (lane, action, created_at) VALUES (?, ?, ?)",
                    (lane, action, now),
                )
                ids.append(int(cursor.lastrowid or 0))
        return ids

    async def pending_outbox(self) -> list[OutboxRow]:
        """Everything decided and not yet sent, oldest first (at start-up)."""
        rows = await self.db.fetch_all("SELECT id, lane, action FROM outbox ORDER BY id")
        return [OutboxRow(r["id"], r["lane"], r["action"]) for r in rows]

    async def outbox_sent(self, outbox_id: int) -> None:
        """Telegram has it (or refused it for good): never send it again."""
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM outbox WHERE id = ?", (outbox_id,))

    async def forget_handled_before(self, before: str) -> None:
        """Forget handled updates older than Telegram keeps undelivered ones (24 hours)."""
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM handled_updates WHERE at < ?", (before,))
