"""Queries about workshops and the people who facilitate them."""

from __future__ import annotations

import aiosqlite

from storage.db import Database
from storage.models import Workshop


def _workshop(row: aiosqlite.Row) -> Workshop:
    return Workshop(
        id=row["id"],
        code=row["code"],
        goal=row["goal"],
        facilitator_id=row["facilitator_id"],
        plenary_chat_id=row["plenary_chat_id"],
        lang=row["lang"],
        phase=row["phase"],
        created_at=row["created_at"],
        ended_at=row["ended_at"],
    )


class WorkshopQueries:
    db: Database

    async def create_workshop(
        self,
        *,
        code: str,
        goal: str,
        facilitator_id: int,
        plenary_chat_id: int,
        lang: str,
        now: str,
        source: str | None = None,
    ) -> Workshop:
        """Write a new workshop (once per source message) and return it."""
        async with self.db.transaction() as conn:
            if source is not None:
                seen = await conn.execute_fetchall(
                    "SELECT workshop_id FROM events WHERE source = ?", (source,)
                )
                if seen:
                    row = await conn.execute_fetchall(
                        "SELECT * FROM workshops WHERE id = ?", (seen[0]["workshop_id"],)
                    )
                    return _workshop(row[0])
            cursor = await conn.execute(
                "INSERT INTO workshops (code, goal, facilitator_id, plenary_chat_id, lang,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (code, goal, facilitator_id, plenary_chat_id, lang, now),
            )
            workshop_id = cursor.lastrowid
            await conn.execute(
                "INSERT INTO events (workshop_id, kind, to_state, actor_id, source, at)"
                " VALUES (?, 'workshop_created', 'open', ?, ?, ?)",
                (workshop_id, facilitator_id, source, now),
            )
            rows = await conn.execute_fetchall(
                "SELECT * FROM workshops WHERE id = ?", (workshop_id,)
            )
        return _workshop(rows[0])

    async def get_workshop(self, workshop_id: int) -> Workshop | None:
        """Read one workshop by id."""
        row = await self.db.fetch_one("SELECT * FROM workshops WHERE id = ?", (workshop_id,))
        return _workshop(row) if row else None

    async def find_workshop_by_code(self, code: str) -> Workshop | None:
        """Read the workshop a join code belongs to."""
        row = await self.db.fetch_one("SELECT * FROM workshops WHERE code = ?", (code,))
        return _workshop(row) if row else None

    async def latest_workshop_of_facilitator(self, user_id: int) -> Workshop | None:
        """Read the most recent workshop this person facilitates."""
        row = await self.db.fetch_one(
            "SELECT * FROM workshops WHERE facilitator_id = ? ORDER BY id DESC LIMIT 1",
            (user_id,),
        )
        return _workshop(row) if row else None

    async def latest_workshop_of_plenary_chat(self, chat_id: int) -> Workshop | None:
        """Read the most recent workshop started from this chat."""
        row = await self.db.fetch_one(
            "SELECT * FROM workshops WHERE plenary_chat_id = ? ORDER BY id DESC LIMIT 1",
            (chat_id,),
        )
        return _workshop(row) if row else None
