"""Queries about plenary rounds: the facilitator's draft per column and its confirmation."""

from __future__ import annotations

import json

import aiosqlite

from flows.kaart import Kolom
from storage.db import Database
from storage.models import PlenaryDraft


def _draft(row: aiosqlite.Row) -> PlenaryDraft:
    return PlenaryDraft(
        workshop_id=row["workshop_id"],
        kolom=Kolom(row["column_no"]),
        items=json.loads(row["items"]),
        history=json.loads(row["history"]),
        version=row["version"],
        chat_id=row["chat_id"],
        thread_id=row["thread_id"],
        message_id=row["message_id"],
        confirmed_at=row["confirmed_at"],
    )


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class PlenaryQueries:
    db: Database

    async def get_draft(self, workshop_id: int, kolom: Kolom) -> PlenaryDraft | None:
        """Read the draft of one column, if the plenary reached it."""
        row = await self.db.fetch_one(
            "SELECT * FROM plenary_drafts WHERE workshop_id = ? AND column_no = ?",
            (workshop_id, int(kolom)),
        )
        return _draft(row) if row else None

    async def list_drafts(self, workshop_id: int) -> list[PlenaryDraft]:
        """Read every column's draft, in column order."""
        rows = await self.db.fetch_all(
            "SELECT * FROM plenary_drafts WHERE workshop_id = ? ORDER BY column_no",
            (workshop_id,),
        )
        return [_draft(r) for r in rows]

    async def start_draft(
        self, workshop_id: int, kolom: Kolom, items: list[dict]
    ) -> tuple[PlenaryDraft, bool]:
        """Create a column's draft from the proposal unless it exists; (draft, created)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO plenary_drafts (workshop_id, column_no, items)"
                " VALUES (?, ?, ?)",
                (workshop_id, int(kolom), _dump(items)),
            )
            rows = await conn.execute_fetchall(
                "SELECT * FROM plenary_drafts WHERE workshop_id = ? AND column_no = ?",
                (workshop_id, int(kolom)),
            )
        return _draft(rows[0]), cursor.rowcount == 1

    async def save_draft(
        self,
        draft: PlenaryDraft,
        items: list[dict],
        history: list[list[dict]],
    ) -> PlenaryDraft | None:
        """Store an edited list if nobody changed or confirmed it meanwhile; else None."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE plenary_drafts SET items = ?, history = ?, version = version + 1"
                " WHERE workshop_id = ? AND column_no = ? AND version = ?"
                " AND confirmed_at IS NULL",
                (_dump(items), _dump(history), draft.workshop_id, int(draft.kolom), draft.version),
            )
            if cursor.rowcount != 1:
                return None
            rows = await conn.execute_fetchall(
                "SELECT * FROM plenary_drafts WHERE workshop_id = ? AND column_no = ?",
                (draft.workshop_id, int(draft.kolom)),
            )
        return _draft(rows[0])

    async def confirm_draft(self, draft: PlenaryDraft, *, actor_id: int, now: str) -> bool:
        """Confirm the list exactly as the facilitator saw it (same version), once."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE plenary_drafts SET confirmed_at = ?"
                " WHERE workshop_id = ? AND column_no = ? AND version = ?"
                " AND confirmed_at IS NULL",
                (now, draft.workshop_id, int(draft.kolom), draft.version),
            )
            if cursor.rowcount == 1:
                await conn.execute(
                    "INSERT INTO events (workshop_id, kind, to_state, actor_id, at)"
                    " VALUES (?, 'column_confirmed', ?, ?, ?)",
                    (draft.workshop_id, str(int(draft.kolom)), actor_id, now),
                )
            return cursor.rowcount == 1

    async def reopen_draft(self, workshop_id: int, kolom: Kolom) -> None:
        """Take back a confirmation so the column can be edited again."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE plenary_drafts SET confirmed_at = NULL, version = version + 1"
                " WHERE workshop_id = ? AND column_no = ?",
                (workshop_id, int(kolom)),
            )

    async def set_draft_message(
        self, workshop_id: int, kolom: Kolom, chat_id: int, thread_id: int | None, message_id: int
    ) -> None:
        """Remember the plenary board message of a column, to edit it in place."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE plenary_drafts SET chat_id = ?, thread_id = ?, message_id = ?"
                " WHERE workshop_id = ? AND column_no = ?",
                (chat_id, thread_id, message_id, workshop_id, int(kolom)),
            )
