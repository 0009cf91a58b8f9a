"""Queries about answers: stored once per Telegram message (part), updated when edited."""

from __future__ import annotations

import json
from collections.abc import Sequence

import aiosqlite

from flows.kaart import Kolom
from storage.db import Database
from storage.models import Activity, Answer, Event

_SELECT = (
    "SELECT a.*, p.first_name AS author FROM answers a"
    " LEFT JOIN participants p ON p.id = a.participant_id"
)


def _answer(row: aiosqlite.Row) -> Answer:
    return Answer(
        id=row["id"],
        workshop_id=row["workshop_id"],
        subgroup_id=row["subgroup_id"],
        kolom=Kolom(row["column_no"]),
        text=row["text"],
        participant_id=row["participant_id"],
        author=row["author"],
        source_chat_id=row["source_chat_id"],
        source_message_id=row["source_message_id"],
        created_at=row["created_at"],
        edited_at=row["edited_at"],
        hidden=bool(row["hidden"]),
        source_part=row["source_part"],
    )


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


# People per query of one lookup each: SQLite allows 500 parts in a UNION.
_CHUNK = 200


def _chunks(values: Sequence[int]) -> list[Sequence[int]]:
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


class AnswerQueries:
    db: Database

    async def add_answer(
        self,
        *,
        workshop_id: int,
        subgroup_id: int,
        kolom: Kolom,
        text: str,
        participant_id: int | None,
        source_chat_id: int,
        source_message_id: int,
        now: str,
        source_part: int = 0,
        hidden: bool = False,
    ) -> tuple[Answer, bool]:
        """Store an answer once per source message (part); return it and whether it is new."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO answers (workshop_id, subgroup_id, column_no, text, participant_id,"
                " source_chat_id, source_message_id, source_part, created_at, hidden)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (source_chat_id, source_message_id, source_part) DO NOTHING",
                (
                    workshop_id,
                    subgroup_id,
                    int(kolom),
                    text,
                    participant_id,
                    source_chat_id,
                    source_message_id,
                    source_part,
                    now,
                    int(hidden),
                ),
            )
            created = cursor.rowcount == 1
            rows = await conn.execute_fetchall(
                _SELECT + " WHERE a.source_chat_id = ? AND a.source_message_id = ?"
                " AND a.source_part = ?",
                (source_chat_id, source_message_id, source_part),
            )
        return _answer(rows[0]), created

    async def list_answers_by_source(self, chat_id: int, message_id: int) -> list[Answer]:
        """Read every answer that came from this Telegram message, line by line."""
        rows = await self.db.fetch_all(
            _SELECT + " WHERE a.source_chat_id = ? AND a.source_message_id = ?"
            " ORDER BY a.source_part",
            (chat_id, message_id),
        )
        return [_answer(r) for r in rows]

    async def remove_answers(self, answer_ids: Sequence[int]) -> None:
        """Take answers off the map (their lines were taken out of an edited message)."""
        async with self.db.transaction() as conn:
            for answer_id in answer_ids:
                await conn.execute("DELETE FROM answers WHERE id = ?", (answer_id,))

    async def edit_answer(self, answer_id: int, text: str, now: str) -> Answer:
        """Replace an answer's text after its author edited the message."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE answers SET text = ?, edited_at = ? WHERE id = ?", (text, now, answer_id)
            )
            rows = await conn.execute_fetchall(_SELECT + " WHERE a.id = ?", (answer_id,))
        return _answer(rows[0])

    async def list_answers(self, subgroup_id: int, kolom: Kolom | None = None) -> list[Answer]:
        """Read a subgroup's answers (of one column, or all), oldest first."""
        if kolom is None:
            rows = await self.db.fetch_all(
                _SELECT + " WHERE a.subgroup_id = ? ORDER BY a.column_no, a.id", (subgroup_id,)
            )
        else:
            rows = await self.db.fetch_all(
                _SELECT + " WHERE a.subgroup_id = ? AND a.column_no = ? ORDER BY a.id",
                (subgroup_id, int(kolom)),
            )
        return [_answer(r) for r in rows]

    async def list_workshop_answers(
        self, workshop_id: int, kolom: Kolom | None = None
    ) -> list[Answer]:
        """Read every answer of a workshop (of one column, or all), per subgroup, oldest first."""
        if kolom is None:
            rows = await self.db.fetch_all(
                _SELECT + " WHERE a.workshop_id = ? ORDER BY a.subgroup_id, a.column_no, a.id",
                (workshop_id,),
            )
        else:
            rows = await self.db.fetch_all(
                _SELECT + " WHERE a.workshop_id = ? AND a.column_no = ?"
                " ORDER BY a.subgroup_id, a.id",
                (workshop_id, int(kolom)),
            )
        return [_answer(r) for r in rows]

    async def count_answers(self, subgroup_id: int, kolom: Kolom) -> int:
        """Count a subgroup's answers in one column."""
        row = await self.db.fetch_one(
            "SELECT COUNT(*) AS n FROM answers WHERE subgroup_id = ? AND column_no = ?",
            (subgroup_id, int(kolom)),
        )
        return int(row["n"]) if row else 0

    async def answers_in_total(self) -> int:
        """How many answers the database holds, of every workshop (for /metrics)."""
        row = await self.db.fetch_one("SELECT COUNT(*) AS n FROM answers")
        return int(row["n"]) if row else 0

    async def answer_counts(self, workshop_id: int) -> dict[int, dict[Kolom, int]]:
        """Per subgroup, the number of answers in each column."""
        rows = await self.db.fetch_all(
            "SELECT subgroup_id, column_no, COUNT(*) AS n FROM answers WHERE workshop_id = ?"
            " GROUP BY subgroup_id, column_no",
            (workshop_id,),
        )
        counts: dict[int, dict[Kolom, int]] = {}
        for row in rows:
            counts.setdefault(row["subgroup_id"], {})[Kolom(row["column_no"])] = row["n"]
        return counts

    async def active_members(self, workshop_id: int) -> dict[int, int]:
        """Per subgroup, how many different people gave at least one answer."""
        rows = await self.db.fetch_all(
            "SELECT subgroup_id, COUNT(DISTINCT participant_id) AS n FROM answers"
            " WHERE workshop_id = ? AND participant_id IS NOT NULL GROUP BY subgroup_id",
            (workshop_id,),
        )
        return {row["subgroup_id"]: row["n"] for row in rows}

    async def last_event(self, workshop_id: int, kinds: tuple[str, ...]) -> Event | None:
        """The most recent event of one of these kinds."""
        marks = ", ".join("?" for _ in kinds)
        row = await self.db.fetch_one(
            f"SELECT * FROM events WHERE workshop_id = ? AND kind IN ({marks})"
            " ORDER BY id DESC LIMIT 1",
            (workshop_id, *kinds),
        )
        return Event(**dict(row)) if row else None

    async def list_events(self, workshop_id: int) -> list[Event]:
        """Read a workshop's history of state changes, oldest first."""
        rows = await self.db.fetch_all(
            "SELECT * FROM events WHERE workshop_id = ? ORDER BY id", (workshop_id,)
        )
        return [Event(**dict(r)) for r in rows]

    async def add_activity(
        self,
        *,
        workshop_id: int,
        subgroup_id: int,
        kind: str,
        participant_id: int | None,
        kolom: Kolom | None,
        detail: dict | None,
        now: str,
    ) -> None:
        """Note what happens in a subgroup besides answers (replies, reminders sent)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO activity (workshop_id, subgroup_id, kind, participant_id,"
                " column_no, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (workshop_id, subgroup_id, kind, participant_id,
                 int(kolom) if kolom else None, json.dumps(detail) if detail else None, now),
            )  # fmt: skip

    async def list_activity(
        self, subgroup_id: int, since: str, kinds: Sequence[str] | None = None
    ) -> list[Activity]:
        """A subgroup's activity since a moment (of these kinds, or all), oldest first."""
        if kinds is None:
            rows = await self.db.fetch_all(
                "SELECT * FROM activity WHERE subgroup_id = ? AND at >= ? ORDER BY id",
                (subgroup_id, since),
            )
        else:
            rows = await self.db.fetch_all(
                f"SELECT * FROM activity WHERE subgroup_id = ? AND kind IN ({_marks(kinds)})"
                " AND at >= ? ORDER BY id",
                (subgroup_id, *kinds, since),
            )
        return [
            Activity(
                kind=r["kind"],
                participant_id=r["participant_id"],
                kolom=Kolom(r["column_no"]) if r["column_no"] else None,
                detail=json.loads(r["detail"]) if r["detail"] else {},
                at=r["at"],
            )
            for r in rows
        ]

    # The reminder policy asks after every answer; these reads stop counting where the
    # policy stops looking, so their cost does not grow with the column (indexes of
    # migration 6).

    async def list_answers_since(
        self, subgroup_id: int, kolom: Kolom, since: str, until: str
    ) -> list[Answer]:
        """A column's answers made from one moment up to another, oldest first."""
        rows = await self.db.fetch_all(
            _SELECT + " WHERE a.subgroup_id = ? AND a.column_no = ? AND a.created_at >= ?"
            " AND a.created_at <= ? ORDER BY a.id",
            (subgroup_id, int(kolom), since, until),
        )
        return [_answer(r) for r in rows]

    async def count_answers_after(
        self, subgroup_id: int, kolom: Kolom, after: str, until: str, at_most: int
    ) -> int:
        """How many answers a column got after one moment up to another, up to at_most."""
        row = await self.db.fetch_one(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM answers WHERE subgroup_id = ?"
            " AND column_no = ? AND created_at > ? AND created_at <= ? LIMIT ?)",
            (subgroup_id, int(kolom), after, until, at_most),
        )
        return int(row["n"]) if row else 0

    async def count_answers_per_person(
        self,
        subgroup_id: int,
        kolom: Kolom,
        participant_ids: Sequence[int],
        until: str,
        at_most: int,
    ) -> dict[int, int]:
        """Each person's answers in a column up to a moment, counted up to at_most."""
        if not participant_ids:
            return {}
        one = (
            "SELECT ? AS participant_id, (SELECT COUNT(*) FROM (SELECT 1 FROM answers"
            " WHERE subgroup_id = ? AND column_no = ? AND participant_id = ?"
            " AND created_at <= ? LIMIT ?)) AS n"
        )
        counts: dict[int, int] = {}
        for chunk in _chunks(participant_ids):
            rows = await self.db.fetch_all(
                " UNION ALL ".join(one for _ in chunk),
                tuple(
                    value
                    for pid in chunk
                    for value in (pid, subgroup_id, int(kolom), pid, until, at_most)
                ),
            )
            counts.update((row["participant_id"], row["n"]) for row in rows)
        return counts

    async def people_active_since(
        self,
        subgroup_id: int,
        participant_ids: Sequence[int],
        kinds: Sequence[str],
        since: str,
        until: str,
    ) -> set[int]:
        """Who of these people has activity of these kinds from one moment up to another."""
        if not participant_ids:
            return set()
        one = (
            "SELECT participant_id FROM (SELECT participant_id FROM activity"
            f" WHERE subgroup_id = ? AND participant_id = ? AND kind IN ({_marks(kinds)})"
            " AND at >= ? AND at <= ? LIMIT 1)"
        )
        active: set[int] = set()
        for chunk in _chunks(participant_ids):
            rows = await self.db.fetch_all(
                " UNION ALL ".join(one for _ in chunk),
                tuple(
                    value for pid in chunk for value in (subgroup_id, pid, *kinds, since, until)
                ),
            )
            active.update(row["participant_id"] for row in rows)
        return active

    async def has_activity(self, subgroup_id: int, kinds: Sequence[str], since: str) -> bool:
        """Whether a subgroup has activity of these kinds since a moment."""
        row = await self.db.fetch_one(
            f"SELECT 1 FROM activity WHERE subgroup_id = ? AND kind IN ({_marks(kinds)})"
            " AND at >= ? LIMIT 1",
            (subgroup_id, *kinds, since),
        )
        return row is not None

    async def reveal_answers(self, subgroup_id: int, kolom: Kolom) -> list[Answer]:
        """Show the answers a subgroup wrote in silence for a column; the ones revealed now."""
        async with self.db.transaction() as conn:
            rows = await conn.execute_fetchall(
                _SELECT + " WHERE a.subgroup_id = ? AND a.column_no = ? AND a.hidden = 1"
                " ORDER BY a.id",
                (subgroup_id, int(kolom)),
            )
            await conn.execute(
                "UPDATE answers SET hidden = 0 WHERE subgroup_id = ? AND column_no = ?"
                " AND hidden = 1",
                (subgroup_id, int(kolom)),
            )
        return [_answer(r) for r in rows]
