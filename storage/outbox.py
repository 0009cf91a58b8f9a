"""Queries of the unit of work: the inbox of updates, updates handled once, and the
outbox of messages to send."""

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

    async def mark_handled(self, source: str, now: str) -> bool:
        """Record that this update is handled, inside the use case's unit of work (so it is
        undone with it); False when it was handled before."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO handled_updates (source, at) VALUES (?, ?)", (source, now)
            )
            return cursor.rowcount == 1

    async def was_handled(self, source: str) -> bool:
        """Whether this update was handled before (a slow use case asks before it starts)."""
        row = await self.db.fetch_one("SELECT 1 FROM handled_updates WHERE source = ?", (source,))
        return row is not None

    async def add_to_outbox(self, rows: Sequence[tuple[str, str]], now: str) -> list[int]:
        """Queue (lane, encoded action) pairs to send; their ids, in order."""
        if not rows:
            return []
        async with self.db.transaction() as conn:
            # One statement: ids of one insert under the write lock are consecutive.
            cursor = await conn.execute(
                "INSERT INTO outbox (lane, action, created_at) VALUES "
                + ", ".join(["(?, ?, ?)"] * len(rows)),
                [value for lane, action in rows for value in (lane, action, now)],
            )
            last = int(cursor.lastrowid or 0)
        return list(range(last - len(rows) + 1, last + 1))

    async def pending_outbox(self) -> list[OutboxRow]:
        """Everything decided and not yet sent, oldest first (at start-up)."""
        rows = await self.db.fetch_all("SELECT id, lane, action FROM outbox ORDER BY id")
        return [OutboxRow(r["id"], r["lane"], r["action"]) for r in rows]

    async def outbox_sent(self, *outbox_ids: int) -> None:
        """Telegram has these (or refused them for good): never send them again."""
        await self._delete_rows("outbox", "id", outbox_ids)

    async def outbox_length(self) -> int:
        """How many messages were decided and are not yet sent (for /metrics)."""
        row = await self.db.fetch_one("SELECT COUNT(*) AS n FROM outbox")
        return int(row["n"]) if row else 0

    async def keep_updates(self, updates: Sequence[tuple[int, str]]) -> None:
        """Write fetched updates (id, JSON) down before Telegram is told to forget them."""
        if not updates:
            return
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO inbox (update_id, body) VALUES "
                + ", ".join(["(?, ?)"] * len(updates)),
                [value for update in updates for value in update],
            )

    async def kept_updates(self) -> list[str]:
        """The updates fetched but not handled when the bot last stopped, oldest first."""
        rows = await self.db.fetch_all("SELECT body FROM inbox ORDER BY update_id")
        return [r["body"] for r in rows]

    async def updates_done(self, *update_ids: int) -> None:
        """These updates went through the handlers: forget them."""
        await self._delete_rows("inbox", "update_id", update_ids)

    async def _delete_rows(self, table: str, key: str, ids: Sequence[int]) -> None:
        """Delete these rows in one statement (table and key are ours, never user input)."""
        if not ids:
            return
        async with self.db.transaction() as conn:
            await conn.execute(
                f"DELETE FROM {table} WHERE {key} IN ({', '.join('?' * len(ids))})", ids
            )

    async def forget_handled_before(self, before: str) -> None:
        """Forget which updates were handled before this moment (long after Telegram and
        the inbox could deliver them again)."""
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM handled_updates WHERE at < ?", (before,))
