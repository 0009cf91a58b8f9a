"""Queries about workshops: phases, facilitators, the status board."""

from __future__ import annotations

import json

import aiosqlite

from flows.fase import Fase
from flows.kaart import Kolom
from flows.subgroep import SubgroepStand
from storage.db import Database
from storage.models import CofacilitatorOffer, Subgroup, Workshop, stand_label


def _workshop(row: aiosqlite.Row) -> Workshop:
    return Workshop(
        id=row["id"],
        code=row["code"],
        goal=row["goal"],
        facilitator_id=row["facilitator_id"],
        plenary_chat_id=row["plenary_chat_id"],
        lang=row["lang"],
        fase=Fase(row["phase"]),
        created_at=row["created_at"],
        ended_at=row["ended_at"],
        phase_changed_at=row["phase_changed_at"] or row["created_at"],
        plenary_column=Kolom(row["plenary_column"]) if row["plenary_column"] else None,
        status_chat_id=row["status_chat_id"],
        status_thread_id=row["status_thread_id"],
        status_message_id=row["status_message_id"],
        cofac_code=row["cofac_code"],
        durations=json.loads(row["durations"]) if row["durations"] else {},
        reminders_off=bool(row["reminders_off"]),
        reminder_cap_minutes=row["reminder_cap_minutes"],
        homogeneous=bool(row["homogeneous"]),
        split_proposal=json.loads(row["split_proposal"]) if row["split_proposal"] else None,
        silent=json.loads(row["silent"]) if row["silent"] else None,
        status_page=row["status_page"],
        previous_id=row["previous_id"],
        closing_at=row["closing_at"],
    )


