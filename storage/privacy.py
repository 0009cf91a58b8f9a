"""Queries that forget people and workshops (AVG/GDPR): on request and after a while."""

from __future__ import annotations

from storage.db import Database

ANONYMOUS_NAME = "—"


class PrivacyQueries:
    db: Database

    async def forget_participant(
        self, workshop_id: int, user_id: int, *, keep_answers: bool, now: str
    ) -> bool:
        """Remove a person's name, username and Telegram id from a workshop; their answers
        stay without a name, or go. False when the person was not in the workshop."""
        async with self.db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT id FROM participants WHERE workshop_id = ? AND user_id = ?",
                (workshop_id, user_id),
            )
            if not rows:
                return False
            participant_id = rows[0]["id"]
            if keep_answers:
                # Answers written in a private chat carry that chat's id (the person's own
                # Telegram id): replace the source, keep it unique.
                await conn.execute(
                    "UPDATE answers SET source_chat_id = 0, source_message_id = -id,"
                    " source_part = 0 WHERE participant_id = ? AND source_chat_id = ?",
                    (participant_id, user_id),
                )
            else:
                await conn.execute(
                    "DELETE FROM answers WHERE participant_id = ?", (participant_id,)
                )
            # The row stays (answers and activity point at it) but says nothing about who.
            await conn.execute(
                "UPDATE participants SET first_name = ?, username = NULL, user_id = ?,"
                " role = NULL, network = NULL, play_role = NULL WHERE id = ?",
                (ANONYMOUS_NAME, -participant_id, participant_id),
            )
            await conn.execute(
                "DELETE FROM votes WHERE workshop_id = ? AND user_id = ?", (workshop_id, user_id)
            )
            for table in ("cofacilitators", "cofacilitator_offers", "workshop_choices"):
                await conn.execute(
                    f"DELETE FROM {table} WHERE workshop_id = ? AND user_id = ?",
                    (workshop_id, user_id),
                )
            await conn.execute(
                "UPDATE events SET actor_id = NULL WHERE workshop_id = ? AND actor_id = ?",
                (workshop_id, user_id),
            )
            await conn.execute(
                "INSERT INTO events (workshop_id, kind, at) VALUES (?, 'participant_forgotten', ?)",
                (workshop_id, now),
            )
        return True

    async def delete_workshop(self, workshop_id: int) -> bool:
        """Delete a workshop and everything in it."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM workshops WHERE id = ?", (workshop_id,))
            return cursor.rowcount == 1

    async def purge_ended_before(self, cutoff: str) -> int:
        """Delete every workshop that ended before the cutoff; how many went."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM workshops WHERE ended_at IS NOT NULL AND ended_at < ?", (cutoff,)
            )
            return cursor.rowcount
