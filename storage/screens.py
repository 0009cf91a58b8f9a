"""The room's screen: one projector link per workshop, until it is switched off."""

from __future__ import annotations

from storage.db import Database


class ScreenQueries:
    db: Database

    async def open_screen(self, workshop_id: int, token: str, now: str) -> str:
        """The workshop's projector token: the one that stands, else ``token`` from now on."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO screens (workshop_id, token, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (workshop_id) DO NOTHING",
                (workshop_id, token, now),
            )
            rows = await conn.execute_fetchall(
                "SELECT token FROM screens WHERE workshop_id = ?", (workshop_id,)
            )
        return str(rows[0]["token"])

    async def close_screen(self, workshop_id: int) -> bool:
        """Revoke the workshop's projector link (and the control links made with it)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM screens WHERE workshop_id = ?", (workshop_id,))
        return cursor.rowcount > 0

    async def screen_token(self, workshop_id: int) -> str | None:
        """The workshop's projector token, or None when its screen is off."""
        row = await self.db.fetch_one(
            "SELECT token FROM screens WHERE workshop_id = ?", (workshop_id,)
        )
        return str(row["token"]) if row else None

    async def workshop_of_screen(self, token: str) -> int | None:
        """The workshop a projector token shows, or None for a token that is not (or no
        longer) given out."""
        row = await self.db.fetch_one("SELECT workshop_id FROM screens WHERE token = ?", (token,))
        return int(row["workshop_id"]) if row else None
