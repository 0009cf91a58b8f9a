"""Queries about plenary rounds: the facilitator's draft per column and its confirmation."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import aiosqlite

from flows.kaart import Kolom
from flows.plenair import Item
from storage.db import Database
from storage.models import PlenaryDraft


def _item(stored: dict[str, Any]) -> Item:
    # As lenient as the readers were before items were typed: only "text" is required.
    return Item(
        text=stored["text"],
        answer_ids=tuple(stored.get("answer_ids", ())),
        subgroups=tuple(stored.get("subgroups", ())),
        votes=stored.get("votes", 0),
        auto=bool(stored.get("auto", False)),
        apart=tuple(stored.get("apart", ())),
    )


def _stored(item: Item) -> dict[str, Any]:
    stored: dict[str, Any] = {
        "text": item.text,
        "answer_ids": list(item.answer_ids),
        "subgroups": list(item.subgroups),
        "votes": item.votes,
    }
    if item.auto:  # only the bot's untouched proposals say so
        stored["auto"] = True
    if item.apart:  # only items the facilitator set apart from others
        stored["apart"] = list(item.apart)
    return stored


def _draft(row: aiosqlite.Row) -> PlenaryDraft:
    return PlenaryDraft(
        workshop_id=row["workshop_id"],
        kolom=Kolom(row["column_no"]),
        items=tuple(_item(i) for i in json.loads(row["items"])),
        history=tuple(tuple(_item(i) for i in h) for h in json.loads(row["history"])),
        version=row["version"],
        chat_id=row["chat_id"],
        thread_id=row["thread_id"],
        message_id=row["message_id"],
        confirmed_at=row["confirmed_at"],
        voting=bool(row["voting"]),
        votes_each=row["votes_each"],
        page=row["board_page"],
        left_out=tuple(json.loads(row["left_out"])),
    )


def _dump_items(items: Sequence[Item]) -> str:
    return _dump([_stored(i) for i in items])


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
        self, workshop_id: int, kolom: Kolom, items: Sequence[Item]
    ) -> tuple[PlenaryDraft, bool]:
        """Create a column's draft from the proposal unless it exists; (draft, created)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO plenary_drafts (workshop_id, column_no, items)"
                " VALUES (?, ?, ?)",
                (workshop_id, int(kolom), _dump_items(items)),
            )
            rows = await conn.execute_fetchall(
                "SELECT * FROM plenary_drafts WHERE workshop_id = ? AND column_no = ?",
                (workshop_id, int(kolom)),
            )
        return _draft(rows[0]), cursor.rowcount == 1

    async def save_draft(
        self,
        draft: PlenaryDraft,
        items: Sequence[Item],
        history: Sequence[Sequence[Item]],
        left_out: Sequence[int] | None = None,
    ) -> PlenaryDraft | None:
        """Store an edited list if nobody changed or confirmed it meanwhile; else None.
        ``left_out`` (the answers taken off the list) stays as it was when None."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE plenary_drafts SET items = ?, history = ?, version = version + 1,"
                " voting = 0, left_out = ? WHERE workshop_id = ? AND column_no = ?"
                " AND version = ? AND confirmed_at IS NULL",
                (
                    _dump_items(items),
                    _dump([[_stored(i) for i in h] for h in history]),
                    _dump(sorted(draft.left_out if left_out is None else set(left_out))),
                    draft.workshop_id,
                    int(draft.kolom),
                    draft.version,
                ),
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
        """Remember the plenary board message of a column, to edit it in place; a new
        board starts at the first page of the list."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE plenary_drafts SET chat_id = ?, thread_id = ?, message_id = ?,"
                " board_page = 1 WHERE workshop_id = ? AND column_no = ?",
                (chat_id, thread_id, message_id, workshop_id, int(kolom)),
            )

    async def set_draft_page(self, workshop_id: int, kolom: Kolom, page: int) -> None:
        """Remember the page of a column's list that its board shows."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE plenary_drafts SET board_page = ? WHERE workshop_id = ? AND column_no = ?",
                (page, workshop_id, int(kolom)),
            )

    async def start_voting(self, draft: PlenaryDraft, votes_each: int) -> bool:
        """Open voting on exactly this version of the list; False if it changed."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "DELETE FROM votes WHERE workshop_id = ? AND column_no = ?",
                (draft.workshop_id, int(draft.kolom)),
            )
            cursor = await conn.execute(
                "UPDATE plenary_drafts SET voting = 1, votes_each = ? WHERE workshop_id = ?"
                " AND column_no = ? AND version = ? AND confirmed_at IS NULL AND voting = 0",
                (votes_each, draft.workshop_id, int(draft.kolom), draft.version),
            )
            return cursor.rowcount == 1

    async def toggle_vote(
        self, draft: PlenaryDraft, user_id: int, position: int, max_votes: int
    ) -> tuple[list[int], bool]:
        """Add or take back one vote; (the person's votes now, whether the press counted).

        A vote beyond ``max_votes`` does not count.
        """
        key = (draft.workshop_id, int(draft.kolom), user_id)
        async with self.db.transaction() as conn:
            removed = await conn.execute(
                "DELETE FROM votes WHERE workshop_id = ? AND column_no = ? AND user_id = ?"
                " AND position = ?",
                (*key, position),
            )
            counted = True
            if removed.rowcount == 0:
                rows = await conn.execute_fetchall(
                    "SELECT COUNT(*) AS n FROM votes WHERE workshop_id = ? AND column_no = ?"
                    " AND user_id = ?",
                    key,
                )
                if rows[0]["n"] < max_votes:
                    await conn.execute(
                        "INSERT INTO votes (workshop_id, column_no, user_id, position)"
                        " VALUES (?, ?, ?, ?)",
                        (*key, position),
                    )
                else:
                    counted = False
            rows = await conn.execute_fetchall(
                "SELECT position FROM votes WHERE workshop_id = ? AND column_no = ?"
                " AND user_id = ? ORDER BY position",
                key,
            )
        return [r["position"] for r in rows], counted

    async def vote_counts(self, workshop_id: int, kolom: Kolom) -> tuple[dict[int, int], int]:
        """Votes per position, and how many people voted."""
        rows = await self.db.fetch_all(
            "SELECT position, COUNT(*) AS n FROM votes WHERE workshop_id = ? AND column_no = ?"
            " GROUP BY position",
            (workshop_id, int(kolom)),
        )
        voters = await self.db.fetch_one(
            "SELECT COUNT(DISTINCT user_id) AS n FROM votes WHERE workshop_id = ?"
            " AND column_no = ?",
            (workshop_id, int(kolom)),
        )
        return {r["position"]: r["n"] for r in rows}, int(voters["n"]) if voters else 0

    async def add_vote_message(
        self, workshop_id: int, kolom: Kolom, chat_id: int, message_id: int
    ) -> None:
        """Remember a voting message, to close it when the votes are counted."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT OR IGNORE INTO vote_messages (workshop_id, column_no, chat_id, message_id)"
                " VALUES (?, ?, ?, ?)",
                (workshop_id, int(kolom), chat_id, message_id),
            )

    async def take_vote_messages(self, workshop_id: int, kolom: Kolom) -> list[tuple[int, int]]:
        """The voting messages of a column, forgotten as they are handed out."""
        async with self.db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT chat_id, message_id FROM vote_messages WHERE workshop_id = ?"
                " AND column_no = ?",
                (workshop_id, int(kolom)),
            )
            await conn.execute(
                "DELETE FROM vote_messages WHERE workshop_id = ? AND column_no = ?",
                (workshop_id, int(kolom)),
            )
        return [(r["chat_id"], r["message_id"]) for r in rows]
