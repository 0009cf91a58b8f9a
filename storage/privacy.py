"""Queries that forget people and workshops (AVG/GDPR): on request and after a while."""

from __future__ import annotations

import json

from flows import plenair
from flows.kaart import Kolom
from storage.db import Database, _Writer
from storage.models import Forgotten
from storage.plenary import _draft, _dump, _dump_items, _stored


class PrivacyQueries:
    db: Database

    async def forget_participant(
        self, workshop_id: int, user_id: int, *, keep_answers: bool, now: str
    ) -> Forgotten | None:
        """Remove everything that says who a person was from a workshop: name, username,
        Telegram id, role, votes, the updates they sent; their answers stay without a name,
        or go, from the plenary lists and their undo history too. None when the person was
        not in the workshop.

        Once committed, the file is rewritten (``Database.scrub_after_commit``), so no
        free page or write-ahead log keeps a copy of what was removed.
        """
        async with self.db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT id FROM participants WHERE workshop_id = ? AND user_id = ?",
                (workshop_id, user_id),
            )
            if not rows:
                return None
            participant_id = rows[0]["id"]
            forgotten = Forgotten()
            if keep_answers:
                # Answers written in a private chat carry that chat's id (the person's own
                # Telegram id): replace the source, keep it unique.
                await conn.execute(
                    "UPDATE answers SET source_chat_id = 0, source_message_id = -id,"
                    " source_part = 0 WHERE participant_id = ? AND source_chat_id = ?",
                    (participant_id, user_id),
                )
            else:
                forgotten = await _erase_answers(conn, workshop_id, participant_id)
                await conn.execute(
                    "DELETE FROM closing_answers WHERE participant_id = ?", (participant_id,)
                )
            # A closing answer's source names the chat it came from (a private chat's id
            # is the person's own Telegram id).
            await conn.execute(
                "UPDATE closing_answers SET source = 'vergeten:' || id WHERE participant_id = ?",
                (participant_id,),
            )
            # Her answers kept lose their author (participant_id becomes NULL), her activity
            # its actor: the person is gone, not renamed.
            await conn.execute("DELETE FROM participants WHERE id = ?", (participant_id,))
            await _forget_in_workshop(conn, workshop_id, participant_id, user_id)
            await _forget_updates(conn, user_id)
            await conn.execute(
                "INSERT INTO events (workshop_id, kind, at) VALUES (?, 'participant_forgotten', ?)",
                (workshop_id, now),
            )
            self.db.scrub_after_commit()
        return forgotten

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


async def _answers(conn: _Writer, sql: str, params: tuple) -> dict[int, tuple[str, str]]:
    rows = await conn.execute_fetchall(
        "SELECT a.id, a.text, s.name FROM answers a JOIN subgroups s ON s.id = a.subgroup_id"
        f" WHERE {sql}",
        params,
    )
    return {r["id"]: (r["text"], r["name"]) for r in rows}


async def _erase_answers(conn: _Writer, workshop_id: int, participant_id: int) -> Forgotten:
    """Delete a person's answers and take them off the plenary lists (undo history too).

    A list that changes gets a new version, so buttons on an older copy are refused; a
    vote on it stops, as its items moved under the votes. A change to the undo history
    alone changes nothing anyone sees."""
    gone = await _answers(conn, "a.participant_id = ?", (participant_id,))
    if not gone:
        return Forgotten()
    await conn.execute("DELETE FROM answers WHERE participant_id = ?", (participant_id,))
    kept = await _answers(conn, "a.workshop_id = ?", (workshop_id,))
    changed: list[Kolom] = []
    stopped: list[Kolom] = []
    rows = await conn.execute_fetchall(
        "SELECT * FROM plenary_drafts WHERE workshop_id = ? ORDER BY column_no", (workshop_id,)
    )
    for row in rows:
        draft = _draft(row)
        items = plenair.without_answers(draft.items, gone, kept)
        history = [plenair.without_answers(h, gone, kept) for h in draft.history]
        key = (workshop_id, int(draft.kolom))
        if tuple(history) != draft.history:
            await conn.execute(
                "UPDATE plenary_drafts SET history = ? WHERE workshop_id = ? AND column_no = ?",
                (_dump([[_stored(i) for i in h] for h in history]), *key),
            )
        if items == draft.items:
            continue
        changed.append(draft.kolom)
        if draft.voting:
            stopped.append(draft.kolom)
            await conn.execute("DELETE FROM votes WHERE workshop_id = ? AND column_no = ?", key)
        await conn.execute(
            "UPDATE plenary_drafts SET items = ?, version = version + 1, voting = 0"
            " WHERE workshop_id = ? AND column_no = ?",
            (_dump_items(items), *key),
        )
    return Forgotten(tuple(changed), tuple(stopped))


async def _forget_in_workshop(
    conn: _Writer, workshop_id: int, participant_id: int, user_id: int
) -> None:
    """Her votes, co-facilitation and place in a proposed split go; the history keeps
    what happened, without who."""
    await conn.execute(
        "DELETE FROM votes WHERE workshop_id = ? AND user_id = ?", (workshop_id, user_id)
    )
    await conn.execute(
        "UPDATE group_ready SET user_id = NULL WHERE workshop_id = ? AND user_id = ?",
        (workshop_id, user_id),
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
        "UPDATE events SET source = NULL WHERE workshop_id = ? AND source LIKE ?",
        (workshop_id, f"msg:{user_id}:%"),
    )
    # Reminders recorded before reasons were kept out of storage named people and quoted
    # answers in a reason; nothing reads it.
    await conn.execute(
        "UPDATE activity SET detail = json_remove(detail, '$.reason')"
        " WHERE workshop_id = ? AND json_type(detail, '$.reason') IS NOT NULL",
        (workshop_id,),
    )
    rows = await conn.execute_fetchall(
        "SELECT split_proposal FROM workshops WHERE id = ?", (workshop_id,)
    )
    if rows and rows[0]["split_proposal"]:
        groups = [
            [p for p in group if p != participant_id]
            for group in json.loads(rows[0]["split_proposal"])
        ]
        await conn.execute(
            "UPDATE workshops SET split_proposal = ? WHERE id = ?",
            (json.dumps(groups), workshop_id),
        )


async def _forget_updates(conn: _Writer, user_id: int) -> None:
    """Telegram's updates that name her: the ones handled in her private chat (their key
    holds her id) and any still in the inbox (they hold her name, id and words). An
    update in the inbox is in hand already; the inbox only keeps it for a crash."""
    await conn.execute("DELETE FROM handled_updates WHERE source LIKE ?", (f"msg:{user_id}:%",))
    rows = await conn.execute_fetchall("SELECT update_id, body FROM inbox")
    naming = [r["update_id"] for r in rows if _names(r["body"], user_id)]
    if naming:
        await conn.execute(
            f"DELETE FROM inbox WHERE update_id IN ({', '.join('?' * len(naming))})", naming
        )


def _names(body: str, user_id: int) -> bool:
    """Whether an update (as JSON) holds this Telegram id: a sender, a chat, a reply's
    author; an update that cannot be read is not kept for her sake either."""
    try:
        pending = [json.loads(body)]
    except ValueError:
        return str(user_id) in body
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            if value.get("id") == user_id:
                return True
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False
