"""Queries about subgroups, their state and the people in them."""

from __future__ import annotations

import aiosqlite

from flows.antwoord import clean_name
from flows.subgroep import SubgroepStand
from storage.db import Database
from storage.models import Participant, Subgroup, stand_from, stand_label


class ChatAlreadyLinked(Exception):
    """The chat (or forum topic) is already a subgroup."""


def _subgroup(row: aiosqlite.Row) -> Subgroup:
    return Subgroup(
        id=row["id"],
        workshop_id=row["workshop_id"],
        number=row["number"],
        name=row["name"],
        chat_id=row["chat_id"],
        thread_id=row["thread_id"],
        stand=stand_from(row["status"], row["column_no"]),
        prompt_message_id=row["prompt_message_id"],
        board_message_id=row["board_message_id"],
        joined_at=row["joined_at"],
        state_changed_at=row["state_changed_at"],
        reminders_muted=bool(row["reminders_muted"]),
    )


def _participant(row: aiosqlite.Row) -> Participant:
    return Participant(
        id=row["id"],
        workshop_id=row["workshop_id"],
        user_id=row["user_id"],
        first_name=row["first_name"],
        username=row["username"],
        subgroup_id=row["subgroup_id"],
        role=row["role"],
        network=row["network"],
        play_role=row["play_role"],
        left_at=row["left_at"],
    )


