"""The group decides together: a /klaar put to the group, open until it is settled."""

from __future__ import annotations

import aiosqlite

from flows.kaart import Kolom
from storage.db import Database
from storage.models import GroupReady


def _group_ready(row: aiosqlite.Row) -> GroupReady:
    return GroupReady(
        id=row["id"],
        workshop_id=row["workshop_id"],
        subgroup_id=row["subgroup_id"],
        kolom=Kolom(row["column_no"]),
        state_changed_at=row["state_changed_at"],
        user_id=row["user_id"],
        asked_at=row["asked_at"],
        deadline=row["deadline"],
        message_id=row["message_id"],
        closed_at=row["closed_at"],
        outcome=row["outcome"],
    )


class GroupReadyQueries:
    db: Database

    async def ask_group_ready(
        self,
        *,
        workshop_id: int,
        subgroup_id: int,
        kolom: Kolom,
        state_changed_at: str,
        user_id: int,
        now: str,
        deadline: str,
    ) -> GroupReady:
        """Put a /klaar to the group; the subgroup must have no open question."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO group_ready (workshop_id, subgroup_id, column_no, state_changed_at,"
                " user_id, asked_at, deadline) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (workshop_id, subgroup_id, int(kolom), state_changed_at, user_id, now, deadline),
            )
            rows = await conn.execute_fetchall(
                "SELECT * FROM group_ready WHERE id = ?", (cursor.lastrowid,)
            )
        return _group_ready(rows[0])

    async def open_group_ready(self, subgroup_id: int) -> GroupReady | None:
        """The subgroup's open question, if any."""
        row = await self.db.fetch_one(
            "SELECT * FROM group_ready WHERE subgroup_id = ? AND closed_at IS NULL",
            (subgroup_id,),
        )
        return _group_ready(row) if row else None

    async def get_group_ready(self, ready_id: int) -> GroupReady | None:
        """One question, open or settled."""
        row = await self.db.fetch_one("SELECT * FROM group_ready WHERE id = ?", (ready_id,))
        return _group_ready(row) if row else None

    async def open_group_readies(self) -> list[GroupReady]:
        """Every open question (few: at most one a subgroup), oldest deadline first."""
        rows = await self.db.fetch_all(
            "SELECT * FROM group_ready WHERE closed_at IS NULL ORDER BY deadline, id"
        )
        return [_group_ready(r) for r in rows]

    async def settle_group_ready(self, ready_id: int, outcome: str, now: str) -> bool:
        """Close an open question with its outcome, once; False if it was settled already."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE group_ready SET closed_at = ?, outcome = ?"
                " WHERE id = ? AND closed_at IS NULL",
                (now, outcome, ready_id),
            )
        return cursor.rowcount == 1

    async def set_group_ready_message(self, ready_id: int, message_id: int) -> None:
        """Remember which message in the chat asks the question."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE group_ready SET message_id = ? WHERE id = ?", (message_id, ready_id)
            )
