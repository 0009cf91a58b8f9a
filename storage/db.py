"""The one object that owns the SQLite connection, and the schema migrations."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.backup import before_migration, snapshot_uri
from storage.migrations import MIGRATIONS

log = logging.getLogger(__name__)

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class SimulatedCrash(BaseException):
    """Raised by the crash seam: the process 'dies' here (tests only).

    A BaseException, so no ``except Exception`` on the way up can swallow it, just as
    nothing can catch a SIGKILL.
    """


class _Writer:
    """The write connection as a unit of work sees it: every write is counted, so a test
    can stop the process after the N-th one."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Cursor:
        cursor = await self._db._conn.execute(sql, tuple(params))
        self._db._count_write(sql)
        return cursor

    async def execute_fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        rows = await self._db._conn.execute_fetchall(sql, tuple(params))
        self._db._count_write(sql)
        return list(rows)


class Database:
    """An open SQLite file (WAL, foreign keys on) on the latest schema.

    Two connections: one writes, inside ``transaction()`` and under a lock, so one unit of
    work at a time; the other only reads, and in WAL mode it sees committed data only, so
    a reader never sees another task's half-done unit of work. Inside a transaction the
    task that holds it reads through the writer, and sees its own writes.
    """

    def __init__(self, conn: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self._conn = conn
        self._reader = reader
        self._write_lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None
        self._writer = _Writer(self)
        # The crash seam (tests): after this many more writes, SimulatedCrash.
        self.crash_after_writes: int | None = None
        self.crashed = False  # once 'dead', every later write fails as well
        self.writes = 0  # writes made through transactions, for the crash-point tests
        self._commit_listeners: list[Callable[[], None]] = []
        self._scrub = False  # rewrite the file after the current transaction commits

    @classmethod
    async def open(cls, path: str | Path) -> Database:
        """Open (or create) the file and bring its schema up to date; before a migration
        changes an existing file, a backup of it is made next to it (NotOurDatabase or
        SchemaTooNew when the file is not one this code may change)."""
        if str(path) != ":memory:":
            made = await asyncio.to_thread(before_migration, Path(path))
            if made is not None:
                log.warning("backup before the schema migration: %s", made)
        return await cls._connect(str(path))

    @classmethod
    async def open_snapshot(cls, path: str | Path) -> Database:
        """A copy of the file in memory, on the latest schema; the file itself is only
        read, so it may be read-only and in a read-only folder (for exports)."""
        uri, keep = await asyncio.to_thread(snapshot_uri, Path(path))
        try:
            return await cls._connect(uri, uri=True)
        finally:
            keep.close()

    @classmethod
    async def _connect(cls, path: str, **kwargs: Any) -> Database:
        conn = await aiosqlite.connect(path, isolation_level=None, **kwargs)
        reader: aiosqlite.Connection | None = None
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA busy_timeout=5000")
            # What is deleted is overwritten with zeros, not left in a free page; a
            # VACUUM (after forgetting someone) builds its copy in memory, not in /tmp.
            await conn.execute("PRAGMA secure_delete=ON")
            await conn.execute("PRAGMA temp_store=MEMORY")
            reader = await aiosqlite.connect(path, isolation_level=None, **kwargs)
            reader.row_factory = aiosqlite.Row
            await reader.execute("PRAGMA busy_timeout=5000")
            await reader.execute("PRAGMA foreign_keys=ON")
            await reader.execute("PRAGMA query_only=1")
            db = cls(conn, reader)
            await db.migrate()
        except BaseException:
            await conn.close()
            if reader is not None:
                await reader.close()
            raise
        return db

    async def close(self) -> None:
        """Close both connections."""
        await self._reader.close()
        await self._conn.close()

    def _holds_transaction(self) -> bool:
        return self._owner is not None and self._owner is asyncio.current_task()

    def _count_write(self, sql: str) -> None:
        if not sql.lstrip().upper().startswith(_WRITES):
            return
        self.writes += 1
        if self.crashed:
            raise SimulatedCrash("the process has stopped")
        if self.crash_after_writes is not None:
            self.crash_after_writes -= 1
            if self.crash_after_writes < 0:
                self.crash_after_writes = None
                self.crashed = True
                raise SimulatedCrash(f"stopped after write {self.writes}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_Writer]:
        """One write transaction: everything inside commits together or not at all.

        Nested inside a transaction of the same task (a use case's unit of work calling
        storage methods that each ask for a transaction) it joins the outer one, so the whole
        use case commits once. (No savepoint: a storage method that refuses raises before it
        writes, so there is nothing of its own to roll back.)
        """
        if self._holds_transaction():
            yield self._writer
            return
        async with self._write_lock:
            self._owner = asyncio.current_task()
            try:
                await self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._writer
                except BaseException:
                    # A crash, like a kill, leaves nothing half-written: the transaction
                    # is rolled back as SQLite does when the process dies.
                    self._scrub = False
                    await self._conn.execute("ROLLBACK")
                    raise
                else:
                    await self._conn.execute("COMMIT")
                    if self._scrub:
                        await self._scrub_file()
            finally:
                self._owner = None
        for listener in self._commit_listeners:
            listener()

    def scrub_after_commit(self) -> None:
        """Inside a transaction: once it commits, rewrite the file and empty the
        write-ahead log, so what it deleted is nowhere on disk any more (forgetting a
        person). Data deleted earlier, before secure_delete, goes with it."""
        assert self._holds_transaction(), "scrub_after_commit belongs inside a transaction"
        self._scrub = True

    async def _scrub_file(self) -> None:
        # Still under the write lock: no other write comes in between. VACUUM copies only
        # live rows; the TRUNCATE checkpoint moves them into the file and cuts the
        # write-ahead log (which still holds older copies of every page) to zero bytes.
        self._scrub = False
        await self._conn.execute("VACUUM")
        rows = await self._conn.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
        if rows and rows[0][0]:
            log.warning("the write-ahead log was in use and could not be emptied after "
                        "forgetting; it is emptied when the bot stops")  # fmt: skip

    async def writable(self, wait: float = 2.0) -> bool:
        """Whether a write could start now: the write lock is free within ``wait`` seconds
        and SQLite grants a write transaction (a health check; it writes nothing)."""
        try:
            await asyncio.wait_for(self._write_lock.acquire(), wait)
        except TimeoutError:
            return False
        try:
            await self._conn.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
            await self._conn.execute("BEGIN IMMEDIATE")
            await self._conn.execute("ROLLBACK")
            return True
        except sqlite3.Error:
            return False
        finally:
            with contextlib.suppress(sqlite3.Error):
                await self._conn.execute("PRAGMA busy_timeout=5000")
            self._write_lock.release()

    def on_commit(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every transaction that committed (it must not block)."""
        self._commit_listeners.append(listener)

    def _read_conn(self) -> aiosqlite.Connection:
        return self._conn if self._holds_transaction() else self._reader

    async def fetch_all(self, sql: str, params: tuple = ()) -> list[aiosqlite.Row]:
        """Read rows: committed data, or inside a transaction what it has written so far."""
        # One trip to the database thread (a cursor would take three).
        return list(await self._read_conn().execute_fetchall(sql, params))

    async def fetch_one(self, sql: str, params: tuple = ()) -> aiosqlite.Row | None:
        """Read one row (or None)."""
        rows = await self._read_conn().execute_fetchall(sql, params)
        return rows[0] if rows else None

    async def schema_version(self) -> int:
        """The number of the last migration applied to this file."""
        row = await self.fetch_one(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
        )
        if row is None:
            return 0
        row = await self.fetch_one("SELECT MAX(version) AS v FROM schema_migrations")
        return int(row["v"] or 0) if row else 0

    async def migrate(self) -> int:
        """Apply every migration this file lacks, each in its own transaction."""
        async with self.transaction() as conn:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL"
                " DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
            )
        current = await self.schema_version()
        for version, name, sql in MIGRATIONS:
            if version <= current:
                continue
            async with self.transaction() as conn:
                # executescript would COMMIT on its own; run statements one by one so a
                # failing migration rolls back whole.
                for statement in split_statements(sql):
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name)
                )
            log.info("schema migrated to version %d (%s)", version, name)
            current = version
        return current


def split_statements(script: str) -> list[str]:
    """Split a migration into whole statements as SQLite reads them.

    SQLite's own ``complete_statement`` decides where one ends, so a ';' inside a string,
    a comment or a trigger's BEGIN … END does not cut a statement in two.
    """
    statements: list[str] = []
    pending = ""
    for char in script:
        pending += char
        if char == ";" and sqlite3.complete_statement(pending):
            if _has_code(pending):
                statements.append(pending.strip())
            pending = ""
    if _has_code(pending):
        statements.append(pending.strip())
    return statements


def _has_code(sql: str) -> bool:
    code = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return bool(code.strip().strip(";").strip())