class SubgroupQueries:
    db: Database

    async def add_subgroup(
        self,
        *,
        workshop_id: int,
        name: str,
        chat_id: int | None,
        thread_id: int | None,
        stand: SubgroepStand,
        actor_id: int | None,
        now: str,
    ) -> Subgroup:
        """Link a chat or topic to a workshop as a new subgroup; raise if already linked."""
        async with self.db.transaction() as conn:
            if chat_id is not None:
                taken = await conn.execute_fetchall(
                    "SELECT id FROM subgroups WHERE chat_id = ? AND thread_id = ?",
                    (chat_id, thread_id or 0),
                )
                if taken:
                    raise ChatAlreadyLinked(chat_id)
            numbers = await conn.execute_fetchall(
                "SELECT COALESCE(MAX(number), 0) + 1 AS n FROM subgroups WHERE workshop_id = ?",
                (workshop_id,),
            )
            cursor = await conn.execute(
                "INSERT INTO subgroups (workshop_id, number, name, chat_id, thread_id, status,"
                " column_no, joined_at, state_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    workshop_id,
                    numbers[0]["n"],
                    clean_name(name),  # a title with broken characters cannot be stored
                    chat_id,
                    thread_id or 0,
                    stand.status.value,
                    int(stand.kolom),
                    now,
                    now,
                ),
            )
            subgroup_id = cursor.lastrowid
            await conn.execute(
                "INSERT INTO events (workshop_id, subgroup_id, kind, to_state, actor_id, at)"
                " VALUES (?, ?, 'subgroup_joined', ?, ?, ?)",
                (workshop_id, subgroup_id, stand_label(stand), actor_id, now),
            )
            rows = await conn.execute_fetchall(
                "SELECT * FROM subgroups WHERE id = ?", (subgroup_id,)
            )
        return _subgroup(rows[0])

    async def get_subgroup(self, subgroup_id: int) -> Subgroup | None:
        """Read one subgroup by id."""
        row = await self.db.fetch_one("SELECT * FROM subgroups WHERE id = ?", (subgroup_id,))
        return _subgroup(row) if row else None

    async def find_subgroup_by_chat(self, chat_id: int, thread_id: int | None) -> Subgroup | None:
        """Read the subgroup that lives in this chat (and forum topic)."""
        row = await self.db.fetch_one(
            "SELECT * FROM subgroups WHERE chat_id = ? AND thread_id = ?",
            (chat_id, thread_id or 0),
        )
        return _subgroup(row) if row else None

    async def find_subgroup_by_number(self, workshop_id: int, number: int) -> Subgroup | None:
        """Read a subgroup by its number within the workshop."""
        row = await self.db.fetch_one(
            "SELECT * FROM subgroups WHERE workshop_id = ? AND number = ?", (workshop_id, number)
        )
        return _subgroup(row) if row else None

    async def list_subgroups(self, workshop_id: int) -> list[Subgroup]:
        """Read every subgroup of a workshop, in the order they joined."""
        rows = await self.db.fetch_all(
            "SELECT * FROM subgroups WHERE workshop_id = ? ORDER BY id", (workshop_id,)
        )
        return [_subgroup(r) for r in rows]

    async def subgroups_awaiting_prompt(self) -> list[Subgroup]:
        """Read subgroups in a chat whose current question has not been sent yet."""
        rows = await self.db.fetch_all(
            "SELECT * FROM subgroups WHERE chat_id IS NOT NULL AND prompt_message_id IS NULL"
            " ORDER BY id"
        )
        return [_subgroup(r) for r in rows]

    async def change_subgroup_state(
        self,
        subgroup: Subgroup,
        new: SubgroepStand,
        *,
        kind: str,
        actor_id: int | None,
        source: str | None,
        now: str,
    ) -> bool:
        """Move a subgroup from the state read to ``new``, once; False if that did not happen.

        Compare-and-set on the old state guards against two changes racing; the event's
        unique ``source`` guards against a command that Telegram delivers twice.
        """
        async with self.db.transaction() as conn:
            if source is not None:
                seen = await conn.execute_fetchall(
                    "SELECT 1 FROM events WHERE source = ?", (source,)
                )
                if seen:
                    return False
            cursor = await conn.execute(
                "UPDATE subgroups SET status = ?, column_no = ?, prompt_message_id = NULL,"
                " board_message_id = NULL, state_changed_at = ?"
                " WHERE id = ? AND status = ? AND column_no = ?",
                (
                    new.status.value,
                    int(new.kolom),
                    now,
                    subgroup.id,
                    subgroup.stand.status.value,
                    int(subgroup.stand.kolom),
                ),
            )
            if cursor.rowcount != 1:
                return False
            await conn.execute(
                "INSERT INTO events (workshop_id, subgroup_id, kind, from_state, to_state,"
                " actor_id, source, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    subgroup.workshop_id,
                    subgroup.id,
                    kind,
                    stand_label(subgroup.stand),
                    stand_label(new),
                    actor_id,
                    source,
                    now,
                ),
            )
        return True

    async def set_prompt_message(
        self, subgroup_id: int, stand: SubgroepStand, message_id: int, board_message_id: int | None
    ) -> bool:
        """Remember which messages ask the current question, if the state is still ``stand``."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE subgroups SET prompt_message_id = ?, board_message_id = ?"
                " WHERE id = ? AND status = ? AND column_no = ?",
                (message_id, board_message_id, subgroup_id, stand.status.value, int(stand.kolom)),
            )
            return cursor.rowcount == 1

    async def upsert_participant(
        self,
        *,
        workshop_id: int,
        user_id: int,
        first_name: str,
        username: str | None,
        subgroup_id: int | None,
        now: str,
    ) -> Participant:
        """Record (or refresh) a person taking part; returns the stored participant.

        Seen in a subgroup's chat (``subgroup_id`` given), they are in it again, also
        after they left it.
        """
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO participants (workshop_id, user_id, first_name, username,"
                " subgroup_id, joined_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (workshop_id, user_id) DO UPDATE SET"
                " first_name = excluded.first_name, username = excluded.username,"
                " subgroup_id = COALESCE(excluded.subgroup_id, participants.subgroup_id),"
                " left_at = CASE WHEN excluded.subgroup_id IS NULL"
                " THEN participants.left_at END",
                # Names are cleaned like answers: broken characters cannot be stored.
                (workshop_id, user_id, clean_name(first_name), clean_name(username) or None,
                 subgroup_id, now),  # fmt: skip
            )
            rows = await conn.execute_fetchall(
                "SELECT * FROM participants WHERE workshop_id = ? AND user_id = ?",
                (workshop_id, user_id),
            )
        return _participant(rows[0])

    async def list_participants(self, workshop_id: int) -> list[Participant]:
        """Read everyone taking part in a workshop."""
        rows = await self.db.fetch_all(
            "SELECT * FROM participants WHERE workshop_id = ? ORDER BY id", (workshop_id,)
        )
        return [_participant(r) for r in rows]

    async def note_member_left(self, chat_id: int, user_id: int, now: str) -> list[int]:
        """Someone left (or was removed from) a chat: as a participant of a subgroup in that
        chat (or one of its topics) they no longer count. The subgroups they left."""
        async with self.db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT p.id, p.subgroup_id FROM participants p"
                " JOIN subgroups g ON g.id = p.subgroup_id"
                " WHERE g.chat_id = ? AND p.user_id = ? AND p.left_at IS NULL",
                (chat_id, user_id),
            )
            for row in rows:
                await conn.execute(
                    "UPDATE participants SET left_at = ? WHERE id = ?", (now, row["id"])
                )
        return [r["subgroup_id"] for r in rows]

    async def note_member_back(self, chat_id: int, user_id: int) -> list[int]:
        """Someone who left a chat is in it again; the subgroups they are back in."""
        async with self.db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT p.id, p.subgroup_id FROM participants p"
                " JOIN subgroups g ON g.id = p.subgroup_id"
                " WHERE g.chat_id = ? AND p.user_id = ? AND p.left_at IS NOT NULL",
                (chat_id, user_id),
            )
            for row in rows:
                await conn.execute("UPDATE participants SET left_at = NULL WHERE id = ?",
                                   (row["id"],))  # fmt: skip
        return [r["subgroup_id"] for r in rows]

    async def set_reminders_muted(self, subgroup_id: int, muted: bool) -> None:
        """A subgroup mutes (or unmutes) the bot's unprompted reminders."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE subgroups SET reminders_muted = ? WHERE id = ?", (int(muted), subgroup_id)
            )

    async def set_participant_profile(
        self, participant_id: int, *, role: str | None = None, network: str | None = None
    ) -> None:
        """Store a participant's role and/or network (what is None stays as it is)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE participants SET role = COALESCE(?, role), network = COALESCE(?, network)"
                " WHERE id = ?",
                (role, network, participant_id),
            )

    async def set_play_roles(self, roles: dict[int, str | None]) -> None:
        """Hand out play roles (participant id → role; None takes one back)."""
        async with self.db.transaction() as conn:
            for participant_id, role in roles.items():
                await conn.execute(
                    "UPDATE participants SET play_role = ? WHERE id = ?", (role, participant_id)
                )

    async def assign_participants(self, assignment: dict[int, int]) -> None:
        """Put participants in subgroups (participant id → subgroup id), all at once."""
        async with self.db.transaction() as conn:
            for participant_id, subgroup_id in assignment.items():
                await conn.execute(
                    "UPDATE participants SET subgroup_id = ? WHERE id = ?",
                    (subgroup_id, participant_id),
                )

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> list[int]:
        """A group became a supergroup (new chat id): its subgroups move along, and their
        question and board are asked again there (the old messages stay behind)."""
        async with self.db.transaction() as conn:
            moved = await conn.execute_fetchall(
                "SELECT id FROM subgroups WHERE chat_id = ?", (old_chat_id,)
            )
            await conn.execute(
                "UPDATE subgroups SET chat_id = ?, prompt_message_id = NULL,"
                " board_message_id = NULL WHERE chat_id = ?",
                (new_chat_id, old_chat_id),
            )
            await conn.execute(
                "UPDATE workshops SET plenary_chat_id = ? WHERE plenary_chat_id = ?",
                (new_chat_id, old_chat_id),
            )
            await conn.execute(
                "UPDATE workshops SET status_chat_id = ? WHERE status_chat_id = ?",
                (new_chat_id, old_chat_id),
            )
        return [r["id"] for r in moved]
