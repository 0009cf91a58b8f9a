"""The lease: which bot process runs on this database (one at a time)."""

from __future__ import annotations

from storage.db import Database
from storage.models import Lease

_HOLDER = "host = ? AND pid = ? AND since = ?"


def _holder(lease: Lease) -> tuple[str, int, str]:
    return lease.host, lease.pid, lease.since


class LeaseQueries:
    db: Database

    async def writable(self) -> bool:
        """Whether the database takes writes now (for the health check)."""
        return await self.db.writable()

    async def read_lease(self) -> Lease | None:
        """Read who holds the lease, if anyone."""
        row = await self.db.fetch_one("SELECT host, pid, since, heartbeat FROM bot_lease")
        return Lease(**dict(row)) if row else None

    async def take_lease(self, lease: Lease, replacing: Lease | None) -> bool:
        """Take the lease when nobody holds it, or over from ``replacing`` (a holder found
        gone) as long as it did not renew meanwhile; False when another holds it."""
        async with self.db.transaction() as conn:
            if replacing is None:
                cursor = await conn.execute(
                    "INSERT INTO bot_lease (id, host, pid, since, heartbeat)"
                    " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    (*_holder(lease), lease.heartbeat),
                )
            else:
                cursor = await conn.execute(
                    "UPDATE bot_lease SET host = ?, pid = ?, since = ?, heartbeat = ?"
                    f" WHERE {_HOLDER} AND heartbeat = ?",
                    (*_holder(lease), lease.heartbeat, *_holder(replacing), replacing.heartbeat),
                )
        return cursor.rowcount == 1

    async def renew_lease(self, lease: Lease, now: str) -> bool:
        """Say the holder still runs; False when it no longer holds the lease."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                f"UPDATE bot_lease SET heartbeat = ? WHERE {_HOLDER}", (now, *_holder(lease))
            )
        return cursor.rowcount == 1

    async def release_lease(self, lease: Lease) -> None:
        """Give the lease up (the bot stops), if this holder still has it."""
        async with self.db.transaction() as conn:
            await conn.execute(f"DELETE FROM bot_lease WHERE {_HOLDER}", _holder(lease))