class WorkshopQueries:
    db: Database

    async def create_workshop(
        self,
        *,
        code: str,
        goal: str,
        cofac_code: str | None = None,
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
                "INSERT INTO workshops (code, cofac_code, goal, facilitator_id, plenary_chat_id,"
                " lang, phase, created_at, phase_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    cofac_code,
                    goal,
                    facilitator_id,
                    plenary_chat_id,
                    lang,
                    Fase.OPENING.value,
                    now,
                    now,
                ),
            )
            workshop_id = cursor.lastrowid
            await conn.execute(
                "INSERT INTO events (workshop_id, kind, to_state, actor_id, source, at)"
                " VALUES (?, 'workshop_created', ?, ?, ?, ?)",
                (workshop_id, Fase.OPENING.value, facilitator_id, source, now),
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

    async def find_workshop_by_cofac_code(self, code: str) -> Workshop | None:
        """Read the workshop a co-facilitator link belongs to."""
        row = await self.db.fetch_one("SELECT * FROM workshops WHERE cofac_code = ?", (code,))
        return _workshop(row) if row else None

    async def latest_workshop_of_facilitator(self, user_id: int) -> Workshop | None:
        """Read the most recent workshop this person facilitates (or co-facilitates)."""
        row = await self.db.fetch_one(
            "SELECT * FROM workshops WHERE facilitator_id = ? OR id IN"
            " (SELECT workshop_id FROM cofacilitators WHERE user_id = ?)"
            " ORDER BY id DESC LIMIT 1",
            (user_id, user_id),
        )
        return _workshop(row) if row else None

    async def latest_workshop_of_plenary_chat(self, chat_id: int) -> Workshop | None:
        """Read the most recent workshop started from this chat."""
        row = await self.db.fetch_one(
            "SELECT * FROM workshops WHERE plenary_chat_id = ? ORDER BY id DESC LIMIT 1",
            (chat_id,),
        )
        return _workshop(row) if row else None

    async def is_facilitator(self, workshop: Workshop, user_id: int) -> bool:
        """True for the workshop's facilitator and its co-facilitators."""
        if user_id == workshop.facilitator_id:
            return True
        row = await self.db.fetch_one(
            "SELECT 1 FROM cofacilitators WHERE workshop_id = ? AND user_id = ?",
            (workshop.id, user_id),
        )
        return row is not None

    async def add_cofacilitator(self, workshop_id: int, user_id: int, now: str) -> bool:
        """Let someone co-facilitate; False if they already did."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO cofacilitators (workshop_id, user_id, added_at)"
                " VALUES (?, ?, ?)",
                (workshop_id, user_id, now),
            )
            if cursor.rowcount == 1:
                await conn.execute(
                    "INSERT INTO events (workshop_id, kind, actor_id, at)"
                    " VALUES (?, 'cofacilitator_added', ?, ?)",
                    (workshop_id, user_id, now),
                )
            return cursor.rowcount == 1

    async def offer_cofacilitator(self, workshop_id: int, user_id: int, now: str) -> int:
        """Ask someone to co-facilitate; the offer's id (the same when asked again)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO cofacilitator_offers (workshop_id, user_id, offered_at)"
                " VALUES (?, ?, ?) ON CONFLICT (workshop_id, user_id)"
                " DO UPDATE SET offered_at = excluded.offered_at",
                (workshop_id, user_id, now),
            )
            rows = await conn.execute_fetchall(
                "SELECT id FROM cofacilitator_offers WHERE workshop_id = ? AND user_id = ?",
                (workshop_id, user_id),
            )
        return int(rows[0]["id"])

    async def get_cofacilitator_offer(self, offer_id: int) -> CofacilitatorOffer | None:
        """Read an open offer to co-facilitate (None once answered or never made)."""
        row = await self.db.fetch_one(
            "SELECT id, workshop_id, user_id FROM cofacilitator_offers WHERE id = ?", (offer_id,)
        )
        if row is None:
            return None
        return CofacilitatorOffer(row["id"], row["workshop_id"], row["user_id"])

    async def close_cofacilitator_offer(self, offer_id: int) -> bool:
        """The offer was answered; False if it was answered before."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM cofacilitator_offers WHERE id = ?", (offer_id,)
            )
            return cursor.rowcount == 1

    async def active_workshops_of_facilitator(self, user_id: int) -> list[Workshop]:
        """Every workshop this person (co-)facilitates that has not ended, oldest first."""
        rows = await self.db.fetch_all(
            "SELECT * FROM workshops WHERE phase != 'afgerond' AND (facilitator_id = ? OR id IN"
            " (SELECT workshop_id FROM cofacilitators WHERE user_id = ?)) ORDER BY id",
            (user_id, user_id),
        )
        return [_workshop(r) for r in rows]

    async def choose_workshop(self, user_id: int, workshop_id: int, now: str) -> None:
        """Remember the workshop this person's private commands are about."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO workshop_choices (user_id, workshop_id, chosen_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET workshop_id = excluded.workshop_id,"
                " chosen_at = excluded.chosen_at",
                (user_id, workshop_id, now),
            )

    async def chosen_workshop(self, user_id: int) -> Workshop | None:
        """The workshop this person chose last, while they still (co-)facilitate it."""
        row = await self.db.fetch_one(
            "SELECT w.* FROM workshop_choices c JOIN workshops w ON w.id = c.workshop_id"
            " WHERE c.user_id = ? AND (w.facilitator_id = c.user_id OR EXISTS (SELECT 1 FROM"
            " cofacilitators f WHERE f.workshop_id = w.id AND f.user_id = c.user_id))",
            (user_id,),
        )
        return _workshop(row) if row else None

    async def active_workshops_of_plenary_chat(self, chat_id: int) -> list[Workshop]:
        """Every workshop not yet ended whose plenary chat this is."""
        rows = await self.db.fetch_all(
            "SELECT * FROM workshops WHERE plenary_chat_id = ? AND phase != 'afgerond'"
            " ORDER BY id",
            (chat_id,),
        )
        return [_workshop(r) for r in rows]

    async def change_phase(
        self,
        workshop: Workshop,
        new: Fase,
        *,
        moves: list[tuple[Subgroup, SubgroepStand]],
        plenary_column: Kolom | None,
        actor_id: int | None,
        source: str | None,
        now: str,
    ) -> bool:
        """Move the workshop to a new phase and its subgroups along, all at once.

        False when the phase was changed meanwhile (two facilitators at once) or the
        same command was handled before.
        """
        async with self.db.transaction() as conn:
            if source is not None and await conn.execute_fetchall(
                "SELECT 1 FROM events WHERE source = ?", (source,)
            ):
                return False
            cursor = await conn.execute(
                "UPDATE workshops SET phase = ?, phase_changed_at = ?, plenary_column = ?,"
                " ended_at = CASE WHEN ? = 'afgerond' THEN ? ELSE ended_at END"
                " WHERE id = ? AND phase = ?",
                (new.value, now, plenary_column, new.value, now, workshop.id, workshop.fase.value),
            )
            if cursor.rowcount != 1:
                return False
            await conn.execute(
                "INSERT INTO events (workshop_id, kind, from_state, to_state, actor_id, source, at)"
                " VALUES (?, 'phase', ?, ?, ?, ?, ?)",
                (workshop.id, workshop.fase.value, new.value, actor_id, source, now),
            )
            for subgroup, stand in moves:
                # Every subgroup hears of the new phase, also one whose state stays.
                await conn.execute(
                    "UPDATE subgroups SET prompt_message_id = NULL, board_message_id = NULL"
                    " WHERE id = ?",
                    (subgroup.id,),
                )
                if stand == subgroup.stand:
                    continue
                await conn.execute(
                    "UPDATE subgroups SET status = ?, column_no = ?, prompt_message_id = NULL,"
                    " board_message_id = NULL, state_changed_at = ? WHERE id = ?",
                    (stand.status.value, int(stand.kolom), now, subgroup.id),
                )
                await conn.execute(
                    "INSERT INTO events (workshop_id, subgroup_id, kind, from_state, to_state,"
                    " actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        workshop.id,
                        subgroup.id,
                        f"phase:{new.value}",
                        stand_label(subgroup.stand),
                        stand_label(stand),
                        actor_id,
                        now,
                    ),
                )
        return True

    async def set_plenary_column(
        self, workshop: Workshop, kolom: Kolom | None, *, expected: Kolom | None
    ) -> bool:
        """Move the plenary round to another column, if nobody moved it meanwhile."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE workshops SET plenary_column = ? WHERE id = ? AND phase = ?"
                " AND plenary_column IS ?",
                (
                    int(kolom) if kolom else None,
                    workshop.id,
                    workshop.fase.value,
                    int(expected) if expected else None,
                ),
            )
            return cursor.rowcount == 1

    async def set_status_message(
        self, workshop_id: int, chat_id: int, thread_id: int | None, message_id: int
    ) -> None:
        """Remember the status board message, to edit it in place later; a new one starts
        at its first page."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE workshops SET status_chat_id = ?, status_thread_id = ?,"
                " status_message_id = ?, status_page = 1 WHERE id = ?",
                (chat_id, thread_id, message_id, workshop_id),
            )

    async def set_status_page(self, workshop_id: int, page: int) -> None:
        """Remember the page of the status board that it shows."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE workshops SET status_page = ? WHERE id = ?", (page, workshop_id)
            )

    async def latest_workshop(self) -> Workshop | None:
        """Read the workshop made last (the offline export's default)."""
        row = await self.db.fetch_one("SELECT * FROM workshops ORDER BY id DESC LIMIT 1")
        return _workshop(row) if row else None

    async def active_workshops(self) -> list[Workshop]:
        """Every workshop that has not ended, oldest first."""
        rows = await self.db.fetch_all(
            "SELECT * FROM workshops WHERE phase != 'afgerond' ORDER BY id"
        )
        return [_workshop(r) for r in rows]

    async def set_duration(self, workshop: Workshop, phase: str, minutes: int) -> None:
        """Set the facilitator's own duration for a step."""
        chosen = {**workshop.durations, phase: minutes}
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE workshops SET durations = ? WHERE id = ?",
                (json.dumps(chosen), workshop.id),
            )

    async def set_reminders_off(self, workshop_id: int, off: bool) -> None:
        """The facilitator turns the bot's unprompted reminders off (or on again)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE workshops SET reminders_off = ? WHERE id = ?", (int(off), workshop_id)
            )

    async def record_once(self, workshop_id: int, source: str, kind: str, now: str) -> bool:
        """Note that something happened, once per source; False if it was noted before."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO events (workshop_id, kind, source, at) VALUES (?, ?, ?, ?)",
                (workshop_id, kind, source, now),
            )
            return cursor.rowcount == 1

    async def sources_seen(self, workshop_id: int, prefix: str) -> set[str]:
        """The sources of events noted for a workshop that start with a prefix."""
        rows = await self.db.fetch_all(
            "SELECT source FROM events WHERE workshop_id = ? AND source LIKE ?",
            (workshop_id, prefix.replace("%", "") + "%"),
        )
        return {r["source"] for r in rows}

    async def set_language(self, workshop_id: int, lang: str) -> None:
        """The language of every chat in the workshop."""
        async with self.db.transaction() as conn:
            await conn.execute("UPDATE workshops SET lang = ? WHERE id = ?", (lang, workshop_id))

    async def set_homogeneous(self, workshop_id: int, homogeneous: bool) -> None:
        """Groups of one kind first (homogeneous), or mixed groups."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE workshops SET homogeneous = ? WHERE id = ?", (int(homogeneous), workshop_id)
            )

    async def set_split_proposal(self, workshop_id: int, groups: list[list[int]] | None) -> None:
        """Keep (or drop) the proposed split of participants over subgroups."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE workshops SET split_proposal = ? WHERE id = ?",
                (json.dumps(groups) if groups is not None else None, workshop_id),
            )

    async def latest_workshop_of_participant(self, user_id: int) -> Workshop | None:
        """The most recent workshop this person takes part in."""
        row = await self.db.fetch_one(
            "SELECT w.* FROM workshops w JOIN participants p ON p.workshop_id = w.id"
            " WHERE p.user_id = ? ORDER BY w.id DESC LIMIT 1",
            (user_id,),
        )
        return _workshop(row) if row else None

    async def set_silent(self, workshop_id: int, silent: dict | None) -> None:
        """Turn silent writing on (for some or all columns) or off."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE workshops SET silent = ? WHERE id = ?",
                (json.dumps(silent) if silent else None, workshop_id),
            )
