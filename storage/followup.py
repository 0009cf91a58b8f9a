"""Queries of the second meeting (a follow-up of a homogeneous workshop) and of the
closing round (what we learned, what we take home)."""

from __future__ import annotations

from flows.fase import Fase
from storage.db import Database
from storage.models import ClosingAnswer, Participant, Workshop
from storage.subgroups import _participant
from storage.workshops import _workshop

CLOSING_QUESTIONS = ("geleerd", "meenemen")


class FollowupQueries:
    db: Database

    async def find_followup(self, previous_id: int) -> Workshop | None:
        """The follow-up made of this workshop, if any."""
        row = await self.db.fetch_one(
            "SELECT * FROM workshops WHERE previous_id = ? ORDER BY id LIMIT 1", (previous_id,)
        )
        return _workshop(row) if row else None

    async def create_followup(
        self,
        previous: Workshop,
        *,
        code: str,
        cofac_code: str,
        facilitator_id: int,
        plenary_chat_id: int,
        now: str,
    ) -> tuple[Workshop, list[Participant]]:
        """Write the mixed follow-up of a workshop: same goal and language, the same people
        (those who registered and did not leave; not its facilitators), with their role and
        network, in no subgroup yet. The follow-up and the people copied to it."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO workshops (code, cofac_code, goal, facilitator_id, plenary_chat_id,"
                " lang, phase, created_at, phase_changed_at, previous_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (code, cofac_code, previous.goal, facilitator_id, plenary_chat_id, previous.lang,
                 Fase.OPENING.value, now, now, previous.id),
            )  # fmt: skip
            new_id = cursor.lastrowid
            await conn.execute(
                "INSERT INTO participants (workshop_id, user_id, first_name, username,"
                " subgroup_id, joined_at, role, network)"
                " SELECT ?, user_id, first_name, username, NULL, ?, role, network"
                " FROM participants WHERE workshop_id = ? AND left_at IS NULL"
                " AND user_id != ? AND user_id NOT IN"
                " (SELECT user_id FROM cofacilitators WHERE workshop_id = ?) ORDER BY id",
                (new_id, now, previous.id, previous.facilitator_id, previous.id),
            )
            # The first meeting's co-facilitators help again.
            await conn.execute(
                "INSERT INTO cofacilitators (workshop_id, user_id, added_at)"
                " SELECT ?, user_id, ? FROM cofacilitators WHERE workshop_id = ?",
                (new_id, now, previous.id),
            )
            await conn.execute(
                "INSERT INTO events (workshop_id, kind, from_state, actor_id, at)"
                " VALUES (?, 'followup_created', ?, ?, ?)",
                (new_id, str(previous.id), facilitator_id, now),
            )
            rows = await conn.execute_fetchall("SELECT * FROM workshops WHERE id = ?", (new_id,))
            people = await conn.execute_fetchall(
                "SELECT * FROM participants WHERE workshop_id = ? ORDER BY id", (new_id,)
            )
        return _workshop(rows[0]), [_participant(p) for p in people]

    async def start_closing(self, workshop_id: int, now: str) -> bool:
        """Open the closing round; False when it was open already."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE workshops SET closing_at = ? WHERE id = ? AND closing_at IS NULL",
                (now, workshop_id),
            )
            return cursor.rowcount == 1

    async def open_closing_rounds(self, user_id: int, opened_since: str) -> list[Workshop]:
        """This person's workshops (taking part, or (co-)facilitating) whose closing round
        is open: the workshop runs, or it ended and the round opened at ``opened_since`` or
        later. Oldest first."""
        rows = await self.db.fetch_all(
            "SELECT * FROM workshops w WHERE w.closing_at IS NOT NULL"
            " AND (w.phase != 'afgerond' OR w.closing_at >= ?)"
            " AND (w.facilitator_id = ?"
            " OR EXISTS (SELECT 1 FROM participants p WHERE p.workshop_id = w.id"
            " AND p.user_id = ?)"
            " OR EXISTS (SELECT 1 FROM cofacilitators c WHERE c.workshop_id = w.id"
            " AND c.user_id = ?)) ORDER BY w.id",
            (opened_since, user_id, user_id, user_id),
        )
        return [_workshop(r) for r in rows]

    async def add_closing_answer(
        self,
        *,
        workshop_id: int,
        participant_id: int | None,
        question: str,
        text: str,
        source: str,
        now: str,
    ) -> bool:
        """Keep an answer of the closing round, once per message; False if kept before."""
        if question not in CLOSING_QUESTIONS:
            raise ValueError(f"unknown closing question {question!r}")
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO closing_answers (workshop_id, participant_id, question,"
                " text, source, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (workshop_id, participant_id, question, text, source, now),
            )
            return cursor.rowcount == 1

    async def list_closing_answers(self, workshop_id: int) -> list[ClosingAnswer]:
        """The closing round's answers, in the order they came."""
        rows = await self.db.fetch_all(
            "SELECT c.id, c.question, c.text, c.created_at, p.first_name FROM closing_answers c"
            " LEFT JOIN participants p ON p.id = c.participant_id"
            " WHERE c.workshop_id = ? ORDER BY c.id",
            (workshop_id,),
        )
        return [
            ClosingAnswer(r["id"], r["question"], r["text"], r["first_name"], r["created_at"])
            for r in rows
        ]
